/**
 * A second reading of doubtful stretches. Pages are read with the quick
 * model; each stretch of a line around words it was unsure of is cut out of
 * the page and read again by the "best" model, and the surer reading is kept
 * (the best model's within a leeway). Most words of a clean scan are read
 * with high confidence (on the fixtures ~4 % are read again), so a page costs
 * the quick model's time plus a little; the slips the quick model makes on
 * small type (`IL` for the step code `1.1`, a quote glued to a number) come
 * with low confidence and are the stretches read again.
 */
import type { GreyImage } from "../raster.js";
import { toPgm } from "./bitmap.js";
import { recognize, type OcrModel } from "./pool.js";
import { hasText, parseTsv, wordsByLine, type TsvWord } from "./words.js";

export interface RereadOptions {
  /** Resolution of the page image. */
  dpi: number;
  heavyNoise: boolean;
  /** Words under this confidence are read again, with their neighbours up to JOIN line heights away. */
  below: number;
  /** The model of the second reading. */
  model: OcrModel;
}

/** Margin above and below a line's box, × the line's height: room for accents and descenders, not for the next line. */
const PAD_Y = 0.2;
/** Margin left and right of a span, × the line's height: the engine reads a span's first and last letters badly without white space beside them. */
const PAD_X = 0.6;
/**
 * The second model is the more accurate one: its reading is kept unless it
 * is this much less sure (mean confidence points). Where the quick model
 * misreads a code outright (`IL` for `1.1`) both readings are unsure.
 */
const LEEWAY = 10;
/** Doubtful words of one line this close (× the line's height) are read again together. */
const JOIN = 2;

/** A stretch of one line to read again: the doubtful words and whatever lies between them. */
export interface Span {
  line: string;
  /** The words of the first reading whose middle lies in the span, in order. */
  words: TsvWord[];
  x0: number;
  x1: number;
  /** The line's top and bottom. */
  y0: number;
  y1: number;
}

/**
 * The words with each doubtful stretch replaced by its second reading when
 * that one is surer. Only the stretches are read again, not whole lines:
 * tesseract's lines often run across a table's columns, and recognition
 * costs by the width read. The stretches of a page are stacked into one
 * image and read in one job: a job has a fixed cost (the image handed to
 * the worker thread, its layout analysis) that forty small jobs would pay
 * forty times.
 */
export async function reread(words: readonly TsvWord[], image: GreyImage, opts: RereadOptions): Promise<TsvWord[]> {
  const spans = spansOf(words, opts.below);
  if (!spans.length) return [...words];
  return keepSurer(words, spans, await readSpans(spans, image, opts));
}

/** `words` with each span's words replaced by its second reading (`again[i]` for `spans[i]`) where that one is kept. */
export function keepSurer(words: readonly TsvWord[], spans: readonly Span[], again: readonly TsvWord[][]): TsvWord[] {
  const replace = new Map<TsvWord, TsvWord[]>();
  spans.forEach((s, i) => {
    const second = again[i]!;
    if (second.length && sureness(second) + LEEWAY > sureness(s.words)) {
      replace.set(s.words[0]!, second);
      for (const w of s.words.slice(1)) replace.set(w, []);
    }
  });
  return words.flatMap((w) => replace.get(w) ?? [w]);
}

const mid = (w: TsvWord) => (w.x0 + w.x1) / 2;

/** Per line, the doubtful text words grown into spans (neighbours within JOIN line heights joined), with the words they cover. */
export function spansOf(words: readonly TsvWord[], below: number): Span[] {
  const spans: Span[] = [];
  for (const [line, ws] of wordsByLine(words)) {
    const y0 = Math.min(...ws.map((w) => w.y0)),
      y1 = Math.max(...ws.map((w) => w.y1));
    const h = y1 - y0;
    const doubtful = ws.filter((w) => hasText(w) && w.conf < below).sort((a, b) => a.x0 - b.x0);
    const own: Span[] = [];
    for (const w of doubtful) {
      const last = own[own.length - 1];
      if (last && w.x0 - last.x1 <= JOIN * h) last.x1 = Math.max(last.x1, w.x1);
      else own.push({ line, words: [], x0: w.x0, x1: w.x1, y0, y1 });
    }
    for (const s of own) {
      s.words = ws.filter((w) => mid(w) >= s.x0 && mid(w) <= s.x1);
      spans.push(s);
    }
  }
  return spans;
}

