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
  if (dom === 0) {
    if (!offDirection) return { geom, turned: 0, offDirection };
    const heads = rotatedHeaders(geom.words.filter((w) => dirBucket(w.dir ?? 0) === 90 || dirBucket(w.dir ?? 0) === 270));
    return { geom: { ...geom, words: [...keep, ...heads] }, turned: 0, offDirection: offDirection - heads.reduce((n, h) => n + h.text.split(" ").length, 0) };
  }

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

/** Rotated labels a header row needs, at least, to be read as one. */
const MIN_ROTATED_HEADERS = 3;

/**
 * Column headers set vertically over narrow columns (a spreadsheet's or a report's rotated header cells): each
 * label, its words read along their direction, becomes one word lying at the foot of its label, over its column,
 * so that the labels make the header line of the table below. Three labels at least, their feet in line; a
 * lone vertical line (a margin's note, a stamp) stays out.
 */
function rotatedHeaders(words: readonly Word[]): Word[] {
  if (words.length < MIN_ROTATED_HEADERS) return [];
  // One label: the words on one vertical baseline, a line's gap apart at most.
  const sorted = [...words].sort((a, b) => a.base - b.base);
  const lines: Word[][] = [];
  for (const w of sorted) {
    const l = lines[lines.length - 1];
    if (l && Math.abs(w.base - l[0]!.base) <= 0.3 * w.size) l.push(w);
    else lines.push([w]);
  }
  const labels: { words: Word[]; foot: number }[] = [];
  for (const l of lines) {
    // Upward text (270) reads from the foot up; downward (90) from the top down, its foot at the top.
    const up = dirBucket(l[0]!.dir ?? 0) === 270;
    l.sort((a, b) => (up ? b.y1 - a.y1 : a.y0 - b.y0));
    let run: Word[] = [];
    const flush = () => {
      if (run.length) labels.push({ words: run, foot: up ? Math.max(...run.map((w) => w.y1)) : Math.min(...run.map((w) => w.y0)) });
      run = [];
    };
    for (const w of l) {
      const last = run[run.length - 1];
      if (last && (up ? last.y0 - w.y1 : w.y0 - last.y1) > w.size) flush();
      run.push(w);
    }
    flush();
  }
  // The header row: labels whose feet are in line.
  const feet = labels.map((l) => l.foot).sort((a, b) => a - b);
  const mid = feet[feet.length >> 1]!;
  const row = labels.filter((l) => Math.abs(l.foot - mid) <= l.words[0]!.size);
  if (row.length < MIN_ROTATED_HEADERS) return [];
  const foot = Math.max(...row.map((l) => l.foot));
  return row.map((l) => {
    const size = l.words[0]!.size;
    return {
      text: l.words.map((w) => w.text).join(" "),
      x0: Math.min(...l.words.map((w) => w.x0)),
      x1: Math.max(...l.words.map((w) => w.x1)),
      y0: foot - 1.2 * size,
      y1: foot,
      base: foot - 0.25 * size,
      size,
      bold: l.words.every((w) => w.bold),
      dir: 0,
    };
  });
}
