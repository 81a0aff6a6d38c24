#!/usr/bin/env node
// Scores the built engine on fixtures that carry their expected output beside them
// (`<name>.<ext>` + `<name>.gold.json`), folder by folder, with the project's scorer.
//
//   node scripts/score-fixtures.mjs [folders…]      default: every folder under fixtures/layouts
//   add --verbose to list every miss, --pdf to score `<name>.pdf` instead of the text form
//
// Run `npm run build` first. Prints one line per document and the mean per folder.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { score } from "../test/support/score.mjs";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const pdf = args.includes("--pdf");
const root = path.join(import.meta.dirname, "..");
const { convertBuffer } = await import(path.join(root, "dist/convert.js"));
let folders = args.filter((a) => !a.startsWith("--"));
if (folders.length === 0) {
  const base = path.join(root, "fixtures/layouts");
  folders = readdirSync(base).map((d) => path.join(base, d)).filter((d) => statSync(d).isDirectory());
}
for (const dir of folders) {
  const golds = readdirSync(dir).filter((f) => f.endsWith(".gold.json")).sort();
  let sum = 0;
  let n = 0;
  console.log(`== ${path.relative(root, dir) || dir}${pdf ? " (pdf)" : ""}`);
  for (const g of golds) {
    const name = g.slice(0, -".gold.json".length);
    const input = pdf
      ? [`${name}.pdf`].find((f) => existsSync(path.join(dir, f)))
      : readdirSync(dir).find((f) => f.startsWith(name + ".") && !f.endsWith(".json") && !f.endsWith(".pdf"));
    if (!input) continue;
    const gold = JSON.parse(readFileSync(path.join(dir, g), "utf8"));
    let doc;
    try {
      doc = await convertBuffer(readFileSync(path.join(dir, input)), input, { ocr: "never" });
    } catch (e) {
      console.log(`${input}  FAILED ${e.message}`);
      n++;
      continue;
    }
    const r = score(gold, doc);
    sum += r.score;
    n++;
    const f = (x) => x.toFixed(3);
    console.log(`${input.padEnd(58)} score ${f(r.score)}  obj ${f(r.objectives.f1)} steps ${f(r.steps.f1)} kpis ${f(r.kpis.f1)} issues ${f(r.issues.f1)} fields ${f(r.fields.accuracy)}`);
    if (verbose) for (const m of r.misses) console.log("    " + m);
  }
  console.log(`overall ${n ? (sum / n).toFixed(3) : "-"} over ${n} file(s)`);
}
