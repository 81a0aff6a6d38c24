/** Cross-cutting properties of the reconciler: order, severities, pointers, purity, cost. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyKpi, emptyObjective, emptyStep } from "../src/model/factory.js";
import { Issue, type DateValue, type Objective, type PiaoDocument, type Quantity, type Step } from "../src/model/schema.js";
import { reconcile, SEVERITY } from "../src/reconcile/index.js";

const W = { page: null, line: 1 };
const pct = (n: number): Quantity => ({ raw: `${n}%`, value: n, unit: "%" });
const obj = (p: Partial<Objective> = {}): Objective => ({ ...emptyObjective(W), title: "Obiettivo", ...p });
const step = (p: Partial<Step> = {}): Step => ({ ...emptyStep(W), title: "Fase", ...p });
const doc = (objectives: Objective[]): PiaoDocument => ({
  schema: "piao-objectives/1",
  source: { file: "t.txt", sha256: "0".repeat(64), kind: "text", pages: null, ocr: null },
  document: { layout: "test", entity: null, title: null, period: { from: 2025, to: 2027 } },
  objectives,
  issues: [],
});

/** Resolves a JSON Pointer; undefined when some token does not exist. */
function resolve(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const t = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object" || !(t in cur)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

/** A document that trips many checks at once. */
function messy(): PiaoDocument {
  return doc([
    obj({ id: "7", weight: pct(30), steps: [step({ id: "7.1", weight: pct(50) }), step({ id: "7.2", weight: pct(40) })] }),
    obj({
      id: "8",
      title: null,
      weight: pct(30),
      due: { raw: "31/06/2025", iso: null, precision: "day" },
      extra: { "a/b": "perchÃ©" },
      steps: [step({ id: "7.1", due: { raw: "mai", iso: null, precision: "none" } })],
    }),
    obj({ id: "7", weight: pct(25) }),
  ]);
}

describe("reconcile", () => {
  it("returns contract-valid issues with the severities of the contract table", () => {
    const issues = reconcile(messy(), { notes: [{ code: "text.encoding", message: "bad byte", line: 1, page: null, raw: null }] });
    expect(issues.length).toBeGreaterThan(5);
    for (const i of issues) {
      expect(Issue.parse(i)).toEqual(i);
      expect(i.code).toMatch(/^[a-z]+\.[a-z-]+$/);
      expect(i.severity).toBe(SEVERITY[i.code as keyof typeof SEVERITY]);
    }
  });

  it("orders issues by object in document order, then by code, document-level issues last", () => {
    const issues = reconcile(messy(), { notes: [{ code: "structure.empty", message: "empty table", line: 1, page: null, raw: null }] });
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "weight.sum /objectives/0",
      "date.invalid /objectives/1/due",
      "text.encoding /objectives/1/extra/a~1b",
      "structure.empty /objectives/1/title",
      "date.unparsed /objectives/1/steps/0/due",
      "id.mismatch /objectives/1/steps/0/id",
      "id.duplicate /objectives/1/steps/0/id",
      "weight.conflict /objectives/2/weight",
      "id.duplicate /objectives/2/id",
      "weight.objectives-sum ",
      "structure.empty ",
    ]);
    // Stable: the same input gives the same list.
    expect(reconcile(messy(), { notes: [] })).toEqual(reconcile(messy(), { notes: [] }));
  });

  it("does not modify the document", () => {
    const d = messy();
    const before = JSON.stringify(d);
    reconcile(d, { notes: [] });
    expect(JSON.stringify(d)).toBe(before);
  });

  it("points every issue at a location that exists in the document (property)", () => {
    const text = fc.constantFrom("ok", "perchÃ©", "x\uFFFDy", "", "a/b~c");
    const date = fc.option(
      fc.record({
        raw: fc.constantFrom("31/06/2025", "30/06/25", "31/12/2030", "mai", "2 sem"),
        iso: fc.option(fc.constantFrom("2025-06-30", "2030-12-31", "2024-01-31"), { nil: null }),
        precision: fc.constantFrom("day", "none", "half", "year"),
      }) as fc.Arbitrary<DateValue>,
      { nil: null },
    );
    const qty = fc.option(
      fc.record({
        raw: fc.constantFrom("10%", "n.d.", "0,5", "-3"),
        value: fc.option(fc.constantFrom(10, 0.5, -3, 150, 50), { nil: null }),
        unit: fc.constantFrom("%", null),
      }),
      { nil: null },
    );
    const code = fc.option(fc.constantFrom("1", "1.1", "1.2", "2.1", "1005.1.4", "1..2", "7.1."), { nil: null });
    const stepArb = fc
      .record({ id: code, title: fc.option(text, { nil: null }), due: date, start: date, weight: qty, yearWeight: qty, label: text })
      .map(({ label, ...s }) => step({ ...s, extra: label ? { [label]: label } : {}, kpi: s.due ? { ...emptyKpi(), target: { raw: s.due.raw, kind: "date", value: null, comparator: null, unit: null, date: s.due } } : null }));
    const objArb = fc
      .record({ id: code, title: fc.option(text, { nil: null }), due: date, weight: qty, steps: fc.array(stepArb, { maxLength: 4 }), conf: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }) })
      .map(({ conf, ...o }) => Object.assign(obj(o), conf === null ? {} : { confidence: { title: conf, extra: conf, nope: conf } }));
    fc.assert(
      fc.property(fc.array(objArb, { maxLength: 6 }), (objectives) => {
        const d = doc(objectives);
        for (const i of reconcile(d, { notes: [] })) {
          expect(Issue.safeParse(i).success).toBe(true);
          expect(resolve(d, i.path), `${i.code} ${i.path}`).not.toBeUndefined();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("stays linear on a large document", () => {
    // 4,000 objectives × 25 steps, with colliding codes and a date on every step.
    const objectives = Array.from({ length: 4000 }, (_, i) =>
      obj({
        id: String(i % 50),
        weight: pct(10),
        steps: Array.from({ length: 25 }, (_, k) =>
          step({ id: `${i % 50}.${k}`, weight: pct(4), due: { raw: "30/06/25", iso: "2025-06-30", precision: "day" } }),
        ),
      }),
    );
    const t0 = performance.now();
    const issues = reconcile(doc(objectives), { notes: [] });
    const ms = performance.now() - t0;
    expect(issues.filter((i) => i.code === "id.duplicate").length).toBeGreaterThan(90_000);
    expect(ms).toBeLessThan(5_000);
  });
});
