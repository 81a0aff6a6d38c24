/**
 * Geometry that does not depend on the producer, on hand-made pages (points,
 * origin top-left): frames and shading, narrow numeric columns, justified
 * lines, list markers and bullets drawn as shapes, headings by size rank.
 */
import { describe, expect, it } from "vitest";
import { layoutDocument, type PageGeom, type Rule, type Word } from "../src/layout/index.js";
import type { Fill } from "../src/doc/geometry.js";
import type { Row } from "../src/doc/source.js";

const SIZE = 8;
const CW = 4;

/** Words of `text` from x on the line whose top is y; `gap` is the space between words (0.3 em by default). */
function words(text: string, x: number, y: number, opts: { size?: number; bold?: boolean; gap?: number } = {}): Word[] {
  const size = opts.size ?? SIZE;
  const cw = (CW * size) / SIZE;
  const out: Word[] = [];
  let cx = x;
  for (const t of text.split(" ")) {
    if (t) out.push({ text: t, x0: cx, x1: cx + t.length * cw, y0: y, y1: y + 1.15 * size, base: y + 0.9 * size, size, bold: opts.bold ?? false });
    cx += t.length * cw + (opts.gap ?? 0.3 * size);
  }
  return out;
}
/** Words ending at `right` (a right-aligned cell). */
const flushRight = (text: string, right: number, y: number) => words(text, right - text.length * CW, y);
const h = (x0: number, x1: number, y: number, w = 0.5): Rule => ({ x0, x1, y0: y, y1: y, w });
const v = (x: number, y0: number, y1: number): Rule => ({ x0: x, x1: x, y0, y1, w: 0.5 });
const page = (ws: Word[], rules: Rule[] = [], fills: Fill[] = [], marks?: Fill[]): PageGeom => ({ page: 1, width: 595, height: 842, rotation: 0, words: ws, rules, fills, ...(marks ? { marks } : {}) });
const texts = (r: Row) => r.cells.map((c) => c.text);
const tableRows = (rows: Row[]) => rows.filter((r) => r.kind === "table").map(texts);

describe("tables whatever draws them", () => {
  it("a frame around a table with a shaded header and no inner rules: columns from the text, rows from the leading", () => {
    const ws = [
      ...words("Cod. Obiettivo", 54, 104, { bold: true }).map((w, i) => (i === 0 ? w : { ...w, x0: 100, x1: 100 + 9 * CW })),
      ...words("Peso", 300, 104, { bold: true }),
      ...words("A.1", 54, 124),
      ...words("Costituzione del gruppo", 100, 124),
      ...words("di lavoro", 100, 134),
      ...words("30%", 300, 124),
      ...words("A.2", 54, 150),
      ...words("Relazione finale", 100, 150),
      ...words("70%", 300, 150),
    ];
    const rules = [h(50, 400, 100), h(50, 400, 170), v(50, 100, 170), v(400, 100, 170)];
    const fills: Fill[] = [{ x0: 50, y0: 100, x1: 400, y1: 117 }];
    const { rows } = layoutDocument([page(ws, rules, fills)]);
    expect(tableRows(rows)).toEqual([
      ["Cod.", "Obiettivo", "Peso"],
      ["A.1", "Costituzione del gruppo di lavoro", "30%"],
      ["A.2", "Relazione finale", "70%"],
    ]);
  });

  it("a right-aligned number column set close to a text column: two columns, not one", () => {
    // Values end at 150; the next column starts at 152 (a 2 pt gap, narrower than a column gap).
    const ys = [100, 114, 128, 142];
    const vals = ["8,00", "10,00", "12,50", "7,00"];
    const next = ["annuale", "31/07/24", "annuale", "15/05/24"];
    const ws = ys.flatMap((y, i) => [...words(`OB.0${i}`, 50, y), ...flushRight(vals[i]!, 150, y), ...words(next[i]!, 152, y), ...words("Testo", 260, y)]);
    const { rows } = layoutDocument([page(ws)]);
    expect(tableRows(rows).map((r) => r.slice(1, 3))).toEqual(vals.map((x, i) => [x, next[i]]));
  });
});

