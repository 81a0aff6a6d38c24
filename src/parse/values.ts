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

const dates = memo<DateValue | null>(20_000);
const targets = memo<Target | null>(20_000);
const quantities = memo<Quantity | null>(20_000);

const periodKey = (p: Period | null) => (p ? `${p.from}-${p.to}` : "-");

export function dateOf(raw: string, period: Period | null): DateValue | null {
  const d = dates(`${periodKey(period)}|${raw}`, () => parseDate(raw, { period })?.value ?? null);
  return d ? { ...d } : null;
}

export function targetOf(raw: string, period: Period | null): Target | null {
  const t = targets(`${periodKey(period)}|${raw}`, () => parseTarget(raw, { period }));
  return t ? { ...t, date: t.date ? { ...t.date } : null } : null;
}

export function quantityOf(raw: string): Quantity | null {
  const q = quantities(raw, () => parseQuantity(raw));
  return q ? { ...q } : null;
}
