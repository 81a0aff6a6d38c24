/**
 * Pages of a text dump (pdftotext, a printout saved as text): form feeds part
 * the pages, and each page may carry a running head, a running foot, its
 * number and its footnotes. A reader skips them and reads the page's text on
 * from the page before; so does this pass, before any line becomes a row.
 *
 * Furniture is known by repetition, not by wording: a head or foot is a line
 * printed in the same place (the first or last lines of a page) on half the
 * pages or more (two at least), digits aside ("Comune di X – pag. 2" and
 * "Comune di X – pag. 3" are one line).
 * A page's number alone is furniture wherever it stands in the head or foot.
 * Footnotes are the lines under a separator rule at a page's foot whose first
 * line opens with a note mark (`¹`, `(1)`, `*`).
 *
 * Between two pages the blank lines around the furniture go too when the
 * page's last line and the next page's first line are both rows of an aligned
 * table (a table broken by the page goes on); otherwise they stay.
 */

import { isPageNumber } from "../util/text.js";

export const PAGE_SETTINGS = {
  /**
   * Lines of a page's top and bottom looked at for a running head or foot. One at the top: a second line
   * repeated there is as often a card's first label on pages that each open a card.
   */
  headLines: 1,
  footLines: 2,
  /** Cells at most in a running head or foot (a head set out left and right); a wider line is a table's header. */
  maxSegments: 2,
  /** Non-blank lines at a page's bottom within which a footnote separator is looked for. */
  footnoteWindow: 10,
};

/** A footnote separator: a rule of underscores, dashes or box lines alone on its line. */
const RULE = /^\s*[_\-–—─━]{8,}\s*$/;
/** A footnote's opening mark: a superscript number, a bracketed number or an asterisk, then the note. */
const NOTE_MARK = /^\s*(?:[¹²³⁰⁴-⁹]+|\(\d{1,2}\)|\*{1,3}|\d{1,2}\))\s*\S/;
/** An aligned table's row: text, a run of two spaces or a tab, text. */
const ALIGNED = /\S(?: {2,}|\t)\S/;

const blank = (s: string) => s.trim() === "";
/** Pieces of a line parted by runs of two spaces or tabs. */
const segments = (s: string) => s.trim().split(/ {2,}|\t/).length;
/** A line as it repeats across pages: spacing folded, digits as one shape. */
const shape = (s: string) => s.trim().replace(/\s+/g, " ").replace(/\d+/g, "#");

export interface PageSplice {
  /** The lines kept, in order. */
  lines: string[];
  /** The 1-based number, in the input, of each kept line. */
  lineNo: number[];
}

/**
 * The lines of a text holding form feeds, without its pages' furniture; `null` when the text has no page
 * with furniture to remove (then its lines are read as they are).
 */
