/**
 * `piao-extract worker`: takes jobs from the queue and converts them through
 * the same pool of converter processes as `convert` (src/run/pool.ts), so a
 * native crash, a runaway allocation or an endless loop fails that one job
 * (its manifest record says `crashed`, `resource-limit`, `timeout`), never
 * the worker. Outputs are written atomically into the job's output folder by
 * the converter process, as `convert` writes them.
 *
 * A worker killed outright (SIGKILL, a lost machine) leaves its jobs locked:
 * BullMQ's stalled-job check gives them to another worker once the lock has
 * expired (`lockMs`), and since every output is written by rename, a job
 * converted twice leaves one whole file. SIGTERM/SIGINT: the jobs in hand
 * finish, no new one is taken.
 */
import type { Logger } from "pino";
import type { Redis } from "ioredis";
import { UnrecoverableError, WaitingChildrenError, Worker, type Job } from "bullmq";
import { stat } from "node:fs/promises";
import type { ConvertJob, JobResult } from "../run/job.js";
import type { ConversionPool } from "../run/pool.js";
import { failedRecord, type ManifestRecord } from "../run/record.js";
import { describeFsError } from "../util/fserror.js";
import type { PackedOcrPage } from "../extract/ocr/pack.js";
import { readSourcePath, type DocJobData, type DocQueue, type PagesJobData, type PagesResult } from "./jobs.js";
import { PREFIX } from "./redis.js";

export interface WorkerSettings {
  queue: string;
  concurrency: number;
  /** How long a job's lock lasts without renewal (a dead worker's jobs are taken up after it). */
  lockMs: number;
}

type AnyJob = Job<DocJobData | PagesJobData, ManifestRecord | PagesResult, "doc" | "pages">;

export interface RunningWorker {
  /** Finishes the jobs in hand, takes no new one, then resolves (`force`: leaves them to their locks' expiry). */
  close(force?: boolean): Promise<void>;
  /** Documents finished by this worker (ok or failed), page jobs done. */
  readonly counts: { ok: number; failed: number; pages: number };
}

export function startWorker(client: Redis, queue: DocQueue, pool: ConversionPool, s: WorkerSettings, log: Logger): RunningWorker {
  const counts = { ok: 0, failed: 0, pages: 0 };
  const run = async (job: ConvertJob): Promise<JobResult> => pool.run(job);

  const processor = async (job: AnyJob, token?: string): Promise<ManifestRecord | PagesResult> => {
    if (job.name === "pages") {
      const d = job.data as PagesJobData;
      const r = await run({
        file: d.file,
        source: readSourcePath(d.source),
        output: null,
        outDir: null,
        options: d.options,
        sha256: d.sha256,
        ocrPages: { pages: d.pages, scanDpi: d.scanDpi },
      });
      counts.pages++;
      log.info({ file: d.file, pages: d.pages, status: r.record.status, ms: r.record.ms }, "pages read");
      return r.pages ? { record: r.record, pages: r.pages } : { record: r.record };
    }
    const d = job.data as DocJobData;
    const fail = async (rec: ManifestRecord): Promise<never> => {
      counts.failed++;
      log.error(rec, "failed");
      await job.updateData({ ...d, record: rec });
      // No retry: bad input fails the same way every time.
      throw new UnrecoverableError(rec.error?.message ?? "failed");
    };
    const done = (rec: ManifestRecord): ManifestRecord => {
      if (rec.status !== "ok") return rec;
      counts.ok++;
      log.info(rec, "converted");
      return rec;
    };
    // The folder must be there (a worker whose shared folder is not mounted fails nothing silently).
    const there = await stat(d.out).then(
      (st) => (st.isDirectory() ? null : "not a folder"),
      (e: unknown) => describeFsError(e),
    );
    if (there !== null) return fail(failedRecord(d.file, "write-failed", `${d.file}: cannot write into ${d.out} on this worker: ${there}`));
    const base: ConvertJob = { file: d.file, source: readSourcePath(d.source), output: d.output, outDir: d.out, options: d.options, sha256: job.id! };

    let plan = d.plan;
    if (!plan) {
      const r = await run(d.splitOver !== null ? { ...base, splitOver: d.splitOver } : base);
      if (!r.plan) return r.record.status === "ok" ? done(r.record) : fail(r.record);
      plan = r.plan;
      await job.updateData({ ...d, plan });
      log.info({ file: d.file, pages: plan.pages, ocr: plan.ocr.length }, "split into page jobs");
    }
    if (!d.childrenAdded) {
      // Ids of their own: added again after a crash half-way, those still there are not duplicated.
      for (let i = 0; i < plan.ocr.length; i += d.pagesPerJob) {
        const pages = plan.ocr.slice(i, i + d.pagesPerJob);
        const data: PagesJobData = { file: d.file, source: d.source, sha256: job.id!, pages, scanDpi: plan.scanDpi, options: d.options };
        await queue.add("pages", data, {
          jobId: `${job.id}-p${pages[0]}-${pages[pages.length - 1]}`,
          parent: { id: job.id!, queue: job.queueQualifiedName },
          // Ahead of the documents waiting: a started document finishes first.
          lifo: true,
          // Its result is kept by the parent; done page jobs do not count as documents.
          removeOnComplete: true,
          failParentOnFailure: true,
        });
      }
      // Never again: a done page job is removed, and adding it again would read its pages again.
      await job.updateData({ ...d, plan, childrenAdded: true });
    }
    if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
    const values = Object.values(await job.getChildrenValues<PagesResult>());
    const bad = values.find((v) => v.record.status !== "ok");
    if (bad) return fail({ ...bad.record, file: d.file });
    const packed: PackedOcrPage[] = values.flatMap((v) => v.pages ?? []);
    const r = await run({ ...base, ocrDone: packed });
    return r.record.status === "ok" ? done(r.record) : fail(r.record);
  };

  const worker = new Worker<DocJobData | PagesJobData, ManifestRecord | PagesResult, "doc" | "pages">(s.queue, processor, {
    connection: client,
    prefix: PREFIX,
    concurrency: s.concurrency,
    lockDuration: s.lockMs,
    stalledInterval: s.lockMs,
    // A job whose worker died twice (it kills workers?) fails rather than go round for ever.
    maxStalledCount: 2,
  });
  worker.on("error", (e) => log.warn({ err: e.message }, "queue connection"));
  worker.on("failed", (job, e) => {
    if (!job || e instanceof UnrecoverableError || e.name === "UnrecoverableError") return;
    log.error({ file: (job.data as DocJobData).file, job: job.id, err: e.message }, "job failed");
  });
  return {
    counts,
    close: async (force = false) => {
      await worker.close(force);
    },
  };
}
