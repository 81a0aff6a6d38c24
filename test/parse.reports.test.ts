/**
 * Reports printed by performance-management software (the hold-out set holdout20): rows as the PDF layout hands
 * them over, read through the typed document, the recognisers and the binder. Each case is a habit two or more of
 * its administrations share, set here with invented figures: a record's band drawn as several groups of labels, a
 * group header between records, the record's code and title a field apart, cards one under another with nothing
 * between, fields run together on one line, a legend of codes, counts and totals beside the records.
 */
import { describe, expect, it } from "vitest";
import type { Row, SourceDoc } from "../src/doc/source.js";
import { parseDocument } from "../src/parse/index.js";
import { buildBlocks } from "../src/blocks/index.js";
import { columnsOf } from "../src/parse/columns.js";
import { documentFacts } from "../src/parse/document.js";
import { isCode } from "../src/lexicon/codes.js";
import { matchRole } from "../src/lexicon/match.js";
import type { TableBlock } from "../src/doc/blocks.js";
import { extractPdf } from "../src/extract/pdf/index.js";
import { readFileSync } from "node:fs";
import path from "node:path";

let line = 0;
const row = (cells: string[], bold: boolean[] = []): Row => {
  line++;
  return { page: 1, line, kind: "table", cells: cells.map((text, k) => ({ text, ...(bold[k] ? { bold: true } : {}) })), bbox: [50, line * 20, 550, line * 20 + 14] };
};
const blank = (): Row => ({ page: 1, line: ++line, kind: "blank", cells: [] });
const text = (t: string, bold = false): Row => ({ page: 1, line: ++line, kind: "text", cells: [{ text: t, ...(bold ? { bold: true } : {}) }], bbox: [50, line * 20, 550, line * 20 + 14] });

function parse(rows: Row[], runningHead?: string[]) {
  const source: SourceDoc = { file: "report.pdf", sha256: "0", kind: "pdf", pages: 1, rows, ocr: null, notes: [], ...(runningHead ? { runningHead } : {}) };
  return parseDocument(source);
}

/** A record's band as the layout hands it over: the strip of code, weight and deadline, then title and indicator as a label column beside values, then its phases. */
function band(code: string, title: string, weight: string): Row[] {
  return [
    row([`Codice: ${code}`, `Peso: ${weight}`, "Scadenza: 31/12/2026"]),
    blank(),
    row(["Obiettivo:", title], [true, true]),
    row(["Indicatore:", "Pratiche evase nei termini Target: >= 95%"], [true]),
    blank(),
    row(["N.", "Fase", "Fine", "Peso %"], [true, true, true, true]),
    row(["1", "Analisi delle pratiche arretrate", "31/03/2026", "40,00"]),
    row(["2", "Smaltimento dell'arretrato", "30/11/2026", "60,00"]),
    blank(),
  ];
}

