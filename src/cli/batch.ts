/**
 * `piao-extract convert`: many inputs, one output folder (or stdout).
 *
 * Each input ends as one output file or one failed manifest record; a failure
 * never stops the batch. Output names are allocated up front from the input
 * list alone, so a rerun gives every input the same name whatever failed.
 */
import { mkdir, open, readdir, realpath, rm, stat } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { DEFAULT_MAX_BYTES } from "../doc/limits.js";
import { CSV_FILES, CsvReport } from "../report/csv.js";
import type { ConvertJob, JobDeps, JobResult } from "../run/job.js";
import { ManifestWriter, loadFinished } from "../run/manifest.js";
import type { ConversionPool } from "../run/pool.js";
import { failedRecord, type ManifestRecord } from "../run/record.js";
import { isTempName, tempPathFor } from "../util/atomic.js";
import { describeFsError } from "../util/fserror.js";
import { NameAllocator, outputStem } from "../util/names.js";
import type { Progress } from "../util/progress.js";
import { collectInputs, type InputEntry } from "../util/walk.js";
import type { ConvertArgs } from "./args.js";
import { defaultWriteFile, type CliIo, type TextOut } from "./io.js";
import { configureOcrModel, shutdownOcr } from "./ocr.js";
import type { LineSink, LogLevel } from "../util/logger.js";

export const MANIFEST = "manifest.jsonl";

export type { FailureCode, ManifestRecord } from "../run/record.js";
export { describeFsError } from "../util/fserror.js";

export class FatalError extends Error {
  override name = "FatalError";
}

/**
 * Temp files a killed run left behind (a SIGKILL, a power cut: no handler ran).
 * Only names of the atomic writer's own pattern are touched, never a user's file.
 */
async function removeStaleTemps(out: string): Promise<void> {
  const names = await readdir(out).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => isTempName(n)).map((n) => rm(path.join(out, n), { force: true }).catch(() => undefined)));
}

/**
 * Checks (and creates) the output folder before any work, so a bad --out costs nothing.
 * `sweep`: remove the temps a killed run left (not in a folder the queue's workers may be writing to).
 */
export async function prepareOutDir(out: string, sweep = true): Promise<string> {
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new FatalError(`cannot create output folder '${out}': ${describeFsError(e)}`);
  }
  const st = await stat(out).catch((e: unknown) => {
    throw new FatalError(`cannot use output folder '${out}': ${describeFsError(e)}`);
  });
  if (!st.isDirectory()) throw new FatalError(`cannot use output folder '${out}': it exists and is not a folder`);
  if (sweep) await removeStaleTemps(out);
  // Permissions alone do not tell (root, read-only mounts, ACLs): try to create a file.
  const probe = tempPathFor(path.join(out, ".write-probe"));
  try {
    const fh = await open(probe, "wx");
    await fh.close();
  } catch (e) {
    throw new FatalError(`cannot write in output folder '${out}': ${describeFsError(e)}`);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  return realpath(out);
}

export interface BatchResult {
  records: ManifestRecord[];
  interrupted: boolean;
  /** The pool's figures when conversions ran in child processes. */
  stats?: import("../run/pool.js").PoolStats;
}

/** Runs conversions: in child processes (the pool), or in this process with `--jobs 0` or an injected writer. */
interface Runner {
  size: number;
  /** Jobs handed over at once: the pool keeps one waiting per child, so no child idles between two files. */
  depth: number;
  /** Takes back the jobs not started (their promises reject); called when the batch is told to stop. */
  cancelQueued(): void;
  run(job: ConvertJob): Promise<JobResult>;
  close(): Promise<void>;
  pool?: ConversionPool;
}

