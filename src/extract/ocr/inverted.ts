/**
 * Text printed light on a dark fill: a table's header row in a word
 * processor's table style (white on dark blue), a card's banner ("SCHEDA
 * OBIETTIVO N. 1" white on black). Scanned in black and white, or made so
 * (bitmap.ts `binarize`), the fill comes out solid black with the letters
 * cut out of it in white. Tesseract reads such a band as noise or not at all,
 * and the rule finder takes its edges and the gaps between its letters for
 * ruling lines. A header lost so is every column's name lost.
 *
 * A band is found from its rows: runs of ink far longer than any stroke of a
 * letter, row after row, over a height a line of text fits in, the box they
 * make mostly ink. Each band is turned negative (ink ↔ paper) in place, so its
 * letters read black on white as the rest of the page, and is handed to the
 * layout as a shaded fill, as a PDF's drawing of the same row would be.
 */
import type { GreyImage } from "../raster.js";

/** Settings, in inches (converted with the page's dpi), unless said otherwise. */
export const INVERTED = {
  /** A run of ink at least this long is part of a fill: no letter's stroke runs so long. */
  minRun: 0.4,
  /** A band is at least this tall (thicker than any ruling line)… */
  minHeight: 0.07,
  /** …and at most this tall (a few lines of text; a photo or a logo is taller). */
  maxHeight: 0.8,
  /** Rows of one band: at most this far apart (the rows of its letters hold no long run when the text fills the band). */
  maxGap: 0.3,
  /** Long runs of one band overlap across at least this share of the shorter. */
  overlap: 0.8,
  /** The band's box is ink over at least this share (ratio)… */
  density: 0.55,
  /** …and each of its rows over at least this share (a row through its letters keeps most of the fill). */
  rowShare: 0.3,
};

export interface PxBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Open extends PxBox {
  /** Last row holding one of its long runs. */
  last: number;
}

/**
 * Finds the dark bands of a black-and-white page (ink < `t`) and returns the
 * page with each band turned negative, and the bands (pixels). The page is
 * copied only when it holds a band.
 */
export function invertBands(img: GreyImage, t: number, dpi: number, s = INVERTED): { image: GreyImage; bands: PxBox[] } {
  const bands = findBands(img, t, dpi, s);
  if (bands.length === 0) return { image: img, bands };
  const data = Uint8Array.from(img.data);
  for (const b of bands)
    for (let y = b.y0; y < b.y1; y++) {
      const o = y * img.width;
      for (let x = b.x0; x < b.x1; x++) data[o + x] = data[o + x]! < t ? 255 : 0;
    }
  return { image: { width: img.width, height: img.height, data }, bands };
}

export function findBands(img: GreyImage, t: number, dpi: number, s = INVERTED): PxBox[] {
  const { width: W, height: H, data } = img;
  const minRun = s.minRun * dpi;
  const maxGap = s.maxGap * dpi;
  const open: Open[] = [];
  const done: PxBox[] = [];
  // The rows the long runs span, cut where a row is mostly paper (two ruling lines a row apart are no band).
  const close = (b: Open) => {
    let from = -1;
    for (let y = b.y0; y <= b.y1; y++) {
      const inked = y < b.y1 && inkShare(img, t, { x0: b.x0, x1: b.x1, y0: y, y1: y + 1 }) >= s.rowShare;
      if (inked && from < 0) from = y;
      if (!inked && from >= 0) {
        const band = { x0: b.x0, x1: b.x1, y0: from, y1: y };
        if (y - from >= s.minHeight * dpi && y - from <= s.maxHeight * dpi && inkShare(img, t, band) >= s.density) done.push(band);
        from = -1;
      }
    }
  };
  for (let y = 0; y < H; y++) {
    const o = y * W;
    let x = 0;
    while (x < W) {
      if (data[o + x]! >= t) {
        x++;
        continue;
      }
      const a = x;
      while (x < W && data[o + x]! < t) x++;
      if (x - a < minRun) continue;
      const b = open.find((q) => Math.min(q.x1, x) - Math.max(q.x0, a) >= s.overlap * Math.min(q.x1 - q.x0, x - a));
      if (b) {
        b.x0 = Math.min(b.x0, a);
        b.x1 = Math.max(b.x1, x);
        b.y1 = y + 1;
        b.last = y;
      } else open.push({ x0: a, x1: x, y0: y, y1: y + 1, last: y });
    }
    for (let i = open.length - 1; i >= 0; i--)
      if (y - open[i]!.last > maxGap) {
        close(open[i]!);
        open.splice(i, 1);
      }
  }
  for (const b of open) close(b);
  return done.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function inkShare(img: GreyImage, t: number, b: PxBox): number {
  let n = 0;
  for (let y = b.y0; y < b.y1; y++) {
    const o = y * img.width;
    for (let x = b.x0; x < b.x1; x++) if (img.data[o + x]! < t) n++;
  }
  return n / ((b.x1 - b.x0) * (b.y1 - b.y0));
}
