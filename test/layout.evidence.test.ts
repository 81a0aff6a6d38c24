/**
 * Layout rules that weigh the page's evidence against chance alignments, on
 * hand-made geometry (coordinates in points, origin top-left): borders drawn
 * cell by cell, narrow gaps no wider than a word space, header text running
 * across a column's values, label lines, a sentence cut by a page break.
 */
import { describe, expect, it } from "vitest";
import { layoutDocument, type PageGeom, type Rule, type Word } from "../src/layout/index.js";
import { drawnColumns } from "../src/layout/table.js";
import { LAYOUT_SETTINGS } from "../src/layout/settings.js";
import type { Row } from "../src/doc/source.js";

const SIZE = 10;
const CW = 5;

/** Words of `text` from x on the line whose top is y; `space` is the gap between words (3 points: 0.3 em). */
function words(text: string, x: number, y: number, opts: { bold?: boolean; space?: number } = {}): Word[] {
  const out: Word[] = [];
  let cx = x;
  for (const t of text.split(" ")) {
    if (t) out.push({ text: t, x0: cx, x1: cx + t.length * CW, y0: y, y1: y + 1.15 * SIZE, base: y + 0.9 * SIZE, size: SIZE, bold: opts.bold ?? false });
    cx += t.length * CW + (opts.space ?? 3);
  }
  return out;
}

/** Words of `text` ending at x (right-aligned). */
function right(text: string, x: number, y: number): Word[] {
  const w = text.length * CW + (text.split(" ").length - 1) * 3;
  return words(text, x - w, y);
}

const h = (x0: number, x1: number, y: number): Rule => ({ x0, x1, y0: y, y1: y, w: 0.5 });
const page = (n: number, ws: Word[], rules: Rule[] = []): PageGeom => ({ page: n, width: 595, height: 842, rotation: 0, words: ws, rules, fills: [] });
const texts = (r: Row) => r.cells.map((c) => c.text);
const tableRows = (rows: Row[]) => rows.filter((r) => r.kind === "table").map(texts);
const textRows = (rows: Row[]) => rows.filter((r) => r.kind === "text").map((r) => r.cells.map((c) => c.text).join(" | "));

describe("borders drawn cell by cell", () => {
  /** A rule under a row drawn as one piece per cell, meeting at the column borders. */
  const pieces = (xs: number[], y: number) => xs.slice(1).map((x, k) => h(xs[k]!, x, y));

  it("finds the column borders where a stack's pieces meet, on enough of its rules", () => {
    // Rules as cleanRules hands them on: pieces joined, with the places they met.
    const joined = [100, 120, 140].map((y) => ({ y, x0: 40, x1: 300, w: 0.5, joints: [56, 77] }));
    expect(drawnColumns(joined, { x0: 40, x1: 300 }, LAYOUT_SETTINGS)).toEqual([56, 77]);
    // A joint on one rule out of three is no column border.
    const once = [{ ...joined[0]!, joints: [56, 77, 150] }, joined[1]!, joined[2]!];
    expect(drawnColumns(once, { x0: 40, x1: 300 }, LAYOUT_SETTINGS)).toEqual([56, 77]);
    // A rule shorter than the table (under a cell spanning rows) marks a border where it starts.
    const short = [joined[0]!, { y: 120, x0: 56, x1: 300, w: 0.5 }, { y: 140, x0: 56, x1: 300, w: 0.5 }];
    expect(drawnColumns(short, { x0: 40, x1: 300 }, LAYOUT_SETTINGS)).toEqual([56]);
  });

  it("cuts narrow columns at the drawn borders, though the header's words sit a word space apart", () => {
    // "Ob." and "Cod." 3 points apart (a word space), each in its own narrow
    // column; the data's codes start further right, under the second word.
    const xs = [40, 60, 90, 300, 360];
    const ws = [
      ...words("Ob.", 43, 104, { bold: true }),
      ...words("Cod.", 61, 104, { bold: true }),
      ...words("Step", 92, 104, { bold: true }),
      ...words("Peso", 302, 104, { bold: true }),
      ...words("1", 50, 124),
      ...words("1.1", 70, 124),
      ...words("Mappatura dei progetti", 92, 124),
      ...words("60,00", 302, 124),
      ...words("1.2", 70, 144),
      ...words("Richiesta del saldo", 92, 144),
      ...words("40,00", 302, 144),
    ];
    const rules = [...pieces(xs, 100), ...pieces(xs, 120), ...pieces([60, 90, 300, 360], 140), ...pieces(xs, 160)];
    const { rows } = layoutDocument([page(1, ws, rules)]);
    expect(tableRows(rows)).toEqual([
      ["Ob.", "Cod.", "Step", "Peso"],
      ["1", "1.1", "Mappatura dei progetti", "60,00"],
      ["", "1.2", "Richiesta del saldo", "40,00"],
    ]);
  });
});

