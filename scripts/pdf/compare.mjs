#!/usr/bin/env node
// Compares the table rows extracted from a fixture PDF with the seed's tab-separated rows.
//   node scripts/pdf/compare.mjs fixtures/pdf/000_*.grid.pdf [--verbose]
import { readFileSync } from "node:fs";
import path from "node:path";
import { seedTableRows } from "./seed-html.mjs";
const { extractPdf } = await import(new URL("../../dist/extract/pdf/index.js", import.meta.url).href);
const root = new URL("../../", import.meta.url).pathname;
const verbose = process.argv.includes("--verbose");
for (const file of process.argv.slice(2).filter((a) => !a.startsWith("--"))) {
  const stem = path.basename(file).split(".")[0];
  const seed = readFileSync(path.join(root, "fixtures/seeds", stem + ".txt"), "utf8");
  const want = seedTableRows(seed).map((r) => r.join(" ¦ "));
  const doc = await extractPdf(new Uint8Array(readFileSync(file)), path.basename(file), "-", {});
  const tableRows = doc.rows.filter((r) => r.kind === "table");
  const got = tableRows.map((r) => r.cells.map((c) => c.text).filter((t) => t).join(" ¦ "));
  const pool = new Map();
  for (const g of got) pool.set(g, (pool.get(g) ?? 0) + 1);
  let hit = 0;
  const missing = [];
  for (const w of want) {
    const n = pool.get(w) ?? 0;
    if (n > 0) { hit++; pool.set(w, n - 1); } else missing.push(w);
  }
  const steps = want.filter((w) => /^\d+\.\d+ ¦/.test(w));
  const stepHits = steps.filter((w) => got.includes(w)).length;
  console.log(`${path.basename(file)}: ${hit}/${want.length} seed table rows exact, ${got.length} pdf table rows, steps ${stepHits}/${steps.length}`);
  if (verbose) {
    for (const m of missing) console.log("  MISSING", m.slice(0, 230));
    for (const [g, n] of pool) if (n > 0) console.log("  EXTRA  ", tableRows.filter((_, i) => got[i] === g).map((r) => `${r.page}:${r.line}`).join(","), g.slice(0, 200));
  }
}
