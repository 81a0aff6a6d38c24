/**
 * parse/columns.ts: a table's column roles from two votes, the header's words
 * and the body's values. Tables are built from small text exports
 * (buildBlocks), or set up directly where the block builder would read the
 * header row otherwise.
 */
import { describe, expect, it } from "vitest";
import type { TableBlock } from "../src/doc/blocks.js";
import { colOf, columnsOf, compoundHeader, type Column } from "../src/parse/columns.js";
import { isTranslation, readTableRows, rowFields } from "../src/parse/table-rows.js";
import { blocksOf, lines, tableFrom, tablesOf } from "./support/engine.js";

/** The one table of a text. */
function tableIn(text: string, name = "doc.txt"): TableBlock {
  const ts = tablesOf(blocksOf(text, name));
  expect(ts).toHaveLength(1);
  return ts[0]!;
}

const roles = (cols: readonly Column[]) => cols.map((c) => c.role);

describe("rowFields: bilingual cells", () => {
  it("a cell with the Italian over its German or Slovenian translation gives the Italian; two Italian paragraphs stay whole", () => {
    const t = tablesOf(blocksOf("<table><tr><th>Cod.</th><th>Obiettivo</th><th>Ufficio</th></tr><tr><td>GR-01</td><td>Sportello bilingue<br><i>Dvojezično okence za matične storitve</i></td><td>Ufficio anagrafe<br>Matični urad</td></tr><tr><td>GR-02</td><td>Raccolta differenziata<br>del verde</td><td>Ufficio tecnico</td></tr></table>", "doc.html"))[0]!;
    const cols = columnsOf(t);
    const recs = readTableRows(t, cols);
    expect(recs.map((r) => rowFields(cols, r.cells, r).map((f) => f.raw))).toEqual([
      ["GR-01", "Sportello bilingue", "Ufficio anagrafe"],
      ["GR-02", "Raccolta differenziata del verde", "Ufficio tecnico"],
    ]);
    expect(isTranslation("Riduzione delle perdite", "Verringerung der Wasserverluste im Leitungsnetz")).toBe(true);
    expect(isTranslation("Piano di manutenzione", "delle strade provinciali")).toBe(false);
  });
});

describe("rowFields: a cell of labelled fields", () => {
  it("`Settore: …`, `Responsabile: …`, `Peso: …` in one cell of a column no role claims: each its field", () => {
    const t = tableIn(lines('"Codice","Obiettivo","Dettaglio"', '"PA.1","Messa in sicurezza dei ponti","Settore: Viabilità\nResponsabile: ing. Michele Neri\nPeso: 55%"'), "doc.csv");
    const cols = columnsOf(t);
    const [rec] = readTableRows(t, cols);
    expect(rowFields(cols, rec!.cells, rec!).map((f) => [f.role, f.raw])).toEqual([
      ["code", "PA.1"],
      ["objective", "Messa in sicurezza dei ponti"],
      ["unit", "Viabilità"],
      ["owner", "ing. Michele Neri"],
      ["weight", "55%"],
    ]);
  });
});

