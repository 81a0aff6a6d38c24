/**
 * One input → one output file (or JSON line) and its manifest record. The
 * same function runs in the batch's own process (`--jobs 0`) and inside a
 * child of the pool (src/run/child.ts), so both give the same records.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { convertBufferWithSource, DEFAULT_MAX_BYTES, type ConvertOptions, type PdfSplitOptions } from "../convert.js";
import { packOcrPage, unpackOcrPage, type PackedOcrPage } from "../extract/ocr/pack.js";
import type { OcrSplit, OcrPlan } from "../extract/pdf/index.js";
import { InputError, type OcrMode, type SourceDoc } from "../doc/source.js";
import { sniff } from "../extract/sniff.js";
import type { PiaoDocument } from "../model/schema.js";
import { writeFileAtomic } from "../util/atomic.js";
import { describeFsError } from "../util/fserror.js";
import { failedRecord, type FailureCode, type ManifestRecord } from "./record.js";

/** What a conversion may use: the same settings as `ConvertOptions`, as plain data (it crosses a process boundary). */
export interface JobOptions {
  maxBytes?: number;
  maxPages?: number;
  ocr?: OcrMode;
  ocrThreshold?: number;
}

export interface ConvertJob {
  /** The path as shown in records and messages. */
  file: string;
  /** Where to read it: the path, or its bytes when the name is not valid UTF-8. */
  source: string | Uint8Array;
  /** Output file name inside `outDir` (allocated by the caller); null when the JSON is returned as `line`. */
  output: string | null;
  outDir: string | null;
  /** Also return the document (the caller builds CSVs across the batch). */
  wantDoc?: boolean;
  /** Also write `<name>.report.html` (and `<name>.words.json` for OCR'd inputs) into `outDir`. */
  report?: boolean;
  options: JobOptions;
  /** The sha256 the input must have (the queue's job id): other bytes fail as `changed`. */
  sha256?: string;
  /**
   * A PDF with more pages to OCR than this is not converted: the result
   * carries the plan (`plan`) and nothing is written (the queue splits it).
   */
  splitOver?: number;
  /** Pages OCR'd by page jobs (packOcrPage), used instead of OCRing them again. */
  ocrDone?: PackedOcrPage[];
  /**
   * A page job: OCR these pages of the PDF and return them packed (`pages`);
   * nothing is converted or written.
   */
  ocrPages?: { pages: number[]; scanDpi: Record<number, number> };
}

export interface JobResult {
  record: ManifestRecord;
  /** With `wantDoc`, on success. */
  doc?: PiaoDocument;
  /** Without `outDir`, on success: the compact JSON document and a newline. */
  line?: string;
  /** With `splitOver`, for a PDF over it: which pages to OCR (no document was made). */
  plan?: OcrPlan;
  /** With `ocrPages`, on success: the pages read, packed. */
  pages?: PackedOcrPage[];
}

export interface JobDeps {
  log: Logger;
  onPage?: (done: number, total: number) => void;
  /** How files are written (atomic by default; tests inject failures in-process). */
  writeFile?: (file: string, data: string) => Promise<void>;
}

