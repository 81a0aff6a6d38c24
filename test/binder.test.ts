/**
 * parse/binder.ts: candidates → objectives, steps and KPIs. Merging an
 * objective continued by its code, attaching steps (by the reading's parent,
 * by a key, by position), the sections objectives inherit, weight conflicts,
 * and the blocks nobody read (`structure.unread`), also end to end.
 */
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";
import type { Block } from "../src/doc/blocks.js";
import { bind, BINDER_SETTINGS } from "../src/parse/binder.js";
import { candidate, type Candidate, type Reading, type SectionContext } from "../src/parse/candidates.js";
import type { Field } from "../src/parse/fields.js";
import { blocksOf, fieldOf, lines } from "./support/engine.js";

const PERIOD = { from: 2025, to: 2027 };
let line = 0;
const at = () => ({ page: null, line: ++line });

function objective(key: string | null, fields: [string, string][], extra: Partial<Candidate> = {}): Candidate {
  return candidate("objective", 0, at(), toFields(fields), { key, ...extra });
}
function step(fields: [string, string][], extra: Partial<Candidate> = {}): Candidate {
  return candidate("step", 0, at(), toFields(fields), extra);
}
function section(level: number, context?: SectionContext): Candidate {
  return candidate("section", 0, at(), [], context ? { level, context } : { level });
}
function toFields(fs: [string, string][]): Field[] {
  return fs.map(([role, raw]) => fieldOf(role as never, raw, role));
}
/** One reading per group of candidates, in order (block k for the k-th). */
function readings(...groups: Candidate[][]): Reading[] {
  return groups.map((candidates, k) => ({ recogniser: "test", score: 1, consumed: [k], candidates, feature: "test" }));
}
const run = (...groups: Candidate[][]) => bind([], readings(...groups), [], PERIOD);

describe("objectives", () => {
  it("an objective continued by its code, its title alike, is one objective with both readings' fields", () => {
    const { objectives, notes } = run(
      [objective("1", [["title", "Digitalizzazione dell'archivio comunale"], ["weight", "40"]])],
      [objective("1", [["title", "Digitalizzazione archivio comunale"], ["due", "31/12/2025"]])],
    );
    expect(objectives).toHaveLength(1);
    const [o] = objectives;
    expect(o!.id).toBe("1");
    // The first value of a field wins.
    expect(o!.title).toBe("Digitalizzazione dell'archivio comunale");
    expect(o!.weight?.value).toBe(40);
    expect(o!.due?.iso).toBe("2025-12-31");
    expect(notes).toEqual([]);
  });

  it("codes are compared folded (OB.01 continues OB.1)", () => {
    const { objectives } = run([objective("OB.1", [["title", "Riordino archivio"]])], [objective("OB.01", [["title", "Riordino archivio"], ["owner", "Mario Rossi"]])]);
    expect(objectives).toHaveLength(1);
    expect(objectives[0]!.owner).toBe("Mario Rossi");
  });

  it("the same code with another title is another objective (a duplicate code)", () => {
    const { objectives } = run([objective("1", [["title", "Digitalizzazione dell'archivio comunale"]])], [objective("1", [["title", "Manutenzione delle strade provinciali"]])]);
    expect(objectives.map((o) => [o.id, o.title])).toEqual([
      ["1", "Digitalizzazione dell'archivio comunale"],
      ["1", "Manutenzione delle strade provinciali"],
    ]);
  });

  it("a fresh candidate opens a new objective even under a known code", () => {
    const { objectives } = run([objective("1", [["title", "Riordino archivio"]])], [objective("1", [["title", "Riordino archivio"]], { fresh: true })]);
    expect(objectives).toHaveLength(2);
  });

  it("a merged objective printing another weight raises weight.conflict at its weight", () => {
    const { objectives, notes } = run([objective("2", [["title", "Riordino archivio"], ["weight", "40"]])], [objective("2", [["title", "Riordino archivio"], ["weight", "30%"]])]);
    expect(objectives).toHaveLength(1);
    expect(objectives[0]!.weight?.value).toBe(40);
    expect(notes).toEqual([expect.objectContaining({ code: "weight.conflict", objective: 0, field: "weight", raw: "30%" })]);
    expect(notes[0]!.message).toContain("40");
  });

  it("the same weight written as a fraction or with a percent sign is no conflict", () => {
    const { notes } = run(
      [objective("2", [["title", "Riordino archivio"], ["weight", "40"]])],
      [objective("2", [["title", "Riordino archivio"], ["weight", "0,40"]])],
      [objective("2", [["title", "Riordino archivio"], ["weight", "40,00 %"]])],
    );
    expect(notes).toEqual([]);
  });

  it("an id printed before the title is split off when the record has none", () => {
    const { objectives } = run([objective(null, [["title", "3.1.1 Mappatura della domanda"]])], [objective(null, [["title", "2 incontri con le scuole"]])]);
    expect(objectives.map((o) => [o.id, o.title])).toEqual([
      ["3.1.1", "Mappatura della domanda"],
      [null, "2 incontri con le scuole"],
    ]);
  });
});

