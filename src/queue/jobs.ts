/**
 * What the queue holds. One BullMQ queue (default `piao-extract`) carries two
 * kinds of job:
 *
 * - `doc`: one input, its id the sha256 of its bytes (adding the same bytes
 *   again adds nothing). The worker converts it whole, or, for a PDF with more
 *   pages to OCR than `splitOver`, adds one `pages` child per range of pages,
 *   waits for them (BullMQ's waiting-children state: it holds no worker
 *   meanwhile) and assembles the document from their pages. A conversion that
 *   fails moves the job to BullMQ's `failed` with its manifest record in its
 *   data (no retry: bad input fails the same way every time).
 * - `pages`: OCR of a page range; its result (the pages, packed) is handed to
 *   its parent by BullMQ, and the job itself is removed.
 *
 * Beside BullMQ's keys, under the queue's own prefix (so that obliterating the
 * queue removes them too): the set of shas ever queued (the documents'
 * total), and for each output folder the output names taken, the path that
 * first brought each sha, and the list of paths in the order they were added
 * (the manifest's order).
 */
import type { Redis } from "ioredis";
import { Queue } from "bullmq";
import type { OcrPlan } from "../extract/pdf/index.js";
import type { PackedOcrPage } from "../extract/ocr/pack.js";
import type { JobOptions } from "../run/job.js";
import type { ManifestRecord } from "../run/record.js";
import { PREFIX } from "./settings.js";

export { DEFAULT_PAGES_PER_JOB, DEFAULT_QUEUE, DEFAULT_SPLIT_OVER } from "./settings.js";

/** A path to read: as given, or its bytes (base64) when the name is not UTF-8. */
export type SourcePath = string | { b64: string };

export interface DocJobData {
  /** The path as shown in records (as given to `queue add`). */
  file: string;
  source: SourcePath;
  /** The output folder (absolute) and the output's name in it. */
  out: string;
  output: string;
  options: JobOptions;
  /** Split PDFs with more pages to OCR than this; null: never. */
  splitOver: number | null;
  pagesPerJob: number;
  /** Set once the job was split: the pages its children OCR. */
  plan?: OcrPlan;
  /** Set once its page jobs were all added. */
  childrenAdded?: boolean;
  /** Set when the conversion failed: the manifest record. */
  record?: ManifestRecord;
}

export interface PagesJobData {
  file: string;
  source: SourcePath;
  sha256: string;
  pages: number[];
  scanDpi: Record<number, number>;
  options: JobOptions;
}

export interface PagesResult {
  record: ManifestRecord;
  pages?: PackedOcrPage[];
}

/** One line of an output folder's list: a queued input (by sha), or a record made when it was added. */
export interface OutEntry {
  file: string;
  sha?: string;
  record?: ManifestRecord;
}

export type DocQueue = Queue<DocJobData | PagesJobData, ManifestRecord | PagesResult, "doc" | "pages">;

export function openQueue(client: Redis, name: string): DocQueue {
  return new Queue(name, { connection: client, prefix: PREFIX });
}

export function keys(queue: string) {
  const base = `${PREFIX}:${queue}:piao`;
  return {
    /** Set: every sha ever queued. */
    known: `${base}:known`,
    /** Hash per output folder: folded output name → sha. */
    names: (out: string) => `${base}:names:${out}`,
    /** Hash per output folder: `sha:<sha>` → first path; `path:<path>` → 1 once listed. */
    files: (out: string) => `${base}:files:${out}`,
    /** List per output folder: OutEntry JSON, in the order added. */
    list: (out: string) => `${base}:list:${out}`,
  };
}

export function sourcePath(s: string | Uint8Array): SourcePath {
  return typeof s === "string" ? s : { b64: Buffer.from(s).toString("base64") };
}

export function readSourcePath(s: SourcePath): string | Uint8Array {
  return typeof s === "string" ? s : new Uint8Array(Buffer.from(s.b64, "base64"));
}

