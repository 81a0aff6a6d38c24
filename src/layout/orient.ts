/**
 * Turns a page so that its dominant text direction reads left to right: a
 * landscape table printed sideways on a portrait page (no /Rotate) comes out
 * like the same table on a landscape page. Words in other directions (rotated
 * column headers, watermarks) are set aside.
 */
import type { Box, PageGeom, Word } from "../doc/geometry.js";

/** Direction bucket (0, 90, 180, 270) of an angle in degrees, or -1 for oblique text. */
export function dirBucket(deg: number, tol = 2): number {
  const d = ((deg % 360) + 360) % 360;
  for (const b of [0, 90, 180, 270, 360]) if (Math.abs(d - b) <= tol) return b % 360;
  return -1;
}

export interface Oriented {
  geom: PageGeom;
  /** Rotation applied, degrees clockwise as the reader turns the page. */
  turned: number;
  /** Words dropped because they ran in another direction. */
  offDirection: number;
}

export function orientPage(geom: PageGeom): Oriented {
  const weight = new Map<number, number>();
  for (const w of geom.words) {
    const b = dirBucket(w.dir ?? 0);
    weight.set(b, (weight.get(b) ?? 0) + w.text.length);
  }
  let dom = 0,
    best = -1;
  for (const [b, n] of weight) if (b >= 0 && n > best) [dom, best] = [b, n];
  const keep = geom.words.filter((w) => dirBucket(w.dir ?? 0) === dom);
  const offDirection = geom.words.length - keep.length;
  if (dom === 0) return { geom: offDirection ? { ...geom, words: keep } : geom, turned: 0, offDirection };

  const W = geom.width,
    H = geom.height;
  // Maps a point so that text running in direction `dom` runs along +x.
  const pt =
    dom === 90
      ? (x: number, y: number): [number, number] => [y, W - x]
      : dom === 270
        ? (x: number, y: number): [number, number] => [H - y, x]
        : (x: number, y: number): [number, number] => [W - x, H - y];
  const box = <T extends Box>(b: T): T => {
    const [ax, ay] = pt(b.x0, b.y0);
    const [bx, by] = pt(b.x1, b.y1);
    return { ...b, x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
  };
  // `base` is the baseline coordinate across the text direction (x for vertical text).
  const base = (w: Word): number => (dom === 90 ? W - w.base : dom === 270 ? w.base : H - w.base);
  const words = keep.map((w) => ({ ...box(w), base: base(w), dir: 0 }));
  const swap = dom !== 180;
  return {
    geom: {
      ...geom,
      width: swap ? H : W,
      height: swap ? W : H,
      words,
      rules: geom.rules.map(box),
      fills: geom.fills.map(box),
      ...(geom.marks ? { marks: geom.marks.map(box) } : {}),
    },
    turned: dom,
    offDirection,
  };
}