describe("steps", () => {
  it("attach to the objective the reading names as their parent, whatever opened since", () => {
    const a = objective("1", [["title", "Digitalizzare l'archivio"]]);
    const b = objective("2", [["title", "Ridurre i tempi"]]);
    const { objectives } = run([a, b, step([["step", "Scansione dei fascicoli"]], { parent: a })]);
    expect(objectives.map((o) => o.steps.map((s) => s.title))).toEqual([["Scansione dei fascicoli"], []]);
  });

  it("attach by parentKey to the objective of that code", () => {
    const { objectives } = run(
      [objective("OB.1", [["title", "Digitalizzare l'archivio"]]), objective("OB.2", [["title", "Ridurre i tempi"]])],
      [step([["step", "Scansione"], ["due", "30/06/2025"]], { parentKey: "OB.1" }), step([["step", "Analisi dei flussi"]], { parentKey: "OB.02" })],
    );
    expect(objectives.map((o) => [o.id, o.steps.map((s) => s.title)])).toEqual([
      ["OB.1", ["Scansione"]],
      ["OB.2", ["Analisi dei flussi"]],
    ]);
    expect(objectives[0]!.steps[0]!.due?.iso).toBe("2025-06-30");
  });

  it("a parentKey naming no objective opens a bare objective of that code, and the next steps by position go there", () => {
    const { objectives } = run([objective("OB.1", [["title", "Digitalizzare l'archivio"]])], [step([["step", "Collaudo"]], { parentKey: "OB.7" }), step([["step", "Rendicontazione"]])]);
    expect(objectives).toHaveLength(2);
    expect(objectives[1]).toMatchObject({ id: "OB.7", title: null });
    expect(objectives[1]!.steps.map((s) => s.title)).toEqual(["Collaudo", "Rendicontazione"]);
    expect(objectives[0]!.steps).toEqual([]);
  });

  it("with no parent and no key, a step goes to the objective opened last", () => {
    const { objectives } = run([objective("1", [["title", "A"]]), objective("2", [["title", "B"]])], [step([["step", "Fase uno"]]), step([["code", "2.2"], ["step", "Fase due"], ["weight", "40"]])]);
    expect(objectives[0]!.steps).toEqual([]);
    expect(objectives[1]!.steps.map((s) => [s.id, s.title, s.weight?.value ?? null])).toEqual([
      [null, "Fase uno", null],
      ["2.2", "Fase due", 40],
    ]);
  });

  it("a later table listing several objectives' phases, in their order, places each step under the objective its code extends", () => {
    const cards = [objective("CB-01", [["title", "Canale"]]), objective("CB-02", [["title", "Catasto"]]), objective("CB-03", [["title", "Comunicazione"]])];
    const { objectives } = run(cards, [
      step([["code", "CB-01.1"], ["step", "Rilievi"]]),
      step([["code", "CB-01.2"], ["step", "Lavori"]]),
      step([["code", "CB-02.1"], ["step", "Estrazione"]]),
      step([["code", "CB-03.1"], ["step", "Assemblee"]]),
    ]);
    expect(objectives.map((o) => o.steps.map((s) => s.id))).toEqual([["CB-01.1", "CB-01.2"], ["CB-02.1"], ["CB-03.1"]]);
  });

  it("one code naming an earlier objective among the current objective's own steps stays where it is printed (a misplaced code)", () => {
    const { objectives } = run([objective("2", [["title", "Gare"]]), objective("3", [["title", "Sportello"]])], [
      step([["code", "3.1"], ["step", "Apertura"]]),
      step([["code", "3.2"], ["step", "Punto di ascolto"]]),
      step([["code", "2.3"], ["step", "Istruttoria"]]),
    ]);
    expect(objectives.map((o) => o.steps.map((s) => s.id))).toEqual([[], ["3.1", "3.2", "2.3"]]);
  });

  it("steps before any objective get an untitled objective of their own", () => {
    const { objectives } = run([step([["step", "Fase orfana"]])]);
    expect(objectives).toHaveLength(1);
    expect(objectives[0]).toMatchObject({ id: null, title: null });
    expect(objectives[0]!.steps.map((s) => s.title)).toEqual(["Fase orfana"]);
  });

  it("a step's indicator fields make its KPI; an indicator measured in time gives its deadline", () => {
    const { objectives } = run([objective("1", [["title", "A"]]), step([["step", "Adozione del regolamento"], ["indicator", "Tempo previsto"], ["target", "30/06/2025"]])]);
    const s = objectives[0]!.steps[0]!;
    expect(s.kpi?.name).toBe("Tempo previsto");
    expect(s.due?.iso).toBe("2025-06-30");
  });
});

