/**
 * Each recogniser of src/parse/registry.ts read ALONE on a small typed
 * document (its `read(doc, at, ctx)`), once where its layout applies (score,
 * candidates' kinds, keys, parents, fields) and once where it must not (null);
 * and the tree evidence (recognisers/tree.ts) that tells steps from objectives.
 */
import { sectionScope } from "../src/parse/recognisers/sections.js";
import { numberedOpener } from "../src/parse/recognisers/cards.js";
import { trailingCode } from "../src/lexicon/codes.js";
import { levelColumns } from "../src/parse/recognisers/code-tree.js";
import { tableView } from "../src/parse/recognisers/shared.js";
import { describe, expect, it } from "vitest";
import type { Block } from "../src/doc/blocks.js";
import type { Candidate, Context, DocView, Reading, Recogniser } from "../src/parse/candidates.js";
import { RECOGNISERS } from "../src/parse/registry.js";
import { weighTree, type TreeRow } from "../src/parse/recognisers/tree.js";
import { ctxOf, docOf, fieldOf, lines, pairs, tableFrom, viewOf } from "./support/engine.js";

const byName = (name: string): Recogniser => {
  const r = RECOGNISERS.find((x) => x.name === name);
  if (!r) throw new Error(`no recogniser ${name}`);
  return r;
};

/** Reads the block at `at` with one recogniser, asserting that it may start there. */
function readWith(name: string, doc: DocView, at: number, ctx: Context = ctxOf()): Reading | null {
  const r = byName(name);
  expect(r.starts.has(doc.blocks[at]!.type)).toBe(true);
  return r.read(doc, at, ctx);
}

const kindsOf = (r: Reading) => r.candidates.map((c) => c.kind);
const parentIndex = (r: Reading, c: Candidate) => (c.parent ? r.candidates.indexOf(c.parent) : null);
/** The block index of the first block of a type. */
const indexOf = (doc: DocView, type: Block["type"]) => doc.blocks.findIndex((b) => b.type === type);

const IN_CARD = ctxOf({ inCard: true, anyObjective: true });
const AFTER_OBJECTIVE = ctxOf({ anyObjective: true });

it("the registry lists the twenty recognisers, each once", () => {
  expect(RECOGNISERS.map((r) => r.name)).toEqual([
    "row-table",
    "parent-table",
    "row-kind-table",
    "row-shape-table",
    "code-tree",
    "bold-tree",
    "keyed-phase-table",
    "three-level-tree",
    "calendar",
    "step-table",
    "kpi-table",
    "detail-table",
    "cross-reference",
    "transposed-table",
    "table-card",
    "label-card",
    "paragraph-card",
    "objective-list",
    "step-list",
    "section",
  ]);
});

describe("row-table: the steps listed in one cell of each objective's row", () => {
  it("each item a step of the row's objective; with a header naming the items' parts (`Fasi (termine – peso)`), no part is the objective's", () => {
    const d = docOf(
      lines(
        "Codice\tObiettivo\tFasi (termine – peso)\tPeso",
        "OB-1\tManutenzione dei sentieri\t1) Ricognizione – 31/03/2025 – 40; 2) Ripristino – 30/09/2025 – 60\t70",
        "OB-2\tBando giovani\t1) Pubblicazione – 30/04/2025 – 50; 2) Graduatoria – 30/09/2025 – 50\t30",
      ),
    );
    const r = readWith("row-table", d, 0)!;
    expect(r.feature).toBe("objectives-with-step-lists");
    expect(r.candidates.filter((c) => c.kind === "objective").map((c) => pairs(c.fields))).toEqual([
      [
        ["code", "OB-1"],
        ["title", "Manutenzione dei sentieri"],
        ["weight", "70"],
      ],
      [
        ["code", "OB-2"],
        ["title", "Bando giovani"],
        ["weight", "30"],
      ],
    ]);
    expect(r.candidates.filter((c) => c.kind === "step").map((c) => pairs(c.fields).filter(([role]) => role === "due" || role === "weight"))).toEqual([
      [["due", "31/03/2025"], ["weight", "40"]],
      [["due", "30/09/2025"], ["weight", "60"]],
      [["due", "30/04/2025"], ["weight", "50"]],
      [["due", "30/09/2025"], ["weight", "50"]],
    ]);
  });
});

describe("row-table", () => {
  it("steps laid across the row in repeated groups (`1ª fase | Termine 1ª fase | 2ª fase | …`): each filled group a step of the row's objective", () => {
    const doc = docOf(
      lines(
        "| Cod. | Obiettivo operativo | Peso | 1ª fase | Termine 1ª fase | 2ª fase | Termine 2ª fase |",
        "|---|---|---|---|---|---|---|",
        "| CT-01 | Riorganizzazione dello sportello | 60% | Analisi dei flussi | 31/03/2026 | Apertura del secondo punto | 30/06/2026 |",
        "| CT-02 | Albo delle famiglie affidatarie | 40% | Campagna informativa | 30/04/2026 | | |",
      ),
      "doc.md",
    );
    const at = indexOf(doc, "table");
    expect(readWith("keyed-phase-table", doc, at)).toBeNull();
    const r = readWith("row-table", doc, at)!;
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "CT-01"],
      ["title", "Riorganizzazione dello sportello"],
      ["weight", "60%"],
    ]);
    expect(pairs(r.candidates[2]!.fields)).toEqual([
      ["step", "Apertura del secondo punto"],
      ["due", "30/06/2026"],
    ]);
    expect(r.candidates[4]!.parent).toBe(r.candidates[3]);
  });

  const doc = docOf(
    lines(
      "| Codice | Obiettivo | Indicatore | Target | Peso | Scadenza |",
      "|---|---|---|---|---|---|",
      "| Settore Affari Generali | | | | | |",
      "| OB.1 | Digitalizzare l'archivio | Pratiche digitali | ≥ 80% | 40 | 30/09/2025 |",
      "| OB.2 | Ridurre i tempi CIE | Giorni di attesa | <= 10 gg | 60 | 31/12/2025 |",
      "| Totale | | | | 100 | |",
    ),
    "doc.md",
  );

  it("one objective per row; a spanning row is a section naming the unit; the Totale row is no record", () => {
    const r = readWith("row-table", doc, 0)!;
    expect(r.score).toBe(0.7);
    expect(r.consumed).toEqual([0]);
    expect(r.feature).toBe("objectives-table");
    expect(kindsOf(r)).toEqual(["section", "objective", "objective", "section"]);
    expect(r.candidates[0]!.context).toEqual({ unit: "Settore Affari Generali" });
    const [, a, b, close] = r.candidates;
    expect(a!.key).toBe("OB.1");
    expect(pairs(a!.fields)).toEqual([
      ["code", "OB.1"],
      ["title", "Digitalizzare l'archivio"],
      ["indicator", "Pratiche digitali"],
      ["target", "≥ 80%"],
      ["weight", "40"],
      ["due", "30/09/2025"],
    ]);
    expect(b!.key).toBe("OB.2");
    expect(a!.where.line).toBe(4);
    // The table's groups end with it.
    expect(close!.context).toBeUndefined();
    expect(close!.level).toBe(7);
  });

  it("a step column whose cells each list the steps ('a) … entro …; b) …') leaves the rows objectives, the items their steps", () => {
    const d = docOf(
      lines(
        "| N. | Obiettivo | Responsabile | Fasi e tempi | Peso |",
        "|---|---|---|---|---|",
        "| 1 | Manutenzione dei sentieri | Geom. Dario Faccin | a) rilievo dei sentieri entro giugno 2025; b) posa della segnaletica entro il 31/10/2025 | 35 |",
        "| 2 | Trasporto scolastico | Dott.ssa Elena Rigoni | a) convenzione con i comuni entro il 31/03/2025 | 65 |",
      ),
      "doc.md",
    );
    const r = readWith("row-table", d, 0)!;
    expect(r.score).toBe(0.85);
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "1"],
      ["title", "Manutenzione dei sentieri"],
      ["owner", "Geom. Dario Faccin"],
      ["weight", "35"],
    ]);
    expect(r.candidates.slice(1, 3).map((c) => pairs(c.fields))).toEqual([
      [["step", "rilievo dei sentieri"], ["due", "entro giugno 2025"]],
      [["step", "posa della segnaletica"], ["due", "entro il 31/10/2025"]],
    ]);
    expect(parentIndex(r, r.candidates[4]!)).toBe(3);
  });

  it("a unit and its head printed once for the rows under them (merged cells, empty below) are each row's", () => {
    const d = docOf(
      lines(
        "Area;Responsabile;Cod.;Obiettivo operativo;Peso",
        "Area Amministrativa;Dott.ssa Carmen Rizzi;AM.1;Revisione del regolamento;15",
        ";;AM.2;Conservazione digitale dei contratti;35",
        "Area Tecnica;Ing. Mauro Cesco;TE.1;Manutenzione del verde;50",
      ),
      "doc.csv",
    );
    const r = readWith("row-table", d, 0)!;
    expect(r.candidates.map((c) => [c.key, c.fields.find((f) => f.role === "unit")?.raw, c.fields.find((f) => f.role === "owner")?.raw])).toEqual([
      ["AM.1", "Area Amministrativa", "Dott.ssa Carmen Rizzi"],
      ["AM.2", "Area Amministrativa", "Dott.ssa Carmen Rizzi"],
      ["TE.1", "Area Tecnica", "Ing. Mauro Cesco"],
    ]);
  });

  it("does not read a table of codes and descriptions with none of an objective's fields (a budget's chapters)", () => {
    const d = docOf(lines("| Capitolo | Descrizione | Stanziamento 2025 € |", "|---|---|---|", "| 1040 | Servizi informatici per la contabilità | 18.500,00 |", "| 1062 | Formazione del personale | 3.200,00 |"), "doc.md");
    expect(readWith("row-table", d, 0)).toBeNull();
  });

  it("does not read a table with a step column", () => {
    const steps = docOf(lines("Fase\tScadenza\tPeso", "Analisi dei processi\t30/06/2025\t50", "Riorganizzazione\t31/12/2025\t50"));
    expect(readWith("row-table", steps, 0, AFTER_OBJECTIVE)).toBeNull();
  });

  it("does not read a description table under a card (its rows are the card's steps)", () => {
    const t = docOf(lines("Codice\tDescrizione\tScadenza", "1\tAnalisi dei processi\t30/06/2025", "2\tRiorganizzazione degli uffici\t31/12/2025"));
    expect(readWith("row-table", t, 0, IN_CARD)).toBeNull();
  });
});

describe("code-tree: four depths and a column of level names", () => {
  it("area → strategic objective → objective → action, with `Livello` (AS/OS/OO/AZ) beside the codes: the codes tell the levels", () => {
    const d = docOf(
      lines(
        "Livello;Codice;Descrizione;Servizio;Peso;Scadenza",
        "AS;1;Territorio montano;;;",
        "OS;1.1;Prevenzione del dissesto;;;",
        "OO;1.1.1;Manutenzione dei rii minori;Servizio Forestale;60;31/12/2025",
        "AZ;1.1.1.1;Sopralluoghi congiunti;;;30/04/2025",
        "AZ;1.1.1.2;Affidamento degli interventi;;;31/07/2025",
        "OO;1.1.2;Piano di protezione civile;Servizio Protezione Civile;40;30/11/2025",
        "AZ;1.1.2.1;Raccolta dei dati di rischio;;;28/02/2025",
      ),
      "doc.csv",
    );
    const r = readWith("code-tree", d, 0)!;
    const shown = r.candidates.filter((c) => c.kind !== "section" || c.context?.links?.length).map((c) => [c.kind, c.key ?? c.context?.links?.[0] ?? pairs(c.fields).find(([role]) => role === "code")?.[1]]);
    expect(shown).toEqual([
      ["section", "1"],
      ["section", "1.1"],
      ["objective", "1.1.1"],
      ["step", "1.1.1.1"],
      ["step", "1.1.1.2"],
      ["objective", "1.1.2"],
      ["step", "1.1.2.1"],
    ]);
    // The level's name stays under its label, no code.
    expect(r.candidates.find((c) => c.kind === "objective")!.fields.filter((f) => f.role === "weight").map((f) => f.raw)).toEqual(["60"]);
    expect(r.candidates.find((c) => c.kind === "objective")!.fields.filter((f) => f.role === "code").map((f) => f.raw)).toEqual(["1.1.1"]);
  });
});

