/**
 * Layouts the seeds do not have, written the way other administrations print
 * their PIAO objective tables (fixtures/unseen/: invented entities and people).
 * Each test states the canonical output by hand, per the contract.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convert, type PiaoDocument } from "../src/index.js";
import { parseDate, parseQuantity } from "../src/normalize/index.js";

const DIR = path.resolve("fixtures/unseen");
const load = (name: string): Promise<PiaoDocument> => convert(path.join(DIR, name));
/** Issues as "code path", info-level ones (two-digit years) left out unless asked. */
const issues = (doc: PiaoDocument, withInfo = false): string[] =>
  doc.issues.filter((i) => withInfo || i.severity !== "info").map((i) => `${i.code} ${i.path}`);

describe("unseen layouts", () => {
  it("Markdown pipe table: Obiettivo operativo | Indicatore | Target 2025 | Peso % | Responsabile | Scadenza", async () => {
    const doc = await load("01-markdown-pipe.md");
    expect(doc.document.period).toEqual({ from: 2025, to: 2027 });
    expect(doc.document.entity).toBe("Comune di Valdoria");
    expect(doc.objectives.map((o) => o.title)).toEqual([
      "Attivare lo sportello unico digitale per i servizi demografici",
      "Ridurre i tempi medi di rilascio delle carte d'identità elettroniche",
      "Aggiornare la carta dei servizi dell'ente",
    ]);
    const [a, b, c] = doc.objectives;
    for (const o of doc.objectives) {
      expect(o.id).toBeNull();
      // The heading right above the table names the unit.
      expect(o.unit).toBe("Settore Servizi al Cittadino");
      expect(o.kpis).toHaveLength(1);
      expect(o.steps).toEqual([]);
    }
    expect(a!.owner).toBe("Dott.ssa Elena Marchetti");
    expect(c!.owner).toBe("Sig. Luca Ferretti");
    expect(doc.objectives.map((o) => o.weight)).toEqual([
      { raw: "20 %", value: 20, unit: "%" },
      { raw: "30%", value: 30, unit: "%" },
      { raw: "50 %", value: 50, unit: "%" },
    ]);
    expect(a!.due).toEqual({ raw: "entro il 30 settembre 2025", iso: "2025-09-30", precision: "day" });
    expect(b!.due).toEqual({ raw: "31.12.2025", iso: "2025-12-31", precision: "day" });
    expect(c!.due).toEqual({ raw: "IV trimestre 2025", iso: "2025-12-31", precision: "quarter" });
    expect(a!.kpis[0]).toMatchObject({ name: "Servizi erogati online", target: { kind: "number", value: 12, comparator: ">=" } });
    expect(b!.kpis[0]).toMatchObject({ name: "Giorni medi di attesa", target: { value: 15, comparator: "<=", unit: "gg" } });
    expect(c!.kpis[0]).toMatchObject({ name: "Approvazione in Giunta", target: { kind: "boolean", value: null } });
    expect(issues(doc)).toEqual([]);
  });

  it("semicolon CSV: Cod. obiettivo;Descrizione;Fasi di attuazione;Tempistica;Peso ponderale, one row per phase", async () => {
    const doc = await load("02-csv-semicolon.csv");
    expect(doc.objectives.map((o) => [o.id, o.title])).toEqual([
      ["A.1", "Riorganizzazione dell'archivio comunale"],
      ["A.2", "Piano di formazione del personale"],
    ]);
    const [a, b] = doc.objectives;
    expect(a!.steps.map((s) => [s.id, s.title, s.due?.iso, s.weight?.value])).toEqual([
      [null, "Censimento dei fascicoli", "2025-03-31", 30],
      [null, "Scarto d'archivio e trasferimento", "2025-06-30", 30],
      [null, "Inventario digitale", "2025-12-31", 40],
    ]);
    expect(a!.steps[2]!.due).toEqual({ raw: "dicembre 2025", iso: "2025-12-31", precision: "month" });
    expect(b!.steps.map((s) => [s.title, s.due?.iso, s.weight?.value])).toEqual([
      ["Rilevazione dei fabbisogni formativi", "2025-04-30", 50],
      ["Erogazione dei corsi", "2025-12-31", 50],
    ]);
    // The objective's own cells are not repeated into its steps.
    expect(a!.steps[0]!.extra).toEqual({});
    expect(a!.weight).toBeNull();
    expect(issues(doc)).toEqual([]);
  });

  it("HTML <table> export: N. | Obiettivo | Centro di costo | Risultato atteso | Data fine | Peso", async () => {
    const doc = await load("03-html-export.html");
    expect(doc.document.entity).toBe("Unione dei Comuni della Val Brenta");
    expect(doc.document.title).not.toMatch(/doctype/i);
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit])).toEqual([
      ["1", "Manutenzione straordinaria delle strade comunali", "Ufficio Tecnico"],
      ["2", "Efficientamento energetico dell'illuminazione pubblica", "Ufficio Tecnico"],
      ["3", "Revisione del regolamento per l’uso delle sale civiche", "Segreteria Generale"],
    ]);
    const [a, b, c] = doc.objectives;
    expect(a!.kpis[0]!.target).toMatchObject({ raw: "Km di strade riasfaltate ≥ 5" });
    expect(b!.kpis[0]!.target).toMatchObject({ raw: "100% punti luce a LED" });
    expect(c!.kpis[0]!.target).toMatchObject({ raw: "Approvazione del regolamento" });
    expect(a!.due).toEqual({ raw: "31/10/2025", iso: "2025-10-31", precision: "day" });
    expect(b!.due).toEqual({ raw: "dicembre 2025", iso: "2025-12-31", precision: "month" });
    expect(c!.due).toEqual({ raw: "2025-06-30", iso: "2025-06-30", precision: "day" });
    expect(doc.objectives.map((o) => o.weight?.value)).toEqual([40, 35, 25]);
    expect(issues(doc)).toEqual([]);
  });

  it("TSV with objective rows OB.n and their steps numbered 1.1.a below them", async () => {
    const doc = await load("04-tsv-numbered.tsv");
    // "…OBIETTIVI 2025": a single-year plan, its year the period (as the contract reads a single-year
    // document), the one dates without a year take.
    expect(doc.document.period).toEqual({ from: 2025, to: 2025 });
    expect(doc.objectives.map((o) => [o.id, o.title])).toEqual([
      ["OB.1", "Potenziamento della raccolta differenziata"],
      ["OB.2", "Sicurezza degli edifici scolastici"],
    ]);
    const [a, b] = doc.objectives;
    expect(a!.steps.map((s) => [s.id, s.title, s.due?.iso, s.weight?.value])).toEqual([
      ["1.1.a", "Campagna informativa porta a porta", "2025-03-31", 30],
      ["1.1.b", "Distribuzione dei nuovi contenitori", "2025-06-30", 30],
      ["1.1.c", "Verifica della percentuale di raccolta", "2025-12-31", 40],
    ]);
    expect(b!.steps.map((s) => [s.id, s.title, s.due?.iso, s.weight?.value])).toEqual([
      ["2.1.a", "Sopralluoghi tecnici", "2025-04-30", 50],
      ["2.1.b", "Affidamento dei lavori", "2025-11-30", 50],
    ]);
    expect(a!.weight).toBeNull();
    expect(a!.due).toBeNull();
    expect(issues(doc)).toEqual([]);
  });

  it("label/value cards: Obiettivo operativo: … Dirigente responsabile: … Termine di realizzazione: …", async () => {
    const doc = await load("05-label-cards.txt");
    expect(doc.document.entity).toBe("Comune di Montefalco Alto");
    expect(doc.objectives.map((o) => o.title)).toEqual([
      "Digitalizzazione delle pratiche edilizie",
      "Aggiornamento del piano di protezione civile",
    ]);
    const [a, b] = doc.objectives;
    expect(a!.id).toBeNull();
    expect(a!.owner).toBe("Arch. Giulia Santini");
    expect(b!.owner).toBe("Ing. Roberto Galli");
    // The strategic objective it serves is a link, kept as printed.
    expect(a!.extra["Obiettivo strategico"]).toBe("Una città semplice e digitale");
    expect(a!.kpis).toHaveLength(1);
    expect(a!.kpis[0]).toMatchObject({ name: "Percentuale di pratiche presentate online", target: { kind: "percent", value: 90, unit: "%" } });
    expect(b!.kpis[0]).toMatchObject({ name: "Approvazione del piano in Consiglio", target: { kind: "boolean" } });
    expect(a!.due).toEqual({ raw: "31 dicembre 2025", iso: "2025-12-31", precision: "day" });
    expect(b!.due).toEqual({ raw: "entro il 30 settembre 2025", iso: "2025-09-30", precision: "day" });
    expect(a!.weight).toEqual({ raw: "15", value: 15, unit: null });
    expect(b!.weight?.value).toBe(10);
    expect(a!.where.line).toBe(4);
    expect(b!.where.line).toBe(12);
    // Two objective weights (15 + 10) that do not claim to be the whole plan still do not sum to 100.
    expect(issues(doc)).toEqual(["weight.objectives-sum "]);
  });

  it("step weights as fractions (0,2) that do not sum to 1, and an impossible date", async () => {
    const doc = await load("06-fraction-weights.txt");
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o.title).toBe("Monitoraggio della qualità dell'aria");
    expect(o.steps.map((s) => [s.title, s.weight?.value])).toEqual([
      ["Installazione centraline", 0.2],
      ["Raccolta dati", 0.5],
      ["Relazione finale", 0.2],
    ]);
    expect(o.steps[0]!.due).toEqual({ raw: "30.04.2025", iso: "2025-04-30", precision: "day" });
    expect(o.steps[2]!.due).toEqual({ raw: "31/04/2025", iso: null, precision: "day" });
    expect(issues(doc).sort()).toEqual(["date.invalid /objectives/0/steps/2/due", "weight.sum /objectives/0"]);
  });

  it("indicator table with baseline and one target per plan year", async () => {
    const doc = await load("07-multiyear-targets.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.weight?.value])).toEqual([
      ["F.01", "Migliorare la tempestività dei pagamenti", "Area Finanziaria", 60],
      ["F.02", "Incrementare la riscossione delle entrate tributarie", "Area Finanziaria", 40],
    ]);
    const [a, b] = doc.objectives;
    // The indicator's name keeps its first word even though it repeats the header.
    expect(a!.kpis).toHaveLength(1);
    expect(a!.kpis[0]).toMatchObject({
      name: "Indicatore di tempestività dei pagamenti",
      measure: "Giorni medi ponderati",
      target: { value: 0, comparator: "<=" },
    });
    // The first plan year's target is the target.
    expect(b!.kpis[0]).toMatchObject({ name: "Percentuale di riscossione", target: { raw: ">= 80%", value: 80, unit: "%" } });
    expect(a!.due).toBeNull();
    expect(issues(doc)).toEqual([]);
  });

  it("unit and responsible announced above each table (Settore: … / Responsabile: …)", async () => {
    const doc = await load("08-sections-owner.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.owner])).toEqual([
      ["LP1", "Completamento della nuova palestra comunale", "Lavori Pubblici e Ambiente", "Ing. Paolo Ferri"],
      ["LP2", "Piano del verde urbano", "Lavori Pubblici e Ambiente", "Ing. Paolo Ferri"],
      ["PL1", "Controlli sulla sicurezza stradale", "Polizia Locale", "Comm. Sara Bellini"],
    ]);
    const [a, b, c] = doc.objectives;
    expect(a!.due).toEqual({ raw: "II semestre", iso: "2025-12-31", precision: "half" });
    expect(a!.kpis[0]!.target).toMatchObject({ kind: "date", date: { iso: "2025-11-30" } });
    expect(b!.due).toEqual({ raw: "annuale", iso: "2025-12-31", precision: "year" });
    expect(b!.kpis[0]!.target).toMatchObject({ value: 200, comparator: ">" });
    expect(c!.due?.iso).toBe("2025-12-31");
    expect(doc.objectives.map((o) => o.weight?.value)).toEqual([50, 50, 100]);
    // Each unit's weights sum to 100: no objectives-sum warning.
    expect(issues(doc)).toEqual([]);
  });

  it("a phase table with the objective's cells merged (empty on its later rows), and a step under the wrong OB code", async () => {
    const text = [
      "Obiettivo\tFase\tScadenza\tPeso",
      "Piano del traffico urbano\tRilievo dei flussi\t30/04/2025\t40",
      "\tStesura del piano\t30/11/2025\t60",
      "Regolamento dehors\tBozza\t31/05/2025\t100",
      "",
      "",
      "Codice\tDescrizione\tScadenza",
      "OB.7\tMobilità sostenibile\t",
      "7.1.a\tPiste ciclabili\t31/12/2025",
      "6.1.a\tBike sharing\t31/12/2025",
    ].join("\n");
    const doc = await convert(new TextEncoder().encode(text), { name: "fasi.tsv" });
    expect(doc.objectives.map((o) => [o.id, o.title, o.steps.map((s) => s.title)])).toEqual([
      [null, "Piano del traffico urbano", ["Rilievo dei flussi", "Stesura del piano"]],
      [null, "Regolamento dehors", ["Bozza"]],
      ["OB.7", "Mobilità sostenibile", ["Piste ciclabili", "Bike sharing"]],
    ]);
    expect(doc.objectives[0]!.steps.map((s) => s.weight?.value)).toEqual([40, 60]);
    expect(issues(doc)).toEqual(["id.mismatch /objectives/2/steps/1/id"]);
  });

  it("Markdown scheda: a two-column card (Codice obiettivo | 3.1, Peso | peso: 25), then a phase table Fase | Dal | Al | Peso fase", async () => {
    const doc = await load("09-scheda-md.md");
    // The administration's name runs on over a joining word.
    expect(doc.document.entity).toBe('Azienda Speciale Servizi alla Persona "Collina Verde"');
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({
      id: "3.1",
      title: "Riduzione delle liste d'attesa per l'assistenza domiciliare",
      unit: "Area Anziani e Disabili",
      owner: "Dott. Marco Pellegrini",
    });
    expect(o.weight).toEqual({ raw: "peso: 25", value: 25, unit: null });
    expect(o.due).toEqual({ raw: "dicembre 2025", iso: "2025-12-31", precision: "month" });
    expect(o.kpis).toHaveLength(1);
    expect(o.kpis[0]).toMatchObject({ name: "Giorni medi tra richiesta e attivazione", target: { value: 20, comparator: "<=", unit: "gg" } });
    // The code printed before each phase's title is its id; "Dal" / "Al" are its start and end.
    expect(o.steps.map((s) => [s.id, s.title, s.start?.iso, s.due?.iso, s.weight?.value])).toEqual([
      ["3.1.1", "Mappatura della domanda", "2025-01-01", "2025-03-31", 25],
      ["3.1.2", "Revisione dei criteri di priorità", "2025-04-01", "2025-06-30", 25],
      ["3.1.3", "Attivazione del nuovo sportello", "2025-07-01", "2025-12-31", 50],
    ]);
    expect(o.extra).toEqual({});
    expect(issues(doc)).toEqual([]);
  });

  it("quoted semicolon CSV: Struttura;Obiettivo;KPI;Valore atteso 2025;Scadenza;Peso (%);Stato", async () => {
    const doc = await load("10-csv-struttura.csv");
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.status, o.weight?.value])).toEqual([
      [null, "Recupero dell'evasione IMU", "Servizio Tributi", "In corso", 40],
      [null, "Sportello telematico per i contribuenti", "Servizio Tributi", "Da avviare", 35],
      [null, "Inventario dei beni mobili", "Servizio Economato", "In corso", 25],
    ]);
    const [a, b, c] = doc.objectives;
    expect(a!.due).toEqual({ raw: "31-12-2025", iso: "2025-12-31", precision: "day" });
    expect(b!.due).toEqual({ raw: "1° semestre 2025", iso: "2025-06-30", precision: "half" });
    expect(c!.due).toEqual({ raw: "entro giugno 2025", iso: "2025-06-30", precision: "month" });
    expect(a!.kpis[0]).toMatchObject({ name: "Avvisi di accertamento emessi", target: { value: 300, comparator: ">=" } });
    expect(c!.kpis[0]).toMatchObject({ name: "Beni inventariati / totale", target: { kind: "percent", value: 100, comparator: "=" } });
    expect(issues(doc)).toEqual([]);
  });

  it("capital label lines with the value below: OBIETTIVO N. 4 / DENOMINAZIONE / DIRIGENTE / INDICATORE DI RISULTATO …", async () => {
    const doc = await load("11-upper-cards.txt");
    expect(doc.document.entity).toBe("PROVINCIA DI ROCCALTA");
    expect(doc.objectives.map((o) => [o.id, o.title, o.owner, o.unit, o.weight?.value])).toEqual([
      ["4", "Completamento del catasto delle strade provinciali", "Ing. Chiara Fontana", "Viabilità e Trasporti", 30],
      ["5", "Piano di manutenzione dei ponti", "Ing. Chiara Fontana", "Viabilità e Trasporti", 70],
    ]);
    const [a, b] = doc.objectives;
    expect(a!.where.line).toBe(4);
    expect(a!.kpis).toHaveLength(1);
    expect(a!.kpis[0]).toMatchObject({ name: "Km di rete censiti", target: { value: 450, comparator: ">=", unit: "km" } });
    expect(b!.kpis[0]).toMatchObject({ name: "Ponti ispezionati", target: { kind: "percent", value: 100 } });
    expect(a!.due).toEqual({ raw: "31.12.2025", iso: "2025-12-31", precision: "day" });
    expect(b!.due).toEqual({ raw: "IV trimestre 2025", iso: "2025-12-31", precision: "quarter" });
    expect(issues(doc)).toEqual([]);
  });

  it("weights written with their label, out of a hundred or with a footnote mark", async () => {
    const text = [
      "Piano degli obiettivi 2025",
      "",
      "Obiettivo\tScadenza\tPeso",
      "Bilancio partecipativo\t30/06/2025\tpeso 20",
      "Nuovo portale istituzionale\t31/12/2025\t30/100",
      "Piano delle alienazioni\t30/09/2025\t50%*",
    ].join("\n");
    const doc = await convert(new TextEncoder().encode(text), { name: "pesi.txt" });
    expect(doc.objectives.map((o) => o.weight?.value)).toEqual([20, 30, 50]);
    expect(issues(doc)).toEqual([]);
  });

  it("HTML table with merged cells: an objective spanning its phases (rowspan), a 'Periodo' header over Dal | Al (colspan)", async () => {
    const doc = await load("12-html-merged.html");
    expect(doc.document.entity).toBe("Comune di Pietrabianca");
    expect(doc.objectives.map((o) => [o.title, o.kind])).toEqual([
      ["Rinnovo del parco veicoli", null],
      ["Piano neve", null],
    ]);
    const [a, b] = doc.objectives;
    expect(a!.steps.map((s) => [s.title, s.start?.iso, s.due?.iso, s.weight?.value])).toEqual([
      ["Gara d'appalto", "2025-02-01", "2025-04-30", 60],
      ["Consegna dei veicoli", "2025-05-01", "2025-10-30", 40],
    ]);
    expect(b!.steps.map((s) => [s.title, s.start?.iso, s.due?.iso, s.weight?.value])).toEqual([["Approvazione del piano", "2025-09-01", "2025-10-31", 100]]);
    expect(issues(doc)).toEqual([]);
  });

  it("Gantt cronoprogramma: month (Gen … Dic) or quarter (I trim … IV trim) columns marked X / ●", async () => {
    const doc = await load("13-gantt.txt");
    expect(doc.objectives.map((o) => [o.title, o.owner])).toEqual([
      ["Digitalizzazione dei servizi cimiteriali", "Geom. Anna Ricci"],
      ["Censimento del patrimonio arboreo", null],
    ]);
    const [a, b] = doc.objectives;
    // The first marked column is the start, the last the end; no mark lands in extra.
    expect(a!.steps.map((s) => [s.title, s.start?.iso, s.due?.iso, s.due?.precision, s.extra])).toEqual([
      ["Analisi dei processi", "2025-01-31", "2025-03-31", "month", {}],
      ["Acquisto del software", "2025-04-30", "2025-05-31", "month", {}],
      ["Formazione operatori", "2025-09-30", "2025-10-31", "month", {}],
    ]);
    expect(b!.steps.map((s) => [s.title, s.due?.iso, s.due?.precision])).toEqual([
      ["Rilievo in campo", "2025-06-30", "quarter"],
      ["Caricamento nel SIT", "2025-12-31", "quarter"],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("header over two lines: Indicatore spanning Descrizione | Target", async () => {
    const doc = await load("14-two-line-header.txt");
    expect(doc.objectives.map((o) => [o.title, o.description, o.weight?.value])).toEqual([
      ["Riduzione dei consumi energetici", null, 30],
      ["Promozione della lettura", null, 70],
    ]);
    const [a, b] = doc.objectives;
    expect(a!.kpis).toHaveLength(1);
    expect(a!.kpis[0]).toMatchObject({ name: "kWh consumati negli edifici comunali", target: { raw: "-10%", value: -10, unit: "%" } });
    expect(b!.kpis[0]).toMatchObject({ name: "Prestiti della biblioteca", target: { value: 5000, comparator: ">=" } });
    expect(issues(doc)).toEqual([]);
  });

  it("table card: Obiettivo | 3.2 | title, then labels of its own (Finalità, Referente politico, Collegamento al DUP …)", async () => {
    const doc = await load("15-table-card-extra.txt");
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({ id: "3.2", title: "Welfare di comunità", owner: "Dott.ssa Paola Conti" });
    expect(o.description).toBe("Rafforzare la rete dei servizi di prossimità");
    expect(o.weight?.value).toBe(25);
    // A label whose value has the words of another label and numbers stays a label/value row.
    expect(o.extra).toEqual({
      "Referente politico": "Assessore alle Politiche Sociali",
      "Collegamento al DUP": "Missione 12 Programma 07",
      Stakeholder: "Famiglie, associazioni di volontariato",
    });
    expect(o.links).toEqual([]);
    expect(issues(doc)).toEqual([]);
  });

  it("colon cards opened by 'Obiettivo n. 1 – title'", async () => {
    const doc = await load("16-numbered-colon-cards.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.owner, o.weight?.value, o.due?.iso])).toEqual([
      ["1", "Potenziamento dei controlli edilizi", "Arch. Luigi Moretti", 40, "2025-12-31"],
      ["2", "Aggiornamento del regolamento edilizio", "Arch. Luigi Moretti", 60, "2025-09-30"],
    ]);
    expect(doc.objectives[0]!.kpis).toEqual([expect.objectContaining({ name: "Sopralluoghi effettuati", target: expect.objectContaining({ value: 80, comparator: ">=" }) })]);
    expect(doc.objectives[1]!.kpis[0]!.target?.kind).toBe("boolean");
    expect(doc.objectives[0]!.where.line).toBe(3);
    expect(issues(doc)).toEqual([]);
  });

  it("Codice | Descrizione | Indicatore | Target | Peso with no objective before it: one objective per row", async () => {
    const doc = await load("17-code-descrizione.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.description, o.weight?.value])).toEqual([
      ["01", "Riduzione dei tempi di pagamento delle fatture", null, 50],
      ["02", "Recupero dei crediti tributari", null, 50],
    ]);
    expect(doc.objectives[1]!.kpis[0]).toMatchObject({ name: "Importo riscosso", target: { value: 100000, comparator: ">=", unit: "euro" } });
    expect(issues(doc)).toEqual([]);
  });

  it("CSV cells holding line breaks (quoted, as spreadsheets export them)", async () => {
    const doc = await load("18-csv-multiline.csv");
    expect(doc.objectives.map((o) => [o.id, o.title, o.kpis[0]?.name, o.due?.iso])).toEqual([
      ["P.1", "Piano delle assunzioni 2025", "Assunzioni effettuate", "2025-12-31"],
      ["P.2", "Regolamento smart working", "Approvazione", "2025-06-30"],
    ]);
    // The record after a multi-line one keeps its own line number.
    expect(doc.objectives.map((o) => o.where.line)).toEqual([2, 5]);
    expect(issues(doc)).toEqual([]);
  });

  it("other header words: Linea strategica | Obiettivo operativo | Unità operativa | Responsabile EQ | Output atteso | Tempistica di realizzazione", async () => {
    const doc = await load("19-vocabulary-variants.txt");
    expect(doc.objectives.map((o) => [o.title, o.unit, o.owner, o.weight?.value, o.due?.iso, o.links])).toEqual([
      ["Potenziare il servizio di trasporto sociale", "Servizi Sociali", "Dott. Enrico Valli", 60, "2025-12-31", ["LS2"]],
      ["Attivare il centro estivo comunale", "Servizi Educativi", "Dott.ssa Laura Bassi", 40, "2025-06-30", ["LS2"]],
    ]);
    expect(doc.objectives[0]!.extra).toEqual({ "Linea strategica": "LS2 Comunità inclusiva" });
    expect(doc.objectives[0]!.kpis[0]!.target).toMatchObject({ raw: "Corse effettuate >= 1.200", value: 1200, comparator: ">=" });
    expect(doc.objectives[1]!.kpis[0]!.target).toMatchObject({ raw: "Apertura del centro", kind: "text" });
    expect(issues(doc)).toEqual([]);
  });

  it("phase deadlines without a year take the plan's year; progress per phase", async () => {
    const doc = await load("20-steps-without-year.txt");
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({ id: "OB.3", title: "Revisione del regolamento di polizia urbana", owner: "Comm. Davide Greco" });
    expect(o.steps.map((s) => [s.title, s.due?.iso, s.progress?.value, s.kpi?.name, s.kpi?.target?.kind])).toEqual([
      ["Analisi della normativa", "2025-03-31", 100, "Relazione istruttoria", "boolean"],
      ["Bozza del regolamento", "2025-06-30", 50, "Bozza trasmessa", "boolean"],
      ["Approvazione in Consiglio", "2025-11-30", 0, "Delibera approvata", "boolean"],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("phase table with Peso obiettivo beside Peso fase: each weight lands on its own record", async () => {
    const doc = await load("21-objective-and-phase-weights.txt");
    expect(doc.objectives.map((o) => [o.title, o.weight?.value, o.steps.map((s) => [s.title, s.weight?.value, s.due?.iso])])).toEqual([
      [
        "Sistema di videosorveglianza",
        30,
        [
          ["Progettazione", 40, "2025-03-31"],
          ["Installazione telecamere", 60, "2025-09-30"],
        ],
      ],
      ["Carta dei servizi della biblioteca", 70, [["Redazione", 100, "2025-06-30"]]],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("two indicators side by side (Indicatore 1 | Target 1 | Indicatore 2 | Target 2) and a Totale row", async () => {
    const doc = await load("22-two-indicators-total-row.txt");
    // The sum row is no objective.
    expect(doc.objectives.map((o) => o.id)).toEqual(["C1", "C2"]);
    const [a, b] = doc.objectives;
    expect(a!.kpis.map((k) => [k.name, k.target?.value, k.target?.comparator])).toEqual([
      ["Servizi attivati", 10, ">="],
      ["Utenti registrati", 2000, ">="],
    ]);
    expect(b!.kpis.map((k) => [k.name, k.target?.value])).toEqual([["Giorni medi", 15]]);
    expect(doc.objectives.map((o) => o.weight?.value)).toEqual([60, 40]);
    expect(issues(doc)).toEqual([]);
  });

  it("one table, 'Obiettivo / Fase' header: bold numbered objective rows with their plain phase rows below", async () => {
    const doc = await load("23-bold-objective-rows.md");
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value, o.steps.map((s) => [s.title, s.due?.iso, s.weight?.value])])).toEqual([
      [
        "1",
        "Sportello unico per le imprese",
        40,
        [
          ["Ricognizione dei procedimenti", "2025-03-31", 50],
          ["Attivazione del portale", "2025-09-30", 50],
        ],
      ],
      ["2", "Piano della mobilità ciclabile", 60, [["Redazione del piano", "2025-11-30", 100]]],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("table card whose value goes on in the next row (label cell empty)", async () => {
    const doc = await load("24-card-value-continued.txt");
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({ id: "OB.4", title: "Promozione turistica del territorio", owner: "Dott. Sergio Mancini" });
    expect(o.description).toBe("Realizzazione di un calendario unico degli eventi con il coinvolgimento delle Pro Loco");
    expect(o.kpis.map((k) => [k.name, k.target?.value])).toEqual([["Eventi promossi", 25]]);
    expect(o.due?.iso).toBe("2025-10-31");
    expect(issues(doc)).toEqual([]);
  });

  it("Markdown: a unit heading, '### Obiettivo 2.1 – title' headings, bullet lists of bold labels", async () => {
    const doc = await load("25-markdown-headings-bullets.md");
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.owner, o.weight?.value, o.due?.iso])).toEqual([
      ["2.1", "Armonizzazione contabile degli enti partecipati", "Area Servizi Finanziari", "Dott.ssa Monica Ferri", 35, "2025-09-30"],
      ["2.2", "Riduzione dei residui attivi", "Area Servizi Finanziari", "Dott.ssa Monica Ferri", 65, "2025-12-31"],
    ]);
    expect(doc.objectives[0]!.kpis.map((k) => [k.name, k.target?.kind])).toEqual([["Bilanci consolidati approvati nei termini", "boolean"]]);
    expect(doc.objectives[1]!.kpis[0]!.target).toMatchObject({ value: 25, comparator: ">=", unit: "%" });
    expect(doc.objectives.every((o) => Object.keys(o.extra).length === 0)).toBe(true);
    expect(doc.objectives[0]!.where.line).toBe(5);
    expect(issues(doc)).toEqual([]);
  });

  it("'Obiettivo:' with its title on the next line, every label so", async () => {
    const doc = await load("26-colon-label-value-below.txt");
    expect(doc.document.period).toEqual({ from: 2025, to: 2025 });
    expect(doc.objectives.map((o) => [o.title, o.owner, o.due?.iso])).toEqual([
      ["Riqualificazione dell'illuminazione del centro storico", "Ing. Marta Colombo", "2025-12-31"],
    ]);
    expect(doc.objectives[0]!.kpis.map((k) => [k.name, k.target?.value])).toEqual([["Punti luce sostituiti", 300]]);
    expect(issues(doc)).toEqual([]);
  });

  it("issues where they land: a code used by two objectives, a deadline past the plan, a word for a weight, an impossible date", async () => {
    const doc = await load("27-duplicate-code-issues.txt");
    // Two rows with one code and different titles are two objectives, not one continued.
    expect(doc.objectives.map((o) => [o.id, o.title])).toEqual([
      ["A1", "Primo obiettivo"],
      ["A1", "Secondo obiettivo diverso"],
      ["A3", "Terzo"],
    ]);
    expect(doc.objectives[2]!.weight).toEqual({ raw: "venti", value: null, unit: null });
    expect(doc.objectives[2]!.due).toEqual({ raw: "31/02/2026", iso: null, precision: "day" });
    // The duplicate is flagged as such; weights of two different objectives are no conflict.
    expect(issues(doc)).toEqual([
      "date.out-of-period /objectives/0/due",
      "id.duplicate /objectives/1/id",
      "weight.malformed /objectives/2/weight",
      "date.invalid /objectives/2/due",
    ]);
  });

  it("HTML cells broken with <br>: two phases and their two dates in one row; a title broken over two lines", async () => {
    const doc = await load("28-html-line-breaks.html");
    expect(doc.objectives.map((o) => [o.title, o.steps.map((s) => [s.title, s.due?.iso])])).toEqual([
      [
        "Riorganizzazione dello sportello URP",
        [
          ["Analisi dei flussi", "2025-03-31"],
          ["Nuovo orario di apertura", "2025-06-30"],
        ],
      ],
      ["Regolamento del verde", [["Approvazione", "2025-11-30"]]],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("a title wrapped onto a row of its own (only the title cell, in lower case) joins the record above", async () => {
    const doc = await load("29-wrapped-title-row.txt");
    expect(doc.objectives.map((o) => [o.title, o.weight?.value, o.kpis.length])).toEqual([
      ["Potenziamento dei servizi di assistenza scolastica per gli alunni con disabilità", 60, 1],
      ["Miglioramento della refezione", 40, 1],
    ]);
    expect(issues(doc)).toEqual([]);
  });

  it("'OB01 - title' in the objective cell, a weight per year (Peso 2025 | Peso 2026), a deadline over two years", async () => {
    const doc = await load("30-code-dash-title.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.weight?.value])).toEqual([
      ["OB01", "Revisione della pianta organica", 40],
      ["OB02", "Piano di formazione", 60],
    ]);
    // The last date the text allows is the deadline.
    expect(doc.objectives[0]!.due).toEqual({ raw: "31/12/2025 - 31/12/2026", iso: "2026-12-31", precision: "day" });
    expect(doc.objectives[1]!.due).toEqual({ raw: "annuale", iso: "2025-12-31", precision: "year" });
    expect(doc.objectives[1]!.kpis[0]!.target).toMatchObject({ value: 24, comparator: ">=", unit: "ore" });
    expect(issues(doc)).toEqual([]);
  });

  it("card: 'SEG-03: title', an indicator measured in time whose target is the deadline", async () => {
    const doc = await load("31-card-timed-indicator.txt");
    expect(doc.objectives).toHaveLength(1);
    const o = doc.objectives[0]!;
    expect(o).toMatchObject({ id: "SEG-03", title: "Archivio digitale delle delibere", owner: "Dott. Ugo Rinaldi" });
    expect(o.kpis[0]).toMatchObject({ name: "Rispetto dei tempi", target: { kind: "date", date: { iso: "2025-06-30" } } });
    expect(o.due).toEqual({ raw: "Entro il 30/06/2025", iso: "2025-06-30", precision: "day" });
    expect(issues(doc)).toEqual([]);
  });

  it("codes one level apart (1, then 1.1, 1.2) with indicators on the children: operational objectives under strategic lines, not objectives and steps", async () => {
    const doc = await load("32-strategic-operational-codes.txt");
    // The strategic lines are no objectives of their own: their codes are the children's links.
    expect(doc.objectives.map((o) => [o.id, o.title, o.steps.length, o.kpis.length, o.links])).toEqual([
      ["1.1", "Pagamenti elettronici", 0, 1, ["1"]],
      ["1.2", "Servizi online", 0, 1, ["1"]],
      ["2.1", "Videosorveglianza", 0, 1, ["2"]],
    ]);
    expect(issues(doc)).toEqual([]);
  });
});

describe("numbered table cards", () => {
  it("OBIETTIVO N. 3 | title, then capital labels with their values beside them", async () => {
    const doc = await load("34-table-card-numbered.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.unit, o.owner, o.weight?.value, o.due?.iso])).toEqual([
      ["3", "Riduzione del contenzioso tributario", "Tributi", "Dott. Aldo Ferrari", 20, "2025-12-31"],
    ]);
    expect(doc.objectives[0]!.kpis.map((k) => [k.name, k.target?.value, k.target?.comparator])).toEqual([["Ricorsi definiti in autotutela", 60, ">="]]);
    expect(issues(doc)).toEqual([]);
  });
});

describe("unseen encodings", () => {
  it("comma CSV in Windows-1252 with quoted decimal commas and a Totale row", async () => {
    const doc = await load("33-csv-comma-cp1252.csv");
    expect(doc.objectives.map((o) => [o.id, o.title, o.owner, o.weight?.value, o.due?.iso])).toEqual([
      ["A.01", "Gestione del personale, formazione e benessere", "Dott.ssa Rita Galli", 12.5, "2025-12-31"],
      ["A.02", "Controllo di gestione", "Dott.ssa Rita Galli", 87.5, "2025-12-31"],
    ]);
    expect(doc.objectives[1]!.due?.precision).toBe("quarter");
    expect(issues(doc)).toEqual([]);
  });
});

describe("deadline and weight wordings of other administrations", () => {
  const period = { from: 2025, to: 2027 };
  it.each([
    ["entro il 30 settembre 2025", "2025-09-30", "day"],
    ["31.12.2025", "2025-12-31", "day"],
    ["IV trimestre 2025", "2025-12-31", "quarter"],
    ["dicembre 2025", "2025-12-31", "month"],
    ["2025-12-31", "2025-12-31", "day"],
    ["1° semestre 2026", "2026-06-30", "half"],
    ["entro il 31 dicembre di ogni anno", "2025-12-31", "day"],
    ["31/12 di ciascun anno", "2025-12-31", "day"],
    ["triennio 2025-2027", "2027-12-31", "year"],
  ])("%s → %s", (raw, iso, precision) => {
    expect(parseDate(raw, { period })?.value).toEqual({ raw, iso, precision });
  });

  it.each([
    ["20 %", 20],
    ["0,2", 0.2],
    ["peso: 15", 15],
    ["peso 20", 20],
    ["30/100", 30],
    ["50%*", 50],
  ])("%s → %s", (raw, value) => {
    expect(parseQuantity(raw)?.value).toBe(value);
  });
});

