/**
 * Tables without any rules: lines split into several cells by wide gaps,
 * close together, with column starts that line up.
 *
 * A region grows from a line with several cells while the next line is close
 * and does not run across a known column start (prose does). Columns come
 * from the white space no row crosses (table.ts), rows from the leading and
 * the alignment of the cells' lines (rowstarts.ts).
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Fill, Line, Word } from "../doc/geometry.js";
import type { Table, TableRow } from "./table.js";
import type { HRule } from "./rules.js";
import { assignRow, headerEdges, textColumns, textRights } from "./table.js";
import { lineSegments, makeLine, outlineNumber, splitByGap } from "./lines.js";
import { columnPitches, pitches, rowStarts, type PageContext } from "./rowstarts.js";
import { wrapsFrom } from "./prose.js";
import { median, unionBox } from "./geometry.js";
import { matchRole } from "../lexicon/match.js";

interface Candidate {
  line: Line;
  segs: Word[][];
}

/**
 * Both lines' middles lie in one shaded rectangle, or in two set one right
 * under the other across the same width (the shaded rows of a header).
 */
function sameBand(fills: readonly Fill[], a: Line, b: Line): boolean {
  const inside = (f: Fill, l: Line) => (l.y0 + l.y1) / 2 > f.y0 && (l.y0 + l.y1) / 2 < f.y1 && l.x0 >= f.x0 - 1 && l.x1 <= f.x1 + 1;
  const fa = fills.filter((f) => inside(f, a));
  if (!fa.length) return false;
  const fb = fills.filter((f) => inside(f, b));
  return fb.some((g) => fa.some((f) => f === g || (Math.abs(f.y1 - g.y0) <= 1 && Math.abs(f.x0 - g.x0) <= 2 && Math.abs(f.x1 - g.x1) <= 2)));
}

/** A list on tab stops that may go on past a page's end: its header's columns and its stretch across the page. */
export interface ListStops {
  edges: number[];
  x0: number;
  x1: number;
  /** Handed to the next page: its part must start above this y (a drawn table's top). */
  before?: number;
}

/**
 * `carry`: the stops of a list the page before ended in, which the page's first part goes on with (its header
 * printed once).
 */