describe("code-tree", () => {
  it("a code column per level (`Cod. area | Cod. obiettivo | Cod. azione`): a row's deepest filled code gives its level and its code", () => {
    const doc = docOf(
      lines(
        "| Cod. area | Cod. obiettivo | Cod. azione | Descrizione | Peso | Termine |",
        "|---|---|---|---|---|---|",
        "| D | | | Didattica e servizi agli studenti | | |",
        "| | D.01 | | Riduzione degli abbandoni | 60 | 31.12.2025 |",
        "| | D.01 | AZ.1 | Analisi delle carriere | | 31.03.2025 |",
        "| | D.01 | AZ.2 | Tutorato alla pari | | 30.11.2025 |",
        "| | D.02 | | Pagamento on line dei contributi | 40 | 30.09.2025 |",
        "| | D.02 | AZ.1 | Integrazione con pagoPA | | 31.05.2025 |",
      ),
      "doc.md",
    );
    const r = readWith("code-tree", doc, indexOf(doc, "table"))!;
    expect(kindsOf(r)).toEqual(["section", "objective", "step", "step", "objective", "step", "section"]);
    expect(r.candidates[0]!.context?.links).toEqual(["D"]);
    expect(r.candidates.filter((c) => c.kind !== "section").map((c) => pairs(c.fields).filter(([role]) => role === "code"))).toEqual([
      [["code", "D.01"]],
      [["code", "AZ.1"]],
      [["code", "AZ.2"]],
      [["code", "D.02"]],
      [["code", "AZ.1"]],
    ]);
  });

  it("two code columns filled on every row (a key beside the row's own code) are no levels", () => {
    const doc = docOf(lines("| Cod. obiettivo | Cod. fase | Fase | Termine |", "|---|---|---|---|", "| OB.1 | F.1 | Analisi | 31/03/2025 |", "| OB.1 | F.2 | Progetto | 30/06/2025 |"), "doc.md");
    expect(levelColumns(tableView(doc, indexOf(doc, "table")))).toBeNull();
  });

  it("codes of two depths, deadlines and weights summing to 100 per parent: objectives with their steps", () => {
    const doc = docOf(
      lines(
        "| Codice | Descrizione | Scadenza | Peso |",
        "|---|---|---|---|",
        "| 1 | Digitalizzare l'archivio | | |",
        "| 1.1 | Scansione dei fascicoli | 30/06/2025 | 60 |",
        "| 1.2 | Indicizzazione | 31/12/2025 | 40 |",
        "| 2 | Ridurre i tempi | | |",
        "| 2.1 | Analisi dei flussi | 31/03/2025 | 100 |",
      ),
      "doc.md",
    );
    const r = readWith("code-tree", doc, 0)!;
    expect(r.score).toBe(0.8);
    expect(r.feature).toBe("code-tree-table");
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step", "section"]);
    expect(r.candidates.map((c) => c.key)).toEqual(["1", null, null, "2", null, null]);
    expect(r.candidates.map((c) => parentIndex(r, c))).toEqual([null, 0, 0, null, 3, null]);
    expect(pairs(r.candidates[1]!.fields)).toEqual([
      ["code", "1.1"],
      ["step", "Scansione dei fascicoli"],
      ["due", "30/06/2025"],
      ["weight", "60"],
    ]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "1"],
      ["title", "Digitalizzare l'archivio"],
    ]);
  });

  it("children with indicators of their own, weights summing across parents: strategic lines over objectives", () => {
    const doc = docOf(
      lines(
        "| Codice | Descrizione | Indicatore | Target | Peso |",
        "|---|---|---|---|---|",
        "| 1 | Area servizi al cittadino | | | |",
        "| 1.1 | Digitalizzare l'archivio | Pratiche digitali | ≥ 80% | 30 |",
        "| 1.2 | Ridurre i tempi | Giorni | ≤ 10 | 20 |",
        "| 2 | Area territorio | | | |",
        "| 2.1 | Manutenzione strade | Km rifatti | 20 | 50 |",
      ),
      "doc.md",
    );
    const r = readWith("code-tree", doc, 0)!;
    expect(r.feature).toBe("strategic-tree-table");
    expect(kindsOf(r)).toEqual(["section", "objective", "objective", "section", "objective", "section"]);
    expect(r.candidates[0]!.context).toEqual({ links: ["1"] });
    expect(r.candidates[3]!.context).toEqual({ links: ["2"] });
    expect(r.candidates.filter((c) => c.kind === "objective").map((c) => c.key)).toEqual(["1.1", "1.2", "2.1"]);
  });

  it("a tree continued from the page before: children opening the table go on with the objective their code names", () => {
    const d = docOf(lines("Codice\tAzione\tPeso", "OB.6-F3\tVerifica intermedia\t50", "OB.7\tGoverno della spesa\t40", "OB.7-F1\tAudit\t60", "OB.7-F2\tRelazione\t40", "OB.8\tFascicolo sanitario\t60", "OB.8-F1\tAvvio\t100"));
    const r = readWith("code-tree", d, 0)!;
    expect(kindsOf(r).filter((k) => k !== "section")).toEqual(["step", "objective", "step", "step", "objective", "step"]);
    expect(r.candidates[0]).toMatchObject({ kind: "step", parent: null, parentKey: "OB.6" });
    // Amounts with a thousands point are no tree: the codes are not printed under one another.
    const budget = docOf(lines("Struttura\tBudget 2025\tBudget 2024", "Cardiologia\t1.250\t1.180", "Cure Primarie\t640\t610", "Farmacia\t3.400\t3.310"));
    expect(readWith("code-tree", budget, 0)).toBeNull();
  });

  it("does not read bare figures beside labels (counts, not codes: `642` over `3.118`)", () => {
    const counts = docOf(lines("Posti letto attivi al 31/12/2025\t642", "Dipendenti\t3.118"));
    expect(readWith("code-tree", counts, 0)).toBeNull();
  });

  it("does not read codes all of one depth", () => {
    const doc = docOf(lines("Codice\tObiettivo\tScadenza", "OB.1\tManutenzione strade\t31/12/2025", "OB.2\tIlluminazione pubblica\t30/06/2025"));
    expect(readWith("code-tree", doc, 0)).toBeNull();
  });
});

describe("bold-tree", () => {
  const doc = docOf(
    lines(
      "| Obiettivo / Fase | Scadenza | Peso |",
      "|---|---|---|",
      "| **Digitalizzare l'archivio** | **31/12/2025** | **40** |",
      "| Scansione dei fascicoli | 30/06/2025 | 60 |",
      "| Indicizzazione dei documenti | 31/12/2025 | 40 |",
      "| **Ridurre i tempi di attesa** | **31/12/2025** | **60** |",
      "| Analisi dei flussi | 31/03/2025 | 100 |",
    ),
    "doc.md",
  );

  it("bold rows are objectives, the plain rows under them their steps", () => {
    const r = readWith("bold-tree", doc, 0)!;
    expect(r.score).toBe(0.75);
    expect(r.feature).toBe("bold-tree-table");
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step", "section"]);
    expect(r.candidates.map((c) => parentIndex(r, c))).toEqual([null, 0, 0, null, 3, null]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["title", "Digitalizzare l'archivio"],
      ["due", "31/12/2025"],
      ["weight", "40"],
    ]);
    expect(pairs(r.candidates[4]!.fields)[0]).toEqual(["step", "Analisi dei flussi"]);
  });

  it("outscores the row table on the same table", () => {
    const row = readWith("row-table", doc, 0)!;
    expect(readWith("bold-tree", doc, 0)!.score).toBeGreaterThan(row.score);
  });

  it("does not read a table with no bold row", () => {
    const plain = docOf(lines("| Obiettivo | Scadenza | Peso |", "|---|---|---|", "| Digitalizzare l'archivio | 31/12/2025 | 40 |", "| Ridurre i tempi | 31/12/2025 | 60 |"), "doc.md");
    expect(readWith("bold-tree", plain, 0)).toBeNull();
  });

  it("leaves bold group lines spanning a table over plain objective rows to the row table", () => {
    const grouped = docOf(
      lines(
        "| Codice | Obiettivo | Peso | Indicatore | Target |",
        "|---|---|---|---|---|",
        "| **Area A – Servizi al cittadino** | | | | |",
        "| OB-1 | Sportello unico per le imprese | 30% | Pratiche evase in 30 giorni | ≥ 90% |",
        "| | | | Tempo medio di risposta | ≤ 20 giorni |",
        "| OB-2 | Anagrafe digitale | 20% | Certificati on line | ≥ 60% |",
        "| **Area B – Governo dell'ente** | | | | |",
        "| OB-3 | Pagamenti tempestivi | 50% | Tempo medio di pagamento | ≤ 30 giorni |",
      ),
      "doc.md",
    );
    expect(readWith("bold-tree", grouped, 0)).toBeNull();
    const row = readWith("row-table", grouped, 0)!;
    expect(kindsOf(row).filter((k) => k === "objective")).toHaveLength(3);
  });

  it("does not read bold merged cells over their parts' rows (the plain rows blank in the bold column)", () => {
    const merged = docOf(
      lines(
        "| Obiettivo | Peso | Indicatore | Target |",
        "|---|---|---|---|",
        "| **Ridurre i consumi energetici** | 60% | Consumo di energia elettrica (MWh) | ≤ 410 |",
        "| | | Edifici con impianto fotovoltaico | 4 |",
        "| **Semplificare i pagamenti** | 40% | Pagamenti tramite pagoPA | ≥ 90% |",
        "| | | Tempo medio di pagamento delle fatture (giorni) | ≤ 30 |",
      ),
      "doc.md",
    );
    expect(readWith("bold-tree", merged, 0)).toBeNull();
  });
});

describe("row-shape-table", () => {
  const table = (rows: string[]) => docOf(lines("| Obiettivo / fase | Servizio | Peso | Inizio | Fine | Indicatore | Target |", "|---|---|---|---|---|---|---|", ...rows), "doc.md");
  const doc = table([
    "| Biblioteca digitale | Servizio Cultura | 60 | | | Prestiti digitali | ≥ 2.000 |",
    "| Scelta della piattaforma | | 40 | 01/02/2026 | 30/04/2026 | | |",
    "| Caricamento del catalogo | | 60 | 01/05/2026 | 30/09/2026 | | |",
    "| Sportello unico edilizia | Servizio Urbanistica | 40 | | | Pratiche on line | 100% |",
    "| Modulistica unificata | | 50 | 15/01/2026 | 31/03/2026 | | |",
    "| Formazione dei tecnici | | 50 | 01/04/2026 | 30/06/2026 | | |",
  ]);

  it("rows filling the objective's own columns are objectives; rows filling only dates under them, their steps", () => {
    const r = readWith("row-shape-table", doc, 0)!;
    expect(r.feature).toBe("row-shape-table");
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step", "step"]);
    expect(r.candidates.map((c) => parentIndex(r, c))).toEqual([null, 0, 0, null, 3, 3]);
    expect(r.score).toBeGreaterThan(readWith("row-table", doc, 0)!.score);
  });

  it("does not read rows that fill both (an objective's own dates), nor steps whose weights make the objectives' (lines over objectives)", () => {
    const dated = table([
      "| Biblioteca digitale | Servizio Cultura | 60 | 01/01/2026 | 31/12/2026 | Prestiti digitali | ≥ 2.000 |",
      "| Scelta della piattaforma | | 40 | 01/02/2026 | 30/04/2026 | | |",
      "| Caricamento del catalogo | | 60 | 01/05/2026 | 30/09/2026 | | |",
      "| Sportello unico edilizia | Servizio Urbanistica | 40 | | | Pratiche on line | 100% |",
      "| Modulistica unificata | | 50 | 15/01/2026 | 31/03/2026 | | |",
    ]);
    expect(readWith("row-shape-table", dated, 0)).toBeNull();
  });
});

