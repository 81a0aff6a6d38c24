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
