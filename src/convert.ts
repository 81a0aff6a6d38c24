/**
 * The pipeline: bytes → SourceDoc (extract/, layout/) → canonical objectives
 * (parse/, normalize/) → issues (reconcile/) → validated document (model/).
 * One document flows one way through the stages; nothing here knows a layout.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { InputError, type OcrMode, type SourceDoc } from "./doc/source.js";
import { DEFAULT_MAX_BYTES } from "./doc/limits.js";
import { sniff } from "./extract/sniff.js";
import { extractText } from "./extract/text.js";
import type { ExtractPdfOptions } from "./extract/pdf/index.js";
import { parseDocument } from "./parse/index.js";
import { reconcile } from "./reconcile/index.js";
import { PiaoDocument, SCHEMA_ID, type Issue } from "./model/schema.js";
import { validAsItIs } from "./model/shape-order.js";

export interface ConvertOptions {
  /** Refuse inputs larger than this many bytes (default 256 MiB). */
  maxBytes?: number;
  /**
   * OCR routing. auto (default): PDF pages without a usable text layer are
   * OCR'd, the others read from their text; images are OCR'd. always: every
   * PDF page is OCR'd. never: image-only PDFs are refused (`no-text-layer`),
   * images too (`unsupported`).
   */
  ocr?: OcrMode;
  /** Confidence (0–100) under which an OCR'd field raises `ocr.low-confidence`. */
  ocrThreshold?: number;
  /** Refuse PDFs and multi-page TIFFs with more pages than this (default 5000). */
  maxPages?: number;
  /** Called as pages finish (pages done, pages in the document), for a progress bar. */
  onPage?: (done: number, total: number) => void;
  logger?: Logger;
}

export { DEFAULT_MAX_BYTES };

/** Reads one input file and converts it; throws InputError naming the cause. */
export async function convertFile(file: string, opts: ConvertOptions = {}): Promise<PiaoDocument> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // The same codes as the CLI's manifest: not-found for a missing path, unsupported for a FIFO or a device.
  const st = await stat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") throw new InputError(`${file}: no such file or folder`, "not-found");
    throw new InputError(`${file}: cannot read (${e.code ?? e.message})`, e.code === "ELOOP" ? "loop" : "unreadable");
  });
  if (!st.isFile()) throw new InputError(`${file}: not a regular file`, st.isDirectory() ? "unreadable" : "unsupported");
  if (st.size > max) throw new InputError(`${file}: ${st.size} bytes exceeds the ${max}-byte limit`, "too-large");
  const bytes = await readFile(file);
  return convertBuffer(bytes, path.basename(file), opts);
}

/** Converts the bytes of one attachment; `file` is the name recorded in `source.file`. */
export async function convertBuffer(
  bytes: Uint8Array,
  file: string,
  opts: ConvertOptions = {},
): Promise<PiaoDocument> {
  return (await convertBufferWithSource(bytes, file, opts)).doc;
}

/**
 * Like convertBuffer, also returning the extracted source (rows and, for PDFs
 * and scans, the positioned words per page) for the spot-check report.
 */
export async function convertBufferWithSource(
  bytes: Uint8Array,
  file: string,
  opts: ConvertOptions = {},
  pdf: PdfSplitOptions = {},
): Promise<{ doc: PiaoDocument; source: SourceDoc }> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const source = await extract(bytes, file, sha256, opts, pdf);
  return { doc: buildDocument(source, opts), source };
}

/**
 * How the queue spreads a large scan over workers (src/queue): stop before OCR
 * with a plan (`splitOver`, extractPdf throws OcrSplit), or take pages OCR'd
 * elsewhere (`ocrDone`). Other inputs ignore them.
 */
export type PdfSplitOptions = Pick<ExtractPdfOptions, "splitOver" | "ocrDone">;

async function extract(bytes: Uint8Array, file: string, sha256: string, opts: ConvertOptions, pdf: PdfSplitOptions = {}): Promise<SourceDoc> {
  const kind = sniff(bytes, file);
  const ocr = opts.ocr ?? "auto";
  const common = {
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
    ...(opts.ocrThreshold !== undefined ? { ocrThreshold: opts.ocrThreshold } : {}),
    ...(opts.onPage ? { onProgress: opts.onPage } : {}),
  };
  switch (kind) {
    case "text":
      return extractText(bytes, file, sha256);
    case "pdf": {
      const { extractPdf } = await import("./extract/pdf/index.js");
      return extractPdf(bytes, file, sha256, { ...common, ocr, ...pdf });
    }
    case "image": {
      if (ocr === "never") throw new InputError(`${file}: unsupported: an image can only be read by OCR, and OCR is disabled (--ocr never)`, "unsupported");
      // Loaded on demand: text and PDF conversions never load tesseract.js.
      const { extractImage } = await import("./extract/ocr/index.js");
      return extractImage(bytes, file, sha256, common);
    }
  }
}

/** Parse, reconcile and validate an extracted source. */
export function buildDocument(source: SourceDoc, opts: ConvertOptions = {}): PiaoDocument {
  const parsed = parseDocument(source);
  const draft: PiaoDocument = {
    schema: SCHEMA_ID,
    source: {
      file: source.file,
      sha256: source.sha256,
      kind: source.kind,
      pages: source.pages,
      ocr: source.ocr,
    },
    document: parsed.document,
    objectives: parsed.objectives,
    issues: [],
  };
  const issues: Issue[] = reconcile(draft, {
    notes: source.notes,
    parseNotes: parsed.notes,
    ...(opts.ocrThreshold !== undefined ? { ocrThreshold: opts.ocrThreshold } : {}),
  });
  draft.issues = issues;
  // Validation is the contract's gate: a document that does not validate is a bug, not output.
  // (A valid draft whose objects hold the shapes' keys in the shapes' order is what the parse would copy
  // it into: it is checked without building that copy, most of validation's cost and garbage.)
  if (validAsItIs(draft)) return draft;
  const checked = PiaoDocument.safeParse(draft);
  if (!checked.success) {
    throw new Error(`${source.file}: internal error, output does not match the contract: ${checked.error.message}`);
  }
  return checked.data;
}
