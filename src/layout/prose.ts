/**
 * Lines outside tables → paragraphs. A line continues the paragraph above when
 * it follows at normal leading, in the same type, and the line above was full
 * (the first word of this line would not have fitted on it): that is what
 * wrapping looks like, whereas "Responsabile" over "MARIO ROSSI" is two lines.
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Line, Word } from "../doc/geometry.js";
import { mostlyBold } from "./lines.js";
import { unionBox } from "./geometry.js";
import { listMarker } from "../util/text.js";

export interface Para {
  lines: Line[];
  box: Box;
  bold: boolean;
  size: number;
  /**
   * The next paragraph follows at the leading of wrapped lines, with no extra
   * space: a hard line break (Markdown "  ", <br>) inside one visual paragraph.
   */
  hardBreakAfter?: boolean;
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

/**
 * A centred line wraps into the next when both are centred on the same axis
 * and the first is about as wide as the measure (`left`..`right`) allows, the
 * next one's first word included (a title over two lines).
 */
export function wrapsCentred(prev: Line, next: Line, left: number, right: number, s: LayoutSettings): boolean {
  const c0 = (prev.x0 + prev.x1) / 2,
    c1 = (next.x0 + next.x1) / 2;
  const size = Math.max(prev.size, next.size);
  if (Math.abs(c0 - c1) > 0.5 * size || prev.x0 - left < 2 * size) return false;
  const first = next.words[0]!;
  return prev.x1 - prev.x0 + spaceWidth(first) + (first.x1 - first.x0) > right - left - s.wrapSlackEm * size;
}

/** Up to this many words before the colon make a label opening a line. */
const LABEL_WORDS = 4;

