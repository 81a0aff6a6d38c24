/**
 * The cluster commands: `queue add`, `queue status`, `queue manifest` and
 * `worker` (src/queue does the work). Each connects to Redis first with
 * bounded retries: an unreachable server is an error naming the URL (exit 1)
 * within a few seconds, never a wait.
 */
import os from "node:os";
import { realpath, stat } from "node:fs/promises";
import type { Logger } from "pino";
import type { Redis } from "ioredis";
import type { QueueAddArgs, QueueArgs, QueueManifestArgs, QueueStatusArgs, WorkerArgs } from "./args.js";
import { FatalError, MANIFEST, prepareOutDir } from "./batch.js";
import type { CliIo } from "./io.js";
import { createLogger, stderrDestination, type LineSink, type LogLevel } from "../util/logger.js";
import { describeFsError } from "../util/fserror.js";
import { redactUrl } from "../queue/settings.js";
import type { JobOptions } from "../run/job.js";

const EXIT = { ok: 0, failed: 1, interrupted: 130 } as const;

/** A worker's converter process is replaced after a job that left it larger than this share of --max-memory. */
const WORKER_RECYCLE_SHARE = 0.85;

/** How long a worker waits for a Redis that stopped answering before it gives up (exit 1). */
const REDIS_LOST_MS = 60_000;

type Body<A> = (args: A, io: CliIo, log: Logger, client: Redis, sink: LineSink) => Promise<number>;

/** Logger, connection, and the errors every queue command reports the same way. */
async function withRedis<A extends QueueArgs>(args: A, io: CliIo, body: Body<A>, lasting = false): Promise<number> {
  const sink: LineSink = io.stderr === process.stderr ? stderrDestination() : io.stderr;
  const log = createLogger(args.logLevel, sink);
  const { connectRedis, RedisUnreachable } = await import("../queue/redis.js");
  let client: Redis;
  try {
    client = await connectRedis(args.redis, lasting);
  } catch (e) {
    if (e instanceof RedisUnreachable) {
      io.stderr.write(`piao-extract: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  }
  try {
    return await body(args, io, log, client, sink);
  } catch (e) {
    if (e instanceof FatalError) {
      io.stderr.write(`piao-extract: ${e.message}\n`);
      return EXIT.failed;
    }
    if (e instanceof Error && /Connection is closed|ECONNREFUSED|ECONNRESET|max retries/i.test(e.message)) {
      io.stderr.write(`piao-extract: lost Redis at ${redactUrl(args.redis)}: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  } finally {
    client.disconnect();
  }
}

/** The abort reason as an exit code (the executable passes 130 for SIGINT, 143 for SIGTERM). */
function stopCode(io: CliIo): number {
  const reason: unknown = io.signal?.reason;
  return typeof reason === "number" ? reason : EXIT.interrupted;
}

function untilStopped(io: CliIo, also?: Promise<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    if (io.signal?.aborted) return resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
    void also?.then(() => resolve());
  });
}

export function queueAdd(args: QueueAddArgs, io: CliIo): Promise<number> {
  return withRedis(args, io, async (a, io, log, client) => {
    const out = await prepareOutDir(a.out, false);
    const { openQueue } = await import("../queue/jobs.js");
    const { addInputs } = await import("../queue/add.js");
    const queue = openQueue(client, a.queue);
    const options: JobOptions = {};
    if (a.maxBytes !== undefined) options.maxBytes = a.maxBytes;
    if (a.maxPages !== undefined) options.maxPages = a.maxPages;
    if (a.ocr !== undefined) options.ocr = a.ocr;
    if (a.ocrThreshold !== undefined) options.ocrThreshold = a.ocrThreshold;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    io.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const c = await addInputs(client, queue, { inputs: a.inputs, out, queue: a.queue, options, splitOver: a.splitOver, pagesPerJob: a.pagesPerJob }, log, stop.signal);
      const recorded = c.recorded ? `, ${c.recorded} recorded without a job (${c.failed} failed: see the manifest)` : "";
      io.stdout.write(`queued ${c.added} new, ${c.known} already known${recorded}\n`);
      if (stop.signal.aborted) return stopCode(io);
      return c.failed > 0 ? EXIT.failed : EXIT.ok;
    } finally {
      io.signal?.removeEventListener("abort", onAbort);
      await queue.close();
    }
  });
}

export function queueStatus(args: QueueStatusArgs, io: CliIo): Promise<number> {
  return withRedis(args, io, async (a, io, _log, client) => {
    const { openQueue } = await import("../queue/jobs.js");
    const { queueCounts, describeCounts } = await import("../queue/status.js");
    const queue = openQueue(client, a.queue);
    try {
      const follow = !a.once && !a.json && io.stdout.isTTY === true;
      for (;;) {
        const c = await queueCounts(client, queue, a.queue);
        const left = c.documents - c.done - c.failed;
        if (!follow) {
          io.stdout.write((a.json ? JSON.stringify({ queue: a.queue, ...c }) : describeCounts(c)) + "\n");
          return EXIT.ok;
        }
        io.stdout.write(`\r\x1b[K${bar(c.done + c.failed, c.documents, io.stdout.columns ?? 80)} ${c.done} done, ${c.failed} failed, ${left} to go · jobs waiting ${c.waiting}, active ${c.active}`);
        if (left <= 0 || io.signal?.aborted) {
          io.stdout.write(`\n${describeCounts(c)}\n`);
          return EXIT.ok;
        }
        await Promise.race([new Promise((r) => setTimeout(r, 1000)), untilStopped(io)]);
      }
    } finally {
      await queue.close();
    }
  });
}

