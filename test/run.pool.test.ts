/**
 * The converter pool (src/run/pool.ts): a child that crashes, hangs, grows
 * past its memory or heap limit fails its one file with the matching record,
 * and the pool goes on with the next files; page counts extend the time
 * limit; a child left large after a file is replaced. The misbehaving child
 * is test/support/fake-child.mjs; the last test runs the real converter.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConvertJob } from "../src/run/job.js";
import { ConversionPool } from "../src/run/pool.js";

const FAKE = path.resolve("test/support/fake-child.mjs");
const job = (file: string): ConvertJob => ({ file, source: file, output: null, outDir: null, options: {} });

describe("ConversionPool with a misbehaving child", () => {
  it("turns a crash, a timeout, an RSS overrun and a heap overflow into records, and converts the files after each", async () => {
    const pool = new ConversionPool({ size: 2, childScript: FAKE, timeoutMs: 8000, timeoutPerPageMs: 0, maxRssBytes: 200 * 2 ** 20, maxHeapMb: 64 });
    const files = ["a-crash", "b-ok", "c-hang", "d-ok", "e-hog", "f-ok", "g-heap", "h-ok"];
    const results = await Promise.all(files.map((f) => pool.run(job(f))));
    await pool.close();
    const got = Object.fromEntries(results.map((r) => [r.record.file, [r.record.status, r.record.error?.code ?? null]]));
    expect(got).toEqual({
      "a-crash": ["failed", "crashed"],
      "b-ok": ["ok", null],
      "c-hang": ["failed", "timeout"],
      "d-ok": ["ok", null],
      "e-hog": ["failed", "resource-limit"],
      "f-ok": ["ok", null],
      "g-heap": ["failed", "resource-limit"],
      "h-ok": ["ok", null],
    });
    const by = (f: string) => results.find((r) => r.record.file === f)!.record.error!.message;
    expect(by("a-crash")).toMatch(/^a-crash: the converter process crashed \(killed by SIGSEGV\)/);
    expect(by("c-hang")).toMatch(/^c-hang: not converted within 8 s \(--timeout/);
    expect(by("e-hog")).toMatch(/^e-hog: the conversion grew past the 200 MiB memory limit \(--max-memory\)/);
    expect(by("g-heap")).toMatch(/^g-heap: the conversion ran out of its 64 MiB JavaScript heap/);
    expect(pool.stats).toMatchObject({ crashed: 1, timeouts: 1, resourceLimits: 2 });
    expect(pool.stats.peakChildRss).toBeGreaterThan(0);
  });

  it("gives a file more time once its child reports how many pages it has", async () => {
    const pool = new ConversionPool({ size: 1, childScript: FAKE, timeoutMs: 1000, timeoutPerPageMs: 1000 });
    // 1.5 s of work: over the base second, within 1 s + 3 × 1 s.
    const r = await pool.run(job("x-pages"));
    await pool.close();
    expect(r.record.status).toBe("ok");
  });

  it("replaces a child that a file left larger than the recycling threshold", async () => {
    const pool = new ConversionPool({ size: 1, childScript: FAKE, maxRssBytes: 1024 * 2 ** 20, recycleRssBytes: 100 * 2 ** 20 });
    const a = await pool.run(job("a-small"));
    const b = await pool.run(job("b-fat"));
    const c = await pool.run(job("c-small"));
    await pool.close();
    expect(a.line).toBe(b.line);
    expect(c.line).not.toBe(b.line);
    expect(pool.stats.recycled).toBe(1);
  });
});

describe("ConversionPool with the real converter (dist/run/child.js)", () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "piao-pool-"));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("writes a seed's JSON, returns the document when asked, and fails a missing file as not-found", async () => {
    const pool = new ConversionPool({ size: 2 });
    const seed = path.resolve("fixtures/seeds/004_131eba05ebaf386c.txt");
    const [ok, missing] = await Promise.all([
      pool.run({ file: seed, source: seed, output: "s.json", outDir: tmp, wantDoc: true, options: {} }),
      pool.run({ file: "nope.txt", source: path.join(tmp, "nope.txt"), output: "n.json", outDir: tmp, options: {} }),
    ]);
    await pool.close();
    expect(ok.record).toMatchObject({ status: "ok", output: "s.json", kind: "text", objectives: 28 });
    const written = JSON.parse(await readFile(path.join(tmp, "s.json"), "utf8")) as { objectives: unknown[] };
    expect(written).toEqual(JSON.parse(JSON.stringify(ok.doc)));
    expect(missing.record).toMatchObject({ status: "failed", error: { code: "not-found" } });
  });
});
