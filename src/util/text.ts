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

/** How many times the character `ch` (one UTF-16 unit) occurs in `s`. */
export function countChar(s: string, ch: string): number {
  const c = ch.charCodeAt(0);
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) if (s.charCodeAt(i) === c) n++;
  return n;
}

/** The last space-separated word of `s` (all of it when it has no space). */
export function lastWord(s: string): string {
  return s.slice(s.lastIndexOf(" ") + 1);
}
