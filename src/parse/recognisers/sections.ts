/**
 * Sections: headings and captions that name what the objectives under them
 * share — a unit (`## Settore Affari Generali`, `UOC Farmacia – Referente:
 * Dott.ssa …`), a kind (`Obiettivi trasversali`) — and the headings that
 * close such a section (a heading of the same or a higher level).
 */
import type { Block } from "../../doc/blocks.js";
import { KIND_CUES } from "../../lexicon/vocabulary.js";
import { classify } from "../../lexicon/values.js";
import { wordCount } from "../../util/text.js";
import { candidate, whereOf, type Context, type DocView, type Reading, type Recogniser, type SectionContext } from "../candidates.js";
import { cleanHeading } from "./cards.js";
import { sectionContext } from "./shared.js";

export const SECTION_SETTINGS = {
  /** A section names its unit in a short line. */
  maxWords: 16,
  /** Score of a heading naming a unit or a kind (a card's opener outscores it). */
  named: 0.5,
  /** Score of a heading that only closes the sections below its level. */
  boundary: 0.1,
  /** Level of a plain line naming a unit (a caption): below every heading. */
  lineLevel: 8,
  /** Headings of a known level up to this close deeper sections; a bold line's guessed level does not. */
  closingLevel: 5,
};

const PLAN_YEARS = /\b(19|20)\d\d\b/;

/** What a heading or caption names: a unit (and its head), or a kind of objective. */
export function headingContext(text: string): SectionContext | null {
  const t = cleanHeading(text);
  if (wordCount(t) > SECTION_SETTINGS.maxWords || /[.;]$/.test(t)) return null;
  const ctx = sectionContext(t);
  const unitLike = ctx.unit !== undefined && (classify(ctx.unit) === "unit" || ctx.owner !== undefined);
  if (unitLike) return { unit: ctx.unit!, ...(ctx.owner ? { owner: ctx.owner } : {}) };
  if (KIND_CUES.test(t) && !PLAN_YEARS.test(t)) return { kind: t };
  return null;
}

export const sections: Recogniser = {
  name: "section",
  starts: new Set(["heading", "paragraph"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const b = doc.blocks[at] as Extract<Block, { type: "heading" | "paragraph" }>;
    const level = b.type === "heading" ? b.level : SECTION_SETTINGS.lineLevel;
    if (b.type === "paragraph" && b.lines.length > 1) return null;
    const context = headingContext(b.text);
    if (context) {
      return { recogniser: this.name, score: SECTION_SETTINGS.named, consumed: [at], candidates: [candidate("section", at, whereOf(b.where), [], { level, context })], feature: context.unit ? "unit-sections" : "kind-sections" };
    }
    if (b.type === "heading" && b.level <= SECTION_SETTINGS.closingLevel) {
      return { recogniser: this.name, score: SECTION_SETTINGS.boundary, consumed: [at], candidates: [candidate("section", at, whereOf(b.where), [], { level })], feature: "" };
    }
    return null;
  },
};
