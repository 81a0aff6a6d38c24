/**
 * What the OCR path makes of tesseract's words before the layout, on
 * hand-made words (no tesseract run): sizes a cell of one word gets from its
 * row, and the slips a token's shape settles (src/extract/ocr/words.ts,
 * slips.ts). Each case is one that cut a scanned table of the producer
 * matrix (fixtures/producers) before.
 */
import { describe, expect, it } from "vitest";
import { cleanWords, toLayoutWords, type TsvWord } from "../src/extract/ocr/words.js";
import { settleSlips } from "../src/extract/ocr/slips.js";

const noRules = { h: [], v: [] };
/** A word in pixels: x from x0 to x1, ink from y0 to y1, on tesseract line `line`. */
const tw = (text: string, x0: number, x1: number, y0: number, y1: number, line: string, conf = 95): TsvWord => ({ text, x0, x1, y0, y1, conf, line });

describe("OCR word sizes", () => {
  it("a speck under a short word does not make its line a heading: the word with more glyphs decides", () => {
    // 300 dpi, 8 pt type: capitals and digits ~25 px of ink; "N." came with a speck under it (39 px).
    const ws = [tw("N.", 100, 130, 100, 139, "1.1.1"), tw("12", 140, 170, 100, 125, "1.1.1")];
    const out = toLayoutWords(ws, 72 / 300);
    expect(out[0]!.size).toBeCloseTo((25 / 0.75) * (72 / 300), 1);
    expect(out[0]!.base).toBeCloseTo(125 * (72 / 300), 1);
  });

  it("a decimal comma is no descender: 0,40 is as large as the text beside it", () => {
    const body = Array.from({ length: 6 }, (_, i) => tw("Persone", 300 + 120 * i, 400 + 120 * i, 100 + 40 * i, 125 + 40 * i, `2.1.${i}`));
    const out = toLayoutWords([tw("0,40", 100, 160, 100, 125, "1.1.1"), ...body], 72 / 300);
    expect(out[0]!.size).toBeCloseTo(out[1]!.size, 3);
  });

  it("a cell of one word whose ink came out taller takes the size of its row", () => {
    // Page text at ~33 px type; one cell's word reads 43 px (a blot), the other cells of its row 33.
    const page = Array.from({ length: 8 }, (_, i) => tw("Anziani", 100, 200, 300 + 40 * i, 325 + 40 * i, `9.1.${i}`));
    const row = [tw("disabilità", 100, 240, 100, 132, "1.1.1"), tw("percorsi", 400, 520, 107, 132, "2.1.1"), tw("di", 530, 550, 107, 132, "2.1.1"), tw("dei", 700, 740, 107, 132, "3.1.1")];
    const out = toLayoutWords([...row, ...page], 72 / 300);
    const sizes = new Set(out.slice(0, 4).map((w) => w.size.toFixed(3)));
    expect(sizes.size).toBe(1);
    // Alone on its baseline, a larger line keeps its own size (a heading).
    const heading = toLayoutWords([tw("Tabella", 100, 300, 0, 43, "0.1.1"), ...page], 72 / 300);
    expect(heading[0]!.size).toBeGreaterThan(1.2 * heading[1]!.size);
  });
});

describe("OCR slips the token's shape settles", () => {
  const texts = (ws: TsvWord[]) => settleSlips(ws).map((w) => w.text);

  it("a zero in a code's capital prefix is the letter O, an O among its digits the zero", () => {
    expect(texts([tw("0B.02", 0, 50, 0, 20, "1.1.1"), tw("0P-07", 0, 50, 40, 60, "1.1.2"), tw("OB.O3", 0, 50, 80, 100, "1.1.3")])).toEqual(["OB.02", "OP-07", "OB.03"]);
  });

  it("leaves codes, numbers and words that are read right alone", () => {
    const ok = ["OB.01", "2023_S08_25", "U.O.", "10,00", "0,40", "D.Lgs.", "A0", "S08"];
    expect(texts(ok.map((t, i) => tw(t, 0, 50, 40 * i, 40 * i + 20, `1.1.${i}`)))).toEqual(ok);
  });

  it("strokes opening a deadline cell before a period noun and a year are a Roman numeral", () => {
    const cell = [tw("il", 0, 10, 0, 20, "5.1.1"), tw("semestre", 0, 80, 30, 50, "5.1.2"), tw("2025", 0, 40, 60, 80, "5.1.3")];
    expect(texts(cell)).toEqual(["II", "semestre", "2025"]);
    expect(texts([tw("Il", 0, 10, 0, 20, "5.1.1"), tw("trimestre", 20, 80, 0, 20, "5.1.1")])).toEqual(["II", "trimestre"]);
  });

  it("the article inside a line, or before a period noun that prose goes on from, stays the article", () => {
    const prose = [tw("entro", 0, 40, 0, 20, "1.1.1"), tw("il", 50, 60, 0, 20, "1.1.1"), tw("semestre", 70, 140, 0, 20, "1.1.1"), tw("2025", 150, 190, 0, 20, "1.1.1")];
    expect(texts(prose)).toEqual(["entro", "il", "semestre", "2025"]);
    const wrapped = [tw("il", 0, 10, 0, 20, "1.1.2"), tw("semestre", 20, 90, 0, 20, "1.1.2"), tw("successivo", 100, 190, 0, 20, "1.1.2")];
    expect(texts(wrapped)).toEqual(["il", "semestre", "successivo"]);
  });

  it("cleanWords puts the slips right", () => {
    expect(cleanWords([tw("0B.02", 0, 60, 0, 25, "1.1.1"), tw("Sviluppo", 80, 200, 0, 25, "1.1.1")], noRules).map((w) => w.text)).toEqual(["OB.02", "Sviluppo"]);
  });
});
