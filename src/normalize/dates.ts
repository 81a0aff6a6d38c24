/**
 * Italian deadline texts → DateValue.
 *
 * A cell is scanned for date "atoms" (a full date, a month, an ordinal
 * period such as `2 sem` or `III trim`, a year, `annuale`). `iso` is the last
 * day the text allows, so the latest atom wins (`dal 01/01 al 30/06/2024`).
 *
 * Atoms that carry their own year and cannot be mistaken for something else
 * (`31/12/2023`, `giugno 2024`, `3 trim. 2025`) are read anywhere, even inside
 * prose. Weaker atoms — a bare year, a month or period without year (which
 * borrows the plan's first year), `annuale` — only count when the whole text
 * is a date expression, because in a sentence they are usually something else
 * ("portale PA Digitale 2026", "anno scolastico 2023-2024", "entro aprile" in
 * a list of several phases).
 */
import type { DatePrecision, DateValue, Period } from "../model/schema.js";
import { memo } from "../util/memo.js";
import { isPlaceholder } from "./numbers.js";

export interface DateContext {
  period: Period | null;
}

export interface DateParse {
  value: DateValue;
  invalid: boolean;
  twoDigitYear: boolean;
}

/* ------------------------------------------------------------------ */
/* calendar                                                            */

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

function expandYear(twoDigits: number): number {
  // Plans are 21st-century; a pivot keeps old references (…/12/98) sensible.
  return twoDigits < 70 ? 2000 + twoDigits : 1900 + twoDigits;
}

/* ------------------------------------------------------------------ */
/* vocabulary                                                          */

const MONTH_NAMES: ReadonlyArray<readonly [string, number]> = [
  ["gennaio", 1], ["febbraio", 2], ["marzo", 3], ["aprile", 4], ["maggio", 5], ["giugno", 6],
  ["luglio", 7], ["agosto", 8], ["settembre", 9], ["ottobre", 10], ["novembre", 11], ["dicembre", 12],
  ["genn", 1], ["gen", 1], ["febb", 2], ["feb", 2], ["mar", 3], ["apr", 4], ["magg", 5], ["mag", 5],
  ["giu", 6], ["lugl", 7], ["lug", 7], ["ago", 8], ["sett", 9], ["set", 9], ["ott", 10], ["nov", 11],
  ["dic", 12],
];
const MONTH_BY_NAME = new Map(MONTH_NAMES);
// Longest first so `genn` is not read as `gen` + garbage.
const MONTH_ALT = [...MONTH_NAMES.map(([n]) => n)].sort((a, b) => b.length - a.length).join("|");

const WORD_ORDINALS = new Map([
  ["primo", 1], ["secondo", 2], ["terzo", 3], ["quarto", 4], ["quinto", 5], ["sesto", 6],
]);

/** Periods per year and the precision they are written with. */
function periodUnit(u: string): { per: number; precision: DatePrecision } | null {
  const s = u.toLowerCase();
  if (s.startsWith("sem")) return { per: 2, precision: "half" };
  if (s.startsWith("trim")) return { per: 4, precision: "quarter" };
  if (s.startsWith("quadrim")) return { per: 3, precision: "month" };
  if (s.startsWith("bim")) return { per: 6, precision: "month" };
  return null;
}

const ROMAN = new Map([["i", 1], ["ii", 2], ["iii", 3], ["iv", 4], ["v", 5], ["vi", 6]]);

/**
 * Roman ordinal, tolerating OCR's l-for-I (`Il trim` is `II trim`).
 * Lower-case `il` is the article ("entro il trimestre"), never a numeral.
 */
function romanValue(tok: string): number | null {
  if (tok === "il") return null;
  return ROMAN.get(tok.toLowerCase().replace(/l/g, "i")) ?? null;
}

/** Words that may surround a date without making the text prose. */
const FILLER = new Set([
  "entro", "il", "lo", "la", "l", "i", "gli", "le", "al", "allo", "alla", "ai", "agli", "alle",
  "dal", "dallo", "dalla", "dai", "dagli", "dalle", "da", "a", "ad", "di", "del", "dello", "della",
  "dell", "dei", "degli", "delle", "e", "ed", "o", "fine", "mese", "anno", "non", "oltre", "prima",
  "tra", "fra", "fino", "sino", "scadenza", "data", "termine", "nel", "nello", "nella", "nell",
  "nei", "corso", "giorno", "previsto", "prevista", "presunto", "presunta", "circa", "max",
  "massimo", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
  // recurring and multi-year deadlines: "31 dicembre di ogni anno", "triennio 2025-2027"
  "ogni", "ciascun", "ciascuno", "triennio", "biennio",
]);