describe("keyed-phase-table", () => {
  it("an objective's cells repeated on each of its phases' rows (merged cells exported so) are the objective's; a group's row across the table names the unit", () => {
    const doc = docOf(
      lines(
        "Cod.;Obiettivo;Responsabile;Peso;Fase;Descrizione fase;Scadenza fase",
        "AREA AMMINISTRATIVA;AREA AMMINISTRATIVA;AREA AMMINISTRATIVA;AREA AMMINISTRATIVA;AREA AMMINISTRATIVA;AREA AMMINISTRATIVA;AREA AMMINISTRATIVA",
        "VF01;Regolamento di contabilità;Rag. Elda Brigno;25;1;Bozza del regolamento;31/03/2026",
        "VF01;Regolamento di contabilità;Rag. Elda Brigno;25;2;Approvazione in Consiglio;30/06/2026",
        "VF02;Riscossione coattiva;Rag. Elda Brigno;75;1;Ricognizione delle posizioni;28/02/2026",
      ),
      "doc.csv",
    );
    const r = readWith("keyed-phase-table", doc, indexOf(doc, "table"))!;
    expect(kindsOf(r)).toEqual(["section", "objective", "step", "step", "objective", "step"]);
    expect(r.candidates[0]!.context?.unit).toBe("AREA AMMINISTRATIVA");
    expect(pairs(r.candidates[1]!.fields).find(([role]) => role === "weight")).toEqual(["weight", "25"]);
    expect(r.candidates[2]!.fields.some((f) => f.role === "weight")).toBe(false);
  });

  it("an objective's code repeated down its phases' rows, its title left blank there, is the objective's code, not the phases'", () => {
    const doc = docOf(
      lines(
        "Area;Codice;Obiettivo;Peso ob.;Fase;Attività;Scadenza fase",
        "Area Amministrativa;AA.1;Revisione del regolamento;15;AA.1.1;Ricognizione della normativa;28/02/2025",
        ";AA.1;;;AA.1.2;Stesura della bozza;30/04/2025",
        "Area Tecnica;AT.1;Manutenzione delle scuole;25;AT.1.1;Sopralluoghi;31/01/2025",
        ";AT.1;;;AT.1.2;Interventi estivi;31/08/2025",
      ),
      "doc.csv",
    );
    const r = readWith("three-level-tree", doc, indexOf(doc, "table"))!;
    expect(r.candidates.map((c) => [c.kind, c.kind === "objective" ? c.key : pairs(c.fields).filter(([role]) => role === "code").map(([, raw]) => raw).join(",")])).toEqual([
      ["objective", "AA.1"],
      ["step", "AA.1.1"],
      ["step", "AA.1.2"],
      ["objective", "AT.1"],
      ["step", "AT.1.1"],
      ["step", "AT.1.2"],
    ]);
  });

  const doc = docOf(
    lines(
      "| Cod. obiettivo | Fase | Scadenza | Peso |",
      "|---|---|---|---|",
      "| OB.2 | Analisi dei flussi | 31/03/2025 | 50 |",
      "| OB.1 | Scansione dei fascicoli | 30/06/2025 | 60 |",
      "| OB.2 | Revisione delle procedure | 30/09/2025 | 50 |",
    ),
    "doc.md",
  );

  it("each row a step of the objective its key names, rows in any order", () => {
    const r = readWith("keyed-phase-table", doc, 0)!;
    expect(r.score).toBe(0.8);
    expect(r.feature).toBe("keyed-phase-table");
    expect(kindsOf(r)).toEqual(["objective", "step", "objective", "step", "objective", "step"]);
    expect(r.candidates.map((c) => c.key)).toEqual(["OB.2", null, "OB.1", null, "OB.2", null]);
    expect(r.candidates.filter((c) => c.kind === "step").map((c) => c.parentKey)).toEqual(["OB.2", "OB.1", "OB.2"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([["code", "OB.2"]]);
    expect(pairs(r.candidates[1]!.fields)).toEqual([
      ["step", "Analisi dei flussi"],
      ["due", "31/03/2025"],
      ["weight", "50"],
    ]);
    expect(parentIndex(r, r.candidates[3]!)).toBe(2);
  });

  it("does not read a step table with no column keying the objective", () => {
    const plain = docOf(lines("Fase\tScadenza\tPeso", "Analisi dei processi\t30/06/2025\t50", "Riorganizzazione\t31/12/2025\t50"));
    expect(readWith("keyed-phase-table", plain, 0, AFTER_OBJECTIVE)).toBeNull();
  });

  it("leaves a table with an upper level left of the key to the three-level tree", () => {
    const three = docOf(lines("| Area strategica | Obiettivo operativo | Azione | Scadenza |", "|---|---|---|---|", "| Innovazione | Digitalizzare l'archivio | Scansione | 30/06/2025 |"), "doc.md");
    expect(readWith("keyed-phase-table", three, 0)).toBeNull();
  });
});

describe("keyed-phase-table: the objective's own code", () => {
  it("a code column left of the objective's, filled on the same rows (merged down with it), is the objective's code", () => {
    const d = docOf(
      "<table><tr><th>Cod.</th><th>Obiettivo</th><th>Fasi</th><th>Scadenza fase</th><th>Peso obiettivo</th></tr>" +
        "<tr><td rowspan=\"2\">OP1</td><td rowspan=\"2\">Monitoraggio della fauna</td><td>Posa delle fototrappole</td><td>31/03/2026</td><td rowspan=\"2\">40%</td></tr>" +
        "<tr><td>Rapporto annuale</td><td>15/12/2026</td></tr>" +
        "<tr><td>OP2</td><td>Centro visita</td><td>Allestimento</td><td>30/04/2026</td><td>60%</td></tr></table>",
      "doc.html",
    );
    const r = readWith("keyed-phase-table", d, 0)!;
    expect(r.candidates.filter((c) => c.kind === "objective").map((c) => c.key)).toEqual(["OP1", "OP2"]);
    expect(r.candidates.filter((c) => c.kind === "step").map((c) => c.fields.some((f) => f.role === "code"))).toEqual([false, false, false]);
  });
});

describe("three-level-tree", () => {
  const doc = docOf(
    lines(
      "| Area strategica | Obiettivo operativo | Azione | Scadenza |",
      "|---|---|---|---|",
      "| Innovazione | Digitalizzare l'archivio | Scansione dei fascicoli | 30/06/2025 |",
      "| | | Indicizzazione dei documenti | 31/12/2025 |",
      "| | Ridurre i tempi di attesa | Analisi dei flussi | 31/03/2025 |",
      "| Territorio | Manutenzione strade | Rifacimento asfalto | 30/09/2025 |",
    ),
    "doc.md",
  );

  it("upper cells merged down: a row with its objective cell empty is one more step of the objective above", () => {
    const r = readWith("three-level-tree", doc, 0)!;
    expect(r.score).toBe(0.8);
    expect(r.feature).toBe("three-level-tree");
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step", "objective", "step"]);
    expect(r.candidates.map((c) => parentIndex(r, c))).toEqual([null, 0, 0, null, 3, null, 5]);
    // The area printed once is repeated down to the objective opened under it.
    expect(pairs(r.candidates[3]!.fields)).toEqual([
      ["extra", "Innovazione"],
      ["title", "Ridurre i tempi di attesa"],
    ]);
    expect(pairs(r.candidates[5]!.fields)).toEqual([
      ["extra", "Territorio"],
      ["title", "Manutenzione strade"],
    ]);
    expect(pairs(r.candidates[2]!.fields)).toEqual([
      ["step", "Indicizzazione dei documenti"],
      ["due", "31/12/2025"],
    ]);
  });

  it("does not read a keyed table with nothing left of its key", () => {
    const keyed = docOf(lines("| Cod. obiettivo | Fase | Scadenza |", "|---|---|---|", "| OB.1 | Analisi dei flussi | 31/03/2025 |"), "doc.md");
    expect(readWith("three-level-tree", keyed, 0)).toBeNull();
  });
});

describe("table-card: steps enumerated in a value", () => {
  it("each step takes its enumerator as its code", () => {
    const d = docOf(lines("Denominazione\tManutenzione dei canali", "Codice\tCB-GEST-01", "Attività previste\t1) Programmazione degli sfalci – 31/03/2025; 2) Esecuzione degli sfalci – 30/06/2025"));
    const r = readWith("table-card", d, 0)!;
    expect(r.candidates.filter((c) => c.kind === "step").map((c) => pairs(c.fields).filter(([role]) => role === "code" || role === "step"))).toEqual([
      [["code", "1"], ["step", "Programmazione degli sfalci"]],
      [["code", "2"], ["step", "Esecuzione degli sfalci"]],
    ]);
  });
});

describe("table-card: blanks to fill in by hand", () => {
  it("a signature row (`Il Dirigente ____ | Il Segretario Generale ____`) gives no field; the card's own owner stays", () => {
    const d = docOf(lines("Codice\tRC-OP-02", "Obiettivo\tVoucher per la transizione digitale", "Dirigente\tDott. Ivano Bertagnoli", "Il Dirigente ________________\tIl Segretario Generale ________________"));
    const r = readWith("table-card", d, 0)!;
    const fields = pairs(r.candidates[0]!.fields);
    expect(fields.filter(([role]) => role === "owner")).toEqual([["owner", "Dott. Ivano Bertagnoli"]]);
    expect(fields.some(([, raw]) => raw.includes("___"))).toBe(false);
  });
});

describe("keyed-phase-table: columns merged with the objective", () => {
  it("a weight filled on the objectives' rows only, left of the steps' columns, is the objective's (beside the steps' own weight)", () => {
    const d = docOf(
      lines(
        "Codice;Obiettivo operativo;Struttura;Peso;Step;Attività;Scadenza;Peso step",
        "ASP.OP.1;Riduzione dei tempi di attesa;UOC Specialistica;35%;1.1;Revisione delle agende;31/03/2025;30%",
        ";;;;1.2;Slot serali;30/06/2025;70%",
        "ASP.OP.2;Assistenza domiciliare;UOC Cure Primarie;65%;2.1;Anagrafe dei fragili;30/04/2025;100%",
      ),
      "doc.csv",
    );
    const r = readWith("keyed-phase-table", d, 0)!;
    const weights = r.candidates.map((c) => [c.kind, c.fields.filter((f) => f.role === "weight").map((f) => f.raw)]);
    expect(weights).toEqual([["objective", ["35%"]], ["step", ["30%"]], ["step", ["70%"]], ["objective", ["65%"]], ["step", ["100%"]]]);
  });

  it("an indicator and its target right of the steps, filled on the objectives' rows only, are the objective's", () => {
    const d = docOf(
      lines(
        "N.;Obiettivo;Fasi;Scadenza;Peso;Indicatore;Target",
        "1;Dematerializzazione dell'albo;Scansione dei fascicoli;30/06/2025;50;Fascicoli digitalizzati sul totale;100%",
        ";;Pubblicazione dell'albo;30/09/2025;50;;",
        "2;Formazione continua;Piano formativo;31/01/2025;100;Eventi erogati;≥ 25",
      ),
      "doc.csv",
    );
    const r = readWith("keyed-phase-table", d, 0)!;
    expect(r.candidates.map((c) => [c.kind, c.fields.filter((f) => f.role === "indicator").length])).toEqual([["objective", 1], ["step", 0], ["step", 0], ["objective", 1], ["step", 0]]);
  });
});

describe("keyed-phase-table: a column outside the steps' header group", () => {
  it("under `Fasi` gathering the steps' columns, a unit column beside the group is the objective's, repeated on every row", () => {
    const d = docOf(
      lines(
        "Obiettivo,,,Fasi,,,Struttura responsabile",
        "Cod.,Titolo,Peso,Descrizione fase,Scadenza,Peso fase,",
        "OB-01,Monitoraggio dell'aria,60,Nuove centraline,30-06-2026,50,Servizio Aria",
        "OB-01,Monitoraggio dell'aria,60,Report annuale,31-12-2026,50,Servizio Aria",
        "OB-02,Controlli sugli scarichi,40,Sopralluoghi,30-11-2026,100,Servizio Controlli",
      ),
      "doc.csv",
    );
    const r = readWith("keyed-phase-table", d, indexOf(d, "table"))!;
    expect(r.candidates.map((c) => [c.kind, c.fields.filter((f) => f.role === "unit").map((f) => f.raw)])).toEqual([
      ["objective", ["Servizio Aria"]],
      ["step", []],
      ["step", []],
      ["objective", ["Servizio Controlli"]],
      ["step", []],
    ]);
  });
});

describe("keyed-phase-table: the step's code headed by a step's word", () => {
  it("`Codice obiettivo | Fase | Descrizione`: the Fase column's codes are the steps' codes, the description their text", () => {
    const d = docOf(lines("Codice obiettivo\tFase\tDescrizione\tInizio\tFine", "OB.1\t1.1\tMigrazione dei dati\t07/01/2025\t31/03/2025", "OB.1\t1.2\tArea riservata\t01/04/2025\t30/06/2025", "OB.2\t2.1\tRilevazione dei fabbisogni\t01/03/2025\t30/04/2025"));
    const r = readWith("keyed-phase-table", d, 0)!;
    expect(r.candidates.map((c) => [c.kind, pairs(c.fields).filter(([role]) => role === "code" || role === "step")])).toEqual([
      ["objective", [["code", "OB.1"]]],
      ["step", [["code", "1.1"], ["step", "Migrazione dei dati"]]],
      ["step", [["code", "1.2"], ["step", "Area riservata"]]],
      ["objective", [["code", "OB.2"]]],
      ["step", [["code", "2.1"], ["step", "Rilevazione dei fabbisogni"]]],
    ]);
  });
});

describe("row-table: two weights per objective", () => {
  it("the plan's weight is the column adding up to 100 over the table; the unit's relative weight stays under its label", () => {
    const d = docOf(
      lines(
        "Cod.\tObiettivo\tPeso relativo\tPeso sul totale",
        "DP.1\tVaccinazioni\t60\t24",
        "DP.2\tControlli\t40\t16",
        "FO.1\tAppropriatezza\t50\t30",
        "FO.2\tTracciabilità\t50\t30",
      ),
    );
    const r = readWith("row-table", d, 0)!;
    expect(r.candidates.map((c) => c.fields.filter((f) => f.role === "weight" || f.label === "Peso relativo").map((f) => [f.role, f.raw]))).toEqual([
      [[null, "60"], ["weight", "24"]],
      [[null, "40"], ["weight", "16"]],
      [[null, "50"], ["weight", "30"]],
      [[null, "50"], ["weight", "30"]],
    ]);
  });
});

describe("code-tree: two weights on the objectives' rows", () => {
  it("the objective's weight is the plan's (adding up to 100 over the objectives); the unit's share stays under its label; steps keep theirs", () => {
    const d = docOf(
      lines(
        "Codice;Obiettivo / fase;Peso relativo;Peso sul totale;Scadenza",
        "R1;Lesioni da pressione;60%;30%;31/12/2025",
        "R1.1;Formazione del personale;40%;;30/04/2025",
        "R1.2;Scala di valutazione;60%;;30/09/2025",
        "T1;Assistenza domiciliare;100%;70%;31/12/2025",
        "T1.1;Criteri di accesso;100%;;31/03/2025",
      ),
      "doc.csv",
    );
    const r = readWith("code-tree", d, 0)!;
    expect(r.candidates.filter((c) => c.kind !== "section").map((c) => [c.kind, c.fields.filter((f) => f.role === "weight").map((f) => f.raw)])).toEqual([
      ["objective", ["30%"]],
      ["step", ["40%"]],
      ["step", ["60%"]],
      ["objective", ["70%"]],
      ["step", ["100%"]],
    ]);
  });
});

describe("row-table: budget lines", () => {
  it("`Missione | Budget (€) | Quota`: money shared out over the budget's classification is no objectives' table", () => {
    const d = docOf(lines("Missione\tBudget (€)\tQuota", "Ricerca e innovazione\t18.400.000\t34%", "Istruzione universitaria\t27.000.000\t66%"));
    expect(readWith("row-table", d, 0)).toBeNull();
  });
});

describe("a merged row of labelled fields under a record", () => {
  const details = (bold: boolean) => {
    const b = (t: string) => (bold ? `**${t}**` : t);
    return docOf(
      lines(
        "| | Obiettivo gestionale / azione | Scadenza | Peso |",
        "|---|---|---|---|",
        `| ${b("Obiettivo n. 1 -")} | ${b("Riduzione delle cadute degli ospiti")} | ${b("30/11/2026")} | ${b("60")} |`,
        "| | Referente: Dott.ssa Nives Carraro Indicatore: Cadute ogni 1.000 giornate di degenza target ≤ 1,5 | | |",
        "| | 1.1. Valutazione del rischio di caduta | 31/03/2026 | 50 |",
        "| | 1.2. Formazione degli operatori | 30/06/2026 | 50 |",
        `| ${b("Obiettivo n. 2 -")} | ${b("Apertura del centro diurno")} | ${b("30/09/2026")} | ${b("40")} |`,
        "| | Referente: Dott. Filippo Orsenigo Indicatore: Utenti iscritti al centro diurno target ≥ 15 | | |",
        "| | 2.1. Adeguamento dei locali | 31/03/2026 | 100 |",
      ),
      "doc.md",
    );
  };

  it("bold-tree: the row's fields are the bold record's above it (owner, indicator, target), not a group, nor a step", () => {
    const r = readWith("bold-tree", details(true), 0)!;
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "objective", "step", "section"]);
    expect(r.candidates[0]!.key).toBe("1");
    expect(pairs(r.candidates[0]!.fields).filter(([role]) => role === "owner" || role === "indicator" || role === "target")).toEqual([
      ["owner", "Dott.ssa Nives Carraro"],
      ["indicator", "Cadute ogni 1.000 giornate di degenza"],
      ["target", "≤ 1,5"],
    ]);
  });

  it("row-table: the same rows are the record's fields, where a group's label (`UOC … – Referente: …`) opens a section", () => {
    const r = readWith("row-table", details(false), 0)!;
    expect(kindsOf(r).filter((k) => k === "section")).toEqual([]);
    expect(pairs(r.candidates[0]!.fields).find(([role]) => role === "owner")).toEqual(["owner", "Dott.ssa Nives Carraro"]);
    const grouped = docOf(
      lines(
        "| Obiettivo | Scadenza | Peso |",
        "|---|---|---|",
        "| UOC Sistemi Informativi – Referente: Dott.ssa Carla Neri | | |",
        "| Nuovo protocollo informatico | 31/12/2026 | 60 |",
        "| Archivio digitale | 30/06/2026 | 40 |",
      ),
      "doc.md",
    );
    expect(kindsOf(readWith("row-table", grouped, 0)!)).toEqual(["section", "objective", "objective", "section"]);
  });
});

describe("row-table: counts that look like weights", () => {
  it("a staff table (`Profilo | Tempo pieno | Part time`: numbers up to 100 no header calls weights, not sharing out 100) holds no objectives", () => {
    const staff = docOf(lines("Profilo\tTempo pieno\tPart time", "Assistenti sociali\t21\t4", "Educatori professionali\t9\t2", "Istruttori amministrativi\t7\t1"));
    expect(readWith("row-table", staff, 0)).toBeNull();
  });
  it("the same table whose numbers share out 100, or are written as percentages, is one of objectives and their weights", () => {
    const whole = docOf(lines("Profilo\tTempo pieno\tPart time", "Assistenti sociali\t50\t4", "Educatori professionali\t30\t2", "Istruttori amministrativi\t20\t1"));
    expect(kindsOf(readWith("row-table", whole, 0)!)).toEqual(["objective", "objective", "objective"]);
    const percent = docOf(lines("Profilo\tTempo pieno\tPart time", "Assistenti sociali\t21%\t4", "Educatori professionali\t9%\t2", "Istruttori amministrativi\t7%\t1"));
    expect(kindsOf(readWith("row-table", percent, 0)!)).toEqual(["objective", "objective", "objective"]);
  });
});

describe("row-table: last cycle's objectives", () => {
  it("a table of objectives headed by a year before the plan's (`Obiettivo 2024` in a 2025-2027 plan) is not read as this plan's", () => {
    const d = docOf(lines("Obiettivo 2024\tPeso\tGrado di raggiungimento", "Riduzione della morosità\t50\t70%", "Protocollo informatico\t50\t100%"));
    expect(readWith("row-table", d, 0)).toBeNull();
    const now = docOf(lines("Obiettivo 2025\tPeso", "Riduzione della morosità\t50", "Protocollo informatico\t50"));
    expect(kindsOf(readWith("row-table", now, 0)!)).toEqual(["objective", "objective"]);
  });
});

