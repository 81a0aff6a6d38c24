/**
 * Blocks and records of documents a word processor prints (the hold-out sets holdout15 and holdout17): a list
 * on tab stops interrupted by its records' own lines, numbered headings, labels run into one line, numbering
 * that prints a record's number, run-in titles, phases as list fragments. Rows as the layout hands them over.
 */
import { describe, expect, it } from "vitest";
import type { Cell, Row, SourceDoc } from "../src/doc/source.js";
import type { TableBlock } from "../src/doc/blocks.js";
import { buildBlocks } from "../src/blocks/index.js";
import { columnsLineUp } from "../src/blocks/continued.js";
import { inlineLabels } from "../src/blocks/lines.js";
import { fusedLabels, isHeaderRow } from "../src/blocks/rows.js";
import { columnsOf, compoundHeader } from "../src/parse/columns.js";
import { profile } from "../src/lexicon/values.js";
import { isCode } from "../src/lexicon/codes.js";
import { readInline } from "../src/parse/inline.js";
import { codeAndTitle } from "../src/parse/recognisers/cards.js";
import { parseDocument } from "../src/parse/index.js";

let n = 0;
/** A row of cells placed at the x given (`[x, text]`), 12 pt below the last; bold when asked. */
function placed(cells: [number, string][], opts: { bold?: boolean; kind?: Row["kind"] } = {}): Row {
  n++;
  const y = 100 + 12 * n;
  const cs: Cell[] = cells.map(([x, text]) => ({ text, bbox: [x, y, x + Math.max(5, text.length * 5), y + 10], ...(opts.bold ? { bold: true } : {}) }));
  const xs = cs.filter((c) => c.text).map((c) => c.bbox!);
  return { page: 1, line: n, kind: opts.kind ?? "table", cells: cs, bbox: [Math.min(...xs.map((b) => b[0])), y, Math.max(...xs.map((b) => b[2])), y + 10] };
}
const textRow = (t: string, x = 50, bold = false): Row => placed([[x, t]], { bold, kind: "text" });
const blank = (): Row => ({ page: 1, line: ++n, kind: "blank", cells: [] });

function parse(rows: Row[]) {
  const source: SourceDoc = { file: "piao.pdf", sha256: "0", kind: "pdf", pages: 1, rows, ocr: null, notes: [] };
  return parseDocument(source);
}

describe("a list on tab stops cut by its records' own lines", () => {
  // "Cod. | Obiettivo / fase | Termine | Peso" over rows, an indicator's line and a group's line between them.
  const cols = [56, 100, 428, 525];
  // Objectives' rows in bold, their phases' in plain type.
  const line = (cells: string[], bold = false) => placed(cells.map((t, k) => [cols[k]!, t] as [number, string]), { bold });
  const rows = (): Row[] => [
    placed([[56, "Cod."], [100, "Obiettivo esecutivo / fase"], [428, "Termine"], [525, "Peso"]], { bold: true }),
    line(["SOL-01", "Riorganizzazione dello sportello anagrafico", "31/12/2026", "25 %"], true),
    line(["F1", "Analisi dei flussi di accesso", "31/03/2026", "40 %"]),
    line(["F2", "Attivazione dell'agenda online", "30/06/2026", "60 %"]),
    blank(),
    textRow("Indicatore: tempo medio di attesa – valore atteso: ≤ 10 minuti", 100),
    blank(),
    line(["SOL-02", "Revisione del regolamento sull'accesso civico", "30/09/2026", "75 %"], true),
    line(["F1", "Ricognizione delle istanze di accesso", "28/02/2026", "50 %"]),
    line(["F2", "Proposta di regolamento al Consiglio", "30/06/2026", "50 %"]),
  ];

  it("the part after the line reads under the first part's header", () => {
    const tables = buildBlocks(rows()).filter((b): b is TableBlock => b.type === "table");
    expect(tables).toHaveLength(2);
    expect(tables[1]!.header.map((h) => h.cells.map((c) => c.text))).toEqual([["Cod.", "Obiettivo esecutivo / fase", "Termine", "Peso"]]);
    const doc = parse(rows());
    expect(doc.objectives.map((o) => [o.id, o.steps.map((s) => s.id)])).toEqual([
      ["SOL-01", ["F1", "F2"]],
      ["SOL-02", ["F1", "F2"]],
    ]);
    expect(doc.objectives[0]!.kpis.map((k) => k.name)).toEqual(["tempo medio di attesa"]);
  });

  it("a table whose columns stand elsewhere keeps no header of the other's", () => {
    const a = buildBlocks(rows()).find((b): b is TableBlock => b.type === "table")!;
    const shifted = buildBlocks([placed([[56, "Area"], [300, "Posti previsti"], [470, "Posti coperti"]]), placed([[56, "Area Tecnica"], [300, "12"], [470, "9"]]), placed([[56, "Area Servizi"], [300, "8"], [470, "8"]])]).find((b): b is TableBlock => b.type === "table")!;
    expect(columnsLineUp(a, a)).toBe(true);
    expect(columnsLineUp(a, shifted)).toBe(false);
  });
});

