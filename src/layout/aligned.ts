/**
 * Tables without any rules: lines split into several cells by wide gaps,
 * close together, with column starts that line up.
 *
 * A region grows from a line with several cells while the next line is close
 * and does not run across a known column start (prose does). Columns come
 * from the white space no row crosses (table.ts), rows from the first
 * column — a line there that does not continue the one above (it was not
 * full) starts a row — and from horizontal gaps that cut across every column.
 */
import type { LayoutSettings } from "./settings.js";
import type { Line, Word } from "./types.js";
import type { Table, TableRow } from "./table.js";
import { assignRow, textColumns } from "./table.js";
import { buildLines, lineSegments } from "./lines.js";
import { wrapsFrom } from "./prose.js";
import { median, unionBox } from "./geometry.js";

interface Candidate {
  line: Line;
  segs: Word[][];
}

export function alignedTables(lines: readonly Line[], s: LayoutSettings): { tables: Table[]; rest: Line[] } {
  const cands: Candidate[] = lines.map((line) => ({ line, segs: lineSegments(line, s) }));
  const tables: Table[] = [];
  const rest: Line[] = [];
  let i = 0;
  while (i < cands.length) {
    const c = cands[i]!;
    if (c.segs.length < 2) {
      rest.push(c.line);
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
      if (Math.max(n.line.size, c.line.size) / Math.min(n.line.size, c.line.size) > s.paraSizeRatio) break;
      // Text running through a known column start is prose, not cells; a start
      // that falls between two words is a column boundary the line respects.
      const crosses = starts.some((x) => n.line.words.some((w) => x > w.x0 + s.alignTol && x < w.x1 - s.alignTol));
      if (crosses && n.segs.length < 2) break;
      if (n.segs.length >= 2) starts.push(...n.segs.map((sg) => sg[0]!.x0));
      region.push(n);
      bottom = Math.max(bottom, n.line.y1);
      j++;
    }
    // Single-piece lines at the end belong to the table only if a row there is still open.
    while (region.length > 1 && region[region.length - 1]!.segs.length < 2) {
      const last = region[region.length - 1]!;
      const prev = region[region.length - 2]!;
      if (last.line.y0 - prev.line.y1 <= 0.5 * last.line.size && last.line.x0 > region[0]!.line.x0 + s.alignTol) break;
      if (last.line.y0 - prev.line.y1 <= 0.5 * last.line.size && wrapsLeft(prev, last, s)) break;
      region.pop();
    }
    const multi = region.filter((r) => r.segs.length >= 2).length;
    if (multi < s.minAlignedLines) {
      // One line with wide gaps (a label and its value): a one-row table.
      tables.push(oneRow(c));
      i++;
      continue;
    }
    tables.push(regionTable(region, s));
    i += region.length;
  }
  return { tables, rest };
}

/** The last line continues the first cell of the line above (a wrapped first column). */
function wrapsLeft(prev: Candidate, last: Candidate, s: LayoutSettings): boolean {
  const first = prev.segs[0]!;
  const right = prev.segs[1]?.[0]?.x0 ?? prev.line.x1;
  const l = buildLines(first, s)[0]!;
  return Math.abs(last.line.x0 - l.x0) <= s.alignTol && wrapsFrom(l, last.line, right - 0.6 * l.size, s);
}

function oneRow(c: Candidate): Table {
  const box = unionBox(c.line.words);
  const edges = [...c.segs.map((sg) => sg[0]!.x0), box.x1];
  return { kind: "aligned", box, edges, rows: [{ cells: c.segs.map((sg) => [...sg]), box }] };
}

function regionTable(region: Candidate[], s: LayoutSettings): Table {
  const words = region.flatMap((r) => r.line.words);
  const box = unionBox(words);
  const edges = textColumns(
    region.map((r) => r.line.words),
    box,
    s,
  );
  const size = median(words.map((w) => w.size));
  const cols = assignRow(words, edges, s);

  // Normal gap between lines inside a cell: the smallest typical gap in any column.
  const colLines = cols.map((ws) => buildLines(ws, s));
  const gaps: number[] = [];
  for (const ls of colLines) for (let k = 1; k < ls.length; k++) gaps.push(ls[k]!.y0 - ls[k - 1]!.y1);
  // The gaps between rows are in there too: the lower quartile is the in-cell gap.
  gaps.sort((a, b) => a - b);
  const normal = gaps.length ? Math.max(0, gaps[Math.floor(gaps.length / 4)]!) : 0.15 * size;
  const big = normal + s.alignedRowGapEm * size;
  const across = normal + s.alignedBandGapEm * size;

  const cuts: number[] = [];
  // 1. The first column: a line that does not continue the one above starts a row.
  const first = colLines[0] ?? [];
  const right0 = Math.max(...(cols[0] ?? []).map((w) => w.x1), box.x0);
  for (let k = 1; k < first.length; k++) {
    const a = first[k - 1]!,
      b = first[k]!;
    if (b.y0 - a.y1 > big || !wrapsFrom(a, b, right0, s)) cuts.push(b.y0 - 0.1);
  }
  // 2. Horizontal white space across every column, wider than the gaps inside cells.
  const iv = words.map((w) => [w.y0, w.y1] as [number, number]).sort((a, b) => a[0] - b[0]);
  let reach = iv[0]?.[1] ?? box.y0;
  for (const [a, b] of iv.slice(1)) {
    if (a - reach > across) cuts.push((a + reach) / 2);
    reach = Math.max(reach, b);
  }
  const ys = [box.y0 - 1, ...[...new Set(cuts)].sort((a, b) => a - b), box.y1 + 1];
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