describe("three-level-tree: upper codes", () => {
  it("an upper level printed with its code gives each objective under it that link", () => {
    const d = docOf(
      lines(
        "Linea strategica;Cod. ob.;Obiettivo operativo;Peso ob.;Cod. az.;Azione;Termine",
        "A - Sicurezza idraulica;A.1;Manutenzione dei canali;30;A.1.a;Sfalcio delle sponde;30/06/2025",
        ";;;;A.1.b;Espurgo dei canali;31/10/2025",
        "B - Consorzio digitale;B.1;Portale del consorziato;70;B.1.a;Area riservata;30/11/2025",
      ),
      "doc.csv",
    );
    const r = readWith("three-level-tree", d, 0)!;
    expect(r.candidates.filter((c) => c.kind === "objective").map((c) => c.fields.filter((f) => f.role === "links").map((f) => f.raw))).toEqual([["A"], ["B"]]);
  });
});

describe("three-level-tree: an upper level's first word", () => {
  it("links the objectives whose codes lie under it (`A Qualità delle cure` over A.1, A.2), whatever the column's header", () => {
    const d = docOf(
      "<table><tr><th>Area strategica</th><th>Obiettivo</th><th>Azione</th><th>Peso azione (%)</th></tr>" +
        '<tr><th rowspan="2">A<br>Qualità delle cure</th><td rowspan="2">A.1 Prevenzione delle infezioni</td><td>A.1.a Igiene delle mani</td><td>60</td></tr>' +
        "<tr><td>A.1.b Sorveglianza del sito chirurgico</td><td>40</td></tr>" +
        '<tr><th>B<br>Accessibilità</th><td>B.1 Tempi del Pronto soccorso</td><td>B.1.a Bed management</td><td>100</td></tr></table>',
      "doc.html",
    );
    const r = readWith("three-level-tree", d, d.blocks.findIndex((b) => b.type === "table"))!;
    expect(r.candidates.filter((c) => c.kind === "objective").map((c) => c.fields.filter((f) => f.role === "links").map((f) => f.raw))).toEqual([["A"], ["B"]]);
  });
});

describe("calendar: objectives over their marked steps", () => {
  it("an unmarked row with its weight is an objective, the marked rows below it its steps, dated by their marks (• too)", () => {
    const d = docOf(
      lines(
        "Obiettivo / fase\tPeso\t01/25\t02/25\t03/25\t04/25",
        "Telemedicina in farmacia (rif. FC-1)\t60%\t\t\t\t",
        "   acquisto degli apparecchi\t\t•\t•\t\t",
        "   formazione dei farmacisti\t\t\t\t•\t",
        "Terza farmacia (rif. FC-2)\t40%\t\t\t\t",
        "   gara per gli arredi\t\t\t\t\t•",
      ),
    );
    const r = readWith("calendar", d, 0)!;
    expect(r.candidates.map((c) => [c.kind, pairs(c.fields).filter(([role]) => role === "start" || role === "due").map(([, raw]) => raw)])).toEqual([
      ["objective", []],
      ["step", ["01/25", "02/25"]],
      ["step", ["03/25", "03/25"]],
      ["objective", []],
      ["step", ["04/25", "04/25"]],
    ]);
  });
});

describe("calendar", () => {
  const doc = docOf(
    lines(
      "Fase\tG\tF\tM\tA\tM\tG\tL\tA\tS\tO\tN\tD",
      "Analisi dei processi\tX\tX\tX\t\t\t\t\t\t\t\t\t",
      "Riorganizzazione\t\t\t\tX\tX\tX\tX\t\t\t\t\t",
    ),
  );

  it("marked months are each record's start and end, in the plan's first year", () => {
    const r = readWith("calendar", doc, 0, IN_CARD)!;
    expect(r.score).toBe(0.72);
    expect(r.feature).toBe("calendar-table");
    expect(kindsOf(r)).toEqual(["step", "step"]);
    const dates = r.candidates.map((c) => c.fields.filter((f) => f.role === "start" || f.role === "due").map((f) => [f.role, f.date?.iso, f.date?.precision]));
    expect(dates).toEqual([
      [
        ["start", "2025-01-31", "month"],
        ["due", "2025-03-31", "month"],
      ],
      [
        ["start", "2025-04-30", "month"],
        ["due", "2025-07-31", "month"],
      ],
    ]);
    expect(r.candidates[0]!.fields[0]).toMatchObject({ role: "step", raw: "Analisi dei processi" });
    // A mark is never an extra field.
    expect(r.candidates.flatMap((c) => c.fields).every((f) => f.role !== null)).toBe(true);
  });

  it("outscores the plain step table on the same table", () => {
    expect(readWith("calendar", doc, 0, IN_CARD)!.score).toBeGreaterThan(readWith("step-table", doc, 0, IN_CARD)!.score);
  });

  it("does not read a table with no period columns", () => {
    const plain = docOf(lines("Fase\tScadenza\tPeso", "Analisi dei processi\t30/06/2025\t50", "Riorganizzazione\t31/12/2025\t50"));
    expect(readWith("calendar", plain, 0, IN_CARD)).toBeNull();
  });

  // A year printed over the first of the quarters it spans dates that quarter's marks too (once a bug:
  // only the empty cells right of it were spanned, the first mark fell in the plan's first year).
  it("a mark under the first quarter of a year spanning the quarters is dated in that year", () => {
    const table = tableFrom(
      [
        ["Attività", "2026", "", "", ""],
        ["", "I trim", "II trim", "III trim", "IV trim"],
      ],
      [["Collaudo finale", "X", "X", "", ""]],
    );
    const r = readWith("calendar", viewOf([table]), 0, IN_CARD)!;
    const f = r.candidates[0]!.fields;
    expect(f.find((x) => x.role === "due")?.date?.iso).toBe("2026-06-30");
    expect(f.find((x) => x.role === "start")?.date?.iso).toBe("2026-03-31");
  });
});

describe("step-table", () => {
  const doc = docOf(lines("Fase\tDescrizione\tScadenza\tPeso", "Analisi\tMappatura dei processi\t30/06/2025\t40", "Attuazione\tRiorganizzazione degli uffici\t31/12/2025\t60", "Totale\t\t\t100"));

  it("a table with a step column: each row a step of the current objective, the Totale row none", () => {
    const r = readWith("step-table", doc, 0, IN_CARD)!;
    expect(r.score).toBe(0.7);
    expect(r.feature).toBe("steps-table");
    expect(kindsOf(r)).toEqual(["step", "step"]);
    expect(r.candidates.every((c) => c.parent === null && c.parentKey === null)).toBe(true);
    expect(pairs(r.candidates[1]!.fields)).toEqual([
      ["step", "Attuazione"],
      ["description", "Riorganizzazione degli uffici"],
      ["due", "31/12/2025"],
      ["weight", "60"],
    ]);
  });

  it("a table with no step word under a card or a `Fasi` caption reads as steps, with a lower score", () => {
    const capt = docOf(lines("Fasi di attuazione", "Codice\tDescrizione\tScadenza", "1\tMappatura dei processi\t30/06/2025", "2\tRiorganizzazione degli uffici\t31/12/2025"));
    const at = indexOf(capt, "table");
    const r = readWith("step-table", capt, at, AFTER_OBJECTIVE)!;
    expect(r.score).toBe(0.55);
    expect(r.candidates.map((c) => pairs(c.fields).slice(0, 2))).toEqual([
      [
        ["code", "1"],
        ["step", "Mappatura dei processi"],
      ],
      [
        ["code", "2"],
        ["step", "Riorganizzazione degli uffici"],
      ],
    ]);
  });

  it("under a card, a table with none of a step's columns (kinds, counts, codes) is not read as its steps", () => {
    const d = docOf(lines("Automezzi in dotazione", "Tipo\tNumero\tPosti", "Pulmino attrezzato\t2\t9", "Autovettura\t3\t5"));
    expect(readWith("step-table", d, indexOf(d, "table"), IN_CARD)).toBeNull();
  });

  it("does not read a table of objectives with no step column", () => {
    const objs = docOf(lines("Codice\tObiettivo\tScadenza", "OB.1\tManutenzione strade\t31/12/2025", "OB.2\tIlluminazione pubblica\t30/06/2025"));
    expect(readWith("step-table", objs, 0, IN_CARD)).toBeNull();
  });
});

describe("objectives as numbered lines over their label lines (a Word text export)", () => {
  it("`1. Titolo` over label lines opens objective 1; `1.1 …` items under it are its steps, dated in words or not", () => {
    const d = docOf(
      lines(
        "1. Riorganizzazione dell'archivio di deposito",
        "Tempistica: entro il 31 dicembre 2025",
        "Struttura: Area Amministrativa",
        "Peso: 30%",
        "",
        "1.1 Censimento dei fascicoli conservati, da completare entro il mese di marzo 2025.",
        "1.2 Riordino dei fascicoli residui entro fine anno.",
      ),
    );
    const r = readWith("paragraph-card", d, 0)!;
    expect(r.candidates[0]!.key).toBe("1");
    expect(pairs(r.candidates[0]!.fields).find(([role]) => role === "title")?.[1]).toBe("Riorganizzazione dell'archivio di deposito");
    const list = d.blocks.findIndex((b, i) => i > 0 && b.type === "list");
    const steps = readWith("step-list", d, list, { inCard: true, anyObjective: true, currentKey: "1" })!.candidates;
    expect(steps.length).toBe(2);
    // The deadline a sentence ends on, with no separator before it: the step's, the sentence kept as its title.
    expect(pairs(steps[1]!.fields)).toEqual([
      ["code", "1.2"],
      ["step", "Riordino dei fascicoli residui entro fine anno."],
      ["due", "entro fine anno"],
    ]);
  });
});

describe("bold-tree: objective rows spanning a text export's table", () => {
  it("a line with a code and its own weight between the rows is an objective over the phases below it", () => {
    const d = docOf(
      lines(
        "Obiettivo / Fase\tScadenza\tPeso\tReferente",
        "OBO 2025.01 - Registro Imprese: riduzione dei tempi (peso 30%)",
        "Analisi delle pratiche sospese\t28/02/2025\t40%\tUfficio Registro Imprese",
        "Revisione delle istruzioni\t30/04/2025\t60%\tUfficio Registro Imprese",
        "OBO 2025.02 - Servizi digitali alle imprese (peso 70%)",
        "Seminari nei distretti\t30/06/2025\t100%\tServizio Promozione",
      ),
    );
    const r = readWith("bold-tree", d, 0)!;
    expect(r.candidates.filter((c) => c.kind !== "section").map((c) => [c.kind, c.key ?? null])).toEqual([
      ["objective", "OBO 2025.01"],
      ["step", null],
      ["step", null],
      ["objective", "OBO 2025.02"],
      ["step", null],
    ]);
  });
});

describe("bold-tree: objective rows named by their label", () => {
  it("`OBIETTIVO G1 – Titolo – 40 pt` rows over their phases, a closing total line left out", () => {
    const d = docOf(
      lines(
        "Fase;Tempi;Peso;Responsabile",
        "OBIETTIVO G1 – Telemedicina nelle farmacie – 40 pt;;;",
        "Formazione del personale;entro il mese di marzo 2025;30 pt;dott.ssa Irene Valsecchi",
        "Acquisto delle apparecchiature;II trimestre 2025;70 pt;Ufficio Acquisti",
        "OBIETTIVO G2 – Riduzione delle giacenze – 60 pt;;;",
        "Inventario straordinario;31 gennaio;100 pt;Ufficio Acquisti",
        ";;;",
        "Totale punti obiettivi: 100;;;",
      ),
      "doc.csv",
    );
    const r = readWith("bold-tree", d, d.blocks.findIndex((b) => b.type === "table"))!;
    const objectives = r.candidates.filter((c) => c.kind === "objective");
    expect(objectives.map((c) => [c.key, pairs(c.fields).filter(([role]) => role === "weight")])).toEqual([
      ["G1", [["weight", "40 pt"]]],
      ["G2", [["weight", "60 pt"]]],
    ]);
    expect(r.candidates.filter((c) => c.kind === "step").length).toBe(3);
  });
});

describe("sectionScope", () => {
  it("tells the PIAO's other sub-sections as the outline heads them from an objective's title about the same matter", () => {
    expect(sectionScope("2.3 Rischi corruttivi e trasparenza", 0)).toBe("other");
    expect(sectionScope("SEZIONE 3 – ORGANIZZAZIONE E CAPITALE UMANO")).toBe("other");
    expect(sectionScope("Sezione 2.3 – Misure di prevenzione della corruzione (estratto dal PTPCT)")).toBe("other");
    expect(sectionScope("Attuazione delle misure di prevenzione della corruzione previste dal PIAO", 3)).toBeNull();
    expect(sectionScope("Trasparenza")).toBeNull();
    expect(sectionScope("2.2 Performance", 0)).toBe("performance");
    expect(sectionScope("UOC GESTIONE RISORSE UMANE")).toBeNull();
    expect(sectionScope("2.3 RISORSE DISPONIBILI", 0)).toBe("other");
    expect(sectionScope("Dotazione di personale per Settore", 3)).toBe("other");
  });
});

describe("step-list: an outline's numbered line", () => {
  it("one item numbered as a section (2.2.3) not under the open objective's code is no step", () => {
    const d = docOf(lines("2.2.3 Personale tecnico-amministrativo per Area (al 01/01/2025)"));
    const at = d.blocks.findIndex((b) => b.type === "list");
    expect(readWith("step-list", d, at, { inCard: true, anyObjective: true, currentKey: "OP.3" })).toBeNull();
    const under = docOf(lines("2.2.3 Adozione del regolamento – entro il 30/06/2025"));
    expect(readWith("step-list", under, under.blocks.findIndex((b) => b.type === "list"), { inCard: true, anyObjective: true, currentKey: "2.2" })).not.toBeNull();
  });
});

describe("step-table: the objective's code beside the steps' own", () => {
  it("each step belongs to the objective code printed once above its rows", () => {
    const d = docOf(
      "<h3>Fasi di attuazione</h3><table><tr><th>Obiettivo</th><th>Fase</th><th>Descrizione</th><th>Fine</th><th>Peso %</th></tr>" +
        '<tr><th rowspan="2">GM-1</th><td>GM-1.1</td><td>Formazione del personale</td><td>30/04/2025</td><td>30</td></tr>' +
        "<tr><td>GM-1.2</td><td>Revisione dei piani</td><td>31/10/2025</td><td>70</td></tr>" +
        "<tr><th>GM-2</th><td>GM-2.1</td><td>Acquisto dei tablet</td><td>30/06/2025</td><td>100</td></tr></table>",
      "doc.html",
    );
    const r = readWith("step-table", d, d.blocks.findIndex((b) => b.type === "table"), AFTER_OBJECTIVE)!;
    expect(r.candidates.map((c) => [c.parentKey, pairs(c.fields).filter(([role]) => role === "code").map(([, raw]) => raw)])).toEqual([
      ["GM-1", ["GM-1.1"]],
      ["GM-1", ["GM-1.2"]],
      ["GM-2", ["GM-2.1"]],
    ]);
  });
});

