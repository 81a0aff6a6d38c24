/**
 * Born-digital PDFs → SourceDoc. pdf.js reads each page's operator list once;
 * geometry.ts turns it into words, ruling lines and shading; src/layout turns
 * the pages into rows. Pages are read one at a time and released, so memory
 * follows the text of the document, not its page images or fonts.
 *
 * Nothing in the file runs: pdf.js never executes document JavaScript (no
 * scripting sandbox is created here), eval is disabled for font programs, XFA
 * is off, and resources come from the package's own files.
 */
import type { Logger } from "pino";
import { InputError, type ExtractNote, type OcrMode, type PageWords, type SourceDoc } from "../../doc/source.js";
import { layoutDocument, LAYOUT_SETTINGS, type LayoutSettings } from "../../layout/index.js";
import type { PageGeom, Word } from "../../doc/geometry.js";
import type { OcrPage } from "../ocr/page.js";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { openPdf, pdfjs } from "./pdfjs.js";
import { pageGeometry, type OpsTable } from "./geometry.js";
import { hasWordChar } from "../../util/text.js";
import { garbledFonts } from "./garbled.js";

export interface ExtractPdfOptions {
  logger?: Pick<Logger, "debug" | "warn">;
  /** Refuse documents with more pages than this (default 5000). */
  maxPages?: number;
  /** Overrides of the layout settings (see src/layout/settings.ts). */
  layout?: Partial<LayoutSettings>;
  /**
   * Pages to OCR: "never" (the default here: this extractor alone reads text
   * layers; convert() asks for "auto"), "auto" (pages without a usable text
   * layer) or "always" (every page).
   */
  ocr?: OcrMode;
  /** Confidence under which an OCR'd page gets an `ocr.low-confidence` note (default 60). */
  ocrThreshold?: number;
  /** Called as pages finish (pages done, pages in the document). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Split a large scan (the queue's workers): when more pages than this are
   * to be OCR'd, stop before OCR and throw OcrSplit with the plan.
   */
  splitOver?: number;
  /**
   * Pages OCR'd elsewhere (the queue's page jobs, by `ocrPdfPages` on the same
   * bytes), by page number: used instead of OCRing them here. Pages to OCR
   * that are missing are OCR'd here as usual.
   */
  ocrDone?: ReadonlyMap<number, OcrPage>;
}

/** Which pages of a PDF go to OCR, decided as extractPdf decides it. */
export interface OcrPlan {
  /** Pages in the document. */
  pages: number;
  /** Pages to OCR, in order. */
  ocr: number[];
  /** Resolution of the scan image of each page to OCR, when it has one (see ocrPdfPages' scanDpi). */
  scanDpi: Record<number, number>;
}

/** Thrown by extractPdf with `splitOver` when the OCR is to be spread over page jobs. */
export class OcrSplit extends Error {
  constructor(readonly plan: OcrPlan) {
    super(`${plan.ocr.length} of ${plan.pages} pages to OCR: split into page jobs`);
    this.name = "OcrSplit";
  }
}

export const DEFAULT_MAX_PAGES = 5000;

/**
 * Path drawing codes inside constructPath data (pdf.js 5.x `DrawOPS`, not
 * exported by the package). Pinned by test/pdf.extract.test.ts.
 */
const DRAW_OPS: OpsTable = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };

/**
 * Every complete PDF ends with %%EOF (a little trailing junk is common, 64 KiB
 * is generous). Without it the file was cut short: pdf.js would rebuild what
 * it can and silently lose the rest, so we refuse it instead.
 */
function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 65536))).toString("latin1");
  return tail.includes("%%EOF");
}

const BAD_TEXT_RE = /[\uFFFD\uE000-\uF8FF]/;

/** A page painting an image with at least this share of its words invisible is a searchable scan. */
const HIDDEN_SHARE = 0.8;
/** Resolution searchable-scan pages are rendered at to check their layer. */
const LAYER_DPI = 200;

