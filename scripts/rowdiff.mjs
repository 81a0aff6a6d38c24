#!/usr/bin/env node
// Prints how the rows of cells a PDF (or scan) hands to the parser differ from
// those of its text form (needs `npm run build`). See scripts/rows/rowdiff.mjs.
//
//   node scripts/rowdiff.mjs DOC.pdf [--text DOC.txt] [--context 1] [--width 160]
//   node scripts/rowdiff.mjs --summary DIR_OR_PDF… [--text-dir DIR]
//
// The text form is the file with the PDF's stem (the name up to its first dot)
// and a text extension (.txt .md .html .csv .tsv), next to the PDF or in
// --text-dir. --ocr auto|always|never (default auto) routes pages as convert does.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { diffRows, formatDiff, summary } from "./rows/rowdiff.mjs";

const dist = new URL("../dist/", import.meta.url);
const { extractText } = await import(new URL("extract/text.js", dist).href);
const { extractPdf } = await import(new URL("extract/pdf/index.js", dist).href);

const args = process.argv.slice(2);
const opt = (f, d = null) => (args.includes(f) ? args[args.indexOf(f) + 1] : d);
const valued = new Set(["--text", "--context", "--width", "--text-dir", "--ocr"]);
const files = args.filter((a, i) => !a.startsWith("--") && !valued.has(args[i - 1]));
const TEXT_EXT = [".txt", ".md", ".html", ".csv", ".tsv"];

/** @param {string} pdf */
export function textFormOf(pdf, dirs) {
  const stem = path.basename(pdf).split(".")[0];
  for (const d of dirs) for (const e of TEXT_EXT) if (existsSync(path.join(d, stem + e))) return path.join(d, stem + e);
  return null;
}

const pdfs = files.flatMap((f) =>
  statSync(f).isDirectory()
    ? readdirSync(f)
        .filter((n) => n.endsWith(".pdf"))
        .sort()
        .map((n) => path.join(f, n))
    : [f],
);
if (!pdfs.length) {
  console.error("usage: node scripts/rowdiff.mjs DOC.pdf [--text DOC.txt] | --summary DIR…");
  process.exit(2);
}
const sum = { same: 0, of: 0, docs: 0 };
for (const pdf of pdfs) {
  const text = opt("--text") ?? textFormOf(pdf, [path.dirname(pdf), ...(opt("--text-dir") ? [opt("--text-dir")] : [])]);
  if (!text) {
    console.log(`${path.basename(pdf)}: no text form found`);
    continue;
  }
  const t = extractText(new Uint8Array(readFileSync(text)), path.basename(text), "-");
  const p = await extractPdf(new Uint8Array(readFileSync(pdf)), path.basename(pdf), "-", { ocr: opt("--ocr", "auto") });
  const d = diffRows(t.rows, p.rows);
  sum.same += d.counts.same;
  sum.of += d.a.length;
  sum.docs++;
  console.log(`${path.basename(pdf)}${p.kind === "scan" ? " (OCR)" : ""}: ${summary(d)}`);
  if (!args.includes("--summary")) console.log(formatDiff(d, { context: Number(opt("--context", "0")), width: Number(opt("--width", "200")) }));
}
if (sum.docs > 1) console.log(`overall: ${sum.same}/${sum.of} rows same (${((100 * sum.same) / sum.of).toFixed(1)}%) over ${sum.docs} documents`);