describe("headers and labels a word processor runs together", () => {
  it("two sure labels side by side are two columns' header, a label and a value are not", () => {
    expect(fusedLabels("Termine Peso")).toBe(true);
    expect(fusedLabels("Scadenza Indicatore")).toBe(true);
    expect(fusedLabels("Responsabile Mario Rossi")).toBe(false);
    expect(fusedLabels("Fase ¦ Descrizione")).toBe(false);
    expect(isHeaderRow(placed([[136, "Termine Peso"], [215, "Fase"]], { bold: true }))).toBe(true);
  });

  it("a heading of two levels is no pair of fields", () => {
    expect(compoundHeader("Obiettivo esecutivo / fase")).toBeNull();
    expect(compoundHeader("Progetto – azione")).toBeNull();
    expect(compoundHeader("Resp. / Struttura")).not.toBeNull();
  });

  it("fields parted by a dash, a sentence's stop or a tab printed as a space, each a label of its own", () => {
    expect(inlineLabels("Responsabile: Dott.ssa Rosa Montanaro – termine: 30/11/2026")).toEqual([
      { label: "Responsabile", value: "Dott.ssa Rosa Montanaro" },
      { label: "termine", value: "30/11/2026" },
    ]);
    expect(inlineLabels("Indicatore: dottorandi con carriera digitale. Valore atteso 2026: 100%")).toEqual([
      { label: "Indicatore", value: "dottorandi con carriera digitale" },
      { label: "Valore atteso 2026", value: "100%" },
    ]);
    expect(inlineLabels("Responsabile: Dott. Emilio Carrozza – Struttura: Ufficio Studenti Internazionali Peso 15 %")).toEqual([
      { label: "Responsabile", value: "Dott. Emilio Carrozza" },
      { label: "Struttura", value: "Ufficio Studenti Internazionali" },
      { label: "Peso", value: "15 %" },
    ]);
    // A word in lower case before a colon in running text is no label.
    expect(inlineLabels("Il servizio ha un termine: la fine dell'anno. Peso: 20%")).toBeNull();
  });

  it("a row's cell of several fields gives each field", () => {
    const labels = buildBlocks([placed([[85, "Responsabile: Dott.ssa Bianca Orsenigo – Struttura: Ufficio Dottorati"], [470, "Peso 20 %"]])]).find((b) => b.type === "labels");
    expect(labels?.type === "labels" ? labels.items.map((i) => [i.label, i.value]) : null).toEqual([
      ["Responsabile", "Dott.ssa Bianca Orsenigo"],
      ["Struttura", "Ufficio Dottorati"],
      ["Peso", "20 %"],
    ]);
  });
});

