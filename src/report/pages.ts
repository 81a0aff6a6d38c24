/**
 * Page images for the report, drawn by the shared rasterizer: PDF pages
 * rendered at REPORT_DPI, image files decoded and scaled down to it, both
 * encoded by image.ts as small grey PNGs.
 */
import { decodeImage, rasterizePdf, type RasterPage } from "../extract/raster.js";
import { quarterTurn } from "../extract/ocr/bitmap.js";
import { sniff } from "../extract/sniff.js";
import type { PageWords } from "../doc/source.js";
import type { ReportImage, ReportPage } from "./html.js";
import { downscale, encodeGreyPng, isBilevel } from "./image.js";

/** Enough to read 7 pt table text on screen and to check a digit. */
export const REPORT_DPI = 110;
/** A bilevel scan up to this resolution is kept whole at 1 bit per pixel: as small as 16 greys at REPORT_DPI, and sharper. */
const MAX_BILEVEL_DPI = 300;

export interface PagesOptions {
  dpi?: number;
  /** Pages in the document (the converted JSON's `source.pages`), for onPage. */
  pageCount?: number | null;
  /** Called after each page: pages done, pages in the document. */
  onPage?: (done: number, total: number) => void;
}

/**
 * The pages of an attachment with their word boxes (matched by page number);
 * none for a text export. Throws the rasterizer's InputError for a file
 * that cannot be drawn.
 */
export async function reportPages(bytes: Uint8Array, file: string, words: readonly PageWords[], opts: PagesOptions = {}): Promise<ReportPage[]> {
  const dpi = opts.dpi ?? REPORT_DPI;
  const kind = sniff(bytes, file);
  if (kind === "text") return [];
  let total = opts.pageCount ?? 0;
  let pages: AsyncIterable<RasterPage>;
  if (kind === "pdf") {
    pages = rasterizePdf(bytes, { dpi, file });
  } else {
    const decoded = decodeImage(bytes, { file });
    total = decoded.pages.length;
    pages = decoded.render();
  }
  const byPage = new Map(words.map((w) => [w.page, w]));
  const out: ReportPage[] = [];
  for await (const p of pages) {
    const w = byPage.get(p.page);
    // Boxes are in the words' own page space: a scan read after a quarter turn gets its image turned
    // the same way (exactly, in pixels), then stretched to that space.
    const upright = w?.turn ? { ...p, image: quarterTurn(p.image, w.turn) } : p;
    out.push({
      page: p.page,
      width: w?.width ?? p.widthPt,
      height: w?.height ?? p.heightPt,
      image: encode(upright, dpi),
      words: w?.words ?? [],
      ...(w?.skew !== undefined ? { skew: w.skew } : {}),
    });
    opts.onPage?.(out.length, Math.max(total, out.length));
  }
  return out;
}

function encode(p: RasterPage, dpi: number): ReportImage {
  const data =
    p.dpi <= MAX_BILEVEL_DPI && isBilevel(p.image) ? encodeGreyPng(p.image, 1) : encodeGreyPng(downscale(p.image, dpi / p.dpi), 4);
  return { mime: "image/png", data };
}
