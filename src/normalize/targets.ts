/**
 * Expected / reached values of an indicator → Target.
 *
 * A target is only called a number when the cell is a measurable statement:
 * a number with an optional symbolic comparator and a short unit
 * (`≥ 100`, `t<=30gg`, `> 2 al mese`, `n. 12`, `€ 50.000,00`), possibly after
 * a label that names what is counted (`n. verbali > 4`). Prose that happens
 * to contain a number ("Almeno 4 riunioni", "per il 75% dei dipendenti",
 * "Ritardo inferiore o uguale a zero") stays text: a comparator written in
 * words, or a number followed by a long clause, does not make a measurable
 * target, and guessing would invent values the document does not state.
 */
import type { Comparator, Target } from "../model/schema.js";
import { analyzeDate, type DateContext } from "./dates.js";
import { NUMBER_SRC, UNIT_SRC, isPlaceholder, parseItalianNumber, trimStray } from "./numbers.js";

const COMP_SRC = String.raw`>=|=>|≥|⩾|<=|=<|≤|⩽|>|<|=`;
// A trailing remark in brackets qualifies the value; it is not the unit.
const PAREN_TAIL = String.raw`(?:\s*\([^)]*\)?)?`;
const END = String.raw`\s*[.;]?\s*$`;

// "n. 12", "n° 2 report/anno": the count marker makes the number the value.
const COUNT_RE = new RegExp(
  String.raw`^(?:n\s*[.°]|nr\.?|num\.?|numero)\s*(${NUMBER_SRC})\s*(${UNIT_SRC})?${PAREN_TAIL}${END}`,
  "iu",
);
// "[label] comparator [€] number [unit]": "≥ 100", "% > 75", "t<=30gg", "n. verbali >4".
const COMPARED_RE = new RegExp(
  String.raw`^([^\d<>=≥≤⩾⩽;:]*?)\s*(${COMP_SRC})\s*(€)?\s*(${NUMBER_SRC})\s*(${UNIT_SRC})?${PAREN_TAIL}${END}`,
  "iu",
);
// "[€] number [unit]": "100,00", "70%", "€ 50.000,00", "30 giorni".
const PLAIN_RE = new RegExp(
  String.raw`^(€|eur\b|euro\b)?\s*(${NUMBER_SRC})\s*(${UNIT_SRC})?${PAREN_TAIL}${END}`,
  "iu",
);

/**
 * Without a comparator or a count marker, only a unit of measure keeps a
 * number-led cell a number: "1 report annuale" is a description.
 */
const MEASURE_UNITS = new Set([
  "%", "€", "euro", "eur", "gg", "gg.", "giorni", "giorno", "mesi", "mese", "ore", "ora", "h",
  "minuti", "min", "min.", "settimane", "settimana", "anni", "anno", "km", "m", "mq", "kg",
  "punti", "punto", "pt", "pt.", "‰",
]);

const BOOLEAN_RE = /^(?:s[iìí]|no)\s*[.!]?$/i;

/**
 * A comparator written in words directly before the number, and nothing
 * after it but a unit: "almeno 45", "non inferiore all'85%", "più di 3",
 * "max 20 giorni", "entro 30 gg". Prose that goes on after the number
 * ("almeno 4 riunioni", "garantire almeno 60 potature") is not one.
 */
const ARTICLE = String.raw`(?:(?:il|lo|la|al|allo|alla|a|ad)\s+|l['’]\s*|all['’]\s*)?`;
const WORDED: [Comparator, string][] = [
  [">=", String.raw`almeno|non\s+meno\s+di|non\s+inferiore|pari\s+o\s+superiore|minimo|min\.`],
  [">", String.raw`pi[uù]\s+di|oltre|superiore|maggiore\s+di`],
  ["<=", String.raw`non\s+pi[uù]\s+di|non\s+oltre|non\s+superiore|inferiore\s+o\s+uguale|fino|massimo|max\.?`],
  ["<", String.raw`meno\s+di|inferiore|minore\s+di`],
];
const WORDED_RE = WORDED.map(
  ([cmp, words]) =>
    [cmp, new RegExp(String.raw`^(?:${words})\s+${ARTICLE}(€\s*)?(${NUMBER_SRC})\s*(${UNIT_SRC})?${PAREN_TAIL}${END}`, "iu")] as const,
);
/** "entro 30 gg", "entro 4 ore": a time allowed, at most (a date after "entro" is a deadline, read as a date). */
const WITHIN_RE = new RegExp(String.raw`^entro\s+(${NUMBER_SRC})\s*(gg\.?|giorni|giorno|ore|ora|h|mesi|mese|settimane|settimana|minuti|min\.?)${PAREN_TAIL}${END}`, "iu");

function asWorded(raw: string, s: string): Target | null {
  const w = WITHIN_RE.exec(s);
  if (w) return numeric(raw, w[1], cleanUnit(w[2]), "<=", false);
  for (const [cmp, re] of WORDED_RE) {
    const m = re.exec(s);
    if (!m) continue;
    const unit = m[1] ? "€" : cleanUnit(m[3]);
    const first = unit?.split(/\s+/)[0]?.toLowerCase();
    if (unit !== null && !unit.startsWith("%") && unit !== "€" && !MEASURE_UNITS.has(first ?? "")) return null;
    return numeric(raw, m[2], unit, cmp, false);
  }
  return null;
}

