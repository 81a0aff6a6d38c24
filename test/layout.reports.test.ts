/**
 * Reports printed by performance-management software (the hold-out set holdout20): fields drawn at fixed
 * positions, sub-tables ruled under their header only and repeated for every record, a column of labels
 * beside their values at the values' tight leading. Hand-made geometry for each habit the layout must read
 * as a reader does. Coordinates in points, origin top-left; 8 pt type, 4 pt a character.
 */
import { describe, expect, it } from "vitest";
import { layoutDocument, type PageGeom, type Word } from "../src/layout/index.js";
import { headerLine, labelBlock } from "../src/layout/table.js";
import { joinMonospaced } from "../src/extract/pdf/geometry.js";
import { makeLine } from "../src/layout/lines.js";
import { LAYOUT_SETTINGS } from "../src/layout/settings.js";
import type { Rule } from "../src/doc/geometry.js";
import type { Row } from "../src/doc/source.js";
import { extractPdf } from "../src/extract/pdf/index.js";
import { readFileSync } from "node:fs";
import path from "node:path";

const HOLDOUT20 = path.join(import.meta.dirname, "..", "fixtures", "layouts", "holdout20");

const SIZE = 8;
const CW = 4;

function words(text: string, x: number, y: number, bold = false, cw = CW): Word[] {
  const out: Word[] = [];
  let cx = x;
  for (const t of text.split(" ")) {
    if (t) out.push({ text: t, x0: cx, x1: cx + t.length * cw, y0: y, y1: y + 1.15 * SIZE, base: y + 0.9 * SIZE, size: SIZE, bold });
    cx += t.length * cw + (cw === CW ? 0.3 * SIZE : cw);
  }
  return out;
}

function line(y: number, pieces: [number, string][], bold = false): Word[] {
  return pieces.flatMap(([x, t]) => words(t, x, y, bold));
}

const rule = (y: number): Rule => ({ x0: 52, x1: 554, y0: y, y1: y, w: 0.5 });

function page(ws: Word[], rules: Rule[] = []): PageGeom {
  return { page: 1, width: 595, height: 842, rotation: 0, words: ws, rules, fills: [] };
}

const cellsOf = (rows: Row[]) => rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text));