/** " (the maker named in the document info)", for the record of how a layer was made. */
async function layerMaker(bytes: Uint8Array, file: string): Promise<string> {
  try {
    const doc = await openPdf(bytes, file);
    try {
      const info = (await doc.getMetadata()).info as { Creator?: unknown; Producer?: unknown };
      const name = [info.Creator, info.Producer].find((x): x is string => typeof x === "string" && x.trim() !== "");
      return name ? ` (${name.trim().slice(0, 80)})` : "";
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  } catch {
    return "";
  }
}

/**
 * Auto routing: a page is OCR'd when it has no words (a scan, text drawn as
 * outlines, or a blank page), when most of its words are unmapped glyphs, or
 * when a page that paints an image carries only a few characters of text (a
 * scan stamped with a page number or a registry mark).
 */
const FEW_CHARS = 40;

/** Words one page may hold: a dense A4 page has ~1,000, a poster ~10,000; millions are a crafted text operator. */
export const MAX_PAGE_WORDS = 100_000;

function wantsOcr(mode: OcrMode, pg: PageGeom, paintsImage: boolean, garbled: ReadonlySet<string>): boolean {
  if (mode !== "auto") return mode === "always";
  if (pg.words.length === 0) return true;
  const bad = pg.words.filter((w) => BAD_TEXT_RE.test(w.text)).length;
  if (bad >= 0.5 * pg.words.length) return true;
  // Words of a font without a usable Unicode map: the page's image reads right.
  if (garbled.size) return true;
  const chars = pg.words.reduce((n, w) => n + (hasWordChar(w.text) ? w.text.length : 0), 0);
  return paintsImage && chars < FEW_CHARS;
}

export async function extractPdf(bytes: Uint8Array, file: string, sha256: string, opts: ExtractPdfOptions = {}): Promise<SourceDoc> {
  const log = opts.logger;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const mode = opts.ocr ?? "never";
  if (!hasEofMarker(bytes)) {
    throw new InputError(`${file}: corrupt PDF, truncated (no %%EOF at the end of its ${bytes.length} bytes)`, "corrupt");
  }
  const lib = await pdfjs();
  const t0 = performance.now();
  const doc = await openPdf(bytes, file);
  const pages: PageGeom[] = [];
  /** Pages handed to OCR instead of read from their text layer. */
  const toOcr: number[] = [];
  /** Resolution of the image filling each page handed to OCR (a scan's), when it has one. */
  const scanDpi = new Map<number, number>();
  /** Searchable scans: pages whose text is an invisible layer over an image, with the layer's words. */
  const layers = new Map<number, Word[]>();
  let n: number;
  let done = 0;
  try {
    n = doc.numPages;
    if (!Number.isInteger(n) || n < 1) {
      throw new InputError(`${file}: corrupt PDF (its page tree declares ${n} pages)`, "corrupt");
    }
    if (n > maxPages) {
      throw new InputError(`${file}: ${n} pages exceeds the ${maxPages}-page limit (too-large); split the document or raise maxPages`, "too-large");
    }
    const OPS = lib.OPS as unknown as OpsTable & Record<string, number>;
    const imageOps = new Set(
      ["paintImageXObject", "paintImageXObjectRepeat", "paintInlineImageXObject", "paintInlineImageXObjectGroup", "paintImageMaskXObject", "paintImageMaskXObjectGroup", "paintImageMaskXObjectRepeat"].map((k) => OPS[k]),
    );
    // The page count, before the first page: a batch's per-file time limit grows with it.
    opts.onProgress?.(0, n);
    let failed = 0;
    let firstFailure = "";
    for (let p = 1; p <= n; p++) {
      let page: Awaited<ReturnType<typeof doc.getPage>> | null = null;
      try {
        page = await doc.getPage(p);
        const viewport = page.getViewport({ scale: 1 });
        const ops = await page.getOperatorList();
        const pg = page;
        const geom = pageGeometry(
          {
            page: p,
            viewport: { width: viewport.width, height: viewport.height, transform: viewport.transform },
            rotation: page.rotate,
            fnArray: ops.fnArray,
            argsArray: ops.argsArray,
            font: (id) => {
              try {
                return pg.commonObjs.get(id);
              } catch {
                return null;
              }
            },
          },
          OPS,
          DRAW_OPS,
          { wordGapEm: opts.layout?.wordGapEm ?? LAYOUT_SETTINGS.wordGapEm, maxRuleThickness: opts.layout?.maxRuleThickness ?? LAYOUT_SETTINGS.maxRuleThickness },
        );
        if (geom.words.length > MAX_PAGE_WORDS) {
          throw new InputError(`${file}: page ${p} holds ${geom.words.length} words, over the ${MAX_PAGE_WORDS}-word limit of one page (too-large)`, "too-large");
        }
        await imagesSettled(page, ops, OPS);
        const garbled = garbledFonts(geom.words);
        if (garbled.size && mode === "never") {
          // No OCR to turn to: the garbled words are shown as unreadable, so their fields are flagged.
          geom.words = geom.words.map((w) => (garbled.has(w.font ?? "") ? { ...w, text: "\uFFFD".repeat(w.text.length) } : w));
          log?.warn({ file, page: p, fonts: [...garbled] }, "font without a usable Unicode map: its text is unreadable");
        }
        const paintsImage = ops.fnArray.some((f) => imageOps.has(f));
        const hidden = geom.words.filter((w) => w.hidden);
        if (mode === "auto" && paintsImage && hidden.length > 0 && hidden.length >= HIDDEN_SHARE * geom.words.length && !garbled.size) {
          // A searchable scan: its layer is checked against the image below (ocr/layer.ts).
          layers.set(p, hidden);
          const dpi = imageResolution(ops, OPS, viewport.width, viewport.height);
          if (dpi) scanDpi.set(p, dpi);
        } else if (wantsOcr(mode, geom, paintsImage, garbled)) {
          toOcr.push(p);
          const dpi = imageResolution(ops, OPS, viewport.width, viewport.height);
          if (dpi) scanDpi.set(p, dpi);
        } else {
          pages.push(geom);
          opts.onProgress?.(++done, n);
        }
      } catch (e) {
        if (e instanceof InputError) throw e;
        failed++;
        firstFailure ||= e instanceof Error ? e.message : String(e);
        log?.warn({ file, page: p, err: firstFailure }, "pdf page unreadable, skipped");
        opts.onProgress?.(++done, n);
      } finally {
        page?.cleanup();
      }
    }
    if (failed === n) {
      throw new InputError(`${file}: corrupt PDF (none of its ${n} pages can be read: ${firstFailure})`, "corrupt");
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  const textPages = pages.length;
  const words = pages.reduce((a, p) => a + p.words.length, 0);
  if (words === 0 && toOcr.length === 0 && layers.size === 0) {
    throw new InputError(`${file}: no text layer on any of its ${n} pages (a scan?); it needs OCR`, "no-text-layer");
  }
  const notes: ExtractNote[] = [];
  for (const pg of pages) {
    const bad = pg.words.filter((w) => BAD_TEXT_RE.test(w.text)).length;
    if (bad > 0 && bad >= 0.02 * pg.words.length) {
      notes.push({
        code: "text.encoding",
        message: `page ${pg.page}: ${bad} of ${pg.words.length} words hold unmapped glyphs (font without a Unicode map)`,
        line: null,
        page: pg.page,
        raw: pg.words.find((w) => BAD_TEXT_RE.test(w.text))?.text ?? null,
      });
    }
  }
  const geometry: PageWords[] = pages.map((pg) => ({
    page: pg.page,
    width: pg.width,
    height: pg.height,
    words: pg.words.map((w) => ({ text: w.text, bbox: [w.x0, w.y0, w.x1, w.y1] })),
  }));
  let ocr: SourceDoc["ocr"] = null;
  const read: OcrPage[] = [];
  let layerRead = 0;
  if (layers.size) {
    // Rendered at the scan's own resolution (at most the OCR one): the ink test needs no more.
    const { readLayer } = await import("../ocr/layer.js");
    const { rasterizePdf } = await import("../raster.js");
    const list = [...layers.keys()];
    for await (const rp of rasterizePdf(bytes, { dpi: LAYER_DPI, pages: list, file })) {
      const lp = readLayer(rp, layers.get(rp.page)!);
      log?.debug({ file, page: rp.page, overInk: Math.round(lp.overInk * 100) / 100, trusted: lp.trusted }, "text layer over a scan");
      if (lp.trusted) {
        read.push(lp);
        layerRead++;
        opts.onProgress?.(++done, n);
      } else toOcr.push(rp.page);
    }
    toOcr.sort((a, b) => a - b);
  }
  if (opts.splitOver !== undefined && toOcr.length > opts.splitOver) {
    throw new OcrSplit({ pages: n, ocr: [...toOcr], scanDpi: Object.fromEntries(toOcr.flatMap((p) => (scanDpi.has(p) ? [[p, scanDpi.get(p)!]] : []))) });
  }
  // Pages another process OCR'd (the queue's page jobs) are taken as they come; the rest are OCR'd here.
  const elsewhere = opts.ocrDone;
  const here = elsewhere ? toOcr.filter((p) => !elsewhere.has(p)) : toOcr;
  for (const p of toOcr) {
    const r = elsewhere?.get(p);
    if (!r) continue;
    read.push(r);
    opts.onProgress?.(++done, n);
  }
  if (here.length) {
    // Loaded on demand: PDFs with a text layer never load tesseract.js.
    const { ocrPdfPages } = await import("../ocr/index.js");
    read.push(
      ...(await ocrPdfPages(bytes, file, here, {
        ...(log ? { logger: log } : {}),
        onPage: () => opts.onProgress?.(++done, n),
        scanDpi: (page) => scanDpi.get(page),
      })),
    );
  }
  if (read.length) {
    const { summarize } = await import("../ocr/index.js");
    read.sort((a, b) => a.geom.page - b.geom.page);
    pages.push(...read.map((r) => r.geom));
    geometry.push(...read.map((r) => r.words));
    geometry.sort((a, b) => a.page - b.page);
    const summary = summarize(read, opts.ocrThreshold ?? 60);
    // How the text was obtained: the scan's own layer (checked against its ink), tesseract, or both.
    const engine = [layerRead ? `text layer${await layerMaker(bytes, file)}` : "", toOcr.length ? summary.ocr.engine : ""].filter(Boolean).join(" + ");
    ocr = { ...summary.ocr, engine };
    notes.push(...summary.notes);
  }
  const t1 = performance.now();
  const { rows, stats, head } = layoutDocument(pages, opts.layout);
  log?.debug(
    { ...stats, file, pages: n, textPages, ocrPages: toOcr.length, words, readMs: Math.round(t1 - t0), layoutMs: Math.round(performance.now() - t1) },
    "pdf extracted",
  );
  return { file, sha256, kind: read.length ? "scan" : "pdf", pages: n, rows, ocr, geometry, ...(head.length ? { runningHead: head } : {}), notes };
}

/**
 * Pixels per inch of the page's largest image, taken to span the page's long
 * side (a scanned page is one image filling the page); null without images.
 */
function imageResolution(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>, widthPt: number, heightPt: number): number | null {
  let px = 0;
  ops.fnArray.forEach((f, i) => {
    const args = ops.argsArray[i] ?? [];
    if (f === OPS.paintImageXObject || f === OPS.paintImageXObjectRepeat) px = Math.max(px, Number(args[1]) || 0, Number(args[2]) || 0);
    else if (f === OPS.paintImageMaskXObject || f === OPS.paintInlineImageXObject) {
      const img = args[0] as { width?: number; height?: number } | undefined;
      px = Math.max(px, img?.width ?? 0, img?.height ?? 0);
    }
  });
  return px ? px / (Math.max(widthPt, heightPt) / 72) : null;
}

/**
 * Waits until pdf.js has delivered (or given up on) the page's images. It
 * decodes them after handing over the operator list, and its wasm decoders
 * (JBIG2/CCITT, JPEG 2000), shared by every document in the process, load
 * through the document that first needs them: destroyed mid-load, they stay
 * pending for good and every later render of a scan in the process (OCR,
 * the report) hangs without a trace.
 */
async function imagesSettled(page: PDFPageProxy, ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>): Promise<void> {
  const ids = new Set<string>();
  ops.fnArray.forEach((f, i) => {
    const id = ops.argsArray[i]?.[0];
    if ((f === OPS.paintImageXObject || f === OPS.paintImageXObjectRepeat) && typeof id === "string") ids.add(id);
  });
  // Failed decodes are delivered as null: every id settles.
  await Promise.all([...ids].map((id) => new Promise<void>((resolve) => (id.startsWith("g_") ? page.commonObjs : page.objs).get(id, () => resolve()))));
}