function comparator(sym: string | undefined): Comparator | null {
  switch (sym) {
    case ">=": case "=>": case "≥": case "⩾": return ">=";
    case "<=": case "=<": case "≤": case "⩽": return "<=";
    case ">": return ">";
    case "<": return "<";
    case "=": return "=";
    default: return null;
  }
}

function cleanUnit(u: string | undefined): string | null {
  if (u === undefined) return null;
  const t = u.trim().replace(/[.;,]+$/, "");
  return t === "" ? null : t;
}

function numeric(
  raw: string,
  num: string | undefined,
  unit: string | null,
  cmp: Comparator | null,
  percentHint: boolean,
): Target | null {
  const value = parseItalianNumber(num ?? "");
  if (value === null) return null;
  const percent = percentHint || (unit !== null && unit.startsWith("%"));
  return {
    raw,
    kind: percent ? "percent" : "number",
    value,
    comparator: cmp,
    unit: percent ? "%" : unit,
    date: null,
  };
}

/** A count out of a whole: "8 su 8", "≥ 10 su 12 sedi" (the count is the target's figure). */
const OUT_OF_RE = /^(?:([<>≤≥]=?|=)\s*)?(\d+(?:[.,]\d+)?)\s+su\s+\d+(?:[.,]\d+)?(?:\s+\p{L}[\p{L}'’ ]*)?$/u;

function asNumber(raw: string, s: string): Target | null {
  const out = OUT_OF_RE.exec(s);
  if (out) return numeric(raw, out[2], null, out[1] ? comparator(out[1]) : null, false);
  let m = COUNT_RE.exec(s);
  if (m) return numeric(raw, m[1], cleanUnit(m[2]), null, false);
  m = COMPARED_RE.exec(s);
  if (m) {
    const label = m[1] ?? "";
    const unit = m[3] ? "€" : cleanUnit(m[5]);
    return numeric(raw, m[4], unit, comparator(m[2]), label.includes("%"));
  }
  m = PLAIN_RE.exec(s);
  if (m) {
    const unit = m[1] ?? cleanUnit(m[3]);
    const first = unit?.split(/\s+/)[0]?.toLowerCase();
    if (unit !== null && !unit.startsWith("%") && !MEASURE_UNITS.has(first ?? "")) return null;
    return numeric(raw, m[2], unit, null, false);
  }
  return null;
}

const HAS_DIGIT = /\d/;
const CLAUSE_MARK = /[:;]/;
const TRAILING_PUNCT = /^[\s.;,)]*$/;
const WORD = /[\p{L}]+/gu;
const MAX_LABEL_WORDS = 12;

/**
 * A date target: the cell is a date expression that stands on its own (its
 * year is written, not borrowed from the plan — "entro mese di febbraio" in a
 * target column is a description), or a short label ending in a full date
 * ("Relazione a consuntivo 31/12/2023"). A date inside a longer statement with
 * other figures ("100% degli atti notificati entro il 31/12/2025") is text.
 */
function asDate(raw: string, ctx: DateContext): Target | null {
  const a = analyzeDate(raw, ctx);
  const p = a.parse;
  if (p.value.precision === "none" && !p.invalid) return null;
  const make = (): Target => ({ raw, kind: "date", value: null, comparator: null, unit: null, date: p.value });
  if (a.pure) return a.usedCtx ? null : make();
  const last = a.atoms[a.atoms.length - 1];
  if (!last || last.precision !== "day" || last.year === null || last.needsPure) return null;
  if (!TRAILING_PUNCT.test(a.text.slice(last.end))) return null;
  const label = a.text.slice(0, last.start);
  if (HAS_DIGIT.test(label) || CLAUSE_MARK.test(label)) return null;
  if ((label.match(WORD) ?? []).length > MAX_LABEL_WORDS) return null;
  return make();
}

/** Figures with an O among them, beside a digit ("9O", "1OO", "O,5"). */
const OCR_FIGURES = /(?<![\p{L}])(?=[\dOo.,]*\d)[\dOo]+(?:[.,][\dOo]+)?(?![\p{L}])/u;
const OCR_FIGURES_G = new RegExp(OCR_FIGURES.source, "gu");

/** Parses a target/actual cell; `null` for empty or placeholder cells. */
export function parseTarget(raw: string | null | undefined, ctx: DateContext): Target | null {
  if (raw == null || isPlaceholder(raw)) return null;
  let s = trimStray(raw.replace(/\s+/g, " ").trim());
  // A number as a scan reads it, O for 0 among its figures ("9O%", ">= 1O"): the number.
  if (OCR_FIGURES.test(s)) s = s.replace(OCR_FIGURES_G, (n) => n.replace(/[Oo]/g, "0"));
  if (BOOLEAN_RE.test(s)) {
    return { raw, kind: "boolean", value: null, comparator: null, unit: null, date: null };
  }
  return (
    asNumber(raw, s) ??
    asWorded(raw, s) ??
    asDate(raw, ctx) ?? { raw, kind: "text", value: null, comparator: null, unit: null, date: null }
  );
}