describe("sub-tables ruled under their header only, one under another", () => {
  // An objective's actions, then its indicators: each sub-table's header underlined, no rule between rows.
  const ws = [
    ...line(100, [[54, "N."], [70, "Azione"], [300, "Inizio"], [360, "Fine"], [420, "Peso %"], [470, "Resp."]], true),
    ...line(116, [[54, "1"], [70, "Ricognizione dei regolamenti vigenti"], [300, "01/01/2026"], [360, "31/03/2026"], [425, "30,00"], [470, "Sig.ra Tecla Bonfanti"]]),
    ...line(126, [[54, "2"], [70, "Bozza e confronto con i comuni"], [300, "01/04/2026"], [360, "30/06/2026"], [425, "40,00"], [470, "Sig.ra Tecla Bonfanti"]]),
    ...line(136, [[54, "3"], [70, "Approvazione in Consiglio"], [300, "01/07/2026"], [360, "30/09/2026"], [425, "30,00"], [470, "Dott.ssa Mirella Canepari"]]),
    ...line(150, [[54, "Indicatori"]], true),
    ...line(162, [[54, "Indicatore"], [300, "U.M."], [360, "Baseline"], [420, "Target 2026"]], true),
    ...line(178, [[54, "Regolamento approvato"], [300, "-"], [360, "n.d."], [420, "Sì"]]),
    ...line(200, [[54, "N."], [70, "Azione"], [300, "Inizio"], [360, "Fine"], [420, "Peso %"], [470, "Resp."]], true),
    ...line(216, [[54, "1"], [70, "Definizione del perimetro"], [300, "01/01/2026"], [360, "28/02/2026"], [425, "20,00"], [470, "Rag. Milena Sarti"]]),
    ...line(226, [[54, "2"], [70, "Riconciliazione dei rapporti"], [300, "01/03/2026"], [360, "31/07/2026"], [425, "80,00"], [470, "Rag. Milena Sarti"]]),
  ];
  const rules = [rule(111), rule(173), rule(211)];

  it("each line of the band under a header is a row, and the next header opens a table of its own", () => {
    const rows = cellsOf(layoutDocument([page(ws, rules)]).rows);
    const actions = rows.filter((r) => /^\d$/.test(r[0] ?? ""));
    expect(actions.map((r) => r.slice(0, 2))).toEqual([
      ["1", "Ricognizione dei regolamenti vigenti"],
      ["2", "Bozza e confronto con i comuni"],
      ["3", "Approvazione in Consiglio"],
      ["1", "Definizione del perimetro"],
      ["2", "Riconciliazione dei rapporti"],
    ]);
    expect(actions[2]).toContain("Dott.ssa Mirella Canepari");
    expect(rows.some((r) => r.join(" ").includes("Approvazione") && r.join(" ").includes("Indicatore"))).toBe(false);
    expect(rows.find((r) => r[0] === "Indicatore")).toEqual(["Indicatore", "U.M.", "Baseline", "Target 2026"]);
  });

  it("a header line is three labels or more the vocabulary knows, a unit or a year set apart beside its label", () => {
    expect(headerLine(makeLine(line(100, [[54, "Indicatore"], [300, "U.M."], [360, "Baseline"], [420, "Target 2026"]])), LAYOUT_SETTINGS)).toBe(true);
    // Courier's space is 0.6 em: every word a piece of its own, "Peso" "%" and "Target" "2026" still labels.
    const mono = [...words("Peso %", 54, 100, false, 4.8), ...words("Target 2026", 120, 100, false, 4.8), ...words("Inizio", 200, 100, false, 4.8)];
    expect(headerLine(makeLine(mono), LAYOUT_SETTINGS)).toBe(true);
    // A row of values is none, nor a line of two labels.
    expect(headerLine(makeLine(line(178, [[54, "Regolamento approvato"], [300, "-"], [360, "n.d."], [420, "Sì"]])), LAYOUT_SETTINGS)).toBe(false);
    expect(headerLine(makeLine(line(100, [[54, "Indicatore"], [300, "Baseline"]])), LAYOUT_SETTINGS)).toBe(false);
  });
});

describe("a column of labels closed by colons beside their values", () => {
  // A band of a report: labels at x 45, values at x 115, lines 10 pt apart, a value wrapping at 9 pt.
  const ws = [
    ...line(100, [[45, "Obiettivo:"], [115, "Digitalizzazione dei registri di stato civile"]], true),
    ...line(110, [[45, "Descrizione:"]], true),
    ...line(110, [[115, "Scansione, indicizzazione e conservazione a norma dei registri cartacei di nascita e morte, con"]]),
    ...line(119, [[115, "consultazione delle immagini dallo sportello."]]),
    ...line(129, [[45, "Indicatore:"]], true),
    ...line(129, [[115, "Atti digitalizzati e indicizzati"]]),
  ];

  it("each label opens a row of its own, though the value beside the one above it ran to the margin", () => {
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    const labels = rows.map((r) => r[0]).filter((t) => t?.endsWith(":"));
    expect(labels).toEqual(["Obiettivo:", "Descrizione:", "Indicatore:"]);
    expect(rows.find((r) => r[0] === "Indicatore:")).toEqual(["Indicatore:", "Atti digitalizzati e indicizzati"]);
  });

  it("so does a label the vocabulary knows, without a colon, a year closing it or not", () => {
    const ws = [
      ...line(100, [[45, "Struttura"]], true),
      ...line(100, [[140, "Area Didattica e Servizi agli studenti, con sede nel polo di via dei Mille e sportelli decentrati nelle"]]),
      ...line(109, [[140, "sedi di Borgo Nuovo e Castel Lieto"]]),
      ...line(119, [[45, "Responsabile"]], true),
      ...line(119, [[140, "Dott.ssa Giorgia Mancuso"]]),
      ...line(129, [[45, "Target 2026"]], true),
      ...line(129, [[140, "≥ 90%"]]),
      ...line(139, [[45, "Baseline"]], true),
      ...line(139, [[140, "78%"]]),
    ];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows.map((r) => r[0])).toEqual(["Struttura", "Responsabile", "Target 2026", "Baseline"]);
    expect(rows[0]![1]).toMatch(/sportelli decentrati nelle sedi di Borgo Nuovo e Castel Lieto$/);
  });
});

