/**
 * OCR end to end on small committed images (scripts/ocr/make-test-images.mjs):
 * words read, table rows rebuilt by the layout from OCR boxes and detected
 * rules, deskew, multi-page TIFF, blank and tiny pages, and the routing of
 * PDF pages between their text layer and OCR (auto / always / never).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convertBuffer, convertBufferWithSource } from "../src/convert.js";
import { configureOcr, shutdownOcr } from "../src/extract/ocr/index.js";
import { ocrConfig } from "../src/extract/ocr/pool.js";
import { ocrPage } from "../src/extract/ocr/page.js";
import { warp } from "../src/extract/ocr/bitmap.js";
import { decodeImage, type RasterPage } from "../src/extract/raster.js";
import { InputError, type Row, type SourceDoc } from "../src/doc/source.js";

const DATA = path.resolve("test/data/ocr");
const bytesOf = (f: string) => new Uint8Array(readFileSync(path.join(DATA, f)));
const pdfBytes = (f: string) => new Uint8Array(readFileSync(path.resolve("fixtures/pdf/errors", f)));

afterAll(() => shutdownOcr());

const TABLE = [
  ["cod.", "Obiettivo", "Scadenza", "Peso"],
  ["1.1", "Monitoraggio andamento", "30/06/2025", "10%"],
  ["1.2", "Rendicontazione attività", "31/12/2025", "25%"],
  ["1.3", "Gestione del programma", "31/12/2026", "65%"],
];
const tableRows = (s: SourceDoc, page = 1) => s.rows.filter((r: Row) => r.kind === "table" && r.page === page).map((r) => r.cells.map((c) => c.text));
/**
 * The table as read. Heavy noise removal (on for 300 dpi scans, see
 * src/extract/ocr/pool.ts) may take the lone period ending "cod." for dust:
 * a known cost of the setting that removes far more dust than periods.
 */
const asRead = (rows: string[][]) => rows.map((r) => r.map((c) => (c === "cod" ? "cod." : c)));

/** Records the "ocr page" debug lines (skew, timings) of a conversion. */
function debugLog() {
  const pages: Record<string, unknown>[] = [];
  const noop = () => undefined;
  const logger = { debug: (o: Record<string, unknown>, m: string) => m === "ocr page" && pages.push(o), info: noop, warn: noop, error: noop };
  return { pages, logger: logger as never };
}

