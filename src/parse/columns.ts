/**
 * A table's columns and their roles, from evidence.
 *
 * Two votes decide a column's role: its header's words (the vocabulary,
 * abbreviations included: lexicon/match.ts) and its values (lexicon/values.ts:
 * dates, numbers summing to 100, codes, targets, names, units). A sure header
 * whose values agree keeps its role; an abbreviated header that names several
 * roles ("Att.": attività or atteso) takes the one its values fit; a header
 * the vocabulary does not know, or one its values plainly contradict (dates
 * under "Note 2"), takes its role from the values, with a lower confidence.
 */
import type { TableBlock } from "../doc/blocks.js";
import type { Row } from "../doc/source.js";
import { isUnderCode } from "../lexicon/codes.js";
import { normalizeLabel, roleVotes } from "../lexicon/match.js";
import { calendarPeriods, type CalendarPeriod } from "../lexicon/calendar.js";
import { classify, profile, share, sumsToWhole, type ValueProfile } from "../lexicon/values.js";
import { DATED_BY_DAY, MONEY_LABEL, TARGET_BOUND_LABEL, OBJECTIVE_ABBREVIATION, OBJECTIVE_LEVEL_LABEL, YEAR_LABEL, type Role } from "../lexicon/vocabulary.js";
import { COLUMN_SETTINGS as S } from "./settings.js";

export interface Column {
  index: number;
  /** Header text as printed (a spanning upper label and the column's own joined). */
  label: string;
  role: Role | null;
  /** A year the header names ("Target 2025", "peso step/2025"). */
  year: number | null;
  /** How sure the role is: 1 for a header and values that agree, lower when one vote decided alone. */
  confidence: number;
  /** Role of a second header line, for records printed over two lines (planned dates over actual ones). */
  lowerRole: Role | null;
  lowerLabel: string;
  lowerYear: number | null;
  /** The label of a header cell spanning this column and its neighbours ("Tempi" over "Inizio | Fine"). */
  group: string | null;
  /** A cronoprogramma's column: the month, quarter or half-year it stands for. */
  period: CalendarPeriod | null;
  /**
   * A column holding two fields under a header naming both ("Resp. / Struttura",
   * "Peso – Scadenza", "Indicatore (target)"): the second field's role, and how
   * a value parts (at a spaced slash or dash, or the bracket closing it).
   */
  split?: { role: Role; label: string; by: "slash" | "dash" | "bracket" | "paras" | "date" };
  /**
   * A column of a group printed again and again across the row ("Fase 1 | Scadenza fase 1 | Fase 2 | Scadenza
   * fase 2", "Indicatore A | Target A | Indicatore B | Target B"): the group's place, 1 for the first.
   */
  repeat?: number;
  /** The rows' running number ("N.", "Prog.": 1, 2, 3 … beside the records' codes): no field of any record. */
  counter?: boolean;
}

/** Roles whose values are dates (or deadline text). */
export const DATE_ROLES = new Set<Role>(["start", "due", "actualStart", "actualEnd"]);
/** Roles of a number. */
const NUMBER_ROLES = new Set<Role>(["weight", "yearWeight", "progress"]);
/** Roles of free text: titles, descriptions, indicators. */
const TEXT_ROLES = new Set<Role>(["objective", "title", "step", "description", "indicator", "measure", "source", "note", "extra", "links", "publicValue", "kpiType"]);

/** Share of a column's values a role accepts. */
export function fit(role: Role, p: ValueProfile): number {
  if (p.count === 0) return 1;
  if (DATE_ROLES.has(role)) return share(p, "date") + 0.5 * share(p, "text");
  if (NUMBER_ROLES.has(role)) return share(p, "number");
  if (role === "code") return p.codes / p.count;
  if (role === "owner") return share(p, "person", "text");
  if (role === "unit") return share(p, "unit", "text");
  if (role === "status") return share(p, "status", "text");
  // A target is short ("≥ 90%", "Sì", "n. 20"); long texts are titles and descriptions.
  if (role === "target" || role === "actual") return 1 - share(p, "person", "unit") - (p.meanLength > 40 ? 0.7 * share(p, "text") : 0);
  if (role === "month") return share(p, "mark");
  // Bare numbers fit a text column as its codes (1, 2, 3), not when they share out 100 (weights).
  if (TEXT_ROLES.has(role)) {
    const codes = sumsToWhole(p.sum, p.fractions) ? 0 : p.numericCodes;
    return share(p, "text", "unit", "person", "status", "code", "target") + (codes + 0.1 * (p.classes.number - codes + p.classes.date)) / p.count;
  }
  return 1;
}