describe("columnsOf", () => {
  it("keeps sure headers whose values agree, with full confidence", () => {
    const cols = columnsOf(
      tableIn(lines("Codice\tObiettivo\tIndicatore\tTarget\tPeso\tScadenza", "OB.1\tDigitalizzare l'archivio\tPratiche digitali\t≥ 80%\t40\t30/09/2025", "OB.2\tRidurre i tempi\tGiorni di attesa\t<= 10 gg\t60\t31/12/2025")),
    );
    expect(roles(cols)).toEqual(["code", "objective", "indicator", "target", "weight", "due"]);
    expect(cols.every((c) => c.confidence === 1)).toBe(true);
    expect(cols.map((c) => c.label)).toEqual(["Codice", "Obiettivo", "Indicatore", "Target", "Peso", "Scadenza"]);
    expect(colOf(cols, "step", "objective")?.index).toBe(1);
    expect(colOf(cols, "status")).toBeUndefined();
  });

  it("a monitoring report's header dated by its day (`Avanzamento al 30/06/2025`, `Valore al 30/06`) is a header; the dated value is the actual", () => {
    const t = tableIn(
      lines(
        "Codice\tIndicatore\tTarget 2025\tValore al 30/06\tAvanzamento al 30/06/2025\tStato",
        "OB 1\tPazienti presi in carico\t≥ 85%\t81,2%\t60%\tin corso",
        "OB 2\tReferti pubblicati\t100%\t100%\t100%\tconcluso",
      ),
    );
    expect(t.header).toHaveLength(1);
    expect(roles(columnsOf(t))).toEqual(["code", "indicator", "target", "actual", "progress", "status"]);
  });

  it("an abbreviated header naming two roles takes the one its values fit: `Att.` over long texts is the step", () => {
    const cols = columnsOf(
      tableIn(
        lines(
          "Obiettivo\tAtt.\tScadenza",
          "Riorganizzare gli uffici comunali\tMappatura dei processi di lavoro e riassegnazione del personale\t31/12/2025",
          "Digitalizzare il protocollo\tAcquisto e configurazione della nuova piattaforma di protocollo\t30/06/2025",
        ),
      ),
    );
    expect(cols[1]).toMatchObject({ label: "Att.", role: "step" });
    expect(cols[1]!.confidence).toBeLessThan(1);
  });

  it("… and over short values (≥ 90%, n. 20) the target", () => {
    const cols = columnsOf(tableIn(lines("Obiettivo\tAtt.\tScadenza", "Riorganizzare gli uffici comunali\t≥ 90%\t31/12/2025", "Digitalizzare il protocollo\tn. 20\t30/06/2025")));
    expect(cols[1]).toMatchObject({ label: "Att.", role: "target" });
  });

  it("a header the vocabulary does not know takes its role from its values: dates → due", () => {
    const cols = columnsOf(tableIn(lines("Obiettivo\tQuando\tPeso", "Riorganizzare gli uffici comunali\t31/12/2025\t40", "Digitalizzare il protocollo\t30/06/2025\t60")));
    expect(cols[1]).toMatchObject({ label: "Quando", role: "due" });
    // Values alone decide with a lower confidence.
    expect(cols[1]!.confidence).toBeCloseTo(0.7);
    expect(cols[2]).toMatchObject({ role: "weight", confidence: 1 });
  });

  it("a sure header its values plainly contradict: dates under `Note 2` are the deadline", () => {
    // Set up directly: the block builder reads "Note 2" as a label fused with its value.
    const cols = columnsOf(tableFrom([["Obiettivo", "Note 2", "Peso"]], [["Riorganizzare gli uffici comunali", "31/12/2025", "40"], ["Digitalizzare il protocollo", "30/06/2025", "60"]]));
    expect(cols[1]).toMatchObject({ label: "Note 2", role: "due" });
    expect(cols[1]!.confidence).toBeLessThan(1);
    // The same header over notes stays the note.
    const notes = columnsOf(tableFrom([["Obiettivo", "Note 2", "Peso"]], [["Riorganizzare gli uffici comunali", "Da verificare con la Giunta", "40"], ["Digitalizzare il protocollo", "Nessuna", "60"]]));
    expect(notes[1]!.role).toBe("note");
  });

  it("numbers summing to 100 under a header the vocabulary does not know are weights", () => {
    const cols = columnsOf(tableFrom([["Obiettivo", "Quota", "Scadenza"]], [["Riorganizzare gli uffici", "30", "31/12/2025"], ["Digitalizzare il protocollo", "70", "30/06/2025"]]));
    expect(cols[1]).toMatchObject({ role: "weight" });
  });

  it("percentages summing to 100 under `% sull'obiettivo` are the step's weight", () => {
    const cols = columnsOf(
      tableIn(lines("Fase\tDescrizione\tScadenza\t% sull'obiettivo", "1\tMappatura dei processi\t30/06/2025\t30%", "2\tRiorganizzazione degli uffici\t31/12/2025\t70%")),
    );
    expect(cols[3]).toMatchObject({ label: "% sull'obiettivo", role: "weight" });
  });

  // "% sull'obiettivo" votes surely for `objective` (the % and the stop word drop out), but numbers
  // sharing out 100 contradict a text column (once a bug: they counted as its codes, the weights were lost).
  it("bare numbers summing to 100 under `% sull'obiettivo` are the weight, not a code", () => {
    const cols = columnsOf(tableIn(lines("Fase\tDescrizione\tScadenza\t% sull'obiettivo", "1\tMappatura dei processi\t30/06/2025\t30", "2\tRiorganizzazione degli uffici\t31/12/2025\t70")));
    expect(cols[3]!.role).toBe("weight");
  });

  it("list numbers 1, 2, 3 in the first column are codes, with or without a header word", () => {
    const named = columnsOf(tableIn(lines("N.\tObiettivo\tScadenza", "1\tRiorganizzare gli uffici\t31/12/2025", "2\tDigitalizzare il protocollo\t30/06/2025", "3\tRinnovare il sito\t30/09/2025")));
    expect(roles(named)).toEqual(["code", "objective", "due"]);
    const bare = columnsOf(
      tableIn(lines("| | Obiettivo | Scadenza |", "|---|---|---|", "| 1 | Riorganizzare gli uffici | 31/12/2025 |", "| 2 | Digitalizzare il protocollo | 30/06/2025 |", "| 3 | Rinnovare il sito | 30/09/2025 |"), "doc.md"),
    );
    expect(bare[0]).toMatchObject({ label: "", role: "code" });
  });

  it("a step column of codes is the code column", () => {
    const cols = columnsOf(tableIn(lines("Fase\tDescrizione\tScadenza", "1.1\tMappatura dei processi\t30/06/2025", "1.2\tRiorganizzazione degli uffici\t31/12/2025")));
    expect(roles(cols)).toEqual(["code", "description", "due"]);
  });

  it("a weight column naming a year is the year's weight", () => {
    const cols = columnsOf(tableIn(lines("Fase\tPeso\tPeso 2025\tScadenza", "Mappatura dei processi\t40\t50\t30/06/2025", "Riorganizzazione degli uffici\t60\t50\t31/12/2025")));
    expect(cols[1]).toMatchObject({ role: "weight", year: null });
    expect(cols[2]).toMatchObject({ role: "yearWeight", year: 2025 });
  });

  it("a year after a value's word is that year's value (history), whatever the numbers under it look like", () => {
    const cols = columnsOf(tableIn(lines("N.\tObiettivo\tIndicatore\tValore 2024\tTarget\tPeso", "1\tManutenzione dei canali\tKm risagomati\t38\t45\t60", "2\tTelecontrollo degli impianti\tImpianti collegati\t4\t7\t40")));
    expect(roles(cols)).toEqual(["code", "objective", "indicator", "actual", "target", "weight"]);
    expect(cols[3]!.year).toBe(2024);
  });

  it("a higher objective's column holding titles, in a table with no other title, holds the objectives' titles", () => {
    const cols = columnsOf(tableIn(lines("N.\tObiettivo strategico\tIndicatore\tPeso", "1\tManutenzione straordinaria dei canali di scolo\tKm risagomati\t60", "2\tTelecontrollo degli impianti idrovori\tImpianti collegati\t40")));
    expect(roles(cols)).toEqual(["code", "objective", "indicator", "weight"]);
    // Beside a title column it stays the link to the higher objective.
    const linked = columnsOf(tableIn(lines("Obiettivo strategico\tObiettivo operativo\tPeso", "OS1\tManutenzione straordinaria dei canali\t60", "OS2\tTelecontrollo degli impianti\t40")));
    expect(roles(linked)).toEqual(["links", "objective", "weight"]);
  });

  it("columns repeated across the row but for an ordinal (`Fase 1 | Scadenza fase 1 | Fase 2 | …`, `Indicatore A | Target A | …`) are numbered by group; years are no ordinals", () => {
    const cols = columnsOf(tableIn(lines("N.\tObiettivo\tFase 1\tScadenza fase 1\tFase 2\tScadenza fase 2", "1\tPagamenti digitali\tConfigurazione\t31/03/2026\tChiusura del conto\t30/09/2026", "2\tArchivio edilizio\tInventario\t30/06/2026\t\t")));
    expect(cols.map((c) => [c.role, c.repeat ?? null])).toEqual([
      ["code", null],
      ["objective", null],
      ["step", 1],
      ["due", 1],
      ["step", 2],
      ["due", 2],
    ]);
    const years = columnsOf(tableIn(lines("Indicatore\tTarget 2026\tTarget 2027", "Pratiche evase\t80%\t90%", "Accessi\t100\t120")));
    expect(years.every((c) => c.repeat === undefined)).toBe(true);
  });

  it("a value expected for a year before the plan's (`Valore 2025 (atteso)` in a plan for 2026), beside the plan year's target, is history", () => {
    const t = tableIn(lines("Indicatore\tValore 2024\tValore 2025 (atteso)\tTarget 2026\tTarget 2027", "Prime visite entro 10 giorni\t71%\t78%\t≥ 85%\t≥ 90%", "Agende esposte sul CUP\t112\t120\t135\t140"));
    expect(roles(columnsOf(t, 2026))).toEqual(["indicator", "actual", "actual", "target", "target"]);
    // Without the plan's year, or in a plan for 2025, it stays a target.
    expect(roles(columnsOf(t, 2025))[2]).toBe("target");
  });

  it("counts in a column of numbers of every size, thousands among them (548, 64, 21.930), are no codes", () => {
    const t = tableIn(lines("Posti letto ordinari\t548", "Posti letto di day hospital\t64", "Ricoveri ordinari\t21.930", "Accessi al pronto soccorso\t58.412"));
    expect(roles(columnsOf(t))[1]).not.toBe("code");
    // Codes of one size stay codes (1.001, 1.002, 2.001).
    const codes = tableIn(lines("1.001\tPagamenti digitali dei servizi", "1.002\tArchivio edilizio digitale", "2.001\tPiano di protezione civile"));
    expect(roles(columnsOf(codes))[0]).toBe("code");
  });

  it("a quoted CSV cell broken over two lines, a code on the first: the record's code and its title", () => {
    const t = tableIn('Obiettivo;Struttura;Peso\n"2026-IZ-01\nAccreditamento di nuovi metodi di prova";Reparto Microbiologia;25%\n"2026-IZ-02\nSorveglianza della peste suina";Osservatorio Epidemiologico;75%\n', "doc.csv");
    const cols = columnsOf(t);
    const [first] = readTableRows(t, cols);
    expect(rowFields(cols, first!.cells, first!).map((f) => [f.role, f.raw])).toEqual([
      ["code", "2026-IZ-01"],
      ["objective", "Accreditamento di nuovi metodi di prova"],
      ["unit", "Reparto Microbiologia"],
      ["weight", "25%"],
    ]);
  });

  it("a cell whose lines are each `Label: value` (bilingual labels too) gives each field", () => {
    const t = tablesOf(blocksOf("| Cod. | Obiettivo | Dettagli |\n|---|---|---|\n| W1 | Riduzione delle perdite | Indicatore / Indikator: perdite idriche lineari<br>Target / Zielwert: ≤ 18 %<br>Peso / Gewichtung: 40 % |\n| W2 | Telelettura dei contatori | Indicatore / Indikator: contatori teleletti<br>Target / Zielwert: N. 1.800<br>Peso / Gewichtung: 60 % |\n", "doc.md"))[0]!;
    const cols = columnsOf(t);
    const [first] = readTableRows(t, cols);
    expect(rowFields(cols, first!.cells, first!).slice(2).map((f) => [f.role, f.raw])).toEqual([
      ["indicator", "perdite idriche lineari"],
      ["target", "≤ 18 %"],
      ["weight", "40 %"],
    ]);
  });

  it("a ditto mark (`id.`, `〃`, `idem`) repeats the value the record above holds in its column", () => {
    const t = tableIn(lines("Codice\tDescrizione\tSettore\tScadenza", "F.1\tProgettazione\tSettore Tecnico\t31/03/2026", "F.2\tGara\tid.\t〃", "F.3\tCollaudo\tidem\t30/09/2026"));
    const recs = readTableRows(t, columnsOf(t));
    expect(recs.map((r) => [r.cells[2], r.cells[3]])).toEqual([
      ["Settore Tecnico", "31/03/2026"],
      ["Settore Tecnico", "31/03/2026"],
      ["Settore Tecnico", "30/09/2026"],
    ]);
  });

  it("amounts under a label naming money (`Oneri di funzionamento (€)`: 412.000) are no codes, however dotted", () => {
    const cols = columnsOf(tableIn(lines("Area\tOneri di funzionamento (€)\tInterventi economici (€)", "Area Anagrafe economica\t412.000\t0", "Area Promozione e Sviluppo\t186.000\t1.350.000", "Area Regolazione del mercato\t228.000\t40.000")));
    expect(roles(cols).slice(1)).not.toContain("code");
  });

  it("a reference to another plan (`Collegamento PNRR`, `Missione`) holding long texts titles nothing: it stays a link", () => {
    const cols = columnsOf(tableIn(lines("Indicatore\tTarget\tCollegamento PNRR", "Prestazioni erogate entro 10 giorni\t≥ 90%\tM6C2 – Investimento 1.1 Case della comunità", "Reparti con cartella elettronica\tN. 12\tM6C2 – Investimento 1.1.1 Digitalizzazione")));
    expect(roles(cols)).toEqual(["indicator", "target", "links"]);
    const mission = columnsOf(tableIn(lines("Missione\tIndicatore\tTarget", "Missione 1 – Servizi istituzionali e generali\tPratiche digitali\t≥ 80%", "Missione 9 – Sviluppo sostenibile e tutela del territorio\tKm di sentieri\t40")));
    expect(roles(mission)[0]).toBe("links");
  });

  it("a formula beside the unit of measure: the shorter values are the measure, the formula a note", () => {
    const cols = columnsOf(tableIn(lines("Indicatore\tFormula\tUnità di misura\tTarget", "Istanze evase\tistanze evase entro 30 giorni / istanze ricevute\t%\t≥ 85%", "Ingressi al museo\tn. biglietti emessi nell'anno\tnumero\t≥ 6.000")));
    expect(roles(cols)).toEqual(["indicator", "note", "measure", "target"]);
  });

  it("a header naming two fields parts each value between them (`Resp. / Struttura`, `Peso – Scadenza`, `Indicatore (target)`)", () => {
    const t = tableIn(lines("Peso – Scadenza\tObiettivo\tResp. / Struttura\tIndicatore (target)", "30 – 30/06/2025\tRiordino dell'archivio\tIng. T. Sbarbaro / Settore Urbanistica\tAppuntamenti on line (≥ 70%)", "70 – 31/10/2025\tRecupero IMU\tDott.ssa L. Ferri / Servizio Tributi\tAvvisi emessi (almeno 400)"));
    const cols = columnsOf(t);
    expect(roles(cols)).toEqual(["weight", "objective", "owner", "indicator"]);
    expect(cols.map((c) => c.split?.role ?? null)).toEqual(["due", null, "unit", "target"]);
    const rec = readTableRows(t, cols)[0]!;
    expect(rowFields(cols, rec.cells, rec).map((f) => [f.role, f.raw])).toEqual([
      ["weight", "30"],
      ["due", "30/06/2025"],
      ["objective", "Riordino dell'archivio"],
      ["owner", "Ing. T. Sbarbaro"],
      ["unit", "Settore Urbanistica"],
      ["indicator", "Appuntamenti on line"],
      ["target", "≥ 70%"],
    ]);
    // A bracket that names no field is part of the label ("Peso (%)").
    expect(compoundHeader("Peso (%)")).toBeNull();
    expect(compoundHeader("Responsabile / Referente")).toBeNull();
  });

  it("two unit columns: the one naming more different units is the objectives' unit, the coarser a field of its own", () => {
    const cols = columnsOf(tableIn(lines("Area\tObiettivo\tStruttura\tPeso", "Prevenzione\tScreening mammografico\tUOC Screening oncologici\t40", "Prevenzione\tPareri igienico-sanitari\tUOC Igiene degli alimenti\t60")));
    expect(roles(cols)).toEqual(["extra", "objective", "unit", "weight"]);
  });

  it("two unlabelled deadline columns are start and end", () => {
    const cols = columnsOf(tableFrom([["Fase", "Dal", "Al"]], [["Mappatura dei processi", "01/01/2025", "30/06/2025"], ["Riorganizzazione", "01/07/2025", "31/12/2025"]]));
    expect(roles(cols)).toEqual(["step", "start", "due"]);
  });
});

