import { readFileSync } from "node:fs";
const { extractPdf } = await import("../../dist/extract/pdf/index.js");
const lay = await import("../../dist/layout/index.js");
const { layoutPage } = await import("../../dist/layout/page.js");
// monkey: re-run geometry capture by calling internal API
const geomMod = await import("../../dist/extract/pdf/geometry.js");
const orig = geomMod.pageGeometry;