/** The role the values alone point to, with its strength (share of values), or null. */
export function valueRole(p: ValueProfile, position: number): { role: Role; strength: number } | null {
  if (p.count === 0) return null;
  const dates = share(p, "date");
  const numbers = share(p, "number");
  if (dates >= S.valueShare) return { role: "due", strength: dates };
  // List numbers (1, 2, 3 …) number the rows: codes, not weights.
  if (p.sequential && position <= 1) return { role: "code", strength: 1 };
  if (numbers >= S.valueShare && p.sum !== null && (sumsToWhole(p.sum, p.fractions) || p.sum <= 100 * p.count)) {
    // Numbers up to 100 each: weights (percent or points); their sum says so when the table is one group.
    return { role: "weight", strength: numbers * (sumsToWhole(p.sum, p.fractions) ? 1 : 0.8) };
  }
  // Numbers that read as codes only by their digits, thousands among them (548, 21.930, 58.412), beyond any
  // weight: counts and amounts, no codes.
  const quantities = p.grouped > 0 && p.numericCodes >= S.valueShare * p.count && p.digits[1] - p.digits[0] >= 2;
  if (p.codes / p.count >= S.valueShare && position <= 1 && !quantities) return { role: "code", strength: p.codes / p.count };
  if (share(p, "person") >= S.valueShare) return { role: "owner", strength: share(p, "person") };
  if (share(p, "unit") >= S.valueShare) return { role: "unit", strength: share(p, "unit") };
  if (share(p, "status") >= S.valueShare) return { role: "status", strength: share(p, "status") };
  if (share(p, "target") >= S.valueShare) return { role: "target", strength: share(p, "target") };
  if (share(p, "mark") >= S.valueShare) return { role: "month", strength: share(p, "mark") };
  return null;
}

/** Builds the columns from a table's header rows; an upper cell spans the empty cells to its right. */
export function headerColumns(headers: readonly Row[], width: number): Column[] {
  const cols: Column[] = [];
  const upper = headers[0];
  const lower = headers.length > 1 ? headers[headers.length - 1]! : null;
  const middle = headers.length > 2 ? headers[1]! : null;
  let spanLabel = "";
  // The spanning label has had sub-heads under it ("Target" over 2026 | 2027 | 2028): a column past them with
  // none is out of its span (a header the print lost, rotated: its values say its role).
  let subHeaded = false;
  for (let c = 0; c < width; c++) {
    const up = upper?.cells[c]?.text ?? "";
    const mid = middle?.cells[c]?.text ?? "";
    const lo = lower ? (lower.cells[c]?.text ?? "") : "";
    if (up) [spanLabel, subHeaded] = [up, false];
    if (lo) subHeaded = true;
    else if (!up && subHeaded) spanLabel = "";
    const col: Column = { index: c, label: "", role: null, year: null, confidence: 0, lowerRole: null, lowerLabel: "", lowerYear: null, group: null, period: null };
    // An upper cell over this column and the empty ones right of it spans them all, this one included.
    const spans = up !== "" && lower !== null && c + 1 < width && !(upper?.cells[c + 1]?.text ?? "") && (lower.cells[c + 1]?.text ?? "") !== "";
    if (spans) col.group = up;
    if (lower && lo && !up && spanLabel && (mid || c > 0)) {
      // A cell under a label spanning several columns ("Tempi" over "Inizio | Fine").
      col.label = [mid, lo].filter(Boolean).join(" ");
      col.group = spanLabel;
    } else if (lower && lo && up) {
      col.label = up;
      col.lowerLabel = [mid, lo].filter(Boolean).join(" ");
    } else {
      col.label = [up || (lower && !lo ? spanLabel : ""), mid, lo].filter(Boolean).join(" ");
    }
    cols.push(col);
  }
  return cols;
}

/** A detail label that only says "the text of" the group above it. */
const GENERIC_DETAIL = new Set<Role>(["description", "title"]);
const NAMED_GROUP = new Set<Role>(["indicator", "objective", "step"]);
const KPI_FAMILY = new Set<Role>(["indicator", "kpiType", "measure", "target", "actual", "source"]);
const STEP_FAMILY = new Set<Role>(["step", "title", "description", "code"]);

function sameFamily(a: Role, b: Role): boolean {
  return (KPI_FAMILY.has(a) && KPI_FAMILY.has(b)) || (STEP_FAMILY.has(a) && STEP_FAMILY.has(b));
}

