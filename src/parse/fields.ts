/**
 * Role → field: the one table saying which field of an objective, a step or a
 * KPI a role fills and how its text is read (a date, a quantity, a target, a
 * list of codes, text). The binder applies candidates' fields through it, and
 * field provenance (`where.fields`, OCR `confidence`) is recorded from the same
 * entry, so the two cannot drift apart.
 */
import { italianHalf } from "../lexicon/language.js";
import type { BBox, Cell } from "../doc/source.js";
import { emptyKpi } from "../model/factory.js";
import type { DateValue, Kpi, Objective, Period, Step, Where } from "../model/schema.js";
import { isPlaceholder } from "../normalize/numbers.js";
import { looksLikeDate } from "../normalize/dates.js";
import { codeValue, isCode, isLetterCode, trailingCode } from "../lexicon/codes.js";
import { KPI_CATEGORY_WORDS, TIME_MEASURE, type Role } from "../lexicon/vocabulary.js";
import { dateOf, periodRange, quantityOf, targetOf } from "./values.js";
import { classify, personAndUnit } from "../lexicon/values.js";
import { wordCount } from "../util/text.js";

/** A value read for a role, with where it was read. */
export interface Field {
  role: Role | null;
  /** The text as printed (cleaned of markup). */
  raw: string;
  /** The label it stood under (header or card label), for `extra` keys. */
  label: string;
  /** A year the label names ("Target 2025"). */
  year: number | null;
  cell: Cell | null;
  page: number | null;
  /** A date already read (a cronoprogramma's marked period), for date roles; else `raw` is read. */
  date?: DateValue;
}

type Reader = "text" | "date" | "quantity" | "target" | "code" | "links";

interface FieldSpec {
  field: string;
  read: Reader;
}

const OBJECTIVE: Partial<Record<Role, FieldSpec>> = {
  code: { field: "id", read: "code" },
  objective: { field: "title", read: "text" },
  title: { field: "title", read: "text" },
  description: { field: "description", read: "text" },
  unit: { field: "unit", read: "text" },
  owner: { field: "owner", read: "text" },
  publicValue: { field: "publicValue", read: "text" },
  status: { field: "status", read: "text" },
  weight: { field: "weight", read: "quantity" },
  yearWeight: { field: "weight", read: "quantity" },
  due: { field: "due", read: "date" },
  links: { field: "links", read: "links" },
};

const STEP: Partial<Record<Role, FieldSpec>> = {
  code: { field: "id", read: "code" },
  step: { field: "title", read: "text" },
  title: { field: "title", read: "text" },
  objective: { field: "title", read: "text" },
  start: { field: "start", read: "date" },
  due: { field: "due", read: "date" },
  actualStart: { field: "actualStart", read: "date" },
  actualEnd: { field: "actualEnd", read: "date" },
  weight: { field: "weight", read: "quantity" },
  yearWeight: { field: "yearWeight", read: "quantity" },
  progress: { field: "progress", read: "quantity" },
  owner: { field: "owner", read: "text" },
  unit: { field: "unit", read: "text" },
};

const KPI: Partial<Record<Role, FieldSpec>> = {
  indicator: { field: "name", read: "text" },
  kpiType: { field: "type", read: "text" },
  measure: { field: "measure", read: "text" },
  target: { field: "target", read: "target" },
  actual: { field: "actual", read: "target" },
  source: { field: "source", read: "text" },
  note: { field: "note", read: "text" },
};

export const FIELD_TABLE = { objective: OBJECTIVE, step: STEP, kpi: KPI } as const;
export type RecordKind = keyof typeof FIELD_TABLE;

/** Roles that belong to an indicator. */
export const KPI_ROLES = new Set<Role>(["indicator", "kpiType", "measure", "target", "actual", "source"]);

type Rec = Record<string, unknown> & { where?: Where; confidence?: Record<string, number>; extra?: Record<string, string> };

/**
 * Applies one field to a record: the first value of a field wins (a card's
 * value over a later summary's), except where noted. Returns the field name
 * filled, or null when the value went to `extra` or nowhere.
 */
