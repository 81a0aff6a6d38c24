/**
 * The layout on hand-made geometry: no PDF involved, the same input an OCR
 * engine's word boxes would give. Coordinates in points, origin top-left.
 */
import { describe, expect, it } from "vitest";
import { layoutDocument, LAYOUT_SETTINGS, settingsWith, type PageGeom, type Rule, type Word } from "../src/layout/index.js";
import { buildLines } from "../src/layout/lines.js";
import { assignRow } from "../src/layout/table.js";
import { orientPage } from "../src/layout/orient.js";
import type { Row } from "../src/doc/source.js";

const SIZE = 10;
/** Average glyph width for the synthetic "font". */
const CW = 5;

/** Words of `text` starting at x on the line whose top is y (a space is 0.3 em, as in common fonts). */
function words(text: string, x: number, y: number, opts: { size?: number; bold?: boolean } = {}): Word[] {
  const size = opts.size ?? SIZE;
  const cw = (CW * size) / SIZE;
  const out: Word[] = [];
  let cx = x;
  for (const t of text.split(" ")) {
    if (t) out.push({ text: t, x0: cx, x1: cx + t.length * cw, y0: y, y1: y + 1.15 * size, base: y + 0.9 * size, size, bold: opts.bold ?? false });
    cx += t.length * cw + 0.3 * size;
  }
  return out;
}

const h = (x0: number, x1: number, y: number): Rule => ({ x0, x1, y0: y, y1: y, w: 0.5 });
const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, x1: x, y0, y1, w: 0.5 });

function page(n: number, ws: Word[], rules: Rule[] = [], size: [number, number] = [595, 842]): PageGeom {
  return { page: n, width: size[0], height: size[1], rotation: 0, words: ws, rules, fills: [] };
}

const texts = (r: Row) => r.cells.map((c) => c.text);
const tableRows = (rows: Row[]) => rows.filter((r) => r.kind === "table").map(texts);

describe("lines", () => {
  it("groups words by baseline and orders them left to right", () => {
    const ws = [...words("terzo", 200, 101), ...words("primo secondo", 50, 100), ...words("sotto", 50, 114)];
    const lines = buildLines(ws, settingsWith());
    expect(lines.map((l) => l.words.map((w) => w.text).join(" "))).toEqual(["primo secondo terzo", "sotto"]);
  });

  it("joins the wrapped lines of a paragraph and keeps a short line apart", () => {
    // Lines 1-2 fill the 50..400 measure (line 2 would have taken the next word), line 3 ends short.
    const ws = [
      ...words("uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici", 50, 100),
      ...words("quattordici quindici sedici diciassette diciotto diciannove venti ventuno", 50, 112),
      ...words("fine.", 50, 124),
      ...words("Responsabile", 50, 150),
      ...words("MARIO ROSSI", 50, 162),
    ];
    const { rows } = layoutDocument([page(1, ws)]);
    const text = rows.filter((r) => r.kind === "text");
    expect(text.map((r) => r.cells[0]!.text)).toEqual([
      "uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove venti ventuno fine.",
      "Responsabile",
      "MARIO ROSSI",
    ]);
    // Two lines at normal leading, the first not full: a hard line break, not a new paragraph.
    expect(text[1]!.continues).toBe(true);
    expect(text[0]!.continues).toBeUndefined();
  });

  it("keeps a bold heading on its own row", () => {
    const ws = [...words("Obiettivi operativi", 50, 100, { bold: true }), ...words("Testo del paragrafo.", 50, 112)];
    const { rows } = layoutDocument([page(1, ws)]);
    const text = rows.filter((r) => r.kind === "text");
    expect(text.map((r) => [r.cells[0]!.text, r.cells[0]!.bold ?? false])).toEqual([
      ["Obiettivi operativi", true],
      ["Testo del paragrafo.", false],
    ]);
  });
});

