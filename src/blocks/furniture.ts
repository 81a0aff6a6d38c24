/**
 * Page furniture in text exports and tables split by page breaks.
 *
 * A PDF's running heads and page numbers are removed by their position
 * (src/layout/furniture.ts); a text export keeps them as lines. Here: lines
 * that are only a page number (`- 2 -`, `Pagina 3 di 5`, `pag. 14`, `2/5`) are
 * dropped, and a table continued after a page break (a table with no header,
 * or its header repeated, as wide as the one before) is joined back to it
 * over the furniture between them (page numbers, a running head printed more
 * than once in the document).
 */
import type { Block, TableBlock } from "../doc/blocks.js";
import { normalizeLabel } from "../lexicon/match.js";
import { cellText, rowText } from "./rows.js";
import { classify } from "../lexicon/values.js";
import { isCode } from "../lexicon/codes.js";
import { looksLikeDate } from "../normalize/dates.js";
import { KIND_HEADING } from "../lexicon/vocabulary.js";
import { isPageNumber } from "../util/text.js";
import { BLOCK_SETTINGS as S } from "./settings.js";

const YEAR = /\b(?:19|20)\d\d\b/;
export { isPageNumber };

/**
 * A page number set apart (a tab, a wide gap, a dash or a bar) at the end of a line: "Ente – PIAO 2025-2027 ⇥
 * pag. 18"; or "Pagina N di M" after a plain space (a text export folds the gap; no sentence ends so).
 */
