/**
 * Hostile and broken inputs, all in one batch with a good file: each gets its
 * documented result and the rest of the batch is unharmed.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo, run } from "../src/cli/main.js";
import type { ManifestRecord } from "../src/cli/batch.js";
import { PiaoDocument } from "../src/model/schema.js";

const SEEDS = path.resolve("fixtures/seeds");

/** A minimal well-formed one-page PDF with a text layer. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

let tmp: string;
let inDir: string;
let goodSeed: string;
let bigSize: number;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-bad-"));
  inDir = path.join(tmp, "in");
  await mkdir(inDir);
  const seeds = (await readdir(SEEDS)).sort();
  // The smallest seed keeps the batch quick.
  const sizes = await Promise.all(seeds.map(async (s) => [s, (await readFile(path.join(SEEDS, s))).length] as const));
  goodSeed = sizes.sort((a, b) => a[1] - b[1])[0]![0];
  await copyFile(path.join(SEEDS, goodSeed), path.join(inDir, "good.txt"));
  await writeFile(path.join(inDir, "empty.txt"), "");
  await writeFile(path.join(inDir, "binary.txt"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfe]));
  await writeFile(path.join(inDir, "renamed-pdf.txt"), tinyPdf("Nessun obiettivo"));
  await writeFile(path.join(inDir, "no-objectives.txt"), "Relazione annuale\n\nIl documento descrive le attività svolte senza alcuna tabella.\n");
  // "big" is big relative to the --max-bytes used below; the real 50 MB run lives in the bench.
  const seedBytes = await readFile(path.join(SEEDS, goodSeed));
  const big = Buffer.concat(Array.from({ length: Math.ceil(600_000 / seedBytes.length) }, () => seedBytes));
  bigSize = big.length;
  await writeFile(path.join(inDir, "big.txt"), big);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function batch(out: string, ...extra: string[]) {
  const io = captureIo();
  const missing = path.join(tmp, "does-not-exist.txt");
  const code = await run(["convert", inDir, missing, "--out", out, ...extra], io);
  const records = (await readFile(path.join(out, "manifest.jsonl"), "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as ManifestRecord);
  const by = (name: string) => records.find((r) => path.basename(r.file) === name)!;
  return { code, records, by, err: io.stderr.text(), missing };
}

describe("bad inputs in one batch", () => {
  it("each gets its documented result, the good file converts, exit 1", async () => {
    const out = path.join(tmp, "out-limited");
    const r = await batch(out, "--max-bytes", "300k");
    expect(r.code).toBe(1);
    expect(r.records).toHaveLength(7);

    expect(r.by("good.txt")).toMatchObject({ status: "ok", output: "good.json", kind: "text", error: null });
    expect(r.by("good.txt").objectives).toBeGreaterThan(0);

    expect(r.by("empty.txt")).toMatchObject({ status: "failed", output: null, error: { code: "empty" } });
    expect(r.by("binary.txt")).toMatchObject({ status: "failed", output: null, error: { code: "binary" } });
    expect(r.by("binary.txt").sha256).toMatch(/^[0-9a-f]{64}$/);

    // Routed by its bytes to the PDF extractor: either read as a PDF, or failed saying so.
    const pdf = r.by("renamed-pdf.txt");
    expect(pdf.kind).toBe("pdf");
    if (pdf.status === "failed") expect(pdf.error!.message).toMatch(/PDF/);

    const none = r.by("no-objectives.txt");
    expect(none).toMatchObject({ status: "ok", objectives: 0, steps: 0, kpis: 0 });
    const noneDoc = PiaoDocument.parse(JSON.parse(await readFile(path.join(out, none.output!), "utf8")));
    expect(noneDoc.objectives).toEqual([]);
    expect(noneDoc.issues).toContainEqual(expect.objectContaining({ code: "structure.empty", severity: "warning", path: "" }));

    expect(r.by("big.txt")).toMatchObject({
      status: "failed",
      output: null,
      sha256: null,
      error: { code: "too-large", message: expect.stringContaining(String(bigSize)) },
    });

    const missing = r.by("does-not-exist.txt");
    expect(missing).toMatchObject({ status: "failed", output: null, file: r.missing, error: { code: "not-found" } });
    expect(missing.error!.message).toContain(r.missing);

    // Only the converted inputs have files; no temp, no partial output.
    const okOutputs = r.records.filter((x) => x.status === "ok").map((x) => x.output!);
    expect((await readdir(out)).sort()).toEqual([...okOutputs, "manifest.jsonl"].sort());
    // Failures are logged at error level, naming the file.
    expect(r.err).toMatch(/"level":50.*empty\.txt/);
  });

  it("without the size limit the big text converts", async () => {
    const out = path.join(tmp, "out-unlimited");
    const r = await batch(out);
    expect(r.code).toBe(1); // the other bad inputs still fail
    const big = r.by("big.txt");
    expect(big).toMatchObject({ status: "ok", output: "big.json", kind: "text" });
    expect(big.objectives).toBeGreaterThanOrEqual(r.by("good.txt").objectives!);
  });
});

describe("a real 50 MB text", () => {
  // Converting it takes too long for a unit test; the bench times it (npm run bench -- --only big).
  it("is refused by --max-bytes 50M before being read", async () => {
    const seeds = (await readdir(SEEDS)).sort();
    const parts: Buffer[] = [];
    let size = 0;
    for (let i = 0; size <= 50 * 1024 * 1024; i++) {
      const b = await readFile(path.join(SEEDS, seeds[i % seeds.length]!));
      parts.push(b, Buffer.from("\n\n"));
      size += b.length + 2;
    }
    const dir = path.join(tmp, "huge");
    await mkdir(dir);
    const file = path.join(dir, "huge.txt");
    await writeFile(file, Buffer.concat(parts));
    parts.length = 0;

    const refusedOut = path.join(tmp, "huge-refused");
    expect(await run(["convert", file, "--out", refusedOut, "--max-bytes", "50M"], captureIo())).toBe(1);
    const refused = JSON.parse(await readFile(path.join(refusedOut, "manifest.jsonl"), "utf8")) as ManifestRecord;
    expect(refused).toMatchObject({ status: "failed", sha256: null, error: { code: "too-large" } });
    expect(refused.error!.message).toContain(`exceeds the ${50 * 1024 * 1024}-byte limit`);
    await rm(dir, { recursive: true, force: true });
  });
});
