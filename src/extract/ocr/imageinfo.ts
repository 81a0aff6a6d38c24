/**
 * Image headers, read before a single pixel is decoded: format, page count,
 * pixel size and declared resolution of PNG, JPEG and TIFF files. Decoders
 * allocate what the header asks for, so a 20000×20000 header must be refused
 * here, from a few hundred bytes, not by running out of memory later.
 *
 * The TIFF reader walks the IFD chain itself (bounds-checked, cycles refused,
 * counts capped) instead of trusting utif2's `decode`, which follows offsets
 * without checks; utif2 is only handed directories this reader validated.
 */
import { crc32 } from "node:zlib";
import { InputError } from "../../doc/source.js";

export type ImageFormat = "png" | "jpeg" | "tiff";

export interface ImagePageInfo {
  width: number;
  height: number;
  /** Resolution declared by the file (pixels per inch), or null when it declares none. */
  dpi: number | null;
}

/** A TIFF directory in utif2's shape: `t<tag>` → values, numbers as arrays, bytes as a view. */
export type TiffDir = Record<string, number[] | [number, number][] | string[] | Uint8Array>;

export interface ImageInfo {
  format: ImageFormat;
  pages: ImagePageInfo[];
  /** TIFF only: one validated directory per page, for utif2's decoder. */
  tiff?: TiffDir[];
}

export function imageFormat(bytes: Uint8Array): ImageFormat | null {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  // 42: TIFF; 43: BigTIFF (refused with a clear message by the TIFF reader).
  if ((b[0] === 0x49 && b[1] === 0x49 && (b[2] === 0x2a || b[2] === 0x2b) && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 0x2a || b[3] === 0x2b))) return "tiff";
  return null;
}

export interface ImageLimits {
  /** Most pixels one page may have. */
  maxPixels: number;
  /** Most pages a (TIFF) file may have. */
  maxPages: number;
}

/**
 * Reads the headers of an image file; throws InputError ("corrupt",
 * "unsupported", "too-large") naming `file`. A page's size is checked as soon
 * as it is read, before anything else in the file is trusted.
 */
export function readImageInfo(bytes: Uint8Array, file: string, limits: ImageLimits): ImageInfo {
  const format = imageFormat(bytes);
  const corrupt = (why: string) => new InputError(`${file}: corrupt ${format?.toUpperCase() ?? "image"} (${why})`, "corrupt");
  const fits = (w: number, h: number, page: number | null) => {
    const where = page === null ? "" : `page ${page} is `;
    // A side longer than any page scan (a 1 × 50,000,000 strip) crashes image libraries well under the pixel budget.
    if (Math.max(w, h) > MAX_SIDE) {
      throw new InputError(`${file}: ${where}${w}×${h} pixels, a side over the ${MAX_SIDE}-pixel limit (too-large)`, "too-large");
    }
    if (w * h <= limits.maxPixels) return;
    throw new InputError(
      `${file}: ${where}${w}×${h} pixels (${Math.round((w * h) / 1e6)} Mpx), over the ${Math.round(limits.maxPixels / 1e6)} Mpx limit (too-large)`,
      "too-large",
    );
  };
  try {
    switch (format) {
      case "png":
        return { format, pages: [pngInfo(bytes, (w, h) => fits(w, h, null))] };
      case "jpeg":
        return { format, pages: [jpegInfo(bytes, (w, h) => fits(w, h, null))] };
      case "tiff": {
        const dirs = tiffDirs(bytes, limits.maxPages, file);
        const pages = dirs.map((d, i) => {
          const p = tiffPageInfo(d);
          fits(p.width, p.height, dirs.length > 1 ? i + 1 : null);
          return p;
        });
        return { format, pages, tiff: dirs };
      }
      default:
        throw new InputError(`${file}: not a PNG, JPEG or TIFF image`, "unsupported");
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof HeaderError) throw corrupt(e.message);
    throw e;
  }
}

/** Longest side accepted (an A0 sheet at 600 dpi is 28,000 pixels high). */
export const MAX_SIDE = 30_000;

