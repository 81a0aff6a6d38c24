/**
 * Paragraphs and text columns on hand-made geometry (layout/prose.ts,
 * layout/textcolumns.ts, layout/lines.ts): the cases browser prints, word
 * processors and scans of them set, each one a paragraph the layout used to
 * cut or glue. Coordinates in points, origin top-left.
 */
import { describe, expect, it } from "vitest";
import { layoutDocument, type PageGeom, type Word } from "../src/layout/index.js";
import { justified, lineSegments } from "../src/layout/lines.js";
import { LAYOUT_SETTINGS } from "../src/layout/settings.js";
import type { Row } from "../src/doc/source.js";

const SIZE = 10;
const CW = 5;

/** Words of `text` from x on the line whose top is y; `bold` words up to the index given bold. */
function words(text: string, x: number, y: number, opts: { bold?: boolean | number; size?: number } = {}): Word[] {
  const size = opts.size ?? SIZE;
  const out: Word[] = [];
  let cx = x;
  text.split(" ").forEach((t, k) => {
    const bold = typeof opts.bold === "number" ? k < opts.bold : (opts.bold ?? false);
    if (t) out.push({ text: t, x0: cx, x1: cx + t.length * CW, y0: y, y1: y + 1.15 * size, base: y + 0.9 * size, size, bold });
    cx += t.length * CW + 0.3 * size;
  });
  return out;
}

function page(ws: Word[]): PageGeom {
  return { page: 1, width: 595, height: 842, rotation: 0, words: ws, rules: [], fills: [] };
}

const texts = (rows: Row[]) => rows.filter((r) => r.kind === "text").map((r) => r.cells[0]!.text);

describe("a title run in bold at a paragraph's start", () => {
  // The measure is 50..400: each first line is full, the next word would not have fitted.
  it("keeps the paragraph whole when the bold ends inside its first line", () => {
    const ws = [
      ...words("UVC.2 – Polizia locale associata presidio serale nei fine settimana. Titolare EQ: Comm.", 50, 100, { bold: 11 }),
      ...words("Renato Gallesio (Comando); ponderazione 15%; termine 30/09/2026.", 50, 112),
      ...words("Seguente paragrafo breve.", 50, 140),
    ];
    expect(texts(layoutDocument([page(ws)]).rows)).toEqual([
      "UVC.2 – Polizia locale associata presidio serale nei fine settimana. Titolare EQ: Comm. Renato Gallesio (Comando); ponderazione 15%; termine 30/09/2026.",
      "Seguente paragrafo breve.",
    ]);
  });

  it("keeps it whole when the bold title wraps and ends on the next line", () => {
    const ws = [
      ...words("UVC.1 – Sportello unico per le attività produttive: istruttoria in", 50, 100, { bold: true }),
      ...words("trenta giorni. Titolare EQ: Geom. Fabio Rondelli; ponderazione 20%.", 50, 112, { bold: 2 }),
    ];
    const rows = layoutDocument([page(ws)]).rows.filter((r) => r.kind === "text");
    expect(rows.map((r) => r.cells[0]!.text)).toEqual([
      "UVC.1 – Sportello unico per le attività produttive: istruttoria in trenta giorni. Titolare EQ: Geom. Fabio Rondelli; ponderazione 20%.",
    ]);
    expect(rows[0]!.heading).toBeUndefined();
  });

  it("still sets a bold heading apart from the paragraph under it", () => {
    // A heading as wide as the measure, over a plain paragraph: bold to its end, so a heading.
    const ws = [
      ...words("Obiettivi di performance dei servizi associati per il 2026 e per il 2027", 50, 100, { bold: true }),
      ...words("Ogni obiettivo è presentato in un paragrafo.", 50, 112),
    ];
    expect(texts(layoutDocument([page(ws)]).rows)).toEqual([
      "Obiettivi di performance dei servizi associati per il 2026 e per il 2027",
      "Ogni obiettivo è presentato in un paragrafo.",
    ]);
  });
});

