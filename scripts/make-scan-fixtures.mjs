#!/usr/bin/env node
// Scanned fixtures: the born-digital PDFs of fixtures/pdf/ printed to paper and
// scanned back by an office scanner in bilevel mode (see scripts/scan/degrade.mjs:
// skew ~1° on some pages, slight blur, edge noise, dust, CCITT G4 at 300 and
// 200 dpi), and the seed's gold restricted to the pages scanned
// (scripts/scan/restrict.mjs).
//
//   node scripts/make-scan-fixtures.mjs            fixtures/scan/<stem>.<dpi>.pdf + <stem>.pages-<a>-<b>.gold.json
//                                                  (+ <stem>.<dpi>.turned.pdf and <stem>.<dpi>.grey.pdf for the seeds
//                                                  in TURNED and GREY_SCANS, scripts/scan/picks.mjs)
//   node scripts/make-scan-fixtures.mjs --full     output/scan-full/<stem>.<dpi>.pdf, whole documents (bench; git-ignored)
//   node scripts/make-scan-fixtures.mjs --suggest  page ranges usable as fixtures, per seed and print style
//   options: --seeds 000,003  --dpi 300,200  --out DIR
//
// Needs `npm run build` (the library converts the born-digital PDF to place the
// gold objectives on pages), poppler-utils (pdftoppm, pdftotext), qpdf,
// ImageMagick and img2pdf. Output bytes are reproducible.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { greyScanPdf, scanPdf } from "./scan/degrade.mjs";
import { boundaryRanges, contents, objectiveSpans, restrictGold } from "./scan/restrict.mjs";
import { GREY_SCANS, PICKS, TURNED } from "./scan/picks.mjs";
import { turnScan } from "./scan/turn.mjs";
import { score } from "../test/support/score.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A range is only used when the born-digital PDF cut to it scores this much: the restriction is then sound. */
const MIN_CUT_SCORE = 0.97;
const DPIS = [300, 200];
/** Budget of fixtures/scan (bytes): bilevel G4 keeps whole pages small. */
const BUDGET = 3 * 1024 * 1024;

const { values: flags } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    suggest: { type: "boolean", default: false },
    seeds: { type: "string" },
    dpi: { type: "string" },
    out: { type: "string" },
  },
});

const { convert } = await import(path.join(ROOT, "dist/index.js"));

