/**
 * Cell text → typed values, memoised: the same "31/12/2025" or "10,00%" recurs
 * hundreds of times in a document and across a batch. Each call returns a
 * fresh object so that no two records share one.
 */
import type { DateValue, Period, Quantity, Target } from "../model/schema.js";
import { parseDate } from "../normalize/dates.js";
import { parseQuantity } from "../normalize/numbers.js";
import { parseTarget } from "../normalize/targets.js";

const MAX = 20_000;
const dates = new Map<string, DateValue | null>();
const targets = new Map<string, Target | null>();
const quantities = new Map<string, Quantity | null>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) {
    v = make();
    if (cache.size >= MAX) cache.clear();
    cache.set(key, v);
  }
  return v as T;
}

const periodKey = (p: Period | null) => (p ? `${p.from}-${p.to}` : "-");

export function dateOf(raw: string, period: Period | null): DateValue | null {
  const d = remember(dates, `${periodKey(period)}|${raw}`, () => parseDate(raw, { period })?.value ?? null);
  return d ? { ...d } : null;
}

export function targetOf(raw: string, period: Period | null): Target | null {
  const t = remember(targets, `${periodKey(period)}|${raw}`, () => parseTarget(raw, { period }));
  return t ? { ...t, date: t.date ? { ...t.date } : null } : null;
}

export function quantityOf(raw: string): Quantity | null {
  const q = remember(quantities, raw, () => parseQuantity(raw));
  return q ? { ...q } : null;
}
