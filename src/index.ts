/**
 * Library API: `convert(pathOrBytes, options)` → a validated PiaoDocument,
 * plus the contract's schemas and the input error type.
 */
import { convertBuffer, convertFile, type ConvertOptions } from "./convert.js";
import type { PiaoDocument } from "./model/schema.js";

export * from "./model/schema.js";
export { InputError } from "./doc/source.js";
export { DEFAULT_MAX_BYTES, type ConvertOptions } from "./convert.js";
export type { OcrConfig } from "./extract/ocr/index.js";

/**
 * The OCR worker pool is process-wide: size it before use, shut it down to let
 * the process exit at once (idle workers also stop by themselves). Loaded on
 * demand, so text-only users never load the OCR and canvas modules.
 */
export async function configureOcr(config: Partial<import("./extract/ocr/index.js").OcrConfig>): Promise<void> {
  (await import("./extract/ocr/index.js")).configureOcr(config);
}

export async function shutdownOcr(): Promise<void> {
  await (await import("./extract/ocr/index.js")).shutdownOcr();
}

/**
 * Converts one attachment. A string is a file path (its base name becomes
 * `source.file`); bytes are converted as they are, recorded under `name`
 * (default "input.txt" — the extension only breaks ties, the bytes decide).
 * Throws `InputError` (with a `code`) for inputs that cannot be read.
 */
export async function convert(
  input: string | Uint8Array,
  opts: ConvertOptions & { name?: string } = {},
): Promise<PiaoDocument> {
  const { name, ...options } = opts;
  if (typeof input === "string") return convertFile(input, options);
  if (input instanceof Uint8Array) return convertBuffer(input, name ?? "input.txt", options);
  throw new TypeError("convert() takes a file path or a Uint8Array");
}
