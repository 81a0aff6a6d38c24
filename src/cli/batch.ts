/**
 * `piao-extract convert`: many inputs, one output folder (or stdout).
 *
 * Each input ends as one output file or one failed manifest record; a failure
 * never stops the batch. Output names are allocated up front from the input
 * list alone, so a rerun gives every input the same name whatever failed.
 */
import { mkdir, open, readFile, realpath, rm, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { ConvertOptions } from "../convert.js";
import { InputError, type SourceDoc } from "../doc/source.js";
import { sniff } from "../extract/sniff.js";
import type { PiaoDocument } from "../model/schema.js";
import { CSV_FILES, CsvReport } from "../report/csv.js";
import { tempPathFor } from "../util/atomic.js";
import { NameAllocator, outputStem } from "../util/names.js";
import type { Progress } from "../util/progress.js";
import { collectInputs, type InputEntry } from "../util/walk.js";
import type { ConvertArgs } from "./args.js";
import { defaultWriteFile, type CliIo, type TextOut } from "./io.js";
import { configureOcrModel, shutdownOcr } from "./ocr.js";

export const MANIFEST = "manifest.jsonl";

export type FailureCode = InputError["code"] | "not-found" | "write-failed" | "internal";

export interface ManifestRecord {
  file: string;
  output: string | null;
  sha256: string | null;
  status: "ok" | "failed";
  kind: "text" | "pdf" | "scan" | null;
  pages: number | null;
  objectives: number | null;
  steps: number | null;
  kpis: number | null;
  issues: { error: number; warning: number; info: number } | null;
  error: { code: FailureCode; message: string } | null;
  ms: number;
  /**
   * With --report: the report written (and, for OCR'd inputs, the words
   * sidecar), or why not. A report failure never fails the conversion.
   */
  report?: { output: string | null; words: string | null; error: string | null };
}

export class FatalError extends Error {
  override name = "FatalError";
}

interface BatchContext {
  args: ConvertArgs;
  io: CliIo;
  log: Logger;
  stop: AbortSignal;
  convert: (bytes: Uint8Array, file: string, opts: ConvertOptions) => Promise<{ doc: PiaoDocument; source: SourceDoc }>;
  maxBytes: number;
  onPage: (done: number, total: number) => void;
}

export interface BatchResult {
  records: ManifestRecord[];
  interrupted: boolean;
}

/** Checks (and creates) the output folder before any work, so a bad --out costs nothing. */
export async function prepareOutDir(out: string): Promise<string> {
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new FatalError(`cannot create output folder '${out}': ${describeFsError(e)}`);
  }
  const st = await stat(out).catch((e: unknown) => {
    throw new FatalError(`cannot use output folder '${out}': ${describeFsError(e)}`);
  });
  if (!st.isDirectory()) throw new FatalError(`cannot use output folder '${out}': it exists and is not a folder`);
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

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    EEXIST: "a file with that name is in the way",
    ENOTDIR: "part of the path is a file, not a folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    ENAMETOOLONG: "name too long",
    ENOENT: "no such file or folder",
  };
  const text = err.code ? why[err.code] : undefined;
  return text ? `${text} (${err.code})` : (err.message ?? String(e));
}

