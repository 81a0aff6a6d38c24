/**
 * OCR text quality against a page's source text.
 *
 * - Word recall / precision, order-free: both texts become multisets of
 *   normalised word tokens and the shared count is the multiset intersection.
 *   Reading order does not matter, which is what a table page needs: OCR and
 *   the source agree on the words of a cell but not on the order cells are
 *   read in.
 * - CER: Levenshtein distance between the two texts (whitespace collapsed)
 *   over the source length. Reported because it is the usual figure, but on
 *   table pages it is dominated by reading order (a cell read before its left
 *   neighbour costs its whole length twice), not by misread characters.
 */
import levenshtein from "fast-levenshtein";

/**
 * A word token: NFC, typographic quotes and apostrophes folded to ASCII,
 * lower case, punctuation stripped at both ends. Tokens with no letter or
 * digit (table borders read as `|` `[` `—`, lone punctuation) are not words
 * and are left out of both sides.
 */
export function tokens(text) {
  const out = [];
  for (const raw of text.normalize("NFC").replace(/[’‘`´]/g, "'").replace(/[“”«»]/g, '"').toLowerCase().split(/\s+/)) {
    const t = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (/[\p{L}\p{N}]/u.test(t)) out.push(t);
  }
  return out;
}

function bag(words) {
  const m = new Map();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Shared, reference and OCR token counts: add them up over pages before dividing. */
export function wordCounts(reference, ocr) {
  const ref = tokens(reference);
  const got = tokens(ocr);
  const pool = bag(ref);
  let shared = 0;
  for (const w of got) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(w, n - 1);
    }
  }
  return { shared, ref: ref.length, ocr: got.length };
}

/** Character edits and reference length, whitespace collapsed on both sides. */
export function charCounts(reference, ocr) {
  const ref = reference.replace(/\s+/g, " ").trim();
  const got = ocr.replace(/\s+/g, " ").trim();
  return { edits: levenshtein.get(ref, got), ref: ref.length };
}

/** Sums per-page counts and returns the ratios (recall, precision, CER). */
export function totals(pages) {
  const s = pages.reduce(
    (a, p) => ({ shared: a.shared + p.words.shared, ref: a.ref + p.words.ref, ocr: a.ocr + p.words.ocr, edits: a.edits + p.chars.edits, chars: a.chars + p.chars.ref }),
    { shared: 0, ref: 0, ocr: 0, edits: 0, chars: 0 },
  );
  return { recall: s.ref ? s.shared / s.ref : 1, precision: s.ocr ? s.shared / s.ocr : 1, cer: s.chars ? s.edits / s.chars : 0 };
}

/** Tesseract TSV → text: level-5 words joined by spaces within a line, lines by newlines, in tesseract's order. */
export function tsvText(tsv) {
  const lines = new Map();
  for (const row of tsv.split("\n")) {
    const f = row.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join("\t").trim();
    if (!text) continue;
    const key = `${f[1]}.${f[2]}.${f[3]}.${f[4]}`;
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key).push(text);
  }
  return [...lines.values()].map((w) => w.join(" ")).join("\n");
}