describe("kpi-table: rows that define their objectives", () => {
  it("leaves to the objectives' table a table keyed by code whose rows give the objective's text, weight and unit", () => {
    const d = docOf(
      lines(
        "| Obiettivo | Descrizione | Area | Peso | Indicatore | Unità di misura | 2025 |",
        "|---|---|---|---|---|---|---|",
        "| OO 1.1 | Riduzione dei tempi delle pratiche | Area Anagrafe | 30 % | Pratiche evase entro 5 giorni | % | ≥ 85% |",
        "|  |  |  |  | Giacenza delle pratiche sospese | n. | ≤ 350 |",
        "| OO 2.1 | Tempestività dei pagamenti | Area Servizi Interni | 70 % | Indicatore di tempestività | giorni | ≤ 0 |",
      ),
      "doc.md",
    );
    expect(readWith("kpi-table", d, 0, AFTER_OBJECTIVE)).toBeNull();
    const r = readWith("row-table", d, 0, AFTER_OBJECTIVE)!;
    expect(r.candidates.map((c) => [c.kind, c.key ?? null])).toEqual([["objective", "OO 1.1"], ["kpi", null], ["objective", "OO 2.1"]]);
  });
});

describe("kpi-table", () => {
  const doc = docOf(lines("| Indicatore | Target | Fonte |", "|---|---|---|", "| Pratiche evase | ≥ 90% | Gestionale interno |", "| Tempo medio | ≤ 30 gg | Protocollo |"), "doc.md");

  it("the indicators of the objective above", () => {
    const r = readWith("kpi-table", doc, 0, IN_CARD)!;
    expect(r.score).toBe(0.7);
    expect(r.feature).toBe("kpis-table");
    expect(kindsOf(r)).toEqual(["kpi", "kpi"]);
    expect(r.candidates.map((c) => c.parentKey)).toEqual([null, null]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["indicator", "Pratiche evase"],
      ["target", "≥ 90%"],
      ["source", "Gestionale interno"],
    ]);
  });

  it("rows keyed to their objective by a code column named after it", () => {
    const keyed = docOf(lines("| Cod. obiettivo | Indicatore | Target |", "|---|---|---|", "| OB.1 | Pratiche evase | ≥ 90% |", "| OB.2 | Tempo medio | ≤ 30 gg |"), "doc.md");
    const r = readWith("kpi-table", keyed, 0)!;
    expect(r.candidates.map((c) => c.parentKey)).toEqual(["OB.1", "OB.2"]);
    // The key is not a field of the indicator.
    expect(r.candidates.flatMap((c) => c.fields).some((f) => f.raw === "OB.1")).toBe(false);
  });

  it("does not read indicators with no objective open and no key", () => {
    expect(readWith("kpi-table", doc, 0, ctxOf())).toBeNull();
  });
});

describe("detail-table", () => {
  const doc = docOf(lines("| Area | Referente | Incidenza |", "|---|---|---|", "| Area Tecnica | Ing. Paolo Galli | 20% |"), "doc.md");

  it("a few rows of fields of the objective above", () => {
    const r = readWith("detail-table", doc, 0, IN_CARD)!;
    expect(r.score).toBe(0.6);
    expect(r.feature).toBe("details-table");
    expect(kindsOf(r)).toEqual(["fields"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["unit", "Area Tecnica"],
      ["owner", "Ing. Paolo Galli"],
      ["weight", "20%"],
    ]);
  });

  it("does not read before any objective", () => {
    expect(readWith("detail-table", doc, 0, ctxOf())).toBeNull();
  });

  it("does not read rows numbered by a code (they are records)", () => {
    const coded = docOf(lines("Codice\tDescrizione\tScadenza", "1\tMappatura dei processi\t30/06/2025", "2\tRiorganizzazione degli uffici\t31/12/2025"));
    expect(readWith("detail-table", coded, 0, IN_CARD)).toBeNull();
  });
});

describe("cross-reference", () => {
  const doc = docOf(
    lines("| Area strategica | Obiettivo strategico | Obiettivi di performance |", "|---|---|---|", "| Innovazione | Ente digitale | 1-5-6 |", "| Territorio | Città sostenibile | 2, 3, 4 |"),
    "doc.md",
  );

  it("objectives listed by number: read, and no record made", () => {
    const r = readWith("cross-reference", doc, 0, AFTER_OBJECTIVE)!;
    expect(r.score).toBe(0.85);
    expect(r.feature).toBe("crossref-table");
    expect(r.candidates).toEqual([]);
    expect(r.consumed).toEqual([0]);
    // It outscores the row table that would read the lists as titles.
    expect(r.score).toBeGreaterThan(readWith("row-table", doc, 0, AFTER_OBJECTIVE)?.score ?? 0);
  });

  it("does not read before any objective, nor a column of titles", () => {
    expect(readWith("cross-reference", doc, 0, ctxOf())).toBeNull();
    const titles = docOf(lines("| Area strategica | Obiettivi di performance |", "|---|---|", "| Innovazione | Digitalizzare l'archivio |"), "doc.md");
    expect(readWith("cross-reference", titles, 0, AFTER_OBJECTIVE)).toBeNull();
  });
});

describe("transposed-table", () => {
  const doc = docOf(
    lines(
      "| | Obiettivo 1 | Obiettivo 2 | Obiettivo 3 |",
      "|---|---|---|---|",
      "| Descrizione | Digitalizzare le iscrizioni | Ridurre i tempi di attesa | Nuovo regolamento |",
      "| Struttura | Servizio Istruzione | Servizio Demografico | |",
      "| Responsabile | Dott.ssa Livia Neri | Sig. Otto Bruni | |",
      "| Indicatore | % domande on line | Giorni di attesa | Proposta trasmessa |",
      "| Peso | 40% | 35% | |",
    ),
    "doc.md",
  );

  it("each column a record: the first row names it, the first column's labels its fields; a unit or head merged across columns is each one's", () => {
    expect((doc.blocks[0] as Extract<Block, { type: "table" }>).transposed).toBe(true);
    const r = readWith("transposed-table", doc, 0)!;
    expect(r.score).toBe(0.9);
    expect(kindsOf(r)).toEqual(["objective", "objective", "objective"]);
    expect(r.candidates.map((c) => c.key)).toEqual(["1", "2", "3"]);
    expect(pairs(r.candidates[2]!.fields)).toEqual([
      ["code", "3"],
      ["title", "Nuovo regolamento"],
      ["unit", "Servizio Demografico"],
      ["owner", "Sig. Otto Bruni"],
      ["indicator", "Proposta trasmessa"],
    ]);
    // An empty weight is no merged cell: the third record has none.
    expect(r.candidates[2]!.fields.some((f) => f.role === "weight")).toBe(false);
  });

  it("a sheet's title and caption rows in the grid (one filled cell) part the run: the transposed table between them is found", () => {
    const d = docOf(
      lines(
        "ASL Val Chiara;;;",
        "Obiettivi di budget 2025;;;",
        "Codice;A.1;A.2;A.3",
        "Obiettivo;Riduzione dei tempi di attesa;Screening oncologici;Fascicolo elettronico",
        "Struttura;Dipartimento Cure Primarie;Dipartimento Prevenzione;S.C. Sistemi Informativi",
        "Peso;30%;40%;30%",
        "Fonte: Controllo di gestione;;;",
      ),
      "doc.csv",
    );
    const t = d.blocks.find((b) => b.type === "table") as Extract<Block, { type: "table" }>;
    expect(t.transposed).toBe(true);
    expect(t.header[0]!.cells.map((c) => c.text)).toEqual(["Codice", "A.1", "A.2", "A.3"]);
  });

  it("a card printed as pairs of label and value across each row is not transposed", () => {
    const d = docOf(lines("Obiettivo;Eventi formativi per le imprese;;", "Responsabile;dott. Luca Neri;Scadenza;15/12/2025", "Area;Area Promozione;Tipologia;Obiettivo operativo", "Indicatore;Imprese partecipanti;Target;≥ 150"), "doc.csv");
    expect(d.blocks.some((b) => b.type === "table" && b.transposed)).toBe(false);
  });

  it("does not read a table whose records are its rows", () => {
    const rows = docOf(lines("| Obiettivo | Responsabile | Peso |", "|---|---|---|", "| Digitalizzare | Dott.ssa Neri | 40 |", "| Ridurre i tempi | Sig. Bruni | 60 |"), "doc.md");
    expect((rows.blocks[0] as Extract<Block, { type: "table" }>).transposed).toBeUndefined();
    expect(readWith("transposed-table", rows, 0)).toBeNull();
  });
});

describe("table-card", () => {
  const doc = docOf(lines("| Campo | Valore |", "|---|---|", "| Codice | 132 |", "| Titolo | Riordino dell'archivio storico |", "| Peso | 40% |", "| Scadenza | 31/12/2025 |"), "doc.md");

  it("key/value rows naming the objective open it", () => {
    const r = readWith("table-card", doc, 0)!;
    expect(r.score).toBe(0.75);
    expect(r.feature).toBe("table-card");
    expect(kindsOf(r)).toEqual(["objective"]);
    expect(r.candidates[0]!.key).toBe("132");
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "132"],
      ["title", "Riordino dell'archivio storico"],
      ["weight", "40%"],
      ["due", "31/12/2025"],
    ]);
  });

  it("a `Fasi` value listing the steps, a line each, gives the card's steps with their codes, deadlines and weights", () => {
    const d = docOf(
      "<table><tr><td><b>Codice</b></td><td>OBS-1</td></tr><tr><td><b>Titolo</b></td><td>Riduzione degli alloggi sfitti</td></tr>" +
        "<tr><td><b>Fasi</b></td><td>F1.1 – Ricognizione degli alloggi – entro 31.03.2025 – peso 30%<br>F1.2 – Lavori di ripristino – entro 31.10.2025 – peso 70%</td></tr></table>",
      "doc.html",
    );
    const r = readWith("table-card", d, 0)!;
    expect(kindsOf(r)).toEqual(["objective", "step", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "OBS-1"],
      ["title", "Riduzione degli alloggi sfitti"],
    ]);
    expect(pairs(r.candidates[1]!.fields)).toEqual([
      ["code", "F1.1"],
      ["step", "Ricognizione degli alloggi"],
      ["due", "entro 31.03.2025"],
      ["weight", "30%"],
    ]);
    expect(r.candidates.slice(1).every((c) => c.parent === r.candidates[0])).toBe(true);
  });

  it("does not read `Label: value` lines (the label card does)", () => {
    const ls = docOf(lines("Obiettivo: Riordino dell'archivio", "Peso: 40%"));
    expect(readWith("table-card", ls, 0)).toBeNull();
  });
});

describe("label-card", () => {
  it("`Label: value` lines naming the objective open it; an objective label carrying a code gives both", () => {
    const doc = docOf(lines("Obiettivo operativo: 3.2 – Welfare di comunità", "Responsabile: Dott.ssa Carla Neri", "Peso: 25%", "Indicatore: Utenti presi in carico", "Target: ≥ 150"));
    const r = readWith("label-card", doc, 0)!;
    expect(r.score).toBe(0.75);
    expect(r.feature).toBe("label-card");
    expect(kindsOf(r)).toEqual(["objective"]);
    expect(r.candidates[0]!.key).toBe("3.2");
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "3.2"],
      ["objective", "Welfare di comunità"],
      ["owner", "Dott.ssa Carla Neri"],
      ["weight", "25%"],
      ["indicator", "Utenti presi in carico"],
      ["target", "≥ 150"],
    ]);
  });

  it("a unit and its head alone, outside a card, are a section", () => {
    const doc = docOf(lines("Settore: Servizi Sociali", "Responsabile: Anna Verdi"));
    const r = readWith("label-card", doc, 0)!;
    expect(r.feature).toBe("section-labels");
    expect(kindsOf(r)).toEqual(["section"]);
    expect(r.candidates[0]).toMatchObject({ level: 8, context: { unit: "Servizi Sociali", owner: "Anna Verdi" } });
  });

  it("fields with no objective label add to the open objective", () => {
    const doc = docOf(lines("Scadenza: 31/12/2025", "Peso: 30%"));
    const r = readWith("label-card", doc, 0, AFTER_OBJECTIVE)!;
    expect(r.score).toBe(0.6);
    expect(kindsOf(r)).toEqual(["fields"]);
  });

  it("does not read a legend explaining the cards' labels (no figure, no date, no person where they name one)", () => {
    const legend = docOf(lines("Referente: dipendente che risponde del risultato dell'obiettivo.", "Incidenza: quota dell'obiettivo sul totale dei punti.", "Termine: data entro cui il risultato va conseguito."));
    expect(readWith("label-card", legend, 0)).toBeNull();
    expect(readWith("label-card", legend, 0, AFTER_OBJECTIVE)).toBeNull();
    // An objective's own card whose weight is a word ("alto") is still read.
    const card = docOf(lines("Obiettivo: OB-2 – Sentieri", "Responsabile: geom. Dario Coppo", "Peso: alto"));
    expect(kindsOf(readWith("label-card", card, 0)!)).toEqual(["objective"]);
  });

  it("does not read a key/value table, nor lone fields before any objective", () => {
    const table = docOf(lines("| Campo | Valore |", "|---|---|", "| Codice | 132 |", "| Titolo | Riordino |"), "doc.md");
    expect(readWith("label-card", table, 0)).toBeNull();
    expect(readWith("label-card", docOf(lines("Note: da verificare")), 0)).toBeNull();
  });
});