export function alignedTables(
  lines: readonly Line[],
  s: LayoutSettings,
  pageRight = -Infinity,
  shade: readonly HRule[] = [],
  fills: readonly Fill[] = [],
  carry: ListStops | null = null,
): { tables: Table[]; rest: Line[]; list: ListStops | null } {
  const cands: Candidate[] = lines.map((line) => ({ line, segs: lineSegments(line, s) }));
  const left = Math.min(...lines.map((l) => l.x0));
  // A short line stretched to the measure of the paragraph it belongs to (a
  // justified line before a manual break, "PEG-PIAO-SEZ.      2.2") is prose:
  // a neighbour at the paragraph's leading, in the same type, spans the same
  // measure as one piece.
  cands.forEach((c, i) => {
    if (c.segs.length < 2) return;
    const stretched = [cands[i - 1], cands[i + 1]].some(
      (n) =>
        n !== undefined &&
        n.segs.length === 1 &&
        Math.abs(n.line.x0 - c.line.x0) <= 1 &&
        Math.abs(n.line.x1 - c.line.x1) <= 1 &&
        Math.abs(n.line.base - c.line.base) <= s.paraLeadingEm * c.line.size &&
        Math.max(n.line.size, c.line.size) / Math.min(n.line.size, c.line.size) <= s.paraSizeRatio,
    );
    // Two or three words spread over the whole measure with even gaps: the same.
    const ws = c.line.words;
    const gaps = ws.slice(1).map((w, k) => w.x0 - ws[k]!.x1);
    const even = ws.length <= 3 && Math.max(...gaps) - Math.min(...gaps) <= s.justifyTolEm * c.line.size;
    const measure = Math.abs(c.line.x1 - pageRight) <= 0.5 && Math.abs(c.line.x0 - left) <= 0.5;
    if (stretched || (even && measure)) c.segs = [ws.slice()];
    // An outline's number set off by a tab before a text running on to the right margin (a numbered paragraph
    // with a hanging indent, "2.1.1⇥Immatricolazioni … il riconoscimento"): one paragraph's line, no table's row.
    else if (c.segs.length === 2 && outlineNumber(c.segs[0]!) && /^\p{Lu}/u.test(c.segs[1]![0]!.text) && c.line.x1 >= pageRight - 2 * c.line.size) c.segs = [ws.slice()];
  });
  const tables: Table[] = [];
  const rest: Line[] = [];
  const regions: Candidate[][] = [];
  let i = 0;
  while (i < cands.length) {
    const c = cands[i]!;
    if (c.segs.length < 2) {
      rest.push(c.line);
      i++;
      continue;
    }
    // A line of fields a tab apart ("Responsabile: … – termine: …⇥Ponderazione: 20 %"): a row of its own.
    if (fieldsLine(c)) {
      tables.push(oneRow(c));
      i++;
      continue;
    }
    const region: Candidate[] = [c];
    const starts = c.segs.map((sg) => sg[0]!.x0);
    let bottom = c.line.y1;
    let j = i + 1;
    while (j < cands.length) {
      const n = cands[j]!;
      const size = Math.max(n.line.size, c.line.size);
      if (n.line.y0 - bottom > s.alignedGapEm * size) break;
      // (A value's wrapped line under the value, in its type, beside a label column in larger type, is the table's.)
      if (Math.max(n.line.size, c.line.size) / Math.min(n.line.size, c.line.size) > s.paraSizeRatio && !wrappedValue(region[region.length - 1]!, n, s)) break;
      // Text running through a known column start is prose, not cells; a start
      // that falls between two words is a column boundary the line respects.
      const crosses = starts.some((x) => n.line.words.some((w) => x > w.x0 + s.alignTol && x < w.x1 - s.alignTol));
      // Lines inside one band of shading with the line above are one row of it (a header's second line).
      const banded = sameBand(fills, region[region.length - 1]!.line, n.line);
      // A bold line under a bold one, the table's rows going on right below it: a header's
      // second row (the sub-heads under a spanning head cross its start).
      const after = cands[j + 1];
      const subHead =
        allBold(n.line) &&
        allBold(region[region.length - 1]!.line) &&
        after !== undefined &&
        after.segs.length >= 2 &&
        after.line.y0 - n.line.y1 <= s.alignedGapEm * Math.max(after.line.size, n.line.size);
      if (crosses && n.segs.length < 2 && !banded && !subHead) break;
      if (fieldsLine(n)) break;
      if (n.segs.length >= 2) starts.push(...n.segs.map((sg) => sg[0]!.x0));
      region.push(n);
      bottom = Math.max(bottom, n.line.y1);
      j++;
    }
    // Single-piece lines at the end belong to the table only if a row there is still open.
    while (region.length > 1 && region[region.length - 1]!.segs.length < 2) {
      const last = region[region.length - 1]!;
      const prev = region[region.length - 2]!;
      if (sameBand(fills, prev.line, last.line)) break;
      // Not at the table's left edge: text in the other columns (a last row whose first cell is empty); but a
      // line opening with a label and its colon ("Indicatore: …" under a list's rows) is a field of its own.
      if (last.line.x0 > Math.min(...region.map((r) => r.line.x0)) + s.alignTol && !FIELD_OPENING.test(last.line.words.map((w) => w.text).join(" "))) break;
      if (last.line.y0 - prev.line.y1 <= 0.5 * last.line.size && wrapsFirst(region, last, s)) break;
      region.pop();
    }
    const multi = region.filter((r) => r.segs.length >= 2).length;
    // A row in a band of shading (a header cut off by the page's end) is a table of its own lines.
    const bandRow = region.length >= 2 && region.every((r) => sameBand(fills, region[0]!.line, r.line));
    if (multi < s.minAlignedLines && !bandRow) {
      // One line with wide gaps (a label and its value): a one-row table.
      tables.push(oneRow(c));
      i++;
      continue;
    }
    // A caption set directly above the table at its left edge (a spanning first
    // row in the source) joins it, as it would in a ruled table.
    const cap = rest[rest.length - 1];
    if (cap && captionOf(cap, region, s)) {
      rest.pop();
      region.unshift({ line: cap, segs: [cap.words] });
    }
    regions.push(region);
    i += region.length - (region[0]!.line === cap ? 1 : 0);
  }
  // Between two regions, nothing but lines of fields (each a row of its own, above)?
  const at = new Map(cands.map((c, k) => [c.line, k]));
  const fieldsBetween = (a: Candidate[], b: Candidate[]) => {
    const from = at.get(a[a.length - 1]!.line)!,
      to = at.get(b[0]!.line)!;
    return to > from + 1 && cands.slice(from + 1, to).every(fieldsLine);
  };
  // Nothing but lines of fields before the region (the page's top), or after it (the page's end)?
  const fieldsBefore = (b: Candidate[]) => cands.slice(0, at.get(b[0]!.line)!).every(fieldsLine);
  const fieldsAfter = (a: Candidate[]) => cands.slice(at.get(a[a.length - 1]!.line)! + 1).every(fieldsLine);
  const found = regions.map((region) => {
    const words = region.flatMap((r) => r.line.words);
    const box = unionBox(words);
    const lines = region.map((r) => r.line.words);
    const size = median(words.map((w) => w.size));
    return { region, words, box, lines, edges: textColumns(lines, box, s, [], true), headed: headerEdges(lines, Math.max(s.minColumnGap, s.colGapEm * size), s).length > 0, size };
  });
  // A list on tab stops cut by lines of fields between its records ("Struttura: …⇥Responsabile: …") goes on
  // below them on the same stops: a part with no header of its own, under a part headed by labels with only
  // such lines between, close and across as much of the page, with fewer columns of its own (a title running
  // across a stop hides it), keeps the header's columns.
  // (The page's first part, at its top, goes on with a list the page before ended in.)
  const first = found[0];
  let list: { edges: number[]; box: Box; last: Candidate[] | null } | null =
    carry && first && fieldsBefore(first.region) && first.box.y0 < (carry.before ?? Infinity) ? { edges: carry.edges, box: { x0: carry.x0, x1: carry.x1, y0: first.box.y0, y1: first.box.y0 }, last: null } : null;
  for (const f of found) {
    if (f.headed) list = { edges: f.edges, box: f.box, last: f.region };
    else if (
      list !== null &&
      (list.last === null || fieldsBetween(list.last, f.region)) &&
      f.box.y0 - list.box.y1 <= s.tabListGapEm * f.size &&
      Math.min(f.box.x1, list.box.x1) - Math.max(f.box.x0, list.box.x0) >= 0.5 * (list.box.x1 - list.box.x0)
    ) {
      // (A part that found the columns itself goes on with the list too.)
      if (f.edges.length < list.edges.length) {
        // Each stop where the header put it, or where a piece of this part opens just before it (a figure
        // right-aligned a little wider than the header's).
        const gap = Math.max(s.minColumnGap, s.colGapEm * f.size);
        const starts = f.lines.flatMap((ws) => splitByGap([...ws].sort((a, b) => a.x0 - b.x0), () => gap).map((p) => p[0]!.x0));
        const inner = list.edges.slice(1, -1).map((e) => Math.min(e, ...starts.filter((x) => x > e - 2 * gap && x < e)));
        f.edges = [Math.min(f.box.x0, inner[0]! - 1), ...inner, Math.max(f.box.x1, list.edges[list.edges.length - 1]!)];
      }
      const box: Box = { x0: list.box.x0, x1: list.box.x1, y0: list.box.y0, y1: f.box.y1 };
      list = { edges: list.edges, box, last: f.region };
    } else list = null;
  }
  // A list the page ends in (lines of fields at most after it) may go on at the next page's top.
  const ends = list !== null && list.last !== null && fieldsAfter(list.last) ? { edges: list.edges, x0: list.box.x0, x1: list.box.x1 } : null;
  // The leading of the page's paragraphs and cells tells padding from leading
  // in tables whose own cells never wrap.
  const page = { pitches: [...pitches(rest, s), ...found.flatMap((f) => columnPitches(f.words, f.edges, s))], right: pageRight };
  for (const f of found) {
    // The edges of shading across the table (a header band, a group row) end rows too.
    const width = f.box.x1 - f.box.x0;
    const bands = shade.filter((h) => h.y > f.box.y0 + 0.5 && h.y < f.box.y1 - 0.5 && Math.min(h.x1, f.box.x1) - Math.max(h.x0, f.box.x0) >= 0.5 * width).map((h) => h.y);
    tables.push(regionTable(f.words, f.box, f.edges, s, page, bands));
  }
  return { tables, rest, list: ends };
}

