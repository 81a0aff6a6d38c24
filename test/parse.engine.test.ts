/**
 * The engine on layouts the seeds do not have: other header words, Markdown
 * and HTML tables, label cards with fused labels, damaged headers. Nothing
 * here is seed wording; these are the shapes other administrations print.
 */
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";

const conv = (text: string, name = "doc.txt") => convertBuffer(Buffer.from(text), name);

describe("objective tables", () => {
  it("one objective per row, KPI and deadline from the indicator columns", async () => {
    const doc = await conv(
      [
        "PIANO DELLA PERFORMANCE 2025-2027",
        "",
        "Area Servizi Demografici",
        "Codice\tDenominazione obiettivo\tIndicatore\tValore target\tScadenza\tPeso %\tResponsabile",
        "OB.1\tDigitalizzare l'archivio anagrafico\tPratiche digitalizzate / totali\t≥ 80%\tentro il 30/09/2025\t40\tMario Bianchi",
        "OB.2\tRidurre i tempi di rilascio CIE\tGiorni medi di attesa\t<= 10 gg\tII semestre\t60\tMario Bianchi",
      ].join("\n"),
    );
    expect(doc.document.period).toEqual({ from: 2025, to: 2027 });
    expect(doc.objectives.map((o) => o.id)).toEqual(["OB.1", "OB.2"]);
    const [a, b] = doc.objectives;
    expect(a!.title).toBe("Digitalizzare l'archivio anagrafico");
    expect(a!.unit).toBe("Area Servizi Demografici");
    expect(a!.owner).toBe("Mario Bianchi");
    expect(a!.weight?.value).toBe(40);
    expect(a!.due?.iso).toBe("2025-09-30");
    expect(a!.kpis[0]).toMatchObject({ name: "Pratiche digitalizzate / totali", target: { value: 80, comparator: ">=", unit: "%" } });
    expect(b!.due).toMatchObject({ iso: "2025-12-31", precision: "half" });
    expect(b!.kpis[0]!.target).toMatchObject({ value: 10, comparator: "<=", unit: "gg" });
    expect(doc.issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("maps damaged (OCR) and unseen header words fuzzily", async () => {
    const doc = await conv(
      ["Titolo obiettlvo\tIndicatorc\tTarget\tTempistica", "Aggiornare il regolamento\tApprovazione in Giunta\tSi\t31.12.2025"].join("\n"),
    );
    expect(doc.objectives).toHaveLength(1);
    expect(doc.objectives[0]!.title).toBe("Aggiornare il regolamento");
    expect(doc.objectives[0]!.kpis[0]!.name).toBe("Approvazione in Giunta");
    expect(doc.objectives[0]!.kpis[0]!.target?.kind).toBe("boolean");
    expect(doc.objectives[0]!.due?.iso).toBe("2025-12-31");
  });
});

describe("cards and step tables", () => {
  it("a Markdown card with fused labels, a two-line step header, code checks", async () => {
    const doc = await conv(
      [
        "# Piano dettagliato degli obiettivi 2024",
        "",
        "| SETTORE Polizia Locale | | DIRIGENTE Anna Verdi |",
        "|---|---|---|",
        "| OBIETTIVO 3.2 | | Sicurezza urbana partecipata |",
        "| Descrizione | | Coinvolgere i cittadini nel presidio del territorio |",
        "| Peso | | 25% |",
        "",
        "| Fasi | | Risultato atteso | | |",
        "| | | Indicatore | Unità di misura | Target |",
        "| 3.2.1 | Mappatura delle zone | Report | Tempo previsto | 31 marzo 2024 |",
        "| 3.1.2 | Incontri di quartiere | Incontri svolti | Numero | > 6 |",
      ].join("\n"),
      "card.md",
    );
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({ id: "3.2", title: "Sicurezza urbana partecipata", unit: "Polizia Locale", owner: "Anna Verdi" });
    expect(o.weight?.value).toBe(25);
    expect(o.steps.map((s) => [s.id, s.title])).toEqual([
      ["3.2.1", "Mappatura delle zone"],
      ["3.1.2", "Incontri di quartiere"],
    ]);
    expect(o.steps[0]!.due?.iso).toBe("2024-03-31");
    expect(o.steps[0]!.kpi?.measure).toBe("Tempo previsto");
    expect(o.steps[1]!.kpi?.target).toMatchObject({ value: 6, comparator: ">" });
    expect(doc.issues.map((i) => [i.code, i.path])).toContainEqual(["id.mismatch", "/objectives/0/steps/1/id"]);
  });

  it("weights that do not add up and impossible dates are flagged where they land", async () => {
    const doc = await conv(
      [
        "Obiettivo\tPiano di manutenzione",
        "",
        "Fase\tTermine\tPeso",
        "Rilievo\t31/06/2025\t30%",
        "Progetto\t30/09/25\t50%",
      ].join("\n"),
    );
    const codes = doc.issues.map((i) => `${i.code} ${i.path}`);
    expect(codes).toContain("weight.sum /objectives/0");
    expect(codes).toContain("date.invalid /objectives/0/steps/0/due");
    expect(codes).toContain("date.two-digit-year /objectives/0/steps/1/due");
    expect(doc.objectives[0]!.steps[0]!.due).toEqual({ raw: "31/06/2025", iso: null, precision: "day" });
  });

  it("a document with no objective table converts to objectives [] and a structure.empty warning", async () => {
    const doc = await conv("Relazione introduttiva.\n\nIl presente documento descrive il contesto.\n");
    expect(doc.objectives).toEqual([]);
    expect(doc.issues).toContainEqual(expect.objectContaining({ code: "structure.empty", severity: "warning", path: "" }));
  });
});

describe("OCR debris", () => {
  it("drops lines of dots and borders read as text, and border characters at cell edges", async () => {
    const doc = await conv(
      [
        ". . , .",
        "Codice\tObiettivo\tIndicatore\tTarget\tScadenza",
        ". . , .",
        "OB.1\t| Ridurre i tempi di pagamento\tGiorni medi [\t<= 30\t31/12/2025",
        "| |",
        "OB.2\tDigitalizzare l'archivio\t|\t80%\t30/06/2025",
      ].join("\n"),
    );
    expect(doc.document.title).toBeNull();
    expect(doc.objectives.map((o) => [o.id, o.title, o.kpis[0]?.name ?? null])).toEqual([
      ["OB.1", "Ridurre i tempi di pagamento", "Giorni medi"],
      ["OB.2", "Digitalizzare l'archivio", null],
    ]);
    expect(doc.objectives[1]!.kpis[0]!.target?.value).toBe(80);
  });
});

describe("codes read by OCR", () => {
  it("are the same code once O/0, I/l/1, comma/dot and spaces are folded", async () => {
    const { sameCode } = await import("../src/lexicon/codes.js");
    expect(sameCode("2024_S008_25", "2024_SO08_25")).toBe(true);
    expect(sameCode("OB.1", "0B.l")).toBe(true);
    expect(sameCode("1.2", "1, 2")).toBe(true);
    expect(sameCode("1.2", "1.3")).toBe(false);
    expect(sameCode(null, "1")).toBe(false);
  });
});

describe("codes closed by a period", () => {
  it("a list number's closing period is not part of the code", async () => {
    const { codeValue } = await import("../src/lexicon/codes.js");
    expect(codeValue("1.5.")).toBe("1.5");
    expect(codeValue("3.")).toBe("3");
    expect(codeValue(" OB.2 ")).toBe("OB.2");
    // Not a code: left as it is.
    expect(codeValue("Vedi p.")).toBe("Vedi p.");
    const doc = await conv(["Cod.\tFase\tScadenza", "1.1.\tAvvio\t30/06/2025", "1.2.\tChiusura\t31/12/2025"].join("\n"));
    expect(doc.objectives.flatMap((o) => [o.id, ...o.steps.map((st) => st.id)]).filter((x) => x !== null)).toEqual(["1.1", "1.2"]);
  });
});

describe("cards and scales of attainment", () => {
  it("a card whose only naming text is its description: the description is its title", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "",
        "| Campo | Valore |",
        "|---|---|",
        "| Obiettivo | AB.01 |",
        "| Descrizione | Riordino dell'archivio corrente |",
        "| Responsabile | Dott. Ugo Neri |",
        "| Peso | 40% |",
        "",
        "| Campo | Valore |",
        "|---|---|",
        "| Obiettivo | AB.02 |",
        "| Descrizione | Sportello unico on line |",
        "| Responsabile | Dott.ssa Eva Rossi |",
        "| Peso | 60% |",
      ].join("\n"),
      "doc.md",
    );
    expect(doc.objectives.map((o) => [o.id, o.title, o.description])).toEqual([
      ["AB.01", "Riordino dell'archivio corrente", null],
      ["AB.02", "Sportello unico on line", null],
    ]);
    expect(doc.issues.filter((i) => i.code === "structure.empty")).toEqual([]);
  });

  it("threshold, expected value and excellence: the expected value is the target, the bounds stay labelled", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "Obiettivo OB.1 – Digitalizzare le pratiche edilizie",
        "",
        "Indicatore\tSoglia minima\tValore atteso\tValore di eccellenza\tFonte",
        "Pratiche scansionate\t2.500\t3.200\t4.000\tGestionale",
        "Richieste evase entro 15 giorni\t70%\t85%\t95%\tProtocollo",
      ].join("\n"),
    );
    const kpis = doc.objectives.flatMap((o) => o.kpis);
    expect(kpis.map((k) => [k.name, k.target?.raw, k.source])).toEqual([
      ["Pratiche scansionate", "3.200", "Gestionale"],
      ["Richieste evase entro 15 giorni", "85%", "Protocollo"],
    ]);
  });
});

