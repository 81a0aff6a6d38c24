/**
 * Tables flattened into lines of text (OCR or text-layer dumps of bordered
 * tables): the header read back as labels, OCR debris as column gaps, records
 * anchored on the deadline token. Synthetic documents, no seed wording.
 */
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";
import { capitalBoundary, flattenedHeader, isDeadlineToken, segmentLine } from "../src/blocks/flattened.js";

describe("flattened header", () => {
  it("reads a line of consecutive labels as columns with roles", () => {
    expect(flattenedHeader("Obiettivo operativo Indicatore di risultato Valore atteso Scadenza")).toEqual({
      labels: ["Obiettivo operativo", "Indicatore di risultato", "Valore atteso", "Scadenza"],
      roles: ["objective", "indicator", "target", "due"],
      longest: 23,
    });
  });

  it("a line numbered as an outline's section (`2. Obiettivi, attività e indicatori`) is no flattened table's header", () => {
    expect(flattenedHeader("2. Obiettivi, attività e indicatori")).toBeNull();
  });

  it("a line the source marks as a heading (`## Obiettivi operativi 2026 e fasi di realizzazione`) heads no flattened table", async () => {
    const doc = await convertBuffer(new TextEncoder().encode("## Obiettivi operativi 2026 e fasi di realizzazione\n\nIl Consorzio gestisce i servizi sociali per 23 comuni.\n\nNel 2026 prosegue il percorso di integrazione.\n"), "doc.md", { ocr: "never" });
    expect(doc.objectives).toEqual([]);
  });

  it("does not read prose or a single label as a header", () => {
    expect(flattenedHeader("Il servizio ha ridotto i tempi di attesa agli sportelli")).toBeNull();
    expect(flattenedHeader("Indicatore di risultato")).toBeNull();
    // Two labels of the same role are not two columns of one header.
    expect(flattenedHeader("Indicatore Indicatore Scadenza")).toBeNull();
  });
});

/** Segments as text and lead (their words are the text split at its spaces, checked once below). */
const segs = (text: string) => segmentLine(text).map(({ text, lead }) => ({ text, lead }));

describe("segmentLine", () => {
  it("keeps each segment's words, which join to its text", () => {
    for (const sg of segmentLine("Ridurre i tempi . . e . Numero pratiche evase 2 sem")) expect(sg.words.join(" ")).toBe(sg.text);
  });

  it("splits at OCR debris and at pipes, and marks the piece that opens the line", () => {
    expect(segs("Ridurre i tempi di attesa . . e . Numero pratiche evase")).toEqual([
      { text: "Ridurre i tempi di attesa", lead: true },
      { text: "Numero pratiche evase", lead: false },
    ]);
    expect(segs(". N . . pratiche evase nei termini 2 sem")).toEqual([{ text: "pratiche evase nei termini 2 sem", lead: false }]);
    expect(segs("Adozione del piano | Delibera di Giunta")).toEqual([
      { text: "Adozione del piano", lead: true },
      { text: "Delibera di Giunta", lead: false },
    ]);
  });

  it("keeps dashes and slashes between words, and the article l' misread as I' or |'", () => {
    expect(segs("rapporto entrate - uscite / totale")).toEqual([{ text: "rapporto entrate - uscite / totale", lead: true }]);
    expect(segs("per I'accesso e |'uso del portale")).toEqual([{ text: "per l'accesso e l'uso del portale", lead: true }]);
  });

  it("splits at two stray letters in a row and drops one at a piece's end, but keeps Italian one-letter words", () => {
    expect(segs("Analisi dei fabbisogni q P Relazione finale")).toEqual([
      { text: "Analisi dei fabbisogni", lead: true },
      { text: "Relazione finale", lead: false },
    ]);
    expect(segs("servizi e o altri enti")).toEqual([{ text: "servizi e o altri enti", lead: true }]);
    // A lone l is no word (the article elides): at a piece's end it is debris.
    expect(segs("Manutenzione delle strade anno 2025 L")).toEqual([{ text: "Manutenzione delle strade anno 2025", lead: true }]);
  });

  it("drops pieces made only of one- and two-letter fragments", () => {
    expect(segs(". L ) e o . ;")).toEqual([]);
  });
});