function allBold(l: Line): boolean {
  return l.words.every((w) => w.bold);
}

/** A single short line just above the region's first line, starting at its left edge, in the same type. */
function captionOf(cap: Line, region: readonly Candidate[], s: LayoutSettings): boolean {
  const top = region[0]!.line;
  const size = Math.max(cap.size, top.size);
  const gap = top.y0 - cap.y1;
  if (gap < 0 || gap > s.captionGapEm * size) return false;
  if (Math.max(cap.size, top.size) / Math.min(cap.size, top.size) > s.paraSizeRatio) return false;
  const left = Math.min(...region.map((r) => r.line.x0));
  if (Math.abs(cap.x0 - left) > s.alignTol) return false;
  // Not a line of prose running across the table's width.
  const right = Math.max(...region.map((r) => r.line.x1));
  return cap.x1 < left + 0.6 * (right - left);
}

/** A line of one piece set under the last piece of the line above, at its left edge and in its type. */
function wrappedValue(above: Candidate, n: Candidate, s: LayoutSettings): boolean {
  const last = above.segs[above.segs.length - 1]!;
  if (n.segs.length !== 1 || above.segs.length < 2 || Math.abs(last[0]!.x0 - n.line.x0) > s.alignTol) return false;
  const size = median(last.map((w) => w.size));
  return Math.max(size, n.line.size) / Math.min(size, n.line.size) <= s.paraSizeRatio;
}

