/**
 * SourceDoc → document facts, objectives and the binder's notes.
 *
 *   rows → typed document (blocks/) → recognisers (registry.ts) → binder
 *
 * The layout family id (`document.layout`) is the fingerprint of the
 * structures the recognisers met, so reviewers can group documents laid out alike.
 */
import type { TableBlock } from "../doc/blocks.js";
import type { Row, SourceDoc } from "../doc/source.js";
import type { DocumentInfo, Objective } from "../model/schema.js";
import { buildBlocks } from "../blocks/index.js";
import { recoverFlattenedTables } from "../blocks/flattened.js";
import { applyBands, weightBands } from "./bands.js";
import { hasWordChar } from "../util/text.js";
import { bind } from "./binder.js";
import type { ParseNote } from "../doc/notes.js";
import type { DocView } from "./candidates.js";
import { columnsOf, type Column } from "./columns.js";
import { documentFacts } from "./document.js";
import { recognise } from "./registry.js";
import { readingDocument } from "./per-document.js";

export type { ParseNote } from "../doc/notes.js";

export interface Parsed {
  document: DocumentInfo;
  objectives: Objective[];
  notes: ParseNote[];
}

export function parseDocument(source: SourceDoc): Parsed {
  // Tables' views and cards' fields are kept for this one document, and dropped with it (per-document.ts).
  return readingDocument(() => parseOne(source));
}

function parseOne(source: SourceDoc): Parsed {
  const readable = source.rows.filter(readableRow);
  const facts = documentFacts(readable, source.runningHead);
  const rows = recoverFlattenedTables(readable);
  const flattened = rows !== readable;
  // A plan whose title names one year ("Piano degli obiettivi 2025", "PEG 2026") is a single-year plan: its period
  // (the contract's reading of a single-year document), which dates without a year borrow.
  const period = facts.period ?? (facts.year !== null ? { from: facts.year, to: facts.year } : null);
  const blocks = buildBlocks(rows);
  const columns = new Map<TableBlock, Column[]>();
  const doc: DocView = {
    blocks,
    period,
    columns: (t) => {
      let c = columns.get(t);
      if (!c) columns.set(t, (c = columnsOf(t, period?.from ?? null)));
      return c;
    },
  };
  const { readings, unread } = recognise(doc);
  const { objectives, notes } = bind(blocks, readings, unread, period);
  applyBands(objectives, weightBands(readable));
  const features: string[] = flattened ? ["flattened-columns"] : [];
  for (const r of readings) if (r.feature && !features.includes(r.feature) && r.candidates.some((c) => c.kind !== "section")) features.push(r.feature);
  const document: DocumentInfo = {
    layout: features.length ? features.join("+") : "none",
    entity: facts.entity,
    title: facts.title,
    period,
  };
  if (Object.keys(facts.extra).length) document.extra = facts.extra;
  return { document, objectives, notes };
}

/**
 * OCR debris lines (". . , .", "| |") hold no letter or digit: dropped before
 * anything reads the rows, so they neither title a document nor split a table.
 */
function readableRow(r: Row): boolean {
  if (r.kind === "blank") return true;
  // A plain loop: a closure for some() was allocated for every row of every document.
  for (const c of r.cells) if (hasWordChar(c.text)) return true;
  return false;
}