describe("text overflowing into empty cells", () => {
  it("a title printed across the borders of empty cells (as spreadsheets print it) stays one text", () => {
    const xs = [40, 120, 215, 300];
    const pieces = (y: number) => xs.slice(1).map((x, k) => h(xs[k]!, x, y));
    const ws = [
      // Its last word starts right at the border at 215, a word space after the one before.
      ...words("Allegato 2 - Obiettivi operativi per area", 42, 84),
      ...words("Area", 42, 104, { bold: true }), ...words("Responsabile", 122, 104, { bold: true }), ...words("Peso", 217, 104, { bold: true }),
      ...words("Area Tecnica", 42, 124), ...words("Ing. Cesco", 122, 124), ...words("40", 217, 124),
      ...words("Area Affari", 42, 144), ...words("Dott. Neri", 122, 144), ...words("60", 217, 144),
    ];
    const rules = [...pieces(80), ...pieces(100), ...pieces(120), ...pieces(140), ...pieces(160)];
    const t = tableRows(layoutDocument([page(1, ws, rules)]).rows);
    expect(t[0]).toEqual(["Allegato 2 - Obiettivi operativi per area", "", ""]);
    expect(t.slice(1)).toEqual([
      ["Area", "Responsabile", "Peso"],
      ["Area Tecnica", "Ing. Cesco", "40"],
      ["Area Affari", "Dott. Neri", "60"],
    ]);
  });
});

describe("narrow gaps against word spaces", () => {
  it("does not cut a column where a few rows' words happen to line up a word space apart", () => {
    // In every row a word starts at x=146 a word space (3 points) or so after
    // the one before: proportional text lining up by chance, not a column.
    const at = (text: string, x: number, y: number, bold = false) => words(text, x, y, { bold });
    const ws = [
      ...at("Indicatore", 80, 100, true), ...at("di", 133, 100, true), ...at("risultato", 146, 100, true),
      ...at("Target", 300, 100, true), ...at("Fonte", 400, 100, true),
      ...at("Prestazioni", 80, 120), ...at("B", 138, 120), ...at("erogate", 146, 120),
      ...at(">= 90%", 300, 120), ...at("Flusso CUP", 400, 120),
      ...at("Tempo medio e", 80, 140), ...at("attesa", 146, 140),
      ...at("entro 55 giorni", 300, 140), ...at("Flusso CUP", 400, 140),
    ];
    const { rows } = layoutDocument([page(1, ws)]);
    expect(tableRows(rows)).toEqual([
      ["Indicatore di risultato", "Target", "Fonte"],
      ["Prestazioni B erogate", ">= 90%", "Flusso CUP"],
      ["Tempo medio e attesa", "entro 55 giorni", "Flusso CUP"],
    ]);
  });

  it("does not cut a row spanning the table where one of its words happens to start at a column's edge", () => {
    // Ruled rows; a group row across the table whose third word starts right
    // where the second column does, a word space after the one before.
    const ws = [
      ...words("Cod.", 50, 104, { bold: true }), ...words("Fase", 106, 104, { bold: true }), ...words("Peso", 300, 104, { bold: true }),
      ...words("UOC Tecnico Patrimoniale – referente: NARDELLI ANNA", 50, 124, { bold: true }),
      ...words("1.1", 50, 144), ...words("Rilievo degli immobili", 106, 144), ...words("40%", 300, 144),
      ...words("1.2", 50, 164), ...words("Piano delle manutenzioni", 106, 164), ...words("60%", 300, 164),
    ];
    expect(ws.find((w) => w.text === "Patrimoniale")!.x0).toBe(106);
    const { rows } = layoutDocument([page(1, ws, [h(45, 340, 100), h(45, 340, 120), h(45, 340, 140), h(45, 340, 160), h(45, 340, 180)])]);
    expect(tableRows(rows)).toEqual([
      ["Cod.", "Fase", "Peso"],
      ["UOC Tecnico Patrimoniale – referente: NARDELLI ANNA", "", ""],
      ["1.1", "Rilievo degli immobili", "40%"],
      ["1.2", "Piano delle manutenzioni", "60%"],
    ]);
  });

  it("keeps a header running across its column's right-aligned values one cell", () => {
    // "Unità di misura" is wider than its right-aligned units; one unit ("giudizio")
    // starts right where the header's last word follows a word space.
    const rowsAt = [120, 140, 160, 180, 200, 220, 240];
    const units = ["%", "%", "giudizio", "%", "Sì/No", "%", "%"];
    const ws = [
      ...words("Rif.", 50, 100, { bold: true }),
      ...words("Dimensione", 120, 100, { bold: true }),
      ...words("Unità di misura", 200, 100, { bold: true }),
      ...words("Valore", 330, 100, { bold: true }),
      ...rowsAt.flatMap((y, k) => [...words(`OB.0${k + 1}`, 50, y), ...words("Efficacia", 120, y), ...right(units[k]!, 281, y), ...right(`≥ ${50 + k}%`, 362, y)]),
    ];
    // The header's last word starts where the longest unit does.
    const start = ws.find((w) => w.text === "giudizio")!.x0;
    const misura = ws.find((w) => w.text === "misura")!;
    expect(Math.abs(misura.x0 - start)).toBeLessThan(8);
    const { rows } = layoutDocument([page(1, ws)]);
    const t = tableRows(rows);
    expect(t[0]).toEqual(["Rif.", "Dimensione", "Unità di misura", "Valore"]);
    expect(t[3]).toEqual(["OB.03", "Efficacia", "giudizio", "≥ 52%"]);
  });
});

