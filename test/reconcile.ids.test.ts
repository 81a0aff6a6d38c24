import { describe, expect, it } from "vitest";
import { emptyObjective, emptyStep } from "../src/model/factory.js";
import type { Objective, PiaoDocument } from "../src/model/schema.js";
import { reconcile } from "../src/reconcile/index.js";

// ---- builders -------------------------------------------------------------
const W = { page: null, line: 1 };
const obj = (id: string | null, stepIds: (string | null)[] = []): Objective => ({
  ...emptyObjective(W),
  id,
  title: "Obiettivo",
  steps: stepIds.map((s) => ({ ...emptyStep(W), id: s, title: "Fase" })),
});
const doc = (objectives: Objective[]): PiaoDocument => ({
  schema: "piao-objectives/1",
  source: { file: "t.txt", sha256: "0".repeat(64), kind: "text", pages: null, ocr: null },
  document: { layout: "test", entity: null, title: null, period: { from: 2025, to: 2027 } },
  objectives,
  issues: [],
});
const run = (d: PiaoDocument) => reconcile(d, { notes: [] });
const only = (d: PiaoDocument, code: string) => run(d).filter((i) => i.code === code);

describe("id.mismatch", () => {
  it("flags steps printed under the wrong objective, with the expected code", () => {
    const d = doc([obj("7", ["7.1", "7.2"]), obj("8", ["7.1", "7.2", "7.3"])]);
    const found = only(d, "id.mismatch");
    expect(found.map((i) => i.path)).toEqual([
      "/objectives/1/steps/0/id",
      "/objectives/1/steps/1/id",
      "/objectives/1/steps/2/id",
    ]);
    expect(found[0]).toMatchObject({
      severity: "warning",
      message: "step 7.1 is printed under objective 8 (expected 8.1)",
      raw: "7.1",
    });
  });

  it("an objective coded with letters (OB.3) and its steps numbered (3.1, 3.2): a step numbered under another (2.3) is flagged; F3.1 under OBS-3 is not", () => {
    const d = doc([obj("OB.3", ["2.3", "3.2"]), obj("OBS-3", ["F3.1", "F3.2"])]);
    expect(only(d, "id.mismatch").map((i) => i.path)).toEqual(["/objectives/0/steps/0/id"]);
  });

  it("compares every segment of the objective code (1.2.1 under 1.3)", () => {
    const [i] = only(doc([obj("1.3", ["1.3.1", "1.2.1"])]), "id.mismatch");
    expect(i?.path).toBe("/objectives/0/steps/1/id");
    expect(i?.message).toBe("step 1.2.1 is printed under objective 1.3 (expected 1.3.1)");
  });

  it("normalises spaces and trailing dots before comparing", () => {
    const d = doc([obj("8.", ["8.1.", " 8 . 2 "]), obj(" 3 ", ["3.1"])]);
    expect(only(d, "id.mismatch")).toEqual([]);
  });

  it("accepts deeper codes that start with the objective's code", () => {
    expect(only(doc([obj("1", ["1.1.1", "1.1.2"])]), "id.mismatch")).toEqual([]);
  });

  it("needs an objective code and a longer step code", () => {
    const d = doc([obj(null, ["7.1"]), obj("2024_A01_05", ["1", "2"]), obj("Ob.1", ["A.1"])]);
    expect(only(d, "id.mismatch")).toEqual([]);
  });
});