describe("values exported by programs", () => {
  it("a spreadsheet's serial number in a date's column is the day it stands for; a number elsewhere stays a number", async () => {
    const doc = await conv(
      ["PIAO 2026-2028", "Codice;Obiettivo;Peso;Data fine;Target", "OB.1;Archivio digitale;60;46203;12000", "OB.2;Sportello unico;40;2026-12-31 00:00:00;≥ 90%"].join("\n"),
      "doc.csv",
    );
    expect(doc.objectives.map((o) => [o.due?.raw, o.due?.iso, o.due?.precision])).toEqual([
      ["46203", "2026-06-30", "day"],
      ["2026-12-31 00:00:00", "2026-12-31", "day"],
    ]);
    expect(doc.objectives[0]!.kpis[0]?.target).toMatchObject({ raw: "12000", kind: "number", value: 12000 });
    expect(doc.issues.filter((i) => i.code === "date.unparsed")).toEqual([]);
  });

  it("an indicator and its target in one sentence, no target column: the comparator and what follows are the target", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "Codice\tObiettivo\tIndicatore\tPeso",
        "OB.1\tPagamenti\tTempo medio di pagamento delle fatture ≤ 30 giorni\t40",
        "OB.2\tRichieste\tRichieste evase entro 15 giorni: almeno 80%\t30",
        "OB.3\tControlli\tN. controlli effettuati / n. controlli programmati = 100%\t30",
      ].join("\n"),
    );
    expect(doc.objectives.map((o) => o.kpis.map((k) => [k.name, k.target?.raw, k.target?.comparator, k.target?.value]))).toEqual([
      [["Tempo medio di pagamento delle fatture", "≤ 30 giorni", "<=", 30]],
      [["Richieste evase entro 15 giorni", "almeno 80%", ">=", 80]],
      [["N. controlli effettuati / n. controlli programmati", "= 100%", "=", 100]],
    ]);
  });
});

