/**
 * Ink the page reading left unread. Tesseract's page segmentation drops
 * some text outright: the short cells of a narrow first column (`OP-01` …
 * on a clean Writer scan), a lone `n. 5` in a wide cell, and the hyphen at
 * the end of a cell's line (`OP-` over `01`), which the layout needs to join
 * the two lines as the text layer does. A cell lost so is a field lost.
 *
 * After the page is read, the ink no word's box covers is gathered into
 * connected pieces. A short dash right after a word, at the middle of its
 * height, is that word's hyphen. Other pieces as tall as text are grouped
 * into stretches of a line, and the stretches are read again in one job
 * (stacked, as reread.ts does); what comes back as text with fair
 * confidence joins the page's words. Specks, and the thin debris of rules
 * the eraser left, are never read.
 */
import type { GreyImage } from "../raster.js";
import { inkPieces } from "./bitmap.js";
import { hasText, wordHeight, type TsvWord } from "./words.js";
import { readSpans, type Span } from "./reread.js";
import type { OcrModel } from "./pool.js";

export interface UnreadOptions {
  dpi: number;
  heavyNoise: boolean;
  model: OcrModel;
}

/** Settings, × the page's median word height (px) unless said otherwise. */
const UNREAD = {
  /** Pieces smaller than this on both sides are specks. */
  speck: 0.2,
  /** A dash: at most this thick… */
  dashThick: 0.25,
  /** …between these long… */
  dashMin: 0.2,
  dashMax: 1.0,
  /** …touching the word before it (a hyphen: at most this far right of it)… */
  dashGap: 0.3,
  /** …or a space away from the words on both sides (at most this far). */
  spaceGap: 0.8,
  /** …with its middle between these shares of the word's height from its top. */
  dashFrom: 0.4,
  dashTo: 0.85,
  /** Pieces of one stretch: at most this far apart side by side. */
  joinGap: 1.0,
  /** A stretch worth reading: at least this tall and this wide, at most this tall. */
  minHeight: 0.5,
  minWidth: 0.4,
  maxHeight: 2.5,
  /** Rule debris: thinner than this and longer than `debrisLong`. */
  debrisThin: 0.2,
  debrisLong: 1.5,
  /** A period: a round dot at most this big and at least this big… */
  dotMax: 0.26,
  dotMin: 0.07,
  /** …at most this far right of the word before it, its foot on that word's baseline (within this much). */
  dotGap: 0.3,
  dotFoot: 0.12,
  /** A tab's leader: at least this many dots on one baseline… */
  leaderDots: 4,
  /** …each at most this far from the next… */
  leaderGap: 0.6,
  /** …the word it leads to at most this far after the last. */
  leaderReach: 1.5,
  /** A list's dash or bullet: the line's first word at most this far after it… */
  bulletGap: 2.0,
  /** …a bullet between these wide and tall (bigger than a period, smaller than a letter). */
  bulletMin: 0.12,
  bulletMax: 0.4,
  /** Words read in a stretch are kept at or above this confidence… */
  minConf: 30,
  /** …when together they span at least this share of its width. */
  minFill: 0.5,
} as const;

