/**
 * CI's share of `npm run hostile`: the fast subset of the hostile corpus
 * (scripts/hostile/corpus.mjs, made here, nothing committed) through the
 * built CLI with tight per-file limits. The batch finishes by itself, every
 * path has a record, nothing partial is left, exit 1, and the inputs that
 * used to crash, hang or blow up the batch get their named records.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManifestRecord } from "../src/run/record.js";
import { makeCorpus } from "../scripts/hostile/corpus.mjs";

const MAIN = path.resolve("dist/cli/main.js");

let dir: string;
let paths: string[];
let root: string;
let records: ManifestRecord[];
let status: number | null;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "piao-hostile-"));
  const corpus = await makeCorpus(dir, { fast: true });
  ({ paths, root } = corpus);
  try {
    const r = spawnSync(process.execPath, [MAIN, "convert", root, "--out", path.join(dir, "out"), "--csv", "--timeout", "3", "--timeout-per-page", "1", "--quiet"], {
      encoding: "utf8",
      timeout: 150_000,
    });
    status = r.status;
  } finally {
    corpus.close();
  }
  records = (await readFile(path.join(dir, "out", "manifest.jsonl"), "utf8"))
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as ManifestRecord);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rec = (rel: string) => records.find((r) => r.file === path.join(root, rel));

describe("hostile corpus, fast subset", () => {
  it("finishes by itself with exit 1, a record for every path and no partial file", async () => {
    expect(status).toBe(1);
    expect(records.map((r) => r.file).sort()).toEqual([...paths].sort());
    const all = await readdir(path.join(dir, "out"), { recursive: true });
    expect(all.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    for (const f of ["objectives.csv", "steps.csv", "kpis.csv", "issues.csv"]) expect(all).toContain(f);
  });

  it("names what each dangerous input is", () => {
    const code = (rel: string) => [rec(rel)?.status, rec(rel)?.error?.code ?? null];
    expect(code("img/ihdr-crc.png")).toEqual(["failed", "corrupt"]);
    expect(code("img/bomb-header.png")).toEqual(["failed", "too-large"]);
    expect(code("img/bomb-header-narrow.png")).toEqual(["failed", "too-large"]);
    expect(code("pdf/flate-bomb.pdf")).toEqual(["failed", "too-large"]);
    expect(code("pdf/count-negative.pdf")).toEqual(["failed", "corrupt"]);
    expect(code("pdf/encrypted.pdf")).toEqual(["failed", "encrypted"]);
    expect(code("pdf/base.pdf")).toEqual(["ok", null]);
    expect(code("text/aligned-3000x300.txt")).toEqual(["ok", null]);
    expect(code("text/utf16le-nobom.txt")).toEqual(["ok", null]);
    // paths/alias-inside.txt links to text/tags.txt and comes first: converted there, a duplicate here.
    expect(code("paths/alias-inside.txt")).toEqual(["ok", null]);
    expect(code("text/tags.txt")).toEqual(["skipped", "duplicate"]);
    expect(code("paths/fifo")).toEqual(["failed", "unsupported"]);
    expect(code("paths/zero.txt")).toEqual(["skipped", "outside"]);
    expect(code("paths/loop-a")).toEqual(["failed", "loop"]);
    expect(code("paths/caffè.txt")).toEqual(["ok", null]);
    // Nested q operators: pdf.js's operator list is quadratic in their depth; stopped at 3 s + 1 s × 1 page.
    expect(code("pdf/nested-q.pdf")).toEqual(["failed", "timeout"]);
    expect(rec("pdf/nested-q.pdf")!.error!.message).toMatch(/not converted within 4 s \(--timeout: 3 s \+ 1 s × 1 pages\); stopped$/);
    // No input takes the batch down with an unexplained failure.
    expect(records.filter((r) => r.error?.code === "internal")).toEqual([]);
  });
});
