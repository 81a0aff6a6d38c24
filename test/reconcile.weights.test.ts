import { describe, expect, it } from "vitest";
import { emptyObjective, emptyStep } from "../src/model/factory.js";
import type { DateValue, Objective, PiaoDocument, Quantity, Step } from "../src/model/schema.js";
import { reconcile } from "../src/reconcile/index.js";

// ---- builders -------------------------------------------------------------
const W = { page: null, line: 1 };
const pct = (n: number): Quantity => ({ raw: `${String(n).replace(".", ",")}%`, value: n, unit: "%" });
const frac = (n: number): Quantity => ({ raw: String(n).replace(".", ","), value: n, unit: null });
const day = (iso: string): DateValue => ({ raw: iso.split("-").reverse().join("/"), iso, precision: "day" });
const obj = (p: Partial<Objective> = {}): Objective => ({ ...emptyObjective(W), title: "Obiettivo", ...p });
const step = (p: Partial<Step> = {}): Step => ({ ...emptyStep(W), title: "Fase", ...p });
const doc = (objectives: Objective[]): PiaoDocument => ({
  schema: "piao-objectives/1",
  source: { file: "t.txt", sha256: "0".repeat(64), kind: "text", pages: null, ocr: null },
  document: { layout: "test", entity: null, title: null, period: { from: 2025, to: 2027 } },
  objectives,
  issues: [],
});
const run = (d: PiaoDocument) => reconcile(d, { notes: [] });
const only = (d: PiaoDocument, code: string) => run(d).filter((i) => i.code === code);
const weighted = (ws: Quantity[], p: Partial<Objective> = {}): Objective =>
  obj({ id: "1", steps: ws.map((w, k) => step({ id: `1.${k + 1}`, weight: w })), ...p });

describe("weight.sum", () => {
  it("accepts step weights summing to 100", () => {
    expect(only(doc([weighted([pct(40), pct(60)])]), "weight.sum")).toEqual([]);
  });

  it("raises an error at the objective when the weights do not sum to 100", () => {
    const [i, ...rest] = only(doc([weighted([pct(40), pct(50)])]), "weight.sum");
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ code: "weight.sum", severity: "error", path: "/objectives/0", raw: null });
    expect(i?.message).toContain("90%");
    expect(i?.message).toContain("40% + 50%");
    expect(i?.message).toContain("objective 1");
  });

  it.each([
    [[49.5, 50], false],
    [[50.5, 50], false],
    [[49.4, 50], true],
    [[50.6, 50], true],
    [[33.33, 33.33, 33.33], false],
  ])("tolerance ±0.5: %j raises=%s", (ws, raises) => {
    expect(only(doc([weighted(ws.map(pct))]), "weight.sum").length).toBe(raises ? 1 : 0);
  });

  it("checks fraction weights against 1 (±0.005)", () => {
    expect(only(doc([weighted([frac(0.3), frac(0.7)])]), "weight.sum")).toEqual([]);
    expect(only(doc([weighted([frac(0.3), frac(0.695)])]), "weight.sum")).toEqual([]);
    expect(only(doc([weighted([frac(0.3), frac(0.705)])]), "weight.sum")).toEqual([]);
    const [i] = only(doc([weighted([frac(0.3), frac(0.6)])]), "weight.sum");
    expect(i?.path).toBe("/objectives/0");
    expect(i?.message).toMatch(/sum to 0,9\b/);
    expect(i?.message).toContain("not 1");
    expect(only(doc([weighted([frac(0.3), frac(0.694)])]), "weight.sum")).toHaveLength(1);
  });

  it("treats small weights written with % as percentages, not fractions", () => {
    const [i] = only(doc([weighted([pct(0.5), pct(0.5)])]), "weight.sum");
    expect(i?.message).toContain("1%");
    expect(i?.message).toContain("not 100%");
  });

  it("needs every step weighted and at least two steps", () => {
    expect(only(doc([weighted([pct(40)])]), "weight.sum")).toEqual([]);
    const partial = obj({ steps: [step({ weight: pct(70) }), step({ weight: null }), step({ weight: pct(10) })] });
    expect(only(doc([partial]), "weight.sum")).toEqual([]);
    const unreadable = weighted([pct(40), { raw: "n.d.", value: null, unit: null }]);
    expect(only(doc([unreadable]), "weight.sum")).toEqual([]);
  });
});

