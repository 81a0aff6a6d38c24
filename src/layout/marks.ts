/**
 * List bullets drawn as shapes (Chromium paints a disc or a square, not a
 * glyph): the word right of each mark, on its line, gets a "•" before it, so a
 * list item keeps its marker in the text as a text export or a glyph bullet would.
 */
import type { PageGeom, Word } from "../doc/geometry.js";

export function attachMarks(geom: PageGeom): PageGeom {
  const marks = geom.marks;
  if (!marks?.length) return geom;
  const words = [...geom.words];
  let changed = false;
  for (const m of marks) {
    const cy = (m.y0 + m.y1) / 2;
    let best = -1,
      bestGap = Infinity;
    words.forEach((w, i) => {
      if (cy < w.y0 || cy > w.y1 || w.x0 < m.x1 - 0.5) return;
      const gap = w.x0 - m.x1;
      // The text starts within two ems of the bullet, and the bullet is smaller than the text.
      if (gap > 2 * w.size || m.y1 - m.y0 > 0.8 * w.size) return;
      if (gap < bestGap) [best, bestGap] = [i, gap];
    });
    if (best < 0) continue;
    const w = words[best]!;
    if (w.text.startsWith("• ")) continue;
    const marked: Word = { ...w, text: `• ${w.text}`, x0: m.x0 };
    words[best] = marked;
    changed = true;
  }
  return changed ? { ...geom, words } : geom;
}

/** A footnote's mark: a number of one or two digits, or asterisks or daggers. */
const FOOTNOTE_MARK = /^(?:\d{1,2}|\*{1,3}|†{1,2})$/;

/**
 * Footnote marks set as superscripts right after a word ("15%¹", "30/09/2026²", "Titolo*"): smaller
 * type, raised above the word's baseline, touching it. They refer to a note, not to the value, so
 * they leave the text (as a text export's `<sup>1</sup>` does). A unit's power after "m" (m², km³)
 * stays. OCR words carry no type size worth trusting: left alone.
 */
export function dropFootnoteMarks(geom: PageGeom): PageGeom {
  const words = geom.words;
  const marks = words.filter((m) => m.conf === undefined && FOOTNOTE_MARK.test(m.text));
  if (!marks.length) return geom;
  // Words by baseline band (BAND points), each band sorted by right edge: a mark looks only at the words
  // ending just left of it, on baselines a little below its own.
  const BAND = 8;
  const bands = new Map<number, Word[]>();
  for (const w of words) {
    const k = Math.floor(w.base / BAND);
    const b = bands.get(k);
    if (b) b.push(w);
    else bands.set(k, [w]);
  }
  for (const b of bands.values()) b.sort((a, c) => a.x1 - c.x1);
  const hostOf = (m: Word): Word | undefined => {
    // The host's type is at most 2.5 times the mark's, raised by at most 0.8 of it: its baseline is within 2 sizes.
    for (let k = Math.floor(m.base / BAND); k <= Math.floor((m.base + 2 * m.size) / BAND); k++) {
      const b = bands.get(k);
      if (!b) continue;
      // The first word whose right edge reaches the mark's left less a quarter of the largest host's size.
      let lo = 0,
        hi = b.length;
      const from = m.x0 - 0.25 * 2.5 * m.size;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b[mid]!.x1 < from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo, seen = 0; i < b.length && b[i]!.x1 <= m.x0 + 0.5 && seen < 64; i++, seen++) {
        const w = b[i]!;
        if (
          w !== m &&
          m.size <= 0.85 * w.size &&
          w.size <= 2.5 * m.size &&
          m.base <= w.base - 0.2 * w.size &&
          m.base >= w.base - 0.8 * w.size &&
          m.x0 - w.x1 <= 0.25 * w.size &&
          !/[mM]$/.test(w.text)
        )
          return w;
      }
    }
    return undefined;
  };
  const drop = new Set(marks.filter((m) => hostOf(m) !== undefined));
  return drop.size ? { ...geom, words: words.filter((w) => !drop.has(w)) } : geom;
}
