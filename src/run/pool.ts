/**
 * A pool of converter processes: each conversion runs in a child process,
 * one file at a time per child, so a native crash (a segfault in an image
 * decoder), a runaway allocation or an endless loop fails that one file and
 * nothing else.
 *
 * Use from any caller (the CLI batch, a queue worker):
 *
 *   import { ConversionPool } from "piao-extract/pool";   // src/run/pool.ts inside this repo
 *   const pool = new ConversionPool({ size: 2, timeoutMs: 60_000 });
 *   const { record, doc, line } = await pool.run({
 *     file: "in/a.pdf", source: "in/a.pdf",          // shown name, path to read
 *     output: "a.json", outDir: "out",               // or output/outDir null: the JSON comes back as `line`
 *     wantDoc: false, report: false,
 *     options: { maxBytes: 256 << 20, ocr: "auto" },
 *   });
 *   // record.status "ok" | "failed"; record.error.code "crashed" | "timeout" | "resource-limit" | any input error
 *   await pool.close();
 *
 * `run` never rejects for a bad input: every outcome is a manifest record
 * (it rejects with PoolCancelled only for a job taken back by `cancelQueued`
 * or still queued at `close`).
 * Jobs queue until a child is free; children start lazily (up to `size`),
 * are replaced after a crash or a kill, and are recycled after a file that
 * left them larger than `recycleRssBytes`. Limits per file: a timeout of
 * `timeoutMs` plus `timeoutPerPageMs` for each page once the child reports the
 * page count (then SIGKILL: `timeout`); an RSS watchdog (`maxRssBytes`, read
 * from /proc every 100 ms) and V8's heap cap (`maxHeapMb`): `resource-limit`.
 * Children end themselves if this process dies (even by SIGKILL).
 * The child script is dist/run/child.js: build first when running from src.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { OcrModel } from "../extract/ocr/pool.js";
import type { LogLevel } from "../util/logger.js";
import type { ConvertJob, JobResult } from "./job.js";
import type { ChildMessage, ChildSettings, ParentMessage } from "./protocol.js";
import { failedRecord, type FailureCode } from "./record.js";

const MiB = 1024 * 1024;

export interface PoolOptions {
  /** Children at most (default: the cores, os.availableParallelism()). */
  size?: number;
  /** Time for one file before its child is killed (default 30 s)… */
  timeoutMs?: number;
  /** …plus this much for each page, once the page count is known (default 10 s). */
  timeoutPerPageMs?: number;
  /** Resident memory of one child past which it is killed and the file fails with resource-limit (default 768 MiB). */
  maxRssBytes?: number;
  /** V8 old-space cap of a child in MiB (default: 3/4 of maxRssBytes). */
  maxHeapMb?: number;
  /** A child larger than this after a file is replaced by a fresh one (default: half of maxRssBytes). */
  recycleRssBytes?: number;
  logLevel?: LogLevel;
  ocrModel?: OcrModel;
  /** The children's log lines (pino JSON, one per call, newline included). Default: dropped. */
  logLine?: (line: string) => void;
  /** Page progress of a file being converted. */
  onPage?: (file: string, done: number, total: number) => void;
  /** Child script (default dist/run/child.js next to this module, or under dist/ when running from src). */
  childScript?: string;
}

export const POOL_DEFAULTS = {
  timeoutMs: 30_000,
  timeoutPerPageMs: 10_000,
  maxRssBytes: 768 * MiB,
} as const;

export interface PoolStats {
  /** Highest resident memory seen of the whole tree (this process plus its children), sampled. */
  peakTreeRss: number;
  /** Highest resident memory seen of one child. */
  peakChildRss: number;
  childrenStarted: number;
  crashed: number;
  timeouts: number;
  resourceLimits: number;
  recycled: number;
}

interface Task {
  id: number;
  job: ConvertJob;
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
  /** Settles when the task has its result. */
  settled: Promise<unknown>;
  started: number;
  pages: number;
  timer: NodeJS.Timeout | null;
}

interface Slot {
  proc: ChildProcess;
  ready: boolean;
  task: Task | null;
  rss: number;
  /** Last lines the child printed that were not log lines (a native crash's words). */
  tail: string[];
  killedFor: "timeout" | "resource-limit" | null;
  retiring: boolean;
  /** Its exit has been handled. */
  gone: boolean;
}

