#!/usr/bin/env node
// Debug helper: the blocks layoutPage finds on one page of a PDF (needs `npm run build`).
//   node scripts/rows/blocks.mjs file.pdf PAGE [--rules]
import { readFileSync } from "node:fs";
const dist = new URL("../../dist/", import.meta.url);
const { openPdf, pdfjs } = await import(new URL("extract/pdf/pdfjs.js", dist).href);
const { pageGeometry } = await import(new URL("extract/pdf/geometry.js", dist).href);
const { layoutPage, orientPage, LAYOUT_SETTINGS } = await import(new URL("layout/index.js", dist).href);
const { cleanRules } = await import(new URL("layout/rules.js", dist).href);
const [file, pageArg] = process.argv.slice(2);
const lib = await pdfjs();
const doc = await openPdf(new Uint8Array(readFileSync(file)), file);
const p = Number(pageArg ?? 1);
const page = await doc.getPage(p);
const vp = page.getViewport({ scale: 1 });
const ops = await page.getOperatorList();
const geom = pageGeometry(
  { page: p, viewport: { width: vp.width, height: vp.height, transform: vp.transform }, rotation: page.rotate, fnArray: ops.fnArray, argsArray: ops.argsArray, font: (id) => { try { return page.commonObjs.get(id); } catch { return null; } } },
  lib.OPS, { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 }, LAYOUT_SETTINGS,
);
const g = orientPage(geom).geom;
const r1 = (v) => Math.round(v * 10) / 10;
if (process.argv.includes("--rules")) {
  const cr = cleanRules(g.rules, g.fills, { x0: 0, y0: 0, x1: g.width, y1: g.height }, LAYOUT_SETTINGS);
  for (const h of cr.h) console.log(`H y=${r1(h.y)} x=${r1(h.x0)}..${r1(h.x1)} w=${h.w}`);
  for (const v of cr.v) console.log(`V x=${r1(v.x)} y=${r1(v.y0)}..${r1(v.y1)} w=${v.w}`);
  for (const f of g.fills) console.log(`F ${r1(f.x0)},${r1(f.y0)} ${r1(f.x1)},${r1(f.y1)}`);
}
if (process.argv.includes("--words")) for (const w of g.words) console.log(`W ${r1(w.x0)},${r1(w.y0)}-${r1(w.x1)},${r1(w.y1)} b=${r1(w.base)} s=${r1(w.size)}${w.bold ? " B" : ""} ${w.font ?? ""} ${JSON.stringify(w.text)}`);
const L = layoutPage(g, LAYOUT_SETTINGS);
console.log(`page ${p} ${r1(g.width)}x${r1(g.height)} body ${L.bodySize} leading ${r1(L.leading)}`);
for (const b of L.blocks) {
  const box = `[${r1(b.box.x0)},${r1(b.box.y0)} ${r1(b.box.x1)},${r1(b.box.y1)}]`;
  if (b.kind === "para") console.log(`para ${box} ${b.para.lines.map((l) => l.words.map((w) => w.text).join(" ")).join(" / ").slice(0, 120)}`);
  else {
    console.log(`table ${b.table.kind}${b.table.lone ? " lone" : ""} ${box} edges ${b.table.edges.map(r1).join(",")} rows ${b.table.rows.length}`);
    for (const r of b.table.rows) console.log(`   ${r.openTop ? "^" : " "}${r.openBottom ? "v" : " "}${r.lineBelow ? "_" : " "} ` + r.cells.map((c) => c.map((w) => w.text).join(" ").slice(0, 40)).join(" | "));
  }
}
await doc.destroy();