/** A structural problem in the bytes (reported as `corrupt`). */
class HeaderError extends Error {}

function need(cond: boolean, why: string): asserts cond {
  if (!cond) throw new HeaderError(why);
}

const u16be = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32be = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

// ── PNG ─────────────────────────────────────────────────────────────────

/** `fits` is called with the size as soon as it is known (it throws when too large). */
type SizeCheck = (width: number, height: number) => void;

/** Bit depths allowed for each PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function pngInfo(b: Uint8Array, fits: SizeCheck): ImagePageInfo {
  need(b.length >= 33, "file shorter than its header");
  need(u32be(b, 8) === 13 && ascii(b, 12, 4) === "IHDR", "first chunk is not IHDR");
  const width = u32be(b, 16),
    height = u32be(b, 20);
  need(width > 0 && height > 0 && width < 2 ** 31 && height < 2 ** 31, `invalid size ${width}×${height}`);
  // The decoder is native code that trusts its header (one flipped bit in it has crashed the process):
  // the header's fields and every chunk's checksum are verified before a byte reaches it.
  const depth = b[24]!,
    colour = b[25]!;
  need((PNG_DEPTHS[colour] ?? []).includes(depth), `invalid bit depth ${depth} for colour type ${colour}`);
  need(b[26] === 0 && b[27] === 0 && (b[28] === 0 || b[28] === 1), "unknown compression, filter or interlace method");
  fits(width, height);
  let dpi: number | null = null;
  // Every chunk is walked: a file cut short is refused here,
  // as decoders fill the missing rows with paper and say nothing.
  need(crc32(b.subarray(12, 29)) === u32be(b, 29), "chunk \"IHDR\" fails its checksum");
  for (let o = 33; ; ) {
    need(o + 8 <= b.length, "no IEND chunk: the file is cut short");
    const len = u32be(b, o),
      type = ascii(b, o + 4, 4);
    need(o + 12 + len <= b.length, `chunk ${JSON.stringify(type)} runs past the end of the file`);
    need(crc32(b.subarray(o + 4, o + 8 + len)) === u32be(b, o + 8 + len), `chunk ${JSON.stringify(type)} fails its checksum`);
    if (type === "IEND") break;
    // Pixels per metre, a whole number: 300 dpi is stored as 11811 (299.9994 dpi).
    if (type === "pHYs" && len >= 9 && b[o + 16] === 1) dpi = Math.round(u32be(b, o + 8) * 0.0254);
    o += 12 + len;
  }
  return { width, height, dpi };
}

// ── JPEG ────────────────────────────────────────────────────────────────

function jpegInfo(b: Uint8Array, fits: SizeCheck): ImagePageInfo {
  let dpi: number | null = null;
  let frame: ImagePageInfo | null = null;
  /** Component ids of the frame, and whether its entropy coding is Huffman's. */
  let components: number[] = [];
  let huffman = true;
  /** Huffman tables defined so far: class × 4 + id; quantisation tables; those the frame needs. */
  const tables = new Set<number>();
  const quant = new Set<number>();
  let needQuant: number[] = [];
  let progressive = false;
  let o = 2;
  while (o + 4 <= b.length) {
    need(b[o] === 0xff, `no marker at byte ${o}`);
    while (b[o] === 0xff && o < b.length) o++; // fill bytes
    const m = b[o++]!;
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) continue; // markers without a length
    // The decoder stops on any marker it does not know (and the native one has crashed doing so): refused here.
    need(JPEG_HEADER_MARKERS.has(m), `unexpected marker 0xFF${m.toString(16).toUpperCase().padStart(2, "0")} at byte ${o - 1}`);
    need(o + 2 <= b.length, "segment length past the end");
    const len = u16be(b, o);
    need(len >= 2 && o + len <= b.length, `segment 0xFF${m.toString(16)} runs past the end of the file`);
    const seg = b.subarray(o + 2, o + len);
    if (m === 0xe0 && ascii(seg, 0, 5) === "JFIF\0" && seg.length >= 12) {
      const units = seg[7],
        x = u16be(seg, 8);
      if (x > 0 && units === 1) dpi = x;
      else if (x > 0 && units === 2) dpi = Math.round(x * 2.54);
    } else if (m === 0xe1 && ascii(seg, 0, 6) === "Exif\0\0" && dpi === null) {
      dpi = exifDpi(seg.subarray(6));
    } else if (m === 0xc4) {
      huffmanTables(seg, tables);
    } else if (m === 0xdb) {
      quantTables(seg, quant);
    } else if (m === 0xdd) {
      need(seg.length === 2, "restart interval segment of the wrong length");
    } else if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      need(frame === null, "a second frame header");
      need(seg.length >= 6, "short frame header");
      const height = u16be(seg, 1),
        width = u16be(seg, 3);
      need(width > 0 && height > 0, `invalid size ${width}×${height}`);
      fits(width, height);
      // The end marker, allowing for trailing bytes some writers append: without it the file was cut short.
      need(hasJpegEnd(b), "no end-of-image marker: the file is cut short");
      ({ ids: components, quant: needQuant } = frameComponents(seg));
      need(seg[0] === 8 || seg[0] === 12, `sample precision ${seg[0]}`);
      huffman = m < 0xc9;
      progressive = m === 0xc2 || m === 0xca;
      frame = { width, height, dpi };
    } else if (m === 0xda) {
      need(frame !== null, "image data before the frame header");
      for (const q of needQuant) need(quant.has(q), `the frame uses quantisation table ${q}, never defined`);
      // The first scan's header: what the decoder trusts before it reads a pixel.
      scanHeader(seg, components, huffman ? tables : null, progressive);
      return { ...frame, dpi };
    } else if (m === 0xd9) break;
    o += len;
  }
  throw new HeaderError(frame ? "no image data (SOS) after the frame header" : "no frame header (SOF) before the image data");
}

