/**
 * Space-aligned tables in plain text (a `pdftotext -layout` dump, a
 * fixed-width print): no tabs, no pipes, columns at the same character
 * positions line after line.
 *
 * The text extractor only finds the runs of lines that look like such a
 * table; what the columns and rows are is decided by the positional table
 * engine of `src/layout` (the one PDFs go through). Each character is a box of
 * a nominal monospace font, each line one nominal line down, so the engine
 * sees a page of words set in Courier and reads its rule-less tables as it
 * reads a printed one: columns from the white space no line crosses, rows
 * from the cells' wrapping and the blank lines between them.
 */
import type { Cell, Row } from "../doc/source.js";
import type { PageGeom, Word } from "../doc/geometry.js";
import { layoutDocument, type LayoutSettings } from "../layout/index.js";

/** Nominal font size of a text line, in points. */
const FONT_SIZE = 10;
/** A monospace character is 0.6 em wide (Courier): a space is ~2× a proportional one, two spaces clear the engine's cell gap (1.1 em). */
const CHAR_WIDTH = 0.6 * FONT_SIZE;
/** One text line down: the 1.2 leading the engine assumes when it cannot learn one. */
const LINE_HEIGHT = 1.2 * FONT_SIZE;
/** Glyph box top to baseline. */
const ASCENT = 0.8 * FONT_SIZE;

/**
 * Layout settings for this grid. A single space (0.6 em here) is wider than a
 * proportional font's column gap threshold, so a column needs 1.5 characters
 * of white space (two spaces); a table may hold one blank line between its
 * rows (what `pdftotext -layout` prints for cell padding) but not two; lines
 * filling every column one after another are rows of their own (in fixed
 * width a narrow column's cells always reach its edge, so look wrapped).
 */
const TEXT_GRID_SETTINGS: Partial<LayoutSettings> = {
  colGapEm: 1.5 * 0.6,
  alignedGapEm: 1.5,
  alignedFullLineRows: 2,
  alignedGroupRows: 1,
  narrowColumnGap: 0,
  // (A header's labels set a space apart over values printed as close: no tab stops to go by.)
  headerLabelScore: 0,
};

/** Share of a run's lines opening a piece at a position for it to be a column's start. */
const COLUMN_SHARE = 0.25;
/** White space of at least this many spaces between two characters separates cells. */
const MIN_GAP = 2;
/** Blank lines a table may hold in a row (padding between rows); more end it. */
const MAX_BLANKS = 1;
/**
 * A run is a table when at least two column starts (besides the left edge)
 * recur on two or more of its lines, or one recurs on this many: prose with
 * the odd double space after a full stop almost never lines them up.
 */
const MIN_LINES_ONE_COLUMN = 3;

interface Seg {
  start: number;
  end: number;
}

/** A space, or the form feed `pdftotext` sets before a page's first line (a page break is no text). */
function isSpace(code: number): boolean {
  return code === 32 || code === 12;
}

/** Pieces of a line separated by MIN_GAP or more spaces. */
function segments(line: string): Seg[] {
  const segs: Seg[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  while (i < n) {
    const start = i;
    let end = i;
    while (i < n) {
      if (!isSpace(line.charCodeAt(i))) {
        i++;
        end = i;
        continue;
      }
      let j = i;
      while (j < n && isSpace(line.charCodeAt(j))) j++;
      if (j - i >= MIN_GAP || j === n) {
        i = j;
        break;
      }
      i = j;
    }
    segs.push({ start, end });
  }
  return segs;
}

/**
 * Column starts of two lines match within this many characters: converters
 * that map positions to character cells (`pdftotext -layout`) round a
 * column's start one way or the other.
 */
const ALIGN_TOL = 1;

function known(starts: ReadonlyMap<number, number>, c: number): boolean {
  for (let d = -ALIGN_TOL; d <= ALIGN_TOL; d++) if (starts.has(c + d)) return true;
  return false;
}

/** Lines opening a cell at each cluster of column starts (starts within ALIGN_TOL of the next are one column). */
function columnCounts(starts: ReadonlyMap<number, number>): { at: number; lines: number; members: number[] }[] {
  const out: { at: number; lines: number; members: number[] }[] = [];
  let prev = -Infinity;
  for (const c of [...starts.keys()].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && c - prev <= ALIGN_TOL) {
      last.lines += starts.get(c)!;
      last.members.push(c);
    } else out.push({ at: c, lines: starts.get(c)!, members: [c] });
    prev = c;
  }
  return out;
}