interface Piece {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A word of bars only: a border read as text. */
const BARS = /^[|!\[\]]+$/u;
/** Characters of border debris (as words.ts drops them by a rule). */
const DEBRIS = /^[|[\]{}()!_\-—–=~'"`‘’.,:;\\/]+$/u;

/**
 * The words with hyphens found after them and the words read from the ink
 * no word covered (appended, each stretch on a line of its own).
 */
export async function readUnread(words: readonly TsvWord[], image: GreyImage, threshold: number, opts: UnreadOptions): Promise<TsvWord[]> {
  const h = wordHeight(words);
  if (!(h > 0)) return [...words];
  // A box read as a border's bar (`|` 100 px wide over a cell's code, dropped later) covers no ink; symbols (`(%)`, `€`) do.
  const covering = words.filter((w) => !BARS.test(w.text));
  const pieces = uncoveredPieces(image, threshold, covering);
  const out = [...words];
  const rest: Piece[] = [];
  for (const p of leaders(out, pieces, h)) if (!attachDash(out, p, h) && !attachBullet(out, p, h) && !attachPeriod(out, p, h)) rest.push(p);
  const spans = stretches(rest, h).map((b, i): Span => ({ line: `u.${i}.1`, words: [], ...b }));
  if (!spans.length) return out;
  const again = await readSpans(spans, image, opts);
  spans.forEach((s, i) => {
    const read = again[i]!.filter((w) => hasText(w) && !DEBRIS.test(w.text) && w.conf >= UNREAD.minConf && !covering.some((c) => overlap(c, w) > 0.3));
    // Text fills its stretch; a blot of a logo or a photo read as a stray `i` does not.
    const filled = read.reduce((n, w) => n + (Math.min(w.x1, s.x1) - Math.max(w.x0, s.x0)), 0);
    if (filled >= UNREAD.minFill * (s.x1 - s.x0)) out.push(...read);
  });
  return out;
}

/**
 * A short flat piece at the middle height of a word just before it is a
 * dash. Touching the word (`OP-` over `01`, `ludico-` over `ricreative`) it
 * is the word's hyphen, appended to it; set off by spaces between two words
 * (`T1 - tempo`) it is a word of its own.
 */
function attachDash(words: TsvWord[], p: Piece, h: number): boolean {
  if (!dashShaped(p, h)) return false;
  const cy = (p.y0 + p.y1) / 2;
  const level = (x: TsvWord) => hasText(x) && cy >= x.y0 + UNREAD.dashFrom * (x.y1 - x.y0) && cy <= x.y0 + UNREAD.dashTo * (x.y1 - x.y0);
  const i = words.findIndex((x) => level(x) && !/[-‐]$/u.test(x.text) && p.x0 - x.x1 >= -1 && p.x0 - x.x1 <= UNREAD.spaceGap * h);
  if (i < 0) return false;
  const x = words[i]!;
  const after = words.find((o) => o !== x && level(o) && o.x0 >= p.x1 - 1 && o.x0 - p.x1 <= UNREAD.spaceGap * h);
  if (p.x0 - x.x1 <= UNREAD.dashGap * h) {
    if (after && after.x0 - p.x1 > UNREAD.dashGap * h) return false; // "a- b": neither a hyphen nor a dash between words
    words[i] = { ...x, text: x.text + "-", x1: p.x1 };
  } else {
    if (!after || after.x0 - p.x1 <= UNREAD.dashGap * h) return false;
    words.push({ text: "-", x0: p.x0, y0: p.y0, x1: p.x1, y1: p.y1, conf: Math.min(x.conf, after.conf), line: x.line });
  }
  return true;
}

/** A short flat piece of ink, a dash's shape. */
function dashShaped(p: Piece, h: number): boolean {
  const w = p.x1 - p.x0,
    t = p.y1 - p.y0;
  return t <= UNREAD.dashThick * h && w >= UNREAD.dashMin * h && w <= UNREAD.dashMax * h && w >= 2 * t;
}

/** A round blot bigger than a period, a bullet's shape. */
function bulletShaped(p: Piece, h: number): boolean {
  const w = p.x1 - p.x0,
    t = p.y1 - p.y0;
  return w >= UNREAD.bulletMin * h && w <= UNREAD.bulletMax * h && t >= UNREAD.bulletMin * h && t <= UNREAD.bulletMax * h && w <= 1.6 * t && t <= 1.6 * w;
}

/**
 * A dash or a bullet opening a line, set off before its first word (`– Configurazione della piattaforma`,
 * `• posa delle fototrappole`), no word just before it: a list's item marker, which tesseract drops with the
 * specks. It becomes the word "–" or "•", as a text layer gives it.
 */
function attachBullet(words: TsvWord[], p: Piece, h: number): boolean {
  const dash = dashShaped(p, h);
  if (!dash && !bulletShaped(p, h)) return false;
  const cy = (p.y0 + p.y1) / 2;
  const near = (x: TsvWord) => hasText(x) && cy > x.y0 && cy < x.y1;
  const after = words.filter((o) => near(o) && o.x0 >= p.x1 - 1 && o.x0 - p.x1 > UNREAD.dashGap * h && o.x0 - p.x1 <= UNREAD.bulletGap * h).sort((a, b) => a.x0 - b.x0)[0];
  if (!after) return false;
  // At the middle height of the line's letters: measured on the whole line, as one word ("apertura") may
  // lack ascenders.
  const line = words.filter((o) => o.line === after.line && hasText(o));
  const top = Math.min(...line.map((o) => o.y0)),
    bottom = Math.max(...line.map((o) => o.y1));
  if (cy < top + UNREAD.dashFrom * (bottom - top) || cy > top + UNREAD.dashTo * (bottom - top)) return false;
  // (Nothing of the line just before it: a semicolon's dot above a word's foot, "anno;", is no bullet.)
  if (words.some((o) => (near(o) || o.line === after.line) && o.x1 <= p.x0 + 1 && p.x0 - o.x1 <= UNREAD.bulletGap * h)) return false;
  words.push({ text: dash ? "–" : "•", x0: p.x0, y0: p.y0, x1: p.x1, y1: p.y1, conf: after.conf, line: after.line });
  return true;
}

/** A dot's size and shape (× the page's word height `h`). */
function dotShaped(p: Piece, h: number): boolean {
  const w = p.x1 - p.x0,
    t = p.y1 - p.y0;
  return w >= UNREAD.dotMin * h && w <= UNREAD.dotMax * h && t >= UNREAD.dotMin * h && t <= UNREAD.dotMax * h && t <= 2 * w && w <= 2 * t;
}

/**
 * A tab's leader ("Configurazione della piattaforma……31/05/2026"): dots in a row on one baseline, which
 * tesseract drops as dust. The word the leader leads to remembers where the leader began (`leader`), as the
 * text layer's path does (the layout reads the two ends as one record's), and a dot the word before it was
 * read with ("modelli.") goes with the leader. Returns the pieces that are no leader's.
 */
function leaders(words: TsvWord[], pieces: readonly Piece[], h: number): Piece[] {
  const dots = pieces.filter((p) => dotShaped(p, h)).sort((a, b) => a.x0 - b.x0);
  const runs: Piece[][] = [];
  for (const d of dots) {
    const cy = (d.y0 + d.y1) / 2;
    const run = runs.find((r) => {
      const last = r[r.length - 1]!;
      return d.x0 - last.x1 <= UNREAD.leaderGap * h && Math.abs(cy - (last.y0 + last.y1) / 2) <= UNREAD.dotFoot * h;
    });
    if (run) run.push(d);
    else runs.push([d]);
  }
  const used = new Set<Piece>();
  for (const run of runs) {
    if (run.length < UNREAD.leaderDots) continue;
    for (const d of run) used.add(d);
    const x0 = run[0]!.x0,
      x1 = run[run.length - 1]!.x1;
    const cy = (run[0]!.y0 + run[0]!.y1) / 2;
    const onLine = (x: TsvWord) => hasText(x) && cy >= x.y0 && cy <= x.y1 + UNREAD.dotFoot * h;
    const k = words.findIndex((o) => onLine(o) && o.x1 <= x0 + 1 && x0 - o.x1 <= UNREAD.leaderGap * h);
    if (k >= 0 && /\p{L}\.$/u.test(words[k]!.text)) words[k] = { ...words[k]!, text: words[k]!.text.slice(0, -1) };
    const after = words.filter((o) => onLine(o) && o.x0 >= x1 - 1 && o.x0 - x1 <= UNREAD.leaderReach * h).sort((a, b) => a.x0 - b.x0)[0];
    if (after) words[words.indexOf(after)] = { ...after, leader: k >= 0 ? words[k]!.x1 : x0 };
  }
  return pieces.filter((p) => !used.has(p));
}

/**
 * A dot on the baseline right after a word, no word right after it, is that word's period (a dot with a tail
 * down from the baseline its comma): tesseract's heavy noise removal takes a word-final period for dust
 * ("entro il 30/06/2026, peso 25%." read "peso 25%", "cod." read "cod"), and a line-final comma with it, and
 * they are what end a sentence or a field — a title before its fields, a step before the next. A speck
 * anywhere else stays a speck.
 */
function attachPeriod(words: TsvWord[], p: Piece, h: number): boolean {
  const w = p.x1 - p.x0,
    t = p.y1 - p.y0;
  if (w > UNREAD.dotMax * h || w < UNREAD.dotMin * h || t < UNREAD.dotMin * h || t > 2 * UNREAD.dotMax * h) return false;
  const dot = t <= 2 * w && w <= 2 * t && t <= UNREAD.dotMax * h;
  // A comma: a dot with its tail, taller than wide, from above the baseline to under it.
  const comma = !dot && t > w && t <= 2.8 * w;
  if (!dot && !comma) return false;
  // The word's baseline: its box's foot, or above it by a descender's depth (a word with a `p` or a `g`).
  const onBase = (x: TsvWord) =>
    p.y0 >= x.y0 + 0.5 * (x.y1 - x.y0) &&
    (dot ? p.y1 <= x.y1 + UNREAD.dotFoot * h && p.y1 >= x.y1 - 0.3 * h : p.y0 < x.y1 && p.y1 > x.y1 + 0.05 * h && p.y1 <= x.y1 + 0.45 * h);
  const i = words.findIndex((x) => hasText(x) && /[\p{L}\d%)\]]$/u.test(x.text) && p.x0 - x.x1 >= -1 && p.x0 - x.x1 <= UNREAD.dotGap * h && onBase(x));
  if (i < 0) return false;
  const x = words[i]!;
  // A dot with a word right after it, nearer than a space, is no sentence's end (a speck between two words).
  if (words.some((o) => o !== x && hasText(o) && o.x0 >= p.x0 && o.x0 - p.x1 < 0.25 * h && Math.min(o.y1, x.y1) - Math.max(o.y0, x.y0) > 0)) return false;
  words[i] = { ...x, text: x.text + (dot ? "." : ","), x1: Math.max(x.x1, p.x1) };
  return true;
}

