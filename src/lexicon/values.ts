/**
 * What a value is, read from the value alone: the evidence a column or a
 * field gets from its cells when its header is abbreviated, unknown or wrong.
 *
 *   date     31/12/2025, II semestre 2025, entro giugno 2026, annuale
 *   number   25, 12,5, 1.150,00, 25%, 0,30  (a weight, a progress, a count)
 *   code     1.1, OB.01, 2024_A01_07
 *   target   ≥ 90%, entro 30 gg, n. 20, Sì, ≤ 15 giorni, € 50.000
 *   person   Dott.ssa Carla Neri, Ing. P. Galli, M. Rossi, ROSSI MARIO
 *   unit     Settore Lavori Pubblici, UOC Farmacia, Area Tecnica
 *   status   In corso, Raggiunto
 *   mark     X, ●, ✓ (a cronoprogramma's cell)
 *   text     everything else: titles, descriptions, indicators
 *
 * Classification is memoised: the same values recur across rows and documents.
 */
import { looksLikeDate } from "../normalize/dates.js";
import { isPlaceholder, parseItalianNumber } from "../normalize/numbers.js";
import { memo } from "../util/memo.js";
import { comparable } from "../util/alike.js";
import { isCode, isLetterCode, labelledCode } from "./codes.js";
import { holdsGivenName } from "./names.js";
import { PERIOD_WORDS, STATUS_WORDS, UNIT_WORDS, PERSON_TITLES } from "./vocabulary.js";

export type ValueClass = "empty" | "date" | "number" | "code" | "target" | "person" | "unit" | "status" | "mark" | "text";

/** A cronoprogramma's mark: one symbol or letter saying "this period". */
const MARK_RE = /^(?:[xX×✓✔✗●○◼■□▪▲◆•*]|\u25cf|\u2713)$/iu;

/** A Gantt's mark alone in a cell (X, ●, ■, •, ✓). */
export function isMark(t: string): boolean {
  return MARK_RE.test(t.trim());
}

/** A number, optionally a percentage or a fraction, and nothing else ("25", "25%", "25,00 %", "0,30"). */
const NUMBER_RE = /^[+]?\d{1,3}(?:[.\s]\d{3})*(?:[.,]\d+)?\s*%?$|^[+]?\d+(?:[.,]\d+)?\s*%?$/;

/** A comparator, a count sign, a unit of measure or a yes/no: a measurable target. */
const TARGET_RE =
  /^(?:[^\d]{0,20}?(?:[<>≤≥⩾⩽]=?|=)\s*€?\s*\d|(?:n\s*[.°]|nr\.?|num\.?|numero)\s*\d|€\s*\d|\d[\d.,]*\s*(?:€|euro|gg|giorni|mesi|ore|%)|(?:entro|non oltre|almeno|non meno di|non più di|max|min)\s+\d|(?:s[iìí]|no)\s*[.!]?$|100\s*%)/iu;

/** Titles that open a person's name ("Dott.ssa", "Ing.", "ARCH."), any case, one or more. */
const TITLE_PREFIX_RE = new RegExp(String.raw`^(?:(?:${PERSON_TITLES.join("|")})\.?\s+)+`, "iu");
/** What follows a title: one to four capitalised words or initials ("Carla Neri", "P. Galli", "ROSSI"). */
const NAME_RE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$/u;
/** An initial and a surname ("M. Rossi"). */
const INITIAL_NAME_RE = /^\p{Lu}\.\s*\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?$/u;

