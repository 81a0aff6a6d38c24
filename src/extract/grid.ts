/**
 * Grid tables of Markdown exports (Pandoc, Google Docs, many converters):
 *
 *   +--------+----------------------+------+
 *   | Codice | Obiettivo            | Peso |
 *   +========+======================+======+
 *   | OB\_1  | Manutenzione della   | 40   |
 *   |        | rete sentieristica   |      |
 *   +--------+----------------------+------+
 *
 * The `+` of a rule line are the column borders; every line between two
 * rules belongs to one row, each cell's text wrapped over its lines. A cell
 * whose lines open with a list marker (`1\.`, `a)`, `-`) or that holds an
 * empty line has several paragraphs, kept as the cell's `paras` (one step a
 * line in a "Fasi" cell). A `|` missing at a border joins the cells it
 * would part (a cell spanning columns).
 */
import type { Cell, Row } from "../doc/source.js";

/** A grid's rule line: `+` borders with dashes, equals signs (under the header) or colons (alignment) between. */
const GRID_RULE_RE = /^\s*\+(?:[-=:]+\+)+\s*$/;
/** A grid's content line: opens and closes with a bar. */
const GRID_LINE_RE = /^\s*\|.*\|\s*$/;
/** A cell's line that opens a paragraph of its own: a list marker, escaped or not ("1\.", "2)", "a)", "-", "•"). */
const PARA_OPENER_RE = /^(?:\d{1,3}\\?[.)]|[a-z]\)|[-*•–]\s)/;
/** Lines of one row at most: a longer run is no grid row (a bound on pathological input). */
const MAX_ROW_LINES = 200;

export interface GridRows {
  /** Line indexes (0-based) the grids take, rules included. */
  covered: Set<number>;
  /** The rows of each grid row, at the index of its first line. */
  rowsAt: Map<number, Row[]>;
}

/** The grid tables of a text's lines, as table rows; null when it has none. */
export function gridTables(lines: readonly string[], toCell: (raw: string) => Cell): GridRows | null {
  let out: GridRows | null = null;
  for (let i = 0; i < lines.length; i++) {
    const rule = lines[i]!;
    if (!rule.includes("+-") && !rule.includes("+=")) continue;
    if (!GRID_RULE_RE.test(rule)) continue;
    const borders: number[] = [];
    for (let k = rule.indexOf("+"); k !== -1; k = rule.indexOf("+", k + 1)) borders.push(k);
    const rows: [number, Row][] = [];
    const taken: number[] = [i];
    let band: number[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (GRID_RULE_RE.test(l)) {
        if (band.length) rows.push([band[0]!, gridRow(lines, band, borders, toCell)]);
        band = [];
        taken.push(j);
      } else if (GRID_LINE_RE.test(l) && band.length < MAX_ROW_LINES) {
        band.push(j);
        taken.push(j);
      } else break;
    }
    // Lines after the last rule belong to no closed row: they are left to the line reader.
    while (taken.length && !GRID_RULE_RE.test(lines[taken[taken.length - 1]!]!)) taken.pop();
    if (rows.length === 0) continue;
    out ??= { covered: new Set(), rowsAt: new Map() };
    for (const k of taken) out.covered.add(k);
    for (const [at, row] of rows) out.rowsAt.set(at, [row]);
    i = taken[taken.length - 1]!;
  }
  return out;
}

/** One grid row from its lines: each column's slices, wrapped text joined, paragraphs kept. */
function gridRow(lines: readonly string[], band: readonly number[], borders: readonly number[], toCell: (raw: string) => Cell): Row {
  // Borders every line of the row marks with a bar: a border some line crosses joins the columns beside it.
  const open = borders.filter((b, k) => k === 0 || k === borders.length - 1 || band.every((j) => lines[j]![b] === "|"));
  const cells: Cell[] = [];
  for (let k = 0; k + 1 < open.length; k++) {
    const paras: string[] = [];
    let cur: string | null = null;
    for (const j of band) {
      const piece = lines[j]!.slice(open[k]! + 1, open[k + 1]!).trim();
      if (piece === "") {
        if (cur !== null) paras.push(cur);
        cur = null;
      } else if (cur === null || PARA_OPENER_RE.test(piece)) {
        if (cur !== null) paras.push(cur);
        cur = piece;
      } else cur += " " + piece;
    }
    if (cur !== null) paras.push(cur);
    const c = toCell(paras.join(" "));
    if (paras.length > 1) c.paras = paras.map((p) => toCell(p).text);
    cells.push(c);
  }
  return { page: null, line: band[0]! + 1, cells, kind: "table" };
}
