import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManifestRecord } from "../src/cli/batch.js";
import { captureIo, run } from "../src/cli/main.js";
import type { PiaoDocument } from "../src/model/schema.js";
import { parseWordsFile } from "../src/report/words.js";

const PDF = path.resolve("fixtures/pdf/003_f590cc7faadec963.rules.pdf");
const STEM = "003_f590cc7faadec963.rules";
const SEED = path.resolve("fixtures/seeds/003_f590cc7faadec963.txt");

async function cli(argv: string[], opts: { tty?: boolean; writeFile?: (file: string, data: string) => Promise<void> } = {}) {
  const io = captureIo(opts);
  if (opts.writeFile) io.writeFile = opts.writeFile;
  const code = await run(argv, io);
  return { code, out: io.stdout.text(), err: io.stderr.text() };
}

const logLines = (err: string) =>
  err
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string; error?: { code: string; message: string } });

async function manifest(dir: string): Promise<ManifestRecord[]> {
  return (await readFile(path.join(dir, "manifest.jsonl"), "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as ManifestRecord);
}

const images = (html: string) => (html.match(/<img alt="page \d+" src="data:image\/(?:jpeg|png);base64,/g) ?? []).length;

let tmp: string;
let converted: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-report-cli-"));
  converted = path.join(tmp, "converted");
  // One conversion shared by the tests below: a born-digital PDF with --report, on a "terminal".
  const r = await cli(["convert", PDF, "--out", converted, "--report"], { tty: true });
  expect(r.code).toBe(0);
  (globalThis as { convertErr?: string }).convertErr = r.err;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("convert --report", () => {
  it("writes <name>.report.html beside <name>.json, with every page as an image, and notes it in the manifest", async () => {
    const files = (await readdir(converted)).sort();
    expect(files).toEqual([`${STEM}.json`, `${STEM}.report.html`, "manifest.jsonl"]);
    const [rec] = await manifest(converted);
    expect(rec?.status).toBe("ok");
    expect(rec?.report).toEqual({ output: `${STEM}.report.html`, words: null, error: null });
    const doc = JSON.parse(await readFile(path.join(converted, `${STEM}.json`), "utf8")) as PiaoDocument;
    const html = await readFile(path.join(converted, `${STEM}.report.html`), "utf8");
    expect(images(html)).toBe(doc.source.pages);
    expect(html).toContain(doc.source.sha256);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("shows the current file's pages on the progress bar", () => {
    expect((globalThis as { convertErr?: string }).convertErr).toMatch(/\] 0\/1 files · page \d+\/11 · /);
  });

  it("a report that cannot be written never fails the conversion: logged and recorded", async () => {
    const out = path.join(tmp, "failing");
    const { writeFileAtomic } = await import("../src/util/atomic.js");
    const r = await cli(["convert", SEED, "--out", out, "--report"], {
      writeFile: async (file, data) => {
        if (file.endsWith(".report.html")) throw Object.assign(new Error("disk full"), { code: "ENOSPC" });
        await writeFileAtomic(file, data);
      },
    });
    expect(r.code).toBe(0);
    const [rec] = await manifest(out);
    expect(rec?.status).toBe("ok");
    expect(rec?.output).toBe("003_f590cc7faadec963.json");
    expect(rec?.report?.output).toBeNull();
    expect(rec?.report?.error).toMatch(/no space left on device \(ENOSPC\)/);
    expect(logLines(r.err).some((l) => l.msg === "report failed (the conversion stands)")).toBe(true);
  });

  it("is a usage error with --stdout; --max-pages takes a positive whole number and refuses longer PDFs", async () => {
    expect((await cli(["convert", SEED, "--stdout", "--report"])).code).toBe(2);
    expect((await cli(["convert", SEED, "--stdout", "--max-pages", "0"])).code).toBe(2);
    expect((await cli(["convert", SEED, "--stdout", "--max-pages", "2.5"])).code).toBe(2);
    const out = path.join(tmp, "maxpages");
    const r = await cli(["convert", PDF, "--out", out, "--max-pages", "5"]);
    expect(r.code).toBe(1);
    const [rec] = await manifest(out);
    expect(rec?.error?.code).toBe("too-large");
  });
});

describe("report", () => {
  it("finds the source through --source (a folder), verifies it and redraws the pages", async () => {
    const out = path.join(tmp, "r1");
    const r = await cli(["report", path.join(converted, `${STEM}.json`), "--out", out, "--source", path.dirname(PDF)]);
    expect(r.code).toBe(0);
    expect(await readdir(out)).toEqual([`${STEM}.report.html`]);
    const html = await readFile(path.join(out, `${STEM}.report.html`), "utf8");
    expect(images(html)).toBe(11);
    const done = logLines(r.err).find((l) => l.msg === "report written");
    expect(done).toMatchObject({ file: path.join(converted, `${STEM}.json`), output: `${STEM}.report.html`, source: PDF, status: "ok" });
  });

  it("finds the source through the manifest.jsonl beside the JSON, and takes a folder of JSON files", async () => {
    const out = path.join(tmp, "r2");
    const r = await cli(["report", converted, "--out", out]);
    expect(r.code).toBe(0);
    expect(await readdir(out)).toEqual([`${STEM}.report.html`]);
  });

  it("finds the source beside the JSON", async () => {
    const dir = path.join(tmp, "beside");
    await mkdir(dir);
    await copyFile(path.join(converted, `${STEM}.json`), path.join(dir, `${STEM}.json`));
    await copyFile(PDF, path.join(dir, path.basename(PDF)));
    const r = await cli(["report", path.join(dir, `${STEM}.json`), "--out", path.join(tmp, "r3")]);
    expect(r.code).toBe(0);
  });

  it("refuses a source whose sha256 is not the converted one, naming both", async () => {
    const dir = path.join(tmp, "mismatch");
    await mkdir(path.join(dir, "src"), { recursive: true });
    await copyFile(path.join(converted, `${STEM}.json`), path.join(dir, `${STEM}.json`));
    const bytes = await readFile(PDF);
    await writeFile(path.join(dir, "src", path.basename(PDF)), Buffer.concat([bytes, Buffer.from("\n% edited\n")]));
    const r = await cli(["report", path.join(dir, `${STEM}.json`), "--out", path.join(tmp, "r4"), "--source", path.join(dir, "src")]);
    expect(r.code).toBe(1);
    const failed = logLines(r.err).find((l) => l.msg === "report failed");
    expect(failed?.error?.code).toBe("sha-mismatch");
    expect(failed?.error?.message).toContain(path.join(dir, "src", path.basename(PDF)));
    expect(failed?.error?.message).toMatch(/not|no copy/);
    expect(await readdir(path.join(tmp, "r4"))).toEqual([]);
  });

  it("says where it looked when the source is missing, and goes on with the other inputs", async () => {
    const dir = path.join(tmp, "orphan");
    await mkdir(dir);
    await copyFile(path.join(converted, `${STEM}.json`), path.join(dir, `${STEM}.json`));
    await writeFile(path.join(dir, "not-a-doc.json"), '{"hello": 1}');
    const r = await cli(["report", dir, path.join(converted, `${STEM}.json`), "--out", path.join(tmp, "r5")]);
    expect(r.code).toBe(1);
    const failed = logLines(r.err).filter((l) => l.msg === "report failed");
    expect(failed.map((l) => l.error?.code).sort()).toEqual(["not-a-document", "source-not-found"]);
    expect(failed.find((l) => l.error?.code === "source-not-found")?.error?.message).toMatch(/--source/);
    // The third input still got its report (a second report of the same name becomes ~2).
    expect(await readdir(path.join(tmp, "r5"))).toEqual([`${STEM}~2.report.html`]);
  });

  it("reports a text export without page images and without needing its source", async () => {
    const out = path.join(tmp, "text");
    expect((await cli(["convert", SEED, "--out", out, "--quiet"])).code).toBe(0);
    const alone = path.join(tmp, "text-alone");
    await mkdir(alone);
    await copyFile(path.join(out, "003_f590cc7faadec963.json"), path.join(alone, "003_f590cc7faadec963.json"));
    const r = await cli(["report", alone, "--out", path.join(tmp, "r6")]);
    expect(r.code).toBe(0);
    const html = await readFile(path.join(tmp, "r6", "003_f590cc7faadec963.report.html"), "utf8");
    expect(html).not.toContain("<img");
    expect(html).toContain('<main class="textonly">');
    expect(html).toContain("Objectives (");
  });

  it("takes the word boxes and confidences from a <name>.words.json sidecar of the same source", async () => {
    const dir = path.join(tmp, "sidecar");
    await mkdir(dir);
    const doc = JSON.parse(await readFile(path.join(converted, `${STEM}.json`), "utf8")) as PiaoDocument;
    // Pretend it was OCR'd: the sidecar's boxes and confidences must reach the page.
    doc.source.kind = "scan";
    doc.source.ocr = { engine: "tesseract.js", lang: "ita", meanConfidence: 50 };
    await writeFile(path.join(dir, `${STEM}.json`), JSON.stringify(doc));
    const sidecar = {
      schema: "piao-words/1",
      file: doc.source.file,
      sha256: doc.source.sha256,
      pages: [{ page: 1, width: 841.92, height: 595.32, words: [{ text: "RELAZIONE", bbox: [40, 57, 120, 65], conf: 31.5 }, { text: "ANNO", bbox: [40, 68, 60, 76], conf: 95 }] }],
    };
    await writeFile(path.join(dir, `${STEM}.words.json`), JSON.stringify(sidecar));
    expect(parseWordsFile(JSON.stringify(sidecar), "x").pages).toHaveLength(1);
    const r = await cli(["report", dir, "--out", path.join(tmp, "r7"), "--source", PDF, "--ocr-threshold", "40"]);
    expect(r.code).toBe(0);
    // The sidecar itself is recognised and skipped, not reported as a bad document.
    expect(await readdir(path.join(tmp, "r7"))).toEqual([`${STEM}.report.html`]);
    const html = await readFile(path.join(tmp, "r7", `${STEM}.report.html`), "utf8");
    expect(html).toContain('<rect class="w lo" x="40" y="57" width="80" height="8"><title>RELAZIONE · 32%</title></rect>');
    expect(html).toContain('<rect class="w hi" x="40" y="68"');
    expect(html).toContain("word under 40%");
  });

  it("usage errors exit 2 and name the command's problem", async () => {
    const noOut = await cli(["report", "x.json"]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain("--out <dir> is required");
    expect((await cli(["report", "--out", tmp])).code).toBe(2);
    expect((await cli(["report", "x.json", "--out", tmp, "--ocr-threshold", "101"])).code).toBe(2);
    expect((await cli(["report", "x.json", "--out", tmp, "--bogus"])).code).toBe(2);
    const help = await cli(["report", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("piao-extract report <converted JSON files or folders…> --out <dir>");
  });

  it("a missing JSON is a failed input (exit 1), not a crash", async () => {
    const r = await cli(["report", path.join(tmp, "nope.json"), "--out", path.join(tmp, "r8")]);
    expect(r.code).toBe(1);
    expect(logLines(r.err).find((l) => l.msg === "report failed")?.error?.code).toBe("not-found");
  });
});