describe("values stacked in a band between rules", () => {
  // A summary under its header's rule and over its total's rule: no rule between its rows.
  const ws = [
    ...line(100, [[54, "Area"], [330, "Obiettivi"], [450, "Ponderazione"]], true),
    ...line(116, [[54, "A1 – Affari generali, personale e bilancio"], [340, "2"], [460, "0,25"]]),
    ...line(126, [[54, "A2 – Registro delle imprese"], [340, "2"], [460, "0,35"]]),
    ...line(136, [[54, "A3 – Promozione delle imprese"], [340, "2"], [460, "0,40"]]),
    ...line(152, [[54, "Totale"], [340, "6"], [460, "1,00"]], true),
  ];
  const rules = [rule(95), rule(111), rule(147), rule(163)];

  it("a figure right under a figure makes each line a row, though the band sits between two rules", () => {
    const rows = cellsOf(layoutDocument([page(ws, rules)]).rows);
    expect(rows.filter((r) => /^A\d/.test(r[0] ?? "")).map((r) => r.join(" | "))).toEqual([
      "A1 – Affari generali, personale e bilancio | 2 | 0,25",
      "A2 – Registro delle imprese | 2 | 0,35",
      "A3 – Promozione delle imprese | 2 | 0,40",
    ]);
  });

  it("so does a target with its comparator under another", () => {
    const kpis = [
      ...line(100, [[54, "Indicatore"], [300, "U.M."], [360, "Baseline"], [420, "Target 2026"]], true),
      ...line(116, [[54, "Risorse liquidate sul bando"], [300, "%"], [360, "88,0"], [420, ">= 95"]]),
      ...line(126, [[54, "Imprese con assessment digitale"], [300, "n."], [360, "-"], [420, ">= 100"]]),
    ];
    const rows = cellsOf(layoutDocument([page(kpis, [rule(111), rule(140)])]).rows);
    expect(rows.filter((r) => r.some((c) => c.startsWith(">="))).map((r) => r[0])).toEqual(["Risorse liquidate sul bando", "Imprese con assessment digitale"]);
  });
});

