/**
 * Reading single rows: their text, which of their cells hold text, and whether
 * a row is a header, a header's second line, or a card's label/value row.
 * Header-likeness is evidence from the words (the vocabulary's votes,
 * abbreviations included) and from the rows below (values a header never holds).
 */
import type { Row } from "../doc/source.js";
import { looksLikeDate } from "../normalize/dates.js";
import { memo } from "../util/memo.js";
import { wordCount } from "../util/text.js";
import { matchLabelPrefix, matchRole, roleVotes, tokens } from "../lexicon/match.js";
import { DATED_BY_DAY, GENERIC_HEADERS, YEAR_LABEL, YEAR_NAMING } from "../lexicon/vocabulary.js";
import { calendarPeriods } from "../lexicon/calendar.js";
import { isCode } from "../lexicon/codes.js";
import { classify } from "../lexicon/values.js";
import { normalizeLabel } from "../lexicon/match.js";
import { labelLine } from "./lines.js";
import { BLOCK_SETTINGS as S } from "./settings.js";

/** The text of a row's cell, trimmed; empty past the row's cells. */
export function cellText(r: Row, i: number): string {
  return r.cells[i]?.text.trim() ?? "";
}

/** A row's text, its cells joined. */
export function rowText(r: Row): string {
  // Text lines have one cell: their text, already trimmed by the extractor or the layout, as it is.
  if (r.cells.length === 1) return r.cells[0]!.text.trim();
  return r.cells.map((c) => c.text).join(" ").trim();
}

/** Indexes of the cells holding text. */
export function nonEmpty(r: Row): number[] {
  const cells = r.cells;
  // Counted first, then allocated at its size: a row's few indexes, not a growing array's spare capacity.
  const idx = new Array<number>(filledCount(r));
  let n = 0;
  for (let i = 0; i < cells.length; i++) if (cells[i]!.text !== "") idx[n++] = i;
  return idx;
}

/** How many cells hold text: `nonEmpty(r).length`, no array built. */
export function filledCount(r: Row): number {
  let n = 0;
  for (const c of r.cells) if (c.text !== "") n++;
  return n;
}

const NUMBERISH_RE = /^[\s≥≤<>=%€n.°+\-–]*\d[\d.,\s]*(%|€|gg|giorni|punti|pt\.?)?$/i;

/** A value a header cell would not hold: a date, a number, a percentage. */
export function looksLikeValue(s: string): boolean {
  if (s.length > 60) return false;
  return NUMBERISH_RE.test(s) || looksLikeDate(s);
}

const shortness = memo<boolean>();

/** A label-sized cell: few words, no sentence, no value. */
export function isShortLabel(s: string): boolean {
  // A long text is no label, and hashing it for the memo would cost more than the answer.
  return s.length <= 80 && shortness(s, computeShort);
}

function computeShort(s: string): boolean {
  const words = wordCount(s);
  // A sentence ends with a period; an abbreviated label ("cod.", "n.") may too.
  const sentence = words >= 4 && /[.;]$/.test(s);
  return words <= 9 && !sentence && (!looksLikeValue(s) || datedLabel(s));
}

/** A label dated by the day it reports on: "Avanzamento al 30/06/2025", "Valore al 30 giugno". */
const DATED_LABEL_RE = new RegExp(String.raw`^(\p{L}[\p{L}'’. %]*?)` + DATED_BY_DAY, "u");
/** Roles whose label such a date qualifies (what was measured or reached by then), not a deadline's. */
const DATED_ROLES = new Set(["progress", "actual", "status", "baseline", "target", "measure", "note", "indicator"]);

function datedLabel(s: string): boolean {
  const m = DATED_LABEL_RE.exec(s);
  const role = m ? matchRole(m[1]!, 0.7)?.role : undefined;
  return role !== undefined && DATED_ROLES.has(role);
}

