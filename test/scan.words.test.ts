/**
 * What the OCR path makes of tesseract's words before the layout, on
 * hand-made words (no tesseract run): sizes a cell of one word gets from its
 * row, and the slips a token's shape settles (src/extract/ocr/words.ts,
 * slips.ts), and the ink it left unread (unread.ts). Each case is one that cut a scanned table of the producer
 * matrix (fixtures/producers) before.
 */
import { describe, expect, it } from "vitest";
import { cleanWords, fillInBlanks, toLayoutWords, type TsvWord } from "../src/extract/ocr/words.js";
import { settleSlips } from "../src/extract/ocr/slips.js";
import { readUnread, uncoveredPieces } from "../src/extract/ocr/unread.js";
import { boldWords, stemWidth } from "../src/extract/ocr/weight.js";
import type { GreyImage } from "../src/extract/raster.js";

/** A white page with black boxes [x0, y0, x1, y1] (exclusive ends). */
function paint(width: number, height: number, boxes: [number, number, number, number][]): GreyImage {
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, y0, x1, y1] of boxes) for (let y = y0; y < y1; y++) data.fill(0, y * width + x0, y * width + x1);
  return { width, height, data };
}

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

describe("ink the page reading left unread", () => {
  it("finds the pieces no word's box touches; a glyph a box cuts into is not one of them", () => {
    // Three glyphs: one inside a word's box, one the box cuts through (its box came out short), one no box touches.
    const img = paint(300, 100, [
      [10, 10, 30, 40],
      [60, 10, 80, 40],
      [150, 12, 170, 40],
    ]);
    const boxes = [{ x0: 8, y0: 8, x1: 70, y1: 42 }];
    expect(uncoveredPieces(img, 128, boxes)).toEqual([{ x0: 150, y0: 12, x1: 170, y1: 40 }]);
  });

  it("joins pieces touching diagonally (8-neighbourhood) into one", () => {
    const img = paint(100, 100, [
      [10, 10, 20, 20],
      [20, 20, 30, 30],
    ]);
    expect(uncoveredPieces(img, 128, [])).toEqual([{ x0: 10, y0: 10, x1: 30, y1: 30 }]);
  });

  it("a dash touching a word's end is its hyphen; set off by spaces between two words, a word of its own", async () => {
    // Capitals 25 px tall; a 10 x 3 px dash at their middle height.
    const op = tw("OP", 100, 145, 100, 125, "1.1.1");
    const hyphenated = paint(400, 200, [
      [100, 100, 145, 125],
      [148, 113, 158, 116],
    ]);
    const one = await readUnread([op], hyphenated, 128, { dpi: 300, heavyNoise: false, model: "best" });
    expect(one.map((w) => w.text)).toEqual(["OP-"]);
    const t1 = tw("T1", 100, 130, 100, 125, "1.1.1"),
      tempo = tw("tempo", 160, 230, 100, 125, "1.1.1");
    const spaced = paint(400, 200, [
      [100, 100, 130, 125],
      [140, 113, 150, 116],
      [160, 100, 230, 125],
    ]);
    const two = await readUnread([t1, tempo], spaced, 128, { dpi: 300, heavyNoise: false, model: "best" });
    expect(two.map((w) => w.text).sort()).toEqual(["-", "T1", "tempo"]);
  });

  it("a dot on the baseline right after a word is its period, a dot with a tail its comma; specks elsewhere stay specks", async () => {
    // Digits 25 px tall, baseline at y 125: a 5 x 5 px dot 3 px after "25%", a 5 x 10 px comma 3 px after "2026",
    // a speck in the white space between the lines, and a dot glued to the next word (no space after it).
    const w1 = tw("25%", 100, 160, 100, 125, "1.1.1"),
      w2 = tw("2026", 100, 170, 200, 225, "1.2.1"),
      w3 = tw("peso", 100, 160, 300, 325, "1.3.1"),
      w4 = tw("tra", 171, 210, 300, 325, "1.3.1");
    const img = paint(400, 400, [
      [100, 100, 160, 125],
      [163, 120, 168, 125],
      [100, 200, 170, 225],
      [173, 219, 178, 229],
      [300, 160, 304, 164],
      [100, 300, 160, 325],
      [163, 320, 168, 325],
      [171, 300, 210, 325],
    ]);
    const out = await readUnread([w1, w2, w3, w4], img, 128, { dpi: 300, heavyNoise: true, model: "best" });
    expect(out.map((w) => w.text)).toEqual(["25%.", "2026,", "peso", "tra"]);
  });

  it("a run of dots on a line's baseline is a tab's leader: the word it leads to remembers where it began, and the dot read with the word before goes with it", async () => {
    // Words 25 px tall on the baseline y 125; eight 5 x 5 px dots 5 px apart from x 180, then the date.
    const title = tw("modelli.", 100, 172, 100, 125, "1.1.1"),
      date = tw("31/05/2026", 280, 380, 100, 125, "1.1.1");
    const dots = Array.from({ length: 8 }, (_, i) => [180 + 10 * i, 120, 185 + 10 * i, 125] as [number, number, number, number]);
    const img = paint(500, 200, [[100, 100, 172, 125], ...dots, [280, 100, 380, 125]]);
    const out = await readUnread([title, date], img, 128, { dpi: 300, heavyNoise: false, model: "best" });
    expect(out).toEqual([{ ...title, text: "modelli" }, { ...date, leader: 172 }]);
    // Three dots are an ellipsis or dust, no leader.
    const few = paint(500, 200, [[100, 100, 172, 125], ...dots.slice(0, 3), [280, 100, 380, 125]]);
    const plain = tw("modelli", 100, 172, 100, 125, "1.1.1");
    expect((await readUnread([plain, date], few, 128, { dpi: 300, heavyNoise: false, model: "best" })).map((w) => [w.text, w.leader])).toEqual([
      ["modelli", undefined],
      ["31/05/2026", undefined],
    ]);
  });

  it("a dash opening a line, set off before its first word, is a list's marker; a dash alone is not", async () => {
    // A 10 x 3 px dash at the middle height of 25 px letters, 20 px before the line's first word.
    const item = tw("Configurazione", 100, 250, 100, 125, "1.1.1");
    const img = paint(400, 300, [
      [70, 113, 80, 116],
      [100, 100, 250, 125],
      [70, 213, 80, 216], // a dash with no word after it (an empty cell's "–")
    ]);
    const out = await readUnread([item], img, 128, { dpi: 300, heavyNoise: false, model: "best" });
    expect(out).toEqual([item, { text: "–", x0: 70, y0: 113, x1: 80, y1: 116, conf: item.conf, line: "1.1.1" }]);
  });

  it("a round blot at the middle height before a line's first word is a list's bullet, kept however small", async () => {
    // Letters 27 px tall; a 7 x 8 px bullet 30 px before the item's first word, at the middle of the x-height.
    const item = tw("posa", 100, 160, 100, 127, "1.1.1");
    const img = paint(400, 300, [
      [63, 110, 70, 118],
      [100, 100, 160, 127],
    ]);
    const out = await readUnread([item], img, 128, { dpi: 300, heavyNoise: false, model: "best" });
    expect(out).toEqual([item, { text: "•", x0: 63, y0: 110, x1: 70, y1: 118, conf: item.conf, line: "1.1.1" }]);
    expect(cleanWords(out, { h: [], v: [] }).map((w) => w.text)).toEqual(["posa", "•"]);
    // A semicolon's upper dot left of "target:", over the foot of "anno" (a word of x-height letters whose box
    // starts below it): a mark of the line's text, no bullet.
    const anno = tw("anno;", 100, 160, 114, 127, "1.1.1"),
      target = tw("target:", 190, 260, 100, 127, "1.1.1");
    const semi = paint(400, 300, [
      [100, 114, 160, 127],
      [163, 109, 170, 116],
      [190, 100, 260, 127],
    ]);
    expect((await readUnread([anno, target], semi, 128, { dpi: 300, heavyNoise: false, model: "best" })).map((w) => w.text)).toEqual(["anno;", "target:"]);
  });

  it("a bold heading's period, bigger than the body's, is still the word's period", async () => {
    // "I." in bold: a 6 x 6 px dot on the baseline of 27 px letters, 2 px after the numeral.
    const numeral = tw("I", 100, 112, 100, 127, "1.1.1");
    const img = paint(300, 200, [
      [100, 100, 112, 127],
      [114, 121, 120, 127],
    ]);
    expect((await readUnread([numeral], img, 128, { dpi: 300, heavyNoise: true, model: "best" })).map((w) => w.text)).toEqual(["I."]);
  });

  it("reads nothing again where only specks and the thin debris of rules are left", async () => {
    const w = tw("Obiettivo", 100, 250, 100, 125, "1.1.1");
    const img = paint(600, 400, [
      [100, 100, 250, 125],
      [300, 200, 302, 202], // a speck
      [400, 50, 402, 350], // a stretch of a vertical rule the eraser missed
      [50, 300, 500, 302], // and of a horizontal one
    ]);
    // No stretch to read: the words come back as they were, without a recognition job.
    expect(await readUnread([w], img, 128, { dpi: 300, heavyNoise: false, model: "best" })).toEqual([w]);
  });
});