/** The columns of a table with their roles, decided from the header's words and the body's values. */
export function columnsOf(table: TableBlock, planYear: number | null = null): Column[] {
  const data = table.body.filter((r) => r.kind === "data").map((r) => r.row);
  const cols = headerColumns(table.header, table.width);
  // Period columns, read on each header line as a run (initials and numbers mean months only in order).
  for (const h of table.header) {
    const periods = calendarPeriods(cols.map((c) => h.cells[c.index]?.text ?? ""));
    periods.forEach((p, k) => {
      if (p) cols[k]!.period = p;
    });
  }
  const profiles = cols.map((c) => profile(data.map((r) => r.cells[c.index]?.text ?? "")));
  for (const col of cols) decide(col, profiles[col.index]!, data);
  stackedLabels(cols, data);
  markRepeats(cols);
  refine(cols, data, profiles);
  countedColumns(cols, table, data);
  groupSummary(cols);
  // A value expected for a year before the plan's ("Valore 2025 (atteso)", "Target 2025" in a plan for 2026),
  // beside a target of the plan's own years: that year's value, the indicator's history.
  if (planYear !== null && cols.some((c) => c.role === "target" && (c.year === null || c.year >= planYear))) {
    for (const c of cols) if (c.role === "target" && c.year !== null && c.year < planYear) c.role = "actual";
  }
  // A year alone under a group's label ("Base" over 2025 | 2026, "Target" centred over 2027 | 2028 as printed):
  // that year's column. A plan's own year under a baseline's label, beside targets, is a target's (the group's
  // label set off centre over its years).
  for (const c of cols) {
    const y = c.year === null && c.group !== null ? YEAR_LABEL.exec(c.label.trim()) : null;
    if (y) c.year = Number(y[1]);
  }
  if (planYear !== null && cols.some((c) => c.role === "target")) {
    for (const c of cols) if (c.role === "baseline" && c.group !== null && c.year !== null && c.year >= planYear) c.role = "target";
  }
  return cols;
}

/** Roles naming records, whose values are never summed. */
const NAMING_ROLES = new Set<Role>(["objective", "title", "code", "step"]);

/**
 * A column naming records by its header ("Obiettivi", "N.") whose values are whole numbers its table's total
 * row adds up ("2 | 2 | 2" over "Totale | 6"): a count of them, not their names or codes.
 */
function countedColumns(cols: Column[], table: TableBlock, data: readonly Row[]): void {
  const totals = table.body.filter((r) => r.kind === "total");
  if (totals.length === 0 || data.length < 2) return;
  for (const c of cols) {
    if (c.role === null || !NAMING_ROLES.has(c.role)) continue;
    const values = data.map((r) => r.cells[c.index]?.text.trim() ?? "");
    if (!values.every((v) => /^\d{1,4}$/.test(v))) continue;
    const sum = values.reduce((n, v) => n + Number(v), 0);
    if (totals.some((t) => (t.row.cells[c.index]?.text.trim() ?? "") === String(sum))) c.role = "extra";
  }
}

/** A header counting the records: "N. obiettivi", "Numero obiettivi". */
const COUNT_OF_RECORDS = /^(?:n\.?|nr\.?|numero)\s*(?:di\s+)?obiettivi\b/i;

/**
 * A table counting the objectives of each row ("CdR | Denominazione | N. obiettivi | Totale pesi"): a summary of
 * the units that hold them, whose names are units', not objectives' titles.
 */
function groupSummary(cols: Column[]): void {
  if (!cols.some((c) => COUNT_OF_RECORDS.test(c.label.trim()))) return;
  for (const c of cols) if (c.role === "objective" || c.role === "title") c.role = "unit";
}

/** An ordinal in a label: "1", "2ª", "3°", "II", a capital letter alone ("Indicatore A"). */
const LABEL_ORDINAL = /(?<![\p{L}\d])(?:(\d{1,2})\s?[ªº°]?|([IVX]{1,4})|([A-F]))(?![\p{L}\d])/u;

/**
 * Groups of columns printed again across the row, told by labels alike but for an ordinal ("1ª fase |
 * Termine 1ª fase | 2ª fase | Termine 2ª fase"): each column of the n-th group gets `repeat` n. Two groups at
 * least, of the same labels; a year is no ordinal ("Target 2025 | Target 2026" are years, read as such).
 */