async function makeRunner(args: ConvertArgs, io: CliIo, log: Logger, sink: LineSink | undefined, progress: Pick<Progress, "page">): Promise<Runner> {
  // An injected writer lives in this process: it cannot follow a conversion into a child.
  if (args.jobs === 0 || io.writeFile !== undefined) {
    const { convertJob } = await import("../run/job.js");
    if (args.ocrModel !== undefined) await configureOcrModel(args.ocrModel);
    const deps: JobDeps = { log, onPage: (done, total) => progress.page(done, total) };
    if (io.writeFile) deps.writeFile = io.writeFile;
    let ocrUsed = false;
    return {
      size: 1,
      depth: 1,
      cancelQueued: () => undefined,
      run: async (job) => {
        const r = await convertJob(job, deps);
        if (r.record.kind === "scan") ocrUsed = true;
        return r;
      },
      close: async () => {
        if (ocrUsed) await shutdownOcr(log);
      },
    };
  }
  const { ConversionPool } = await import("../run/pool.js");
  const pool = new ConversionPool({
    ...(args.jobs !== undefined ? { size: args.jobs } : {}),
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {}),
    ...(args.timeoutPerPage !== undefined ? { timeoutPerPageMs: args.timeoutPerPage * 1000 } : {}),
    ...(args.maxMemory !== undefined ? { maxRssBytes: args.maxMemory } : {}),
    ...(args.ocrModel !== undefined ? { ocrModel: args.ocrModel } : {}),
    logLevel: log.level as LogLevel,
    logLine: (line) => sink?.write(line),
    onPage: (_file, done, total) => progress.page(done, total),
  });
  return { size: pool.size, depth: 2 * pool.size, cancelQueued: () => pool.cancelQueued(), run: (job) => pool.run(job), close: () => pool.close(), pool };
}