describe("compound headers from abbreviations", () => {
  it("`Peso – Scad.` names two fields when its values part at the dash; a header whose values do not part stays one field", () => {
    const cols = columnsOf(tableIn(lines("| Peso – Scad. | Obiettivo | Cod. |", "|---|---|---|", "| 15 – 30/06/2025 | Sportello polifunzionale | PL-AG-01 |", "| 10 – 31/12/2025 | Registri di stato civile | PL-AG-02 |"), "doc.md"));
    expect(cols[0]!.role).toBe("weight");
    expect(cols[0]!.split).toMatchObject({ role: "due", by: "dash" });
    const plain = columnsOf(tableIn(lines("| Peso – Scad. | Obiettivo | Cod. |", "|---|---|---|", "| 15 | Sportello polifunzionale | PL-AG-01 |", "| 10 | Registri di stato civile | PL-AG-02 |"), "doc.md"));
    expect(plain[0]!.split).toBeUndefined();
  });
});

describe("year columns", () => {
  it("hold the history, unless their values are thresholds and no column holds the target: then the years' targets", () => {
    const history = columnsOf(tableIn(lines("Indicatore\tBaseline\t2023\t2024\tTarget", "Pratiche evase\t70%\t75%\t80%\t≥ 90%", "Giacenza\t500\t450\t420\t≤ 300")));
    expect(history.map((c) => [c.role, c.year])).toEqual([["indicator", null], ["baseline", null], ["actual", 2023], ["actual", 2024], ["target", null]].map(([r, y]) => [r, y]));
    const targets = columnsOf(tableIn(lines("Indicatore\tValore di partenza\t2025\t2026\t2027", "Pratiche evase\t81%\t≥ 85%\t≥ 88%\t≥ 90%", "Firme digitali\t1.350\t1.500\t1.600\t1.700", "Giacenza\t420\t≤ 350\t≤ 300\t≤ 250")));
    expect(targets.slice(2).map((c) => [c.role, c.year])).toEqual([["target", 2025], ["target", 2026], ["target", 2027]]);
  });
});