describe("a label column in larger type than its values", () => {
  it("keeps a value's wrapped line, in the values' type, in the table under its value", async () => {
    // holdout20/01: labels in bold 8 pt, the title in bold 8.5 pt, the description in 7.5 pt wrapping at 9 pt.
    const file = path.join(HOLDOUT20, "01_comune_vallerotta_bande_sottoreport_gruppi.pdf");
    const rows = cellsOf((await extractPdf(new Uint8Array(readFileSync(file)), "01.pdf", "sha", {})).rows);
    const desc = rows.filter((r) => r[0] === "Descrizione:");
    expect(desc[0]?.[1]).toMatch(/dal 1950 al 1975, con consultazione delle immagini direttamente dallo sportello anagrafe\.$/);
    expect(rows.some((r) => r.length === 1 && r[0]!.startsWith("consultazione"))).toBe(false);
  });

  it("a label wrapped over two lines stays one: on a preposition, on an abbreviation, or one term of the vocabulary with no value beside each line", () => {
    const ws = [
      ...line(100, [[45, "CENTRO DI"], [150, "01. Area Affari Generali"]], true),
      ...line(109, [[45, "RESPONSABILITÀ"]], true),
      // (Narrow cells: "02. Area" and "Clarissa" wrap into the line below.)
      ...line(124, [[45, "CENTRO"], [150, "02. Area"], [200, "RESPONSABILE"], [260, "Clarissa"]], true),
      ...line(133, [[45, "RESPONSABILITA'"], [150, "Economico"], [260, "Sartori"]], true),
      ...line(148, [[45, "FASE"], [150, "DESCRIZIONE FASE"], [300, "TERMINE"]], true),
      ...line(157, [[45, "N."]], true),
      ...line(172, [[45, "1"], [150, "Ricognizione"], [300, "31/03/2026"]]),
    ];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    const firsts = rows.map((r) => r[0]);
    expect(firsts).toContain("CENTRO DI RESPONSABILITÀ");
    expect(firsts).toContain("CENTRO RESPONSABILITA'");
    expect(firsts).toContain("FASE N.");
  });

  it("a value going on in lower case beside the next label keeps the two lines one row", () => {
    const ws = [
      ...line(100, [[45, "VALORE PUBBLICO"], [150, "Migliorare le competenze delle"]], true),
      ...line(109, [[45, "PESO"], [150, "giovani generazioni"], [300, "10%"]], true),
      ...line(124, [[45, "DESCRIZIONE"], [150, "Servizi alla persona"]], true),
    ];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows.find((r) => r[0]!.startsWith("VALORE"))?.[1]).toBe("Migliorare le competenze delle giovani generazioni");
  });

  it("labels set apart more widely than their values' lines, a value opening above its label, cut no row there", () => {
    // A dense card: labels 19.5 pt apart, values 13.5 pt apart; the description opens on the line above its label.
    const ws = [
      ...line(80.5, [[62, "Codice"]], true),
      ...line(80.5, [[178, "OO 1.2"]]),
      ...line(100, [[62, "Obiettivo operativo"]], true),
      ...line(100, [[178, "Punto Impresa Digitale: assessment gratuiti"]]),
      ...line(113.5, [[178, "Valutazione gratuita del livello di digitalizzazione delle imprese con"]]),
      ...line(119.5, [[62, "Descrizione"]], true),
      ...line(127, [[178, "restituzione di un rapporto individuale."]]),
      ...line(139, [[62, "Area"]], true),
      ...line(139, [[178, "Promozione e sviluppo delle imprese"]]),
    ];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows.some((r) => r[0] === "Descrizione" && r[1]!.startsWith("restituzione"))).toBe(false);
  });

  it("a title wrapped after a colon in a first column stays one cell", () => {
    const ws = [
      ...line(100, [[54, "Partecipazioni:"], [300, "31/12/2026"], [420, "20"]]),
      ...line(109, [[54, "Liquidazione della società"]]),
      ...line(124, [[54, "Commercio:"], [300, "30/06/2026"], [420, "30"]]),
      ...line(133, [[54, "Mercato settimanale"]]),
      ...line(148, [[54, "Turismo"], [300, "30/09/2026"], [420, "50"]]),
    ];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows.map((r) => r[0])).toEqual(["Partecipazioni: Liquidazione della società", "Commercio: Mercato settimanale", "Turismo"]);
  });
});

describe("the running head", () => {
  it("is dropped from the rows and handed over as the first page's head, where a report prints its plan", () => {
    const head = (y: number) => [...line(y, [[40, "COMUNE DI VALLEROTTA"], [420, "PIAO 2026-2028"]], true)];
    const body = (y: number, t: string) => line(y, [[40, t]]);
    const pages: PageGeom[] = [1, 2, 3].map((p) => ({ ...page([...head(30), ...body(120, `Testo della pagina ${p} del piano`), ...body(132, "Obiettivi esecutivi assegnati ai settori")]), page: p }));
    const out = layoutDocument(pages);
    expect(out.head).toEqual(["COMUNE DI VALLEROTTA PIAO 2026-2028"]);
    expect(cellsOf(out.rows).some((r) => r.join(" ").includes("VALLEROTTA"))).toBe(false);
  });
});

