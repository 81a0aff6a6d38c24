/**
 * Tables whose columns were flattened into lines of text: what OCR or a
 * text-layer dump gives for a bordered table when each physical line runs left
 * to right across every column ("Obiettivo Indicatore Valore atteso Scadenza",
 * then "Ridurre i tempi di pagamento delle … | Giorni medi … ≤ 30 2 sem").
 *
 * The header gives the columns and their roles. Records are recovered from
 * what survives flattening:
 *   - the first column starts each line, when it has text there; it is the
 *     widest column, so its wrapped lines are long and read on from line to line;
 *   - the last column (a deadline) is one short period token at the end of the
 *     record's middle line (cells are centred vertically);
 *   - OCR noise (". . e .", "|") often marks where one column ends and the next begins.
 * The recovered records become ordinary table rows (first column, the middle
 * columns' text, last column) for the one table engine. Lossy by nature: the
 * middle columns' words cannot be told apart where nothing separates them.
 */
import type { Cell, Row } from "../doc/source.js";
import { parseDate } from "../normalize/dates.js";
import type { DateValue } from "../model/schema.js";
import { memo } from "../util/memo.js";
import { bracketBalance, countChar, hasWordChar, isCapitalisedWord, isLowerWord, isSingleSpaced, lastWord, lowerAt, splitWords, upperAt } from "../util/text.js";
import { rowText } from "./rows.js";
import { matchRole, mayBeLabels, mayOpenLabels } from "../lexicon/match.js";
import { PERIOD_WORDS, STOP_WORDS, type Role } from "../lexicon/vocabulary.js";

interface FlatHeader {
  labels: string[];
  roles: Role[];
  /** Length of the longest label. */
  longest: number;
}

/** A piece of a line between separators (`|`, OCR noise). */
interface Segment {
  text: string;
  /** Its words (the text split at its single spaces), kept: every stage reads them. */
  words: string[];
  /** Nothing but white space before it on the line. */
  lead: boolean;
}

interface FlatLine {
  row: Row;
  segments: Segment[];
  /** Raw deadline token found at the end of the line. */
  due: string | null;
  /** First line of its blank-separated block. */
  blockStart: boolean;
  /**
   * In a blank-separated block of short lines and no deadline: a piece of a
   * narrower middle column that the flattening set apart, not first-column text.
   */
  narrow?: boolean;
  /** Opens with the same phrase as another line of the table: a row's indicator, not a title. */
  repeated?: boolean;
}

/** Consecutive lines of one flattened table, with the unit heading above them. */
interface TableRun {
  header: FlatHeader;
  lines: FlatLine[];
  unit: Row | null;
}

/** Text of a middle column (0 = the second column) on one line. */
interface Piece {
  text: string;
  col: number;
}

interface FlatRecord {
  row: Row;
  title: string[];
  rest: Piece[];
  due: string | null;
}

const MAX_HEADER_WORDS = 16;
/** Sixteen long labels' words at most. */
const MAX_HEADER_CHARS = 240;

/**
 * A line that reads as three or more header labels in a row, of distinct
 * roles, covering every word: the header row of a flattened table.
 */
export function flattenedHeader(text: string): FlatHeader | null {
  // Prose lines, the most of a document, go no further than a length check or a word's memo look-up.
  if (text.length > MAX_HEADER_CHARS) return null;
  const space = text.indexOf(" ");
  if (space < 0 || !mayOpenLabels(text.slice(0, space))) return null;
  // A line numbered as the outline numbers its sections ("2. Obiettivi, attività e indicatori") is a heading.
  if (/^\d{1,2}(?:\.\d{1,2})*\.?\s/.test(text)) return null;
  // Card labels and repeated table headers recur on every page.
  return flatHeaders(text, readHeader);
}

const flatHeaders = memo<FlatHeader | null>();

