/**
 * The row-diff helper for tests: the rows of cells a PDF (or scan) hands to
 * the parser against the rows of its text form (scripts/rows/rowdiff.mjs, the
 * same comparison scripts/rowdiff.mjs prints). A geometry regression shows up
 * here as rows that stop being the same, with the diff in the failure message.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { OcrMode, Row } from "../../src/doc/source.js";
import type { LayoutSettings } from "../../src/layout/settings.js";
import { extractText } from "../../src/extract/text.js";
import { extractPdf } from "../../src/extract/pdf/index.js";
// @ts-expect-error plain ESM module without types
import { diffRows, formatDiff, summary } from "../../scripts/rows/rowdiff.mjs";

export interface RowDiff {
  /** Share of the text form's rows that come back the same (kind and cells). */
  agreement: number;
  counts: Record<string, number>;
  /** One line: agreement and the kinds of difference. */
  summary: string;
  /** The differing rows, `-` text form, `+` PDF. */
  diff: string;
}

export function textFormRows(file: string): Row[] {
  return extractText(new Uint8Array(readFileSync(file)), path.basename(file), "-").rows;
}

export async function pdfRows(file: string, opts: { ocr?: OcrMode; layout?: Partial<LayoutSettings> } = {}): Promise<Row[]> {
  return (await extractPdf(new Uint8Array(readFileSync(file)), path.basename(file), "-", { ocr: opts.ocr ?? "never", ...(opts.layout ? { layout: opts.layout } : {}) })).rows;
}

export function compareRows(text: readonly Row[], pdf: readonly Row[]): RowDiff {
  const d = diffRows(text, pdf);
  return { agreement: d.agreement, counts: d.counts, summary: summary(d), diff: formatDiff(d, { width: 160 }) };
}
