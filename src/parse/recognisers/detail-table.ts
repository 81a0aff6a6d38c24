/**
 * Detail table: more fields of the objective above it, in a table of their
 * own (`Area | Referente | Incidenza` under a card's title), with no column
 * naming a record of its own (no title, step or indicator).
 */
import type { Context, DocView, Reading, Recogniser } from "../candidates.js";
import { recordFields, rowCandidate, tableView } from "./shared.js";

export const DETAIL_TABLE_SETTINGS = {
  score: 0.6,
  /** A table of details holds one objective's fields: one full row, a few lines at most. */
  maxRows: 3,
};

export const detailTable: Recogniser = {
  name: "detail-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const v = tableView(doc, at);
    if (!ctx.anyObjective || v.objective || v.title || v.step || v.says) return null;
    const data = v.records.filter((r) => r.kind === "data");
    if (data.length === 0 || data.length > DETAIL_TABLE_SETTINGS.maxRows) return null;
    if (!v.cols.some((c) => c.role !== null)) return null;
    // Rows numbered by a code, or several rows of description, are records (steps), not one objective's details.
    // One objective's details fill one row; several full rows are records of their own (a staff table, steps).
    const full = data.filter((r) => r.cells.filter((c) => c !== "").length >= 2).length;
    if (full > 1) return null;
    const candidates = data.map((rec) => rowCandidate("fields", at, rec, recordFields(v, rec.cells, rec, undefined, "title")));
    return { recogniser: this.name, score: DETAIL_TABLE_SETTINGS.score, consumed: [at], candidates, feature: "details-table" };
  },
};