function isPerson(t: string): boolean {
  const m = TITLE_PREFIX_RE.exec(t);
  if (m) return NAME_RE.test(t.slice(m[0].length));
  return INITIAL_NAME_RE.test(t);
}
/** Surname and name in capitals ("CONTI MARIO", "DE SANTIS ANNA"): two or three capitalised words, no vowel-less word. */
const UPPER_NAME_RE = /^(?:(?:DE|DI|DA|LA|LO|DEL|DELLA)\s+)?\p{Lu}{2,}(?:['’]\p{Lu}+)?\s+\p{Lu}{2,}(?:\s+\p{Lu}{2,})?$/u;
/** Words that join a phrase, never a name ("PIANO DEGLI OBIETTIVI"): no upper-case name holds them past its start. */
const JOINING_WORDS = /\s(?:DEGLI|DELLE|DEI|DELL|PER|CON|SUL|SULLA|NEL|NELLA|ED|E|AL|ALLA|AI|IL|LE|GLI)(?:\s|$)/;
/** Name and surname with capitals ("Carla Neri", "Anna De Santis"). */
const MIXED_NAME_RE = /^\p{Lu}\p{Ll}+(?:\s+(?:De|Di|Da|La|Lo|Del|Della|Dal|Dalla)?\s*\p{Lu}\p{Ll}+){1,2}$/u;

const UNIT_RE = new RegExp(String.raw`^(?:\d{1,2}[.)]?\s*)?(?:${UNIT_WORDS.join("|")})\b`, "iu");
const STATUS_SET = new Set(STATUS_WORDS.map(comparable));

/** A text opening with a word that opens unit names ("Settore …", "UOC …", "01. Area …"). */
export function opensWithUnitWord(t: string): boolean {
  return UNIT_RE.test(t.trim());
}

const classes = memo<ValueClass>(50_000);

export function classify(raw: string): ValueClass {
  const t = raw.trim();
  if (t === "") return "empty";
  // A long run of words is text (no date, weight, code, name or target runs so long): no memo key hashed for it.
  if (t.length > 60 && t.includes(" ")) return "text";
  return classes(t, computeClass);
}

function computeClass(t: string): ValueClass {
  if (isPlaceholder(t)) return "empty";
  if (MARK_RE.test(t)) return "mark";
  if (NUMBER_RE.test(t)) {
    // A year alone is a date; a bare code-like "1.1" with no decimal meaning is a code when it has two dots.
    if (/^(19|20)\d\d$/.test(t)) return "date";
    return "number";
  }
  if (looksLikeDate(t) || PERIOD_WORDS.test(t)) return "date";
  if (isCode(t) && /[A-Za-z._-]/.test(t)) return "code";
  // "Obiettivo n. 1 -": an objective's label and its number, all the cell holds.
  if ((t.charCodeAt(0) | 32) === 111 && labelledCode(t) !== null) return "code";
  if (TARGET_RE.test(t) && t.length <= 40) return "target";
  if (STATUS_SET.has(comparable(t))) return "status";
  if (isPerson(t) || (UPPER_NAME_RE.test(t) && !JOINING_WORDS.test(t) && holdsGivenName(t))) return "person";
  if (UNIT_RE.test(t) && t.split(/\s+/).length <= 10) return "unit";
  if (MIXED_NAME_RE.test(t) && !UNIT_RE.test(t) && holdsGivenName(t)) return "person";
  return "text";
}

/** Where a person and a unit printed in one value part ("ing. W. Baracco – Settore Viabilità", "geom. L. Neri / Ufficio Utenza"). */
const PERSON_UNIT_SEPARATOR = /\s+[–—-]\s+|\s*\/\s*|\s*[,;]\s+/u;
/** A person's title and name closing a unit's name, with nothing between ("Direzione medica dr.ssa G. Arcolin"). */
const TRAILING_PERSON_RE = new RegExp(String.raw`^(.+?)\s+((?:${PERSON_TITLES.join("|")})\.?\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})$`, "iu");
/** A short role word or two beside the name ("Direttore", "Responsabile"), never a unit or a person: dropped. */
const ROLE_ONLY_RE = /^\p{L}+(?:\s+\p{L}+)?$/u;

/**
 * A person and the unit they lead printed in one value (an owner column
 * holding "ing. Walter Baracco – Settore Viabilità", a unit column holding
 * "Direzione sanitaria dr.ssa Lorena Pittaluga"): the two parts, each told by
 * its own evidence (a title and name; a word opening unit names). Null when
 * the value is not exactly one person and one unit (a short role word aside).
 */
export function personAndUnit(raw: string): { person: string; unit: string } | null {
  const t = raw.trim();
  if (t.length > 160) return null;
  const parts = t.split(PERSON_UNIT_SEPARATOR).filter((x) => x !== "");
  if (parts.length >= 2 && parts.length <= 3) {
    let person: string | null = null;
    let unit: string | null = null;
    for (const part of parts) {
      const c = classify(part);
      if (c === "person" && person === null) person = part;
      else if (opensWithUnitWord(part) && unit === null) unit = part;
      else if (!(ROLE_ONLY_RE.test(part) && c === "text")) return null;
    }
    if (person !== null && unit !== null) return { person, unit };
    return null;
  }
  const m = TRAILING_PERSON_RE.exec(t);
  if (m && opensWithUnitWord(m[1]!) && classify(m[2]!) === "person") return { person: m[2]!, unit: m[1]! };
  // The unit's head in brackets after it, maybe after their role's word ("UOC Farmacia (Dir. dott.ssa …)").
  const b = t.endsWith(")") ? BRACKETED_HEAD_RE.exec(t) : null;
  if (b && opensWithUnitWord(b[1]!) && classify(b[2]!.trim()) === "person") return { person: b[2]!.trim(), unit: b[1]! };
  return null;
}

/** A unit, then its head in brackets, maybe after their role's word: "Dipartimento di Prevenzione (Dir. dott. …)". */
const BRACKETED_HEAD_RE = /^(.+?)\s*\(\s*(?:(?:dir|direttore|direttrice|resp|responsabile|dirigente|referente|coord|coordinatore|coordinatrice)\.?\s*:?\s+)?([^()]+)\)$/iu;

/** The number a weight-like cell holds (25%, 25,00, 0,25), or null. */
export function numberOf(raw: string): number | null {
  const t = raw.trim().replace(/%$/, "").trim();
  return parseItalianNumber(t);
}

/** A profile of a column's (or a group's) values: how many of each class, and the sum of its numbers. */
export interface ValueProfile {
  count: number;
  classes: Record<ValueClass, number>;
  /** Sum of the numbers, when every non-empty value is a number. */
  sum: number | null;
  /** Mean length of the values, in characters. */
  meanLength: number;
  /** Every number written as a fraction below 1 ("0,30"). */
  fractions: boolean;
  /** Values that read as codes ("1", "1.2", "OB.3"), whatever their class. */
  codes: number;
  /** Of them, those that read as numbers too ("1", "1.2"): a count, a code or a weight, as the column says. */
  numericCodes: number;
  /**
   * The numbers run 1, 2, 3 …, or 1.1, 1.2, 1.3 … under one number (a column of list numbers, not of weights or
   * decimals).
   */
  sequential: boolean;
  /** Numbers grouped in thousands ("21.930", "1.350.000"): amounts and counts, however dotted. */
  grouped: number;
  /** Digits of the shortest and the longest number: codes run alike (101, 102, 201), counts do not (64, 21.930). */
  digits: [number, number];
}

function countDigits(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** A number grouped in thousands by dots: "21.930", "1.350.000". */
const THOUSANDS_RE = /^\d{1,3}(?:\.\d{3})+$/;

/** An outline's number: its parent's number, then its own last part ("2.1", "1.2.3", "2.1."). */
const OUTLINE_PART = /^(\d{1,2}(?:\.\d{1,2})*)\.(\d{1,2})\.?$/;

/** Values a profile reads at most: evidence enough, and a long table costs no more than a short one. */
const PROFILE_SAMPLE = 24;

export function profile(all: readonly string[]): ValueProfile {
  const values = all.length > PROFILE_SAMPLE * 2 ? sample(all) : all;
  const classes: Record<ValueClass, number> = {
    empty: 0, date: 0, number: 0, code: 0, target: 0, person: 0, unit: 0, status: 0, mark: 0, text: 0,
  };
  let count = 0;
  let sum = 0;
  let numeric = true;
  let length = 0;
  let fractions = true;
  let codes = 0;
  let numericCodes = 0;
  let sequential = true;
  let grouped = 0;
  let fewest = Infinity;
  let most = 0;
  let expect = 1;
  // Outline numbers: the parent's number every value shares, and the last part expected next.
  let parent: string | null = null;
  let outline = true;
  let nextPart = 1;
  for (const v of values) {
    const c = classify(v);
    classes[c]++;
    if (c === "empty") continue;
    count++;
    if (c === "code") codes++;
    else if (c === "number" && isCode(v) && !v.includes(",")) {
      codes++;
      numericCodes++;
    }
    // Capital letters down a column (A, B, C …) code its rows; X, ● alone mark a calendar (class "mark").
    if (c !== "mark" && isLetterCode(v)) codes++;
    if (v.trim() === String(expect)) expect++;
    else sequential = false;
    const o = OUTLINE_PART.exec(v.trim());
    if (o && (parent === null || parent === o[1]) && Number(o[2]) === nextPart) {
      parent = o[1]!;
      nextPart++;
    } else outline = false;
    length += v.length;
    if (c === "number") {
      if (THOUSANDS_RE.test(v.trim())) grouped++;
      const d = countDigits(v);
      if (d < fewest) fewest = d;
      if (d > most) most = d;
      const n = numberOf(v);
      if (n === null) numeric = false;
      else {
        sum += n;
        if (!(n > 0 && n < 1)) fractions = false;
      }
    } else numeric = false;
  }
  return { count, classes, sum: numeric && count > 0 ? sum : null, meanLength: count ? length / count : 0, fractions: fractions && numeric && count > 0, codes, numericCodes, sequential: (sequential || outline) && count >= 2, grouped, digits: [most === 0 ? 0 : fewest, most] };
}

/** The non-empty values spread over the whole column, at most PROFILE_SAMPLE of them, in order. */
function sample(all: readonly string[]): string[] {
  const filled = all.filter((v) => v !== "");
  if (filled.length <= PROFILE_SAMPLE) return filled;
  const step = filled.length / PROFILE_SAMPLE;
  return Array.from({ length: PROFILE_SAMPLE }, (_, k) => filled[Math.floor(k * step)]!);
}

/** Share of the profile's non-empty values in the given classes. */
export function share(p: ValueProfile, ...cls: ValueClass[]): number {
  if (p.count === 0) return 0;
  let n = 0;
  for (const c of cls) n += p.classes[c];
  return n / p.count;
}

/** Numbers summing to 100 (±0.5) or, written as fractions, to 1 (±0.005): weights of one group. */
export function sumsToWhole(sum: number | null, fractions = false): boolean {
  if (sum === null) return false;
  return Math.abs(sum - 100) <= 0.5 || (fractions && Math.abs(sum - 1) <= 0.005);
}
