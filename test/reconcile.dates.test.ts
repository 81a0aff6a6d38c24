import { describe, expect, it } from "vitest";
import { emptyKpi, emptyObjective, emptyStep } from "../src/model/factory.js";
import type { DatePrecision, DateValue, Kpi, Objective, Period, PiaoDocument, Step, Target } from "../src/model/schema.js";
import { reconcile } from "../src/reconcile/index.js";

// ---- builders -------------------------------------------------------------
const W = { page: null, line: 1 };
const dv = (raw: string, iso: string | null, precision: DatePrecision = "day"): DateValue => ({ raw, iso, precision });
const dateTarget = (d: DateValue): Target => ({ raw: d.raw, kind: "date", value: null, comparator: null, unit: null, date: d });
const kpi = (target: DateValue, p: Partial<Kpi> = {}): Kpi => ({ ...emptyKpi(), name: "Temporale", target: dateTarget(target), ...p });
const obj = (p: Partial<Objective> = {}): Objective => ({ ...emptyObjective(W), title: "Obiettivo", ...p });
const step = (p: Partial<Step> = {}): Step => ({ ...emptyStep(W), title: "Fase", ...p });
const doc = (objectives: Objective[], period: Period | null = { from: 2025, to: 2027 }): PiaoDocument => ({
  schema: "piao-objectives/1",
  source: { file: "t.txt", sha256: "0".repeat(64), kind: "text", pages: null, ocr: null },
  document: { layout: "test", entity: null, title: null, period },
  objectives,
  issues: [],
});
const only = (d: PiaoDocument, code: string) => reconcile(d, { notes: [] }).filter((i) => i.code === code);

describe("date.invalid", () => {
  const bad = dv("Entro 31/06/2023", null, "day");

  it("raises one error at the objective's due when its KPI target holds the same text", () => {
    const d = doc([obj({ due: bad, kpis: [kpi(bad)] })], { from: 2023, to: 2023 });
    const found = only(d, "date.invalid");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: "/objectives/0/due", raw: "Entro 31/06/2023" });
    expect(found[0]?.message).toContain("31/06/2023");
    expect(found[0]?.message).toContain("June has 30 days");
  });

  it("treats the same impossible date inside different wording as one finding", () => {
    const d = doc([obj({ due: bad, kpis: [kpi(dv("31/06/2023", null))] })], { from: 2023, to: 2023 });
    expect(only(d, "date.invalid").map((i) => i.path)).toEqual(["/objectives/0/due"]);
  });

  it("points at the KPI target when the due is absent", () => {
    const found = only(doc([obj({ kpis: [emptyKpi(), kpi(bad)] })]), "date.invalid");
    expect(found.map((i) => i.path)).toEqual(["/objectives/0/kpis/1/target"]);
  });

  it("raises one error at a step's due, not again at its kpi target", () => {
    const s = step({ due: dv("30/02/2024", null), kpi: kpi(dv("30/02/2024", null)) });
    const found = only(doc([obj({ steps: [s] })]), "date.invalid");
    expect(found.map((i) => i.path)).toEqual(["/objectives/0/steps/0/due"]);
    expect(found[0]?.message).toContain("February 2024 has 29 days");
  });

  it("reports different texts in different fields separately, and the same text on different objects", () => {
    const s = step({ due: dv("31/06/2025", null), kpi: kpi(dv("31/09/2025", null)) });
    const found = only(doc([obj({ steps: [s] }), obj({ due: dv("31/06/2025", null) })]), "date.invalid");
    expect(found.map((i) => i.path)).toEqual([
      "/objectives/0/steps/0/due",
      "/objectives/0/steps/0/kpi/target",
      "/objectives/1/due",
    ]);
    expect(found[1]?.message).toContain("September has 30 days");
  });

  it("checks start, actualStart and actualEnd", () => {
    const s = step({ start: dv("32/01/2025", null), actualStart: dv("31/04/2025", null), actualEnd: dv("29/02/2025", null) });
    const found = only(doc([obj({ steps: [s] })]), "date.invalid");
    expect(found.map((i) => i.path)).toEqual([
      "/objectives/0/steps/0/start",
      "/objectives/0/steps/0/actualStart",
      "/objectives/0/steps/0/actualEnd",
    ]);
    expect(found[0]?.message).toContain("January has 31 days");
  });

  it("ignores unreadable texts (precision none) and valid dates", () => {
    const d = doc([obj({ due: dv("Entro termini di legge", null, "none") }), obj({ due: dv("29/02/2024", "2024-02-29") })], {
      from: 2024,
      to: 2024,
    });
    expect(only(d, "date.invalid")).toEqual([]);
  });
});

