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
 *
 * Inputs go a batch at a time (BATCH): read and hashed together, then a few
 * round trips for the whole batch (the jobs known, one pipeline of the
 * folder's hash in the walk's order, one RPUSH, one pipeline of name
 * scripts, one addBulk, one SADD) instead of ~10 round trips an input. Redis
 * runs a pipeline's commands in order, so every decision is the one the
 * input-by-input loop made (the same names, duplicates and list order).
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

/** Inputs read, hashed and looked up together: a few round trips to Redis a batch instead of ~10 an input. */
const BATCH = 64;
/** Output names tried in one round trip (`stem.json`, `stem~2.json`…); past them, one at a time. */
const NAME_TRIES = 8;

/** An input of a batch: its record when it cannot be queued, else its sha and what Redis knows of it. */
interface Item {
  file: string;
  real: string | Uint8Array | null;
  sha?: string;
  record?: ManifestRecord;
  /** The job of these bytes, if one is queued (from any folder). */
  job?: DocJobData | null;
  /** The first path of these bytes in this folder. */
  first?: string | null;
  /** Listed by this add (its path was not in the folder's list). */
  listed?: boolean;
  output?: string;
}

/**
 * A name taken in a folder's hash only if free or already this sha's: the
 * first of the candidates that is, its index (1-based), or 0 if none.
 * KEYS[1] the names hash; ARGV[1] the sha, then the candidates' folded names.
 */
const TAKE_NAME = `for i = 2, #ARGV do
  if redis.call("HSETNX", KEYS[1], ARGV[i], ARGV[1]) == 1 or redis.call("HGET", KEYS[1], ARGV[i]) == ARGV[1] then return i - 1 end
end
return 0`;