describe("weight.year-share", () => {
  // Weights of the brief's example: seven steps due in 2025 weigh 55 in total.
  const ws = [10, 5, 10, 10, 5, 10, 5, 5, 5, 5, 10, 10, 10];
  const years = [2025, 2025, 2025, 2026, 2026, 2025, 2025, 2026, 2025, 2026, 2025, 2026, 2027];
  const build = (override?: [number, Quantity]): Objective =>
    obj({
      id: "1",
      steps: ws.map((w, k) => {
        const y = years[k] as number;
        const share = Math.round((w / 55) * 10000) / 100;
        let yearWeight = y === 2025 ? pct(share) : null;
        if (override && override[0] === k) yearWeight = override[1];
        return step({ id: `1.${k + 1}`, weight: pct(w), due: day(`${y}-12-31`), yearWeight });
      }),
    });

  it("accepts shares computed over the steps due in the same year (10 / 55 → 18,18)", () => {
    const d = doc([build()]);
    expect(d.objectives[0]?.steps[0]?.yearWeight?.value).toBe(18.18);
    expect(only(d, "weight.year-share")).toEqual([]);
  });

  it("warns at the yearWeight when the share is off by more than 0.05", () => {
    const [i, ...rest] = only(doc([build([0, pct(20)])]), "weight.year-share");
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ severity: "warning", path: "/objectives/0/steps/0/yearWeight", raw: "20%" });
    expect(i?.message).toContain("18,18%");
    expect(i?.message).toContain("2025");
    expect(i?.message).toContain("step 1.1");
  });

  it("tolerates 0.05 points, not more (expected 18.1818…)", () => {
    expect(only(doc([build([0, pct(18.23)])]), "weight.year-share")).toEqual([]);
    expect(only(doc([build([0, pct(18.14)])]), "weight.year-share")).toEqual([]);
    expect(only(doc([build([0, pct(18.24)])]), "weight.year-share")).toHaveLength(1);
    expect(only(doc([build([0, pct(18.13)])]), "weight.year-share")).toHaveLength(1);
  });

  it("uses each step's own year as denominator", () => {
    // A 2026 step carrying a yearWeight is compared with the 2026 total (35).
    const good = build([3, pct(28.57)]);
    expect(only(doc([good]), "weight.year-share")).toEqual([]);
    const bad = build([3, pct(18.18)]);
    const [i] = only(doc([bad]), "weight.year-share");
    expect(i?.path).toBe("/objectives/0/steps/3/yearWeight");
    expect(i?.message).toContain("28,57%");
  });

  it("skips steps without a yearWeight, weight or dated due", () => {
    const o = obj({
      steps: [
        step({ weight: pct(50), due: day("2025-06-30"), yearWeight: null }),
        step({ weight: pct(50), due: null, yearWeight: pct(77) }),
      ],
    });
    expect(only(doc([o]), "weight.year-share")).toEqual([]);
  });
});

describe("weights out of another scale", () => {
  const pts = (n: number, scale: number): Quantity => ({ raw: `${n}/${scale}`, value: n, unit: `/${scale}` });
  it("objective weights in points out of 1000 summing to 1000 raise nothing; over the scale is malformed", () => {
    expect(run(doc([obj({ weight: pts(400, 1000) }), obj({ weight: pts(600, 1000) })])).filter((i) => i.code.startsWith("weight"))).toEqual([]);
    expect(only(doc([obj({ weight: pts(400, 1000) }), obj({ weight: pts(500, 1000) })]), "weight.objectives-sum")).toHaveLength(1);
    expect(only(doc([obj({ weight: { raw: "12 su 10", value: 12, unit: "su 10" } })]), "weight.malformed")).toHaveLength(1);
  });
});