describe("enumerator columns", () => {
  it("a column of letters alone beside the steps' text numbers the steps", () => {
    const cols = columnsOf(tableIn(lines("Codice\tObiettivo\tFase\tDescrizione fase\tFine", "B25-01\tScreening oncologici\ta\tAggiornamento delle liste\t28/02/2025", "\t\tb\tInvio degli inviti\t30/09/2025", "\t\tc\tCampagna informativa\t31/12/2025")));
    expect(roles(cols)).toEqual(["code", "objective", "code", "step", "due"]);
  });
});

describe("a lone measure column of names", () => {
  it("is the indicator (`Indic.` read as `indice` over indicator names)", () => {
    const cols = columnsOf(tableIn(lines("Cod.\tObiettivo\tIndic.\tTarget", "OB-1\tRiduzione della morosità\tMorosità pregressa incassata sul totale\t≥ 35%", "OB-2\tAlloggi sfitti\tAlloggi ripristinati e riassegnati\talmeno 45")));
    expect(roles(cols)[2]).toBe("indicator");
  });
});

describe("a header joining two fields with `e`", () => {
  it("`Indicatore e target` over labelled paragraphs parts each cell into the two fields", () => {
    const [t] = tablesOf(blocksOf("<table><tr><th>Cod.</th><th>Obiettivo</th><th>Indicatore e target</th></tr><tr><td>1</td><td>Manutenzione stradale</td><td><b>Indicatore:</b> km di rete riqualificata<br><b>Target:</b> ≥ 25 km</td></tr><tr><td>2</td><td>Sismica</td><td>Indicatore: avanzamento lavori<br>Target: ≥ 40%</td></tr></table>", "doc.html"));
    const cols = columnsOf(t!);
    expect([cols[2]!.role, cols[2]!.split?.role]).toEqual(["indicator", "target"]);
    const recs = readTableRows(t!, cols);
    expect(rowFields(cols, recs[0]!.cells, recs[0]!).filter((f) => f.role === "indicator" || f.role === "target").map((f) => [f.role, f.raw])).toEqual([
      ["indicator", "km di rete riqualificata"],
      ["target", "≥ 25 km"],
    ]);
  });
});