/**
 * A DHT segment's tables, checked as libjpeg checks them and more: class 0 or
 * 1, id 0–3, at most 256 codes, and code lengths that a prefix code can have
 * (an overfull table is the classic way a damaged header crashes a decoder).
 */
function huffmanTables(seg: Uint8Array, tables: Set<number>): void {
  let p = 0;
  while (p < seg.length) {
    need(p + 17 <= seg.length, "short Huffman table");
    const cls = seg[p]! >> 4,
      id = seg[p]! & 15;
    need(cls <= 1 && id <= 3, `Huffman table class ${cls} id ${id}`);
    let n = 0,
      code = 0,
      last = 0;
    for (let l = 1; l <= 16; l++) if (seg[p + l]! > 0) last = l;
    for (let l = 1; l <= 16; l++) {
      const count = seg[p + l]!;
      n += count;
      code += count;
      need(l > last || code < 2 ** l, `Huffman table ${cls}/${id} has more codes of ${l} bits than a prefix code allows`);
      code *= 2;
    }
    need(n <= 256 && p + 17 + n <= seg.length, `Huffman table ${cls}/${id} lists ${n} symbols`);
    tables.add(cls * 4 + id);
    p += 17 + n;
  }
}

/**
 * Markers a JPEG may carry before its first scan, as libjpeg reads them:
 * SOF0–2 and the arithmetic SOF9–10, DHT, DAC, SOS, DQT, DRI, APP0–15, COM.
 */
const JPEG_HEADER_MARKERS: ReadonlySet<number> = new Set([
  0xc0, 0xc1, 0xc2, 0xc4, 0xc9, 0xca, 0xcc, 0xd9, 0xda, 0xdb, 0xdd, 0xfe,
  ...Array.from({ length: 16 }, (_, i) => 0xe0 + i),
]);

/** A DQT segment: tables of 64 entries of 8 or 16 bits, ids 0–3, filling the segment exactly. */
function quantTables(seg: Uint8Array, quant: Set<number>): void {
  let p = 0;
  while (p < seg.length) {
    const precision = seg[p]! >> 4,
      id = seg[p]! & 15;
    need(precision <= 1 && id <= 3, `quantisation table precision ${precision} id ${id}`);
    p += 1 + 64 * (precision + 1);
    need(p <= seg.length, "quantisation table cut short");
    quant.add(id);
  }
}