describe("a report's bands under group headers", () => {
  it("reads a band drawn as several label groups as one record, and a group header between records as the unit of those below", () => {
    line = 0;
    const rows = [
      row(["Settore: 01 – Affari generali", "Dirigente: Dott.ssa Laura Bressan"], [true]),
      blank(),
      ...band("OB.01.01", "Digitalizzazione dell'archivio di deposito", "60,00"),
      ...band("OB.01.02", "Sportello unico per le imprese", "40,00"),
      row(["Settore: 02 – Servizi finanziari", "Dirigente: Dott. Marco Rinaldi"], [true]),
      blank(),
      ...band("OB.02.01", "Recupero dell'evasione tributaria", "100,00"),
    ];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title, o.unit, o.owner, o.weight?.value])).toEqual([
      ["OB.01.01", "Digitalizzazione dell'archivio di deposito", "01 – Affari generali", "Dott.ssa Laura Bressan", 60],
      ["OB.01.02", "Sportello unico per le imprese", "01 – Affari generali", "Dott.ssa Laura Bressan", 40],
      ["OB.02.01", "Recupero dell'evasione tributaria", "02 – Servizi finanziari", "Dott. Marco Rinaldi", 100],
    ]);
    // The indicator's target a field apart on its line is its own field, not the indicator's name.
    expect(objectives[0]!.kpis.map((k) => [k.name, k.target?.raw])).toEqual([["Pratiche evase nei termini", ">= 95%"]]);
    expect(objectives[2]!.steps.map((s) => s.title)).toEqual(["Analisi delle pratiche arretrate", "Smaltimento dell'arretrato"]);
  });

  it("a record's code and title set a field apart, a table row of their own, open the record; codes may open on the plan's year", () => {
    line = 0;
    const rows = [
      // As the layout hands them over: the group header a line, the code and title a row, the fields a row of cells.
      text("Centro di responsabilità: 01 – Segreteria – Dirigente: Dott.ssa Mirella Canepari", true),
      blank(),
      row(["2026/CR01/01", "Regolamento unico per l'accesso agli atti"], [true, true]),
      blank(),
      row(["Peso: 60,00 %", "Scadenza: 30/09/2026"]),
      blank(),
      text("Azioni", true),
      row(["N.", "Azione", "Fine", "Peso %"], [true, true, true, true]),
      row(["1", "Ricognizione dei regolamenti", "31/03/2026", "100,00"]),
      blank(),
      row(["2026/CR01/02", "Protocollo associato dei comuni aderenti"], [true, true]),
      blank(),
      row(["Peso: 40,00 %", "Scadenza: 31/12/2026"]),
    ];
    const blocks = buildBlocks(rows);
    expect(blocks.filter((b) => b.type === "paragraph").map((b) => (b as { text: string }).text)).toEqual([
      "2026/CR01/01 Regolamento unico per l'accesso agli atti",
      "2026/CR01/02 Protocollo associato dei comuni aderenti",
    ]);
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title, o.weight?.value, o.due?.iso])).toEqual([
      ["2026/CR01/01", "Regolamento unico per l'accesso agli atti", 60, "2026-09-30"],
      ["2026/CR01/02", "Protocollo associato dei comuni aderenti", 40, "2026-12-31"],
    ]);
    expect(isCode("2026/CR01/01")).toBe(true);
    expect(isCode("2026/OB/3")).toBe(true);
    // A date is no code, nor the plan's years.
    expect(isCode("2026/06/30")).toBe(false);
    expect(isCode("2026/2028")).toBe(false);
  });

  it("cards one under another in one group of labels are read each on its own; fields run together on a line are parted", () => {
    line = 0;
    // As the layout hands them over: a label column beside values, a row each, the cards one under another.
    const card = (code: string, title: string, w: string): Row[] => [
      row(["Codice:", code, "", ""], [true, true]),
      row(["Obiettivo:", title, "", ""], [true, true]),
      row(["Peso:", `${w} Scadenza: 31/10/2026 Stato: A Tipo: OG`, "Performance:", "S"], [true, false, true]),
      row(["Indicatore:", "Comuni serviti", "", ""], [true]),
      row(["Target 2026:", "9 Baseline: 7", "", ""], [true, true]),
    ];
    const rows = [...card("CM.26.01", "Trasporto scolastico associato", "60,00"), ...card("CM.26.02", "Manutenzione dei sentieri", "40,00")];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title, o.weight?.value, o.due?.iso, o.status])).toEqual([
      ["CM.26.01", "Trasporto scolastico associato", 60, "2026-10-31", "A"],
      ["CM.26.02", "Manutenzione dei sentieri", 40, "2026-10-31", "A"],
    ]);
    // A year closing a label ("Target 2026:") is the label's, not a value.
    expect(objectives[1]!.kpis.map((k) => [k.name, k.target?.raw])).toEqual([["Comuni serviti", "9"]]);
  });

  it("a label with a sign, its value running into more labelled fields, gives each field its own item", () => {
    line = 0;
    const blocks = buildBlocks([row(["Codice", "VMS.VIA.01"], [true]), row(["Peso %", "25 Scadenza: 31/12/2026 Stato: Attivo"], [true])]);
    const items = blocks.flatMap((b) => (b.type === "labels" ? b.items.map((it) => [it.label, it.value]) : []));
    expect(items).toEqual([
      ["Codice", "VMS.VIA.01"],
      ["Peso %", "25"],
      ["Scadenza", "31/12/2026"],
      ["Stato", "Attivo"],
    ]);
  });

  it("a weight or a deadline with its label and no colon closing a value is a field of its own", () => {
    line = 0;
    const blocks = buildBlocks([row(["Obiettivo", "Prevenzione delle cadute degli ospiti"], [true]), row(["Ponderazione", "25,00 % Termine 30/09/2026"], [true])]);
    const items = blocks.flatMap((b) => (b.type === "labels" ? b.items.map((it) => [it.label, it.value]) : []));
    expect(items).toEqual([
      ["Obiettivo", "Prevenzione delle cadute degli ospiti"],
      ["Ponderazione", "25,00 %"],
      ["Termine", "30/09/2026"],
    ]);
  });

  it("a value run into the next field's label is the value; the field, a cell of its own or not, is its own item", () => {
    line = 0;
    const items = (rows: Row[]) => buildBlocks(rows).flatMap((b) => (b.type === "labels" ? b.items.map((it) => [it.label, it.value]) : []));
    expect(items([row(["Codice:", "FS.01.01 Tipo obiettivo: Esecutivo"], [true]), row(["Peso:", "40,00 Scadenza: 30/09/2026"], [true])])).toEqual([
      ["Codice", "FS.01.01"],
      ["Tipo obiettivo", "Esecutivo"],
      ["Peso", "40,00"],
      ["Scadenza", "30/09/2026"],
    ]);
    // (A group header: its name fused with its label in one cell, its head "Direttore di dipartimento: …" in the next.)
    const header = items([row(["DIPARTIMENTO DI PREVENZIONE", "Direttore di dipartimento: Dott. Ettore Balzani", "", ""], [true]), row(["Codice:", "OB.1", "Peso:", "20,00"], [true, false, true])]);
    expect(header).toContainEqual(["Direttore di dipartimento", "Dott. Ettore Balzani"]);
    expect(header.some(([, v]) => v!.includes("Direttore"))).toBe(false);
  });

  it("a group footer's counts before the next group's header make no record", () => {
    line = 0;
    const rows = [
      ...band("OB.01.01", "Digitalizzazione dell'archivio di deposito", "100,00"),
      row(["N. obiettivi: 1 Totale peso: 100,00", "Settore: 02 – Servizi finanziari", "Dirigente: Dott. Marco Rinaldi"]),
      blank(),
      ...band("OB.02.01", "Recupero dell'evasione tributaria", "100,00"),
    ];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.unit])).toEqual([
      ["OB.01.01", null],
      ["OB.02.01", "02 – Servizi finanziari"],
    ]);
  });

  it("a legend of the codes under a heading opens no record", () => {
    line = 0;
    const rows = [
      text("Codice: CM.26.01"),
      text("Obiettivo: Trasporto scolastico associato"),
      text("Peso: 100"),
      blank(),
      text("Legenda dei codici", true),
      text("Stato: A = approvato; B = bozza"),
      text("Tipo: OG = obiettivo gestionale; OP = obiettivo di progetto"),
      text("Performance: S = rilevante; N = non rilevante"),
    ];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => o.id)).toEqual(["CM.26.01"]);
  });
});