describe("ruled tables", () => {
  // Columns at x 50 | 100 | 300 | 400; rows between y 100 | 120 | 140 | 170.
  const X = [50, 100, 300, 400];
  const gridRules = (ys: number[], spanTop: boolean): Rule[] => [
    ...ys.map((y) => h(X[0]!, X[3]!, y)),
    v(X[0]!, ys[0]!, ys[ys.length - 1]!),
    v(X[3]!, ys[0]!, ys[ys.length - 1]!),
    // Interior verticals, missing in the first row when it spans.
    ...[X[1]!, X[2]!].map((x) => v(x, spanTop ? ys[1]! : ys[0]!, ys[ys.length - 1]!)),
  ];

  it("splits cells on vertical rules, keeps a spanning header in its first column, joins a cell's lines", () => {
    const ws = [
      ...words("Obiettivo di performance annuale", 53, 104),
      ...words("cod.", 53, 124),
      ...words("titolo", 103, 124),
      ...words("peso", 303, 124),
      ...words("1.1", 53, 144),
      ...words("Prima riga della", 103, 144),
      ...words("descrizione", 103, 156),
      ...words("10%", 303, 144),
    ];
    const { rows } = layoutDocument([page(1, ws, gridRules([100, 120, 140, 170], true))]);
    expect(tableRows(rows)).toEqual([
      ["Obiettivo di performance annuale", "", ""],
      ["cod.", "titolo", "peso"],
      ["1.1", "Prima riga della descrizione", "10%"],
    ]);
    const r = rows.find((x) => x.kind === "table" && x.cells[0]!.text === "1.1")!;
    expect(r.page).toBe(1);
    expect(r.line).toBeGreaterThan(0);
    expect(r.bbox![0]).toBeGreaterThanOrEqual(50);
    // The cell's box is the union of its words: two lines of the "titolo" column.
    expect(r.cells[1]!.bbox![0]).toBe(103);
    expect(r.cells[1]!.bbox![1]).toBe(144);
    expect(r.cells[1]!.bbox![3]).toBeCloseTo(156 + 11.5, 1);
  });

  it("reads a table drawn with horizontal rules only, columns from the white space", () => {
    // Rule under each row (the header has none above it).
    const ws = [
      ...words("step", 50, 100, { bold: true }),
      ...words("descrizione", 120, 100, { bold: true }),
      ...words("termine", 330, 100, { bold: true }),
      ...words("1.1", 50, 118),
      ...words("Avvio del progetto con gli", 120, 118),
      ...words("enti partner", 120, 130),
      ...words("30/06/25", 330, 118),
      ...words("1.2", 50, 148),
      ...words("Chiusura", 120, 148),
      ...words("31/12/25", 330, 148),
    ];
    const rules = [h(50, 420, 114), h(50, 420, 144), h(50, 420, 162)];
    const { rows } = layoutDocument([page(1, ws, rules)]);
    expect(tableRows(rows)).toEqual([
      ["step", "descrizione", "termine"],
      ["1.1", "Avvio del progetto con gli enti partner", "30/06/25"],
      ["1.2", "Chiusura", "31/12/25"],
    ]);
  });

  it("reads aligned columns with no rules at all", () => {
    const ws = [
      ...words("Titolo obiettivo", 50, 100),
      ...words("indicatore", 200, 100),
      ...words("target", 320, 100),
      ...words("Sicurezza", 50, 118),
      ...words("Temporale", 200, 118),
      ...words("Entro 31/12/2023", 320, 118),
      ...words("Bilancio", 50, 136),
      ...words("Numerico", 200, 136),
      ...words("n. 2 report", 320, 136),
    ];
    const { rows } = layoutDocument([page(1, ws)]);
    expect(tableRows(rows)).toEqual([
      ["Titolo obiettivo", "indicatore", "target"],
      ["Sicurezza", "Temporale", "Entro 31/12/2023"],
      ["Bilancio", "Numerico", "n. 2 report"],
    ]);
  });

  it("separates rule-less rows by the space between them, not by whether a line is full", () => {
    // Leading 12 inside a cell, 18 from row to row (cell padding). The first
    // column holds one-character codes: every line of it looks "full", so only
    // the leading tells that "3" starts a row and "e sua descrizione" does not.
    const ws = [
      ...words("1", 50, 100),
      ...words("Primo obiettivo del piano", 70, 100),
      ...words("30/06/25", 330, 100),
      ...words("e sua descrizione", 70, 112),
      ...words("2", 50, 130),
      ...words("Secondo obiettivo", 70, 130),
      ...words("31/12/25", 330, 130),
      ...words("3", 50, 148),
      ...words("Terzo obiettivo", 70, 148),
      ...words("31/03/26", 330, 148),
    ];
    const { rows } = layoutDocument([page(1, ws)]);
    expect(tableRows(rows)).toEqual([
      ["1", "Primo obiettivo del piano e sua descrizione", "30/06/25"],
      ["2", "Secondo obiettivo", "31/12/25"],
      ["3", "Terzo obiettivo", "31/03/26"],
    ]);
  });
});

