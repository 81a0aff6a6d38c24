/**
 * Calendar (Gantt) table: a cronoprogramma whose month or quarter columns
 * (`Gen … Dic`, `G F M A …`, `I trim … IV trim`) are marked (X, ●, ■) in the
 * periods a record runs. The first marked period is its start, the last its
 * end; the rows are the steps of the objective above, or objectives of their own.
 */
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { RowRecord } from "../table-rows.js";
import { objectiveRows } from "./row-table.js";
import { codeOf, objectiveTitleColumn, recordFields, rowCandidate, tableView, type TableView } from "./shared.js";
import { stepRows } from "./step-table.js";

export const CALENDAR_SETTINGS = {
  /** Above a plain step or objective table, below the trees and keyed tables (which read marks too). */
  score: 0.72,
  /** Month or quarter columns a calendar has at least. */
  minPeriods: 3,
};

export const calendar: Recogniser = {
  name: "calendar",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const v = tableView(doc, at);
    if (v.months.length < CALENDAR_SETTINGS.minPeriods || v.records.length === 0) return null;
    const steps = v.step !== undefined || v.says === "steps" || (ctx.anyObjective && !v.objective);
    if (!steps && mixedRows(v)) return reading(this.name, CALENDAR_SETTINGS.score, [at], "calendar-table", () => objectivesOverMarkedSteps(v, at));
    return reading(this.name, CALENDAR_SETTINGS.score, [at], "calendar-table", () => (steps ? stepRows(v, at) : objectiveRows(v, at)));
  },
};

/** A record's marked periods. */
const marked = (v: TableView, rec: RowRecord) => v.months.some((c) => (rec.cells[c.index] ?? "").trim() !== "");

/**
 * Objectives over their steps in one cronoprogramma ("Obiettivo / fase": an objective's row with its weight and
 * no mark, its steps' rows marked below it): the first row unmarked, marked rows after it.
 */
function mixedRows(v: TableView): boolean {
  const data = v.records.filter((r) => r.kind === "data");
  return data.length >= 2 && !marked(v, data[0]!) && data.some((r) => marked(v, r)) && data.some((r, k) => k > 0 && !marked(v, r));
}

function objectivesOverMarkedSteps(v: TableView, at: number): Candidate[] {
  const titleCol = objectiveTitleColumn(v);
  const out: Candidate[] = [];
  let parent: Candidate | null = null;
  for (const rec of v.records) {
    if (rec.kind !== "data") continue;
    if (!marked(v, rec)) {
      parent = rowCandidate("objective", at, rec, recordFields(v, rec.cells, rec, titleCol, "title"), { key: codeOf(v, rec.cells) });
      out.push(parent);
    } else out.push(rowCandidate("step", at, rec, recordFields(v, rec.cells, rec, titleCol, "step"), { parent }));
  }
  return out;
}