describe("word sizes read from OCR boxes", () => {
  it("measures a row's word spaces by the row's median size, not by one word whose box came out tall", () => {
    // Body at size 10 (column gap 4.5): two columns 5 points apart; in one row
    // a word's box is read at size 14 (an accent, a descender) and the columns
    // start a little apart from row to row, as OCR reads them.
    const ws = [
      ...words("Mission istituzionale", 50, 100), ...words("Minori", 158, 100), ...words("Peso", 250, 100),
      ...words("Qualità relazioni", 50, 120), ...words("Famiglie", 160.5, 120), ...words("30%", 250, 120),
      ...words("Supporto", 50, 140), ...words("Anziani", 159, 140), ...words("70%", 250, 140),
    ].map((w) => (w.text === "Minori" ? { ...w, size: 14, y0: w.y0 - 3 } : w));
    // "istituzionale" ends at 153: a 5-point gap before "Minori".
    expect(ws.find((w) => w.text === "Minori")!.x0 - ws.find((w) => w.text === "istituzionale")!.x1).toBe(5);
    const { rows } = layoutDocument([page(1, ws, [h(45, 280, 115), h(45, 280, 135), h(45, 280, 155)])]);
    expect(tableRows(rows)).toEqual([
      ["Mission istituzionale", "Minori", "Peso"],
      ["Qualità relazioni", "Famiglie", "30%"],
      ["Supporto", "Anziani", "70%"],
    ]);
  });
});

