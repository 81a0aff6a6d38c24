/**
 * Codes as administrations print them: 1, 1.1, 1.1.1, OB.01, OB.1-F1,
 * 2024_A01_07, A.1, 1.1.a. A code's parts say its depth and its parent: the
 * code of a step usually opens with its objective's code, and the code of an
 * operational objective with its strategic line's.
 */
import { NUMBER_SIGN } from "./vocabulary.js";

/**
 * A step/objective code as printed: 1, 1.1, 1.1.1, 2024_A01_07, OB.1, A1, 1.1.a (a closing letter numbers
 * sub-steps), and two groups of capitals before the number (PL-AG-01, CB-GEST-01, ASP.OP.2, OB-A1: entity, unit, number).
 */
export const CODE_RE = /^(?:[A-Z]{1,5}[._-][A-Z]{1,5}[._-]?|[A-Za-z]{1,4}[._ -]?)?\d{1,4}(?:[._-][A-Za-z]{0,3}\d{1,4}[A-Za-z]?)*(?:[._-][A-Za-z])?\.?$/;

/** Letters, a separator and one capital letter: "OB.A", "OS-B" (objectives lettered rather than numbered). */
const LETTERED_RE = /^[A-Z]{2,4}[._-][A-Z]$/;

/**
 * Letters and numbers set apart by slashes: "ZC/01", "OB/3", "ZC/01/2", "INS-OP/1", "PG-26/01", maybe a step's part after
 * them ("R26/01-A"); or a code whose last part, after a slash, letters or numbers a step: "OG-01/A1", "B-01/a";
 * or the entity's letters over a lettered number, "UMO/P1" as "UMO-P1" (never a date or a fraction: letters open it);
 * or the plan's year before them, "2026/CR01/01", "2026/OB/3" (letters after the year: no date).
 */
const SLASHED_RE = /^(?:(?:19|20)\d\d\/[A-Z]{1,5}\d{0,3}(?:\/\d{1,3})+|[A-Za-z]{1,5}(?:[._-][A-Za-z]{1,5})?(?:\/[A-Z]{1,3}\d{1,4}(?:[._-]\d{1,3})?|[._-]?\d{0,4}\/\d{1,3}(?:\/\d{1,3})*(?:[._-](?:[A-Za-z]{1,2}\d{0,2}|\d{1,3}))?|[._-]?\d{1,4}\/[A-Za-z]{1,2}\d{0,3}))$/;

export function isCode(s: string): boolean {
  if (s.length > 24) return false;
  const t = s.trim();
  if (CODE_RE.test(t) || LETTERED_RE.test(t) || SLASHED_RE.test(t)) return true;
  // A scan's 0 for an O between capitals ("A0U-03" for "AOU-03"): the code it misread.
  return t.includes("0") && ZERO_IN_LETTERS.test(t) && CODE_RE.test(t.replace(ZERO_IN_LETTERS_G, "O"));
}

/** A 0 between two capitals: a letter O a scan read as a figure. */
const ZERO_IN_LETTERS = /(?<=[A-Z])0(?=[A-Z])/;
const ZERO_IN_LETTERS_G = new RegExp(ZERO_IN_LETTERS.source, "g");

/** A letter standing for a code in a column of them ("A", "B", "AB"): a code only where its column says so. */
export function isLetterCode(s: string): boolean {
  const t = s.trim();
  // One to three characters, opening with a capital: most values are longer, and need no expression.
  if (t.length > 3) return false;
  const c = t.charCodeAt(0);
  return c >= 65 && c <= 90 && /^[A-Z]{1,2}[.)]?$/.test(t);
}

/**
 * A cell holding only an objective's label and its number ("Obiettivo n. 1 -", "Obiettivo operativo 2:", "Ob. n° 3"):
 * the number is the objective's code, the label only says what it numbers. (An abbreviation with its period and
 * a space, or a number sign: "OB 1" and "OB.01" are codes, "Ob. 1" a label and a code.)
 */
const LABELLED_CODE = new RegExp(
  String.raw`^(?:obiettiv[oi](?:\s+\p{L}{4,})?\s+(?:${NUMBER_SIGN}\s*)?|(?:ob|obj|obb|obiet|obiett)(?:\.\s+(?:${NUMBER_SIGN}\s*)?|\.?\s*${NUMBER_SIGN}\s*))(\S*\d\S*?)[\s.:–—-]*$`,
  "iu",
);

