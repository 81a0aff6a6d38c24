/**
 * Lines outside tables → paragraphs. A line continues the paragraph above when
 * it follows at normal leading, in the same type, and the line above was full
 * (the first word of this line would not have fitted on it): that is what
 * wrapping looks like, whereas "Responsabile" over "CONTI MARIO" is two lines.
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Line, Word } from "./types.js";
import { mostlyBold } from "./lines.js";
import { unionBox } from "./geometry.js";

export interface Para {
  lines: Line[];
  box: Box;
  bold: boolean;
  size: number;
}

function spaceWidth(w: Word): number {
  return 0.28 * w.size;
}

/**
 * True when `next` wraps from `prev`: `prev` reaches close enough to `right`
 * that the first word of `next` could not have been set after it.
 */
export function wrapsFrom(prev: Line, next: Line, right: number, s: LayoutSettings): boolean {
  const first = next.words[0]!;
  const need = spaceWidth(first) + (first.x1 - first.x0);
  return prev.x1 + need > right - s.wrapSlackEm * 0.25 * prev.size;
}

export function paragraphs(lines: readonly Line[], s: LayoutSettings, right: number): Para[] {
  const out: Para[] = [];
  let cur: Line[] = [];
  let curBold = false;
  const flush = () => {
    if (cur.length) out.push({ lines: cur, box: unionBox(cur), bold: curBold, size: cur[0]!.size });
    cur = [];
  };
  for (const l of lines) {
    const bold = mostlyBold(l.words);
    const prev = cur[cur.length - 1];
    if (prev) {
      const sizeOk = Math.max(prev.size, l.size) / Math.min(prev.size, l.size) <= s.paraSizeRatio;
      const leadOk = l.base - prev.base <= s.paraLeadingEm * Math.max(prev.size, l.size) && l.y0 >= prev.y0;
      // Continuation lines start at (or left of) the paragraph's text, not in another column.
      const alignOk = l.x0 < prev.x1 && l.x0 <= cur[0]!.x0 + 3 * l.size;
      if (!(sizeOk && leadOk && alignOk && bold === curBold && wrapsFrom(prev, l, right, s))) flush();
    }
    if (!cur.length) curBold = bold;
    cur.push(l);
  }
  flush();
  return out;
}
