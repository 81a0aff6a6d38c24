/**
 * The recognisers, in one list, and the walk that asks them about each block.
 *
 * Every recogniser that may start at a block reads it; the reading with the
 * best score is kept and its blocks are consumed. What the kept readings
 * opened (an objective by a card, or by a table) is the context the next
 * blocks are read in. Blocks no recogniser read are returned, so that the
 * binder can report those that hold plan-like content (`structure.unread`).
 *
 * Adding a layout: write its recogniser (a pure function of the typed
 * document and this context), give it its settings, add it here and add a
 * fixture of the layout with its expected output.
 */
import { codeKey } from "../lexicon/codes.js";
import type { Block } from "../doc/blocks.js";
import { wordCount } from "../util/text.js";
import type { Context, DocView, Reading, Recogniser } from "./candidates.js";
import { NOT_OBJECTIVES } from "../lexicon/vocabulary.js";
import { boldTree } from "./recognisers/bold-tree.js";
import { calendar } from "./recognisers/calendar.js";
import { labelCard, paragraphCard, tableCard } from "./recognisers/cards.js";
import { codeTree } from "./recognisers/code-tree.js";
import { crossReference } from "./recognisers/cross-reference.js";
import { detailTable } from "./recognisers/detail-table.js";
import { keyedPhaseTable, threeLevelTree } from "./recognisers/keyed-phases.js";
import { kpiTable } from "./recognisers/kpi-table.js";
import { objectiveList } from "./recognisers/objective-list.js";
import { rowKindTable } from "./recognisers/row-kinds.js";
import { rowShapeTable } from "./recognisers/row-shapes.js";
import { parentTable } from "./recognisers/parent-table.js";
import { rowTable } from "./recognisers/row-table.js";
import { captionSection, sections } from "./recognisers/sections.js";
import { stepList } from "./recognisers/step-list.js";
import { stepTable } from "./recognisers/step-table.js";
import { transposedTable } from "./recognisers/transposed.js";

export const RECOGNISERS: readonly Recogniser[] = [
  // Tables
  rowTable,
  parentTable,
  rowKindTable,
  rowShapeTable,
  codeTree,
  boldTree,
  keyedPhaseTable,
  threeLevelTree,
  calendar,
  stepTable,
  kpiTable,
  detailTable,
  crossReference,
  transposedTable,
  // Cards and lists
  tableCard,
  labelCard,
  paragraphCard,
  objectiveList,
  stepList,
  // Headings and captions
  sections,
];

const CARDS = new Set(["table-card", "label-card", "paragraph-card"]);

/** Level of a card opened by something other than a heading. */
const LINE_LEVEL = 8;

export interface Recognition {
  readings: Reading[];
  /** Blocks no recogniser read. */
  unread: number[];
}

function levelOf(b: Block): number {
  return b.type === "heading" ? b.level : LINE_LEVEL;
}

export function recognise(doc: DocView, recognisers: readonly Recogniser[] = RECOGNISERS): Recognition {
  const ctx: Context = { inCard: false, anyObjective: false, currentKey: null };
  let cardLevel = LINE_LEVEL;
  const readings: Reading[] = [];
  const unread: number[] = [];
  const taken = new Uint8Array(doc.blocks.length);
  for (let at = 0; at < doc.blocks.length; at++) {
    if (taken[at]) continue;
    const b = doc.blocks[at]!;
    let best: Reading | null = null;
    // A table its own caption says holds no objectives ("Progetti in corso (per memoria – non sono obiettivi di
    // performance)"): reported, never read as objectives.
    const disclaimed = b.type === "table" && b.caption !== null && NOT_OBJECTIVES.test(b.caption);
    for (const r of recognisers) {
      if (!r.starts.has(b.type) || disclaimed) continue;
      // Under another PIAO sub-section only headings are read (the blocks there are reported, not taken as objectives).
      if ((ctx.outside ?? null) !== null && r.name !== "section") continue;
      const x = r.read(doc, at, ctx);
      if (x && (!best || x.score > best.score)) best = x;
    }
    if (!best) {
      unread.push(at);
      continue;
    }
    // A table's own caption naming its unit opens that section before the table's rows.
    const caption = b.type === "table" ? captionSection(doc, at) : null;
    if (caption) readings.push(caption);
    readings.push(best);
    for (const k of best.consumed) taken[k] = 1;
    // The context the next blocks are read in.
    const opened = best.candidates.some((c) => c.kind === "objective");
    for (const c of best.candidates) {
      if (c.kind !== "objective") continue;
      if (c.key) (ctx.keys ??= new Set()).add(codeKey(c.key));
      // Its title, and a short name printed beside it ("Nome breve: Biblioteca") that later tables may use.
      for (const f of c.fields) {
        if (f.role === "title" || f.role === "objective" || ((f.role === null || f.role === "extra") && f.label && wordCount(f.raw) <= 5)) (ctx.titles ??= []).push(f.raw);
      }
    }
    if (opened) {
      ctx.anyObjective = true;
      const last = best.candidates.filter((c) => c.kind === "objective").pop()!;
      ctx.currentKey = last.key ?? last.fields.find((f) => f.role === "code")?.raw ?? null;
      ctx.inCard = CARDS.has(best.recogniser);
      if (ctx.inCard) cardLevel = levelOf(b);
    }
    if (best.recogniser === "section" && levelOf(b) <= cardLevel && best.candidates.some((c) => c.context || levelOf(b) < LINE_LEVEL)) {
      ctx.inCard = false;
    }
    if (best.feature === "other-section") {
      // Another sub-section: nothing after it belongs to the objective open before it.
      ctx.outside = Math.min(ctx.outside ?? levelOf(b), levelOf(b));
      ctx.inCard = false;
      ctx.currentKey = null;
    } else if (best.recogniser === "section" && (ctx.outside ?? null) !== null && (levelOf(b) <= ctx.outside! || best.candidates.some((c) => c.context))) {
      ctx.outside = null;
    }
  }
  return { readings, unread };
}
