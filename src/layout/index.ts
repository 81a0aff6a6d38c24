/**
 * Positioned words of a whole document → `Row`s in reading order, the form
 * every extractor hands to the parser. Pure geometry: the PDF extractor feeds
 * it today, OCR word boxes can feed it tomorrow.
 *
 *   orient each page → drop running headers/footers → lay out each page
 *   (tables, paragraphs) → stitch tables and paragraphs across page breaks →
 *   rows (one per table row or paragraph), blank rows between blocks.
 */
import type { Cell, Row } from "../doc/source.js";
import type { Box, Line, PageGeom, Word } from "../doc/geometry.js";
import { settingsWith, type LayoutSettings } from "./settings.js";
import { orientPage } from "./orient.js";
import { attachMarks, dropFootnoteMarks } from "./marks.js";
import { plainTypography } from "../util/typography.js";
import { findFurniture, furnitureLines } from "./furniture.js";
import { layoutPage, type Block, type PageLayout } from "./page.js";
import type { ListStops } from "./aligned.js";
import { assignRow, textRights, type Table, type TableRow } from "./table.js";
import { buildLines, mostlyBold } from "./lines.js";
import { wrapsFrom, type Para } from "./prose.js";
import { foldSpace, median, toBBox, unionBox } from "./geometry.js";
import { listMarker } from "../util/text.js";

export { LAYOUT_SETTINGS, settingsWith, type LayoutSettings } from "./settings.js";
export type { PageGeom, Word, Rule, Fill, Line } from "../doc/geometry.js";
export { layoutPage } from "./page.js";
export { orientPage } from "./orient.js";

export interface LayoutStats {
  pages: number;
  furnitureLines: number;
  offDirectionWords: number;
  tables: number;
  stitchedTables: number;
  joinedRows: number;
  droppedHeaderRows: number;
}

export interface LayoutResult {
  rows: Row[];
  stats: LayoutStats;
  /** The running head's lines over the first page's body, top first: dropped from the rows as furniture, but where a report prints its plan and administration. */
  head: string[];
}

/** Lays out a whole document. Pages may be given in any order; they are sorted by number. */
export function layoutDocument(pages: readonly PageGeom[], over: Partial<LayoutSettings> = {}): LayoutResult {
  const s = settingsWith(over);
  const stats: LayoutStats = { pages: pages.length, furnitureLines: 0, offDirectionWords: 0, tables: 0, stitchedTables: 0, joinedRows: 0, droppedHeaderRows: 0 };
  const oriented = [...pages]
    .sort((a, b) => a.page - b.page)
    .map((p) => {
      const o = orientPage(p);
      stats.offDirectionWords += o.offDirection;
      return dropFootnoteMarks(attachMarks(o.geom));
    });
  const furniture = findFurniture(
    oriented.map((g) => furnitureLines(g.words, g.height, s)),
    s,
  );
  const inputs = oriented.map((g, i) => {
    const drop = furniture[i]!;
    stats.furnitureLines += drop.size ? buildLines([...drop], s).length : 0;
    return drop.size ? { ...g, words: g.words.filter((w) => !drop.has(w)) } : g;
  });
  // Page by page, a list on tab stops a page ends in handed to the next.
  let carry: ListStops | null = null;
  let layouts = inputs.map((g) => {
    const l = layoutPage(g, s, false, carry);
    carry = l.list;
    return l;
  });
  // One page printed from a spreadsheet makes the document's other grids sheets too
  // (a page may hold no line of text running over empty cells to tell).
  if (layouts.some((l) => l.sheet)) layouts = layouts.map((l, i) => (l.sheet || !l.blocks.some((b) => b.kind === "table" && b.table.kind === "grid") ? l : layoutPage(inputs[i]!, s, true)));
  const bodySize = median(layouts.map((l) => l.bodySize).filter((x) => x > 0)) || 10;
  const flow = stitch(layouts, s, stats);
  stats.tables = flow.filter((b) => b.kind === "table").length;
  const leadingOf = new Map(layouts.map((l) => [l.page, l.leading]));
  return { rows: emit(flow, bodySize, leadingOf, s), stats, head: runningHead(inputs[0], furniture[0], s) };
}