/** The last line continues the first cell of the line above it (a wrapped first column). */
function wrapsFirst(region: readonly Candidate[], last: Candidate, s: LayoutSettings): boolean {
  const rest = region.slice(0, -1);
  const words = rest.flatMap((r) => r.line.words);
  const box = unionBox(words);
  const edges = textColumns(
    rest.map((r) => r.line.words),
    box,
    s,
  );
  const right0 = textRights(edges, assignRow(words, edges, s))[0]!;
  const above = rest[rest.length - 1]!.line.words.filter((w) => w.x1 <= (edges[1] ?? Infinity) + 0.5);
  if (!above.length || Math.abs(last.line.x0 - above[0]!.x0) > s.alignTol) return false;
  return wrapsFrom(makeLine(above), last.line, right0, s);
}

/** A label opening a piece of a line: one to four words, the first in capitals, and a colon. */
const FIELD_OPENING = /^\p{Lu}[\p{L}'’.]*(?:\s+[\p{L}'’.]+){0,3}:(?:\s|$)/u;

/** A known label of a word or two, then a figure or a date: "Peso 20 %", "Scadenza 31/12/2026". */
const LABELLED_VALUE = /^(\p{Lu}\p{L}+(?:\s+\p{L}+)?)\s+(?:[<>≤≥]=?\s*)?\d[\d.,/]*\s*%?$/u;

function opensField(text: string): boolean {
  if (FIELD_OPENING.test(text)) return true;
  const m = LABELLED_VALUE.exec(text);
  return m !== null && matchRole(m[1]!, 0.9) !== null;
}

/** Pieces of a line, each opening with a label: fields set a tab apart ("Responsabile: …⇥Peso 20 %"), not a table's cells. */
function fieldsLine(c: Candidate): boolean {
  return c.segs.length >= 2 && c.segs.every((sg) => opensField(sg.map((w) => w.text).join(" ")));
}

function oneRow(c: Candidate): Table {
  const box = unionBox(c.line.words);
  const edges = [...c.segs.map((sg) => sg[0]!.x0), box.x1];
  return { kind: "aligned", box, edges, rows: [{ cells: c.segs.map((sg) => [...sg]), box }] };
}

function regionTable(words: readonly Word[], box: Box, edges: number[], s: LayoutSettings, page: PageContext, shadeCuts: readonly number[] = []): Table {
  const cuts = [...new Set([...rowStarts(words, edges, s, page), ...shadeCuts])].sort((a, b) => a - b);
  const ys = [box.y0 - 1, ...cuts, box.y1 + 1];
  const rows: TableRow[] = [];
  for (let k = 0; k + 1 < ys.length; k++) {
    const y0 = ys[k]!,
      y1 = ys[k + 1]!;
    const ws = words.filter((w) => {
      const cy = (w.y0 + w.y1) / 2;
      return cy >= y0 && cy < y1;
    });
    if (!ws.length) continue;
    const b = unionBox(ws);
    rows.push({ cells: assignRow(ws, edges, s), box: { x0: edges[0]!, y0: b.y0, x1: edges[edges.length - 1]!, y1: b.y1 } });
  }
  return { kind: "aligned", box, edges, rows };
}
