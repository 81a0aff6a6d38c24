/**
 * The shared rasterizer (src/extract/raster.ts): image headers read before
 * any pixel, size guards, PNG/JPEG/TIFF (G4, G3, grey, RGB) decoding with
 * their resolution, PDF page rendering, and PNG/JPEG encoding for the report.
 * No OCR here: every test is milliseconds.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeImage, rasterizePdf, type GreyImage, type RasterPage } from "../src/extract/raster.js";
import { InputError } from "../src/doc/source.js";
import { sniff } from "../src/extract/sniff.js";

const DATA = path.resolve("test/data/ocr");
const bytesOf = (f: string) => new Uint8Array(readFileSync(path.join(DATA, f)));

async function pages(bytes: Uint8Array, file = "x"): Promise<RasterPage[]> {
  const out: RasterPage[] = [];
  for await (const p of decodeImage(bytes, { file }).render()) out.push(p);
  return out;
}

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("not refused");
}

const inkShare = (img: GreyImage) => img.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0) / img.data.length;

/** A PNG of signature + IHDR only, declaring any size. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8; // bit depth
  b[25] = 0; // grey
  return new Uint8Array(b);
}

/** A little-endian TIFF with one directory: width, height, 1 bit, G4, one strip of `stripBytes` at offset 8. */
function tiffHeader(width: number, height: number, opts: { next?: number; stripBytes?: number } = {}): Uint8Array {
  const tags: [number, number, number, number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 1],
    [259, 3, 1, 4],
    [262, 3, 1, 0],
    [273, 4, 1, 8],
    [279, 4, 1, opts.stripBytes ?? 0],
  ];
  const ifd = 8 + (opts.stripBytes ?? 0);
  const b = Buffer.alloc(ifd + 2 + tags.length * 12 + 4);
  b.write("II", 0, "latin1");
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifd, 4);
  b.writeUInt16LE(tags.length, ifd);
  tags.forEach(([tag, type, count, value], i) => {
    const e = ifd + 2 + i * 12;
    b.writeUInt16LE(tag, e);
    b.writeUInt16LE(type, e + 2);
    b.writeUInt32LE(count, e + 4);
    if (type === 3) b.writeUInt16LE(value, e + 8);
    else b.writeUInt32LE(value, e + 8);
  });
  b.writeUInt32LE(opts.next ?? 0, ifd + 2 + tags.length * 12);
  return new Uint8Array(b);
}

describe("image headers and guards", () => {
  it("a 20000×20000 PNG header is refused as too-large at once, before any decoding", () => {
    const t0 = performance.now();
    const e = refusal(() => decodeImage(pngHeader(20000, 20000), { file: "enorme.png" }));
    expect(performance.now() - t0).toBeLessThan(50);
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^enorme\.png: 20000×20000 pixels \(400 Mpx\), over the 60 Mpx limit/);
  });

  it("a 20000×20000 TIFF header is refused the same way", () => {
    const e = refusal(() => decodeImage(tiffHeader(20000, 20000), { file: "enorme.tif" }));
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^enorme\.tif: 20000×20000 pixels/);
  });

  it("a TIFF whose directory chain loops is corrupt, not an endless loop", () => {
    const e = refusal(() => decodeImage(tiffHeader(100, 100, { next: 8 }), { file: "anello.tif" }));
    expect(e.code).toBe("corrupt");
    expect(e.message).toMatch(/^anello\.tif: corrupt TIFF \(directory chain loops back to byte 8\)/);
  });

  it("more TIFF pages than maxPages → too-large", () => {
    const e = refusal(() => decodeImage(bytesOf("pages-g4.tif"), { file: "lungo.tif", maxPages: 1 }));
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^lungo\.tif: more than 1 pages/);
  });

  it("BigTIFF is sniffed as an image and refused as unsupported", () => {
    const big = new Uint8Array([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]);
    expect(sniff(big, "x.tif")).toBe("image");
    expect(refusal(() => decodeImage(big, { file: "big.tif" })).code).toBe("unsupported");
  });

  it("PNG and JPEG files cut short are corrupt (decoders would pad them with paper)", () => {
    for (const [f, kind, why] of [
      ["table.png", "PNG", /chunk "IDAT" runs past the end of the file|no IEND chunk/],
      ["table.jpg", "JPEG", /no end-of-image marker/],
    ] as const) {
      const full = bytesOf(f);
      const e = refusal(() => decodeImage(full.slice(0, Math.floor(full.length * 0.6)), { file: `troncato-${f}` }));
      expect(e.code).toBe("corrupt");
      expect(e.message).toMatch(new RegExp(`^troncato-${f.replace(".", "\\.")}: corrupt ${kind} \\(`));
      expect(e.message).toMatch(why);
    }
  });

  it("a PNG whose header chunk is damaged is corrupt", () => {
    const b = bytesOf("table.png");
    b.set([0x58, 0x58, 0x58, 0x58], 12); // "IHDR" → "XXXX"
    const e = refusal(() => decodeImage(b, { file: "rotto.png" }));
    expect(e.code).toBe("corrupt");
    expect(e.message).toBe("rotto.png: corrupt PNG (first chunk is not IHDR)");
  });

  it("a TIFF strip pointing past the end of the file is corrupt", async () => {
    const past = tiffHeader(64, 64, { stripBytes: 16 });
    new DataView(past.buffer).setUint32(8 + 16 + 2 + 5 * 12 + 8, 1_000_000, true); // strip offset
    const e = await pages(past, "oltre.tif").then(
      () => null,
      (err: unknown) => err,
    );
    expect((e as InputError).code).toBe("corrupt");
    expect((e as InputError).message).toMatch(/^oltre\.tif: corrupt TIFF \(cannot decode the pixels: image data cut short/);
  });
});

