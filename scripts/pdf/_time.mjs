import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
const base = "/work/main/node_modules/pdfjs-dist/";
const mode = process.argv[2];
let pages = 0; const t0 = performance.now();
for (const file of process.argv.slice(3)) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
    standardFontDataUrl: base + "standard_fonts/", cMapUrl: base + "cmaps/", wasmUrl: base + "wasm/", verbosity: 0 }).promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    if (mode.includes("t")) await page.getTextContent();
    if (mode.includes("o")) await page.getOperatorList({ intent: "display" });
    page.cleanup(); pages++;
  }
  await doc.destroy();
}
const dt = performance.now() - t0;
console.log(mode, pages, "pages", (pages / dt * 1000).toFixed(1), "pages/s");
