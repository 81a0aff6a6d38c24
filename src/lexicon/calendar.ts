/**
 * The period columns of a cronoprogramma (Gantt): month names or their short
 * forms (`Gen … Dic`), the months' initials in order (`G F M A M G L A S O N
 * D`), month numbers in order (`1 2 … 12`, `01/25 02/25 …`), quarters (`I trim`, `1° trim.`,
 * `T1`) and semesters (`I sem`). Initials and numbers mean months only as a
 * run: a lone `G` or `3` is no month.
 */
import { MONTH_LABEL } from "./vocabulary.js";
import { memo } from "../util/memo.js";

export interface CalendarPeriod {
  unit: "month" | "quarter" | "half";
  /** 1-based: month 1–12, quarter 1–4, half 1–2. */
  n: number;
  /** The year the label prints with the period ("gen 2026", "I/25", "1° trim. 2026"), else none. */
  year?: number;
}

/** A year printed after a period: two digits are this century's. */
function yearOf(t: string): number | undefined {
  const y = /(?:^|[\s\-/'])((?:20)?\d\d)$/.exec(t);
  if (!y) return undefined;
  const n = Number(y[1]);
  return n < 100 ? 2000 + n : n;
}

const MONTHS = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"];
const INITIALS = "GFMAMGLASOND";
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** One label's period when it says so alone: a month's name, a quarter, a semester. */
function alone(label: string): CalendarPeriod | null {
  const t = label.trim().toLowerCase().replace(/\.$/, "");
  if (!t) return null;
  const m = /^([a-z]{3})[a-z]*\.?(?:\s*[-/']?\s*(?:20)?\d\d)?$/.exec(t);
  const withYear = (p: CalendarPeriod): CalendarPeriod => {
    const year = yearOf(t);
    return year === undefined ? p : { ...p, year };
  };
  if (m && MONTH_LABEL.test(label.trim())) {
    const k = MONTHS.indexOf(m[1]!);
    if (k >= 0) return withYear({ unit: "month", n: k + 1 });
  }
  const q = /^(?:([1-4])\s*[°^ºo]?|(i{1,3}|iv))\s*trim(?:estre)?\.?(?:\s*(?:20)?\d\d)?$|^(?:t|q)([1-4])$/.exec(t);
  if (q) return withYear({ unit: "quarter", n: q[1] ? Number(q[1]) : q[2] ? ROMAN[q[2]]! : Number(q[3]) });
  const h = /^(?:([12])\s*[°^ºo]?|(i{1,2}))\s*sem(?:estre)?\.?(?:\s*(?:20)?\d\d)?$/.exec(t);
  if (h) return withYear({ unit: "half", n: h[1] ? Number(h[1]) : ROMAN[h[2]!]! });
  // A quarter in Roman numerals over its year ("I/25", "IV-2026").
  const r = /^(i{1,3}|iv)\s*[/-]\s*(?:20)?\d\d$/.exec(t);
  if (r) return withYear({ unit: "quarter", n: ROMAN[r[1]!]! });
  return null;
}

const periodMemo = memo<(CalendarPeriod | null)[]>(20_000);

/** Periods of a header row's cells: names alone, or runs of initials or numbers in calendar order. */
export function calendarPeriods(labels: readonly string[]): (CalendarPeriod | null)[] {
  return periodMemo(labels.join("\t"), () => computePeriods(labels));
}

function computePeriods(labels: readonly string[]): (CalendarPeriod | null)[] {
  const out: (CalendarPeriod | null)[] = labels.map(alone);
  // Initials: a run of one-letter cells spelling the months in order (from any month).
  runs(labels, (t) => /^[A-Za-z]$/.test(t.trim()), (run) => {
    const s = run.map((i) => labels[i]!.trim().toUpperCase()).join("");
    const at = (INITIALS + INITIALS).indexOf(s);
    if (s.length >= 6 && at >= 0) run.forEach((i, k) => (out[i] = { unit: "month", n: ((at + k) % 12) + 1 }));
  });
  // Numbers: 1, 2, 3 … in order (six or more), months.
  runs(labels, (t) => /^\d{1,2}$/.test(t.trim()), (run) => {
    const ns = run.map((i) => Number(labels[i]!.trim()));
    if (ns.length >= 6 && ns.every((n, k) => n === ns[0]! + k) && ns[0]! >= 1 && ns[ns.length - 1]! <= 12) {
      run.forEach((i, k) => (out[i] = { unit: "month", n: ns[0]! + k }));
    }
  });
  // Month and year as numbers, "01/25 02/25 … 12/25", consecutive (three or more): months of that year.
  runs(labels, (t) => MONTH_YEAR.test(t.trim()), (run) => {
    const my = run.map((i) => MONTH_YEAR.exec(labels[i]!.trim())!).map((m) => ({ n: Number(m[1]), year: yearOf(`x/${m[2]}`)! }));
    if (my.length >= 3 && my.every((x, k) => x.n >= 1 && x.n <= 12 && (k === 0 || x.n === my[k - 1]!.n + 1 || (x.n === 1 && my[k - 1]!.n === 12)))) {
      run.forEach((i, k) => (out[i] = { unit: "month", n: my[k]!.n, year: my[k]!.year }));
    }
  });
  return out;
}

/** A month's number and its year: "01/25", "1-2025". */
const MONTH_YEAR = /^(\d{1,2})\s*[/.-]\s*((?:20)?\d\d)$/;

function runs(labels: readonly string[], test: (t: string) => boolean, each: (run: number[]) => void): void {
  let run: number[] = [];
  for (let i = 0; i <= labels.length; i++) {
    if (i < labels.length && test(labels[i]!)) run.push(i);
    else {
      if (run.length) each(run);
      run = [];
    }
  }
}

/** The last day of a period in a year, as the contract's DateValue wants it. */
export function periodEnd(p: CalendarPeriod, year: number): { iso: string; precision: "month" | "quarter" | "half" } {
  const month = p.unit === "month" ? p.n : p.unit === "quarter" ? p.n * 3 : p.n * 6;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, precision: p.unit };
}