describe("records numbered by a word processor", () => {
  it("a bold line numbered in outline is a heading that opens a card", () => {
    const rows = [
      textRow("2.1.2 Centrale unica di committenza: riduzione dei tempi", 62, true),
      placed([[105, "Responsabile: Dott.ssa Rosa Montanaro – termine: 30/11/2026"], [461, "Ponderazione: 25 %"]]),
      blank(),
      textRow("2.2.1 Controllo della velocità sulla strada del fondovalle", 62, true),
      placed([[105, "Responsabile: Comm. Aldo Brizzi – termine: 31/10/2026"], [461, "Ponderazione: 15 %"]]),
    ];
    expect(buildBlocks(rows).map((b) => b.type)).toEqual(["heading", "labels", "heading", "labels"]);
    const doc = parse(rows);
    expect(doc.objectives.map((o) => [o.id, o.owner, o.due?.iso, o.weight?.value])).toEqual([
      ["2.1.2", "Dott.ssa Rosa Montanaro", "2026-11-30", 25],
      ["2.2.1", "Comm. Aldo Brizzi", "2026-10-31", 15],
    ]);
  });

  it("an objective's label with its number opens the next record's labels", () => {
    const rows = [
      textRow("Obiettivo 1: Digitalizzazione delle carriere dei dottorandi", 57),
      textRow("Responsabile: Dott.ssa Bianca Orsenigo", 85),
      textRow("Indicatore: dottorandi con carriera digitale", 111),
      textRow("Obiettivo 2: Riduzione dei tempi di riconoscimento dei titoli", 57),
      textRow("Responsabile: Dott. Emilio Carrozza", 85),
    ];
    const groups = buildBlocks(rows).filter((b) => b.type === "labels");
    expect(groups.map((g) => (g.type === "labels" ? g.items.map((i) => i.label) : []))).toEqual([
      ["Obiettivo 1", "Responsabile", "Indicatore"],
      ["Obiettivo 2", "Responsabile"],
    ]);
    expect(parse(rows).objectives.map((o) => [o.id, o.kpis.length])).toEqual([
      ["1", 1],
      ["2", 0],
    ]);
  });

  it("Roman numerals and capitals number a title of a few words; an initial heads a name", () => {
    expect(readInline("IV. Educazione ambientale con le scuole del Parco.").code).toBe("IV");
    expect(readInline("V. Bianchi").code).toBeNull();
    expect(codeAndTitle("B. Prevenzione dei danni da fauna")).toEqual({ code: "B", title: "Prevenzione dei danni da fauna" });
    // "N." labels the number that follows it.
    expect(codeAndTitle("N. Prevenzione dei danni da fauna").code).toBeNull();
  });

  it("a spaced code and its title, the dash set against the code as a scan reads a narrow space", () => {
    expect(codeAndTitle("OS 1 – Semplificazione amministrativa")).toEqual({ code: "OS 1", title: "Semplificazione amministrativa" });
    expect(codeAndTitle("OS 1- Semplificazione amministrativa")).toEqual({ code: "OS 1", title: "Semplificazione amministrativa" });
    expect(codeAndTitle("OS 2— Imprese più digitali")).toEqual({ code: "OS 2", title: "Imprese più digitali" });
    // A code's own dash ("OS 1-2") is no separator, nor a year's number a code's.
    expect(codeAndTitle("PIAO 2026- Sottosezione").code).toBeNull();
  });

  it("numbers 1.1, 1.2, 1.3 down a column number its rows: codes, not weights", () => {
    expect(profile(["1.1", "1.2", "1.3"]).sequential).toBe(true);
    expect(profile(["2.1", "2.2"]).sequential).toBe(true);
    expect(profile(["1.1", "2.4", "1.3"]).sequential).toBe(false);
    const rows = [
      textRow("Obiettivo 1: Digitalizzazione delle carriere dei dottorandi", 57),
      textRow("Responsabile: Dott.ssa Bianca Orsenigo", 85),
      placed([[85, "1.1"], [110, "Migrazione dei fascicoli cartacei"], [400, "31/03/2026"], [480, "40 %"]]),
      placed([[85, "1.2"], [110, "Attivazione del libretto elettronico"], [400, "30/06/2026"], [480, "30 %"]]),
      placed([[85, "1.3"], [110, "Verifica con i coordinatori"], [400, "30/09/2026"], [480, "30 %"]]),
    ];
    expect(parse(rows).objectives[0]!.steps.map((s) => [s.id, s.weight?.value])).toEqual([
      ["1.1", 40],
      ["1.2", 30],
      ["1.3", 30],
    ]);
  });
});