describe("outlines, counters and codes over tables", () => {
  it("a line of fields with lines set in under it, none marked: objectives and their steps (text with tabs, HTML with margins)", async () => {
    const txt = [
      "PIAO 2026-2028",
      "Obiettivi 2026",
      "",
      "Parco giochi di via delle Querce – Settore Tecnico – resp. Geom. Walter Bonacini – Pes. 60% – Scad. 30/09/2026",
      "\tProgetto definitivo – Scad. 31/03/2026",
      "\tCollaudo e riapertura – Scad. 30/09/2026",
      "",
      "Sportello tributi su appuntamento – Settore Finanziario – resp. Rag. Ornella Vaccari – Pes. 40% – Scad. 31/12/2026",
      "\tAgenda online – Scad. 28/02/2026",
    ].join("\n");
    const html = [
      "<p>PIAO 2026-2028</p>",
      '<p style="margin-left:0cm"><b>Parco giochi di via delle Querce</b> – peso 60% – responsabile: Geom. Walter Bonacini – entro il 30/09/2026</p>',
      '<p style="margin-left:1.25cm">Progetto definitivo – entro il 31/03/2026</p>',
      '<p style="margin-left:1.25cm">Collaudo e riapertura – entro il 30/09/2026</p>',
      '<p style="margin-left:0cm">Sportello tributi su appuntamento – peso 40% – responsabile: Rag. Ornella Vaccari – entro il 31/12/2026</p>',
      '<p style="margin-left:36pt">Agenda online – entro il 28/02/2026</p>',
    ].join("\n");
    for (const doc of [await conv(txt), await conv(html, "doc.html")]) {
      expect(doc.objectives.map((o) => [o.title, o.weight?.value, o.owner, o.steps.map((s) => [s.title, s.due?.iso])])).toEqual([
        ["Parco giochi di via delle Querce", 60, "Geom. Walter Bonacini", [["Progetto definitivo", "2026-03-31"], ["Collaudo e riapertura", "2026-09-30"]]],
        ["Sportello tributi su appuntamento", 40, "Rag. Ornella Vaccari", [["Agenda online", "2026-02-28"]]],
      ]);
    }
  });

  it("a title with a colon keeps it when no date follows the label-like word; a deadline by the rule's terms is the step's", async () => {
    const doc = await conv(
      ["# PIAO 2026-2028", "", "- **SUAP: tempi certi** — peso 100% — resp. Dott. Loris Bellandi", "    - Catalogo dei procedimenti — entro il 31/03/2026", "    - Relazione ai sindaci — nei termini di legge"].join("\n"),
      "doc.md",
    );
    expect(doc.objectives.map((o) => o.title)).toEqual(["SUAP: tempi certi"]);
    expect(doc.objectives[0]!.steps.map((s) => [s.title, s.due?.raw, s.due?.iso])).toEqual([
      ["Catalogo dei procedimenti", "entro il 31/03/2026", "2026-03-31"],
      ["Relazione ai sindaci", "nei termini di legge", null],
    ]);
    expect(doc.issues.filter((i) => i.code === "date.unparsed").map((i) => i.path)).toEqual(["/objectives/0/steps/1/due"]);
  });

  it("a running number beside the codes and a phase's place (\"1 di 3\") are no codes; a code heading over a table names its objective", async () => {
    const doc = await conv(
      [
        "# PIAO 2026-2028",
        "",
        "| N. | Codice | Obiettivo | Peso |",
        "|---|---|---|---|",
        "| 1 | OO.26.118 | Registro delle imprese | 60 |",
        "| 2 | OO.26.121 | Voucher digitali | 40 |",
        "| 3 | OO.26.104 | Diritto annuale | 0 |",
        "",
        "#### OO.26.121",
        "",
        "| Fase | Descrizione | Scadenza |",
        "|---|---|---|",
        "| 1 di 2 | Pubblicazione del bando | 31/3/2026 |",
        "| 2 di 2 | Istruttoria delle domande | 30-nov-26 |",
      ].join("\n"),
      "doc.md",
    );
    expect(doc.objectives.map((o) => [o.id, Object.keys(o.extra)])).toEqual([
      ["OO.26.118", []],
      ["OO.26.121", []],
      ["OO.26.104", []],
    ]);
    expect(doc.objectives[1]!.steps.map((s) => [s.id, s.title, s.due?.iso])).toEqual([
      [null, "Pubblicazione del bando", "2026-03-31"],
      [null, "Istruttoria delle domande", "2026-11-30"],
    ]);
  });
});

