/**
 * Type weight read from the page image. OCR gives words and their boxes but
 * not the font, and bold is what tells a table's objective rows from its
 * phase rows, a card's labels from its values and a run-in title from the
 * text after it. Bold type has wider stems: a word is bold when its stems are
 * wider than the page's body text by a share of the type size. A difference,
 * not a ratio, because a scanner's exposure thickens or thins every stroke
 * by the same pixels.
 */
import type { Word } from "../../doc/geometry.js";
import type { GreyImage } from "../raster.js";
import type { TsvWord } from "./words.js";
import { countWordChars } from "../../util/text.js";

export const OCR_WEIGHT = {
  /** Stems wider than the body text's by this many em are bold (regular and bold faces differ by 0.04–0.07 em). */
  boldStemEm: 0.03,
  /** A word measured on fewer horizontal ink runs is not measured. */
  minRuns: 6,
  /** Letters and digits a word needs to be judged alone and to count for the body text's stem. */
  solidChars: 3,
  /** A page with fewer such words has no body text to compare with: nothing is marked bold. */
  minSolidWords: 12,
  /** A shorter word takes the weight of the solid words beside it on its line, within this gap (em). */
  neighbourGapEm: 1,
};

/**
 * Mean length of the middle half of the horizontal ink runs across the
 * middle of a box (pixels): the width of the letters' vertical stems, which
 * bold type widens; a crossbar's long run and a serif's short one fall
 * outside the middle half. Null when the box holds fewer than `minRuns` runs.
 */
export function stemWidth(img: GreyImage, t: number, x0: number, y0: number, x1: number, y1: number, minRuns = OCR_WEIGHT.minRuns): number | null {
  const W = img.width,
    d = img.data;
  const h = y1 - y0;
  const top = Math.max(0, Math.round(y0 + h * 0.3)),
    bot = Math.min(img.height - 1, Math.round(y1 - h * 0.3));
  const left = Math.max(0, Math.floor(x0)),
    right = Math.min(W - 1, Math.ceil(x1));
  const runs: number[] = [];
  for (let y = top; y <= bot; y++) {
    const o = y * W;
    let run = 0;
    for (let x = left; x <= right; x++) {
      if (d[o + x]! < t) run++;
      else if (run) {
        runs.push(run);
        run = 0;
      }
    }
    if (run) runs.push(run);
  }
  if (runs.length < minRuns) return null;
  runs.sort((a, b) => a - b);
  const lo = runs.length >> 2,
    hi = runs.length - lo;
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += runs[i]!;
  return sum / (hi - lo);
}

/**
 * Which of a page's words are bold. `px` are the words in the image's pixels
 * (with tesseract's line keys), `words` the same words in points with their
 * type size; `k` is points per pixel.
 */
export function boldWords(px: readonly TsvWord[], words: readonly Word[], img: GreyImage, t: number, k: number, s = OCR_WEIGHT): boolean[] {
  const n = px.length;
  const stem = new Array<number | null>(n).fill(null); // in em
  const solid = new Array<boolean>(n).fill(false);
  const body: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = px[i]!;
    const sw = stemWidth(img, t, w.x0, w.y0, w.x1, w.y1, s.minRuns);
    if (sw === null) continue;
    stem[i] = (sw * k) / words[i]!.size;
    solid[i] = countWordChars(w.text) >= s.solidChars;
    if (solid[i]) body.push(stem[i]!);
  }
  const bold = new Array<boolean>(n).fill(false);
  if (body.length < s.minSolidWords) return bold;
  body.sort((a, b) => a - b);
  const ref = body[body.length >> 1]!;
  for (let i = 0; i < n; i++) if (solid[i]) bold[i] = stem[i]! - ref >= s.boldStemEm;
  // A short word ("e", "di", "%", "F1") is measured on a few runs: it takes its line neighbours' weight when they agree.
  const lines = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = px[i]!.line;
    const l = lines.get(key);
    if (l) l.push(i);
    else lines.set(key, [i]);
  }
  for (const l of lines.values()) {
    l.sort((a, b) => px[a]!.x0 - px[b]!.x0);
    for (let j = 0; j < l.length; j++) {
      const i = l[j]!;
      if (solid[i]) continue;
      const gap = s.neighbourGapEm * (words[i]!.size / k);
      const near: number[] = [];
      const p = l[j - 1],
        q = l[j + 1];
      if (p !== undefined && solid[p] && px[i]!.x0 - px[p]!.x1 < gap) near.push(p);
      if (q !== undefined && solid[q] && px[q]!.x0 - px[i]!.x1 < gap) near.push(q);
      if (near.length === 1) bold[i] = bold[near[0]!]!;
      else if (near.length === 2 && bold[near[0]!] === bold[near[1]!]) bold[i] = bold[near[0]!]!;
      else bold[i] = stem[i] !== null && stem[i]! - ref >= s.boldStemEm;
    }
  }
  return bold;
}