/** The code of a cell holding only an objective's label and its number (see LABELLED_CODE), or null. */
export function labelledCode(s: string): string | null {
  if (s.length > 40) return null;
  const m = LABELLED_CODE.exec(s.trim());
  if (!m || /^(19|20)\d\d$/.test(m[1]!) || !isCode(m[1]!)) return null;
  return m[1]!.replace(/(?<=\d)\.$/, "");
}

/**
 * A code as its value: without the period that closes a list number ("1.5." and "1.5" are one step), and without
 * the objective's label a cell holding only them prints before it ("Obiettivo n. 1 -").
 */
export function codeValue(s: string): string {
  let t = s.trim();
  const labelled = /^o/i.test(t) ? labelledCode(t) : null;
  if (labelled !== null) return labelled;
  if (t.includes("0") && ZERO_IN_LETTERS.test(t)) t = t.replace(ZERO_IN_LETTERS_G, "O");
  if (isCode(t)) return t.replace(/(?<=\d)\.$/, "");
  // A code as a scan's recognition reads it, O for 0 and l or I for 1 in a part of figures ("SS.O1", "ED.1O"):
  // the code meant, when that is one.
  if (/[OoIl]/.test(t) && /\d/.test(t)) {
    const folded = t.replace(OCR_PART, (p) => (/\d/.test(p) ? p.replace(/[Oo]/g, "0").replace(/[Il]/g, "1") : p));
    if (folded !== t && isCode(folded)) return folded.replace(/(?<=\d)\.$/, "");
  }
  return t;
}

/** A code's part of figures with a capital O beside a figure, after a separator: "-O1", ".1O", "/O2". */
const OCR_O_PART = /(?<=[._\-/])(?:O\d+|\d+O)(?=$|[._\-/])/;
const OCR_O_PART_G = new RegExp(OCR_O_PART.source, "g");

/**
 * Codes a scan misread, O for 0 in a part of figures ("AOU-O1" among "AOU-02", "AOU-03"): each folded where
 * the document's other codes have figures in that place, more of them than codes with the O (a document that
 * codes "CCSP-O1", "CCSP-O2" means the letter). Returns the codes, folded or as they were.
 */
export function foldScannedCodes(codes: readonly (string | null)[]): (string | null)[] {
  const shape = (c: string) => c.replace(/\d/g, "9");
  const folded = codes.map((c) => (c !== null && OCR_O_PART.test(c) ? c.replace(OCR_O_PART_G, (p) => p.replace(/O/g, "0")) : null));
  if (folded.every((f) => f === null)) return [...codes];
  const count = new Map<string, number>();
  for (const c of codes) if (c !== null) count.set(shape(c), (count.get(shape(c)) ?? 0) + 1);
  return codes.map((c, k) => {
    const f = folded[k];
    // (As many of each: the figures, two codes at least, read as the scan meant them.)
    const withFigures = count.get(shape(f ?? "")) ?? 0;
    return f && withFigures >= 1 && withFigures >= (count.get(shape(c!)) ?? 0) ? f : c;
  });
}

/** A part of a code between separators made of figures and the letters a scan takes for them. */
const OCR_PART = /(?<![A-Za-z\d])[\dOoIl]+(?![A-Za-z\d])/g;

/**
 * The key two printings of one code share: OCR's usual confusions folded (O/0,
 * I/l/1, a comma for the dot, stray spaces), and leading zeros of each part
 * dropped ("OB.01" and "OB.1" are one code).
 */
export function codeKey(s: string): string {
  return isFoldedCode(s) ? s : foldCode(s);
}

/**
 * @internal Whether `foldCode` would give `s` back as it is: digits, capitals
 * OCR does not confuse with them, and separators only, no part opening with a
 * zero before a digit, no closing period (most codes: "1.2", "2024_A01_07").
 * One look at the characters instead of seven expressions.
 */
export function isFoldedCode(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(n - 1) === 46 /* . */) return false;
  let partStart = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 95 || c === 45 /* . _ - */) {
      partStart = true;
      continue;
    }
    const digit = c >= 48 && c <= 57;
    if (!digit && !(c >= 65 && c <= 90 && c !== 73 && c !== 76 && c !== 79) /* A-Z but I, L, O */) return false;
    if (partStart && c === 48) {
      const next = s.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) return false;
    }
    partStart = false;
  }
  return true;
}

function foldCode(s: string): string {
  return s
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/,/g, ".")
    .replace(/O/g, "0")
    .replace(/[IL|]/g, "1")
    .replace(/\.$/, "")
    .replace(/(^|[._-])0+(?=\d)/g, "$1");
}

