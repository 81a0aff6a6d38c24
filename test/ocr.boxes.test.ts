/**
 * Check boxes on a scanned page (src/extract/ocr/boxes.ts): the shapes drawn
 * into a bitmap, boxes told from letters as round as them and from solid
 * bullets, ticked from empty, and the words tesseract read from a box's ink
 * replaced by the box's own word. The whole path (a scanned card whose
 * "Tipologia" row ticks one of two options) is in scan.golden.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rasterizePdf, type GreyImage } from "../src/extract/raster.js";
import { ocrPage } from "../src/extract/ocr/page.js";
import { shutdownOcr } from "../src/extract/ocr/index.js";
import { findCheckBoxes, placeCheckBoxes, type CheckBox } from "../src/extract/ocr/boxes.js";
import type { TsvWord } from "../src/extract/ocr/words.js";

const W = 400,
  H = 80;
/** The page's word height (px) the shapes are measured against: a 10 pt line at 300 dpi. */
const SIZE = 32;

function page(): GreyImage {
  return { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
}
function ink(img: GreyImage, x: number, y: number): void {
  if (x >= 0 && y >= 0 && x < img.width && y < img.height) img.data[y * img.width + x] = 0;
}
/** A square frame of side `n`, `stroke` px thick, its corner at (x, y). */
function frame(img: GreyImage, x: number, y: number, n: number, stroke = 2, sides = "tblr"): void {
  for (let k = 0; k < stroke; k++)
    for (let i = 0; i < n; i++) {
      if (sides.includes("t")) ink(img, x + i, y + k);
      if (sides.includes("b")) ink(img, x + i, y + n - 1 - k);
      if (sides.includes("l")) ink(img, x + k, y + i);
      if (sides.includes("r")) ink(img, x + n - 1 - k, y + i);
    }
}
/** A cross inside a frame (not touching it). */
function cross(img: GreyImage, x: number, y: number, n: number): void {
  for (let i = 6; i < n - 6; i++) {
    ink(img, x + i, y + i);
    ink(img, x + i + 1, y + i);
    ink(img, x + n - 1 - i, y + i);
    ink(img, x + n - 2 - i, y + i);
  }
}
/** A ring (an "O" or a "0") of outer radius r. */
function ring(img: GreyImage, cx: number, cy: number, r: number): void {
  for (let y = cy - r; y <= cy + r; y++)
    for (let x = cx - r; x <= cx + r; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= r && d >= r - 3) ink(img, x, y);
    }
}
function fill(img: GreyImage, x: number, y: number, n: number): void {
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) ink(img, x + i, y + j);
}

describe("findCheckBoxes", () => {
  it("finds empty and ticked boxes, with their place", () => {
    const img = page();
    frame(img, 20, 20, 28);
    frame(img, 120, 20, 28);
    cross(img, 120, 20, 28);
    const boxes = findCheckBoxes(img, 128, SIZE);
    expect(boxes).toEqual([
      { x0: 20, y0: 20, x1: 48, y1: 48, checked: false },
      { x0: 120, y0: 20, x1: 148, y1: 48, checked: true },
    ]);
  });

  it("a box whose cross touches its frame is one piece, and ticked", () => {
    const img = page();
    frame(img, 40, 20, 28);
    for (let i = 0; i < 28; i++) {
      ink(img, 40 + i, 20 + i);
      ink(img, 67 - i, 20 + i);
    }
    expect(findCheckBoxes(img, 128, SIZE)).toEqual([{ x0: 40, y0: 20, x1: 68, y1: 48, checked: true }]);
  });

  it("refuses rings, open frames, solid squares, and squares far from the text's size", () => {
    const img = page();
    ring(img, 40, 40, 14); // "O"
    frame(img, 80, 20, 28, 2, "tbl"); // "[" with a foot: no right side
    frame(img, 130, 20, 28, 2, "lr"); // "| |"
    fill(img, 180, 20, 24); // a solid bullet "■"
    frame(img, 230, 30, 8); // a speck-sized square
    frame(img, 260, 2, 76); // a frame taller than a line of text
    expect(findCheckBoxes(img, 128, SIZE)).toEqual([]);
  });

  it("finds nothing on a page without text size", () => {
    const img = page();
    frame(img, 20, 20, 28);
    expect(findCheckBoxes(img, 128, 0)).toEqual([]);
  });
});

describe("placeCheckBoxes", () => {
  const word = (text: string, x0: number, x1: number, line = "1.1.1", y0 = 20, y1 = 48): TsvWord => ({ text, x0, y0, x1, y1, conf: 95, line });
  const box = (x0: number, checked: boolean): CheckBox => ({ x0, y0: 20, x1: x0 + 28, y1: 48, checked });

  it("drops what tesseract read from a box and sets the box before the option's text, on its line", () => {
    const words = [word("Tipologia", 0, 90, "1.1.0"), word("Obiettivo", 160, 230), word("O«", 300, 345, "1.1.1"), word("Obiettivo", 350, 420)];
    const out = placeCheckBoxes(words, [box(120, true), box(300, false)]);
    expect(out.map((w) => w.text)).toEqual(["Tipologia", "☒", "Obiettivo", "☐", "Obiettivo"]);
    expect(out[1]).toMatchObject({ x0: 120, x1: 148, line: "1.1.1" });
    expect(out[3]).toMatchObject({ x0: 300, x1: 328, line: "1.1.1" });
  });

  it("keeps a word beside a box that it only touches", () => {
    const out = placeCheckBoxes([word("Obiettivo", 140, 230)], [box(120, false)]);
    expect(out.map((w) => w.text)).toEqual(["☐", "Obiettivo"]);
  });

  it("keeps words of another line in place, and gives a box alone its own line", () => {
    const other = word("Sopra", 100, 160, "1.0.0", 0, 15);
    const out = placeCheckBoxes([other], [box(120, false)]);
    expect(out).toEqual([other, { text: "☐", x0: 120, y0: 20, x1: 148, y1: 48, conf: 90, line: "box.0" }]);
  });

  it("changes nothing without boxes", () => {
    const words = [word("Obiettivo", 160, 230)];
    expect(placeCheckBoxes(words, [])).toEqual(words);
  });
});

describe("a card's options through the page path", () => {
  // Born-digital cards of two administrations, rendered at the OCR resolution as a flawless scan would give them.
  const cards = [
    { file: "holdout17/04_cciaa_rivafonda_colleverde_schede_caselle_firma.pdf", page: 2, want: ["☒ Obiettivo di performance organizzativa", "☐ Obiettivo individuale"] },
    { file: "holdout19/04_cciaa_serrapiana_lusino_schede_caselle_una_per_pagina.pdf", page: 2, want: ["☒ Obiettivo di performance organizzativa", "☐ Obiettivo individuale del dirigente"] },
  ];
  afterAll(() => shutdownOcr());
  for (const c of cards)
    it(`reads the ticked and the empty box of ${c.file.split("/")[0]}`, async () => {
      const bytes = new Uint8Array(readFileSync(path.resolve("fixtures/layouts", c.file)));
      for await (const p of rasterizePdf(bytes, { dpi: 300, pages: [c.page], file: c.file })) {
        const { geom } = await ocrPage(p);
        const text = geom.words.map((w) => w.text).join(" ");
        for (const w of c.want) expect(text).toContain(w);
        // Each box once: the letters tesseract made of it are gone.
        expect(geom.words.filter((w) => w.text === "☐" || w.text === "☒")).toHaveLength(2);
      }
    }, 60_000);
});
