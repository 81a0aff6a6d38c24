/**
 * Tesseract's TSV → layout words in points. Tesseract's word level is what
 * the layout wants (its own blocks and lines are ignored: src/layout rebuilds
 * lines, columns and cells from the boxes); sizes and baselines are
 * estimated as a PDF would give them (see toLayoutWords).
 *
 * Dropped here: border debris the rule eraser left behind (`|`, `[`, `_`
 * touching a rule), and specks of dust or toner — boxes a fraction of the
 * text's height, or lone punctuation read with low confidence. A speck that
 * survives is not harmless: in a table without vertical rules it can open a
 * false column.
 *
 * Then the slips a token's shape settles are put right (slips.ts).
 */
import type { Word } from "../../doc/geometry.js";
import type { PageRules, PxRule } from "./rules.js";
import { countWordChars, hasWordChar } from "../../util/text.js";
import { settleSlips } from "./slips.js";

export interface TsvWord {
  text: string;
  /** Pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  conf: number;
  /** The word's text line in tesseract's reading (block.paragraph.line). */
  line: string;
  /** A tab's leader of dots ran up to the word from this x (pixels; unread.ts), as `Word.leader`. */
  leader?: number;
}

/** A word with a letter or digit in it: text, not punctuation or border debris. */
export const hasText = (w: Pick<TsvWord, "text">): boolean => hasWordChar(w.text);

/** The words of each of tesseract's lines, in reading order. */
export function wordsByLine(words: readonly TsvWord[]): Map<string, TsvWord[]> {
  const byLine = new Map<string, TsvWord[]>();
  for (const w of words) {
    const l = byLine.get(w.line);
    if (l) l.push(w);
    else byLine.set(w.line, [w]);
  }
  return byLine;
}

/** Parses the word rows (level 5) of tesseract's TSV; other levels and a header row, if any, are skipped. */
export function parseTsv(tsv: string): TsvWord[] {
  const words: TsvWord[] = [];
  for (const row of tsv.split("\n")) {
    const f = row.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join("\t").trim();
    if (!text) continue;
    const left = Number(f[6]),
      top = Number(f[7]);
    words.push({ text, x0: left, y0: top, x1: left + Number(f[8]), y1: top + Number(f[9]), conf: Math.max(0, Number(f[10])), line: `${f[2]}.${f[3]}.${f[4]}` });
  }
  return words;
}