function markRepeats(cols: Column[]): void {
  const byStem = new Map<string, { col: Column; ord: string }[]>();
  for (const c of cols) {
    const m = LABEL_ORDINAL.exec(c.label);
    if (!m || c.year !== null) continue;
    const stem = normalizeLabel(c.label.slice(0, m.index) + " " + c.label.slice(m.index + m[0].length));
    if (!stem) continue;
    const list = byStem.get(stem) ?? [];
    list.push({ col: c, ord: (m[1] ?? m[2] ?? m[3])! });
    byStem.set(stem, list);
  }
  // The ordinals the repeated labels run through, in the order printed.
  const ords: string[] = [];
  for (const list of byStem.values()) {
    if (new Set(list.map((x) => x.ord)).size < 2) continue;
    for (const x of list) if (!ords.includes(x.ord)) ords.push(x.ord);
  }
  if (ords.length < 2) return;
  for (const list of byStem.values()) {
    if (new Set(list.map((x) => x.ord)).size < 2) continue;
    for (const x of list) x.col.repeat = ords.indexOf(x.ord) + 1;
  }
}

/** Roles that title a record of one level or another. */
const LEVEL_ROLES: ReadonlySet<Role> = new Set<Role>(["objective", "title", "step"]);

const COMPOUND_RE = /^(.+?)\s+([\/–—-])\s+(.+)$|^(.+?)\s*\/\s*(.+)$|^(.+?)\s*\((.+)\)$|^(\S+)\s+e\s+(\S+)$/;
/** The marks `COMPOUND_RE`'s slash, dash and "e" forms part at (the bracket form ends with its bracket). */
const COMPOUND_MARK_RE = /[\/–—-]|\se\s/;

/**
 * @internal A necessary condition of `COMPOUND_RE` matching a trimmed label: each form needs its mark, a
 * slash, a dash or a spaced "e" between the parts, or a closing bracket (most labels have none).
 */
export function mayBeCompound(t: string): boolean {
  return COMPOUND_MARK_RE.test(t) || t.endsWith(")");
}

/** A two-field value parted: at the first spaced slash or dash, or the bracket closing it ("Avvisi emessi (almeno 400)"). */
export function partValue(v: string, by: "slash" | "dash" | "bracket" | "paras" | "date"): [string, string] | null {
  if (by === "paras") return null;
  if (by === "date") {
    const d = LEAD_DATE.exec(v.trim());
    // (A day's date in figures: "Ottobre 2027" is one date, not a month and a text.)
    return d && /\d/.test(d[1]!) && classify(d[1]!) === "date" ? [d[1]!, d[2]!] : null;
  }
  const m = by === "bracket" ? /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(v) : by === "slash" ? /^(.+?)\s+\/\s+(.+)$/.exec(v) : /^(.+?)\s+[–—-]\s+(.+)$/.exec(v);
  return m ? [m[1]!.trim(), m[2]!.trim()] : null;
}

/**
 * A header naming two fields ("Resp. / Struttura", "Peso – Scadenza", "Indicatore (target)"), else null.
 * Each half must be a sure label, or (an abbreviation: "Peso – Scad.") a likely one over values that part
 * where the header does.
 */
export function compoundHeader(label: string, values: readonly string[] = []): { first: string; second: string; role: Role; by: "slash" | "dash" | "bracket" | "paras" } | null {
  const t = label.trim();
  if (!mayBeCompound(t)) return null;
  const m = COMPOUND_RE.exec(t);
  if (!m) return null;
  // ("Indicatore e target": two one-word labels joined by "e", their values a paragraph each.)
  const [first, second, by] = m[1] ? [m[1], m[3]!, m[2] === "/" ? "slash" : "dash"] : m[4] ? [m[4], m[5]!, "slash"] : m[6] ? [m[6], m[7]!, "bracket"] : [m[8]!, m[9]!, "paras"];
  const a = roleVotes(first)[0];
  const b = roleVotes(second)[0];
  if (!a || !b || a.role === b.role) return null;
  // Two levels of the plan ("Obiettivo / fase", "Progetto – azione"): the column titles the records of either
  // level, row by row, not two fields of each.
  if (LEVEL_ROLES.has(a.role) && LEVEL_ROLES.has(b.role)) return null;
  if (by === "paras") return a.score >= S.compoundScore && b.score >= S.compoundScore ? { first, second, role: b.role, by: "paras" } : null;
  const low = Math.min(a.score, b.score);
  if (low < S.compoundScore) {
    const filled = values.filter((v) => v.trim() !== "");
    if (low < S.compoundFloor || filled.length === 0 || filled.filter((v) => partValue(v, by as "slash" | "dash" | "bracket")).length < S.compoundValueShare * filled.length) return null;
  }
  return { first, second, role: b.role, by: by as "slash" | "dash" | "bracket" };
}