export function sameCode(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return a === b || codeKey(a) === codeKey(b);
}

const LETTER_PREFIX = /^[A-Za-z]{1,4}[._ -]?(?=\d)|^[A-Z]{2,4}[._-](?=[A-Z]$)/;

/** The numbered parts of a code, a letter prefix not counted ("OB.1" → ["1"], "1.1.a" → ["1","1","a"]). */
export function codeParts(code: string): string[] {
  const v = codeValue(code);
  // (A slash parts a lettered code's levels, "ZC/01/2", "OG-01/A1"; elsewhere it is no code's.)
  return v.replace(LETTER_PREFIX, "").split(v.includes("/") && SLASHED_RE.test(v) ? /[._\- /]/ : /[._\- ]/).filter(Boolean);
}

/** Depth of a code: how many parts it has ("OB.1" → 1, "OB.1-F2" → 2, "1.1.a" → 3). */
export function codeDepth(code: string): number {
  return codeParts(code).length;
}

/**
 * Whether `child` is printed under `parent`: it opens with the parent's code
 * followed by a separator ("OB.01" → "OB.01.2", "1.1" → "1.1.3", "OB.1" → "OB.1-F1").
 */
export function isUnderCode(parent: string, child: string): boolean {
  const p = codeKey(codeValue(parent));
  const c = codeKey(codeValue(child));
  return c.length > p.length + 1 && c.startsWith(p) && /[._\- /]/.test(c[p.length]!);
}

/** A code's parent: the code less its last part ("1.2.3" → "1.2", "OB.1-F1" → "OB.1"); null at the top. */
export function parentCode(code: string): string | null {
  const v = codeValue(code);
  // (A slash parts a lettered code only, "ZC/01/2"; "2025/01" is a date's.)
  if (v.includes("/") && !SLASHED_RE.test(v)) return null;
  const m = /^(.*\d[A-Za-z]?)[._\- /][A-Za-z]{0,3}\d*[A-Za-z]?$/.exec(v);
  return m && m[1]!.length < v.length ? m[1]! : null;
}

/**
 * "PEG-PIAO-SEZ. 2.2 PERFORMANCE 2023_S08_20": a short line ending with an
 * objective code (letters, or several parts, with separators), as card heads
 * print it. Years, year ranges and dates end many headings without being codes.
 */
const LETTERED_SLASH_CODE = /^[A-Za-z]{1,4}\d{0,4}\/\d{1,3}$/;

export function codeAtEnd(text: string): string | null {
  if (text.length > 200 || !/\d\S*$/.test(text)) return null;
  const words = text.split(/\s+/);
  if (words.length > 12) return null;
  // A sentence's full stop is no code's ("… per l'intero 2023.").
  if (/\.$/.test(text) && words.length > 3) return null;
  const last = (words[words.length - 1] ?? "").replace(/\.$/, "");
  // A code with letters parted by a slash ("F25/2", "OB/3": never a date or a fraction, which are digits only).
  if (LETTERED_SLASH_CODE.test(last)) return last;
  if (!isCode(last) || !/[._-]/.test(last)) return null;
  if (/^(19|20)\d\d\s*[-/]\s*(19|20)?\d\d$/.test(last) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(last)) return null;
  if (!/[A-Za-z_]/.test(last) && last.split(/[._-]/).length < 2) return null;
  // A number grouped in thousands closing a line ("Contenitori (TEU) 286.700"): a quantity, no code.
  if (/^\d{1,3}(?:\.\d{3})+$/.test(last) && /^[1-9]/.test(last)) return null;
  return last;
}

/** A code printed after the title: in brackets after "cod."/"rif." or alone in square brackets, or after a dash and "rif.". */
const TRAILING_CODE_RE = /^(.*?\S)\s*(?:\((?:cod(?:ice)?|rif)\.?\s*([^()\s]{1,20})\)|\[([^[\]\s]{1,20})\]|[–—-]\s*(?:cod(?:ice)?|rif)\.?\s*(\S{1,20}))\.?$/iu;

/** "Titolo (cod. OB-12)", "Titolo [OP.3]", "Titolo – rif. 2.4": the code and the title; else null. */
export function trailingCode(text: string): { code: string; title: string } | null {
  if (text.length > 300) return null;
  const m = TRAILING_CODE_RE.exec(text);
  const code = m ? (m[2] ?? m[3] ?? m[4])! : null;
  return m && code && isCode(code) ? { code: codeValue(code), title: m[1]!.replace(/[\s–—-]+$/, "") } : null;
}
