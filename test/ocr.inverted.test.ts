/**
 * Light text on a dark fill (src/extract/ocr/inverted.ts): bands drawn into
 * a bitmap, told from ruling lines, from a table's frame and from a photo,
 * turned negative in place; and the whole page path on born-digital cards
 * of two administrations whose banners are white on black.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rasterizePdf, type GreyImage } from "../src/extract/raster.js";
import { findBands, invertBands } from "../src/extract/ocr/inverted.js";
import { ocrPage } from "../src/extract/ocr/page.js";
import { shutdownOcr } from "../src/extract/ocr/index.js";

const DPI = 300;
const W = 1200,
  H = 600;

function page(): GreyImage {
  return { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
}
function rect(img: GreyImage, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}
/** A dark band with light "letters" (blocks of paper) across its middle, as a header row is printed. */
function band(img: GreyImage, x0: number, y0: number, x1: number, y1: number): void {
  rect(img, x0, y0, x1, y1);
  const mid = (y0 + y1) >> 1;
  for (let x = x0 + 20; x + 14 < x1 - 20; x += 24) rect(img, x, mid - 12, x + 14, mid + 12, 255);
}
const at = (img: GreyImage, x: number, y: number) => img.data[y * img.width + x]!;

describe("findBands / invertBands", () => {
  it("finds a dark band with light letters, and turns it negative in place", () => {
    const img = page();
    band(img, 100, 100, 1100, 160);
    const { image, bands } = invertBands(img, 128, DPI);
    expect(bands).toEqual([{ x0: 100, y0: 100, x1: 1100, y1: 160 }]);
    // The fill is paper now, the letters ink; the page outside untouched, the input unchanged.
    expect(at(image, 105, 105)).toBe(255);
    expect(at(image, 125, 130)).toBe(0);
    expect(at(image, 50, 50)).toBe(255);
    expect(at(img, 105, 105)).toBe(0);
  });

  it("finds a band whose letters fill it from side to side, their rows holding no long run", () => {
    const img = page();
    rect(img, 100, 100, 1100, 170);
    for (let x = 104; x + 10 < 1096; x += 16) rect(img, x, 112, x + 10, 158, 255);
    expect(findBands(img, 128, DPI)).toEqual([{ x0: 100, y0: 100, x1: 1100, y1: 170 }]);
  });

  it("leaves ruling lines, a frame and its rows, and a dark picture alone", () => {
    const img = page();
    rect(img, 100, 50, 1100, 53); // a rule
    rect(img, 100, 80, 1100, 84); // a thick rule…
    rect(img, 100, 110, 1100, 114); // …and another a row below it: no band between them
    rect(img, 100, 200, 1100, 202); // a frame: top, bottom, sides
    rect(img, 100, 260, 1100, 262);
    rect(img, 100, 200, 102, 262);
    rect(img, 1098, 200, 1100, 262);
    rect(img, 400, 300, 800, 590); // a photo: taller than any band of text
    const { image, bands } = invertBands(img, 128, DPI);
    expect(bands).toEqual([]);
    expect(image).toBe(img);
  });

  it("leaves a page without dark fills as it is", () => {
    const img = page();
    rect(img, 100, 100, 110, 140); // a letter's stem
    expect(invertBands(img, 128, DPI)).toEqual({ image: img, bands: [] });
  });
});

describe("a banner white on black through the page path", () => {
  // Born-digital cards of two administrations rendered at the OCR resolution: each card opens with a banner
  // printed white on black, as a black-and-white scan makes every dark header row.
  const cards = [
    { file: "holdout15/04_cciaa_marzola_valle_silea_schede_pagina.pdf", page: 2 },
    { file: "holdout18/04_cciaa_brenzola_valdrusa_schede_per_pagina_caselle.pdf", page: 3 },
  ];
  afterAll(() => shutdownOcr());
  for (const c of cards)
    it(`reads the banner of ${c.file.split("/")[0]}, and hands its band to the layout as a fill`, async () => {
      const bytes = new Uint8Array(readFileSync(path.resolve("fixtures/layouts", c.file)));
      for await (const p of rasterizePdf(bytes, { dpi: 300, pages: [c.page], file: c.file })) {
        const { geom } = await ocrPage(p);
        const text = geom.words.map((w) => w.text).join(" ");
        expect(text).toMatch(/SCHEDA OBIETTIVO \S{0,2}N\S{0,2} 1\b/);
        expect(geom.fills).toHaveLength(1);
        const [f] = geom.fills;
        const banner = geom.words.find((w) => w.text === "SCHEDA")!;
        expect(f!.y0).toBeLessThan(banner.y0);
        expect(f!.y1).toBeGreaterThan(banner.y1);
        expect(f!.x1 - f!.x0).toBeGreaterThan(0.6 * geom.width);
      }
    }, 60_000);
});