/** A date's token, then text: "31/03/2026 PAI redatti entro 30 gg". */
const LEAD_DATE = /^(\S{6,10})\s+(\S.*)$/;

/**
 * Two columns printed into one, the date filling its column up to the next one's text ("Scadenza Indicatore"
 * over "31/03/2026 PAI redatti …", a fixed-width print or a scan's columns a space apart): a date's label then
 * another field's, the values a date and text. The date's role, and the other field split off.
 */
function fusedDateHeader(label: string, values: readonly string[]): { first: string; second: string; role: Role } | null {
  const words = label.trim().split(/\s+/);
  if (words.length < 2 || words.length > 6) return null;
  // One label of several words ("Tempi di realizzazione", "Data fine prevista") is no two.
  if ((roleVotes(label)[0]?.score ?? 0) >= S.compoundScore) return null;
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (filled.length < 2 || filled.filter((v) => partValue(v, "date") !== null).length < S.compoundValueShare * filled.length) return null;
  for (let k = 1; k < words.length; k++) {
    const first = words.slice(0, k).join(" ");
    const second = words.slice(k).join(" ");
    const a = roleVotes(first)[0];
    const b = roleVotes(second)[0];
    if (a && b && DATE_ROLES.has(a.role) && !DATE_ROLES.has(b.role) && a.score >= S.compoundScore && b.score >= S.compoundScore) return { first, second, role: b.role };
  }
  return null;
}

/** A cell of exactly two paragraphs, written as a slash-parted value. */
function twoParas(c: { text: string; paras?: string[] } | undefined): string | null {
  return c?.paras?.length === 2 ? `${c.paras[0]} / ${c.paras[1]}` : null;
}

/** One column's role: the header's vote weighed against the values'. */
function decide(col: Column, p: ValueProfile, data: readonly Row[]): void {
  if (col.period) {
    col.role = "month";
    col.confidence = 1;
    return;
  }
  // (A cell of two paragraphs parts where they do: "Settore Tecnico" over "Dirigente: …".)
  const compound = col.label ? compoundHeader(col.label, data.map((r) => twoParas(r.cells[col.index]) ?? r.cells[col.index]?.text ?? "")) : null;
  if (compound) {
    col.role = roleVotes(compound.first)[0]!.role;
    col.confidence = S.valueOnlyConfidence;
    col.split = { role: compound.role, label: compound.second, by: compound.by };
    return;
  }
  const fused = col.label && col.label.includes(" ") ? fusedDateHeader(col.label, data.map((r) => r.cells[col.index]?.text ?? "")) : null;
  if (fused) {
    col.role = roleVotes(fused.first)[0]!.role;
    col.confidence = S.valueOnlyConfidence;
    col.split = { role: fused.role, label: fused.second, by: "date" };
    return;
  }
  const label = col.group && !col.label ? col.group : col.label;
  let votes = label ? roleVotes(label) : [];
  // "Ob.", "Obj.": the objective's word cut short (too short for the vocabulary's abbreviations).
  if (votes.length === 0 && OBJECTIVE_ABBREVIATION.test(label.trim())) votes = [{ role: "objective", score: 0.85, year: null, covered: 1 }];
  // Under a spanning group, the group's word names the family ("Indicatore" over "Descrizione | Target").
  if (col.group) {
    const own = votes[0];
    const group = roleVotes(col.group)[0];
    if (group && (!own || (GENERIC_DETAIL.has(own.role) && NAMED_GROUP.has(group.role)))) votes = [{ ...group, year: own?.year ?? group.year }];
  }
  // A year alone, or a value's word and a year ("2023", "Valore 2024"): that year's value, its history —
  // whatever the numbers under it look like.
  const year = votes.length === 0 ? YEAR_LABEL.exec(label.trim()) : null;
  if (year && p.count > 0) {
    col.role = "actual";
    col.year = Number(year[1]);
    col.confidence = S.valueOnlyConfidence;
    return;
  }
  if (votes.length === 0 && p.count > 0 && DATED_VALUE_LABEL.test(label.trim())) {
    col.role = "actual";
    col.confidence = S.valueOnlyConfidence;
    return;
  }
  const v = valueRole(p, col.index);
  const sure = votes.filter((m) => m.score >= S.sureHeader);
  if (sure.length) {
    const best = sure[0]!;
    const f = fit(best.role, p);
    // A label of several words the vocabulary keeps as a field of its own ("Data delibera", "Stanziamento €"):
    // dates or numbers under it are that field's, no deadline or weight.
    if (best.role === "extra" && best.covered >= 2) {
      col.role = "extra";
      col.confidence = 1;
      return;
    }
    // Plain contradiction: the values are strongly of another kind than the header says.
    if (f < S.contradiction && v && v.strength >= S.valueShare && v.role !== best.role) {
      col.role = v.role;
      col.year = best.year;
      col.confidence = S.valueOnlyConfidence * v.strength;
      return;
    }
    col.role = best.role;
    col.year = best.year;
    col.confidence = Math.min(1, 0.5 + 0.5 * f);
    return;
  }
  if (votes.length) {
    // An abbreviated or fuzzy header: of the roles it may name, the one its values fit best.
    let best = votes[0]!;
    let bestScore = -1;
    for (const m of votes) {
      const s = m.score + fit(m.role, p) + (v && v.role === m.role ? 0.5 : 0);
      if (s > bestScore) [best, bestScore] = [m, s];
    }
    const f = fit(best.role, p);
    if (f < S.contradiction && v && v.strength >= S.valueShare && v.role !== best.role) {
      col.role = v.role;
      col.year = best.year;
      col.confidence = S.valueOnlyConfidence * v.strength;
      return;
    }
    col.role = best.role;
    col.year = best.year;
    col.confidence = Math.min(1, best.score * (0.5 + 0.5 * f));
    return;
  }
  // One value in lower case under no header, beside labelled columns (a cell's text a scan set apart, "nel
  // 2022" cut from "… avviato la sperimentazione nel 2022"): the rest of a text, no field of its own.
  if (v && !label.trim() && p.count <= 1 && data.some((r) => /^\p{Ll}/u.test(r.cells[col.index]?.text.trim() ?? ""))) return;
  if (v) {
    col.role = v.role;
    col.confidence = S.valueOnlyConfidence * v.strength;
  }
}

