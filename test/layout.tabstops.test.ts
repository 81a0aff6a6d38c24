/**
 * Documents a word processor sets with tab stops, list numbering and leaders, printed to PDF (the hold-out sets
 * holdout15 and holdout17): hand-made geometry for each habit the layout must read as a reader does.
 * Coordinates in points, origin top-left; 10 pt type, 5 pt a character.
 */
import { describe, expect, it } from "vitest";
import { layoutDocument, type PageGeom, type Word } from "../src/layout/index.js";
import { lineSegments, makeLine } from "../src/layout/lines.js";
import { LAYOUT_SETTINGS } from "../src/layout/settings.js";
import type { Row } from "../src/doc/source.js";
import { extractPdf } from "../src/extract/pdf/index.js";
import { readFileSync } from "node:fs";
import path from "node:path";

const HOLDOUT17 = path.join(import.meta.dirname, "..", "fixtures", "layouts", "holdout17");

const SIZE = 10;
const CW = 5;

/** Words of `text` from x on the line whose top is y. */
function words(text: string, x: number, y: number, bold = false): Word[] {
  const out: Word[] = [];
  let cx = x;
  for (const t of text.split(" ")) {
    if (t) out.push({ text: t, x0: cx, x1: cx + t.length * CW, y0: y, y1: y + 1.15 * SIZE, base: y + 0.9 * SIZE, size: SIZE, bold });
    cx += t.length * CW + 0.3 * SIZE;
  }
  return out;
}

/** Pieces of one line, each `[x, text]`, set a tab apart. */
function line(y: number, pieces: [number, string][], bold = false): Word[] {
  return pieces.flatMap(([x, t]) => words(t, x, y, bold));
}

function page(ws: Word[]): PageGeom {
  return { page: 1, width: 595, height: 842, rotation: 0, words: ws, rules: [], fills: [] };
}

const cellsOf = (rows: Row[]) => rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text));

describe("a numbered line's number set off by a tab", () => {
  const segs = (ws: Word[]) => lineSegments(makeLine(ws), LAYOUT_SETTINGS).map((s) => s.map((w) => w.text).join(" "));

  it("an outline's number before a bold heading is the heading's, not a cell", () => {
    expect(segs(line(100, [[62, "2.1.1"], [105, "Gestione associata del protocollo"]], true))).toEqual(["2.1.1 Gestione associata del protocollo"]);
    // In plain type, the same two pieces may be a code column beside a title column.
    expect(segs(line(100, [[62, "2.1.1"], [105, "Gestione associata del protocollo"]]))).toEqual(["2.1.1", "Gestione associata del protocollo"]);
  });

  it("numbering that names its level, or counts in Roman numerals, opens the item's text", () => {
    expect(segs(line(100, [[57, "Obiettivo 1:"], [119, "Digitalizzazione delle carriere"]]))).toEqual(["Obiettivo 1: Digitalizzazione delle carriere"]);
    expect(segs(line(100, [[51, "IV."], [90, "Educazione ambientale con le scuole"]]))).toEqual(["IV. Educazione ambientale con le scuole"]);
    // A label and its value are no numbering.
    expect(segs(line(100, [[57, "Codice"], [119, "Digitalizzazione delle carriere"]]))).toEqual(["Codice", "Digitalizzazione delle carriere"]);
  });
});

describe("phases set on tab stops, a date and a weight a tab apart", () => {
  // "Termine Peso ⇥ Fase" over rows "31/03/2026 30 % ⇥ description", a description wrapping under its column.
  const ws = [
    ...line(100, [[136, "Termine"], [175, "Peso"], [230, "Fase"]], true),
    ...line(112, [[136, "31/03/2026"], [187, "30"], [200, "%"], [230, "Adozione del manuale di gestione documentale unico"]]),
    ...line(124, [[136, "30/06/2026"], [187, "40"], [200, "%"], [230, "Migrazione degli archivi correnti dei comuni aderenti sul sistema di"]]),
    ...line(136, [[230, "protocollo dell'Unione con conservazione a norma"]]),
    ...line(148, [[136, "31/12/2026"], [187, "30"], [200, "%"], [230, "Formazione degli addetti e verifica a campione"]]),
  ];

  it("each line of values under one of the same kinds opens a row", () => {
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    const dated = rows.filter((r) => /\d\d\/\d\d\/2026/.test(r.join(" ")));
    expect(dated).toHaveLength(3);
    // (Without the rule the full lines run on into each other: one row for the first two.)
    expect(cellsOf(layoutDocument([page(ws)], { valueRows: 0 }).rows).filter((r) => /\d\d\/\d\d\/2026/.test(r.join(" ")))).toHaveLength(2);
    expect(dated[1]!.join(" ")).toContain("Migrazione degli archivi correnti dei comuni aderenti sul sistema di protocollo dell'Unione con conservazione a norma");
    expect(dated[2]!.join(" ")).not.toContain("protocollo");
  });
});

