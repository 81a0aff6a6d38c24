/**
 * Pixel operations on grey page bitmaps: the ink threshold, one resampling
 * step (scale and rotation together, so a page is interpolated once), exact
 * quarter turns, and
 * the encoding tesseract reads fastest.
 */
import type { GreyImage } from "../raster.js";

/**
 * Otsu's threshold over a sample of the pixels: values below it are ink.
 * Clamped so a page of faint grey noise is not read as all ink.
 */
export function inkThreshold(img: GreyImage): number {
  const hist = new Float64Array(256);
  const step = img.data.length > 4_000_000 ? 3 : 1;
  let n = 0;
  for (let i = 0; i < img.data.length; i += step, n++) hist[img.data[i]!]!++;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let wB = 0,
    sumB = 0,
    best = -1,
    lo = 128,
    hi = 128;
  for (let v = 0; v < 255; v++) {
    wB += hist[v]!;
    sumB += v * hist[v]!;
    const wF = n - wB;
    if (wB === 0 || wF === 0) continue;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best * (1 + 1e-9)) [best, lo, hi] = [between, v + 1, v + 1];
    else if (between >= best * (1 - 1e-9)) hi = v + 1;
  }
  // A bilevel page scores the same at every cut between its two values: take the middle.
  return Math.min(220, Math.max(40, Math.round((lo + hi) / 2)));
}

/** Number of pixels darker than `t`. */
export function countInk(img: GreyImage, t: number): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i++) if (img.data[i]! < t) n++;
  return n;
}

/**
 * Resamples `img` by `scale` and turns its content by `-angleDeg` about the
 * centre (so text sloping down by `angleDeg` comes out level), bilinear,
 * paper-white outside. The page keeps its size in inches.
 */
export function warp(img: GreyImage, scale: number, angleDeg: number): GreyImage {
  const W = img.width,
    H = img.height,
    src = img.data;
  const w = Math.max(1, Math.round(W * scale)),
    h = Math.max(1, Math.round(H * scale));
  const out = new Uint8Array(w * h);
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a) / scale,
    sin = Math.sin(a) / scale;
  const cx = W / 2,
    cy = H / 2,
    dcx = w / 2,
    dcy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - dcy;
    // Source position (pixel-centre coordinates) of the row's first pixel, and its step along x.
    let sx = cx + (0.5 - dcx) * cos - dy * sin - 0.5;
    let sy = cy + (0.5 - dcx) * sin + dy * cos - 0.5;
    const o = y * w;
    for (let x = 0; x < w; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      if (x0 < -1 || y0 < -1 || x0 >= W || y0 >= H) {
        out[o + x] = 255;
        continue;
      }
      const fx = sx - x0,
        fy = sy - y0;
      let p00: number, p10: number, p01: number, p11: number;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < W && y0 + 1 < H) {
        const i = y0 * W + x0;
        p00 = src[i]!;
        p10 = src[i + 1]!;
        p01 = src[i + W]!;
        p11 = src[i + W + 1]!;
      } else {
        p00 = pixel(src, W, H, x0, y0);
        p10 = pixel(src, W, H, x0 + 1, y0);
        p01 = pixel(src, W, H, x0, y0 + 1);
        p11 = pixel(src, W, H, x0 + 1, y0 + 1);
      }
      const top = p00 + (p10 - p00) * fx;
      const bot = p01 + (p11 - p01) * fx;
      out[o + x] = top + (bot - top) * fy + 0.5;
    }
  }
  return { width: w, height: h, data: out };
}

function pixel(src: Uint8Array, W: number, H: number, x: number, y: number): number {
  return x < 0 || y < 0 || x >= W || y >= H ? 255 : src[y * W + x]!;
}

/**
 * A grey page's ink level: the level under which this share of the pixels
 * darker than the ink threshold lie (the cores of strokes; the rest are the
 * edges blur and JPEG left around them).
 */
const INK_CORE_SHARE = 0.1;
/** A page is grey (its paper is not white) when fewer than this share of its pixels are pure black or white. */
const GREY_PAGE_SHARE = 0.5;

/**
 * A grey scan made black and white as a scanner in black-and-white mode
 * makes it: a pixel is ink when darker than halfway between the paper (the
 * commonest level at or above `t`) and the ink (INK_CORE_SHARE). Otsu's `t`
 * is the better cut for telling a page's ink from its paper at all, but on a
 * page nine-tenths paper it sits near the paper: strokes come out thick,
 * and 20 % grey borders and cell shading half survive as broken dashes that
 * tesseract reads as `i ! | {` and that are too broken to be found as
 * rules. Halfway keeps strokes at their drawn width and drops what is nearer
 * the paper than the ink, as the office scanner's own threshold does.
 *
 * A page mostly pure black and white already (a bilevel scan, or one drawn
 * at another resolution, grey only along its strokes' edges) comes back as
 * it is: it was thresholded once, and its reading was set up on it.
 */