describe("paragraph-card", () => {
  const doc = docOf(lines("### Obiettivo 2.1 – Digitalizzare l'archivio", "", "Responsabile: Dott.ssa Carla Neri", "Peso: 30%", "Scadenza: 31/12/2025", "", "Testo di commento che segue la scheda."), "doc.md");

  it("a heading opening the objective, with the label group below it", () => {
    const r = readWith("paragraph-card", doc, 0)!;
    expect(r.score).toBe(0.8);
    expect(r.feature).toBe("paragraph-card");
    expect(r.consumed).toEqual([0, 1]);
    expect(kindsOf(r)).toEqual(["objective"]);
    expect(r.candidates[0]!.key).toBe("2.1");
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "2.1"],
      ["title", "Digitalizzare l'archivio"],
      ["owner", "Dott.ssa Carla Neri"],
      ["weight", "30%"],
      ["due", "31/12/2025"],
    ]);
    // It outscores the section reading of the same heading.
    expect(r.score).toBeGreaterThan(readWith("section", doc, 0)?.score ?? 0);
  });

  it("a heading over a unit and its head alone (a manager's sheet) opens no objective: it heads a unit's part", () => {
    const d = docOf(lines("## Scheda obiettivi – Dirigente Settore Viabilità", "", "Dirigente: ing. Mario Rossi", "Settore: Viabilità e Infrastrutture"), "doc.md");
    expect(readWith("paragraph-card", d, 0)).toBeNull();
    const card = readWith("label-card", d, indexOf(d, "labels"))!;
    expect(kindsOf(card)).toEqual(["section"]);
    expect(card.candidates[0]!.context).toMatchObject({ unit: "Viabilità e Infrastrutture", owner: "ing. Mario Rossi" });
  });

  it("an opener giving only the code (`Obiettivo 1.1`) over a heading: the heading is its title, the labels below its fields", () => {
    const d = docOf("<p>Obiettivo 1.1</p><h4>Sportello per la transizione digitale</h4><p><strong>Dirigente</strong>: dott. Fabrizio Neri<br><strong>Peso</strong>: 25 %</p>", "doc.html");
    const r = readWith("paragraph-card", d, 0)!;
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "1.1"],
      ["title", "Sportello per la transizione digitale"],
      ["owner", "dott. Fabrizio Neri"],
      ["weight", "25 %"],
    ]);
  });

  it("objectives told one a paragraph, the fields in a bracket before the title (`Obiettivo 2 (Polizia locale; resp. comm. …; peso 25%): … entro …`)", () => {
    const d = docOf(
      lines(
        "**Obiettivo 1** (Servizi demografici; resp. dott. Gianluca Neri; peso 40%): digitalizzazione dei registri di stato civile, entro il 30/09/2025.",
        "",
        "**Obiettivo 2** (Polizia locale associata; resp. comm. Rosaria Bianchi; peso 60%): servizio serale di controllo entro il 31 maggio 2025. Indicatore: pattuglie serali effettuate; target ≥ 120 nell'anno.",
      ),
      "doc.md",
    );
    const one = readWith("paragraph-card", d, 0)!;
    expect(one.consumed).toEqual([0]);
    expect(pairs(one.candidates[0]!.fields)).toEqual([
      ["code", "1"],
      ["owner", "dott. Gianluca Neri"],
      ["weight", "40%"],
      ["unit", "Servizi demografici"],
      ["due", "entro il 30/09/2025"],
      ["title", "digitalizzazione dei registri di stato civile"],
    ]);
    const two = readWith("paragraph-card", d, 1)!;
    expect(pairs(two.candidates[0]!.fields).filter(([role]) => role === "indicator" || role === "target" || role === "unit")).toEqual([
      ["unit", "Polizia locale associata"],
      ["indicator", "pattuglie serali effettuate"],
      ["target", "≥ 120 nell'anno"],
    ]);
  });

  it("a key/value card whose objective value ends with its code (`Obiettivo | Titolo – rif. 2.4`)", () => {
    const d = docOf(lines("Obiettivo\tRevisione del codice deontologico – rif. 2.4", "Peso\t25%", "Scadenza\t31/12/2025"));
    const r = readWith("table-card", d, 0)!;
    expect(pairs(r.candidates[0]!.fields).slice(0, 2)).toEqual([
      ["code", "2.4"],
      ["objective", "Revisione del codice deontologico"],
    ]);
  });

  it("a code alone on its line over tables (an annex's block: `AS01` over its indicators and phases) names the objective they belong to", () => {
    const d = docOf(lines("AS01", "", "Indicatore\tTarget", "Borse pagate sul totale degli idonei\t≥ 90%", "", "Fase\tDescrizione\tFine\tPeso", "AS01.1\tBando\t31/05/2025\t40%", "AS01.2\tGraduatorie\t30/09/2025\t60%"));
    const r = readWith("paragraph-card", d, 0)!;
    expect([r.feature, r.candidates[0]!.key, pairs(r.candidates[0]!.fields)]).toEqual(["steps-heading", "AS01", [["code", "AS01"]]]);
    // A word alone is no code.
    expect(readWith("paragraph-card", docOf(lines("Premessa", "", "Fase\tFine", "Bando\t31/05/2025")), 0)).toBeNull();
  });

  it("a heading that is a code alone (`#### POL/26/01`) opens the card titled below it; a year or the plan's years (a running head's) open none", () => {
    const d = docOf(lines("#### POL/26/01", "", "**POTENZIAMENTO DEL PROGRAMMA DI TRAPIANTO**", "", "- Struttura: Dipartimento di Nefrologia", "- Peso: 17,5"), "doc.md");
    const r = readWith("paragraph-card", d, 0)!;
    expect([r.candidates[0]!.key, pairs(r.candidates[0]!.fields).slice(0, 2)]).toEqual(["POL/26/01", [["code", "POL/26/01"], ["title", "POTENZIAMENTO DEL PROGRAMMA DI TRAPIANTO"]]]);
    for (const year of ["2026", "2024-2026"]) {
      const y = docOf(lines(`#### ${year}`, "", "### Sezione 2 – Valore pubblico e performance", "", "- Struttura: Dipartimento di Nefrologia"), "doc.md");
      expect(readWith("paragraph-card", y, 0)?.candidates[0]?.key ?? null).not.toBe(year);
    }
  });

  it("a group's word and number before a title (`AREA 1 – SERVIZIO IDRICO …`, `Settore 2 – …`) open no objective", () => {
    const d = docOf(lines("AREA 1 – SERVIZIO IDRICO INTEGRATO: QUALITÀ E CONTINUITÀ (peso area 50%)", "", "Obiettivo\tStruttura\tPeso", "OBT-1 – Riduzione delle perdite\tArea Tecnica\t60%"));
    expect(readWith("paragraph-card", d, 0)).toBeNull();
  });

  it("a heading repeating the whole title of an objective read before reopens it: the fields and steps below are its", () => {
    const d = docOf(lines("## Messa in sicurezza del ponte sul torrente Arvo", "", "Responsabile: ing. Carla Neri", "", "- [x] Verifica strutturale — 28/02/2025", "- [ ] Progetto esecutivo — 30/06/2025"), "doc.md");
    const ctx = { ...ctxOf(), anyObjective: true, titles: ["Messa in sicurezza del ponte sul torrente Arvo", "Protezione civile"] };
    const r = readWith("paragraph-card", d, 0, ctx)!;
    expect([r.feature, r.candidates[0]!.kind, r.candidates[0]!.parentKey, pairs(r.candidates[0]!.fields)]).toEqual(["title-heading", "fields", "Messa in sicurezza del ponte sul torrente Arvo", [["owner", "ing. Carla Neri"]]]);
    // A heading of two words naming a short name (a unit's heading, maybe) reopens nothing.
    const short = readWith("paragraph-card", docOf(lines("## Protezione civile", "", "Responsabile: ing. Carla Neri"), "doc.md"), 0, ctx);
    expect(short?.feature).not.toBe("title-heading");
  });

  it("a code printed after the title (`… (cod. OB-12)`, `… [OP.3]`, `… – rif. 2.4`) over the objective's fields", () => {
    const d = docOf(lines("Riqualificazione del parco urbano (cod. OB-12)", "Settore: Lavori Pubblici", "Responsabile: arch. Donatella Neri"));
    expect(readWith("paragraph-card", d, 0)!.candidates[0]!.key).toBe("OB-12");
    expect(trailingCode("Nuovo regolamento [OP.3]")).toEqual({ code: "OP.3", title: "Nuovo regolamento" });
    expect(trailingCode("Albo on line – rif. 2.4")).toEqual({ code: "2.4", title: "Albo on line" });
    expect(trailingCode("Lavori (secondo lotto)")).toBeNull();
  });

  it("a heading's own section number before the opener (`## 2.2.1 Obiettivo 1 – Titolo`) is the outline's: the objective is 1", () => {
    const d = docOf(lines("## 2.2.1 Obiettivo 1 – Monitoraggio della fauna", "", "Responsabile: dott. Matteo Neri", "Peso: 45"), "doc.md");
    const r = readWith("paragraph-card", d, 0)!;
    expect(r.candidates[0]!.key).toBe("1");
    expect(pairs(r.candidates[0]!.fields).slice(0, 2)).toEqual([
      ["code", "1"],
      ["title", "Monitoraggio della fauna"],
    ]);
  });

  it("an outline's numbered levels as plain lines: `1.1.1 Obiettivo operativo: …` over its fields opens objective 1.1.1; `1.1.1.1 Azione: …` is its step", () => {
    const d = docOf(
      lines(
        "1.1.1 Obiettivo operativo: Attivazione della telecardiologia",
        "\tResponsabile: dott.ssa Michela Neri",
        "\tPeso: 40%",
        "",
        "1.1.1.1 Azione: Acquisto degli apparecchi – scadenza: 31/03/2026",
      ),
    );
    const card = readWith("paragraph-card", d, 0)!;
    expect(card.candidates[0]!.key).toBe("1.1.1");
    expect(pairs(card.candidates[0]!.fields)).toEqual([
      ["code", "1.1.1"],
      ["title", "Attivazione della telecardiologia"],
      ["owner", "dott.ssa Michela Neri"],
      ["weight", "40%"],
    ]);
    const at = d.blocks.findIndex((b) => b.type === "paragraph" && b.text.startsWith("1.1.1.1"));
    const step = readWith("paragraph-card", d, at)!;
    expect(step.candidates.map((c) => [c.kind, pairs(c.fields)])).toEqual([
      ["step", [["code", "1.1.1.1"], ["step", "Acquisto degli apparecchi"], ["due", "31/03/2026"]]],
    ]);
  });

  it("`OBIETTIVO N. 4` with its title on the next line", () => {
    const d = docOf(lines("OBIETTIVO N. 4", "", "Riordino dell'archivio storico comunale", "", "Responsabile: Mario Rossi", "Peso: 20%"));
    const r = readWith("paragraph-card", d, 0)!;
    expect(r.candidates[0]!.key).toBe("4");
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "4"],
      ["title", "Riordino dell'archivio storico comunale"],
      ["owner", "Mario Rossi"],
      ["weight", "20%"],
    ]);
    expect(r.consumed).toEqual([0, 1, 2]);
  });

  it("an outline heading `2.3.1 Obiettivo operativo – Titolo` opens an objective of that kind, with prose between it and its labels", () => {
    const d = docOf(lines("### 2.3.1 Obiettivo operativo – Riordino dell'archivio", "", "L'intervento riguarda l'archivio di deposito.", "", "Peso: 40%"), "doc.md");
    const r = readWith("paragraph-card", d, 0)!;
    expect(r.candidates[0]!.key).toBe("2.3.1");
    expect(r.candidates[0]!.context).toEqual({ kind: "Obiettivo operativo" });
    // The line describing it, right over its labels, is its description; the labels are the card's too.
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "2.3.1"],
      ["title", "Riordino dell'archivio"],
      ["description", "L'intervento riguarda l'archivio di deposito."],
      ["weight", "40%"],
    ]);
    // Set as a plain numbered line (a text export), the same line opens the same objective.
    const t = docOf(lines("3.1 Obiettivo operativo – Riordino dell'archivio", "Peso: 30"));
    expect(t.blocks[0]!.type).toBe("paragraph");
    expect(readWith("paragraph-card", t, 0)!.candidates[0]!.key).toBe("3.1");
    // A numbered list item naming no kind is no opener.
    expect(readWith("paragraph-card", docOf(lines("3.1 Riordino dell'archivio", "Peso: 30")), 0)).toBeNull();
  });

  it("a card numbered under the open card, with no objective's own field, is a step of it", () => {
    const d = docOf(lines("#### 2.3.1.1 Progettazione esecutiva dell'intervento", "", "Scadenza: 31 marzo 2026"), "doc.md");
    const r = readWith("paragraph-card", d, 0, ctxOf({ inCard: true, anyObjective: true, currentKey: "2.3.1" }))!;
    expect(kindsOf(r)).toEqual(["step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "2.3.1.1"],
      ["title", "Progettazione esecutiva dell'intervento"],
      ["due", "31 marzo 2026"],
    ]);
    // With an indicator of its own it is an objective (strategic → operational cards).
    const k = docOf(lines("#### 2.3.1.1 Progettazione esecutiva dell'intervento", "", "Indicatore: progetti approvati", "Target: 1"), "doc.md");
    expect(kindsOf(readWith("paragraph-card", k, 0, ctxOf({ inCard: true, anyObjective: true, currentKey: "2.3.1" }))!)).toEqual(["objective"]);
    // Not under the open card's code: an objective.
    expect(kindsOf(readWith("paragraph-card", d, 0, ctxOf({ inCard: true, anyObjective: true, currentKey: "2.4" }))!)).toEqual(["objective"]);
  });

  it("an opener followed by prose: the first sentence is the title, the prose tells the fields and the steps", () => {
    const d = docOf(
      lines(
        "**Obiettivo n. 3 – Nuovo regolamento delle sale civiche.** Si tratta di un obiettivo dell'Ufficio Segreteria (resp. Dott.ssa Carla Neri), con peso 20, che prevede due passaggi: stesura della bozza entro marzo 2025; approvazione in Consiglio entro settembre 2025.",
        "",
        "**Obiettivo n. 4 – Piano delle strade.** L'obiettivo pesa il 40%; l'indicatore è il numero di km censiti, con target 62 km.",
      ),
      "doc.md",
    );
    const r = readWith("paragraph-card", d, 0)!;
    expect(r.feature).toBe("prose-card");
    expect(r.consumed).toEqual([0]);
    expect(kindsOf(r)).toEqual(["objective", "step", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "3"],
      ["title", "Nuovo regolamento delle sale civiche"],
      ["unit", "Ufficio Segreteria"],
      ["owner", "Dott.ssa Carla Neri"],
      ["weight", "20"],
    ]);
    expect(r.candidates.slice(1).map((c) => pairs(c.fields))).toEqual([
      [["step", "stesura della bozza"], ["due", "entro marzo 2025"]],
      [["step", "approvazione in Consiglio"], ["due", "entro settembre 2025"]],
    ]);
    expect(r.candidates.slice(1).every((c) => c.parent === r.candidates[0])).toBe(true);
    expect(pairs(readWith("paragraph-card", d, 1)!.candidates[0]!.fields)).toEqual([
      ["code", "4"],
      ["title", "Piano delle strade"],
      ["indicator", "numero di km censiti"],
      ["target", "62 km"],
      ["weight", "40%"],
    ]);
  });

  it("a numbered section heading over a table holding none of an objective's fields opens no card", () => {
    const d = docOf(lines("### 1. Risorse umane assegnate al Settore", "", "| Categoria | Unità di personale |", "|---|---|", "| Area degli Istruttori | 4 |", "| Area degli Operatori | 1 |"), "doc.md");
    expect(readWith("paragraph-card", d, 0)).toBeNull();
    const o = docOf(lines("### 1. Riordino dell'archivio", "", "| Responsabile | Peso | Scadenza |", "|---|---|---|", "| Dott.ssa Neri | 40 | 31/12/2025 |"), "doc.md");
    expect(readWith("paragraph-card", o, 0)!.candidates[0]!.key).toBe("1");
  });

  it("does not read prose, nor a code line with nothing below it", () => {
    expect(readWith("paragraph-card", docOf(lines("Il settore cura gli atti e le delibere del Consiglio comunale.")), 0)).toBeNull();
    expect(readWith("paragraph-card", docOf(lines("PEG-PIAO-SEZ. 2.2 PERFORMANCE 2023_S08_20")), 0)).toBeNull();
  });
});

