/**
 * `piao-extract report`: a spot-check page for each converted JSON. The JSON
 * is what gets reviewed; the source attachment (found and verified by
 * sources.ts) only supplies the page images, and the word boxes come from the
 * `<name>.words.json` sidecar of an OCR'd input or else from extracting the
 * source again. A text export needs no source at all: it has no pages.
 * Like `convert`, one bad input never stops the batch.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import type { ConvertOptions } from "../convert.js";
import type { PageWords } from "../doc/source.js";
import { PiaoDocument } from "../model/schema.js";
import { renderReport, REPORT_EXT } from "../report/html.js";
import { reportPages } from "../report/pages.js";
import { isWordsFile, parseWordsFile, wordsPathFor } from "../report/words.js";
import { NameAllocator, outputStem } from "../util/names.js";
import type { Progress } from "../util/progress.js";
import { collectInputs, type InputEntry } from "../util/walk.js";
import type { ReportArgs } from "./args.js";
import { describeFsError, eachEntry, prepareOutDir } from "./batch.js";
import { defaultWriteFile, type CliIo } from "./io.js";
import { SKIPS } from "../run/record.js";
import { indexSources, locateSource, SourceError, type SourceIndex } from "./sources.js";

export type ReportFailure = "not-found" | "unreadable" | "too-large" | "not-a-document" | SourceError["code"] | "render-failed" | "write-failed";

export interface ReportRecord {
  file: string;
  output: string | null;
  /** The attachment the page images came from (null for text exports). */
  source: string | null;
  status: "ok" | "failed";
  error: { code: ReportFailure; message: string } | null;
  ms: number;
}

class ReportFailed extends Error {
  constructor(
    message: string,
    readonly code: ReportFailure,
  ) {
    super(message);
  }
}

interface Ctx {
  args: ReportArgs;
  log: Logger;
  index: SourceIndex;
  maxBytes: number;
  onPage: (done: number, total: number) => void;
  /** Set when a source was OCR'd again, so the OCR engine is shut down at the end. */
  ocrUsed: boolean;
}

export async function runReports(
  args: ReportArgs,
  io: CliIo,
  log: Logger,
  stop: AbortSignal,
  progress: Pick<Progress, "setTotal" | "start" | "tick" | "page">,
): Promise<{ records: ReportRecord[]; interrupted: boolean }> {
  await prepareOutDir(args.out);
  // The output folder is not skipped: reports are HTML, so it may well be the folder of the JSON files.
  const entries = (await collectInputs(args.inputs, { logger: log })).filter(
    (e) => e.error !== undefined || /\.json$/i.test(e.file),
  );
  if (entries.length === 0) log.warn({ inputs: args.inputs }, "no converted JSON files found");
  const { DEFAULT_MAX_BYTES } = await import("../convert.js");
  const ctx: Ctx = {
    args,
    log,
    index: await indexSources(args.sources, log),
    maxBytes: args.maxBytes ?? DEFAULT_MAX_BYTES,
    onPage: (done, total) => progress.page(done, total),
    ocrUsed: false,
  };
  progress.setTotal(entries.length);
  // Allocated up front in input order: a rerun gives each JSON the same report name whatever failed.
  const names = new NameAllocator(REPORT_EXT);
  const planned = entries.map((e) => names.allocate(outputStem(e.file)));
  const write = io.writeFile ?? defaultWriteFile;
  const records: ReportRecord[] = [];
  const interrupted = await eachEntry(entries, stop, progress, log, () => ctx.ocrUsed, async (entry, i) => {
    const rec = await reportEntry(ctx, entry, path.join(args.out, planned[i]!), write);
    if (!rec) return;
    records.push(rec);
    if (rec.status === "ok") log.info(rec, "report written");
    else log.error(rec, "report failed");
  });
  return { records, interrupted };
}