describe("fixed-width prints", () => {
  it("a date's column fused with the next one's under one header (\"Scadenza Indicatore\"): the date, and the indicator split off", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "Cod.\tObiettivo\tPeso\tScadenza Indicatore\tTarget",
        "SS.01\tPresa in carico dei nuovi ospiti\t60\t31/03/2026 PAI redatti entro 30 gg\t>= 95%",
        "SS.02\tRiduzione delle contenzioni\t40\t31/12/2026 Ospiti con contenzione\t<= 5%",
      ].join("\n"),
    );
    expect(doc.objectives.map((o) => [o.due?.iso, o.kpis.map((k) => [k.name, k.target?.raw])])).toEqual([
      ["2026-03-31", [["PAI redatti entro 30 gg", ">= 95%"]]],
      ["2026-12-31", [["Ospiti con contenzione", "<= 5%"]]],
    ]);
  });

  it("a project numbered as a record opens a card (\"PROGETTO N. 1   Titolo\"); a table of counts under it is no steps", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "",
        "PROGETTO N. 1   Mensa scolastica a chilometro zero",
        "Servizio .........: Servizio Istruzione",
        "Incidenza ........: 100%",
        "",
        "   Milestone  Descrizione                             Data obiettivo  Incidenza",
        "   M1         Capitolato con criteri ambientali       31/03/2026      40%",
        "   M2         Avvio del nuovo servizio                31/08/2026      60%",
        "",
        "Servizio        Dipendenti",
        "Istruzione e Cultura         2",
        "Polizia Municipale           3",
        "Tecnico                      4",
      ].join("\n"),
    );
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value, o.steps.map((s) => [s.id, s.weight?.value])])).toEqual([
      ["1", "Mensa scolastica a chilometro zero", 100, [["M1", 40], ["M2", 60]]],
    ]);
  });
});

