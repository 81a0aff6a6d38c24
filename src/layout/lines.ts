/** Words → lines (shared baseline) → segments (runs of words without a wide gap). */
import type { LayoutSettings } from "./settings.js";
import type { Line, Word } from "../doc/geometry.js";
import { foldSpace, unionBox } from "./geometry.js";
import { listMarker } from "../util/text.js";

/**
 * Groups words into lines by baseline. Sorting by baseline and cutting where
 * the next baseline is more than a fraction of the font size away keeps
 * side-by-side table cells on one line and separates stacked lines.
 */
export function buildLines(words: readonly Word[], s: LayoutSettings): Line[] {
  const sorted = [...words].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const lines: Line[] = [];
  let cur: Word[] = [];
  let curBase = 0;
  let curSize = 0;
  const flush = () => {
    if (cur.length) lines.push(makeLine(cur));
    cur = [];
  };
  for (const w of sorted) {
    if (cur.length && Math.abs(w.base - curBase) > s.baselineTolEm * Math.min(curSize, w.size)) flush();
    if (!cur.length) {
      curBase = w.base;
      curSize = w.size;
    }
    cur.push(w);
  }
  flush();
  return lines;
}

export function makeLine(words: readonly Word[]): Line {
  const ws = [...words].sort((a, b) => a.x0 - b.x0);
  const b = unionBox(ws);
  // The line's baseline and size are those of most of its text.
  let base = 0,
    size = 0,
    n = 0;
  for (const w of ws) {
    const k = w.text.length;
    base += w.base * k;
    size += w.size * k;
    n += k;
  }
  return { words: ws, ...b, base: n ? base / n : ws[0]!.base, size: n ? size / n : ws[0]!.size };
}

/** Splits a line's words where the horizontal gap is wider than `gap` points. */
export function splitByGap(words: readonly Word[], gap: (a: Word, b: Word) => number): Word[][] {
  const out: Word[][] = [];
  let cur: Word[] = [];
  let right = -Infinity;
  for (const w of words) {
    if (cur.length && w.x0 - right > gap(cur[cur.length - 1]!, w)) {
      out.push(cur);
      cur = [];
    }
    cur.push(w);
    right = Math.max(right, w.x1);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** An outline's number: "2.1", "2.1.1", "2.1.1." (a list's "2." is a marker already). */
const OUTLINE_NUMBER = /^\d{1,2}(?:\.\d{1,2}){1,3}\.?$/;

/**
 * An item numbered in Roman numerals or capital letters: "IV.", "A)" (a list's "1." and "a)" are markers already;
 * "N." is the number's own label, "N. OB.6").
 */
const LETTER_NUMBER = /^(?:[IVXL]{1,5}|[A-MO-Z])[.)]$/;

/**
 * A word processor's numbering that names the level ("Obiettivo 1:", "Fase 2 –", "Obiettivo n. 3 -"): a word
 * or two, a number, a closing mark.
 */
const NUMBERING_LABEL = /^\p{Lu}\p{L}{2,}(?:\s+\p{Ll}{2,})?\s+(?:n[.°]\s*)?\d{1,2}(?:\.\d{1,2})*(?:[.:)]|\s[–—-])$/u;

/** An outline's number alone opening a line ("2.1.1"), as a word processor's list numbering sets it. */
export function outlineNumber(segment: readonly Word[]): boolean {
  return segment.length === 1 && OUTLINE_NUMBER.test(segment[0]!.text);
}

/**
 * A line a word processor numbers, its number set off by a tab from one text: a heading numbered in outline
 * ("2.1.1⇥Gestione associata …", all in bold; each level indents its text differently, so no column lines
 * up there), an item numbered in Roman numerals or capitals ("IV.⇥Educazione …"), or an item whose numbering
 * names its level ("Obiettivo 1:⇥Digitalizzazione …").
 */
function numberedLine(segs: readonly Word[][]): boolean {
  if (segs.length !== 2 || !/^\p{Lu}/u.test(segs[1]![0]!.text)) return false;
  const head = segs[0]!.map((w) => w.text).join(" ");
  return (segs[0]!.length === 1 && OUTLINE_NUMBER.test(head) && segs.every((sg) => sg.every((w) => w.bold))) || (segs[0]!.length === 1 && LETTER_NUMBER.test(head)) || (segs[0]!.length <= 4 && NUMBERING_LABEL.test(head));
}

/**
 * Cells of a prose line: runs separated by gaps much wider than a space. A
 * list marker set apart by a tab ("1.⇥text", "–⇥text") opens its item's text,
 * not a cell of its own; so does a numbered line's number (`numberedLine`).
 */
export function lineSegments(line: Line, s: LayoutSettings): Word[][] {
  if (justified(line, s)) return [line.words.slice()];
  const segs = splitByGap(line.words, (a, b) => s.cellGapEm * Math.max(a.size, b.size));
  if (segs.length >= 2 && ((segs[0]!.length === 1 && listMarker(segs[0]![0]!.text + " ") === segs[0]![0]!.text) || numberedLine(segs))) {
    const [marker, text, ...rest] = segs;
    return [[...marker!, ...text!], ...rest];
  }
  return segs;
}

/**
 * A justified line stretched wide (a line a word processor expands before a
 * manual line break): every gap between its words the same, however wide.
 * Cells of a table leave gaps of every width.
 */
export function justified(line: Line, s: LayoutSettings): boolean {
  const ws = line.words;
  if (ws.length < 4) return false;
  let lo = Infinity,
    hi = -Infinity;
  for (let k = 1; k < ws.length; k++) {
    const g = ws[k]!.x0 - ws[k - 1]!.x1;
    if (g < lo) lo = g;
    if (g > hi) hi = g;
  }
  const tol = ws.every((w) => w.conf !== undefined) ? s.ocrJustifyTolEm : s.justifyTolEm;
  return hi > s.cellGapEm * line.size && hi - lo <= tol * line.size;
}

/** Text of words in reading order: lines top to bottom, words left to right. */
export function wordsText(words: readonly Word[], s: LayoutSettings): string {
  if (words.length === 0) return "";
  const lines = buildLines(words, s);
  return foldSpace(lines.map((l) => l.words.map((w) => w.text).join(" ")).join(" "));
}

/** True when most of the text (by characters) is bold. */
export function mostlyBold(words: readonly Word[]): boolean {
  let b = 0,
    n = 0;
  for (const w of words) {
    const k = w.text.length;
    n += k;
    if (w.bold) b += k;
  }
  return n > 0 && b / n > 0.8;
}