/** Pieces grouped side by side into stretches of a line worth reading. */
function stretches(pieces: readonly Piece[], h: number): Piece[] {
  const kept = pieces.filter((p) => {
    const w = p.x1 - p.x0,
      t = p.y1 - p.y0;
    if (Math.max(w, t) < UNREAD.speck * h) return false;
    if ((w < UNREAD.debrisThin * h && t > UNREAD.debrisLong * h) || (t < UNREAD.debrisThin * h && w > UNREAD.debrisLong * h)) return false;
    return t <= UNREAD.maxHeight * h;
  });
  kept.sort((a, b) => a.x0 - b.x0);
  const groups: Piece[] = [];
  for (const p of kept) {
    const g = groups.find((q) => p.x0 - q.x1 <= UNREAD.joinGap * h && Math.min(q.y1, p.y1) - Math.max(q.y0, p.y0) > 0 && (p.y0 + p.y1) / 2 >= q.y0 - 0.25 * h && (p.y0 + p.y1) / 2 <= q.y1 + 0.25 * h);
    if (g) {
      g.x0 = Math.min(g.x0, p.x0);
      g.y0 = Math.min(g.y0, p.y0);
      g.x1 = Math.max(g.x1, p.x1);
      g.y1 = Math.max(g.y1, p.y1);
    } else groups.push({ ...p });
  }
  return groups.filter((g) => g.y1 - g.y0 >= UNREAD.minHeight * h && g.y1 - g.y0 <= UNREAD.maxHeight * h && g.x1 - g.x0 >= UNREAD.minWidth * h);
}

