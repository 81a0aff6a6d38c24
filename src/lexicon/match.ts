/**
 * Fuzzy matching of header cells and card labels against the vocabulary.
 *
 * Comparison is on normalised tokens (accents, punctuation, stop words and
 * bare numbers removed; a 4-digit year is kept aside). A header equal to a term
 * scores 1; a term that opens a longer header scores by how much of it it
 * covers; OCR-damaged words match within a small Levenshtein distance.
 */
import levenshtein from "fast-levenshtein";
import { comparable } from "../util/alike.js";
import { splitWords } from "../util/text.js";
import { memo } from "../util/memo.js";
import { NUMBER_SIGN, STOP_WORDS, VOCABULARY, type Role } from "./vocabulary.js";

export interface Tokens {
  words: string[];
  /** A year printed in the label ("Valore raggiunto 2022", "peso step/2025"). */
  year: number | null;
}

const YEAR_RE = /^(19|20)\d\d$/;
/** A word of letters with zeros among them, two letters at least and no other digit. */
const OCR_WORD = /^(?=(?:[^0]*[a-z]){2})[a-z0]+$/;

const normalized = memo<string>();

/** Lower case, no accents, no punctuation. Memoised: labels and short values recur. */
export function normalizeLabel(s: string): string {
  // Long texts are prose, not labels: hashing them for the memo costs more than it saves.
  return s.length > 80 ? comparable(s) : normalized(s, comparable);
}


export function tokens(s: string): Tokens {
  let year: number | null = null;
  const words: string[] = [];
  for (let w of normalizeLabel(s).split(" ")) {
    if (!w) continue;
    // A scan's 0 for an o inside a word ("Pes0", "0biettivo"): the word.
    if (w.includes("0") && OCR_WORD.test(w)) w = w.replace(/0/g, "o");
    if (YEAR_RE.test(w)) {
      year = Number(w);
      continue;
    }
    if (/^\d+$/.test(w) || STOP_WORDS.has(w)) continue;
    words.push(w);
  }
  return { words, year };
}

interface Term {
  role: Role;
  words: string[];
  joined: string;
}

const TERMS: Term[] = VOCABULARY.flatMap((e) =>
  e.terms.map((t) => {
    const words = tokens(t).words;
    return { role: e.role, words, joined: words.join(" ") };
  }),
);

/** Words equal, or within OCR distance for longer words. */
function wordEq(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 5) return false;
  const d = levenshtein.get(a, b);
  // (Two letters swapped, as people type: "scadneza" for "scadenza", one slip.)
  return d <= (n >= 9 ? 2 : 1) || (d === 2 && swapped(a, b));
}

/** The two words differ only by two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Every word of every term, and every term's first word, for the cheap test below. */
const TERM_WORDS = [...new Set(TERMS.flatMap((t) => t.words))];
const TERM_FIRST_WORDS = [...new Set(TERMS.flatMap((t) => t.words.slice(0, 1)))];

/** Whether a normalised word equals one of `words` up to OCR distance (`wordEq`). */
function amongWords(w: string, words: readonly string[]): boolean {
  return words.some((t) => wordEq(w, t));
}

interface WordTally {
  /** Normalised words the raw word gives (none for stop words and numbers). */
  words: number;
  /** How many of them no term has. */
  foreign: number;
  /** Its first normalised word can open a term. */
  opens: boolean;
}

const wordTally = memo<WordTally>();

function tally(raw: string): WordTally {
  return wordTally(raw, computeTally);
}

function computeTally(raw: string): WordTally {
  const t = tokens(raw).words;
  return {
    words: t.length,
    foreign: t.filter((w) => !amongWords(w, TERM_WORDS)).length,
    opens: t.length > 0 && amongWords(t[0]!, TERM_FIRST_WORDS),
  };
}

/** Whether a line opening with this raw word could be a run of labels (see `mayBeLabels`). */
export function mayOpenLabels(rawWord: string): boolean {
  const t = tally(rawWord);
  return t.words === 0 || t.opens;
}

/**
 * Whether the words of a line could be read as a run of labels each scoring
 * at least 0.9 in `matchRole`. Such a label is a term up to OCR distance, or a
 * term of at least four words followed by at most a fifth of the label's
 * words: so the line opens with a term's first word, and no more than a fifth
 * of its words are foreign to the vocabulary. A necessary condition only, and
 * cheap (a memo look-up a word, most prose rejected at its first word),
 * where reading every run of words against every term is not.
 */
export function mayBeLabels(rawWords: readonly string[]): boolean {
  let words = 0;
  let foreign = 0;
  for (const w of rawWords) {
    const t = tally(w);
    if (words === 0 && t.words > 0 && !t.opens) return false;
    words += t.words;
    foreign += t.foreign;
  }
  return words > 0 && foreign <= words / 5;
}

function startsWithWords(words: string[], term: string[]): boolean {
  if (term.length > words.length) return false;
  for (let i = 0; i < term.length; i++) if (!wordEq(words[i]!, term[i]!)) return false;
  return true;
}