export async function addInputs(client: Redis, queue: DocQueue, s: AddSettings, log: Logger, stop: AbortSignal): Promise<AddCounts> {
  const k = keys(s.queue);
  const counts: AddCounts = { added: 0, known: 0, recorded: 0, failed: 0 };
  const entries = await collectInputs(s.inputs, { exclude: [s.out], logger: log });
  if (entries.length === 0) log.warn({ inputs: s.inputs }, "no input files found");
  const maxBytes = s.options.maxBytes ?? DEFAULT_MAX_BYTES;
  const files = k.files(s.out);
  /** Shas this add queued (the same path met twice queues once). */
  const added = new Set<string>();

  for (let at = 0; at < entries.length && !stop.aborted; at += BATCH) {
    // 1. Read and hash (the files of a batch in parallel); a path that cannot be read gets its failed record.
    const items: Item[] = await Promise.all(
      entries.slice(at, at + BATCH).map(async (entry): Promise<Item> => {
        if (entry.error || entry.real === null) {
          const err = entry.error ?? { code: "unreadable" as const, message: `${entry.file}: cannot read` };
          return { file: entry.file, real: null, record: failedRecord(entry.file, err.code, err.message) };
        }
        try {
          const sha = createHash("sha256")
            .update(await readInput(entry.real, entry.file, maxBytes))
            .digest("hex");
          return { file: entry.file, real: entry.real, sha };
        } catch (e) {
          if (e instanceof InputError) return { file: entry.file, real: null, record: failedRecord(entry.file, e.code, e.message) };
          const code = (e as NodeJS.ErrnoException).code === "ENOENT" ? "not-found" : "unreadable";
          return { file: entry.file, real: null, record: failedRecord(entry.file, code, `${entry.file}: cannot read (${describeFsError(e)})`) };
        }
      }),
    );
    const hashed = items.filter((it) => it.sha !== undefined);

    // 2. The jobs already queued for these bytes (requests in flight together).
    const jobs = await Promise.all(hashed.map((it) => queue.getJob(it.sha!)));
    hashed.forEach((it, i) => {
      const job = jobs[i];
      it.job = job && job.name === "doc" ? (job.data as DocJobData) : null;
      const other = it.job;
      if (other && other.out !== s.out) {
        const where = path.join(other.out, other.output);
        it.record = failedRecord(it.file, "duplicate", `${it.file}: the same bytes as ${other.file}, queued for ${where} (sha256 ${it.sha!.slice(0, 12)}…), converted once`, { sha256: it.sha! });
      }
      if (job) added.add(it.sha!);
    });

    // 3. In the walk's order, one pipeline: the first path of each sha in this folder (kept across adds),
    //    and each path listed once whatever the number of adds.
    const p = client.pipeline();
    for (const it of items) {
      if (!it.record) p.hsetnx(files, `sha:${it.sha}`, it.file).hget(files, `sha:${it.sha}`);
      p.hsetnx(files, `path:${it.file}`, "1");
    }
    const replies = answers(await p.exec());
    let r = 0;
    for (const it of items) {
      if (!it.record) {
        r++;
        it.first = replies[r++] as string | null;
        if (it.first !== it.file) {
          it.record = failedRecord(it.file, "duplicate", `${it.file}: the same bytes as ${it.first} (sha256 ${it.sha!.slice(0, 12)}…), converted once`, { sha256: it.sha! });
        }
      }
      it.listed = replies[r++] === 1;
    }
    const listed = items.filter((it) => it.listed);
    if (listed.length) await client.rpush(k.list(s.out), ...listed.map((it) => JSON.stringify((it.record ? { file: it.file, record: it.record } : { file: it.file, sha: it.sha }) satisfies OutEntry)));

    // 4. Names for the new jobs, in the walk's order, then the jobs (one round trip each).
    const fresh = items.filter((it) => !it.record && !added.has(it.sha!));
    const fresher = fresh.filter((it, i) => fresh.findIndex((o) => o.sha === it.sha) === i);
    await allocateNames(client, k.names(s.out), fresher);
    const data = fresher.map(
      (it): DocJobData => ({
        file: it.file,
        source: sourcePath(typeof it.real === "string" ? path.resolve(it.real) : it.real!),
        out: s.out,
        output: it.output!,
        options: s.options,
        splitOver: s.splitOver,
        pagesPerJob: s.pagesPerJob,
      }),
    );
    // A job id BullMQ already holds is not added again (two adds racing convert once).
    if (data.length) {
      await queue.addBulk(data.map((d, i) => ({ name: "doc" as const, data: d, opts: { jobId: fresher[i]!.sha! } })));
      await client.sadd(k.known, ...fresher.map((it) => it.sha!));
    }

    // 5. Counts and log lines, in the walk's order.
    const queuedNow = new Set(fresher);
    for (const it of items) {
      if (it.record) {
        if (!it.listed) continue;
        const rec = it.record;
        counts.recorded++;
        if (rec.status === "failed") counts.failed++;
        log[rec.status === "failed" ? "error" : "warn"](rec, rec.status === "failed" ? "not queued" : "skipped");
      } else if (queuedNow.has(it)) {
        counts.added++;
        log.info({ file: it.file, sha256: it.sha, output: it.output }, "queued");
      } else {
        counts.known++;
        log.info({ file: it.file, sha256: it.sha }, "already queued");
      }
    }
    for (const it of fresher) added.add(it.sha!);
  }
  return counts;
}

/** A pipeline's replies; an error in any of them is thrown. */
function answers(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error("Redis pipeline aborted (connection lost)");
  return results.map(([e, v]) => {
    if (e) throw e;
    return v;
  });
}

/**
 * `stem.json`, else `stem~2.json`… as `convert` names outputs, the names taken
 * in this folder shared by every add (compared case-folded); the same sha
 * gets its name back. The first NAME_TRIES candidates of every item are tried
 * by one script each, all in one pipeline, in order (so taken in the order a
 * loop over the items would take them); past those, one name at a time.
 */
async function allocateNames(client: Redis, key: string, items: Item[]): Promise<void> {
  if (items.length === 0) return;
  const p = client.pipeline();
  const stems = items.map((it) => outputStem(it.file));
  stems.forEach((stem, i) => {
    const folded = Array.from({ length: NAME_TRIES }, (_, n) => fold(nthName(stem, n + 1, ".json")));
    p.eval(TAKE_NAME, 1, key, items[i]!.sha!, ...folded);
  });
  const got = answers(await p.exec()) as number[];
  for (const [i, it] of items.entries()) {
    const stem = stems[i]!;
    if (got[i]! > 0) {
      it.output = nthName(stem, got[i]!, ".json");
      continue;
    }
    for (let n = NAME_TRIES + 1; ; n++) {
      const name = nthName(stem, n, ".json");
      if ((await client.hsetnx(key, fold(name), it.sha!)) === 1 || (await client.hget(key, fold(name))) === it.sha) {
        it.output = name;
        break;
      }
    }
  }
}