describe("prose whatever sets it", () => {
  it("a justified line of evenly wide gaps is prose, not cells", () => {
    const ws = [...words("uno due tre quattro cinque", 50, 100, { gap: 20 }), ...words("fine del paragrafo.", 50, 111)];
    const { rows } = layoutDocument([page(ws)]);
    expect(rows.filter((r) => r.kind === "table")).toEqual([]);
    expect(rows.find((r) => r.kind === "text")!.cells[0]!.text).toBe("uno due tre quattro cinque");
  });

  it("a list marker set apart by a tab opens its item; the row names its marker", () => {
    const ws = [...words("1.", 50, 100), ...words("Analisi dei requisiti", 80, 100), ...words("2.", 50, 114), ...words("Relazione finale", 80, 114)];
    const { rows } = layoutDocument([page(ws)]);
    const items = rows.filter((r) => r.kind === "text");
    expect(items.map((r) => [r.cells[0]!.text, r.marker])).toEqual([
      ["1. Analisi dei requisiti", "1."],
      ["2. Relazione finale", "2."],
    ]);
  });

  it("a bullet drawn as a shape reads as '•' before its item", () => {
    const ws = [...words("Prima voce", 62, 100), ...words("Seconda voce", 62, 114)];
    const marks: Fill[] = [
      { x0: 52, y0: 104, x1: 55, y1: 107 },
      { x0: 52, y0: 118, x1: 55, y1: 121 },
    ];
    const { rows } = layoutDocument([page(ws, [], [], marks)]);
    expect(rows.filter((r) => r.kind === "text").map((r) => [r.cells[0]!.text, r.marker])).toEqual([
      ["• Prima voce", "•"],
      ["• Seconda voce", "•"],
    ]);
  });

  it("headings get levels by the rank of their size, the body text none", () => {
    const ws = [
      ...words("Piano della performance", 50, 60, { size: 16, bold: true }),
      ...words("Area tecnica", 50, 90, { size: 12, bold: true }),
      ...words("Testo del paragrafo che descrive.", 50, 110),
      ...words("Altro testo del paragrafo.", 50, 125),
      ...words("Area amministrativa", 50, 150, { size: 12, bold: true }),
      ...words("Ancora testo.", 50, 170),
    ];
    const { rows } = layoutDocument([page(ws)]);
    expect(rows.filter((r) => r.kind === "text").map((r) => [r.cells[0]!.text, r.heading])).toEqual([
      ["Piano della performance", 1],
      ["Area tecnica", 2],
      ["Testo del paragrafo che descrive.", undefined],
      ["Altro testo del paragrafo.", undefined],
      ["Area amministrativa", 2],
      ["Ancora testo.", undefined],
    ]);
  });
});

describe("footnote marks set as superscripts", () => {
  /** A superscript `t` right after word w: 0.7 of its size, raised 0.35 em. */
  const sup = (t: string, w: Word): Word => ({ text: t, x0: w.x1 + 0.3, x1: w.x1 + 0.3 + t.length * 0.7 * CW, y0: w.y0 - 0.35 * SIZE, y1: w.y0 - 0.35 * SIZE + 1.15 * 0.7 * SIZE, base: w.base - 0.35 * SIZE, size: 0.7 * SIZE, bold: false });

  it("leave the value they follow (a weight, a date, a title); a square metre's power and a plain number stay", () => {
    const weight = words("15%", 300, 124);
    const date = words("30/09/2026", 360, 124);
    const title = words("Sportello unico", 100, 124);
    const area = words("Superficie 120 m", 100, 150);
    const ws = [
      ...words("Obiettivo", 100, 104, { bold: true }),
      ...words("Peso", 300, 104, { bold: true }),
      ...words("Termine", 360, 104, { bold: true }),
      ...title,
      sup("*", title[title.length - 1]!),
      ...weight,
      sup("1", weight[0]!),
      ...date,
      sup("2", date[0]!),
      ...area,
      sup("2", area[area.length - 1]!),
      ...words("40%", 300, 150),
      ...words("12", 360, 150),
    ];
    const { rows } = layoutDocument([page(ws)]);
    const all = rows.map((r) => r.cells.map((c) => c.text).join(" | ")).join("\n");
    expect(all).toContain("Sportello unico | 15% | 30/09/2026");
    // The power stays (on a line of its own: it is raised above the line it belongs to).
    expect(all.split(/[\s|]+/).filter((t) => t === "2")).toHaveLength(1);
    expect(all).toContain("12");
  });
});

describe("indentation of lines of text", () => {
  it("is counted from the margin, four spaces a level of about 30 pt; a page of lines all set in, going on from the last page's, keeps its margin", () => {
    const p1 = page([
      ...words("Settore Viabilità", 50, 100, { size: 10 }),
      ...words("Ponti della SP 14 – peso 30% – entro il 31/12/2026", 50, 130),
      ...words("Verifica strutturale – entro il 31/03/2026", 80, 150),
      ...words("Note sul piano degli interventi.", 50, 170),
      ...words("Ponte sul Rio Freddo – peso 20% – entro il 30/11/2026", 50, 190),
      ...words("Progettazione – entro il 30/06/2026", 80, 210),
    ]);
    const p2 = { ...page([...words("Lavori – entro il 15/12/2026", 80, 60), ...words("Collaudo – entro il 30/12/2026", 80, 80)]), page: 2 };
    const { rows } = layoutDocument([p1, p2]);
    const text = rows.filter((r) => r.kind === "text").map((r) => [r.page, r.cells[0]!.text.split(" ")[0], r.indent ?? 0]);
    expect(text).toEqual([
      [1, "Settore", 0],
      [1, "Ponti", 0],
      [1, "Verifica", 4],
      [1, "Note", 0],
      [1, "Ponte", 0],
      [1, "Progettazione", 4],
      [2, "Lavori", 4],
      [2, "Collaudo", 4],
    ]);
  });
});