describe("a line of fields a tab apart among a list's rows", () => {
  const ws = [
    ...line(100, [[85, "Responsabile: Dott.ssa Bianca Orsenigo – Struttura: Ufficio Dottorati"], [470, "Peso 20 %"]]),
    ...line(114, [[85, "1.1"], [110, "Migrazione dei fascicoli cartacei"], [400, "31/03/2026"], [480, "40 %"]]),
    ...line(126, [[85, "1.2"], [110, "Attivazione del libretto elettronico"], [400, "30/06/2026"], [480, "30 %"]]),
    ...line(138, [[85, "1.3"], [110, "Verifica con i coordinatori"], [400, "30/09/2026"], [480, "30 %"]]),
    ...line(152, [[111, "Indicatore: dottorandi con carriera interamente digitale. Valore atteso 2026: 100%"]]),
  ];

  it("is a row of its own, and the rows under it keep their four columns", () => {
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows[0]).toEqual(["Responsabile: Dott.ssa Bianca Orsenigo – Struttura: Ufficio Dottorati", "Peso 20 %"]);
    expect(rows.slice(1, 4).map((r) => r[0])).toEqual(["1.1", "1.2", "1.3"]);
    expect(rows.slice(1, 4).every((r) => r.length === 4)).toBe(true);
  });

  it("a labelled line set in under the rows is no cell's continuation", () => {
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows[rows.length - 1]).toEqual(["Indicatore: dottorandi con carriera interamente digitale. Valore atteso 2026: 100%"]);
    expect(rows[3]!.join(" ")).not.toContain("Indicatore");
  });
});

describe("a list between the rule under its header and the rule over its total", () => {
  // holdout17/06: objective rows and their action rows with no rule between them; one rule under the header, one
  // over the total. The band between the two rules holds all the rows.
  it("reads the band's rows and columns line by line, as in a table without rules", async () => {
    const file = path.join(HOLDOUT17, "06_asp_casa_ferraguti_tabulazioni_elenco_numerato.pdf");
    const doc = await extractPdf(new Uint8Array(readFileSync(file)), "06.pdf", "sha", {});
    const rows = cellsOf(doc.rows);
    const at = (t: string) => rows.find((r) => r.some((c) => c.startsWith(t)));
    expect(at("Obiettivo n. 1")).toEqual(["Obiettivo n. 1 -", "Riduzione delle cadute degli ospiti della RSA", "30/11/2026", "25,0"]);
    expect(at("1.1.")).toEqual(["", "1.1. Valutazione del rischio di caduta all'ingresso", "31/03/2026", "30,0"]);
    // A title running close to the dates column keeps its date apart.
    expect(at("Obiettivo n. 4")).toEqual(["Obiettivo n. 4 -", "Digitalizzazione del diario assistenziale nei quattro nuclei", "31/10/2026", "20,0"]);
    expect(rows.filter((r) => r.some((c) => /^\d\.\d\. /.test(c)))).toHaveLength(13);
  });
});

describe("paragraphs of a word processor's lists", () => {
  const texts = (rows: Row[]) => rows.filter((r) => r.kind === "text").map((r) => r.cells[0]!.text);

  it("an item numbered or bulleted, set in under a line that ran to the margin, starts anew", () => {
    const ws = [
      ...words("Struttura: Area Edilizia e Sostenibilità; indicatore: riduzione dei consumi elettrici; target: ≥ 10%.", 50, 100),
      ...words("a) diagnosi energetica dell'edificio – entro il 31/03/2026 (peso 25%)", 78, 112),
      ...words("Indicatore: classi coinvolte; valore atteso: ≥ 45 entro la fine del periodo di riferimento finale", 50, 140),
      ...words("• calendario delle uscite concordato con gli istituti", 52, 152),
    ];
    expect(texts(layoutDocument([page(ws)]).rows)).toEqual([
      "Struttura: Area Edilizia e Sostenibilità; indicatore: riduzione dei consumi elettrici; target: ≥ 10%.",
      "a) diagnosi energetica dell'edificio – entro il 31/03/2026 (peso 25%)",
      "Indicatore: classi coinvolte; valore atteso: ≥ 45 entro la fine del periodo di riferimento finale",
      "• calendario delle uscite concordato con gli istituti",
    ]);
  });
});

