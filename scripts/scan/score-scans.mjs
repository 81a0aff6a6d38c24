#!/usr/bin/env node
/**
 * (Not named score.mjs: the vendored scorer runs its own CLI when argv[1] ends so.)
 * Scores the scanned fixtures (needs `npm run build`): each fixtures/scan/<stem>.<dpi>[.turned|.grey].pdf
 * converted with OCR, scored against its restricted gold with the project's
 * scorer, every miss listed (what test/scan.golden.test.ts asserts, with the
 * diagnosis the test does not print). The converted documents are written to
 * output/scan-pred/ for inspection.
 *
 *   node scripts/scan/score-scans.mjs [--quiet] [files…]      (npm run score:scan)
 *
 * Also printed, as a diagnosis only: the score with the prediction's
 * `ocr.low-confidence` issues left out. The seeds' gold comes from text
 * exports, so it can hold no OCR warning, and with no issue in a restricted
 * gold a single extra warning takes the issues F1 — a fifth of the score —
 * from 1 to 0.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { score } from "../../test/support/score.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCAN = path.join(ROOT, "fixtures/scan");
const OUT = path.join(ROOT, "output/scan-pred");
const args = process.argv.slice(2);
const quiet = args.includes("--quiet");
const given = args.filter((a) => !a.startsWith("--")).map((f) => path.resolve(f));

const { convert } = await import(path.join(ROOT, "dist/index.js"));
const { shutdownOcr } = await import(path.join(ROOT, "dist/extract/ocr/index.js"));

const files = given.length ? given : readdirSync(SCAN).filter((f) => /\.(300|200)(\.turned|\.grey)?\.pdf$/.test(f)).sort().map((f) => path.join(SCAN, f));
mkdirSync(OUT, { recursive: true });

const f1 = (x) => x.f1.toFixed(3);
try {
  // All at once: the pool is shared, so pages of different documents keep both workers busy.
  const t0 = performance.now();
  const docs = await Promise.all(files.map((f) => convert(f, { ocr: "auto" }).catch((e) => e)));
  const secs = (performance.now() - t0) / 1000;
  let pages = 0;
  for (const [i, file] of files.entries()) {
    const name = path.basename(file);
    const doc = docs[i];
    if (doc instanceof Error) {
      console.log(`${name}  FAILED: ${doc.message}`);
      continue;
    }
    pages += doc.source.pages ?? 0;
    writeFileSync(path.join(OUT, name.replace(/\.pdf$/, ".json")), JSON.stringify(doc, null, 2) + "\n");
    const stem = name.replace(/\.(300|200)(\.turned|\.grey)?\.pdf$/, "");
    const goldFile = readdirSync(path.dirname(file)).find((g) => g.startsWith(`${stem}.pages-`) && g.endsWith(".gold.json"));
    if (!goldFile) {
      console.log(`${name}  no restricted gold next to it`);
      continue;
    }
    const gold = JSON.parse(readFileSync(path.join(path.dirname(file), goldFile), "utf8"));
    const r = score(gold, doc);
    const noOcr = score(gold, { ...doc, issues: doc.issues.filter((x) => x.code !== "ocr.low-confidence") });
    console.log(
      `${name}  score ${r.score.toFixed(3)}  objectives F1 ${f1(r.objectives)} (${r.objectives.tp}/${r.objectives.tp + r.objectives.fn}, +${r.objectives.fp})` +
        `  steps F1 ${f1(r.steps)} (${r.steps.tp}/${r.steps.tp + r.steps.fn}, +${r.steps.fp})  kpis F1 ${f1(r.kpis)} (${r.kpis.tp}/${r.kpis.tp + r.kpis.fn}, +${r.kpis.fp})` +
        `  issues F1 ${f1(r.issues)}  fields ${r.fields.accuracy.toFixed(3)} (${r.fields.ok}/${r.fields.total})` +
        `  | without ocr.low-confidence ${noOcr.score.toFixed(3)}  | mean OCR confidence ${doc.source.ocr?.meanConfidence ?? "-"}`,
    );
    if (!quiet) for (const m of r.misses) console.log(`    ${m}`);
  }
  console.log(`${files.length} scans, ${pages} pages OCR'd in ${secs.toFixed(1)} s (${(secs / Math.max(1, pages)).toFixed(2)} s/page, documents concurrently)`);
} finally {
  await shutdownOcr();
}