export interface RoleMatch {
  role: Role;
  score: number;
  year: number | null;
  /** Number of label words the term covered (from the start). */
  covered: number;
}

const roleMatches = memo<RoleMatch | null>();

/** A label is at most this long, with at most this many spaces (12 words and their stop words). */
const LABEL_MAX_LENGTH = 80;
const LABEL_MAX_SPACES = 16;

function spaces(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

/** Best role for a whole label; null when nothing scores above `min`. */
export function matchRole(label: string, min = 0.7): RoleMatch | null {
  // No label is a paragraph: long texts are answered before the memo, which they would only crowd.
  if (label.length > LABEL_MAX_LENGTH || spaces(label) > LABEL_MAX_SPACES) return null;
  const best = roleMatches(label, computeMatch);
  return best && best.score >= min ? best : null;
}

/** Terms that are a bare preposition ("dal", "al" over date columns): tokens drop them, so they match whole. */
const PREPOSITION_TERMS = new Map(
  VOCABULARY.flatMap((e) => e.terms.filter((t) => STOP_WORDS.has(t)).map((t) => [t, e.role] as const)),
);

function computeMatch(label: string): RoleMatch | null {
  const best = computeVotes(label)[0] ?? null;
  if (best !== null && best.score >= SURE_SCORE) return best;
  // A label printed in two languages, "Indicatore / Indikator", "Peso / Gewichtung", "Scadenza / Rok": both
  // halves naming one role surely name it.
  const slash = label.indexOf(" / ");
  if (slash > 0 && label.indexOf(" / ", slash + 1) < 0) {
    const left = computeVotes(label.slice(0, slash).trim())[0];
    const right = computeVotes(label.slice(slash + 3).trim())[0];
    if (left && right && left.role === right.role && Math.min(left.score, right.score) >= SURE_SCORE) return { ...left, score: Math.min(left.score, right.score) };
  }
  // A label qualified by what it is measured on ("Peso sull'insieme degli obiettivi", "Termine di realizzazione
  // previsto"): the words before the qualifier name the field, when they surely do.
  const q = QUALIFIER.exec(label);
  if (q && q.index > 0 && (best === null || best.score < SURE_SCORE)) {
    const head = computeVotes(label.slice(0, q.index).trim())[0];
    if (head && head.score >= SURE_SCORE && head.role !== "extra") return { ...head, score: SURE_SCORE };
  }
  // A label explained in brackets after it, "Obiettivo (titolo e descrizione)", "Resp. (referente)", "Indicatore
  // (formula)": the words before the bracket name the field, when they surely do.
  const b = label.indexOf(" (");
  if (b > 0 && label.endsWith(")") && (best === null || best.score < SURE_SCORE)) {
    const head = computeVotes(label.slice(0, b).trim())[0];
    if (head && head.score >= SURE_SCORE && head.role !== "extra") return { ...head, score: SURE_SCORE };
  }
  return best;
}

/** A qualifier after a label's words: "sul totale", "sull'insieme …", "rispetto al …", "nell'ambito …". */
const QUALIFIER = /\s(?:sul|sull['’]|sulla|sui|sugli|rispetto\s+a|nell['’]ambito|in\s+rapporto\s+a|riferit[oa]\s+a)/iu;

/** A label's score that makes its role sure (a term, or a term up to OCR noise). */
const SURE_SCORE = 0.9;

const roleVoteMemo = memo<RoleMatch[]>();

/**
 * Every role a label may name, best first, each with its best score: the
 * vocabulary's vote on a header or a card label. An abbreviated label
 * ("Resp.", "Scad.", "V. att.") votes for each term it abbreviates; the
 * values under it decide between them (see parse/columns.ts).
 */
export function roleVotes(label: string): readonly RoleMatch[] {
  if (label.length > LABEL_MAX_LENGTH || spaces(label) > LABEL_MAX_SPACES) return [];
  return roleVoteMemo(label, computeVotes);
}

/** An abbreviation's score: below a whole word's, rising with how much of the term it spells. */
const ABBREVIATION_BASE = 0.7;
const ABBREVIATION_SPAN = 0.15;

/**
 * Label words that abbreviate a term's words one by one ("resp" → "responsabile",
 * "v att" → "valore atteso"): each a prefix of the term's word, one of them at
 * least three letters long. The share of the term's letters spelt, or 0.
 */
function abbreviates(words: readonly string[], term: readonly string[]): number {
  if (words.length !== term.length) return 0;
  let spelt = 0;
  let total = 0;
  let long = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const t = term[i]!;
    if (!t.startsWith(w)) return 0;
    if (w.length >= 3) long = true;
    spelt += w.length;
    total += t.length;
  }
  return long ? spelt / total : 0;
}

