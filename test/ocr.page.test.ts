/**
 * The page preparation before OCR and the word clean-up after it, without
 * running tesseract: skew estimation and correction, ruling lines found in
 * the bitmap, TSV parsing, border debris and specks, sizes and baselines.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeImage, type GreyImage, type RasterPage } from "../src/extract/raster.js";
import { binarize, inkThreshold, toPgm, warp } from "../src/extract/ocr/bitmap.js";
import { estimateSkew } from "../src/extract/ocr/deskew.js";
import { eraseRules, findRules } from "../src/extract/ocr/rules.js";
import { cleanWords, parseTsv, toLayoutWords, type TsvWord } from "../src/extract/ocr/words.js";
import { keepSurer, planStack, spansOf, sureness, type Span } from "../src/extract/ocr/reread.js";

const DATA = path.resolve("test/data/ocr");

async function page(f: string): Promise<RasterPage> {
  for await (const p of decodeImage(new Uint8Array(readFileSync(path.join(DATA, f)))).render()) return p;
  throw new Error("no page");
}

const count = (img: GreyImage, t: number) => img.data.reduce((n, v) => n + (v < t ? 1 : 0), 0);

describe("deskew", () => {
  it("finds the 1° tilt of a scanned table, and none in the straight one", async () => {
    const tilted = await page("table-rot1.png");
    const skew = estimateSkew(tilted.image, inkThreshold(tilted.image), tilted.dpi);
    expect(Math.abs(skew - 1)).toBeLessThanOrEqual(0.1);
    const straight = await page("table.png");
    expect(Math.abs(estimateSkew(straight.image, inkThreshold(straight.image), straight.dpi))).toBeLessThan(0.05);
  });

  it("turning the tilted page back levels its rules: they come out as long as in the straight page", async () => {
    const tilted = await page("table-rot1.png");
    const t = inkThreshold(tilted.image);
    const before = findRules(tilted.image, t, 300);
    const after = findRules(warp(tilted.image, 1, estimateSkew(tilted.image, t, 300)), t, 300);
    const straight = findRules((await page("table.png")).image, t, 300);
    // Tilted, a 5-inch rule climbs 26 px: no row holds a long run of it.
    expect(before.h.length).toBeLessThan(straight.h.length);
    expect(after.h.length).toBe(straight.h.length);
    expect(after.v.length).toBe(straight.v.length);
  });

  it("warp keeps the page's size, and scales it when asked", () => {
    const img: GreyImage = { width: 40, height: 20, data: new Uint8Array(800).fill(255) };
    expect(warp(img, 1, 1)).toMatchObject({ width: 40, height: 20 });
    expect(warp(img, 0.5, 0)).toMatchObject({ width: 20, height: 10 });
  });
});

describe("black and white", () => {
  /** A grey office scan of a cell: paper at 235 with noise, a stroke 4 px wide at 30 with 2 px of blurred edge at 160, a 20 % grey border, a shaded band. */
  function greyCell(): GreyImage {
    const W = 200,
      H = 120;
    const data = new Uint8Array(W * H);
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 16;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        let v = 235;
        if (y >= 80 && y < 100) v = 212; // shading
        if (y === 10 || y === 11) v = 195; // a light border, two pixels
        if (x >= 100 && x < 104 && y >= 20 && y < 70) v = 30; // a stem
        else if ((x === 98 || x === 99 || x === 104 || x === 105) && y >= 20 && y < 70) v = 160; // its edges
        data[y * W + x] = Math.max(0, Math.min(255, Math.round(v + noise())));
      }
    // Enough strokes that ink is a few percent of the page, as on a page of text.
    for (let k = 0; k < 12; k++) for (let y = 20; y < 70; y++) for (let x = 10 + k * 7; x < 13 + k * 7; x++) data[y * W + x] = 30;
    return { width: W, height: H, data };
  }
  const inkIn = (img: GreyImage, y: number, x0: number, x1: number) => {
    let n = 0;
    for (let x = x0; x < x1; x++) if (img.data[y * img.width + x]! < 128) n++;
    return n;
  };

  it("cuts halfway between paper and ink: strokes keep their width, a 20 % grey border and shading go", () => {
    const img = greyCell();
    const t = inkThreshold(img);
    const bw = binarize(img, t);
    expect(bw.data.every((v) => v === 0 || v === 255)).toBe(true);
    expect(inkIn(bw, 40, 95, 110)).toBe(4);
    expect(inkIn(bw, 10, 0, 200)).toBe(0);
    expect(inkIn(bw, 90, 0, 200)).toBe(0);
  });

  it("the cut is halfway between the commonest paper level and the ink's core", () => {
    // 90 % paper at 235, 9 % ink at 30, and two probes either side of (235 + 30) / 2 = 132.5 → 133.
    const data = new Uint8Array(1000).fill(235);
    data.fill(30, 0, 90);
    data[500] = 132;
    data[501] = 133;
    const bw = binarize({ width: 1000, height: 1, data }, 140);
    expect([bw.data[0], bw.data[500], bw.data[501], bw.data[999]]).toEqual([0, 0, 255, 255]);
  });

  it("a page already black and white comes back as it is, and so does one drawn from it with grey edges", () => {
    const img: GreyImage = { width: 4, height: 2, data: Uint8Array.from([0, 255, 255, 0, 255, 255, 0, 255]) };
    expect(binarize(img, 128)).toBe(img);
    // A bilevel scan drawn at 1.5× its resolution: paper at 255, strokes at 0, greys along their edges only.
    const drawn: GreyImage = { width: 10, height: 1, data: Uint8Array.from([255, 255, 255, 170, 0, 0, 85, 255, 255, 255]) };
    expect(binarize(drawn, 128)).toBe(drawn);
  });
});