describe("sections", () => {
  it("objectives numbered anew in each level's section (1, 2 | 1, 2, 3) are known as section.number; numbers that do not repeat stay", () => {
    const { objectives } = run(
      [section(2, { links: ["1"] }), objective("1", [["title", "A"]]), objective("2", [["title", "B"]])],
      [section(2, { links: ["2"] }), objective("1", [["title", "C"]])],
    );
    expect(objectives.map((o) => o.id)).toEqual(["1.1", "1.2", "2.1"]);
    const plain = run([section(2, { links: ["1"] }), objective("1", [["title", "A"]])], [section(2, { links: ["2"] }), objective("2", [["title", "C"]])]);
    expect(plain.objectives.map((o) => o.id)).toEqual(["1", "2"]);
  });

  it("an upper level's code under the level open before it chains their links (`1` then `1.1`, `1.2`; `2` starts anew)", () => {
    const { objectives } = run(
      [section(8, { links: ["1"] })],
      [section(8, { links: ["1.1"] }), objective("1.1.1", [["title", "A"]])],
      [section(8, { links: ["1.2"] }), objective("1.2.1", [["title", "B"]])],
      [section(8, { links: ["2"] }), objective("2.0.1", [["title", "C"]])],
    );
    expect(objectives.map((o) => o.links)).toEqual([["1", "1.1"], ["1", "1.2"], ["2"]]);
  });

  it("a step's cell naming an indicator (`Indicatore: … ≤ 30 giorni`) gives the objective's indicator and target, its date the objective's deadline", () => {
    const { objectives } = run([
      objective("OB-03", [["title", "Tempi di pagamento"]]),
      step([["step", "Indicatore: tempo medio di pagamento ≤ 30 giorni"], ["due", "31/12/2025"]]),
    ]);
    const o = objectives[0]!;
    expect([o.steps.length, o.kpis.map((k) => [k.name, k.target?.raw]), o.due?.iso]).toEqual([0, [["tempo medio di pagamento", "≤ 30 giorni"]], "2025-12-31"]);
  });

  it("a row of a steps' table opening with the indicator's label in a cell of its own gives the objective's indicator and target", () => {
    const { objectives } = run([
      objective("OB-12", [["title", "Parco urbano"]]),
      step([["code", "1"], ["step", "Progetto esecutivo"], ["due", "31/03/2025"]]),
      step([["code", "Indicatore"], ["step", "Lavori eseguiti sul cronoprogramma"], [null as unknown as string, "Target: 100%"]]),
    ]);
    expect(objectives[0]!.steps.map((s) => s.id)).toEqual(["1"]);
    expect(objectives[0]!.kpis.map((k) => [k.name, k.target?.raw])).toEqual([["Lavori eseguiti sul cronoprogramma", "100%"]]);
  });

  it("a step column holding only the step's marker (`a`, `2`, `1.3`) beside a description: the marker is its code, the description its title", () => {
    const { objectives } = run([
      objective("AT-1", [["title", "Morosità"]]),
      step([["step", "a"], ["description", "Invio dei solleciti"], ["due", "31/03/2025"]]),
      step([["step", "Convocazione dei morosi"], ["description", "Piani di rientro"]]),
    ]);
    expect(objectives[0]!.steps.map((s) => [s.id, s.title])).toEqual([
      ["a", "Invio dei solleciti"],
      [null, "Convocazione dei morosi"],
    ]);
  });

  it("objectives inherit unit, owner, kind and links of the sections they sit in; a heading of the same level closes them", () => {
    const { objectives } = run(
      [section(2, { unit: "Settore Affari Generali" }), objective("1", [["title", "A"]])],
      [section(3, { owner: "Dott. Marco Bassi", links: ["L1"] }), objective("2", [["title", "B"]])],
      [section(3), objective("3", [["title", "C"]])],
      [section(2), objective("4", [["title", "D"]])],
      [section(2, { kind: "Obiettivi trasversali" }), objective("5", [["title", "E"]])],
    );
    expect(objectives.map((o) => [o.id, o.unit, o.owner, o.links, o.kind])).toEqual([
      ["1", "Settore Affari Generali", null, [], null],
      ["2", "Settore Affari Generali", "Dott. Marco Bassi", ["L1"], null],
      ["3", "Settore Affari Generali", null, [], null],
      ["4", null, null, [], null],
      ["5", null, null, [], "Obiettivi trasversali"],
    ]);
  });

  it("a title in capitals over its description in sentence case: the title and the description; an owner's role or helpers left out", () => {
    const { objectives } = run([
      objective("B-01", [["title", "SEMPLIFICAZIONE DEI CONCORSI PER IL PERSONALE Revisione del regolamento e gestione telematica delle selezioni."], ["owner", "Direttrice amministrativa, Dott.ssa Lidia Rampazzo"]]),
      objective("B-02", [["title", "Digitalizzazione della carriera"], ["owner", "Dott. Renzo Pilotto, coadiuvato dalla Commissione Erasmus"]]),
      objective("B-03", [["title", "Sicurezza della sede"], ["owner", "Rossi / Bianchi"]]),
    ]);
    expect(objectives.map((o) => [o.title, o.description, o.owner])).toEqual([
      ["SEMPLIFICAZIONE DEI CONCORSI PER IL PERSONALE", "Revisione del regolamento e gestione telematica delle selezioni.", "Dott.ssa Lidia Rampazzo"],
      ["Digitalizzazione della carriera", null, "Dott. Renzo Pilotto"],
      ["Sicurezza della sede", null, "Rossi / Bianchi"],
    ]);
  });

  it("a deadline `30.09` (day and month, dotted, no year) takes the plan's year; elsewhere `12.07` stays as printed", () => {
    const { objectives } = run([objective("CC/02", [["title", "Contributi alle imprese"], ["due", "30.09"]])]);
    expect(objectives[0]!.due).toEqual({ raw: "30.09", iso: "2025-09-30", precision: "day" });
  });

  it("a section's head printed with the unit they lead (`Dott.ssa X – Settore Y`) gives the owner and the unit apart", () => {
    const { objectives } = run([section(7, { owner: "Dott.ssa Ornella Vasapollo – Settore Bilancio e Tributi" })], [objective("BT1", [["title", "Recupero dell'evasione"]])]);
    expect([objectives[0]!.owner, objectives[0]!.unit]).toEqual(["Dott.ssa Ornella Vasapollo", "Settore Bilancio e Tributi"]);
  });

  it("a section never overrides what the objective prints itself", () => {
    const { objectives } = run([section(2, { unit: "Settore Affari Generali", owner: "Mario Rossi" }), objective("1", [["title", "A"], ["unit", "Ufficio Protocollo"]])]);
    expect(objectives[0]).toMatchObject({ unit: "Ufficio Protocollo", owner: "Mario Rossi" });
  });

  it("a head's `Resp.:` line right under a unit's name completes that section", () => {
    const { objectives } = run([section(8, { unit: "Settore Lavori Pubblici" }), section(8, { owner: "Ing. Paolo Galli" }), objective("1", [["title", "A"]])]);
    expect(objectives[0]).toMatchObject({ unit: "Settore Lavori Pubblici", owner: "Ing. Paolo Galli" });
  });

  it("another unit at the same level replaces the first, its head with it", () => {
    const { objectives } = run(
      [section(8, { unit: "Settore Lavori Pubblici", owner: "Ing. Paolo Galli" }), objective("1", [["title", "A"]])],
      [section(8, { unit: "Settore Tributi" }), objective("2", [["title", "B"]])],
    );
    expect(objectives.map((o) => [o.unit, o.owner])).toEqual([
      ["Settore Lavori Pubblici", "Ing. Paolo Galli"],
      ["Settore Tributi", null],
    ]);
  });

  it("a bare objective opened by a step's unknown key inherits the section too", () => {
    const { objectives } = run([section(2, { unit: "Settore Tributi" }), step([["step", "Bonifica banche dati"]], { parentKey: "T.1" })]);
    expect(objectives[0]).toMatchObject({ id: "T.1", unit: "Settore Tributi" });
  });
});

