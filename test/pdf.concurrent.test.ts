/**
 * Documents drawn side by side in one process, with nothing else keeping
 * Node's event loop alive (as in a library caller's script): a CCITT scan and
 * a JPEG scan used to leave the CCITT one unsettled and the process exiting
 * with code 13 (a pending WebAssembly compilation of pdf.js's image decoders
 * holds no handle: nodejs/node#36616). Runs the built library (dist/) in a
 * child process, since the test runner's own handles would hide it.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const RASTER = path.resolve("dist/extract/raster.js");
const SCAN = path.resolve("fixtures/scan");

const script = `
import { readFileSync } from "node:fs";
const { rasterizePdf } = await import(${JSON.stringify(RASTER)});
const files = process.argv.slice(1);
const pages = await Promise.all(files.map(async (f) => {
  let n = 0;
  for await (const p of rasterizePdf(new Uint8Array(readFileSync(f)), { dpi: 150, file: f })) n += p.image.width > 0 ? 1 : 0;
  return n;
}));
console.log(JSON.stringify(pages));
`;

describe("documents drawn concurrently in one process", () => {
  it("a CCITT scan and a JPEG scan both finish, and the process exits 0", { timeout: 120_000 }, () => {
    const files = ["003_f590cc7faadec963.200.pdf", "000_04c6871af44d1a56.200.grey.pdf", "001_1e18ce1816fe9ae7.300.pdf", "001_1e18ce1816fe9ae7.200.grey.pdf"].map((f) =>
      path.join(SCAN, f),
    );
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, ...files], { encoding: "utf8", timeout: 100_000 });
    expect(JSON.parse(out)).toEqual([2, 2, 3, 3]);
  });
});
