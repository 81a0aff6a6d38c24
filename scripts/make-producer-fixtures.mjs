#!/usr/bin/env node
// The producer matrix: documents of ../shared/dev (and the seeds) printed to
// PDF the ways administrations make their PDFs, so the PDF path can be held to
// the rows of the text form for any producer (scripts/rowdiff.mjs,
// scripts/producers/score-matrix.mjs).
//
//   chromium-rules    Chromium, landscape, sans 7.5 pt, a rule under each row only,
//                     narrow numeric columns, repeated header rows, rows split by pages
//   chromium-shaded   Chromium, portrait, sans 8 pt, shaded header row, no rules
//   writer-odt        LibreOffice Writer from a .fodt the script writes: Word-like grid,
//                     merged cells, justified text, bold inline labels, lists, header/footer
//   writer-docx       the same document saved as .docx by LibreOffice, then printed from it
//   calc-ods          LibreOffice Calc from a .fods: gridlines, wrapped cells, landscape fit to width
//                     (documents at least half of whose rows are table rows)
//   calc-xlsx         the same sheet saved as .xlsx, then printed from it
//   rotated           chromium-rules' landscape pages set sideways on portrait paper that carries /Rotate 90
//   nounicode         chromium-shaded with every font's /ToUnicode map removed
//   <p>.scan300       a producer's PDF rasterised at 300 dpi, clean (bilevel G4)
//   <p>.scan200       at 200 dpi with noise, dust and a 1–2° skew
//   <p>.ocrmypdf      scan300 run through Debian ocrmypdf: an image with an invisible text layer
//
//   node scripts/make-producer-fixtures.mjs [--docs 01-comune,seed:000] [--producers chromium-rules,writer-odt]
//        [--scans writer-odt,calc-ods] [--out output/producers]
//   node scripts/make-producer-fixtures.mjs --fixtures     the picks of scripts/producers/picks.mjs into fixtures/producers/
//
// Writes <out>/<stem>.<producer>.pdf, the text form <out>/<stem>.<ext> and the
// gold <out>/<stem>.gold.json. Needs `npm run build`, Debian chromium,
// libreoffice-writer-nogui, libreoffice-calc-nogui, qpdf, poppler-utils,
// ImageMagick, img2pdf, and ocrmypdf for the searchable scan.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { textFormModel } from "./producers/model.mjs";
import { chromiumPage } from "./producers/html.mjs";
import { fodt, fods } from "./producers/odf.mjs";
import { openChromium } from "./pdf/chromium-pdf.mjs";
import { scanPdf } from "./scan/degrade.mjs";
import { rotateSideways, stripToUnicode } from "./producers/pdfedit.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.PIAO_SHARED ?? path.resolve(ROOT, "../shared");
export const PRODUCERS = ["chromium-rules", "chromium-shaded", "writer-odt", "writer-docx", "calc-ods", "calc-xlsx", "rotated", "nounicode"];
const TEXT_EXT = [".txt", ".md", ".html", ".csv", ".tsv"];

const { values: flags } = parseArgs({
  options: {
    docs: { type: "string" },
    producers: { type: "string" },
    scans: { type: "string" },
    out: { type: "string" },
    fixtures: { type: "boolean", default: false },
  },
});
if (flags.fixtures) {
  await makeFixtures();
  process.exit(0);
}
const outDir = path.resolve(flags.out ?? path.join(ROOT, "output/producers"));
const producers = flags.producers ? flags.producers.split(",") : PRODUCERS;
const scans = flags.scans ? flags.scans.split(",") : [];
for (const p of [...producers, ...scans]) if (!PRODUCERS.includes(p)) throw new Error(`unknown producer ${p}`);

const { extractText } = await import(path.join(ROOT, "dist/extract/text.js"));