describe("blanks to fill in by hand (fillInBlanks)", () => {
  // Words 27 px tall on the baseline y 127, a page 2480 px wide.
  const label = tw("Dirigente", 100, 200, 100, 127, "1.1.1"),
    second = tw("Segretario", 700, 820, 100, 127, "1.1.1");
  const rule = (x0: number, x1: number, y: number) => ({ x0, x1, y0: y, y1: y + 2 });

  it("a short line on the baseline after a label, nothing written over it, is a blank of underscores and no rule", () => {
    const rules = { h: [rule(240, 600, 126), rule(860, 1200, 126)], v: [] };
    const { words, rules: left } = fillInBlanks([label, second], rules, 2480);
    expect(words.map((w) => w.text.replace(/_+/, "_"))).toEqual(["Dirigente", "Segretario", "_", "_"]);
    expect(words[2]).toMatchObject({ x0: 240, x1: 600, line: "1.1.1" });
    expect(left.h).toEqual([]);
  });

  it("leaves a rule under text, a rule far from any word, and a table's rule across the page", () => {
    const under = rule(100, 200, 128); // the label's underline
    const far = rule(1200, 1500, 126); // nothing before it within reach
    const wide = rule(90, 2300, 126); // a table's rule
    const rules = { h: [under, far, wide], v: [] };
    const out = fillInBlanks([label], rules, 2480);
    expect(out.words).toEqual([label]);
    expect(out.rules).toBe(rules);
  });
});

