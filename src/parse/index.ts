/**
 * SourceDoc → canonical document info and objectives (issues come later, from
 * the reconciler). The layout family id is the fingerprint of the structures
 * the engine met, so reviewers can group documents laid out alike.
 */
import type { Row, SourceDoc } from "../doc/source.js";
import type { DocumentInfo, Objective } from "../model/schema.js";
import { assemble } from "./assemble.js";
import { documentFacts } from "./document.js";
import { recoverFlattenedTables } from "./flattened.js";
import { hasWordChar } from "../util/text.js";

export interface Parsed {
  document: DocumentInfo;
  objectives: Objective[];
}

export function parseDocument(source: SourceDoc): Parsed {
  const readable = source.rows.filter(readableRow);
  const facts = documentFacts(readable);
  const rows = recoverFlattenedTables(readable);
  const flattened = rows !== readable;
  // With no period, dates without a year borrow the year the title names.
  const dateYears = facts.period ?? (facts.year !== null ? { from: facts.year, to: facts.year } : null);
  const { objectives, features } = assemble({ ...source, rows }, dateYears);
  if (flattened) features.unshift("flattened-columns");
  const document: DocumentInfo = {
    layout: features.length ? features.join("+") : "none",
    entity: facts.entity,
    title: facts.title,
    period: facts.period,
  };
  if (Object.keys(facts.extra).length) document.extra = facts.extra;
  return { document, objectives };
}

/**
 * OCR debris lines (". . , .", "| |") hold no letter or digit: dropped before
 * anything reads the rows, so they neither title a document nor split a table.
 */
function readableRow(r: Row): boolean {
  return r.kind === "blank" || r.cells.some((c) => hasWordChar(c.text));
}