export function applyField(kind: RecordKind, rec: Rec, f: Field, period: Period | null): string | null {
  // (A value printed with its translation, "Servizi sociali / Sozialdienste": the Italian.)
  const v = italianHalf(f.raw.trim());
  if (!v || isPlaceholder(v)) return null;
  const spec = f.role ? FIELD_TABLE[kind][f.role] : undefined;
  if (!spec) {
    if (kind !== "kpi" && f.label && f.role !== "month") (rec.extra as Record<string, string>)[labelKey(f.label)] = v;
    return null;
  }
  const key = spec.field;
  switch (spec.read) {
    case "code":
      if (rec[key] === null) rec[key] = codeValue(v);
      return key;
    case "text":
      // An objective's title cell holding only a code is its id.
      if (key === "title" && isCode(v) && kind !== "kpi") {
        if (rec.id === null) rec.id = codeValue(v);
        return "id";
      }
      // A title in capitals, then the objective described in sentence case ("SEMPLIFICAZIONE DEI CONCORSI
      // Revisione del regolamento …"): the title, and the description.
      const caps = key === "title" && kind === "objective" && rec.title === null ? CAPS_THEN_TEXT.exec(v) : null;
      if (caps && (rec as Objective).description === null) {
        rec.title = caps[1]!;
        (rec as Objective).description = caps[2]!;
        return key;
      }
      // A title closed by its code ("Telemedicina in farmacia (rif. FC-1)"): each to its field.
      const tail = key === "title" && kind !== "kpi" && rec.id === null ? trailingCode(v) : null;
      if (tail) {
        rec.id = tail.code;
        if (rec.title === null) rec.title = tail.title;
        return key;
      }
      if ((key === "owner" || key === "unit") && kind !== "kpi") {
        // "Viabilità e Trasporti – Dirigente: ing. …": the unit, then its head under their role's label.
        // (Long texts are no unit or owner cell: the expressions below are asked of short values only.)
        const head = key === "unit" && v.length <= LABELLED_MAX ? UNIT_THEN_HEAD.exec(v) : null;
        if (head) {
          if (rec.unit === null) rec.unit = head[1]!;
          if (rec.owner === null) rec.owner = ownerName(head[2]!);
          return key;
        }
        // A person and their unit printed in one value: each to its field.
        const pu = personAndUnit(v);
        if (pu) {
          if (rec.owner === null) rec.owner = pu.person;
          if (rec.unit === null) rec.unit = pu.unit;
          return key;
        }
      }
      if (kind === "kpi" && key === "name") {
        // "beneficiari controllati sul totale — target ≥ 20%": the indicator's name, then its target.
        const t = NAME_THEN_TARGET.exec(v);
        if (t && rec.name === null) {
          rec.name = t[1]!;
          if ((rec as Kpi).target === null) (rec as Kpi).target = targetOf(t[2]!.replace(/\.$/, ""), period);
          return key;
        }
      }
      if (key === "owner" && kind !== "kpi") {
        // "Dirigente: X; Referente: Y": the head is the owner, the second person stays under their label.
        const m = v.length <= LABELLED_MAX ? LABELLED_OWNER.exec(v) : null;
        if (m) {
          // (The head's role label printed, or only the second person's: "dott. X; Referente: Y".)
          const [head, label, other] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4]!, m[5], m[6]];
          if (rec.owner === null) rec.owner = head;
          if (label && other && rec.extra) rec.extra[labelKey(label)] ??= other;
          return key;
        }
      }
      if (rec[key] === null) rec[key] = key === "owner" ? ownerName(v) : v;
      if (kind === "kpi" && key === "name" && KPI_CATEGORY_WORDS.test(v)) (rec as Kpi).type ??= v;
      return key;
    case "date": {
      // A period "dal 01/02/2025 al 30/04/2025" in a deadline's place: its start and its end.
      const span = (key === "due" || key === "start") && "start" in rec && !f.date ? PERIOD_SPAN.exec(v) : null;
      if (span && looksLikeDate(span[1]!) && looksLikeDate(span[2]!)) {
        if (rec.start === null) rec.start = dateOf(span[1]!.trim(), period);
        if (rec.due === null) rec.due = dateOf(span[2]!.trim(), period);
        return key;
      }
      // A span of months or quarters ("gen-mar", "II-III trim."): its start and its end.
      const range = (key === "due" || key === "start") && "start" in rec && !f.date ? periodRange(v, period) : null;
      if (range) {
        if (rec.start === null) rec.start = range.start;
        if (rec.due === null) rec.due = range.due;
        return key;
      }
      if (rec[key] === null) rec[key] = f.date ? { ...f.date } : (dayMonthDotted(v, period) ?? dateOf(v, period));
      return key;
    }
    case "quantity":
      if (rec[key] === null) rec[key] = quantityOf(v);
      return key;
    case "target":
      if (key === "actual" && f.year !== null) {
        const k = rec as Kpi;
        k.history ??= {};
        k.history[String(f.year)] = v;
        return "history";
      }
      if (rec[key] === null) rec[key] = targetOf(v, period);
      return key;
    case "links": {
      const o = rec as Objective;
      for (const c of extractCodes(v)) if (!o.links.includes(c)) o.links.push(c);
      // Keep the label's text when it says more than the codes.
      if (!isCodeList(v) && !isLetterCode(v) && f.label) o.extra[labelKey(f.label)] = v;
      return key;
    }
  }
}