describe("cards side by side", () => {
  it("a grid of two cards (label | value | label | value): the left card, then the right one; a lone last card too", async () => {
    const md = [
      "# PIAO 2026-2028",
      "",
      "| Voce | Scheda | Voce | Scheda |",
      "|:--|:--|:--|:--|",
      "| **Linea di attività** | LA.01 | **Linea di attività** | LA.02 |",
      "| **Denominazione** | Presidio serale | **Denominazione** | Albo dei fornitori |",
      "| **Titolare EQ** | Comm. Renato Bisceglia | **Titolare EQ** | Dott.ssa Luisa Ferrazzini |",
      "| **Ponderazione** | 60 | **Ponderazione** | 30 |",
      "| **Tempistica** | 31/12/2026 | **Tempistica** | 30/06/2026 |",
      "",
      "| Voce | Scheda | Voce | Scheda |",
      "|:--|:--|:--|:--|",
      "| **Linea di attività** | LA.03 |  |  |",
      "| **Denominazione** | Piano di protezione civile |  |  |",
      "| **Titolare EQ** | Ing. Marzio Dellantonio |  |  |",
      "| **Ponderazione** | 10 |  |  |",
      "| **Tempistica** | 15/12/2026 |  |  |",
    ].join("\n");
    const csv = [
      "PIAO 2026-2028;;;;",
      "Scheda A;;;Scheda B;",
      "Codice obiettivo;PV_01;;Codice obiettivo;PV_02",
      "Titolo;Presidio serale;;Titolo;Albo dei fornitori",
      "Dirigente;Comm. Renato Bisceglia;;Dirigente;Dott.ssa Luisa Ferrazzini",
      "Peso (%);60;;Peso (%);40",
      "Scadenza;31/12/2026;;Scadenza;30/06/2026",
    ].join("\n");
    const a = await conv(md, "doc.md");
    expect(a.objectives.map((o) => [o.id, o.title, o.owner, o.weight?.value, o.due?.iso])).toEqual([
      ["LA.01", "Presidio serale", "Comm. Renato Bisceglia", 60, "2026-12-31"],
      ["LA.02", "Albo dei fornitori", "Dott.ssa Luisa Ferrazzini", 30, "2026-06-30"],
      ["LA.03", "Piano di protezione civile", "Ing. Marzio Dellantonio", 10, "2026-12-15"],
    ]);
    const b = await conv(csv, "doc.csv");
    expect(b.objectives.map((o) => [o.id, o.title, o.weight?.value])).toEqual([
      ["PV_01", "Presidio serale", 60],
      ["PV_02", "Albo dei fornitori", 40],
    ]);
  });
});

