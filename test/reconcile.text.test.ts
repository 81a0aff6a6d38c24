import { describe, expect, it } from "vitest";
import type { ExtractNote } from "../src/doc/source.js";
import { emptyKpi, emptyObjective, emptyStep } from "../src/model/factory.js";
import type { Objective, PiaoDocument, Step } from "../src/model/schema.js";
import { reconcile } from "../src/reconcile/index.js";

// ---- builders -------------------------------------------------------------
const W = { page: null, line: 1 };
const obj = (p: Partial<Objective> = {}): Objective => ({ ...emptyObjective(W), title: "Obiettivo", ...p });
const step = (p: Partial<Step> = {}): Step => ({ ...emptyStep(W), title: "Fase", ...p });
const doc = (objectives: Objective[]): PiaoDocument => ({
  schema: "piao-objectives/1",
  source: { file: "t.txt", sha256: "0".repeat(64), kind: "scan", pages: 1, ocr: null },
  document: { layout: "test", entity: null, title: null, period: { from: 2025, to: 2027 } },
  objectives,
  issues: [],
});
const note = (code: ExtractNote["code"], message: string, raw: string | null): ExtractNote => ({
  code,
  message,
  raw,
  line: 3,
  page: 1,
});
const only = (d: PiaoDocument, code: string, notes: ExtractNote[] = [], ocrThreshold?: number) =>
  reconcile(d, { notes, ...(ocrThreshold === undefined ? {} : { ocrThreshold }) }).filter((i) => i.code === code);

describe("text.encoding", () => {
  it.each([
    ["perchÃ© no", "title"],
    ["attivitÃ  svolte", "description"],
    ["l\u2019ente e lâ€™utente", "unit"],
    ["perch\uFFFD", "owner"],
    ["piÃ¹ servizi", "status"],
    ["Ã¨ previsto", "publicValue"],
    ["cittÃ", "kind"],
    ["la cittÃ, il paese", "kind"],
  ] as const)("flags %j in the objective's %s", (text, field) => {
    const [i, ...rest] = only(doc([obj({ [field]: text })]), "text.encoding");
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ severity: "warning", path: `/objectives/0/${field}`, raw: text });
    expect(i?.message).toContain(text);
  });

  it("leaves correctly decoded Italian alone", () => {
    const o = obj({
      title: "Perché l’attività è più città – «sì» 100 €",
      description: "Qualità, efficienza e “trasparenza”… À È Ì Ò Ù",
      extra: { "Criticità": "nessuna" },
    });
    expect(only(doc([o]), "text.encoding")).toEqual([]);
  });

  it("reaches steps, kpis, links, value raws and extra (with RFC 6901 escaping)", () => {
    const o = obj({
      links: ["ok", "DUP_Ã¨"],
      extra: { "Costi / Spese ~ note": "â€œcostoâ€\u009d", "CriticitÃ ": "nessuna" },
      kpis: [{ ...emptyKpi(), name: "numero attivitÃ " }],
      steps: [
        step({
          title: "Fase Ã²",
          due: { raw: "entro lâ€™anno", iso: null, precision: "none" },
          kpi: { ...emptyKpi(), note: "\uFFFD" },
          extra: { Note: "perchÃ©" },
        }),
      ],
    });
    const paths = only(doc([o]), "text.encoding").map((i) => i.path);
    expect(paths).toEqual([
      "/objectives/0/links/1",
      "/objectives/0/extra/Costi ~1 Spese ~0 note",
      "/objectives/0/extra/CriticitÃ ",
      "/objectives/0/kpis/0/name",
      "/objectives/0/steps/0/title",
      "/objectives/0/steps/0/due",
      "/objectives/0/steps/0/kpi/note",
      "/objectives/0/steps/0/extra/Note",
    ]);
  });

  it("passes the extractor's notes through at path \"\" with their message and raw", () => {
    const n = note("text.encoding", "line 3 is not valid UTF-8", "caff\uFFFD");
    const [i, ...rest] = only(doc([obj()]), "text.encoding", [n]);
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ severity: "warning", path: "", message: "line 3 is not valid UTF-8", raw: "caff\uFFFD" });
  });

  it("keeps only the field issue when the note's text landed in a flagged field", () => {
    const notes = [
      note("text.encoding", "bad bytes", "perch\uFFFD"), // substring of the title
      note("text.encoding", "bad line", "Titolo: servizi perch\uFFFD sociali (p. 2)"), // contains the title
      note("text.encoding", "elsewhere", "altro\uFFFD"),
      note("text.encoding", "no text", null),
    ];
    const found = only(doc([obj({ title: "servizi perch\uFFFD sociali" })]), "text.encoding", notes);
    expect(found.map((i) => [i.path, i.message])).toEqual([
      ["/objectives/0/title", expect.stringContaining("perch\uFFFD")],
      ["", "elsewhere"],
      ["", "no text"],
    ]);
  });
});