describe("the leading the page's wrapped lines are set at", () => {
  const para = (y: number, pitch: number) => [
    ...words("uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici", 50, y),
    ...words("quattordici quindici sedici diciassette diciotto diciannove venti ventuno", 50, y + pitch),
    ...words("ventidue ventitré ventiquattro venticinque ventisei ventisette ventotto", 50, y + 2 * pitch),
    ...words("fine.", 50, y + 3 * pitch),
  ];

  it("joins lines set wider than the default (a web page's line-height 1.65) into their paragraphs", () => {
    const ws = [...para(100, 16.5), ...para(200, 16.5)];
    expect(texts(layoutDocument([page(ws)]).rows)).toHaveLength(2);
  });

  it("keeps lines at the default leading apart where the page's own text is set tight", () => {
    // Wrapped text at 1.2: a line 17 pt under a full one is the next paragraph.
    const ws = [...para(100, 12), ...words("Altra riga piena di parole che arriva fino in fondo alla misura", 50, 100 + 3 * 12 + 17)];
    expect(texts(layoutDocument([page(ws)]).rows)).toHaveLength(2);
  });
});

describe("a sidebar shorter than the body beside it", () => {
  it("reads the body's paragraph whole, before the sidebar, though it goes on below the sidebar's end", () => {
    // Body 50..300, sidebar 340..520 from y 100 to 148; the body's paragraph runs on to y 172.
    const body = [
      "Ogni obiettivo è presentato in un",
      "paragrafo che si apre con il codice",
      "e il titolo in grassetto, seguiti dal",
      "titolare con il servizio e dalla sua",
      "ponderazione, dal termine e da ogni",
      "indicatore con il suo valore atteso,",
      "come si legge nelle schede seguenti.",
    ];
    const side = ["Titolare EQ: funzionario che", "risponde dell'obiettivo e dei", "risultati conseguiti nell'anno.", "Ponderazione: quota sul totale."];
    const ws = [
      ...body.flatMap((t, k) => words(t, 50, 100 + 12 * k)),
      ...side.flatMap((t, k) => words(t, 340, 100 + 12 * k)),
      ...words("Testo che attraversa tutta la pagina da un margine all'altro margine, dopo le due colonne.", 50, 200),
    ];
    const got = texts(layoutDocument([page(ws)]).rows);
    expect(got[0]).toBe(body.join(" "));
    expect(got.indexOf(body.join(" "))).toBeLessThan(got.findIndex((t) => t.startsWith("Titolare EQ")));
    expect(got[got.length - 1]).toMatch(/^Testo che attraversa/);
  });
});

describe("a stretch in two columns followed by a heading", () => {
  it("leaves a heading under the left column's last, short line out of the stretch: it comes after both columns", () => {
    const left = ["Ogni obiettivo è presentato in un", "paragrafo che si apre con il codice", "e il titolo in grassetto, seguito", "dai campi."];
    const right = ["Le attività non hanno un peso", "proprio: concorrono all'obiettivo", "secondo il cronoprogramma, come", "indicato."];
    const ws = [
      ...left.flatMap((t, k) => words(t, 50, 100 + 12 * k)),
      ...right.flatMap((t, k) => words(t, 340, 100 + 12 * k)),
      ...words("Mappatura dei rischi", 50, 100 + 12 * 4 + 2, { bold: true }),
    ];
    const got = texts(layoutDocument([page(ws)]).rows);
    expect(got[got.length - 1]).toBe("Mappatura dei rischi");
  });
});

describe("justified lines read by OCR", () => {
  it("takes a line whose gaps differ by a colon's side bearing for justified text, not cells", () => {
    const ws = words("Lanzavecchia (Direttore generale); struttura: Area Risorse Umane", 50, 100);
    // Stretched: every gap 12 pt, the one after the colon 14.5 pt, as the ink of a scan gives them.
    let x = 50;
    const gaps = [12, 12, 12, 14.5, 12, 12];
    const stretched = ws.map((w, k) => {
      const width = w.x1 - w.x0;
      const out = { ...w, x0: x, x1: x + width, conf: 95 };
      x += width + (gaps[k] ?? 0);
      return out;
    });
    const line = { words: stretched, x0: 50, x1: x, y0: 100, y1: 111.5, base: 109, size: SIZE };
    expect(justified(line, LAYOUT_SETTINGS)).toBe(true);
    expect(lineSegments(line, LAYOUT_SETTINGS)).toHaveLength(1);
    // The same boxes from a text layer (no confidence): gaps that uneven are a table's.
    const born = { ...line, words: stretched.map(({ conf: _c, ...w }) => w) };
    expect(justified(born, LAYOUT_SETTINGS)).toBe(false);
  });
});