describe("codes broken in a narrow column", () => {
  it("a code cut at its separator (\"OG-\" over \"01.1\") goes on in the row; a whole code alone starts one", () => {
    // Rows 18 apart, leading 12 inside a cell; the title column wraps its text, and so does the code column.
    const ws = [
      ...words("Cod.", 50, 82),
      ...words("Attività", 90, 82),
      ...words("Scadenza", 330, 82),
      ...words("OG-", 50, 100),
      ...words("Invio degli inviti tramite il fascicolo", 90, 100),
      ...words("31/03/2026", 330, 100),
      ...words("01.1", 50, 112),
      ...words("elettronico", 90, 112),
      ...words("OG-", 50, 130),
      ...words("Distribuzione dei kit nelle farmacie", 90, 130),
      ...words("30/06/2026", 330, 130),
      ...words("01.2", 50, 142),
      ...words("convenzionate", 90, 142),
      ...words("OG-02", 50, 160),
      ...words("Attivazione degli ambulatori", 90, 160),
      ...words("30/04/2026", 330, 160),
    ];
    const { rows } = layoutDocument([page(1, ws)]);
    expect(tableRows(rows).slice(1)).toEqual([
      ["OG-01.1", "Invio degli inviti tramite il fascicolo elettronico", "31/03/2026"],
      ["OG-01.2", "Distribuzione dei kit nelle farmacie convenzionate", "30/06/2026"],
      ["OG-02", "Attivazione degli ambulatori", "30/04/2026"],
    ]);
  });
});

describe("tables across pages", () => {
  const X = [50, 100, 300, 400];
  const cols = (ys: [number, number]) => X.map((x) => v(x, ys[0], ys[1]));

  it("stitches a ruled table continued without a repeated header and rejoins the row cut by the page break", () => {
    // Page 1: header + row 1.1 + the top of row 1.2 (verticals run past the last rule: no bottom border).
    const p1 = page(
      1,
      [
        ...words("cod.", 53, 704),
        ...words("descrizione", 103, 704),
        ...words("peso", 303, 704),
        ...words("1.1", 53, 724),
        ...words("Prima", 103, 724),
        ...words("40%", 303, 724),
        ...words("1.2", 53, 744),
        ...words("Seconda attività che", 103, 744),
        ...words("60%", 303, 744),
      ],
      [h(50, 400, 700), h(50, 400, 720), h(50, 400, 740), ...cols([700, 790])],
    );
    // Page 2: the rest of row 1.2 (no top border), then row 1.3.
    const p2 = page(
      2,
      [...words("continua qui", 103, 52), ...words("1.3", 53, 74), ...words("Terza", 103, 74), ...words("0%", 303, 74)],
      [h(50, 400, 70), h(50, 400, 90), ...cols([40, 90])],
    );
    const { rows, stats } = layoutDocument([p1, p2]);
    expect(tableRows(rows)).toEqual([
      ["cod.", "descrizione", "peso"],
      ["1.1", "Prima", "40%"],
      ["1.2", "Seconda attività che continua qui", "60%"],
      ["1.3", "Terza", "0%"],
    ]);
    expect(stats.joinedRows).toBe(1);
    // One table: no blank row between its parts.
    const first = rows.findIndex((r) => r.kind === "table");
    const last = rows.map((r) => r.kind).lastIndexOf("table");
    expect(rows.slice(first, last + 1).every((r) => r.kind === "table")).toBe(true);
    // The joined row keeps the provenance of its first part.
    expect(rows.find((r) => r.cells[0]?.text === "1.2")!.page).toBe(1);
    expect(rows.find((r) => r.cells[0]?.text === "1.3")!.page).toBe(2);
  });

  it("drops a repeated (bold) header row on the continuation page", () => {
    const header = (y: number) => [...words("cod.", 53, y, { bold: true }), ...words("descrizione", 103, y, { bold: true }), ...words("peso", 303, y, { bold: true })];
    const p1 = page(1, [...header(704), ...words("1.1", 53, 724), ...words("Prima", 103, 724), ...words("40%", 303, 724)], [h(50, 400, 700), h(50, 400, 720), h(50, 400, 740), ...cols([700, 740])]);
    const p2 = page(2, [...header(54), ...words("1.2", 53, 74), ...words("Seconda", 103, 74), ...words("60%", 303, 74)], [h(50, 400, 50), h(50, 400, 70), h(50, 400, 90), ...cols([50, 90])]);
    const { rows, stats } = layoutDocument([p1, p2]);
    expect(tableRows(rows)).toEqual([
      ["cod.", "descrizione", "peso"],
      ["1.1", "Prima", "40%"],
      ["1.2", "Seconda", "60%"],
    ]);
    expect(stats.droppedHeaderRows).toBe(1);
  });

  it("does not take a new table for the continuation of the previous one", () => {
    const p1 = page(1, [...words("cod.", 53, 704), ...words("titolo", 103, 704), ...words("peso", 303, 704), ...words("1", 53, 724), ...words("Uno", 103, 724), ...words("50%", 303, 724)], [h(50, 400, 700), h(50, 400, 720), h(50, 400, 740), ...cols([700, 740])]);
    // Page 2 opens with a bold header of different text: another table.
    const p2 = page(2, [...words("fase", 53, 54, { bold: true }), ...words("inizio", 103, 54, { bold: true }), ...words("fine", 303, 54, { bold: true }), ...words("A", 53, 74), ...words("01/01", 103, 74), ...words("31/12", 303, 74)], [h(50, 400, 50), h(50, 400, 70), h(50, 400, 90), ...cols([50, 90])]);
    const { rows } = layoutDocument([p1, p2]);
    const kinds = rows.map((r) => r.kind);
    // A blank row separates the two tables.
    const headerAt = rows.findIndex((r) => r.cells[0]?.text === "fase");
    expect(kinds[headerAt - 1]).toBe("blank");
  });

  it("joins a rule-less cell's tail from the next page's top, not the text set off below it", () => {
    const p1 = page(1, [
      ...words("Descrizione", 50, 700),
      ...words("Tipo", 200, 700),
      ...words("Note", 330, 700),
      ...words("Ridefinire contratto", 50, 718),
      ...words("EFFICACIA", 200, 718),
      ...words("DD n. 2055/2023 approvazione", 330, 718),
      ...words("di affidamento", 50, 730),
      ...words("del partenariato con il", 330, 730),
    ]);
    // The Note cell goes on at the top of page 2; a blank line below, a new paragraph.
    const p2 = page(2, [...words("comune e la cooperativa", 330, 50), ...words("Obiettivo successivo", 50, 80)]);
    const { rows } = layoutDocument([p1, p2]);
    expect(tableRows(rows)).toEqual([
      ["Descrizione", "Tipo", "Note"],
      ["Ridefinire contratto di affidamento", "EFFICACIA", "DD n. 2055/2023 approvazione del partenariato con il comune e la cooperativa"],
    ]);
    expect(rows.filter((r) => r.kind === "text").map(texts)).toEqual([["Obiettivo successivo"]]);
  });
});

