/**
 * The one rasterizer, shared by OCR and the spot-check report: PDF pages
 * rendered by pdf.js onto @napi-rs/canvas, and PNG / JPEG / TIFF files
 * decoded, all as 8-bit grey bitmaps with the resolution that maps their
 * pixels to PDF points (pt = px × 72 / dpi).
 *
 * Pages come one at a time (async iterables), so a 500-page scan never sits
 * in memory at once; every size is checked against a pixel budget before any
 * pixel is allocated.
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import UTIF from "utif2";
import { InputError } from "../doc/source.js";
import { openPdf } from "./pdf/pdfjs.js";
import { readImageInfo, type ImageFormat, type ImagePageInfo, type TiffDir } from "./ocr/imageinfo.js";

/** 8-bit grey, row-major, 0 = black, 255 = white. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface RasterPage {
  /** 1-based. */
  page: number;
  /** Page size in points (PDF: as displayed, after /Rotate; images: pixels at `dpi`). */
  widthPt: number;
  heightPt: number;
  /** Pixels per inch of `image`. */
  dpi: number;
  image: GreyImage;
}

/**
 * Largest page bitmap accepted: 60 Mpx is an A4 page at 850 dpi or A3 at 600
 * (60 MB grey, ~240 MB while the RGBA decoder holds it).
 */
export const MAX_PAGE_PIXELS = 60_000_000;
/** Page limit of multi-page images (as for PDFs). */
export const DEFAULT_MAX_PAGES = 5000;
/** Resolution assumed when an image declares none, or one no office page could have. */
export const DEFAULT_IMAGE_DPI = 300;

export interface RasterizePdfOptions {
  dpi: number;
  /** 1-based page numbers to render, in this order (default: every page). */
  pages?: readonly number[];
  /** Name used in error messages. */
  file?: string;
  /** Pages larger than this at `dpi` are rendered at a lower resolution that fits. */
  maxPixels?: number;
}

/**
 * Renders PDF pages. pdf.js is loaded as by the text extractor (local fonts,
 * CMaps and wasm, eval off, no scripting); its Node canvas factory is
 * @napi-rs/canvas, so the page canvas is made with the same library.
 */