describe("structure.unread", () => {
  const unreadOf = (text: string, name = "doc.md") => {
    const blocks = blocksOf(text, name);
    return { blocks, notes: bind(blocks, [], blocks.map((_, k) => k), PERIOD).notes };
  };

  it("a table of plan-like content no recogniser read: info at the document, raw its first line", () => {
    const { notes } = unreadOf(lines("| Organo | Seduta | Data |", "|---|---|---|", "| Giunta | Ordinaria | 31/03/2025 |", "| Consiglio | Straordinaria | 30/06/2025 |"));
    expect(notes).toEqual([{ code: "structure.unread", objective: null, field: null, message: expect.stringContaining("table at line 1"), raw: "Organo Seduta Data" }]);
  });

  it("a list and a label group with dates are reported; prose and headings never are, dates or not", () => {
    const { notes } = unreadOf(
      lines(
        "## Scadenze del ciclo 2025",
        "",
        "Il piano è stato redatto il 10/01/2025 e approvato il 31/01/2025 con peso 30%.",
        "",
        "- Approvazione del bilancio – 31/12/2025",
        "- Rendiconto della gestione – 30/04/2026",
        "",
        "Scadenza: 31/12/2025",
        "Peso: 30%",
      ),
    );
    expect(notes.map((n) => [n.code, n.objective, n.raw])).toEqual([
      ["structure.unread", null, "- Approvazione del bilancio – 31/12/2025"],
      ["structure.unread", null, "Scadenza: 31/12/2025; Peso: 30%"],
    ]);
    expect(notes[1]!.message).toContain("label/value group");
  });

  it("a block with no dates, weights, codes or plan words is not reported", () => {
    const { notes } = unreadOf(lines("| Capitolo | Descrizione |", "|---|---|", "| Spese | Cancelleria e stampati |", "| Entrate | Diritti di segreteria |"));
    expect(notes).toEqual([]);
  });

  it("sits under the objective open where the block is, and raw is cut at 200 characters", () => {
    const long = "Descrizione molto lunga ".repeat(20).trim();
    const blocks = blocksOf(lines("## Obiettivo 1 – Riordino archivio", "", `Descrizione: ${long} entro il 31/12/2025`, "Peso: 30%"), "doc.md");
    expect(blocks.map((b) => b.type)).toEqual(["heading", "labels"]);
    const [opened] = readings([objective("1", [["title", "Riordino archivio"]])]);
    const n = bind(blocks, [opened!], [1], PERIOD).notes;
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ code: "structure.unread", objective: 0, field: null });
    expect(n[0]!.raw!.length).toBe(BINDER_SETTINGS.unreadRawLength);
    expect(n[0]!.raw!.startsWith("Descrizione: Descrizione molto lunga")).toBe(true);
    // Reading order decides: a reading starting at or before the block opens the objective first…
    const sameStart = { ...opened!, consumed: [1] };
    expect(bind(blocks, [sameStart], [1], PERIOD).notes[0]!.objective).toBe(0);
    // …one starting after it leaves the block under the document.
    const reordered = { ...opened!, consumed: [2] };
    expect(bind(blocks, [reordered], [1], PERIOD).notes[0]!.objective).toBeNull();
  });
});

