/**
 * The hostile corpus, made at run time (nothing of it is committed): what a
 * careful user would throw at a batch of attachments other people sent in.
 *
 *   import { makeCorpus } from "./corpus.mjs";
 *   const { root, paths, slow } = await makeCorpus(dir, { fast: true });
 *
 * `paths` lists every path the walk of `root` must give a manifest record;
 * `slow` those that are expected to hit a per-file limit rather than convert.
 * The full corpus (~420 paths) is for `npm run hostile`; `fast` keeps one or a
 * few of each kind, sized for a test run of well under a minute.
 * Deterministic: byte flips come from a seeded generator.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { once } from "node:events";
import zlib from "node:zlib";
import { buildPdf, onePage, tableContent, text } from "../pdf/minipdf.mjs";

const ROOT = new URL("../../", import.meta.url);
const read = (rel) => new Uint8Array(readFileSync(new URL(rel, ROOT)));

/** mulberry32: a small seeded generator, so every run makes the same corpus. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const latin1 = (s) => Buffer.from(s, "latin1");

/** A well-formed little PIAO table as a PDF page (the base of the PDF fuzzing). */
function basePdf() {
  return onePage({
    content:
      text(56, 780, "Piano degli obiettivi 2025", 14, "F2") +
      tableContent(56, 740, [50, 250, 80, 80], [
        ["cod.", "descrizione", "termine", "peso"],
        ["1.1", "Digitalizzazione dei procedimenti", "30/06/25", "40,00%"],
        ["1.2", "Formazione del personale", "31/12/25", "60,00%"],
      ]),
  });
}

/** Deflates `total` bytes of `byte` in chunks (a bomb made without holding it in memory). */
function deflateRepeated(byte, total) {
  const chunk = Buffer.alloc(16 * 1024 * 1024, byte);
  const z = zlib.createDeflate({ level: 9 });
  const parts = [];
  z.on("data", (d) => parts.push(d));
  let left = total;
  while (left > 0) {
    const n = Math.min(left, chunk.length);
    z.write(n === chunk.length ? chunk : chunk.subarray(0, n));
    left -= n;
  }
  z.end();
  return once(z, "end").then(() => Buffer.concat(parts));
}

/** A one-page PDF whose content stream is `content` (bytes) under `dict` (a filter). */
function pdfWithStream(content, dict = "") {
  const body = Buffer.from(content).toString("latin1");
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${body.length} ${dict}>>\nstream\n${body}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ]);
}

/** Flips one random bit in [from, to) of a copy of `bytes`. */
function flip(bytes, r, from, to) {
  const out = Uint8Array.from(bytes);
  const at = from + Math.floor(r() * Math.max(1, Math.min(to, out.length) - from));
  out[at] ^= 1 << Math.floor(r() * 8);
  return out;
}

/** CRC-32 (PNG chunks). */
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A PNG with an IHDR declaring `w`×`h` (valid CRC) and almost no pixel data: a decompression-bomb header. */
function pngHeader(w, h) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.alloc(1024))), chunk("IEND", Buffer.alloc(0))]);
}