/** Every document with a text form and a gold: ../shared/dev/<set>/<stem>, and the seeds as seed:<nnn>. */
function allDocs() {
  const docs = [];
  const dev = path.join(SHARED, "dev");
  if (existsSync(dev)) {
    for (const set of readdirSync(dev).sort()) {
      const d = path.join(dev, set);
      if (!statSync(d).isDirectory()) continue;
      for (const g of readdirSync(d).filter((f) => f.endsWith(".gold.json")).sort()) {
        const stem = g.replace(/\.gold\.json$/, "");
        const ext = TEXT_EXT.find((e) => existsSync(path.join(d, stem + e)));
        if (ext) docs.push({ id: `${set}/${stem}`, stem: `${set.replace(/^synth-/, "s")}-${stem}`, text: path.join(d, stem + ext), ext, gold: path.join(d, g) });
      }
    }
  }
  for (const f of readdirSync(path.join(ROOT, "fixtures/seeds")).filter((f) => f.endsWith(".txt") && !f.startsWith("002")).sort()) {
    const stem = f.replace(/\.txt$/, "");
    docs.push({ id: `seed:${stem.slice(0, 3)}`, stem, text: path.join(ROOT, "fixtures/seeds", f), ext: ".txt", gold: path.join(ROOT, "fixtures/gold", `${stem}.json`) });
  }
  return docs;
}

const wanted = flags.docs?.split(",");
const docs = allDocs().filter((d) => !wanted || wanted.some((w) => d.id.includes(w) || d.stem.includes(w)));
if (!docs.length) throw new Error("no documents selected");
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "piao-producers-"));

/** LibreOffice converts a batch of files in one start (each start costs seconds). */
function soffice(files, to, dir) {
  if (!files.length) return;
  mkdirSync(dir, { recursive: true });
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${work}/lo-profile`, "--convert-to", to, "--outdir", dir, ...files], { stdio: "pipe", timeout: 600_000 });
}

const made = [];
try {
  const models = new Map();
  for (const d of docs) {
    const rows = extractText(new Uint8Array(readFileSync(d.text)), path.basename(d.text), "-").rows;
    models.set(d, textFormModel(rows));
    copyFileSync(d.text, path.join(outDir, d.stem + d.ext));
    copyFileSync(d.gold, path.join(outDir, `${d.stem}.gold.json`));
  }
  const want = new Set([...producers, ...scans]);
  if (want.has("nounicode")) want.add("chromium-shaded");
  if (want.has("rotated")) want.add("chromium-rules");

  // Chromium.
  const chromeStyles = ["chromium-rules", "chromium-shaded"].filter((p) => want.has(p));
  if (chromeStyles.length) {
    const chrome = await openChromium();
    try {
      for (const d of docs) {
        for (const style of chromeStyles) {
          const page = chromiumPage(models.get(d), style);
          const html = path.join(work, `${d.stem}.${style}.html`);
          writeFileSync(html, page.html);
          const out = path.join(outDir, `${d.stem}.${style}.pdf`);
          writeFileSync(out, await chrome.printFile(html, page.print));
          made.push(out);
        }
      }
    } finally {
      await chrome.close();
    }
  }

  // LibreOffice: one batch per conversion.
  const odt = [],
    ods = [];
  for (const d of docs) {
    if (want.has("writer-odt") || want.has("writer-docx")) {
      const f = path.join(work, "writer", `${d.stem}.fodt`);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, fodt(models.get(d)));
      odt.push(f);
    }
    // A spreadsheet holds tables: documents mostly of prose or cards are not printed from one.
    if ((want.has("calc-ods") || want.has("calc-xlsx")) && tableShare(models.get(d)) >= 0.5) {
      const f = path.join(work, "calc", `${d.stem}.fods`);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, fods(models.get(d)));
      ods.push(f);
    }
  }
  const lo = (files, producer, viaExt, filter) => {
    if (!want.has(producer) || !files.length) return;
    let src = files;
    if (viaExt) {
      soffice(files, filter, path.join(work, viaExt));
      src = files.map((f) => path.join(work, viaExt, path.basename(f).replace(/\.f?od[ts]$/, `.${viaExt}`)));
    }
    const dir = path.join(work, `pdf-${producer}`);
    soffice(src, "pdf", dir);
    for (const f of src) {
      const stem = path.basename(f).replace(/\.[^.]+$/, "");
      const out = path.join(outDir, `${stem}.${producer}.pdf`);
      copyFileSync(path.join(dir, `${stem}.pdf`), out);
      made.push(out);
    }
  };
  lo(odt, "writer-odt", null);
  lo(odt, "writer-docx", "docx", "docx:MS Word 2007 XML");
  lo(ods, "calc-ods", null);
  lo(ods, "calc-xlsx", "xlsx", "xlsx:Calc MS Excel 2007 XML");

  if (want.has("rotated")) {
    for (const d of docs) {
      const out = path.join(outDir, `${d.stem}.rotated.pdf`);
      rotateSideways(path.join(outDir, `${d.stem}.chromium-rules.pdf`), out, work);
      made.push(out);
    }
  }
  if (want.has("nounicode")) {
    for (const d of docs) {
      const out = path.join(outDir, `${d.stem}.nounicode.pdf`);
      stripToUnicode(path.join(outDir, `${d.stem}.chromium-shaded.pdf`), out, work);
      made.push(out);
    }
  }

  // Scans of the producers' PDFs: clean 300 dpi, rough 200 dpi, and the searchable scan.
  for (const d of docs) {
    for (const p of scans) {
      const src = path.join(outDir, `${d.stem}.${p}.pdf`);
      if (!existsSync(src)) throw new Error(`${src}: make the producer's PDF first`);
      const pages = pageCount(src);
      const all = Array.from({ length: pages }, (_, i) => i + 1);
      const clean = path.join(outDir, `${d.stem}.${p}.scan300.pdf`);
      scanPdf(src, all, 300, clean, work, { clean: true });
      const rough = path.join(outDir, `${d.stem}.${p}.scan200.pdf`);
      scanPdf(src, all, 200, rough, work, { skewDeg: [1, 2], skewEvery: 1 });
      made.push(clean, rough);
      const ocr = path.join(outDir, `${d.stem}.${p}.ocrmypdf.pdf`);
      execFileSync("ocrmypdf", ["-l", "ita", "--output-type", "pdf", "--optimize", "0", "--quiet", clean, ocr], { stdio: "pipe", timeout: 900_000 });
      made.push(ocr);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const f of made) console.log(`${path.relative(ROOT, f)}  ${(readFileSync(f).length / 1024).toFixed(0)} KiB, ${pageCount(f)} p.`);