describe("prose cards", () => {
  it("an opener's sentence titles the objective, the sentences after it describe it", () => {
    const rows = [
      textRow("Obiettivo 2.1.1 – Orientamento in ingresso per le lauree STEM. Aumentare la quota di studentesse immatricolate ai corsi di ingegneria."),
      placed([[63, "Peso: 20 %"], [190, "Scadenza: 30/09/2026"], [330, "Referente: Prof.ssa Loredana Vitrani"]]),
    ];
    const o = parse(rows).objectives[0]!;
    expect([o.id, o.title, o.description]).toEqual(["2.1.1", "Orientamento in ingresso per le lauree STEM", "Aumentare la quota di studentesse immatricolate ai corsi di ingegneria."]);
  });

  it("phases listed as fragments ending on their deadline: the deadline apart; a sentence stays whole", () => {
    const rows = [
      textRow("I. Monitoraggio del lupo e dei grandi carnivori.", 51),
      textRow("Peso: 20; termine: 30/11/2026; referente: Dott. Enrico Valdameri.", 77),
      placed([[79, "• posa delle fototrappole nei siti di rendez-vous entro il 31/03/2026"]], { kind: "text" }),
      placed([[79, "• relazione alla Regione entro il 30/11/2026"]], { kind: "text" }),
      placed([[79, "• Avvio a regime del servizio per tutte le famiglie entro il 15/12/2026."]], { kind: "text" }),
    ];
    for (const r of rows.slice(2)) r.marker = "•";
    const o = parse(rows).objectives[0]!;
    expect([o.id, o.title]).toEqual(["I", "Monitoraggio del lupo e dei grandi carnivori"]);
    expect(o.steps.map((s) => [s.title, s.due?.raw])).toEqual([
      ["posa delle fototrappole nei siti di rendez-vous", "entro il 31/03/2026"],
      ["relazione alla Regione", "entro il 30/11/2026"],
      ["Avvio a regime del servizio per tutte le famiglie entro il 15/12/2026.", "entro il 15/12/2026"],
    ]);
  });
});

describe("cards and contents a word processor prints", () => {
  it("labels and codes, figures or years taking turns along a row are a card's pairs, not a header", () => {
    const r = placed([[50, "Codice"], [140, "CCMV-OP-01"], [300, "Anno di riferimento"], [450, "2026"]]);
    expect(isHeaderRow(r)).toBe(false);
    const labels = buildBlocks([r, placed([[50, "Obiettivo"], [140, "Riduzione dei tempi di evasione delle pratiche"]])]).find((b) => b.type === "labels");
    expect(labels?.type === "labels" ? labels.items.map((i) => [i.label, i.value]) : null).toEqual([
      ["Codice", "CCMV-OP-01"],
      ["Anno di riferimento", "2026"],
      ["Obiettivo", "Riduzione dei tempi di evasione delle pratiche"],
    ]);
    // A label naming the year beside a year is no header's upper line either.
    expect(isHeaderRow(placed([[50, "Anno di riferimento"], [200, "2026"]]))).toBe(false);
  });

  it("a table of contents, its rows the headings printed later and its last column their pages, is furniture", () => {
    const rows = [
      placed([[50, "1."], [80, "Premessa"], [530, "2"]]),
      placed([[50, "2."], [80, "Obiettivi esecutivi 2026"], [530, "2"]]),
      placed([[50, "3."], [80, "Dotazione organica"], [530, "3"]]),
      blank(),
      textRow("1. Premessa", 50, true),
      textRow("Il presente documento raccoglie gli obiettivi dell'ente per l'anno in corso.", 50),
      textRow("2. Obiettivi esecutivi 2026", 50, true),
      textRow("3. Dotazione organica", 50, true),
    ];
    const blocks = buildBlocks(rows);
    expect(blocks.some((b) => b.type === "table")).toBe(false);
    expect(parse(rows).objectives).toEqual([]);
  });

  it("a unit's and a head's labels between two parts of one list are the record's above, not a section below", () => {
    const cols = [56, 108, 408, 505];
    const at = (cells: string[], bold = false) => placed(cells.map((t, k) => [cols[k]!, t] as [number, string]), { bold });
    const rows = [
      placed([[56, "Codice"], [108, "Obiettivo / fasi di attuazione"], [428, "Termine"], [504, "Peso"]], { bold: true }),
      at(["VD.01", "Riorganizzazione dello sportello polifunzionale", "31/12/2026", "60"], true),
      blank(),
      placed([[108, "Struttura: Settore Servizi demografici"], [400, "Responsabile: Dott.ssa Ornella Pizzigoni"]]),
      blank(),
      at(["", "– Mappatura dei servizi erogabili", "31/03/2026", "50"]),
      at(["", "– Attivazione dell'agenda on line", "30/06/2026", "50"]),
      at(["VD.02", "Recupero dell'evasione IMU", "15/12/2026", "40"], true),
      at(["", "– Incrocio delle banche dati", "30/04/2026", "100"]),
    ];
    const doc = parse(rows);
    expect(doc.objectives.map((o) => [o.id, o.unit, o.owner, o.steps.length])).toEqual([
      ["VD.01", "Settore Servizi demografici", "Dott.ssa Ornella Pizzigoni", 2],
      ["VD.02", null, null, 1],
    ]);
  });
});