/** The line opens with a short capitalised label ending in a colon ("Titolo obiettivo: …"). */
function opensWithLabel(l: Line): boolean {
  const ws = l.words;
  if (ws.length < 2 || !/^\p{Lu}/u.test(ws[0]!.text)) return false;
  for (let k = 0; k < Math.min(LABEL_WORDS, ws.length - 1); k++) {
    const t = ws[k]!.text;
    if (/^[\p{L}.'’()/-]+:$/u.test(t)) return true;
    if (!/^[\p{L}.'’()/-]+$/u.test(t)) return false;
  }
  return false;
}

function expanded(l: Line, s: LayoutSettings): boolean {
  const ws = l.words;
  if (ws.length < 2) return false;
  const gaps = ws.slice(1).map((w, k) => w.x0 - ws[k]!.x1);
  return Math.min(...gaps) > s.cellGapEm * l.size && Math.max(...gaps) - Math.min(...gaps) <= s.justifyTolEm * l.size;
}

/**
 * The leading (pitch ÷ size) the page's wrapped lines are set at, when it is wider than `paraLeadingEm`: the
 * median over pairs of lines one under the other, the first full to the right margin, the second starting in its
 * margin — what wrapping looks like whatever the spacing. Null when the pairs are too few or set tighter.
 */
function learntLeading(lines: readonly Line[], s: LayoutSettings, right: number): number | null {
  const r: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!,
      b = lines[i]!;
    const size = Math.max(a.size, b.size);
    if (size / Math.min(a.size, b.size) > s.paraSizeRatio || b.y0 < a.y0 || Math.abs(b.x0 - a.x0) > 3 * size || !wrapsFrom(a, b, right, s)) continue;
    const pitch = (b.base - a.base) / size;
    if (pitch > 0 && pitch <= s.paraLeadingMaxEm) r.push(pitch);
  }
  if (r.length < s.paraLeadingMinPairs) return null;
  r.sort((x, y) => x - y);
  const m = r[r.length >> 1]! * (1 + s.paraLeadingLearnTol);
  return m > s.paraLeadingEm ? Math.min(m, s.paraLeadingMaxEm) : null;
}

/** Bullets no running text holds (a dash or a hyphen may open a wrapped line). */
const BULLET_GLYPH = /^[•●▪◦‣∙○■□➢►]/;

export function paragraphs(lines: readonly Line[], s: LayoutSettings, right: number, left = -Infinity): Para[] {
  const leading = learntLeading(lines, s, right) ?? s.paraLeadingEm;
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
      const leadOk = l.base - prev.base <= leading * Math.max(prev.size, l.size) && l.y0 >= prev.y0;
      // Continuation lines start at (or left of) the paragraph's text, not in another column.
      const alignOk = l.x0 < prev.x1 && l.x0 <= cur[0]!.x0 + 3 * l.size;
      // A line opening with a list marker where the paragraph's first line
      // opened starts an item of its own: a number or letter anywhere, a
      // bullet or dash only after another item (a wrapped line may open on "–").
      const m = listMarker(l.words[0]!.text + " ");
      // (A number or letter set in from the paragraph's first line opens a list nested under it: "a) …" under
      // a line of fields that ran to the margin.)
      // (So does a bullet proper, "•", set at or in from the paragraph's start: no sentence wraps onto one.)
      const numbered = m !== null && /[\d\p{L}]/u.test(m);
      const bullet = m !== null && BULLET_GLYPH.test(m);
      const item =
        m !== null &&
        ((Math.abs(l.x0 - cur[0]!.x0) <= 0.5 * l.size && (numbered || bullet || listMarker(cur[0]!.words[0]!.text + " ") !== null)) || ((numbered || bullet) && l.x0 > cur[0]!.x0 + 0.5 * l.size));
      // So does a line opening with a label ("Settore:") under a line that
      // opened with one: a run of label lines, each its own.
      const labelled = Math.abs(l.x0 - cur[0]!.x0) <= 0.5 * l.size && opensWithLabel(l) && opensWithLabel(cur[0]!);
      // A line stretched far wider than justification does (gaps over a cell
      // gap, all alike) was expanded before a manual line break: it ends there.
      const wraps = !item && !labelled && !expanded(prev, s) && ((alignOk && wrapsFrom(prev, l, right, s)) || wrapsCentred(prev, l, left, right, s));
      // A title run in bold at the paragraph's start ("UVC.2 – Polizia locale associata. Titolare EQ: …") makes
      // its first line mostly bold: the bold ends inside the paragraph — on that line, or on the one it wraps
      // into — and the lines are one paragraph, not a bold heading over its text (a heading's own wrapped line
      // is bold to its end).
      const runIn = curBold && !bold && wraps && (!prev.words[prev.words.length - 1]!.bold || (l.words[0]!.bold && !l.words[l.words.length - 1]!.bold));
      if (!(sizeOk && leadOk && (bold === curBold || runIn) && wraps)) flush();
      else if (runIn) curBold = false;
    }
    if (!cur.length) curBold = bold;
    cur.push(l);
  }
  flush();
  return out;
}

/** Baseline distance ÷ font size between the lines of wrapped text: the document's leading. */
export function leadingRatio(groups: readonly (readonly Line[])[]): number | null {
  const r: number[] = [];
  for (const g of groups) {
    for (let i = 1; i < g.length; i++) {
      const a = g[i - 1]!,
        b = g[i]!;
      if (Math.abs(a.size - b.size) > 0.05 * a.size) continue;
      r.push((b.base - a.base) / a.size);
    }
  }
  if (r.length === 0) return null;
  r.sort((a, b) => a - b);
  return r[r.length >> 1]!;
}

/** Marks paragraphs followed, at normal leading and in the same margin, by the next one. */
export function markHardBreaks(paras: readonly Para[], ratio: number, s: LayoutSettings): void {
  for (let i = 1; i < paras.length; i++) {
    const a = paras[i - 1]!,
      b = paras[i]!;
    const last = a.lines[a.lines.length - 1]!,
      first = b.lines[0]!;
    const size = Math.max(last.size, first.size);
    if (Math.max(last.size, first.size) / Math.min(last.size, first.size) > s.paraSizeRatio) continue;
    const pitch = first.base - last.base;
    if (pitch > 0 && pitch <= (ratio + s.hardBreakSlackEm) * size && Math.abs(first.x0 - a.box.x0) <= 1.5 * size) a.hardBreakAfter = true;
  }
}
