/**
 * Cluster mode end to end on a real Redis (redis-server started here):
 * `queue add`, worker processes of the built CLI, `queue manifest`, against
 * the local `convert` of the same inputs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ManifestRecord } from "../src/run/record.js";
import { cli, counts, drained, MAIN, startWorker, until, useCluster } from "./support/queue.js";

const cluster = useCluster("queue");

const records = (file: string) =>
  readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as ManifestRecord);
/** The fields that carry time masked: the manifest's `ms` (documents carry none). */
const untimed = (r: ManifestRecord) => ({ ...r, ms: 0 });

/** 40 inputs: 22 text exports, 12 PDFs, 6 bad ones (empty, binary, truncated, damaged, a dangling link, a FIFO). */
async function makeInputs(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const unseen = readdirSync("fixtures/unseen").sort().slice(0, 17);
  for (const n of unseen) copyFileSync(path.join("fixtures/unseen", n), path.join(dir, n));
  for (const n of readdirSync("fixtures/seeds").filter((n) => n.endsWith(".txt"))) copyFileSync(path.join("fixtures/seeds", n), path.join(dir, n));
  const pdfs = readdirSync("fixtures/pdf").filter((n) => n.endsWith(".pdf"));
  for (const n of pdfs) copyFileSync(path.join("fixtures/pdf", n), path.join(dir, n));
  for (const n of ["encrypted.pdf", "javascript.pdf", "landscape.pdf", "rotate90.pdf"]) copyFileSync(path.join("fixtures/pdf/errors", n), path.join(dir, `err-${n}`));
  writeFileSync(path.join(dir, "bad-empty.txt"), "");
  writeFileSync(path.join(dir, "bad-binary.bin"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  const pdf = readFileSync(path.join("fixtures/pdf", pdfs[0]!));
  writeFileSync(path.join(dir, "bad-truncated.pdf"), pdf.subarray(0, Math.floor(pdf.length / 2)));
  writeFileSync(path.join(dir, "bad-damaged.pdf"), Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3000, 0x5a), Buffer.from("\n%%EOF\n")]));
  symlinkSync(path.join(dir, "missing.txt"), path.join(dir, "bad-dangling.txt"));
  execFileSync("mkfifo", [path.join(dir, "bad-pipe")]);
}

