/**
 * Ruling lines of a scanned page, found in the (deskewed) bitmap: long, thin
 * runs of ink. They become the same `Rule`s the PDF path reads from drawing
 * operators, so src/layout finds table cells in scans as in born-digital
 * files; and they are painted out of the image tesseract reads, so borders
 * neither turn into `|` `[` `_` "words" nor glue cells into one text line.
 */
import type { GreyImage } from "../raster.js";

/** A rule's ink, in pixels: [x0, x1) × [y0, y1). */
export interface PxRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageRules {
  h: PxRule[];
  v: PxRule[];
}

/** Sizes in inches, so they hold at any resolution. */
const MIN_H_LENGTH = 0.25; // longer than any glyph stroke or dash of body text
const MIN_V_LENGTH = 0.2; // a one-line table row
const MAX_THICKNESS = 0.04; // ~3 pt: thicker is a filled block, not a line
const MIN_ASPECT = 10; // length ÷ thickness: a bold heading's stem is not a rule
const GAP = 0.01; // breaks in a scanned line this short are bridged

/** Finds horizontal and vertical rules in `img` (ink is darker than `t`). */
export function findRules(img: GreyImage, t: number, dpi: number): PageRules {
  const gap = Math.max(1, Math.round(GAP * dpi));
  const hRuns = rowRuns(img, t, Math.round(MIN_H_LENGTH * dpi), gap);
  const vRuns = columnRuns(img, t, Math.round(MIN_V_LENGTH * dpi), gap);
  const maxThick = Math.max(2, Math.round(MAX_THICKNESS * dpi));
  return {
    h: link(hRuns, maxThick).map((s) => ({ x0: s.a0, x1: s.a1, y0: s.p0, y1: s.p1 })),
    v: link(vRuns, maxThick).map((s) => ({ x0: s.p0, x1: s.p1, y0: s.a0, y1: s.a1 })),
  };
}

/**
 * Paints the rules white (plus a pixel of anti-aliasing around them) in a
 * copy of the image.
 */
export function eraseRules(img: GreyImage, rules: PageRules): GreyImage {
  const out = new Uint8Array(img.data);
  const W = img.width,
    H = img.height;
  for (const r of [...rules.h, ...rules.v]) {
    const x0 = Math.max(0, r.x0 - 1),
      x1 = Math.min(W, r.x1 + 1),
      y0 = Math.max(0, r.y0 - 1),
      y1 = Math.min(H, r.y1 + 1);
    for (let y = y0; y < y1; y++) out.fill(255, y * W + x0, y * W + x1);
  }
  return { width: W, height: H, data: out };
}

/** A run of ink along one row or column: position `p`, extent [a0, a1). */
interface Run {
  p: number;
  a0: number;
  a1: number;
}

function rowRuns(img: GreyImage, t: number, minLen: number, gap: number): Run[] {
  const { width: W, height: H, data } = img;
  const runs: Run[] = [];
  for (let y = 0; y < H; y++) {
    const o = y * W;
    let start = -1,
      last = -1;
    for (let x = 0; x <= W; x++) {
      const ink = x < W && data[o + x]! < t;
      if (ink) {
        if (start < 0 || x - last > gap + 1) {
          if (start >= 0 && last + 1 - start >= minLen) runs.push({ p: y, a0: start, a1: last + 1 });
          start = x;
        }
        last = x;
      }
    }
    if (start >= 0 && last + 1 - start >= minLen) runs.push({ p: y, a0: start, a1: last + 1 });
  }
  return runs;
}

/** Column runs, scanning rows in memory order with one open run per column. */
function columnRuns(img: GreyImage, t: number, minLen: number, gap: number): Run[] {
  const { width: W, height: H, data } = img;
  const start = new Int32Array(W).fill(-1),
    last = new Int32Array(W).fill(-1);
  const runs: Run[] = [];
  for (let y = 0; y < H; y++) {
    const o = y * W;
    for (let x = 0; x < W; x++) {
      if (data[o + x]! >= t) continue;
      if (start[x]! < 0 || y - last[x]! > gap + 1) {
        if (start[x]! >= 0 && last[x]! + 1 - start[x]! >= minLen) runs.push({ p: x, a0: start[x]!, a1: last[x]! + 1 });
        start[x] = y;
      }
      last[x] = y;
    }
  }
  for (let x = 0; x < W; x++) if (start[x]! >= 0 && last[x]! + 1 - start[x]! >= minLen) runs.push({ p: x, a0: start[x]!, a1: last[x]! + 1 });
  return runs.sort((a, b) => a.p - b.p || a.a0 - b.a0);
}

interface Segment {
  p0: number;
  p1: number;
  a0: number;
  a1: number;
  lastP: number;
}

/**
 * Stacks runs of neighbouring rows (columns) that overlap by half the shorter
 * into one line — pieces of a line broken in one row and whole in the next
 * become one — and keeps lines thin and long enough to be rules.
 */
function link(runs: readonly Run[], maxThick: number): Segment[] {
  const done: Segment[] = [];
  let open: Segment[] = [];
  let i = 0;
  while (i < runs.length) {
    const p = runs[i]!.p;
    let next: Segment[] = [];
    for (; i < runs.length && runs[i]!.p === p; i++) {
      const r = runs[i]!;
      const touches = (s: Segment) => s.lastP >= p - 1 && Math.min(s.a1, r.a1) - Math.max(s.a0, r.a0) >= 0.5 * Math.min(s.a1 - s.a0, r.a1 - r.a0);
      const hits = [...open.filter(touches), ...next.filter(touches)];
      const into = hits[0] ?? { p0: p, p1: p + 1, a0: r.a0, a1: r.a1, lastP: p };
      for (const s of hits.slice(1)) {
        into.p0 = Math.min(into.p0, s.p0);
        into.a0 = Math.min(into.a0, s.a0);
        into.a1 = Math.max(into.a1, s.a1);
      }
      into.a0 = Math.min(into.a0, r.a0);
      into.a1 = Math.max(into.a1, r.a1);
      into.p1 = p + 1;
      into.lastP = p;
      const merged = new Set(hits.slice(1));
      open = open.filter((s) => !merged.has(s) && s !== into);
      next = next.filter((s) => !merged.has(s) && s !== into);
      next.push(into);
    }
    done.push(...open);
    open = next;
  }
  done.push(...open);
  return done.filter((s) => {
    const thick = s.p1 - s.p0;
    return thick <= maxThick && s.a1 - s.a0 >= MIN_ASPECT * thick;
  });
}
