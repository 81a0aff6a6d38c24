/**
 * Tables without any rules: lines split into several cells by wide gaps,
 * stacked at normal leading, with column starts that line up. Lines holding a
 * single piece that sits inside one column continue the row above (a wrapped
 * cell); a line with text in the first column, or a larger gap, starts a row.
 */
import type { LayoutSettings } from "./settings.js";
import type { Line, Word } from "./types.js";
import type { Table, TableRow } from "./table.js";
import { assignRow, textColumns } from "./table.js";
import { lineSegments } from "./lines.js";
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
    // Grow a region from this multi-cell line.
    const region: Candidate[] = [c];
    let j = i + 1;
    while (j < cands.length) {
      const n = cands[j]!;
      const p = region[region.length - 1]!;
      const lead = n.line.base - p.line.base;
      if (lead > 2.4 * Math.max(n.line.size, p.line.size)) break;
      if (n.segs.length >= 2) {
        region.push(n);
        j++;
        continue;
      }
      // A single piece continues a cell only if it sits within the region's columns
      // and does not start at the region's left edge (that would be prose).
      const left = Math.min(...region.map((r) => r.line.x0));
      if (n.line.x0 > left + 2 * n.line.size) {
        region.push(n);
        j++;
        continue;
      }
      break;
    }
    const multi = region.filter((r) => r.segs.length >= 2).length;
    if (multi < s.minAlignedLines && region.length === 1) {
      // One line with wide gaps (a label and its value): a one-row table.
      tables.push(oneRow(c));
      i++;
      continue;
    }
    if (multi < s.minAlignedLines) {
      tables.push(oneRow(c));
      i++;
      continue;
    }
    // Drop trailing single-piece lines: they are more likely prose than a cell.
    while (region.length && region[region.length - 1]!.segs.length < 2 && region.length > multi) {
      const last = region[region.length - 1]!;
      const inCols = region.some((r) => r !== last && r.segs.length >= 2 && r.segs.some((sg) => Math.abs(sg[0]!.x0 - last.line.x0) <= s.alignTol));
      if (inCols) break;
      region.pop();
    }
    tables.push(regionTable(region, s));
    i += region.length;
  }
  return { tables, rest };
}

function oneRow(c: Candidate): Table {
  const box = unionBox(c.line.words);
  const edges = [...c.segs.map((sg) => sg[0]!.x0), box.x1];
  return { kind: "aligned", box, edges, rows: [{ cells: c.segs.map((sg) => [...sg]), box }] };
}

function regionTable(region: Candidate[], s: LayoutSettings): Table {
  const bands = region.map((r) => r.line.words);
  const box = unionBox(region.map((r) => r.line));
  const edges = textColumns(bands, box, s);
  const gaps: number[] = [];
  for (let k = 1; k < region.length; k++) gaps.push(region[k]!.line.y0 - region[k - 1]!.line.y1);
  const normalGap = median(gaps);
  const rows: TableRow[] = [];
  let cur: Word[] = [];
  const flush = () => {
    if (!cur.length) return;
    const b = unionBox(cur);
    rows.push({ cells: assignRow(cur, edges, s), box: { x0: edges[0]!, y0: b.y0, x1: edges[edges.length - 1]!, y1: b.y1 } });
    cur = [];
  };
  region.forEach((r, k) => {
    const firstCol = r.line.x0 < (edges[1] ?? Infinity) - 0.5;
    const gap = k > 0 ? r.line.y0 - region[k - 1]!.line.y1 : 0;
    if (k > 0 && (firstCol || gap > normalGap + 0.5 * r.line.size)) flush();
    cur.push(...r.line.words);
  });
  flush();
  return { kind: "aligned", box, edges, rows };
}