describe("structure.unread end to end", () => {
  it("convertBuffer reports unread plan-like blocks as info issues at the objective they sit under, or the document", async () => {
    const doc = await convertBuffer(
      Buffer.from(
        lines(
          "# Piano della performance 2025-2027",
          "",
          "Scadenze generali del ciclo:",
          "",
          "- Approvazione del bilancio – 31/12/2025",
          "- Rendiconto della gestione – 30/04/2026",
          "",
          "| Codice | Obiettivo | Scadenza | Peso |",
          "|---|---|---|---|",
          "| OB.1 | Manutenzione strade | 31/12/2025 | 60 |",
          "| OB.2 | Illuminazione pubblica | 30/06/2025 | 40 |",
          "",
          "| Organo | Seduta | Data |",
          "|---|---|---|",
          "| Giunta | Ordinaria | 31/03/2025 |",
          "| Consiglio | Straordinaria | 30/06/2025 |",
          "",
          "Il presente piano è stato redatto il 10/01/2025 e approvato con delibera n. 12 del 31/01/2025.",
        ),
      ),
      "piano.md",
    );
    expect(doc.objectives.map((o) => o.id)).toEqual(["OB.1", "OB.2"]);
    const unread = doc.issues.filter((i) => i.code === "structure.unread");
    expect(unread.map((i) => [i.severity, i.path, i.raw]).sort()).toEqual(
      [
        ["info", "", "- Approvazione del bilancio – 31/12/2025"],
        ["info", "/objectives/1", "Organo Seduta Data"],
      ].sort(),
    );
    // The prose line with its dates is not reported.
    expect(unread.some((i) => (i.raw ?? "").includes("delibera"))).toBe(false);
  });

  it("a card's weight printed otherwise in a summary table is weight.conflict at the card's weight", async () => {
    const doc = await convertBuffer(
      Buffer.from(
        lines(
          "### Obiettivo 1 – Riordino dell'archivio storico",
          "",
          "Responsabile: Mario Rossi",
          "Peso: 40%",
          "",
          "### Obiettivo 2 – Manutenzione delle strade",
          "",
          "Responsabile: Anna Verdi",
          "Peso: 60%",
          "",
          "## Riepilogo",
          "",
          "| Codice | Obiettivo | Peso |",
          "|---|---|---|",
          "| 1 | Riordino dell'archivio storico | 30% |",
          "| 2 | Manutenzione delle strade | 60% |",
        ),
      ),
      "schede.md",
    );
    expect(doc.objectives.map((o) => [o.id, o.weight?.value])).toEqual([
      ["1", 40],
      ["2", 60],
    ]);
    expect(doc.issues.filter((i) => i.code === "weight.conflict").map((i) => [i.severity, i.path, i.raw])).toEqual([["error", "/objectives/0/weight", "30%"]]);
  });

  it("a document whose blocks are all read has no structure.unread", async () => {
    const doc = await convertBuffer(Buffer.from(lines("Codice\tObiettivo\tScadenza\tPeso", "OB.1\tManutenzione strade\t31/12/2025\t60", "OB.2\tIlluminazione pubblica\t30/06/2025\t40")), "piano.txt");
    expect(doc.objectives).toHaveLength(2);
    expect(doc.issues.filter((i) => i.code === "structure.unread")).toEqual([]);
  });
});