describe("ruling lines", () => {
  it("a 4×5 ruled table: 5 horizontal and 5 vertical rules at the drawn positions", async () => {
    const p = await page("table.png");
    const r = findRules(p.image, inkThreshold(p.image), p.dpi);
    expect(r.h).toHaveLength(5);
    expect(r.v).toHaveLength(5);
    // Rows are 20 pt apart (83 px at 300 dpi), drawn 0.8 pt (3–4 px) thick.
    const ys = r.h.map((h) => (h.y0 + h.y1) / 2).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeCloseTo((20 * 300) / 72, -0.5);
    for (const h of r.h) expect(h.y1 - h.y0).toBeLessThanOrEqual(5);
    // Vertical rules span the table's height, horizontal ones its width.
    for (const v of r.v) expect(v.y1 - v.y0).toBeGreaterThan(300);
    for (const h of r.h) expect(h.x1 - h.x0).toBeGreaterThan(1500);
  });

  it("text alone yields no rules; erasing the rules leaves the text", async () => {
    const p = await page("table.png");
    const t = inkThreshold(p.image);
    const r = findRules(p.image, t, p.dpi);
    const erased = eraseRules(p.image, r);
    expect(findRules(erased, t, p.dpi)).toEqual({ h: [], v: [] });
    const ink = count(p.image, t),
      left = count(erased, t);
    expect(left).toBeLessThan(ink);
    expect(left).toBeGreaterThan(0.5 * ink);
  });

  describe("lines a coarse scan broke", () => {
    const W = 1200,
      H = 900;
    const blank = () => new Uint8Array(W * H).fill(255);
    const hLine = (d: Uint8Array, y: number, x0: number, x1: number, thick = 2) => {
      for (let k = 0; k < thick; k++) d.fill(0, (y + k) * W + x0, (y + k) * W + x1);
    };
    const vLine = (d: Uint8Array, x: number, y0: number, y1: number, thick = 2) => {
      for (let y = y0; y < y1; y++) d.fill(0, y * W + x, y * W + x + thick);
    };

    it("a horizontal rule broken into dashes (some shorter than a rule, 4–12 px gaps) comes back whole", () => {
      const d = blank();
      // 900 px of 40–70 px dashes: no dash is a rule by itself (0.25 in = 75 px).
      for (let x = 100, k = 0; x < 1000; k++) {
        const len = [40, 70, 55][k % 3]!;
        hLine(d, 400, x, Math.min(1000, x + len));
        x += len + [4, 12, 8][k % 3]!;
      }
      const r = findRules({ width: W, height: H, data: d }, 128, 300);
      expect(r.h).toHaveLength(1);
      expect(r.h[0]!.x0).toBe(100);
      expect(r.h[0]!.x1).toBeGreaterThan(960);
    });

    it("a vertical border in rule-long pieces 0.3 in apart is one rule; two tables' edges one above the other stay two", () => {
      const d = blank();
      // A dashed column edge inside one table (no corners at the gaps)…
      for (const y of [100, 260, 420]) vLine(d, 300, y, y + 70);
      // …and the left edge of two stacked tables, whose facing ends meet their bottom and top rules.
      vLine(d, 700, 100, 400);
      hLine(d, 398, 700, 1100);
      hLine(d, 500, 700, 1100);
      vLine(d, 700, 500, 800);
      const r = findRules({ width: W, height: H, data: d }, 128, 300);
      const at = (x: number) => r.v.filter((v) => Math.abs(v.x0 - x) <= 2).map((v) => [v.y0, v.y1]);
      expect(at(300)).toEqual([[100, 490]]);
      expect(at(700)).toEqual([
        [100, 400],
        [500, 800],
      ]);
    });

    it("glyph bars side by side (the tops of a heading's TT) are no rule", () => {
      const d = blank();
      for (const x of [100, 145, 300, 345]) hLine(d, 200, x, x + 40, 4);
      expect(findRules({ width: W, height: H, data: d }, 128, 300).h).toEqual([]);
    });

    it("a line of bold capitals whose letters touch (scanned `OBIETTIVO DI`) is no rule, so its tops are not painted out", async () => {
      // Cut from a 300 dpi scan: bridged over GAP, the letters' tops run on for hundreds of pixels, thin
      // enough for a rule, but with holes at the letters and the spaces that no rule has.
      const p = await page("bold-caps.png");
      const t = inkThreshold(p.image);
      expect(findRules(p.image, t, p.dpi)).toEqual({ h: [], v: [] });
    });
  });

  it("a solid block is not a rule", () => {
    const W = 600,
      H = 300;
    const data = new Uint8Array(W * H).fill(255);
    for (let y = 100; y < 200; y++) data.fill(0, y * W + 100, y * W + 500);
    expect(findRules({ width: W, height: H, data }, 128, 300)).toEqual({ h: [], v: [] });
  });
});

