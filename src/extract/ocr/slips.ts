/**
 * OCR slips the shape of the value settles. Tesseract confuses glyphs that
 * look alike (`0`/`O`, `l`/`I`/`1`) most in short tokens, which have no
 * dictionary word to lean on: codes and the Roman numeral of a period. Where
 * the token's shape leaves one reading, that reading is taken:
 *
 * - A code is a letter prefix and numbers joined by `.` `-` `_` `/`
 *   (`OB.02`, `OP-07`): in a prefix of capitals a `0` is the letter O
 *   (`0B.02`), and in a number an `O` is the digit (`OB.O2`); a bar read
 *   as `l` or `|` glued to its front is the cell's border (`l0P-03`).
 * - Before a period noun (`semestre`, `trimestre`…) at the start of a line,
 *   two or three strokes read as `il`, `ll`, `1l` are the numeral `II`/`III`
 *   (the article `il` sits inside a line: "entro il semestre"), and only
 *   when a year or nothing follows the noun, as in a deadline cell.
 */
import type { TsvWord } from "./words.js";

/** A code: capitals (or zeros read for O) then numbers, with separators. */
const CODE = /^([A-Z0]*[A-Z][A-Z0]*)((?:[.\-_/][0-9O]+)+[.\-_/]?)$/;
/** Period nouns a Roman ordinal stands before (and their abbreviations). */
const PERIOD_NOUN = /^(semestre|trimestre|quadrimestre|bimestre|sem|trim|quadrim|bim)\.?$/i;
/** Two or three vertical strokes as tesseract reads them. */
const STROKES = /^[iIl1|]{2,3}$/;
const YEAR = /^(19|20)\d\d[.,;]?$/;

/** The words with the slips their shape settles put right (text only: boxes and confidences stay). */
export function settleSlips(words: readonly TsvWord[]): TsvWord[] {
  return words.map((w, i) => {
    const code = settleCode(w.text);
    if (code !== w.text) return { ...w, text: code };
    if (STROKES.test(w.text) && w.text !== "II" && w.text !== "III" && romanBeforePeriod(words, i)) return { ...w, text: "I".repeat(w.text.length) };
    return w;
  });
}

function settleCode(text: string): string {
  // A bar glued to the front of a code is the cell's border (`l0P-03`): no code opens with a lower-case l.
  const bare = /^[l|!][A-Z0]/.test(text) && CODE.test(text.slice(1)) ? text.slice(1) : text;
  const m = CODE.exec(bare);
  if (!m) return bare;
  const prefix = m[1]!.replace(/0/g, "O");
  const numbers = m[2]!.replace(/[0-9O]+/g, (n) => (/\d/.test(n) ? n.replace(/O/g, "0") : n));
  return prefix + numbers;
}

/** Word `i` opens its line, the next word in reading order is a period noun, and after it comes a year or the end of the paragraph. */
function romanBeforePeriod(words: readonly TsvWord[], i: number): boolean {
  const w = words[i]!,
    prev = words[i - 1],
    next = words[i + 1],
    after = words[i + 2];
  if (prev && prev.line === w.line) return false;
  const para = (x: TsvWord) => x.line.slice(0, x.line.lastIndexOf("."));
  if (!next || para(next) !== para(w) || !PERIOD_NOUN.test(next.text)) return false;
  return !after || para(after) !== para(w) || YEAR.test(after.text);
}