/** The frame's component ids, with sampling factors 1–4 and quantisation tables 0–3. */
function frameComponents(seg: Uint8Array): { ids: number[]; quant: number[] } {
  const n = seg[5]!;
  need(n >= 1 && n <= 4, `frame header with ${n} components`);
  need(seg.length === 6 + 3 * n, `frame header of ${seg.length + 2} bytes for ${n} components`);
  const ids: number[] = [];
  const quant: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = seg[7 + 3 * i]! >> 4,
      v = seg[7 + 3 * i]! & 15;
    need(h >= 1 && h <= 4 && v >= 1 && v <= 4 && seg[8 + 3 * i]! <= 3, `component ${i + 1}: sampling ${h}×${v}, table ${seg[8 + 3 * i]}`);
    ids.push(seg[6 + 3 * i]!);
    quant.push(seg[8 + 3 * i]!);
  }
  return { ids, quant };
}

/**
 * The scan header: its components are the frame's, and the Huffman tables it
 * names exist (when the file defines any: a file with none relies on the
 * standard tables, as motion-JPEG frames do).
 */
function scanHeader(seg: Uint8Array, components: readonly number[], tables: ReadonlySet<number> | null, progressive: boolean): void {
  const n = seg[0]!;
  need(n >= 1 && n <= 4, `scan header with ${n} components`);
  // Its length is exact (libjpeg refuses any other; a longer one would read image data as header).
  need(seg.length === 4 + 2 * n, `scan header of ${seg.length + 2} bytes for ${n} components`);
  const ss = seg[1 + 2 * n]!,
    se = seg[2 + 2 * n]!,
    ah = seg[3 + 2 * n]! >> 4,
    al = seg[3 + 2 * n]! & 15;
  // The spectral selection and approximation libjpeg accepts for the frame's kind.
  if (progressive) need(ss <= se && se <= 63 && (ss === 0 ? se === 0 : n === 1) && ah <= 13 && al <= 13, `progressive scan ${ss}–${se}, ${ah}/${al}`);
  else need(ss === 0 && se === 63 && ah === 0 && al === 0, `sequential scan ${ss}–${se}, ${ah}/${al}`);
  for (let i = 0; i < n; i++) {
    const id = seg[1 + 2 * i]!,
      dc = seg[2 + 2 * i]! >> 4,
      ac = seg[2 + 2 * i]! & 15;
    need(components.includes(id), `scan names component ${id}, not in the frame`);
    if (!tables || tables.size === 0) continue;
    need(ss !== 0 || tables.has(dc), `scan uses DC Huffman table ${dc}, never defined`);
    need(se === 0 || tables.has(4 + ac), `scan uses AC Huffman table ${ac}, never defined`);
  }
}

