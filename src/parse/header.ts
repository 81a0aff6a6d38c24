/**
 * Header rows: recognising them, merging headers printed over two lines, and
 * giving every column a role — from the vocabulary first, then from the values
 * the column holds (a column of codes is the code, a column of status words is
 * the status).
 */
import type { Row } from "../doc/source.js";
import { looksLikeDate } from "../normalize/dates.js";
import { memo } from "../util/memo.js";
import { nonEmpty } from "./blocks.js";
import { matchLabelPrefix, matchRole, normalizeLabel } from "./match.js";
import { MONTH_LABEL, STATUS_WORDS, type Role } from "./vocabulary.js";
import { wordCount } from "../util/text.js";

/** A step/objective code as printed: 1, 1.1, 1.1.1, 2024_A01_07, OB.1, A1, 1.1.a (a closing letter numbers sub-steps). */
export const CODE_RE = /^(?:[A-Za-z]{1,4}[._ -]?)?\d{1,4}(?:[._-][A-Za-z]{0,3}\d{1,4}[A-Za-z]?)*(?:[._-][A-Za-z])?\.?$/;

export function isCode(s: string): boolean {
  return s.length <= 24 && CODE_RE.test(s.trim());
}

/** A code as its value: without the period that closes a list number ("1.5." and "1.5" are one step). */
export function codeValue(s: string): string {
  const t = s.trim();
  return isCode(t) ? t.replace(/(?<=\d)\.$/, "") : t;
}

/**
 * Two printings of one code: equal once OCR's usual confusions are folded
 * (O/0, I/l/1, a comma for the dot, stray spaces), so a card continued on a
 * scanned page still merges with its start.
 */
export function sameCode(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return a === b || codeKey(a) === codeKey(b);
}

function codeKey(s: string): string {
  return s.toUpperCase().replace(/\s+/g, "").replace(/,/g, ".").replace(/O/g, "0").replace(/[IL|]/g, "1").replace(/\.$/, "");
}

const NUMBERISH_RE = /^[\s≥≤<>=%€n.°+\-–]*\d[\d.,\s]*(%|€|gg|giorni)?$/i;

/** A value a header cell would not hold: a date, a number, a percentage. */
export function looksLikeValue(s: string): boolean {
  if (s.length > 60) return false;
  return NUMBERISH_RE.test(s) || looksLikeDate(s);
}

const shortness = memo<boolean>();

/** A label-sized cell: few words, no sentence, no value. Memoised: it is asked of every cell often. */
function short(s: string): boolean {
  // A long text is no label, and hashing it for the memo would cost more than the answer.
  return s.length <= 80 && shortness(s, () => computeShort(s));
}

function computeShort(s: string): boolean {
  const words = wordCount(s);
  // A sentence ends with a period; an abbreviated label ("cod.", "n.") may too.
  const sentence = words >= 4 && /[.;]$/.test(s);
  return words <= 9 && s.length <= 80 && !sentence && !looksLikeValue(s);
}

/** Header-likeness: short label cells, enough of them known to the vocabulary. */
export function isHeaderRow(r: Row, loose = false): boolean {
  const ne = nonEmpty(r);
  if (ne.length < 2) return false;
  let texts = ne.map((i) => r.cells[i]!.text);
  // A cronoprogramma's month columns (Gen … Dic, three or more) are labels, though each alone reads as a date.
  const months = texts.filter(isMonthLabel).length;
  if (months >= 3) {
    texts = texts.filter((t) => !isMonthLabel(t));
    if (texts.length === 0) return false;
    return texts.every(short) && texts.some((t) => matchRole(t, 0.7) !== null);
  }
  if (!texts.every(short)) return false;
  // A label fused with its value ("OBIETTIVO 1.4", "RESPONSABILE Mario Rossi") is a card, not a header.
  if (texts.some(isFusedValue)) return false;
  // Two cells are a header only when both are certain labels; else "Label | value".
  const min = texts.length === 2 && !loose ? 0.9 : 0.7;
  const matched = texts.filter((t) => matchRole(t, min) !== null).length;
  if (matched === texts.length) return true;
  return texts.length >= 3 && matched / texts.length > 0.5;
}

