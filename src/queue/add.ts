/**
 * `piao-extract queue add`: one `doc` job per input, its id the sha256 of the
 * input's bytes. The inputs are walked as `convert` walks them (same order,
 * same records for paths that cannot be converted) and named as `convert`
 * names them, the names taken being shared through Redis by every `queue add`
 * into the same output folder. Each path gets a line in the folder's list,
 * which `queue manifest` turns into manifest.jsonl:
 * - a path the walk refuses or that cannot be read: its failed record;
 * - bytes not queued before: a new job;
 * - bytes already queued from this path: nothing new (adding twice converts once);
 * - bytes already queued from another path: a `duplicate` record (skipped).
 */
import type { Logger } from "pino";
import type { Redis } from "ioredis";
import { createHash } from "node:crypto";
import path from "node:path";
import { DEFAULT_MAX_BYTES } from "../doc/limits.js";
import { readInput, type JobOptions } from "../run/job.js";
import { failedRecord, type ManifestRecord } from "../run/record.js";
import { describeFsError } from "../util/fserror.js";
import { fold, nthName, outputStem } from "../util/names.js";
import { collectInputs } from "../util/walk.js";
import { InputError } from "../doc/source.js";
import { keys, sourcePath, type DocJobData, type DocQueue, type OutEntry } from "./jobs.js";

export interface AddSettings {
  inputs: string[];
  /** The output folder, real path (prepared by the caller). */
  out: string;
  queue: string;
  options: JobOptions;
  splitOver: number | null;
  pagesPerJob: number;
}

export interface AddCounts {
  added: number;
  known: number;
  /** Paths recorded as failed or skipped without a job (unreadable, duplicates…). */
  recorded: number;
  failed: number;
}

export async function addInputs(client: Redis, queue: DocQueue, s: AddSettings, log: Logger, stop: AbortSignal): Promise<AddCounts> {
  const k = keys(s.queue);
  const counts: AddCounts = { added: 0, known: 0, recorded: 0, failed: 0 };
  const entries = await collectInputs(s.inputs, { exclude: [s.out], logger: log });
  if (entries.length === 0) log.warn({ inputs: s.inputs }, "no input files found");
  const maxBytes = s.options.maxBytes ?? DEFAULT_MAX_BYTES;

  /** Lists the path once, whatever the number of adds. */
  const list = async (entry: OutEntry): Promise<boolean> => {
    if ((await client.hsetnx(k.files(s.out), `path:${entry.file}`, "1")) === 0) return false;
    await client.rpush(k.list(s.out), JSON.stringify(entry));
    return true;
  };
  const record = async (rec: ManifestRecord) => {
    if (await list({ file: rec.file, record: rec })) {
      counts.recorded++;
      if (rec.status === "failed") counts.failed++;
      log[rec.status === "failed" ? "error" : "warn"](rec, rec.status === "failed" ? "not queued" : "skipped");
    }
  };

  for (const entry of entries) {
    if (stop.aborted) break;
    if (entry.error || entry.real === null) {
      const err = entry.error ?? { code: "unreadable" as const, message: `${entry.file}: cannot read` };
      await record(failedRecord(entry.file, err.code, err.message));
      continue;
    }
    let sha: string;
    try {
      sha = createHash("sha256")
        .update(await readInput(entry.real, entry.file, maxBytes))
        .digest("hex");
    } catch (e) {
      if (e instanceof InputError) await record(failedRecord(entry.file, e.code, e.message));
      else {
        const code = (e as NodeJS.ErrnoException).code === "ENOENT" ? "not-found" : "unreadable";
        await record(failedRecord(entry.file, code, `${entry.file}: cannot read (${describeFsError(e)})`));
      }
      continue;
    }
    const job = await queue.getJob(sha);
    const other = job && job.name === "doc" ? (job.data as DocJobData) : null;
    if (other && other.out !== s.out) {
      const where = path.join(other.out, other.output);
      await record(failedRecord(entry.file, "duplicate", `${entry.file}: the same bytes as ${other.file}, queued for ${where} (sha256 ${sha.slice(0, 12)}…), converted once`, { sha256: sha }));
      continue;
    }
    // The first path of these bytes in this folder (kept across adds).
    await client.hsetnx(k.files(s.out), `sha:${sha}`, entry.file);
    const first = await client.hget(k.files(s.out), `sha:${sha}`);
    if (first !== entry.file) {
      await record(failedRecord(entry.file, "duplicate", `${entry.file}: the same bytes as ${first} (sha256 ${sha.slice(0, 12)}…), converted once`, { sha256: sha }));
      continue;
    }
    await list({ file: entry.file, sha });
    if (job) {
      counts.known++;
      log.info({ file: entry.file, sha256: sha }, "already queued");
      continue;
    }
    const data: DocJobData = {
      file: entry.file,
      source: sourcePath(typeof entry.real === "string" ? path.resolve(entry.real) : entry.real),
      out: s.out,
      output: await allocateName(client, k.names(s.out), outputStem(entry.file), sha),
      options: s.options,
      splitOver: s.splitOver,
      pagesPerJob: s.pagesPerJob,
    };
    // A job id BullMQ already holds is not added again (two adds racing convert once).
    await queue.add("doc", data, { jobId: sha });
    await client.sadd(k.known, sha);
    counts.added++;
    log.info({ file: entry.file, sha256: sha, output: data.output }, "queued");
  }
  return counts;
}

/**
 * `stem.json`, else `stem~2.json`… as `convert` names outputs, the names taken
 * in this folder shared by every add (compared case-folded); the same sha
 * gets its name back.
 */
async function allocateName(client: Redis, key: string, stem: string, sha: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = nthName(stem, n, ".json");
    if ((await client.hsetnx(key, fold(name), sha)) === 1) return name;
    if ((await client.hget(key, fold(name))) === sha) return name;
  }
}