describe("date.two-digit-year", () => {
  it("raises an info issue at the field, once per object", () => {
    const s = step({ due: dv("30/06/25", "2025-06-30"), kpi: kpi(dv("30/06/25", "2025-06-30")) });
    const found = only(doc([obj({ steps: [s] })]), "date.two-digit-year");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "info", path: "/objectives/0/steps/0/due", raw: "30/06/25" });
    expect(found[0]?.message).toContain("30/06/25");
    expect(found[0]?.message).toContain("2025");
  });

  it("is silent for four-digit years, month names and invalid dates", () => {
    const d = doc([
      obj({ due: dv("31/12/2025", "2025-12-31") }),
      obj({ due: dv("giugno 2025", "2025-06-30", "month") }),
      obj({ due: dv("31/06/25", null) }),
    ]);
    expect(only(d, "date.two-digit-year")).toEqual([]);
    expect(only(d, "date.invalid").map((i) => i.path)).toEqual(["/objectives/2/due"]);
  });
});

describe("date.unparsed", () => {
  it("warns for an objective or step due with no readable date", () => {
    const none = dv("Entro termini di legge", null, "none");
    const d = doc([obj({ due: none }), obj({ steps: [step(), step({ due: none })] })]);
    const found = only(d, "date.unparsed");
    expect(found.map((i) => [i.path, i.severity])).toEqual([
      ["/objectives/0/due", "warning"],
      ["/objectives/1/steps/1/due", "warning"],
    ]);
    expect(found[0]?.message).toContain("Entro termini di legge");
    expect(found[0]?.raw).toBe("Entro termini di legge");
  });

  it("only concerns due fields", () => {
    const text = dv("Fine della stagione", null, "none");
    const d = doc([obj({ kpis: [kpi(text)], steps: [step({ start: text, actualEnd: text })] })]);
    expect(only(d, "date.unparsed")).toEqual([]);
  });

  it("is silent for readable or empty dues", () => {
    const d = doc([obj({ due: dv("2 sem", "2025-12-31", "half") }), obj({ due: { raw: null, iso: null, precision: "none" } })]);
    expect(only(d, "date.unparsed")).toEqual([]);
  });
});

describe("date.out-of-period", () => {
  it("warns for a deadline after or before the plan period", () => {
    const d = doc([
      obj({ due: dv("31/12/2028", "2028-12-31") }),
      obj({ steps: [step({ due: dv("31/12/2024", "2024-12-31") })] }),
    ]);
    const found = only(d, "date.out-of-period");
    expect(found.map((i) => i.path)).toEqual(["/objectives/0/due", "/objectives/1/steps/0/due"]);
    expect(found[0]?.severity).toBe("warning");
    expect(found[0]?.message).toContain("31/12/2028");
    expect(found[0]?.message).toContain("2025–2027");
  });

  it("accepts the period's first and last day and skips documents without period", () => {
    const inside = [obj({ due: dv("01/01/2025", "2025-01-01") }), obj({ due: dv("31/12/2027", "2027-12-31") })];
    expect(only(doc(inside), "date.out-of-period")).toEqual([]);
    expect(only(doc([obj({ due: dv("31/12/2030", "2030-12-31") })], null), "date.out-of-period")).toEqual([]);
  });

  it("names a single-year period plainly", () => {
    const [i] = only(doc([obj({ due: dv("31/01/2024", "2024-01-31") })], { from: 2023, to: 2023 }), "date.out-of-period");
    expect(i?.message).toMatch(/period 2023$/);
  });

  it("warns at the start when a step starts after its deadline", () => {
    const s = step({ start: dv("01/10/2025", "2025-10-01"), due: dv("30/06/2025", "2025-06-30") });
    const found = only(doc([obj({ steps: [s] })]), "date.out-of-period");
    expect(found.map((i) => i.path)).toEqual(["/objectives/0/steps/0/start"]);
    expect(found[0]?.message).toContain("01/10/2025");
    expect(found[0]?.message).toContain("30/06/2025");
  });

  it("reads a coarse start as its first day (a start of '2025' does not follow 30/06/2025)", () => {
    const s = step({ start: dv("2025", "2025-12-31", "year"), due: dv("30/06/2025", "2025-06-30") });
    const q = step({ start: dv("2 trim", "2025-06-30", "quarter"), due: dv("15/04/2025", "2025-04-15") });
    expect(only(doc([obj({ steps: [s, q] })]), "date.out-of-period")).toEqual([]);
  });

  it("checks actual start against actual end", () => {
    const s = step({ actualStart: dv("10/05/2025", "2025-05-10"), actualEnd: dv("09/05/2025", "2025-05-09") });
    const found = only(doc([obj({ steps: [s] })]), "date.out-of-period");
    expect(found.map((i) => i.path)).toEqual(["/objectives/0/steps/0/actualStart"]);
    const same = step({ actualStart: dv("10/05/2025", "2025-05-10"), actualEnd: dv("10/05/2025", "2025-05-10") });
    expect(only(doc([obj({ steps: [same] })]), "date.out-of-period")).toEqual([]);
  });
});