describe("a word processor's outline of areas and objectives", () => {
  const rows = () => [
    textRow("2. Obiettivi di performance organizzativa 2026", 62, true),
    textRow("2.1 Obiettivi dell'Area Polizia Locale", 62, true),
    textRow("2.1.1 Controllo della velocità sulla strada del fondovalle", 62, true),
    placed([[105, "Responsabile: Comm. Aldo Brizzi – termine: 31/10/2026"], [461, "Ponderazione: 40 %"]]),
    blank(),
    textRow("Obiettivo 2.1.2: Servizi serali nei fine settimana estivi", 62),
    blank(),
    placed([[105, "Responsabile: Comm. Aldo Brizzi – Struttura: Nucleo Viabilità"], [461, "Ponderazione: 60 %"]]),
  ];

  it("a bold number over a bold outline number under it is a heading, not a list's item", () => {
    expect(buildBlocks(rows()).slice(0, 3).map((b) => b.type)).toEqual(["heading", "heading", "heading"]);
    // (The second objective opens with its label and number, its fields in a block of their own below.)
  });

  it("a heading naming a unit's objectives gives them the unit; an objective's own unit comes first", () => {
    expect(parse(rows()).objectives.map((o) => [o.id, o.unit])).toEqual([
      ["2.1.1", "Area Polizia Locale"],
      ["2.1.2", "Nucleo Viabilità"],
    ]);
  });
});

