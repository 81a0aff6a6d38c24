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
