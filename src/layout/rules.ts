/**
 * Ruling lines: cleaned (snapped, joined), then grouped into table skeletons —
 * grids of crossing horizontal and vertical rules, and stacks of horizontal
 * rules of the same extent (tables drawn with row separators only).
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Fill, Rule } from "../doc/geometry.js";

export interface HRule {
  y: number;
  x0: number;
  x1: number;
  w: number;
  /** Where drawn pieces of the rule meet end to end: a border drawn cell by cell marks its columns there. */
  joints?: number[];
}
export interface VRule {
  x: number;
  y0: number;
  y1: number;
  w: number;
}

export interface CleanRules {
  h: HRule[];
  v: VRule[];
}

/**
 * Splits rules into horizontal and vertical ones, adds the edges of shading
 * rectangles (a grid is often drawn as filled cell backgrounds), snaps nearly
 * equal positions together and joins collinear pieces.
 */
export function cleanRules(rules: readonly Rule[], fills: readonly Fill[], pageBox: Box, s: LayoutSettings): CleanRules {
  const h: HRule[] = [];
  const v: VRule[] = [];
  for (const r of rules) {
    const dx = Math.abs(r.x1 - r.x0),
      dy = Math.abs(r.y1 - r.y0);
    if (dy <= 0.01 && dx >= s.minRuleLength) h.push({ y: r.y0, x0: Math.min(r.x0, r.x1), x1: Math.max(r.x0, r.x1), w: r.w });
    else if (dx <= 0.01 && dy >= s.minRuleLength) v.push({ x: r.x0, y0: Math.min(r.y0, r.y1), y1: Math.max(r.y0, r.y1), w: r.w });
  }
  // Shading separates rows (zebra stripes, header bands) but says little about
  // columns: adjacent cell backgrounds touch, and their shared edges are not
  // lines anyone sees. Only the top and bottom edges of shaded runs count.
  const pageArea = (pageBox.x1 - pageBox.x0) * (pageBox.y1 - pageBox.y0);
  for (const f of mergeFills(fills.filter((f) => (f.x1 - f.x0) * (f.y1 - f.y0) <= 0.5 * pageArea), s.joinTol)) {
    h.push({ y: f.y0, x0: f.x0, x1: f.x1, w: 0 }, { y: f.y1, x0: f.x0, x1: f.x1, w: 0 });
  }
  return {
    h: joinH(snap(h, (r) => r.y, (r, y) => ({ ...r, y }), s.snapTol), s.joinTol),
    v: joinV(snap(v, (r) => r.x, (r, x) => ({ ...r, x }), s.snapTol), s.joinTol),
  };
}

/** Joins shading rectangles of one row (same top and bottom) that touch side by side. */
export function mergeFills(fills: readonly Fill[], tol: number): Fill[] {
  const sorted = [...fills].sort((a, b) => a.y0 - b.y0 || a.y1 - b.y1 || a.x0 - b.x0);
  const out: Fill[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y0 - f.y0) <= 0.5 && Math.abs(last.y1 - f.y1) <= 0.5 && f.x0 <= last.x1 + tol) last.x1 = Math.max(last.x1, f.x1);
    else out.push({ ...f });
  }
  return out;
}

function snap<T>(items: T[], pos: (t: T) => number, set: (t: T, p: number) => T, tol: number): T[] {
  const sorted = [...items].sort((a, b) => pos(a) - pos(b));
  const out: T[] = [];
  let group: T[] = [];
  const flush = () => {
    if (!group.length) return;
    const m = group.reduce((a, t) => a + pos(t), 0) / group.length;
    for (const t of group) out.push(set(t, m));
    group = [];
  };
  for (const t of sorted) {
    if (group.length && pos(t) - pos(group[0]!) > tol) flush();
    group.push(t);
  }
  flush();
  return out;
}

/** Joins collinear horizontal segments that touch or nearly touch (a rule drawn in pieces). */
function joinH(rs: HRule[], tol: number): HRule[] {
  const sorted = [...rs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const out: HRule[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.y === r.y && r.x0 <= last.x1 + tol) {
      // Two drawn pieces meeting end to end (not overlapping, not shading).
      if (last.w > 0 && r.w > 0 && Math.abs(r.x0 - last.x1) <= tol && r.x1 > last.x1 + tol) (last.joints ??= []).push((r.x0 + last.x1) / 2);
      last.x1 = Math.max(last.x1, r.x1);
      last.w = Math.max(last.w, r.w);
    } else out.push({ ...r });
  }
  return out;
}

/** The same join for vertical segments, through the transposed rule. */
function joinV(rs: VRule[], tol: number): VRule[] {
  const asH = rs.map((r): HRule => ({ y: r.x, x0: r.y0, x1: r.y1, w: r.w }));
  return joinH(asH, tol).map((r): VRule => ({ x: r.y, y0: r.x0, y1: r.x1, w: r.w }));
}

export interface Grid {
  kind: "grid";
  h: HRule[];
  v: VRule[];
  box: Box;
}

export interface Stack {
  kind: "stack";
  h: HRule[];
  box: Box;
  /** Inside a frame: the frame's top and bottom rules bound the table (nothing is chained above or below). */
  framed?: boolean;
}

function crosses(h: HRule, v: VRule, tol: number): boolean {
  return v.x >= h.x0 - tol && v.x <= h.x1 + tol && h.y >= v.y0 - tol && h.y <= v.y1 + tol;
}