describe("queue: 2 workers, 40 inputs", () => {
  it("every input ends as one output or one failed record; outputs byte-identical to convert", async () => {
    const Q = "q40";
    const input = path.join(cluster.tmp, "in40");
    await makeInputs(input);
    const out = path.join(cluster.tmp, "out40");
    // Some inputs cannot even be queued (the link, the FIFO): exit 1, their records kept for the manifest.
    const add = await cli(["queue", "add", input, "--out", out, "--redis", cluster.redis.url, "--queue", "q40", "-q"]);
    expect(add.stdout).toMatch(/^queued 38 new, 0 already known, 2 recorded without a job \(2 failed/);
    expect(add.code).toBe(1);
    // The same folder again: nothing new.
    const again = await cli(["queue", "add", input, "--out", out, "--redis", cluster.redis.url, "--queue", "q40", "-q"]);
    expect(again.stdout).toMatch(/^queued 0 new, 38 already known/);

    const workers = [0, 1].map(() => startWorker(cluster.redis.url, ["--queue", "q40"]));
    const c = await until(() => counts(cluster.redis.url, Q).catch(() => null), (c) => c !== null && drained(c));
    workers.forEach((w) => w.proc.kill("SIGTERM"));
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([143, 143]);
    expect(c).toBeDefined();

    const man = await cli(["queue", "manifest", "--out", out, "--redis", cluster.redis.url, "--queue", "q40", "-q"]);
    expect(man.code).toBe(1); // some failed
    const queued = records(path.join(out, "manifest.jsonl"));

    const local = path.join(cluster.tmp, "local40");
    const conv = spawnSync(process.execPath, [MAIN, "convert", input, "--out", local, "--quiet"], { encoding: "utf8" });
    expect(conv.status).toBe(1);
    const expected = records(path.join(local, "manifest.jsonl"));

    // Every path once, in the same order, with the same record (time aside).
    expect(queued).toHaveLength(40);
    expect(queued.map(untimed)).toEqual(expected.map(untimed));
    const ok = queued.filter((r) => r.status === "ok");
    expect(ok.length).toBeGreaterThanOrEqual(30);
    expect(new Set(queued.filter((r) => r.status === "failed").map((r) => r.error!.code))).toEqual(new Set(["empty", "binary", "corrupt", "encrypted", "not-found", "unsupported"]));
    // Both workers took part.
    for (const w of workers) expect(w.logs().filter((l) => l.msg === "converted" || l.msg === "failed").length).toBeGreaterThan(0);

    // The same output files, byte for byte, and nothing else (no name~2, no temp).
    const names = (d: string) => readdirSync(d).filter((n) => n !== "manifest.jsonl").sort();
    expect(names(out)).toEqual(names(local));
    expect(names(out)).toEqual(ok.map((r) => r.output).sort());
    for (const n of names(out)) expect(readFileSync(path.join(out, n), "utf8"), n).toBe(readFileSync(path.join(local, n), "utf8"));
  }, 180_000);
});

describe("queue: a worker killed, a worker stopped", () => {
  it("kill -9 mid-job: another worker takes it up, every input once; SIGTERM finishes the job in hand and takes no other", async () => {
    const Q = "qkill";
    const input = path.join(cluster.tmp, "in-kill");
    await mkdir(input);
    const scan = "fixtures/scan/000_04c6871af44d1a56.200.pdf";
    const seed = readFileSync("fixtures/seeds/003_f590cc7faadec963.txt", "utf8");
    copyFileSync(scan, path.join(input, "a-scan.pdf"));
    for (let i = 0; i < 12; i++) writeFileSync(path.join(input, `t-${String(i).padStart(2, "0")}.txt`), `${seed}\nNota ${i}\n`);
    const out = path.join(cluster.tmp, "out-kill");
    const q = ["--redis", cluster.redis.url, "--queue", "qkill"];
    expect((await cli(["queue", "add", input, "--out", out, ...q, "-q"])).code).toBe(0);

    // A takes the scan (first in the queue) and dies in the middle of it.
    const a = startWorker(cluster.redis.url, ["--queue", "qkill", "--lock-timeout", "2"]);
    await until(() => a.logs(), (l) => l.some((x) => x.msg === "worker ready"));
    await until(() => counts(cluster.redis.url, Q).catch(() => null), (c) => c !== null && c.active >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    a.proc.kill("SIGKILL");
    expect(await a.exited).toBe("SIGKILL");
    expect(a.logs().filter((l) => l.msg === "converted").map((l) => l.file)).toEqual([]);

    const b = startWorker(cluster.redis.url, ["--queue", "qkill", "--lock-timeout", "2"]);
    await until(() => counts(cluster.redis.url, Q).catch(() => null), (c) => c !== null && drained(c));
    const convertedByB = b.logs().filter((l) => l.msg === "converted").map((l) => l.file);
    // Each input converted once, the killed one included.
    expect([...convertedByB].sort()).toEqual([path.join(input, "a-scan.pdf"), ...Array.from({ length: 12 }, (_, i) => path.join(input, `t-${String(i).padStart(2, "0")}.txt`))].sort());
    const man = await cli(["queue", "manifest", "--out", out, ...q, "-q"]);
    expect(man.code).toBe(0);
    const recs = records(path.join(out, "manifest.jsonl"));
    expect(recs).toHaveLength(13);
    expect(recs.every((r) => r.status === "ok")).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["a-scan.json", "manifest.jsonl", ...recs.slice(1).map((r) => r.output!)].sort());
    const doc = JSON.parse(readFileSync(path.join(out, "a-scan.json"), "utf8"));
    expect(doc.source).toMatchObject({ kind: "scan", pages: 2 });
    expect(doc.objectives.length).toBeGreaterThan(0);

    // SIGTERM with a scan in hand: it is finished and handed in; the texts behind it stay queued.
    const more = path.join(cluster.tmp, "in-term");
    await mkdir(more);
    copyFileSync("fixtures/scan/003_f590cc7faadec963.200.pdf", path.join(more, "a-scan2.pdf"));
    for (let i = 0; i < 3; i++) writeFileSync(path.join(more, `u-${i}.txt`), `${seed}\nAltra nota ${i}\n`);
    const out2 = path.join(cluster.tmp, "out-term");
    expect((await cli(["queue", "add", more, "--out", out2, ...q, "-q"])).code).toBe(0);
    await until(() => counts(cluster.redis.url, Q).catch(() => null), (c) => c !== null && c.active >= 1);
    b.proc.kill("SIGTERM");
    expect(await b.exited).toBe(143);
    const logs = b.logs();
    const stopAt = logs.findIndex((l) => l.msg.startsWith("stopping"));
    expect(stopAt).toBeGreaterThan(0);
    expect(logs.slice(stopAt).filter((l) => l.msg === "converted").map((l) => l.file)).toEqual([path.join(more, "a-scan2.pdf")]);
    const after = await counts(cluster.redis.url, Q);
    expect(after).toMatchObject({ documents: 17, done: 14, failed: 0, waiting: 3, active: 0 });
    expect(existsSync(path.join(out2, "a-scan2.json"))).toBe(true);
    const part = await cli(["queue", "manifest", "--out", out2, ...q, "-q"]);
    expect(part.code).toBe(1); // three still queued
    expect(records(path.join(out2, "manifest.jsonl")).map((r) => r.file)).toEqual([path.join(more, "a-scan2.pdf")]);
  }, 240_000);
});