describe("a software's record number beside the code", () => {
  it("the code labelled inside the value is the objective's; the number stays with its own label", () => {
    line = 0;
    const rows = [
      row(["ID", "10231 – Cod. UC.OO.01"], [true]),
      row(["Obiettivo operativo", "Riduzione dei tempi di verbalizzazione"], [true]),
      row(["Peso", "20,00%"], [true]),
      row(["Scadenza", "31/12/2026 00:00:00"], [true]),
    ];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title, o.extra])).toEqual([["UC.OO.01", "Riduzione dei tempi di verbalizzazione", { ID: "10231" }]]);
  });

  it("so is the number in brackets after the code, the title under its own label", () => {
    line = 0;
    const rows = [
      row(["Obiettivo:", "2026/VIA/01 [ID 5521]"], [true]),
      row(["Titolo:", "Messa in sicurezza dei ponti provinciali"], [true]),
      row(["Peso:", "60,00 %"], [true]),
      row(["Scadenza:", "30/11/2026"], [true]),
    ];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title, o.extra])).toEqual([["2026/VIA/01", "Messa in sicurezza dei ponti provinciali", { ID: "5521" }]]);
  });
});

describe("counts and totals beside the records", () => {
  it("a count of objectives or phases is no code: plural words count, singular ones number", () => {
    expect(matchRole("Numero obiettivi")?.role).toBe("extra");
    expect(matchRole("N. fasi")?.role).toBe("extra");
    expect(matchRole("N. obiettivo")?.role).toBe("code");
    expect(matchRole("N. fase")?.role).toBe("code");
  });

  it("a column of whole numbers its total row adds up is a count, not the records' names", () => {
    line = 0;
    const rows = [
      row(["Area", "Obiettivi", "Ponderazione"], [true, true, true]),
      row(["A1 – Affari generali", "2", "0,25"]),
      row(["A2 – Registro imprese", "3", "0,35"]),
      row(["A3 – Promozione", "2", "0,40"]),
      row(["Totale", "7", "1,00"]),
    ];
    const table = buildBlocks(rows).find((b) => b.type === "table") as TableBlock;
    expect(columnsOf(table).map((c) => c.role)).toEqual(["unit", "extra", "weight"]);
    // Without the total that adds them up, the header decides.
    const open = buildBlocks(rows.slice(0, 4)).find((b) => b.type === "table") as TableBlock;
    expect(columnsOf(open)[1]!.role).not.toBe("extra");
  });
});