describe("indicators announced under an objective's code", () => {
  it("`Indicatori – T-01` names objective T-01 (no title): the indicators' table below is its", () => {
    const d = docOf(lines("#### Indicatori – T-01", "", "| Indicatore | U.m. | Target 2025 |", "|---|---|---|", "| Prime visite entro 10 giorni | % | ≥ 80% |"), "doc.md");
    const h = readWith("paragraph-card", d, 0)!;
    expect(h.feature).toBe("steps-heading");
    expect(h.candidates[0]!.key).toBe("T-01");
    expect(pairs(h.candidates[0]!.fields)).toEqual([["code", "T-01"]]);
  });
});

describe("steps announced under an objective's code", () => {
  it("`Obiettivo PS-01 – fasi di attuazione` names the objective by its code (no title); nested `peso: 30%` items are the step's fields", () => {
    const d = docOf(
      "<h3>Obiettivo PS-01 – fasi di attuazione</h3><ol><li><b>Progettazione esecutiva</b> – entro il 31/03/2025<ul><li>peso: 30%</li></ul></li>" +
        "<li><b>Affidamento dei lavori</b> – entro il 30/06/2025<ul><li>peso: 70%</li><li>note: lavori sospesi in agosto</li></ul></li></ol>",
      "doc.html",
    );
    const h = readWith("paragraph-card", d, 0)!;
    expect(h.feature).toBe("steps-heading");
    expect(h.candidates[0]!.key).toBe("PS-01");
    expect(pairs(h.candidates[0]!.fields)).toEqual([["code", "PS-01"]]);
    const list = d.blocks.findIndex((b) => b.type === "list");
    const r = readWith("step-list", d, list, AFTER_OBJECTIVE)!;
    expect(r.candidates.map((c) => pairs(c.fields))).toEqual([
      [["step", "Progettazione esecutiva"], ["due", "entro il 31/03/2025"], ["weight", "30%"]],
      [["step", "Affidamento dei lavori"], ["due", "entro il 30/06/2025"], ["weight", "70%"], ["note", "lavori sospesi in agosto"]],
    ]);
  });
});

describe("paragraph-card: a title sentence, then the objective's fields labelled one after another", () => {
  const doc = docOf(
    lines(
      "Sportello telematico per le imprese. Referente: Dott.ssa Irene Valli; struttura: Servizio Attività Produttive; incidenza 30%; scadenza 30/11/2026. Indicatore: pratiche telematiche, valore atteso ≥ 95%.",
      "",
      "Configurazione dei moduli on line, entro il 31/03/2026, peso 40%.",
      "",
      "Formazione degli operatori, entro il 30/06/2026, peso 60%.",
      "",
      "Anagrafe canina informatizzata. Referente: Dott. Paolo Riva; struttura: Servizio Veterinario; incidenza 70%; scadenza 31/12/2026.",
    ),
  );

  it("is an objective, titled by its first sentence; the plain paragraphs below it, each dated, its steps", () => {
    const r = readWith("paragraph-card", doc, 0)!;
    expect(r.feature).toBe("prose-card");
    expect(kindsOf(r)).toEqual(["objective", "step", "step"]);
    const fields = pairs(r.candidates[0]!.fields);
    expect(fields).toContainEqual(["title", "Sportello telematico per le imprese"]);
    expect(fields).toContainEqual(["owner", "Dott.ssa Irene Valli"]);
    expect(fields).toContainEqual(["unit", "Servizio Attività Produttive"]);
    expect(fields).toContainEqual(["weight", "30%"]);
    expect(fields).toContainEqual(["due", "30/11/2026"]);
    expect(pairs(r.candidates[1]!.fields)).toEqual([
      ["step", "Configurazione dei moduli on line"],
      ["due", "entro il 31/03/2026"],
      ["weight", "40%"],
    ]);
    // The next objective told so is not a step: it opens its own card.
    expect(r.consumed).toEqual([0, 1, 2]);
    expect(kindsOf(readWith("paragraph-card", doc, 3)!)).toEqual(["objective"]);
  });

  it("under a heading (a group's name), the heading stays a section; two step sentences run into one paragraph are two steps", () => {
    const d = docOf(
      lines(
        "## Ambito B – Servizi",
        "",
        "Sportello telematico per le imprese. Referente: Dott.ssa Irene Valli; struttura: Servizio Attività Produttive; incidenza 30%; scadenza 30/11/2026.",
        "",
        "Configurazione dei moduli on line, entro il 31/03/2026, peso 40%. Formazione degli operatori, entro il 30/06/2026, peso 60%.",
      ),
      "doc.md",
    );
    expect(readWith("paragraph-card", d, 0)).toBeNull();
    const r = readWith("paragraph-card", d, 1)!;
    expect(kindsOf(r)).toEqual(["objective", "step", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toContainEqual(["weight", "30%"]);
    expect(r.candidates.slice(1).map((c) => pairs(c.fields)[0])).toEqual([
      ["step", "Configurazione dei moduli on line"],
      ["step", "Formazione degli operatori"],
    ]);
  });

  it("does not read a paragraph of prose with one labelled field, nor a long first sentence", () => {
    expect(readWith("paragraph-card", docOf(lines("Il piano è stato approvato. Nota: il monitoraggio si svolge a luglio; la relazione segue.")), 0)).toBeNull();
  });
});

describe("paragraph-card: fields told in sentences under a titled heading", () => {
  it("reads the unit, owner, weight and deadline a paragraph tells; a paragraph telling one fact stays a description", () => {
    const d = docOf(
      lines(
        "#### Obiettivo n. 1 – Rete sentieristica del Parco",
        "",
        "Il Servizio Tecnico e Pianificazione, sotto la responsabilità dell'arch. Nadia Pellegrinetti, curerà nel 2025 il rinnovo della segnaletica. L'obiettivo pesa il 30% della performance organizzativa dell'Ente e si conclude entro il 30 novembre 2025.",
      ),
      "doc.md",
    );
    const r = readWith("paragraph-card", d, 0)!;
    expect(pairs(r.candidates[0]!.fields).filter(([role]) => role !== "code" && role !== "title")).toEqual([
      ["unit", "Servizio Tecnico e Pianificazione"],
      ["owner", "arch. Nadia Pellegrinetti"],
      ["weight", "30%"],
      ["due", "entro il 30 novembre 2025"],
    ]);
    const one = docOf(lines("#### Obiettivo n. 2 – Tempi di pagamento", "", "L'indicatore di tempestività dei pagamenti è stato nel 2024 pari a +6 giorni."), "doc.md");
    expect(readWith("paragraph-card", one, 0)!.consumed).toEqual([0]);
  });
});

describe("remarks on an objective are no openers", () => {
  it("`Per l'obiettivo n. 3 non è previsto …` and `L'obiettivo BF.04 non è articolato in fasi.` open no card", () => {
    expect(numberedOpener("Per l'obiettivo n. 3 non è previsto un cronoprogramma per fasi.")).toBeNull();
    expect(numberedOpener("Obiettivo 3 – Sportello unico")).toMatchObject({ code: "3", title: "Sportello unico" });
    expect(numberedOpener("Obiettivo PS-01 – fasi di attuazione")).toMatchObject({ code: "PS-01" });
    const d = docOf(lines("Codice;Obiettivo", "BF.03;Portale dei servizi", ";;", "- L'obiettivo BF.04 non è articolato in fasi.;"), "doc.csv");
    const at = d.blocks.findIndex((b) => b.type === "labels");
    expect(at).toBeGreaterThan(0);
    expect(readWith("table-card", d, at)?.candidates.some((c) => c.kind === "objective") ?? false).toBe(false);
  });
});

describe("paragraph-card: the open objective's indicator told in a sentence", () => {
  it("`L'indicatore scelto è …, con un valore atteso di …` after the steps adds the KPI; a sentence only mentioning an indicator does not", () => {
    const d = docOf(lines("L'indicatore scelto è il numero di km di sentieri con segnaletica rinnovata, con un valore atteso di almeno 150 km."));
    const r = readWith("paragraph-card", d, 0, { inCard: true, anyObjective: true, currentKey: "1" })!;
    expect(r.feature).toBe("prose-indicator");
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["indicator", "numero di km di sentieri con segnaletica rinnovata"],
      ["target", "almeno 150 km"],
    ]);
    const other = docOf(lines("L'indicatore di tempestività dei pagamenti è stato nel 2024 pari a +6 giorni."));
    expect(readWith("paragraph-card", other, 0, { inCard: true, anyObjective: true, currentKey: "1" })).toBeNull();
  });
});

describe("paragraph-card: the line after a code heading", () => {
  it("is the title when it names the work, even as a long sentence with its period; a remark shaped as `Label: value` is no title", () => {
    const titled = docOf("<h3>Obiettivo PS-07</h3><p>Gestire il progetto dei beni comuni, attivare la rete territoriale anche attraverso le attività della casa della cittadinanza e diffondere i risultati.</p><p>Peso: 30%</p>", "doc.html");
    const t = readWith("paragraph-card", titled, 0)!;
    expect(pairs(t.candidates[0]!.fields)).toContainEqual(["title", "Gestire il progetto dei beni comuni, attivare la rete territoriale anche attraverso le attività della casa della cittadinanza e diffondere i risultati."]);
    const remark = docOf("<h3>Obiettivo PS-04</h3><p>Obiettivo a esecuzione unitaria: non sono previste fasi intermedie.</p>", "doc.html");
    const r = readWith("paragraph-card", remark, 0)!;
    expect(pairs(r.candidates[0]!.fields).filter(([role]) => role === "title")).toEqual([]);
  });
});

describe("paragraph-card: a numbered heading over a table of objectives", () => {
  it("names a section, not an objective, when the table lists codes of its own none under the heading's number", () => {
    const d = docOf(lines("### 5. Tabella riepilogativa", "", "| Codice | Obiettivo | Responsabile | Peso |", "|---|---|---|---|", "| LS1.1 | Borse di studio | dott.ssa Irene Lucchesi | 40 |", "| LS1.2 | Controlli ISEE | dott. Piero Marangoni | 60 |"), "doc.md");
    expect(readWith("paragraph-card", d, 0)).toBeNull();
    const one = docOf(lines("##### 3.3 Settore Polizia locale", "", "| Obiettivo | Cod. | Resp. | Peso |", "|---|---|---|---|", "| Presidio estivo del litorale | PL-PM-01 | comm. Sergio Lavagnino | 20 |"), "doc.md");
    expect(readWith("paragraph-card", one, 0)).toBeNull();
    const context = docOf(lines("#### 2. Il contesto", "", "| Indicatore di contesto | 2023 | 2024 |", "|---|---|---|", "| Popolazione residente | 48.310 | 47.962 |", "| Dipendenti | 281 | 276 |"), "doc.md");
    expect(readWith("paragraph-card", context, 0)).toBeNull();
    const steps = docOf(lines("### 5. Riordino dell'archivio", "", "| Codice | Fase | Responsabile | Peso |", "|---|---|---|---|", "| 5.1 | Selezione e scarto | dott.ssa Irene Lucchesi | 40 |", "| 5.2 | Inventario | dott. Piero Marangoni | 60 |"), "doc.md");
    expect(readWith("paragraph-card", steps, 0)?.candidates[0]?.key).toBe("5");
  });
});

describe("row-kind-table", () => {
  const doc = docOf(
    lines(
      "Tipo;Codice;Descrizione;Settore;Scadenza;Peso;Target",
      "OBIETTIVO;TAR.01;Manutenzione delle arginature;Settore Tecnico;31/12/2026;30;",
      "FASE;TAR.01.1;Progettazione esecutiva;id.;31/03/2026;40;",
      "INDICATORE;;Metri di argine consolidati;;;;≥ 2.400 m",
      "FASE;TAR.01.2;Esecuzione dei lavori;Settore Tecnico;31/12/2026;60;",
      "OBIETTIVO;TAR.02;Aggiornamento del catasto;Settore Catasto;30/11/2026;70;",
      "FASE;TAR.02.1;Acquisizione dei dati;id.;28/02/2026;100;",
    ),
    "doc.csv",
  );

  it("a column of level words says each row's kind: objectives, their steps, their KPIs wherever they come", () => {
    const r = readWith("row-kind-table", doc, indexOf(doc, "table"))!;
    expect(kindsOf(r)).toEqual(["objective", "step", "kpi", "step", "objective", "step"]);
    expect(r.candidates[0]!.context?.kind).toBe("OBIETTIVO");
    expect(pairs(r.candidates[2]!.fields)).toEqual([
      ["indicator", "Metri di argine consolidati"],
      ["target", "≥ 2.400 m"],
    ]);
    expect(pairs(r.candidates[1]!.fields).find(([role]) => role === "unit")).toEqual(["unit", "Settore Tecnico"]);
    expect([r.candidates[1], r.candidates[2], r.candidates[3]].every((c) => c!.parent === r.candidates[0])).toBe(true);
  });

  it("a column of units or statuses is no kind column", () => {
    const d = docOf(lines("Codice;Obiettivo;Stato", "OB.1;Manutenzione;In corso", "OB.2;Catasto;Concluso", "OB.3;Sportello;In corso"), "doc.csv");
    expect(readWith("row-kind-table", d, indexOf(d, "table"))).toBeNull();
  });
});

describe("kpi-list", () => {
  it("a list led by `Indicatori`: each item an indicator, its dated values its history, the target its own", () => {
    const d = docOf(lines("Indicatori", "  ▪ km di viali manutenuti – valore 2024: 118 – target 2026: 160", "  ▪ piantine prodotte – situazione iniziale: 85.000 – target 2026: 110.000"));
    const r = readWith("step-list", d, indexOf(d, "list"), AFTER_OBJECTIVE)!;
    expect([r.feature, kindsOf(r)]).toEqual(["kpi-list", ["kpi", "kpi"]]);
    expect(r.candidates[0]!.fields.map((f) => [f.role, f.raw, f.year])).toEqual([
      ["indicator", "km di viali manutenuti", null],
      ["actual", "118", 2024],
      ["target", "160", 2026],
    ]);
    expect(pairs(r.candidates[1]!.fields)).toEqual([
      ["indicator", "piantine prodotte"],
      ["baseline", "85.000"],
      ["target", "110.000"],
    ]);
  });
});