describe("decoding", () => {
  it("PNG: size, pHYs resolution, page size in points", async () => {
    const [p] = await pages(bytesOf("table.png"));
    expect(p!.dpi).toBeCloseTo(300, 0);
    expect(p!.image.width).toBe(1708);
    expect(p!.widthPt).toBeCloseTo((1708 * 72) / 300, 1);
    expect(inkShare(p!.image)).toBeGreaterThan(0.02);
  });

  it("JPEG: JFIF density read", async () => {
    const d = decodeImage(bytesOf("table.jpg"));
    expect(d.format).toBe("jpeg");
    expect(d.pages[0]!.dpi).toBe(300);
    const [p] = await pages(bytesOf("table.jpg"));
    expect(p!.image.height).toBe(625);
  });

  it("multi-page bilevel CCITT G4 TIFF: both pages, black ink on white", async () => {
    const d = decodeImage(bytesOf("pages-g4.tif"));
    expect(d.pages.map((p) => [p.width, p.height, p.dpi])).toEqual([
      [1708, 625, 300],
      [1458, 542, 300],
    ]);
    const ps = await pages(bytesOf("pages-g4.tif"));
    expect(ps.map((p) => p.page)).toEqual([1, 2]);
    for (const p of ps) {
      expect(new Set(p.image.data)).toEqual(new Set([0, 255]));
      // Ink is the minority: min-is-white decoded the right way round.
      expect(inkShare(p.image)).toBeGreaterThan(0.01);
      expect(inkShare(p.image)).toBeLessThan(0.2);
    }
  });

  it("CCITT G3 (fax) TIFF at 200 dpi", async () => {
    const [p] = await pages(bytesOf("page-g3.tif"));
    expect(p!.dpi).toBe(200);
    expect(inkShare(p!.image)).toBeGreaterThan(0.01);
    expect(inkShare(p!.image)).toBeLessThan(0.2);
  });

  it("8-bit grey and RGB TIFFs; no resolution declared → 300 dpi", async () => {
    const [g] = await pages(bytesOf("grey8.tif"));
    expect([g!.image.width, g!.image.height, g!.dpi]).toEqual([64, 48, 300]);
    // A white-to-black gradient, top to bottom.
    expect(g!.image.data[0]!).toBeGreaterThan(240);
    expect(g!.image.data[64 * 47]!).toBeLessThan(15);
    const [c] = await pages(bytesOf("rgb.tif"));
    // #c04020 as Rec. 601 luma.
    expect(Math.abs(c!.image.data[100]! - ((0xc0 * 77 + 0x40 * 150 + 0x20 * 29) >> 8))).toBeLessThanOrEqual(1);
  });

  it("1×1 and blank images decode (the OCR step decides what they hold)", async () => {
    const [one] = await pages(bytesOf("one-pixel.png"));
    expect([one!.image.width, one!.image.height]).toEqual([1, 1]);
    const [blank] = await pages(bytesOf("blank.png"));
    expect(blank!.dpi).toBe(150);
    expect(inkShare(blank!.image)).toBe(0);
  });
});

describe("PDF rendering and encoding", () => {
  it("renders chosen PDF pages at the asked resolution, as displayed", async () => {
    const bytes = new Uint8Array(readFileSync(path.resolve("fixtures/pdf/errors/landscape.pdf")));
    const out: RasterPage[] = [];
    for await (const p of rasterizePdf(bytes, { dpi: 72, file: "l.pdf" })) out.push(p);
    expect(out).toHaveLength(1);
    expect([out[0]!.widthPt, out[0]!.heightPt]).toEqual([842, 595]);
    expect([out[0]!.image.width, out[0]!.image.height]).toEqual([842, 595]);
    expect(inkShare(out[0]!.image)).toBeGreaterThan(0.001);
  });

  it("a page over the pixel budget is rendered coarser, not refused", async () => {
    const bytes = new Uint8Array(readFileSync(path.resolve("fixtures/pdf/errors/landscape.pdf")));
    for await (const p of rasterizePdf(bytes, { dpi: 300, maxPixels: 1_000_000 })) {
      expect(p.image.width * p.image.height).toBeLessThanOrEqual(1_000_000);
      expect(p.dpi).toBeLessThan(300);
    }
  });
});