describe("rows of a table without rules", () => {
  it("a code of capitals run into figures alone in the first column opens a row, even repeated at a wide leading", () => {
    const ys = [120, 132.5, 145, 157.5, 170];
    const codes = ["CB01", "CB01", "CB01", "CB02", "CB02"];
    const steps = ["Rilievo dello stato dei canali", "Affidamento dei lavori", "Esecuzione dei lavori e collaudo", "Emissione degli avvisi", "Solleciti e riscossione coattiva"];
    const dates = ["31/03/2025", "30/06/2025", "30/11/2025", "30/06/2025", "15/12/2025"];
    // Text on the page set at the same wide leading (a sheet's rows of one line each elsewhere on the page).
    const other = [30, 42.5, 55, 67.5].flatMap((y, k) => [...words(`CX0${k}`, 50, y, { size: 7.5 }), ...words("Voce di bilancio del consorzio", 120, y, { size: 7.5 })]);
    const ws = [
      ...other,
      ...words("Cod.", 50, 104, { bold: true, size: 7.5 }),
      ...words("Fase", 120, 104, { bold: true, size: 7.5 }),
      ...words("Termine", 300, 104, { bold: true, size: 7.5 }),
      ...ys.flatMap((y, k) => [...words(codes[k]!, 50, y, { size: 7.5 }), ...words(steps[k]!, 120, y, { size: 7.5 }), ...words(dates[k]!, 300, y, { size: 7.5 })]),
    ];
    const { rows } = layoutDocument([page(ws)]);
    const table = tableRows(rows);
    expect(table.slice(table.findIndex((r) => r[0] === "Cod."))).toEqual([["Cod.", "Fase", "Termine"], ...codes.map((c, k) => [c, steps[k], dates[k]])]);
  });
});

describe("typography of a PDF's text", () => {
  it("reads as a text export's: ligatures spelled out, a star note mark after a value gone", () => {
    const ws = [...words("Peso", 50, 100, { bold: true }), ...words("Titolo", 150, 100, { bold: true }), ...words("15% (**)", 50, 120), ...words("Co\uFB01nanziamento europeo", 150, 120)];
    const { rows } = layoutDocument([page(ws)]);
    const all = rows.flatMap((r) => r.cells.map((c) => c.text)).join(" | ");
    expect(all).toContain("15%");
    expect(all).not.toContain("(**)");
    expect(all).toContain("Cofinanziamento europeo");
  });
});

describe("text set in columns", () => {
  const prose = [
    "Ogni obiettivo è presentato in un paragrafo",
    "che si apre con il codice e il titolo, seguiti",
    "dal titolare con il servizio, dal peso, dal",
    "termine e dall'indicatore con il suo valore.",
    "Dove l'obiettivo ha fasi, queste seguono nel",
    "paragrafo successivo, ciascuna con il termine.",
  ];
  const side = ["Titolare: funzionario che risponde", "dell'obiettivo nei confronti dell'ente.", "Peso: quota dell'obiettivo sul totale", "della performance organizzativa.", "Termine: data entro cui il risultato", "deve essere conseguito da tutti."];

  it("a sidebar beside the body, on baselines apart: the body read down, then the sidebar", () => {
    const ws = [...prose.flatMap((t, k) => words(t, 50, 100 + 14 * k)), ...side.flatMap((t, k) => words(t, 300, 105 + 13 * k, { size: 7 }))];
    const { rows } = layoutDocument([page(ws)]);
    const text = rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text).join(" | "));
    expect(text.every((t) => !t.includes(" | "))).toBe(true);
    const all = text.join(" ");
    expect(all.indexOf("paragrafo successivo")).toBeLessThan(all.indexOf("Titolare: funzionario"));
    expect(all).toContain("Ogni obiettivo è presentato in un paragrafo che si apre con il codice");
  });

  it("a card's short labels beside their values are no columns (a table's)", () => {
    const labels = ["CENTRO", "OBIETTIVO 1.1", "DESCRIZIONE", "", "", "", "PESO"];
    const values = ["Area Affari Generali", "Benessere in comune", "Con avviso pubblico il Dipartimento ha inteso", "raccogliere le manifestazioni di interesse a", "partecipare all'iniziativa da parte dei comuni", "fino a cinquemila abitanti del territorio.", "10%"];
    const ws = labels.flatMap((t, k) => [...(t ? words(t, 50, 100 + 14 * k) : []), ...words(values[k]!, 300, 100 + 14 * k)]);
    const { rows } = layoutDocument([page(ws)]);
    expect(rows.filter((r) => r.kind === "table").length).toBeGreaterThan(0);
  });
});