/** Share of the document's rows that are table rows. */
function tableShare(blocks) {
  let t = 0,
    n = 0;
  for (const b of blocks) {
    const k = b.type === "table" ? b.rows.length : b.type === "list" ? b.items.length : b.type === "para" ? b.lines.length : 1;
    n += k;
    if (b.type === "table") t += k;
  }
  return n ? t / n : 0;
}

function pageCount(pdf) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())?.[1] ?? 0);
}

/**
 * The committed fixtures: the picks made into a scratch folder by this same
 * script, then only the chosen PDFs, text forms and golds copied over (the
 * scans of a producer's PDF are made from the PDF printed here).
 */
async function makeFixtures() {
  const { FIXTURE_PICKS } = await import("./producers/picks.mjs");
  const dest = path.join(ROOT, "fixtures/producers");
  const tmp = mkdtempSync(path.join(tmpdir(), "piao-fixture-picks-"));
  try {
    const docs = Object.keys(FIXTURE_PICKS.born).join(",");
    const prods = [...new Set(Object.values(FIXTURE_PICKS.born).flat())].join(",");
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--docs", docs, "--producers", prods, "--out", tmp], { stdio: "inherit" });
    for (const [stem, { producer }] of Object.entries(FIXTURE_PICKS.scans)) {
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--docs", stem, "--producers", producer, "--scans", producer, "--out", tmp], { stdio: "inherit" });
    }
    mkdirSync(dest, { recursive: true });
    const keep = [];
    for (const [stem, ps] of Object.entries(FIXTURE_PICKS.born)) {
      keep.push(...ps.map((p) => `${stem}.${p}.pdf`), `${stem}.gold.json`, readdirSync(tmp).find((f) => f.startsWith(stem + ".") && /\.(txt|md|html)$/.test(f)));
    }
    for (const [stem, { producer, ocrmypdf }] of Object.entries(FIXTURE_PICKS.scans)) {
      keep.push(`${stem}.${producer}.scan300.pdf`, `${stem}.${producer}.scan200.pdf`, ...(ocrmypdf ? [`${stem}.${producer}.ocrmypdf.pdf`] : []));
    }
    for (const f of keep) copyFileSync(path.join(tmp, f), path.join(dest, f));
    const bytes = keep.reduce((a, f) => a + readFileSync(path.join(dest, f)).length, 0);
    console.log(`fixtures/producers: ${keep.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
