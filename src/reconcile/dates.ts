/**
 * Date checks. A date text usually lands in several fields of one object (an
 * objective's `due` and its temporal KPI's target hold the same "Entro …"), so
 * each object is scanned in a fixed field order — `due` first — and one raw
 * text raises a given code only once per object, at the first field.
 */
import type { DateValue, Kpi, Objective, Period, Step, Target } from "../model/schema.js";
import type { IssueCode, IssueCollector } from "./issues.js";
import { objectivePath, ptr, stepPath } from "./pointer.js";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

interface DateField {
  path: string;
  label: string;
  date: DateValue;
}

function targetDate(t: Target | null): DateValue | null {
  return t?.date ?? null;
}

function kpiFields(kpi: Kpi, base: string): DateField[] {
  const out: DateField[] = [];
  const t = targetDate(kpi.target);
  if (t) out.push({ path: ptr(base, "target"), label: "KPI target", date: t });
  const a = targetDate(kpi.actual);
  if (a) out.push({ path: ptr(base, "actual"), label: "KPI actual value", date: a });
  return out;
}

/** Date fields of an objective, `due` first. */
function objectiveFields(o: Objective, i: number): DateField[] {
  const base = objectivePath(i);
  const out: DateField[] = [];
  if (o.due) out.push({ path: ptr(base, "due"), label: "deadline", date: o.due });
  o.kpis.forEach((k, n) => out.push(...kpiFields(k, ptr(base, "kpis", n))));
  return out;
}

/** Date fields of a step, `due` first, its KPI last. */
function stepFields(s: Step, i: number, k: number): DateField[] {
  const base = stepPath(i, k);
  const out: DateField[] = [];
  if (s.due) out.push({ path: ptr(base, "due"), label: "deadline", date: s.due });
  if (s.start) out.push({ path: ptr(base, "start"), label: "start", date: s.start });
  if (s.actualStart) out.push({ path: ptr(base, "actualStart"), label: "actual start", date: s.actualStart });
  if (s.actualEnd) out.push({ path: ptr(base, "actualEnd"), label: "actual end", date: s.actualEnd });
  if (s.kpi) out.push(...kpiFields(s.kpi, ptr(base, "kpi")));
  return out;
}

const DMY = /(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)/g;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(month: number, year: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** Says why a numeric d/m/y text is impossible, when it is one. */
function whyInvalid(raw: string): string | null {
  for (const m of raw.matchAll(DMY)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    let y = Number(m[3]);
    if (m[3]?.length === 2) y += 2000;
    if (mo < 1 || mo > 12) return `month ${mo} does not exist`;
    const max = daysIn(mo, y);
    if (d < 1 || d > max) return `${MONTHS[mo - 1]} ${mo === 2 ? y + " " : ""}has ${max} days`;
  }
  return null;
}

/** A numeric date with a two-digit year (`30/06/25`). */
export function hasTwoDigitYear(raw: string): boolean {
  for (const m of raw.matchAll(DMY)) if (m[3]?.length === 2) return true;
  return false;
}

/** The earliest day a start text allows (a start of "2025" begins on 1 January). */
function earliest(d: DateValue): string | null {
  if (!d.iso) return null;
  const y = d.iso.slice(0, 4);
  const mo = Number(d.iso.slice(5, 7));
  const pad = (n: number): string => String(n).padStart(2, "0");
  switch (d.precision) {
    case "year":
      return `${y}-01-01`;
    case "half":
      return `${y}-${pad(mo <= 6 ? 1 : 7)}-01`;
    case "quarter":
      return `${y}-${pad(Math.floor((mo - 1) / 3) * 3 + 1)}-01`;
    case "month":
      return `${y}-${pad(mo)}-01`;
    default:
      return d.iso;
  }
}

/**
 * What makes two raws "the same date text": their numeric dates when they have
 * some (`Entro 31/06/2023` in the due and `31/06/2023` in the target are one
 * finding), else the folded text.
 */
function dateKey(raw: string): string {
  const dates = [...raw.matchAll(DMY)].map((m) => `${Number(m[1])}/${Number(m[2])}/${m[3]}`);
  return dates.length > 0 ? dates.join(" ") : raw.trim().toLowerCase().replace(/\s+/g, " ");
}

class OncePerObject {
  private readonly seen = new Set<string>();
  first(code: IssueCode, raw: string): boolean {
    const key = `${code}\u0000${dateKey(raw)}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

function checkFields(fields: DateField[], out: IssueCollector): void {
  const once = new OncePerObject();
  for (const f of fields) {
    const raw = f.date.raw ?? "";
    if (f.date.iso === null && f.date.precision !== "none") {
      if (once.first("date.invalid", raw)) {
        const why = whyInvalid(raw);
        out.add(
          "date.invalid",
          f.path,
          `${f.label} "${raw}" is not a real date${why ? ` (${why})` : ""}`,
          f.date.raw,
        );
      }
    } else if (f.date.iso !== null && hasTwoDigitYear(raw) && once.first("date.two-digit-year", raw)) {
      out.add(
        "date.two-digit-year",
        f.path,
        `${f.label} "${raw}" has a two-digit year, read as ${f.date.iso.slice(0, 4)}`,
        f.date.raw,
      );
    }
  }
}

function unparsed(due: DateValue | null, path: string, out: IssueCollector): void {
  if (!due || due.iso !== null || due.precision !== "none") return;
  if (!due.raw || due.raw.trim() === "") return;
  out.add("date.unparsed", path, `deadline "${due.raw}" holds no readable date`, due.raw);
}

function outOfPeriod(due: DateValue | null, path: string, period: Period | null, out: IssueCollector): void {
  if (!due?.iso || !period) return;
  const y = Number(due.iso.slice(0, 4));
  if (y < period.from || y > period.to) {
    const span = period.from === period.to ? `${period.from}` : `${period.from}–${period.to}`;
    out.add(
      "date.out-of-period",
      path,
      `deadline "${due.raw ?? due.iso}" (${due.iso}) falls outside the plan period ${span}`,
      due.raw,
    );
  }
}

function startAfterEnd(
  start: DateValue | null,
  end: DateValue | null,
  startPath: string,
  what: [string, string],
  out: IssueCollector,
): void {
  if (!start || !end?.iso) return;
  const s = earliest(start);
  if (s && s > end.iso) {
    out.add(
      "date.out-of-period",
      startPath,
      `${what[0]} "${start.raw ?? start.iso}" (${start.iso}) comes after the ${what[1]} "${end.raw ?? end.iso}" (${end.iso})`,
      start.raw,
    );
  }
}

export function checkObjectiveDates(o: Objective, i: number, period: Period | null, out: IssueCollector): void {
  checkFields(objectiveFields(o, i), out);
  unparsed(o.due, ptr(objectivePath(i), "due"), out);
  outOfPeriod(o.due, ptr(objectivePath(i), "due"), period, out);
}

export function checkStepDates(s: Step, i: number, k: number, period: Period | null, out: IssueCollector): void {
  const base = stepPath(i, k);
  checkFields(stepFields(s, i, k), out);
  unparsed(s.due, ptr(base, "due"), out);
  outOfPeriod(s.due, ptr(base, "due"), period, out);
  startAfterEnd(s.start, s.due, ptr(base, "start"), ["start", "deadline"], out);
  startAfterEnd(s.actualStart, s.actualEnd, ptr(base, "actualStart"), ["actual start", "actual end"], out);
}
