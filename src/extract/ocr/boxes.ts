/**
 * Check boxes on a scanned page. A form's options ("☒ Obiettivo di
 * performance organizzativa  ☐ Obiettivo individuale") print as small
 * squares drawn beside their text. Tesseract reads an empty one as letters
 * ("O«", "DO", "L]") and drops a crossed one, so the option that was ticked
 * is lost, and the row no longer reads as a field and its options.
 *
 * A box is found in the ink itself, on the page with its rules painted out:
 * a piece of ink about as tall as the text, square, whose four sides are
 * straight strokes running its whole length (an "O", a "D" or a "0" is
 * round at some corner). Ink inside the frame (a cross, a tick, a fill
 * short of a solid square) makes it ticked. Each box becomes the word "☐" or
 * "☒", in the place of whatever tesseract read there, as a PDF's text layer
 * gives the same boxes.
 */
import type { GreyImage } from "../raster.js";
import { inkPieces, type InkPiece } from "./bitmap.js";
import type { TsvWord } from "./words.js";

/** Settings, × the page's median word height (px) unless said otherwise. */
export const BOX_SETTINGS = {
  /** A box's side: at least this long and at most this long. */
  minSide: 0.45,
  maxSide: 1.4,
  /** Width over height within these. */
  minAspect: 0.8,
  maxAspect: 1.25,
  /** A side's stroke is looked for in a band this thick (× the box's side, at least 2 px) at the edge of the box. */
  band: 0.1,
  /**
   * Every side's band holds ink over at least this share of its length, the corners included (a letter with
   * straight stems, a bold "n", or "H", leaves a corner or a stretch of a side open).
   */
  sideShare: 0.93,
  /** A piece this dense is a solid square (a bullet), no box. */
  solid: 0.7,
  /** The inside (within the bands) holding ink over this share of its pixels is ticked. */
  ticked: 0.04,
  /** An OCR word covered by a box over at least this share of its width was read from the box. */
  covered: 0.4,
  /** The box's word's confidence (it is found from its shape, not read). */
  conf: 90,
};

export interface CheckBox {
  /** Pixels of the page. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  checked: boolean;
}

/** The check boxes of a page with its rules erased; `size` is the page's median word height in px. */
export function findCheckBoxes(img: GreyImage, t: number, size: number, s = BOX_SETTINGS): CheckBox[] {
  if (!(size > 0)) return [];
  const out: CheckBox[] = [];
  for (const p of inkPieces(img, t)) {
    const w = p.x1 - p.x0,
      h = p.y1 - p.y0;
    if (w < s.minSide * size || h < s.minSide * size || w > s.maxSide * size || h > s.maxSide * size) continue;
    if (w / h < s.minAspect || w / h > s.maxAspect || p.ink >= s.solid * w * h) continue;
    const band = Math.max(2, Math.round(s.band * Math.min(w, h)));
    if (!framed(img, t, p, band, s.sideShare)) continue;
    const inside = darkShare(img, t, p.x0 + band, p.y0 + band, p.x1 - band, p.y1 - band);
    out.push({ x0: p.x0, y0: p.y0, x1: p.x1, y1: p.y1, checked: inside > s.ticked });
  }
  return out;
}

/** Each of the piece's four sides has ink in its band along `share` of its length. */
function framed(img: GreyImage, t: number, p: InkPiece, band: number, share: number): boolean {
  const { x0, y0, x1, y1 } = p;
  const across = (y: number, x: number, dy: number) => {
    for (let k = 0; k < band; k++) if (dark(img, t, x, y + k * dy)) return true;
    return false;
  };
  const down = (x: number, y: number, dx: number) => {
    for (let k = 0; k < band; k++) if (dark(img, t, x + k * dx, y)) return true;
    return false;
  };
  let top = 0,
    bottom = 0,
    left = 0,
    right = 0;
  for (let x = x0; x < x1; x++) {
    if (across(y0, x, 1)) top++;
    if (across(y1 - 1, x, -1)) bottom++;
  }
  for (let y = y0; y < y1; y++) {
    if (down(x0, y, 1)) left++;
    if (down(x1 - 1, y, -1)) right++;
  }
  const w = x1 - x0,
    h = y1 - y0;
  return top >= share * w && bottom >= share * w && left >= share * h && right >= share * h;
}

function dark(img: GreyImage, t: number, x: number, y: number): boolean {
  return img.data[y * img.width + x]! < t;
}

function darkShare(img: GreyImage, t: number, x0: number, y0: number, x1: number, y1: number): number {
  if (x1 <= x0 || y1 <= y0) return 0;
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (dark(img, t, x, y)) n++;
  return n / ((x1 - x0) * (y1 - y0));
}

/**
 * The page's words with each box as the word "☐" or "☒": words read from a
 * box's ink (covered by it over `covered` of their width) are dropped, and
 * the box joins the tesseract line of the words beside it, before the first
 * of them to its right.
 */
export function placeCheckBoxes(words: readonly TsvWord[], boxes: readonly CheckBox[], s = BOX_SETTINGS): TsvWord[] {
  if (boxes.length === 0) return [...words];
  const overlapX = (w: TsvWord, b: CheckBox) => Math.max(0, Math.min(w.x1, b.x1) - Math.max(w.x0, b.x0));
  const sameRow = (w: TsvWord, b: CheckBox) => Math.min(w.y1, b.y1) - Math.max(w.y0, b.y0) >= 0.5 * Math.min(w.y1 - w.y0, b.y1 - b.y0);
  const kept = words.filter((w) => !boxes.some((b) => sameRow(w, b) && overlapX(w, b) >= s.covered * (w.x1 - w.x0)));
  const out = [...kept];
  for (const [i, b] of boxes.entries()) {
    const beside = kept.filter((w) => sameRow(w, b));
    const right = beside.filter((w) => w.x0 + w.x1 > b.x0 + b.x1).sort((a, c) => a.x0 - c.x0)[0];
    const near = right ?? beside.sort((a, c) => c.x1 - a.x1)[0];
    const word: TsvWord = { text: b.checked ? "☒" : "☐", x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, conf: s.conf, line: near?.line ?? `box.${i}` };
    const at = right ? out.indexOf(right) : near ? out.indexOf(near) + 1 : out.length;
    out.splice(at, 0, word);
  }
  return out;
}
