/**
 * The pipeline: bytes → SourceDoc (extract/, layout/) → canonical objectives
 * (parse/, normalize/) → issues (reconcile/) → validated document (model/).
 * One document flows one way through the stages; nothing here knows a layout.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { InputError, type SourceDoc } from "./extract/types.js";
import { sniff } from "./extract/sniff.js";
import { extractText } from "./extract/text.js";
import { parseDocument } from "./parse/index.js";
import { reconcile } from "./reconcile/index.js";
import { PiaoDocument, SCHEMA_ID, type Issue } from "./model/schema.js";

export interface ConvertOptions {
  /** Refuse inputs larger than this many bytes (default 256 MiB). */
  maxBytes?: number;
  /** OCR routing for image-only pages: auto (default), always, never. */
  ocr?: "auto" | "always" | "never";
  /** Confidence (0–100) under which an OCR'd field raises `ocr.low-confidence`. */
  ocrThreshold?: number;
  logger?: Logger;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Reads one input file and converts it; throws InputError naming the cause. */
export async function convertFile(file: string, opts: ConvertOptions = {}): Promise<PiaoDocument> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const st = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read (${e.code ?? e.message})`, "unreadable");
  });
  if (!st.isFile()) throw new InputError(`${file}: not a regular file`, "unreadable");
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
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const source = await extract(bytes, file, sha256, opts);
  return buildDocument(source, opts);
}

async function extract(bytes: Uint8Array, file: string, sha256: string, opts: ConvertOptions): Promise<SourceDoc> {
  const kind = sniff(bytes, file);
  switch (kind) {
    case "text":
      return extractText(bytes, file, sha256);
    case "pdf": {
      const { extractPdf } = await import("./extract/pdf/index.js");
      return extractPdf(bytes, file, sha256, opts);
    }
    case "image":
      throw new InputError(`${file}: image input needs the OCR path, which is not available yet`, "unsupported");
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
    ...(opts.ocrThreshold !== undefined ? { ocrThreshold: opts.ocrThreshold } : {}),
  });
  draft.issues = issues;
  // Validation is the contract's gate: a document that does not validate is a bug, not output.
  const checked = PiaoDocument.safeParse(draft);
  if (!checked.success) {
    throw new Error(`${source.file}: internal error, output does not match the contract: ${checked.error.message}`);
  }
  return checked.data;
}