/* ------------------------------------------------------------------ */
/* the scanner                                                         */

const Y4 = String.raw`(?:19|20)\d{2}`;
const ORD_UNIT = String.raw`quadrimestre|quadrim|semestre|trimestre|bimestre|sem|trim|bim`;

// One alternation, scanned left to right; at a given position earlier
// alternatives win, so longer forms come first. Group names are unique per
// alternative (duplicate names are not available on Node 20).
const ATOM_RE = new RegExp(
  [
    // A: 2024-12-31
    String.raw`(?<![\p{L}\d.,])(?<isoY>${Y4})[-/.](?<isoM>\d{1,2})[-/.](?<isoD>\d{1,2})(?!\d)`,
    // B: 31/12/2023, 30/9/23, 31.12.2024, 31-12-2024
    String.raw`(?<![\p{L}\d.,/])(?<dmyD>\d{1,2})\s?(?<dmyS>[/.\-])\s?(?<dmyM>\d{1,2})\s?[/.\-]\s?(?<dmyY>\d{4}|\d{2})(?![\d]|[.,/]\d)`,
    // C: 06/2024
    String.raw`(?<![\p{L}\d.,/])(?<myM>\d{1,2})\s?[/.\-]\s?(?<myY>${Y4})(?![\d]|[.,/]\d)`,
    // D: 8 aprile 2024, 1° gennaio, dic. 2024, giugno, 30-giu-25
    String.raw`(?<![\p{L}\d])(?:(?<tD>\d{1,2})\s*[°ª]?\s*(?:[-/.]\s*)?)?(?<tMon>${MONTH_ALT})(?![\p{L}])\.?(?:\s*[-/,]?\s*(?:del(?:l'\s?anno)?\s+)?(?<tY>${Y4}|'\d{2})(?!\d)|\s*[-/]\s*(?<tY2>\d{2})(?![\d.,/]))?`,
    // E: 2 sem, 2° sem, 1sem, II semestre 2025, III trim., Il trim, quarto trimestre
    String.raw`(?<![\p{L}\d.,])(?:(?<oN>[1-6])\s*(?:[°ª^]|o(?=\s*(?:${ORD_UNIT})))?|(?<oW>primo|secondo|terzo|quarto|quinto|sesto)|(?<oR>[ivxl]{1,4}))\s*\.?\s*(?<oU>${ORD_UNIT})(?![\p{L}])\.?(?:\s*,?\s*(?:del(?:l'\s?anno)?\s+|anno\s+)?(?<oY>${Y4})(?!\d))?`,
    // F: Q4, Q1 2026
    String.raw`(?<![\p{L}\d])q\s?(?<qN>[1-4])(?![\p{L}\d])(?:\s*[-/]?\s*(?<qY>${Y4})(?!\d))?`,
    // G: trimestre 2, sem. 1 2025
    String.raw`(?<![\p{L}\d])(?<rU>semestre|trimestre|sem|trim)\.?\s*(?<rN>[1-4])(?![\d.,/])(?:\s+(?<rY>${Y4})(?!\d))?`,
    // H: annuale, fine anno, entro l'anno, anno in corso ("annuate", an OCR misreading, is no date: it stays unread for a reviewer)
    String.raw`(?<![\p{L}])(?<cy>annuale|fine\s+(?:dell'\s?)?anno|fine\s+esercizio|entro\s+l'\s?anno|nell'\s?anno|anno\s+(?:in\s+corso|corrente)|corrente\s+anno)(?![\p{L}])`,
    // J: 31/12 (no year)
    String.raw`(?<![\p{L}\d.,/])(?<dmD>\d{1,2})\s?\/\s?(?<dmM>\d{1,2})(?![\d]|[.,/]\d)`,
    // I: 2025
    String.raw`(?<![\p{L}\d.,])(?<yY>${Y4})(?![\d]|[.,]\d)`,
  ].join("|"),
  "giu",
);

/** @internal a date expression found in a text, before its year is resolved */
export interface DateAtom {
  start: number;
  end: number;
  /** Year written in the atom; null when it must be borrowed. */
  year: number | null;
  /** End month 1–12; null for a whole year. */
  month: number | null;
  /** End day; null for the last day of `month`. */
  day: number | null;
  precision: DatePrecision;
  twoDigit: boolean;
  /** Only trusted when the whole text is a date expression. */
  needsPure: boolean;
}

