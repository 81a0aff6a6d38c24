/**
 * The cluster commands' grammar, help, exit codes, $PIAO_REDIS_URL, and an
 * unreachable Redis: a clear error naming the URL (exit 1), never a hang.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import { Redis } from "ioredis";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "../src/cli/args.js";
// @ts-expect-error plain ESM module without types
import { freePort } from "../scripts/queue/redis.mjs";
import { cli, MAIN, useCluster } from "./support/queue.js";

const cluster = useCluster("qcli");

describe("queue commands: grammar", () => {
  it("--redis falls back to PIAO_REDIS_URL; neither is a usage error", () => {
    expect(parseCommand(["queue", "status"], { PIAO_REDIS_URL: "redis://h:7000/2" })).toMatchObject({ name: "queue-status", args: { redis: "redis://h:7000/2", queue: "piao-extract" } });
    expect(parseCommand(["worker", "--redis", "redis://a:1"], { PIAO_REDIS_URL: "redis://b:2" })).toMatchObject({ name: "worker", args: { redis: "redis://a:1", lockTimeout: 30 } });
    expect(() => parseCommand(["worker"], {})).toThrow(/no Redis given: --redis .*PIAO_REDIS_URL/);
    expect(() => parseCommand(["queue", "status", "--redis", "http://h"], {})).toThrow(UsageError);
    expect(() => parseCommand(["queue", "status", "--redis", "redis://h/x"], {})).toThrow(/database by its number/);
    expect(() => parseCommand(["queue", "add", "a.txt", "--redis", "redis://h"], {})).toThrow(/--out <dir> is required/);
    expect(() => parseCommand(["queue", "add", "a.txt", "--out", "o", "--redis", "redis://h", "--queue", "a:b"], {})).toThrow(/--queue must be/);
    expect(() => parseCommand(["queue", "frobnicate", "--redis", "redis://h"], {})).toThrow(/unknown queue command 'frobnicate'/);
    expect(() => parseCommand(["worker", "--redis", "redis://h", "--concurrency", "0"], {})).toThrow(/--concurrency must be a whole number from 1/);
    expect(parseCommand(["queue", "add", "d", "--out", "o", "--redis", "redis://h", "--no-split"], {})).toMatchObject({ args: { splitOver: null, pagesPerJob: 2 } });
    expect(parseCommand(["queue", "add", "d", "--out", "o", "--redis", "redis://h"], {})).toMatchObject({ args: { splitOver: 8 } });
  });

  it("help queue, worker --help and the main help describe cluster mode", async () => {
    for (const args of [["help", "queue"], ["worker", "--help"], ["queue", "--help"], ["queue", "add", "--help"]]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("--split-over");
      expect(r.stdout).toContain("PIAO_REDIS_URL");
      expect(r.stdout).toContain("SIGTERM");
    }
    expect((await cli(["--help"])).stdout).toContain("piao-extract help queue");
    const usage = await cli(["worker", "--concurrency", "2"]);
    expect(usage.code).toBe(2);
  });
});

describe("queue commands: Redis", () => {
  it("unreachable: every command exits 1 naming the URL (no hang), without the password", async () => {
    const url = `redis://:s3cret@127.0.0.1:${await freePort()}`;
    await writeFile(path.join(cluster.tmp, "a.txt"), "x");
    for (const args of [
      ["queue", "status", "--redis", url],
      ["queue", "add", path.join(cluster.tmp, "a.txt"), "--out", path.join(cluster.tmp, "o"), "--redis", url],
      ["queue", "manifest", "--out", cluster.tmp, "--redis", url],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(/^piao-extract: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: ECONNREFUSED/);
      expect(r.stderr).not.toContain("s3cret");
    }
    // The worker as a process: it ends by itself.
    const w = spawnSync(process.execPath, [MAIN, "worker"], { encoding: "utf8", env: { ...process.env, PIAO_REDIS_URL: url }, timeout: 30_000 });
    expect(w.status).toBe(1);
    expect(w.stderr).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
  });

  it("status through PIAO_REDIS_URL on a live server: an empty queue", () => {
    const r = spawnSync(process.execPath, [MAIN, "queue", "status", "--queue", "empty", "--json"], { encoding: "utf8", env: { ...process.env, PIAO_REDIS_URL: cluster.redis.url } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ queue: "empty", documents: 0, done: 0, failed: 0, waiting: 0, active: 0, split: 0 });
    const plain = spawnSync(process.execPath, [MAIN, "queue", "status", "--redis", cluster.redis.url, "--queue", "empty"], { encoding: "utf8" });
    expect(plain.stdout).toMatch(/^documents 0: done 0, failed 0, to go 0/);
  });

  it("same bytes under another name: one job, a duplicate record; a re-add adds nothing", async () => {
    const dir = path.join(cluster.tmp, "dups");
    await mkdir(dir);
    await writeFile(path.join(dir, "a.txt"), "Obiettivo\tPeso\nUno\t100\n");
    await writeFile(path.join(dir, "b.txt"), "Obiettivo\tPeso\nUno\t100\n");
    await writeFile(path.join(dir, "A.md"), "Obiettivo | Peso\n--- | ---\nDue | 100\n");
    const out = path.join(cluster.tmp, "dups-out");
    const add = await cli(["queue", "add", dir, "--out", out, "--redis", cluster.redis.url, "--queue", "dups", "-q"]);
    expect(add.stdout).toBe("queued 2 new, 0 already known, 1 recorded without a job (0 failed: see the manifest)\n");
    expect(add.code).toBe(0);
    const again = await cli(["queue", "add", path.join(dir, "a.txt"), "--out", out, "--redis", cluster.redis.url, "--queue", "dups", "-q"]);
    expect(again.stdout).toBe("queued 0 new, 1 already known\n");
    // Names as convert gives them: A.md and a.txt fold alike, so the second is a~2.
    const m = await cli(["queue", "manifest", "--out", out, "--redis", cluster.redis.url, "--queue", "dups", "-q"]);
    expect(m.code).toBe(1); // two still queued: no worker runs here
    expect(m.stderr).toMatch(/2 inputs are still in the queue/);
    const real = await realpath(out);
    const c = new Redis(cluster.redis.url);
    const list = (await c.lrange(`bull:dups:piao:list:${real}`, 0, -1)).map((l) => JSON.parse(l));
    const names = await c.hgetall(`bull:dups:piao:names:${real}`);
    c.disconnect();
    expect(list.map((e) => [path.basename(e.file), e.record?.error.code ?? "job"])).toEqual([
      ["A.md", "job"],
      ["a.txt", "job"],
      ["b.txt", "duplicate"],
    ]);
    expect(Object.keys(names).sort()).toEqual(["a.json", "a~2.json"]);
  });

  it("inputs added a batch at a time: the names and order of convert across batches; bytes met again are duplicates", async () => {
    // Over two batches of queue add: one stem in 12 folders (names past the first tries: x~9…x~12), stems folding alike.
    const dir = path.join(cluster.tmp, "many");
    const copies = path.join(cluster.tmp, "many-copies");
    await mkdir(copies);
    const first = new Map<string, string>();
    for (let i = 0; i < 150; i++) {
      const sub = path.join(dir, `d${String(i % 12).padStart(2, "0")}`);
      await mkdir(sub, { recursive: true });
      const name = i < 12 ? "x.txt" : i % 3 === 0 ? `N${i / 3}.md` : `n${i}.txt`;
      const body = `Obiettivo\tPeso\nUno ${i}\t100\n`;
      await writeFile(path.join(sub, name), body);
      if (i % 9 === 0) {
        await writeFile(path.join(copies, `c${i}.txt`), body);
        first.set(`c${i}.txt`, path.join(sub, name));
      }
    }
    const out = path.join(cluster.tmp, "many-out");
    const q = ["--out", out, "--redis", cluster.redis.url, "--queue", "many", "-q"];
    const add = await cli(["queue", "add", dir, ...q]);
    expect(add.code).toBe(0);
    const real = await realpath(out);
    const c = new Redis(cluster.redis.url);
    const entries = async () => (await c.lrange(`bull:many:piao:list:${real}`, 0, -1)).map((l) => JSON.parse(l) as { file: string; sha?: string; record?: { error: { code: string; message: string } } });
    const list = await entries();
    const queued = await Promise.all(list.map(async (e) => [e.file, (JSON.parse((await c.hget(`bull:many:${e.sha}`, "data"))!) as { output: string }).output]));
    expect(add.stdout).toBe(`queued ${list.length} new, 0 already known\n`);

    const local = path.join(cluster.tmp, "many-local");
    const conv = spawnSync(process.execPath, [MAIN, "convert", dir, "--out", local, "--quiet"], { encoding: "utf8" });
    expect(conv.status).toBe(0);
    const expected = (await readFile(path.join(local, "manifest.jsonl"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { file: string; output: string })
      .map((r) => [r.file, r.output]);
    expect(queued).toEqual(expected);
    expect(queued.some(([, o]) => o === "x~12.json")).toBe(true);

    // The same bytes again under other paths: duplicate records naming the first path; the folder again: all known.
    const dup = await cli(["queue", "add", copies, ...q]);
    const again = await cli(["queue", "add", dir, ...q]);
    const after = (await entries()).slice(list.length);
    c.disconnect();
    expect(dup.stdout).toBe(`queued 0 new, 0 already known, ${after.length} recorded without a job (0 failed: see the manifest)\n`);
    expect(again.stdout).toBe(`queued 0 new, ${list.length} already known\n`);
    expect(after.length).toBe(17);
    for (const e of after) {
      expect(e.record!.error.code).toBe("duplicate");
      expect(e.record!.error.message).toContain(`the same bytes as ${first.get(path.basename(e.file))} (sha256`);
    }
  }, 120_000);
});
