/**
 * OCR extraction: page images (decoded images, or PDF pages without a usable
 * text layer) → words and rules per page → src/layout, exactly as the PDF
 * text-layer path does. Pages stream through the worker pool with at most
 * two pages per worker in flight, so memory stays flat whatever the length.
 */
import type { Logger } from "pino";
import { layoutDocument, type LayoutSettings } from "../../layout/index.js";
import type { ExtractNote, SourceDoc } from "../../doc/source.js";
import { decodeImage, rasterizePdf, type RasterPage } from "../raster.js";
import { MIN_SIDE_PX, OCR_DPI, ocrPage, type OcrPage } from "./page.js";
import { OCR_ENGINE, OCR_LANG, poolSize } from "./pool.js";

export { configureOcr, shutdownOcr, type OcrConfig } from "./pool.js";
export type { OcrPage } from "./page.js";

export interface OcrRunOptions {
  logger?: Pick<Logger, "debug" | "warn">;
  /** Called once per page as it finishes (in completion order). */
  onPage?: () => void;
  /** Resolution a page was scanned at, when known and not the bitmap's own (PDF pages). */
  scanDpi?: (page: number) => number | undefined;
}

/**
 * OCRs a stream of pages in parallel on the pool; results come back in page
 * order. The next page is only rendered when fewer than 2 × workers are in flight.
 */
export async function ocrPages(pages: AsyncIterable<RasterPage>, opts: OcrRunOptions = {}): Promise<OcrPage[]> {
  const limit = 2 * poolSize();
  const done: OcrPage[] = [];
  const running = new Set<Promise<void>>();
  let failure: { e: unknown } | null = null;
  const it = pages[Symbol.asyncIterator]();
  try {
    while (!failure) {
      const next = await it.next();
      if (next.done) break;
      const task: Promise<void> = ocrPage(next.value, opts.logger, opts.scanDpi?.(next.value.page))
        .then(
          (r) => {
            done.push(r);
            opts.onPage?.();
          },
          (e: unknown) => {
            failure ??= { e };
          },
        )
        .finally(() => running.delete(task));
      running.add(task);
      if (running.size >= limit) await Promise.race(running);
    }
  } finally {
    // Stop rendering (releases the PDF) whether the pages ran out or one failed.
    await it.return?.();
    await Promise.all(running);
  }
  if (failure) throw (failure as { e: unknown }).e;
  return done.sort((a, b) => a.geom.page - b.geom.page);
}

/** What a document's OCR'd pages add to its SourceDoc. */
export interface OcrSummary {
  ocr: NonNullable<SourceDoc["ocr"]>;
  notes: ExtractNote[];
}

/**
 * The `ocr` record (mean word confidence over every OCR'd page) and the notes:
 * pages too small to read, and pages read below the confidence threshold.
 */
export function summarize(pages: readonly OcrPage[], threshold: number): OcrSummary {
  let sum = 0,
    n = 0;
  const notes: ExtractNote[] = [];
  for (const p of pages) {
    const confs = p.words.words.map((w) => w.conf ?? 0);
    sum += confs.reduce((a, c) => a + c, 0);
    n += confs.length;
    if (p.tooSmall) {
      notes.push({ code: "structure.empty", message: `page ${p.geom.page}: image too small to OCR (under ${MIN_SIDE_PX} px on a side)`, line: null, page: p.geom.page, raw: null });
    } else if (confs.length) {
      const mean = confs.reduce((a, c) => a + c, 0) / confs.length;
      if (mean < threshold) {
        notes.push({ code: "ocr.low-confidence", message: `page ${p.geom.page} read at ${Math.round(mean)}% mean OCR confidence`, line: null, page: p.geom.page, raw: null });
      }
    }
  }
  return { ocr: { engine: OCR_ENGINE, lang: OCR_LANG, meanConfidence: n ? Math.round((sum / n) * 10) / 10 : null }, notes };
}

export interface ExtractImageOptions {
  logger?: Pick<Logger, "debug" | "warn">;
  maxPages?: number;
  /** Confidence under which a page gets an `ocr.low-confidence` note (default 60). */
  ocrThreshold?: number;
  layout?: Partial<LayoutSettings>;
  /** Progress over the file's pages. */
  onProgress?: (done: number, total: number) => void;
}

/** A PNG, JPEG or TIFF (one or many pages) → SourceDoc, every page OCR'd. */
export async function extractImage(bytes: Uint8Array, file: string, sha256: string, opts: ExtractImageOptions = {}): Promise<SourceDoc> {
  const img = decodeImage(bytes, { file, ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}) });
  const total = img.pages.length;
  let finished = 0;
  opts.onProgress?.(0, total);
  const pages = await ocrPages(img.render(), {
    ...(opts.logger ? { logger: opts.logger } : {}),
    onPage: () => opts.onProgress?.(++finished, total),
  });
  const { rows, stats, head } = layoutDocument(
    pages.map((p) => p.geom),
    opts.layout,
  );
  const { ocr, notes } = summarize(pages, opts.ocrThreshold ?? 60);
  opts.logger?.debug({ ...stats, file, pages: total, format: img.format, meanConfidence: ocr.meanConfidence }, "image OCR'd");
  return { file, sha256, kind: "scan", pages: total, rows, ocr, geometry: pages.map((p) => p.words), ...(head.length ? { runningHead: head } : {}), notes };
}

/** OCRs chosen pages of a PDF (rendered at the OCR resolution), in page order. */
export async function ocrPdfPages(bytes: Uint8Array, file: string, pages: readonly number[], opts: OcrRunOptions = {}): Promise<OcrPage[]> {
  return ocrPages(rasterizePdf(bytes, { dpi: OCR_DPI, pages, file }), opts);
}