async function failure(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe("images", () => {
  it.each(["table.png", "table.jpg"])("%s: a ruled table comes back cell by cell, as objectives", async (f) => {
    const { doc, source } = await convertBufferWithSource(bytesOf(f), f);
    expect(source.kind).toBe("scan");
    expect(doc.source).toMatchObject({ kind: "scan", pages: 1, ocr: { engine: "tesseract.js", lang: "ita" } });
    expect(doc.source.ocr!.meanConfidence).toBeGreaterThan(85);
    expect(asRead(tableRows(source))).toEqual(TABLE);
    // Cells carry the mean confidence of their words.
    const cells = source.rows.filter((r) => r.kind === "table").flatMap((r) => r.cells);
    expect(cells.every((c) => c.conf !== undefined)).toBe(true);
    expect(cells.reduce((a, c) => a + c.conf!, 0) / cells.length).toBeGreaterThan(85);
    expect(doc.objectives.map((o) => [o.id, o.title, o.due?.iso, o.weight?.value])).toEqual([
      ["1.1", "Monitoraggio andamento", "2025-06-30", 10],
      ["1.2", "Rendicontazione attività", "2025-12-31", 25],
      ["1.3", "Gestione del programma", "2026-12-31", 65],
    ]);
    // The lossy JPEG may leave a word under the confidence threshold: flagged. A "2025" plan's period is that year,
    // so the 2026 deadline is past it.
    expect(doc.issues.filter((i) => i.code !== "ocr.low-confidence").map((i) => `${i.code} ${i.path}`)).toEqual(["date.out-of-period /objectives/2/due"]);
    // Word boxes for the report, in points on a page of the image's size at 300 dpi.
    const g = source.geometry!;
    expect(g).toHaveLength(1);
    expect(g[0]!.width).toBeCloseTo((1708 * 72) / 300, 1);
    const word = g[0]!.words.find((w) => w.text === "Monitoraggio")!;
    expect(word.conf).toBeGreaterThan(80);
    expect(word.bbox[0]).toBeGreaterThan(60);
    expect(word.bbox[2]).toBeLessThan(250);
  });

  it("the best model alone (no second reading) reads the same table; the default pair is back afterwards", async () => {
    configureOcr({ model: "best", rereadBelow: 0 });
    try {
      const { doc, source } = await convertBufferWithSource(bytesOf("table.jpg"), "table.jpg");
      expect(asRead(tableRows(source))).toEqual(TABLE);
      expect(doc.objectives.map((o) => o.id)).toEqual(["1.1", "1.2", "1.3"]);
    } finally {
      configureOcr({ model: "fast", rereadBelow: 80 });
    }
    expect(ocrConfig()).toMatchObject({ model: "fast", rereadBelow: 80 });
  });

  it("a table scanned 1° askew is deskewed: each row's cells land in one row", async () => {
    const log = debugLog();
    const { source } = await convertBufferWithSource(bytesOf("table-rot1.png"), "storto.png", { logger: log.logger });
    expect(Math.abs((log.pages[0]!.skew as number) - 1)).toBeLessThanOrEqual(0.1);
    expect(asRead(tableRows(source))).toEqual(TABLE);
  });

  it("heavy noise removal only for scans of 250 dpi and more (it eats short tokens at 200 dpi)", async () => {
    const sharp = debugLog();
    await convertBuffer(bytesOf("table.png"), "t.png", { logger: sharp.logger });
    expect(sharp.pages[0]).toMatchObject({ scanDpi: 300, heavyNoise: true });
    const fax = debugLog();
    const { source } = await convertBufferWithSource(bytesOf("page-g3.tif"), "fax.tif", { logger: fax.logger });
    expect(fax.pages[0]).toMatchObject({ scanDpi: 200, heavyNoise: false });
    expect(tableRows(source)[1]).toEqual(["2.1", "Analisi dei processi", "30/09/2025"]);
  });

  it("a two-page CCITT G4 TIFF: both pages read, progress reported per page", async () => {
    const progress: [number, number][] = [];
    const { doc, source } = await convertBufferWithSource(bytesOf("pages-g4.tif"), "scansione.tif", { onPage: (d, t) => progress.push([d, t]) });
    expect(doc.source.pages).toBe(2);
    // The page count first (a batch's time limit grows with it), then each page.
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(asRead(tableRows(source, 1))).toEqual(TABLE);
    expect(tableRows(source, 2)).toEqual([
      ["Fase", "Attività", "Termine"],
      ["2.1", "Analisi dei processi", "30/09/2025"],
      ["2.2", "Formazione del personale", "31/12/2025"],
    ]);
    expect(source.geometry!.map((g) => g.page)).toEqual([1, 2]);
  });

  it("a 600 dpi page is brought down to 300 dpi before OCR, its boxes still in the page's points", async () => {
    let base: RasterPage | undefined;
    for await (const p of decodeImage(bytesOf("table.png")).render()) base = p;
    const sharp: RasterPage = { ...base!, dpi: 600, image: warp(base!.image, 2, 0) };
    const log = debugLog();
    const r = await ocrPage(sharp, log.logger);
    expect(log.pages[0]).toMatchObject({ dpi: 300 });
    expect(r.geom.width).toBe(base!.widthPt);
    const w = r.geom.words.find((x) => x.text === "Monitoraggio")!;
    const ref = (await ocrPage(base!)).geom.words.find((x) => x.text === "Monitoraggio")!;
    expect(Math.abs(w.x0 - ref.x0)).toBeLessThan(1);
    expect(Math.abs(w.y1 - ref.y1)).toBeLessThan(1);
  });

  it("a blank page: no rows, no crash, an empty document", async () => {
    const { doc, source } = await convertBufferWithSource(bytesOf("blank.png"), "bianca.png");
    expect(source.rows).toEqual([]);
    expect(doc.objectives).toEqual([]);
    expect(doc.source.ocr!.meanConfidence).toBeNull();
    expect(doc.issues.map((i) => [i.code, i.path])).toEqual([["structure.empty", ""]]);
  });

  it("a 1×1 image: an empty document that says why", async () => {
    const doc = await convertBuffer(bytesOf("one-pixel.png"), "punto.png");
    expect(doc.objectives).toEqual([]);
    expect(doc.issues.map((i) => i.message)).toContain("page 1: image too small to OCR (under 16 px on a side)");
  });

  it("--ocr never: an image is refused as unsupported", async () => {
    const e = await failure(convertBuffer(bytesOf("table.png"), "tabella.png", { ocr: "never" }));
    expect(e.code).toBe("unsupported");
    expect(e.message).toMatch(/^tabella\.png: unsupported: .*OCR is disabled/);
  });
});

describe("PDF routing", () => {
  it("auto: in a mixed PDF only the page without text is OCR'd", async () => {
    const progress: [number, number][] = [];
    const log = debugLog();
    const { doc, source } = await convertBufferWithSource(bytesOf("mixed.pdf"), "misto.pdf", { onPage: (d, t) => progress.push([d, t]), logger: log.logger });
    // The page is rendered at the OCR resolution; the scan's own resolution is read from its image.
    expect(log.pages).toHaveLength(1);
    expect(log.pages[0]).toMatchObject({ page: 2, dpi: 300, scanDpi: 300, heavyNoise: true });
    expect(doc.source.kind).toBe("scan");
    expect(doc.source.ocr).toMatchObject({ engine: "tesseract.js", lang: "ita" });
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    // Page 1 from its text layer (no confidences, no OCR accents lost: the PDF text has "attivita").
    expect(tableRows(source, 1)[2]).toEqual(["1.2", "Rendicontazione attivita", "31/12/2025", "25%"]);
    expect(source.geometry![0]!.words.every((w) => w.conf === undefined)).toBe(true);
    // Page 2 read by OCR.
    expect(asRead(tableRows(source, 2))).toEqual(TABLE);
    expect(source.geometry![1]!.words.every((w) => w.conf !== undefined)).toBe(true);
  });

  it("auto: a PDF with a text layer never starts OCR; its word boxes are kept for the report", async () => {
    const { doc, source } = await convertBufferWithSource(pdfBytes("landscape.pdf"), "orizzontale.pdf");
    expect(doc.source).toMatchObject({ kind: "pdf", ocr: null });
    expect(source.geometry).toHaveLength(1);
    expect(source.geometry![0]!.words.map((w) => w.text)).toContain("orizzontale");
  });

  it("always: pages with a text layer are OCR'd too", async () => {
    const { doc, source } = await convertBufferWithSource(pdfBytes("landscape.pdf"), "orizzontale.pdf", { ocr: "always" });
    expect(doc.source.kind).toBe("scan");
    expect(source.rows[0]!.cells[0]!.text).toBe("Pagina orizzontale");
    expect(source.geometry![0]!.words.every((w) => w.conf !== undefined)).toBe(true);
  });

  it("never: an image-only PDF keeps the no-text-layer refusal", async () => {
    const e = await failure(convertBuffer(pdfBytes("no-text.pdf"), "scansione.pdf", { ocr: "never" }));
    expect(e.code).toBe("no-text-layer");
  });

  it("auto: a PDF of graphics only is OCR'd, finds no text, and converts to an empty document", async () => {
    const { doc, source } = await convertBufferWithSource(pdfBytes("no-text.pdf"), "grafica.pdf");
    expect(doc.source.kind).toBe("scan");
    expect(source.rows).toEqual([]);
    expect(doc.issues.map((i) => i.code)).toEqual(["structure.empty"]);
  });

  it("maxPages reaches the PDF extractor", async () => {
    const e = await failure(convertBuffer(bytesOf("mixed.pdf"), "misto.pdf", { maxPages: 1 }));
    expect(e.code).toBe("too-large");
  });
});