describe("deadlines from indicators", () => {
  const one = async (indicator: string, target: string) => {
    const doc = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Revisione del piano", `Indicatore: ${indicator}`, `Target: ${target}`)), "doc.txt");
    return doc.objectives[0]!;
  };

  it("an indicator measured in time gives its target as the deadline; so does a target that is a deadline", async () => {
    expect((await one("Tempo di approvazione", "30/11/2026")).due).toMatchObject({ raw: "30/11/2026", iso: "2026-11-30" });
    expect((await one("approvazione del piano in Consiglio comunale", "entro il 30/11/2026")).due).toMatchObject({ raw: "entro il 30/11/2026", iso: "2026-11-30" });
  });

  it("a target that is a number, or a date that is no deadline of an indicator not measured in time, gives none", async () => {
    expect((await one("pratiche evase", "≥ 90%")).due).toBeNull();
    expect((await one("data di adozione del piano", "≥ 3")).due).toBeNull();
    // A threshold on a duration is a figure, not a deadline.
    expect((await one("Tempo medio di risposta", "≤ 25")).due).toBeNull();
  });
});

describe("owners", () => {
  it("a person's role in brackets after their name is no part of the owner", async () => {
    const doc = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Manutenzione della SP 12", "Responsabile: ing. Marco Dellepiane (dirigente Settore Tecnico)")), "doc.txt");
    expect(doc.objectives[0]!.owner).toBe("ing. Marco Dellepiane");
    const other = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Manutenzione della SP 12", "Responsabile: ing. Marco Dellepiane (con il Servizio Viabilità)")), "doc.txt");
    expect(other.objectives[0]!.owner).toBe("ing. Marco Dellepiane (con il Servizio Viabilità)");
  });

  it("an owner cell naming the head by role and a second person (`Dirigente: …; Referente: …`): the head owns, the other stays under their label", async () => {
    const doc = await convertBuffer(
      new TextEncoder().encode(lines("Codice\tObiettivo\tResponsabile\tPeso", "F/1\tStagione per le scuole\tDirigente: dott. Tommaso Neri; Referente: sig.ra Alba Rossi\t60", "F/2\tIlluminazione\tDirigente: ing. Valerio Galli\t40")),
      "doc.txt",
    );
    expect(doc.objectives.map((o) => [o.owner, o.extra])).toEqual([
      ["dott. Tommaso Neri", { Referente: "sig.ra Alba Rossi" }],
      ["ing. Valerio Galli", {}],
    ]);
  });

  it("a unit's value followed by its head under their role's label (`Viabilità – Dirigente: ing. …`) fills both", async () => {
    const doc = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Ripristino delle strade", "Settore: Viabilità e Trasporti – Dirigente: ing. Corrado Neri", "Peso: 30%")), "doc.txt");
    expect([doc.objectives[0]!.unit, doc.objectives[0]!.owner]).toEqual(["Viabilità e Trasporti", "ing. Corrado Neri"]);
  });

  it("a column `Settore / Responsabili` whose cells hold the unit and `Dirigente: …; Referente: …` as two paragraphs, beside the steps", async () => {
    const html =
      "<table><tr><th>Cod.</th><th>Obiettivo</th><th>Settore / Responsabili</th><th>Peso</th><th>N.</th><th>Fase</th><th>Termine</th></tr>" +
      "<tr><td>OB-01</td><td>Sportello telematico</td><td><p>Settore Tecnico</p><p>Dirigente: ing. Ottavio Neri; Referente: geom. Lucia Rossi</p></td><td>100%</td><td>1.1</td><td>Configurazione</td><td>31/03/2025</td></tr></table>";
    const doc = await convertBuffer(new TextEncoder().encode(html), "doc.html");
    expect(doc.objectives.map((o) => [o.unit, o.owner, o.extra, o.steps.map((s) => s.id)])).toEqual([["Settore Tecnico", "ing. Ottavio Neri", { Referente: "geom. Lucia Rossi" }, ["1.1"]]]);
  });

  it("an owner cell holding the person and their unit fills both; an office in brackets after a titled name is dropped", async () => {
    const doc = await convertBuffer(
      new TextEncoder().encode(
        lines("Codice\tObiettivo\tResponsabile\tPeso", "1.1\tRifacimento della segnaletica\ting. Walter Baracco – Settore Viabilità\t60", "1.2\tAlbo on line\tarch. Tommaso Vezzani (Consigliere Segretario)\t40"),
      ),
      "doc.txt",
    );
    expect(doc.objectives.map((o) => [o.owner, o.unit])).toEqual([
      ["ing. Walter Baracco", "Settore Viabilità"],
      ["arch. Tommaso Vezzani", null],
    ]);
  });
  it("tables under another PIAO sub-section (anticorruption, training) are reported, not read as objectives or their steps; the performance section's heading reads again", async () => {
    const text = lines(
      "2.2 Performance",
      "",
      "Obiettivo n. 1\tPresa in carico integrata",
      "Responsabile\tdott.ssa Gemma Rinaldoni",
      "Peso\t100",
      "",
      "2.3 Rischi corruttivi e trasparenza",
      "",
      "Misura\tDescrizione\tResponsabile\tTermine di attuazione",
      "MG.1\tAggiornamento del codice di comportamento\tRPCT\t30/06/2025",
      "MS.2\tRotazione dei componenti delle commissioni\tDirettore\t31/12/2025",
      "",
      "2.2 Performance",
      "",
      "Codice\tObiettivo\tPeso",
      "OB.2\tNuovo portale dei servizi\t40",
    );
    const doc = await convertBuffer(new TextEncoder().encode(text), "doc.txt");
    expect(doc.objectives.map((o) => [o.id, o.steps.length, o.kpis.length])).toEqual([["1", 0, 0], ["OB.2", 0, 0]]);
    expect(doc.issues.some((i) => i.code === "structure.unread")).toBe(true);
  });

  it("a table's own caption naming a unit and its head gives them to the table's objectives; a caption naming the table's content does not", async () => {
    const html =
      "<table><caption>Area Minori e Famiglie – Responsabile dott.ssa Teresa Annunziatella</caption><tr><th>Cod.</th><th>Obiettivo</th><th>Peso</th></tr>" +
      "<tr><td>MF1</td><td>Affidamento familiare</td><td>60%</td></tr><tr><td>MF2</td><td>Centro per le famiglie</td><td>40%</td></tr></table>" +
      "<table><caption>Area Anziani – Responsabile dott. Osvaldo Ferrantelli</caption><tr><th>Cod.</th><th>Obiettivo</th><th>Peso</th></tr><tr><td>AD1</td><td>Vita indipendente</td><td>100%</td></tr></table>";
    const doc = await convertBuffer(new TextEncoder().encode(html), "doc.html");
    expect(doc.objectives.map((o) => [o.id, o.unit, o.owner])).toEqual([
      ["MF1", "Area Minori e Famiglie", "dott.ssa Teresa Annunziatella"],
      ["MF2", "Area Minori e Famiglie", "dott.ssa Teresa Annunziatella"],
      ["AD1", "Area Anziani", "dott. Osvaldo Ferrantelli"],
    ]);
    const other = "<table><caption>Misurazione</caption><tr><th>Cod.</th><th>Obiettivo</th><th>Peso</th></tr><tr><td>AD1</td><td>Vita indipendente</td><td>100%</td></tr></table>";
    expect((await convertBuffer(new TextEncoder().encode(other), "doc.html")).objectives[0]!.unit).toBeNull();
  });

  it("a period in a step's deadline (`dal 01/02/2025 al 30/04/2025`) is its start and its end", async () => {
    const doc = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Alloggi sfitti", "Fasi:", "", "1. Ricognizione degli alloggi – Periodo: dal 01/02/2025 al 30/04/2025 – peso 30%", "2. Riconsegna agli assegnatari – entro il 31/12/2025 – peso 70%")), "doc.txt");
    const s = doc.objectives[0]!.steps[0]!;
    expect([s.start?.iso, s.due?.iso]).toEqual(["2025-02-01", "2025-04-30"]);
    // In a start column: "03/03/2025 al 30/06/2025" is the start and the end too.
    const t = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Sportello", "", "Fase\tInizio\tPeso", "Rilievo\t03/03/2025 al 30/06/2025\t100")), "doc.txt");
    const st = t.objectives[0]!.steps[0]!;
    expect([st.start?.raw, st.due?.raw]).toEqual(["03/03/2025", "30/06/2025"]);
  });

  it("an indicator's line naming its target after a dash (`— target ≥ 20%`) gives the name and the target apart", async () => {
    const doc = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: OB.1 – Controlli ISEE", "Peso: 100", "Indicatore: beneficiari sottoposti a controllo sul totale — target ≥ 20%")), "doc.txt");
    const k = doc.objectives[0]!.kpis[0]!;
    expect([k.name, k.target?.raw, k.target?.comparator, k.target?.value]).toEqual(["beneficiari sottoposti a controllo sul totale", "≥ 20%", ">=", 20]);
  });

  it("an indicator's name closed by a bracket naming its type (`(indicatore temporale)`) gives the type apart; another bracket stays", async () => {
    const doc = await convertBuffer(
      new TextEncoder().encode(
        lines(
          "Obiettivo: OB.1 – Carta dei servizi",
          "Peso: 100",
          "Indicatore: Carta dei servizi approvata (indicatore temporale)",
          "",
          "Obiettivo: OB.2 – Portale",
          "Peso: 0",
          "Indicatore: Accessi al portale (media mensile)",
          "",
          "Obiettivo: OB.3 – Rapporto annuale",
          "Peso: 0",
          "Indicatore: Presentazione pubblica del rapporto (tipo: Temporale)",
        ),
      ),
      "doc.txt",
    );
    expect(doc.objectives.map((o) => [o.kpis[0]?.name, o.kpis[0]?.type])).toEqual([
      ["Carta dei servizi approvata", "temporale"],
      ["Accessi al portale (media mensile)", null],
      ["Presentazione pubblica del rapporto", "Temporale"],
    ]);
  });

  it("a label leaning to the links over a list of codes links the objective", async () => {
    const doc = await convertBuffer(new TextEncoder().encode(lines("Obiettivo: DG.3 – Dematerializzazione delle carriere", "Collegamento al PSA: D.2; D.4", "Peso: 35%")), "doc.txt");
    expect(doc.objectives[0]!.links).toEqual(["D.2", "D.4"]);
  });
});
