/**
 * The fixes issue 15 asked for, each held by a test that fails without it:
 * text that only looks like markup, UTF-16 without a BOM, depth and size
 * guards (sizes that used to overflow the stack or decode gigabytes), image
 * headers checked before the native decoder, a PDF's impossible page count.
 */
import { deflateSync, createDeflate } from "node:zlib";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";
import { InputError } from "../src/doc/source.js";
import { refusedBy } from "./support/refused.js";
import { extractText } from "../src/extract/text.js";
import { buildPdf, onePage, text } from "../scripts/pdf/minipdf.mjs";

const TABLE = "Obiettivo\tResponsabile\tScadenza\tPeso\nDigitalizzazione degli atti\t<da nominare>\t31/12/2025\t100%\n";

const refused = (bytes: Uint8Array, name: string) => refusedBy(() => convertBuffer(bytes, name), name);

describe("plain text is never taken as markup unless it is HTML", () => {
  it("keeps angle-bracket text in a .txt: `x<y e a>b` and an owner `<da nominare>`", async () => {
    const src = extractText(Buffer.from("Il valore x<y e a>b resta testo.\n" + TABLE), "a.txt", "sha");
    expect(src.rows[0]!.cells[0]!.text).toBe("Il valore x<y e a>b resta testo.");
    const doc = await convertBuffer(Buffer.from(TABLE), "a.txt");
    expect(doc.objectives[0]).toMatchObject({ title: "Digitalizzazione degli atti", owner: "<da nominare>" });
  });

  it("still strips HTML elements in text exports and every tag of an HTML document", () => {
    const txt = extractText(Buffer.from("Obiettivo <b>uno</b><br>fine\n"), "a.txt", "sha");
    expect(txt.rows[0]!.cells[0]!.text).toBe("Obiettivo uno fine");
    const html = extractText(Buffer.from("<html><body><p>Piano<o:p></o:p> <span>annuale</span></p></body></html>"), "a.html", "sha");
    expect(html.rows.filter((r) => r.kind !== "blank").map((r) => r.cells[0]!.text)).toEqual(["Piano annuale"]);
  });
});

describe("UTF-16 without a byte-order mark", () => {
  it("is read as text, little- and big-endian, to the same document as UTF-8", async () => {
    const utf8 = await convertBuffer(Buffer.from(TABLE), "a.txt");
    const le = Buffer.from(TABLE, "utf16le");
    const be = Buffer.from(TABLE, "utf16le").swap16();
    for (const bytes of [le, be]) {
      const doc = await convertBuffer(bytes, "a.txt");
      expect(doc.objectives).toEqual(utf8.objectives);
    }
    expect(extractText(le, "a.txt", "sha").encoding).toBe("utf-16le-nobom");
    // Binary bytes with NULs are still refused.
    expect((await refused(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 1, 2, 0, 0]), "x.txt")).code).toBe("binary");
  });
});

describe("depth and size at input-chosen scale", () => {
  it("a 3000 × 300 space-aligned grid converts (it overflowed the stack)", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 300 }, (_, j) => `c${i % 10}${j % 10}`).join("  "));
    const doc = await convertBuffer(Buffer.from(lines.join("\n") + "\n"), "grid.txt");
    expect(doc.objectives).toEqual([]);
  });

  it("200,000 nested <div>s and 5 MB on one line convert", async () => {
    const deep = await convertBuffer(Buffer.from("<div>".repeat(200_000) + "testo" + "</div>".repeat(200_000)), "deep.html");
    expect(deep.schema).toBe("piao-objectives/1");
    const long = await convertBuffer(Buffer.from("a".repeat(5 * 2 ** 20)), "long.txt");
    expect(long.objectives).toEqual([]);
  });

  it("a PDF text operator of millions of words is too-large, a 5 MB one-word string converts", async () => {
    const words = onePage({ content: `BT /F1 12 Tf 72 720 Td (${"A B ".repeat(300_000)}) Tj ET` });
    const e = await refused(words, "parole.pdf");
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^parole\.pdf: page 1 holds 600000 words, over the 100000-word limit/);
    const one = await convertBuffer(onePage({ content: `BT /F1 12 Tf 72 720 Td (${"A".repeat(5 * 2 ** 20)}) Tj ET` }), "uno.pdf");
    expect(one.source.pages).toBe(1);
  });
});