export async function runBatch(
  args: ConvertArgs,
  io: CliIo,
  log: Logger,
  stop: AbortSignal,
  progress: Pick<Progress, "setTotal" | "start" | "tick" | "page">,
): Promise<BatchResult> {
  const outReal = args.out !== null ? await prepareOutDir(args.out) : null;
  const entries = await collectInputs(args.inputs, { exclude: outReal ? [outReal] : [], logger: log });
  if (entries.length === 0) log.warn({ inputs: args.inputs }, "no input files found");
  progress.setTotal(entries.length);

  // Loaded here, not at start-up: --help, --version and usage errors stay instant.
  const { convertBufferWithSource, DEFAULT_MAX_BYTES } = await import("../convert.js");
  if (args.ocrModel !== undefined) await configureOcrModel(args.ocrModel);
  const ctx: BatchContext = {
    args,
    io,
    log,
    stop,
    convert: convertBufferWithSource,
    maxBytes: args.maxBytes ?? DEFAULT_MAX_BYTES,
    onPage: (done, total) => progress.page(done, total),
  };

  const names = new NameAllocator(".json");
  const planned = entries.map((e) => (e.error ? null : names.allocate(outputStem(e.file))));
  const csv = args.csv ? new CsvReport() : null;
  const records: ManifestRecord[] = [];
  let ocrUsed = false;
  const interrupted = await eachEntry(entries, stop, progress, log, () => ocrUsed, async (entry, i) => {
    const { record, doc } = await convertOne(ctx, entry, planned[i] ?? null);
    records.push(record);
    if (record.kind === "scan") ocrUsed = true;
    if (doc && csv && record.output) csv.add(doc, record.output);
    if (record.status === "ok") log.info(record, "converted");
    else log.error(record, "failed");
  });

  if (args.out !== null) await writeSummaries(ctx, args.out, records, csv);
  return { records, interrupted };
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

async function convertOne(
  ctx: BatchContext,
  entry: InputEntry,
  output: string | null,
): Promise<{ record: ManifestRecord; doc: PiaoDocument | null }> {
  const t0 = performance.now();
  const rec: ManifestRecord = {
    file: entry.file,
    output: null,
    sha256: null,
    status: "failed",
    kind: null,
    pages: null,
    objectives: null,
    steps: null,
    kpis: null,
    issues: null,
    error: null,
    ms: 0,
  };
  const failed = (code: FailureCode, message: string) => {
    rec.error = { code, message };
    rec.ms = Math.round(performance.now() - t0);
    return { record: rec, doc: null };
  };
  if (entry.error || output === null) {
    return failed(entry.error?.code ?? "unreadable", entry.error?.message ?? `${entry.file}: cannot read`);
  }

  const { args } = ctx;
  const max = ctx.maxBytes;
  const source = entry.real ?? entry.file;
  let bytes: Buffer;
  try {
    const st = await stat(source);
    if (!st.isFile()) return failed("unreadable", `${entry.file}: not a regular file`);
    // Refuse before reading: an oversized input must not cost its size in memory.
    if (st.size > max) return failed("too-large", `${entry.file}: ${st.size} bytes exceeds the ${max}-byte limit (--max-bytes)`);
    bytes = await readFile(source);
  } catch (e) {
    return failed("unreadable", `${entry.file}: cannot read (${describeFsError(e)})`);
  }
  if (bytes.length > max) {
    return failed("too-large", `${entry.file}: ${bytes.length} bytes exceeds the ${max}-byte limit (--max-bytes)`);
  }

  let doc: PiaoDocument;
  let extracted: SourceDoc;
  try {
    const opts: ConvertOptions = { maxBytes: max, logger: ctx.log, onPage: ctx.onPage };
    if (args.ocr !== undefined) opts.ocr = args.ocr;
    if (args.ocrThreshold !== undefined) opts.ocrThreshold = args.ocrThreshold;
    if (args.maxPages !== undefined) opts.maxPages = args.maxPages;
    ({ doc, source: extracted } = await ctx.convert(bytes, path.basename(entry.file), opts));
  } catch (e) {
    rec.sha256 = sha256(bytes);
    rec.kind = sniffKind(bytes, entry.file);
    if (e instanceof InputError) return failed(e.code, e.message);
    ctx.log.debug({ err: e, file: entry.file }, "internal error");
    const as = rec.kind === "pdf" ? "PDF" : rec.kind === "scan" ? "image" : rec.kind;
    return failed("internal", `${entry.file}: internal error converting it${as ? ` as ${as}` : ""}: ${(e as Error)?.message ?? String(e)}`);
  }

  rec.sha256 = doc.source.sha256;
  rec.kind = doc.source.kind;
  rec.pages = doc.source.pages;
  rec.objectives = doc.objectives.length;
  rec.steps = doc.objectives.reduce((n, o) => n + o.steps.length, 0);
  rec.kpis = doc.objectives.reduce((n, o) => n + o.kpis.length + o.steps.filter((s) => s.kpi !== null).length, 0);
  rec.issues = { error: 0, warning: 0, info: 0 };
  for (const issue of doc.issues) rec.issues[issue.severity]++;

  try {
    if (args.stdout) {
      await writeLine(ctx.io.stdout, JSON.stringify(doc) + "\n", ctx.stop);
    } else {
      const write = ctx.io.writeFile ?? defaultWriteFile;
      await write(path.join(args.out!, output), JSON.stringify(doc, null, 2) + "\n");
      rec.output = output;
    }
  } catch (e) {
    const where = args.stdout ? "stdout" : path.join(args.out!, output);
    return failed("write-failed", `${entry.file}: cannot write ${where}: ${describeFsError(e)}`);
  }
  rec.status = "ok";
  if (args.report && !args.stdout) rec.report = await writeReport(ctx, entry.file, output, doc, extracted, bytes);
  rec.ms = Math.round(performance.now() - t0);
  return { record: rec, doc };
}

/**
 * --report: `<name>.report.html` from the source in memory, and for OCR'd
 * inputs the `<name>.words.json` sidecar that lets `report` run again later
 * without OCR. Any failure is logged and recorded, never raised.
 */
async function writeReport(
  ctx: BatchContext,
  file: string,
  output: string,
  doc: PiaoDocument,
  source: SourceDoc,
  bytes: Uint8Array,
): Promise<NonNullable<ManifestRecord["report"]>> {
  const out = ctx.args.out!;
  const write = ctx.io.writeFile ?? defaultWriteFile;
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
    const pages = doc.source.kind === "text" ? [] : await reportPages(bytes, doc.source.file, words, { pageCount: doc.source.pages, onPage: ctx.onPage });
    const opts = ctx.args.ocrThreshold !== undefined ? { ocrThreshold: ctx.args.ocrThreshold } : {};
    const name = output.replace(/\.json$/, REPORT_EXT);
    await write(path.join(out, name), renderReport(doc, pages, opts));
    result.output = name;
  } catch (e) {
    result.error = `${file}: cannot make the report: ${describeFsError(e)}`;
    ctx.log.error({ file, err: result.error }, "report failed (the conversion stands)");
  }
  return result;
}

/** Writes one chunk, waiting for the pipe to drain so a slow reader bounds memory. */
function writeLine(out: TextOut, chunk: string, stop: AbortSignal): Promise<void> {
  if (out.write(chunk) || !out.once) return Promise.resolve();
  return new Promise((resolve) => {
    out.once!("drain", resolve);
    stop.addEventListener("abort", () => resolve(), { once: true });
  });
}

async function writeSummaries(ctx: BatchContext, out: string, records: ManifestRecord[], csv: CsvReport | null): Promise<void> {
  const write = ctx.io.writeFile ?? defaultWriteFile;
  const files: [string, string][] = [[MANIFEST, records.map((r) => JSON.stringify(r) + "\n").join("")]];
  if (csv) for (const f of CSV_FILES) files.push([f, csv.render(f)]);
  for (const [name, data] of files) {
    try {
      await write(path.join(out, name), data);
    } catch (e) {
      throw new FatalError(`cannot write ${path.join(out, name)}: ${describeFsError(e)}`);
    }
  }
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