/** "Campo | Valore", "Voce | Descrizione": a header saying only that labels and values follow. */
export function isGenericHeader(r: Row): boolean {
  const ne = nonEmpty(r);
  return ne.length === 2 && ne.every((i) => GENERIC_HEADERS.has(normalizeLabel(r.cells[i]!.text)));
}

/**
 * Per-row answers, asked again and again while a document's rows are cut into
 * blocks: kept in plain maps for that one document (`keepingRowAnswers`), then
 * dropped whole. Module-wide weak maps would fill with the entries of rows long
 * gone until a full collection, and cost the collector at every young one.
 */
let headerMemo: Map<Row, number> | null = null;
let labelMemo: Map<Row, boolean> | null = null;

/** Runs `build` with the rows' header and label readings kept for its duration; outside it they are read anew. */
export function keepingRowAnswers<T>(build: () => T): T {
  if (headerMemo) return build();
  headerMemo = new Map();
  labelMemo = new Map();
  try {
    return build();
  } finally {
    headerMemo = null;
    labelMemo = null;
  }
}

/** Header-likeness: short label cells, enough of them known to the vocabulary. */

/** `headerKinds` bits: a header read strictly (two cells both sure labels), and loosely. */
const STRICT_HEADER = 1;
const LOOSE_HEADER = 2;

export function isHeaderRow(r: Row, loose = false): boolean {
  let kinds = headerMemo?.get(r);
  if (kinds === undefined) {
    kinds = headerKinds(r);
    headerMemo?.set(r, kinds);
  }
  return (kinds & (loose ? LOOSE_HEADER : STRICT_HEADER)) !== 0;
}

/** A check box, ticked or not, opening a cell. */
const CHECK_BOX = /^\s*[☐☑☒■□✓✔✗✘]/u;

/** Whether `matched` known labels of `count` make a header. */
function enoughKnown(matched: number, count: number): boolean {
  return matched === count || (count >= 3 && matched / count > 0.5);
}

/**
 * The row read as a header both ways at once (STRICT_HEADER | LOOSE_HEADER bits): the two readings differ only
 * in the score a two-cell row's labels need, so the row's cells are read once for both.
 */
function headerKinds(r: Row): number {
  const ne = nonEmpty(r);
  if (ne.length < 2) return 0;
  // A header's cells are short: a row holding a long text is data, whatever else it holds.
  for (const i of ne) if (r.cells[i]!.text.length > 80) return 0;
  // A cell opening with a check box ("☒ Obiettivo di performance organizzativa") is an option ticked or not, a
  // value: no header holds one.
  for (const i of ne) if (CHECK_BOX.test(r.cells[i]!.text)) return 0;
  if (isGenericHeader(r)) return STRICT_HEADER | LOOSE_HEADER;
  // Labels and their values taking turns, the values codes, figures or years ("Codice | CCMV-OP-01 | Anno di
  // riferimento | 2026"): a card's row, whatever the labels' words.
  if (ne.length >= 4 && ne.length % 2 === 0 && ne.length <= 2 * S.maxPairsPerRow && labelsOverFigures(r, ne)) return 0;
  // A year alone over a column ("2023 | 2024" beside "Baseline") labels an indicator's history: no value here.
  let texts: string[] = [];
  let short = 0;
  for (const i of ne) {
    const t = r.cells[i]!.text;
    if (YEAR_LABEL.test(t)) continue;
    texts.push(t);
    if (t.length <= 18) short++;
  }
  // A label beside years ("Attività | 2026"): a header's upper line when the label is a sure one.
  // (Beside two years or more, a likely label is enough: "Indicatore di contesto | 2023 | 2024".)
  // (Not a label naming the year: "Anno di riferimento | 2026" is a label and its value.)
  if (texts.length === 1 && ne.length > 1) return matchRole(texts[0]!, ne.length >= 3 ? 0.7 : 0.9) !== null && !YEAR_NAMING.test(texts[0]!) ? STRICT_HEADER | LOOSE_HEADER : 0;
  if (texts.length < 2) return 0;
  // A cronoprogramma's period columns (Gen … Dic, G F M A …, I trim …, three or more) are labels, though each alone reads as a date.
  // (Only a row with three short cells or more can be a calendar's: periods are short labels.)
  const periods = short >= 3 ? calendarPeriods(texts) : [];
  if (periods.filter(Boolean).length >= 3) {
    texts = texts.filter((_, k) => periods[k] === null);
    if (texts.length === 0) return 0;
    return texts.every(isShortLabel) && texts.some((t) => matchRole(t, 0.7) !== null) ? STRICT_HEADER | LOOSE_HEADER : 0;
  }
  if (!texts.every(isShortLabel)) return 0;
  // Two cells are a header only when both are certain labels (strictly; loosely, known labels); else "Label | value".
  // A label's best role scores the same whatever the bar: matchRole(t, 0.9) is matchRole(t, 0.7) scoring 0.9 or more.
  let sure = 0;
  let known = 0;
  for (const t of texts) {
    const m = matchRole(t, 0.7);
    // Two sure labels run together ("Termine Peso": two columns a tab stop apart, printed as one) count as sure.
    const fused = (m === null || m.score < 0.9) && fusedLabels(t);
    if (m === null && !fused) continue;
    known++;
    if (fused || m!.score >= 0.9) sure++;
  }
  let kinds = 0;
  if (enoughKnown(texts.length === 2 ? sure : known, texts.length)) kinds |= STRICT_HEADER;
  if (enoughKnown(known, texts.length)) kinds |= LOOSE_HEADER;
  // A label fused with its value ("OBIETTIVO 1.4", "RESPONSABILE Mario Rossi") is a card, not a header
  // (asked last: the costliest reading, and only of a row that would otherwise be a header).
  if (kinds !== 0 && texts.some(isFusedValue)) return 0;
  return kinds;
}