const seedStems = readdirSync(path.join(ROOT, "fixtures/gold"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .filter((s) => PICKS[s.slice(0, 3)] && (!flags.seeds || flags.seeds.split(",").includes(s.slice(0, 3))))
  .sort();
const dpis = flags.dpi ? flags.dpi.split(",").map(Number) : DPIS;

const pdfOf = (stem, style) => path.join(ROOT, "fixtures/pdf", `${stem}.${style}.pdf`);
const goldOf = (stem) => JSON.parse(readFileSync(path.join(ROOT, "fixtures/gold", `${stem}.json`), "utf8"));

/** Page texts of a PDF, any reading order (pdftotext separates pages with form feeds). */
function pageTexts(pdf) {
  return execFileSync("pdftotext", [pdf, "-"], { maxBuffer: 256 * 1024 * 1024 }).toString("utf8").split("\f");
}

/** Gold objectives placed on the pages of `pdf`, through the library's own conversion of it. */
async function placeGold(stem, style) {
  const pdf = pdfOf(stem, style);
  const pred = await convert(pdf);
  const spans = objectiveSpans(goldOf(stem), pred, pageTexts(pdf));
  return { pdf, pages: pred.source.pages, spans };
}

/** The born-digital PDF cut to pages a..b (qpdf), converted and scored against the restricted gold. */
async function cutScore(pdf, [a, b], gold, work) {
  const cut = path.join(work, `cut-${path.basename(pdf)}-${a}-${b}.pdf`);
  execFileSync("qpdf", [pdf, "--pages", pdf, `${a}-${b}`, "--", cut]);
  const r = score(gold, await convert(cut));
  unlinkSync(cut);
  return r;
}

const work = mkdtempSync(path.join(tmpdir(), "piao-scan-"));
try {
  if (flags.suggest) await suggest();
  else if (flags.full) full();
  else await fixtures();
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Every 2–3 page range of both styles whose restricted gold the born-digital cut reproduces. */
async function suggest() {
  for (const stem of seedStems) {
    for (const style of ["grid", "rules"]) {
      const { pdf, pages, spans } = await placeGold(stem, style);
      const gold = goldOf(stem);
      const clean = new Set(boundaryRanges(spans, pages, [2, 3]).map((r) => r.join("-")));
      console.log(`${stem}.${style} (${pages} pages; gold objectives not placed: ${spans.unplaced.length})`);
      for (const len of [2, 3]) {
        for (let a = 1; a + len - 1 <= pages; a++) {
          const range = [a, a + len - 1];
          const g = restrictGold(gold, spans, range, {});
          const c = contents(g);
          if (c.objectives === 0) continue;
          const r = await cutScore(pdf, range, g, work);
          if (r.score < MIN_CUT_SCORE) continue;
          const cut = clean.has(range.join("-")) ? "clean ends" : `${g.restricted.partial} cut objective(s) optional`;
          console.log(
            `  pages ${range.join("-").padEnd(6)} cut scores ${r.score.toFixed(3)}  objectives ${c.objectives}, steps ${c.steps}, kpis ${c.kpis}, issues ${c.issues}; ${cut}`,
          );
        }
      }
    }
  }
}

/** The committed fixtures: restricted gold (validated), then the range scanned at each dpi. */
async function fixtures() {
  const outDir = path.resolve(flags.out ?? path.join(ROOT, "fixtures/scan"));
  mkdirSync(outDir, { recursive: true });
  for (const stem of seedStems) {
    const { style, pages: range } = PICKS[stem.slice(0, 3)];
    const { pdf, spans } = await placeGold(stem, style);
    const gold = restrictGold(goldOf(stem), spans, range, { from: `fixtures/pdf/${path.basename(pdf)}` });
    const check = await cutScore(pdf, range, gold, work);
    if (check.score < MIN_CUT_SCORE) {
      throw new Error(
        `${stem}: the born-digital PDF cut to pages ${range.join("-")} scores ${check.score.toFixed(3)} < ${MIN_CUT_SCORE} ` +
          `against the restricted gold; pick another range (--suggest)\n  ${check.misses.slice(0, 10).join("\n  ")}`,
      );
    }
    gold.restricted.bornDigitalCutScore = +check.score.toFixed(3);
    const goldFile = path.join(outDir, `${stem}.pages-${range[0]}-${range[1]}.gold.json`);
    writeFileSync(goldFile, JSON.stringify(gold, null, 2) + "\n");
    const c = contents(gold);
    console.log(
      `${path.relative(ROOT, goldFile)}  objectives ${c.objectives} (+${gold.restricted.partial} cut, optional), steps ${c.steps}, kpis ${c.kpis}, issues ${c.issues}; born-digital cut scores ${check.score.toFixed(3)}`,
    );
    const pageList = [];
    for (let p = range[0]; p <= range[1]; p++) pageList.push(p);
    for (const dpi of dpis) writeScan(pdf, pageList, dpi, path.join(outDir, `${stem}.${dpi}.pdf`));
    const grey = GREY_SCANS[stem.slice(0, 3)];
    if (grey && dpis.includes(grey.dpi)) {
      const out = path.join(outDir, `${stem}.${grey.dpi}.grey.pdf`);
      const info = greyScanPdf(pdf, pageList, grey.dpi, out, work);
      for (const f of readdirSync(work)) if (/\.(pgm|jpg)$/.test(f)) unlinkSync(path.join(work, f));
      console.log(`${path.relative(ROOT, out)}  ${pageList.length} p. in grey at ${grey.dpi} dpi, ${(statSync(out).size / 1024).toFixed(0)} KiB  skew ${info.map((x) => `${x.page}:${x.deg}°`).join(" ")}`);
    }
    const turned = TURNED[stem.slice(0, 3)];
    if (turned && dpis.includes(turned.dpi)) {
      const out = path.join(outDir, `${stem}.${turned.dpi}.turned.pdf`);
      turnScan(path.join(outDir, `${stem}.${turned.dpi}.pdf`), out, turned.turns);
      console.log(`${path.relative(ROOT, out)}  pages turned ${turned.turns.join("°, ")}°, ${(statSync(out).size / 1024).toFixed(0)} KiB`);
    }
  }
  const total = readdirSync(outDir).reduce((n, f) => n + statSync(path.join(outDir, f)).size, 0);
  console.log(`${path.relative(ROOT, outDir)}: ${(total / 1024).toFixed(0)} KiB in all${total > BUDGET ? " — OVER the 3 MiB budget" : ""}`);
}

/** Whole documents, for the bench (not committed: output/ is git-ignored). */
function full() {
  const outDir = path.resolve(flags.out ?? path.join(ROOT, "output/scan-full"));
  mkdirSync(outDir, { recursive: true });
  for (const stem of seedStems) {
    const pdf = pdfOf(stem, PICKS[stem.slice(0, 3)].style);
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())[1]);
    const pages = Array.from({ length: n }, (_, i) => i + 1);
    for (const dpi of dpis) writeScan(pdf, pages, dpi, path.join(outDir, `${stem}.${dpi}.pdf`));
  }
}

function writeScan(pdf, pages, dpi, out) {
  const info = scanPdf(pdf, pages, dpi, out, work);
  for (const f of readdirSync(work)) if (/\.(pbm|tif)$/.test(f)) unlinkSync(path.join(work, f));
  const skew =
    info.length <= 6
      ? info.map((x) => `${x.page}:${x.deg > 0 ? "+" : ""}${x.deg}°`).join(" ")
      : `≥0.5° on ${info.filter((x) => Math.abs(x.deg) >= 0.5).length} of ${info.length} pages`;
  console.log(`${path.relative(ROOT, out)}  ${pages.length} p. at ${dpi} dpi, ${(statSync(out).size / 1024).toFixed(0)} KiB  skew ${skew}`);
}