/** The first page's furniture lines in its top half, top first. */
function runningHead(page: PageGeom | undefined, drop: ReadonlySet<Word> | undefined, s: LayoutSettings): string[] {
  if (!page || !drop?.size) return [];
  const top = [...drop].filter((w) => w.y1 <= page.height / 2);
  return buildLines(top, s)
    .sort((a, b) => a.y0 - b.y0)
    .map((l) => l.words.map((w) => w.text).join(" "));
}

// ── stitching across pages ─────────────────────────────────────────────

/** A table row with the page it came from. */
interface PRow {
  page: number;
  row: TableRow;
}

/** A block of the document flow: a table possibly spanning pages, or a paragraph. */
type FlowBlock =
  | { kind: "table"; table: Table; rows: PRow[]; page: number; box: Box; gapBefore: boolean }
  | { kind: "para"; parts: { page: number; para: Para }[]; page: number; box: Box; gapBefore: boolean };

function rowTexts(r: TableRow, s: LayoutSettings): string[] {
  return r.cells.map((c) => cellText(c, s).toLowerCase());
}

/** Maps every column of `small` onto a column of `big` with the same left edge, in order; null if impossible. */
function mapColumns(small: readonly number[], big: readonly number[], tol: number): number[] | null {
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < small.length - 1; i++) {
    while (j < big.length - 1 && big[j]! < small[i]! - tol) j++;
    if (j >= big.length - 1 || Math.abs(big[j]! - small[i]!) > tol) return null;
    map.push(j);
    j++;
  }
  return map;
}

function remapRow(r: TableRow, map: readonly number[], ncols: number): TableRow {
  const cells: Word[][] = Array.from({ length: ncols }, () => []);
  r.cells.forEach((c, i) => cells[map[i]!]!.push(...c));
  return { ...r, cells };
}

/**
 * Joins the parts of tables broken by page breaks. The part on the next page
 * must be the first block there (running headers are already gone) and have
 * the same columns; a repeated header is dropped, and a row cut by the break
 * (left open by the rules) is joined back together.
 */
function stitch(layouts: readonly PageLayout[], s: LayoutSettings, stats: LayoutStats): FlowBlock[] {
  const flow: FlowBlock[] = [];
  let prevLast: FlowBlock | null = null;
  let prevRight = -Infinity;
  for (const L of layouts) {
    // The blocks opening a page may continue the last block of the previous one;
    // once one does not, the rest of the page is new.
    let continuing = prevLast !== null;
    L.blocks.forEach((b, i) => {
      const gapBefore = i > 0 && isGap(L.blocks[i - 1]!, b, L.bodySize, s);
      if (continuing && prevLast && tryContinue(prevLast, b, L, prevRight, s, stats)) return;
      continuing = false;
      flow.push(toFlow(b, L.page, gapBefore));
    });
    const last = flow[flow.length - 1];
    prevLast = L.blocks.length && last && last.page <= L.page ? last : null;
    if (L.blocks.length === 0) prevLast = null;
    prevRight = L.right;
  }
  return flow;
}

function isGap(a: Block, b: Block, size: number, s: LayoutSettings): boolean {
  if (a.kind === "table" || b.kind === "table") return true;
  return b.box.y0 - a.box.y1 > s.blankGapEm * size * 1.2;
}

function toFlow(b: Block, page: number, gapBefore: boolean): FlowBlock {
  return b.kind === "table"
    ? { kind: "table", table: b.table, rows: b.table.rows.map((row) => ({ page, row })), page, box: b.box, gapBefore }
    : { kind: "para", parts: [{ page, para: b.para }], page, box: b.box, gapBefore };
}