describe("capitalBoundary", () => {
  const at = (s: string) => capitalBoundary(s.split(" "), 1, 99);
  it("finds a capitalised word after a word of lowercase letters", () => {
    expect(at("riduzione dei tempi medi Numero pratiche")).toBe(4);
  });
  it("skips prepositions, names and brackets", () => {
    expect(at("richiesta al Consiglio comunale")).toBe(-1);
    expect(at("riqualificazione Orti Comunali")).toBe(-1);
    expect(at("servizio (gestione ex Sprar di zona)")).toBe(-1);
  });
  it("finds an action noun running on in lowercase after a name, but not after a sentence's end or inside a name", () => {
    expect(at("Riqualificazione del Parco Ducale Approvazione del progetto")).toBe(4);
    expect(at("Riordino dei servizi ACI Predisposizione atti")).toBe(4);
    expect(at("incontri con la Giunta. Predisposizione di linee")).toBe(-1);
    expect(at("presidio della Polizia Locale del quartiere")).toBe(-1);
  });
  it("finds a capital N. (numero) opening an indicator after a lowercase word, but not the running text's n.", () => {
    expect(at("Formazione dei volontari N. esercitazioni svolte")).toBe(3);
    expect(at("Formazione dei volontari per n. esercitazioni")).toBe(-1);
  });
});

describe("deadline tokens", () => {
  it("accepts the period forms a deadline column holds", () => {
    for (const t of ["annuale", "2 sem", "1sem", "Il trim", "4 trim", "II semestre", "trimestre", "31/12/2025"]) expect(isDeadlineToken(t), t).toBe(true);
  });
  it("refuses words and bare years", () => {
    // A plural recurrence agrees with a noun before it ("rapporti annuali"): text, not a deadline cell.
    for (const t of ["servizi", "2025", "anno", "n. 12", "annuali", "trimestrali"]) expect(isDeadlineToken(t), t).toBe(false);
  });
});

/** A text document of the given lines, converted. */
const flat = (lines: string[], name: string) => convertBuffer(Buffer.from(lines.join("\n")), name);
/** A flattened table under the usual four-column header. */
const table = (lines: string[], name: string) => flat(["Obiettivo operativo Indicatore di risultato Valore atteso Scadenza", ...lines], name);
/** Each objective's indicators as [name, target as printed]. */
const kpisOf = (d: Awaited<ReturnType<typeof flat>>) => d.objectives.map((o) => o.kpis.map((k) => [k.name, k.target?.raw]));