describe("a listing interleaved with its records' sub-tables", () => {
  it("a record's row under another record's indicators keeps the listing's header (holdout21/04)", async () => {
    const file = path.join(import.meta.dirname, "..", "fixtures", "layouts", "holdout21", "04_cciaa_lomellana_varzena_elenco_per_cdr_sottoreport_indicatori.pdf");
    const source = await extractPdf(new Uint8Array(readFileSync(file)), "04.pdf", "sha", {});
    const tables = buildBlocks(source.rows).filter((b): b is TableBlock => b.type === "table");
    const second = tables.find((t) => t.body.some((x) => x.row.cells[0]?.text === "OO.01.2"))!;
    expect(second.header[0]!.cells.map((c) => c.text)).toEqual(["Codice", "Obiettivo operativo", "Peso", "Scadenza"]);
    const { objectives } = parseDocument(source);
    expect(objectives.slice(0, 3).map((o) => [o.id, o.weight?.value, o.kpis.length])).toEqual([
      ["OO.01.1", 40, 1],
      ["OO.01.2", 35, 1],
      ["OO.01.3", 25, 2],
    ]);
  });

  it("a summary counting each unit's objectives lists units, not objectives", () => {
    line = 0;
    const rows = [
      row(["CdR", "Denominazione", "N. obiettivi", "Totale pesi"], [true, true, true, true]),
      row(["01", "Segreteria generale e Affari istituzionali", "3", "100,00"]),
      row(["02", "Anagrafe economica e Regolazione del mercato", "2", "100,00"]),
    ];
    const table = buildBlocks(rows).find((b) => b.type === "table") as TableBlock;
    expect(columnsOf(table)[1]!.role).toBe("unit");
    expect(parse(rows).objectives).toEqual([]);
  });
});