describe("weight.objectives-sum", () => {
  it("weights relative to the group above them close a whole at each group's end, in document order: no issue; runs that do not close still raise it", () => {
    const ws = (ns: number[]) => ns.map((n, k) => obj({ id: `OB.${k + 1}`, weight: pct(n) }));
    expect(only(doc(ws([60, 40, 50, 50, 100])), "weight.objectives-sum")).toEqual([]);
    expect(only(doc(ws([60, 50, 50, 40])), "weight.objectives-sum")).toHaveLength(1);
  });

  const tens = (n: number, p: (k: number) => Partial<Objective> = () => ({})): Objective[] =>
    Array.from({ length: n }, (_, k) => obj({ id: String(k + 1), weight: pct(10), ...p(k) }));

  it("accepts objective weights summing to 100", () => {
    expect(only(doc(tens(10)), "weight.objectives-sum")).toEqual([]);
    expect(only(doc([obj({ weight: pct(60) }), obj({ weight: pct(39.5) })]), "weight.objectives-sum")).toEqual([]);
  });

  it("raises one document-level warning for 20 objectives of 10% each", () => {
    const d = doc(tens(20, (k) => ({ kind: "Obiettivi di gestione", unit: `Area ${Math.floor(k / 4) + 1}` })));
    const found = only(d, "weight.objectives-sum");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", path: "", raw: null });
    expect(found[0]?.message).toContain("20 objective weights");
    expect(found[0]?.message).toContain("200%");
    expect(found[0]?.message).toContain("Obiettivi di gestione");
  });

  it("accepts a document whose every unit sums to 100 (unit names compared loosely)", () => {
    const d = doc(tens(20, (k) => ({ unit: k < 10 ? (k % 2 ? "01. Area Affari" : "01 . Area affari") : "02. Area Tecnica" })));
    expect(only(d, "weight.objectives-sum")).toEqual([]);
  });

  it("accepts a document whose every kind (summary table) sums to 100", () => {
    const d = doc(tens(20, (k) => ({ kind: k < 10 ? "Obiettivi di performance" : "Obiettivi trasversali" })));
    expect(only(d, "weight.objectives-sum")).toEqual([]);
  });

  it("warns when only some unit groups sum to 100", () => {
    const d = doc(tens(15, (k) => ({ unit: k < 10 ? "A" : "B" })));
    expect(only(d, "weight.objectives-sum")).toHaveLength(1);
  });

  it("needs at least two weighted objectives", () => {
    expect(only(doc([obj({ weight: pct(50) }), obj()]), "weight.objectives-sum")).toEqual([]);
  });

  it("counts an objective printed twice (card and summary row) once", () => {
    const d = doc([...tens(10), obj({ id: "3", weight: pct(10) })]);
    expect(only(d, "weight.objectives-sum")).toEqual([]);
  });

  it("checks fraction weights against 1", () => {
    expect(only(doc([obj({ weight: frac(0.4) }), obj({ weight: frac(0.6) })]), "weight.objectives-sum")).toEqual([]);
    const [i] = only(doc([obj({ weight: frac(0.4) }), obj({ weight: frac(0.4) })]), "weight.objectives-sum");
    expect(i?.message).toContain("0,8");
  });
});

describe("weight.malformed", () => {
  it.each([
    [{ raw: "n.d. %", value: null, unit: "%" }, "is not a number"],
    [{ raw: "-5%", value: -5, unit: "%" }, "is negative"],
    [{ raw: "150%", value: 150, unit: "%" }, "is over 100"],
  ] as [Quantity, string][])("flags objective weight %j", (q, why) => {
    const [i, ...rest] = only(doc([obj({ weight: q })]), "weight.malformed");
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ severity: "error", path: "/objectives/0/weight", raw: q.raw });
    expect(i?.message).toContain(why);
    expect(i?.message).toContain(q.raw as string);
  });

  it("points at step weight and yearWeight fields", () => {
    const o = obj({ steps: [step(), step({ weight: { raw: "xx", value: null, unit: null }, yearWeight: pct(101) })] });
    const paths = only(doc([o]), "weight.malformed").map((i) => i.path);
    expect(paths).toEqual(["/objectives/0/steps/1/weight", "/objectives/0/steps/1/yearWeight"]);
  });

  it("ignores absent weights and accepts 0 and 100", () => {
    const o = obj({
      weight: pct(100),
      steps: [step({ weight: { raw: null, value: null, unit: null } }), step({ weight: { raw: "  ", value: null, unit: null } }), step({ weight: pct(0) })],
    });
    expect(only(doc([o]), "weight.malformed")).toEqual([]);
  });
});

describe("weight.conflict", () => {
  it("flags the later occurrence of an objective printed with another weight", () => {
    const d = doc([obj({ id: "3", weight: pct(10) }), obj({ id: "4", weight: pct(90) }), obj({ id: "3.", weight: pct(20) })]);
    const [i, ...rest] = only(d, "weight.conflict");
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ severity: "error", path: "/objectives/2/weight", raw: "20%" });
    expect(i?.message).toContain("20%");
    expect(i?.message).toContain("10%");
    expect(i?.message).toContain("/objectives/0/weight");
  });

  it("accepts the same weight written as a fraction and as a percentage", () => {
    const d = doc([obj({ id: "3", weight: pct(10) }), obj({ id: "3", weight: frac(0.1) })]);
    expect(only(d, "weight.conflict")).toEqual([]);
  });

  it("ignores objectives without id or without weight", () => {
    const d = doc([obj({ weight: pct(10) }), obj({ weight: pct(20) }), obj({ id: "5", weight: pct(10) }), obj({ id: "5" })]);
    expect(only(d, "weight.conflict")).toEqual([]);
  });
});