describe("running headers and footers", () => {
  it("removes text repeated at the same place on most pages, page numbers included", () => {
    const pages = [1, 2, 3].map((n) =>
      page(n, [
        ...words("Comune di Prova - Piano della performance", 50, 20),
        ...words(`Contenuto della pagina ${n} con un testo`, 50, 200),
        ...words(`Pagina ${n} di 3`, 480, 810),
      ]),
    );
    const { rows, stats } = layoutDocument(pages);
    const all = rows.flatMap(texts).join(" ");
    expect(all).not.toMatch(/Comune di Prova|Pagina \d di 3/);
    expect(all).toMatch(/Contenuto della pagina 2/);
    expect(stats.furnitureLines).toBe(6);
  });

  it("removes a running header a scan reads a little differently on each page (its logo as letters), not two different lines", () => {
    const heads = ["RC COMUNE DI VALDORSELLA PIAO 2026-2028", "EC COMUNE DI VALDORSELLA PIAO 2026-2028", "COMUNE DI VALDORSELLA PIAO 2026-2028"];
    const pages = [1, 2, 3].map((n) => page(n, [...words(heads[n - 1]!, 50, 20), ...words(`Contenuto della pagina ${n}`, 50, 200)]));
    const all = layoutDocument(pages).rows.flatMap(texts).join(" ");
    expect(all).not.toMatch(/VALDORSELLA/);
    expect(all).toMatch(/Contenuto della pagina 3/);
    // Lines of different texts at one place are no running header, each on one page of three.
    const topics = ["Sezione 1 - Valore pubblico", "Sezione 2 - Performance organizzativa", "Sezione 3 - Rischi corruttivi"];
    const kept = layoutDocument([1, 2, 3].map((n) => page(n, [...words(topics[n - 1]!, 50, 20), ...words(`Corpo ${n}`, 50, 200)]))).rows.flatMap(texts);
    expect(kept).toEqual(expect.arrayContaining(topics));
  });

  it("keeps a line that appears on one page only", () => {
    const pages = [1, 2, 3].map((n) => page(n, [...words(n === 2 ? "Nota in alto" : "", 50, 20), ...words(`Corpo ${n}`, 50, 200)]));
    const { rows } = layoutDocument(pages);
    expect(rows.flatMap(texts)).toContain("Nota in alto");
  });
});