describe("the running head", () => {
  it("names the plan's period and the administration when the body does not", () => {
    line = 0;
    const body = [text("Elenco degli obiettivi esecutivi assegnati ai settori", true), text("Recupero dell'evasione per le annualità 2021 e 2022"), text("Codice: OB.1")];
    expect(documentFacts(body).period).toEqual({ from: 2021, to: 2021 });
    const facts = documentFacts(body, ["COMUNE DI VALLEROTTA PIAO 2026-2028", "Piano degli obiettivi 2026 – stampa analitica"]);
    expect(facts.period).toEqual({ from: 2026, to: 2028 });
    expect(facts.entity).toMatch(/Vallerotta/i);
  });
});

describe("a numbered heading over a table of figures", () => {
  it("opens no record when the table's columns name an objective's fields only by a guess from their values", () => {
    line = 0;
    const rows = [
      { ...text("2. Posti letto per dipartimento al 31/12/2025", true), heading: 2 },
      blank(),
      row(["Dipartimento", "Ordinari", "Day hospital"], [true, true, true]),
      row(["Area medica", "268", "22"]),
      row(["Area chirurgica", "231", "26"]),
      row(["Neuroscienze", "88", "6"]),
      row(["Materno-infantile", "125", "10"]),
      row(["Totale", "712", "64"]),
      blank(),
      { ...text("3. Obiettivi 2026", true), heading: 2 },
      text("Codice: OB.1"),
      text("Obiettivo: Riduzione delle liste di attesa"),
      text("Peso: 100"),
    ];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => o.id)).toEqual(["OB.1"]);
  });
});

describe("a listing's groups, ruled between records", () => {
  // As the layout hands a report's analytic listing over: the header block's labels, each group's line (a unit
  // and its head) and footer of sums in bold, each record's title cell a title over its description.
  const record = (code: string, title: string, desc: string, owner: string, weight: string): Row => {
    const r = row([code, `${title} ${desc}`, owner, weight, "Pratiche evase nei termini", ">= 95%", "31/12/2026"]);
    r.cells[1]!.paras = [title, desc];
    return r;
  };
  const rows = (): Row[] => {
    line = 0;
    const B = Array(7).fill(true);
    return [
      row(["Cod.", "Obiettivo (titolo e descrizione)", "Resp. (referente)", "P. %", "Indicatore di risultato", "Target 2026", "Scad."], B),
      row(["DIPARTIMENTO DI PREVENZIONE", "", "Direttore di dipartimento: Dott. Ettore Balzani", "", "", "", ""], B),
      record("PR.01", "Copertura vaccinale degli anziani", "Campagna negli ambulatori dei medici di base con chiamata attiva.", "Dott. Ugo Neri", "60"),
      record("PR.02", "Controlli nelle mense scolastiche", "Ispezioni programmate in tutte le scuole primarie del territorio.", "Dott.ssa Lia Conti", "40"),
      row(["", "", "Totale pesi struttura: 100", "", "Numero obiettivi: 2", "", ""], B),
      row(["DIPARTIMENTO FARMACEUTICO", "", "Direttore di dipartimento: Dott.ssa Lucia Tassinari", "", "", "", ""], B),
      record("FA.01", "Appropriatezza prescrittiva", "Audit con i medici di medicina generale sulle prescrizioni di inibitori.", "Dott. Pio Sala", "100"),
      row(["", "", "Totale pesi struttura: 100", "", "Numero obiettivi: 1", "", ""], B),
    ];
  };

  it("a group's line is a span and its footer of sums a total, whatever cells they fall in", () => {
    const t = buildBlocks(rows()).find((b): b is TableBlock => b.type === "table")!;
    expect(t.body.map((r) => r.kind)).toEqual(["span", "data", "data", "total", "span", "data", "total"]);
  });

  it("reads the records as objectives under their groups, not as phases of the groups' bold lines; a title cell's title over its description", () => {
    const { objectives } = parse(rows());
    expect(objectives.map((o) => [o.id, o.title, o.owner, o.weight?.value])).toEqual([
      ["PR.01", "Copertura vaccinale degli anziani", "Dott. Ugo Neri", 60],
      ["PR.02", "Controlli nelle mense scolastiche", "Dott.ssa Lia Conti", 40],
      ["FA.01", "Appropriatezza prescrittiva", "Dott. Pio Sala", 100],
    ]);
    expect(objectives[0]!.description).toBe("Campagna negli ambulatori dei medici di base con chiamata attiva.");
    expect(objectives.every((o) => o.steps.length === 0)).toBe(true);
  });

  it("a label explained in brackets is the label before them", () => {
    expect(matchRole("Obiettivo (titolo e descrizione)")?.role).toBe("objective");
    expect(matchRole("Resp. (referente)")?.role).toBe("owner");
    expect(matchRole("Settore (denominazione)")?.role).toBe("unit");
    // (Not a count's label: "N. fasi (programmate)" names no field.)
    expect(matchRole("Campo (libero)")).toBeNull();
  });
});

