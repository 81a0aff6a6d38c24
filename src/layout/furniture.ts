/**
 * Running headers and footers: lines in the top or bottom margin band that
 * come back at the same place on most pages with the same text, digits aside
 * ("Pagina 3 di 12", a date, the administration's name). They are set apart
 * from the body by white space, which keeps a table's repeated header row (set
 * tight against the table) out of this net.
 */
import type { LayoutSettings } from "./settings.js";
import type { Line, Word } from "../doc/geometry.js";
import levenshtein from "fast-levenshtein";
import { buildLines } from "./lines.js";

export interface FurniturePage {
  height: number;
  lines: Line[];
}

function signature(l: Line): string {
  return l.words
    .map((w) => w.text)
    .join(" ")
    .toLowerCase()
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

/** Two texts within `tol` of their longer length's characters of each other. */
function alike(a: string, b: string, tol: number): boolean {
  const n = Math.max(a.length, b.length);
  return Math.abs(a.length - b.length) <= tol * n && levenshtein.get(a, b) <= tol * n;
}

interface Cand {
  page: number;
  line: Line;
  sig: string;
  y: number;
  top: boolean;
}

/** Candidate lines of one page: in a margin band and separated from the body by a gap. */
function candidates(p: FurniturePage, page: number, s: LayoutSettings): Cand[] {
  const band = s.furnitureBandPage * p.height;
  const lines = [...p.lines].sort((a, b) => a.y0 - b.y0);
  const out: Cand[] = [];
  lines.forEach((l, i) => {
    const top = l.y1 <= band;
    const bottom = l.y0 >= p.height - band;
    if (!top && !bottom) return;
    const h = Math.max(l.y1 - l.y0, l.size);
    // The nearest line towards the body must be at least a line height away.
    if (top) {
      const next = lines.slice(i + 1).find((n) => n.y1 > band);
      if (next && next.y0 - l.y1 < h) return;
    } else {
      const prev = [...lines.slice(0, i)].reverse().find((n) => n.y0 < p.height - band);
      if (prev && l.y0 - prev.y1 < h) return;
    }
    out.push({ page, line: l, sig: signature(l), y: top ? l.y0 : p.height - l.y1, top });
  });
  return out;
}

/** The words to drop from each page (same order as `pages`). */
export function findFurniture(pages: readonly FurniturePage[], s: LayoutSettings): Set<Word>[] {
  const out = pages.map(() => new Set<Word>());
  const n = pages.length;
  const need = Math.max(s.furnitureMinPages, Math.ceil(s.furnitureMinShare * n));
  if (n < need) {
    pages.forEach((p, k) => lonePageFurniture(p, s).forEach((w) => out[k]!.add(w)));
    return out;
  }
  const all = pages.flatMap((p, i) => candidates(p, i, s));
  // Text that also stands in the body of a page, in the same type, is content
  // (a heading that happens to open every page, a card's first label).
  const cand = new Set(all.map((c) => c.line));
  const body = new Set<string>();
  for (const p of pages) for (const l of p.lines) if (!cand.has(l)) body.add(`${signature(l)}|${Math.round(l.size)}`);
  const found = new Set<Cand>();
  // Lines of one text (up to a scan's misreadings, `furnitureTextTol`), at the top or at the bottom.
  const bySig: { top: boolean; sig: string; list: Cand[] }[] = [];
  for (const c of all) {
    const g = bySig.find((x) => x.top === c.top && (x.sig === c.sig || alike(x.sig, c.sig, s.furnitureTextTol)));
    if (g) g.list.push(c);
    else bySig.push({ top: c.top, sig: c.sig, list: [c] });
  }
  for (const { list } of bySig) {
    // Cluster by distance from the page edge; count distinct pages per cluster.
    const sorted = [...list].sort((a, b) => a.y - b.y);
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      if (i === sorted.length || sorted[i]!.y - sorted[i - 1]!.y > s.furniturePosTol) {
        const cl = sorted.slice(start, i);
        // Numbers changing from page to page at one place (a page counter) are furniture, whatever the body holds.
        const counter = new Set(cl.map((c) => c.line.words.map((w) => w.text).join(" "))).size > 1;
        if (new Set(cl.map((c) => c.page)).size >= need && (counter || !cl.every((c) => body.has(`${c.sig}|${Math.round(c.line.size)}`)))) {
          for (const c of cl) found.add(c);
        }
        start = i;
      }
    }
  }
  // Running headers and footers sit at the page's edge: the outermost line,
  // then lines of the same block (close to it). A repeated line further in
  // (a heading opening every page under the running header) is content.
  const pagesCands = pages.map(() => [] as Cand[]);
  for (const c of found) pagesCands[c.page]!.push(c);
  pages.forEach((p, k) => {
    for (const top of [true, false]) {
      const edge = [...p.lines].sort((a, b) => (top ? a.y0 - b.y0 : b.y1 - a.y1));
      const mine = new Set(pagesCands[k]!.filter((c) => c.top === top).map((c) => c.line));
      let last: Line | null = null;
      for (const l of edge) {
        if (!mine.has(l)) break;
        if (last && (top ? l.y0 - last.y1 : last.y0 - l.y1) > s.furnitureBlockEm * Math.max(l.size, last.size)) break;
        for (const w of l.words) out[k]!.add(w);
        last = l;
      }
    }
  });
  return out;
}

/**
 * With too few pages to see anything repeat: the line at the very top or
 * bottom of the page, in the margin band, set smaller than the page's text
 * and far from it (a running header or a page footer of a one-page document).
 */
function lonePageFurniture(p: FurniturePage, s: LayoutSettings): Word[] {
  const lines = [...p.lines].sort((a, b) => a.y0 - b.y0);
  if (lines.length < 3) return [];
  const body = [...lines.map((l) => l.size)].sort((a, b) => a - b)[lines.length >> 1]!;
  const band = s.furnitureBandPage * p.height;
  const out: Word[] = [];
  const first = lines[0]!,
    second = lines[1]!;
  if (first.y1 <= band && first.size < body && second.y0 - first.y1 >= s.loneFurnitureGapEm * (first.y1 - first.y0)) out.push(...first.words);
  const last = lines[lines.length - 1]!,
    before = lines[lines.length - 2]!;
  if (last.y0 >= p.height - band && last.size < body && last.y0 - before.y1 >= s.loneFurnitureGapEm * (last.y1 - last.y0)) out.push(...last.words);
  return out;
}

export function furnitureLines(words: readonly Word[], height: number, s: LayoutSettings): FurniturePage {
  return { height, lines: buildLines(words, s) };
}
