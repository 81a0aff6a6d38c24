/**
 * Text set in columns on a page (a two-column print, a sidebar floated beside
 * the body): beside a gutter no line crosses, lines of text on both sides,
 * which a reader reads one column down, then the next — not across, as the
 * rows of a table. What tells them from a table's columns: both sides hold
 * running text or fields of their own ("Label: value"), several words a
 * line and one piece a line, with no shading joining the two sides — as a
 * table's cells side by side (a card's short labels beside their values)
 * seldom do.
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Line, Word } from "../doc/geometry.js";
import { buildLines, splitByGap } from "./lines.js";
import { unionBox } from "./geometry.js";
import { BULLETED_FIELD_LINE as LABEL_LINE } from "../util/text.js";

export interface ColumnRegion {
  y0: number;
  y1: number;
  /** Where the right column begins. */
  gutter: number;
}

interface Piece {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  base: number;
  words: number;
  text: string;
}


/** An item's number alone: "IV.", "2.", "b)", "A." (not "N.", a number's label). */
const ITEM_NUMBER = /^(?:[IVXL]{1,5}|\d{1,3}|[a-mo-zA-MO-Z])[.)]$/;

function piecesOf(lines: readonly Line[], s: LayoutSettings): Piece[] {
  const out: Piece[] = [];
  for (const l of lines) {
    const gap = s.textColumnGapEm * l.size;
    for (const ws of splitByGap(l.words, () => gap)) {
      const b = unionBox(ws);
      out.push({ ...b, base: l.base, words: ws.length, text: ws.map((w) => w.text).join(" ") });
    }
  }
  return out;
}

/** Most of a side's lines are one piece each (a second on its baseline is a table's next cell). */
function onePieceLines(ps: readonly Piece[], s: LayoutSettings): boolean {
  const bases = new Map<number, number>();
  for (const p of ps) bases.set(Math.round(p.base), (bases.get(Math.round(p.base)) ?? 0) + 1);
  const several = [...bases.values()].filter((n) => n > 1).length;
  return several <= s.textColumnSplitShare * bases.size;
}

/** Prose or fields on a side: most of its lines of several words, or fields on three lines at least. */
function textual(ps: readonly Piece[], s: LayoutSettings): boolean {
  const long = ps.filter((p) => p.words >= s.textColumnMinWords).length;
  const labelled = ps.filter((p) => LABEL_LINE.test(p.text)).length;
  return long >= s.textColumnProseShare * ps.length || labelled >= 3;
}

/** The stretches of the page set in two columns, each with its gutter; none for most pages. */
export function textColumnRegions(lines: readonly Line[], s: LayoutSettings, shading: readonly Box[] = []): ColumnRegion[] {
  if (lines.length < 2 * s.textColumnMinLines) return [];
  const pieces = piecesOf(lines, s);
  const left = Math.min(...pieces.map((p) => p.x0));
  const right = Math.max(...pieces.map((p) => p.x1));
  // Candidate gutters: a left edge many pieces share, well inside the page's text.
  const starts = new Map<number, Piece[]>();
  for (const p of pieces) {
    if (p.x0 < left + s.textColumnMinStart * (right - left)) continue;
    const k = Math.round(p.x0);
    const near = starts.get(k) ?? starts.get(k - 1) ?? starts.get(k + 1);
    if (near) near.push(p);
    else starts.set(k, [p]);
  }
  const out: ColumnRegion[] = [];
  // (The most shared edges only: a page of thousands of cells asks a few, not each.)
  const edges = [...starts.values()].filter((g) => g.length >= s.textColumnMinLines).sort((a, b) => b.length - a.length).slice(0, s.textColumnCandidates);
  for (const group of edges) {
    const x = Math.min(...group.map((p) => p.x0));
    // The right column: the pieces from this edge on (its lines set in further too), in stretches with no
    // wide gap down them (a heading across the page, a table between two stretches set in columns, ends one).
    const side = pieces.filter((p) => p.x0 >= x - 1).sort((a, b) => a.y0 - b.y0);
    const runs: Piece[][] = [];
    let run: Piece[] = [];
    let bottom = -Infinity;
    for (const p of side) {
      if (run.length && p.y0 - bottom > s.textColumnBreakEm * (p.y1 - p.y0)) {
        runs.push(run);
        run = [];
      }
      run.push(p);
      bottom = run.length === 1 ? p.y1 : Math.max(bottom, p.y1);
    }
    runs.push(run);
    for (const r of runs) {
      if (r.length < s.textColumnMinLines || !r.some((p) => Math.abs(p.x0 - x) <= 1)) continue;
      const y0 = Math.min(...r.map((p) => p.y0)),
        y1 = Math.max(...r.map((p) => p.y1));
      if (out.some((o) => Math.min(o.y1, y1) > Math.max(o.y0, y0))) continue;
      const inside = pieces.filter((p) => p.y1 > y0 && p.y0 < y1);
      // No line crosses the gutter.
      if (inside.some((p) => p.x0 < x - 1 && p.x1 > x + 1)) continue;
      let l = inside.filter((p) => p.x1 <= x + 1);
      // The right column's items numbered in the margin ("IV.⇥Educazione …", a hanging indent): numbers set
      // past the end of every line of the left column open the right one's lines, and its edge is theirs.
      // (A short word set where the other numbers stand is one of them however a scan read it: "Vv." for "V.".)
      const marked = l.filter((p) => p.words === 1 && ITEM_NUMBER.test(p.text));
      const isNumber = (p: Piece) => p.words === 1 && (ITEM_NUMBER.test(p.text) || (p.text.length <= 4 && marked.some((m) => m !== p && Math.abs(m.x0 - p.x0) <= 2)));
      const body = l.filter((p) => !isNumber(p));
      const bodyEnd = body.length ? Math.max(...body.map((p) => p.x1)) : -Infinity;
      const numbers = l.filter((p) => isNumber(p) && p.x0 > bodyEnd);
      let gutter = x;
      if (numbers.length >= 2) {
        gutter = Math.min(...numbers.map((p) => p.x0));
        l = body;
      }
      if (l.length < s.textColumnMinLines) continue;
      // A column of text holds one piece a line: lines of several pieces on a side are a table's cells.
      if (!onePieceLines(l, s) || !onePieceLines(r, s)) continue;
      // Shading running across the gutter (a table's striped rows) joins the two sides: a table.
      // (A box shaded behind one side only, a sidebar's, reaches no text of the other.)
      const leftEnd = Math.max(...l.map((p) => p.x1));
      if (shading.some((f) => f.x0 < leftEnd - 1 && f.x1 > x + 1 && f.y1 > y0 && f.y0 < y1)) continue;
      // Not a table's columns: text of its own on both sides (not a card's labels beside their values).
      if (!textual(l, s) || !textual(r, s)) continue;
      const [top, bottom] = leftRunOn(pieces, gutter, y0, y1, s);
      if (out.some((o) => Math.min(o.y1, bottom) > Math.max(o.y0, top))) continue;
      out.push({ y0: top, y1: bottom, gutter });
    }
  }
  return out.sort((a, b) => a.y0 - b.y0);
}

