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
import { InputError, type ExtractNote, type SourceDoc } from "../types.js";
import { layoutDocument, LAYOUT_SETTINGS, type LayoutSettings } from "../../layout/index.js";
import type { PageGeom } from "../../layout/types.js";
import { assetUrls, pdfjs } from "./pdfjs.js";
import { pageGeometry, type OpsTable } from "./geometry.js";

export interface ExtractPdfOptions {
  logger?: Pick<Logger, "debug" | "warn">;
  /** Refuse documents with more pages than this (default 5000). */
  maxPages?: number;
  /** Overrides of the layout settings (see src/layout/settings.ts). */
  layout?: Partial<LayoutSettings>;
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

export async function extractPdf(bytes: Uint8Array, file: string, sha256: string, opts: ExtractPdfOptions = {}): Promise<SourceDoc> {
  const log = opts.logger;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  if (!hasEofMarker(bytes)) {
    throw new InputError(`${file}: corrupt PDF, truncated (no %%EOF at the end of its ${bytes.length} bytes)`, "corrupt");
  }
  const lib = await pdfjs();
  const t0 = performance.now();
  // pdf.js may detach the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    ...assetUrls(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw loadError(e, file);
  }
  try {
    const n = doc.numPages;
    if (n > maxPages) {
      throw new InputError(`${file}: ${n} pages exceeds the ${maxPages}-page limit (too-large); split the document or raise maxPages`, "too-large");
    }
    const OPS = lib.OPS as unknown as OpsTable;
    const pages: PageGeom[] = [];
    let failed = 0;
    let firstFailure = "";
    for (let p = 1; p <= n; p++) {
      let page: Awaited<ReturnType<typeof doc.getPage>> | null = null;
      try {
        page = await doc.getPage(p);
        const viewport = page.getViewport({ scale: 1 });
        const ops = await page.getOperatorList();
        const pg = page;
        pages.push(
          pageGeometry(
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
          ),
        );
      } catch (e) {
        failed++;
        firstFailure ||= e instanceof Error ? e.message : String(e);
        log?.warn({ file, page: p, err: firstFailure }, "pdf page unreadable, skipped");
      } finally {
        page?.cleanup();
      }
    }
    if (failed === n) {
      throw new InputError(`${file}: corrupt PDF (none of its ${n} pages can be read: ${firstFailure})`, "corrupt");
    }
    const words = pages.reduce((a, p) => a + p.words.length, 0);
    if (words === 0) {
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
    const t1 = performance.now();
    const { rows, stats } = layoutDocument(pages, opts.layout);
    log?.debug({ ...stats, file, pages: n, words, readMs: Math.round(t1 - t0), layoutMs: Math.round(performance.now() - t1) }, "pdf extracted");
    return { file, sha256, kind: "pdf", pages: n, rows, ocr: null, notes };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function loadError(e: unknown, file: string): InputError {
  const name = (e as { name?: string } | null)?.name ?? "";
  const msg = e instanceof Error ? e.message : String(e);
  if (name === "PasswordException") {
    return new InputError(`${file}: password-protected PDF (encrypted); it cannot be read without the password`, "encrypted");
  }
  return new InputError(`${file}: corrupt PDF (${msg})`, "corrupt");
}
