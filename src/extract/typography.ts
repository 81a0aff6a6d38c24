/**
 * Typographic characters that tools leave in exported text and a reader reads
 * as plain ones: ligatures from PDF-to-text tools ("ﬁnanziamenti"), the
 * non-breaking and other Unicode hyphens inside codes and dates ("OB‑1",
 * "31‑12‑2026", and en dashes set inside one token, "UMG–DG–02"), full-width digits and letters, and footnote marks set as
 * superscript digits after a value ("20%¹", "Obiettivo³": the note's number,
 * no part of the value; "m²" keeps its square).
 */

const LIGATURES: Record<string, string> = { "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st" };

/** Any character `plainTypography` changes: one scan of a text settles that most need nothing. */
const TYPOGRAPHY_RE = /[\uFB00-\uFB06\u2010\u2011\u2012\uFF01-\uFF5E¹²³\u2070-\u2079]|[\p{L}\d][–—][\p{L}\d]|\(\*{1,3}\)/u;
/** A footnote's mark in brackets after a value: "Titolo (*)", "peso 20% (**)" (not the note's own mark opening its line). */
const STAR_MARK_RE = /(?<=[^\s(])[ \t]*\(\*{1,3}\)/g;
const LIGATURE_RE = /[\uFB00-\uFB06]/g;
const HYPHEN_RE = /[\u2010\u2011\u2012]/g;
/** A dash set between letters or digits with no space, inside one token ("UMG–DG–02.2", "31–12–2026"): a hyphen. */
const INNER_DASH_RE = /(?<=[\p{L}\d])[–—](?=[\p{L}\d])/gu;
const FULL_WIDTH_RE = /[\uFF01-\uFF5E]/g;
/** Superscript digits right after a word, a number, a percent sign or a bracket, not after a unit's m (m², km³). */
const FOOTNOTE_MARK_RE = /(?<=[\p{L}\d%)\]*])(?<![mM])[¹²³\u2070\u2074-\u2079]+/gu;

export function plainTypography(text: string): string {
  if (!TYPOGRAPHY_RE.test(text)) return text;
  return text
    .replace(LIGATURE_RE, (c) => LIGATURES[c]!)
    .replace(HYPHEN_RE, "-")
    .replace(INNER_DASH_RE, "-")
    .replace(FULL_WIDTH_RE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(FOOTNOTE_MARK_RE, "")
    .replace(STAR_MARK_RE, "");
}