export async function convertJob(job: ConvertJob, deps: JobDeps): Promise<JobResult> {
  const t0 = performance.now();
  const file = job.file;
  const done = (rec: ManifestRecord, extra: Omit<JobResult, "record"> = {}): JobResult => {
    rec.ms = Math.round(performance.now() - t0);
    return { record: rec, ...extra };
  };
  const max = job.options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    bytes = await readInput(job.source, file, max);
  } catch (e) {
    if (e instanceof InputError) return done(failedRecord(file, e.code, e.message));
    return done(failedRecord(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "not-found" : "unreadable", `${file}: cannot read (${describeFsError(e)})`));
  }
  if (job.sha256 !== undefined && sha256(bytes) !== job.sha256) {
    const now = sha256(bytes);
    return done(failedRecord(file, "changed", `${file}: its bytes changed since it was queued (sha256 ${now.slice(0, 12)}…, queued ${job.sha256.slice(0, 12)}…)`, { sha256: now }));
  }
  if (job.ocrPages) {
    const [rec, extra] = await ocrPagesJob(job, job.ocrPages, bytes, deps);
    return done(rec, extra);
  }

  let doc: PiaoDocument;
  let extracted: SourceDoc;
  try {
    const opts: ConvertOptions = { ...job.options, maxBytes: max, logger: deps.log };
    if (deps.onPage) opts.onPage = deps.onPage;
    const pdf: PdfSplitOptions = {};
    if (job.splitOver !== undefined) pdf.splitOver = job.splitOver;
    if (job.ocrDone) pdf.ocrDone = new Map(job.ocrDone.map((p) => unpackOcrPage(p)).map((p) => [p.geom.page, p]));
    ({ doc, source: extracted } = await convertBufferWithSource(bytes, path.basename(file), opts, pdf));
  } catch (e) {
    const kind = sniffKind(bytes, file);
    const extra = { sha256: sha256(bytes), kind };
    // Loaded on demand as convert() loads the PDF extractor: known by its name.
    if (e instanceof Error && e.name === "OcrSplit") {
      const plan = (e as OcrSplit).plan;
      return done(bareRecord(file, { ...extra, kind: "scan", pages: plan.pages }), { plan });
    }
    if (e instanceof InputError) return done(failedRecord(file, e.code, e.message, extra));
    deps.log.debug({ err: e, file }, "internal error");
    const as = kind === "pdf" ? "PDF" : kind === "scan" ? "image" : kind;
    const why = e instanceof RangeError && /call stack/i.test(e.message) ? "input nested too deeply (stack overflow)" : ((e as Error)?.message ?? String(e));
    return done(failedRecord(file, "internal", `${file}: internal error converting it${as ? ` as ${as}` : ""}: ${why}`, extra));
  }

  const rec = okRecord(file, doc);
  const result: JobResult = { record: rec };
  const write = deps.writeFile ?? ((f: string, d: string) => writeFileAtomic(f, d));
  if (job.outDir === null || job.output === null) {
    result.line = JSON.stringify(doc) + "\n";
  } else {
    const target = path.join(job.outDir, job.output);
    try {
      await write(target, JSON.stringify(doc, null, 2) + "\n");
    } catch (e) {
      const failed = failedRecord(file, "write-failed", `${file}: cannot write ${target}: ${describeFsError(e)}`, { sha256: rec.sha256, kind: rec.kind });
      return done(failed);
    }
    rec.output = job.output;
    if (job.report) rec.report = await writeReport(job.outDir, job.output, file, doc, extracted, bytes, deps, write, job.options);
  }
  if (job.wantDoc) result.doc = doc;
  rec.ms = Math.round(performance.now() - t0);
  return result;
}

/** A page job: the pages OCR'd and packed, or a failed record naming the file. */
async function ocrPagesJob(job: ConvertJob, want: NonNullable<ConvertJob["ocrPages"]>, bytes: Buffer, deps: JobDeps): Promise<[ManifestRecord, Pick<JobResult, "pages">]> {
  const file = job.file;
  const extra = { sha256: sha256(bytes), kind: "scan" as const };
  try {
    const { ocrPdfPages } = await import("../extract/ocr/index.js");
    let finished = 0;
    deps.onPage?.(0, want.pages.length);
    const read = await ocrPdfPages(bytes, path.basename(file), want.pages, {
      logger: deps.log,
      onPage: () => deps.onPage?.(++finished, want.pages.length),
      scanDpi: (p) => want.scanDpi[p],
    });
    return [bareRecord(file, { ...extra, pages: read.length }), { pages: read.map(packOcrPage) }];
  } catch (e) {
    if (e instanceof InputError) return [failedRecord(file, e.code, e.message, extra), {}];
    const why = (e as Error)?.message ?? String(e);
    return [failedRecord(file, "internal", `${file}: internal error reading pages ${want.pages.join(", ")} by OCR: ${why}`, extra), {}];
  }
}

