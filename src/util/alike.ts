/** Comparing texts the way a reader does: case, accents and punctuation aside. */
import levenshtein from "fast-levenshtein";

/** Lower case, no accents, every run of other characters than a-z and 0-9 one space, trimmed. */
export function comparable(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Two texts already made `comparable` are alike: equal, one the start of the
 * other (a title cut short), or within `min` share of characters by edit distance.
 */
export function alikeComparable(x: string, y: string, min: number): boolean {
  if (x === y || x.startsWith(y) || y.startsWith(x)) return true;
  const n = Math.max(x.length, y.length);
  return n > 0 && 1 - levenshtein.get(x, y) / n >= min;
}