describe("ocr.low-confidence", () => {
  const withConf = <T extends object>(o: T, confidence: Record<string, number>): T => Object.assign(o, { confidence });

  it("flags fields under the default threshold of 60 at the field's path", () => {
    const o = withConf(obj({ title: "Manutenzione strade", owner: "Rossi" }), { title: 42.5, owner: 60 });
    const [i, ...rest] = only(doc([o]), "ocr.low-confidence");
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ severity: "warning", path: "/objectives/0/title", raw: "Manutenzione strade" });
    expect(i?.message).toContain("42.5");
    expect(i?.message).toContain("60");
  });

  it("uses the context's threshold", () => {
    const o = withConf(obj({ title: "Manutenzione" }), { title: 70 });
    expect(only(doc([o]), "ocr.low-confidence")).toEqual([]);
    expect(only(doc([o]), "ocr.low-confidence", [], 80)).toHaveLength(1);
    expect(only(doc([withConf(obj(), { title: 59.9 })]), "ocr.low-confidence")).toHaveLength(1);
  });

  it("reaches steps, their kpi, objective kpis, value raws and extra labels", () => {
    const s = withConf(
      step({
        due: { raw: "3O/O6/2025", iso: null, precision: "none" },
        kpi: withConf({ ...emptyKpi(), name: "nurnero pratiche" }, { name: 12 }),
        extra: { "Note/bis": "illeggibile" },
      }),
      { due: 30, "Note/bis": 20, title: 95 },
    );
    const k = withConf({ ...emptyKpi(), source: "protocoIIo" }, { source: 41 });
    const found = only(doc([obj({ steps: [s], kpis: [k] })]), "ocr.low-confidence");
    expect(found.map((i) => [i.path, i.raw])).toEqual([
      ["/objectives/0/kpis/0/source", "protocoIIo"],
      ["/objectives/0/steps/0/due", "3O/O6/2025"],
      ["/objectives/0/steps/0/extra/Note~1bis", "illeggibile"],
      ["/objectives/0/steps/0/kpi/name", "nurnero pratiche"],
    ]);
  });

  describe("readings the document vouches for raise nothing", () => {
    const code = (id: string, c: number) => withConf(step({ id }), { id: c });
    const flaggedIds = (steps: Step[]) =>
      only(doc([obj({ id: "1", steps })]), "ocr.low-confidence").map((i) => i.raw);

    it("a step code continuing its siblings' numbering (either neighbour)", () => {
      expect(flaggedIds([code("1.6", 95), code("1.7", 27), code("1.8", 95)])).toEqual([]);
      expect(flaggedIds([code("1.1", 30), code("1.2", 95)])).toEqual([]);
      // Out of sequence, or alone: the threshold holds.
      expect(flaggedIds([code("1.6", 95), code("1.9", 27), code("1.8", 95)])).toEqual(["1.9"]);
      expect(flaggedIds([code("1.7", 27)])).toEqual(["1.7"]);
      expect(flaggedIds([code("1.6", 95), code("2.7", 27)])).toEqual(["2.7"]);
    });

    it("a date, weight or target normalised whole, with no other issue on its path", () => {
      const s = withConf(
        step({
          id: "1.1",
          due: { raw: "30/09/2025", iso: "2025-09-30", precision: "day" },
          weight: { raw: "100%", value: 100, unit: "%" },
          kpi: withConf({ ...emptyKpi(), name: "Atti", target: { raw: "100%", kind: "percent", value: 100, comparator: null, unit: "%", date: null } }, { target: 57 }),
        }),
        { due: 47, weight: 50 },
      );
      expect(only(doc([obj({ id: "1", steps: [s] })]), "ocr.low-confidence")).toEqual([]);
    });

    it("but debris left beside a value, a date out of the period or a weight whose sum is off stays flagged", () => {
      const target = { raw: "100% =", kind: "text" as const, value: null, comparator: null, unit: null, date: null };
      const s1 = withConf(step({ id: "1.1", due: { raw: "31/12/2923", iso: "2923-12-31", precision: "day" }, weight: { raw: "60", value: 60, unit: null } }), {
        due: 40,
        weight: 40,
      });
      const s2 = withConf(step({ id: "1.2", weight: { raw: "30", value: 30, unit: null }, kpi: withConf({ ...emptyKpi(), name: "Atti", target }, { target: 30 }) }), {});
      const found = only(doc([obj({ id: "1", steps: [s1, s2] })]), "ocr.low-confidence");
      expect(found.map((i) => i.path)).toEqual(["/objectives/0/steps/0/due", "/objectives/0/steps/0/weight", "/objectives/0/steps/1/kpi/target"]);
    });

    it("free text always keeps the threshold", () => {
      const s = withConf(step({ id: "1.2", title: "1rasformazione territoriale" }), { title: 48 });
      expect(flaggedIds([step({ id: "1.1" }), s])).toEqual(["1rasformazione territoriale"]);
    });
  });

  it("passes the extractor's notes through at path \"\"", () => {
    const [i] = only(doc([obj()]), "ocr.low-confidence", [note("ocr.low-confidence", "page 2 read at 31% confidence", null)]);
    expect(i).toMatchObject({ path: "", message: "page 2 read at 31% confidence", raw: null, severity: "warning" });
  });
});

describe("structure.empty", () => {
  it("flags an objective without title at its title", () => {
    const found = only(doc([obj(), obj({ id: "2", title: null }), obj({ title: "  " })]), "structure.empty");
    expect(found.map((i) => [i.path, i.severity])).toEqual([
      ["/objectives/1/title", "warning"],
      ["/objectives/2/title", "warning"],
    ]);
    expect(found[0]?.message).toContain("objective 2");
  });

  it("raises one document-level issue when no objective was found", () => {
    const found = only(doc([]), "structure.empty");
    expect(found).toEqual([
      { code: "structure.empty", severity: "warning", path: "", message: "no objective table was found", raw: null },
    ]);
  });

  it("passes the extractor's notes through at path \"\"", () => {
    const n = note("structure.empty", "table header with no rows", "DESCRIZIONE | TEMPI");
    const found = only(doc([obj()]), "structure.empty", [n, note("text.encoding", "other", null)]);
    expect(found).toEqual([
      { code: "structure.empty", severity: "warning", path: "", message: "table header with no rows", raw: "DESCRIZIONE | TEMPI" },
    ]);
  });
});