const DASHES = /[\u2010-\u2015\u2212]/g;
const QUOTES = /[\u2018\u2019`\u00b4]/g;
const ORDINAL_MARKS = /[º˚]/g;
const SPACE_RUN = /\s+/g;
// OCR reads 0 as O and 1 as l/I inside numeric dates (`3O/06/2025`).
const OCR_DATE_TOKEN = /(?<![\p{L}\d])[\dOoIl|]{1,4}(?:\s?[/.\-]\s?[\dOoIl|]{1,4}){1,2}(?![\p{L}\d])/gu;
const OCR_YEAR_TOKEN = /(?<![\p{L}\d])(?:19|2[0Oo])[\dOo]{2}(?![\p{L}\d])/gu;
const HAS_DIGIT = /\d/;
const OCR_LETTERS = /[OoIl|]/;
const DIGITS = /\d/g;

function fixOcrDigits(tok: string): string {
  if (!OCR_LETTERS.test(tok)) return tok;
  const parts = tok.split(/\s?[/.\-]\s?/);
  if (!parts.every((p) => HAS_DIGIT.test(p))) return tok;
  return tok.replace(/[Oo]/g, "0").replace(/[Il|]/g, "1");
}

/** Days written as words, "primo" for the first: the number before a month's name ("il trentuno marzo"). */
const DAY_WORDS = new Map([
  ["primo", 1], ["uno", 1], ["due", 2], ["tre", 3], ["quattro", 4], ["cinque", 5], ["sei", 6], ["sette", 7], ["otto", 8], ["nove", 9],
  ["dieci", 10], ["undici", 11], ["dodici", 12], ["tredici", 13], ["quattordici", 14], ["quindici", 15], ["sedici", 16],
  ["diciassette", 17], ["diciotto", 18], ["diciannove", 19], ["venti", 20], ["ventuno", 21], ["ventidue", 22], ["ventitre", 23],
  ["ventitré", 23], ["ventiquattro", 24], ["venticinque", 25], ["ventisei", 26], ["ventisette", 27], ["ventotto", 28],
  ["ventinove", 29], ["trenta", 30], ["trentuno", 31],
]);
const DAY_WORD_RE = new RegExp(String.raw`(?<![\p{L}])(${[...DAY_WORDS.keys()].join("|")})\s+(?=(?:${MONTH_NAMES.map(([n]) => n).join("|")})(?![\p{L}]))`, "giu");

function normalizeText(raw: string): string {
  return raw
    .replace(DAY_WORD_RE, (_, w: string) => `${DAY_WORDS.get(w.toLowerCase())} `)
    .replace(DASHES, "-")
    .replace(ORDINAL_MARKS, "°")
    .replace(QUOTES, "'")
    .replace(SPACE_RUN, " ")
    .trim()
    .replace(OCR_DATE_TOKEN, fixOcrDigits)
    .replace(OCR_YEAR_TOKEN, (t) => ((t.match(DIGITS) ?? []).length >= 2 ? t.replace(/[Oo]/g, "0") : t));
}

type Groups = Record<string, string | undefined>;

function toAtom(g: Groups, start: number, end: number): DateAtom | null {
  const base = { start, end, twoDigit: false, needsPure: false };
  if (g.isoY !== undefined) {
    return { ...base, year: +g.isoY, month: +(g.isoM ?? 0), day: +(g.isoD ?? 0), precision: "day" };
  }
  if (g.dmyD !== undefined) {
    const y = g.dmyY ?? "";
    const two = y.length === 2;
    const dotted = two && g.dmyS !== "/";
    // `1.1.10` is far more often a step code than a date: a short year after
    // dots or dashes needs a bare cell and a two-digit day or month (`31.12.24`).
    if (dotted && g.dmyD.length === 1 && (g.dmyM ?? "").length === 1) return null;
    return {
      ...base,
      year: two ? expandYear(+y) : +y,
      month: +(g.dmyM ?? 0),
      day: +g.dmyD,
      precision: "day",
      twoDigit: two,
      needsPure: dotted,
    };
  }
  if (g.myM !== undefined) {
    const m = +g.myM;
    if (m < 1 || m > 12) return null;
    // "delibera n. 1/2025" is a protocol number, not January.
    return { ...base, year: +(g.myY ?? 0), month: m, day: null, precision: "month", needsPure: true };
  }
  if (g.tMon !== undefined) {
    const month = MONTH_BY_NAME.get(g.tMon.toLowerCase()) ?? 0;
    const day = g.tD !== undefined ? +g.tD : null;
    const yRaw = g.tY ?? g.tY2;
    let year: number | null = null;
    let two = false;
    if (yRaw !== undefined) {
      const digits = yRaw.replace("'", "");
      two = digits.length === 2;
      year = two ? expandYear(+digits) : +digits;
    }
    return {
      ...base,
      year,
      month,
      day,
      precision: day !== null ? "day" : "month",
      twoDigit: two,
      needsPure: year === null,
    };
  }
  if (g.oU !== undefined) {
    const unit = periodUnit(g.oU);
    let n: number | null = null;
    if (g.oN !== undefined) n = +g.oN;
    else if (g.oW !== undefined) n = WORD_ORDINALS.get(g.oW.toLowerCase()) ?? null;
    else if (g.oR !== undefined) n = romanValue(g.oR);
    if (!unit || n === null || n < 1 || n > unit.per) return null;
    const year = g.oY !== undefined ? +g.oY : null;
    return { ...base, year, month: (12 / unit.per) * n, day: null, precision: unit.precision, needsPure: year === null };
  }
  if (g.qN !== undefined) {
    const year = g.qY !== undefined ? +g.qY : null;
    return { ...base, year, month: 3 * +g.qN, day: null, precision: "quarter", needsPure: year === null };
  }
  if (g.rU !== undefined) {
    const unit = periodUnit(g.rU);
    const n = +(g.rN ?? 0);
    if (!unit || n < 1 || n > unit.per) return null;
    const year = g.rY !== undefined ? +g.rY : null;
    return { ...base, year, month: (12 / unit.per) * n, day: null, precision: unit.precision, needsPure: year === null };
  }
  if (g.cy !== undefined) {
    return { ...base, year: null, month: null, day: null, precision: "year", needsPure: true };
  }
  if (g.dmD !== undefined) {
    const d = +g.dmD;
    const m = +(g.dmM ?? 0);
    if (d < 1 || d > 31 || m < 1 || m > 12) return null;
    return { ...base, year: null, month: m, day: d, precision: "day", needsPure: true };
  }
  if (g.yY !== undefined) {
    return { ...base, year: +g.yY, month: null, day: null, precision: "year", needsPure: true };
  }
  return null;
}

const TOKEN_SPLIT = /[^\p{L}\d]+/u;
const COMBINING = /[\u0300-\u036f]/g;

/** True when nothing but filler words is left once the atoms are cut out. */
function isPure(text: string, atoms: readonly DateAtom[]): boolean {
  let rest = "";
  let at = 0;
  for (const a of atoms) {
    rest += text.slice(at, a.start) + " ";
    at = a.end;
  }
  rest += text.slice(at);
  for (const tok of rest.split(TOKEN_SPLIT)) {
    if (tok === "") continue;
    const t = tok.toLowerCase().normalize("NFD").replace(COMBINING, "");
    if (!FILLER.has(t)) return false;
  }
  return true;
}

interface Resolved {
  atom: DateAtom;
  year: number;
  iso: string | null;
  invalid: boolean;
  usedCtx: boolean;
}

function endOf(a: DateAtom, year: number): { iso: string | null; invalid: boolean; key: number } {
  const month = a.month ?? 12;
  if (month < 1 || month > 12) return { iso: null, invalid: true, key: 0 };
  const last = daysIn(month, year);
  const day = a.day ?? last;
  if (day < 1 || day > last) return { iso: null, invalid: true, key: 0 };
  return { iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, invalid: false, key: year * 10000 + month * 100 + day };
}

const PRECISION_RANK: Record<DatePrecision, number> = { day: 0, month: 1, quarter: 2, half: 3, year: 4, none: 5 };

/** Everything the target parser also needs to know about a date text. */
export interface DateAnalysis {
  parse: DateParse;
  /** The text is nothing but a date expression. */
  pure: boolean;
  /** Some counted atom took its year from the plan period. */
  usedCtx: boolean;
  /** Normalised text the spans refer to. */
  text: string;
  /** Counted atoms in text order. */
  atoms: DateAtom[];
}

// Cheap pre-filter: most cells (titles, names) contain nothing date-like.
const DATE_HINT = /\d|gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic|sem|trim|quadrim|bim|annua|anno|eserc/i;

function none(raw: string): DateParse {
  return { value: { raw, iso: null, precision: "none" }, invalid: false, twoDigitYear: false };
}

/** @internal shared with targets.ts */
export function analyzeDate(raw: string, ctx: DateContext): DateAnalysis {
  const text = normalizeText(raw);
  const empty: DateAnalysis = { parse: none(raw), pure: false, usedCtx: false, text, atoms: [] };
  if (!DATE_HINT.test(text)) return empty;

  const found: DateAtom[] = [];
  for (const m of text.matchAll(ATOM_RE)) {
    const start = m.index ?? 0;
    const a = toAtom((m.groups ?? {}) as Groups, start, start + m[0].length);
    if (a) found.push(a);
  }
  if (found.length === 0) return empty;

  const pure = isPure(text, found);
  const counted = pure ? found : found.filter((a) => !a.needsPure);
  if (counted.length === 0) return { ...empty, pure };

  const resolved: Resolved[] = [];
  let usedCtx = false;
  counted.forEach((a, i) => {
    if (a.year !== null) {
      const e = endOf(a, a.year);
      resolved.push({ atom: a, year: a.year, iso: e.iso, invalid: e.invalid, usedCtx: false });
      return;
    }
    // A yearless atom takes the year of the date it is paired with
    // ("ottobre - dicembre 2024"), else the plan's first year.
    const next = counted.slice(i + 1).find((b) => b.year !== null);
    const prev = [...counted.slice(0, i)].reverse().find((b) => b.year !== null);
    let year: number | null = null;
    let fromCtx = false;
    if (next?.year != null) {
      year = next.year;
      const mine = endOf(a, year);
      const theirs = endOf(next, year);
      // "novembre - gennaio 2025": the range crosses a year end.
      if (!mine.invalid && !theirs.invalid && mine.key > theirs.key) year -= 1;
    } else if (prev?.year != null) year = prev.year;
    else if (ctx.period) {
      year = ctx.period.from;
      fromCtx = true;
    }
    if (year === null) return;
    usedCtx ||= fromCtx;
    const e = endOf(a, year);
    resolved.push({ atom: a, year, iso: e.iso, invalid: e.invalid, usedCtx: fromCtx });
  });

  const twoDigitYear = counted.some((a) => a.twoDigit);
  if (resolved.length === 0) return { ...empty, pure, atoms: counted, parse: { ...none(raw), twoDigitYear } };

  const bad = resolved.find((r) => r.invalid);
  if (bad) {
    return {
      parse: { value: { raw, iso: null, precision: bad.atom.precision }, invalid: true, twoDigitYear },
      pure,
      usedCtx,
      text,
      atoms: counted,
    };
  }
  let best = resolved[0] as Resolved;
  for (const r of resolved.slice(1)) {
    const a = r.iso as string;
    const b = best.iso as string;
    if (a > b || (a === b && PRECISION_RANK[r.atom.precision] < PRECISION_RANK[best.atom.precision])) best = r;
  }
  return {
    parse: { value: { raw, iso: best.iso, precision: best.atom.precision }, invalid: false, twoDigitYear },
    pure,
    usedCtx,
    text,
    atoms: counted,
  };
}

/**
 * Parses a deadline text. `null` for empty/placeholder cells; otherwise a
 * DateValue whose `iso` is the last day the text allows, or `iso: null` with
 * precision `none` when no date can be read, or `iso: null` with the written
 * precision and `invalid` for a date that does not exist (31/06/2023).
 */
export function parseDate(raw: string | null | undefined, ctx: DateContext): DateParse | null {
  if (raw == null || isPlaceholder(raw)) return null;
  return analyzeDate(raw, ctx).parse;
}

const WORDS = /[\p{L}]+/gu;

/**
 * Cheap test for a cell that holds a date expression (used to recognise
 * date columns): a text that is only a date, or a short text around a full
 * date. Impossible dates (31/06/2023) still look like dates.
 */
export function looksLikeDate(raw: string): boolean {
  if (raw.length > 120) return false;
  // Column detection asks about the same cells and codes again and again.
  return dateLikes(raw, computeLooksLikeDate);
}

const dateLikes = memo<boolean>();
const ANY_YEAR: DateContext = { period: { from: 2000, to: 2000 } };

function computeLooksLikeDate(raw: string): boolean {
  if (isPlaceholder(raw)) return false;
  const a = analyzeDate(raw, ANY_YEAR);
  if (a.atoms.length === 0) return false;
  if (a.pure) return true;
  let rest = a.text;
  for (const at of [...a.atoms].reverse()) rest = rest.slice(0, at.start) + " " + rest.slice(at.end);
  let words = 0;
  for (const w of rest.matchAll(WORDS)) if (!FILLER.has(w[0].toLowerCase())) words++;
  return words <= 2;
}
