/**
 * Cards: one objective told as labelled values rather than a table row.
 *
 *   table card       key/value rows (`Codice | 132`, `Titolo | …`, `LABEL⇥value`),
 *                    with or without a generic `Campo | Valore` header;
 *   label card       `Label: value` lines, a label alone with its value below,
 *                    several labels in one paragraph (bold inline labels);
 *   paragraph card   a heading or a line opening the objective (`Obiettivo 3 –
 *                    Titolo`, `OBIETTIVO N. 4`, a bold title, a code line),
 *                    with the label groups and the title line that follow it.
 *
 * A card's labels fill the objective; indicator labels make its KPIs
 * (`Indicatore 1 | Target 1 | Indicatore 2 …`, each indicator opening one).
 * Label groups naming only a unit and a person, outside a card, are a section
 * (the unit of the objectives that follow).
 */
import type { Block, LabelItem, LabelsBlock, ListBlock, TableBlock } from "../../doc/blocks.js";
import { codeAtEnd, codeValue, isCode, isUnderCode, trailingCode } from "../../lexicon/codes.js";
import { matchRole, mayOpenLabels, normalizeLabel, roleVotes } from "../../lexicon/match.js";
import { classify } from "../../lexicon/values.js";
import { HIGHER_OBJECTIVE, KIND_CUES, KIND_HEADING, NUMBER_SIGN, OBJECTIVE_ABBREVIATION, type Role } from "../../lexicon/vocabulary.js";
import { labelLine } from "../../blocks/lines.js";
import { looksLikeDate } from "../../normalize/dates.js";
import { wordCount, isCapitals } from "../../util/text.js";
import { candidate, whereOf, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { KPI_ROLES, type Field } from "../fields.js";
import { readInline } from "../inline.js";
import { hasDeadline, readProse, splitDeadline, stepFields, stepItems, titleAndProse } from "../prose.js";
import { captionSays } from "./shared.js";
import { documentCache } from "../per-document.js";

export const CARD_SETTINGS = {
  /** A card that names its objective (code, title). */
  opens: 0.75,
  /** A paragraph or heading opening a card. */
  paragraph: 0.8,
  /** Labels adding to the objective a card opened. */
  adds: 0.6,
  /** Labels naming only a unit and its head: a section. */
  section: 0.6,
  /** Level of a section a label group opens (below headings and a table's group rows). */
  sectionLevel: 8,
  /** Objective fields a label group needs to make a heading above it the card's title. */
  minFieldsForTitle: 2,
  /** Words a heading repeating an objective's title needs to reopen it (shorter ones may name a unit). */
  repeatedTitleMinWords: 3,
  /** A label's vocabulary score, at least (a colon or a cell boundary already says it is a label). */
  labelScore: 0.7,
  /** Words of a caption naming an objective's steps or indicators before its code ("Indicatori –"). */
  captionMaxWords: 6,
  /** Words at most in a plain line taken for the title over an objective's labels. */
  plainTitleMaxWords: 20,
  /** Words at least in a paragraph of running prose (sentences telling fields, not a line of them). */
  proseMinWords: 25,
  /** Fields prose after an opener's title must tell to be read as the objective's (steps count as one). */
  minProseFields: 2,
  /** A title sentence over labelled prose: at most this many words, … */
  titledProseMaxWords: 25,
  /** … and the prose names this many of the objective's fields. */
  titledProseFields: 3,
  /** An objective, title or code label opens a card only when it is a sure term. */
  openingScore: 0.9,
  /** Label groups one card may be drawn in, one under another. */
  cardGroups: 4,
  /** A table's column counts among an objective's fields below a numbered title when its role is this sure (not a guess from values alone). */
  fieldColumnConfidence: 0.7,
};

const OPENING = new Set<Role>(["objective", "title", "code"]);
/** A value that is only a counter: "n. 1", "n° 3", "nr. 12". */
const COUNTER_ONLY = new RegExp(String.raw`^${NUMBER_SIGN}\s*(\d+[a-z]?)\.?$`, "iu");
/** A run of underscores closing a text: a blank to fill in by hand. */
const BLANK = /_{3,}\s*$/;
/** What a heading after an objective's code may announce instead of its title: its steps. */
const CAPTION_STEPS = new Set(["step"]);

/** Fields only an objective has: a card holding one is no step. */
const OBJECTIVE_ONLY = new Set<Role>(["objective", "indicator", "target", "kpiType", "measure", "source", "actual", "links", "publicValue"]);
const OBJECTIVE_FIELDS = new Set<Role>(["unit", "owner", "weight", "yearWeight", "due", "description", "status", "links", "publicValue", "indicator", "target", "kpiType", "measure", "source", "actual"]);

function field(role: Role | null, raw: string, label: string, it: LabelItem, year: number | null = null): Field {
  return { role, raw, label, year, cell: it.cell, page: it.row.page };
}

/**
 * Label items → fields. An objective label carrying a code and a title
 * ("Obiettivo operativo: 3.2 – Welfare …", "OBIETTIVO | N. 3") gives both; of
 * several objective labels in one card, the higher levels (strategico,
 * specifico, di mandato) are links and extras, the most specific is the title.
 */
const fieldsMemo = documentCache<readonly LabelItem[], Field[]>();

export function labelFields(items: readonly LabelItem[]): Field[] {
  let f = fieldsMemo.get(items);
  if (!f) fieldsMemo.set(items, (f = computeLabelFields(items)));
  return f;
}

function computeLabelFields(items: readonly LabelItem[]): Field[] {
  const out: Field[] = [];
  // "Titolo. Ampliamento dell'offerta di corsi …" as the objective's value, no description labelled apart: the
  // first sentence titles it, the sentences after it describe it.
  const described = items.some((it) => it.value && roleOf(it.label)?.role === "description");
  const titleFields = (value: string, it: LabelItem, role: Role = "title"): Field[] => {
    const told = described ? null : titleAndProse(value);
    return told ? [field(role, told.title.replace(/\.$/, ""), it.label, it), field("description", told.prose, it.label, it)] : [field(role, value, it.label, it)];
  };
  // Each valued item's label read once: the objective items are picked by it, and the fields made from it.
  const roles = items.map((it) => (it.value ? roleOf(it.label) : null));
  // "OBIETTIVO OPERATIVO | n. 1", a card's banner: the objective's number, not its title — its code when the card
  // names none other.
  const counted = (i: number) => (roles[i]?.role === "objective" || roles[i]?.role === "title") && COUNTER_ONLY.test(items[i]!.value);
  const coded = items.some((it, i) => it.value && roles[i]?.role === "code");
  const objectiveItems = items.filter((it, i) => it.value && roles[i]?.role === "objective" && !counted(i));
  const titled = objectiveItems.length > 1 ? objectiveItems.filter((it) => !HIGHER_OBJECTIVE.test(it.label)) : objectiveItems;
  for (let i = 0; i < items.length; i++) {
    let it = items[i]!;
    if (!it.value) continue;
    // A blank to fill in by hand after the label, or as the value ("Il Dirigente ________ | Il Segretario Generale
    // ________", "Responsabile: ______"): a form's field nobody filled in, no value.
    if (BLANK.test(it.label) || BLANK.test(it.value)) continue;
    // "OBIETTIVO N. 3 | Titolo": the label carries the objective's code, the value is its title.
    const numbered = it.label ? numberedOpener(it.label) : null;
    if (numbered && !numbered.title) {
      out.push(field("code", numbered.code, it.label, it), ...titleFields(it.value, it));
      continue;
    }
    if (counted(i)) {
      if (!coded) out.push(field("code", COUNTER_ONLY.exec(it.value)![1]!, it.label, it));
      continue;
    }
    const m = roles[i];
    let role: Role | null = m?.role ?? null;
    // "ID | 10231 – Cod. UC.OO.01": a software's record number beside the code its users read, labelled in the
    // value: the labelled code is the objective's, the number stays with its own label.
    const inner = role === "code" ? INNER_CODE.exec(it.value) : null;
    if (inner && isCode(inner[2]!)) {
      out.push(field("extra", inner[1]!, it.label, it), field("code", codeValue(inner[2]!), it.label, it));
      continue;
    }
    // (Or after it in brackets: "2026/VIA/01 [ID 5521]".)
    const tailId = role === "code" || role === "objective" ? ID_TAIL.exec(it.value) : null;
    if (tailId && tailId.index > 0) {
      out.push(field("extra", tailId[1]!, "ID", it));
      it = { ...it, value: it.value.slice(0, tailId.index).trim() };
    }
    // Only a sure label names the objective ("Obiettivo", "Codice obiettivo"); "OBIETTIVO LAVORO 5.0: …" is a field of its own.
    if (m && OPENING.has(m.role) && m.score < CARD_SETTINGS.openingScore) role = "extra";
    // A code label over something that is no code ("Rif: Art. 20 …") is no code.
    if (role === "code" && !codeAndTitle(it.value).code) role = "extra";
    if (role === "objective" && objectiveItems.length > 1 && !titled.includes(it)) {
      // A higher objective named beside the card's own: its code is a link, its words an extra field.
      const higher = codeAndTitle(it.value);
      if (higher.code) out.push(field("links", higher.code, it.label, it));
      if (higher.title) out.push(field(null, it.value, it.label, it));
      continue;
    }
    if (role === "objective" || role === "code" || role === "title") {
      // (A code printed after the title, "… – rif. 2.4", "… (cod. OB-12)", as well as before it.)
      const after = role !== "code" ? trailingCode(it.value) : null;
      const split = after ?? codeAndTitle(it.value);
      // "L'obiettivo BF.04 non è articolato in fasi.": a remark on an objective, no card of it.
      if (SENTENCE_LEAD.test(it.label.replace(/^[-–•*\s]+/, "")) && (/^\p{Ll}/u.test(split.title || it.value) || /^\S+\s+\p{Ll}/u.test(it.value))) {
        out.push(field("extra", it.value, it.label, it));
        continue;
      }
      if (split.code) out.push(field("code", split.code, it.label, it));
      if (split.title) out.push(...(role === "objective" || role === "title" ? titleFields(split.title, it, role) : [field("title", split.title, it.label, it)]));
      continue;
    }
    // "Settore Territorio" in one cell, no colon: the unit's word is part of its name.
    // A longer label than the unit's word is a name of its own ("Settore servizi generali: Area Finanziaria"): the whole line.
    // "Settore Territorio" in one cell: a word that opens unit names is part of the name, not a label before it.
    const sameCell = it.cell !== null && it.cell.text.length > it.label.length + 1 && it.cell.text.startsWith(it.label);
    const rest = it.cell?.text.slice(it.label.length) ?? "";
    // "SETTORE Polizia Locale": a label in capitals before a value that is not is set apart by its type.
    const capsLabel = it.label === it.label.toUpperCase() && /\p{Ll}/u.test(rest);
    const nameWord = classify(it.label) === "unit" && !/^\s*[:.–-]/.test(rest) && !capsLabel;
    if (role === "unit" && sameCell && (m!.score < 0.95 || nameWord)) {
      out.push(field("unit", it.cell!.text.trim(), it.label, it));
      continue;
    }
    // (A code spaced as "OS 1 – Semplificazione …" opens its value as well as "OS1" does.)
    if (role === "links" && !isCode(it.value.split(/[\s;,–—-]/)[0] ?? "") && !codeAndTitle(it.value).code) {
      out.push(field("extra", it.value, it.label, it));
      continue;
    }
    // A label leaning to the links ("Collegamento al …") over a list of codes is the links.
    if (role === null && roleVotes(it.label)[0]?.role === "links" && it.value.split(/\s*[;,]\s*/).every((x) => isCode(x))) role = "links";
    // A label the vocabulary keeps apart ("Stato di attuazione") over a status word is the objective's status.
    if ((role === "extra" || role === null) && classify(it.value) === "status") role = "status";
    out.push(field(role, it.value, it.label, it, m?.year ?? null));
  }
  return out;
}

function roleOf(label: string) {
  return label ? matchRole(label.replace(/\s*\d+$/, "").trim() || label, CARD_SETTINGS.labelScore) : null;
}

/** "3.2 – Welfare di comunità", "N. 3 Titolo", "2026_S01_01": a code before a title, or a code alone. */
export function codeAndTitle(value: string): { code: string | null; title: string } {
  const v = value.trim();
  if (isCode(v) && !looksLikeDate(v)) return { code: codeValue(v), title: "" };
  // "OA 2.1 – Titolo", "OS 2 Titolo": letters, a space, a number.
  // Capitals, as codes' letters are; a year is no code's number ("PIAO 2025"). (The dash may touch the code, "OS 1-
  // Titolo", as a scan reads a narrow space.)
  const spaced = /^([A-Z]{1,4} (?!(?:19|20)\d\d\b)\d{1,4}(?:[._-]\d{1,4})*)\.?(?:\s*[–—:-]\s+|\s+)(\p{Lu}.*)$/u.exec(v);
  if (spaced && isCode(spaced[1]!)) return { code: spaced[1]!, title: spaced[2]!.trim() };
  const m = /^(?:(?:n|nr|num|numero)\s*[.°º]?\s*)?(\S{1,24}?)[.:]?\s+(?:[–—-]\s+)?(.+)$/i.exec(v);
  if (m && isCode(m[1]!) && /\d/.test(m[1]!) && !/^(19|20)\d\d$/.test(m[1]!) && !looksLikeDate(m[1]!) && /^[\p{Lu}"«'(]/u.test(m[2]!)) {
    // A bare number is a code only with a separator after it ("3 – Titolo", "3. Titolo"), not "3 incontri".
    if (/[._/-]/.test(m[1]!) || /^(?:n|nr|num|numero)\b/i.test(v) || /^\S+(?:[.:]|\s+[–—-])\s/.test(v)) return { code: codeValue(m[1]!), title: m[2]!.trim() };
  }
  // "IV. Educazione ambientale con le scuole", "B) Titolo …": a Roman numeral or a capital letter numbering a title
  // of a few words (an initial, "V. Bianchi", heads a name alone).
  const lettered = /^([IVX]{1,4}|[A-MO-Z])[.)]\s+(\p{Lu}\S*(?:\s+\S+){2,})$/u.exec(v);
  if (lettered) return { code: lettered[1]!, title: lettered[2]!.trim() };
  return { code: null, title: v };
}

/** How many different roles of the set the fields fill (a role repeated down a table counts once). */
const has = (fields: readonly Field[], roles: ReadonlySet<Role>) => new Set(fields.filter((f) => f.role !== null && roles.has(f.role)).map((f) => f.role)).size;

/**
 * A card's `Fasi` value listing the steps ("F1.1 – … – entro 31.03.2025 –
 * peso 30%" a line each, "1) … entro …; 2) …"): the steps, children of the
 * card's objective, and the card's fields without that value.
 */
export function cardSteps(items: readonly LabelItem[], fields: readonly Field[], at: number, parent: Candidate): { own: Field[]; steps: Candidate[] } {
  const steps: Candidate[] = [];
  const listed = new Set<string>();
  for (const it of items) {
    if (!it.value || roleOf(it.label)?.role !== "step") continue;
    const markers: string[] = [];
    const list = stepItems(it.value, it.cell?.paras, true, markers) ?? (hasDeadline(it.value) ? [it.value] : null);
    if (!list) continue;
    listed.add(it.value);
    for (const [k, item] of list.entries()) {
      const fs: Field[] = stepFields(item).map((x) => ({ role: x.role, raw: x.raw, label: "", year: null, cell: it.cell, page: it.row.page }));
      // "1) Programmazione … – 31/03/2025; 2) …": each step numbered by its enumerator, as printed.
      const marker = markers.length === list.length ? markers[k] : undefined;
      if (marker && !fs.some((x) => x.role === "code")) fs.unshift({ role: "code", raw: marker, label: "", year: null, cell: it.cell, page: it.row.page });
      steps.push(candidate("step", at, whereOf(it.where), fs, { parent }));
    }
  }
  return { own: fields.filter((f) => !(f.role === "step" && listed.has(f.raw))), steps };
}

/**
 * A label group set between two parts of one list (a table goes on under it, its header the part's above, within
 * a few blocks): the fields of the record above it, not a section over the records below.
 */
function insideList(doc: DocView, at: number): boolean {
  for (let k = at + 1; k < doc.blocks.length && k <= at + 3; k++) {
    const b = doc.blocks[k]!;
    if (b.type === "table") return b.continued === true;
    if (b.type !== "labels") return false;
  }
  return false;
}

function cardFromLabels(doc: DocView, b: LabelsBlock, at: number, ctx: Context, name: string): Reading | null {
  const fields = labelFields(b.items);
  if (fields.length === 0 || explainsLabels(fields) || legendItems(b.items)) return null;
  const first = b.items.find((it) => it.value) ?? b.items[0]!;
  const where = whereOf(first.where);
  const opens = has(fields, OPENING) > 0;
  const feature = b.form === "table" ? "table-card" : "label-card";
  if (opens && continuesCard(doc, at, fields)) {
    return { recogniser: name, score: CARD_SETTINGS.adds, consumed: [at], candidates: [candidate("fields", at, where, fields)], feature };
  }
  if (opens) {
    const code = fields.find((f) => f.role === "code")?.raw ?? null;
    const card = candidate("objective", at, where, fields, { key: code });
    const { own, steps } = cardSteps(b.items, fields, at, card);
    card.fields = own;
    return { recogniser: name, score: CARD_SETTINGS.opens, consumed: [at], candidates: [card, ...steps], feature };
  }
  const roles = new Set(fields.map((f) => f.role));
  // (A group footer's counts and totals before the next group's header, "N. obiettivi: 3 – Totale peso: 35,00 %", add nothing.)
  const onlyUnit = [...roles].every((r) => r === "unit" || r === "owner" || (r === "extra" && (roles.has("unit") || roles.has("owner")))) && roles.size > 0;
  // (Inside a card, a unit and its head name the card's own; right over the labels opening the next card, they head
  // the cards that follow: a report's group header between two records.)
  const next = doc.blocks[at + 1];
  const headsCard =
    (next?.type === "labels" && has(labelFields(next.items), OPENING) > 0) ||
    ((next?.type === "paragraph" || next?.type === "heading") && (codeAndTitle(next.text).code !== null || numberedOpener(next.text) !== null));
  if (onlyUnit && (!ctx.inCard || headsCard) && !insideList(doc, at)) {
    const unit = fields.find((f) => f.role === "unit")?.raw;
    const owner = fields.find((f) => f.role === "owner")?.raw;
    return {
      recogniser: name,
      score: CARD_SETTINGS.section,
      consumed: [at],
      candidates: [candidate("section", at, where, [], { level: CARD_SETTINGS.sectionLevel, context: { ...(unit ? { unit } : {}), ...(owner ? { owner } : {}) } })],
      feature: "section-labels",
    };
  }
  if (ctx.anyObjective && has(fields, OBJECTIVE_FIELDS) > 0) {
    return { recogniser: name, score: CARD_SETTINGS.adds, consumed: [at], candidates: [candidate("fields", at, where, fields)], feature };
  }
  if (!ctx.anyObjective && has(fields, OBJECTIVE_FIELDS) >= CARD_SETTINGS.minFieldsForTitle) {
    return { recogniser: name, score: CARD_SETTINGS.adds, consumed: [at], candidates: [candidate("objective", at, where, fields)], feature };
  }
  return null;
}

/**
 * Label groups right above this one, back to the group that opened a card, name none of the card's own fields
 * this one names: one card drawn in several groups (a report's band of code, weight and deadline over a
 * group of title and description), not a second card. A group of a unit and its head alone opens no card.
 */
function continuesCard(doc: DocView, at: number, fields: readonly Field[]): boolean {
  const mine = new Set(fields.filter((f) => f.role !== null && OPENING.has(f.role)).map((f) => f.role));
  for (let k = at - 1; k >= 0 && k >= at - CARD_SETTINGS.cardGroups; k--) {
    const b = doc.blocks[k]!;
    if (b.type !== "labels") return false;
    const before = labelFields(b.items);
    if (before.some((f) => f.role !== null && mine.has(f.role))) return false;
    if (has(before, OPENING) > 0) return true;
    if (before.every((f) => f.role === "unit" || f.role === "owner")) return false;
  }
  return false;
}

/** A software's record number in brackets closing a value: "[ID 5521]", "(ID: 4471)". */
const ID_TAIL = /\s*[[(]\s*ID\s*[:.]?\s*(\d{1,9})\s*[\])]\s*$/i;

/** A number, a dash, then a code with its own label: "10231 – Cod. UC.OO.01", "4471 - Codice: OB-3". */
const INNER_CODE = /^(\d{1,9})\s+[–—-]\s+(?:cod(?:ice)?\.?|codice obiettivo)\s*[:.]?\s*(\S+)$/iu;

/** A code and what it stands for: "A = approvato", "OG = obiettivo gestionale", "S = rilevante …". */
const LEGEND_VALUE = /^[\p{L}\d.-]{1,5}\s*=\s*\S/u;

/** A legend of codes: most values, two at least, say what a code stands for. */
function legendItems(items: readonly LabelItem[]): boolean {
  const n = items.filter((it) => LEGEND_VALUE.test(it.value.trim())).length;
  return n >= 2 && n * 2 > items.length;
}

/**
 * A legend: the labels of the cards explained ("Ponderazione: quota dell'obiettivo sul totale …", "Termine:
 * data entro cui …", "Titolare EQ: funzionario titolare …"). Two of a weight, a deadline and a person at
 * least, none naming the objective, and not one value of the kind its label names (no figure, no date, no
 * person): sentences about the labels, not an objective's.
 */
function explainsLabels(fields: readonly Field[]): boolean {
  const typed = fields.filter((f) => f.role === "weight" || f.role === "due" || f.role === "owner");
  if (new Set(typed.map((f) => f.role)).size < 2 || has(fields, OPENING) > 0) return false;
  return typed.every((f) => {
    if (f.role === "weight") return !/\d/.test(f.raw);
    if (f.role === "due") return !/\d/.test(f.raw) && !looksLikeDate(f.raw);
    return classify(f.raw) !== "person";
  });
}

export const tableCard: Recogniser = {
  name: "table-card",
  starts: new Set(["labels"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const b = doc.blocks[at] as LabelsBlock;
    return b.form === "table" ? cardFromLabels(doc, b, at, ctx, this.name) : null;
  },
};

export const labelCard: Recogniser = {
  name: "label-card",
  starts: new Set(["labels"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const b = doc.blocks[at] as LabelsBlock;
    return b.form === "lines" ? cardFromLabels(doc, b, at, ctx, this.name) : null;
  },
};

// ------------------------------------------------------------------ paragraph cards

const NUMBERED_RE = /^(\S+(?:\s+\S+){0,3}?)\s+(?:n|nr|num|numero)(?:\s*[.°º]\s*|\s+)(?=\S*\d)(\S+?)[:.]?(?:\s+(.*))?$/i;
/** A sentence opening on the indicator ("L'indicatore scelto è …", "Indicatore di risultato: …" aside). */
const INDICATOR_LEAD = /^(?:l['’]\s*)?indicatore\s+(?:scelto|individuato|di\s+riferimento|di\s+risultato|è|e')/iu;

/** Words opening a phrase about an objective rather than its label: a preposition or an article. */
const SENTENCE_LEAD = /^(?:per|con|nel|nell['’]|dell['’]|all['’]|sull['’]|dall['’]|l['’]|lo|la|il|un|uno|una)(?:\s|$|(?<=['’]))/iu;

/** A label, then one capital letter or a Roman numeral, then the title after a dash or colon, or nothing. */
const LETTERED_OPENER_RE = /^(\p{L}+\.?(?:\s+\p{L}+){0,2}?)\s+([A-Z]|[IVX]{2,5})(?:\s*[–—:-]\s+(\S.*)|\s*)$/u;
/** A protocol's reference: "Prot. n. 1873/2026 del …", "Protocollo n. 12", "Rif. prot. 44". */
const PROTOCOL_LINE = /^\s*(?:prot(?:ocollo)?\.?\s*(?:gen(?:erale)?\.?\s*)?(?:n\.?|nr\.?|num\.?|n°)?\s*\d|rif\.?\s*prot)/i;

/** A card's place out of the cards: "1/4", "1 di 4" (then what follows). */
const CARD_COUNTER = /^\d{1,2}\s*(?:\/|di)\s*\d{1,2}(?![\d/.])/i;
const SIGNLESS_RE = /^(\p{L}+\.?(?:\s+\p{L}+){0,2}?)\s+(\S*\d\S*?)[:.]?(?:\s+(.*))?$/iu;

/**
 * "OBIETTIVO N. 4", "Obiettivo n° 2.1 – Titolo", "Obiettivo 3 – Titolo",
 * "Scheda obiettivo 1.2", "Obiettivo B – Titolo", "Obiettivo IV": an objective
 * label, maybe a number sign, a code (or a capital letter, or a Roman numeral),
 * maybe the title. Null when the text does not open so.
 */
export function numberedOpener(text: string): { code: string; title: string; label: string } | null {
  if (text.length > 300) return null;
  const firstWord = /^\S+/.exec(text)?.[0] ?? "";
  if (!mayOpenLabels(firstWord) && !OBJECTIVE_ABBREVIATION.test(firstWord)) return null;
  if (!/\d/.test(text)) {
    // "Obiettivo B – Titolo", "Obiettivo IV": objectives lettered, or numbered in Roman numerals.
    const l = LETTERED_OPENER_RE.exec(text);
    const label = l ? (OBJECTIVE_ABBREVIATION.test(l[1]!) ? { role: "objective" } : matchRole(l[1]!, 0.9)) : null;
    if (!l || !label || label.role !== "objective") return null;
    return { code: l[2]!, title: (l[3] ?? "").trim(), label: l[1]! };
  }
  const numbered = NUMBERED_RE.exec(text);
  // A card's place among the cards ("Scheda n. 1/4", "Obiettivo 2 di 5") is no code: the code printed after it is.
  const counted = numbered ?? SIGNLESS_RE.exec(text);
  if (counted && CARD_COUNTER.test(`${counted[2]} ${counted[3] ?? ""}`)) {
    const rest = `${counted[2]} ${counted[3] ?? ""}`.replace(CARD_COUNTER, "").replace(/^[\s:–—-]+/, "");
    const coded = /^(\S+?)[.:]?\s+[–—-]\s+(\S.*)$/.exec(rest);
    // ("Scheda": a card, whatever it holds.)
    const label = OBJECTIVE_ABBREVIATION.test(counted[1]!) || /^sched[ae]$/i.test(counted[1]!) ? { role: "objective" } : matchRole(counted[1]!, 0.9);
    if (coded && isCode(coded[1]!) && label && (label.role === "objective" || label.role === "title" || label.role === "code")) return { code: codeValue(coded[1]!), title: coded[2]!.trim(), label: counted[1]! };
    return null;
  }
  const m = numbered && isCode(numbered[2]!) ? numbered : SIGNLESS_RE.exec(text);
  if (!m || !isCode(m[2]!) || /^(19|20)\d\d$/.test(m[2]!)) return null;
  const label = OBJECTIVE_ABBREVIATION.test(m[1]!) ? { role: "objective" } : matchRole(m[1]!, 0.9);
  // (A record's name and its number: "Obiettivo n. 3", "Scheda 2", "PROGETTO N. 1" where projects are the objectives.)
  if (!label || (label.role !== "objective" && label.role !== "code" && label.role !== "title")) return null;
  const title = (m[3] ?? "").replace(/^[-–—:.]\s*/, "").trim();
  // A sentence about the objective ("Per l'obiettivo n. 3 non è previsto …", "L'obiettivo 2 si conclude …")
  // is no opener: the label opens with a preposition or an article, or a verb goes on in lower case.
  // (A caption of its steps or indicators in lower case, "Obiettivo PS-01 – fasi di attuazione", is no sentence.)
  if (SENTENCE_LEAD.test(m[1]!) || (/^\p{Ll}/u.test(title) && captionSays(title) === null)) return null;
  return { code: codeValue(m[2]!), title, label: m[1]! };
}

export { codeAtEnd } from "../../lexicon/codes.js";

/**
 * A table whose code column lists records of their own, none under the
 * heading's code ("5. Tabella riepilogativa" over LS1.1, LS1.2 …; "3.3
 * Settore Polizia locale" over one titled objective PL-PM-01): the heading
 * names a section holding them, not an objective.
 */
function listsOtherCodes(table: TableBlock, doc: DocView, code: string): boolean {
  const cols = doc.columns(table);
  const col = cols.find((c) => c.role === "code");
  if (!col) return false;
  // One row is enough when the table titles its records itself (its own objective column).
  const titled = cols.some((c) => c.role === "objective" || c.role === "title");
  const codes = table.body.filter((r) => r.kind === "data").map((r) => r.row.cells[col.index]?.text.trim() ?? "").filter((t) => t !== "" && !/\s/.test(t));
  return codes.length >= (titled ? 1 : 2) && !codes.some((c) => isUnderCode(code, c));
}

/**
 * A heading that opens with an objective's code and goes on with its title
 * ("OB.01: Rendicontazione …", "1.2 – Titolo"). A lettered code says so alone;
 * a number (which section headings also carry) only when the objective's
 * fields follow (a table or labels), and never before a heading naming a kind.
 */
function codedTitle(text: string, at: number, emphasised: boolean, doc: DocView): { code: string; title: string; kind?: string } | null {
  let next: Block | undefined = doc.blocks[at + 1];
  const read = codeAndTitle(text);
  const code = read.code;
  let title = read.title;
  if (!code || !title) return null;
  // A plan's years ("2024-2026 Sezione 2 – …", a running head) are no objective's code.
  if (/^(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d$/.test(code)) return null;
  // "AREA 1 – Servizio idrico", "Settore 2 – …", "Ambito 3 – …": a group's word and number name a unit or an
  // upper level over objectives (a section), not an objective.
  const word = /^\p{L}+/u.exec(code)?.[0];
  const groupRole = word && word.length >= 3 ? matchRole(word, 0.9)?.role : undefined;
  if (groupRole === "unit" || groupRole === "links") return null;
  // "2.1 Settore Affari generali e Servizi demografici" over "Responsabile: …" alone: a heading numbered in outline
  // naming a unit and its head heads its objectives. (Over an objective's own fields, a weight, a deadline,
  // "2.3.1 Sportello unico per l'assistenza …" titles one; so does an objective's code, "CMAV.03 – …".)
  const below = doc.blocks[at + 1];
  const headOnly = below?.type === "labels" && labelFields(below.items).every((f) => f.role === "owner" || f.role === "unit");
  if (/^\d{1,2}(?:\.\d{1,2})*\.?$/.test(code) && headOnly && classify(title) === "unit") return null;
  // "2.3.1 Obiettivo operativo – Titolo": the kind's label says the heading opens an objective.
  const named = kindAndTitle(title);
  if (named) return { code, ...named };
  // (A title closed by a full stop, one sentence, right over the objective's labels, is a title all the same.)
  const stopped = title.endsWith(".") && !SENTENCE_END_INSIDE.test(title.slice(0, -1)) && doc.blocks[at + 1]?.type === "labels";
  if (KIND_HEADING.test(title) || wordCount(title) < 2 || (/[.;]$/.test(title) && !stopped)) return null;
  if (stopped) title = title.slice(0, -1);
  // The objective's fields: a table with some of them among its columns (not a staff or budget table under a
  // numbered section heading, nor indicators with past values only: a context's), labels, or a line of labelled fields.
  // (Past a line describing the objective, "Programmazione di una stagione …", over the labels.)
  if (next?.type === "paragraph" && !/\d/.test(next.text) && doc.blocks[at + 2]?.type === "labels") next = doc.blocks[at + 2];
  const followed =
    next !== undefined &&
    ((next.type === "table" && doc.columns(next).filter((c) => c.role !== null && c.role !== "actual" && OBJECTIVE_FIELDS.has(c.role) && c.confidence >= CARD_SETTINGS.fieldColumnConfidence).length >= CARD_SETTINGS.minFieldsForTitle && !listsOtherCodes(next, doc, code)) ||
      next.type === "labels" ||
      (next.type === "paragraph" && inlineFields(next.text).some((f) => f.label)));
  // Plain type needs a code no list number has (letters or parts) and the objective's fields below.
  if (!emphasised) return followed && /[A-Za-z]|\d[._-]\d/.test(code) ? { code, title } : null;
  if (/[A-Za-z]/.test(code)) return { code, title };
  return followed ? { code, title } : null;
}

/**
 * The fields a line of a card sets inline ("Servizio Residenzialità –
 * Responsabile: Dott.ssa … – Peso obiettivo: 55"): its labelled pieces, and
 * an unlabelled first piece that reads as a unit or a person.
 */
export function inlineFields(text: string): { role: Role; raw: string; label: string }[] {
  const r = readInline(text);
  const out = r.fields.filter((f) => f.role !== "extra").map((f) => ({ role: f.role, raw: f.raw, label: f.label }));
  if (out.length === 0) return out;
  const lead = r.title ? classify(r.title) : null;
  if (lead === "unit") out.unshift({ role: "unit", raw: r.title, label: "" });
  else if (lead === "person") out.unshift({ role: "owner", raw: r.title, label: "" });
  return out;
}

const KIND_TITLE_RE = /^(\p{L}+(?:\s+[\p{L}'’-]+){0,3}?)\s*[–—:-]\s+(\S.*)$/u;

/**
 * "Obiettivo operativo – Titolo", "Obiettivo strategico: Titolo": a label
 * naming a kind of objective, a dash or colon, and the title. Null when the
 * text does not open with such a label or the title is a word or a sentence's end.
 */
export function kindAndTitle(text: string): { kind: string; title: string } | null {
  const m = KIND_TITLE_RE.exec(text);
  if (!m || !KIND_HEADING.test(m[1]!) || !kindOnly(m[1]!) || wordCount(m[2]!) < 2) return null;
  return { kind: m[1]!, title: m[2]!.trim() };
}

/** The text of a list of one dotted or numbered item that names a kind of objective ("3.1 Obiettivo operativo – Titolo"), marker included. */
function outlineLine(b: ListBlock): string | null {
  if (b.items.length !== 1) return null;
  const it = b.items[0]!;
  if (it.ordinal === null || !/^\d/.test(it.ordinal)) return null;
  const text = `${it.marker} ${it.text}`;
  const { code, title } = codeAndTitle(text);
  return code && kindAndTitle(title) ? text : null;
}

/** Objective fields a title sentence's labelled prose must name, a weight or a deadline among them. */
const TITLED_PROSE_ROLES = new Set<Role>(["weight", "due", "owner", "unit", "indicator"]);

/**
 * A title sentence of a few words, then prose whose labelled pieces name three of the objective's fields at
 * least, its weight or deadline among them ("Immatricolazioni online. Responsabile: …; struttura: …; peso
 * 20%; scadenza 30/09/2026."): the prose read. Null for other paragraphs.
 */
function titledFields(told: { title: string; prose: string }): ReturnType<typeof readProse> | null {
  // (A weight or a deadline holds a figure: prose with none is not asked.)
  if (!/\d/.test(told.prose) || !/[:;]/.test(told.prose) || wordCount(told.title) > CARD_SETTINGS.titledProseMaxWords) return null;
  const heard = readProse(told.prose);
  const roles = new Set(heard.fields.map((x) => x.role).filter((r) => TITLED_PROSE_ROLES.has(r)));
  return roles.size >= CARD_SETTINGS.titledProseFields && (roles.has("weight") || roles.has("due")) ? heard : null;
}

/** A paragraph that is an objective told as a title sentence over its labelled fields. */
function titledProseText(text: string): boolean {
  const told = titleAndProse(text);
  return told !== null && titledFields(told) !== null;
}

/** A paragraph that is one step: a sentence with its deadline (and maybe its weight) and no label. */
function stepParagraph(text: string): { title: string; fields: { role: Role; raw: string }[] } | null {
  if (/:/.test(text) || SENTENCE_END_INSIDE.test(text) || !hasDeadline(text)) return null;
  const fs = stepFields(text.replace(/\.\s*$/, ""));
  const title = fs.find((x) => x.role === "step")?.raw;
  if (!title || !fs.some((x) => x.role === "due")) return null;
  return { title, fields: fs.filter((x) => x.role !== "step" && x.role !== "code") };
}

/** Where a sentence ends and the next begins: a full stop closing a word or a figure, a capital after it. */
const SENTENCE_SPLIT = /(?<=[\p{L}\d%)]\.)\s+(?=\p{Lu})/u;

/** A full stop inside a text, before a capital: two sentences. */
const SENTENCE_END_INSIDE = /\.\s+\p{Lu}/u;

/** A paragraph whose first sentence opens an objective ("Obiettivo 2.2 – Titolo. L'obiettivo …"). */
function opensProse(text: string): boolean {
  const told = titleAndProse(text);
  return told !== null && numberedOpener(told.title) !== null;
}

/**
 * A one-item numbered list ("1. Riorganizzazione dell'archivio") right over label lines giving an
 * objective's fields (Tempistica, Struttura, Responsabile, Peso …) and no title of their own: the
 * objective's number and title, set as a plain-text outline line.
 */
function numberedOverFields(b: ListBlock, next: Block | undefined): string | null {
  if (b.items.length !== 1 || (next?.type !== "labels" && !(next?.type === "table" && next.header.length > 0 && next.body.length === 1))) return null;
  const it = b.items[0]!;
  // (A bulleted item opening with the objective's code, "• TIR-01 Manutenzione …", is such a line too.)
  const bulletCode = it.ordinal === null ? codeAndTitle(it.text).code : null;
  const bulletCoded = bulletCode !== null && /[A-Za-z]/.test(bulletCode);
  if ((!bulletCoded && (it.ordinal === null || !/^\d/.test(it.ordinal))) || wordCount(it.text) < 2) return null;
  // (Or a one-row table of them: "struttura | titolare eq | peso (%)" over the objective's values.)
  const fields = next.type === "labels" ? labelFields(next.items) : next.header[0]!.cells.map((c) => ({ role: matchRole(c.text, 0.7)?.role ?? null, raw: c.text, label: c.text, year: null, cell: null, page: null }) as Field);
  if (has(fields, OPENING) > 0 || has(fields, OBJECTIVE_FIELDS) < CARD_SETTINGS.minFieldsForTitle) return null;
  // The item's own code before its title ("1. UV-01 – Titolo") is the objective's, not the list's number.
  return codeAndTitle(it.text).code ? it.text : `${it.marker} ${it.text}`;
}

/**
 * A one-item dotted list numbered under the open card's code ("2.3.1.1 Progettazione …" under
 * "2.3.1"), its fields below it as labels: the outline's next level, read as a card (a step of it).
 */
function subOutlineLine(b: ListBlock, next: Block | undefined, ctx: Context): string | null {
  if (b.items.length !== 1 || !ctx.inCard || !ctx.currentKey || next?.type !== "labels") return null;
  const it = b.items[0]!;
  return it.ordinal !== null && /\d[._]\d/.test(it.ordinal) && isUnderCode(ctx.currentKey, it.ordinal) ? `${it.marker} ${it.text}` : null;
}

/** An opener's bracket of fields, a colon, then the title: "(Servizi demografici; resp. …; peso 15%): titolo …". */
const BRACKET_THEN_TITLE = /^\(([^()]{3,200})\)\s*:\s*(\S.*)$/su;

/** An outline's number, a level's name, a colon or a dash, the text: "1.1.1 Obiettivo operativo: …", "1.1.1.1 Azione – …". */
const NUMBERED_LEVEL_RE = /^(\d{1,3}(?:\.\d{1,3})+|\d{1,3})\.?\s+(\p{L}[\p{L}' ]{2,40}?)\s*(?::|\s[–—-])\s*(\S.*)$/u;
/** A level's word, its number, then the text: "Fase 1 – …", "Azione 2: …". */
const WORD_NUMBERED_LEVEL_RE = /^(\p{Lu}\p{Ll}{2,}(?:\s\p{Ll}{2,})?)\s+(?:n\.?\s*)?(\d{1,3}(?:\.\d{1,3})*)\s*(?::|[–—-])\s*(\S.*)$/u;

/** A numbered line naming an objective's level (not a higher one) or a step's, with its text; else null. */
function numberedLevel(text: string): { code: string; kind: string; title: string; role: "objective" | "step" } | null {
  if (text.length > 300) return null;
  // (Or the level's word first, as a word processor's numbering prints it: "Fase 1 – catalogo dei corsi …".)
  const w = WORD_NUMBERED_LEVEL_RE.exec(text);
  if (w && matchRole(w[1]!, 0.9)?.role === "step") return { code: w[2]!, kind: w[1]!, title: w[3]!.trim(), role: "step" };
  const m = NUMBERED_LEVEL_RE.exec(text);
  if (!m) return null;
  const role = matchRole(m[2]!, 0.9)?.role;
  if (role === "objective" && !HIGHER_OBJECTIVE.test(m[2]!)) return { code: m[1]!, kind: m[2]!, title: m[3]!.trim(), role };
  if (role === "step") return { code: m[1]!, kind: m[2]!, title: m[3]!.trim(), role };
  return null;
}

/** Strips section numbering ("4.2 Obiettivi specifici" → "Obiettivi specifici"). */
export function cleanHeading(s: string): string {
  return s.replace(/^\s*(\d+(\.\d+)*\.?|[IVX]+\.)\s+/, "").trim();
}

const PLAN_YEARS = /\b(19|20)\d\d\s*[-–/]\s*(19|20)?\d\d\b/;

/** A heading that only names a kind of objective ("Obiettivo operativo", "OBIETTIVI DI PERFORMANCE"). */
function kindOnly(text: string): boolean {
  return wordCount(text) <= 6 && matchRole(text, 0.9)?.role === "objective" && !/\d/.test(text);
}

export const paragraphCard: Recogniser = {
  name: "paragraph-card",
  starts: new Set(["heading", "paragraph", "list"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const block = doc.blocks[at]!;
    // A list of one numbered line ("3.1 Obiettivo operativo – Titolo" in a plain-text export) is an outline's
    // heading set as plain text: it opens a card only by naming a kind of objective.
    // A sentence telling the open objective's indicator ("L'indicatore scelto è …, con un valore atteso di …"),
    // after its steps: the objective's KPI.
    if (block.type === "paragraph" && (ctx.inCard || ctx.currentKey !== null) && INDICATOR_LEAD.test(block.text)) {
      const told = readProse(block.text).fields.filter((x) => KPI_ROLES.has(x.role));
      if (told.some((x) => x.role === "indicator")) {
        const cell = block.rows[0]?.cells[0] ?? null;
        const fields: Field[] = told.map((x) => ({ role: x.role, raw: x.raw, label: "", year: null, cell, page: block.where.page }));
        return { recogniser: this.name, score: CARD_SETTINGS.adds, consumed: [at], candidates: [candidate("fields", at, whereOf(block.where), fields)], feature: "prose-indicator" };
      }
    }
    const listed = block.type === "list" ? (outlineLine(block) ?? subOutlineLine(block, doc.blocks[at + 1], ctx) ?? numberedOverFields(block, doc.blocks[at + 1])) : null;
    if (block.type === "list" && listed === null) return null;
    const b = block as Extract<Block, { type: "heading" | "paragraph" }>;
    // "Obiettivo n. 1 – Titolo. L'obiettivo, affidato al Servizio …": an opener's first sentence, then prose
    // telling the fields (parse/prose.ts).
    const told = block.type === "paragraph" ? titleAndProse(block.text) : null;
    const heard = told && numberedOpener(told.title) ? readProse(told.prose) : null;
    // Prose tells at least two fields (or the steps); a second sentence of the title's is no card's body.
    const prose = (heard && heard.fields.length + (heard.steps.length ? 1 : 0) >= CARD_SETTINGS.minProseFields ? heard : null) ?? (told ? titledFields(told) : null);
    // "Titolo dell'obiettivo. Responsabile: …; struttura: …; peso 20%; scadenza …": a title sentence, then the
    // objective's own fields labelled one after another (no opener's word): the title, however it is set.
    const titledProse = prose !== null && heard === null;
    // "Obiettivo 2.1.1 – Titolo. Aumentare la quota …": the opener's sentence titles the objective, the sentences
    // after it telling no field describe it.
    const described = prose === null && heard !== null && heard.fields.length === 0 && heard.steps.length === 0 ? told : null;
    const text = listed ?? (prose || described ? told!.title.replace(/\.$/, "") : b.text);
    // (An outline's line the checks above took as an opener counts as a heading; so does a plain line right over
    // an objective's labels, the bold a text export lost: "Ampliamento dei nidi" over "Settore: …", "Peso: 5".)
    const emphasised = block.type === "heading" || (block.type === "paragraph" && block.bold) || listed !== null || titledProse || plainTitle(doc, at);
    // Prose opens no card: a plain line opens one only with a code in it, and no opener is a page long.
    // (Nor does a protocol's reference, "Prot. n. 2871/2026 del 22/01/2026 – Tit. I/13": its numbers file a letter.)
    // (A Roman numeral or a capital numbering the line, "IV. Educazione …", is a code in it.)
    if (text.length > 300 || (!emphasised && !/\d/.test(text) && codeAndTitle(text).code === null) || PROTOCOL_LINE.test(text)) return null;
    const where = whereOf(b.where);
    const fields: Field[] = [];
    const f = (role: Role | null, raw: string, label = ""): Field => ({ role, raw, label, year: null, cell: b.rows[0]?.cells.find((c) => c.text !== "") ?? null, page: b.where.page });
    let key: string | null = null;
    let kind: string | null = null;
    // (A heading's own section number before the opener, "2.2.1 Obiettivo 1 – Titolo", is the document's outline.)
    const opener = numberedOpener(text) ?? (block.type === "heading" && /^\d/.test(text) ? numberedOpener(cleanHeading(text)) : null);
    let lead: { code: string; title: string; kind?: string } | null = null;
    let named: { kind: string; title: string } | null = null;
    let level: { code: string; kind: string; title: string; role: "objective" | "step" } | null = null;
    let tail: { code: string; title: string } | null = null;
    let again: string | null = null;
    const codeLine = opener ? null : codeAtEnd(text);
    const next = doc.blocks[at + 1];
    const nextFields = next?.type === "labels" ? labelFields(next.items) : [];
    if (opener) {
      key = opener.code;
      fields.push(f("code", opener.code));
      // "Obiettivo PS-01 – fasi di attuazione": the objective named by its code, heading its steps.
      let otitle = opener.title;
      // "Obiettivo 1 (Servizi demografici; resp. dott. …; peso 15%): digitalizzazione … entro il 30/09/2025":
      // the bracket's pieces are fields, the title follows the colon, a deadline closing it is the objective's.
      const bracket = BRACKET_THEN_TITLE.exec(otitle);
      const inBracket = bracket ? readInline(bracket[1]!) : null;
      const bracketFields = inBracket?.fields ?? [];
      if (bracket && bracketFields.length >= 2) {
        for (const x of bracketFields) fields.push(f(x.role, x.raw));
        // The unlabelled piece beside the owner and the weight names the office ("Polizia locale associata").
        if (inBracket!.title && !bracketFields.some((x) => x.role === "unit")) fields.push(f("unit", inBracket!.title));
        const sentence = bracket[2]!.replace(/\.\s.*$|\.$/s, "");
        const dl = splitDeadline(sentence);
        otitle = dl ? dl.title : sentence;
        if (dl) fields.push(f("due", dl.due));
        // Sentences after the title tell more fields ("Indicatore: …; target ≥ 120 nell'anno.").
        const more = /\.\s+(\S.*)$/s.exec(bracket[2]!)?.[1];
        if (more) for (const x of readProse(more).fields) fields.push(f(x.role, x.raw));
      }
      const caption = otitle !== "" && CAPTION_STEPS.has(matchRole(otitle, 0.75)?.role ?? "");
      if (otitle && !caption) fields.push(f("title", otitle));
      if (described) fields.push(f("description", described.prose));
      if (caption) return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed: [at], candidates: [candidate("objective", at, where, fields, { key })], feature: "steps-heading" };
      if (wordCount(opener.label) >= 2 && KIND_CUES.test(opener.label)) kind = opener.label;
    } else if ((again = emphasised ? titleReadBefore(cleanHeading(text), ctx) : null) !== null) {
      // A heading repeating the title of an objective read before (a detail page under a summary table, a
      // wiki's sub-page): what follows is that objective's.
    } else if (codeLine) {
      key = codeValue(codeLine);
      fields.push(f("code", key));
      const prefix = text.slice(0, text.length - codeLine.length).trim();
      // "Indicatori – T-01", "Fasi di attuazione dell'obiettivo 2.1": a caption of the objective's steps or
      // indicators, naming it by its code: the objective, named (what follows is its).
      const heads = prefix.replace(/[\s:–—-]+$/, "");
      // (A code alone over a table, "#### OO.26.118" over its phases: the objective it names, whose table follows.)
      if ((heads && captionSays(heads) !== null && wordCount(heads) <= CARD_SETTINGS.captionMaxWords) || (!heads && next?.type === "table" && /\p{L}/u.test(key))) {
        return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed: [at], candidates: [candidate("objective", at, where, fields, { key })], feature: "steps-heading" };
      }
      if (prefix && KIND_CUES.test(prefix)) kind = cleanHeading(prefix);
    } else if (block.type === "heading" && next?.type !== "table" && !/\s/.test(text.trim()) && isCode(text.trim()) && /\d/.test(text) && !PLAN_YEARS.test(text) && !/^(?:19|20)\d\d$/.test(text.trim())) {
      // A heading that is a code alone ("#### POL/26/01") over the card's title and fields: the objective's code
      // (a year, or the plan's years, a running head's, are none).
      key = codeValue(text.trim());
      fields.push(f("code", key));
    } else if (next?.type === "table" && !/\s/.test(text.trim()) && isCode(text.trim()) && /\p{L}/u.test(text) && /\d/.test(text)) {
      // A code alone on its line over tables ("AS01" heading an annex's block of indicators and phases): the
      // objective it names, whose tables follow.
      key = codeValue(text.trim());
      fields.push(f("code", key));
      return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed: [at], candidates: [candidate("objective", at, where, fields, { key })], feature: "steps-heading" };
    } else if ((tail = trailingCode(text)) !== null && (emphasised || has(nextFields, OBJECTIVE_FIELDS) > 0)) {
      // "Riqualificazione del parco (cod. OB-12)", "Nuovo regolamento [OP.3]" over the objective's fields: the
      // code printed after the title.
      key = tail.code;
      fields.push(f("code", tail.code), f("title", tail.title));
    } else if ((level = numberedLevel(text)) !== null && level.role === "step") {
      // "1.1.1.1 Azione: Acquisto … – scadenza: 31/03/2026": an outline's step, numbered, of the objective open now.
      const fs = [f("code", level.code), ...stepFields(level.title).filter((x) => x.role !== "code").map((x) => f(x.role, x.raw))];
      return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed: [at], candidates: [candidate("step", at, where, fs)], feature: "outline-steps" };
    } else if (level !== null) {
      // "1.1.1 Obiettivo operativo: Titolo" over the objective's fields: the outline's number is its code.
      key = level.code;
      kind = level.kind;
      fields.push(f("code", level.code), f("title", level.title));
    } else if ((lead = codedTitle(text, at, emphasised, doc)) !== null) {
      // "## OB.01: Titolo", "**1.2 – Titolo**" over the objective's fields: a code and a title.
      key = lead.code;
      fields.push(f("code", lead.code), f("title", lead.title));
      if (lead.kind) kind = lead.kind;
    } else if (emphasised && (named = kindAndTitle(cleanHeading(text))) !== null) {
      // "### Obiettivo operativo – Titolo": a kind's label and the title.
      kind = named.kind;
      fields.push(f("title", named.title));
    } else if (
      block.type === "heading" &&
      wordCount(text) >= 2 &&
      !PLAN_YEARS.test(text) &&
      classify(text) === "text" &&
      next?.type === "paragraph" &&
      wordCount(next.text) >= CARD_SETTINGS.proseMinWords &&
      // (A section's heading over the first objective told in prose, "Obiettivi operativi 2025" over "**Obiettivo 1** (…)", heads them all.)
      !opensProse(next.text) &&
      !titledProseText(next.text) &&
      numberedOpener(next.text) === null &&
      tellsObjective(next.text)
    ) {
      // A heading over running prose that tells an objective's fields ("#### Sentieristica del versante nord" over
      // "Il primo obiettivo, cui è attribuito un peso del 30%, … entro il 31 ottobre 2026"): its title.
      fields.push(f("title", cleanHeading(text)));
    } else if (titledProse) {
      fields.push(f("title", text));
    } else if (emphasised && kindOnly(text) && has(nextFields, OPENING) > 0) {
      kind = text;
    } else if (
      emphasised &&
      wordCount(text) >= 2 &&
      !PLAN_YEARS.test(text) &&
      classify(text) === "text" &&
      has(nextFields, OPENING) === 0 &&
      has(nextFields, OBJECTIVE_FIELDS) >= CARD_SETTINGS.minFieldsForTitle &&
      !nextFields.every((x) => x.role === null || x.role === "unit" || x.role === "owner") &&
      !(next?.type === "labels" && legendItems(next.items))
    ) {
      // A bold title with the objective's labels below it (a unit and its head alone head a unit's part: a section).
      fields.push(f("title", cleanHeading(text)));
    } else return null;
    // The card goes on over the label groups below it, and the one unlabelled line that is its title.
    const consumed = [at];
    const toldSteps: { title: string; fields: { role: Role; raw: string }[] }[] = [...(prose?.steps ?? [])];
    const cardItems: LabelItem[] = [];
    let k = at + 1;
    let titled = again !== null || fields.some((x) => x.role === "title");
    while (k < doc.blocks.length) {
      const nb = doc.blocks[k]!;
      if (nb.type === "labels") {
        const nf = labelFields(nb.items);
        const code = nf.find((x) => x.role === "code")?.raw ?? null;
        // A heading's bare sequence number ("Scheda obiettivo 1") gives way to the code the card prints ("Codice: 132").
        if (code && key && codeValue(code) !== key && opener && /^\d{1,2}$/.test(key) && !titled) {
          const at = fields.findIndex((x) => x.role === "code" && x.raw === key);
          if (at >= 0) fields.splice(at, 1);
          key = null;
        }
        if ((code && key && codeValue(code) !== key) || (titled && nf.some((x) => x.role === "objective" || x.role === "title"))) break;
        if (code && !key) key = codeValue(code);
        if (nf.some((x) => x.role === "title" || x.role === "objective")) titled = true;
        fields.push(...nf);
        cardItems.push(...nb.items);
        consumed.push(k++);
        continue;
      }
      // The next objective told in prose opens a card of its own.
      if (nb.type === "paragraph" && (opensProse(nb.text) || numberedOpener(nb.text) !== null)) break;
      if (titledProse && nb.type === "paragraph") {
        if (titledProseText(nb.text)) break;
        // Under an objective told so, a paragraph that is one step ("Revisione dei moduli …, entro il 31/03/2026,
        // peso 40%."): a title, its deadline, maybe its weight, no labels, one sentence.
        // (Two such sentences run into one paragraph, a print's lines joined: two steps.)
        const pieces = nb.text.split(SENTENCE_SPLIT);
        const steps = pieces.map(stepParagraph);
        if (steps.every((x) => x !== null)) {
          toldSteps.push(...(steps as NonNullable<(typeof steps)[number]>[]));
          consumed.push(k++);
          continue;
        }
        // Its fields were told in its own paragraph: more prose is not the objective's.
        break;
      }
      // A line of inline fields under the opener ("Servizio X – Responsabile: … – Peso: 50"); not running prose
      // (sentences telling the fields, read below).
      const sentences = nb.type === "paragraph" && wordCount(nb.text) >= CARD_SETTINGS.proseMinWords && /[.;]\s+\p{Lu}/u.test(nb.text);
      const inline = nb.type === "paragraph" && !sentences ? inlineFields(nb.text) : [];
      if (inline.some((x) => x.label) && inline.length >= 2) {
        const cell = nb.rows[0]?.cells[0] ?? null;
        for (const x of inline) fields.push({ role: x.role, raw: x.raw, label: x.label, year: null, cell, page: nb.where.page });
        consumed.push(k++);
        continue;
      }
      // The title on the line after the opener, unless the line is shaped as a field ("Label: value"), a remark on the objective.
      if (
        !titled &&
        // (A heading right under an opener giving only the code, "Obiettivo 1.1" over "#### Titolo", is its title.)
        (nb.type === "paragraph" || (nb.type === "heading" && (nb.bold || (key !== null && k === at + 1)))) &&
        (nb.bold || labelLine(nb.text, !isCapitals(nb.text)) === null) &&
        wordCount(nb.text) >= 2 &&
        !numberedOpener(nb.text) &&
        !codeAtEnd(nb.text)
      ) {
        fields.push({ role: "title", raw: nb.text, label: "", year: null, cell: nb.rows[0]?.cells[0] ?? null, page: nb.where.page });
        titled = true;
        consumed.push(k++);
        continue;
      }
      // A titled card's fields told in sentences ("Il Servizio X, sotto la responsabilità dell'arch. Y, … L'obiettivo
      // pesa il 30% … entro il 30 novembre 2025"; "L'indicatore scelto è …, con un valore atteso di …").
      if (titled && nb.type === "paragraph") {
        const told = readProse(nb.text);
        if (told.fields.length + (told.steps.length ? 1 : 0) >= CARD_SETTINGS.minProseFields) {
          const cell = nb.rows[0]?.cells[0] ?? null;
          for (const x of told.fields) fields.push({ role: x.role, raw: x.raw, label: "", year: null, cell, page: nb.where.page });
          // The steps the sentences list ("si articola in tre fasi: … (entro marzo, peso 30%), …").
          toldSteps.push(...told.steps);
          consumed.push(k++);
          continue;
        }
      }
      // A line describing the titled objective, right over its labels: its description.
      // (Over labels the card already holds — another weight, another owner — the line is the next card's title.)
      if (nb.type === "paragraph" && plainTitle(doc, k) && repeatsFields(fields, doc.blocks[k + 1]!)) break;
      if (titled && nb.type === "paragraph" && doc.blocks[k + 1]?.type === "labels" && !fields.some((x) => x.role === "description") && labelLine(nb.text) === null) {
        fields.push({ role: "description", raw: nb.text, label: "", year: null, cell: nb.rows[0]?.cells[0] ?? null, page: nb.where.page });
        consumed.push(k++);
        continue;
      }
      break;
    }
    // A code line alone (a page's last line, a reference) opens nothing: a card has labels or a title below it.
    if (codeLine && consumed.length === 1) return null;
    // A card numbered under the card open now ("2.3.1.1" under "2.3.1"), naming no kind of objective and
    // holding none of an objective's own fields (an indicator, a target, a link), is a step of it.
    if (key && ctx.inCard && ctx.currentKey && isUnderCode(ctx.currentKey, key) && !kind && !fields.some((x) => x.role !== null && OBJECTIVE_ONLY.has(x.role))) {
      const step = candidate("step", at, where, fields.map((x) => (x.role === "objective" ? { ...x, role: "title" as Role } : x)));
      return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed, candidates: [step], feature: "paragraph-card-steps" };
    }
    if (again !== null) {
      // The objective named by its title takes the fields below; steps listed in them go to it too.
      const more = candidate("fields", at, where, fields, { parentKey: again });
      const listedSteps = cardSteps(cardItems, fields, at, more);
      more.fields = listedSteps.own;
      return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed, candidates: [more, ...listedSteps.steps], feature: "title-heading" };
    }
    if (prose) for (const x of prose.fields) fields.push(f(x.role, x.raw));
    const cand: Candidate = candidate("objective", at, where, fields, { key, ...(kind ? { context: { kind } } : {}) });
    // Steps listed in a label's value ("Azioni: Azione 1 – … (entro giugno 2025)", one a line), as a table card reads them.
    const fromLabels = cardSteps(cardItems, fields, at, cand);
    cand.fields = fromLabels.own;
    const steps = [...fromLabels.steps, ...toldSteps.map((st) => candidate("step", at, where, [f("step", st.title), ...st.fields.map((x) => f(x.role, x.raw))], { parent: cand }))];
    return { recogniser: this.name, score: CARD_SETTINGS.paragraph, consumed, candidates: [cand, ...steps], feature: prose ? "prose-card" : "paragraph-card" };
  },
};

/**
 * A plain line of a few words, no colon nor closing stop, right over a label group (no line between) that holds
 * an objective's fields but no title of its own: the card's title, printed without its bold.
 */
function plainTitle(doc: DocView, at: number): boolean {
  const b = doc.blocks[at]!;
  const next = doc.blocks[at + 1];
  if (b.type !== "paragraph" || b.bold || next?.type !== "labels") return false;
  const t = b.text.trim();
  const words = wordCount(t);
  if (words < 3 || words > CARD_SETTINGS.plainTitleMaxWords || t.includes(":") || /[.;,]$/.test(t) || !/^\p{Lu}/u.test(t)) return false;
  const last = b.rows[b.rows.length - 1]?.line ?? -1;
  if (next.rows[0]?.line !== last + 1) return false;
  const nf = labelFields(next.items);
  return !nf.some((x) => x.role === "title" || x.role === "objective") && has(nf, OBJECTIVE_FIELDS) >= CARD_SETTINGS.minFieldsForTitle;
}

/** A label group naming again fields the card holds (a weight, an owner, a unit, a deadline): another card's. */
function repeatsFields(fields: readonly Field[], next: Block): boolean {
  if (next.type !== "labels") return false;
  const held = new Set(fields.map((x) => x.role).filter((r) => r !== null && OBJECTIVE_FIELDS.has(r)));
  return labelFields(next.items).some((x) => x.role !== null && held.has(x.role));
}

/** Prose telling an objective: its weight or its deadline, and two of its fields at least (steps count as one). */
function tellsObjective(text: string): boolean {
  const told = readProse(text);
  return told.fields.some((x) => x.role === "weight" || x.role === "due") && told.fields.length + (told.steps.length ? 1 : 0) >= CARD_SETTINGS.minProseFields;
}

/**
 * The title of an objective read before that a heading repeats, whole (three words at least: a short heading
 * may be a unit's, a short name's), or null.
 */
function titleReadBefore(text: string, ctx: Context): string | null {
  if (!ctx.titles?.length || wordCount(text) < CARD_SETTINGS.repeatedTitleMinWords) return null;
  // The titles read so far, by their folded form (grown as titles are added, not folded again at each heading).
  let known = foldedTitles.get(ctx.titles);
  if (!known) foldedTitles.set(ctx.titles, (known = { n: 0, byKey: new Map() }));
  for (; known.n < ctx.titles.length; known.n++) {
    const t = ctx.titles[known.n]!;
    const k = normalizeLabel(t);
    if (!known.byKey.has(k)) known.byKey.set(k, t);
  }
  return known.byKey.get(normalizeLabel(text)) ?? null;
}

const foldedTitles = new WeakMap<readonly string[], { n: number; byKey: Map<string, string> }>();

export const KPI_LABEL_ROLES = KPI_ROLES;