describe("timelines across objectives", () => {
  it("a timeline naming each step's objective by its title: the steps go to the objectives read before; an approval's date is no deadline", async () => {
    const doc = await conv(
      [
        "# PIAO 2026-2028",
        "",
        "| Obiettivo | Dirigente | Peso % | Anno di avvio | Data delibera |",
        "|---|---|---:|---:|---|",
        "| Integrazione tariffaria treno e autobus | Ing. Laura Pessina | 60 | 2025 | 18/12/2025 |",
        "| Carta dei servizi | Dott. Pietro Aliberti | 40 | 2026 | 29/01/2026 |",
        "",
        "### Cronoprogramma 2026",
        "",
        "Ogni attività riporta l'obiettivo di cui fa parte.",
        "",
        "| Trimestre | Obiettivo | Attività |",
        "|---|---|---|",
        "| I trim. 2026 | Integrazione tariffaria treno e autobus | Accordo con l'impresa ferroviaria |",
        "| I trim. 2026 | Carta dei servizi | Revisione con le associazioni |",
        "| IV trim. 2026 | Integrazione tariffaria treno e autobus | Vendita del titolo integrato |",
      ].join("\n"),
      "doc.md",
    );
    expect(doc.objectives.map((o) => [o.title, o.due, o.extra["Data delibera"], o.steps.map((s) => [s.title, s.due?.iso])])).toEqual([
      ["Integrazione tariffaria treno e autobus", null, "18/12/2025", [["Accordo con l'impresa ferroviaria", "2026-03-31"], ["Vendita del titolo integrato", "2026-12-31"]]],
      ["Carta dei servizi", null, "29/01/2026", [["Revisione con le associazioni", "2026-03-31"]]],
    ]);
  });

  it("steps keyed by their objective's slashed code; a table its caption says holds no objectives is read as none", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "",
        "COD.\tOBIETTIVO\tPESO",
        "R26/01\tBanca del germoplasma\t60",
        "R26/02\tDifesa integrata dei piccoli frutti\t40",
        "",
        "SCADENZA\tOBIETTIVO\tFASE\tDESCRIZIONE",
        "28-feb-26\tR26/01\tR26/01-A\tRaccolta delle marze",
        "31-mar-26\tR26/02\tR26/02-A\tMonitoraggio delle popolazioni",
        "30-giu-26\tR26/01\tR26/01-B\tCaratterizzazione genetica",
        "",
        "PROGETTI IN CORSO (PER MEMORIA - NON SONO OBIETTIVI DI PERFORMANCE)",
        "PROGETTO\tFINANZIATORE\tFINE PREVISTA",
        "Castagno e clima\tRegione\t31/12/2027",
        "Piccoli frutti senza residui\tFondazione Alpina\t30/06/2027",
      ].join("\n"),
    );
    expect(doc.objectives.map((o) => [o.id, o.steps.map((s) => [s.id, s.title, s.due?.iso])])).toEqual([
      ["R26/01", [["R26/01-A", "Raccolta delle marze", "2026-02-28"], ["R26/01-B", "Caratterizzazione genetica", "2026-06-30"]]],
      ["R26/02", [["R26/02-A", "Monitoraggio delle popolazioni", "2026-03-31"]]],
    ]);
    expect(doc.issues.some((i) => i.code === "structure.unread" && (i.raw ?? "").startsWith("PROGETTO"))).toBe(true);
  });
});