describe("OCR type weight (src/extract/ocr/weight.ts)", () => {
  const K = 72 / 300;
  /** A word of `n` letters as `n` vertical stems `stem` px wide, 12 px apart, 30 px tall, from x0 on line y0. */
  const stems = (x0: number, y0: number, n: number, stem: number): [number, number, number, number][] =>
    Array.from({ length: n }, (_, i) => [x0 + 12 * i, y0, x0 + 12 * i + stem, y0 + 30] as [number, number, number, number]);
  /** Words on lines 50 px apart, each with its stem width; the layout words in points at 10 pt. */
  function page(spec: { text: string; stem: number; line: number; x0: number }[]) {
    const boxes = spec.flatMap((w) => stems(w.x0, 40 + 50 * w.line, w.text.length, w.stem));
    const img = paint(1600, 40 + 50 * (Math.max(...spec.map((w) => w.line)) + 2), boxes);
    const px = spec.map((w) => tw(w.text, w.x0, w.x0 + 12 * (w.text.length - 1) + w.stem, 40 + 50 * w.line, 70 + 50 * w.line, `1.1.${w.line}`));
    const words = px.map((w) => ({ text: w.text, x0: w.x0 * K, y0: w.y0 * K, x1: w.x1 * K, y1: w.y1 * K, base: w.y1 * K, size: 10, bold: false }));
    return { img, px, words };
  }
  const body = (n: number, stem: number, from = 0) => Array.from({ length: n }, (_, i) => ({ text: "parola", stem, line: from + i, x0: 100 }));

  it("words whose stems are wider than the body text's by a share of the size are bold; the body's are not", () => {
    const { img, px, words } = page([...body(14, 3), { text: "Obiettivo", stem: 6, line: 14, x0: 100 }, { text: "Titolo", stem: 6, line: 14, x0: 230 }]);
    const bold = boldWords(px, words, img, 128, K);
    expect(bold.slice(0, 14).every((b) => !b)).toBe(true);
    expect(bold.slice(14)).toEqual([true, true]);
  });

  it("a difference, not a ratio: a darker scan thickening every stroke by a pixel still tells bold from regular", () => {
    const { img, px, words } = page([...body(14, 4), { text: "Obiettivo", stem: 7, line: 14, x0: 100 }]);
    const bold = boldWords(px, words, img, 128, K);
    expect(bold.filter(Boolean)).toHaveLength(1);
    expect(bold[14]).toBe(true);
  });

  it("a short word takes the weight its line's neighbours agree on, measured alone only when they differ", () => {
    // "e" drawn with wide stems between two regular words stays regular; "di" drawn thin between two bold words is bold.
    const { img, px, words } = page([
      ...body(14, 3),
      { text: "Atti", stem: 3, line: 14, x0: 100 },
      { text: "e", stem: 6, line: 14, x0: 160 },
      { text: "registri", stem: 3, line: 14, x0: 190 },
      { text: "Piano", stem: 6, line: 15, x0: 100 },
      { text: "di", stem: 3, line: 15, x0: 172 },
      { text: "lavoro", stem: 6, line: 15, x0: 210 },
    ]);
    const bold = boldWords(px, words, img, 128, K);
    expect(bold.slice(14, 17)).toEqual([false, false, false]);
    expect(bold.slice(17, 20)).toEqual([true, true, true]);
  });

  it("a page of one weight, or with too few words to know its body text, has no bold", () => {
    const even = page(body(16, 6));
    expect(boldWords(even.px, even.words, even.img, 128, K).some(Boolean)).toBe(false);
    const few = page([...body(4, 3), { text: "Obiettivo", stem: 7, line: 4, x0: 100 }]);
    expect(boldWords(few.px, few.words, few.img, 128, K).some(Boolean)).toBe(false);
  });

  it("the stem width is the middle half's mean of the ink runs across the middle of the box", () => {
    const img = paint(200, 60, [...stems(10, 10, 5, 4), [10, 24, 70, 27]]);
    // The crossbar at rows 24–26 makes three long runs among ~60 of 4 px: outside the middle half.
    expect(stemWidth(img, 128, 10, 10, 70, 40)).toBe(4);
    expect(stemWidth(img, 128, 100, 10, 150, 40)).toBeNull();
  });
});
