/**
 * The manifest record: one JSON line per path the batch met, whatever became
 * of it. Shared by the in-process batch, the child runner and the manifest writer.
 */
import type { InputError } from "../doc/source.js";

/**
 * Why an input failed (or, for `skipped` records, why it was passed over):
 * the extractors' InputError codes, the walk's, the writer's, and the child
 * runner's (`crashed`, `timeout`, `resource-limit`), the queue's (`changed`:
 * the bytes a worker reads are not those queued).
 */
export type FailureCode =
  | InputError["code"]
  | "not-found"
  | "loop"
  | "outside"
  | "write-failed"
  | "internal"
  | "crashed"
  | "timeout"
  | "resource-limit"
  | "changed"
  | "duplicate"
  | "folder-link";

export interface ManifestRecord {
  file: string;
  output: string | null;
  sha256: string | null;
  /** `skipped`: the path was met but deliberately not converted (a duplicate, a symlinked folder); `error` says why. */
  status: "ok" | "failed" | "skipped";
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

/** Codes of paths deliberately not converted (a policy, not a fault of the input). */
export const SKIPS: ReadonlySet<FailureCode> = new Set(["duplicate", "folder-link", "outside"]);

/** A record for a path that yields no conversion at all. */
export function failedRecord(file: string, code: FailureCode, message: string, extra: Partial<ManifestRecord> = {}): ManifestRecord {
  return {
    file,
    output: null,
    sha256: null,
    status: SKIPS.has(code) ? "skipped" : "failed",
    kind: null,
    pages: null,
    objectives: null,
    steps: null,
    kpis: null,
    issues: null,
    error: { code, message },
    ms: 0,
    ...extra,
  };
}