describe("prose cards", () => {
  it("a heading over wrapped Markdown prose telling the fields; a card numbered out of the cards with its code", async () => {
    const md = await conv(
      [
        "# PIAO 2026-2028",
        "",
        "#### Sentieristica del versante nord",
        "",
        "Il primo obiettivo, cui il Consiglio direttivo attribuisce un peso del 60%, riguarda il ripristino della rete escursionistica",
        "danneggiata dalle piogge. È affidato alla dott.ssa Marina Ottolenghi del Servizio Fruizione e dovrà concludersi entro il 31 ottobre 2026.",
        "",
        "#### Educazione ambientale nelle scuole",
        "",
        "L'ultimo obiettivo, con un peso del 40%, è in capo alla Direzione del Parco, che lo porterà a termine entro il 29 maggio 2026, alla",
        "chiusura delle lezioni.",
      ].join("\n"),
      "doc.md",
    );
    expect(md.objectives.map((o) => [o.title, o.weight?.value, o.due?.iso, o.owner])).toEqual([
      ["Sentieristica del versante nord", 60, "2026-10-31", "dott.ssa Marina Ottolenghi"],
      ["Educazione ambientale nelle scuole", 40, "2026-05-29", null],
    ]);
    const txt = await conv(
      [
        "PIAO 2026-2028",
        "",
        "Scheda n. 1/2 – MT.07.02 – Aggiornamento del Piano della mobilità",
        "",
        "Al Dipartimento Mobilità e Trasporti, guidato dall'ing. Corrado Vitale, spetta l'aggiornamento del piano. L'obiettivo pesa il 100% e va concluso entro il 15 dicembre 2026.",
      ].join("\n"),
    );
    expect(txt.objectives.map((o) => [o.id, o.title, o.weight?.value, o.due?.iso, o.owner])).toEqual([["MT.07.02", "Aggiornamento del Piano della mobilità", 100, "2026-12-15", "ing. Corrado Vitale"]]);
  });
});

describe("merged cells printed on a group's middle row", () => {
  it("steps coded under an objective whose row comes later go to it; a step printed under an objective read before stays (a mismatch)", async () => {
    const doc = await conv(
      [
        "PIAO 2026-2028",
        "Cod.,Obiettivo,Pes.,Cod. att.,Attività,Pes. att.,Av. % 31/12/25,Scad.",
        ",,,PS-1/a,Rilievo batimetrico,20,100,31/03/2026",
        "PS-1,Manutenzione del canale collettore,60,PS-1/b,Lavori di risezionamento,50,45,30/09/2026",
        ",,,PS-1/c,Collaudo,30,0,15/12/2026",
        ",,,PS-2/a,Incrocio con i dati catastali,60,30,30/06/2026",
        "PS-2,Catasto consortile,40,PS-2/b,Emissione dei ruoli,40,0,30/11/2026",
        ",,,PS-1/d,Relazione finale,0,0,31/12/2026",
      ].join("\n"),
      "doc.csv",
    );
    expect(doc.objectives.map((o) => [o.id, o.weight?.value, o.steps.map((s) => [s.id, s.weight?.value, s.progress?.value])])).toEqual([
      ["PS-1", 60, [["PS-1/a", 20, 100], ["PS-1/b", 50, 45], ["PS-1/c", 30, 0]]],
      ["PS-2", 40, [["PS-2/a", 60, 30], ["PS-2/b", 40, 0], ["PS-1/d", 0, 0]]],
    ]);
    expect(doc.issues.filter((i) => i.code === "id.mismatch").map((i) => i.path)).toEqual(["/objectives/1/steps/2/id"]);
  });
});

