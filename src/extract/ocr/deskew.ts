/**
 * Skew of a scanned page: the angle at which the ink's horizontal projection
 * is sharpest (Postl's criterion: text lines and table rules all run along
 * it). Searched on a ~100 dpi reduction of the page, coarse then fine, so a
 * page costs a few tens of milliseconds.
 */
import type { GreyImage } from "../raster.js";

/** Widest skew searched, in degrees; a scan tilted more than this is left as it is. */
export const MAX_SKEW = 3;
const COARSE_STEP = 0.1;
const FINE_STEP = 0.01;

/**
 * Estimated skew in degrees, positive when lines slope down to the right (y
 * grows downwards). 0 when the page holds too little ink to tell, or when the
 * best angle lies at the edge of the search (not a small tilt).
 */
export function estimateSkew(img: GreyImage, threshold: number, dpi: number): number {
  const f = Math.max(1, Math.round(dpi / 100));
  const cells = inkCells(img, threshold, f);
  if (cells.n < 50) return 0;
  const score = (deg: number) => sharpness(cells, Math.tan((deg * Math.PI) / 180));
  let best = 0,
    bestScore = score(0);
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += COARSE_STEP) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  if (Math.abs(best) >= MAX_SKEW - COARSE_STEP / 2) return 0;
  const c = best;
  for (let a = c - COARSE_STEP; a <= c + COARSE_STEP + 1e-9; a += FINE_STEP) {
    const s = score(a);
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  return Math.round(best * 100) / 100;
}

interface InkCells {
  n: number;
  xs: Float64Array;
  ys: Float64Array;
  ws: Float64Array;
  rows: number;
  cols: number;
}

/** The page reduced to f×f blocks; each block holding ink becomes a weighted point. */
function inkCells(img: GreyImage, t: number, f: number): InkCells {
  const cols = Math.ceil(img.width / f),
    rows = Math.ceil(img.height / f);
  const counts = new Uint16Array(cols * rows);
  const { width: W, height: H, data } = img;
  for (let y = 0; y < H; y++) {
    const ro = ((y / f) | 0) * cols,
      o = y * W;
    for (let x = 0; x < W; x++) if (data[o + x]! < t) counts[ro + ((x / f) | 0)]!++;
  }
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]) n++;
  const xs = new Float64Array(n),
    ys = new Float64Array(n),
    ws = new Float64Array(n);
  for (let i = 0, k = 0; i < counts.length; i++) {
    if (!counts[i]) continue;
    xs[k] = i % cols;
    ys[k] = (i / cols) | 0;
    ws[k++] = counts[i]!;
  }
  return { n, xs, ys, ws, rows, cols };
}

/** Σ (h[i+1] − h[i])² of the projection along slope `tan`. */
function sharpness(c: InkCells, tan: number): number {
  const shift = Math.ceil(Math.abs(tan) * c.cols) + 1;
  const h = new Float64Array(c.rows + 2 * shift);
  for (let k = 0; k < c.n; k++) {
    const bin = Math.round(c.ys[k]! - c.xs[k]! * tan) + shift;
    h[bin]! += c.ws[k]!;
  }
  let s = 0;
  for (let i = 1; i < h.length; i++) s += (h[i]! - h[i - 1]!) ** 2;
  return s;
}