function isFusedValue(t: string): boolean {
  const m = matchLabelPrefix(t);
  return m !== null && m.rest !== "" && !/^(19|20)\d\d$/.test(m.rest) && !isCompoundLabel(t);
}

/** "Obiettivo / Fase", "Settore / Servizio": labels joined by a slash name one column, no label carries a value. */
function isCompoundLabel(t: string): boolean {
  if (!t.includes("/") || t.length > 80) return false;
  const parts = t.split("/").map((p) => p.trim());
  return parts.length >= 2 && parts.every((p) => p !== "" && matchRole(p, 0.9) !== null);
}

/** A further header line: only labels, possibly a single one ("Cod." under "TAB"). */
export function isHeaderContinuation(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length === 0) return false;
  return ne.every((i) => {
    const t = r.cells[i]!.text;
    return short(t) && !isFusedValue(t) && matchRole(t) !== null;
  });
}

/** Short cells with no values, too few known words to be sure: a header only if data follow. */
export function isWeakHeaderRow(r: Row, next: Row | undefined, after?: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length < 2 || !next) return false;
  if (!ne.every((i) => short(r.cells[i]!.text))) return false;
  let nn = nonEmpty(next);
  // A header printed over two lines: look past a line of short labels.
  if (after && nn.length >= 1 && nn.every((i) => short(next!.cells[i]!.text))) {
    next = after;
    nn = nonEmpty(after);
  }
  if (nn.length < 2) return false;
  return nn.some((i) => {
    const t = next.cells[i]!.text;
    return wordCount(t) > 9 || looksLikeValue(t);
  });
}

/**
 * A card row: a known label followed by its value, possibly fused in one
 * cell ("RESPONSABILE Mario Rossi", "OBIETTIVO 1.1").
 */
export function isLabelRow(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length < 1 || ne.length > 5) return false;
  const first = r.cells[ne[0]!]!.text;
  const fusedFirst = matchLabelPrefix(first);
  // "OBIETTIVO 1.2": a label carrying its value opens a card whatever follows.
  if (fusedFirst && isFusedValue(first)) return true;
  const full = matchRole(first, 0.9);
  const fused = full || isCompoundLabel(first) ? null : fusedFirst;
  if (!full && !fused) return false;
  if (ne.length === 1) return fused !== null && fused.rest !== "";
  // Some cell must be a value, not another header word ("peso: 25" repeats the label but holds a value;
  // "Missione 12 Programma 07" has the words of a label, and numbers no label has).
  const isValue = (t: string) => matchRole(t) === null || isFusedValue(t) || /\d/.test(t.replace(/\b(19|20)\d\d\b/g, ""));
  return ne.slice(1).some((i) => isValue(r.cells[i]!.text)) || (fused !== null && fused.rest !== "");
}

export interface Column {
  index: number;
  /** Header text as printed (both header lines joined). */
  label: string;
  role: Role | null;
  /** Role of the second header line under this column, for rows printed as a pair of lines. */
  lowerRole: Role | null;
  lowerLabel: string;
  lowerYear: number | null;
  year: number | null;
}