/**
 * "30.09", "31.01" in a deadline's place: a day and a month with no year, dotted (elsewhere such a pair is
 * read as a code or a number: "12.07" of a budget's mission and programme). The plan's year, as for "30/09".
 */
function dayMonthDotted(v: string, period: Period | null): DateValue | null {
  const m = /^(\d{2})\.(\d{2})$/.exec(v);
  if (!m || +m[1]! < 1 || +m[1]! > 31 || +m[2]! < 1 || +m[2]! > 12) return null;
  const d = dateOf(`${m[1]}/${m[2]}`, period);
  return d && d.iso !== null ? { ...d, raw: v } : null;
}

/** Three words or more in capitals, then a sentence opening with a capital over lower case (three words or more). */
const CAPS_THEN_TEXT = /^((?:[\p{Lu}\d][\p{Lu}\d'’.,:;/()–-]*\s+){2,}[\p{Lu}\d][\p{Lu}\d'’.,/()–-]*)\s+(\p{Lu}\p{Ll}+(?:\s+\S+){2,})$/u;

/** Words of a label, for the `extra` key (as printed, white space folded). */
export function labelKey(label: string): string {
  return label.replace(/\s+/g, " ").replace(/[:\s]+$/, "").trim();
}

const LINK_CODE_RE = /\b[A-Z]{0,6}[_.]?\d+[A-Z]?(?:[_.]\d+[A-Z]?)*\b/g;

function extractCodes(v: string): string[] {
  if (isCodeList(v)) return v.split(/[;,:\s]+/).filter(Boolean);
  // A strategic area's letter alone ("A", "B)"): the upper level's code.
  if (isLetterCode(v)) return [v.trim().replace(/[.)]$/, "")];
  // A list some of whose items a scan damaged ("1A; 1B; SA; 6A"): the items that still read as codes.
  const items = v.split(/\s*[;,]\s*/).filter(Boolean);
  if (items.length >= 2 && items.every((p) => p.length <= 12 && !/\s/.test(p))) {
    const codes = items.filter((p) => (p.match(LINK_CODE_RE)?.[0] ?? "") === p);
    if (codes.length >= items.length / 2) return codes;
  }
  // "DUP_04_1201 Equità abitativa": the leading code.
  const m = /^\s*([A-Za-z]{0,6}[_.]?\d+[A-Za-z]?(?:[_.]\d+[A-Za-z]?)*)\b/.exec(v);
  if (m) return [m[1]!];
  // "OS 1 – Semplificazione e trasparenza": capitals, a space, a number, then a dash or a colon before the title.
  const spaced = /^\s*(\p{Lu}{1,6} \d{1,3}(?:[._]\d{1,3})*)\s*(?:[–—:-]\s|$)/u.exec(v);
  return spaced ? [spaced[1]!] : [];
}

function isCodeList(v: string): boolean {
  const parts = v.split(/[;,:]\s*|\s+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.length <= 20 && (p.match(LINK_CODE_RE)?.[0] ?? "") === p);
}

/** An indicator measured in time has its deadline in the target cell, date or not. */
export function dueFromKpi(k: Kpi): Step["due"] {
  // Measured in time: its measure, type or short name says so, or its target is a deadline ("entro il 30/11/2026").
  const timed = [k.measure, k.type, k.name].some((t) => t !== null && TIME_MEASURE.test(t) && wordCount(t) <= 4) || (k.target?.kind === "date" && k.target.date?.iso != null && /^\s*entro\b/i.test(k.target.raw ?? ""));
  if (!timed || !k.target?.raw) return null;
  // A threshold on a duration ("≤ 25" for "Tempo medio di risposta") is a figure, not a deadline.
  if ((k.target.kind === "number" || k.target.kind === "percent") && k.target.value !== null && k.target.comparator !== null) return null;
  return k.target.date ?? { raw: k.target.raw, iso: null, precision: "none" };
}

