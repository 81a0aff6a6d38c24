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
 * Dates and targets read in a plan's period: one memo a period, keyed by the raw text alone (no key string
 * built and hashed anew for every cell). A batch meets a handful of periods; the table of them is bounded too.
 */
function perPeriod<T>(): (period: Period | null) => (key: string, make: () => T) => T {
  const byPeriod = new Map<string, (key: string, make: () => T) => T>();
  let none: ((key: string, make: () => T) => T) | null = null;
  return (p) => {
    if (!p) return (none ??= memo<T>(20_000));
    const k = `${p.from}-${p.to}`;
    let m = byPeriod.get(k);
    if (!m) {
      if (byPeriod.size >= 64) byPeriod.clear();
      byPeriod.set(k, (m = memo<T>(20_000)));
    }
    return m;
  };
}

const dates = perPeriod<DateValue | null>();
const targets = perPeriod<Target | null>();

export function dateOf(raw: string, period: Period | null): DateValue | null {
  const d = dates(period)(raw, () => parseDate(raw, { period })?.value ?? null);
  return d ? { ...d } : null;
}

export function targetOf(raw: string, period: Period | null): Target | null {
  const t = targets(period)(raw, () => parseTarget(raw, { period }));
  return t ? { ...t, date: t.date ? { ...t.date } : null } : null;
}

export function quantityOf(raw: string): Quantity | null {
  const q = quantities(raw, () => parseQuantity(raw));
  return q ? { ...q } : null;
}