const PAGE_AT_END = /^(.*?\S)(?:(?:\t|\s{2,}|\s+[-–—|]\s+)\s*(?:(?:pagina|pag\.?)\s*\d{1,4}(?:\s*(?:di|\/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])|\s+pagina\s+\d{1,4}\s+di\s+\d{1,4})$/i;
/** Words at most in the running head or foot beside a page number. */
const PAGE_LINE_MAX_WORDS = 12;

/**
 * A running head or foot that carries the page's number: a short line, or a one-row table of short cells,
 * with a page number set apart at its end or in its own first or last cell. It is page furniture whatever
 * the rest says (the document's name, an approval note, a section of a table of contents).
 */
export function isPageLine(b: Block): boolean {
  let head: string;
  if (b.type === "table") {
    if (b.header.length > 0 || b.body.length !== 1) return false;
    const cells = b.body[0]!.row.cells.map((c) => c.text.trim()).filter(Boolean);
    if (cells.length < 2) return false;
    if (isPageNumber(cells[cells.length - 1]!)) head = cells.slice(0, -1).join(" ");
    else if (isPageNumber(cells[0]!)) head = cells.slice(1).join(" ");
    else return false;
  } else if (b.type === "paragraph" || b.type === "heading") {
    const m = PAGE_AT_END.exec(b.text);
    if (!m) return false;
    head = m[1]!;
  } else return false;
  return head.split(/\s+/).length <= PAGE_LINE_MAX_WORDS;
}

function textOf(b: Block): string | null {
  switch (b.type) {
    case "heading":
    case "paragraph":
      return b.text;
    case "list":
      return b.items.length === 1 ? `${b.items[0]!.marker} ${b.items[0]!.text}`.trim() : null;
    case "table":
      // A running head laid out in cells ("Provincia di X ⇥ Piano degli obiettivi 2025"): one row, no header.
      return b.header.length === 0 && b.body.length === 1 ? rowText(b.body[0]!.row) : null;
    default:
      return null;
  }
}

/** Blocks a page break may set between a table and its continuation (foot, head), at most. */
const FURNITURE_MAX_BLOCKS = 3;

/** A short line of text, or a one-row table of short cells (a running head laid out in cells); not a group's name. */
/** A short line that reads as page furniture: a page's number, a bare number, a running head (repeated, or naming the plan's year). */
function furnitureLine(b: Block, repeated: (b: Block) => boolean): boolean {
  const t = textOf(b) ?? "";
  return repeated(b) || isPageNumber(t) || BARE_NUMBER.test(t) || RUNNING_HEAD.test(t);
}

/** A running head printed once: the plan's years or its name ("PIAO 2025-2027", "Piano … 2025/2027", "Allegato 2"), not any date. */
const RUNNING_HEAD = /\b(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\b|\bPIAO\b|\bpiano\s+integrato\b|\ballegato\b/i;

function shortLine(b: Block): boolean {
  const t = textOf(b);
  return t !== null && t.split(/\s+/).length <= 12 && classify(t) !== "unit" && !KIND_HEADING.test(t);
}

/** Words telling a table goes on from the page before: "(segue)", "– segue –", "Tabella 2 (continua)", "(cont.)". */
const CONTINUED = /(?:^|[\s(–—-])(?:segue|continua|continuazione|cont\.)(?=[\s)–—-]|$)/i;
/** The same words closing a running head, set off by a bracket or a dash ("Ente – PIAO 2026-2028 (continua)"). */
const CONTINUED_AT_END = /[(–—-]\s*(?:segue|continua|continuazione|cont\.)\s*\)?\s*[–—-]?\s*$/i;
/** Words at most in a line saying only that; in a running head closing with it. */
const CONTINUED_MAX_WORDS = 6;
const CONTINUED_HEAD_MAX_WORDS = 20;

/** A line saying a table goes on: page furniture where a page breaks the table. */
function continuedLine(b: Block): boolean {
  // ("- segue -" reads as a one-item list: its marker is the dash.)
  const t = b.type === "table" ? null : textOf(b);
  if (t === null) return false;
  const words = t.split(/\s+/).length;
  return (words <= CONTINUED_MAX_WORDS && CONTINUED.test(t)) || (words <= CONTINUED_HEAD_MAX_WORDS && CONTINUED_AT_END.test(t));
}

/**
 * A row cut by the page break: the continued table's first row holds one text only, in a column where the
 * last row before the break holds text too, and it is no group's name (not in the first column, or going on
 * in lower case): the rest of that cell. It joins the cell, as a reader joins it.
 */
function joinBrokenRow(prev: TableBlock, next: TableBlock): void {
  const first = next.body[0];
  const last = prev.body[prev.body.length - 1];
  if (!first || !last || last.kind !== "data") return;
  const filled = first.row.cells.flatMap((c, k) => (c.text.trim() ? [k] : []));
  if (filled.length !== 1) return;
  const k = filled[0]!;
  const piece = first.row.cells[k]!.text.trim();
  const before = cellText(last.row, k);
  // (A group's name in capitals, or a line saying the table goes on, is a row of its own.)
  if (!before || classify(before) !== "text" || (k === 0 && !/^\p{Ll}/u.test(piece)) || !/\p{Ll}/u.test(piece) || CONTINUED.test(piece)) return;
  last.row = { ...last.row, cells: last.row.cells.map((c, j) => (j === k ? { ...c, text: `${before} ${piece}` } : c)) };
  next.body.shift();
}

/**
 * A headerless table's first row fits the table above: where the last rows above hold dates in a column
 * (a step's start, its end), it holds a date or nothing there ("Villa dei Gelsi | 96 | 90" under "Avvio
 * previsto | Termine previsto" is another table's).
 */
function datesFit(prev: TableBlock, next: TableBlock): boolean {
  const first = next.body.find((r) => r.kind === "data");
  if (!first) return true;
  const above = prev.body.filter((r) => r.kind === "data").slice(-3);
  if (above.length === 0) return true;
  for (let c = 0; c < prev.width; c++) {
    if (!above.every((r) => looksLikeDate(cellText(r.row, c)))) continue;
    const v = cellText(first.row, c);
    if (v && !looksLikeDate(v) && !/^[-–—]$/.test(v)) return false;
  }
  return true;
}

/** A line holding only a number: a page's number where a page breaks a table, data elsewhere. */
const BARE_NUMBER = /^\d{1,3}$/;

/** Share of a table's data rows whose first cell is a code. */
function codedShare(t: TableBlock): number {
  const data = t.body.filter((r) => r.kind === "data");
  return data.length ? data.filter((r) => isCode(cellText(r.row, 0))).length / data.length : 0;
}

function sameHeader(a: TableBlock, b: TableBlock): boolean {
  if (a.header.length === 0 || b.header.length === 0 || a.header.length !== b.header.length) return false;
  return a.header.every((h, k) => normalizeLabel(rowText(h)) === normalizeLabel(rowText(b.header[k]!)));
}

/** Drops page numbers and joins tables continued over a page break. */
export function removeFurniture(blocks: Block[]): Block[] {
  const counts = new Map<string, number>();
  let last: string | null = null;
  for (const b of blocks) {
    const t = textOf(b);
    // A line printed twice in a row is one line (a converter's echo), not a repetition across pages.
    if (t && t !== last) counts.set(t, (counts.get(t) ?? 0) + 1);
    last = t;
  }
  // A running head repeats and names the document (its plan's year); a group's heading repeated on a
  // continued page still names the group.
  const repeated = (b: Block) => {
    const t = textOf(b);
    return t !== null && (isPageNumber(t) || ((counts.get(t) ?? 0) >= 2 && YEAR.test(t) && classify(t) !== "unit" && !KIND_HEADING.test(t)));
  };
  const out: Block[] = [];
  // out.length when a page's number was last dropped: a page break lies after the blocks before it.
  let pageAt = -1;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const t = textOf(b);
    if ((t !== null && isPageNumber(t)) || isPageLine(b)) {
      pageAt = out.length;
      continue;
    }
    // A card's label rows broken by a page (its number, a running head): one label group again.
    if (b.type === "labels") {
      let k = out.length - 1;
      let pageBreak = false;
      while (k >= 0 && out.length - 1 - k < FURNITURE_MAX_BLOCKS && shortLine(out[k]!)) {
        const x = textOf(out[k]!)!;
        if (BARE_NUMBER.test(x) || YEAR.test(x)) pageBreak = true;
        k--;
      }
      const before = out[k];
      if (pageBreak && k < out.length - 1 && before?.type === "labels" && before.form === b.form) {
        before.items.push(...b.items);
        before.rows.push(...b.rows);
        out.length = k + 1;
        continue;
      }
    }
    if (b.type === "table") {
      // The table before, over furniture only (a bare number counts there: the page's number).
      let k = out.length - 1;
      const between: number[] = [];
      const furniture = (x: Block) => (x.type === "table" ? repeated(x) : repeated(x) || BARE_NUMBER.test(textOf(x) ?? "") || continuedLine(x));
      while (k >= 0 && furniture(out[k]!)) between.push(k--);
      // Beside a sign of the break ("segue", a page's number dropped), a running head printed once (the plan's
      // name and years) is furniture too.
      if (k >= 0 && (pageAt > k || between.some((x) => continuedLine(out[x]!)))) {
        while (k >= 0 && out.length - 1 - k < FURNITURE_MAX_BLOCKS && out[k]!.type !== "table" && RUNNING_HEAD.test(textOf(out[k]!) ?? "") && shortLine(out[k]!)) between.push(k--);
        while (k >= 0 && furniture(out[k]!)) between.push(k--);
      }
      // A table with no header, as wide as the one a page break interrupted, goes on with it over the page's
      // foot and head (a few short lines: its number, a running head, printed once when the document is short).
      if (b.header.length === 0 && k >= 0) {
        let j = k;
        while (j >= 0 && k - j < FURNITURE_MAX_BLOCKS && shortLine(out[j]!)) j--;
        const before = out[j];
        if (j < k && before?.type === "table" && before.header.length > 0 && before.width === b.width) {
          // Lines that read as no page furniture (no number, no running head) are content: kept, and the table
          // parts stay apart. (The start of a cell broken by a line break is joined to its row earlier, in
          // blocks/index.ts.)
          const between = out.slice(j + 1, k + 1);
          if (between.every((x) => furnitureLine(x, repeated))) k = j;
        }
      }
      const prev = k >= 0 ? out[k] : undefined;
      // Two parts of a table printed without a header, as wide, a page break between them (its number, a
      // "segue" line): one table.
      const headerless = prev?.type === "table" && prev.header.length === 0 && b.header.length === 0 && (pageAt > k || between.some((x) => continuedLine(out[x]!)));
      // (A table its totals row closed, with no sign of a page break after it, is not continued by the next one:
      // a sheet's next table of figures, "Superficie del comprensorio | 41.250", as wide in a CSV.)
      // (Nor, with no sign of a break, is a table whose rows each open with a code continued by one whose rows
      // open with none: "Posti letto per presidio | Ordinari | …" under OG-01 … OG-05/A2, the grid's next table.)
      const noBreak = between.length === 0 && !(pageAt > k);
      const closed = prev?.type === "table" && noBreak && (prev.body[prev.body.length - 1]?.kind === "total" || (codedShare(prev) >= S.codedRowsShare && codedShare(b) === 0));
      if (!closed && prev?.type === "table" && prev.width === b.width && (b.header.length === 0 || sameHeader(prev, b)) && (prev.header.length > 0 || headerless) && (b.header.length > 0 || datesFit(prev, b))) {
        joinBrokenRow(prev, b);
        prev.body.push(...b.body);
        prev.rows.push(...b.rows);
        out.length = k + 1;
        continue;
      }
    }
    out.push(b);
  }
  return out;
}

/** Rows of a table of contents that must name headings printed later, at least. */
const CONTENTS_MIN_ROWS = 2;

/**
 * Drops a table of contents: a table whose rows end on a page's number, in order, their text the headings
 * printed further on (a contents page printed as a table, its leaders dropped). Its rows are the document's
 * outline, no records of it.
 */
export function removeContents(blocks: Block[]): Block[] {
  const headings = new Set<string>();
  const out: Block[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.type === "heading" || b.type === "paragraph") headings.add(normalizeLabel(b.text));
    if (b.type === "list") for (const it of b.items) headings.add(normalizeLabel(`${it.marker} ${it.text}`));
    if (b.type === "table" && b.header.length === 0 && contents(b, headings)) continue;
    out.push(b);
  }
  return out.reverse();
}

function contents(t: TableBlock, headings: ReadonlySet<string>): boolean {
  const rows = t.body.filter((r) => r.kind === "data").map((r) => r.row.cells.map((c) => c.text.trim()).filter(Boolean));
  if (rows.length < CONTENTS_MIN_ROWS) return false;
  let last = 0;
  let named = 0;
  for (const cells of rows) {
    const page = cells[cells.length - 1]!;
    if (!/^\d{1,3}$/.test(page) || Number(page) < last) return false;
    last = Number(page);
    if (headings.has(normalizeLabel(cells.slice(0, -1).join(" ")))) named++;
  }
  return named >= CONTENTS_MIN_ROWS && named * 2 >= rows.length;
}
