import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { readFileSync } from "node:fs";
const file = process.argv[2], pno = +process.argv[3] || 1;
const base = new URL("../node_modules/pdfjs-dist/", "file:///work/main/x/").pathname;
const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
  standardFontDataUrl: base + "standard_fonts/", cMapUrl: base + "cmaps/", wasmUrl: base + "wasm/", verbosity: 0 }).promise;
const page = await doc.getPage(pno);
const vp = page.getViewport({ scale: 1 });
console.log("view", page.view, "rotate", page.rotate, vp.transform);
const ops = await page.getOperatorList();
const names = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k]));
const counts = {};
ops.fnArray.forEach((f, i) => { counts[names[f]] = (counts[names[f]] || 0) + 1; });
console.log(counts);
let shown = 0;
ops.fnArray.forEach((f, i) => { if (shown < 30 && (names[f] === "constructPath" || names[f]==='transform' || names[f]==='save'||names[f]==='restore' || names[f].startsWith('setFill'))) { shown++; const a = ops.argsArray[i]; console.log(names[f], names[f]==='constructPath' ? [names[a[0]], Array.from(a[1][0]??[]).slice(0,20), a[2] && Array.from(a[2])] : JSON.stringify(a)); } });
const tc = await page.getTextContent();
for (const it of tc.items.slice(0, 40)) console.log(JSON.stringify({ s: it.str, t: it.transform?.map(v=>+v.toFixed(2)), w: it.width?.toFixed(2), h: it.height, f: it.fontName, eol: it.hasEOL }));
console.log(tc.styles);
for (const k of Object.keys(tc.styles)) { try { const f = page.commonObjs.get(k); console.log(k, f.name, f.bold, f.italic, f.black); } catch (e) { console.log(k, e.message); } }
await doc.destroy();