describe("two columns of items numbered in the margin", () => {
  // holdout17/05: a Word section of two columns, items numbered I.–VI. in a hanging indent; the right column's
  // numbers stand in the gutter, left of its text.
  it("the numbers past the left column's lines open the right column's items", async () => {
    const file = path.join(HOLDOUT17, "05_parco_valli_ferrano_due_colonne_numeri_romani.pdf");
    const doc = await extractPdf(new Uint8Array(readFileSync(file)), "05.pdf", "sha", {});
    const all = doc.rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text).join(" | "));
    for (const n of ["I. Monitoraggio", "II. Manutenzione", "III. Rilascio", "IV. Educazione", "V. Prevenzione", "VI. Carta"]) expect(all.some((t) => t.startsWith(n))).toBe(true);
    expect(all.some((t) => /\| (?:IV|V|VI)\.$/.test(t))).toBe(false);
  });
});

describe("two columns of items numbered in the margin, a number misread by a scan", () => {
  // The left column's items numbered at x 51 (text at 76, lines ending by 290), the right column's at 308 (text
  // at 334): "V." read "Vv." by OCR still stands where the right column's numbers do.
  const item = (y: number, n: string, x: number, title: string, body: string[]) => [
    ...line(y, [[x, n], [x + 25, title]]),
    ...body.flatMap((t, k) => line(y + 12 * (k + 1), [[x + 25, t]])),
  ];
  const side = (x: number, ns: string[]) =>
    ns.flatMap((n, k) => item(100 + 60 * k, n, x, `Obiettivo ${k + 1} del Parco.`, ["Peso: 20; termine: 30/11/2026;", "referente: Dott. For. Rossi,", "Servizio Conservazione."]));

  it("opens the right column's items at their numbers, the misread one too", () => {
    const rows = cellsOf(layoutDocument([page([...side(51, ["I.", "II.", "III."]), ...side(308, ["IV.", "Vv.", "VI."])])]).rows).map((r) => r.join(" | "));
    for (const n of ["I. Obiettivo 1", "II. Obiettivo 2", "III. Obiettivo 3", "IV. Obiettivo 1", "Vv. Obiettivo 2", "VI. Obiettivo 3"]) expect(rows.some((t) => t.startsWith(n)), n).toBe(true);
    expect(rows.some((t) => /\| (?:IV|Vv|VI)\.$/.test(t) || t.includes("| IV.") || t.includes("| Vv."))).toBe(false);
  });
});

describe("a table nested in a card's cell", () => {
  // holdout17/07: each card a ruled table, its last row "Azioni" holding a ruled table of the actions.
  it("is read as a table of its own, after the card's rows above it", async () => {
    const file = path.join(HOLDOUT17, "07_arssa_valsenna_schede_tabelle_annidate.pdf");
    const doc = await extractPdf(new Uint8Array(readFileSync(file)), "07.pdf", "sha", {});
    const rows = cellsOf(doc.rows);
    const header = rows.findIndex((r) => r.join("|") === "Azione|Termine|Peso");
    expect(header).toBeGreaterThan(0);
    expect(rows[header - 1]).toEqual(["Azioni", "", "", ""]);
    expect(rows[header + 1]).toEqual(["Installazione di dodici nuove stazioni", "30/06/2026", "50"]);
    expect(rows.some((r) => r.some((c) => c.includes("Installazione") && c.includes("Bollettino")))).toBe(false);
  });
});