/** An `ok` record of an input read but not converted into a document (a plan, a page job's pages). */
function bareRecord(file: string, extra: Partial<ManifestRecord>): ManifestRecord {
  return { ...failedRecord(file, "internal", "", extra), status: "ok", error: null };
}

function okRecord(file: string, doc: PiaoDocument): ManifestRecord {
  const issues = { error: 0, warning: 0, info: 0 };
  for (const issue of doc.issues) issues[issue.severity]++;
  return {
    file,
    output: null,
    sha256: doc.source.sha256,
    status: "ok",
    kind: doc.source.kind,
    pages: doc.source.pages,
    objectives: doc.objectives.length,
    steps: doc.objectives.reduce((n, o) => n + o.steps.length, 0),
    kpis: doc.objectives.reduce((n, o) => n + o.kpis.length + o.steps.filter((s) => s.kpi !== null).length, 0),
    issues,
    error: null,
    ms: 0,
  };
}

/**
 * Reads an input without ever blocking on it: opened non-blocking (a FIFO
 * swapped in after the walk does not hang the read), checked to be a regular
 * file on the open handle, refused over `max` before a byte is read.
 */
export async function readInput(source: string | Uint8Array, file: string, max: number): Promise<Buffer> {
  const p = typeof source === "string" ? source : Buffer.from(source);
  const fh = await open(p, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new InputError(`${file}: not a regular file`, st.isDirectory() ? "unreadable" : "unsupported");
    if (st.size > max) throw new InputError(`${file}: ${st.size} bytes exceeds the ${max}-byte limit (--max-bytes)`, "too-large");
    const bytes = await fh.readFile();
    if (bytes.length > max) throw new InputError(`${file}: ${bytes.length} bytes exceeds the ${max}-byte limit (--max-bytes)`, "too-large");
    return bytes;
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/**
 * --report: `<name>.report.html` from the source in memory, and for OCR'd
 * inputs the `<name>.words.json` sidecar that lets `report` run again later
 * without OCR. Any failure is logged and recorded, never raised.
 */
async function writeReport(
  out: string,
  output: string,
  file: string,
  doc: PiaoDocument,
  source: SourceDoc,
  bytes: Uint8Array,
  deps: JobDeps,
  write: (file: string, data: string) => Promise<void>,
  options: JobOptions,
): Promise<NonNullable<ManifestRecord["report"]>> {
  const result: NonNullable<ManifestRecord["report"]> = { output: null, words: null, error: null };
  const words = source.geometry ?? [];
  try {
    // Loaded on demand: the rasterizer pulls in pdf.js and the canvas, and plain conversions need none of it.
    const [{ renderReport, REPORT_EXT }, { reportPages }, { wordsJson, wordsPathFor }] = await Promise.all([
      import("../report/html.js"),
      import("../report/pages.js"),
      import("../report/words.js"),
    ]);
    if (doc.source.kind === "scan" && words.length > 0) {
      const name = path.basename(wordsPathFor(output));
      await write(path.join(out, name), wordsJson(doc.source.file, doc.source.sha256, words));
      result.words = name;
    }
    const pageOpts = deps.onPage ? { pageCount: doc.source.pages, onPage: deps.onPage } : { pageCount: doc.source.pages };
    const pages = doc.source.kind === "text" ? [] : await reportPages(bytes, doc.source.file, words, pageOpts);
    const opts = options.ocrThreshold !== undefined ? { ocrThreshold: options.ocrThreshold } : {};
    const name = output.replace(/\.json$/, REPORT_EXT);
    await write(path.join(out, name), renderReport(doc, pages, opts));
    result.output = name;
  } catch (e) {
    result.error = `${file}: cannot make the report: ${describeFsError(e)}`;
    deps.log.error({ file, err: result.error }, "report failed (the conversion stands)");
  }
  return result;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function sniffKind(bytes: Uint8Array, file: string): ManifestRecord["kind"] {
  try {
    const k = sniff(bytes, path.basename(file));
    return k === "image" ? "scan" : k;
  } catch {
    return null;
  }
}

export type { FailureCode, ManifestRecord };
