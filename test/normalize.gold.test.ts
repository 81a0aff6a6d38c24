/**
 * Every Quantity, DateValue and Target in the gold files is a (raw → parsed)
 * example; the normalizers must reproduce them from the raw text alone (plus
 * the document's plan period).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { DateValue, Period, Quantity, Target } from "../src/model/schema.js";
import { parseDate, parseQuantity, parseTarget } from "../src/normalize/index.js";

const GOLD_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "gold");

interface Case<T> {
  file: string;
  path: string;
  period: Period | null;
  gold: T;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(v: Json): v is { [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const quantities: Case<Quantity>[] = [];
const dates: Case<DateValue>[] = [];
const targets: Case<Target>[] = [];

for (const file of readdirSync(GOLD_DIR).filter((f) => f.endsWith(".json")).sort()) {
  const doc = JSON.parse(readFileSync(join(GOLD_DIR, file), "utf8")) as Json;
  const info = isObj(doc) && isObj(doc.document ?? null) ? (doc.document as { [k: string]: Json }) : {};
  const period = (info.period ?? null) as Period | null;
  const walk = (v: Json, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}/${i}`));
      return;
    }
    if (!isObj(v)) return;
    if ("raw" in v && "kind" in v && "comparator" in v && "date" in v) {
      targets.push({ file, path, period, gold: v as unknown as Target });
    } else if ("raw" in v && "iso" in v && "precision" in v) {
      dates.push({ file, path, period, gold: v as unknown as DateValue });
    } else if ("raw" in v && "value" in v && "unit" in v) {
      quantities.push({ file, path, period, gold: v as unknown as Quantity });
    }
    for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(doc, "");
}

/**
 * Gold values this normalizer deliberately does not reproduce, with the
 * reason (reported back; see the final report). Keyed by file and raw text.
 */
const DISAGREE: ReadonlyArray<{ file: string; raw: string; why: string }> = [];

function disagreed(file: string, raw: string | null): boolean {
  return DISAGREE.some((d) => d.file === file && d.raw === raw);
}

/** One test per distinct (file, raw) so a failure names its example. */
function unique<T extends { raw: string | null }>(cases: Case<T>[]): Case<T>[] {
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = `${c.file}\u0000${JSON.stringify(c.gold)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const label = (c: Case<{ raw: string | null }>): string => `${c.file.slice(0, 3)} ${JSON.stringify(c.gold.raw)}`;

describe("gold corpus is present", () => {
  it("has examples of every value type", () => {
    expect(quantities.length).toBeGreaterThan(0);
    expect(dates.length).toBeGreaterThan(0);
    expect(targets.length).toBeGreaterThan(0);
  });
});

describe("gold Quantity", () => {
  for (const c of unique(quantities)) {
    const run = disagreed(c.file, c.gold.raw) ? it.skip : it;
    run(label(c), () => {
      const q = parseQuantity(c.gold.raw);
      if (c.gold.raw === null) return;
      expect(q).not.toBeNull();
      expect(q?.value ?? null).toBe(c.gold.value);
      expect(q?.unit ?? null).toBe(c.gold.unit);
    });
  }
});

describe("gold DateValue", () => {
  for (const c of unique(dates)) {
    const run = disagreed(c.file, c.gold.raw) ? it.skip : it;
    run(label(c), () => {
      const d = parseDate(c.gold.raw, { period: c.period });
      expect(d).not.toBeNull();
      expect({ iso: d?.value.iso, precision: d?.value.precision }).toEqual({
        iso: c.gold.iso,
        precision: c.gold.precision,
      });
    });
  }
});

describe("gold Target", () => {
  for (const c of unique(targets)) {
    const run = disagreed(c.file, c.gold.raw) ? it.skip : it;
    run(label(c), () => {
      const t = parseTarget(c.gold.raw, { period: c.period });
      expect(t).not.toBeNull();
      if (!t) return;
      const g = c.gold;
      expect(t.kind).toBe(g.kind);
      if (g.value === null) expect(t.value).toBeNull();
      else expect(Math.abs((t.value ?? Number.NaN) - g.value)).toBeLessThanOrEqual(0.006);
      // "Entro 31/12/2023": `<=` and no comparator are both right for a date.
      const cmp = (x: string | null): string | null => (g.kind === "date" && x === "<=" ? null : x);
      expect(cmp(t.comparator)).toBe(cmp(g.comparator));
      expect(t.unit).toBe(g.unit);
      expect(t.date?.iso ?? null).toBe(g.date?.iso ?? null);
      if (g.date) expect(t.date?.precision).toBe(g.date.precision);
    });
  }
});