describe("ruled tables from a coarse scan", () => {
  const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, x1: x, y0, y1, w: 0.5 });
  /** OCR words: they carry a confidence. */
  const ocr = (text: string, x: number, y: number) => words(text, x, y).map((w) => ({ ...w, conf: 90 }));
  const bar = (x: number, y: number): Word => ({ text: "|", x0: x - 0.8, x1: x + 0.8, y0: y, y1: y + 12, base: y + 12, size: SIZE, bold: false, conf: 40 });
  // Grid: columns at 50 | 100 | 200 | 300 | 400; rows between 100, 120, 140, 160, 180.
  const hs = [100, 120, 140, 160, 180].map((y) => h(50, 400, y));

  it("keeps a column border the scan broke where the row's text still parts at it, and drops the bars OCR read on it", () => {
    // The border at 200 is found only in the header row; in the rows below it is broken.
    const rules = [...hs, v(50, 100, 180), v(100, 100, 180), v(200, 100, 120), v(300, 100, 180), v(400, 100, 180)];
    const ws = [
      ...ocr("Cod.", 53, 104), ...ocr("Peso", 103, 104), ...ocr("Termine", 203, 104), ...ocr("Struttura", 303, 104),
      ...ocr("OP-01", 53, 124), ...ocr("8,00", 103, 124), ...ocr("annuale", 203, 124), ...ocr("UOC Bilancio", 303, 124), bar(200, 123),
      ...ocr("OP-02", 53, 144), ...ocr("10,00", 103, 144), ...ocr("31/07/24", 203, 144), ...ocr("UOC Tecnico", 303, 144),
      // A row whose text runs across the missing border: a cell spanning two columns.
      ...ocr("OP-03", 53, 164), ...ocr("Nota che prosegue nella colonna accanto", 103, 164),
    ];
    const { rows } = layoutDocument([page(1, ws, rules)]);
    expect(tableRows(rows)).toEqual([
      ["Cod.", "Peso", "Termine", "Struttura"],
      ["OP-01", "8,00", "annuale", "UOC Bilancio"],
      ["OP-02", "10,00", "31/07/24", "UOC Tecnico"],
      ["OP-03", "Nota che prosegue nella colonna accanto", "", ""],
    ]);
  });

  it("takes bars OCR read one above the other for a border the scan lost altogether; a text layer's 'I' is text", () => {
    const rules = [...hs, v(50, 100, 180), v(100, 100, 180), v(400, 100, 180)];
    const body = (barred: boolean) => [
      ...ocr("Cod.", 53, 104), ...ocr("Target", 103, 104), ...ocr("Struttura", 253, 104),
      ...ocr("OP-01", 53, 124), ...ocr("≤ 0", 103, 124), ...ocr("UOC Bilancio", 253, 124),
      ...ocr("OP-02", 53, 144), ...ocr("n. 5", 103, 144), ...ocr("UOC Tecnico", 253, 144),
      ...ocr("OP-03", 53, 164), ...ocr("100%", 103, 164), ...ocr("UOC Personale", 253, 164),
      ...(barred ? [bar(250, 102), bar(250, 123), bar(250, 143), bar(250, 163)] : []),
    ];
    expect(tableRows(layoutDocument([page(1, body(true), rules)]).rows)).toEqual([
      ["Cod.", "Target", "Struttura"],
      ["OP-01", "≤ 0", "UOC Bilancio"],
      ["OP-02", "n. 5", "UOC Tecnico"],
      ["OP-03", "100%", "UOC Personale"],
    ]);
    // Without the bars the column is one, as drawn.
    expect(tableRows(layoutDocument([page(1, body(false), rules)]).rows)[1]).toEqual(["OP-01", "≤ 0 UOC Bilancio"]);
    // The same strokes in a text layer are letters ("I semestre"): no border is made of them.
    const text = body(true).map((w) => (w.text === "|" ? { ...w, text: "I", conf: undefined } : { ...w, conf: undefined }));
    expect(tableRows(layoutDocument([page(1, text, rules)]).rows)[1]![1]).toContain("UOC Bilancio");
  });
});

describe("label lines and page breaks", () => {
  it("keeps label lines apart even when each fills the measure like wrapped text", () => {
    const ws = [
      ...words("Titolo obiettivo: Completamento degli interventi di rigenerazione urbana della Missione 5", 50, 100),
      ...words("Settore: Viabilità", 50, 112),
      ...words("Responsabile: Avv. Fabio Galeazzi", 50, 124),
    ];
    const { rows } = layoutDocument([page(1, ws)]);
    expect(textRows(rows)).toEqual([
      "Titolo obiettivo: Completamento degli interventi di rigenerazione urbana della Missione 5",
      "Settore: Viabilità",
      "Responsabile: Avv. Fabio Galeazzi",
    ]);
  });

  it("joins a one-line paragraph filling the page's measure to the sentence going on at the next page's top", () => {
    const filler = "Il grado di raggiungimento degli obiettivi è rilevato dal Nucleo di valutazione ogni anno";
    const p1 = page(1, [...words(filler, 50, 600), ...words("breve.", 50, 612), ...words("Descrizione sintetica: Le ispezioni seguono le linee guida per la classificazione delle opere", 50, 780)]);
    const p2 = page(2, [...words("d'arte.", 50, 60), ...words("Peso: 30,00", 50, 80)]);
    const { rows } = layoutDocument([p1, p2]);
    expect(textRows(rows)).toContain("Descrizione sintetica: Le ispezioni seguono le linee guida per la classificazione delle opere d'arte.");
    expect(textRows(rows)).toContain("Peso: 30,00");
    // A new sentence (capital) on the next page is a paragraph of its own.
    const p3 = page(2, [...words("Obiettivi collegati: OS2", 50, 60)]);
    const again = layoutDocument([p1, p3]).rows;
    expect(textRows(again)).toContain("Obiettivi collegati: OS2");
  });
});