describe("two code columns", () => {
  it("the column whose codes the objectives' lie under, printed once, is the upper level's link", () => {
    const cols = columnsOf(tableIn(lines("Linea\tCodice\tObiettivo\tPeso", "LS1\tLS1.1\tBorse di studio\t25", "\tLS1.2\tControlli ISEE\t15", "LS2\tLS2.1\tNuova residenza\t60")));
    expect(roles(cols)).toEqual(["links", "code", "objective", "weight"]);
  });
  it("over a column of steps, the upper codes stay the objectives'", () => {
    const cols = columnsOf(tableIn(lines("Ob.\tCod.\tStep\tTermine", "1\t1.1\tMappatura dei progetti\t28/02/2026", "\t1.2\tRichiesta del saldo\tmaggio 2026", "2\t2.1\tNomina dei referenti\t31/03/2026")));
    expect(roles(cols)[0]).not.toBe("links");
  });
  it("a budget's columns are no objective's fields", () => {
    const cols = columnsOf(tableIn(lines("Capitolo\tDescrizione\tStanziamento 2025", "1020\tArchivio – servizi esterni\t€ 12.000,00", "1450\tMensa scolastica – software\t€ 4.500,00")));
    expect(roles(cols)).toEqual(["extra", "description", "extra"]);
  });
});