describe("a word processor's numbered paragraphs and wide tables", () => {
  it("an outline-numbered paragraph with its fields and phases under it is an objective of a list", () => {
    // (Indents in spaces, as the layout measures them from the margin: the item's fields and phases set in.)
    const item = (n: string, title: string, fields: string, phases: string[]): Row[] => [
      Object.assign(textRow(`${n} ${title}`, 85), { marker: n, indent: 0 }),
      Object.assign(textRow(fields, 125), { indent: 8 }),
      ...phases.map((p) => Object.assign(textRow(`– ${p}`, 130), { marker: "–", indent: 9 })),
    ];
    const rows = [
      textRow("2.2 Obiettivi dell'Area Ricerca", 57, true),
      ...item("2.2.1", "Anagrafe unica dei progetti di ricerca. Raccolta in una sola banca dati dei progetti finanziati.", "Ponderazione: 20 %; termine: 30/11/2026; referente: Dott.ssa Paola Guerrini; struttura: Settore Ricerca.", [
        "ricognizione dei progetti attivi, entro il 31/03/2026 (peso 30 %);",
        "migrazione dei dati contabili, entro il 31/07/2026 (peso 70 %).",
      ]),
      ...item("2.2.2", "Sportello brevetti per i giovani ricercatori. Consulenza di primo livello sulla brevettabilità dei risultati della ricerca.", "Ponderazione: 10 %; termine: 31/10/2026; referente: Ing. Stefano Caruso; struttura: Ufficio Brevetti.", [
        "convenzione con l'ordine dei consulenti, entro il 28/02/2026 (peso 50 %);",
        "sportello aperto due giorni al mese, entro il 31/10/2026 (peso 50 %).",
      ]),
    ];
    // (The second item's number measured a little further in, as a page sets it: its number goes on from the
    // first's, at its level.)
    rows[1 + 4]!.indent = 2;
    const list = buildBlocks(rows).find((b) => b.type === "list");
    expect(list?.type === "list" ? list.items.filter((it) => it.ordinal !== null).map((it) => [it.ordinal, it.depth]) : null).toEqual([
      ["2.2.1", 0],
      ["2.2.2", 0],
    ]);
    const doc = parse(rows);
    expect(doc.objectives.map((o) => [o.id, o.title, o.description, o.weight?.value, o.owner, o.unit, o.steps.length])).toEqual([
      ["2.2.1", "Anagrafe unica dei progetti di ricerca", "Raccolta in una sola banca dati dei progetti finanziati.", 20, "Dott.ssa Paola Guerrini", "Settore Ricerca", 2],
      ["2.2.2", "Sportello brevetti per i giovani ricercatori", "Consulenza di primo livello sulla brevettabilità dei risultati della ricerca.", 10, "Ing. Stefano Caruso", "Ufficio Brevetti", 2],
    ]);
  });

  it("a header's label closing on a note's mark is a label; a title cut by a page break goes on in its objective", () => {
    expect(isHeaderRow(placed([[300, "N."], [330, "Descrizione della fase"], [500, "Scadenza"], [560, "Peso %"], [600, "Indicatore"], [700, "Target 2026 (2)"]], { bold: true }))).toBe(true);
    // (Letters, a hyphen, a number, a slash and a number: a code, "PG-26/06".)
    expect(isCode("PG-26/06")).toBe(true);
    const cols = [40, 100, 250, 330, 400, 430, 600, 660];
    const at = (cells: string[]) => placed(cells.map((t, k) => [cols[k]!, t] as [number, string]));
    const rows = [
      placed(["Cod.", "Obiettivo", "Struttura", "Peso", "N.", "Fase", "Scadenza", "Peso %"].map((t, k) => [cols[k]!, t] as [number, string]), { bold: true }),
      at(["PG-26/06", "Formazione sulla gestione delle emergenze", "UOC Formazione", "10", "1", "Prima edizione del corso", "30/06/2026", "50"]),
      at(["", "in area critica", "", "", "2", "Seconda edizione del corso", "30/11/2026", "50"]),
      at(["PG-26/07", "Dimissioni protette", "UOC Continuità", "15", "1", "Scheda di continuità", "31/12/2026", "100"]),
    ];
    const doc = parse(rows);
    expect(doc.objectives.map((o) => [o.id, o.title, o.steps.map((s) => s.id)])).toEqual([
      ["PG-26/06", "Formazione sulla gestione delle emergenze in area critica", ["1", "2"]],
      ["PG-26/07", "Dimissioni protette", ["1"]],
    ]);
  });
});

describe("a card told by its label lines and its phases as numbered lines", () => {
  it("the objective's line titles it with its first sentence; 'Fase 1 – …, entro il … (25 %)' lines are its phases", () => {
    const rows = [
      textRow("Obiettivo 1: Formazione professionale continua a distanza. Ampliamento dell'offerta di corsi e seminari on line accreditati.", 50),
      blank(),
      placed([[50, "Peso: 30 %"], [200, "Scadenza: 15/12/2026"], [350, "Referente: Ing. Daniela Orrù (Consigliere delegato alla"]]),
      textRow("formazione)", 350),
      blank(),
      textRow("Fase 1 – catalogo dei corsi del primo semestre, entro il 31/01/2026 (25 %)", 70),
      textRow("Fase 2 – collegamento della piattaforma con l'anagrafe dei crediti, entro il 30/06/2026 (75 %)", 70),
    ];
    const o = parse(rows).objectives[0]!;
    expect([o.id, o.title, o.description, o.owner, o.weight?.value]).toEqual(["1", "Formazione professionale continua a distanza", "Ampliamento dell'offerta di corsi e seminari on line accreditati.", "Ing. Daniela Orrù", 30]);
    expect(o.steps.map((s) => [s.id, s.title, s.due?.raw, s.weight?.raw])).toEqual([
      ["1", "catalogo dei corsi del primo semestre", "entro il 31/01/2026", "25 %"],
      ["2", "collegamento della piattaforma con l'anagrafe dei crediti", "entro il 30/06/2026", "75 %"],
    ]);
  });
});