export async function* rasterizePdf(bytes: Uint8Array, opts: RasterizePdfOptions): AsyncGenerator<RasterPage> {
  const file = opts.file ?? "document.pdf";
  const maxPixels = opts.maxPixels ?? MAX_PAGE_PIXELS;
  const doc = await openPdf(bytes, file);
  try {
    const list = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const p of list) {
      if (!Number.isInteger(p) || p < 1 || p > doc.numPages) throw new RangeError(`${file}: no page ${p} (the document has ${doc.numPages})`);
      const page = await doc.getPage(p);
      try {
        const base = page.getViewport({ scale: 1 });
        // A poster-sized page is rendered coarser rather than refused.
        const full = base.width * base.height * (opts.dpi / 72) ** 2;
        const dpi = full > maxPixels ? opts.dpi * Math.sqrt(maxPixels / full) : opts.dpi;
        const viewport = page.getViewport({ scale: dpi / 72 });
        const width = Math.max(1, Math.floor(viewport.width)),
          height = Math.max(1, Math.floor(viewport.height));
        // The canvas comes from pdf.js's own factory: pdf.js sets the global
        // Path2D from the @napi-rs/canvas it loads, and a canvas of another copy
        // would reject those paths. package.json pins the version pdfjs-dist
        // asks for (0.1.100), so there is one copy; the factory keeps it so.
        const factory = doc.canvasFactory as PdfCanvasFactory;
        const entry = factory.create(width, height);
        let image: GreyImage;
        try {
          await page.render({ canvas: entry.canvas, viewport }).promise;
          image = canvasToGrey(entry.canvas);
        } finally {
          factory.destroy(entry);
        }
        yield { page: p, widthPt: base.width, heightPt: base.height, dpi, image };
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** The part of pdf.js's (untyped) canvas factory used here. */
interface PdfCanvasFactory {
  create(width: number, height: number): { canvas: PixelSource; context: unknown };
  destroy(entry: { canvas: PixelSource; context: unknown }): void;
}

/** A canvas of either copy of @napi-rs/canvas (ours, or pdf.js's own). */
interface PixelSource {
  width: number;
  height: number;
  getContext(type: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

export interface DecodedImage {
  format: ImageFormat;
  /** Header facts per page, known before any pixel is decoded. */
  pages: ImagePageInfo[];
  /** Decodes the pages one by one. */
  render(): AsyncGenerator<RasterPage>;
}

export interface DecodeImageOptions {
  file?: string;
  maxPixels?: number;
  /** Refuse multi-page TIFFs with more pages than this. */
  maxPages?: number;
}

/**
 * Reads an image file's headers and returns a lazy decoder of its pages.
 * Throws InputError at once for a corrupt header, a size over the pixel
 * budget ("too-large") or an unsupported variant; decoding problems found
 * later (damaged pixel data) are InputError "corrupt" too.
 */
export function decodeImage(bytes: Uint8Array, opts: DecodeImageOptions = {}): DecodedImage {
  const file = opts.file ?? "image";
  const info = readImageInfo(bytes, file, { maxPixels: opts.maxPixels ?? MAX_PAGE_PIXELS, maxPages: opts.maxPages ?? DEFAULT_MAX_PAGES });
  const corrupt = (e: unknown) =>
    e instanceof InputError ? e : new InputError(`${file}: corrupt ${info.format.toUpperCase()} (cannot decode the pixels: ${e instanceof Error ? e.message : String(e)})`, "corrupt");
  return {
    format: info.format,
    pages: info.pages,
    async *render() {
      for (let i = 0; i < info.pages.length; i++) {
        const p = info.pages[i]!;
        let image: GreyImage;
        try {
          image = info.tiff ? tiffToGrey(bytes, info.tiff[i]!) : await decodeWithCanvas(bytes);
        } catch (e) {
          throw corrupt(e);
        }
        const dpi = plausibleDpi(p.dpi, image.width, image.height);
        yield { page: i + 1, widthPt: (image.width * 72) / dpi, heightPt: (image.height * 72) / dpi, dpi, image };
      }
    },
  };
}

/**
 * The declared resolution, unless it is missing or impossible for an office
 * document: a 300-dpi A4 scan saved with the 72 dpi many tools write by
 * default would otherwise be a 48-inch page.
 */
function plausibleDpi(declared: number | null, width: number, height: number): number {
  if (declared === null || declared < 50 || declared > 2400) return DEFAULT_IMAGE_DPI;
  if (Math.max(width, height) / declared > 24 && declared < DEFAULT_IMAGE_DPI) return DEFAULT_IMAGE_DPI;
  return declared;
}

async function decodeWithCanvas(bytes: Uint8Array): Promise<GreyImage> {
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!img.width || !img.height) throw new Error("the decoder returned an empty image");
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  // Transparent pixels read as paper, not as black.
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  return canvasToGrey(canvas);
}

function canvasToGrey(canvas: PixelSource): GreyImage {
  const { width, height } = canvas;
  const rgba = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  return { width, height, data: rgbaToGrey(rgba, width * height) };
}

/** Rec. 601 luma, alpha composited over white. */
function rgbaToGrey(rgba: ArrayLike<number>, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = rgba[j + 3]!;
    const y = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
    out[i] = a === 255 ? y : (y * a + 255 * (255 - a) + 127) / 255;
  }
  return out;
}

function firstNum(dir: TiffDir, tag: number, dflt: number): number {
  const v = dir[`t${tag}`];
  const x = v?.[0];
  return typeof x === "number" ? x : dflt;
}

/**
 * Walks a TIFF LZW stream (MSB-first codes of 9 to 12 bits, clear 256, end
 * 257, the width growing one code early) without decoding it, and says what
 * is wrong with it, if anything: a code past the table being built, a table
 * overflowing without a clear code, more output than the image can hold.
 * Only lengths are tracked, so the walk is linear and allocates 16 KB.
 */
export function lzwDamage(b: Uint8Array, off: number, len: number, maxOut: number): string | null {
  const lens = new Uint32Array(4096);
  lens.fill(1, 0, 256);
  const end = Math.min(b.length, off + len) * 8;
  let pos = off * 8;
  let width = 9,
    next = 258,
    prev = -1,
    out = 0;
  while (pos + width <= end) {
    const byte = pos >>> 3;
    const word = ((b[byte]! << 16) | ((b[byte + 1] ?? 0) << 8) | (b[byte + 2] ?? 0)) >>> 0;
    const code = (word >>> (24 - (pos & 7) - width)) & ((1 << width) - 1);
    pos += width;
    if (code === 257) return null;
    if (code === 256) {
      width = 9;
      next = 258;
      prev = -1;
      continue;
    }
    if (prev === -1) {
      if (code > 255) return `code ${code} where a literal must follow a clear code`;
      out++;
      prev = code;
      continue;
    }
    if (code > next) return `code ${code} past the table's ${next} entries`;
    if (next >= 4096) return "the code table overflows without a clear code";
    const n = code < next ? lens[code]! : lens[prev]! + 1;
    lens[next] = lens[prev]! + 1;
    next++;
    if (next + 1 === 1 << width && width < 12) width++;
    out += n;
    if (out > maxOut) return `decodes to more than the image's ${maxOut} bytes`;
    prev = code;
  }
  return null;
}

/**
 * One TIFF page through utif2. Bilevel pages (CCITT G3/G4, packbits, raw) are
 * unpacked here straight to grey, a quarter of the memory of utif2's RGBA.
 */
function tiffToGrey(bytes: Uint8Array, dir: TiffDir): GreyImage {
  const offsets = (dir.t273 ?? dir.t324) as number[] | undefined;
  const counts = (dir.t279 ?? dir.t325) as number[] | undefined;
  if (!offsets?.length) throw new Error("no strip or tile offsets");
  offsets.forEach((o, k) => {
    const n = counts?.[k] ?? 0;
    if (o + n > bytes.length) throw new Error(`image data cut short (strip ${k + 1} ends at byte ${o + n} of ${bytes.length})`);
  });
  // utif2's LZW decoder loops forever on some damaged streams (a code past its table): checked first.
  if (firstNum(dir, 259, 1) === 5) {
    const most = firstNum(dir, 256, 0) * firstNum(dir, 257, 0) * firstNum(dir, 277, 1) * Math.ceil(firstNum(dir, 258, 1) / 8) + 4096;
    offsets.forEach((o, k) => {
      const why = lzwDamage(bytes, o, counts?.[k] ?? bytes.length - o, most);
      if (why) throw new Error(`LZW data damaged in strip ${k + 1}: ${why}`);
    });
  }
  const ifd = { ...dir } as unknown as UTIF.IFD;
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  UTIF.decodeImage(ab, ifd);
  const { width, height, data } = ifd;
  if (!data || !width || !height) throw new Error("unsupported TIFF variant (no pixels decoded)");
  const bps = firstNum(dir, 258, 1),
    spp = firstNum(dir, 277, 1);
  if (bps === 1 && spp === 1) {
    // WhiteIsZero (0, the bilevel default) or BlackIsZero (1).
    const blackBit = firstNum(dir, 262, 0) === 1 ? 0 : 1;
    const stride = Math.ceil(width / 8);
    if (data.length < stride * height) throw new Error(`image data cut short (${data.length} of ${stride * height} bytes)`);
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      const row = y * stride,
        o = y * width;
      for (let x = 0; x < width; x++) out[o + x] = ((data[row + (x >> 3)]! >> (7 - (x & 7))) & 1) === blackBit ? 0 : 255;
    }
    return { width, height, data: out };
  }
  return { width, height, data: rgbaToGrey(UTIF.toRGBA8(ifd), width * height) };
}
