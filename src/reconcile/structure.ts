/** Structure checks: objectives without a title, documents without objectives, extractor notes. */
import type { ExtractNote } from "../doc/source.js";
import type { ParseNote } from "../doc/notes.js";
import type { PiaoDocument } from "../model/schema.js";
import type { IssueCollector } from "./issues.js";
import { objectivePath, ptr } from "./pointer.js";

export function checkStructure(doc: PiaoDocument, notes: readonly ExtractNote[], out: IssueCollector): void {
  if (doc.objectives.length === 0) out.add("structure.empty", "", "no objective table was found", null);
  doc.objectives.forEach((o, i) => {
    if (o.title !== null && o.title.trim() !== "") return;
    const label = o.id ? `objective ${o.id}` : `objective ${i + 1}`;
    out.add("structure.empty", ptr(objectivePath(i), "title"), `${label} has no title`, o.title);
  });
  // The extractor saw these in the bytes (e.g. a table header with no rows); they have no field to point at.
  for (const n of notes) {
    if (n.code === "structure.empty") out.add("structure.empty", "", n.message.trim() || "an empty table was found", n.raw);
  }
}

/**
 * The record engine's findings: blocks of plan-like content no recogniser read
 * (`structure.unread`, at the objective they sit under or the document), and
 * one objective's weight printed twice with different values (`weight.conflict`).
 */
export function checkParseNotes(notes: readonly ParseNote[], out: IssueCollector): void {
  for (const n of notes) {
    const at = n.objective === null ? "" : objectivePath(n.objective);
    out.add(n.code, n.field && at ? ptr(at, n.field) : at, n.message, n.raw);
  }
}
