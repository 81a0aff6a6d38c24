import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
const base = "/work/main/node_modules/pdfjs-dist/";
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
    standardFontDataUrl: base + "standard_fonts/", cMapUrl: base + "cmaps/", wasmUrl: base + "wasm/", verbosity: 0 }).promise;
const page = await doc.getPage(+process.argv[3] || 1);
const ops = await page.getOperatorList();
const names = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k]));
let n = 0;
for (let i = 0; i < ops.fnArray.length && n < 12; i++) {
  const nm = names[ops.fnArray[i]];
  if (["beginText","setFont","setTextMatrix","moveText","showText","endText","setCharSpacing","setWordSpacing","setHScale","setLeading","nextLine","setTextRise","transform","paintFormXObjectBegin","setFillRGBColor","setFillGray"].includes(nm)) {
    const a = ops.argsArray[i];
    if (nm === "showText") { n++; console.log(nm, a[0].slice(0, 3).map(g => typeof g === 'number' ? g : JSON.stringify({...g, fontChar: undefined})), a[0].length); }
    else console.log(nm, JSON.stringify(a));
  }
}
const f = page.commonObjs.get(ops.argsArray[ops.fnArray.indexOf(OPS.setFont)][0]);
console.log(Object.keys(f), f.fontMatrix, f.ascent, f.descent, f.name, f.bold, f.loadedName, f.fallbackName, f.isType3Font, f.vertical);
await doc.destroy();
