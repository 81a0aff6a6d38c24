/**
 * The report of an OCR'd input, end to end: `convert --report` on a scanned
 * page writes the words sidecar and a report whose word boxes and fields carry
 * OCR confidences; `report` run later takes the boxes from the sidecar
 * instead of OCR'ing again.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManifestRecord } from "../src/cli/batch.js";
import { captureIo, run } from "../src/cli/main.js";
import type { PiaoDocument } from "../src/model/schema.js";
import { rasterizePdf } from "../src/extract/raster.js";
import { encodeGreyPng } from "../src/report/image.js";
import { parseWordsFile } from "../src/report/words.js";

const SCAN = path.resolve("fixtures/scan/003_f590cc7faadec963.200.pdf");

let tmp: string;
let png: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-report-ocr-"));
  // One scanned page as an image file: the OCR path at the cost of a single page.
  png = path.join(tmp, "scan-page.png");
  for await (const p of rasterizePdf(await readFile(SCAN), { dpi: 200, pages: [1] })) await writeFile(png, encodeGreyPng(p.image, 8));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, err: io.stderr.text() };
}

describe("report of an OCR'd page", () => {
  it("convert --report writes the words sidecar; report reuses it without OCR", async () => {
    const out = path.join(tmp, "out");
    const r = await cli(["convert", png, "--out", out, "--report"]);
    expect(r.code).toBe(0);
    const [rec] = (await readFile(path.join(out, "manifest.jsonl"), "utf8")).trimEnd().split("\n").map((l) => JSON.parse(l) as ManifestRecord);
    expect(rec?.kind).toBe("scan");
    expect(rec?.report).toEqual({ output: "scan-page.report.html", words: "scan-page.words.json", error: null });

    const doc = JSON.parse(await readFile(path.join(out, "scan-page.json"), "utf8")) as PiaoDocument;
    const words = parseWordsFile(await readFile(path.join(out, "scan-page.words.json"), "utf8"), "sidecar");
    expect(words.sha256).toBe(doc.source.sha256);
    const all = words.pages.flatMap((p) => p.words);
    expect(all.length).toBeGreaterThan(100);
    expect(all.every((w) => w.conf !== undefined)).toBe(true);
    // The page's deskew travels with its boxes (the image is turned by it in the report).
    const skew = words.pages[0]?.skew;
    if (skew !== undefined) expect(Math.abs(skew)).toBeLessThanOrEqual(3);

    const html = await readFile(path.join(out, "scan-page.report.html"), "utf8");
    expect(html).toContain("tesseract");
    // Every OCR word is drawn, shaded by its confidence class.
    expect(html.match(/<rect class="w (?:lo|mid|hi)"/g)).toHaveLength(all.length);
    expect(html).toMatch(/<span class="conf">\d+%<\/span>/);

    const again = await cli(["report", path.join(out, "scan-page.json"), "--out", path.join(tmp, "again"), "--log-level", "debug"]);
    expect(again.code).toBe(0);
    expect(again.err).toContain('"msg":"word boxes from the sidecar"');
    expect(again.err).not.toContain('"msg":"ocr page"');
    const html2 = await readFile(path.join(tmp, "again", "scan-page.report.html"), "utf8");
    expect(html2.match(/<rect class="w (?:lo|mid|hi)"/g)).toHaveLength(all.length);
    expect(html2.includes("transform:rotate")).toBe(skew !== undefined);
  });
});
