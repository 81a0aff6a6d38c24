/**
 * Orientation of a scanned page: a landscape table fed through a portrait
 * scanner comes out with its lines running up or down the page, and a sheet
 * laid on the glass the wrong way round comes out upside down. Tesseract
 * reads neither (its LSTM models read upright lines only), so the page is
 * turned by quarter turns before it is read (page.ts).
 *
 * Two tests on the ink alone, in the order they are needed:
 *  1. the axis, on the page as scanned (a skew of a degree or two does not
 *     matter to it): letters of a word and words of a line sit closer to one
 *     another than lines do, so most glyphs have their nearest neighbour
 *     beside them when lines run across the page, above or below them when
 *     lines run down it;
 *  2. which way up, on the page turned to its lines' axis, deskewed and with
 *     its ruling lines painted out (so a strip of it holds separate lines):
 *     in a line of Latin script more ink rises above the x-height band
 *     (capitals, digits, accents, b d f h k l t) than hangs below the
 *     baseline (g p q y, commas), so a page whose lines carry more ink below
 *     their band than above is upside down.
 * Each answers "as it is" unless the evidence is clear (settings below):
 * almost every page is upright.
 */
import type { GreyImage } from "../raster.js";
import { inkPieces } from "./bitmap.js";

export const ORIENT = {
  /** Lines run down the page when fewer than this share of glyphs have their nearest neighbour beside them (measured on 146 scanned pages: upright 0.96–1.00, sideways 0.00–0.03). */
  maxBesideSideways: 0.3,
  /** A glyph's larger side, in points: from a 2 pt dot or comma to a 30 pt capital or a few touching letters. */
  glyphPt: [2, 30] as const,
  /** A glyph holds at least a square of this side of ink, in points (dust does not). */
  minGlyphInkPt: 0.8,
  /** Nearest neighbours are looked for within about this, in inches. */
  searchIn: 0.25,
  /** The axis is not judged on fewer glyphs. */
  minGlyphs: 60,
  /** Vertical strips the flip test reads lines in, in inches (narrow enough that a strip meets one column's lines). */
  stripIn: 1.2,
  /** A text line's height, in points: from a 5 pt footnote's line to a 30 pt title's. */
  lineHeightPt: [5, 30] as const,
  /** A row of a strip belongs to the line's x-height band when it holds this share of the line's fullest row. */
  bandShare: 0.5,
  /** A pixel row of a strip holds ink when it has at least this many ink pixels (specks of dust have fewer). */
  minRowInk: 3,
  /** Upside down when (above − below) / (above + below) is under −this… */
  flipScore: 0.15,
  /** …over at least this many lines. */
  minLines: 8,
};

/** True when the page's lines run up or down it (it is to be turned by a quarter). */
export function isSideways(img: GreyImage, t: number, dpi: number): boolean {
  const b = besideShare(glyphs(img, t, dpi), dpi);
  return b < ORIENT.maxBesideSideways;
}

/** True when the lines of a page whose lines run across it are upside down (`img`: deskewed, rules painted out). */
export function isUpsideDown(img: GreyImage, t: number, dpi: number): boolean {
  const { rise, lines } = riseOfLines(img, t, dpi);
  return lines >= ORIENT.minLines && rise < -ORIENT.flipScore;
}

/**
 * Ink above against ink below the x-height band of the page's text lines,
 * read in vertical strips: in each, a line is a run of rows holding ink, of
 * a text line's height; its band is the rows holding at least `bandShare` of
 * its fullest row's ink.
 */