/** @internal The header reading itself, without the cheap filters (tested against them). */
export function readHeader(text: string): FlatHeader | null {
  const words = splitWords(text);
  if (words.length < 3 || words.length > MAX_HEADER_WORDS || !mayBeLabels(words)) return null;
  // best[i] = fewest labels covering words[0..i), with the split that gives it.
  const best: ({ n: number; prev: number; role: Role } | null)[] = [{ n: 0, prev: -1, role: "extra" }];
  for (let i = 1; i <= words.length; i++) {
    best[i] = null;
    for (let j = Math.max(0, i - 6); j < i; j++) {
      const before = best[j];
      if (!before) continue;
      const m = matchRole(words.slice(j, i).join(" "), 0.9);
      if (!m || m.role === "extra") continue;
      if (!best[i] || before.n + 1 < best[i]!.n) best[i] = { n: before.n + 1, prev: j, role: m.role };
    }
  }
  if (!best[words.length]) return null;
  const labels: string[] = [];
  const roles: Role[] = [];
  for (let i = words.length; i > 0; ) {
    const b = best[i]!;
    labels.unshift(words.slice(b.prev, i).join(" "));
    roles.unshift(b.role);
    i = b.prev;
  }
  if (labels.length < 3 || new Set(roles).size !== roles.length) return null;
  return { labels, roles, longest: Math.max(...labels.map((l) => l.length)) };
}

// ── one line → segments ────────────────────────────────────────────────

/** Italian short words (articles, prepositions, conjunctions); other fragments of up to three letters, among dots, are OCR debris. */
const SHORT_WORDS = new Set([
  ...STOP_WORDS,
  "è", "gli", "su", "ai", "ad", "ed", "un", "ne", "si", "no", "tra", "fra", "dal", "nei", "sui", "uno", "che", "non", "più", "già", "n.", "es.", "ex",
]);

const isPunct = (t: string) => !hasWordChar(t);
/** @internal A fragment of OCR debris, by the plain definition (the fast path below is tested against it). */
export const debrisByExpressions = (t: string) =>
  // A lone l is no word: the article always elides ("l'").
  isPunct(t) || t === "L" || t === "l" || (t.length <= 3 && !/\d/.test(t) && !SHORT_WORDS.has(t.toLowerCase()) && !/^\p{Lu}{2,3}$/u.test(t));

/** SHORT_WORDS' words of one to three ASCII letters, at their letters' index (`asciiWordIndex`): a table look-up, no hashing. */
const SHORT_ASCII = new Uint8Array(27 * 27 * 27);

/** One to three ASCII letters, case folded, as a number (1–26 a letter, 0 none); -1 for any other text. */
function asciiWordIndex(t: string): number {
  if (t.length === 0 || t.length > 3) return -1;
  let k = 0;
  for (let i = 0; i < 3; i++) {
    let d = 0;
    if (i < t.length) {
      // c | 32 lies in a–z only for the letters A–Z and a–z.
      const c = t.charCodeAt(i) | 32;
      if (c < 97 || c > 122) return -1;
      d = c - 96;
    }
    k = k * 27 + d;
  }
  return k;
}
for (const w of SHORT_WORDS) if (/^[a-z]{1,3}$/.test(w)) SHORT_ASCII[asciiWordIndex(w)] = 1;

/** Whether a word of ASCII letters is all capitals. */
function allCapitals(t: string): boolean {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) > 90) return false;
  return true;
}

/**
 * @internal `debrisByExpressions`, a fragment of one to three ASCII letters
 * (most short words: "di", "e", "la") read by a table look-up.
 */
export function isDebris(t: string): boolean {
  const k = asciiWordIndex(t);
  if (k < 0) return debrisByExpressions(t);
  if (t === "L" || t === "l") return true;
  return SHORT_ASCII[k] === 0 && !(t.length >= 2 && allCapitals(t));
}
/** A dash or slash between two words belongs to the text. */
const JOINERS = new Set(["-", "–", "/", "&", "%", "€"]);