describe("a wide table without rules: header over two lines, three years' targets, titles wrapping beside second indicators", () => {
  const cols = [40, 90, 200, 300, 380, 420, 560, 620, 680, 740];
  const at = (cells: string[], bold = false) => placed(cells.map((t, k) => [cols[k]!, t] as [number, string]), { bold });
  const rows = () => [
    textRow("Piano Integrato di Attività e Organizzazione 2026-2028 – Obiettivi operativi", 40, true),
    at(["Codice", "Obiettivo", "Struttura", "Dirigente", "Peso", "Indicatore", "Base", "", "Target", ""], true),
    at(["", "operativo", "", "", "", "", "2025", "2026", "2027", "2028"], true),
    at(["OP/01", "Digitalizzazione delle autorizzazioni", "Direzione Security", "Ing. Raffaele Dessì", "40%", "Permessi rilasciati on line", "42%", "≥ 80%", "≥ 90%", "100%"]),
    at(["", "di accesso al porto", "", "", "", "Tempo medio di rilascio", "6 giorni", "≤ 2 giorni", "≤ 2 giorni", "≤ 1 giorno"]),
    at(["OP/02", "Riduzione dei tempi di sosta dei", "Direzione Operazioni", "Dott. Emanuele", "60%", "Giorni medi di sosta", "5,8", "≤ 4,5", "≤ 4,0", "≤ 3,5"]),
    at(["", "contenitori in banchina", "portuali", "Porcu", "", "Controlli doganali prenotati", "61%", "≥ 75%", "≥ 85%", "≥ 90%"]),
  ];

  it("the header's second line is the header's, each year its column, the plan's first year the target", () => {
    const t = buildBlocks(rows()).find((b): b is TableBlock => b.type === "table")!;
    expect(t.header).toHaveLength(2);
    const cs = columnsOf(t, 2026);
    expect(cs.slice(6).map((c) => [c.year, c.role])).toEqual([
      [2025, "baseline"],
      [2026, "target"],
      [2027, "target"],
      [2028, "target"],
    ]);
  });

  it("a row going on with the title above, beside its second indicator, is the same objective's", () => {
    const doc = parse(rows());
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.owner, o.kpis.map((k) => [k.name, k.target?.raw])])).toEqual([
      ["OP/01", "Digitalizzazione delle autorizzazioni di accesso al porto", "Direzione Security", "Ing. Raffaele Dessì", [["Permessi rilasciati on line", "≥ 80%"], ["Tempo medio di rilascio", "≤ 2 giorni"]]],
      ["OP/02", "Riduzione dei tempi di sosta dei contenitori in banchina", "Direzione Operazioni portuali", "Dott. Emanuele Porcu", [["Giorni medi di sosta", "≤ 4,5"], ["Controlli doganali prenotati", "≥ 75%"]]],
    ]);
  });
});