/** The rejection of a job taken back by `cancelQueued` before it started. */
export class PoolCancelled extends Error {
  constructor(readonly file: string) {
    super(`${file}: not started, the batch was stopped`);
    this.name = "PoolCancelled";
  }
}

/** Every live child of every pool in this process, for a forced exit. */
const live = new Set<ChildProcess>();

/** Kills every child at once (a second Ctrl-C, an exit path that cannot wait). */
export function killChildrenSync(): void {
  for (const p of live) {
    try {
      p.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

export function defaultChildScript(): string {
  const here = fileURLToPath(import.meta.url);
  // From src (tests under vitest) the compiled child is used: node cannot run .ts itself.
  if (here.endsWith(".ts")) return here.replace(/[\\/]src[\\/]run[\\/]pool\.ts$/, "/dist/run/child.js");
  return here.replace(/pool\.js$/, "child.js");
}

export class ConversionPool {
  private readonly opts: Required<Pick<PoolOptions, "size" | "timeoutMs" | "timeoutPerPageMs" | "maxRssBytes" | "maxHeapMb" | "recycleRssBytes">> & PoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private sampler: NodeJS.Timeout | null = null;
  /** Children that died before they were ready, in a row: the script itself is broken. */
  private startFailures = 0;
  private readonly script: string;
  readonly stats: PoolStats = { peakTreeRss: 0, peakChildRss: 0, childrenStarted: 0, crashed: 0, timeouts: 0, resourceLimits: 0, recycled: 0 };

  constructor(opts: PoolOptions = {}) {
    const maxRss = opts.maxRssBytes ?? POOL_DEFAULTS.maxRssBytes;
    this.opts = {
      ...opts,
      size: Math.max(1, opts.size ?? os.availableParallelism()),
      timeoutMs: opts.timeoutMs ?? POOL_DEFAULTS.timeoutMs,
      timeoutPerPageMs: opts.timeoutPerPageMs ?? POOL_DEFAULTS.timeoutPerPageMs,
      maxRssBytes: maxRss,
      maxHeapMb: opts.maxHeapMb ?? Math.max(64, Math.floor((maxRss * 0.75) / MiB)),
      recycleRssBytes: opts.recycleRssBytes ?? Math.floor(maxRss / 2),
    };
    this.script = opts.childScript ?? defaultChildScript();
    if (!existsSync(this.script)) {
      throw new Error(`the converter process script ${this.script} is missing (run 'npm run build')`);
    }
  }

  /** Converts one input in a child; resolves with its record whatever happens to the child. */
  run(job: ConvertJob): Promise<JobResult> {
    if (this.closed) return Promise.reject(new Error("the conversion pool is closed"));
    let resolve!: (r: JobResult) => void;
    let reject!: (e: Error) => void;
    const settled = new Promise<JobResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.queue.push({ id: this.nextId++, job, resolve, reject, settled, started: 0, pages: 0, timer: null });
    this.dispatch();
    return settled;
  }

  /** Children at most. */
  get size(): number {
    return this.opts.size;
  }

  /**
   * Takes back the jobs not started yet (a batch told to stop): their `run`
   * promises reject with PoolCancelled; files in hand go on to their result.
   */
  cancelQueued(): number {
    const queued = this.queue.splice(0);
    for (const t of queued) t.reject(new PoolCancelled(t.job.file));
    return queued.length;
  }

  /** Files queued or in hand. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.task).length;
  }

  /** Lets the children finish what they hold, then ends them; jobs still queued reject with PoolCancelled. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelQueued();
    await Promise.all(this.slots.map((s) => s.task?.settled.catch(() => undefined)));
    await Promise.all([...this.slots].map((s) => this.retire(s)));
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
  }

  /** Ends every child now; files in hand fail as `crashed`. */
  kill(): void {
    this.closed = true;
    for (const s of this.slots) s.proc.kill("SIGKILL");
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.task && !slot.retiring) this.start(slot, this.queue.shift()!);
    }
    // Children start in parallel, as many as the queue can use.
    const starting = this.slots.filter((s) => !s.ready && !s.retiring).length;
    for (let n = Math.min(this.queue.length - starting, this.opts.size - this.slots.length); n > 0; n--) this.spawn();
  }

  private spawn(): void {
    const settings: ChildSettings = { ocrWorkers: 1 };
    if (this.opts.logLevel !== undefined) settings.logLevel = this.opts.logLevel;
    if (this.opts.ocrModel !== undefined) settings.ocrModel = this.opts.ocrModel;
    const proc = fork(this.script, [JSON.stringify(settings)], {
      // A capped old space makes V8 shrink the young generation too, and scavenge so often that
      // a child spent ~40 % more CPU than the same conversions in an uncapped process: sized back.
      execArgv: [`--max-old-space-size=${this.opts.maxHeapMb}`, `--max-semi-space-size=${Math.max(8, Math.min(32, Math.floor(this.opts.maxHeapMb / 16)))}`],
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    live.add(proc);
    this.stats.childrenStarted++;
    const slot: Slot = { proc, ready: false, task: null, rss: 0, tail: [], killedFor: null, retiring: false, gone: false };
    this.slots.push(slot);
    this.sampleSoon();
    const lines = (chunk: string, buf: { rest: string }, log: boolean) => {
      const parts = (buf.rest + chunk).split("\n");
      // A line without end (a dump of binary junk) is kept to its last 64 KB.
      buf.rest = (parts.pop() ?? "").slice(-65536);
      for (const line of parts) {
        if (log && line.startsWith("{")) this.opts.logLine?.(line + "\n");
        else if (line.trim()) {
          slot.tail.push(line);
          if (slot.tail.length > 20) slot.tail.shift();
        }
      }
    };
    const errBuf = { rest: "" },
      outBuf = { rest: "" };
    proc.stderr!.setEncoding("utf8").on("data", (c: string) => lines(c, errBuf, true));
    proc.stdout!.setEncoding("utf8").on("data", (c: string) => lines(c, outBuf, false));
    proc.on("message", (m: ChildMessage) => this.onMessage(slot, m));
    // A process that could not even be started (EAGAIN, ENOMEM) emits "error" and never "exit".
    proc.on("error", (e: NodeJS.ErrnoException) => {
      if (proc.pid === undefined) {
        slot.tail.push(`cannot start the converter process: ${e.code ?? e.message}`);
        this.onExit(slot, null, null);
      }
    });
    proc.on("exit", (code, signal) => this.onExit(slot, code, signal));
  }

  private onMessage(slot: Slot, m: ChildMessage): void {
    if (m.type === "ready") {
      slot.ready = true;
      this.startFailures = 0;
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== m.id) return;
    if (m.type === "page") {
      if (m.total > task.pages) {
        task.pages = m.total;
        this.arm(slot, task);
      }
      this.opts.onPage?.(task.job.file, m.done, m.total);
      return;
    }
    // A result.
    this.finish(slot, m.result);
    this.readRss(slot);
    if (slot.rss > this.opts.recycleRssBytes && !this.closed) {
      this.stats.recycled++;
      void this.retire(slot);
    }
    this.dispatch();
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.tail = [];
    task.started = Date.now();
    this.arm(slot, task);
    const msg: ParentMessage = { type: "job", id: task.id, job: task.job };
    try {
      slot.proc.send(msg);
    } catch {
      // The child is gone; its exit event fails the task.
    }
  }

  /** (Re)sets the file's deadline: the base time plus the pages known so far. */
  private arm(slot: Slot, task: Task): void {
    if (task.timer) clearTimeout(task.timer);
    const limit = this.limitMs(task);
    const left = Math.max(0, task.started + limit - Date.now());
    task.timer = setTimeout(() => {
      if (slot.task !== task) return;
      slot.killedFor = "timeout";
      slot.proc.kill("SIGKILL");
    }, left);
  }

  private limitMs(task: Task): number {
    return this.opts.timeoutMs + this.opts.timeoutPerPageMs * task.pages;
  }

  private finish(slot: Slot, result: JobResult): void {
    const task = slot.task;
    if (!task) return;
    if (task.timer) clearTimeout(task.timer);
    slot.task = null;
    task.resolve(result);
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.gone) return;
    slot.gone = true;
    live.delete(slot.proc);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const task = slot.task;
    if (!slot.ready && !slot.retiring) this.startFailures++;
    if (task) {
      const { code: why, message } = this.describeDeath(slot, task, code, signal);
      if (why === "timeout") this.stats.timeouts++;
      else if (why === "resource-limit") this.stats.resourceLimits++;
      else this.stats.crashed++;
      const ms = Date.now() - task.started;
      this.finish(slot, { record: failedRecord(task.job.file, why, message, { ms }) });
    }
    if (this.startFailures >= 3) {
      // The child cannot even start: fail what is queued instead of spawning forever.
      const why = slot.tail.slice(-3).join(" | ") || `exit ${code ?? signal}`;
      for (const t of this.queue.splice(0)) {
        t.resolve({ record: failedRecord(t.job.file, "internal", `${t.job.file}: the converter process cannot start (${why})`) });
      }
      return;
    }
    this.dispatch();
  }

  private describeDeath(slot: Slot, task: Task, code: number | null, signal: NodeJS.Signals | null): { code: FailureCode; message: string } {
    const file = task.job.file;
    const secs = ((Date.now() - task.started) / 1000).toFixed(1);
    if (slot.killedFor === "timeout") {
      const limit = this.limitMs(task) / 1000;
      const how = task.pages > 0 ? `${this.opts.timeoutMs / 1000} s + ${this.opts.timeoutPerPageMs / 1000} s × ${task.pages} pages` : `no page count yet`;
      return { code: "timeout", message: `${file}: not converted within ${limit} s (--timeout: ${how}); stopped` };
    }
    if (slot.killedFor === "resource-limit") {
      return {
        code: "resource-limit",
        message: `${file}: the conversion grew past the ${Math.round(this.opts.maxRssBytes / MiB)} MiB memory limit (--max-memory) after ${secs} s; stopped`,
      };
    }
    const tail = slot.tail.join("\n");
    if (/heap out of memory|Reached heap limit|allocation failed/i.test(tail)) {
      return {
        code: "resource-limit",
        message: `${file}: the conversion ran out of its ${this.opts.maxHeapMb} MiB JavaScript heap (--max-memory) after ${secs} s; stopped`,
      };
    }
    const last = slot.tail.filter((l) => !/^\s*at |^\s*$/.test(l)).slice(-1)[0];
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    return {
      code: "crashed",
      message: `${file}: the converter process crashed (${how}) after ${secs} s${last ? `: ${last.trim().slice(0, 200)}` : ""}; the batch went on`,
    };
  }

  /** Asks an idle child to leave; kills it if it does not within 2 s. */
  private retire(slot: Slot): Promise<void> {
    if (slot.retiring) return new Promise((r) => (slot.proc.exitCode !== null || slot.proc.signalCode !== null ? r() : slot.proc.once("exit", () => r())));
    slot.retiring = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !slot.task) this.slots.splice(i, 1);
    return new Promise<void>((resolve) => {
      if (slot.proc.exitCode !== null || slot.proc.signalCode !== null) return resolve();
      const t = setTimeout(() => slot.proc.kill("SIGKILL"), 2000);
      slot.proc.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
      if (!slot.ready) {
        // Still starting: it holds nothing and may not listen yet.
        slot.proc.kill("SIGKILL");
        return;
      }
      try {
        slot.proc.send({ type: "exit" } satisfies ParentMessage);
      } catch {
        slot.proc.kill("SIGKILL");
      }
    });
  }

  private sampleSoon(): void {
    if (this.sampler || process.platform !== "linux") return;
    this.sampler = setInterval(() => this.sample(), 100);
    this.sampler.unref();
  }

  private sample(): void {
    let tree = process.memoryUsage.rss();
    for (const s of this.slots) {
      this.readRss(s);
      tree += s.rss;
      if (s.task && s.rss > this.opts.maxRssBytes && s.killedFor === null) {
        s.killedFor = "resource-limit";
        s.proc.kill("SIGKILL");
      }
    }
    if (tree > this.stats.peakTreeRss) this.stats.peakTreeRss = tree;
    if (this.slots.length === 0 && this.sampler) {
      clearInterval(this.sampler);
      this.sampler = null;
    }
  }

  private readRss(slot: Slot): void {
    const pid = slot.proc.pid;
    if (pid === undefined || process.platform !== "linux") return;
    try {
      const statm = readFileSync(`/proc/${pid}/statm`, "latin1").split(" ");
      slot.rss = Number(statm[1]) * PAGE;
      if (slot.rss > this.stats.peakChildRss) this.stats.peakChildRss = slot.rss;
    } catch {
      // Exited between two samples.
    }
  }
}

/** Memory page size for /proc/<pid>/statm (4 KiB on the platforms this runs on). */
const PAGE = 4096;