/** Builds the columns from one or two header rows; an upper cell spans the empty columns to its right. */
export function buildColumns(headers: Row[]): Column[] {
  const width = Math.max(...headers.map((h) => h.cells.length));
  const cols: Column[] = [];
  const upper = headers[0]!;
  const lower = headers.length > 1 ? headers[headers.length - 1]! : null;
  let spanLabel = "";
  for (let c = 0; c < width; c++) {
    const up = upper.cells[c]?.text ?? "";
    const lo = lower ? (lower.cells[c]?.text ?? "") : "";
    if (up) spanLabel = up;
    const upLabel = up || (lower && !lo ? spanLabel : "");
    const upMatch = upLabel ? matchRole(upLabel, 0.6) : null;
    const loMatch = lo ? matchRole(lo, 0.6) : null;
    const col: Column = { index: c, label: "", role: null, lowerRole: null, lowerLabel: "", lowerYear: null, year: null };
    if (lo && up && lower) {
      // Two labels stacked over one column: either a group over its detail
      // (same role family) or two fields printed on two lines of each record.
      const upRole = upMatch?.role ?? null;
      const loRole = loMatch?.role ?? null;
      if (upRole && loRole && GENERIC_DETAIL.has(loRole) && NAMED_GROUP.has(upRole)) {
        // "Indicatore" over "Descrizione": the description of the indicator is its name.
        col.label = up;
        col.role = upRole;
        col.year = upMatch?.year ?? null;
      } else if (upRole && loRole && upRole !== loRole && !sameFamily(upRole, loRole)) {
        col.label = up;
        col.role = upRole;
        col.year = upMatch?.year ?? null;
        col.lowerRole = loRole;
        col.lowerLabel = lo;
        col.lowerYear = loMatch?.year ?? null;
      } else {
        col.label = lo;
        col.role = loRole ?? upRole;
        col.year = (loMatch ?? upMatch)?.year ?? null;
      }
    } else if (lo) {
      col.label = lo;
      col.role = loMatch?.role ?? null;
      col.year = loMatch?.year ?? null;
    } else {
      col.label = upLabel;
      col.role = upMatch?.role ?? null;
      col.year = upMatch?.year ?? null;
    }
    cols.push(col);
  }
  return cols;
}

/** A detail label that only says "the text of" the group above it. */
const GENERIC_DETAIL = new Set<Role>(["description", "title"]);
const NAMED_GROUP = new Set<Role>(["indicator", "objective"]);

/** Group headers and their detail share a family ("INDICATORE DI RISULTATO" over "INDICATORE"). */
function sameFamily(a: Role, b: Role): boolean {
  const kpi = new Set<Role>(["indicator", "kpiType", "measure", "target", "actual", "source"]);
  const step = new Set<Role>(["step", "title", "description", "code"]);
  return (kpi.has(a) && kpi.has(b)) || (step.has(a) && step.has(b));
}

const STATUS_SET = new Set(STATUS_WORDS.map(normalizeLabel));

function isMonthLabel(t: string): boolean {
  return t.length <= 14 && MONTH_LABEL.test(t.trim());
}

/** Refines roles from the values: codes vs titles, unlabeled status columns, year-tagged weights. */
export function refineColumns(cols: Column[], data: Row[]): void {
  // Three or more unlabelled month columns: a cronoprogramma.
  const monthCols = cols.filter((c) => c.role === null && isMonthLabel(c.label));
  if (monthCols.length >= 3) for (const c of monthCols) c.role = "month";
  for (const col of cols) {
    const values = data.map((r) => r.cells[col.index]?.text ?? "").filter((v) => v !== "");
    if (col.role === "weight" && col.year !== null) col.role = "yearWeight";
    if (col.role === null && values.length > 0) {
      if (values.every((v) => STATUS_SET.has(normalizeLabel(v)))) col.role = "status";
    }
    if ((col.role === "step" || col.role === "objective" || col.role === "title") && values.length > 0) {
      const codes = values.filter(isCode).length;
      if (codes / values.length >= 0.6) col.role = "code";
    }
  }
  // Two columns claiming the same name: the one with longer values is the title.
  // An objective column beside a step column is no such pair: a table of phases
  // may name the objective of each row ("Obiettivo | Fase | Scadenza").
  for (const role of ["step", "objective"] as const) demoteShorter(cols.filter((c) => c.role === role), data);
}

function demoteShorter(named: Column[], data: Row[]): void {
  if (named.length > 1) {
    const avg = (c: Column) => {
      const v = data.map((r) => r.cells[c.index]?.text ?? "").filter(Boolean);
      return v.reduce((s, x) => s + x.length, 0) / (v.length || 1);
    };
    named.sort((a, b) => avg(b) - avg(a));
    for (const c of named.slice(1)) c.role = "description";
  }
}

/** Words of a label, for the `extra` key (as printed). */
export function labelKey(label: string): string {
  return label.replace(/\s+/g, " ").trim();
}