describe("stacked headers", () => {
  it("a column past a spanning label's sub-heads, its own header lost (printed rotated), is not the span's: its values say its role", () => {
    const html =
      "<table><tr><th rowspan=2>Cod.</th><th rowspan=2>Obiettivo</th><th colspan=3>Target</th><th rowspan=2></th></tr>" +
      "<tr><th>2026</th><th>2027</th><th>2028</th></tr>" +
      "<tr><td>OG.1</td><td>Tempi di attesa</td><td>≥ 75%</td><td>≥ 80%</td><td>≥ 85%</td><td>31/12/2026</td></tr>" +
      "<tr><td>OG.2</td><td>Dimissioni protette</td><td>≥ 65%</td><td>≥ 70%</td><td>≥ 75%</td><td>30/11/2026</td></tr></table>";
    const cols = columnsOf(tablesOf(blocksOf(html, "doc.html"))[0]!, 2026);
    expect(roles(cols)).toEqual(["code", "objective", "target", "target", "target", "due"]);
  });

  it("a group over its detail: `Indicatore` over `Descrizione | Target`, `Tempi` over `Inizio | Fine`", () => {
    const cols = columnsOf(
      tableIn(
        lines(
          "| Obiettivo | Indicatore | | Tempi | |",
          "|---|---|---|---|---|",
          "| | Descrizione | Target | Inizio | Fine |",
          "| Riorganizzare gli uffici | Processi mappati | ≥ 90% | 01/01/2025 | 31/12/2025 |",
          "| Digitalizzare il protocollo | Atti digitali | 100% | 01/03/2025 | 30/06/2025 |",
        ),
        "doc.md",
      ),
    );
    expect(roles(cols)).toEqual(["objective", "indicator", "target", "start", "due"]);
    expect(cols[2]!.group).toBe("Indicatore");
    expect(cols[4]!.group).toBe("Tempi");
    expect(cols.every((c) => c.lowerRole === null)).toBe(true);
  });

  it("planned over actual dates when the records come in pairs of lines", () => {
    const cols = columnsOf(
      tableIn(
        lines(
          "| Fase | Inizio previsto | Fine prevista |",
          "|---|---|---|",
          "| | Inizio effettivo | Fine effettiva |",
          "| Analisi dei processi | 01/01/2025 | 30/06/2025 |",
          "| | 15/01/2025 | 15/07/2025 |",
          "| Riorganizzazione | 01/07/2025 | 31/12/2025 |",
          "| | 01/08/2025 | 20/12/2025 |",
        ),
        "doc.md",
      ),
    );
    expect(cols.map((c) => [c.role, c.lowerRole])).toEqual([
      ["step", null],
      ["start", "actualStart"],
      ["due", "actualEnd"],
    ]);
    expect(cols[1]!.lowerLabel).toBe("Inizio effettivo");
  });

  it("… and the lower label alone names the column when no record prints a second line", () => {
    const cols = columnsOf(
      tableIn(
        lines("| Fase | Inizio previsto | Fine prevista |", "|---|---|---|", "| | Inizio effettivo | Fine effettiva |", "| Analisi dei processi | 01/01/2025 | 30/06/2025 |", "| Riorganizzazione | 01/07/2025 | 31/12/2025 |"),
        "doc.md",
      ),
    );
    expect(cols.map((c) => [c.role, c.lowerRole])).toEqual([
      ["step", null],
      ["actualStart", null],
      ["actualEnd", null],
    ]);
    expect(cols[1]!.label).toBe("Inizio effettivo");
  });
});

