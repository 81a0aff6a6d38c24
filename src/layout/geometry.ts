/** Small geometric helpers shared by the layout modules. */
import type { BBox } from "../doc/source.js";
import type { Box } from "../doc/geometry.js";

export function unionBox(boxes: readonly Box[]): Box {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const b of boxes) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}

/** Rounded to 0.01 pt: provenance, not precision engineering. */
export function toBBox(b: Box): BBox {
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(b.x0), r(b.y0), r(b.x1), r(b.y1)];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The most frequent value after rounding to `step` (ties → smaller). */
export function mode(values: readonly number[], step = 0.5): number {
  const counts = new Map<number, number>();
  let best = 0,
    bestN = 0;
  for (const v of values) {
    const k = Math.round(v / step) * step;
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > bestN || (n === bestN && k < best)) {
      best = k;
      bestN = n;
    }
  }
  return best;
}

export function overlapX(a: Box, b: Box): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

export function overlapY(a: Box, b: Box): number {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
}

export function centerX(b: Box): number {
  return (b.x0 + b.x1) / 2;
}

export function centerY(b: Box): number {
  return (b.y0 + b.y1) / 2;
}

/** White space folded, trimmed: the Cell text contract. */
export function foldSpace(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
