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
import { convertBufferWithSource, DEFAULT_MAX_BYTES, type ConvertOptions } from "../convert.js";
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
}

export interface JobResult {
  record: ManifestRecord;
  /** With `wantDoc`, on success. */
  doc?: PiaoDocument;
  /** Without `outDir`, on success: the compact JSON document and a newline. */
  line?: string;
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
  const done = (rec: ManifestRecord): JobResult => {
    rec.ms = Math.round(performance.now() - t0);
    return { record: rec };
  };
  const max = job.options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    bytes = await readInput(job.source, file, max);
  } catch (e) {
    if (e instanceof InputError) return done(failedRecord(file, e.code, e.message));
    return done(failedRecord(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "not-found" : "unreadable", `${file}: cannot read (${describeFsError(e)})`));
  }

  let doc: PiaoDocument;
  let extracted: SourceDoc;
  try {
    const opts: ConvertOptions = { ...job.options, maxBytes: max, logger: deps.log };
    if (deps.onPage) opts.onPage = deps.onPage;
    ({ doc, source: extracted } = await convertBufferWithSource(bytes, path.basename(file), opts));
  } catch (e) {
    const kind = sniffKind(bytes, file);
    const extra = { sha256: sha256(bytes), kind };
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
