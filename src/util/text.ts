/** Small text predicates asked of every word or cell, kept cheap. */

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;

/**
 * Whether the text holds a letter or a digit (of any script). Most texts
 * open with an ASCII letter or digit, which settles it without the Unicode
 * class scan.
 */
export function hasWordChar(s: string): boolean {
  const c = s.charCodeAt(0);
  const lower = c | 32;
  if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) return true;
  return WORD_CHAR_RE.test(s);
}

/** How many letters and digits (of any script) the text holds. */
export function countWordChars(s: string): number {
  let n = 0;
  for (const ch of s) if (WORD_CHAR_RE.test(ch)) n++;
  return n;
}

/** The characters `\s` matches in a JavaScript regular expression. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * How many pieces `s.split(/\s+/)` gives, without building them: the word
 * count the parsers ask of every line and cell ("a label has few words").
 */
export function wordCount(s: string): number {
  let n = 1;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    const space = isSpaceCode(s.charCodeAt(i));
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

/** `s.replace(/\s*:$/, "")`: a closing colon and the white space before it removed, the expression run only where a colon closes `s`. */
export function dropColon(s: string): string {
  return s.endsWith(":") ? s.replace(/\s*:$/, "") : s;
}

/** How many times the character `ch` (one UTF-16 unit) occurs in `s`. */
export function countChar(s: string, ch: string): number {
  const c = ch.charCodeAt(0);
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) if (s.charCodeAt(i) === c) n++;
  return n;
}

/** Opening minus closing round brackets in `s` (`countChar(s, "(") - countChar(s, ")")`), in one pass. */
export function bracketBalance(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) n++;
    else if (c === 41) n--;
  }
  return n;
}

/** The last space-separated word of `s` (all of it when it has no space). */
export function lastWord(s: string): string {
  return s.slice(s.lastIndexOf(" ") + 1);
}

/**
 * The words of `s`: what `s.split(/\s+/).filter(Boolean)` gives, in one pass
 * over the characters without the regular expression (every line of a
 * flattened table is split so, several times).
 */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isSpaceCode(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Whether `s` is its words joined by single spaces: `splitWords(s).join(" ") === s`, without building them. */
export function isSingleSpaced(s: string): boolean {
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c < 128 ? c >= 9 && c <= 13 : isSpaceCode(c)) return false;
    else prevSpace = false;
  }
  return !prevSpace;
}

/** Letter case of a UTF-16 unit: 1 upper (\p{Lu}), 2 lower (\p{Ll}), 3 neither; 0 not yet known. */
const CASE_OF = new Uint8Array(0x10000);
const UPPER_CHAR_RE = /^\p{Lu}$/u;
const LOWER_CHAR_RE = /^\p{Ll}$/u;

function caseOf(c: number): number {
  let k = CASE_OF[c]!;
  if (k === 0) {
    // A lone surrogate is no letter; callers fall back to the regular expression for those.
    const ch = String.fromCharCode(c);
    k = UPPER_CHAR_RE.test(ch) ? 1 : LOWER_CHAR_RE.test(ch) ? 2 : 3;
    CASE_OF[c] = k;
  }
  return k;
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/** Letter case of the character at `i` (1 upper, 2 lower, 3 neither, 0 past the end); outside the BMP read whole by the expressions. */
function caseAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90 ? 1 : c >= 97 && c <= 122 ? 2 : 3;
  if (isSurrogate(c)) {
    const ch = s.slice(i, i + 2);
    return /^\p{Lu}/u.test(ch) ? 1 : /^\p{Ll}/u.test(ch) ? 2 : 3;
  }
  return caseOf(c);
}

/**
 * Whether the character at `i` is an upper-case letter (`\p{Lu}`), or a
 * lower-case one (`\p{Ll}`): the per-word tests of the flattened reader, by a
 * table look-up instead of a Unicode regular expression.
 */
export function upperAt(s: string, i: number): boolean {
  return caseAt(s, i) === 1;
}

export function lowerAt(s: string, i: number): boolean {
  return caseAt(s, i) === 2;
}

/** `/^\p{Lu}\p{Ll}{3,}/u.test(w)`: a capitalised word of four letters or more. */
export function isCapitalisedWord(w: string): boolean {
  if (w.length < 4) return false;
  for (let i = 0; i < 4; i++) if (isSurrogate(w.charCodeAt(i))) return /^\p{Lu}\p{Ll}{3,}/u.test(w);
  return upperAt(w, 0) && lowerAt(w, 1) && lowerAt(w, 2) && lowerAt(w, 3);
}

/** `/^\p{Ll}.*\p{Ll}$/u.test(w)` for a word (no line break inside): lowercase at both ends. */
export function isLowerWord(w: string): boolean {
  const n = w.length;
  if (n < 2) return false;
  if (isSurrogate(w.charCodeAt(0)) || isSurrogate(w.charCodeAt(n - 1))) return /^\p{Ll}.*\p{Ll}$/u.test(w);
  return lowerAt(w, 0) && lowerAt(w, n - 1);
}

const LIST_MARKER_RE = /^(?:[•●▪◦‣∙○■□➢►–—*-]|\(?\d{1,3}[.)]|\(?[a-z]\))(?=\s)/;

/**
 * The marker opening a list item — a bullet (`•`, `–`, `-`, `*` …), a number
 * (`1.`, `2)`, `(3)`) or a letter (`a)`) followed by white space — or null.
 */
export function listMarker(s: string): string | null {
  const c = s.charCodeAt(0);
  // Only a digit, a lowercase letter, "(" or a bullet character can open one.
  if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 40 || c === 42 || c === 45 || c >= 0x2013)) return null;
  const m = LIST_MARKER_RE.exec(s);
  return m ? m[0] : null;
}

/** A field's line: a label of a few words, a colon, its value ("Peso: 25%", "Target 2026: ≥ 90%"). */
const FIELD = String.raw`\p{L}[\p{L}\d'’ .()/-]{0,40}:\s+\S`;
export const FIELD_LINE = new RegExp(String.raw`^\s*${FIELD}`, "u");
/** The same after a bullet, as a PDF page sets a list of fields. */
export const BULLETED_FIELD_LINE = new RegExp(String.raw`^\s*(?:[•▪◦-]\s*)?${FIELD}`, "u");

/** A page's number alone: "- 2 -", "Pagina 3 di 5", "pag. 14", "2/5". */
const PAGE_NUMBER = /^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:pagina|pag\.?|p\.)\s*\d{1,4}(?:\s*(?:di|\/)\s*\d{1,4})?|\d{1,4}\s*(?:\/|di)\s*\d{1,4})$/i;

/** A line holding only a page number (a text dump's page foot, a PDF's running foot, a block of one). */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return t.length <= 24 && PAGE_NUMBER.test(t);
}

/** A text wholly in capitals (three capitals in a row at least, no lower-case letter): a title so printed. */
export function isCapitals(t: string): boolean {
  return /\p{Lu}{3}/u.test(t) && !/\p{Ll}/u.test(t);
}
