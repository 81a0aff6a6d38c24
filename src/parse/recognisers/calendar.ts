/**
 * Calendar (Gantt) table: a cronoprogramma whose month or quarter columns
 * (`Gen … Dic`, `G F M A …`, `I trim … IV trim`) are marked (X, ●, ■) in the
 * periods a record runs. The first marked period is its start, the last its
 * end; the rows are the steps of the objective above, or objectives of their own.
 */
import { reading, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { objectiveRows } from "./row-table.js";
import { tableView } from "./shared.js";
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
    return reading(this.name, CALENDAR_SETTINGS.score, [at], "calendar-table", () => (steps ? stepRows(v, at) : objectiveRows(v, at)));
  },
};
