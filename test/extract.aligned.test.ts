/**
 * Plain text whose tables are aligned with runs of spaces (a `pdftotext
 * -layout` dump, a fixed-width print): the runs go through the layout engine
 * and come back as table rows (fixtures/aligned/: invented entities).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convert, type PiaoDocument } from "../src/index.js";
import { extractText } from "../src/extract/text.js";
import { findAlignedRuns } from "../src/extract/aligned.js";

const DIR = path.resolve("fixtures/aligned");
const load = (name: string): Promise<PiaoDocument> => convert(path.join(DIR, name));
const rowsOf = (name: string) => extractText(fs.readFileSync(path.join(DIR, name)), name, "x").rows;
/** The table rows' cell texts the extractor gives for these lines. */
const tableTexts = (lines: string[]): string[][] =>
  extractText(new TextEncoder().encode(lines.join("\n")), "a.txt", "x")
    .rows.filter((r) => r.kind === "table")
    .map((r) => r.cells.map((c) => c.text));
const issues = (doc: PiaoDocument): string[] => doc.issues.filter((i) => i.severity !== "info").map((i) => `${i.code} ${i.path}`);

describe("space-aligned text tables", () => {
  it("rules of em dashes between bars frame the table; a cell filling its column to the next one's start is still its own", () => {
    const rows = tableTexts([
      "|——————————————————————————————————————————————————————————————————————————|",
      "Cod.   Obiettivo                      Unita' organizzativa   Peso  Scadenza",
      "|——————————————————————————————————————————————————————————————————————————|",
      "SS.01  Presa in carico dei ospiti     Area Socio-Sanitaria   10    31/03/2026",
      "SS.02  Riduzione delle contenzioni    Area Socio-Sanitaria   10    31/12/2026",
      "ED.01  Asilo nido: ampliamento        Area Servizi Educativi 15    31/08/2026",
      "ED.02  Progetto educativo             Area Servizi Educativi 10    31/10/2026",
      "|——————————————————————————————————————————————————————————————————————————|",
    ]);
    expect(rows).toEqual([
      ["Cod.", "Obiettivo", "Unita' organizzativa", "Peso", "Scadenza"],
      ["SS.01", "Presa in carico dei ospiti", "Area Socio-Sanitaria", "10", "31/03/2026"],
      ["SS.02", "Riduzione delle contenzioni", "Area Socio-Sanitaria", "10", "31/12/2026"],
      ["ED.01", "Asilo nido: ampliamento", "Area Servizi Educativi", "15", "31/08/2026"],
      ["ED.02", "Progetto educativo", "Area Servizi Educativi", "10", "31/10/2026"],
    ]);
  });

  it("a header underlined by a dashed rule stays the table's; a subtotal's row and a group's name in capitals start records of their own", () => {
    const rows = tableTexts([
      "Cod.     Obiettivo                                   Peso    Scadenza",
      "-------  ------------------------------------------  ------  ----------",
      "         DIREZIONE TECNICA E INFRASTRUTTURE",
      "PRT.01   Dragaggio del canale di accesso             17,5    30/06/2026",
      "PRT.02   Manutenzione della diga di levante          10      30/11/2026",
      "         Subtotale Direzione Tecnica                 27,5",
      "         DIREZIONE OPERATIVA E SECURITY",
      "PRT.04   Riduzione delle attese ai varchi            12,5    31/10/2026",
    ]);
    expect(rows.map((r) => r.filter(Boolean).join(" | "))).toEqual([
      "Cod. | Obiettivo | Peso | Scadenza",
      "DIREZIONE TECNICA E INFRASTRUTTURE",
      "PRT.01 | Dragaggio del canale di accesso | 17,5 | 30/06/2026",
      "PRT.02 | Manutenzione della diga di levante | 10 | 30/11/2026",
      "Subtotale Direzione Tecnica | 27,5",
      "DIREZIONE OPERATIVA E SECURITY",
      "PRT.04 | Riduzione delle attese ai varchi | 12,5 | 31/10/2026",
    ]);
  });

  it("a code alone opening the first column starts a record, whatever a narrow column beside it seems to go on with", () => {
    const rows = tableTexts([
      "Cod.       Obiettivo / fase                        Servizio                Cronoprogramma   Peso",
      "P26.1      Censimento della popolazione di         Servizio Conservazione                    30",
      "           camoscio appenninico                    della Natura",
      "P26.1.a    Formazione dei rilevatori volontari e                           gen-feb",
      "           dei guardiaparco",
      "P26.1.b    Conteggi in simultanea su tutte le                              luglio–agosto",
      "           aree campione                                                   2026",
      "P26.2      Riqualificazione dei sentieri natura    Servizio Fruizione                        25",
    ]);
    expect(rows.map((r) => r[0])).toEqual(["Cod.", "P26.1", "P26.1.a", "P26.1.b", "P26.2"]);
  });

  it("Obiettivo / Indicatore / Target / Peso / Scadenza with cells wrapped over the next lines", async () => {
    const rows = rowsOf("01-objectives-wrapped.txt");
    const table = rows.filter((r) => r.kind === "table");
    // Header and three records, each numbered with the text line it starts on, no geometry.
    expect(table.map((r) => r.line)).toEqual([6, 7, 9, 12]);
    expect(table[0]!.cells.map((c) => c.text)).toEqual(["Obiettivo", "Indicatore", "Target", "Peso", "Scadenza"]);
    expect(table.every((r) => r.page === null && r.bbox === undefined && r.cells.every((c) => c.bbox === undefined))).toBe(true);
    // Prose after the table stays prose.
    expect(rows.find((r) => r.line === 15)).toMatchObject({ kind: "text", cells: [{ text: "Il presente allegato è parte integrante del Piano." }] });

    const doc = await load("01-objectives-wrapped.txt");
    expect(doc.objectives.map((o) => [o.title, o.weight?.value, o.due?.iso])).toEqual([
      ["Digitalizzare l'archivio storico dell'anagrafe", 30, "2025-12-31"],
      ["Ridurre i tempi di rilascio delle carte d'identità elettroniche", 40, "2025-06-30"],
      ["Aggiornare la carta dei servizi", 30, "2025-09-30"],
    ]);
    expect(doc.objectives.map((o) => o.kpis.map((k) => [k.name, k.target?.raw]))).toEqual([
      [["Fascicoli digitalizzati sul totale", ">= 80%"]],
      [["Giorni medi di attesa", "<= 5"]],
      [["Approvazione della carta in Giunta", "Si"]],
    ]);
    expect(doc.objectives[0]!.kpis[0]!.target).toMatchObject({ value: 80, comparator: ">=", unit: "%" });
    expect(doc.objectives[1]!.where?.line).toBe(9);
    expect(issues(doc)).toEqual([]);
  });

  it("a label/value card aligned by spaces, then a steps table after a blank line", async () => {
    const rows = rowsOf("02-card-steps.txt");
    // The card and the steps table are two tables, not one with the columns of both.
    expect(rows.filter((r) => r.kind === "table").map((r) => r.cells.length)).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 4, 4]);

    const doc = await load("02-card-steps.txt");
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({ id: "2", title: "Riorganizzazione dell'ufficio tributi", owner: "Dott. Aldo Ferrari" });
    expect(o.weight?.value).toBe(25);
    expect(o.due?.iso).toBe("2025-12-31");
    expect(o.kpis.map((k) => [k.name, k.target?.raw])).toEqual([["Pratiche di rimborso evase entro 60 giorni", ">= 90%"]]);
    expect(o.steps.map((s) => [s.title, s.start?.iso, s.due?.iso, s.weight?.value])).toEqual([
      ["Ricognizione dei procedimenti in carico all'ufficio", "2025-02-01", "2025-03-31", 30],
      ["Formazione del personale sul nuovo gestionale", "2025-04-01", "2025-06-30", 30],
      ["Avvio del nuovo sportello", "2025-07-01", "2025-12-31", 40],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("a table between paragraphs (with double spaces of their own), rows padded by blank lines, a code column", async () => {
    const rows = rowsOf("03-prose-around-table.txt");
    expect(rows.filter((r) => r.kind === "table").map((r) => r.line)).toEqual([8, 10, 13]);
    // The paragraphs keep their lines, spaces folded as before.
    expect(rows.find((r) => r.line === 4)).toMatchObject({ kind: "text", cells: [{ text: "Il presente allegato individua gli obiettivi. Per ciascuno sono indicati" }] });
    expect(rows.find((r) => r.line === 17)).toMatchObject({ kind: "text" });

    const doc = await load("03-prose-around-table.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value, o.due?.iso])).toEqual([
      ["OB.1", "Manutenzione straordinaria delle scuole comunali", 50, "2025-10-31"],
      ["OB.2", "Riqualificazione degli impianti di illuminazione pubblica a LED", 50, "2025-12-31"],
    ]);
    expect(doc.objectives.map((o) => o.kpis.map((k) => [k.name, k.target?.value]))).toEqual([
      [["Interventi conclusi", 12]],
      [["Punti luce sostituiti con lampade a LED", 400]],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("a header over two lines, weights set flush right, a column start off by one character, a caption above", async () => {
    const rows = rowsOf("05-two-line-header.txt");
    const table = rows.filter((r) => r.kind === "table");
    expect(table.map((r) => r.line)).toEqual([3, 5, 7, 8]);
    expect(table[0]!.cells.map((c) => c.text)).toEqual(["Obiettivo", "Indicatore", "Valore atteso", "Peso", "Scadenza"]);
    expect(rows[0]).toMatchObject({ kind: "text", line: 1 });

    const doc = await load("05-two-line-header.txt");
    expect(doc.objectives.map((o) => [o.title, o.weight?.value, o.due?.iso, o.kpis.map((k) => k.target?.raw)])).toEqual([
      ["Digitalizzare i fascicoli del personale dipendente", 30, "2025-12-31", [">= 80%"]],
      ["Ridurre i tempi di liquidazione", 5, "2025-06-30", ["<= 5"]],
      ["Aggiornare il codice di comportamento", 65, "2025-09-30", ["Si"]],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("an objective's steps in its row: a step that opens right under a short wrapped line of its neighbour is a row of its own", () => {
    const rows = tableTexts([
      "COD.   OBIETTIVO                     PESO  FASE  DESCRIZIONE FASE               FINE        PESO F.",
      "A-01   Archivio digitale delle       40    a     Scansione dei fascicoli del    30/06/2025  60",
      "       pratiche edilizie                         periodo 1990",
      "                                           b     Indicizzazione dei             31/12/2025  40",
      "                                                 fascicoli",
      "",
      "A-02   Sportello telematico          60    a     Attivazione dei moduli         31/03/2025  50",
      "       unico                                     on line",
      "                                           b     Formazione del personale       30/09/2025  50",
    ]);
    expect(rows.map((r) => r.filter(Boolean).slice(0, 3))).toEqual([
      ["COD.", "OBIETTIVO", "PESO"],
      ["A-01", "Archivio digitale delle pratiche edilizie", "40"],
      ["b", "Indicizzazione dei fascicoli", "31/12/2025"],
      ["A-02", "Sportello telematico unico", "60"],
      ["b", "Formazione del personale", "30/09/2025"],
    ]);
  });

  it("a double space inside a cell's justified text does not cut the table short", () => {
    const lines = [
      "Obiettivo                  Azioni                            Peso",
      "Revisione del regolamento  Adozione  aggiornamento  del      40%",
      "                           regolamento edilizio",
      "Piano del verde            Adozione della delibera           60%",
      "                           di  approvazione",
    ];
    expect(findAlignedRuns(lines)).toEqual([{ start: 0, end: 5 }]);
    expect(tableTexts(lines)).toEqual([
      ["Obiettivo", "Azioni", "Peso"],
      ["Revisione del regolamento", "Adozione aggiornamento del regolamento edilizio", "40%"],
      ["Piano del verde", "Adozione della delibera di approvazione", "60%"],
    ]);
  });

  it("a fixed-width print ruled with dashes and equals signs", async () => {
    const rows = rowsOf("06-ruled-fixed-width.txt");
    // The rules are white space between rows; the frame above and below goes.
    expect(rows.filter((r) => r.kind !== "blank").map((r) => [r.line, r.kind, r.cells[0]!.text])).toEqual([
      [1, "text", "SETTORE POLIZIA LOCALE - OBIETTIVI 2025"],
      [3, "table", "Cod."],
      [5, "table", "PL1"],
      [8, "table", "PL2"],
    ]);
    const doc = await load("06-ruled-fixed-width.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value, o.due?.iso, o.kpis.map((k) => [k.name, k.target?.value])])).toEqual([
      ["PL1", "Potenziamento dei controlli stradali nelle ore notturne", 60, "2025-12-31", [["Controlli effettuati", 120]]],
      ["PL2", "Educazione stradale nelle scuole", 40, "2025-05-31", [["Classi coinvolte", 15]]],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("a rule drawn with box-drawing strokes (`────`) under the header is a rule, the header stays the table's", () => {
    const rows = tableTexts([
      "   Codice    Obiettivo operativo          Settore            Scadenza",
      "   " + "─".repeat(66),
      "   OP.01     Digitalizzazione delle       Settore Tecnico    31.12.25",
      "             pratiche edilizie",
      "   OP.02     Tempi di pagamento           Settore Finanze    2025-12-31",
    ]);
    expect(rows.map((r) => r.filter(Boolean)[0])).toEqual(["Codice", "OP.01", "OP.02"]);
  });

  it("the form feed pdftotext sets before a page's first line is no text", () => {
    const lines = [
      "Relazione conclusa.",
      "\fObiettivo                  Target     Peso",
      "Riduzione dei tempi        <= 30 gg   50%",
      "Sportello digitale         Si         50%",
    ];
    expect(findAlignedRuns(lines)).toEqual([{ start: 1, end: 4 }]);
    expect(tableTexts(lines)).toEqual([
      ["Obiettivo", "Target", "Peso"],
      ["Riduzione dei tempi", "<= 30 gg", "50%"],
      ["Sportello digitale", "Si", "50%"],
    ]);
  });

  it("prose with the odd double space (and an indented list) is not a table", () => {
    const name = "04-prose-double-spaces.txt";
    const text = fs.readFileSync(path.join(DIR, name), "utf8");
    expect(findAlignedRuns(text.split("\n"))).toEqual([]);
    const rows = rowsOf(name);
    expect(rows.some((r) => r.kind === "table")).toBe(false);
    expect(rows.find((r) => r.line === 4)!.cells.map((c) => c.text)).toEqual(["Funzione Pubblica. Le amministrazioni con meno di cinquanta dipendenti"]);
  });

  it("two lines that happen to share one double-space column are not a table", () => {
    const lines = ["Il termine è fissato.  Le fasi sono tre e", "Ogni fase ha termine.  Ognuna ha un", "responsabile."];
    // The second line's gap right under the first line's.
    expect(lines[0]!.indexOf("  ")).toBe(lines[1]!.indexOf("  "));
    expect(findAlignedRuns(lines)).toEqual([]);
  });
});

describe("fixed-width rows with a merged first column", () => {
  it("a date or a figure under another in its column starts a row, the first column empty or not", () => {
    const rows = tableTexts([
      "RIF.   ATTIVITÀ                                      DATA FINE      INCIDENZA",
      "1      Costituzione del gruppo di lavoro             15/09/2026     35,00",
      "       Piantumazione delle nuove alberature          31/12/2026     40,00",
      "       Adozione degli atti necessari                 31/05/2027     25,00",
      "2      Analisi dei dati di produzione                28/02/2026     38,00",
      "       Installazione delle fototrappole              30/04/2026     62,00",
    ]);
    expect(rows).toEqual([
      ["RIF.", "ATTIVITÀ", "DATA FINE", "INCIDENZA"],
      ["1", "Costituzione del gruppo di lavoro", "15/09/2026", "35,00"],
      ["", "Piantumazione delle nuove alberature", "31/12/2026", "40,00"],
      ["", "Adozione degli atti necessari", "31/05/2027", "25,00"],
      ["2", "Analisi dei dati di produzione", "28/02/2026", "38,00"],
      ["", "Installazione delle fototrappole", "30/04/2026", "62,00"],
    ]);
  });
});

describe("fixed-width rows opened by a bare code", () => {
  it("a letter alone in the first column starts a row, even under a header's second line", () => {
    const rows = tableTexts([
      " Cod.   Descrizione obiettivo                  Dirigente        Fine prevista   Ponderazione",
      "                                               responsabile",
      " A      Avvio del pronto intervento sociale    Dott.ssa Elena                   22,5%",
      "                                               Ventura",
      " A.1    Costituzione del gruppo di lavoro      M. Moretto       30-04-2026      22,00%",
      " B      Sostegno alla genitorialità            Dott. Ugo Neri                   17,5%",
    ]);
    expect(rows.map((r) => r[0])).toEqual(["Cod.", "A", "A.1", "B"]);
  });
});