describe("orientation", () => {
  it("turns a page whose text runs bottom-to-top (landscape printed sideways) and reads its table", () => {
    // Build the upright page, then rotate it 90° counter-clockwise as a sideways print would.
    const W = 842,
      H = 595;
    const upright = [
      ...words("cod.", 53, 104),
      ...words("titolo", 103, 104),
      ...words("1.1", 53, 124),
      ...words("Primo", 103, 124),
    ];
    const rules = [h(50, 300, 100), h(50, 300, 120), h(50, 300, 140), v(50, 100, 140), v(100, 100, 140), v(300, 100, 140)];
    // (x, y) on the upright landscape page → (y, W - x) on the portrait sheet.
    const rot = <T extends { x0: number; y0: number; x1: number; y1: number }>(b: T): T => ({ ...b, x0: b.y0, x1: b.y1, y0: W - b.x1, y1: W - b.x0 });
    const sideways: PageGeom = {
      page: 1,
      width: H,
      height: W,
      rotation: 0,
      words: upright.map((w) => ({ ...rot(w), base: w.base, dir: 270 })),
      rules: rules.map(rot),
      fills: [],
    };
    expect(orientPage(sideways).turned).toBe(270);
    const { rows } = layoutDocument([sideways]);
    expect(tableRows(rows)).toEqual([
      ["cod.", "titolo"],
      ["1.1", "Primo"],
    ]);
  });

  it("exports its settings as one data object", () => {
    expect(LAYOUT_SETTINGS.snapTol).toBeGreaterThan(0);
    expect(settingsWith({ snapTol: 9 }).snapTol).toBe(9);
  });
});

describe("a scan's bar on a column border", () => {
  it("a one-letter word at word spacing in a cell spanning the border (`per i giovani`) is text, not a piece of the border", () => {
    // Borders at x 50 | 150 | 300 | 450; the one at 300 is drawn in the first row only (the second row's cell spans it).
    const ocr = (ws: Word[]) => ws.map((w) => ({ ...w, conf: 95 }));
    const ws = ocr([...words("Codice", 55, 104), ...words("RC-01", 155, 104), ...words("Peso", 305, 104), ...words("Obiettivo", 55, 124), ...words("Sportello di orientamento per i giovani", 155, 124)]);
    // OCR boxes an "i" as its stroke, 2 pt wide, here right on the border's line, a word space (2.5 pt) from
    // the words on either side.
    const at = (t: string, x0: number, x1: number) => Object.assign(ws.find((w) => w.text === t)!, { x0, x1 });
    at("per", 280, 296.5);
    at("i", 299, 301);
    at("giovani", 303.5, 338.5);
    const rules = [h(50, 450, 100), h(50, 450, 120), h(50, 450, 140), v(50, 100, 140), v(150, 100, 140), v(300, 100, 120), v(450, 100, 140)];
    const { rows } = layoutDocument([page(1, ws, rules)]);
    expect(tableRows(rows)).toEqual([
      ["Codice", "RC-01", "Peso"],
      ["Obiettivo", "Sportello di orientamento per i giovani", ""],
    ]);
  });
});