/** OCR reads the apostrophe-elided article l' as I' or |'. */
function fixElision(t: string): string {
  const c = t.charCodeAt(0);
  if (c !== 124 /* | */ && c !== 73 /* I */ && c !== 49 /* 1 */) return t;
  return t.replace(/^[|I1]['’](?=\p{L})/u, "l'");
}

/**
 * Splits a line at runs of OCR debris (`|`, ". . e ."): each piece is text of
 * one column, or of neighbouring columns that nothing separated. The first
 * piece is marked `lead` when the line starts with it.
 */
/** Token kinds of the line being segmented (a scratch buffer, grown as needed: no typed array a line). */
let kindScratch = new Uint8Array(64);

export function segmentLine(text: string): Segment[] {
  const toks = splitWords(text);
  const n = toks.length;
  // Each token's kind, read once: 0 text, 1 punctuation, 2 a one-letter fragment, 3 another fragment.
  if (kindScratch.length < n) kindScratch = new Uint8Array(n * 2);
  const kind = kindScratch;
  let elided = false;
  for (let i = 0; i < n; i++) {
    const raw = toks[i]!;
    const t = fixElision(raw);
    if (t !== raw) {
      toks[i] = t;
      elided = true;
    }
    kind[i] = isPunct(t) ? 1 : isDebris(t) ? (t.length === 1 ? 2 : 3) : 0;
  }
  const pieces: { words: string[]; lead: boolean }[] = [];
  // The piece being gathered is a run of consecutive tokens: toks[cur..i), none while cur < 0.
  let cur = -1;
  let startsLine = true;
  for (let i = 0; i < n; ) {
    let j = i;
    let punct = 0;
    let letters = 0;
    while (j < n && kind[j] !== 0) {
      const k = kind[j++]!;
      if (k === 1) punct++;
      else if (k === 2) letters++;
    }
    const inner = j - i === 1 && i > 0 && j < n && JOINERS.has(toks[i]!);
    // Two stray letters in a row ("q P") are debris as much as dots are.
    if (j > i && (punct > 0 || letters > 1) && !inner) {
      if (cur >= 0) pieces.push({ words: toks.slice(cur, i), lead: startsLine && pieces.length === 0 });
      cur = -1;
      if (i === 0) startsLine = false;
      i = j;
      continue;
    }
    if (cur < 0) cur = i;
    i++;
  }
  // (A line that is one piece, most, keeps its word list as it is: no copy.)
  if (cur >= 0) pieces.push({ words: cur === 0 ? toks : toks.slice(cur, n), lead: startsLine && pieces.length === 0 });
  // A piece of nothing but one- and two-letter fragments is debris too.
  // A stray letter at either end of a piece is debris as well ("anno 2025 L").
  const stray = (w: string | undefined) => w !== undefined && w.length === 1 && isDebris(w);
  const out: Segment[] = [];
  for (const p of pieces) {
    while (stray(p.words[0])) p.words.shift();
    while (stray(p.words[p.words.length - 1])) p.words.pop();
    if (!p.words.some((w) => w.length > 2 || HAS_DIGIT.test(w))) continue;
    // A line that is one piece, every word kept, is its own text when single-spaced: no joining anew.
    const whole = p.words.length === n && !elided && isSingleSpaced(text);
    out.push({ text: whole ? text : p.words.join(" "), words: p.words, lead: out.length === 0 && p.lead });
  }
  return out;
}

const HAS_DIGIT = /\d/;

/** Any plan year will do: the question is only whether the token names a period. */
const NOMINAL_PERIOD = { from: 2000, to: 2000 };
// Deadline tokens recur on every line of a table: each is read once.
const nominalDates = memo<DateValue | null>();
const readNominalDate = (s: string) => parseDate(s, { period: NOMINAL_PERIOD })?.value ?? null;
const nominalDate = (s: string) => nominalDates(s, readNominalDate);

/** A period or date token that can be a whole deadline cell: "annuale", "2 sem", "Il trim", "31/12/2025". */
export function isDeadlineToken(s: string): boolean {
  if (PERIOD_WORDS.test(s)) return true;
  // A day, half or quarter is written with a digit or a "sem"/"trim" word: a cheap gate before the date parser.
  if (!/\d|sem|trim/i.test(s)) return false;
  const d = nominalDate(s);
  return !!d && (d.precision === "half" || d.precision === "quarter" || d.precision === "day");
}

/** Whether deadline token `a` ends after `b` (false when either holds no readable date). */
function later(a: string, b: string): boolean {
  const x = nominalDate(a)?.iso ?? null;
  const y = nominalDate(b)?.iso ?? null;
  return x !== null && y !== null && x > y;
}

/** Takes a deadline token off the end of the line's last segment. */
function takeDeadline(segments: Segment[]): string | null {
  const last = segments[segments.length - 1];
  if (!last) return null;
  const words = last.words;
  for (let k = 2; k >= 1; k--) {
    if (words.length < k) continue;
    const tail = k === 1 ? words[words.length - 1]! : `${words[words.length - 2]!} ${words[words.length - 1]!}`;
    if (!isDeadlineToken(tail)) continue;
    if (words.length > k) {
      last.words = words.slice(0, -k);
      last.text = last.words.join(" ");
    } else segments.pop();
    return tail;
  }
  return null;
}

// ── lines → records ────────────────────────────────────────────────────

/** A wrapped line of the first column fills at least this share of its width. */
const FULL_LINE = 0.72;

/**
 * An all-capitals line of a few words standing alone (a blank line above it,
 * or the table header right below it): a section heading (the unit), not table
 * text. Capitals inside a cell follow the cell's previous line; a lone
 * capitalised word is an acronym ("CONSIP") more often than a unit.
 */
function isCapsHeading(text: string, standalone: boolean): boolean {
  // Two lowercase letters in a row are never all capitals, whatever OCR did: the common case, decided at once.
  if (!standalone || text.length > 160 || /\p{Ll}\p{Ll}/u.test(text)) return false;
  // OCR reads a capital I after a capital as l ("Al DIRETTORI").
  const letters = text.replace(/(?<=\p{Lu})l\b/gu, "I").replace(/[^\p{L}]/gu, "");
  const words = text.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length;
  return letters.length >= 6 && letters === letters.toUpperCase() && words >= 2 && words <= 12;
}

/** The typical width, in characters, of the first column's full lines. */
function firstColumnWidth(lines: FlatLine[]): number {
  // Lead pieces cut off by a separator: full first-column lines, and shorter last lines.
  const lens = lines
    .filter((l) => l.segments[0]?.lead && l.segments.length > 1)
    .map((l) => l.segments[0]!.text.length)
    .filter((n) => n >= 30)
    .sort((a, b) => a - b);
  return lens.length >= 5 ? lens[Math.floor(lens.length * 0.85)]! : 70;
}

const ACTION_NOUN = /^\p{Lu}\p{Ll}+(zione|zioni|mento|menti)$/u;
const NAME_WORD = /^\p{Lu}\p{L}*$/u;

/**
 * Where a column boundary hides inside a run of words: a capitalised word
 * after a lowercase word that is not an article or preposition ("fornitori
 * Pubblicazione"). Proper nouns mostly follow a capital or a preposition
 * ("Città Metropolitana", "al Consiglio") or run on in capitals ("parco Villa
 * Reale"), and none falls inside brackets. Returns the word index, or -1.
 */
export function capitalBoundary(words: string[], from: number, to: number): number {
  let depth = 0;
  for (let k = 1; k < Math.min(words.length, to); k++) {
    const w = words[k]!;
    const prev = words[k - 1]!;
    // No column boundary inside brackets.
    depth += bracketBalance(prev);
    if (k < from || depth > 0) continue;
    // prev: a word of lowercase letters, not an article or preposition; w: a capitalised word not running on into a name.
    // Every test opens on a capital in w: most words of running text are settled by their first character.
    if (!upperAt(w, 0)) continue;
    const next = words[k + 1] ?? "";
    if (isCapitalisedWord(w) && isLowerWord(prev) && !upperAt(next, 0) && !STOP_WORDS.has(prev.toLowerCase())) return k;
    // A capital "N." (numero) after a lowercase word opens an indicator ("… dei volontari N. esercitazioni svolte"): running text writes "n.".
    if (w === "N." && lowerAt(prev, 0) && lowerAt(next, 0)) return k;
    // After a name, an action noun (-zione, -mento) running on in lowercase opens the next cell ("… Comunali Approvazione del progetto").
    if (lowerAt(next, 0) && upperAt(prev, 0) && ACTION_NOUN.test(w) && NAME_WORD.test(prev)) return k;
  }
  return -1;
}

/** Length of the first `n` words joined by single spaces. */
function joinedLength(words: string[], n: number): number {
  let len = n - 1;
  for (let k = 0; k < n; k++) len += words[k]!.length;
  return len;
}

/** Word index at which the first `chars` characters end. */
function wordsWithin(words: string[], chars: number): number {
  let n = 0;
  let len = -1;
  while (n < words.length && len + 1 + words[n]!.length <= chars) len += 1 + words[n++]!.length;
  return n;
}

const LIST_NUMBER = /^\d{1,2}\)$/;

/**
 * Splits the line's lead segment into the first column's text and the rest,
 * or returns null when the line has no first-column text.
 */
function firstColumnOf(l: FlatLine, width: number, second: number | null, titleOpen: boolean, goOn: boolean): { first: string; tail: string | null; tailWords: string[] | null; ends: boolean } | null {
  const lead = l.segments[0]?.lead ? l.segments[0] : null;
  if (!lead || l.narrow || l.repeated) return null;
  const words = lead.words;
  const full = width * FULL_LINE;
  let cut = words.length;
  const stop = sentenceEnd(words);
  // A list item's number ("2)") inside the run opens a line of another column's list.
  let item = -1;
  for (let k = 1; k < words.length; k++) {
    const w = words[k]!;
    if (w.length <= 3 && w.endsWith(")") && LIST_NUMBER.test(w)) {
      item = k;
      break;
    }
  }
  if (item > 0 && (stop < 0 || item < stop)) cut = item;
  else if (stop > 0) cut = stop;
  else if (lead.text.length > width + 6) {
    // Nothing separates the first column from the next: cut near the column's width.
    const within = wordsWithin(words, width + 2);
    const cap = capitalBoundary(words, wordsWithin(words, width * 0.5), within + 1);
    cut = cap > 0 ? cap : within;
    if (cap <= 0 && second !== null && l.segments.length > 1) cut = fullSecondLine(words, within, second);
  } else if (l.segments.length === 1 && !goOn) {
    // A lead cut off by a separator within the column's width is the first column's text whole.
    const cap = capitalBoundary(words, 1, words.length);
    if (cap > 0 && joinedLength(words, cap) < full) cut = cap;
  }
  // The lead's own text when nothing is cut off (most lines): no joining anew.
  const first = cut === words.length ? lead.text : words.slice(0, cut).join(" ");
  const tailWords = cut < words.length ? words.slice(cut) : null;
  const tail = tailWords ? tailWords.join(" ") : null;
  const ends = first.endsWith(".");
  const upper = upperAt(first, 0);
  if (goOn) return { first, tail, tailWords, ends };
  if (titleOpen) return upper && first.length < full && !l.due ? null : { first, tail, tailWords, ends };
  // A title starts on a full-width line, on the record's middle line when it is
  // one line long, or on a nearly full line that cannot be its last (wrapped).
  if (upper && !runsOn(first) && (first.length >= full || l.due || (unfinished(first) && first.length >= width * 0.65))) return { first, tail, tailWords, ends };
  return null;
}

/** Words that join a phrase to what came before: a title never opens with one, however it is capitalised ("DELLA CITTÀ …"). */
const JOINING = new Set(["di", "del", "della", "dello", "dei", "degli", "delle", "da", "dal", "e", "ed", "nel", "nella", "sul", "sulla", "al", "alla", "o", "con"]);

/** A line that opens on a joining word: it goes on with the text above. */
function runsOn(text: string): boolean {
  const space = text.indexOf(" ");
  return JOINING.has((space < 0 ? text : text.slice(0, space)).toLowerCase());
}

/**
 * The typical width of the second column: pieces a separator closes on both
 * sides, right after first-column text. Null when too few lines show one.
 */
function secondColumnWidth(lines: FlatLine[]): number | null {
  const lens = lines
    .filter((l) => l.segments[0]?.lead && l.segments.length > 2)
    .map((l) => l.segments[1]!.text.length)
    .filter((n) => n >= 20)
    .sort((a, b) => a - b);
  return lens.length >= 2 ? lens[Math.floor((lens.length - 1) / 2)]! : null;
}

/**
 * Where a lead that a separator closes splits into the first column's text
 * and a line of the second: the cut (at most `within` words in) whose rest is
 * closest to the second column's width.
 */
function fullSecondLine(words: string[], within: number, second: number): number {
  let best = within;
  let gap = Infinity;
  // Length of words[k..] joined by spaces, shortened word by word rather than joined anew for each cut.
  let rest = words.reduce((n, w) => n + w.length + 1, -1);
  for (let k = 1; k <= within; k++) {
    rest -= words[k - 1]!.length + 1;
    const d = Math.abs(Math.max(rest, 0) - second);
    if (d < gap) [best, gap] = [k, d];
  }
  return best;
}

/**
 * A title that cannot end here, however short its line: on an article, a
 * preposition or a comma, or with a bracket left open.
 */
function unfinished(title: string): boolean {
  return !titleMayEnd(title) || countChar(title, "(") > countChar(title, ")");
}

/** A title line that can be the last: not ending on an article, a preposition or a comma. */
function titleMayEnd(line: string): boolean {
  const last = lastWord(line).toLowerCase();
  return !STOP_WORDS.has(last) && !/[,'’-]$/.test(last);
}

/**
 * A sentence ends inside the run ("…dei servizi. numero di accessi", "…il CCI
 * 2023. sistema di"): the first column ends there. The word before the stop is
 * a word, a year or a closing bracket, not an abbreviation ("n.", "D.Lgs.").
 */
function sentenceEnd(words: string[]): number {
  for (let k = 1; k < words.length; k++) {
    const w = words[k - 1]!;
    if (w.endsWith(".") && /^[\p{Ll}(]/u.test(words[k]!) && /(\p{L}{4,}|\d{4}|\))[.)]*\.$/u.test(w)) return k;
  }
  return -1;
}

function markNarrowBlocks(lines: FlatLine[], width: number): void {
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && !lines[j]!.blockStart) j++;
    const block = lines.slice(i, j);
    const narrow = block.every((l) => !l.due && l.segments.length === 1 && l.segments[0]!.text.length < width * FULL_LINE);
    if (narrow) for (const l of block) l.narrow = true;
    i = j;
  }
}