describe("words", () => {
  const tsv = [
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "1\t1\t0\t0\t0\t0\t0\t0\t2000\t1000\t-1\t",
    "4\t1\t1\t1\t1\t0\t100\t100\t900\t60\t-1\t",
    "5\t1\t1\t1\t1\t1\t100\t100\t200\t40\t96.5\tServizio",
    "5\t1\t1\t1\t1\t2\t320\t112\t30\t28\t95\tper",
    "5\t1\t1\t1\t1\t3\t370\t110\t40\t30\t40\t‘",
    "5\t1\t1\t1\t1\t4\t420\t120\t12\t4\t91\t-",
    "5\t1\t1\t1\t1\t5\t450\t100\t2\t2\t83\ti",
    "5\t1\t1\t1\t1\t6\t600\t100\t220\t40\t92\t|Obiettivo",
    "5\t1\t1\t1\t1\t7\t995\t90\t10\t70\t70\t|",
  ].join("\n");
  const rules = { h: [], v: [{ x0: 998, x1: 1002, y0: 50, y1: 400 }] };

  it("parses word rows with boxes and confidence", () => {
    const ws = parseTsv(tsv);
    expect(ws.map((w) => w.text)).toEqual(["Servizio", "per", "‘", "-", "i", "|Obiettivo", "|"]);
    expect(ws[0]).toMatchObject({ x0: 100, y0: 100, x1: 300, y1: 140, conf: 96.5, line: "1.1.1" });
  });

  it("drops specks and border debris, keeps dashes, trims bars glued to words", () => {
    const kept = cleanWords(parseTsv(tsv), rules);
    expect(kept.map((w) => w.text)).toEqual(["Servizio", "per", "-", "Obiettivo"]);
    const ob = kept.find((w) => w.text === "Obiettivo")!;
    expect(ob.x0).toBeCloseTo(600 + 220 / 10, 5); // one character's share of the box
  });

  it("words of a line share one size (the type size, not the ink height) and one baseline", () => {
    const ws: TsvWord[] = cleanWords(parseTsv(tsv), rules);
    const out = toLayoutWords(ws, 72 / 300);
    const sizes = new Set(out.map((w) => w.size.toFixed(3)));
    const bases = new Set(out.map((w) => w.base.toFixed(3)));
    expect(sizes.size).toBe(1);
    expect(bases.size).toBe(1);
    // "Servizio" has capitals and no descender: 40 px of ink is ~0.75 em → ~53 px type, 12.8 pt.
    expect(out[0]!.size).toBeCloseTo((40 / 0.75) * (72 / 300), 0);
    // The baseline is the bottom of letters without descenders, not of "p".
    expect(out[0]!.base).toBeCloseTo(140 * (72 / 300), 0);
    expect(out.every((w) => w.bold === false && w.conf !== undefined)).toBe(true);
  });

  it("encodes PGM for tesseract", () => {
    const pgm = toPgm({ width: 3, height: 2, data: new Uint8Array([0, 128, 255, 1, 2, 3]) });
    expect(Buffer.from(pgm).toString("latin1", 0, 11)).toBe("P5\n3 2\n255\n");
    expect([...pgm.subarray(11)]).toEqual([0, 128, 255, 1, 2, 3]);
  });
});