describe("a header printed alone over a group's line", () => {
  it("the rows under the group's line read under that header", () => {
    const cols = [57, 110, 470, 560];
    const at = (cells: string[], bold = false) => placed(cells.map((t, k) => [cols[k]!, t] as [number, string]), { bold });
    const rows = [
      at(["Codice", "Obiettivo esecutivo / fase", "Termine", "Peso %"], true),
      blank(),
      textRow("Settore 1 – Affari generali – Responsabile: Dott.ssa Ilaria Montanucci", 57, true),
      blank(),
      at(["CA/01", "Riorganizzazione dell'archivio di deposito", "30/11/2026", "40"], true),
      at(["", "CA/01.1 Censimento dei faldoni", "31/03/2026", "40"]),
      at(["", "CA/01.2 Scarto e riordino dei locali", "30/11/2026", "60"]),
      at(["CA/02", "Carta d'identità elettronica serale", "31/05/2026", "60"], true),
      at(["", "CA/02.1 Apertura dell'agenda on line", "28/02/2026", "100"]),
    ];
    const tables = buildBlocks(rows).filter((b): b is TableBlock => b.type === "table");
    expect(tables.map((t) => t.header.length)).toEqual([1, 1]);
    expect(parse(rows).objectives.map((o) => [o.id, o.unit, o.owner, o.steps.length])).toEqual([
      ["CA/01", "Settore 1 – Affari generali", "Dott.ssa Ilaria Montanucci", 2],
      ["CA/02", "Settore 1 – Affari generali", "Dott.ssa Ilaria Montanucci", 1],
    ]);
  });
});

describe("a card's check boxes", () => {
  it("a label beside options each opening with a check box is a card's field, not a table's header", () => {
    const row = placed([[50, "Tipologia"], [150, "☒ Obiettivo di performance organizzativa"], [350, "☐ Obiettivo individuale del dirigente"]]);
    expect(isHeaderRow(row)).toBe(false);
    const blocks = buildBlocks([
      placed([[50, "Codice"], [150, "CS-OP-01"]]),
      placed([[50, "Obiettivo"], [150, "Riduzione dei tempi di evasione delle pratiche"]]),
      row,
      placed([[50, "Indicatore"], [150, "Pratiche evase entro 5 giorni"], [350, "Target 2026"], [450, "≥ 85%"]]),
    ]);
    expect(blocks.map((b) => b.type)).toEqual(["labels"]);
    expect(blocks[0]!.type === "labels" ? blocks[0]!.items.map((i) => i.label) : []).toEqual(["Codice", "Obiettivo", "Tipologia", "Indicatore", "Target 2026"]);
  });
});

describe("sections and indicators of a word processor's list of objectives", () => {
  it("a numbered heading naming a unit heads its objectives; an indicators' table keyed by their codes is theirs", () => {
    const cols = [57, 110, 470, 560];
    const at = (cells: string[], bold = false) => placed(cells.map((t, k) => [cols[k]!, t] as [number, string]), { bold });
    const rows = [
      textRow("2.1 Settore Affari generali e Servizi demografici", 57, true),
      textRow("Responsabile: Dott.ssa Carla Bonifazi", 57),
      at(["Cod.", "Obiettivo esecutivo / fasi", "Termine", "Peso"], true),
      at(["CV-01", "Digitalizzazione dell'archivio storico", "30/11/2026", "60 %"], true),
      at(["", "CV-01.1 Scansione dei registri", "30/04/2026", "100 %"]),
      at(["CV-02", "Sportello polifunzionale pomeridiano", "31/03/2026", "40 %"], true),
      at(["", "CV-02.1 Apertura pomeridiana", "31/03/2026", "100 %"]),
      blank(),
      textRow("2.4 Indicatori di risultato", 57, true),
      placed([[57, "Cod."], [110, "Indicatore"], [470, "Valore atteso 2026"]], { bold: true }),
      placed([[57, "CV-01"], [110, "Certificati rilasciati online"], [470, "≥ 60%"]]),
      placed([[57, "CV-02"], [110, "Ore settimanali di apertura pomeridiana"], [470, "≥ 8 ore"]]),
    ];
    const doc = parse(rows);
    expect(doc.objectives.map((o) => [o.id, o.unit, o.owner, o.kpis.map((k) => [k.name, k.target?.raw])])).toEqual([
      ["CV-01", "Settore Affari generali e Servizi demografici", "Dott.ssa Carla Bonifazi", [["Certificati rilasciati online", "≥ 60%"]]],
      ["CV-02", "Settore Affari generali e Servizi demografici", "Dott.ssa Carla Bonifazi", [["Ore settimanali di apertura pomeridiana", "≥ 8 ore"]]],
    ]);
  });
});