/**
 * The middle columns' pieces of one line, each given its column (0 = the
 * second column), read against the pieces held so far by the record a new
 * cell would open in (`opening`) and by the one whose text goes on (`going`:
 * cells are centred, so they run on below the deadline line). Pieces read
 * left to right: the first is the second column's, the others the next
 * column's. A single piece is split where a capitalised word follows a
 * lowercase one (the next column's cell starting there). Whole, it opens the
 * next column's cell when it starts with a capital and the second column's
 * cell has already begun (a record has one cell a column); starting lowercase
 * on a line without first-column text, it goes on with the next column's text
 * when only that one is left unfinished (right after first-column text it is
 * the second column's).
 */
function middlePieces(texts: string[], firstWords: string[], columns: number, opening: Piece[], going: Piece[], afterFirst: boolean): Piece[] {
  if (columns < 2) return texts.map((text) => ({ text, col: 0 }));
  if (texts.length > 1) return texts.map((text, k) => ({ text, col: Math.min(k, columns - 1) }));
  const text = texts[0] ?? "";
  if (text === "") return [];
  // The one text's words, as split before (the text is them joined by single spaces).
  const words = firstWords;
  const cut = capitalBoundary(words, 1, words.length);
  if (cut >= 0)
    return [
      { text: words.slice(0, cut).join(" "), col: 0 },
      { text: words.slice(cut).join(" "), col: 1 },
    ];
  const last = (held: Piece[], col: number) => {
    for (let i = held.length - 1; i >= 0; i--) if (held[i]!.col === col) return held[i]!.text;
    return undefined;
  };
  const opens = last(opening, 0) !== undefined && upperAt(words[0]!, 0);
  const second = last(going, 0);
  const next = last(going, 1);
  const goesOn = !afterFirst && /^\p{Ll}/u.test(words[0]!) && next !== undefined && !titleMayEnd(next) && (second === undefined || titleMayEnd(second));
  return [{ text, col: opens || goesOn ? 1 : 0 }];
}

