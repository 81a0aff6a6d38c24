#!/usr/bin/env node
// Scores every PDF of a producer matrix (scripts/make-producer-fixtures.mjs)
// against its document's gold, next to the text form's score, with the row
// agreement of the two (scripts/rows/rowdiff.mjs). Needs `npm run build`.
//
//   node scripts/producers/score-matrix.mjs [DIR=output/producers] [--only writer,scan] [--skip nounicode] [--json FILE]
//
// One line per PDF: rows same / text-form rows, the text form's score, the
// PDF's, and their difference; then per producer the mean difference and how
// many PDFs are within 0.03 of their text form.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { diffRows } from "../rows/rowdiff.mjs";
import { score } from "../../test/support/score.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const opt = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : null);
const dir = path.resolve(args.find((a, i) => !a.startsWith("--") && !["--only", "--skip", "--json"].includes(args[i - 1])) ?? path.join(ROOT, "output/producers"));
const only = opt("--only")?.split(",");
const skip = opt("--skip")?.split(",");
const { convertBuffer } = await import(path.join(ROOT, "dist/convert.js"));
const { extractText } = await import(path.join(ROOT, "dist/extract/text.js"));
const { extractPdf } = await import(path.join(ROOT, "dist/extract/pdf/index.js"));

const files = readdirSync(dir);
const pdfs = files.filter((f) => f.endsWith(".pdf") && (!only || only.some((o) => f.includes(o))) && !skip?.some((o) => f.includes(o))).sort();
const textCache = new Map();
const results = [];
for (const f of pdfs) {
  const stem = f.split(".")[0];
  const producer = f.slice(stem.length + 1, -4);
  const textFile = files.find((x) => x.startsWith(stem + ".") && /\.(txt|md|html|csv|tsv)$/.test(x));
  const gold = JSON.parse(readFileSync(path.join(dir, `${stem}.gold.json`), "utf8"));
  if (!textFile) continue;
  if (!textCache.has(stem)) {
    const bytes = readFileSync(path.join(dir, textFile));
    textCache.set(stem, { rows: extractText(new Uint8Array(bytes), textFile, "-").rows, score: score(gold, await convertBuffer(bytes, textFile)).score });
  }
  const t = textCache.get(stem);
  const bytes = readFileSync(path.join(dir, f));
  const t0 = performance.now();
  const doc = await convertBuffer(bytes, f);
  const ms = performance.now() - t0;
  const rows = (await extractPdf(new Uint8Array(bytes), f, "-", { ocr: "auto" })).rows;
  const d = diffRows(t.rows, rows);
  const s = score(gold, doc).score;
  const r = { file: f, stem, producer, rows: d.counts.same, kindOnly: d.counts.kind, of: d.a.length, text: t.score, pdf: s, delta: s - t.score, kind: doc.source.kind, ocr: doc.source.ocr, ms: Math.round(ms) };
  results.push(r);
  console.log(`${f.padEnd(72)} rows ${String(r.rows).padStart(4)}/${String(r.of).padEnd(4)} text ${t.score.toFixed(3)} pdf ${s.toFixed(3)} Δ ${(s - t.score >= 0 ? "+" : "") + (s - t.score).toFixed(3)}${r.kind === "scan" ? " (OCR)" : ""}`);
}
const by = new Map();
for (const r of results) by.set(r.producer, [...(by.get(r.producer) ?? []), r]);
console.log("\nproducer                      docs  rows same  +kind only   mean Δ   within 0.03  within 0.05  within 0.10");
for (const [p, rs] of [...by].sort()) {
  const same = rs.reduce((a, r) => a + r.rows, 0),
    kind = rs.reduce((a, r) => a + r.kindOnly, 0),
    of = rs.reduce((a, r) => a + r.of, 0);
  const mean = rs.reduce((a, r) => a + r.delta, 0) / rs.length;
  const within = (x) => rs.filter((r) => r.delta >= -x).length;
  console.log(`${p.padEnd(28)} ${String(rs.length).padStart(5)}  ${((100 * same) / of).toFixed(1).padStart(8)}%  ${((100 * (same + kind)) / of).toFixed(1).padStart(8)}%  ${(mean >= 0 ? "+" : "") + mean.toFixed(3)}   ${String(within(0.03)).padStart(6)}       ${String(within(0.05)).padStart(6)}       ${String(within(0.1)).padStart(6)}`);
}
if (opt("--json")) writeFileSync(opt("--json"), JSON.stringify(results, null, 1));