/** Characters a table border turns into when read as text. */
const BORDER_CHARS = /^[|[\]{}()!_\-—–=~'"`‘’.,:;\\/]+$/u;
/** Dust and toner specks read as punctuation (dashes and brackets are not among them: they are text). */
const SPECK_CHARS = /^[|!_~'"`‘’“”.,:;°*]+$/u;
/** A speck "word" under this confidence is noise, not text. */
const SPECK_CONF = 60;
/** A "word" whose box is smaller than this share of the page's median word height on both sides is a speck, whatever it was read as. */
const SPECK_SIZE = 0.3;
/**
 * A "word" of letters or digits under this confidence and flatter than
 * FLAT × the median word height is a smear (a dash of toner under a cell's
 * text read as `c`), not type: letters are never that flat.
 */
const SMEAR_CONF = 20;
const FLAT = 0.5;
/** A word's box within this many pixels of a rule touches it. */
const NEAR = 3;

/** The median height of a page's words with text (px, 0 for none): its text size, which specks, marks and boxes are measured against. */
export function wordHeight(words: readonly TsvWord[]): number {
  return median(words.filter(hasText).map((w) => w.y1 - w.y0));
}

/** Drops border debris and specks; trims stray `|` glued to a word's ends. */
export function cleanWords(words: readonly TsvWord[], rules: PageRules): TsvWord[] {
  const typical = wordHeight(words);
  const minSide = SPECK_SIZE * typical;
  const out: TsvWord[] = [];
  for (const w of words) {
    // A list's bullet, found in the ink as one (unread.ts), is no speck however small.
    if (w.text === "•") {
      out.push(w);
      continue;
    }
    if (Math.max(w.x1 - w.x0, w.y1 - w.y0) < minSide) continue;
    if (w.conf < SMEAR_CONF && w.y1 - w.y0 < FLAT * typical) continue;
    if (BORDER_CHARS.test(w.text) && onRule(w, rules)) continue;
    if (SPECK_CHARS.test(w.text) && w.conf < SPECK_CONF) continue;
    out.push(trimBars(w));
  }
  return settleSlips(joinUnderscored(out));
}

/** Closer than this (× the word's height) two pieces of one code are one word. */
const CODE_GAP = 0.4;

/**
 * "2023_S08_" "25" → "2023_S08_25": the engine splits a code at an
 * underscore where the letters' spacing widens. An underscore never ends or
 * starts an Italian word, so a piece that ends or starts with one, on the
 * same line and nearly touching the next, is one code.
 */
function joinUnderscored(words: TsvWord[]): TsvWord[] {
  const out: TsvWord[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (prev && prev.line === w.line && (prev.text.endsWith("_") || w.text.startsWith("_")) && w.x0 - prev.x1 <= CODE_GAP * (prev.y1 - prev.y0)) {
      out[out.length - 1] = {
        text: prev.text + w.text,
        x0: prev.x0,
        y0: Math.min(prev.y0, w.y0),
        x1: Math.max(prev.x1, w.x1),
        y1: Math.max(prev.y1, w.y1),
        conf: Math.min(prev.conf, w.conf),
        line: prev.line,
      };
    } else out.push(w);
  }
  return out;
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * The median of values weighted by the glyphs each was measured on (the
 * lower middle on a tie): a one-letter word's ink says little about its
 * type — a speck under `N.`, a fragment of a rule read as `I` that
 * tesseract put on the line of the word beside it — while a long word's
 * ink is the type's.
 */
function weightedMedian(xs: readonly { v: number; w: number }[]): number {
  const s = [...xs].sort((a, b) => a.v - b.v);
  const half = s.reduce((n, x) => n + x.w, 0) / 2;
  let acc = 0;
  for (const x of s) if ((acc += x.w) >= half) return x.v;
  return s[s.length - 1]?.v ?? 0;
}

/** Letters and digits of a word: how many glyphs its ink was measured on. */
const glyphs = (w: TsvWord): number => Math.max(1, countWordChars(w.text));

function onRule(w: TsvWord, rules: PageRules): boolean {
  const near = (r: PxRule) => w.x0 <= r.x1 + NEAR && w.x1 >= r.x0 - NEAR && w.y0 <= r.y1 + NEAR && w.y1 >= r.y0 - NEAR;
  return rules.h.some(near) || rules.v.some(near);
}

/** "|Obiettivo" → "Obiettivo": a bar is never part of an Italian word; the box loses its share. */
function trimBars(w: TsvWord): TsvWord {
  const m = /^(\|*)(.*?)(\|*)$/u.exec(w.text)!;
  const lead = m[1]!.length,
    tail = m[3]!.length,
    core = m[2]!;
  if ((!lead && !tail) || !core) return w;
  const per = (w.x1 - w.x0) / w.text.length;
  return { ...w, text: core, x0: w.x0 + lead * per, x1: w.x1 - tail * per };
}

/**
 * Added on each side of an OCR box, × size: OCR boxes hug the ink while PDF
 * words span their glyphs' advance widths, so the space between two words
 * is ~0.5 em in OCR against ~0.3 em in a PDF — as wide as the layout's
 * narrowest column gaps (colGapEm 0.45). Side bearings are ~0.05 em.
 */
const SIDE_BEARING = 0.05;

/**
 * Glyphs reaching above the x-height (capitals, digits, ascenders, accents,
 * i/j dots) or below the baseline. A comma or semicolon is not among the
 * latter: its tail is short and thin, and a scan's threshold leaves little of
 * it (`0,40` is as tall as `040` on the fixtures), so a decimal number read
 * as if it had descenders came out a size too small and left its line.
 */
const RISES = /[\p{Lu}\p{N}bdfhiklt\u00E0-\u00FF'"‘’“”!?%&#$€£§°()[\]{}|/\\]/u;
const FALLS = /[gjpqyç()[\]{}|_]/u;
/** Ink height of a word ÷ its type size, by the extents its glyphs reach (Liberation Sans, DejaVu Sans, Arial alike within ~5 %). */
const INK_EM = { none: 0.54, rises: 0.75, falls: 0.74, both: 0.95 };
/** Descender depth, × size. */
const DESCENT = 0.21;
/** Line sizes within this share of the page's median are taken as that median. */
const SAME_SIZE = 0.25;
/**
 * A line of tesseract's whose size is within this share of the size of the
 * text beside it on the same baseline (the other cells of a table row),
 * measured on more glyphs than it, takes that size: one word's estimate
 * scatters more than a row's.
 */
const ROW_SIZE = 0.4;
/** Lines whose baselines differ by less than this × their size sit on one row. */
const ROW_BASE = 0.4;

/** A word's type size from its ink height; null for a word of punctuation only. */
function typeSize(w: TsvWord): number | null {
  if (!hasText(w)) return null;
  const up = RISES.test(w.text),
    down = FALLS.test(w.text);
  return (w.y1 - w.y0) / INK_EM[up && down ? "both" : up ? "rises" : down ? "falls" : "none"];
}

interface OcrLine {
  size: number;
  base: number;
  glyphs: number;
}

/**
 * Tesseract puts the cells of a table row on lines of their own, so a cell
 * of one word is sized on that word alone: a speck or a blot of a 200 dpi
 * scan that makes it a size larger than its row (`disabilità` at 10 pt among
 * cells at 8) lifts it out of the row's line and cuts the table there. Each
 * line with others on its baseline takes the row's size (the median over
 * the row's lines, weighted by their glyphs) when it is near it; the sizes
 * are read before any is changed.
 */
function alignRowSizes(lines: Map<string, OcrLine>): void {
  const all = [...lines.values()];
  const sized = new Map<OcrLine, number>();
  for (const l of all) {
    const row = all.filter((m) => Math.abs(m.base - l.base) <= ROW_BASE * Math.min(m.size, l.size));
    if (row.length < 2) continue;
    const size = weightedMedian(row.map((m) => ({ v: m.size, w: m.glyphs })));
    if (size !== l.size && Math.abs(l.size / size - 1) <= ROW_SIZE) sized.set(l, size);
  }
  for (const [l, size] of sized) l.size = size;
}

/**
 * Pixel words → layout words in points (`k` = 72 / dpi), with the type size
 * and baseline a PDF would give. Each word's size is estimated from its ink
 * height and the extents its letters reach ("e" is half the height of "Ep"
 * in the same type); the words of one tesseract line share the median of
 * those sizes (snapped to the page's body size when near it) and of their
 * baselines, so a dash or a comma sits on the line of its neighbours. The
 * layout's distances are multiples of the size.
 */
export function toLayoutWords(words: readonly TsvWord[], k: number): Word[] {
  const byLine = wordsByLine(words);
  const pageSize = median(words.map(typeSize).filter((x): x is number => x !== null));
  const lines = new Map<string, OcrLine>();
  for (const [key, ws] of byLine) {
    const sizes = ws.flatMap((w) => {
      const v = typeSize(w);
      return v === null ? [] : [{ v, w: glyphs(w) }];
    });
    const own = sizes.length ? weightedMedian(sizes) : pageSize || Math.max(...ws.map((w) => w.y1 - w.y0));
    // Estimates scatter by ±20 % (a speck glued to a word, a font's proportions): near the page's body size is the body size.
    const size = pageSize && Math.abs(own / pageSize - 1) <= SAME_SIZE ? pageSize : own;
    const bases = ws.filter((w) => typeSize(w) !== null).map((w) => ({ v: w.y1 - (FALLS.test(w.text) ? DESCENT * size : 0), w: glyphs(w) }));
    lines.set(key, { size, base: bases.length ? weightedMedian(bases) : Math.max(...ws.map((w) => w.y1)), glyphs: ws.reduce((n, w) => n + glyphs(w), 0) });
  }
  alignRowSizes(lines);
  return words.map((w) => {
    const l = lines.get(w.line)!;
    const size = l.size * k;
    const pad = SIDE_BEARING * size;
    const out: Word = { text: w.text, x0: w.x0 * k - pad, y0: w.y0 * k, x1: w.x1 * k + pad, y1: w.y1 * k, base: l.base * k, size, bold: false, conf: w.conf };
    if (w.leader !== undefined) out.leader = w.leader * k;
    return out;
  });
}

/** Settings of fill-in blanks, × the page's median word height unless said otherwise. */
export const BLANK_SETTINGS = {
  /** A blank at most this share of the page's width (a table's rule runs wider)… */
  maxPageShare: 0.45,
  /** …and at least this long… */
  minLength: 1.5,
  /** …starting at most this far after the word before it… */
  reach: 8,
  /** …its line at most this far below the word's foot, or above it by at most this share of the word's height. */
  below: 0.45,
  above: 0.35,
  /** Underscores written for it: one per this length. */
  perChar: 0.5,
};

/**
 * Blanks to fill in by hand after a label ("Il Dirigente ________", "Data ____ / ____ / 2026"): short lines on a
 * line's baseline right after a word, with nothing written over them. A text layer gives them as underscores
 * (typed, or a tab's leader of underscores); a scan draws them as ruling lines, which the layout would take for a
 * table's, and the label then read as a field whose value is the next label on the line ("Il Dirigente" |
 * "Il Segretario Generale"). They become words of underscores, as the text layer's, and leave the rules.
 */
export function fillInBlanks(words: readonly TsvWord[], rules: PageRules, pageWidth: number, s = BLANK_SETTINGS): { words: TsvWord[]; rules: PageRules } {
  const h = wordHeight(words);
  if (!(h > 0)) return { words: [...words], rules };
  const out = [...words];
  const kept: PxRule[] = [];
  for (const r of rules.h) {
    const len = r.x1 - r.x0;
    const y = (r.y0 + r.y1) / 2;
    // Short, with nothing written over it…
    const open = len <= s.maxPageShare * pageWidth && len >= s.minLength * h && !words.some((w) => w.x0 < r.x1 && w.x1 > r.x0 && w.y1 > y - 1.2 * h && w.y0 < y);
    // …after a word, on its baseline.
    const label = open
      ? words.filter((w) => w.x1 <= r.x0 + 2 && r.x0 - w.x1 <= s.reach * h && y >= w.y1 - s.above * (w.y1 - w.y0) && y <= w.y1 + s.below * h).sort((a, b) => b.x1 - a.x1)[0]
      : undefined;
    if (!label) {
      kept.push(r);
      continue;
    }
    out.push({ text: "_".repeat(Math.max(3, Math.round(len / (s.perChar * h)))), x0: r.x0, y0: label.y0, x1: r.x1, y1: label.y1, conf: label.conf, line: label.line });
  }
  return { words: out, rules: kept.length === rules.h.length ? rules : { h: kept, v: rules.v } };
}