describe("column headers set vertically", () => {
  /** A label read upwards from its foot at y 114, over the column at x. */
  const up = (x: number, label: string): Word[] => {
    let foot = 114;
    return label.split(" ").map((t) => {
      const w: Word = { text: t, x0: x, x1: x + 7.3, y0: foot - t.length * 3.6, y1: foot, base: x + 6, size: 6.5, bold: true, dir: -90 };
      foot -= t.length * 3.6 + 2;
      return w;
    });
  };
  const body = [
    ...line(120, [[37, "BL.01"], [86, "Manutenzione dei canali di scolo"], [291, "Settore Esercizio"], [497, "25,00"], [739, "30/11/2026"]]),
    ...line(132, [[37, "BL.02"], [86, "Aggiornamento del catasto consortile"], [291, "Settore Catasto"], [497, "20,00"], [739, "31/12/2026"]]),
    ...line(144, [[37, "BL.03"], [86, "Revisione del piano di classifica"], [291, "Settore Catasto"], [497, "55,00"], [739, "30/09/2026"]]),
  ];

  it("make the header line of the table below, each label's words read along their direction", () => {
    const ws = [...up(37, "Codice"), ...up(86, "Obiettivo / attività"), ...up(291, "Settore"), ...up(497, "Peso"), ...up(739, "Termine"), ...body];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows[0]).toEqual(["Codice", "Obiettivo / attività", "Settore", "Peso", "Termine"]);
    expect(rows[1]![0]).toBe("BL.01");
  });

  it("a lone vertical line in the margin is no header", () => {
    const ws = [...up(20, "Documento firmato digitalmente"), ...body];
    const rows = cellsOf(layoutDocument([page(ws)]).rows);
    expect(rows.some((r) => r.join(" ").includes("firmato"))).toBe(false);
  });
});

describe("a legacy report printed in a fixed-pitch face", () => {
  // Courier at 7 pt: every character 4.2 pt wide, a space 4.2 pt (0.6 em), columns two spaces apart or more.
  const mono = (text: string, x: number, y: number, bold = false): Word[] => {
    const out: Word[] = [];
    let cx = x;
    for (const t of text.split(" ")) {
      out.push({ text: t, x0: cx, x1: cx + t.length * 4.2, y0: y, y1: y + 8, base: y + 6.3, size: 7, bold, font: "Courier" });
      cx += (t.length + 1) * 4.2;
    }
    return out;
  };

  it("joins words one space apart, and keeps columns two spaces apart", () => {
    const ws = [...mono("Regolamento approvato", 54, 100), ...mono("-", 300, 100), ...mono("n.d.", 360, 100), ...mono("Sì", 420, 100)];
    expect(joinMonospaced(ws).map((w) => w.text)).toEqual(["Regolamento approvato", "-", "n.d.", "Sì"]);
    const rows = cellsOf(layoutDocument([page(joinMonospaced([...mono("Indicatore", 54, 88, true), ...mono("U.M.", 300, 88, true), ...mono("Baseline", 360, 88, true), ...mono("Target 2026", 420, 88, true), ...ws, ...mono("Comuni con sportello attivo", 54, 112), ...mono("n.", 300, 112), ...mono("1", 360, 112), ...mono("4", 420, 112)]))]).rows);
    expect(rows).toEqual([
      ["Indicatore", "U.M.", "Baseline", "Target 2026"],
      ["Regolamento approvato", "-", "n.d.", "Sì"],
      ["Comuni con sportello attivo", "n.", "1", "4"],
    ]);
  });

  it("leaves proportional type as it is", () => {
    const ws = line(100, [[54, "Regolamento approvato"], [300, "-"]]);
    expect(joinMonospaced(ws)).toBe(ws);
  });
});