/** A person's role in brackets after their name ("ing. M. Rossi (dirigente Settore Tecnico)"): the name is the owner. */
const ROLE_IN_BRACKETS = /^(.+?\S)\s*\((?:dirigente|responsabile|direttore|direttrice|titolare|coordinatore|coordinatrice|funzionari[oa]|referente|p\.?\s?o\.?|e\.?\s?q\.?|incaricat[oa])\b[^()]*\)$/i;

/** Words opening a bracket that names who else does the work, not the person's office. */
const SHARED_WORK = /^(?:con|in|insieme|e|ed|per|tra|fra|d'intesa|di concerto)\b/i;
/** A bracket closing a value: what it holds, and the text before it. */
// (Or a bracket a line break left open, its rest on the next line: "Ing. D. Orrù (Consigliere delegato alla".)
const CLOSING_BRACKET = /^(.+?\S)\s*\(([^()\d]{2,60})\)?$/u;

/** Characters at most of a unit or owner value read for a head named by their role's label. */
const LABELLED_MAX = 300;

/** A unit's name, a dash or a semicolon, then its head under their role's label ("Settore X – Dirigente: ing. …"). */
const UNIT_THEN_HEAD = /^(.*?\S)\s*(?:[–—;|]|\s-)\s*(?:dirigente|responsabile|direttore|direttrice|titolare(?:\s+(?:eq|po))?)\s*:\s*(\S.*)$/iu;

/** An owner's value naming the head by their role's label, maybe a second person by theirs ("Dirigente: …; Referente: …"). */
const LABELLED_OWNER = /^(?:(?:dirigente|responsabile|direttore|titolare(?:\s+(?:di\s+)?(?:eq|po|p\.o\.))?)\s*:\s*(.+?)(?:\s*[;,]?\s+(referente|collaborator[ei]|incaricat[oa]|supporto|sostituto)\s*:\s*(.+))?|(.+?)\s*[;,]?\s+(referente|collaborator[ei]|incaricat[oa]|supporto|sostituto)\s*:\s*(.+))$/iu;

function ownerName(v: string): string {
  const m = ROLE_IN_BRACKETS.exec(v);
  if (m) return m[1]!;
  // A person named with their title, then their office in brackets ("arch. T. Vezzani (Consigliere Segretario)").
  const b = CLOSING_BRACKET.exec(v);
  // A bracket naming others who share the work ("(con il Servizio Viabilità)", "(in collaborazione con …)") stays.
  if (b) return classify(b[1]!) === "person" && !SHARED_WORK.test(b[2]!) ? b[1]! : v;
  // A person and their role, or a note of who helps, set off by a dash or a comma ("Sig.ra N. Cescon –
  // assistente amministrativa", "Direttrice amministrativa, Dott.ssa L. Rampazzo", "Dott. R. Pilotto,
  // coadiuvato dalla Commissione Erasmus"): the person. (A unit beside them is a field of its own, read apart.)
  const parts = v.length <= 120 ? v.split(ROLE_SEPARATOR) : [];
  if (parts.length === 2) {
    const [a, c] = [classify(parts[0]!), classify(parts[1]!)];
    if (a === "person" && c !== "person" && c !== "unit") return parts[0]!;
    if (c === "person" && a !== "person" && a !== "unit" && wordCount(parts[0]!) <= 4) return parts[1]!;
  }
  return v;
}

/** Between a person and their role or a helper's note: a spaced dash or a comma. */
const ROLE_SEPARATOR = /\s+[–—-]\s+|,\s+/;

/** An indicator's name, a dash, and its target named ("… — target ≥ 20%", "… – valore atteso: 150"). */
const NAME_THEN_TARGET = /^(.*?\S)\s+[–—-]\s+(?:target|valore\s+atteso|valore\s+obiettivo)\s*:?\s*(\S.*)$/iu;

/** "dal 01/02/2025 al 30/04/2025", "Periodo: dal … al …", "03/03/2025 al 30/06/2025": a start and an end. */
const PERIOD_SPAN = /^(?:[\p{L} ]{2,20}:\s*)?(?:dal\s+)?(\S.*?)\s+al\s+(.+?)\.?$/iu;

const TARGET_EXPR = /^\s*[a-z]{0,3}\s*(?:[<>≤≥]=?|=)\s*\d[\d.,]*\s*[a-z%€]{0,6}\s*$/i;

/**
 * A KPI finished: a threshold alone in the indicator cell is its target too;
 * converters fuse a measure with its target ("Tempo previsto 30 Giugno 2024").
 */
export function finishKpi(k: Kpi, period: Period | null): void {
  // "Carta dei servizi approvata (indicatore temporale)": the bracket names the indicator's type.
  if (k.name !== null && k.type === null) {
    const b = /^(.*\S)\s*\((?:indicatore\s+|tipo(?:logia)?\s*:\s*)?([^()]+)\)$/i.exec(k.name);
    if (b && KPI_CATEGORY_WORDS.test(b[2]!.trim())) {
      k.name = b[1]!;
      k.type = b[2]!.trim();
    }
  }
  if (k.target === null && k.measure !== null) {
    if (TARGET_EXPR.test(k.measure)) {
      k.target = targetOf(k.measure, period);
      k.measure = null;
    } else {
      const m = /^(.*?\S)\s+((?:entro\s+(?:il\s+)?)?\d{1,2}[°º]?\s+\p{L}+\s+\d{4}|(?:entro\s+(?:il\s+)?)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|[<>≤≥]=?\s*\d[\d.,]*\s*%?)$/iu.exec(k.measure);
      const target = m ? targetOf(m[2]!, period) : null;
      if (m && target && target.kind !== "text") {
        k.measure = m[1]!;
        k.target = target;
      }
    }
  }
  if (k.target === null && k.name !== null && TARGET_EXPR.test(k.name)) k.target = targetOf(k.name, period);
  // An indicator and its target told in one sentence, no target of its own: "Tempo medio di pagamento ≤ 30
  // giorni", "Richieste evase entro 15 giorni: almeno 80%", "N. controlli effettuati / programmati = 100%".
  if (k.target === null && k.name !== null && /\d/.test(k.name) && THRESHOLD_CUE.test(k.name)) {
    const m = NAME_THEN_THRESHOLD.exec(k.name);
    const target = m ? targetOf(m[2]!, period) : null;
    if (m && target && target.value !== null) {
      k.name = m[1]!;
      k.target = target;
    }
  }
}

/** A comparator's sign or word somewhere in a text (asked before the costlier expression below). */
const THRESHOLD_CUE = /[<>≤≥=]|almeno|non\s|pari\s/i;

/**
 * A name of two words at least, then a comparator (a sign, or "almeno", "non superiore a", "non oltre", "pari
 * a") and a number with its unit, closing the text. ("entro 15 giorni" inside the name is the name's.)
 */
const NAME_THEN_THRESHOLD = /^(\p{L}[^:]*?\S\s+\S[^:]*?)(?:\s*:\s*|\s+)((?:[<>≤≥]=?|=|almeno|non\s+(?:superiore|inferiore|maggiore|minore)\s+a|non\s+oltre|pari\s+a)\s*\d[\d.,]*\s*(?:%|€|[\p{L}]{1,12}(?:\s+\p{L}{1,12})?)?)\.?$/iu;

export function newKpi(): Kpi {
  return emptyKpi();
}

function union(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Records one cell as the source of `field`: its box (on the record's own
 * page; `where.fields` shares `where.page`) and, for OCR, its confidence
 * (the lowest of the cells feeding one field: a reviewer checks the weakest read).
 */
export function traceCell(rec: Rec, field: string, cell: Cell | null, page: number | null): void {
  if (!cell || !cell.text) return;
  if (cell.bbox && rec.where && rec.where.page === page) {
    // A fresh object each time: records opened from one row may share their `where`.
    const prev = rec.where.fields?.[field];
    rec.where = { ...rec.where, fields: { ...rec.where.fields, [field]: prev ? union(prev, cell.bbox) : cell.bbox } };
  }
  if (cell.conf !== undefined) {
    const conf = (rec.confidence ??= {});
    conf[field] = Math.min(conf[field] ?? 100, Math.round(cell.conf * 10) / 10);
  }
}
