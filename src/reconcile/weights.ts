/**
 * Weight checks: malformed quantities, step sums, first-year shares, the
 * objectives' total, and the same objective printed with two weights.
 */
import { alikeComparable, comparable } from "../util/alike.js";
import type { Objective, PiaoDocument, Quantity } from "../model/schema.js";
import type { IssueCollector } from "./issues.js";
import { objectivePath, ptr, stepPath } from "./pointer.js";

const PERCENT_TOLERANCE = 0.5;
const FRACTION_TOLERANCE = 0.005;
const YEAR_SHARE_TOLERANCE = 0.05;
/** Absorbs float noise when comparing against a tolerance (99.5 must pass). */
const EPS = 1e-9;

/** The scale a weight is printed out of: 100, or the one its unit names ("/1000", "su 10"). */
export function scaleOf(q: Quantity): number {
  const m = q.unit ? /^(?:\/|su\s*)(\d+)$/.exec(q.unit) : null;
  return m ? Number(m[1]) : 100;
}

/** A weight whose text is present but unusable: not a number, negative, or over its scale (100). */
export function isMalformed(q: Quantity | null): boolean {
  if (!q || q.raw === null || q.raw.trim() === "") return false;
  return q.value === null || q.value < 0 || q.value > scaleOf(q);
}

/** The scale every weight shares (a plan weighing in points out of 1000), else 100. */
function sharedScale(qs: readonly Quantity[]): number {
  const scales = new Set(qs.map(scaleOf));
  return scales.size === 1 ? [...scales][0]! : 100;
}

/** A usable weight value, or null. */
function usable(q: Quantity | null): number | null {
  if (!q || q.value === null || isMalformed(q)) return null;
  return q.value;
}

/** Written as a fraction of 1 (`0,30`) rather than as percentage points. */
function isFractionForm(q: Quantity): boolean {
  // "1/100" is points out of a hundred, as "1%" is.
  return q.value !== null && q.value <= 1 && q.unit !== "%" && !/^(?:\/|su\s*)\d+$/.test(q.unit ?? "");
}

/** Prints a number the Italian way, without trailing zeros noise (`18,18`). */
export function fmt(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(r).replace(".", ",");
}

function fmtWeight(q: Quantity): string {
  return q.raw?.trim() || (q.value === null ? "?" : fmt(q.value));
}

export function checkWeightFields(doc: PiaoDocument, out: IssueCollector): void {
  doc.objectives.forEach((o, i) => {
    malformed(o.weight, ptr(objectivePath(i), "weight"), "objective weight", out);
    o.steps.forEach((s, k) => {
      malformed(s.weight, ptr(stepPath(i, k), "weight"), "step weight", out);
      malformed(s.yearWeight, ptr(stepPath(i, k), "yearWeight"), "step year weight", out);
    });
  });
}

function malformed(q: Quantity | null, path: string, what: string, out: IssueCollector): void {
  if (!q || !isMalformed(q)) return;
  const raw = q.raw ?? "";
  const why =
    q.value === null ? "is not a number" : q.value < 0 ? `is negative (${fmt(q.value)})` : `is over 100 (${fmt(q.value)})`;
  out.add("weight.malformed", path, `${what} "${raw}" ${why}`, raw);
}

/** weight.sum and weight.year-share for one objective's steps. */
export function checkStepWeights(o: Objective, i: number, out: IssueCollector): void {
  const weighted = o.steps.filter((s) => usable(s.weight) !== null);
  const fraction = weighted.length > 0 && weighted.every((s) => s.weight !== null && isFractionForm(s.weight));

  // weight.sum needs every step weighted: a partial column is a layout gap, not an arithmetic error.
  if (o.steps.length >= 2 && weighted.length === o.steps.length) {
    const sum = weighted.reduce((acc, s) => acc + (s.weight?.value ?? 0), 0);
    const target = fraction ? 1 : sharedScale(weighted.map((s) => s.weight as Quantity));
    const tol = fraction ? FRACTION_TOLERANCE : PERCENT_TOLERANCE;
    if (Math.abs(sum - target) > tol + EPS) {
      const list = weighted.map((s) => fmtWeight(s.weight as Quantity)).join(" + ");
      const label = o.id ? `objective ${o.id}` : "the objective";
      const shown = fraction ? fmt(Math.round(sum * 1000) / 1000) : `${fmt(sum)}%`;
      out.add(
        "weight.sum",
        objectivePath(i),
        `the ${weighted.length} step weights of ${label} sum to ${shown} (${list}), not ${fraction ? "1" : "100%"}`,
        null,
      );
    }
  }

  // The yearWeight column is a step's share of the weights due in one year:
  // denominator = weights of this objective's steps whose due falls in the step's own year.
  const byYear = new Map<string, number>();
  for (const s of weighted) {
    const y = s.due?.iso?.slice(0, 4);
    if (y) byYear.set(y, (byYear.get(y) ?? 0) + (s.weight?.value ?? 0));
  }
  o.steps.forEach((s, k) => {
    const yw = usable(s.yearWeight);
    const w = usable(s.weight);
    const y = s.due?.iso?.slice(0, 4);
    if (yw === null || w === null || !y || !s.yearWeight) return;
    const denom = byYear.get(y);
    if (!denom) return;
    const expected = (w / denom) * 100;
    // A fraction-form yearWeight (0,1818) is compared on the same 0–100 scale.
    const printed = isFractionForm(s.yearWeight) && fraction ? yw * 100 : yw;
    if (Math.abs(printed - expected) > YEAR_SHARE_TOLERANCE + EPS) {
      const code = s.id ? `step ${s.id}` : `step ${k + 1}`;
      out.add(
        "weight.year-share",
        ptr(stepPath(i, k), "yearWeight"),
        `${code} has year weight ${fmtWeight(s.yearWeight)} but its weight ${fmtWeight(s.weight as Quantity)} ` +
          `is ${fmt(expected)}% of the ${fmt(fraction ? denom * 100 : denom)}% of weight due in ${y}`,
        s.yearWeight.raw,
      );
    }
  });
}