function tryContinue(prev: FlowBlock, b: Block, L: PageLayout, prevRight: number, s: LayoutSettings, stats: LayoutStats): boolean {
  if (prev.kind === "para" && b.kind === "para") {
    const pl = prev.parts[prev.parts.length - 1]!.para;
    const last = pl.lines[pl.lines.length - 1]!;
    const first = b.para.lines[0]!;
    const right = Math.max(...pl.lines.map((l) => l.x1));
    const sizeOk = Math.max(pl.size, b.para.size) / Math.min(pl.size, b.para.size) <= s.paraSizeRatio;
    // Only a paragraph whose last line is full, continued in the same type and
    // margin. A paragraph of one line shows no measure of its own: it must
    // fill the page's, and the next page go on with the sentence (lower case).
    const full = pl.lines.length >= 2 ? wrapsFrom(last, first, right, s) : wrapsFrom(last, first, prevRight, s) && /^[\p{Ll}\d'’(,;]/u.test(first.words[0]!.text);
    if (sizeOk && pl.bold === b.para.bold && Math.abs(first.x0 - pl.box.x0) <= pl.size && full) {
      prev.parts.push({ page: L.page, para: b.para });
      return true;
    }
    return false;
  }
  if (prev.kind === "table" && b.kind === "para") return continueCell(prev, b.para, L, s, stats);
  if (prev.kind !== "table" || b.kind !== "table") return false;
  const t1 = prev.table,
    t2 = b.table;
  if (t1.kind !== t2.kind && (t1.kind === "grid" || t2.kind === "grid")) return false;
  // Bring both parts to one column structure (a column may be empty on one page).
  let rows1 = prev.rows.map((r) => r.row);
  let rows2 = t2.rows;
  let edges = t1.edges;
  if (t2.edges.length === t1.edges.length) {
    if (!t1.edges.slice(0, -1).every((e, k) => Math.abs(e - t2.edges[k]!) <= s.stitchColTol)) return false;
  } else if (t2.edges.length < t1.edges.length) {
    const map = mapColumns(t2.edges, t1.edges, s.stitchColTol);
    if (!map) return false;
    rows2 = rows2.map((r) => remapRow(r, map, t1.edges.length - 1));
  } else {
    const map = mapColumns(t1.edges, t2.edges, s.stitchColTol);
    if (!map) return false;
    rows1 = rows1.map((r) => remapRow(r, map, t2.edges.length - 1));
    edges = t2.edges;
  }
  const split = rows1[rows1.length - 1]!.openBottom === true || rows2[0]?.openTop === true;
  // A repeated header: leading rows equal to the table's own first rows, set as a header (bold).
  let same = 0;
  while (same < rows2.length && same < rows1.length - 1 && sameRow(rows1[same]!, rows2[same]!, s)) same++;
  let k = 0;
  while (k < same && headerLike(rows2[k]!)) k++;
  if (!split) {
    // The same opening rows not set as a header: a new table that starts like the last one.
    if (same > 0 && k === 0) return false;
    // A different header row: a new table.
    if (same === 0 && rows2[0] && headerLike(rows2[0]) && !headerLike(rows1[rows1.length - 1]!)) return false;
    // Opening like the table above opened (a caption filling only its first
    // cell), unlike the row it ended with: a new table.
    const cap = (r: TableRow) => /^x_+$/.test(shape(r));
    if (same === 0 && rows2[0] && cap(rows2[0]) && cap(rows1[0]!) && !cap(rows1[rows1.length - 1]!)) return false;
  }
  stats.droppedHeaderRows += k;
  rows2 = rows2.slice(k);
  prev.rows = prev.rows.map((pr, i) => ({ page: pr.page, row: rows1[i]! }));
  prev.table = { ...t1, edges, lone: false };
  const lastPrev = prev.rows[prev.rows.length - 1]!;
  const firstNext = rows2[0];
  if (firstNext && (lastPrev.row.openBottom || (k === 0 && firstNext.openTop) || looksContinued(prev.table, prev.rows, firstNext, s))) {
    const below = Math.max(lastPrev.row.box.y1, ...lastPrev.row.cells.flat().map((w) => w.y1)) + 1000 - firstNext.box.y0;
    lastPrev.row = {
      ...lastPrev.row,
      // Shifted below the part above the break so the continuation reads after it.
      cells: lastPrev.row.cells.map((c, i) => [...c, ...(firstNext.cells[i] ?? []).map((w) => shifted(w, below))]),
    };
    delete lastPrev.row.openBottom;
    rows2 = rows2.slice(1);
    stats.joinedRows++;
  }
  prev.rows.push(...rows2.map((row) => ({ page: L.page, row })));
  stats.stitchedTables++;
  return true;
}

/**
 * Text opening a page inside one column of a rule-less table that ended the
 * previous page (not at its left edge, where prose would start): the end of a
 * cell cut by the page break. It joins the table's last row.
 */
function continueCell(prev: Extract<FlowBlock, { kind: "table" }>, para: Para, L: PageLayout, s: LayoutSettings, stats: LayoutStats): boolean {
  const t = prev.table;
  if (t.kind === "grid" || t.edges.length < 3) return false;
  const last = prev.rows[prev.rows.length - 1]!;
  if (last.row.lineBelow) return false;
  const tol = 3;
  // What a page break cut off resumes at the top of the next page: text set
  // off by a blank gap below the part already joined is new.
  const joined = Math.max(-Infinity, ...L.blocks.map((b) => b.box.y1).filter((y) => y <= para.box.y0 + tol));
  if (Number.isFinite(joined) && para.box.y0 - joined > s.blankGapEm * 1.2 * para.size) return false;
  const col = t.edges.findIndex((e, c) => c < t.edges.length - 1 && para.box.x0 >= e - tol && para.box.x1 <= t.edges[c + 1]! + tol);
  if (col < 0) {
    // Text split by the table's columns, each piece starting at a column's start: a row of it.
    if (para.lines.length !== 1) return false;
    const cells = assignRow(para.lines[0]!.words, t.edges, s);
    const used = cells.filter((c) => c.length);
    if (used.length < 2 || !cells.every((c, i) => !c.length || Math.abs(c[0]!.x0 - t.edges[i]!) <= 3 * tol)) return false;
    prev.rows.push({ page: L.page, row: { cells, box: para.box } });
    return true;
  }
  const above = last.row.cells[col] ?? [];
  if (!above.length) return false;
  if (col === 0) {
    // Where prose would start: only the tail of a first cell whose last line was full.
    const la = buildLines(above, s);
    if (!wrapsFrom(la[la.length - 1]!, para.lines[0]!, cellRights(t, prev.rows)[0]!, s)) return false;
  }
  const words = para.lines.flatMap((l) => l.words);
  const below = Math.max(last.row.box.y1, ...last.row.cells.flat().map((w) => w.y1)) + 1000 - para.box.y0;
  last.row = { ...last.row, cells: last.row.cells.map((c, i) => (i === col ? [...c, ...words.map((w) => shifted(w, below))] : c)) };
  stats.joinedRows++;
  return true;
}

function sameRow(a: TableRow, b: TableRow, s: LayoutSettings): boolean {
  const x = rowTexts(a, s),
    y = rowTexts(b, s);
  return x.length === y.length && x.some((t) => t !== "") && x.every((t, i) => t === y[i]);
}

/** Which cells hold text, as a string ("x__x"). */
function shape(r: TableRow): string {
  return r.cells.map((c) => (c.length ? "x" : "_")).join("");
}

/** Every non-empty cell set in bold: how header rows are usually told apart. */
function headerLike(r: TableRow): boolean {
  const filled = r.cells.filter((c) => c.length);
  return filled.length > 0 && filled.every((c) => mostlyBold(c));
}

function shifted(w: Word, dy: number): Word {
  return { ...w, y0: w.y0 + dy, y1: w.y1 + dy, base: w.base + dy };
}

/**
 * Without rules to tell (no vertical rules, shading instead of lines, or a
 * word processor that closes a row's borders at the page break), a row is
 * taken as cut by the page break when every piece of text that opens the
 * next page sits in a column where the row above was still running: its last
 * line there was full (after at least one wrap), so the first word on the
 * next page could not have fitted.
 */
function looksContinued(t: Table, rows: readonly PRow[], next: TableRow, s: LayoutSettings): boolean {
  const last = rows[rows.length - 1]!.row;
  // Ruled all round, a row goes on only where some cell of it had ended
  // before the break (a new row would fill its cells again).
  if (t.kind === "grid" && !next.cells.some((c, i) => !c.length && (last.cells[i]?.length ?? 0) > 0)) return false;
  if (last.lineBelow) return false;
  const right = cellRights(t, rows);
  let any = false;
  for (let c = 0; c < next.cells.length; c++) {
    const cont = next.cells[c] ?? [];
    if (!cont.length) continue;
    const above = last.cells[c] ?? [];
    if (!above.length) return false;
    const la = buildLines(above, s),
      lb = buildLines(cont, s);
    if (!wrapsFrom(la[la.length - 1]!, lb[0]!, right[c]!, s)) return false;
    // In a narrow column (a date, a heading word) any next word would fail to
    // fit: the evidence must come from a wide column.
    if (right[c]! - t.edges[c]! >= 8 * la[0]!.size) any = true;
  }
  return any;
}

// ── rows ────────────────────────────────────────────────────────────────

/** Joins lines of a cell or paragraph: a word broken after a hyphen or slash is rejoined without a space. */
function joinLines(lines: readonly string[]): string {
  let out = "";
  for (const l of lines) {
    const t = l.trim();
    if (!t) continue;
    // Line breaking never splits "2021-2027" (no break between a hyphen and a digit): a
    // digit after a line-final hyphen means the text had a space there.
    if (out && /[\p{L}\d][-/]$/u.test(out) && /^[\p{L}\d]/u.test(t) && (!(/\d-$/.test(out) && /^\d/.test(t)) || datePieces(out, t) || codePieces(out))) out += t;
    else out += (out ? " " : "") + t;
  }
  return foldSpace(out);
}

/**
 * A date broken at one of its separators ("01-02-" / "2025", "31/" /
 * "12/2026"): day and month before the break, the rest after it. A printer
 * may break there; a range of years ("2021- 2027") keeps its space.
 */
function datePieces(before: string, after: string): boolean {
  return /(?:^|[^\d])\d{1,2}[-/.]\d{1,2}[-/.]$/.test(before) ? /^\d{2,4}(?!\d)/.test(after) : /(?:^|[^\d])\d{1,2}[-/.]$/.test(before) && /^\d{1,2}[-/.]\d{2,4}(?!\d)/.test(after);
}

/**
 * A code of letters and numbers broken after one of its hyphens ("OP-25-" /
 * "01"): a narrow column breaks a word too long for it anywhere. Numbers
 * alone before the hyphen ("2021-") are a range, which keeps its space.
 */
function codePieces(before: string): boolean {
  return /(?:^|\s)\p{Lu}[\p{L}\d]*(?:[-.]\d+)+-$/u.test(before);
}

function lineText(l: Line): string {
  return l.words.map((w) => w.text).join(" ");
}

export function cellText(words: readonly Word[], s: LayoutSettings): string {
  if (!words.length) return "";
  return joinLines(buildLines(words, s).map(lineText));
}

/**
 * Paragraphs inside a cell: a line that stops short of the column's right
 * edge ends one, and so does extra space between two lines (paragraph
 * spacing; `leading` is the page's baseline distance ÷ font size).
 */
/** A line opening with a list marker or a code set off by a dash ("F1.2 – …", "2.1 – …"). */
function opensItem(text: string): boolean {
  return listMarker(text) !== null || /^[A-Za-z]{0,4}[._-]?\d{1,4}(?:[._-]\d{1,4})*\s+[–—-]\s/.test(text);
}

function cellParas(words: readonly Word[], right: number, leading: number, s: LayoutSettings): string[] | undefined {
  const lines = buildLines(words, s);
  if (lines.length < 2) return undefined;
  const paras: string[][] = [[]];
  // A cell listing items ("F1.1 – …", "1. …", "– …" a line each): a line opening as its first did opens the next.
  const itemised = opensItem(lineText(lines[0]!));
  lines.forEach((l, i) => {
    paras[paras.length - 1]!.push(lineText(l));
    const next = lines[i + 1];
    if (!next) return;
    // A page break between two lines (rows joined across pages) says nothing about spacing.
    const pitch = next.base - l.base;
    const spaced = pitch < 500 && pitch > (leading + s.cellParaGapEm) * Math.max(l.size, next.size);
    if (spaced || !wrapsFrom(l, next, right, s) || (itemised && opensItem(lineText(next)))) paras.push([]);
  });
  return paras.length >= 2 ? paras.map((p) => joinLines(p)) : undefined;
}

/**
 * Where text in each column must stop: the cell's right border less the
 * padding seen on its left (grids), or the next column's start less the
 * tightest gap seen between columns (tables without vertical rules).
 */
function cellRights(t: Table, rows: readonly PRow[]): number[] {
  const ncols = t.edges.length - 1;
  const cols = Array.from({ length: ncols }, (_, c) => rows.flatMap((r) => r.row.cells[c] ?? []));
  if (t.kind !== "grid") return textRights(t.edges, cols);
  return cols.map((all, c) => {
    // Words reaching into the next column belong to spanning cells: they say nothing of this column's width.
    const ws = all.filter((w) => c === ncols - 1 || w.x1 <= t.edges[c + 1]! + 0.5);
    const textRight = Math.max(-Infinity, ...ws.map((w) => w.x1));
    const pad = ws.length ? Math.max(0, Math.min(...ws.map((w) => w.x0)) - t.edges[c]!) : 0;
    return Math.max(textRight, t.edges[c + 1]! - pad);
  });
}

/**
 * Heading levels of the document's paragraphs: a short paragraph (a line or
 * two) set larger than the body text is a heading, its level the rank of its
 * size among the headings' sizes (largest first); one set in bold at the body
 * size, alone, ranks below them all. The body size is that of most of the
 * paragraphs' text (tables set smaller or larger do not count).
 */
function headingLevels(flow: readonly FlowBlock[], fallbackBody: number, s: LayoutSettings): Map<Para, number> {
  const chars = new Map<number, number>();
  const paras = flow.filter((b): b is Extract<FlowBlock, { kind: "para" }> => b.kind === "para");
  for (const b of paras) for (const p of b.parts) for (const l of p.para.lines) for (const w of l.words) chars.set(round(w.size), (chars.get(round(w.size)) ?? 0) + w.text.length);
  let body = fallbackBody,
    most = 0;
  for (const [size, n] of chars) if (n > most) [body, most] = [size, n];
  const alone = (p: Para) => p.lines.length <= s.headingMaxLines && p.lines.reduce((n, l) => n + l.words.reduce((k, w) => k + w.text.length + 1, 0), 0) <= s.headingMaxChars;
  // A page holding nothing but large short paragraphs (a cover, a title page)
  // does not rank the document's headings: its titles are level 1 whatever their size.
  const cover = new Set<number>();
  for (const page of new Set(flow.map((b) => b.page))) {
    const here = flow.filter((b) => b.page === page);
    if (here.every((b) => b.kind === "para" && alone(b.parts[0]!.para) && b.parts[0]!.para.size >= s.headingRatio * body)) cover.add(page);
  }
  const larger = paras.filter((b) => !cover.has(b.page)).map((b) => b.parts[0]!.para).filter((p) => alone(p) && p.size >= s.headingRatio * body);
  const sizes: number[] = [];
  for (const z of larger.map((p) => p.size).sort((a, b) => b - a)) if (!sizes.length || sizes[sizes.length - 1]! - z > s.headingSizeTol) sizes.push(z);
  const out = new Map<Para, number>();
  for (const b of paras) {
    const p = b.parts[0]!.para;
    if (!alone(p)) continue;
    if (p.size >= s.headingRatio * body) out.set(p, Math.min(6, 1 + Math.max(0, sizes.findIndex((z) => z - p.size <= s.headingSizeTol))));
    else if (s.boldLineHeadings && p.bold && p.size >= body / s.paraSizeRatio) out.set(p, Math.min(6, sizes.length + 1));
  }
  return out;
}

function round(size: number): number {
  return Math.round(size * 2) / 2;
}

/** OCR'd words carry a confidence: the cell gets their mean. */
function withConf(cell: Cell, words: readonly Word[]): void {
  if (words.some((w) => w.conf !== undefined)) cell.conf = words.reduce((a, w) => a + (w.conf ?? 0), 0) / words.length;
}

function emit(flow: readonly FlowBlock[], bodySize: number, leadingOf: ReadonlyMap<number, number>, s: LayoutSettings): Row[] {
  const rows: Row[] = [];
  const lineNo = new Map<number, number>();
  const next = (page: number) => {
    const n = (lineNo.get(page) ?? 0) + 1;
    lineNo.set(page, n);
    return n;
  };
  const levels = headingLevels(flow, bodySize, s);
  let prev: FlowBlock | null = null;
  for (const b of flow) {
    if (prev && (b.gapBefore || b.page !== prev.page || prev.kind === "table" || b.kind === "table")) {
      rows.push({ page: b.page, line: next(b.page), cells: [], kind: "blank" });
    }
    prev = b;
    if (b.kind === "para") {
      const words = b.parts.flatMap((p) => p.para.lines.flatMap((l) => l.words));
      const first = b.parts[0]!;
      const box = unionBox(first.para.lines);
      const text = joinLines(b.parts.flatMap((p) => p.para.lines.map(lineText)));
      if (!text) continue;
      const cell: Cell = { text, bbox: toBBox(box) };
      if (mostlyBold(words)) cell.bold = true;
      withConf(cell, words);
      const row: Row = { page: first.page, line: next(first.page), cells: [cell], kind: "text", bbox: toBBox(box) };
      const lastPart = b.parts[b.parts.length - 1]!.para;
      if (lastPart.hardBreakAfter) row.continues = true;
      const h = levels.get(first.para);
      if (h) row.heading = h;
      const marker = listMarker(text);
      if (marker) row.marker = marker;
      rows.push(row);
      continue;
    }
    if (b.table.lone) {
      // A single-cell frame nobody continued: a paragraph after all.
      const ws = b.rows.flatMap((r) => r.row.cells.flat());
      const box = unionBox(ws);
      const cell: Cell = { text: cellText(ws, s), bbox: toBBox(box) };
      if (mostlyBold(ws)) cell.bold = true;
      withConf(cell, ws);
      if (cell.text) rows.push({ page: b.page, line: next(b.page), cells: [cell], kind: "text", bbox: toBBox(box) });
      continue;
    }
    const right = cellRights(b.table, b.rows);
    for (const { page, row } of b.rows) {
      const cells: Cell[] = row.cells.map((ws, c) => {
        if (!ws.length) {
          return { text: "", bbox: toBBox({ x0: b.table.edges[c]!, y0: row.box.y0, x1: b.table.edges[c + 1]!, y1: row.box.y1 }) };
        }
        // Words of a row joined across a page break lie on two pages; the box is the first page's.
        const here = ws.filter((w) => w.y0 >= row.box.y0 - 1 && w.y1 <= row.box.y1 + 1);
        const cell: Cell = { text: cellText(ws, s), bbox: toBBox(unionBox(here.length ? here : ws)) };
        if (mostlyBold(ws)) cell.bold = true;
        withConf(cell, ws);
        const paras = cellParas(ws, right[c]!, leadingOf.get(page) ?? s.defaultLeading, s);
        if (paras) cell.paras = paras;
        return cell;
      });
      const filled = cells.filter((c) => c.text);
      const box = filled.length ? unionBox(filled.map((c) => ({ x0: c.bbox![0], y0: c.bbox![1], x1: c.bbox![2], y1: c.bbox![3] }))) : row.box;
      rows.push({ page, line: next(page), cells, kind: "table", bbox: toBBox(box) });
    }
  }
  setIndents(rows, s);
  // Typography a reader reads as plain characters (ligatures, hyphens inside codes, footnote marks after a
  // value: "15% (**)", "20%¹"), as every text export's goes.
  for (const r of rows)
    for (const c of r.cells) {
      if (c.text) c.text = plainTypography(c.text);
      if (c.paras) c.paras = c.paras.map(plainTypography);
    }
  return rows;
}

/**
 * How far each line of text is set in from its page's margin, in spaces as a text export counts them (a
 * level of indentation, about 30 pt, four spaces): what tells nested lines from their parents when no
 * marker does. The margin: the leftmost start two lines of the page share (a lone line further left, a
 * page number or a note, does not move it); a page of lines all set in, going on from the last, keeps its margin.
 */
function setIndents(rows: Row[], s: LayoutSettings): void {
  const byPage = new Map<number, Row[]>();
  for (const r of rows) {
    if (r.kind !== "text" || !r.bbox || r.page === null) continue;
    const list = byPage.get(r.page);
    if (list) list.push(r);
    else byPage.set(r.page, [r]);
  }
  let prev: { margin: number; lastX: number } | null = null;
  for (const page of [...byPage.keys()].sort((a, b) => a - b)) {
    const list = byPage.get(page)!;
    const xs = list.map((r) => r.bbox![0]).sort((a, b) => a - b);
    let margin = xs[0]!;
    for (let k = 1; k < xs.length; k++)
      if (xs[k]! - xs[k - 1]! <= 1) {
        margin = xs[k - 1]!;
        break;
      }
    // A page whose lines are all set in, going on at the indent the last page ended at (a list carried
    // over), keeps that page's margin.
    if (prev && margin > prev.margin + 1 && Math.abs(list[0]!.bbox![0] - prev.lastX) <= 1) margin = prev.margin;
    prev = { margin, lastX: list[list.length - 1]!.bbox![0] };
    for (const r of list) {
      const spaces = Math.round((r.bbox![0] - margin) / s.indentSpacePt);
      if (spaces > 0 && r.heading === undefined) r.indent = spaces;
    }
  }
}
