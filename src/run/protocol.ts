/** Messages between the pool (parent) and its converter processes (src/run/child.ts). */
import type { OcrModel } from "../extract/ocr/pool.js";
import type { LogLevel } from "../util/logger.js";
import type { ConvertJob, JobResult } from "./job.js";

/** Passed to each child as its one argument (JSON). */
export interface ChildSettings {
  logLevel?: LogLevel;
  ocrModel?: OcrModel;
  /** OCR workers inside one child (the pool's children already use the cores). */
  ocrWorkers?: number;
}

export type ParentMessage = { type: "job"; id: number; job: ConvertJob } | { type: "exit" };

export type ChildMessage =
  | { type: "ready"; pid: number }
  | { type: "page"; id: number; done: number; total: number }
  | { type: "result"; id: number; result: JobResult };