function normKey(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * weight.objectives-sum (path "").
 *
 * Why groups: a document often lists its objectives per organisational unit
 * (each unit's objectives summing to 100) or in several summary tables (one
 * per objective kind). Such a document is consistent even though its grand
 * total is a multiple of 100, so we only warn when neither the whole document,
 * nor every unit group, nor every kind group sums to 100. Objectives printed
 * twice (a card and a summary row with the same id) are counted once.
 */
export function checkObjectivesSum(doc: PiaoDocument, out: IssueCollector): void {
  // One objective printed twice (same code, alike titles) counts once; a duplicate code with another title is another objective.
  const seen = new Map<string, (string | null)[]>();
  const weighted: { o: Objective; w: Quantity }[] = [];
  // A weight printed but unreadable ("venti") leaves the sum unknown: weight.malformed says so, no sum is checked.
  if (doc.objectives.some((o) => o.weight !== null && usable(o.weight) === null)) return;
  for (const o of doc.objectives) {
    if (usable(o.weight) === null || !o.weight) continue;
    if (o.id) {
      const key = normKey(o.id);
      const titles = seen.get(key);
      if (titles?.some((t) => t === null || o.title === null || sameTitle(t, o.title))) continue;
      if (titles) titles.push(o.title);
      else seen.set(key, [o.title]);
    }
    weighted.push({ o, w: o.weight });
  }
  if (weighted.length < 2) return;

  const fraction = weighted.every((x) => isFractionForm(x.w));
  const target = fraction ? 1 : sharedScale(weighted.map((x) => x.w));
  const tol = fraction ? FRACTION_TOLERANCE : PERCENT_TOLERANCE;
  const ok = (sum: number): boolean => Math.abs(sum - target) <= tol + EPS;
  const total = weighted.reduce((a, x) => a + (x.w.value ?? 0), 0);
  if (ok(total)) return;

  const groupsOk = (keyOf: (o: Objective) => string | null): boolean => {
    const sums = new Map<string, number>();
    for (const x of weighted) {
      const k = keyOf(x.o);
      if (k === null) return false; // an ungrouped objective: the grouping does not apply
      sums.set(k, (sums.get(k) ?? 0) + (x.w.value ?? 0));
    }
    return sums.size >= 2 && [...sums.values()].every(ok);
  };
  if (groupsOk((o) => (o.unit ? normKey(o.unit) : null))) return;
  if (groupsOk((o) => (o.kind ? normKey(o.kind) : null))) return;
  // Weights relative to the group printed above them (an area or a manager's sheet weighed apart): in
  // document order they close a whole at each group's end, two groups at least. (Equal weights close a whole
  // anywhere: they say nothing of groups.)
  const equal = weighted.every((x) => x.w.value === weighted[0]!.w.value);
  let run = 0;
  let runs = 0;
  for (const x of weighted) {
    run += x.w.value ?? 0;
    if (ok(run)) [run, runs] = [0, runs + 1];
    else if (run > target + tol) break;
  }
  if (!equal && run === 0 && runs >= 2) return;

  const kinds = new Set(weighted.map((x) => x.o.kind?.trim() ?? ""));
  const only = kinds.size === 1 ? [...kinds][0] : "";
  const where = only ? ` (${only})` : "";
  const shown = fraction ? fmt(Math.round(total * 1000) / 1000) : `${fmt(total)}%`;
  out.add(
    "weight.objectives-sum",
    "",
    `the ${weighted.length} objective weights${where} sum to ${shown}, not ${fraction ? "1" : "100%"}, ` +
      `and no grouping by unit or kind sums to ${fraction ? "1" : "100%"} either`,
    null,
  );
}

/** Same value once scales are reconciled: `0,10` and `10%` are one weight. */
function sameWeight(a: Quantity, b: Quantity): boolean {
  const av = a.value ?? NaN;
  const bv = b.value ?? NaN;
  if (Math.abs(av - bv) < 1e-6) return true;
  if (isFractionForm(a) && !isFractionForm(b)) return Math.abs(av * 100 - bv) < 1e-6;
  if (isFractionForm(b) && !isFractionForm(a)) return Math.abs(bv * 100 - av) < 1e-6;
  return false;
}

/** weight.conflict: objectives sharing an id (card vs summary row) with different weights. */
export function checkWeightConflicts(doc: PiaoDocument, normId: (id: string) => string, out: IssueCollector): void {
  const first = new Map<string, { i: number; w: Quantity }>();
  doc.objectives.forEach((o, i) => {
    if (!o.id || usable(o.weight) === null || !o.weight) return;
    const key = normId(o.id);
    if (!key) return;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, { i, w: o.weight });
      return;
    }
    // Two objectives that share only a code (their titles differ) are a duplicate code, not a conflict.
    const prevTitle = doc.objectives[prev.i]!.title;
    if (prevTitle && o.title && !sameTitle(prevTitle, o.title)) return;
    if (!sameWeight(prev.w, o.weight)) {
      out.add(
        "weight.conflict",
        ptr(objectivePath(i), "weight"),
        `objective ${o.id} weighs ${fmtWeight(o.weight)} here but ${fmtWeight(prev.w)} at ${objectivePath(prev.i)}/weight`,
        o.weight.raw,
      );
    }
  });
}

/** Titles of one objective printed twice (card and summary row): equal, one the start of the other, or close. */
function sameTitle(a: string, b: string): boolean {
  return alikeComparable(comparable(a), comparable(b), 0.6);
}