/** A value opening with a comparator: a threshold to reach, a target's form. */
const THRESHOLD_RE = /^(?:[<>≤≥⩾⩽]=?|=)\s*\S/u;

/** A value's word dated by the day it was read on ("Valore al 30/06", "Dato al 30 giugno 2025"): the value reached by then. */
const DATED_VALUE_LABEL = new RegExp(String.raw`^(?:valore|dato|risultato|situazione)` + DATED_BY_DAY, "iu");

/**
 * Two labels stacked over one column: a group over its detail ("Indicatore"
 * over "Descrizione"), or two fields printed on two lines of each record
 * (planned dates over actual ones) — only when the data really come in pairs.
 */
function stackedLabels(cols: Column[], data: readonly Row[]): void {
  const paired = new Set<number>();
  for (const col of cols) {
    if (!col.lowerLabel) continue;
    const up = col.role;
    const lo = roleVotes(col.lowerLabel)[0] ?? null;
    if (up && lo && GENERIC_DETAIL.has(lo.role) && NAMED_GROUP.has(up)) {
      col.lowerLabel = "";
    } else if (up && lo && up !== lo.role && !sameFamily(up, lo.role)) {
      col.lowerRole = lo.role;
      col.lowerYear = lo.year;
      paired.add(col.index);
    } else {
      col.label = col.lowerLabel || col.label;
      col.role = lo?.role ?? up;
      col.year = lo?.year ?? col.year;
      col.lowerLabel = "";
    }
  }
  if (paired.size === 0) return;
  const pairs = data.some((r) => {
    const ne = r.cells.flatMap((c, i) => (c.text ? [i] : []));
    return ne.length > 0 && ne.every((i) => paired.has(i));
  });
  if (pairs) return;
  // No record prints a second line: the lower label is the column's own.
  for (const c of cols) {
    if (c.lowerRole === null) continue;
    c.role = c.lowerRole;
    c.label = c.lowerLabel;
    c.year = c.lowerYear;
    c.lowerRole = null;
    c.lowerLabel = "";
  }
}

