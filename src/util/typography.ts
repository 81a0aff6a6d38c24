/**
 * Typographic characters that tools leave in exported text and a reader reads
 * as plain ones: ligatures from PDF-to-text tools ("ﬁnanziamenti"), the
 * non-breaking and other Unicode hyphens inside codes and dates ("OB‑1",
 * "31‑12‑2026", and en dashes set inside one token, "UMG–DG–02"), full-width
 * digits and letters, and footnote marks set as superscript digits after a
 * value ("20%¹", "Obiettivo³": the note's number, no part of the value; "m²"
 * keeps its square) or as stars in brackets ("Titolo (*)").
 *
 * Every text goes through here: each change is looked for with a plain
 * character test first, and only the characters found are visited.
 */

const LIGATURES: Record<string, string> = { "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st" };

const LIGATURE_RE = /[\uFB00-\uFB06]/g;
const HAS_LIGATURE = /[\uFB00-\uFB06]/;
const HAS_HYPHEN = /[\u2010\u2011\u2012]/;
const HAS_FULL_WIDTH = /[\uFF01-\uFF5E]/;
const HYPHEN_RE = /[\u2010\u2011\u2012]/g;
const DASH_RE = /[–—]/g;
const FULL_WIDTH_RE = /[\uFF01-\uFF5E]/g;
const SUPERSCRIPT_RE = /[¹²³\u2070\u2074-\u2079]/;
/** Superscript digits right after a word, a number, a percent sign or a bracket, not after a unit's m (m², km³). */
const FOOTNOTE_MARK_RE = /(?<=[\p{L}\d%)\]*])(?<![mM])[¹²³\u2070\u2074-\u2079]+/gu;
/** A footnote's mark in brackets after a value: "Titolo (*)", "peso 20% (**)" (not the note's own mark opening its line). */
const STAR_MARK_RE = /(?<=[^\s(])[ \t]*\(\*{1,3}\)/g;

/** A letter or a digit of any script, asked of the two characters beside a dash. */
function wordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\d]/u.test(c);
}

export function plainTypography(text: string): string {
  let t = text;
  if (HAS_LIGATURE.test(t)) t = t.replace(LIGATURE_RE, (c) => LIGATURES[c]!);
  if (HAS_HYPHEN.test(t)) t = t.replace(HYPHEN_RE, "-");
  // A dash set between letters or digits with no space, inside one token ("UMG–DG–02.2", "31–12–2026"): a hyphen.
  if (t.includes("–") || t.includes("—")) t = t.replace(DASH_RE, (d, at: number, s: string) => (wordChar(s[at - 1]) && wordChar(s[at + 1]) ? "-" : d));
  if (HAS_FULL_WIDTH.test(t)) t = t.replace(FULL_WIDTH_RE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (SUPERSCRIPT_RE.test(t)) t = t.replace(FOOTNOTE_MARK_RE, "");
  if (t.includes("(*")) t = t.replace(STAR_MARK_RE, "");
  return t;
}