/** A TSV word: text, confidence, left/right edge, line; 40 px tall at y 100. */
const tw = (text: string, conf: number, x0: number, x1: number, line = "1.1.1", y0 = 100, y1 = 140): TsvWord => ({ text, conf, x0, x1, y0, y1, line });
const noRules = { h: [], v: [] };

describe("word clean-up for codes and smears", () => {
  it("joins a code the engine split at an underscore, and nothing else", () => {
    const out = cleanWords([tw("2023_S08_", 79, 100, 190), tw("25", 82, 188, 210), tw("Assessorato", 96, 260, 400)], noRules);
    expect(out.map((w) => w.text)).toEqual(["2023_S08_25", "Assessorato"]);
    expect(out[0]).toMatchObject({ x0: 100, x1: 210, conf: 79 });
    // Far apart, or on another line, or no underscore at the cut: separate words.
    expect(cleanWords([tw("2023_S08_", 79, 100, 190), tw("25", 82, 260, 280)], noRules)).toHaveLength(2);
    expect(cleanWords([tw("2023_S08_", 79, 100, 190), tw("25", 82, 190, 210, "1.1.2")], noRules)).toHaveLength(2);
    expect(cleanWords([tw("2023", 79, 100, 190), tw("25", 82, 190, 210)], noRules)).toHaveLength(2);
    expect(cleanWords([tw("2023", 79, 100, 190), tw("_S08", 82, 192, 260)], noRules).map((w) => w.text)).toEqual(["2023_S08"]);
  });

  it("drops a flat smear read as a letter at no confidence, keeps flat dashes and short words", () => {
    const body = [tw("Entro", 96, 100, 200), tw("31.12.2024", 89, 100, 300, "1.1.2", 160, 200)];
    const smear = tw("c", 0, 100, 130, "1.1.3", 300, 306);
    expect(cleanWords([...body, smear], noRules).map((w) => w.text)).toEqual(["Entro", "31.12.2024"]);
    // The same shape read with some confidence, or a full-height letter at none, stays.
    expect(cleanWords([...body, { ...smear, conf: 45 }], noRules)).toHaveLength(3);
    expect(cleanWords([...body, tw("e", 0, 100, 120, "1.1.3", 300, 330)], noRules)).toHaveLength(3);
  });
});