describe("decompression bombs and impossible headers", () => {
  it("a Flate stream decoding past the cap is too-large before pdf.js reads it", async () => {
    const z = createDeflate({ level: 9 });
    const parts: Buffer[] = [];
    z.on("data", (d: Buffer) => parts.push(d));
    const chunk = Buffer.alloc(16 * 2 ** 20, 0x20);
    for (let i = 0; i < 12; i++) z.write(chunk); // 192 MiB of spaces
    z.end();
    await once(z, "end");
    const body = Buffer.concat(parts).toString("latin1");
    const pdf = buildPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      `<< /Length ${body.length} /Filter /FlateDecode >>\nstream\n${body}\nendstream`,
    ]);
    const e = await refused(pdf, "bomba.pdf");
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^bomba\.pdf: a compressed stream at byte \d+ decodes to over 160 MiB/);
  });

  it("an image XObject declaring 3.6 gigapixels is not decoded: the page's text still converts", async () => {
    const data = deflateSync(Buffer.alloc(2 ** 20));
    const content = text(72, 720, "Testo della pagina") + "q 500 0 0 500 50 50 cm /Im1 Do Q";
    const pdf = buildPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      `<< /Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString("latin1")}\nendstream`,
    ]);
    const before = process.memoryUsage().rss;
    const doc = await convertBuffer(pdf, "immagine.pdf", { ocr: "never" });
    expect(doc.source.kind).toBe("pdf");
    // 3.6 GB of pixels were never allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(1024 * 2 ** 20);
  });

  it("a page tree declaring -5 pages is corrupt, and the message says so plainly", async () => {
    const e = await refused(buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count -5 >>"]), "meno.pdf");
    expect(e.code).toBe("corrupt");
    expect(e.message).toBe("meno.pdf: corrupt PDF (its page tree declares -5 pages)");
  });

  it("a PNG whose IHDR checksum has one flipped bit is corrupt (it crashed the native decoder), a 1 × 50M strip too-large", async () => {
    const { readFileSync } = await import("node:fs");
    const png = Uint8Array.from(readFileSync("test/data/ocr/one-pixel.png"));
    png[29]! ^= 1;
    const e = await refused(png, "danneggiata.png");
    expect(e.code).toBe("corrupt");
    expect(e.message).toBe('danneggiata.png: corrupt PNG (chunk "IHDR" fails its checksum)');
    const strip = Uint8Array.from(readFileSync("test/data/ocr/one-pixel.png"));
    new DataView(strip.buffer).setUint32(20, 50_000_000);
    const crc = (await import("node:zlib")).crc32(strip.subarray(12, 29));
    new DataView(strip.buffer).setUint32(29, crc);
    expect((await refused(strip, "striscia.png")).code).toBe("too-large");
  });
});

describe("TIFF LZW checked before utif2 (whose decoder looped forever on damaged codes)", () => {
  it("every one-bit flip in a real LZW strip either decodes or is refused as corrupt, never hangs", async () => {
    const { readFileSync } = await import("node:fs");
    const { decodeImage, lzwDamage } = await import("../src/extract/raster.js");
    const tif = Uint8Array.from(readFileSync("test/data/ocr/grey8.tif"));
    // The strip: offset 8, 179 bytes (tags 273 and 279 of this file).
    expect(lzwDamage(tif, 8, 179, 64 * 48)).toBeNull();
    let refused = 0;
    for (let bit = 0; bit < 179 * 8; bit += 3) {
      const b = Uint8Array.from(tif);
      b[8 + (bit >> 3)]! ^= 1 << (bit & 7);
      try {
        for await (const p of decodeImage(b, { file: "x.tif" }).render()) expect(p.image.width).toBe(64);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).code).toBe("corrupt");
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe("JPEG headers checked before the native decoder (which crashed the process on what libjpeg refuses)", () => {
  it("every third bit flipped in the first 400 bytes of a real JPEG decodes or is refused, and the process lives", async () => {
    const { readFileSync } = await import("node:fs");
    const { decodeImage } = await import("../src/extract/raster.js");
    const jpg = Uint8Array.from(readFileSync("test/data/ocr/table.jpg"));
    let decoded = 0,
      refused = 0;
    for (let bit = 0; bit < 400 * 8; bit += 3) {
      const b = Uint8Array.from(jpg);
      b[2 + (bit >> 3)]! ^= 1 << (bit & 7);
      try {
        for await (const p of decodeImage(b, { file: "x.jpg" }).render()) if (p.image.width > 0) decoded++;
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        refused++;
      }
    }
    // A crash would have ended this process (and failed the test file) before here.
    expect(decoded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