export async function runBatch(
  args: ConvertArgs,
  io: CliIo,
  log: Logger,
  stop: AbortSignal,
  progress: Pick<Progress, "setTotal" | "start" | "tick" | "page">,
  sink?: LineSink,
): Promise<BatchResult> {
  const outReal = args.out !== null ? await prepareOutDir(args.out) : null;
  const entries = await collectInputs(args.inputs, { exclude: outReal ? [outReal] : [], logger: log });
  if (entries.length === 0) log.warn({ inputs: args.inputs }, "no input files found");
  progress.setTotal(entries.length);

  const maxBytes = args.maxBytes ?? DEFAULT_MAX_BYTES;
  const names = new NameAllocator(".json");
  const planned = entries.map((e) => (e.error ? null : names.allocate(outputStem(e.file))));
  const finished = args.resume && args.out !== null ? await loadFinished(path.join(args.out, MANIFEST)) : new Map<string, ManifestRecord>();
  const manifest = args.out !== null ? await ManifestWriter.open(path.join(args.out, MANIFEST)) : null;
  const runner = await makeRunner(args, io, log, sink, progress);

  const records: (ManifestRecord | undefined)[] = new Array(entries.length);
  const docs = new Map<number, import("../model/schema.js").PiaoDocument>();
  // --stdout: documents leave in input order whatever order the children finish in.
  const lines = new Map<number, string | null>();
  let nextLine = 0;
  let out = Promise.resolve();
  const flushLines = () => {
    while (lines.has(nextLine)) {
      const line = lines.get(nextLine)!;
      lines.delete(nextLine++);
      if (line !== null) out = out.then(() => writeLine(io.stdout, line, stop));
    }
  };

  /** A failure that must end the batch (the manifest cannot be written, a bug), raised once the files in hand are done. */
  let bug: { e: unknown } | undefined;
  const settle = (i: number, result: JobResult, resumed = false) => {
    const rec = result.record;
    records[i] = rec;
    try {
      manifest?.append(rec);
    } catch (e) {
      // The manifest is the batch's account: without it the batch stops (exit 1, the message naming it).
      bug ??= { e: new FatalError(`cannot write ${manifest!.file}: ${describeFsError(e)}`) };
    }
    if (result.doc) docs.set(i, result.doc);
    lines.set(i, result.line ?? null);
    flushLines();
    if (rec.status === "ok") log.info(rec, resumed ? "kept from the earlier run (--resume)" : "converted");
    else if (rec.status === "skipped") log.warn(rec, "skipped");
    else log.error(rec, "failed");
    progress.tick();
  };

  const inflight = new Set<Promise<void>>();
  let interrupted = false;
  // Stopped: files not started yet are given back (no record: the manifest lists what was done).
  const onStop = () => runner.cancelQueued();
  stop.addEventListener("abort", onStop, { once: true });
  try {
    for (const [i, entry] of entries.entries()) {
      while (inflight.size >= runner.depth) await Promise.race(inflight);
      if (bug) break;
      if (stop.aborted) {
        interrupted = true;
        break;
      }
      progress.start(entry.file);
      const output = planned[i] ?? null;
      if (entry.error || output === null) {
        const err = entry.error ?? { code: "unreadable" as const, message: `${entry.file}: cannot read` };
        settle(i, { record: failedRecord(entry.file, err.code, err.message) });
        continue;
      }
      if (finished.size > 0) {
        const kept = await earlierRecord(entry, finished, maxBytes);
        if (kept) {
          settle(i, { record: { ...kept, file: entry.file } }, true);
          continue;
        }
      }
      const job: ConvertJob = {
        file: entry.file,
        source: entry.real ?? entry.file,
        output: args.stdout ? null : output,
        outDir: args.stdout ? null : args.out,
        wantDoc: args.csv,
        report: args.report && !args.stdout,
        options: { maxBytes, ...pick(args) },
      };
      // Never rejects: a job taken back on a stop just ends; anything else is kept and raised after the batch.
      const p: Promise<void> = runner
        .run(job)
        .then(
          (r) => settle(i, r),
          (e: unknown) => {
            if (e instanceof Error && e.name === "PoolCancelled") interrupted = true;
            else bug ??= { e };
          },
        )
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
    await out;
    if (bug) throw bug.e;
  } finally {
    stop.removeEventListener("abort", onStop);
    await runner.close();
    manifest?.close();
  }
  const done = records.filter((r): r is ManifestRecord => r !== undefined);
  if (args.out !== null && manifest) {
    const csv = args.csv ? new CsvReport() : null;
    if (csv) for (const [i, doc] of [...docs].sort((a, b) => a[0] - b[0])) csv.add(doc, records[i]!.output!);
    await writeSummaries(io, args.out, manifest, done, csv);
  }
  const result: BatchResult = { records: done, interrupted };
  if (runner.pool) result.stats = runner.pool.stats;
  return result;
}

function pick(args: ConvertArgs): import("../run/job.js").JobOptions {
  const o: import("../run/job.js").JobOptions = {};
  if (args.ocr !== undefined) o.ocr = args.ocr;
  if (args.ocrThreshold !== undefined) o.ocrThreshold = args.ocrThreshold;
  if (args.maxPages !== undefined) o.maxPages = args.maxPages;
  return o;
}

/** --resume: the earlier `ok` record of an input whose bytes have not changed since. */
async function earlierRecord(entry: InputEntry, finished: Map<string, ManifestRecord>, maxBytes: number): Promise<ManifestRecord | null> {
  const { readInput } = await import("../run/job.js");
  try {
    const bytes = await readInput(entry.real ?? entry.file, entry.file, maxBytes);
    return finished.get(createHash("sha256").update(bytes).digest("hex")) ?? null;
  } catch {
    // Unreadable now: the conversion will say why.
    return null;
  }
}

/**
 * The batch loop of `convert` and `report`: entries in order, one at a time,
 * under the progress bar, until done or stopped (returns true when stopped);
 * the OCR engine is shut down after, whatever happened, if it ran.
 */
export async function eachEntry(
  entries: readonly InputEntry[],
  stop: AbortSignal,
  progress: Pick<Progress, "start" | "tick">,
  log: Logger,
  ocrUsed: () => boolean,
  one: (entry: InputEntry, index: number) => Promise<void>,
): Promise<boolean> {
  try {
    for (const [i, entry] of entries.entries()) {
      if (stop.aborted) return true;
      progress.start(entry.file);
      await one(entry, i);
      progress.tick();
    }
    return false;
  } finally {
    if (ocrUsed()) await shutdownOcr(log);
  }
}

/** Writes one chunk, waiting for the pipe to drain so a slow reader bounds memory. */
function writeLine(out: TextOut, chunk: string, stop: AbortSignal): Promise<void> {
  if (out.write(chunk) || !out.once) return Promise.resolve();
  return new Promise((resolve) => {
    out.once!("drain", resolve);
    stop.addEventListener("abort", () => resolve(), { once: true });
  });
}

async function writeSummaries(io: CliIo, out: string, manifest: ManifestWriter, records: ManifestRecord[], csv: CsvReport | null): Promise<void> {
  const write = io.writeFile ?? defaultWriteFile;
  try {
    await manifest.finish(records);
  } catch (e) {
    throw new FatalError(`cannot write ${manifest.file}: ${describeFsError(e)}`);
  }
  if (!csv) return;
  for (const name of CSV_FILES) {
    try {
      await write(path.join(out, name), csv.render(name));
    } catch (e) {
      throw new FatalError(`cannot write ${path.join(out, name)}: ${describeFsError(e)}`);
    }
  }
}