describe("objective-list", () => {
  const text = [
    "1. Monitoraggio dell'avifauna nelle zone umide – peso 25% – Servizio Conservazione – resp. Dott. Michele Neri",
    "    – censimento primaverile delle garzaie – entro il II trimestre",
    "    – relazione tecnica al comitato scientifico – entro il 31 ottobre",
    "      indicatore: specie nidificanti censite – valore atteso: almeno 45",
    "2. Modulistica unificata del SUAP – peso 0,25 – SUAP associato – resp. Dott. Enrico Gavi",
    "    4.1 ricognizione dei moduli in uso – peso 0,40 – entro febbraio",
    "    4.2 adozione della modulistica regionale – peso 0,60 – entro il primo quadrimestre",
  ];

  it("top items carrying an objective's fields are objectives (the list number their code); items under them their steps; an indicator's line their KPI", () => {
    const d = docOf(lines(...text));
    const r = readWith("objective-list", d, indexOf(d, "list"))!;
    expect([r.score, r.feature]).toEqual([0.75, "objective-list"]);
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "kpi", "objective", "step", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["code", "1"],
      ["title", "Monitoraggio dell'avifauna nelle zone umide"],
      ["weight", "25%"],
      ["unit", "Servizio Conservazione"],
      ["owner", "Dott. Michele Neri"],
    ]);
    expect(pairs(r.candidates[3]!.fields)).toEqual([
      ["indicator", "specie nidificanti censite"],
      ["target", "almeno 45"],
    ]);
    expect(r.candidates.slice(1, 4).every((c) => c.parent === r.candidates[0])).toBe(true);
    expect(pairs(r.candidates[4]!.fields).find(([role]) => role === "unit")).toEqual(["unit", "SUAP associato"]);
    expect(pairs(r.candidates[6]!.fields)).toEqual([
      ["code", "4.2"],
      ["step", "adozione della modulistica regionale"],
      ["weight", "0,60"],
      ["due", "entro il primo quadrimestre"],
    ]);
  });

  it("under an objective's card, or with only undated detail under the items, the list is no list of objectives", () => {
    const d = docOf(lines(...text));
    expect(readWith("objective-list", d, indexOf(d, "list"), ctxOf({ anyObjective: true, inCard: true }))).toBeNull();
    const detail = docOf(lines("- Campionamento degli anfibi nei siti di riproduzione, 30/06/26, 0,40", "  - sessioni notturne con i volontari", "  - compilazione delle schede regionali", "- Relazione tecnica annuale, 31/10/26, 0,60"), "doc.md");
    expect(readWith("objective-list", detail, 0, AFTER_OBJECTIVE)).toBeNull();
  });
});

describe("step-list", () => {
  const doc = docOf(lines("Fasi:", "", "1. Scansione dei fascicoli – entro il 30/06/2025 – 60%", "2. Indicizzazione dei documenti – entro il 31/12/2025 – 40%", "a) verifica a campione"));
  const at = indexOf(doc, "list");

  it("items led by `Fasi:` are steps; their inline fields are read; nested items are their detail", () => {
    const r = readWith("step-list", doc, at, AFTER_OBJECTIVE)!;
    expect(r.score).toBe(0.7);
    expect(r.feature).toBe("step-list");
    expect(kindsOf(r)).toEqual(["step", "step"]);
    expect(pairs(r.candidates[0]!.fields)).toEqual([
      ["step", "Scansione dei fascicoli"],
      ["due", "entro il 30/06/2025"],
      ["weight", "60%"],
    ]);
    expect(r.candidates[1]!.fields.at(-1)).toMatchObject({ role: null, raw: "verifica a campione", label: "Dettaglio" });
  });

  it("a dotted code opening an item is its code; a list number is none", () => {
    const d = docOf(lines("1.1 Scansione dei fascicoli – 30/06/2025", "1.2 Indicizzazione – 31/12/2025"));
    const r = readWith("step-list", d, 0, AFTER_OBJECTIVE)!;
    expect(r.candidates.map((c) => c.fields.find((f) => f.role === "code")?.raw)).toEqual(["1.1", "1.2"]);
    expect(r.candidates[0]!.fields.some((f) => f.role === "code" && f.raw === "1")).toBe(false);
    const numbered = readWith("step-list", doc, at, AFTER_OBJECTIVE)!;
    expect(numbered.candidates.some((c) => c.fields.some((f) => f.role === "code"))).toBe(false);
  });

  it("does not read a list before any objective, nor a list of plain items with no lead line", () => {
    expect(readWith("step-list", doc, at, ctxOf())).toBeNull();
    const plain = docOf(lines("- trasparenza", "- partecipazione", "- semplificazione"));
    expect(readWith("step-list", plain, 0, AFTER_OBJECTIVE)).toBeNull();
  });
});

describe("section", () => {
  it("a strategic level named by its code (`LINEA STRATEGICA 1 – …`, `Obiettivo strategico 1.1 – …`) is a section the objectives below link to", () => {
    const doc = docOf(lines("LINEA STRATEGICA 1 – Qualità dell'assistenza", "", "Obiettivo strategico 1.1 – Migliorare la presa in carico", "Cod.\tObiettivo operativo\tPeso", "1.1.1\tRevisione dei piani\t100"));
    expect(readWith("section", doc, 0)!.candidates[0]).toMatchObject({ kind: "section", context: { links: ["1"] } });
    expect(readWith("section", doc, 1)!.candidates[0]!.context).toEqual({ links: ["1.1"] });
  });

  it("a strategic level numbered first, as an outline prints it (`### 1.1 Obiettivo strategico – …`)", () => {
    const doc = docOf(lines("## 1 AREA STRATEGICA – TERRITORIO", "", "### 1.1 Obiettivo strategico – Sicurezza della rete stradale", "", "#### 1.1.1 Obiettivo operativo – Ripristino delle pavimentazioni"), "doc.md");
    expect(readWith("section", doc, 0)!.candidates[0]!.context).toEqual({ links: ["1"] });
    expect(readWith("section", doc, 1)!.candidates[0]!.context).toEqual({ links: ["1.1"] });
  });

  it("a strategic level's line in a sheet's cell, read as a label fused with its value, is the level's section", () => {
    const d = docOf(lines("OBIETTIVO STRATEGICO 2 - Tutela delle acque;;;", "N.;Obiettivo operativo;Peso;Termine", "1;Campionamento dei corpi idrici;60;30.11.2025", "2;Mappatura degli scarichi;40;31.12.2025"), "doc.csv");
    const at = d.blocks.findIndex((b) => b.type === "labels");
    expect(at).toBeGreaterThanOrEqual(0);
    const r = readWith("section", d, at)!;
    expect(r.candidates[0]!.context).toEqual({ links: ["2"] });
    expect(r.score).toBeGreaterThan(readWith("table-card", d, at)?.score ?? 0);
  });

  it("strategic levels listed one after the other (an introduction) head nothing", () => {
    const doc = docOf(lines("Obiettivo strategico 1 – Una città sostenibile", "", "Obiettivo strategico 2 – Una città giovane", "", "Ogni dirigente persegue uno o più obiettivi strategici."));
    expect(readWith("section", doc, 0)?.candidates[0]?.context?.links).toBeUndefined();
    expect(readWith("section", doc, 1)?.candidates[0]?.context?.links).toBeUndefined();
  });

  it("a heading naming a unit (and its head) is a section at the heading's level", () => {
    const doc = docOf(lines("## Settore Affari Generali – Responsabile: Dott. Marco Bassi"), "doc.md");
    const r = readWith("section", doc, 0)!;
    expect(r.score).toBe(0.5);
    expect(r.feature).toBe("unit-sections");
    expect(r.candidates[0]).toMatchObject({ kind: "section", level: 2, context: { unit: "Settore Affari Generali", owner: "Dott. Marco Bassi" } });
  });

  it("a heading naming a person with a title (and their unit) heads the objectives assigned to them", () => {
    const doc = docOf(lines("## Scheda obiettivi – Ing. Aurelio Bonsi, Dirigente Area Tecnica"), "doc.md");
    expect(readWith("section", doc, 0)!.candidates[0]).toMatchObject({ level: 2, context: { owner: "Ing. Aurelio Bonsi", unit: "Area Tecnica" } });
    // A heading naming no person is only a boundary.
    expect(readWith("section", docOf(lines("## Schede di assegnazione degli obiettivi"), "doc.md"), 0)!.candidates[0]!.context).toBeUndefined();
  });

  it("a heading naming the unit whose sheet it is ('Scheda del Settore …')", () => {
    const doc = docOf(lines("## PIAO 2025–2027 – Scheda del Settore Economico-Finanziario"), "doc.md");
    expect(readWith("section", doc, 0)!.candidates[0]).toMatchObject({ level: 2, context: { unit: "Settore Economico-Finanziario" } });
  });

  it("a heading naming a kind of objective", () => {
    const doc = docOf(lines("### Obiettivi trasversali"), "doc.md");
    const r = readWith("section", doc, 0)!;
    expect(r.feature).toBe("kind-sections");
    expect(r.candidates[0]).toMatchObject({ level: 3, context: { kind: "Obiettivi trasversali" } });
  });

  it("a short line in capitals right above a table names its group", () => {
    const doc = docOf(lines("LAVORI PUBBLICI", "", "Codice\tObiettivo\tScadenza", "OB.1\tManutenzione strade\t31/12/2025"));
    const r = readWith("section", doc, 0)!;
    expect(r.candidates[0]).toMatchObject({ level: 8, context: { unit: "LAVORI PUBBLICI" } });
  });

  it("any other heading of a known level only closes the sections below it", () => {
    const doc = docOf(lines("## Premessa"), "doc.md");
    const r = readWith("section", doc, 0)!;
    expect(r.score).toBe(0.1);
    expect(r.candidates[0]).toMatchObject({ kind: "section", level: 2 });
    expect(r.candidates[0]!.context).toBeUndefined();
  });

  it("does not read prose, nor a bold line naming nothing", () => {
    expect(readWith("section", docOf(lines("Il settore cura gli atti e le delibere del Consiglio comunale.")), 0)).toBeNull();
    expect(readWith("section", docOf(lines("**Nota metodologica**"), "doc.md"), 0)).toBeNull();
  });
});

describe("tree evidence (weighTree)", () => {
  const row = (level: 0 | 1, ...fields: [string, string][]): TreeRow => ({ level, fields: fields.map(([role, raw]) => fieldOf(role as never, raw)) });

  it("children with deadlines and weights summing to 100 per parent are steps", () => {
    const e = weighTree([
      row(0, ["title", "Digitalizzare l'archivio"]),
      row(1, ["step", "Scansione"], ["due", "30/06/2025"], ["weight", "60"]),
      row(1, ["step", "Indicizzazione"], ["due", "31/12/2025"], ["weight", "40"]),
      row(0, ["title", "Ridurre i tempi"]),
      row(1, ["step", "Analisi"], ["due", "31/03/2025"], ["weight", "70"]),
      row(1, ["step", "Revisione"], ["due", "30/09/2025"], ["weight", "30"]),
    ]);
    expect(e.childrenAreSteps).toBe(true);
    expect(e.steps).toBeGreaterThan(e.objectives);
  });

  it("fractions summing to 1 per parent count as well", () => {
    const e = weighTree([row(0, ["title", "A"]), row(1, ["weight", "0,6"], ["due", "30/06/2025"]), row(1, ["weight", "0,4"], ["due", "31/12/2025"])]);
    expect(e.childrenAreSteps).toBe(true);
  });

  it("children with indicators of their own and weights summing to 100 across parents are objectives", () => {
    const e = weighTree([
      row(0, ["title", "Area servizi al cittadino"]),
      row(1, ["title", "Digitalizzare l'archivio"], ["indicator", "Pratiche digitali"], ["target", "≥ 80%"], ["weight", "30"]),
      row(1, ["title", "Ridurre i tempi"], ["indicator", "Giorni di attesa"], ["target", "≤ 10"], ["weight", "20"]),
      row(0, ["title", "Area territorio"]),
      row(1, ["title", "Manutenzione strade"], ["indicator", "Km rifatti"], ["target", "20"], ["weight", "50"]),
    ]);
    expect(e.childrenAreSteps).toBe(false);
    expect(e.objectives).toBeGreaterThan(e.steps);
  });

  it("parents weighed among themselves are the objectives", () => {
    const e = weighTree([
      row(0, ["title", "A"], ["weight", "40"]),
      row(1, ["title", "a1"], ["indicator", "x"]),
      row(0, ["title", "B"], ["weight", "60"]),
      row(1, ["title", "b1"], ["indicator", "y"]),
    ]);
    expect(e.steps).toBeGreaterThanOrEqual(1);
  });

  it("a tree with no children is read as objectives with no steps yet", () => {
    expect(weighTree([row(0, ["title", "A"]), row(0, ["title", "B"])])).toEqual({ childrenAreSteps: true, steps: 0, objectives: 0 });
  });
});

describe("parent-table: rows naming their parent's identifier, in any order", () => {
  const rawOf = (c: Candidate, role: string) => c.fields.find((f) => f.role === role)?.raw ?? null;
  it("kinds from their words: the level above the objectives their links, steps and indicators under their objective", () => {
    const d = docOf(
      lines(
        "ID\tID padre\tLivello\tDescrizione\tResponsabile\tPeso\tScadenza",
        "500\t\tObiettivo strategico\tSalute in rete\t\t\t",
        "610\t500\tObiettivo operativo\tTempi di attesa\tDott. Leo Riva\t60\t31/12/2026",
        "611\t610\tAzione\tAgende serali\t\t50\t31/03/2026",
        "620\t500\tObiettivo operativo\tScreening\tDott.ssa Ada Gori\t40\t31/12/2026",
        "621\t620\tAzione\tInviti\t\t100\t30/06/2026",
        "622\t610\tAzione\tRichiamo telefonico\t\t50\t30/06/2026",
        "623\t610\tIndicatore\tTempo medio di attesa ≤ 60 giorni\t\t\t",
      ),
    );
    const r = readWith("parent-table", d, indexOf(d, "table"))!;
    expect(r).not.toBeNull();
    expect(kindsOf(r)).toEqual(["objective", "step", "step", "kpi", "objective", "step"]);
    const [o1, s1, s2, k1, o2, s3] = r.candidates;
    expect([s1, s2, k1].map((c) => parentIndex(r, c!))).toEqual([0, 0, 0]);
    expect(parentIndex(r, s3!)).toBe(4);
    expect(rawOf(o1!, "code")).toBe("610");
    expect(rawOf(o1!, "links")).toBe("500");
    expect(rawOf(s2!, "code")).toBe("622");
    expect(rawOf(o2!, "title")).toBe("Screening");
  });

  it("numbered levels: what a row is from the tree and its values (a leaf with a target and no weight nor date an indicator)", () => {
    const d = docOf(
      lines(
        "ID;ID padre;Livello;Descrizione;Peso;Data fine;Target",
        "2304;;1;Piano di protezione civile;60;31/12/2026;",
        "2305;2304;2;Scenari di rischio;40;30/04/2026;",
        "2307;2304;3;Famiglie raggiunte;;;≥ 2.000",
        "2311;;1;Scuola di via dei Mulini;40;31/12/2026;",
        "2312;2311;2;Progetto esecutivo;100;28/02/2026;",
        "2308;2304;2;Campagna porta a porta;60;30/11/2026;",
      ),
      "doc.csv",
    );
    const r = readWith("parent-table", d, indexOf(d, "table"))!;
    expect(kindsOf(r)).toEqual(["objective", "step", "kpi", "step", "objective", "step"]);
    // The level's number is no field (no weight of 1 or 2).
    expect(rawOf(r.candidates[0]!, "weight")).toBe("60");
    expect(rawOf(r.candidates[1]!, "weight")).toBe("40");
  });

  it("no parent column (or one naming no identifier of the table): not this recogniser's", () => {
    const d = docOf(lines("Codice\tCodice padre\tDescrizione", "1\tX9\tUno", "2\tX9\tDue", "3\tX8\tTre"));
    expect(readWith("parent-table", d, indexOf(d, "table"))).toBeNull();
  });
});