function bar(done: number, total: number, columns: number): string {
  const width = Math.max(10, Math.min(40, columns - 70));
  const full = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${"#".repeat(full)}${"-".repeat(width - full)}] ${done}/${total}`;
}

export function queueManifest(args: QueueManifestArgs, io: CliIo): Promise<number> {
  return withRedis(args, io, async (a, io, log, client) => {
    const out = await realpath(a.out).catch((e: unknown) => {
      throw new FatalError(`cannot use output folder '${a.out}': ${describeFsError(e)}`);
    });
    if (!(await stat(out)).isDirectory()) throw new FatalError(`cannot use output folder '${a.out}': not a folder`);
    const { openQueue } = await import("../queue/jobs.js");
    const { folderRecords, writeQueueManifest } = await import("../queue/status.js");
    const queue = openQueue(client, a.queue);
    try {
      const { records, pending } = await folderRecords(client, queue, a.queue, out);
      if (records.length === 0 && pending.length === 0) log.warn({ out, queue: a.queue }, "nothing was queued for this folder");
      const file = await writeQueueManifest(out, records, MANIFEST).catch((e: unknown) => {
        throw new FatalError(`cannot write ${out}/${MANIFEST}: ${describeFsError(e)}`);
      });
      const failed = records.filter((r) => r.status === "failed").length;
      const skipped = records.filter((r) => r.status === "skipped").length;
      const summary = { manifest: file, ok: records.length - failed - skipped, failed, skipped, pending: pending.length };
      if (pending.length) log.warn({ ...summary, first: pending.slice(0, 5) }, `${pending.length} inputs are still in the queue: the manifest lists those finished`);
      else log.info(summary, "manifest written");
      return failed > 0 || pending.length > 0 ? EXIT.failed : EXIT.ok;
    } finally {
      await queue.close();
    }
  });
}

export function worker(args: WorkerArgs, io: CliIo): Promise<number> {
  return withRedis(args, io, async (a, io, log, client, sink) => {
    const { ConversionPool, killChildrenSync, POOL_DEFAULTS } = await import("../run/pool.js");
    const { openQueue } = await import("../queue/jobs.js");
    const { startWorker } = await import("../queue/worker.js");
    const { watchRedis } = await import("../queue/redis.js");
    const concurrency = a.concurrency ?? os.availableParallelism();
    const maxRss = a.maxMemory ?? POOL_DEFAULTS.maxRssBytes;
    const pool = new ConversionPool({
      size: concurrency,
      // A child that has OCR'd holds its OCR engines (~500 MB): replaced at the pool's default half of
      // --max-memory, every page job would start a process and load the engines again (+30 % CPU on a split scan).
      recycleRssBytes: Math.floor(maxRss * WORKER_RECYCLE_SHARE),
      ...(a.timeout !== undefined ? { timeoutMs: a.timeout * 1000 } : {}),
      ...(a.timeoutPerPage !== undefined ? { timeoutPerPageMs: a.timeoutPerPage * 1000 } : {}),
      ...(a.maxMemory !== undefined ? { maxRssBytes: a.maxMemory } : {}),
      ...(a.ocrModel !== undefined ? { ocrModel: a.ocrModel } : {}),
      logLevel: log.level as LogLevel,
      logLine: (line) => sink.write(line),
    });
    const queue = openQueue(client, a.queue);
    const w = startWorker(client, queue, pool, { queue: a.queue, concurrency, lockMs: a.lockTimeout * 1000 }, log);
    log.info({ redis: redactUrl(a.redis), queue: a.queue, concurrency, pid: process.pid }, "worker ready");
    let lost: string | null = null;
    let onLost!: () => void;
    const lostRedis = new Promise<void>((r) => (onLost = r));
    const unwatch = watchRedis(a.redis, Math.max(REDIS_LOST_MS, 2 * a.lockTimeout * 1000), (why) => {
      lost = why;
      onLost();
    });
    await untilStopped(io, lostRedis);
    unwatch();
    if (lost !== null) {
      // Its jobs cannot be handed in: they go back to the queue when their locks expire.
      io.stderr.write(`piao-extract: lost Redis at ${redactUrl(a.redis)} for ${Math.round(REDIS_LOST_MS / 1000)} s (${lost}); stopping\n`);
      killChildrenSync();
      void w.close(true).catch(() => undefined);
      // BullMQ's connections may still be retrying: the process ends regardless.
      setTimeout(() => process.exit(EXIT.failed), 1000).unref();
      return EXIT.failed;
    }
    log.warn({ inHand: pool.pending }, "stopping: the jobs in hand finish, no new one is taken");
    await w.close();
    await pool.close();
    await queue.close();
    log.info({ ...w.counts, pool: pool.stats }, "worker stopped");
    return stopCode(io);
  }, true);
}
