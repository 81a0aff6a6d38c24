#!/usr/bin/env node
/**
 * PDF throughput, in one process and on the same files (needs `npm run build`):
 *   (a) bare pdfjs-dist getTextContent over every page,
 *   (b) the whole PDF → canonical JSON path (convert()),
 *   (c) `pdftotext -layout` (Debian poppler-utils), when installed.
 * Prints pages/second and the ratios. Usable alone
 *   node scripts/pdf/bench.mjs [--rounds 3] [files…]     (default: fixtures/pdf/*.pdf)
 * or as a section of scripts/bench.mjs: `import { benchPdf } from "./pdf/bench.mjs"`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function fmt(n, d = 1) {
  return n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

function defaultFiles() {
  const dir = path.join(ROOT, "fixtures/pdf");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Same pdf.js options as the extractor, so (a) and (b) read the files alike. */
async function bareTextContent(lib, assets, bytes) {
  const doc = await lib.getDocument({
    data: new Uint8Array(bytes),
    ...assets,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  let items = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    items += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  const n = doc.numPages;
  await doc.destroy();
  return { pages: n, items };
}

function hasPdftotext() {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function benchPdf({ files = defaultFiles(), rounds = 3 } = {}) {
  // pdf.js loaded the way the extractor loads it (same module, same process state).
  const { pdfjs, assetUrls } = await import(path.join(ROOT, "dist/extract/pdf/pdfjs.js"));
  const lib = await pdfjs();
  const { convert } = await import(path.join(ROOT, "dist/index.js"));
  const assets = assetUrls();
  const inputs = files.map((f) => ({ name: path.basename(f), file: f, bytes: readFileSync(f) }));
  const poppler = hasPdftotext();

  // Warm-up: JIT, font caches, module loading.
  for (const x of inputs) {
    x.pages = (await bareTextContent(lib, assets, x.bytes)).pages;
    await convert(new Uint8Array(x.bytes), { name: x.name });
  }
  const pagesPerRound = inputs.reduce((a, x) => a + x.pages, 0);
  const ms = { a: 0, b: 0, c: 0 };
  for (let r = 0; r < rounds; r++) {
    // Interleaved per file so that drift hits every method alike.
    for (const x of inputs) {
      let t = performance.now();
      await bareTextContent(lib, assets, x.bytes);
      ms.a += performance.now() - t;
      t = performance.now();
      await convert(new Uint8Array(x.bytes), { name: x.name });
      ms.b += performance.now() - t;
      if (poppler) {
        t = performance.now();
        execFileSync("pdftotext", ["-layout", x.file, "-"], { maxBuffer: 256 * 1024 * 1024 });
        ms.c += performance.now() - t;
      }
    }
  }
  const pages = pagesPerRound * rounds;
  const rate = (m) => (pages / m) * 1000;
  console.log(`pdf: ${inputs.length} files, ${pagesPerRound} pages, ${rounds} rounds (one core: pdf.js runs its worker in-process)`);
  console.log(`  (a) pdfjs getTextContent  ${fmt(rate(ms.a)).padStart(8)} pages/s`);
  console.log(`  (b) PDF → canonical JSON  ${fmt(rate(ms.b)).padStart(8)} pages/s   (b)/(a) time ratio ${fmt(ms.b / ms.a, 2)}`);
  if (poppler) console.log(`  (c) pdftotext -layout     ${fmt(rate(ms.c)).padStart(8)} pages/s   (c) is ${fmt(ms.b / ms.c, 1)}× faster than (b)`);
  else console.log("  (c) pdftotext not installed (apt-get install poppler-utils)");
  console.log(`  peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
  return { pages, ms };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--rounds");
  const rounds = i >= 0 ? Number(args[i + 1]) : 3;
  const files = args.filter((a, k) => !a.startsWith("--") && !(i >= 0 && k === i + 1));
  await benchPdf({ files: files.length ? files.map((f) => path.resolve(f)) : undefined, rounds });
}
