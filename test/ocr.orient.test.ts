/**
 * A page scanned the wrong way round (src/extract/ocr/orient.ts): exact
 * quarter turns, the two tests on real scanned pages of two documents turned
 * every way, what the tests refuse to judge, and the turn carried to the
 * spot-check report (its words, the packed page of the queue, the page
 * image). The whole conversion of turned scans is in scan.golden.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rasterizePdf, type GreyImage } from "../src/extract/raster.js";
import { inkThreshold, quarterTurn, warp, type Turn } from "../src/extract/ocr/bitmap.js";
import { estimateSkew } from "../src/extract/ocr/deskew.js";
import { eraseRules, findRules } from "../src/extract/ocr/rules.js";
import { besideShare, glyphs, isSideways, isUpsideDown, riseOfLines, ORIENT } from "../src/extract/ocr/orient.js";
import { reportWords } from "../src/extract/ocr/page.js";
import { packOcrPage, unpackOcrPage } from "../src/extract/ocr/pack.js";
import { reportPages } from "../src/report/pages.js";
import { parseWordsFile, wordsJson } from "../src/report/words.js";
import type { PageGeom } from "../src/doc/geometry.js";

const SCAN = path.resolve("fixtures/scan");

/** Page 2: the one scanned with a ~1° skew. */
async function skewedPage(file: string): Promise<{ image: GreyImage; dpi: number }> {
  for await (const p of rasterizePdf(new Uint8Array(readFileSync(path.join(SCAN, file))), { dpi: 300, pages: [2], file })) return p;
  throw new Error("no page");
}

/** The page as page.ts reads it: turned a quarter when sideways, deskewed, rules painted out. */
function readTurn(img: GreyImage, dpi: number): Turn {
  const t = inkThreshold(img);
  const sideways = isSideways(img, t, dpi);
  const level = sideways ? quarterTurn(img, 90) : img;
  const straight = warp(level, 1, estimateSkew(level, t, dpi));
  const flip = isUpsideDown(eraseRules(straight, findRules(straight, t, dpi)), t, dpi);
  return (((sideways ? 90 : 0) + (flip ? 180 : 0)) % 360) as Turn;
}

describe("quarter turns", () => {
  // 3 × 2: 0 1 2 / 3 4 5
  const img: GreyImage = { width: 3, height: 2, data: Uint8Array.from([0, 1, 2, 3, 4, 5]) };

  it("turns clockwise, exactly, swapping the sides on a quarter", () => {
    expect(quarterTurn(img, 90)).toEqual({ width: 2, height: 3, data: Uint8Array.from([3, 0, 4, 1, 5, 2]) });
    expect(quarterTurn(img, 180)).toEqual({ width: 3, height: 2, data: Uint8Array.from([5, 4, 3, 2, 1, 0]) });
    expect(quarterTurn(img, 270)).toEqual({ width: 2, height: 3, data: Uint8Array.from([2, 5, 1, 4, 0, 3]) });
    expect(quarterTurn(img, 0)).toBe(img);
  });

  it("four quarters, or a quarter and three, give the page back", () => {
    const big: GreyImage = { width: 7, height: 5, data: Uint8Array.from({ length: 35 }, (_, i) => (i * 37) % 256) };
    let r = big;
    for (let i = 0; i < 4; i++) r = quarterTurn(r, 90);
    expect(r).toEqual(big);
    expect(quarterTurn(quarterTurn(big, 90), 270)).toEqual(big);
    expect(quarterTurn(quarterTurn(big, 180), 180)).toEqual(big);
  });
});

