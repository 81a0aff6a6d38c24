#!/usr/bin/env node
// Debug helper: prints the rows the PDF extractor produces (needs `npm run build`).
//   node scripts/pdf/dump-rows.mjs file.pdf [--page N] [--json]
import { readFileSync } from "node:fs";
import path from "node:path";
const { extractPdf } = await import(new URL("../../dist/extract/pdf/index.js", import.meta.url).href);
const args = process.argv.slice(2);
const file = args[0];
const page = args.includes("--page") ? Number(args[args.indexOf("--page") + 1]) : null;
const doc = await extractPdf(new Uint8Array(readFileSync(file)), path.basename(file), "-", {});
for (const r of doc.rows) {
  if (page !== null && r.page !== page) continue;
  if (args.includes("--json")) { console.log(JSON.stringify(r)); continue; }
  const cells = r.cells.map((c) => (c.bold ? "*" : "") + c.text.slice(0, 60) + (c.paras ? `{${c.paras.length}p}` : ""));
  console.log(`${r.page}:${r.line} ${r.kind[0]}${r.heading ? "h" + r.heading : ""} ${cells.join(" | ")}`);
}