export function splicePages(lines: readonly string[]): PageSplice | null {
  // Pages: a form feed opens the line it stands on (pdftotext writes it before the next page's first line).
  const starts = [0];
  for (let i = 0; i < lines.length; i++) if (i > 0 && lines[i]!.includes("\f")) starts.push(i);
  if (starts.length < 2) return null;
  const text = lines.map((l) => (l.includes("\f") ? l.replace(/\f/g, "") : l));
  const pages = starts.map((s, p) => {
    const end = p + 1 < starts.length ? starts[p + 1]! : text.length;
    const filled: number[] = [];
    for (let i = s; i < end; i++) if (!blank(text[i]!)) filled.push(i);
    return { start: s, end, filled };
  });
  // Shapes of the first and last lines of every page, by position: repeated ones are running heads and feet.
  const tally = (pick: (f: number[]) => number | undefined) => {
    const m = new Map<string, number>();
    for (const pg of pages) {
      const i = pick(pg.filled);
      if (i !== undefined) m.set(shape(text[i]!), (m.get(shape(text[i]!)) ?? 0) + 1);
    }
    return m;
  };
  // Printed in the same place on two pages or more, and no table's header row (a header repeated on each page).
  // Repeated with its page's number in it (digits aside), on half the pages at least: a row of a table can
  // end two pages alike ("F3 Nucleo di valutazione", "F6 Nucleo di valutazione").
  const often = Math.max(2, Math.ceil(pages.length / 2));
  // On two pages only, a coincidence is likelier: the line must also stand apart from the page's text (a blank
  // line under a head, above a foot), as furniture is printed.
  const repeats = (seen: Map<string, number>, i: number, away: number) => {
    const n = seen.get(shape(text[i]!)) ?? 0;
    return n >= often && segments(text[i]!) <= PAGE_SETTINGS.maxSegments && (n >= 3 || blank(text[i + away] ?? ""));
  };
  const furniture = new Set<number>();
  for (let k = 0; k < PAGE_SETTINGS.headLines; k++) {
    const seen = tally((f) => f[k]);
    for (const pg of pages) {
      // Only a page's top lines above which everything is furniture already.
      if (k > 0 && !furniture.has(pg.filled[k - 1]!)) continue;
      const i = pg.filled[k];
      if (i !== undefined && (isPageNumber(text[i]!) || repeats(seen, i, 1))) furniture.add(i);
    }
  }
  // A head of two lines (the body's name over the plan's section), the pair the same atop two pages or more and
  // a blank line under it: both lines.
  const pairs = new Map<string, number>();
  const pairOf = (pg: (typeof pages)[number]) => (pg.filled.length > 2 ? `${shape(text[pg.filled[0]!]!)}\n${shape(text[pg.filled[1]!]!)}` : null);
  for (const pg of pages) {
    const k = pairOf(pg);
    if (k) pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  for (const pg of pages) {
    const k = pairOf(pg);
    const [a, b] = pg.filled;
    if (k && (pairs.get(k) ?? 0) >= often && blank(text[b! + 1] ?? "") && segments(text[b!]!) <= PAGE_SETTINGS.maxSegments) {
      furniture.add(a!);
      furniture.add(b!);
    }
  }
  for (let k = 1; k <= PAGE_SETTINGS.footLines; k++) {
    const seen = tally((f) => f[f.length - k]);
    for (const pg of pages) {
      const f = pg.filled;
      if (k > 1 && !furniture.has(f[f.length - k + 1]!)) continue;
      const i = f[f.length - k];
      if (i !== undefined && !furniture.has(i) && (isPageNumber(text[i]!) || repeats(seen, i, -1))) furniture.add(i);
    }
  }
  // Footnotes: from a separator rule whose next line opens with a note mark, to the page's furniture at its end.
  for (const pg of pages) {
    const f = pg.filled;
    for (let j = Math.max(0, f.length - PAGE_SETTINGS.footnoteWindow); j < f.length - 1; j++) {
      if (!RULE.test(text[f[j]!]!) || !NOTE_MARK.test(text[f[j + 1]!]!)) continue;
      for (let x = j; x < f.length; x++) furniture.add(f[x]!);
      break;
    }
  }
  if (furniture.size === 0) return null;

  // Where each line's shape is first printed (furniture aside).
  const firstAt = new Map<string, number>();
  for (let i = 0; i < text.length; i++) if (!furniture.has(i) && !blank(text[i]!) && !firstAt.has(shape(text[i]!))) firstAt.set(shape(text[i]!), i);
  const printedBefore = (line: string, at: number) => (firstAt.get(shape(line)) ?? at) < at;
  const keep: number[] = [];
  // The previous page ended over furniture.
  let cutBottom = false;
  for (let p = 0; p < pages.length; p++) {
    const pg = pages[p]!;
    const content = pg.filled.filter((i) => !furniture.has(i));
    if (!content.length) continue;
    let from = pg.start;
    const cutTop = pg.filled[0] !== content[0];
    // A table going on over the break: the blank lines beside the furniture go with it, and the rows meet.
    // (A table's header printed again on the new page keeps the parts apart: each page sets its own columns,
    // and the parts are joined as tables later.)
    let before = keep.length - 1;
    while (before >= 0 && blank(text[keep[before]!]!)) before--;
    if ((cutTop || cutBottom) && before >= 0) {
      const last = text[keep[before]!]!;
      const first = text[content[0]!]!;
      if (ALIGNED.test(last) && ALIGNED.test(first) && !printedBefore(first, content[0]!)) {
        keep.length = before + 1;
        from = content[0]!;
      }
    }
    cutBottom = pg.filled[pg.filled.length - 1] !== content[content.length - 1];
    for (let i = from; i < pg.end; i++) if (!furniture.has(i)) keep.push(i);
  }
  return { lines: keep.map((i) => text[i]!), lineNo: keep.map((i) => i + 1) };
}
