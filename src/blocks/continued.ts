/**
 * A table interrupted by lines of its own records.
 *
 * A list set in columns (tab stops, a rule-less table) often prints a line
 * across its columns between records: an objective's indicator ("Indicatore:
 * … – valore atteso: …"), the next group's name ("Area Tecnica – Responsabile:
 * …"). The layout ends the table there and starts another after it, printed
 * without a header. A reader reads the second part under the first's header
 * when its columns stand where the first's stood: the same number of them, each
 * over the same stretch of the page. So such a table takes the header of the
 * table above it, across at most a few one-line blocks; the blocks between stay
 * where they are (an indicator goes to the record above, a group's name to the
 * rows below).
 */
import type { Block, TableBlock } from "../doc/blocks.js";
import { BLOCK_SETTINGS as S } from "./settings.js";
import { matchRole } from "../lexicon/match.js";

/** A word or two and a colon: a field's label inside a line. */
const FIELD_LABEL = /(?:^|\s)(\p{L}[\p{L}.'’]*(?:\s\p{L}[\p{L}.'’]*)?):\s/gu;

/** Left and right ends of each column's filled cells, null for a column with no placed text. */
function columnSpans(t: TableBlock): ([number, number] | null)[] {
  const spans: ([number, number] | null)[] = Array.from({ length: t.width }, () => null);
  // (A header printed alone above the rows, a group's line between: its labels stand where its columns do.)
  const rows = t.body.some((r) => r.kind === "data") ? t.body.filter((r) => r.kind === "data").map((r) => r.row) : t.header;
  for (const row of rows) {
    row.cells.forEach((c, k) => {
      if (!c.bbox || !c.text.trim() || k >= t.width) return;
      const s = spans[k];
      spans[k] = s ? [Math.min(s[0], c.bbox[0]), Math.max(s[1], c.bbox[2])] : [c.bbox[0], c.bbox[2]];
    });
  }
  return spans;
}

function overlap(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
}

/**
 * Every column of `b` that holds text overlaps the same column of `a` and
 * neither of its neighbours more than it (a table of other columns, shifted by
 * one, does not line up), and at least two columns hold text in both.
 */
export function columnsLineUp(a: TableBlock, b: TableBlock): boolean {
  if (a.width !== b.width || a.width < 2) return false;
  const sa = columnSpans(a),
    sb = columnSpans(b);
  let both = 0;
  for (let k = 0; k < sb.length; k++) {
    const x = sb[k];
    if (!x) continue;
    const own = sa[k];
    if (!own) return false;
    const here = overlap(x, own);
    if (here < 0) return false;
    // (A neighbour a title ran across overlaps as much: only more, by a point, says the column moved.)
    for (const n of [sa[k - 1], sa[k + 1]]) if (n && overlap(x, n) > here + 1) return false;
    both++;
  }
  return both >= 2;
}

/** A block of one line: a heading, a one-line paragraph, a label group of a line or two. */
function lineBlock(b: Block): boolean {
  // (A heading that names no field opens a section of its own: "Macroarea C – Prevenzione"; a group's line in
  // bold, "Area Tecnica – Responsabile: Geom. …", is one of the list's lines.)
  if (b.type === "heading") return [...b.text.matchAll(FIELD_LABEL)].some((m) => matchRole(m[1]!, 0.9) !== null);
  if (b.type === "paragraph") return b.rows.length === 1;
  if (b.type === "labels") return b.rows.length <= S.continuedMaxLines;
  return false;
}

/** Gives a placed table printed without a header the header of the table its columns continue (see above). */
export function inheritHeaders(blocks: Block[]): Block[] {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== "table" || b.header.length > 0 || b.transposed || !b.body.some((r) => r.row.bbox)) continue;
    let k = i - 1;
    // (Past a record's own sub-table too, headed and in columns of its own: a report's objective row, its
    // indicators' table, the next objective's row.)
    let sub = false;
    for (; k >= 0 && i - 1 - k < S.continuedMaxBlocks; k--) {
      const x = blocks[k]!;
      if (lineBlock(x)) continue;
      if (x.type === "table" && x.header.length > 0 && !x.transposed && !columnsLineUp(x, b) && x.width !== b.width) {
        sub = true;
        continue;
      }
      break;
    }
    const above = blocks[k];
    if ((k === i - 1 && !sub) || above?.type !== "table" || above.header.length === 0 || above.transposed) continue;
    if (columnsLineUp(above, b)) {
      b.header = above.header;
      b.continued = true;
    }
  }
  return blocks;
}