export async function makeCorpus(dir, { fast = false } = {}) {
  const root = path.join(dir, "in");
  const paths = [];
  const slow = [];
  const put = (rel, bytes) => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, bytes);
    paths.push(p);
    return p;
  };
  const r = rng(15);
  const n = (full, quick) => (fast ? quick : full);

  // Text: the seeds, odd encodings, markup-looking text, depth, size.
  const seeds = ["000_04c6871af44d1a56.txt", "001_1e18ce1816fe9ae7.txt", "003_f590cc7faadec963.txt", "004_131eba05ebaf386c.txt"];
  for (const s of fast ? seeds.slice(0, 2) : seeds) put(`text/${s}`, read(`fixtures/seeds/${s}`));
  const table = "Obiettivo\tResponsabile\tScadenza\tPeso\nDigitalizzazione <da nominare>\tMario Rossi\t31/12/2025\t100%\n";
  put("text/tags.txt", "Il valore x<y e a>b resta testo.\n" + table);
  put("text/utf16le-nobom.txt", Buffer.from(table, "utf16le"));
  put("text/utf16be-nobom.txt", Buffer.from(table, "utf16le").swap16());
  put("text/latin1.txt", latin1("Attività\tResponsabilità\tScadenza\nVerifica\tSettore Ragioneria\t31/12/2025\n"));
  put("text/deep.html", "<div>".repeat(n(200_000, 50_000)) + "testo" + "</div>".repeat(n(200_000, 50_000)));
  put("text/nested-table.html", "<table><tr><td>".repeat(n(20_000, 5_000)) + "x" + "</td></tr></table>".repeat(n(20_000, 5_000)));
  // 3000 lines × 300 columns of space-aligned text.
  const aligned = [];
  for (let i = 0; i < n(3000, 1000); i++) aligned.push(Array.from({ length: n(300, 100) }, (_, j) => `c${i % 10}${j % 10}`).join("  "));
  put("text/aligned-3000x300.txt", aligned.join("\n") + "\n");
  put("text/one-line-5mb.txt", "a".repeat(n(5, 1) * 1024 * 1024));
  put("text/control-chars.txt", "Obiettivo\x1b[2J\x07\tPeso\nuno\t100%\n");
  put("text/bidi-names.txt", "Obiettivo\tResponsabile\n\u202eolleb\u202c\tMario\n");
  put("text/crlf-only.txt", "\r\n".repeat(100_000));
  put("text/empty.txt", "");
  put("text/binary.txt", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0, 0, 0, 0]));
  const rows = ["Codice;Obiettivo;Responsabile;Scadenza;Peso"];
  for (let i = 0; i < n(20_000, 2_000); i++) rows.push(`${i + 1};Obiettivo numero ${i + 1} di prova;Settore ${i % 7};31/12/2025;1%`);
  put("text/big.csv", rows.join("\n") + "\n");

  // PDFs: the base, truncated and byte-flipped at many offsets, and crafted ones.
  const base = basePdf();
  put("pdf/base.pdf", base);
  const real = read("fixtures/pdf/004_131eba05ebaf386c.grid.pdf");
  for (let i = 0; i < n(40, 4); i++) {
    const cut = Math.floor(((i + 1) / (n(40, 4) + 1)) * base.length);
    put(`pdf/truncated-${String(i).padStart(2, "0")}.pdf`, base.slice(0, cut));
    // Cut, then given an end marker: pdf.js has to read the damage.
    put(`pdf/truncated-eof-${String(i).padStart(2, "0")}.pdf`, Buffer.concat([base.slice(0, cut), Buffer.from("\n%%EOF\n")]));
  }
  for (let i = 0; i < n(80, 4); i++) put(`pdf/flipped-${String(i).padStart(2, "0")}.pdf`, flip(base, r, 0, base.length));
  for (let i = 0; i < n(30, 2); i++) put(`pdf/flipped-real-${String(i).padStart(2, "0")}.pdf`, flip(real, r, 0, real.length));
  // Deep enough in both sizes that pdf.js needs well over the fast test's 4 s limit.
  const depth = 50_000;
  put("pdf/nested-q.pdf", onePage({ content: "q ".repeat(depth) + text(72, 720, "profondo") + "Q ".repeat(depth) }));
  slow.push(path.join(root, "pdf/nested-q.pdf"));
  put("pdf/tj-5mb.pdf", onePage({ content: `BT /F1 12 Tf 72 720 Td (${"A".repeat(n(5, 2) * 1024 * 1024)}) Tj ET` }));
  put("pdf/tj-array.pdf", onePage({ content: `BT /F1 12 Tf 72 720 Td [${"(A) -10 ".repeat(n(200_000, 50_000))}] TJ ET` }));
  put("pdf/image-bomb.pdf", pdfWithImage(60_000, 60_000, zlib.deflateSync(Buffer.alloc(n(8, 1) * 1024 * 1024))));
  put("pdf/flate-bomb.pdf", pdfWithStream(await deflateRepeated(0x20, n(1024, 300) * 1024 * 1024), "/Filter /FlateDecode "));
  put("pdf/count-negative.pdf", buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count -5 >>"]));
  put("pdf/count-huge.pdf", buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]));
  put("pdf/tree-loop.pdf", buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]));
  put("pdf/openaction-js.pdf", onePage({ content: text(72, 720, "Testo"), catalogExtra: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>" }));
  put("pdf/launch.pdf", onePage({ content: text(72, 720, "Testo"), catalogExtra: "/OpenAction << /S /Launch /F (/bin/sh) >>" }));
  put("pdf/encrypted.pdf", read("fixtures/pdf/errors/encrypted.pdf"));
  put("pdf/javascript.pdf", read("fixtures/pdf/errors/javascript.pdf"));
  put("pdf/header-only.pdf", "%PDF-1.7\n%%EOF\n");

  // Images: header-fuzzed PNG, JPEG and TIFF, a damaged IHDR CRC, bomb headers.
  const png = read("test/data/ocr/one-pixel.png");
  const jpg = read("test/data/ocr/table.jpg");
  const tif = read("test/data/ocr/grey8.tif");
  const ihdrCrc = Uint8Array.from(png);
  ihdrCrc[29] ^= 0x01; // last byte of the IHDR chunk's CRC
  put("img/ihdr-crc.png", ihdrCrc);
  for (let i = 0; i < n(60, 5); i++) put(`img/fuzz-${String(i).padStart(2, "0")}.png`, flip(png, r, 8, 64));
  for (let i = 0; i < n(40, 3); i++) put(`img/fuzz-${String(i).padStart(2, "0")}.jpg`, flip(jpg, r, 2, 400));
  for (let i = 0; i < n(40, 3); i++) put(`img/fuzz-${String(i).padStart(2, "0")}.tif`, flip(tif, r, 0, 200));
  put("img/bomb-header.png", pngHeader(100_000, 100_000));
  put("img/bomb-header-narrow.png", pngHeader(1, 50_000_000));
  put("img/truncated.jpg", jpg.slice(0, Math.floor(jpg.length / 3)));
  put("img/tiff-loop.tif", tiffLoop());

  // Odd paths: special files, links of every kind, names that are not UTF-8.
  const odd = path.join(root, "paths");
  mkdirSync(odd, { recursive: true });
  const outside = path.join(dir, "outside");
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, "only-through-link.txt"), table);
  const link = (target, name) => {
    symlinkSync(target, path.join(odd, name));
    paths.push(path.join(odd, name));
  };
  execFileSync("mkfifo", [path.join(odd, "fifo")]);
  paths.push(path.join(odd, "fifo"));
  const server = net.createServer();
  await new Promise((res) => server.listen(path.join(odd, "socket"), res));
  server.unref();
  paths.push(path.join(odd, "socket"));
  link("missing-target.txt", "dangling.txt");
  link("loop-b", "loop-a");
  link("loop-a", "loop-b");
  link("self", "self");
  link("/etc/passwd", "passwd.txt");
  link("/dev/zero", "zero.txt");
  link(outside, "outside-folder");
  link(path.join(outside, "only-through-link.txt"), "outside-file.txt");
  link("../text/tags.txt", "alias-inside.txt");
  // Names that are not UTF-8: "caffè.txt" in Latin-1, and a lone continuation byte.
  for (const name of [latin1("caff\xe8.txt"), Buffer.from([0x80, 0x2e, 0x74, 0x78, 0x74])]) {
    writeFileSync(Buffer.concat([Buffer.from(odd + path.sep), name]), table);
    paths.push(path.join(odd, name.toString("latin1")));
  }
  put("paths/new\nline.txt", table);
  put("paths/ansi-\x1b[31mred.txt", table);
  return { root, paths, slow, close: () => server.close() };
}

function pdfWithImage(w, h, data) {
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
    (() => {
      const c = "BT /F1 12 Tf 72 720 Td (Immagine) Tj ET q 500 0 0 500 50 50 cm /Im1 Do Q";
      return `<< /Length ${c.length} >>\nstream\n${c}\nendstream`;
    })(),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString("latin1")}\nendstream`,
  ]);
}

/** A TIFF whose first IFD's next-IFD pointer points back at itself. */
function tiffLoop() {
  const b = Buffer.alloc(8 + 2 + 12 * 4 + 4 + 16);
  b.write("II", 0, "latin1");
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(4, 8);
  const tag = (i, t, type, count, value) => {
    const o = 10 + i * 12;
    b.writeUInt16LE(t, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(count, o + 4);
    b.writeUInt32LE(value, o + 8);
  };
  tag(0, 256, 4, 1, 4); // width
  tag(1, 257, 4, 1, 4); // height
  tag(2, 273, 4, 1, 8 + 2 + 48 + 4); // strip offset
  tag(3, 279, 4, 1, 16); // strip bytes
  b.writeUInt32LE(8, 10 + 48); // next IFD: itself
  return b;
}