describe("calendar headers", () => {
  it("month initials over marks are month columns with their periods", () => {
    const t = tableIn(
      lines(
        "Fase\tG\tF\tM\tA\tM\tG\tL\tA\tS\tO\tN\tD",
        "Analisi dei processi\tX\tX\tX\t\t\t\t\t\t\t\t\t",
        "Riorganizzazione\t\t\t\tX\tX\tX\tX\t\t\t\t\t",
      ),
    );
    const cols = columnsOf(t);
    expect(cols[0]!.role).toBe("step");
    const months = cols.slice(1);
    expect(months.every((c) => c.role === "month" && c.confidence === 1)).toBe(true);
    expect(months.map((c) => c.period)).toEqual(Array.from({ length: 12 }, (_, k) => ({ unit: "month", n: k + 1 })));
  });

  it("quarters under a year spanning them", () => {
    const cols = columnsOf(
      tableFrom(
        [
          ["Attività", "2025", "", "", ""],
          ["", "I trim", "II trim", "III trim", "IV trim"],
        ],
        [
          ["Analisi dei processi", "X", "X", "", ""],
          ["Riorganizzazione", "", "", "X", "X"],
        ],
      ),
    );
    expect(cols.slice(1).map((c) => [c.role, c.period?.unit, c.period?.n, c.label])).toEqual([
      ["month", "quarter", 1, "I trim"],
      ["month", "quarter", 2, "II trim"],
      ["month", "quarter", 3, "III trim"],
      ["month", "quarter", 4, "IV trim"],
    ]);
    // The year spans the empty cells to its right. (The column it is printed over gets no group:
    // see the calendar recogniser's test of the dates that follows from it.)
    expect(cols.slice(2).map((c) => c.group)).toEqual(["2025", "2025", "2025"]);
  });
});

describe("a cell's text cut into a column of no header", () => {
  it("one lower-case value under no header beside labelled columns is no field (no deadline from \"nel 2022\")", () => {
    const t = tableFrom([["situazione attuale", "", "criticità"]], [["Il Consorzio ha avviato la sperimentazione", "nel 2022", "Occorre più personale"]]);
    const cols = columnsOf(t);
    expect(cols[1]!.role).toBeNull();
  });
});