describe("a list on tab stops whose titles run across its stops", () => {
  // A header of labels; VD.01's title runs on past the "Termine" stop and wraps, its date and weight on the
  // wrapped line after a leader of dots (gone from the words; the date remembers where it began).
  const head = line(100, [[57, "Codice"], [108, "Obiettivo esecutivo / fasi"], [428, "Termine"], [504, "Peso %"]], true);
  const rest = (leader: boolean) => [
    ...line(114, [[57, "VD.01"], [108, "Riorganizzazione dello sportello polifunzionale per il cittadino con accesso"]]),
    ...line(126, [[408, "31/12/2026"], [510, "25"]]).map((w) => (leader && w.text === "31/12/2026" ? { ...w, leader: 150 } : w)),
    ...line(140, [[57, "VD.02"], [108, "Recupero dell'evasione IMU"], [408, "15/12/2026"], [505, "12,5"]]),
    ...line(152, [[57, "VD.03"], [108, "Aggiornamento del Piano"], [408, "30/09/2026"], [505, "22,5"]]),
  ];

  it("keeps the header's columns, and a wrapped title's values after a leader in its record", () => {
    const rows = cellsOf(layoutDocument([page([...head, ...rest(true)])]).rows);
    expect(rows[0]).toEqual(["Codice", "Obiettivo esecutivo / fasi", "Termine", "Peso %"]);
    expect(rows[1]).toEqual(["VD.01", "Riorganizzazione dello sportello polifunzionale per il cittadino con accesso", "31/12/2026", "25"]);
    expect(rows[2]).toEqual(["VD.02", "Recupero dell'evasione IMU", "15/12/2026", "12,5"]);
  });

  it("without the leader, the values' line is a row of its own", () => {
    const rows = cellsOf(layoutDocument([page([...head, ...rest(false)])]).rows);
    expect(rows.some((r) => r[0] === "" && r[2] === "31/12/2026")).toBe(true);
  });

  it("a column of list markers only is no column: the dash opens its item's text", () => {
    const ws = [
      ...line(100, [[108, "–"], [130, "Mappatura dei servizi erogabili"], [408, "31/03/2026"], [510, "30"]]),
      ...line(112, [[108, "–"], [130, "Attivazione dell'agenda on line"], [408, "30/06/2026"], [510, "40"]]),
      ...line(124, [[108, "–"], [130, "Indagine di gradimento"], [408, "30/11/2026"], [510, "30"]]),
    ];
    expect(cellsOf(layoutDocument([page(ws)]).rows)[0]).toEqual(["– Mappatura dei servizi erogabili", "31/03/2026", "30"]);
  });
});

describe("numbered paragraphs and lists over pages", () => {
  it("an outline's number before a text running to the right margin opens a paragraph, not a table's row", () => {
    const ws = [
      ...line(100, [[85, "2.1.1"], [125, "Immatricolazioni interamente on line. Completamento della procedura telematica di"]]),
      ...words("immatricolazione e pagamento della prima rata.", 125, 112),
      ...line(130, [[85, "2.1.2"], [125, "Tutorato per gli studenti lavoratori. Attivazione di un servizio di tutorato serale e"]]),
      ...words("a distanza per gli iscritti a tempo parziale.", 125, 142),
    ];
    const right = Math.max(...ws.map((w) => w.x1));
    const rows = layoutDocument([page(ws)]).rows.filter((r) => r.kind !== "blank");
    expect(rows.every((r) => r.kind === "text")).toBe(true);
    expect(rows[0]!.cells[0]!.text.startsWith("2.1.1 Immatricolazioni")).toBe(true);
    expect(right).toBeGreaterThan(500);
  });

  it("a list on tab stops going on at the next page's top keeps its header's columns there", () => {
    const head = line(100, [[57, "Codice"], [108, "Obiettivo esecutivo / fasi"], [428, "Termine"], [504, "Peso %"]], true);
    const p1 = [...head, ...line(114, [[57, "VD.01"], [108, "Recupero dell'evasione IMU"], [408, "15/12/2026"], [505, "40"]]), ...line(126, [[57, "VD.02"], [108, "Aggiornamento del Piano"], [408, "30/09/2026"], [505, "30"]])];
    const p2 = [
      ...line(60, [[57, "VD.03"], [108, "Presentazione esclusivamente telematica delle pratiche edilizie tramite lo"]]),
      ...line(72, [[408, "31/12/2026"], [510, "30"]]).map((w) => (w.text === "31/12/2026" ? { ...w, leader: 150 } : w)),
      ...line(86, [[108, "– Configurazione della piattaforma"], [408, "31/05/2026"], [510, "100"]]),
    ];
    const rows = cellsOf(layoutDocument([page(p1), { ...page(p2), page: 2 }]).rows);
    expect(rows.find((r) => r[0] === "VD.03")).toEqual(["VD.03", "Presentazione esclusivamente telematica delle pratiche edilizie tramite lo", "31/12/2026", "30"]);
  });
});
