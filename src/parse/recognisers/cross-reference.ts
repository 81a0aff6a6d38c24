/**
 * Cross-reference table: a tree of areas and strategic goals pointing at the
 * document's objectives by number (`Area strategica | Obiettivo strategico |
 * Obiettivi di performance: 1-5-6-7-8`). It restates, it adds no record: the
 * table is read (so not reported as unread) and yields nothing.
 */
import type { Context, DocView, Reading, Recogniser } from "../candidates.js";
import { namesObjective, tableView } from "./shared.js";

export const CROSS_REFERENCE_SETTINGS = {
  score: 0.85,
  /** Share of the rows whose cell under the objectives' column is a list of numbers. */
  share: 0.8,
};

/** "1-5-6-7-8", "2, 4, 7": two or more numbers and nothing else. */
const REFERENCE_LIST = /^\s*\d{1,3}(?:\s*[-–,;/]\s*\d{1,3})+\s*$/;

export const crossReference: Recogniser = {
  name: "cross-reference",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    if (!ctx.anyObjective) return null;
    const v = tableView(doc, at);
    const data = v.records.filter((r) => r.kind === "data");
    if (data.length === 0) return null;
    for (const c of v.cols) {
      // A column of links lists codes of other plans legitimately; objectives listed by number are cross-references.
      if ((c.role !== "objective" && c.role !== "code") || !namesObjective(c)) continue;
      const values = data.map((r) => r.cells[c.index] ?? "").filter(Boolean);
      const lists = values.filter((x) => REFERENCE_LIST.test(x)).length;
      if (values.length > 0 && lists / values.length >= CROSS_REFERENCE_SETTINGS.share) {
        return { recogniser: this.name, score: CROSS_REFERENCE_SETTINGS.score, consumed: [at], candidates: [], feature: "crossref-table" };
      }
    }
    return null;
  },
};