describe("labels qualified and protocol lines", () => {
  it("a label qualified by what it is measured on names its field; a protocol's reference opens no card", async () => {
    const doc = await conv(
      [
        "<p>Prot. n. 2871/2026 del 22/01/2026 – Tit. I/13</p>",
        "<p>UNIVERSITÀ DEGLI STUDI DI PIETRALTA</p>",
        "<p>PIAO 2026-2028</p>",
        "<p><b>Obiettivo DG.1 – Immatricolazioni semplici</b></p>",
        "<p>Area responsabile: Area Didattica</p>",
        "<p>Peso sull'insieme degli obiettivi: 100%</p>",
      ].join("\n"),
      "doc.html",
    );
    expect(doc.objectives.map((o) => [o.id, o.unit, o.weight?.value])).toEqual([["DG.1", "Area Didattica", 100]]);
  });
});

describe("titles that lost their bold", () => {
  it("a plain line right over an objective's labels is its title; a sentence over them is not", async () => {
    const doc = await conv(
      [
        "PIAO 2025-2027",
        "",
        "Ampliamento dei servizi educativi per la prima infanzia",
        "Settore: Area Servizi alla Persona",
        "Responsabile: Elena Vitali",
        "Peso relativo: 60",
        "Termine: 30.06.2025",
        "",
        "Estensione dei servizi on line con SPID e CIE",
        "Settore: Servizi Demografici",
        "Responsabile: Simone Brambati",
        "Peso relativo: 40",
        "Termine: 31.12.2025",
      ].join("\n"),
    );
    expect(doc.objectives.map((o) => [o.title, o.unit, o.weight?.value])).toEqual([
      ["Ampliamento dei servizi educativi per la prima infanzia", "Area Servizi alla Persona", 60],
      ["Estensione dei servizi on line con SPID e CIE", "Servizi Demografici", 40],
    ]);
  });
});

describe("a numbered title over a one-row table of its fields", () => {
  it("opens the objective; the table gives its fields, the steps table below its steps", async () => {
    const doc = await conv(
      [
        "PIAO 2025-2027",
        "",
        "1. Costituzione della cabina di regia per i progetti PNRR",
        "struttura\ttitolare eq\tpeso (%)",
        "Settore Viabilità e Infrastrutture\tDE SANTIS PAOLA\t100",
        "",
        "Step intermedi",
        "fase\tattività\tfine prevista\tpeso relativo",
        "1.1\tMappatura dei progetti finanziati\t31/07/2025\t51,00%",
        "1.2\tRelazione conclusiva\t31/12/2025\t49,00%",
      ].join("\n"),
    );
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.owner, o.weight?.value, o.steps.map((s) => s.id)])).toEqual([
      ["1", "Costituzione della cabina di regia per i progetti PNRR", "Settore Viabilità e Infrastrutture", "DE SANTIS PAOLA", 100, ["1.1", "1.2"]],
    ]);
  });
});

describe("label values wrapped onto the next lines", () => {
  it("a line set in under a label line, going on in lower case, continues its value", async () => {
    const doc = await conv(["PIAO 2026-2028", "", "OBIETTIVO OP.1", "Titolo: Digitalizzazione delle autorizzazioni per le", "  imprese portuali ex art. 16 e 18", "Peso: 100%"].join("\n"));
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value])).toEqual([["OP.1", "Digitalizzazione delle autorizzazioni per le imprese portuali ex art. 16 e 18", 100]]);
  });
});

describe("a title in capitals holding a colon", () => {
  it("under a card's code line it is the title, not a label of four words and its value", async () => {
    const doc = await conv(
      ["PIAO 2026-2028", "", "Scheda n. 5 — codice UVF_26_05", "CENTRALE UNICA DI COMMITTENZA: TEMPI PIÙ BREVI", "Servizio: Centrale Unica di Committenza", "Peso: 100%", "Scadenza: 31/12/2026"].join("\n"),
    );
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value])).toEqual([["UVF_26_05", "CENTRALE UNICA DI COMMITTENZA: TEMPI PIÙ BREVI", 100]]);
  });
});