function computeVotes(label: string): RoleMatch[] {
  const t = tokens(label);
  if (t.words.length === 0) {
    const role = t.year === null ? PREPOSITION_TERMS.get(normalizeLabel(label)) : undefined;
    return role ? [{ role, score: 1, year: null, covered: 1 }] : [];
  }
  if (t.words.length > 12) return [];
  const joined = t.words.join(" ");
  const best = new Map<Role, RoleMatch>();
  const offer = (role: Role, score: number, covered: number) => {
    const b = best.get(role);
    if (!b || score > b.score || (score === b.score && covered > b.covered)) best.set(role, { role, score, year: t.year, covered });
  };
  for (const term of TERMS) {
    if (term.words.length === 0) continue;
    if (term.joined === joined) {
      offer(term.role, 1, term.words.length);
      continue;
    }
    if (startsWithWords(t.words, term.words)) {
      // Exact up to OCR noise over the whole label, or a term opening a longer label.
      const ratio = term.words.length / t.words.length;
      offer(term.role, ratio === 1 ? 0.95 : 0.5 + 0.5 * ratio, term.words.length);
      continue;
    }
    if (Math.abs(term.joined.length - joined.length) <= 3 && joined.length >= 6) {
      const sim = 1 - levenshtein.get(term.joined, joined) / Math.max(term.joined.length, joined.length);
      if (sim >= 0.8) {
        offer(term.role, 0.9 * sim, term.words.length);
        continue;
      }
    }
    const spelt = abbreviates(t.words, term.words);
    if (spelt > 0) offer(term.role, ABBREVIATION_BASE + ABBREVIATION_SPAN * spelt, term.words.length);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || b.covered - a.covered);
}

export interface LabelPrefix {
  role: Role;
  score: number;
  /** Raw text after the label, trimmed of separators (`: `, `-`). */
  rest: string;
}

/**
 * A label fused with its value in one cell ("RESPONSABILE Mario Rossi",
 * "OBIETTIVO 1.1", "CENTRO RESPONSABILITA' 01. Area …"): the longest vocabulary
 * term that opens the text, and the raw remainder.
 */
const labelPrefixes = memo<LabelPrefix | null>();

export function matchLabelPrefix(text: string): LabelPrefix | null {
  // Only a short text's answer is kept: a long one is read once, mostly rejected at its first word.
  return text.length > LABEL_MAX_LENGTH ? computeLabelPrefix(text) : labelPrefixes(text, computeLabelPrefix);
}

const FIRST_WORD_RE = /^\s*(\S+)/;
/** A counter after a label: "n. 1", "n° 3", "nr. 12". */
const COUNTER = new RegExp(String.raw`^${NUMBER_SIGN}\s*\d`, "iu");

function computeLabelPrefix(text: string): LabelPrefix | null {
  // A prefix that scores 0.9 opens with a term's first word (see mayBeLabels): most values do not.
  const first = FIRST_WORD_RE.exec(text);
  if (!first || !mayOpenLabels(first[1]!)) return null;
  return readLabelPrefix(text);
}

/** @internal The label reading itself, without the cheap filter (tested against it). */
export function readLabelPrefix(text: string): LabelPrefix | null {
  const rawWords = splitWords(text);
  // "L'Area Polizia …" is a sentence opening with an article, not the label "Area".
  if (/^[\p{L}]{1,3}['’]/u.test(rawWords[0] ?? "")) return null;
  let best: LabelPrefix | null = null;
  let bestLen = 0;
  // Try growing raw prefixes; the term must cover the whole prefix.
  let prefix = "";
  for (let k = 1; k <= Math.min(rawWords.length, 7); k++) {
    // A colon closes the label: no longer prefix runs past it ("Servizio: Ufficio Tecnico" is a label and its value).
    if (k > 1 && rawWords[k - 2]!.endsWith(":")) break;
    // The first k words joined by single spaces, one word longer each time.
    prefix = k === 1 ? rawWords[0]! : `${prefix} ${rawWords[k - 1]!}`;
    // A label does not end on a preposition: "incidenza obiettivo sul …" goes on.
    if (STOP_WORDS.has(normalizeLabel(rawWords[k - 1]!))) continue;
    const m = matchRole(prefix, 0.9);
    if (!m || m.year !== null) continue;
    const pw = tokens(prefix).words.length;
    const rest = rawWords.slice(k).join(" ").replace(/^[\s:.\-–]+/, "");
    // A value opens with a capital, a digit, a quote or a comparator ("target ≥ 55%"); a lower-case word
    // continues the label itself ("descrizione sintetica azioni"), unless a colon closes the label
    // ("valore atteso: almeno 45").
    // (Nor does a counter, "OBIETTIVO OPERATIVO n. 1", "Scheda n° 3": its "n." is the value's.)
    if (rest && !/^[\p{Lu}\d"'«(€≥≤<>=]/u.test(rest) && !COUNTER.test(rest) && !rawWords[k - 1]!.endsWith(":")) continue;
    if (pw > bestLen || (pw === bestLen && best && m.score > best.score)) {
      best = { role: m.role, score: m.score, rest };
      bestLen = pw;
    }
  }
  return best;
}