/**
 * An opening phrase compared case- and punctuation-blind: lower case, every run
 * of characters other than letters and digits one space, trimmed. Phrases of
 * ASCII letters, digits and single spaces (most) are only lowered.
 */
export function openingKey(phrase: string): string {
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c === 32 && i > 0 && phrase.charCodeAt(i - 1) !== 32)) continue;
    return phrase
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }
  return phrase.endsWith(" ") ? phrase.toLowerCase().trimEnd() : phrase.toLowerCase();
}

/**
 * Marks the lines that open with the same phrase (up to the first capital
 * boundary, shorter than a full line) as another line of the table. Objective
 * titles are unique within a table; a repeated opening ("Conclusione dei
 * lavori", "Gestione esecuzione lavori") is a milestone row under a title cell
 * that spans several rows.
 */
function markRepeatedOpenings(lines: FlatLine[], width: number): void {
  const opening = (l: FlatLine): string | null => {
    const lead = l.segments[0]?.lead ? l.segments[0] : null;
    if (!lead || !upperAt(lead.text, 0)) return null;
    const words = lead.words;
    const cut = capitalBoundary(words, 1, words.length);
    const n = cut > 0 ? cut : words.length;
    // A full-width line is a long title's first line, however alike its start (measured before the phrase is joined).
    if (joinedLength(words, n) >= width * FULL_LINE) return null;
    return openingKey(words.slice(0, n).join(" "));
  };
  const keys = lines.map(opening);
  const counts = new Map<string, number>();
  for (const k of keys) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  lines.forEach((l, i) => {
    if ((counts.get(keys[i] ?? "") ?? 0) > 1) l.repeated = true;
  });
}