export function binarize(img: GreyImage, t: number): GreyImage {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  if (hist[0]! + hist[255]! >= GREY_PAGE_SHARE * img.data.length) return img;
  let paper = 255;
  for (let v = t, best = -1; v < 256; v++) if (hist[v]! > best) [best, paper] = [hist[v]!, v];
  let dark = 0;
  for (let v = 0; v < t; v++) dark += hist[v]!;
  let ink = 0;
  for (let v = 0, n = 0; v < t; v++) {
    n += hist[v]!;
    if (n >= INK_CORE_SHARE * dark) {
      ink = v;
      break;
    }
  }
  const cut = Math.round((paper + ink) / 2);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i]! < cut ? 0 : 255;
  return { width: img.width, height: img.height, data: out };
}

/** A connected piece of ink: its box ([x0, x1) × [y0, y1)), its pixels, and whether any lies on a `covered` pixel. */
export interface InkPiece {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  ink: number;
  covered: boolean;
}

/**
 * The connected pieces (8-neighbourhood) of the ink darker than `t`: runs of
 * ink joined row by row through a union-find. `covered` (one byte a pixel)
 * marks pixels whose pieces are to be told apart (under a word's box).
 */
export function inkPieces(img: GreyImage, t: number, covered?: Uint8Array): InkPiece[] {
  const { width: W, height: H, data } = img;
  const parent: number[] = [];
  const box: number[] = []; // x0, y0, x1, y1, ink, covered per run
  const find = (a: number) => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  let prev: number[] = []; // runs of the row above: start, end (exclusive), label
  for (let y = 0; y < H; y++) {
    const cur: number[] = [];
    const o = y * W;
    let x = 0,
      j = 0;
    while (x < W) {
      if (data[o + x]! >= t) {
        x++;
        continue;
      }
      const a = x;
      let hit = 0;
      for (; x < W && data[o + x]! < t; x++) if (covered?.[o + x]) hit = 1;
      const id = parent.length;
      parent.push(id);
      box.push(a, y, x, y + 1, x - a, hit);
      // Runs above touching [a, x) (diagonally too); both rows' runs are in order.
      while (j < prev.length && prev[j + 1]! < a) j += 3;
      for (let k = j; k < prev.length && prev[k]! <= x; k += 3) {
        const r = find(prev[k + 2]!),
          q = find(id);
        if (r !== q) parent[q] = r;
      }
      cur.push(a, x, id);
    }
    prev = cur;
  }
  const merged = new Map<number, InkPiece>();
  for (let i = 0; i < parent.length; i++) {
    const b = i * 6;
    const r = find(i);
    const m = merged.get(r);
    if (!m) merged.set(r, { x0: box[b]!, y0: box[b + 1]!, x1: box[b + 2]!, y1: box[b + 3]!, ink: box[b + 4]!, covered: box[b + 5] === 1 });
    else {
      m.x0 = Math.min(m.x0, box[b]!);
      m.y0 = Math.min(m.y0, box[b + 1]!);
      m.x1 = Math.max(m.x1, box[b + 2]!);
      m.y1 = Math.max(m.y1, box[b + 3]!);
      m.ink += box[b + 4]!;
      m.covered ||= box[b + 5] === 1;
    }
  }
  return [...merged.values()];
}

/** Clockwise quarter turns, in degrees. */
export type Turn = 0 | 90 | 180 | 270;

/**
 * Turns `img` clockwise by `turn` degrees (a multiple of 90): exact, no
 * resampling. Used for the page before OCR and for its image in the report.
 */
export function quarterTurn(img: GreyImage, turn: Turn): GreyImage {
  if (turn === 0) return img;
  const { width: W, height: H, data: src } = img;
  const out = new Uint8Array(W * H);
  if (turn === 180) {
    for (let i = 0, n = W * H; i < n; i++) out[n - 1 - i] = src[i]!;
    return { width: W, height: H, data: out };
  }
  // 90° clockwise: source (x, y) → (H − 1 − y, x) in a W-tall, H-wide image; 270°: → (y, W − 1 − x).
  const w = H,
    h = W;
  for (let y = 0; y < H; y++) {
    const o = y * W;
    if (turn === 90) for (let x = 0; x < W; x++) out[x * w + (H - 1 - y)] = src[o + x]!;
    else for (let x = 0; x < W; x++) out[(W - 1 - x) * w + y] = src[o + x]!;
  }
  return { width: w, height: h, data: out };
}

/** Binary PGM (P5): leptonica reads it with no decoding work, unlike PNG. */
export function toPgm(img: GreyImage): Uint8Array {
  const head = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, "latin1");
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head, 0);
  out.set(img.data, head.length);
  return out;
}
