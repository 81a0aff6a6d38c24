/**
 * `queue status` and `queue manifest`: what the queue holds, read from
 * BullMQ's own states (documents completed or failed; page jobs are removed
 * once done, so those counts are documents) and the project's keys (the
 * documents' total, each output folder's list).
 */
import type { Redis } from "ioredis";
import path from "node:path";
import { failedRecord, type ManifestRecord } from "../run/record.js";
import { writeFileAtomic } from "../util/atomic.js";
import { keys, type DocJobData, type DocQueue, type OutEntry } from "./jobs.js";

export interface QueueCounts {
  /** Documents ever queued. */
  documents: number;
  /** Documents converted, and failed (bad input, or a job given up). */
  done: number;
  failed: number;
  /** Jobs (documents and page ranges) waiting to be taken, and in the workers' hands. */
  waiting: number;
  active: number;
  /** Documents split into page jobs, waiting for them. */
  split: number;
}

export async function queueCounts(client: Redis, queue: DocQueue, name: string): Promise<QueueCounts> {
  const [c, documents] = await Promise.all([
    queue.getJobCounts("waiting", "prioritized", "delayed", "active", "waiting-children", "completed", "failed"),
    client.scard(keys(name).known),
  ]);
  const n = (k: string) => c[k] ?? 0;
  return {
    documents,
    done: n("completed"),
    failed: n("failed"),
    waiting: n("waiting") + n("prioritized") + n("delayed"),
    active: n("active"),
    split: n("waiting-children"),
  };
}

export function describeCounts(c: QueueCounts): string {
  const left = Math.max(0, c.documents - c.done - c.failed);
  return `documents ${c.documents}: done ${c.done}, failed ${c.failed}, to go ${left} | jobs waiting ${c.waiting}, active ${c.active}, split documents waiting for their pages ${c.split}`;
}

export interface ManifestOutcome {
  records: ManifestRecord[];
  /** Inputs listed for the folder whose job has not finished. */
  pending: string[];
}

/**
 * The records of an output folder's inputs, in the order they were added:
 * the converted ones (the job's result), the failed ones (the record the
 * worker left, or one made from BullMQ's reason when a job was given up), and
 * those recorded when added. Unfinished jobs are listed in `pending`.
 */
export async function folderRecords(client: Redis, queue: DocQueue, name: string, out: string): Promise<ManifestOutcome> {
  const raw = await client.lrange(keys(name).list(out), 0, -1);
  const entries = raw.map((l) => JSON.parse(l) as OutEntry);
  const records: ManifestRecord[] = [];
  const pending: string[] = [];
  // Jobs are fetched a batch at a time (one round trip each, in flight together).
  const BATCH = 200;
  for (let i = 0; i < entries.length; i += BATCH) {
    const slice = entries.slice(i, i + BATCH);
    const jobs = await Promise.all(slice.map((e) => (e.sha ? queue.getJob(e.sha) : Promise.resolve(undefined))));
    slice.forEach((e, j) => {
      if (e.record) return void records.push(e.record);
      const job = jobs[j];
      if (job?.finishedOn && !job.failedReason && job.returnvalue) {
        records.push({ ...(job.returnvalue as ManifestRecord), file: e.file });
      } else if (job?.finishedOn && job.failedReason) {
        const d = job.data as DocJobData;
        records.push(d.record ? { ...d.record, file: e.file } : failedRecord(e.file, "crashed", `${e.file}: the queue gave the job up: ${job.failedReason}`, { sha256: e.sha ?? null }));
      } else {
        pending.push(e.file);
      }
    });
  }
  return { records, pending };
}

export async function writeQueueManifest(out: string, records: readonly ManifestRecord[], file: string): Promise<string> {
  const target = path.join(out, file);
  await writeFileAtomic(target, records.map((r) => JSON.stringify(r) + "\n").join(""));
  return target;
}
