/**
 * The batch as a process: a SIGKILL of the parent in the middle leaves a
 * manifest of every file finished before it (appended as they finish), and a
 * second run with --resume completes the batch without converting those
 * files again. Runs the built CLI (dist/), as a user does.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ManifestRecord } from "../src/run/record.js";
import { captureIo, run } from "../src/cli/main.js";

const MAIN = path.resolve("dist/cli/main.js");
const SEED = readFileSync(path.resolve("fixtures/seeds/003_f590cc7faadec963.txt"), "utf8");

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "piao-iso-"));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.endsWith("}"))
    : [];

describe("convert: a killed batch and --resume", () => {
  it("SIGKILL mid-batch keeps every finished record; --resume converts only the rest", async () => {
    const inDir = path.join(tmp, "in");
    await mkdir(inDir);
    const N = 150;
    // Distinct bytes per file, so each has its own sha256.
    for (let i = 0; i < N; i++) await writeFile(path.join(inDir, `doc-${String(i).padStart(3, "0")}.txt`), `${SEED}\nNota ${i}\n`);
    const out = path.join(tmp, "out");
    const manifest = path.join(out, "manifest.jsonl");

    const first = spawn(process.execPath, [MAIN, "convert", inDir, "--out", out, "--jobs", "1", "--quiet"], { stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | number | null>((res) => first.on("exit", (c, s) => res(s ?? c)));
    // Killed once a handful of files are done, long before the batch ends.
    const t0 = Date.now();
    while (lines(manifest).length < 5 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 10));
    first.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const kept = lines(manifest).map((l) => JSON.parse(l) as ManifestRecord);
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.length).toBeLessThan(N);
    for (const r of kept) {
      expect(r.status).toBe("ok");
      // Every record names a whole output file.
      expect(JSON.parse(await readFile(path.join(out, r.output!), "utf8"))).toMatchObject({ schema: "piao-objectives/1", source: { sha256: r.sha256 } });
    }
    // A temp the killed child was writing may be left (no handler runs on SIGKILL); never a partial output.
    expect((await readdir(out)).filter((f) => f.endsWith(".tmp")).length).toBeLessThanOrEqual(1);
    const mtimes = new Map(kept.map((r) => [r.output!, statSync(path.join(out, r.output!)).mtimeMs]));

    const second = spawnSync(process.execPath, [MAIN, "convert", inDir, "--out", out, "--resume"], { encoding: "utf8" });
    expect(second.status).toBe(0);
    const logged = second.stderr
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { msg: string; file?: string });
    const resumed = logged.filter((l) => l.msg === "kept from the earlier run (--resume)").map((l) => l.file);
    const converted = logged.filter((l) => l.msg === "converted").map((l) => l.file);
    expect(resumed.sort()).toEqual(kept.map((r) => r.file).sort());
    expect(resumed.length + converted.length).toBe(N);
    // Not converted again: the earlier outputs are untouched.
    for (const [name, t] of mtimes) expect(statSync(path.join(out, name)).mtimeMs).toBe(t);
    const all = lines(manifest).map((l) => JSON.parse(l) as ManifestRecord);
    expect(all.map((r) => path.basename(r.file))).toEqual(Array.from({ length: N }, (_, i) => `doc-${String(i).padStart(3, "0")}.txt`));
    expect(all.every((r) => r.status === "ok")).toBe(true);
    // The next run swept the killed run's temp.
    expect((await readdir(out)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("convert: an interrupt with the pool", () => {
  it("stops handing out files, lets the files in hand finish, records only what was done, exit 130", async () => {
    const inDir = path.join(tmp, "in");
    await mkdir(inDir);
    const N = 60;
    for (let i = 0; i < N; i++) await writeFile(path.join(inDir, `d${String(i).padStart(2, "0")}.txt`), `${SEED}\nNota ${i}\n`);
    const out = path.join(tmp, "out");
    const ac = new AbortController();
    const io = { ...captureIo(), signal: ac.signal };
    const write = io.stderr.write.bind(io.stderr);
    // Ctrl-C as the third file is logged.
    let seen = 0;
    io.stderr.write = (chunk: string) => {
      if (chunk.includes('"msg":"converted"') && ++seen === 3) ac.abort(130);
      return write(chunk);
    };
    expect(await run(["convert", inDir, "--out", out, "--jobs", "2"], io)).toBe(130);
    const recs = lines(path.join(out, "manifest.jsonl")).map((l) => JSON.parse(l) as ManifestRecord);
    expect(recs.length).toBeGreaterThanOrEqual(3);
    expect(recs.length).toBeLessThan(N);
    // In input order, every one converted and its output there.
    expect(recs.map((r) => r.file)).toEqual([...recs.map((r) => r.file)].sort());
    for (const r of recs) expect(existsSync(path.join(out, r.output!))).toBe(true);
    expect((await readdir(out)).filter((f) => f.endsWith(".json")).length).toBe(recs.length);
    expect(io.stderr.text()).toContain("interrupted");
  });
});
