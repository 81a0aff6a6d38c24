/**
 * The reconciler: reads a finished document and reports what does not add up
 * (weights, dates, codes, text quality, structure) as contract issues. It never
 * changes the document. Every check is one pass over the objectives and their
 * steps with maps for cross-references, so the cost is linear in the document.
 */
import type { ExtractNote } from "../doc/source.js";
import type { ParseNote } from "../doc/notes.js";
import type { Issue, PiaoDocument } from "../model/schema.js";
import { checkObjectiveDates, checkStepDates } from "./dates.js";
import { checkIds, normId } from "./ids.js";
import { IssueCollector } from "./issues.js";
import { checkParseNotes, checkStructure } from "./structure.js";
import { checkEncoding, checkOcr } from "./text.js";
import { checkObjectivesSum, checkStepWeights, checkWeightConflicts, checkWeightFields } from "./weights.js";

export { SEVERITY, type IssueCode } from "./issues.js";

export interface ReconcileContext {
  notes: ExtractNote[];
  /** What the record engine could not use: unread blocks, weights printed twice differently. */
  parseNotes?: ParseNote[];
  /** Confidence (0–100) under which an OCR'd field raises `ocr.low-confidence`; default 60. */
  ocrThreshold?: number;
}

export const DEFAULT_OCR_THRESHOLD = 60;

export function reconcile(doc: PiaoDocument, ctx: ReconcileContext): Issue[] {
  const out = new IssueCollector();
  const period = doc.document.period ?? null;
  const notes = ctx.notes ?? [];

  checkWeightFields(doc, out);
  doc.objectives.forEach((o, i) => {
    checkStepWeights(o, i, out);
    checkObjectiveDates(o, i, period, out);
    o.steps.forEach((s, k) => checkStepDates(s, i, k, period, out));
  });
  checkObjectivesSum(doc, out);
  checkWeightConflicts(doc, (id) => normId(id).toLowerCase(), out);
  checkIds(doc, out);
  checkEncoding(doc, notes, out);
  checkOcr(doc, notes, ctx.ocrThreshold ?? DEFAULT_OCR_THRESHOLD, out);
  checkStructure(doc, notes, out);
  checkParseNotes(ctx.parseNotes ?? [], out);

  return out.sorted();
}