/** Most of the cells after the first open at known column starts, one at least. */
function sameColumns(segs: readonly Seg[], starts: ReadonlyMap<number, number>): boolean {
  const rest = segs.slice(1);
  const hits = rest.filter((sg) => known(starts, sg.start)).length;
  return hits >= 1 && 2 * hits >= rest.length;
}

/** A word of the line straddles column `c` (text running through a column start). */
function crosses(line: string, c: number): boolean {
  return c > 0 && c < line.length && !isSpace(line.charCodeAt(c - 1)) && !isSpace(line.charCodeAt(c));
}

/**
 * Known column starts (clusters within ALIGN_TOL) a word of the line runs
 * through: those that two lines or more open a cell at (the table's columns)
 * and those seen once (a double space inside a cell's justified text). A start
 * next to one of the line's own cell starts is that cell, shifted (a
 * right-aligned number).
 */
function crossed(line: string, segs: readonly Seg[] | null, starts: ReadonlyMap<number, number>): { confirmed: number; once: number } {
  const out = { confirmed: 0, once: 0 };
  for (const { at, lines, members } of columnCounts(starts)) {
    if (!members.some((c) => crosses(line, c))) continue;
    if (segs?.some((sg) => Math.abs(sg.start - at) <= ALIGN_TOL)) continue;
    if (lines >= 2) out.confirmed++;
    else out.once++;
  }
  return out;
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

/**
 * A line drawn with dashes (em and en dashes too, as a scan's recognition reads a rule), equals signs,
 * underscores or box-drawing strokes (a fixed-width print's rule), maybe between bars.
 */
const RULE_RE = /^[\s+|¦│┼├┤]*[-–—=_─━═]{3,}[-–—=_─━═\s+|¦│┼├┤┬┴]*$/;

function isRule(line: string): boolean {
  return RULE_RE.test(line);
}

/** Lines the text path already reads as table rows or structure: never part of an aligned run. */
function isOther(line: string): boolean {
  if (line.includes("\t")) return true;
  const t = line.trimStart();
  return t.startsWith("|") || t.startsWith("#");
}

export interface AlignedRun {
  /** First and one past the last line index (0-based) of the run. */
  start: number;
  end: number;
}

/** Runs of lines that look like a space-aligned table. Cheap on text without wide gaps. */
export function findAlignedRuns(lines: readonly string[]): AlignedRun[] {
  const runs: AlignedRun[] = [];
  const n = lines.length;
  const multiAt = (i: number): Seg[] | null => {
    const l = lines[i]!;
    if (!l.includes("  ") || isOther(l)) return null;
    const segs = segments(l);
    return segs.length >= 2 ? segs : null;
  };
  let i = 0;
  while (i < n) {
    const first = multiAt(i);
    if (!first) {
      i++;
      continue;
    }
    // Column starts seen so far, with the number of multi-cell lines opening a cell there.
    const starts = new Map<number, number>();
    const add = (segs: Seg[]) => segs.forEach((sg) => starts.set(sg.start, (starts.get(sg.start) ?? 0) + 1));
    add(first);
    // The table's left edge: a cell opening there says nothing of its columns.
    const left = first[0]!.start;
    let last = i;
    let blanks = 0;
    // A blank line or a rule since the last line of text.
    let gap = false;
    let j = i + 1;
    for (; j < n; j++) {
      const l = lines[j]!;
      if (isBlank(l)) {
        if (++blanks > MAX_BLANKS) break;
        gap = true;
        continue;
      }
      // A rule of dashes or equals signs between rows is white space to the engine (the one right under the
      // first line underlines the header: no gap).
      if (isRule(l)) {
        if (j !== i + 1) gap = true;
        continue;
      }
      if (isOther(l)) break;
      const segs = multiAt(j);
      // After a blank line only a row in the same columns goes on (row padding):
      // other columns are the next table, a single piece is prose.
      if (gap && !(segs && sameColumns(segs, starts))) break;
      const { confirmed, once } = crossed(l, segs, starts);
      if (segs) {
        // Text running through a column of the table ends it, unless another
        // cell opens at a known start (a spanning cell): through one column at
        // most then, and through none after a blank line. Starts seen once are
        // crossed freely by a line keeping to the known columns.
        const keeps = segs.some((sg) => sg.start > left + ALIGN_TOL && known(starts, sg.start));
        if (confirmed > 1 || (confirmed === 1 && (gap || !keeps)) || (once > 0 && !keeps)) break;
        add(segs);
      } else if (confirmed > 0 || once > 1) break;
      blanks = 0;
      gap = false;
      last = j;
    }
    const counts = columnCounts(starts)
      .slice(1)
      .filter((c) => c.lines >= 2)
      .map((c) => c.lines);
    const isTable = counts.length >= 2 || counts.some((k) => k >= MIN_LINES_ONE_COLUMN);
    if (isTable) {
      runs.push({ start: i, end: last + 1 });
      i = last + 1;
    } else i++;
  }
  return runs;
}

/**
 * The run's lines as words on a page of the nominal grid. A gap of just
 * MIN_GAP spaces before a piece that opens where no other line of the run
 * opens one is a justified space inside a cell, not a column gutter: the
 * words either side are set as one, so the engine sees no gap there.
 */
function runPage(lines: readonly string[], run: AlignedRun): PageGeom {
  const words: Word[] = [];
  let width = 0;
  const segsOf: Seg[][] = [];
  const opened = new Map<number, number>(); // column → lines opening a piece there
  for (let k = run.start; k < run.end; k++) {
    const segs = isRule(lines[k]!) ? [] : segments(lines[k]!);
    segsOf.push(segs);
    for (const c of new Set(segs.map((sg) => sg.start))) opened.set(c, (opened.get(c) ?? 0) + 1);
  }
  const elsewhere = (c: number) => {
    let n = 0;
    for (let d = -ALIGN_TOL; d <= ALIGN_TOL; d++) n += opened.get(c + d) ?? 0;
    return n > 1;
  };
  // Words opening after a single space, by column: where a cell filled its column up to the next one.
  const tight = new Map<number, number>();
  for (let k = run.start; k < run.end; k++) {
    const l = lines[k]!;
    for (let c = 2; c < l.length; c++) if (l[c - 1] === " " && l[c - 2] !== " " && l[c] !== " ") tight.set(c, (tight.get(c) ?? 0) + 1);
  }
  // A column's start: where a share of the run's lines open a piece; or where two lines open one (a header, a
  // row with room) and, with the words opening there after one space, half the lines start there.
  const columnAt = (c: number) => {
    const n = opened.get(c) ?? 0;
    return n >= 2 && (n >= COLUMN_SHARE * (run.end - run.start) || n + (tight.get(c) ?? 0) >= 0.5 * (run.end - run.start));
  };
  for (let k = run.start; k < run.end; k++) {
    const l = lines[k]!;
    // A rule sets no words: the engine sees the space it takes.
    if (isRule(l)) continue;
    width = Math.max(width, l.length);
    const y0 = (k - run.start) * LINE_HEIGHT;
    const glued = new Set(
      segsOf[k - run.start]!.filter((sg, i, all) => i > 0 && sg.start - all[i - 1]!.end === MIN_GAP && !elsewhere(sg.start)).map((sg) => sg.start),
    );
    for (const m of l.matchAll(/\S+/g)) {
      const col = m.index!;
      const prev = words[words.length - 1];
      if (glued.has(col) && prev && prev.y0 === y0) {
        prev.text += " " + m[0];
        prev.x1 = (col + m[0].length) * CHAR_WIDTH;
        continue;
      }
      // A cell filling its column to the next one's start, one space before it ("Area Servizi Educativi 15",
      // "31/03/2026 PAI redatti …"): the word opening at a column's start is that column's, so the gutter is
      // drawn as wide as a column gap (the word before it drawn a character shorter).
      if (prev && prev.y0 === y0 && col >= 2 && l[col - 1] === " " && l[col - 2] !== " " && columnAt(col) && prev.x1 - prev.x0 > CHAR_WIDTH) prev.x1 -= CHAR_WIDTH;
      words.push({
        text: m[0],
        x0: col * CHAR_WIDTH,
        x1: (col + m[0].length) * CHAR_WIDTH,
        y0,
        y1: y0 + FONT_SIZE,
        base: y0 + ASCENT,
        size: FONT_SIZE,
        bold: false,
      });
    }
  }
  return { page: 1, width: width * CHAR_WIDTH, height: (run.end - run.start) * LINE_HEIGHT, rotation: 0, words, rules: [], fills: [] };
}

/** Words of one run laid out as a table at most (a 1000-line table of 20 columns; a PDF page holds a few hundred words). */
export const MAX_RUN_WORDS = 20_000;

export interface AlignedRows {
  /** Table rows (and blank rows between two tables) keyed by the 0-based index of the line they start on. */
  rowsAt: Map<number, Row[]>;
  /** Line indexes the tables took: the text path skips them. */
  covered: Set<number>;
}

/**
 * The tables the layout engine finds in each run, as rows with the text's
 * line numbers and no geometry (the nominal boxes mean nothing in a text
 * export). Lines of a run the engine leaves out of every table stay with the
 * text path. `toCell` cleans a cell's text the way the text path does.
 */
export function alignedRows(lines: readonly string[], runs: readonly AlignedRun[], toCell: (raw: string) => Cell): AlignedRows {
  const rowsAt = new Map<number, Row[]>();
  const covered = new Set<number>();
  for (const run of runs) {
    const page = runPage(lines, run);
    // A run no table of objectives comes near (a 3000 × 300 grid of numbers) stays text:
    // the layout engine's cost grows faster than the words of one page.
    if (page.words.length > MAX_RUN_WORDS) continue;
    const { rows } = layoutDocument([page], TEXT_GRID_SETTINGS);
    // Rules drawn right above and below the table frame it: no text of their own.
    if (rows.some((r) => r.kind === "table")) {
      if (run.start > 0 && isRule(lines[run.start - 1]!)) covered.add(run.start - 1);
      if (run.end < lines.length && isRule(lines[run.end]!)) covered.add(run.end);
    }
    let blankBefore = false;
    let prevTable = false;
    let prevLast = -1;
    for (const r of rows) {
      if (r.kind === "blank") {
        blankBefore = true;
        continue;
      }
      if (r.kind !== "table" || !r.bbox) {
        prevTable = false;
        blankBefore = false;
        continue;
      }
      const first = run.start + Math.floor(r.bbox[1] / LINE_HEIGHT + 0.01);
      const lastLine = run.start + Math.floor((r.bbox[3] - 0.01) / LINE_HEIGHT);
      // Blank lines between two rows of one table (row padding) are the table's too.
      const from = prevTable && !blankBefore ? prevLast + 1 : first;
      for (let k = from; k <= lastLine; k++) covered.add(k);
      prevLast = lastLine;
      const cells = r.cells.map((c) => {
        const out = toCell(c.text);
        if (c.paras) out.paras = c.paras.map((p) => toCell(p).text);
        return out;
      });
      const at = rowsAt.get(first) ?? [];
      // Two tables of one run: the blank the engine set between them stays.
      if (blankBefore && prevTable) at.push({ page: null, line: first + 1, cells: [], kind: "blank" });
      at.push({ page: null, line: first + 1, cells, kind: "table" });
      rowsAt.set(first, at);
      prevTable = true;
      blankBefore = false;
    }
  }
  return { rowsAt, covered };
}
