/**
 * The cluster as a user runs it, for tests: a throwaway redis-server
 * (scripts/queue/redis.mjs), worker processes of the built CLI (dist/), and
 * the queue commands run in this process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { captureIo, run } from "../../src/cli/main.js";
import type { QueueCounts } from "../../src/queue/status.js";
// @ts-expect-error plain ESM module without types
import { startRedis as start } from "../../scripts/queue/redis.mjs";

export const MAIN = path.resolve("dist/cli/main.js");

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const startRedis = start as () => Promise<TestRedis>;

export interface WorkerProc {
  proc: ChildProcess;
  /** Its log lines so far, parsed (pino JSON). */
  logs(): { msg: string; file?: string; pages?: number[]; [k: string]: unknown }[];
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Every worker started, for `killWorkers` after the tests (a failed test leaves none behind). */
const started = new Set<ChildProcess>();

export function killWorkers(): void {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  started.clear();
}

export function startWorker(url: string, extra: string[] = []): WorkerProc {
  const proc = spawn(process.execPath, [MAIN, "worker", "--redis", url, "--concurrency", "1", "--log-level", "info", ...extra], { stdio: ["ignore", "ignore", "pipe"] });
  started.add(proc);
  let text = "";
  proc.stderr!.setEncoding("utf8").on("data", (d: string) => (text += d));
  const exited = new Promise<number | NodeJS.Signals | null>((res) => proc.on("exit", (c, s) => res(s ?? c)));
  return {
    proc,
    exited,
    logs: () =>
      text
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l)),
  };
}

/** Runs a CLI command in this process; exit code and what it printed. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await run(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

export async function counts(url: string, queue: string): Promise<QueueCounts> {
  const r = await cli(["queue", "status", "--redis", url, "--queue", queue, "--json"]);
  if (r.code !== 0) throw new Error(`queue status exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as QueueCounts;
}

/** Polls until `ok` holds (a test's own timeout bounds a hang). */
export async function until<T>(get: () => Promise<T> | T, ok: (v: T) => boolean, everyMs = 250): Promise<T> {
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every document finished (converted or failed). */
export const drained = (c: QueueCounts) => c.documents > 0 && c.done + c.failed === c.documents;

/**
 * A redis-server and a temporary folder for a test file: started before its
 * tests, stopped and removed after them (with any worker left running).
 */
export function useCluster(name: string): { redis: TestRedis; tmp: string } {
  const ctx = {} as { redis: TestRedis; tmp: string };
  beforeAll(async () => {
    ctx.redis = await startRedis();
    ctx.tmp = await mkdtemp(path.join(tmpdir(), `piao-${name}-`));
  });
  afterAll(async () => {
    killWorkers();
    await ctx.redis?.stop();
    if (ctx.tmp) await rm(ctx.tmp, { recursive: true, force: true });
  });
  return ctx;
}