describe("a listing's later groups, each a table of its own under the first one's header", () => {
  let y = 0;
  const cols = [56, 120, 330, 420, 460, 560, 640];
  const placed = (cells: string[], bold = false, kind: Row["kind"] = "table"): Row => {
    y += 14;
    const cs = cells.map((text, k) => ({ text, bbox: [cols[k]!, y, cols[k]! + Math.max(5, text.length * 3), y + 10] as [number, number, number, number], ...(bold && text ? { bold: true } : {}) }));
    const xs = cs.filter((c) => c.text).map((c) => c.bbox);
    return { page: 1, line: y, kind, cells: cs, bbox: [Math.min(...xs.map((b) => b[0])), y, Math.max(...xs.map((b) => b[2])), y + 10] };
  };
  const group = (t: string): Row => {
    y += 14;
    return { page: 1, line: y, kind: "text", cells: [{ text: t, bold: true, bbox: [56, y, 400, y + 10] }], bbox: [56, y, 400, y + 10] };
  };
  const rec = (code: string, title: string, owner: string, weight: string) => placed([code, title, owner, weight, "Pratiche evase", ">= 95%", "31/12/2026"]);
  const rows = (): Row[] => {
    y = 0;
    return [
      placed(["Cod.", "Obiettivo", "Resp.", "Peso %", "Indicatore", "Target 2026", "Scad."], true),
      placed(["DIPARTIMENTO DI PREVENZIONE", "", "Direttore di dipartimento: Dott. Ettore Balzani", "", "", "", ""], true),
      rec("PR.01", "Copertura vaccinale degli anziani", "Dott. Ugo Neri", "60"),
      rec("PR.02", "Controlli nelle mense scolastiche", "Dott.ssa Lia Conti", "40"),
      placed(["", "", "Totale pesi struttura: 100", "", "", "", ""], true),
      group("DIPARTIMENTO FARMACEUTICO – Direttore di dipartimento: Dott.ssa Lucia Tassinari"),
      rec("FA.01", "Appropriatezza prescrittiva", "Dott. Pio Sala", "70"),
      rec("FA.02", "Distribuzione per conto", "Dott.ssa Ada Riva", "30"),
    ];
  };

  it("the later group's plain coded rows are records like the first group's, not phases of its last record", () => {
    const tables = buildBlocks(rows()).filter((b): b is TableBlock => b.type === "table");
    expect(tables).toHaveLength(2);
    expect(tables[1]!.header.length).toBe(1);
    const { objectives } = parse(rows());
    expect(objectives.map((o) => [o.id, o.weight?.value, o.steps.length])).toEqual([
      ["PR.01", 60, 0],
      ["PR.02", 40, 0],
      ["FA.01", 70, 0],
      ["FA.02", 30, 0],
    ]);
  });
});