describe("bold header and total rows without rules", () => {
  // Rows at the leading of the cells' lines (12 points), a little more between
  // rows; the bold header and the bold total sit at the leading, as if they
  // were wrapped lines of the rows next to them.
  const ws = [
    ...words("Codice", 40, 100, { bold: true }), ...words("Obiettivo", 100, 100, { bold: true }), ...words("Peso", 420, 100, { bold: true }),
    ...words("CB01", 40, 112), ...words("Manutenzione straordinaria dei canali", 100, 112), ...right("40%", 440, 112),
    ...words("del comprensorio Nord", 100, 124),
    ...words("CB02", 40, 139), ...words("Riscossione del contributo", 100, 139), ...right("35%", 440, 139),
    ...words("CB03", 40, 154), ...words("Piano di comunicazione agli utenti", 100, 154), ...right("25%", 440, 154),
    ...words("Totale", 100, 166, { bold: true }), ...words("100%", 420, 166, { bold: true }),
  ];
  it("a line bold in every cell next to one with no bold word starts a row", () => {
    expect(tableRows(layoutDocument([page(1, ws)]).rows)).toEqual([
      ["Codice", "Obiettivo", "Peso"],
      ["CB01", "Manutenzione straordinaria dei canali del comprensorio Nord", "40%"],
      ["CB02", "Riscossione del contributo", "35%"],
      ["CB03", "Piano di comunicazione agli utenti", "25%"],
      ["", "Totale", "100%"],
    ]);
  });
  it("without the rule (weightRows 0) the total runs into the row above it (the codes alone still open their rows)", () => {
    // (Nor may the total's figure under the row's weight open it: valueRows off too.)
    const rows = tableRows(layoutDocument([page(1, ws)], { weightRows: 0, valueRows: 0 }).rows);
    expect(rows[rows.length - 1]![1]).toBe("Piano di comunicazione agli utenti Totale");
  });
});

describe("a spreadsheet printed with its gridlines", () => {
  const xs = [40, 140, 240, 340, 440];
  const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, x1: x, y0, y1, w: 0.1 });
  const hr = (y: number): Rule => ({ x0: 40, x1: 440, y0: y, y1: y, w: 0.1 });
  const ys = [100, 114, 128, 142, 156, 170];
  // Row 0 holds a title running over the empty cells at 140 and 240: the
  // gridlines there are left out, the one at 340 (after the text) is drawn.
  const rules = [
    ...ys.map(hr),
    ...ys.slice(1).flatMap((y, k) => xs.filter((x) => k > 0 || ![140, 240].includes(x)).map((x) => v(x, ys[k]!, y))),
  ];
  const ws = [
    ...words("Piano integrato di attività e organizzazione", 42, 101),
    ...words("Fasi", 42, 115),
    ...words("N.", 42, 129), ...words("Descrizione", 142, 129), ...words("Termine", 242, 129), ...words("Peso", 342, 129),
    ...words("1", 42, 143), ...words("Rilievo", 142, 143), ...words("30/06/2025", 242, 143), ...words("40%", 342, 143),
    ...words("2", 42, 157), ...words("Esecuzione", 142, 157), ...words("31/12/2025", 242, 157), ...words("60%", 342, 157),
  ];
  it("its rows of one cell are text, each a paragraph of its own, and the rest a table", () => {
    const { rows } = layoutDocument([page(1, ws, rules)]);
    expect(textRows(rows)).toEqual(["Piano integrato di attività e organizzazione", "Fasi"]);
    expect(tableRows(rows)).toEqual([
      ["N.", "Descrizione", "Termine", "Peso"],
      ["1", "Rilievo", "30/06/2025", "40%"],
      ["2", "Esecuzione", "31/12/2025", "60%"],
    ]);
  });
  it("a grid whose spanning rows lack their borders all the way across (a merged cell) stays a table", () => {
    // The same title row with no gridline drawn after its text: a merged cell, not a sheet.
    const merged = rules.filter((r) => !(r.x0 === r.x1 && r.y0 === 100 && r.x0 === 340));
    const { rows } = layoutDocument([page(1, ws, merged)]);
    expect(tableRows(rows)[0]).toEqual(["Piano integrato di attività e organizzazione", "", "", ""]);
  });
});
