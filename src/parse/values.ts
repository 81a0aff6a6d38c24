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

export function dateOf(raw: string, period: Period | null): DateValue | null {
  const d = dates(raw, period);
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