export function riseOfLines(img: GreyImage, t: number, dpi: number): { rise: number; lines: number } {
  const { width: W, height: H, data } = img;
  const sw = Math.max(16, Math.round(ORIENT.stripIn * dpi));
  const minH = (ORIENT.lineHeightPt[0] * dpi) / 72,
    maxH = (ORIENT.lineHeightPt[1] * dpi) / 72;
  const row = new Int32Array(H);
  let above = 0,
    below = 0,
    lines = 0;
  for (let x0 = 0; x0 < W; x0 += sw) {
    const x1 = Math.min(W, x0 + sw);
    for (let y = 0; y < H; y++) {
      let n = 0;
      const o = y * W;
      for (let x = x0; x < x1; x++) if (data[o + x]! < t) n++;
      row[y] = n;
    }
    let y = 0;
    while (y < H) {
      if (row[y]! < ORIENT.minRowInk) {
        y++;
        continue;
      }
      const a = y;
      while (y < H && row[y]! >= ORIENT.minRowInk) y++;
      const b = y; // [a, b)
      if (b - a < minH || b - a > maxH) continue;
      let max = 0;
      for (let k = a; k < b; k++) if (row[k]! > max) max = row[k]!;
      const cut = max * ORIENT.bandShare;
      let top = a;
      while (row[top]! < cut) top++;
      let bot = b - 1;
      while (row[bot]! < cut) bot--;
      let up = 0,
        down = 0;
      for (let k = a; k < top; k++) up += row[k]!;
      for (let k = bot + 1; k < b; k++) down += row[k]!;
      if (up + down === 0) continue;
      above += up;
      below += down;
      lines++;
    }
  }
  return { rise: above + below > 0 ? (above - below) / (above + below) : NaN, lines };
}

interface Glyph {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Connected pieces of ink of a glyph's size (bitmap.ts inkPieces): letters, digits, and the words whose letters touch. */
export function glyphs(img: GreyImage, t: number, dpi: number): Glyph[] {
  const [lo, hi] = ORIENT.glyphPt.map((pt) => (pt * dpi) / 72) as [number, number];
  const minInk = ((ORIENT.minGlyphInkPt * dpi) / 72) ** 2;
  const out: Glyph[] = [];
  for (const g of inkPieces(img, t)) {
    const side = Math.max(g.x1 - g.x0, g.y1 - g.y0);
    if (side >= lo && side <= hi && g.ink >= minInk) out.push({ x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1 });
  }
  return out;
}

/**
 * Share of glyphs whose nearest neighbour (by the gap between their boxes)
 * sits beside them rather than above or below: letters of a word and words
 * of a line are closer than lines are, so upright or upside-down text gives
 * most glyphs a neighbour beside them, and text running up or down the page
 * one above or below. NaN with too few glyphs to tell.
 */
export function besideShare(gs: readonly Glyph[], dpi: number): number {
  if (gs.length < ORIENT.minGlyphs) return NaN;
  const cell = Math.max(8, Math.round(ORIENT.searchIn * dpi));
  const grid = new Map<number, number[]>();
  const key = (cx: number, cy: number) => cy * 100_000 + cx;
  gs.forEach((g, i) => {
    for (let cy = Math.floor(g.y0 / cell); cy <= Math.floor((g.y1 - 1) / cell); cy++)
      for (let cx = Math.floor(g.x0 / cell); cx <= Math.floor((g.x1 - 1) / cell); cx++) {
        const k = key(cx, cy);
        const l = grid.get(k);
        if (l) l.push(i);
        else grid.set(k, [i]);
      }
  });
  let beside = 0,
    over = 0;
  gs.forEach((g, i) => {
    let best = Infinity,
      side = 0;
    const seen = new Set<number>();
    for (let cy = Math.floor(g.y0 / cell) - 1; cy <= Math.floor((g.y1 - 1) / cell) + 1; cy++)
      for (let cx = Math.floor(g.x0 / cell) - 1; cx <= Math.floor((g.x1 - 1) / cell) + 1; cx++)
        for (const j of grid.get(key(cx, cy)) ?? []) {
          if (j === i || seen.has(j)) continue;
          seen.add(j);
          const o = gs[j]!;
          const dx = Math.max(0, o.x0 - g.x1, g.x0 - o.x1),
            dy = Math.max(0, o.y0 - g.y1, g.y0 - o.y1);
          // Beside: overlapping rows, apart along x; over: overlapping columns, apart along y.
          if (dy === 0 && dx > 0 && dx < best) [best, side] = [dx, 1];
          else if (dx === 0 && dy > 0 && dy < best) [best, side] = [dy, -1];
        }
    if (side > 0) beside++;
    else if (side < 0) over++;
  });
  return beside + over > 0 ? beside / (beside + over) : NaN;
}