/** Mean confidence over a reading's characters: a long word read surely outweighs a stray mark. */
export function sureness(words: readonly TsvWord[]): number {
  let sum = 0,
    n = 0;
  for (const w of words) {
    const chars = [...w.text].length;
    sum += w.conf * chars;
    n += chars;
  }
  return n ? sum / n : 0;
}

/** A span's cut-out: its pixels' place on the page and in the stack. */
interface Strip {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Top of the strip in the stacked image. */
  top: number;
}

/**
 * Where each span's cut-out goes in the stack: one under the other, the
 * tallest span's height of white between them. The stack holds at most a
 * page's pixels (the image's): on a page of ink no text reading explains
 * (a photograph, a map, handwriting) every stretch is doubtful or unread,
 * and stacking them all would hand tesseract an image many pages tall and
 * take gigabytes. Spans past the budget are left out (`strips` is shorter
 * than `spans`), in page order, and keep their first reading.
 */
export function planStack(spans: readonly Span[], image: Pick<GreyImage, "width" | "height">): { strips: Strip[]; width: number; height: number } {
  if (!spans.length) return { strips: [], width: 0, height: 0 };
  const gap = Math.max(...spans.map((s) => s.y1 - s.y0));
  const cuts = spans.map((s) => {
    const h = s.y1 - s.y0;
    return {
      x0: Math.max(0, Math.floor(s.x0 - PAD_X * h)),
      y0: Math.max(0, Math.floor(s.y0 - PAD_Y * h)),
      x1: Math.min(image.width, Math.ceil(s.x1 + PAD_X * h)),
      y1: Math.min(image.height, Math.ceil(s.y1 + PAD_Y * h)),
    };
  });
  const width = Math.max(...cuts.map((t) => t.x1 - t.x0)) + 2 * gap;
  const maxHeight = Math.max(1, Math.floor((image.width * image.height) / width));
  const strips: Strip[] = [];
  let top = gap;
  for (const c of cuts) {
    const next = top + c.y1 - c.y0 + gap;
    if (next > maxHeight && strips.length) break;
    strips.push({ ...c, top });
    top = next;
  }
  return { strips, width, height: top };
}

/**
 * Reads the spans' images (each cut from the page with a margin), stacked
 * as planStack says, as a block of text; the words come back to each span
 * in page pixels. Words whose middle falls in a span's margin are pieces of
 * its neighbours, which keep their first reading. A span left out of the
 * stack gets no words.
 */
export async function readSpans(spans: readonly Span[], image: GreyImage, opts: Omit<RereadOptions, "below">): Promise<TsvWord[][]> {
  const { strips, width, height: top } = planStack(spans, image);
  const gap = strips.length ? strips[0]!.top : 0;
  const stack: GreyImage = { width, height: top, data: new Uint8Array(width * top).fill(255) };
  for (const t of strips) {
    for (let y = t.y0; y < t.y1; y++) {
      stack.data.set(image.data.subarray(y * image.width + t.x0, y * image.width + t.x1), (t.top + y - t.y0) * width + gap);
    }
  }
  const tsv = await recognize(toPgm(stack), { dpi: opts.dpi, heavyNoise: opts.heavyNoise, model: opts.model, psm: "6" });
  const out = spans.map((): TsvWord[] => []);
  for (const w of parseTsv(tsv)) {
    const cy = (w.y0 + w.y1) / 2;
    const i = strips.findIndex((t) => cy >= t.top && cy < t.top + (t.y1 - t.y0));
    if (i < 0) continue;
    const t = strips[i]!,
      s = spans[i]!;
    const dx = t.x0 - gap,
      dy = t.y0 - t.top;
    const back = { ...w, x0: w.x0 + dx, x1: w.x1 + dx, y0: w.y0 + dy, y1: w.y1 + dy, line: s.line };
    if (mid(back) >= s.x0 && mid(back) <= s.x1) out[i]!.push(back);
  }
  return out;
}

