/**
 * Text from a font without a usable Unicode map: pdf.js falls back on the
 * font's own codes, and a subset font numbers its glyphs in the order it met
 * them, so "ASL VALLE" comes out as "$6/9$//(": characters that exist, in an
 * order no language writes. Such words are told by their shape — symbols
 * inside words, a capital after a lowercase letter, letters and digits mixed
 * outside codes — and a font most of whose words look so is garbled: its page
 * is read by OCR, or (OCR off) its words become U+FFFD so that every field
 * they reach is flagged `text.encoding`.
 */
import type { Word } from "../../doc/geometry.js";

/** Punctuation a word may open or close with. */
const EDGE_RE = /^[([{"'«“‘]+|[)\]}"'»”’.,;:!?]+$/gu;
/** A word of letters: lower case, capitalised or upper case, with apostrophes and hyphens between parts. */
const WORD_RE = /^(?:\p{Ll}+|\p{Lu}\p{Ll}*|\p{Lu}+)(?:['’-](?:\p{Ll}+|\p{Lu}\p{Ll}*|\p{Lu}+))*$/u;
/** Numbers, dates, amounts, percentages. */
const NUMBER_RE = /^[\p{N}.,:/%+\-–€$£°]+$/u;
/** Codes: capitals and digits with separators (OB.01, 2023_S08_05, A.1, n.3). */
const CODE_RE = /^[\p{L}\p{N}]{0,6}(?:[._/-]?[\p{Lu}\p{N}]+)*[._/-]?$/u;
/** Abbreviations with dots (D.Lgs., dott.ssa, s.m.i.). */
const ABBREV_RE = /^(?:\p{L}+\.)+\p{L}*$/u;

/** Lower-case ASCII letters, or one capital and then those: most words of a page, settled without a regular expression. */
function plainWord(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!(c >= 97 && c <= 122) && !(i === 0 && c >= 65 && c <= 90)) return false;
  }
  return true;
}

export function plausibleWord(text: string): boolean {
  if (plainWord(text)) return true;
  const t = text.replace(EDGE_RE, "");
  if (t.length <= 2) return true;
  return WORD_RE.test(t) || NUMBER_RE.test(t) || ABBREV_RE.test(t) || (CODE_RE.test(t) && /\p{N}/u.test(t));
}

/** Settings: a font is garbled when at least `share` of its words (and `minWords` of them) are implausible. */
export const GARBLED = { share: 0.5, minWords: 4 };

/** Fonts (by name) whose words on the page are mostly implausible. */
export function garbledFonts(words: readonly Word[]): Set<string> {
  const by = new Map<string, { n: number; bad: number }>();
  for (const w of words) {
    const k = w.font ?? "";
    const c = by.get(k) ?? { n: 0, bad: 0 };
    c.n++;
    // (A fixed-pitch face's words one space apart come joined, "Regolamento approvato": each part a word.)
    if (w.text.includes(" ") ? !w.text.split(" ").every(plausibleWord) : !plausibleWord(w.text)) c.bad++;
    by.set(k, c);
  }
  const out = new Set<string>();
  for (const [font, c] of by) if (c.bad >= GARBLED.minWords && c.bad >= GARBLED.share * c.n) out.add(font);
  return out;
}