describe("a caption over a sub-table's header", () => {
  it("stays out of the table when it crosses a column the header and rows keep (holdout20/07, a page's first sub-table)", async () => {
    const file = path.join(HOLDOUT20, "07_unione_terre_brezzana_sottoreport_azioni_indicatori_cdr.pdf");
    const rows = cellsOf((await extractPdf(new Uint8Array(readFileSync(file)), "07.pdf", "sha", {})).rows);
    const calendar = rows.find((r) => r.some((c) => c.includes("Calendario degli incontri")));
    expect(calendar?.slice(0, 2)).toEqual(["1", "Calendario degli incontri con gli istituti"]);
    expect(rows.filter((r) => r[0] === "N." && r[1] === "Azione").length).toBeGreaterThanOrEqual(5);
  });
});

describe("a listing's header block of labels set over two or three lines", () => {
  const HOLDOUT21 = path.join(import.meta.dirname, "..", "fixtures", "layouts", "holdout21");
  const rowsOf = async (file: string) => cellsOf((await extractPdf(new Uint8Array(readFileSync(file)), path.basename(file), "sha", {})).rows);

  it("finds the columns its labels head, stacked labels one column: 'Peso / %', 'Resp. / (referente)'", () => {
    const ws = [
      ...line(100, [[54, "Cod."], [110, "Obiettivo"], [300, "Resp."], [390, "P."], [410, "Indicatore di"], [520, "Target"]], true),
      ...line(109, [[54, "obiett."], [110, "(titolo e descrizione)"], [300, "(referente)"], [389, "%"], [410, "risultato"], [520, "2026"]], true),
    ];
    const lines = [makeLine(ws.filter((w) => w.y0 === 100)), makeLine(ws.filter((w) => w.y0 === 109))];
    const cols = labelBlock(lines, LAYOUT_SETTINGS);
    expect(cols.map((c) => c.text)).toEqual(["Cod. obiett.", "Obiettivo (titolo e descrizione)", "Resp. (referente)", "P. %", "Indicatore di risultato", "Target 2026"]);
    expect(cols.map((c) => c.x0)).toEqual([54, 110, 300, 389, 410, 520]);
    // A line of values is no header block.
    expect(labelBlock([makeLine(line(100, [[54, "AB.01"], [110, "Titolo"], [300, "Dott. Ugo Neri"], [390, "40"], [410, "Pratiche"], [520, "12"]]))], LAYOUT_SETTINGS)).toEqual([]);
  });

  // Two administrations' listings: the owner and the weight, the unit and the owner run too close, or a group's
  // footer runs across the gap between them; the header block's labels part them.
  it("parts the records' columns where the labels do, down every group of the listing", async () => {
    const a = await rowsOf(path.join(HOLDOUT21, "05_parco_calanchi_sorbaia_elenco_analitico_orizzontale.pdf"));
    const header = a.find((r) => r[0] === "Cod. obiett.");
    expect(header?.slice(2, 5)).toEqual(["Resp. (referente)", "P. %", "Indicatore di risultato"]);
    for (const code of ["PCS.T.01", "PCS.A.01", "PCS.P.01"]) {
      const r = a.find((r) => r[0] === code)!;
      expect(r.length, code).toBe(header!.length);
      expect(r[3], code).toMatch(/^\d+$/);
    }
    const b = await rowsOf(path.join(HOLDOUT20, "02_asl_pratoscuro_elenco_analitico_orizzontale.pdf"));
    const first = b.find((r) => r[0] === "PS.PRV.01")!;
    expect(first.slice(2, 5)).toEqual(["SC Igiene e Sanità pubblica", "Dott.ssa Chiara Olmi", "15,00 %"]);
    // The last column hangs past the rules' ends: its counts are the rows' own.
    expect(first[first.length - 1]).toBe("3");
    expect(b.find((r) => r[0] === "PS.FAR.02")?.[4]).toBe("15,00 %");
  });
});