describe("a table without rules in a grid's spanning row", () => {
  it("is laid out as a table of its own (a card's phases whose light rules a scan lost), the grid cut around it", () => {
    // Borders at x 50 | 150 | 450, rows at y 100 | 120 | 140 | 240; the last row spans the grid (no border at 150).
    const phase = (y: number, n: string, title: string, due: string, weight: string, bold = false) => [
      ...words(n, 60, y, { bold }),
      ...words(title, 90, y, { bold }),
      ...words(due, 300, y, { bold }),
      ...words(weight, 380, y, { bold }),
    ];
    const ws = [
      ...words("Codice", 55, 104),
      ...words("OB-01", 155, 104),
      ...words("Obiettivo", 55, 124),
      ...words("Titolo dell'obiettivo", 155, 124),
      ...words("Fasi di realizzazione", 55, 144, { bold: true }),
      ...phase(160, "N.", "Fase", "Termine", "Peso", true),
      ...phase(172, "1", "Prima fase del lavoro", "31/03/2026", "30 %"),
      ...phase(184, "2", "Seconda fase", "30/06/2026", "30 %"),
      ...phase(196, "3", "Terza fase del lavoro", "30/11/2026", "40 %"),
    ];
    const rules = [h(50, 450, 100), h(50, 450, 120), h(50, 450, 140), h(50, 450, 240), v(50, 100, 240), v(150, 100, 140), v(450, 100, 240)];
    const tables = tableRows(layoutDocument([page(1, ws, rules)]).rows);
    expect(tables).toEqual([
      ["Codice", "OB-01"],
      ["Obiettivo", "Titolo dell'obiettivo"],
      ["N.", "Fase", "Termine", "Peso"],
      ["1", "Prima fase del lavoro", "31/03/2026", "30 %"],
      ["2", "Seconda fase", "30/06/2026", "30 %"],
      ["3", "Terza fase del lavoro", "30/11/2026", "40 %"],
    ]);
  });

  it("a scanned header's short word whose weight the ink cannot tell (`N.`) does not join the header to the first row", () => {
    const ocr = (ws: Word[]) => ws.map((w) => ({ ...w, conf: 95 }));
    const line = (y: number, cells: string[], bold: boolean) => cells.flatMap((t, k) => words(t, [60, 90, 300, 380][k]!, y, { bold: bold && k > 0 }));
    const ws = ocr([
      ...line(160, ["N.", "Fase", "Termine", "Peso"], true),
      ...line(171, ["1", "Prima fase del lavoro", "31/03/2026", "30 %"], false),
      ...line(182, ["2", "Seconda fase", "30/06/2026", "30 %"], false),
      ...line(193, ["3", "Terza fase del lavoro", "30/11/2026", "40 %"], false),
    ]);
    expect(tableRows(layoutDocument([page(1, ws)]).rows)).toEqual([
      ["N.", "Fase", "Termine", "Peso"],
      ["1", "Prima fase del lavoro", "31/03/2026", "30 %"],
      ["2", "Seconda fase", "30/06/2026", "30 %"],
      ["3", "Terza fase del lavoro", "30/11/2026", "40 %"],
    ]);
  });

  it("a spanning row of prose stays the grid's cell", () => {
    const ws = [
      ...words("Codice", 55, 104),
      ...words("OB-01", 155, 104),
      ...words("Note: il target è rilevato dal cruscotto", 55, 124),
      ...words("direzionale al 31 dicembre e riportato", 55, 136),
      ...words("nella relazione sulla performance.", 55, 148),
    ];
    const rules = [h(50, 450, 100), h(50, 450, 120), h(50, 450, 160), v(50, 100, 160), v(150, 100, 120), v(450, 100, 160)];
    expect(tableRows(layoutDocument([page(1, ws, rules)]).rows)).toEqual([
      ["Codice", "OB-01"],
      ["Note: il target è rilevato dal cruscotto direzionale al 31 dicembre e riportato nella relazione sulla performance.", ""],
    ]);
  });
});

describe("a number sign and its number", () => {
  const s = settingsWith();
  const cellTexts = (cells: Word[][]) => cells.map((c) => c.map((w) => w.text).join(" "));
  // "Obiettivo n." ends at x 108; its number, set a wide space after it (as a scan measures one), at 118, and a
  // column edge found from the rows below lies in between.
  const caption = [...words("Obiettivo n.", 50, 100), ...words("1 – Presa in carico", 118, 100)];

  it("stay in one cell when a column edge falls between them", () => {
    expect(cellTexts(assignRow(caption, [45, 116, 500], s))).toEqual(["Obiettivo n. 1 – Presa in carico", ""]);
  });

  it("are parted by a border drawn between them", () => {
    expect(cellTexts(assignRow(caption, [45, 116, 500], s, [116]))).toEqual(["Obiettivo n.", "1 – Presa in carico"]);
  });

  it("are two cells' texts when far apart (`FASE N.` over one column, a year over another)", () => {
    const header = [...words("N.", 50, 100), ...words("2024", 300, 100)];
    expect(cellTexts(assignRow(header, [45, 200, 500], s))).toEqual(["N.", "2024"]);
  });
});