describe("recovered records through the table engine", () => {
  const doc = () =>
    convertBuffer(
      Buffer.from(
        [
          "PIANO DELLA PERFORMANCE 2025 - 2027",
          "",
          "SERVIZI DEMOGRAFICI",
          "",
          "Obiettivo operativo Indicatore di risultato Valore atteso Scadenza",
          "Digitalizzare i registri di stato civile degli anni dal 1950 al 1970 con",
          ". . e . Registri digitalizzati sul totale",
          "indicizzazione degli atti e pubblicazione nel gestionale comunale . 80% annuale",
          "; . . dei registri",
          "Ridurre i tempi di rilascio della carta d'identità elettronica con | Giorni medi di attesa",
          "aperture straordinarie dello sportello nei giorni festivi | <= 10 gg 2 sem",
          "",
          "LAVORI PUBBLICI",
          "",
          "Obiettivo operativo Indicatore di risultato Valore atteso Scadenza",
          "Manutenzione straordinaria delle scuole primarie del territorio . . | Lavori avviati 4 trim",
        ].join("\n"),
      ),
      "flat.txt",
    );

  it("gives one objective per record, titled by the first column, with unit, deadline and the middle columns' text", async () => {
    const d = await doc();
    expect(d.document.layout.startsWith("flattened-columns")).toBe(true);
    expect(d.objectives.map((o) => o.title)).toEqual([
      "Digitalizzare i registri di stato civile degli anni dal 1950 al 1970 con indicizzazione degli atti e pubblicazione nel gestionale comunale",
      "Ridurre i tempi di rilascio della carta d'identità elettronica con aperture straordinarie dello sportello nei giorni festivi",
      "Manutenzione straordinaria delle scuole primarie del territorio",
    ]);
    expect(d.objectives.map((o) => o.unit)).toEqual(["SERVIZI DEMOGRAFICI", "SERVIZI DEMOGRAFICI", "LAVORI PUBBLICI"]);
    expect(d.objectives.map((o) => o.due?.iso)).toEqual(["2025-12-31", "2025-12-31", "2025-12-31"]);
    expect(d.objectives[0]!.kpis[0]!.name).toContain("Registri digitalizzati sul totale");
    expect(d.objectives[1]!.kpis[0]!.name).toContain("Giorni medi di attesa");
  });

  it("takes the unit from the capitals heading, not from stray cell text OCR set between it and the header", async () => {
    const d = await flat(
      [
        "AREA TECNICA MANUTENTIVA",
        "",
        "lavori di ripristino del",
        "manto stradale",
        "",
        "Obiettivo operativo Indicatore di risultato Valore atteso Scadenza",
        "Rifacimento della segnaletica orizzontale nelle vie del centro storico | Metri lineari rifatti 4 trim",
        "Censimento delle alberature dei parchi pubblici comunali con schedatura | Schede compilate annuale",
        "ACER PLATANOIDES -",
        "",
        "ANAS",
        "",
        "Potatura delle alberature dei viali alberati del quartiere nord della citta | Alberi potati 2 sem",
        "",
        "PROGETTI COMUNI Al SETTORI",
        "",
        "Riordino dell'archivio storico comunale con inventario dei fondi | Fondi inventariati annuale",
      ],
      "unit.txt",
    );
    // Capitals right below a cell's line, or a lone capitalised word, are cell text: the unit stays;
    // a capital I read as l does not hide a heading.
    expect(d.objectives.map((o) => o.unit)).toEqual([
      "AREA TECNICA MANUTENTIVA",
      "AREA TECNICA MANUTENTIVA",
      "AREA TECNICA MANUTENTIVA",
      "PROGETTI COMUNI Al SETTORI",
    ]);
  });

  it("gives a deadline read as a block of its own to the record before it, never to the next", async () => {
    // OCR read these rows cell by cell: title, indicator, target and deadline blocks in turn.
    const d = await table(
      [
        "Ridurre i tempi medi di risposta alle segnalazioni dei cittadini sul",
        "decoro urbano",
        "",
        "Segnalazioni chiuse entro dieci giorni",
        "",
        "Tempo medio di chiusura",
        "",
        "Almeno 80%",
        "",
        "Meno di 10 giorni",
        "",
        "4 trim",
        "",
        "2 trim",
        "",
        "Aggiornare il regolamento comunale per l'uso degli spazi pubblici da",
        "parte delle associazioni",
        "",
        "Bozza del regolamento in Giunta",
        "",
        "Delibera di approvazione",
        "",
        "annuale",
      ],
      "blocks.txt",
    );
    expect(d.objectives.map((o) => o.due?.raw)).toEqual(["4 trim", "annuale"]);
    // One cell a block: the first after the title is the indicator, the next the expected value.
    expect(d.objectives[1]!.kpis.map((k) => [k.name, k.target?.raw])).toEqual([["Bozza del regolamento in Giunta", "Delibera di approvazione"]]);
  });

  it("tells the indicator from the expected value line by line: separators, a capital after a lowercase word, a second cell opening", async () => {
    const d = await table(
      [
        "Potenziare i servizi di assistenza domiciliare per gli anziani soli | Utenti presi in carico",
        "con interventi settimanali programmati . . sul totale delle richieste Almeno il 90% 2 sem",
        "Migliorare la raccolta differenziata nei quartieri periferici | Percentuale di raccolta",
        ". . . differenziata",
        ". e . Almeno il 70% annuale",
      ],
      "middle.txt",
    );
    expect(kpisOf(d)).toEqual([
      [["Utenti presi in carico sul totale delle richieste", "Almeno il 90%"]],
      [["Percentuale di raccolta differenziata", "Almeno il 70%"]],
    ]);
  });

  it("keeps a record's lowercase middle text below its deadline line, and gives the next capital to the next record", async () => {
    const d = await table(
      [
        "Aggiornare il piano di protezione civile comunale | Piano aggiornato | Delibera 4 trim",
        ". . . e approvato dal Consiglio",
        ". . Esercitazioni svolte",
        "Formare i volontari del gruppo comunale di protezione civile . . | Almeno 2 annuale",
      ],
      "below.txt",
    );
    expect(d.objectives.map((o) => o.kpis.map((k) => k.name))).toEqual([["Piano aggiornato e approvato dal Consiglio"], ["Esercitazioni svolte"]]);
  });

  it("goes on with the expected value's unfinished text on a line without first-column text, and gives text right after the first column to the indicator", async () => {
    const d = await table(
      [
        "Revisione del regolamento comunale per la concessione dei contributi alle | Bozza | Proposta di delibera alla 2 sem",
        "associazioni sportive del territorio . . del regolamento",
        ". . giunta comunale",
      ],
      "unfinished.txt",
    );
    expect(kpisOf(d)).toEqual([
      [["Bozza del regolamento", "Proposta di delibera alla giunta comunale"]],
    ]);
  });

  it("does not take a proper noun inside a title for the next column's first word", async () => {
    const d = await table(
      [
        "Restauro del Teatro Civico e dei giardini Numero visitatori 2 sem",
        "Restauro del teatro Civico Comunale e del parco Numero visitatori annuale",
      ],
      "names.txt",
    );
    // A capital after another capitalised word, or running on into one, belongs to a name.
    expect(d.objectives.map((o) => o.title)).toEqual(["Restauro del Teatro Civico e dei giardini", "Restauro del teatro Civico Comunale e del parco"]);
    expect(d.objectives.map((o) => o.kpis[0]?.name)).toEqual(["Numero visitatori", "Numero visitatori"]);
  });

  it("ends a record with its latest row's deadline, and never hands a deadline on to the next record", async () => {
    const d = await table(
      [
        "Riqualificazione energetica della scuola primaria del quartiere ovest | Incarico progettazione | Determina 1 trim",
        ". . . | Avvio lavori | Verbale di consegna 3 trim",
        ". . . | Collaudo | Certificato 2 trim",
        "Sostituzione dei corpi illuminanti nelle palestre comunali con lampade | Lampade sostituite | Almeno 100 annuale",
      ],
      "latest.txt",
    );
    expect(d.objectives.map((o) => o.due?.raw)).toEqual(["3 trim", "annuale"]);
  });

  it("does not open a record on a line whose opening phrase repeats in the table (a milestone row, not a title)", async () => {
    const d = await table(
      [
        "Riqualificazione energetica della scuola primaria del quartiere ovest | Avvio dei lavori | Verbale 1 trim",
        "Conclusione dei lavori Certificato di fine lavori 3 trim",
        "Rifacimento della copertura della palestra comunale di via dei Mille | Avvio dei lavori | Verbale 2 trim",
        "Conclusione dei lavori Certificato di fine lavori 4 trim",
      ],
      "milestones.txt",
    );
    expect(d.objectives.map((o) => [o.title, o.due?.raw])).toEqual([
      ["Riqualificazione energetica della scuola primaria del quartiere ovest", "3 trim"],
      ["Rifacimento della copertura della palestra comunale di via dei Mille", "4 trim"],
    ]);
  });

  // First-column text: where a title ends, where the next begins. Each case fails without its heuristic.
  const titleCases: [string, string[], string[]][] = [
    [
      "keeps a capitalised word inside a lead the separator closes, and ends the first column at a year's full stop",
      [
        "Attivare il nuovo Sportello Unico per le imprese | Pratiche gestite online 2 sem",
        "Revisionare il piano delle alienazioni immobiliari approvato nel",
        "corso del 2024. verifica semestrale degli atti 4 trim",
      ],
      [
        "Attivare il nuovo Sportello Unico per le imprese",
        "Revisionare il piano delle alienazioni immobiliari approvato nel corso del 2024.",
      ],
    ],
    [
      "goes on with a title whose line cannot be its last (open bracket, trailing preposition), however short the next line",
      [
        "Presidio della sede del centro operativo comunale (Centro | Turni di presidio 2 sem",
        "Operativo Comunale)",
        "Revisione del piano comunale di emergenza approvato dal | Piano approvato annuale",
        "Consiglio",
      ],
      [
        "Presidio della sede del centro operativo comunale (Centro Operativo Comunale)",
        "Revisione del piano comunale di emergenza approvato dal Consiglio",
      ],
    ],
    [
      "starts a title on a nearly full line that cannot be its last",
      [
        "Riordino dell'archivio storico comunale | Faldoni riordinati annuale",
        "Esercitazioni dei volontari della protezione per",
        "migliorare l'uso dei mezzi in dotazione . . Esercitazioni svolte 2 sem",
      ],
      [
        "Riordino dell'archivio storico comunale",
        "Esercitazioni dei volontari della protezione per migliorare l'uso dei mezzi in dotazione",
      ],
    ],
    [
      "ends the first column where a numbered list item of another column begins",
      [
        "Promuovere gli eventi culturali del centro storico 1) comunicati stampa 2) manifesti | Eventi annuale",
      ],
      [
        "Promuovere gli eventi culturali del centro storico",
      ],
    ],
    [
      "opens the next record on a capital after a blank line, even when the title before ended on a preposition",
      [
        "Revisione del regolamento comunale per l'uso delle sale civiche da | Bozza approvata 2 sem",
        "",
        "Aggiornamento del piano comunale di protezione civile con le nuove aree | Piano approvato annuale",
      ],
      [
        "Revisione del regolamento comunale per l'uso delle sale civiche da",
        "Aggiornamento del piano comunale di protezione civile con le nuove aree",
      ],
    ],
    [
      "goes on with a title whose next line opens on a joining word, capitalised or not, after the record's deadline",
      [
        "Organizzare la rassegna estiva MUSICA NEI CORTILI E FESTIVAL | Concerti svolti | Almeno 6 annuale",
        "DELLA CANZONE per valorizzare i cortili storici del centro | nei cortili",
        "Riordino dell'archivio storico comunale | Faldoni riordinati 2 sem",
      ],
      [
        "Organizzare la rassegna estiva MUSICA NEI CORTILI E FESTIVAL DELLA CANZONE per valorizzare i cortili storici del centro",
        "Riordino dell'archivio storico comunale",
      ],
    ],
  ];
  it.each(titleCases)("%s", async (_, lines, titles) => {
    const d = await table(lines, "titles.txt");
    expect(d.objectives.map((o) => o.title)).toEqual(titles);
  });

  it("cuts a long lead where the rest is a full line of the second column, as wide as the separators show it elsewhere", async () => {
    const d = await table(
      [
        "Ridurre i tempi medi di pagamento delle fatture ricevute dai fornitori | Verificare ogni mese lo stato delle fatture | Indice di tempestività | 2 sem",
        "del comune e delle aziende partecipate ricevute e delle relative scadenze contabili | dei pagamenti",
        "Aggiornare il regolamento comunale di contabilità per gli uffici | Presentare la bozza del testo alla commissione | Delibera approvata | annuale",
      ],
      "second.txt",
    );
    expect(d.objectives.map((o) => o.title)).toEqual([
      "Ridurre i tempi medi di pagamento delle fatture ricevute dai fornitori del comune e delle aziende partecipate",
      "Aggiornare il regolamento comunale di contabilità per gli uffici",
    ]);
    expect(d.objectives[0]!.kpis[0]!.name).toBe("Verificare ogni mese lo stato delle fatture ricevute e delle relative scadenze contabili");
  });

  it("leaves documents without a flattened header untouched", async () => {
    const d = await convertBuffer(Buffer.from("Obiettivo\tIndicatore\tScadenza\nRidurre i tempi\tGiorni medi\t2 sem\n"), "t.txt");
    expect(d.document.layout).not.toContain("flattened");
    expect(d.objectives[0]!.title).toBe("Ridurre i tempi");
  });
});
