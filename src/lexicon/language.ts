/**
 * Bilingual administrations (Italian with German or Slovenian) print a value
 * and its translation together: on two lines of a cell, or side by side
 * parted by a slash ("Servizi sociali / Sozialdienste"). The Italian is the
 * value; the translation is dropped.
 */
import { FOREIGN_ENDINGS, FOREIGN_LETTERS, FOREIGN_NOUN, FOREIGN_WORDS, ITALIAN_WORDS, PERSON_TITLES } from "./vocabulary.js";

/** A person's title ("dott.", "Ing."): the capitalised words after it are a name, in any language. */
const PERSON_TITLE_RE = new RegExp(String.raw`(?<![\p{L}])(?:${PERSON_TITLES.join("|")})\.?\s`, "iu");

function foreignText(t: string): boolean {
  if (FOREIGN_LETTERS.test(t) || FOREIGN_ENDINGS.test(t) || (t.match(FOREIGN_WORDS)?.length ?? 0) >= 2) return true;
  // A long capitalised word in a text of no Italian small word, and no person named.
  return FOREIGN_NOUN.test(t) && !ITALIAN_WORDS.test(t) && !PERSON_TITLE_RE.test(t);
}

/** The second of two texts is the first's translation: it reads as German or Slovenian, the first does not. */
export function isTranslation(first: string, second: string): boolean {
  return foreignText(second) && !foreignText(first);
}

/** A value printed with its translation after a spaced slash ("Ufficio personale / Personalamt"): the Italian half; else the value. */
export function italianHalf(v: string): string {
  if (v.length < 7) return v;
  const at = v.indexOf(" / ");
  if (at <= 0 || v.indexOf(" / ", at + 1) >= 0) return v;
  const left = v.slice(0, at).trim();
  const right = v.slice(at + 3).trim();
  // (Yes and no beside their German or Slovenian words: "Sì / Ja", "No / Nein".)
  if (/^(?:sì|si|no)$/i.test(left) && /^(?:ja|nein|da|ne)$/i.test(right)) return left;
  return isTranslation(left, right) ? left : v;
}
