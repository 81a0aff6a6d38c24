/**
 * Table regions → rows of cells. Three sources of structure, one cell model:
 *  - grids: vertical rules give the columns, horizontal rules the rows, a
 *    missing rule inside a row or column means a spanning cell;
 *  - stacks of horizontal rules: rows from the rules, columns from the white
 *    space that runs down the whole table between text;
 *  - aligned text without rules (aligned.ts) feeds the same column finder.
 * A cell spanning several columns keeps its text in the first column it
 * covers and leaves the others empty, so column positions stay consistent.
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Line, Word } from "../doc/geometry.js";
import type { Grid, HRule, Stack, VRule } from "./rules.js";
import { median, unionBox } from "./geometry.js";
import { buildLines, splitByGap } from "./lines.js";
import { pageLeading, rowStarts, stackedValues, type PageContext } from "./rowstarts.js";
import { matchRole } from "../lexicon/match.js";
import { NUMBER_SIGN } from "../lexicon/vocabulary.js";

export interface TableRow {
  /** Words of each column; an empty array is an empty cell. */
  cells: Word[][];
  box: Box;
  /** The row has no rule above (`top`) or below (`bottom`): a fragment of a row split by a page break. */
  openTop?: boolean;
  openBottom?: boolean;
  /** A drawn line (not the edge of shading) closes the row: it was not cut by a page break. */
  lineBelow?: boolean;
}

export interface Table {
  kind: "grid" | "stack" | "aligned";
  box: Box;
  /** Left edge of every column, then the right edge of the last one. */
  edges: number[];
  rows: TableRow[];
  /** One cell only: kept as a table only to be stitched to the next page's table. */
  lone?: boolean;
}

/** Bands of words between successive y boundaries; a word belongs to the band holding its middle. */
function bandsOf(words: readonly Word[], ys: readonly number[]): Word[][] {
  const bands: Word[][] = ys.slice(1).map(() => []);
  for (const w of words) {
    const cy = (w.y0 + w.y1) / 2;
    let lo = 0,
      hi = ys.length - 1;
    if (cy < ys[0]! || cy > ys[hi]!) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cy < ys[mid]!) hi = mid;
      else lo = mid;
    }
    bands[lo]!.push(w);
  }
  return bands;
}

function colIndex(edges: readonly number[], x: number): number {
  for (let c = edges.length - 2; c >= 0; c--) if (x >= edges[c]!) return c;
  return 0;
}

