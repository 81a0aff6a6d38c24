/**
 * SourceDoc → canonical document info and objectives (issues come later, from
 * the reconciler). The layout family id is the fingerprint of the structures
 * the engine met, so reviewers can group documents laid out alike.
 */
import type { SourceDoc } from "../extract/types.js";
import type { DocumentInfo, Objective } from "../model/schema.js";
import { assemble } from "./assemble.js";
import { documentFacts } from "./document.js";
import { recoverFlattenedTables } from "./flattened.js";

export interface Parsed {
  document: DocumentInfo;
  objectives: Objective[];
}

export function parseDocument(source: SourceDoc): Parsed {
  const facts = documentFacts(source.rows);
  const rows = recoverFlattenedTables(source.rows);
  const flattened = rows !== source.rows;
  const { objectives, features } = assemble(flattened ? { ...source, rows } : source, facts.period);
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