describe("orientation of scanned pages", () => {
  // Two documents of two administrations, printed differently (bordered cards at 9.5 pt; ruled tables), scanned with a ~1° skew.
  for (const file of ["001_1e18ce1816fe9ae7.300.pdf", "004_131eba05ebaf386c.200.pdf"]) {
    it(`${file}: a page fed every way round is read as turned back upright`, { timeout: 60_000 }, async () => {
      const p = await skewedPage(file);
      for (const fed of [0, 90, 180, 270] as const) {
        const turned = quarterTurn(p.image, fed);
        expect(readTurn(turned, p.dpi), `fed turned by ${fed}°`).toBe((360 - fed) % 360);
      }
    });

    it(`${file}: the evidence is clear-cut, far from its thresholds`, { timeout: 60_000 }, async () => {
      const p = await skewedPage(file);
      const t = inkThreshold(p.image);
      const upright = besideShare(glyphs(p.image, t, p.dpi), p.dpi);
      const sideways = besideShare(glyphs(quarterTurn(p.image, 90), t, p.dpi), p.dpi);
      expect(upright).toBeGreaterThan(0.9);
      expect(sideways).toBeLessThan(0.1);
      const straight = warp(p.image, 1, estimateSkew(p.image, t, p.dpi));
      const clean = eraseRules(straight, findRules(straight, t, p.dpi));
      const up = riseOfLines(clean, t, p.dpi);
      const down = riseOfLines(quarterTurn(clean, 180), t, p.dpi);
      expect(up.lines).toBeGreaterThan(ORIENT.minLines);
      expect(up.rise).toBeGreaterThan(0.2);
      expect(down.rise).toBeLessThan(-0.2);
    });
  }

  it("a page with too little to judge stays as it is: blank, a few specks, a handful of glyphs", () => {
    const blank: GreyImage = { width: 600, height: 800, data: new Uint8Array(600 * 800).fill(255) };
    expect(besideShare(glyphs(blank, 128, 300), 300)).toBeNaN();
    expect(isSideways(blank, 128, 300)).toBe(false);
    expect(isUpsideDown(blank, 128, 300)).toBe(false);
    const specks = { ...blank, data: blank.data.slice() };
    for (let i = 0; i < 200; i++) specks.data[((i * 7919) % 790) * 600 + ((i * 104729) % 590)] = 0;
    expect(glyphs(specks, 128, 300)).toHaveLength(0);
    // Three lines of ten short bars running down the page: too few glyphs (ORIENT.minGlyphs) to turn it.
    const few = { ...blank, data: blank.data.slice() };
    for (let c = 0; c < 3; c++)
      for (let k = 0; k < 10; k++)
        for (let y = 100 + k * 30; y < 120 + k * 30; y++) for (let x = 100 + c * 80; x < 130 + c * 80; x++) few.data[y * 600 + x] = 0;
    expect(glyphs(few, 128, 300).length).toBeLessThan(ORIENT.minGlyphs);
    expect(isSideways(few, 128, 300)).toBe(false);
  });

  it("glyphs are the page's connected pieces of ink (8-connected), dust and rules left out", () => {
    const img: GreyImage = { width: 400, height: 200, data: new Uint8Array(400 * 200).fill(255) };
    const ink = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * 400 + x] = 0;
    };
    ink(10, 10, 30, 40); // a letter
    ink(30, 40, 50, 70); // touching it at a corner only: the same piece
    ink(100, 10, 120, 40); // another letter
    ink(200, 100, 202, 102); // a speck
    ink(0, 150, 400, 153); // a rule, longer than any glyph
    const g = glyphs(img, 128, 300);
    expect(g).toHaveLength(2);
    expect(g).toContainEqual({ x0: 10, y0: 10, x1: 50, y1: 70 });
    expect(g).toContainEqual({ x0: 100, y0: 10, x1: 120, y1: 40 });
  });
});

describe("the turn goes with the page's words", () => {
  const geom: PageGeom = {
    page: 3,
    width: 842,
    height: 595,
    rotation: 90,
    words: [{ text: "Obiettivo", x0: 10, y0: 20, x1: 60, y1: 30, base: 28, size: 10, bold: false, conf: 91 }],
    rules: [],
    fills: [],
  };

  it("the report's words carry the quarter turn and the page's upright size", () => {
    expect(reportWords(geom, 0.4)).toEqual({ page: 3, width: 842, height: 595, words: [{ text: "Obiettivo", bbox: [10, 20, 60, 30], conf: 91 }], turn: 90, skew: 0.4 });
    expect(reportWords({ ...geom, rotation: 0 }, 0)).not.toHaveProperty("turn");
  });

  it("a page packed for the queue comes back with its turn", () => {
    const page = { geom, words: reportWords(geom, 0.4), skew: 0.4, tooSmall: false };
    expect(unpackOcrPage(JSON.parse(JSON.stringify(packOcrPage(page))))).toEqual(page);
  });

  it("the words sidecar keeps the turn, and refuses one that is no quarter", () => {
    const text = wordsJson("a.pdf", "0".repeat(64), [reportWords(geom, 0)]);
    expect(parseWordsFile(text, "a.words.json").pages[0]!.turn).toBe(90);
    expect(() => parseWordsFile(text.replace('"turn":90', '"turn":45'), "a.words.json")).toThrow(/a\.words\.json/);
  });

  it("the report's page image is turned as the words were read", { timeout: 60_000 }, async () => {
    const bytes = new Uint8Array(readFileSync(path.join(SCAN, "003_f590cc7faadec963.200.turned.pdf")));
    const words = [
      { page: 1, width: 842.04, height: 595.08, words: [], turn: 90 as const },
      { page: 2, width: 842.04, height: 595.08, words: [], turn: 180 as const },
    ];
    const [p1, p2] = await reportPages(bytes, "t.pdf", words);
    // PNG IHDR: width and height, big-endian, at bytes 16 and 20.
    const size = (png: Uint8Array) => [Buffer.from(png).readUInt32BE(16), Buffer.from(png).readUInt32BE(20)];
    const [w1, h1] = size(p1!.image!.data);
    const [w2, h2] = size(p2!.image!.data);
    // Page 1 was scanned portrait (fed sideways): turned, its image is landscape like the words' page.
    expect(w1).toBeGreaterThan(h1!);
    expect(w2).toBeGreaterThan(h2!);
  });
});