/**
 * A cell of two sure labels of different fields side by side, and nothing else ("Termine Peso", "Scadenza
 * Indicatore"): the headers of two columns set too close to be told apart.
 */
export function fusedLabels(t: string): boolean {
  const words = t.trim().split(/\s+/);
  // (Labels parted by a mark, "Fase ¦ Descrizione", "Obiettivo / fase", are a compound label, read as one.)
  if (words.length < 2 || words.length > 6 || !words.every((w) => /^[\p{L}.'’%()]+$/u.test(w))) return false;
  for (let k = 1; k < words.length; k++) {
    const a = matchRole(words.slice(0, k).join(" "), 0.9);
    const b = a && matchRole(words.slice(k).join(" "), 0.9);
    if (a && b && a.role !== b.role) return true;
  }
  return false;
}

/** What may follow a label without being its value: a year, a sign of the unit, or both. */
// (Or the day the value is read on: "Av. % 31/12/25", "Valore al 30/06/2025".)
// (And a note's mark closing it: "Target 2026 (2)", "Peso ob. (1)", "Valore *".)
const LABEL_QUALIFIER = /^(?:\(?(?:19|20)\d\d\)?)?\s*(?:[%€]|\([%€]\)|in euro)?(?:\s*(?:al\s+)?\d{1,2}[./]\d{1,2}(?:[./](?:\d{2}|\d{4}))?)?(?:\s*(?:\(\d{1,2}\)|\*{1,3}))?:?$/u;

export function isFusedValue(t: string): boolean {
  const m = matchLabelPrefix(t);
  if (m === null || m.rest === "") return false;
  // "COD. OB.": every word abbreviates a term's ("codice obiettivo"): one label, no value.
  const whole = roleVotes(t)[0];
  if (whole && whole.score >= 0.7 && tokens(m.rest).words.length > 0 && whole.covered === tokens(t).words.length) return false;
  // "FASE N.", "Codice obiettivo n°": a label followed by another label word is one label, no value.
  // An acronym after the label is part of it ("TITOLARE EQ", "RESPONSABILE PO", "Collegamento PNRR"), and so
  // is a qualifier in brackets ("peso (%)", "Peso (1-100)"): no value.
  if (/^[A-Z]{1,5}\.?$/.test(m.rest) || /^\([^()]{1,16}\)$/.test(m.rest)) return false;
  // A year, a unit's sign or both after the label ("Target 2025", "Stanziamento 2025 €", "Importo (€)") qualify it.
  return m !== null && m.rest !== "" && !LABEL_QUALIFIER.test(m.rest) && !isCompoundLabel(t) && matchRole(m.rest, 0.9) === null;
}

/**
 * "Obiettivo / Fase", "Settore / Servizio", "Peso – Scad.": labels joined by a slash or a spaced dash name
 * one column (or two fields in it), no label carries a value. Abbreviated parts ("Scad.", "Resp.") count
 * when the vocabulary finds them likely.
 */
function isCompoundLabel(t: string): boolean {
  if (t.length > 80 || !(t.includes("/") || /\s[–—-]\s/.test(t))) return false;
  const parts = t.split(/\s*\/\s*|\s+[–—-]\s+/).map((p) => p.trim());
  // (A part holding a number is a value: "Missione 12 – Programma 04".)
  return parts.length >= 2 && parts.every((p) => p !== "" && !/\d/.test(p) && matchRole(p, 0.7) !== null);
}

/** A further header line: only labels, possibly a single one ("Cod." under "TAB"). */
export function isHeaderContinuation(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length === 0) return false;
  // Years alone, two or more ("| | | 2026 | 2027 | 2028 |" under "Target"): the years a label above spans.
  if (ne.length >= 2 && ne.every((i) => YEAR_LABEL.test(r.cells[i]!.text.trim()))) return true;
  const periods = calendarPeriods(ne.map((i) => r.cells[i]!.text));
  return ne.every((i, k) => {
    const t = r.cells[i]!.text;
    return (isShortLabel(t) && !isFusedValue(t) && matchRole(t) !== null) || periods[k] !== null;
  });
}

/** Short cells with no values, too few known words to be sure: a header only if data follow. */
export function isWeakHeaderRow(r: Row, next: Row | undefined, after?: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length < 3 || !next) return false;
  if (!ne.every((i) => isShortLabel(r.cells[i]!.text) && !CHECK_BOX.test(r.cells[i]!.text))) return false;
  // At least one word the vocabulary knows (abbreviations included): "Col. A | Col. B" alone is no header.
  if (!ne.some((i) => matchRole(r.cells[i]!.text, 0.7) !== null)) return false;
  let nn = nonEmpty(next);
  // A header printed over two lines: look past a line of short labels.
  if (after && nn.length >= 1 && nn.every((i) => isShortLabel(next!.cells[i]!.text))) {
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
  let v = labelMemo?.get(r);
  if (v === undefined) {
    v = computeLabelRow(r);
    labelMemo?.set(r, v);
  }
  return v;
}

/** A label, a number sign ("n.", "n°", "nr.", "num.") and what it numbers. */
const NUMBERED_LABEL_RE = /^(\p{L}[\p{L}\s]*?)\s+(?:n\.?\s*[°º]?|nr\.?|num\.?)\s*(\S+)$/iu;

function computeLabelRow(r: Row): boolean {
  const ne = nonEmpty(r);
  // "Codice | UMO/P1 | Peso | 30 | Stato | In corso": a card's short fields set two or three pairs to a row.
  if (ne.length >= 4 && ne.length % 2 === 0 && ne.length <= 2 * S.maxPairsPerRow && alternates(r, ne)) return true;
  if (ne.length < 1 || ne.length > 5) return false;
  const first = r.cells[ne[0]!]!.text;
  const fusedFirst = matchLabelPrefix(first);
  // "OBIETTIVO 1.2": a label carrying its value opens a card whatever follows.
  if (fusedFirst && isFusedValue(first)) return true;
  // Every cell a "Label: value" of its own ("Indicatore: km di strade rilevati | Target: ≥ 180 km").
  if (ne.length >= 2 && ne.every((i) => labelLine(r.cells[i]!.text) !== null)) return true;
  // "Obiettivo n. 1", "Scheda n° 3": a label, a number sign and a code, the same.
  const numbered = NUMBERED_LABEL_RE.exec(first);
  if (numbered && isCode(numbered[2]!) && matchRole(numbered[1]!, 0.9) !== null) return true;
  const full = matchRole(first.replace(/:$/, ""), 0.9);
  const fused = full || isCompoundLabel(first) ? null : fusedFirst;
  if (!full && !fused) return false;
  if (ne.length === 1) return fused !== null && fused.rest !== "";
  // Several values beside one label ("Settore Polizia Locale | 3 | 4 | 1") are a table's row; a card row pairs labels and values.
  // ("Obiettivo | 3.2 | Welfare di comunità": a code and the title after an objective's label is one value.)
  const codeThenTitle = full !== null && (full.role === "objective" || full.role === "code") && isCode(r.cells[ne[1]!]!.text);
  // (Options beside their label, each a check box: "Tipologia | ☒ … | ☐ …", one field.)
  if (ne.length > 2 && ne.slice(1).every((i) => CHECK_BOX.test(r.cells[i]!.text))) return true;
  if (ne.length > 2 && !codeThenTitle && !laterCells(r, ne, isLabelCell)) return false;
  // Some cell must be a value, not another header word ("peso: 25" repeats the label but holds a value;
  // "Missione 12 Programma 07" has the words of a label, and numbers no label has).
  return laterCells(r, ne, isValueCell) || (fused !== null && fused.rest !== "");
}

/** Short labels (one of them known) and codes, figures or years taking turns along the row. */
export function labelsOverFigures(r: Row, ne: readonly number[]): boolean {
  let known = false;
  for (let k = 0; k < ne.length; k += 2) {
    const label = r.cells[ne[k]!]!.text.replace(/:$/, "");
    const value = r.cells[ne[k + 1]!]!.text.trim();
    if (!isShortLabel(label) || !/\d/.test(value) || !FIGURE_CLASSES.has(classify(value))) return false;
    if (matchRole(label, 0.9) !== null) known = true;
  }
  return known;
}

const FIGURE_CLASSES = new Set(["code", "number", "date"]);

/** Known labels and values taking turns along the row: label, value, label, value … */
function alternates(r: Row, ne: readonly number[]): boolean {
  for (let k = 0; k < ne.length; k += 2) {
    const label = r.cells[ne[k]!]!.text.replace(/:$/, "");
    if (matchRole(label, 0.9) === null || !isValueCell(r.cells[ne[k + 1]!]!.text)) return false;
  }
  return true;
}

/** Whether a cell after the row's first filled one passes `test`. */
function laterCells(r: Row, ne: readonly number[], test: (t: string) => boolean): boolean {
  for (let k = 1; k < ne.length; k++) if (test(r.cells[ne[k]!]!.text)) return true;
  return false;
}

// (A check box and its option are a value: "☒ Obiettivo di performance organizzativa".)
const isLabelCell = (t: string) => !CHECK_BOX.test(t) && (matchRole(t, 0.9) !== null || isFusedValue(t));
// A digit outside years is looked for before the fused-label reading, the costlier test of the three.
const isValueCell = (t: string) => CHECK_BOX.test(t) || matchRole(t) === null || (/\d/.test(t) && /\d/.test(t.replace(/\b(19|20)\d\d\b/g, ""))) || isFusedValue(t);

/** Every labelled cell of the row is the header's own label in that column (a header repeated after a page break). */
export function repeatsHeader(r: Row, headers: readonly Row[]): boolean {
  const ne = nonEmpty(r);
  return (
    ne.length > 0 &&
    ne.every((i) => {
      const t = normalizeLabel(r.cells[i]!.text);
      return headers.some((h) => normalizeLabel(h.cells[i]?.text ?? "") === t);
    })
  );
}
