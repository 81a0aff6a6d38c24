/**
 * Cell text → typed values, memoised: the same "31/12/2025" or "10,00%" recurs
 * hundreds of times in a document and across a batch. Each call returns a
 * fresh object so that no two records share one.
 */
import type { DateValue, Period, Quantity, Target } from "../model/schema.js";
import { parseDate } from "../normalize/dates.js";
import { parseQuantity } from "../normalize/numbers.js";
import { parseTarget } from "../normalize/targets.js";
import { memo } from "../util/memo.js";

const quantities = memo<Quantity | null>(20_000);

/**
 * A reader of values in a plan's period, memoised per period and keyed by the raw text alone (no key string
 * built and hashed anew for every cell). A document passes one period object throughout: the last one's
 * reader is kept at hand; a batch meets a handful of periods, and the table of them is bounded too.
 */
function perPeriod<T>(read: (raw: string, period: Period | null) => T): (raw: string, period: Period | null) => T {
  const readerFor = (p: Period | null) => {
    const m = memo<T>(20_000);
    const make = (raw: string) => read(raw, p);
    return (raw: string) => m(raw, make);
  };
  const byPeriod = new Map<string, (raw: string) => T>();
  let lastPeriod: Period | null | undefined;
  let last: (raw: string) => T = readerFor(null);
  return (raw, p) => {
    if (p !== lastPeriod) {
      const k = p ? `${p.from}-${p.to}` : "-";
      let r = byPeriod.get(k);
      if (!r) {
        if (byPeriod.size >= 64) byPeriod.clear();
        byPeriod.set(k, (r = readerFor(p)));
      }
      lastPeriod = p;
      last = r;
    }
    return last(raw);
  };
}

const dates = perPeriod<DateValue | null>((raw, period) => parseDate(raw, { period })?.value ?? null);
const targets = perPeriod<Target | null>((raw, period) => parseTarget(raw, { period }));

/**
 * A spreadsheet's date saved as its serial number ("46203": days since 30 December 1899, as Excel and Calc
 * count them), in a field that holds a date: the day it stands for. Only five-digit serials of the years
 * 2000–2049; any other number in a date's field stays unread.
 */
const SERIAL_RE = /^\d{5}$/;
const SERIAL_MIN = 36526; // 2000-01-01
const SERIAL_MAX = 54789; // 2049-12-31

function serialDate(raw: string): DateValue | null {
  const t = raw.trim();
  if (!SERIAL_RE.test(t)) return null;
  const n = Number(t);
  if (n < SERIAL_MIN || n > SERIAL_MAX) return null;
  const iso = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
  return { raw, iso, precision: "day" };
}

export function dateOf(raw: string, period: Period | null): DateValue | null {
  const d = dates(raw, period);
  if (d && d.iso === null && d.precision === "none") return serialDate(raw) ?? { ...d };
  return d ? { ...d } : null;
}

export function targetOf(raw: string, period: Period | null): Target | null {
  const t = targets(raw, period);
  return t ? { ...t, date: t.date ? { ...t.date } : null } : null;
}

export function quantityOf(raw: string): Quantity | null {
  const q = quantities(raw, parseQuantity);
  return q ? { ...q } : null;
}

/** Two periods joined by a dash, the first opening with a word ("gen-mar", "II-III trim.", "aprile–settembre 2026"). */
const PERIOD_RANGE = /^\s*(\p{L}[\p{L}.]*|[IVX]{1,4})\s*[-–—]\s*(\S+(?:\s+\S+){0,2})\s*$/u;

/**
 * A span of months or quarters in a step's timing ("gen-mar", "II-III trim.", "luglio-dicembre", "aprile–settembre
 * 2026"): its first period's date is the start, its last's the due date (each the last day of its period, as a
 * cronoprogramma's marks are read), both with the whole text as printed. The first period borrows the unit or year
 * printed after the last ("II" of "II-III trim."). Null for any other text.
 */
export function periodRange(raw: string, period: Period | null): { start: DateValue; due: DateValue } | null {
  const m = PERIOD_RANGE.exec(raw);
  if (!m) return null;
  const right = dateOf(m[2]!, period);
  if (right?.iso == null) return null;
  const tail = /\s+(\S+(?:\s+\S+)?)$/.exec(m[2]!)?.[1];
  const left = [m[1]!, tail ? `${m[1]} ${tail}` : null].map((t) => (t ? dateOf(t, period) : null)).find((d) => d?.iso != null);
  if (!left || left.iso! > right.iso!) return null;
  return { start: { ...left, raw }, due: { ...right, raw } };
}