/**
 * Connected pieces (8-neighbourhood) of the page's ink that no word's box
 * touches, as boxes with exclusive right and bottom edges. A glyph a box
 * cuts through (tesseract's boxes are sometimes a few pixels short of an
 * `e`) is read, whole: only pieces wholly outside every box count. Runs of
 * ink are joined row by row (bitmap.ts inkPieces).
 */
export function uncoveredPieces(img: GreyImage, t: number, words: readonly Piece[]): Piece[] {
  const { width: W, height: H } = img;
  const covered = new Uint8Array(W * H);
  for (const w of words) {
    const x0 = Math.max(0, Math.floor(w.x0)),
      x1 = Math.min(W, Math.ceil(w.x1)),
      y0 = Math.max(0, Math.floor(w.y0)),
      y1 = Math.min(H, Math.ceil(w.y1));
    for (let y = y0; y < y1; y++) covered.fill(1, y * W + x0, y * W + x1);
  }
  return inkPieces(img, t, covered)
    .filter((m) => !m.covered)
    .map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 }));
}

/** Intersection of two boxes over the smaller one's area: 1 when one lies inside the other. */
function overlap(a: Piece, b: Piece): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0),
    h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  const area = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
  return w > 0 && h > 0 && area > 0 ? (w * h) / area : 0;
}