/** One JSON → one report file; null for a words sidecar met in a folder. */
async function reportEntry(
  ctx: Ctx,
  entry: InputEntry,
  target: string,
  write: (file: string, data: string) => Promise<void>,
): Promise<ReportRecord | null> {
  const t0 = performance.now();
  const rec: ReportRecord = { file: entry.file, output: null, source: null, status: "failed", error: null, ms: 0 };
  try {
    if (entry.error && SKIPS.has(entry.error.code)) {
      ctx.log.debug({ file: entry.file, why: entry.error.message }, "skipped");
      return null;
    }
    if (entry.error) throw new ReportFailed(entry.error.message, entry.error.code === "not-found" ? "not-found" : "unreadable");
    const made = await reportOne(ctx, entry.real ?? entry.file, entry.file);
    if (made === null) {
      ctx.log.debug({ file: entry.file }, "skipped: a words sidecar, not a converted document");
      return null;
    }
    try {
      await write(target, made.html);
    } catch (e) {
      throw new ReportFailed(`${entry.file}: cannot write ${target}: ${describeFsError(e)}`, "write-failed");
    }
    rec.output = path.basename(target);
    rec.source = made.source;
    rec.status = "ok";
  } catch (e) {
    rec.error =
      e instanceof ReportFailed || e instanceof SourceError
        ? { code: e.code, message: e.message }
        : { code: "render-failed", message: `${entry.file}: cannot make the report: ${(e as Error)?.message ?? String(e)}` };
  }
  rec.ms = Math.round(performance.now() - t0);
  return rec;
}

/** The report's HTML and the source it was drawn from; null for a words sidecar met in a folder. */
async function reportOne(ctx: Ctx, real: string | Uint8Array, file: string): Promise<{ html: string; source: string | null } | null> {
  const json = await readJson(real, file, ctx.maxBytes);
  if (isWordsFile(json)) return null;
  const checked = PiaoDocument.safeParse(json);
  if (!checked.success) {
    const first = checked.error.issues[0];
    const why = first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "invalid";
    throw new ReportFailed(`${file}: not a piao-objectives/1 document (${why})`, "not-a-document");
  }
  const doc = checked.data;
  const threshold = ctx.args.ocrThreshold !== undefined ? { ocrThreshold: ctx.args.ocrThreshold } : {};
  if (doc.source.kind === "text") return { html: renderReport(doc, [], threshold), source: null };

  const src = await locateSource(file, doc, ctx.index, ctx.maxBytes);
  const words = await wordsFor(ctx, file, doc, src.bytes);
  const pages = await reportPages(src.bytes, doc.source.file, words, { pageCount: doc.source.pages, onPage: ctx.onPage });
  return { html: renderReport(doc, pages, threshold), source: src.path };
}

async function readJson(source: string | Uint8Array, file: string, maxBytes: number): Promise<unknown> {
  const real = typeof source === "string" ? source : Buffer.from(source);
  let text: string;
  try {
    const st = await stat(real);
    if (!st.isFile()) throw new ReportFailed(`${file}: not a regular file`, "unreadable");
    if (st.size > maxBytes) throw new ReportFailed(`${file}: ${st.size} bytes exceeds the ${maxBytes}-byte limit (--max-bytes)`, "too-large");
    text = await readFile(real, "utf8");
  } catch (e) {
    if (e instanceof ReportFailed) throw e;
    throw new ReportFailed(`${file}: cannot read (${describeFsError(e)})`, "unreadable");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ReportFailed(`${file}: not JSON (${(e as Error).message})`, "not-a-document");
  }
}

/**
 * Word boxes: the sidecar when it belongs to this very source, else the
 * source's own text layer or OCR, extracted again. Boxes are an aid, not the
 * subject: when neither gives any, the report still shows the pages.
 */
async function wordsFor(ctx: Ctx, file: string, doc: PiaoDocument, bytes: Uint8Array): Promise<readonly PageWords[]> {
  const sidecar = wordsPathFor(file);
  const text = await readFile(sidecar, "utf8").catch(() => null);
  if (text !== null) {
    try {
      const words = parseWordsFile(text, sidecar);
      if (words.sha256 === doc.source.sha256) {
        ctx.log.debug({ file: sidecar }, "word boxes from the sidecar");
        return words.pages;
      }
      ctx.log.warn({ file: sidecar }, "words sidecar belongs to another version of the source; extracting the words again");
    } catch (e) {
      ctx.log.warn({ file: sidecar, err: (e as Error).message }, "words sidecar unusable; extracting the words again");
    }
  }
  const { convertBufferWithSource } = await import("../convert.js");
  const scan = doc.source.kind === "scan";
  const opts: ConvertOptions = {
    maxBytes: ctx.maxBytes,
    logger: ctx.log,
    ocr: scan ? "auto" : "never",
    onPage: ctx.onPage,
  };
  if (ctx.args.ocrThreshold !== undefined) opts.ocrThreshold = ctx.args.ocrThreshold;
  if (scan) ctx.ocrUsed = true;
  try {
    const { source } = await convertBufferWithSource(bytes, doc.source.file, opts);
    return source.geometry ?? [];
  } catch (e) {
    ctx.log.warn({ file, err: (e as Error)?.message ?? String(e) }, "cannot extract the source's words again; report without word boxes");
    return [];
  }
}