function clusterPositions(xs: number[], tol: number): number[] {
  const s = [...xs].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const x of s) {
    if (group.length && x - group[group.length - 1]! > tol) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(x);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

/** One-stroke glyphs OCR makes of a ruling line. */
const RULE_GLYPH = /^[|Il!\[\]ijìíÌÍ]$/;

/** A word OCR read (it has a confidence) that is one stroke: maybe a piece of a ruling line. A text layer's "I" is text. */
function isBar(w: Word): boolean {
  return w.conf !== undefined && RULE_GLYPH.test(w.text);
}

/**
 * A ruled grid. Returns null when it is not a table (a frame around a single
 * block of text).
 */
export function gridTable(g: Grid, words: readonly Word[], s: LayoutSettings): { table: Table; used: Set<Word> } | null {
  const drawnXs = clusterPositions(
    g.v.map((r) => r.x),
    s.snapTol,
  );
  if (drawnXs.length < 2) return null;
  // A border a coarse scan lost altogether shows as bars OCR read down one
  // line ("|", "I", "i", "j"): enough of them, one above the other, are a border.
  const bars = words.filter((w) => isBar(w) && w.x1 - w.x0 <= 0.4 * w.size && w.x0 > drawnXs[0]! && w.x1 < drawnXs[drawnXs.length - 1]! && w.y0 >= g.box.y0 - 1 && w.y1 <= g.box.y1 + 1);
  const lost = clusterPositions(
    bars.map((w) => (w.x0 + w.x1) / 2),
    s.snapTol,
  ).filter((x) => !drawnXs.some((d) => Math.abs(d - x) <= 2 * s.snapTol) && bars.filter((w) => Math.abs((w.x0 + w.x1) / 2 - x) <= s.snapTol).length >= s.minBarsForBorder);
  const xs = [...drawnXs, ...lost].sort((a, b) => a - b);
  const hy = clusterPositions(
    g.h.map((r) => r.y),
    s.snapTol,
  );
  const top = Math.min(g.box.y0, hy[0] ?? g.box.y0);
  const bottom = Math.max(g.box.y1, hy[hy.length - 1] ?? g.box.y1);
  const within = words.filter((w) => {
    const cx = (w.x0 + w.x1) / 2,
      cy = (w.y0 + w.y1) / 2;
    return cx > xs[0]! && cx < xs[xs.length - 1]! && cy > top && cy < bottom;
  });
  if (within.length === 0) return null;
  const size = median(within.map((w) => w.size));
  // A bar read by OCR right on a column border ("|", "I") is a piece of the
  // border the scan broke, not text: it leaves the cells.
  // (Not a word set at word spacing between two words of its line, as the article "i" of "per i giovani" in a
  // cell spanning the border's column is.)
  const gapEm = Math.max(s.minColumnGap, s.colGapEm * size);
  const inFlow = (w: Word) => {
    const line = within.filter((o) => o !== w && Math.min(o.y1, w.y1) - Math.max(o.y0, w.y0) > 0.5 * Math.min(o.y1 - o.y0, w.y1 - w.y0));
    const before = Math.max(-Infinity, ...line.filter((o) => o.x1 <= w.x0 + 0.5).map((o) => o.x1));
    const after = Math.min(Infinity, ...line.filter((o) => o.x0 >= w.x1 - 0.5).map((o) => o.x0));
    return w.x0 - before < gapEm && after - w.x1 < gapEm;
  };
  const debris = (w: Word) => isBar(w) && w.x1 - w.x0 <= 0.4 * size && xs.some((x) => Math.abs((w.x0 + w.x1) / 2 - x) <= s.snapTol) && !inFlow(w);
  const inside = within.filter((w) => !debris(w));
  if (inside.length === 0) return null;
  // Rows are bands between horizontal rules; vertical rules reaching past the
  // first or last horizontal rule enclose a row with no rule on that side.
  const ys = [...hy];
  const openTop = ys.length === 0 || ys[0]! - top > 0.5 * size;
  const openBottom = ys.length === 0 || bottom - ys[ys.length - 1]! > 0.5 * size;
  if (openTop) ys.unshift(top);
  if (openBottom) ys.push(bottom);
  const bands = bandsOf(inside, ys);
  const ncols = xs.length - 1;

  // Is there a rule along x between bands (vertical boundary k inside band b)?
  const vPresent = (k: number, y0: number, y1: number) =>
    g.v.some((r) => Math.abs(r.x - xs[k]!) <= s.snapTol && Math.min(r.y1, y1) - Math.max(r.y0, y0) >= 0.5 * (y1 - y0));
  // Is there a rule along y at boundary i across column c?
  const hPresent = (i: number, c: number) => {
    const mid = (xs[c]! + xs[c + 1]!) / 2;
    return g.h.some((r) => Math.abs(r.y - ys[i]!) <= s.snapTol && r.x0 <= mid && r.x1 >= mid);
  };

  // A border missing in a band, where the band's text still parts at it
  // (words on both sides, every line with both split by a column gap there,
  // none across it): a rule a coarse scan broke, not a spanning cell.
  const partsAt = (k: number, band: readonly Word[]) => {
    const x = xs[k]!;
    const near = band.filter((w) => w.x1 > xs[k - 1]! && w.x0 < xs[k + 1]!);
    if (near.some((w) => w.x0 < x - 0.5 && w.x1 > x + 0.5)) return false;
    let both = 0;
    for (const l of buildLines(near, s)) {
      const left = l.words.filter((w) => w.x1 <= x + 0.5),
        right = l.words.filter((w) => w.x0 >= x - 0.5);
      if (!left.length || !right.length) continue;
      if (Math.min(...right.map((w) => w.x0)) - Math.max(...left.map((w) => w.x1)) < gapEm) return false;
      both++;
    }
    return both > 0;
  };

  type Slot = { words: Word[] };
  const slots: Slot[][] = bands.map(() => Array.from({ length: ncols }, () => ({ words: [] })));
  bands.forEach((band, b) => {
    const y0 = ys[b]!,
      y1 = ys[b + 1]!;
    const present = new Map<number, boolean>();
    const border = (k: number) => {
      let v = present.get(k);
      if (v === undefined) present.set(k, (v = vPresent(k, y0, y1) || partsAt(k, band) || (lost.includes(xs[k]!) && bars.some((w) => w.y1 > y0 && w.y0 < y1 && Math.abs((w.x0 + w.x1) / 2 - xs[k]!) <= s.snapTol))));
      return v;
    };
    for (const w of band) {
      let c = colIndex(xs, (w.x0 + w.x1) / 2);
      if (c >= ncols) c = ncols - 1;
      // Walk left over missing vertical rules: a spanning cell lives in its first column.
      while (c > 0 && !border(c)) c--;
      // Walk up over missing horizontal rules: a cell spanning rows lives in its first row.
      let bb = b;
      while (bb > 0 && !(openTop && bb === 1) && !hPresent(bb, c)) bb--;
      slots[bb]![c]!.words.push(w);
    }
  });

  const rows: TableRow[] = [];
  bands.forEach((_, b) => {
    const y0 = ys[b]!,
      y1 = ys[b + 1]!;
    const cells = slots[b]!.map((sl) => sl.words);
    const any = cells.some((c) => c.length);
    // Double borders and hairline gaps are not rows; an empty row of normal height is.
    if (!any && y1 - y0 < Math.max(4, 0.8 * size)) return;
    if (!any && b === 0 && openTop) return;
    if (!any && b === bands.length - 1 && openBottom) return;
    const row: TableRow = { cells, box: { x0: xs[0]!, y0, x1: xs[xs.length - 1]!, y1 } };
    if (openTop && b === 0) row.openTop = true;
    if (openBottom && b === bands.length - 1) row.openBottom = true;
    rows.push(row);
  });
  if (rows.length === 0) return null;
  // Double borders (each cell boxed on its own, a little apart: a browser's separated borders)
  // leave hairline columns between the cells, empty in every row: not columns.
  const hair = Math.max(4, 0.8 * size);
  for (let c = ncols - 1; c >= 0 && xs.length > 2; c--) {
    if (xs[c + 1]! - xs[c]! >= hair || rows.some((r) => r.cells[c]!.length)) continue;
    // The hairline joins its neighbour: the next column, or the previous one for the last.
    const edge = c < xs.length - 2 ? c + 1 : c;
    xs.splice(edge, 1);
    for (const r of rows) r.cells.splice(c, 1);
  }
  const table: Table = { kind: "grid", box: { x0: xs[0]!, y0: top, x1: xs[xs.length - 1]!, y1: bottom }, edges: xs, rows };
  // A single cell is a frame or a shaded box — or the caption of a table cut by
  // a page break; the page decides (see page.ts).
  if (xs.length === 2 && rows.length === 1) table.lone = true;
  return { table, used: new Set(within) };
}

/**
 * A spreadsheet printed with its gridlines holds the sheet's titles and
 * paragraphs as text in one cell, running on over the empty cells beside it:
 * the printer leaves out the vertical gridlines only where the text passes
 * and draws them again right after it ends. With at least `sheetOverflowRows`
 * such rows the grid is a sheet, and its rows of one cell are text, not table
 * rows: the grid splits into the tables between them, their words freed.
 * (A merged cell in a word processor's table lacks its borders whatever its
 * text's length.) `known`: another page of the document is a sheet.
 */
export function sheetTables(t: Table, g: Grid, s: LayoutSettings, known = false): { tables: Table[]; freed: Word[][] } | null {
  if (s.sheetOverflowRows <= 0 || t.kind !== "grid") return null;
  const inner = t.edges.slice(1, -1);
  const drawnIn = (x: number, y0: number, y1: number) => g.v.some((r) => Math.abs(r.x - x) <= s.snapTol && Math.min(r.y1, y1) - Math.max(r.y0, y0) >= 0.5 * (y1 - y0));
  const single = (r: TableRow) => r.cells.filter((c) => c.length).length === 1;
  let overflow = 0;
  for (const r of known ? [] : t.rows) {
    if (!single(r)) continue;
    const ws = r.cells.find((c) => c.length)!;
    const x0 = Math.min(...ws.map((w) => w.x0)),
      x1 = Math.max(...ws.map((w) => w.x1));
    const passed = inner.filter((x) => x > x0 && x < x1);
    if (!passed.length || passed.some((x) => drawnIn(x, r.box.y0, r.box.y1))) continue;
    if (inner.some((x) => x > x1 + 1 && drawnIn(x, r.box.y0, r.box.y1))) overflow++;
  }
  if (overflow < s.sheetOverflowRows && !known) return null;
  const tables: Table[] = [];
  const freed: Word[][] = [];
  let run: TableRow[] = [];
  const close = () => {
    if (run.length) {
      // The sheet's gridlines go on over empty columns: only the columns this table fills are its own.
      const kept = t.edges.slice(0, -1).flatMap((_, c) => (run.some((r) => r.cells[c]!.length) ? [c] : []));
      const edges = [...kept.map((c) => t.edges[c]!), t.edges[kept[kept.length - 1]! + 1]!];
      const rows = run.map((r) => ({ ...r, cells: kept.map((c) => r.cells[c]!), box: { ...r.box, x0: edges[0]!, x1: edges[edges.length - 1]! } }));
      tables.push({ kind: "grid", box: unionBox(rows.map((r) => r.box)), edges, rows });
    }
    run = [];
  };
  for (const r of t.rows) {
    if (single(r)) {
      freed.push(r.cells.flat());
      close();
    } else if (r.cells.some((c) => c.length)) run.push(r);
  }
  close();
  return { tables, freed };
}

/**
 * The rows of a grid that hold a table of their own drawn without rules (see `listingLines`): rows with no
 * border drawn inside them, whose lines run in three texts or more on `listingLines` lines at least.
 */
export function listingRows(t: Table, v: readonly VRule[], s: LayoutSettings): Set<TableRow> {
  const out = new Set<TableRow>();
  if (s.listingLines <= 0 || t.kind !== "grid") return out;
  const inner = t.edges.slice(1, -1);
  for (const r of t.rows) {
    const { y0, y1 } = r.box;
    if (inner.some((x) => v.some((l) => Math.abs(l.x - x) <= s.snapTol && Math.min(l.y1, y1) - Math.max(l.y0, y0) > 0.25 * (y1 - y0)))) continue;
    const ws = r.cells.flat();
    if (ws.length < 3 * s.listingLines) continue;
    let columned = 0;
    for (const l of buildLines(ws, s)) {
      let pieces = 1;
      for (let k = 1; k < l.words.length; k++) if (l.words[k]!.x0 - l.words[k - 1]!.x1 >= s.listingGapEm * l.size) pieces++;
      if (pieces >= 3) columned++;
    }
    if (columned >= s.listingLines) out.add(r);
  }
  return out;
}

/**
 * Merged x-intervals of a set of words, joining gaps narrower than `gap` or
 * than `em` × the words' median size (a heading's word spaces are wider than
 * the body's column gap; the median, not each word's own size, because OCR
 * sizes a word by its box, accents and descenders included).
 */
function projection(words: readonly Word[], gap: number, em: number): [number, number][] {
  const iv = words.map((w) => [w.x0, w.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  const join = Math.max(gap, em * median(words.map((w) => w.size)));
  const out: [number, number][] = [];
  for (const [a, b] of iv) {
    const last = out[out.length - 1];
    if (last && a - last[1] < join) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Column edges of a table without vertical rules: x-ranges that no row's text
 * crosses. Rows holding a single block of text (captions, spanning headers)
 * do not vote, and in larger tables a few rows may cross a gap (spanning cells).
 * `headed`: the bands are lines, the first of which may be a header of labels
 * on tab stops (see headerEdges).
 */
export function textColumns(
  bands: readonly Word[][],
  box: { x0: number; x1: number },
  s: LayoutSettings,
  drawn: readonly number[] = [],
  headed = false,
  labels: readonly LabelColumn[] = [],
): number[] {
  const all = bands.flat();
  if (all.length === 0) return [box.x0, box.x1];
  const size = median(all.map((w) => w.size));
  const gap = Math.max(s.minColumnGap, s.colGapEm * size);
  const projs = bands.map((b) => projection(b, gap, s.colGapEm)).filter((p) => p.length >= 2);
  const lo = Math.min(...all.map((w) => w.x0));
  const hi = Math.max(...all.map((w) => w.x1));
  if (projs.length === 0 && !drawn.length) return [Math.min(box.x0, lo), Math.max(box.x1, hi)];
  const allowance = Math.floor(s.spanAllowance * projs.length);
  // Sweep over interval boundaries counting how many rows cover each x. A
  // column starts where text resumes after a gap no row crosses, or (larger
  // tables) after a gap crossed only by a few spanning cells.
  const ev: [number, number][] = [];
  for (const p of projs) for (const [a, b] of p) ev.push([a, 1], [b, -1]);
  ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const found: number[] = [];
  for (const limit of allowance > 0 ? [0, allowance] : [0]) {
    let depth = 0,
      gapStart = -Infinity;
    for (const [x, d] of ev) {
      const before = depth;
      depth += d;
      if (before > limit && depth <= limit) gapStart = x;
      else if (before <= limit && depth > limit && gapStart > lo && x - gapStart >= gap && x < hi) found.push(x);
    }
  }
  const seps: number[] = [];
  for (const x of found.sort((a, b) => a - b)) if (!seps.length || x - seps[seps.length - 1]! >= gap) seps.push(x);
  // Narrow gaps: two columns set close together (a number flush right against
  // a column of left-aligned text) leave less white space than a column gap.
  // Such a gap is a column boundary when no row crosses it and the text on one
  // side keeps to one edge down the column: values ending at its left (right
  // or decimal alignment) or starting at its right (left alignment).
  // Rows of one piece at the column gap (a caption, a heading across the table) do not vote.
  const fine = s.narrowColumnGap > 0 ? bands.filter((b) => projection(b, gap, s.colGapEm).length >= 2).map((b) => projection(b, s.narrowColumnGap, 0)) : [];
  const fev: [number, number][] = [];
  for (const p of fine) for (const [a, b] of p) fev.push([a, 1], [b, -1]);
  fev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const fineLimit = 0;
  const narrow = new Set<number>();
  let depth = 0,
    gapStart = -Infinity;
  for (const [x, d] of fev) {
    const before = depth;
    depth += d;
    if (before > fineLimit && depth <= fineLimit) gapStart = x;
    else if (before <= fineLimit && depth > fineLimit && gapStart > lo && x < hi && x - gapStart >= s.narrowColumnGap && !seps.some((e) => Math.abs(e - x) < gap)) {
      const rows = bands.filter((b) => b.some((w) => w.x1 > gapStart - 4 * size && w.x0 < x + 4 * size)).length;
      const starting = bands.flatMap((b) => b.filter((w) => Math.abs(w.x0 - x) <= s.alignTol / 3));
      const ending = bands.flatMap((b) => b.filter((w) => Math.abs(w.x1 - gapStart) <= s.alignTol / 3));
      const starts = new Set(starting.map((w) => bands.findIndex((b) => b.includes(w)))).size;
      const ends = new Set(ending.map((w) => bands.findIndex((b) => b.includes(w)))).size;
      // The same words at the same places in every row (a text repeated down a
      // wrapped column) line up without being two columns: values must differ.
      const differ = (ws: readonly Word[]) => {
        const n = new Map<string, number>();
        for (const w of ws) n.set(w.text, (n.get(w.text) ?? 0) + 1);
        return n.size >= 3 && Math.max(...n.values()) <= 0.4 * ws.length;
      };
      const varied = differ(starting) || differ(ending);
      if (varied && Math.max(starts, ends) >= Math.max(s.minAlignedRows, s.alignedShare * rows) && widerThanSpaces(bands, gapStart, x, s)) {
        seps.push(x);
        narrow.add(x);
      }
    }
  }
  // A first line of three labels or more, set apart (a list's header on tab stops: "Codice ⇥ Obiettivo ⇥
  // Termine ⇥ Peso"), says where its columns are, though a title below runs on across one: each label opens
  // a column, at the label or at the first piece set under it further left (a date right-aligned under it).
  // (Unless a column was found under the label already: one opening anywhere from the label's start to its end.)
  if (headed) for (const h of headerStops(bands, gap, s)) if (!seps.some((x) => x > h.at - gap && x < h.end)) seps.push(h.at);
  // So does a header block of labels set over two or three lines ("Resp. / (referente)", "P. / %"), over a listing
  // ruled between its records: its labels open columns the records' text runs too close together to show.
  for (const h of labelStops(labels, bands, gap)) if (!seps.some((x) => x > h.at - gap && x < h.end)) seps.push(h.at);
  seps.sort((a, b) => a - b);
  // Column borders drawn cell by cell are where the columns are: a gap's
  // edge found within a column gap of one gives way to it.
  const kept = seps.filter((x) => !drawn.some((d) => Math.abs(d - x) < gap));
  seps.length = 0;
  seps.push(...kept, ...drawn.filter((d) => d > lo && d < hi));
  seps.sort((a, b) => a - b);
  // A column whose text all comes from rows that run on across its right
  // edge (a wide header over right-aligned values) is no column: the edge goes.
  const edges = [Math.min(box.x0, lo), ...seps, Math.max(box.x1, hi)];
  // Nor is a column of list markers only ("–", "•", "a)" set a tab before their items): they open the next
  // column's text.
  for (let k = edges.length - 2; k >= 1; k--) {
    const a = edges[k - 1]!,
      e = edges[k]!;
    if (drawn.includes(e)) continue;
    const inside = all.filter((w) => w.x0 >= a - 0.5 && w.x1 <= e + 0.5);
    if (inside.length >= 2 && inside.every((w) => MARKER_WORD.test(w.text))) edges.splice(k, 1);
  }
  const pieces = bands.map((b) => projection(b, gap, s.colGapEm));
  for (let k = edges.length - 2; k >= 1; k--) {
    const a = edges[k - 1]!,
      e = edges[k]!;
    if (drawn.includes(e)) continue;
    // Running on across the edge at a word space's distance is crossing it
    // too (but for the narrow gaps found above, word spaces wide).
    const crossing = (b: readonly Word[], i: number) => (narrow.has(e) ? b.some((w) => w.x0 < e - 1 && w.x1 > e + 1) : pieces[i]!.some(([x0, x1]) => x0 < e - 1 && x1 > e + 1));
    const own = bands.some((b, i) => b.some((w) => w.x0 >= a - 1 && w.x0 < e - 1) && !crossing(b, i));
    if (!own) edges.splice(k, 1);
  }
  return edges;
}

/**
 * A line of three or more column labels the vocabulary knows (all but one),
 * none of them a figure ("Target 2026" is a label; "30,00" is not).
 */
const LABEL_TAIL = /^(?:%|€|\(%\)|(?:19|20)\d\d)$/;

export function headerLine(l: Line, s: LayoutSettings): boolean {
  if (s.headerLabelScore <= 0) return false;
  const pieces = splitByGap([...l.words].sort((a, b) => a.x0 - b.x0), (a, b) => Math.max(s.minColumnGap, s.colGapEm * Math.max(a.size, b.size)));
  const texts: string[] = [];
  // A unit or a year set apart from its label by a wide (monospaced) space belongs to it: "Peso %", "Target 2026".
  for (const p of pieces) {
    const t = p.map((w) => w.text).join(" ");
    if (texts.length && LABEL_TAIL.test(t)) texts[texts.length - 1] += ` ${t}`;
    else texts.push(t);
  }
  if (texts.length < 3 || texts.some((t) => !/\p{L}/u.test(t))) return false;
  const known = texts.filter((t) => matchRole(t, s.headerLabelScore) !== null).length;
  return known >= Math.max(3, texts.length - 1);
}

/** A list's marker alone: a bullet, a dash, "a)", "1)". */
const MARKER_WORD = /^(?:[•●▪◦‣∙○■□➢►–—*-]|\(?[a-z\d]\))$/;

/** Where the labels of a header line open their columns (see textColumns); none when the first line is no such header. */
export function headerEdges(bands: readonly Word[][], gap: number, s: LayoutSettings): number[] {
  return headerStops(bands, gap, s).map((h) => h.at);
}

/** Each column a header line's labels open: where it begins, and where its label ends. */
function headerStops(bands: readonly Word[][], gap: number, s: LayoutSettings): { at: number; end: number }[] {
  if (s.headerLabelScore <= 0 || bands.length < 2 || bands[0]!.some((w) => Math.abs(w.base - bands[0]![0]!.base) > 0.3 * w.size)) return [];
  const head = splitByGap([...bands[0]!].sort((a, b) => a.x0 - b.x0), () => gap);
  // Labels all, but one the vocabulary may not know ("Obiettivo esecutivo / fasi di attuazione"); no figures.
  const texts = head.map((p) => p.map((w) => w.text).join(" "));
  const known = texts.filter((t) => matchRole(t, s.headerLabelScore) !== null).length;
  if (head.length < 3 || known < Math.max(3, head.length - 1) || texts.some((t) => /\d/.test(t))) return [];
  const labels = head.map((p) => ({ x0: p[0]!.x0, end: Math.max(...p.map((w) => w.x1)) }));
  // (The first piece set under a label further left opens its column: a date right-aligned under it.)
  return openings(labels, pieceStarts(bands.slice(1), gap), gap, (under) => Math.min(...under));
}

/** Where the pieces of `bands`' lines (split at column gaps) start. */
function pieceStarts(bands: readonly Word[][], gap: number): number[] {
  return bands.flatMap((b) => splitByGap([...b].sort((p, q) => p.x0 - q.x0), () => gap).map((p) => p[0]!.x0));
}

/**
 * Where each label after the first opens its column: at the label, or further left where `pick` says the
 * pieces under it start (`under`, in order). Only a label some piece starts under, a `gap` past the label before it,
 * opens one: "Termine Peso" over "31/03/2026 30 %", two stops a point apart, is one column to the text.
 */
function openings(labels: readonly { x0: number; end: number }[], starts: readonly number[], gap: number, pick: (under: number[]) => number): { at: number; end: number }[] {
  const out: { at: number; end: number }[] = [];
  for (let k = 1; k < labels.length; k++) {
    const prevEnd = labels[k - 1]!.end,
      here = labels[k]!;
    const under = starts.filter((x) => x > prevEnd + gap && x < here.end).sort((a, b) => a - b);
    if (under.length) out.push({ at: Math.min(here.x0, pick(under)), end: here.end });
  }
  return out;
}

/** A column a header block's labels head: where its label starts and ends, and its label's lines top to bottom. */
export interface LabelColumn {
  x0: number;
  end: number;
  text: string;
}

/**
 * Where each labelled column opens over `bands` (its rows): at its label, or where the pieces set under it
 * start further left as a rule (their median: a group's footer set across the column, "Totale pesi struttura:
 * 100", starts further left still).
 */
function labelStops(labels: readonly LabelColumn[], bands: readonly Word[][], gap: number): { at: number; end: number }[] {
  if (labels.length < 3) return [];
  return openings(labels, pieceStarts(bands, gap), gap, (under) => under[(under.length - 1) >> 1]!);
}

/**
 * A header block of column labels at the top of `lines` (at most three lines
 * set close together, a label's words stacked over one another: "Peso / %",
 * "Target / 2026", "Cod. / obiett."): its columns left to right, or none
 * when the lines are no such block. Pieces of the lines that overlap across
 * lines are one column's label; four columns at least, their labels (or
 * their first lines) known to the vocabulary, all but a third, none holding
 * a figure other than a year or a unit.
 */
export function labelBlock(lines: readonly Line[], s: LayoutSettings): LabelColumn[] {
  if (s.headerLabelScore <= 0 || !lines.length) return [];
  const sorted = [...lines].sort((a, b) => a.y0 - b.y0);
  const block: Line[] = [sorted[0]!];
  for (const l of sorted.slice(1)) {
    const prev = block[block.length - 1]!;
    if (block.length >= s.labelBlockLines || l.y0 > prev.y1 + 0.5 * (prev.y1 - prev.y0)) break;
    block.push(l);
  }
  const gapOf = (a: Word, b: Word) => Math.max(s.minColumnGap, s.colGapEm * Math.max(a.size, b.size));
  const pieces = block.flatMap((l, li) => splitByGap([...l.words].sort((a, b) => a.x0 - b.x0), gapOf).map((ws) => ({ li, ws, x0: ws[0]!.x0, x1: Math.max(...ws.map((w) => w.x1)) })));
  // Pieces overlapping along x, whatever their line, are one column.
  const cols: (typeof pieces)[] = [];
  for (const p of [...pieces].sort((a, b) => a.x0 - b.x0)) {
    const c = cols.find((c) => c.some((q) => q.x0 < p.x1 && p.x0 < q.x1));
    if (c) c.push(p);
    else cols.push([p]);
  }
  // A piece joining two columns' pieces (a label over two columns) merges them.
  for (let i = cols.length - 1; i > 0; i--) {
    const a = cols[i - 1]!,
      b = cols[i]!;
    if (Math.max(...a.map((p) => p.x1)) > Math.min(...b.map((p) => p.x0))) {
      a.push(...b);
      cols.splice(i, 1);
    }
  }
  const out = cols.map((c) => {
    const ps = [...c].sort((a, b) => a.li - b.li || a.x0 - b.x0);
    const texts = ps.map((p) => p.ws.map((w) => w.text).join(" "));
    return { x0: Math.min(...ps.map((p) => p.x0)), end: Math.max(...ps.map((p) => p.x1)), text: texts.join(" "), top: texts[0]! };
  });
  if (out.length < s.labelBlockMinColumns) return [];
  if (out.some((c) => !/\p{L}/u.test(c.text) || c.text.split(" ").some((t) => /\d/.test(t) && !LABEL_TAIL.test(t)))) return [];
  // (The label's first line may be the known word, the lines under it qualifying it: "Resp. / (referente)".)
  const known = out.filter((c) => matchRole(c.text, s.headerLabelScore) !== null || matchRole(c.top, s.headerLabelScore) !== null).length;
  return known >= Math.max(3, Math.ceil(s.labelBlockKnownShare * out.length)) ? out.map(({ x0, end, text }) => ({ x0, end, text })) : [];
}

/**
 * Two columns set close together still leave more white space between them
 * than the words of a line do: where every row's gap at a place is no wider
 * than its word spaces, the words only happen to line up (proportional text
 * over a few rows) and the place is no column border.
 */
function widerThanSpaces(bands: readonly Word[][], left: number, right: number, s: LayoutSettings): boolean {
  const spaces: number[] = [];
  const gaps: number[] = [];
  for (const b of bands) {
    const ws = [...b].sort((p, q) => p.y0 - q.y0 || p.x0 - q.x0);
    for (let k = 1; k < ws.length; k++) {
      const p = ws[k - 1]!,
        q = ws[k]!;
      const g = q.x0 - p.x1;
      if (Math.abs(q.base - p.base) > 0.3 * p.size || g <= 0 || g >= s.colGapEm * p.size) continue;
      if (p.x1 <= left + 0.5 && q.x0 >= right - 0.5) gaps.push(g);
      else spaces.push(g);
    }
  }
  if (!gaps.length || !spaces.length) return true;
  return median(gaps) > s.narrowGapSpaceRatio * median(spaces);
}

/**
 * Where text in each column of a table without vertical rules must stop to
 * wrap: the next column's start less the tightest gap seen between a column's
 * text and the next column (the cell padding, which a table applies alike to
 * every column). Words reaching into the next column belong to spanning cells
 * and say nothing of a column's width.
 */
export function textRights(edges: readonly number[], cols: readonly (readonly Word[])[]): number[] {
  const ncols = edges.length - 1;
  const inside = Array.from({ length: ncols }, (_, c) => (cols[c] ?? []).filter((w) => c === ncols - 1 || w.x1 <= edges[c + 1]! + 0.5));
  const textRight = inside.map((ws) => Math.max(-Infinity, ...ws.map((w) => w.x1)));
  let gap = Infinity;
  for (let c = 0; c < ncols - 1; c++) if (inside[c]!.length) gap = Math.min(gap, edges[c + 1]! - textRight[c]!);
  if (!Number.isFinite(gap)) return textRight;
  return textRight.map((r, c) => Math.max(r, edges[c + 1]! - gap));
}

/**
 * Assigns the words of one row to columns: each line is cut only where a gap
 * contains a column edge, and each piece goes to the column where it starts,
 * so a spanning cell stays whole in its first column.
 */
export function assignRow(words: readonly Word[], edges: readonly number[], s: LayoutSettings, drawn: readonly number[] = [], pad: number | null = null): Word[][] {
  const ncols = edges.length - 1;
  const cells: Word[][] = Array.from({ length: ncols }, () => []);
  const interior = edges.slice(1, -1);
  for (const line of buildLines(words, s)) {
    // The line's word spaces: a narrow gap no wider than they are is one of them.
    const spaces = line.words
      .slice(1)
      .map((w, k) => w.x0 - line.words[k]!.x1)
      .filter((g) => g > 0 && g < Math.max(s.minColumnGap, s.colGapEm * line.size));
    const space = spaces.length >= 2 ? median(spaces) : 0;
    // A line of one run of words at word spacing (a title overflowing into empty cells, as spreadsheets
    // print it) is one text: only a gap wider than a word space cuts it.
    const oneRun = line.words.length > 2 && spaces.length === line.words.length - 1;
    const pieces = splitByGap(line.words, (a, b) => {
      // A cut needs a column edge inside the gap, and a gap wider than a word
      // space: a spanning caption is not cut where an edge meets its spaces.
      // A narrow gap is cut where the next piece starts right at the column's
      // edge (columns set close together) and the gap is wider than the line's
      // word spaces, or within a cell's padding of a border drawn there.
      const g = b.x0 - a.x1;
      const wide = g >= Math.max(s.minColumnGap, s.colGapEm * Math.max(a.size, b.size));
      const near = (e: number) => (Math.abs(b.x0 - e) <= 1 && g > s.narrowGapSpaceRatio * space) || (drawn.includes(e) && b.x0 - e <= s.cellPadding);
      // Even in one run, a word set off a drawn border by just the table's own
      // cell padding opens the cell there (sub-heads set close: "relativo sul
      // totale" under "Peso"); text overflowing a border lands anywhere.
      const padded = (e: number) => pad !== null && drawn.includes(e) && Math.abs(b.x0 - e - pad) <= s.padTol;
      const cut = interior.some((e) => e >= a.x1 - 0.5 && e <= b.x0 + 0.5 && (wide || (g >= s.narrowColumnGap && ((!oneRun && near(e)) || padded(e)))));
      // A number sign stays with its number a space or two after it ("Obiettivo n. | 1 – Titolo" is one text),
      // unless a border is drawn between.
      if (cut && g <= s.signGapEm * Math.max(a.size, b.size) && signsNumber(a, b) && !interior.some((e) => drawn.includes(e) && e >= a.x1 - 0.5 && e <= b.x0 + 0.5)) return Infinity;
      return cut ? -Infinity : Infinity;
    });
    for (const p of pieces) {
      const c = Math.min(colIndex(edges, p[0]!.x0 + 0.5), ncols - 1);
      cells[c]!.push(...p);
    }
  }
  return cells;
}

const SIGN_WORD = new RegExp(String.raw`^${NUMBER_SIGN}$`, "iu");

/** `a` is a number sign ("n.", "N°", "nr.") and `b` the number it introduces. */
function signsNumber(a: Word, b: Word): boolean {
  return SIGN_WORD.test(a.text) && /^\d/.test(b.text);
}

/**
 * Lines chained upwards from y `from` (a rule): each within `chain` of the
 * text already taken, never above `stop`. Lines of different columns overlap
 * in y; overlap counts as no gap.
 */
function chainUp(lines: readonly Line[], from: number, chain: number, stop: number, inner = chain): Line[] {
  const cand = lines.filter((l) => l.y1 <= from + 0.5 && l.y0 >= stop).sort((a, b) => b.y1 - a.y1);
  const out: Line[] = [];
  let edge = from;
  for (const l of cand) {
    if (edge - l.y1 > (out.length ? inner : chain)) break;
    out.push(l);
    edge = Math.min(edge, l.y0);
  }
  return out;
}

function chainDown(lines: readonly Line[], from: number, chain: number, stop: number, inner = chain): Line[] {
  const cand = lines.filter((l) => l.y0 >= from - 0.5 && l.y1 <= stop).sort((a, b) => a.y0 - b.y0);
  const out: Line[] = [];
  let edge = from;
  for (const l of cand) {
    if (l.y0 - edge > (out.length ? inner : chain)) break;
    out.push(l);
    edge = Math.max(edge, l.y1);
  }
  return out;
}

/**
 * Tables drawn with horizontal rules only. A stack of rules is cut wherever
 * the text between two rules does not sit close to both (a paragraph between
 * two tables); rows above the first and below the last rule are picked up when
 * they sit close to it. Returns tables with at least two columns.
 */
export function stackTables(
  st: Stack,
  words: readonly Word[],
  s: LayoutSettings,
  limits: { top: number; bottom: number },
  fillEdges: readonly HRule[] = [],
  page: PageContext = { pitches: [], right: -Infinity },
  labels: readonly LabelColumn[] = stackLabels(st, words, s),
): { table: Table; used: Set<Word> }[] {
  // A header block of labels (between the stack's first two rules, or a listing's above it: `labels`) says
  // where the columns are, and how far they reach: a listing's last column may hang past the rules' ends.
  const wide = labels.length ? { x0: Math.min(st.box.x0, labels[0]!.x0), x1: Math.max(st.box.x1, labels[labels.length - 1]!.end) } : st.box;
  const x0 = wide.x0 - 1,
    x1 = wide.x1 + 1;
  const inX = words.filter((w) => (w.x0 + w.x1) / 2 > x0 && (w.x0 + w.x1) / 2 < x1);
  if (inX.length === 0) return [];
  const lines = buildLines(inX, s);
  const lh = median(lines.map((l) => l.y1 - l.y0)) || 10;
  const chain = s.bandChainEm * lh;

  const stackCols = drawnColumns(st.h, st.box, s);
  // The text between two rules and how far it keeps from each.
  const between = st.h.slice(1).map((b, i) => {
    const a = st.h[i]!;
    const ls = lines.filter((l) => l.y0 >= a.y - 0.5 && l.y1 <= b.y + 0.5);
    if (!ls.length) return null;
    let inner = 0;
    for (let k = 1; k < ls.length; k++) inner = Math.max(inner, ls[k]!.y0 - ls[k - 1]!.y1);
    const ws = ls.flatMap((l) => l.words);
    // Text in two drawn cells at least, none of it across a drawn border: cells of a row.
    const cells = !ws.some((w) => stackCols.some((d) => w.x0 < d - 1 && w.x1 > d + 1)) && new Set(ws.map((w) => stackCols.filter((d) => d <= w.x0 + 0.5).length)).size >= 2;
    return { top: Math.min(...ls.map((l) => l.y0)) - a.y, bottom: b.y - Math.max(...ls.map((l) => l.y1)), inner, cells };
  });
  // A table pads its rows alike: text between two rules with clearly more
  // space on a side than the stack's rows have (a heading between two
  // tables, a paragraph) is no row of it.
  const texted = between.filter((g) => g !== null);
  const padTop = texted.length ? median(texted.map((g) => g.top)) : chain,
    padBottom = texted.length ? median(texted.map((g) => g.bottom)) : chain;
  const slack = s.rowPadSlackEm * lh;
  const size = median(inX.map((w) => w.size));
  // A cell's lines are set at most `maxCellLeading` apart (a page without
  // wrapped text gives its row pitch as its leading).
  const cellGap = Math.max(0, Math.min(pageLeading(page.pitches, size, s) ?? s.defaultLeading, s.maxCellLeading) * size - lh) + 0.5 * slack;
  const fitsTop = (gap: number) => gap <= Math.min(chain, Math.max(padTop, 0) + slack);
  const fitsBottom = (gap: number) => gap <= Math.min(chain, Math.max(padBottom, 0) + slack);

  // Cut the stack into runs of rules whose bands are table rows.
  const runs: HRule[][] = [];
  /** Where a run's last rows end when the next run's header sits above its first rule. */
  const stops = new Map<number, number>();
  let run: HRule[] = [st.h[0]!];
  for (let i = 1; i < st.h.length; i++) {
    const a = st.h[i - 1]!,
      b = st.h[i]!;
    const g = between[i - 1];
    // No text between two rules: a margin between two tables (or a double
    // rule), not a row — cutting there keeps different tables' columns apart.
    // Cells of a row sit at the top of a band made taller by a cell spanning
    // rows: extra space below text split into drawn cells is no margin.
    const row = g ? fitsTop(g.top) && (fitsBottom(g.bottom) || g.cells) && g.inner <= chain : b.y - a.y <= 0.6 * lh;
    // Lines over a header's labels and its rule: the rule underlines a header (a report's sub-table repeated under
    // each record, ruled under its header only), and the lines above it are rows of the table before.
    const ls = g ? lines.filter((l) => l.y0 >= a.y - 0.5 && l.y1 <= b.y + 0.5).sort((p, q) => p.y0 - q.y0) : [];
    const head = ls.length >= 2 && headerLine(ls[ls.length - 1]!, s) ? ls[ls.length - 1]! : null;
    if (row && !head) run.push(b);
    else {
      runs.push(run);
      if (head) stops.set(runs.length - 1, head.y0);
      run = [b];
    }
  }
  runs.push(run);

  const out: { table: Table; used: Set<Word> }[] = [];
  let prevBottom = limits.top;
  runs.forEach((r, ri) => {
    const first = r[0]!,
      last = r[r.length - 1]!;
    const nextTop = stops.get(ri) ?? (ri + 1 < runs.length ? runs[ri + 1]![0]!.y : limits.bottom);
    // The lines of the one row above the first rule (or below the last) follow
    // each other at a cell's leading: more space there is a paragraph's margin.
    let lead = st.framed ? [] : chainUp(lines, first.y, chain, prevBottom, cellGap);
    let trail = st.framed ? [] : chainDown(lines, last.y, chain, nextTop, cellGap);
    prevBottom = last.y;
    // A row above the first rule sits as close to it as rows do to the rule below them.
    if (lead.length && !fitsBottom(first.y - Math.max(...lead.map((l) => l.y1)))) lead = [];
    if (trail.length && !fitsTop(Math.min(...trail.map((l) => l.y0)) - last.y)) trail = [];
    // Lines chained above the first rule or below the last are a row of the
    // table when they fill two of its columns (a header, a last row), or one
    // in the table's own type (a caption row); one piece in larger type is a
    // heading outside it: laid out again without.
    let built = build(r, lead, trail);
    if (built) {
      // Only the lines next to the rule that keep to the table's columns and
      // type are its rows: a heading or prose above the header stays out.
      // (The columns they keep to are the table's with the line next to the rule only: a caption above the
      // header, "Azioni" over "N. | Azione", would otherwise hide the column it crosses.)
      const nearest = lead.length > 1 ? [...lead].sort((a, b) => b.y0 - a.y0).slice(0, 1) : lead;
      const b0 = (nearest !== lead ? build(r, nearest, trail) : null) ?? built;
      // A line of several pieces (a header's labels) fits, whatever the body's
      // columns say: its own cells redraw them once it is in.
      const pieces = (l: Line) => splitByGap(l.words, (a, b) => Math.max(s.minColumnGap, s.colGapEm * Math.max(a.size, b.size))).length;
      // The line right at the rule may run across the columns (a caption row);
      // lines beyond it only as part of a row of several lines.
      const fits = (l: Line, k: number) => (k === 0 || pieces(l) >= 2 || !crossesEdges(l, b0.edges, s)) && Math.max(l.size, b0.size) / Math.min(l.size, b0.size) <= s.paraSizeRatio;
      const keepLead = takeWhile([...lead].sort((a, b) => b.y0 - a.y0), fits);
      const keepTrail = takeWhile([...trail].sort((a, b) => a.y0 - b.y0), fits);
      const outside = (ls: Line[]) => ls.length > 0 && b0.cellsIn(ls) < 2 && median(ls.map((l) => l.size)) > s.paraSizeRatio * b0.size;
      const lead2 = outside(keepLead) ? [] : keepLead,
        trail2 = outside(keepTrail) ? [] : keepTrail;
      if (lead2.length !== lead.length || trail2.length !== trail.length) {
        lead = lead2;
        trail = trail2;
        built = build(r, lead, trail);
      }
    }
    if (built) out.push(built.result);
  });
  return out;

  function build(r: HRule[], lead: Line[], trail: Line[]) {
    const first = r[0]!,
      last = r[r.length - 1]!;
    // One rule makes a table only with a row beside it on each side, or a single
    // row (a header cut off by the page end) whose text forms columns.
    const nBands = r.length + (lead.length ? 1 : 0) + (trail.length ? 1 : 0);
    const single = r.length === 1 && nBands === 2;
    if (!single && (nBands < 2 || r.length < s.minStackRules - (lead.length && trail.length ? 1 : 0))) return null;
    const top = lead.length ? Math.min(...lead.map((l) => l.y0)) - 0.5 : first.y;
    const bottom = trail.length ? Math.max(...trail.map((l) => l.y1)) + 0.5 : last.y;
    // The edges of shading inside the table (a header band, a group row) cut rows too.
    const width = st.box.x1 - st.box.x0;
    const shade = fillEdges.filter((f) => f.y > top + 0.5 && f.y < bottom - 0.5 && Math.min(f.x1, st.box.x1) - Math.max(f.x0, st.box.x0) >= 0.5 * width);
    const ys = [...new Set([...r.map((h) => h.y), ...shade.map((f) => f.y)])].sort((a, b) => a - b);
    if (lead.length) ys.unshift(top);
    if (trail.length) ys.push(bottom);
    const inside = inX.filter((w) => {
      const cy = (w.y0 + w.y1) / 2;
      return cy > top && cy < bottom;
    });
    const bands = bandsOf(inside, ys);
    const drawn = drawnColumns(r, st.box, s);
    // Rules between rows (two or more inside the table): every band is a row.
    // Otherwise (a frame, a rule under the header only) a band may hold many
    // rows, told apart by the leading and alignment of their text.
    const ruled = r.filter((h) => h.y > top + 0.5 && h.y < bottom - 0.5).length >= 2;
    // (A band of many lines between rules that elsewhere part rows of a line or two, the rules under a header
    // and over a total, holds rows of its own: told apart as in a band of a table without rules, and its
    // columns seen line by line, as there.)
    const bandLines = bands.map((band) => (band.length ? buildLines(band, s) : []));
    const usual = median(bandLines.map((ls) => ls.length).filter((n) => n > 0));
    // (So does a band of lines with a lone figure or date under another: no cell wraps a value into a second.)
    const unruled = bandLines.map((ls) => !ruled || (ls.length >= s.ruledBandMinLines && ls.length >= s.ruledBandRatio * usual) || (ls.length >= 2 && stackedValues(ls, s)));
    const colBands = ruled ? bands.flatMap((band, b) => (unruled[b] ? bandLines[b]!.map((l) => l.words) : [band])) : bands;
    const edges = textColumns(colBands, { x0: wide.x0, x1: wide.x1 }, s, drawn, false, labels);
    const pad = cellPad(inside, [st.box.x0, ...drawn], s);
    if (edges.length < 3) return null;
    const rows: TableRow[] = [];
    // A row's drawn borders are those its own rules mark (above or below it): a cell spanning the
    // columns has none there, whatever the other rows' rules say.
    const ownBorders = (b: number): number[] => {
      const mine = r.filter((h) => Math.abs(h.y - ys[b]!) < 0.01 || Math.abs(h.y - ys[b + 1]!) < 0.01);
      if (!mine.length) return drawn;
      return drawn.filter((x) => mine.some((h) => (h.joints ?? []).some((j) => Math.abs(j - x) <= s.snapTol) || Math.abs(h.x0 - x) <= s.snapTol || Math.abs(h.x1 - x) <= s.snapTol));
    };
    bands.forEach((band, b) => {
      if (band.length === 0 && ys[b + 1]! - ys[b]! < Math.max(4, 0.8 * lh)) return null;
      const cuts = !unruled[b] || band.length < 2 ? [] : rowStarts(band, edges, s, page);
      const yy = [ys[b]!, ...cuts, ys[b + 1]!];
      const parts = cuts.length ? bandsOf(band, yy) : [band];
      parts.forEach((part, k) => {
        if (!part.length && cuts.length) return null;
        const y0 = k === 0 ? ys[b]! : unionBox(part).y0,
          y1 = k === parts.length - 1 ? ys[b + 1]! : unionBox(part).y1;
        const row: TableRow = { cells: assignRow(part, edges, s, ownBorders(b), pad),  box: { x0: edges[0]!, y0, x1: edges[edges.length - 1]!, y1 } };
        // Which end is open is decided with the page context (page.ts) when both are.
        if (b === 0 && k === 0 && lead.length) row.openTop = true;
        if (b === bands.length - 1 && k === parts.length - 1 && trail.length) row.openBottom = true;
        const below = r.find((h) => Math.abs(h.y - ys[b + 1]!) < 0.01);
        if (k === parts.length - 1 && below && below.w > 0) row.lineBelow = true;
        rows.push(row);
      });
    });
    if (rows.length < (single ? 1 : 2)) return null;
    const cellsIn = (ls: readonly Line[]) => assignRow(ls.flatMap((l) => l.words), edges, s, drawn).filter((c) => c.length).length;
    return {
      cellsIn,
      edges,
      size: median(inside.map((w) => w.size)),
      result: {
        table: { kind: "stack" as const, box: { x0: edges[0]!, y0: top, x1: edges[edges.length - 1]!, y1: bottom }, edges, rows },
        used: new Set(inside),
      },
    };
  }
}

/** The labels of a header block between a stack's first two rules, over two rules of rows at least (see labelBlock). */
export function stackLabels(st: Stack, words: readonly Word[], s: LayoutSettings): LabelColumn[] {
  if (st.h.length < 3) return [];
  const top = st.h[0]!.y,
    next = st.h[1]!.y;
  const ws = words.filter((w) => (w.y0 + w.y1) / 2 > top && (w.y0 + w.y1) / 2 < next);
  return labelBlock(
    buildLines(ws, s).filter((l) => l.x0 >= st.box.x0 - 1 && l.x0 <= st.box.x1),
    s,
  );
}

/**
 * Column borders of a table whose horizontal rules are drawn cell by cell:
 * the places where pieces meet, or where a rule shorter than the table
 * (under a cell spanning rows) starts or ends, on enough of its rules.
 */
export function drawnColumns(rules: readonly HRule[], box: { x0: number; x1: number }, s: LayoutSettings): number[] {
  const xs: number[] = [];
  for (const h of rules) {
    const own = [...(h.joints ?? [])];
    if (h.w > 0 && h.x0 > box.x0 + s.joinTol) own.push(h.x0);
    if (h.w > 0 && h.x1 < box.x1 - s.joinTol) own.push(h.x1);
    xs.push(...new Set(own));
  }
  xs.sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1]! - xs[i]! <= s.snapTol) j++;
    const n = j - i + 1;
    if (n >= Math.max(2, s.drawnColumnShare * rules.length)) out.push(xs.slice(i, j + 1).reduce((a, x) => a + x, 0) / n);
    i = j + 1;
  }
  return out;
}

/**
 * The table's left cell padding: the median distance from a drawn border (or
 * the table's left edge) to the words starting within `cellPadding` right of
 * it; null without any.
 */
function cellPad(words: readonly Word[], borders: readonly number[], s: LayoutSettings): number | null {
  const offs = words.flatMap((w) => borders.map((d) => w.x0 - d).filter((o) => o >= 0 && o <= s.cellPadding));
  return offs.length ? median(offs) : null;
}

function takeWhile<T>(xs: readonly T[], ok: (x: T, k: number) => boolean): T[] {
  const out: T[] = [];
  for (const x of xs) {
    if (!ok(x, out.length)) break;
    out.push(x);
  }
  return out;
}

/**
 * A line runs across one of the table's interior column edges: a word over
 * it, or two words on either side of it closer than a column gap (prose, a
 * caption across the table).
 */
export function crossesEdges(l: Line, edges: readonly number[], s: LayoutSettings): boolean {
  const ws = l.words;
  for (const e of edges.slice(1, -1)) {
    for (let k = 0; k < ws.length; k++) {
      const w = ws[k]!;
      if (w.x0 < e - 1 && w.x1 > e + 1) return true;
      const n = ws[k + 1];
      if (n && w.x1 <= e + 1 && n.x0 >= e - 1 && n.x0 - w.x1 < Math.max(s.minColumnGap, 0.25 * w.size)) return true;
    }
  }
  return false;
}

export function tableBox(t: Table): Box {
  return unionBox([t.box, ...t.rows.map((r) => r.box)]);
}