function hasJpegEnd(b: Uint8Array): boolean {
  for (let i = b.length - 2; i >= Math.max(2, b.length - 65536); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

/** XResolution of an Exif block's first directory; null when absent or unreadable (Exif is optional). */
function exifDpi(t: Uint8Array): number | null {
  try {
    const dirs = tiffDirs(t, 1, "exif", false);
    const d = dirs[0];
    return d ? resolution(d) : null;
  } catch {
    return null;
  }
}

// ── TIFF ────────────────────────────────────────────────────────────────

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
/** No page needs more values in one tag than this (strip offsets of a tall image are the most). */
const MAX_VALUES = 1 << 20;

/**
 * The page directories of a TIFF, in file order. `imagesOnly` drops
 * directories without a size (Exif blocks reuse the reader and have none).
 */
function tiffDirs(b: Uint8Array, maxPages: number, file: string, imagesOnly = true): TiffDir[] {
  need(b.length >= 8, "file shorter than its header");
  const le = b[0] === 0x49;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => dv.getUint16(o, le);
  const u32 = (o: number) => dv.getUint32(o, le);
  if (u16(2) === 43) throw new InputError(`${file}: BigTIFF is not supported; save the scan as a standard TIFF, PDF or PNG`, "unsupported");
  need(u16(2) === 42, "bad TIFF magic number");
  const dirs: TiffDir[] = [];
  const seen = new Set<number>();
  for (let off = u32(4); off !== 0; ) {
    need(!seen.has(off), `directory chain loops back to byte ${off}`);
    seen.add(off);
    need(off + 2 <= b.length, `directory offset ${off} past the end of the file`);
    const n = u16(off);
    need(off + 2 + n * 12 + 4 <= b.length, `directory at byte ${off} runs past the end of the file`);
    const dir: TiffDir = {};
    for (let i = 0; i < n; i++) {
      const e = off + 2 + i * 12;
      const tag = u16(e),
        type = u16(e + 2),
        count = u32(e + 4);
      const size = TYPE_SIZE[type];
      if (!size) continue; // unknown types are skipped, as TIFF 6 asks
      need(count <= MAX_VALUES, `tag ${tag} declares ${count} values`);
      const bytes = size * count;
      const at = bytes <= 4 ? e + 8 : u32(e + 8);
      need(at + bytes <= b.length, `tag ${tag} points past the end of the file`);
      dir[`t${tag}`] = tagValues(b, dv, le, type, count, at);
    }
    if (!imagesOnly || (num(dir, 256) && num(dir, 257))) {
      dirs.push(dir);
      if (dirs.length > maxPages) {
        throw new InputError(`${file}: more than ${maxPages} pages exceeds the ${maxPages}-page limit (too-large); split the file or raise maxPages`, "too-large");
      }
    }
    off = u32(off + 2 + n * 12);
  }
  need(dirs.length > 0, "no image directory");
  return dirs;
}

function tagValues(b: Uint8Array, dv: DataView, le: boolean, type: number, count: number, at: number): TiffDir[string] {
  switch (type) {
    case 2:
      return [ascii(b, at, Math.max(0, count - 1))];
    case 3:
    case 8:
      return Array.from({ length: count }, (_, j) => (type === 3 ? dv.getUint16(at + 2 * j, le) : dv.getInt16(at + 2 * j, le)));
    case 4:
    case 9:
    case 13:
      return Array.from({ length: count }, (_, j) => (type === 9 ? dv.getInt32(at + 4 * j, le) : dv.getUint32(at + 4 * j, le)));
    case 5:
    case 10:
      return Array.from({ length: count }, (_, j): [number, number] =>
        type === 5 ? [dv.getUint32(at + 8 * j, le), dv.getUint32(at + 8 * j + 4, le)] : [dv.getInt32(at + 8 * j, le), dv.getInt32(at + 8 * j + 4, le)],
      );
    case 11:
    case 12:
      return Array.from({ length: count }, (_, j) => (type === 11 ? dv.getFloat32(at + 4 * j, le) : dv.getFloat64(at + 8 * j, le)));
    default:
      return b.subarray(at, at + count);
  }
}

/** First value of a numeric tag. */
function num(dir: TiffDir, tag: number): number | undefined {
  const v = dir[`t${tag}`];
  const x = v instanceof Uint8Array ? v[0] : v?.[0];
  return typeof x === "number" ? x : undefined;
}

/** XResolution with ResolutionUnit (2 inch, the default; 3 centimetre; 1 none). */
function resolution(dir: TiffDir): number | null {
  const r = dir.t282?.[0];
  if (!Array.isArray(r) || !r[1]) return null;
  const v = r[0] / r[1];
  const unit = num(dir, 296) ?? 2;
  if (!(v > 0) || unit === 1) return null;
  return unit === 3 ? v * 2.54 : v;
}

function tiffPageInfo(dir: TiffDir): ImagePageInfo {
  const width = num(dir, 256)!,
    height = num(dir, 257)!;
  need(width > 0 && height > 0, `invalid size ${width}×${height}`);
  return { width, height, dpi: resolution(dir) };
}

function ascii(b: Uint8Array, at: number, len: number): string {
  return Buffer.from(b.buffer, b.byteOffset + at, Math.max(0, Math.min(len, b.length - at))).toString("latin1");
}