/** Roles refined from the table as a whole: codes in a title column, years, two date columns, twin title columns. */
/** Every code of column `lower` lies under the code of `upper` in its row or the last one above it; at least two rows. */
function codesUnder(data: readonly Row[], upper: number, lower: number): boolean {
  let last = "";
  let n = 0;
  for (const r of data) {
    const u = r.cells[upper]?.text.trim() || last;
    last = u;
    const l = r.cells[lower]?.text.trim() ?? "";
    if (!l) continue;
    if (!u || !isUnderCode(u, l)) return false;
    n++;
  }
  return n >= 2;
}

function refine(cols: Column[], data: readonly Row[], profiles: readonly ValueProfile[]): void {
  for (const col of cols) {
    const p = profiles[col.index]!;
    if (col.role === "weight" && col.year !== null) col.role = "yearWeight";
    if ((col.role === "step" || col.role === "objective" || col.role === "title") && p.count > 0 && p.codes / p.count >= S.codeShare && !sumsToWhole(p.sum, p.fractions)) {
      col.role = "code";
    }
    // Amounts under a label naming money ("Oneri di funzionamento (€)": 412.000, 1.350.000) are no codes, however dotted.
    if (col.role === "code" && MONEY_LABEL.test(col.label)) col.role = null;
  }
  // Columns headed by a year alone hold that year's values: the history, unless their values are thresholds
  // ("≥ 85%", "≤ 350") and no other column holds the target: then the years' targets (the first one the target).
  const yearCols = cols.filter((c) => c.role === "actual" && c.year !== null && c.label !== null && YEAR_LABEL.test(c.label.trim()));
  if (yearCols.length > 0 && !cols.some((c) => c.role === "target")) {
    const thresholds = (c: Column) => {
      const values = filledValues(data, c.index);
      return values.length > 0 ? values.filter((v) => THRESHOLD_RE.test(v)).length / values.length : 0;
    };
    if (yearCols.some((c) => thresholds(c) >= S.yearTargetShare)) for (const c of yearCols) c.role = "target";
  }
  // A column numbering the rows one by one from 1 beside another column of codes ("N. | Codice", "Prog. | Cod."):
  // the print's count, not the records' codes.
  const coded = cols.filter((c) => c.role === "code");
  if (coded.length >= 2) {
    const counters = coded.filter((c) => countsRows(data, c.index));
    if (counters.length < coded.length) for (const c of counters) {
      c.role = null;
      c.counter = true;
    }
  }
  // A column of counters ("1 di 3", "2/3": a phase's place among its objective's) numbers no record: the text
  // beside it names the steps.
  for (const c of cols) {
    const values = filledValues(data, c.index);
    if (values.length < 2 || !values.every(isCounter) || !values.some((v) => COUNTER_VALUE.exec(v)![1] === "1")) continue;
    const was = c.role;
    c.role = null;
    c.counter = true;
    const text = cols.find((x) => x.role === "description");
    if ((was === "step" || was === "objective" || was === "title") && text) text.role = was;
  }
  // Two code columns and one title, the objective's: the column whose codes the other's lie under (LS1 over
  // LS1.1 and LS1.2, printed once and left empty below) names the upper level, a link; the other is the
  // objectives' own code. (Over a column of steps, the upper codes are the objectives'.)
  const codeCols = cols.filter((c) => c.role === "code");
  if (codeCols.length === 2 && cols.filter((c) => c.role === "objective" || c.role === "title").length === 1 && !cols.some((c) => c.role === "step")) {
    for (const [upper, lower] of [codeCols, [codeCols[1]!, codeCols[0]!]] as [Column, Column][]) {
      if (codesUnder(data, upper.index, lower.index)) {
        upper.role = "links";
        break;
      }
    }
  }
  // A higher objective's column ("Obiettivo strategico") holding titles, not codes, in a table with no
  // other title: the objectives' titles are there. (A reference to another plan, "Collegamento PNRR",
  // titles nothing.)
  if (!cols.some((c) => c.role === "objective" || c.role === "title" || c.role === "step")) {
    const links = cols.find((c) => c.role === "links" && OBJECTIVE_LEVEL_LABEL.test(`${c.group ?? ""} ${c.label}`));
    const p = links ? profiles[links.index]! : null;
    if (links && p && p.count > 0 && p.codes / p.count < S.codeShare && p.meanLength >= S.titleMinLength) links.role = "objective";
  }
  // Two deadline columns and no start: the left one is the start ("Dal | Al", "Tempi: Inizio | Fine" unlabeled).
  // (Each of a repeated group's deadlines is its own group's: "Scadenza fase 1 | … | Scadenza fase 2".)
  const dues = cols.filter((c) => c.role === "due" && c.repeat === undefined);
  if (dues.length === 2 && !cols.some((c) => c.role === "start") && dues[0]!.confidence < 1) dues[0]!.role = "start";
  // Two unit columns ("Area | … | Struttura"): the one naming more different units is the objective's; the
  // coarser one groups them (an area, a department) and stays a field of its own.
  const units = cols.filter((c) => c.role === "unit");
  if (units.length >= 2) {
    const distinct = (c: Column) => new Set(data.map((r) => r.cells[c.index]?.text ?? "").filter(Boolean)).size;
    units.sort((a, b) => distinct(b) - distinct(a));
    for (const c of units.slice(1)) if (distinct(c) < distinct(units[0]!)) c.role = "extra";
  }
  // A measure column with no indicator beside it, its values long as names ("Indic." read as "indice" over
  // "Alloggi ripristinati e riassegnati"): the indicator.
  if (!cols.some((c) => c.role === "indicator")) {
    const lone = cols.filter((c) => c.role === "measure");
    if (lone.length === 1 && profiles[lone[0]!.index]!.meanLength >= S.titleMinLength && share(profiles[lone[0]!.index]!, "text") >= S.valueShare) lone[0]!.role = "indicator";
  }
  // Target columns of a scale ("Soglia minima | Valore atteso | Valore di eccellenza"): the one naming no bound
  // is the target; the bounds stay fields of their own. (Targets of several years are each their year's.)
  const targets = cols.filter((c) => c.role === "target" && c.year === null && c.repeat === undefined);
  if (targets.length >= 2) {
    const plain = targets.filter((c) => !TARGET_BOUND_LABEL.test(c.label));
    if (plain.length === 1) for (const c of targets) if (c !== plain[0]) c.role = "extra";
  }
  // Two measure columns (a formula beside the unit of measure): the shorter values are the unit, the formula a note.
  const measures = cols.filter((c) => c.role === "measure").sort((a, b) => profiles[a.index]!.meanLength - profiles[b.index]!.meanLength);
  for (const c of measures.slice(1)) c.role = "note";
  // Two columns claiming the same name: the one with longer values is the title, the other its description.
  // (A repeated group's own columns each name their group's record: "Fase 1", "Fase 2" are two steps.)
  for (const role of ["step", "objective", "title"] as const) {
    const named = cols.filter((c) => c.role === role && c.repeat === undefined);
    if (named.length < 2) continue;
    named.sort((a, b) => profiles[b.index]!.meanLength - profiles[a.index]!.meanLength);
    for (const c of named.slice(1)) c.role = "description";
  }
  // A column of letters or numbers alone beside the steps' text ("a", "b", "c" under FASE beside DESCRIZIONE FASE)
  // numbers the steps: their code.
  if (cols.some((c) => c.role === "step")) for (const c of cols) if (c.role === "description" && enumerates(data, c.index)) c.role = "code";
}