describe("id.duplicate", () => {
  it("flags the later step code, also when a mismatch explains it", () => {
    const d = doc([obj("7", ["7.1", "7.2"]), obj("8", ["7.1", "8.2"])]);
    const issues = run(d).filter((i) => i.path === "/objectives/1/steps/0/id");
    expect(issues.map((i) => i.code)).toEqual(["id.mismatch", "id.duplicate"]);
    expect(issues[1]).toMatchObject({
      severity: "warning",
      message: "step code 7.1 already used at /objectives/0/steps/0 (objective 7)",
      raw: "7.1",
    });
    expect(only(d, "id.duplicate")).toHaveLength(1);
  });

  it("a program's identifier (three digits or more) is unique in the document; a small number restarts under each objective", () => {
    const d = doc([obj("10452", ["10453", "10483"]), obj("10497", ["10483", "10498"]), obj("OB.1", ["1", "2"]), obj("OB.2", ["1", "2"])]);
    expect(only(d, "id.duplicate").map((i) => i.path)).toEqual(["/objectives/1/steps/0/id"]);
  });

  it("leaves the objective out of the message when the first one has no code", () => {
    const [i] = only(doc([obj(null, ["1.1"]), obj(null, ["1.1"])]), "id.duplicate");
    expect(i?.message).toBe("step code 1.1 already used at /objectives/0/steps/0");
  });

  it("treats bare step numbers as local to their objective", () => {
    expect(only(doc([obj("A", ["1", "2"]), obj("B", ["1", "2"])]), "id.duplicate")).toEqual([]);
    // A kind's letters and one number ("AZ.1" under each objective) restart too; "A.1" of objective A does not.
    expect(only(doc([obj("OB.1", ["AZ.1", "AZ.2"]), obj("OB.2", ["AZ.1"])]), "id.duplicate")).toEqual([]);
    expect(only(doc([obj("A", ["A.1", "A.2"]), obj("B", ["A.1"])]), "id.duplicate").map((i) => i.path)).toEqual(["/objectives/1/steps/0/id"]);
    const [i] = only(doc([obj("A", ["1", "2", "2"])]), "id.duplicate");
    expect(i?.path).toBe("/objectives/0/steps/2/id");
  });

  it("flags an objective code used twice at the later objective", () => {
    const d = doc([obj("1.1"), obj("1.2"), obj("1.1.")]);
    const found = only(d, "id.duplicate");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "/objectives/2/id", raw: "1.1." });
    expect(found[0]?.message).toContain("/objectives/0");
  });

  it("does not confuse step codes with objective codes", () => {
    expect(only(doc([obj("1", ["1.1"]), obj("1.1")]), "id.duplicate")).toEqual([]);
  });
});

describe("id.malformed", () => {
  it("flags a long numeric segment its siblings do not share, instead of a mismatch", () => {
    const d = doc([obj("5.1", ["5.1.1", "5.1.2", "5.1.3", "1005.1.4", "5.1.5"])]);
    const found = only(d, "id.malformed");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", path: "/objectives/0/steps/3/id", raw: "1005.1.4" });
    expect(found[0]?.message).toContain("1005.1.4");
    expect(found[0]?.message).toContain("5.1.4");
    expect(only(d, "id.mismatch")).toEqual([]);
  });

  it("accepts year-based codes shared by the objective or by siblings", () => {
    const d = doc([obj("2024", ["2024.1", "2024.2"]), obj(null, ["2025.1", "2025.2"]), obj("2024_A01_05", [])]);
    expect(only(d, "id.malformed")).toEqual([]);
  });

  it("accepts a scheme of long segments its siblings mostly share in length (a budget mission and programme: 0102.01, 1005.01)", () => {
    const d = doc([obj("0102.01", []), obj("0102.02", []), obj("0108.01", []), obj("1005.01", [])]);
    expect(only(d, "id.malformed")).toEqual([]);
  });

  it.each(["1..2", ".1", "1.2)", "1.2 -", "3,1"])("flags the ill-formed step code %j", (code) => {
    const [i] = only(doc([obj(null, ["1.1", code])]), "id.malformed");
    expect(i?.path).toBe("/objectives/0/steps/1/id");
    expect(i?.message).toContain(code);
  });

  it("names an empty segment as such", () => {
    const [i] = only(doc([obj("1", ["1..2"])]), "id.malformed");
    expect(i?.message).toContain("empty segment");
  });

  it("checks objective codes too", () => {
    const found = only(doc([obj("1.1"), obj("1.2"), obj("1..3"), obj("1007.4")]), "id.malformed");
    expect(found.map((i) => i.path)).toEqual(["/objectives/2/id", "/objectives/3/id"]);
  });

  it.each(["1", "1.1.1", "Ob.1", "OS 1.2", "DUP_07_0101", "A-3", "1.10"])("accepts %j", (code) => {
    expect(only(doc([obj(code, [`${code}.1`])]), "id.malformed")).toEqual([]);
  });
});