/**
 * Connected components of crossing rules. Components with vertical and
 * horizontal rules are grids; the horizontal rules left alone are returned for
 * stack detection.
 */
export function findGrids(rules: CleanRules, s: LayoutSettings): { grids: Grid[]; looseH: HRule[]; frames: Box[] } {
  const { h, v } = rules;
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const unite = (a: number, b: number) => {
    const ra = find(a),
      rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  // Vertical rules sorted by x let each horizontal rule scan only its x-range.
  const vIdx = v.map((_, i) => i).sort((a, b) => v[a]!.x - v[b]!.x);
  for (let i = 0; i < h.length; i++) {
    const hr = h[i]!;
    let lo = 0,
      hi = vIdx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[vIdx[mid]!]!.x < hr.x0 - s.intersectTol) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < vIdx.length; k++) {
      const j = vIdx[k]!;
      const vr = v[j]!;
      if (vr.x > hr.x1 + s.intersectTol) break;
      if (crosses(hr, vr, s.intersectTol)) unite(i, h.length + j);
    }
  }
  const comps = new Map<number, { h: HRule[]; v: VRule[] }>();
  h.forEach((r, i) => {
    const c = comps.get(find(i)) ?? { h: [], v: [] };
    c.h.push(r);
    comps.set(find(i), c);
  });
  v.forEach((r, j) => {
    const c = comps.get(find(h.length + j)) ?? { h: [], v: [] };
    c.v.push(r);
    comps.set(find(h.length + j), c);
  });
  const grids: Grid[] = [];
  const looseH: HRule[] = [];
  const frames: Box[] = [];
  for (const c of comps.values()) {
    // A frame (vertical rules at two places only: a box around a table, a
    // card, a shaded header) says nothing of columns: its horizontal rules
    // are left to the stacks and the aligned tables, which take the columns
    // from the text.
    const xs = new Set<number>();
    for (const r of c.v) if (![...xs].some((x) => Math.abs(x - r.x) <= s.snapTol)) xs.add(r.x);
    // A plain box (two sides, a top and a bottom) stays a one-cell grid: the
    // page decides whether it is the caption of a table cut by the page end.
    const vy0 = Math.min(...c.v.map((r) => r.y0)),
      vy1 = Math.max(...c.v.map((r) => r.y1));
    const box = xs.size === 2 && c.h.every((r) => Math.abs(r.y - vy0) <= s.intersectTol || Math.abs(r.y - vy1) <= s.intersectTol);
    if ((xs.size >= 3 || box) && c.h.length >= 1) {
      const box = {
        x0: Math.min(...c.h.map((r) => r.x0), ...c.v.map((r) => r.x)),
        x1: Math.max(...c.h.map((r) => r.x1), ...c.v.map((r) => r.x)),
        y0: Math.min(...c.h.map((r) => r.y), ...c.v.map((r) => r.y0)),
        y1: Math.max(...c.h.map((r) => r.y), ...c.v.map((r) => r.y1)),
      };
      grids.push({ kind: "grid", h: c.h.sort((a, b) => a.y - b.y), v: c.v.sort((a, b) => a.x - b.x), box });
    } else {
      looseH.push(...c.h);
      if (xs.size === 2) {
        const vx = [...xs].sort((a, b) => a - b);
        frames.push({ x0: vx[0]!, x1: vx[1]!, y0: Math.min(...c.v.map((r) => r.y0)), y1: Math.max(...c.v.map((r) => r.y1)) });
      }
    }
  }
  return { grids, looseH: looseH.sort((a, b) => a.y - b.y), frames };
}

/**
 * Horizontal rules of the same extent, one under the other, are candidate
 * stacks; the caller splits them where the text between two rules is not a
 * table row (see `splitStack` in table.ts).
 */
export function findStacks(looseH: readonly HRule[], s: LayoutSettings, frames: readonly Box[] = []): Stack[] {
  const groups: HRule[][] = [];
  // A frame (a box drawn around a table) bounds the stacks inside it: rules
  // inside and outside one frame never make one table.
  const frameOf = (r: HRule) => frames.findIndex((f) => r.y >= f.y0 - s.snapTol && r.y <= f.y1 + s.snapTol && r.x0 >= f.x0 - s.stackAlignTol && r.x1 <= f.x1 + s.stackAlignTol);
  for (const r of looseH) {
    const g = groups.find((gr) => {
      const f = gr[0]!;
      return Math.abs(f.x0 - r.x0) <= s.stackAlignTol && Math.abs(f.x1 - r.x1) <= s.stackAlignTol;
    });
    if (g) g.push(r);
    else groups.push([r]);
  }
  const runs: HRule[][] = [];
  for (const g of groups) {
    let run: HRule[] = [];
    let id = -2;
    for (const r of g.sort((a, b) => a.y - b.y)) {
      const f = frameOf(r);
      if (run.length && f !== id) {
        runs.push(run);
        run = [];
      }
      id = f;
      run.push(r);
    }
    if (run.length) runs.push(run);
  }
  return runs.map((hs) => ({
    kind: "stack" as const,
    h: hs,
    box: { x0: Math.min(...hs.map((r) => r.x0)), x1: Math.max(...hs.map((r) => r.x1)), y0: hs[0]!.y, y1: hs[hs.length - 1]!.y },
    framed: frameOf(hs[0]!) >= 0,
  }));
}