function assembleRecords(lines: FlatLine[], width: number, columns: number): FlatRecord[] {
  const second = secondColumnWidth(lines);
  markNarrowBlocks(lines, width);
  markRepeatedOpenings(lines, width);
  const records: FlatRecord[] = [];
  let cur: FlatRecord | null = null;
  let titleOpen = false;
  let lastWasTitle = false;
  // Middle-column text met after a record's title and deadline are in belongs to the next record.
  let waiting: Piece[] = [];
  // A block read cell by cell holds one cell: the first such block of a record is its second column.
  let blocks = 0;
  // Middle columns whose cell in the current record has ended.
  const ended = new Set<number>();
  for (const l of lines) {
    // A title line that cannot be the last goes on to the next line, whatever its length.
    const goOn = lastWasTitle && !l.blockStart && cur !== null && unfinished(cur.title.join(" "));
    const col = firstColumnOf(l, width, second, titleOpen || goOn, goOn);
    lastWasTitle = col !== null;
    // The middle columns' texts of the line, and the words of the first of them.
    const segs = col ? l.segments.slice(1) : l.segments;
    const texts = segs.map((s) => s.text);
    let firstWords = segs[0]?.words ?? [];
    if (col) {
      if (col.tail) {
        texts.unshift(col.tail);
        firstWords = col.tailWords!;
      }
      // A capital after a record's deadline, where the title could have ended, opens the next record.
      const next =
        titleOpen && cur?.due != null && upperAt(col.first, 0) && !goOn && !runsOn(col.first) && (l.blockStart || titleMayEnd(cur.title[cur.title.length - 1]!));
      if ((!titleOpen && !goOn) || !cur || next) {
        cur = { row: l.row, title: [], rest: waiting, due: null };
        records.push(cur);
        blocks = waiting.length ? 1 : 0;
        ended.clear();
        waiting = [];
      }
      cur.title.push(col.first);
      titleOpen = col.first.length >= width * FULL_LINE && !col.ends;
    }
    let rest: Piece[];
    if (l.narrow) {
      if (l.blockStart) blocks++;
      rest = texts.map((text) => ({ text, col: Math.min(blocks - 1, columns - 1) }));
    } else {
      // A capital opens a cell of the record still to come once this one's title and deadline are in; lowercase goes on with this one.
      const open = !cur || (!titleOpen && cur.due !== null) ? waiting : cur.rest;
      rest = middlePieces(texts, firstWords, columns, open, cur?.rest ?? [], col !== null);
    }
    const closed = !cur || (!titleOpen && cur.due !== null);
    if (!closed) {
      cur!.rest.push(...rest);
      ended.clear();
    } else
      for (const piece of rest) {
        // Cells are centred: the record's middle cells run on below its deadline
        // line as far as their text continues (lowercase); a capital opens the next cell.
        if (cur && !ended.has(piece.col) && /^\p{Ll}/u.test(piece.text)) cur.rest.push(piece);
        else {
          ended.add(piece.col);
          waiting.push(piece);
        }
      }
    if (l.due && cur) {
      // Another deadline before the next title is a further row under the
      // record's spanning title cell: the record ends with its latest row.
      if (cur.due === null || later(l.due, cur.due)) cur.due = l.due;
    }
  }
  return records;
}