/** A place counted out of a whole: "1 di 3", "n. 2/7", "3 / 4". */
const COUNTER_VALUE = /^(?:n\.?\s*)?(\d{1,2})\s*(?:di|\/)\s*(\d{1,2})$/i;
/** (Out of a few: "25/100" is a weight, and "30/10" no place.) */
const COUNTER_MAX = 30;

function isCounter(v: string): boolean {
  const m = COUNTER_VALUE.exec(v);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]) && Number(m[2]) <= COUNTER_MAX;
}

/** The column's filled values, trimmed, in print order. */
function filledValues(data: readonly Row[], index: number): string[] {
  return data.map((r) => r.cells[index]?.text.trim() ?? "").filter(Boolean);
}

/** The column's filled values are 1, 2, 3 … in print order (three at least). */
function countsRows(data: readonly Row[], index: number): boolean {
  const values = filledValues(data, index);
  return values.length >= 3 && values.every((v, k) => v === String(k + 1));
}

/** Every filled value of the column is an enumerator (a letter or a number, maybe closed by a period or bracket); two at least. */
function enumerates(data: readonly Row[], index: number): boolean {
  const values = filledValues(data, index);
  return values.length >= 2 && values.every((v) => /^(?:[a-z]|\d{1,2})[.)]?$/i.test(v));
}

/** The first column with one of the roles, or undefined. */
export function colOf(cols: readonly Column[], ...roles: Role[]): Column | undefined {
  for (const r of roles) {
    const c = cols.find((x) => x.role === r);
    if (c) return c;
  }
  return undefined;
}
