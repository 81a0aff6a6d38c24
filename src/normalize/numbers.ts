/**
 * Italian numbers and quantities.
 *
 * Italian writes the decimal comma and groups thousands with a dot
 * (`1.150,00`). Documents are not always consistent, so a lone dot followed
 * by something other than a three-digit group is read as a decimal point
 * (`12.5`), which is what such a writer meant.
 */
import type { Quantity } from "../model/schema.js";

/** Anything that folds to punctuation only (`-`, `-----/--- --`, `/`, `—`, `…`, `*`). */
const PUNCT_ONLY = /^[\s\-‐‑‒–—―−_/\\.,:;*…·•~'"`´’]*$/;
/** "not available / not applicable" written in the usual short forms. */
const NA_WORDS = /^(?:n\s*[./]?\s*[da]\s*\.?|nd|na|n\s*\/\s*[da]|non\s+disponibile|non\s+applicabile)$/i;

export function isPlaceholder(raw: string | null | undefined): boolean {
  if (raw == null) return true;
  const s = raw.trim();
  if (s === "") return true;
  if (PUNCT_ONLY.test(s)) return true;
  return NA_WORDS.test(s);
}

const SPACES = /[\s\u00a0\u202f\u2009]+/g;

/**
 * A quote mark stuck before a number, a period or comma after it: specks a
 * scan turns into punctuation (`‘28,00`, `18,00.`), or a sentence's full
 * stop. Neither is part of the quantity.
 */
export function trimStray(s: string): string {
  return s.replace(/^[‘’'`´“”"]+(?=[\d+\-−€])/u, "").replace(/(?<=[\d%])[.,;:‘’'`´]+$/u, "");
}
const CURRENCY = /^(?:€|eur(?:o)?\b|euro\b)\s*|\s*(?:€|eur|euro)$/i;
const MINUS = /^[-−–]/;

// Alternatives, tried in order on a string already stripped of sign/currency/%.
const IT_GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/; // 1.150,00 / 1.000
const IT_SPACED = /^\d{1,3}(?: \d{3})+(?:,\d+)?$/; // 50 000,00
const IT_PLAIN = /^\d*,\d+$|^\d+(?:,\d*)?$/; // 18,18 / ,5 / 10 / 10,
const DOT_DECIMAL = /^\d*\.\d+$/; // 12.5 / 3.14159 (3-digit tails are caught by IT_GROUPED first)
const EN_GROUPED = /^\d{1,3}(?:,\d{3})+\.\d+$/; // 1,234.56: only unambiguous with both marks

/**
 * Reads an Italian-formatted number; `null` when the text is not one number.
 * Tolerates a sign, a currency mark (€, EUR, euro) and a trailing `%`.
 */
export function parseItalianNumber(s: string): number | null {
  const t = s.trim();
  // Most numbers of a table are digits, a decimal comma and a percent sign at most ("25", "12,5", "30%"): read at once.
  const plain = plainNumberEnd(t);
  if (plain > 0) {
    const n = Number(plain === t.length ? t.replace(",", ".") : t.slice(0, plain).replace(",", "."));
    return Number.isFinite(n) ? n : null;
  }
  return italianNumberByExpressions(t);
}

/**
 * @internal Where a plain number's digits end: `t` is digits, a comma after
 * the first of them (at most one), and a `%` closing it (the length less one),
 * or 0 for any other text. What the expressions read as `IT_PLAIN`, no sign,
 * currency or space about.
 */
export function plainNumberEnd(t: string): number {
  const n = t.length;
  const end = n > 1 && t.charCodeAt(n - 1) === 37 /* % */ ? n - 1 : n;
  if (end === 0) return 0;
  let comma = false;
  for (let i = 0; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 44 /* , */ && i > 0 && !comma) {
      comma = true;
      continue;
    }
    return 0;
  }
  return end;
}

/** @internal The reading by the expressions (sign, currency, percent, grouped thousands), of a trimmed text. */
export function italianNumberByExpressions(trimmed: string): number | null {
  let t = trimmed;
  if (t === "") return null;
  let sign = 1;
  if (t.startsWith("+")) t = t.slice(1).trimStart();
  else if (MINUS.test(t)) {
    sign = -1;
    t = t.slice(1).trimStart();
  }
  t = t.replace(CURRENCY, "").trim();
  if (t.endsWith("%")) t = t.slice(0, -1).trim();
  t = t.replace(SPACES, " ");
  let n: number;
  if (IT_GROUPED.test(t)) n = Number(t.replace(/\./g, "").replace(",", "."));
  else if (IT_SPACED.test(t)) n = Number(t.replace(/ /g, "").replace(",", "."));
  else if (IT_PLAIN.test(t)) n = Number(t.replace(",", "."));
  else if (DOT_DECIMAL.test(t)) n = Number(t);
  else if (EN_GROUPED.test(t)) n = Number(t.replace(/,/g, ""));
  else return null;
  return Number.isFinite(n) ? sign * n : null;
}

/** The numeric part of a quantity: digits with Italian/English separators. */
export const NUMBER_SRC = String.raw`[-−+]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d*,\d+|\d+(?:[.,]\d+)?)`;
const UNIT_WORD = String.raw`[\p{L}€$°'’/]+[.]?`;
/**
 * Short unit after a number, no digits: up to three words (`gg`,
 * `giorni mensili`, `report/anno`), or `%` and up to three words (`% delle pratiche`).
 */
export const UNIT_SRC = String.raw`(?:%(?:\s*${UNIT_WORD}){0,3}|${UNIT_WORD}(?:\s+${UNIT_WORD}){0,2})`;

/** A few words and a colon or dash before a number: a label ("peso: 15"). */
const LEAD_LABEL = /^\p{L}[\p{L}' ]{0,30}?\s*[:–-]\s*(?=[-−+]?[€\d,])/u;

/** Weight words printed before the number without a colon ("peso 20", "punti 15"). */
const WEIGHT_WORD = /^(?:peso|incidenza|punti|punteggio)\s+(?=[\d,])/i;
const FOOTNOTE = /(?<=[\d%])\s*\*+$/;
/** Points out of a scale: "20/100", "400/1000", "4 su 10". */
const OUT_OF_SCALE = /^(\d+(?:,\d+)?)\s*(\/|su)\s*(10|100|1000)$/i;

const QUANTITY = new RegExp(
  String.raw`^(€|eur\b|euro\b)?\s*(${NUMBER_SRC})\s*(${UNIT_SRC})?$`,
  "iu",
);

/** Digits with O, l or I among them (one digit at least beside them), maybe a decimal part and a percent sign. */
const OCR_NUMBER = /^(?=[^\d]*\d)(?=.*[OoIl])(?:[\dOoIl]{1,3})(?:[.,][\dOoIl]{1,3})?\s*%?$/;

/**
 * A number as printed and as a number. `null` for empty/placeholder cells;
 * `value: null` (raw kept) when the text is not a number.
 */

export function parseQuantity(raw: string | null | undefined): Quantity | null {
  if (raw == null || isPlaceholder(raw)) return null;
  // "peso: 15", "Incidenza - 20%", "peso 20": the label printed again before the number is no part of it;
  // a footnote mark after it ("20%*") neither.
  let s = trimStray(raw.trim().replace(SPACES, " ").replace(FOOTNOTE, "")).replace(LEAD_LABEL, "").replace(WEIGHT_WORD, "");
  // A number as a scan's recognition reads it, O for 0 and l or I for 1 among its digits ("1O", "2O%", "1OO").
  if (OCR_NUMBER.test(s)) s = s.replace(/[Oo]/g, "0").replace(/[Il]/g, "1");
  // "20/100": points out of a hundred ("400/1000", "4 su 10": out of their scale, the unit says which).
  const scaled = OUT_OF_SCALE.exec(s);
  if (scaled) {
    const value = parseItalianNumber(scaled[1]!);
    if (value !== null) return { raw, value, unit: scaled[2] === "/" ? `/${scaled[3]}` : `su ${scaled[3]}` };
  }
  const m = QUANTITY.exec(s);
  if (m) {
    const value = parseItalianNumber(m[2] ?? "");
    if (value !== null) {
      const pre = m[1];
      const post = m[3]?.replace(/\.$/, "");
      const unit = pre ? pre : post?.startsWith("%") ? "%" : post && post !== "" ? post : null;
      return { raw, value, unit };
    }
  }
  return { raw, value: null, unit: null };
}