// ── rows in, rows out ──────────────────────────────────────────────────

function tableRow(proto: Row, texts: string[]): Row {
  const cells: Cell[] = texts.map((text) => ({ text }));
  return { page: proto.page, line: proto.line, cells, kind: "table" };
}

/**
 * Rewrites the flattened tables of a document as ordinary table rows; rows
 * outside them pass through unchanged. Documents without a flattened header
 * come back as they were.
 */
export function recoverFlattenedTables(rows: Row[]): Row[] {
  // Pass 1: rows outside flattened tables as they are, runs of table lines gathered.
  const parts: (Row | TableRun)[] = [];
  let header: FlatHeader | null = null;
  let run: TableRun | null = null;
  let unit: Row | null = null;
  let afterBlank = true;
  // Text lines' texts, read once: the header search and the table reading both need them.
  const texts = rows.map((r) => (r.kind === "text" ? rowText(r) : ""));
  // (A line the source marks as a heading, "## Obiettivi operativi 2026 e fasi", heads a section, never a table's columns.)
  const headers = rows.map((r, i) => (r.kind === "text" && r.heading === undefined ? flattenedHeader(texts[i]!) : null));
  // Each header's labels in lower case, made once: a label alone on its line is compared with them.
  const lowered = new Map<FlatHeader, Set<string>>();
  const loweredLabels = (h: FlatHeader) => {
    let set = lowered.get(h);
    if (!set) lowered.set(h, (set = new Set(h.labels.map((l) => l.toLowerCase()))));
    return set;
  };
  // Most documents have no flattened table: nothing more to look at.
  if (!headers.some(Boolean)) return rows;
  rows.forEach((r, i) => {
    if (r.kind === "table") texts[i] = rowText(r);
  });
  rows.forEach((r, i) => {
    const text = texts[i]!;
    const h = headers[i];
    const prevBlank = afterBlank;
    afterBlank = r.kind === "blank";
    if (h) {
      header = h;
      run = null;
      return;
    }
    if (r.kind === "text" && isCapsHeading(text, prevBlank || !!headers[i + 1])) unit = r;
    if (header && r.kind === "blank") return;
    if (!header || r.kind !== "text" || unit === r) {
      // Section headings (the unit) stay between the tables, as blocks of their own.
      run = null;
      if (header) parts.push(blankLike(r), r, blankLike(r));
      else parts.push(r);
      return;
    }
    // A header label alone on its line: the header flattened the other way (one label a line).
    if (text.length <= header.longest && loweredLabels(header).has(text.toLowerCase())) return;
    const segments = segmentLine(text);
    if (!segments.length) return;
    const due = header.roles[header.roles.length - 1] === "due" ? takeDeadline(segments) : null;
    if (!run) {
      run = { header, lines: [], unit };
      parts.push(run);
    }
    run.lines.push({ row: r, segments, due, blockStart: prevBlank });
  });
  if (!header) return rows;
  // Pass 2: the first column's width is a property of the table, measured over all of it.
  const tableLines: FlatLine[] = [];
  for (const p of parts) if ("header" in p) for (const l of p.lines) tableLines.push(l);
  const width = firstColumnWidth(tableLines);
  const out: Row[] = [];
  for (const p of parts) {
    if (!("header" in p)) {
      out.push(p);
      continue;
    }
    const last = p.header.roles.length - 1;
    const records = assembleRecords(p.lines, width, Math.max(1, last - 1));
    if (!records.length) continue;
    const first = records[0]!.row;
    out.push(blankLike(first));
    // The unit's heading again, right above the header: OCR may have set stray cell text in between.
    if (p.unit) out.push({ ...p.unit, page: first.page, line: p.unit.line });
    out.push(tableRow(first, p.header.labels));
    for (const r of records) {
      // Each middle column's pieces in order. Pieces are words joined by single
      // spaces (split at every white space), so joining them needs no folding.
      const middle: string[][] = p.header.roles.map(() => []);
      for (const x of r.rest) if (x.text) middle[x.col + 1]?.push(x.text);
      out.push(tableRow(r.row, p.header.roles.map((_, k) => (k === 0 ? r.title.join(" ") : k === last ? (r.due ?? "") : middle[k]!.join(" ")))));
    }
    out.push(blankLike(first));
  }
  return out;
}

function blankLike(r: Row): Row {
  return { page: r.page, line: r.line, cells: [], kind: "blank" };
}
