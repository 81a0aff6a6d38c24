/**
 * Two columns of text on one page, as `pdftotext -layout` prints a page of
 * cards set two by two ("OBIETTIVO OP.1 ⋯ OBIETTIVO OP.2", "Titolo: … ⋯
 * Titolo: …"): each line holds the left column's line and, past a gutter of
 * spaces at the same place, the right column's. A reader reads the left
 * column down, then the right one; so does this pass, before any line
 * becomes a row.
 *
 * Only a stretch whose two sides both hold fields ("Label: value" lines) on
 * three lines at least is taken for two columns: an aligned table also has
 * gutters, but its cells are no label lines, and it is the table reader's.
 */
import { FIELD_LINE as LABEL_LINE } from "../util/text.js";

export const COLUMN_SETTINGS = {
  /** Spaces at least in the gutter between the columns. */
  gutter: 3,
  /** The right column starts this far in at least (a page's half, in a fixed-width print). */
  minStart: 30,
  /** Lines at least holding a field's label on both sides of the gutter. */
  minLabelled: 3,
};

export interface ColumnSplit {
  lines: string[];
  /** The index, in the lines given, of each line returned (a column's part keeps its line's number). */
  from: number[];
}

/** The lines with each stretch of two columns read left column first; null when there is none. */
export function untangleColumns(lines: readonly string[]): ColumnSplit | null {
  // The gutter's place: where lines with fields on both sides open their right part.
  const at = new Map<number, number>();
  for (const l of lines) {
    const x = rightStart(l);
    if (x !== null && LABEL_LINE.test(l.slice(0, x)) && LABEL_LINE.test(l.slice(x))) at.set(x, (at.get(x) ?? 0) + 1);
  }
  let x = -1;
  let best = 0;
  for (const [k, n] of at) if (n > best) [x, best] = [k, n];
  if (best < COLUMN_SETTINGS.minLabelled) return null;

  const out: string[] = [];
  const from: number[] = [];
  let i = 0;
  let changed = false;
  while (i < lines.length) {
    // A stretch: lines split at the gutter, or on one side of it, or blank, with fields on both sides.
    let j = i;
    let labelled = 0;
    while (j < lines.length && fits(lines[j]!, x)) {
      const l = lines[j]!;
      const both = l.length > x && l.slice(0, x).trim() !== "" && l.slice(x).trim() !== "";
      // After the fields, a blank line and a line opening both columns anew ("OBIETTIVO OP.3 ⋯ OBIETTIVO OP.4"):
      // the next pair of cards, read after this one.
      if (labelled > 0 && j > i && lines[j - 1]!.trim() === "" && both && !LABEL_LINE.test(l.slice(0, x))) break;
      if (both && LABEL_LINE.test(l.slice(0, x)) && LABEL_LINE.test(l.slice(x))) labelled++;
      j++;
    }
    if (labelled >= COLUMN_SETTINGS.minLabelled) {
      const right: [string, number][] = [];
      for (let k = i; k < j; k++) {
        const l = lines[k]!;
        out.push(l.slice(0, x).trimEnd());
        from.push(k);
        right.push([l.length > x ? l.slice(x).trimEnd() : "", k]);
      }
      out.push("");
      from.push(j - 1);
      for (const [t, k] of right) {
        out.push(t);
        from.push(k);
      }
      changed = true;
      i = j;
      continue;
    }
    // No two columns here: the stretch's lines as they are (past it at once, so a long text is read in one pass).
    for (const end = Math.max(j, i + 1); i < end; i++) {
      out.push(lines[i]!);
      from.push(i);
    }
  }
  return changed ? { lines: out, from } : null;
}

/** Where a line's right part opens after a gutter, past the page's middle; null when it has none. */
function rightStart(l: string): number | null {
  const m = /\S( {3,})(?=\S)/g;
  let found: number | null = null;
  for (const g of l.matchAll(m)) {
    const x = g.index! + 1 + g[1]!.length;
    if (x >= COLUMN_SETTINGS.minStart && g[1]!.length >= COLUMN_SETTINGS.gutter) found ??= x;
  }
  return found;
}

/** A line that keeps to the two columns: blank, on one side of the gutter, or parted at it. */
function fits(l: string, x: number): boolean {
  if (l.length <= x || l.trim() === "") return true;
  // Nothing may run through the gutter: the characters just before the right column are spaces.
  return l.slice(Math.max(0, x - COLUMN_SETTINGS.gutter + 1), x).trim() === "";
}
