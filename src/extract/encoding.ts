/**
 * Windows-1252 and mojibake: one table and one test, shared by the text
 * extractor (decoding, counting damaged lines) and the reconciler (flagging
 * fields).
 */

/**
 * What Windows-1252 puts at 0x80–0x9F. Node built with small ICU decodes
 * "windows-1252" as Latin-1 and leaves these as C1 controls; the five
 * positions Windows-1252 leaves undefined keep their C1 code point.
 */
export const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

const PRINTABLE_HIGH = CP1252_HIGH.replace(/[\u0080-\u009f]/g, "");

/**
 * U+FFFD, or the signature of UTF-8 bytes decoded as Latin-1/Windows-1252:
 * `Ã` or `Â` followed by what a UTF-8 continuation byte (0x80–0xBF) becomes in
 * those code pages (`Ã¨` è, `Ã©` é, `Ã ` à — the NBSP often folded to a space —
 * `Ã¹` ù, `Ã²` ò, `Ãˆ` È; a lone `Ã` before punctuation is an à whose NBSP was
 * dropped), and `â€` + one char (`â€™` ’, `â€œ` “, `â€“` –).
 * `Ã`, `Â` and `â€` do not occur in correctly decoded Italian text.
 */
export const MOJIBAKE_RE = new RegExp(
  `\uFFFD|Ã[\u0080-\u00BF${PRINTABLE_HIGH} ]|Ã(?=[.,;:!?)\\]]|$)|Â[\u00A0-\u00BF]|â€[\u0080-\u00BF${PRINTABLE_HIGH}]`,
);
/** Whether the text holds a character damage starts with: when not, no part of it has bad encoding. */
export function mayHaveBadEncoding(s: string): boolean {
  // Four native character searches over a whole text rather than the class's scan (a test of each position).
  return s.includes("Ã") || s.includes("Â") || s.includes("â") || s.includes("\uFFFD");
}

export function hasBadEncoding(s: string): boolean {
  // The cheap class test first: almost every string has none of these characters.
  return mayHaveBadEncoding(s) && MOJIBAKE_RE.test(s);
}

/**
 * UTF-16 without a byte-order mark, told by where its NUL bytes fall: text in
 * Latin script has a NUL in the high byte of nearly every code unit (odd
 * offsets in little-endian, even in big-endian) and almost none in the low one.
 * Looks at the first 64 KiB; null when the bytes do not look so.
 */
export function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 65536) & ~1;
  if (n < 4) return null;
  let evenNul = 0,
    oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= 0.8 * units && evenNul <= 0.02 * units) return "utf-16le";
  if (evenNul >= 0.8 * units && oddNul <= 0.02 * units) return "utf-16be";
  return null;
}
