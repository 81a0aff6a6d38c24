#!/usr/bin/env node
// Renders the seed text exports (fixtures/seeds/*.txt) to born-digital PDFs in
// fixtures/pdf/, in two print styles, plus the small error fixtures:
//
//   <stem>.grid.pdf   portrait A4, every cell bordered            gold: fixtures/gold/<stem>.json
//   <stem>.rules.pdf  landscape A4, horizontal rules only, 7pt,   gold: fixtures/gold/<stem>.json
//                     tables breaking across pages with repeated
//                     header rows, running header + "Pagina n di m"
//   errors/*.pdf      encrypted, no text layer, JavaScript-bearing (see scripts/pdf/minipdf.mjs)
//
// Needs Debian's chromium (apt-get install -y chromium); qpdf for the encrypted
// fixture. Usage: node scripts/make-pdf-fixtures.mjs [--styles grid,rules] [--seeds 000,001] [--out DIR]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seedToHtml, STYLES } from "./pdf/seed-html.mjs";
import { openChromium, printOptions } from "./pdf/chromium-pdf.mjs";
import { errorFixtures } from "./pdf/minipdf.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : null);
const outDir = path.resolve(opt("--out") ?? path.join(root, "fixtures/pdf"));
const styles = (opt("--styles") ?? "grid,rules").split(",");
const only = opt("--seeds")?.split(",");
// Seed 002 is raw OCR text without any table structure: printing it would only
// test paragraphs, and its gold expects what OCR made of the original.
const SKIP = new Set(["002"]);

const seedDir = path.join(root, "fixtures/seeds");
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .filter((f) => !SKIP.has(f.slice(0, 3)) && (!only || only.includes(f.slice(0, 3))))
  .sort();

mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "piao-fixtures-"));
const chrome = await openChromium();
try {
  for (const seed of seeds) {
    const stem = seed.replace(/\.txt$/, "");
    const text = readFileSync(path.join(seedDir, seed), "utf8");
    for (const style of styles) {
      const s = STYLES[style];
      if (!s) throw new Error(`unknown style ${style}`);
      const { html, title } = seedToHtml(text, style);
      const htmlFile = path.join(work, `${stem}.${style}.html`);
      writeFileSync(htmlFile, html);
      const pdf = await chrome.printFile(
        htmlFile,
        printOptions({
          landscape: s.landscape,
          header: s.header,
          headerTemplate: `<div style="font-family:'DejaVu Sans',sans-serif;font-size:7pt;width:100%;margin:0 12mm;display:flex;justify-content:space-between"><span>${escapeHtml(title)}</span><span>PIAO – Allegato</span></div>`,
          footerTemplate: `<div style="font-family:'DejaVu Sans',sans-serif;font-size:7pt;width:100%;margin:0 12mm;text-align:right">Pagina <span class="pageNumber"></span> di <span class="totalPages"></span></div>`,
        }),
      );
      const out = path.join(outDir, `${stem}.${style}.pdf`);
      writeFileSync(out, pdf);
      console.log(`${path.relative(root, out)}  ${(pdf.length / 1024).toFixed(0)} KiB`);
    }
  }
} finally {
  await chrome.close();
  rmSync(work, { recursive: true, force: true });
}

// Error fixtures: hand-written PDFs (byte-exact, tiny) and an encrypted copy.
const errDir = path.join(outDir, "errors");
mkdirSync(errDir, { recursive: true });
for (const [name, bytes] of Object.entries(errorFixtures())) {
  writeFileSync(path.join(errDir, name), bytes);
  console.log(`${path.relative(root, path.join(errDir, name))}  ${bytes.length} B`);
}
try {
  const plain = path.join(errDir, "landscape.pdf");
  const enc = path.join(errDir, "encrypted.pdf");
  // A user password: pdf.js must ask for it, and we refuse instead of guessing.
  execFileSync("qpdf", ["--encrypt", "secret", "owner-secret", "256", "--", plain, enc]);
  console.log(`${path.relative(root, enc)}  ${statSync(enc).size} B`);
} catch (e) {
  console.warn(`qpdf not available, encrypted.pdf not regenerated: ${e.message}`);
}

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
