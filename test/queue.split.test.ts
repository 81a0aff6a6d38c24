/**
 * A scan spread over page jobs: fixtures/queue/mixed-7p.pdf (six scanned
 * pages and one born-digital page, scripts/queue/make-split-fixture.mjs) is
 * split into three page jobs of two pages across two workers, and the job
 * assembling it gives the bytes the local path gives.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packOcrPage, unpackOcrPage } from "../src/extract/ocr/pack.js";
import type { OcrPage } from "../src/extract/ocr/page.js";
import { cli, counts, drained, MAIN, startWorker, until, useCluster } from "./support/queue.js";

const FILE = path.resolve("fixtures/queue/mixed-7p.pdf");
const cluster = useCluster("split");

describe("queue: a large scan split into page jobs", () => {
  it("6 scanned pages over 3 page jobs on 2 workers: the same document as convert", async () => {
    const out = path.join(cluster.tmp, "out");
    const q = ["--redis", cluster.redis.url, "--queue", "qsplit"];
    const workers = [0, 1].map(() => startWorker(cluster.redis.url, ["--queue", "qsplit"]));
    const add = await cli(["queue", "add", FILE, "--out", out, ...q, "--split-over", "4", "--pages-per-job", "2", "-q"]);
    expect(add.stdout).toMatch(/^queued 1 new/);
    await until(() => counts(cluster.redis.url, "qsplit").catch(() => null), (c) => c !== null && drained(c), 500);
    workers.forEach((w) => w.proc.kill("SIGTERM"));
    await Promise.all(workers.map((w) => w.exited));
    const local = path.join(cluster.tmp, "local");
    const conv = spawnSync(process.execPath, [MAIN, "convert", FILE, "--out", local, "--quiet"], { encoding: "utf8" });
    expect(conv.status).toBe(0);

    const logs = workers.flatMap((w) => w.logs());
    expect(logs.filter((l) => l.msg === "split into page jobs")).toHaveLength(1);
    // The six scanned pages, each read once, in three jobs; page 3 (text layer) read by the assembling job.
    const read = logs.filter((l) => l.msg === "pages read").map((l) => l.pages!);
    expect(read).toHaveLength(3);
    expect(read.flat().sort()).toEqual([1, 2, 4, 5, 6, 7]);
    expect(logs.filter((l) => l.msg === "converted").map((l) => l.file)).toEqual([FILE]);

    const queued = readFileSync(path.join(out, "mixed-7p.json"), "utf8");
    expect(queued).toBe(readFileSync(path.join(local, "mixed-7p.json"), "utf8"));
    const doc = JSON.parse(queued);
    expect(doc.source).toMatchObject({ kind: "scan", pages: 7 });
    expect(doc.objectives.length).toBeGreaterThan(5);

    expect((await cli(["queue", "manifest", "--out", out, ...q, "-q"])).code).toBe(0);
    const rec = JSON.parse(readFileSync(path.join(out, "manifest.jsonl"), "utf8"));
    const localRec = JSON.parse(readFileSync(path.join(local, "manifest.jsonl"), "utf8"));
    expect({ ...rec, ms: 0 }).toEqual({ ...localRec, ms: 0 });
  }, 240_000);

  it("an OCR'd page packs to compact JSON and back unchanged", () => {
    const page: OcrPage = {
      geom: {
        page: 3,
        width: 595.2756,
        height: 841.8898,
        rotation: 0,
        words: [
          { text: "Obiettivo", x0: 0.1 + 0.2, y0: 10 / 3, x1: 120.5, y1: 14.75, base: 14.1, size: 9.8, bold: false, conf: 91.25 },
          { text: "1.1", x0: 130, y0: 10, x1: 140, y1: 14, base: 14, size: 9.8, bold: true },
        ],
        rules: [{ x0: 1, y0: 2, x1: 300, y1: 2, w: 0.72 }],
        fills: [{ x0: 0, y0: 0, x1: 5, y1: 5 }],
      },
      words: {
        page: 3,
        width: 595.2756,
        height: 841.8898,
        words: [
          { text: "Obiettivo", bbox: [0.1 + 0.2, 10 / 3, 120.5, 14.75], conf: 91.25 },
          { text: "1.1", bbox: [130, 10, 140, 14], conf: undefined as unknown as number },
        ],
        skew: -0.35,
      },
      skew: -0.35,
      tooSmall: false,
    };
    const back = unpackOcrPage(JSON.parse(JSON.stringify(packOcrPage(page))));
    expect(back.geom).toEqual(page.geom);
    expect(back.skew).toBe(page.skew);
    expect(back.tooSmall).toBe(false);
    expect(back.words.words.map((w) => w.bbox)).toEqual(page.words.words.map((w) => w.bbox));
    expect(back.geom.words[0]!.x0).toBe(0.1 + 0.2);
    expect(unpackOcrPage(packOcrPage({ ...page, tooSmall: true })).tooSmall).toBe(true);
  });
});
