/**
 * SourceDoc → canonical document info and objectives (issues come later, from
 * the reconciler). The layout family id is the fingerprint of the structures
 * the engine met, so reviewers can group documents laid out alike.
 */
import type { SourceDoc } from "../extract/types.js";
import type { DocumentInfo, Objective } from "../model/schema.js";
import { assemble } from "./assemble.js";
import { documentFacts } from "./document.js";

export interface Parsed {
  document: DocumentInfo;
  objectives: Objective[];
}

export function parseDocument(source: SourceDoc): Parsed {
  const facts = documentFacts(source.rows);
  const { objectives, features } = assemble(source, facts.period);
  const document: DocumentInfo = {
    layout: features.length ? features.join("+") : "none",
    entity: facts.entity,
    title: facts.title,
    period: facts.period,
  };
  if (Object.keys(facts.extra).length) document.extra = facts.extra;
  return { document, objectives };
}