/**
 * The stretch's ends, taken on along its left column: a sidebar shorter than the body beside it (a legend floated
 * right) ends the right column before the body's paragraph does, and the body's paragraph cut there — its last
 * line in the stretch reaching the column's right edge — goes on below it, left of the gutter, at the column's
 * own leading: the same column, read with it, before the sidebar, not after it (and so above the stretch). A
 * line crossing the gutter, a line that does not wrap into the next, or a heading's space ends it.
 */
function leftRunOn(pieces: readonly Piece[], gutter: number, y0: number, y1: number, s: LayoutSettings): [number, number] {
  // The lines beyond the stretch, each whole (its pieces on one baseline), nearest first.
  const linesFrom = (below: boolean) => {
    const beyond = pieces.filter((q) => (below ? q.y0 >= y1 : q.y1 <= y0));
    const byBase = new Map<number, Piece[]>();
    for (const q of beyond) {
      const k = Math.round(q.base);
      const at = byBase.get(k) ?? byBase.get(k - 1) ?? byBase.get(k + 1);
      if (at) at.push(q);
      else byBase.set(k, [q]);
    }
    return [...byBase.values()].sort((a, b) => (below ? a[0]!.y0 - b[0]!.y0 : b[0]!.y1 - a[0]!.y1));
  };
  // On at the column's own leading only: a heading's space above it, or a line reaching past the gutter, ends it.
  const goesOn = (line: Piece[], edge: number, below: boolean) => {
    const h = Math.max(...line.map((q) => q.y1 - q.y0));
    const gap = below ? Math.min(...line.map((q) => q.y0)) - edge : edge - Math.max(...line.map((q) => q.y1));
    return line.every((q) => q.x1 <= gutter + 1) && gap <= s.textColumnRunOnEm * h;
  };
  // Measured from the left column's own last (first) line in the stretch, not from the sidebar's; and only a
  // paragraph cut there goes on: the line above the next one reaches the column's right edge (it wraps).
  const left = pieces.filter((q) => q.y1 > y0 && q.y0 < y1 && q.x1 <= gutter + 1);
  if (!left.length) return [y0, y1];
  const measure = Math.max(...left.map((q) => q.x1));
  const full = (line: readonly Piece[]) => Math.max(...line.map((q) => q.x1)) >= measure - s.textColumnRunOnEm * 2 * Math.max(...line.map((q) => q.y1 - q.y0));
  let last: Piece[] = [left.reduce((a, b) => (b.y1 > a.y1 ? b : a))];
  let bottom = y1;
  for (const line of linesFrom(true)) {
    if (!full(last) || !goesOn(line, Math.max(...last.map((q) => q.y1)), true)) break;
    last = line;
    bottom = Math.max(bottom, ...line.map((q) => q.y1));
  }
  let first: Piece[] = [left.reduce((a, b) => (b.y0 < a.y0 ? b : a))];
  let top = y0;
  for (const line of linesFrom(false)) {
    if (!full(line) || !goesOn(line, Math.min(...first.map((q) => q.y0)), false)) break;
    first = line;
    top = Math.min(top, ...line.map((q) => q.y0));
  }
  return [top, bottom];
}

/**
 * The words of the page split by its column regions: the words outside every region, then each region's
 * columns (left, right), each as lines of their own.
 */
export function splitColumns(words: readonly Word[], regions: readonly ColumnRegion[], s: LayoutSettings): { outside: Word[]; parts: { region: ColumnRegion; column: number; lines: Line[] }[] } {
  const outside: Word[] = [];
  const sides = regions.map(() => [[], []] as [Word[], Word[]]);
  for (const w of words) {
    const cy = (w.y0 + w.y1) / 2;
    const k = regions.findIndex((r) => cy >= r.y0 && cy <= r.y1);
    if (k < 0) outside.push(w);
    else sides[k]![w.x0 >= regions[k]!.gutter - 1 ? 1 : 0].push(w);
  }
  const parts = regions.flatMap((region, k) =>
    sides[k]!.map((ws, column) => ({ region, column, lines: buildLines(ws, s) })).filter((p) => p.lines.length > 0),
  );
  return { outside, parts };
}