describe("second reading of doubtful stretches", () => {
  const line = [tw("Gestione", 95, 100, 260), tw("IL", 50, 300, 330), tw("del", 96, 360, 420), tw("programma", 94, 450, 650), tw("1.5.", 40, 1200, 1260)];

  it("reads again only the doubtful words, neighbours within two line heights together", () => {
    const spans = spansOf(line, 80);
    expect(spans.map((s) => s.words.map((w) => w.text))).toEqual([["IL"], ["1.5."]]);
    expect(spans[0]).toMatchObject({ x0: 300, x1: 330, y0: 100, y1: 140, line: "1.1.1" });
    const close = [tw("a1", 50, 100, 140), tw("b", 96, 150, 170), tw("c2", 50, 200, 240)];
    expect(spansOf(close, 80).map((s) => s.words.map((w) => w.text))).toEqual([["a1", "b", "c2"]]);
    // Punctuation never starts a second reading; a sure line none.
    expect(spansOf([tw("Gestione", 95, 100, 260), tw("-", 10, 280, 290)], 80)).toEqual([]);
    expect(spansOf(line, 30)).toEqual([]);
  });

  it("keeps the surer reading, and the second model's within a leeway", () => {
    const spans = spansOf(line, 80);
    const again = [[tw("1.1", 45, 300, 330)], [tw("1.5.", 20, 1200, 1260)]];
    const out = keepSurer(line, spans, again);
    // "1.1" at 45 replaces "IL" at 50 (within the leeway); "1.5." at 20 does not replace the first reading at 40.
    expect(out.map((w) => w.text)).toEqual(["Gestione", "1.1", "del", "programma", "1.5."]);
    expect(out[4]!.conf).toBe(40);
    // An empty second reading keeps the first.
    expect(keepSurer(line, spans, [[], []])).toEqual(line);
  });

  it("stacks the spans one under the other; never more than a page's pixels, the rest left to their first reading", () => {
    const page = { width: 2480, height: 3508 };
    const span = (i: number, w = 400): Span => ({ line: `1.${i}.1`, words: [], x0: 100, x1: 100 + w, y0: 100 + i * 60, y1: 140 + i * 60 });
    // A few spans: all stacked in order, each cut out with its margins (0.2 × 40 px above and below,
    // 0.6 × 40 px each side), the tallest span's 40 px of white between them and at each side.
    const few = planStack([span(0), span(1, 800), span(2)], page);
    expect(few.strips.map((t) => t.top)).toEqual([40, 40 + 56 + 40, 40 + 2 * (56 + 40)]);
    expect(few.strips[1]).toMatchObject({ x0: 76, x1: 924, y0: 152, y1: 208 });
    expect(few).toMatchObject({ width: 848 + 80, height: 40 + 3 * (56 + 40) });
    // A page of ink nothing reads: 3000 doubtful stretches would stack 288,000 px tall.
    const many = Array.from({ length: 3000 }, (_, i) => span(i % 50, 2000));
    const plan = planStack(many, page);
    expect(plan.width * plan.height).toBeLessThanOrEqual(page.width * page.height);
    expect(plan.strips.length).toBe(Math.floor((Math.floor((page.width * page.height) / plan.width) - 40) / 96));
    expect(plan.strips.length).toBeLessThan(many.length);
    // The stretches kept are the first ones, in page order.
    plan.strips.forEach((t, i) => expect(t.y0).toBe(many[i]!.y0 - 8));
    expect(planStack([], page)).toEqual({ strips: [], width: 0, height: 0 });
  });

  it("weighs confidence by characters", () => {
    expect(sureness([tw("programma", 90, 0, 1), tw("|", 0, 0, 1)])).toBeCloseTo(81, 0);
    expect(sureness([])).toBe(0);
  });
});
