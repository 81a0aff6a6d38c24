/**
 * Step table: the phases of the objective above it (`Fase | Descrizione |
 * Scadenza | Peso`), under a card or a caption naming steps. Each row is a step
 * of the current objective; a step's indicator columns make its KPI.
 */
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { codeValue } from "../../lexicon/codes.js";
import type { Role } from "../../lexicon/vocabulary.js";
import type { Column } from "../columns.js";
import { quantityOf } from "../values.js";
import { codesUnder, namesObjective, partsOf, recordFields, rowCandidate, stepTitleColumn, tableView, type TableView } from "./shared.js";

export const STEP_TABLE_SETTINGS = {
  /** Score with a column the vocabulary names as the step's (fase, attività, azione). */
  named: 0.7,
  /** Score when only the context (a card above, a caption) says the rows are steps. */
  contextual: 0.55,
  /**
   * Roles of which a table read as steps from the context alone must have one column: a step's name, its
   * dates, weight, progress, owner or marks. A table under a card with none of them (a list of vehicles, of
   * staff: kinds, counts, codes) is other material of the card's page, not its steps.
   */
  stepEvidence: new Set<Role>(["step", "title", "description", "start", "due", "actualStart", "actualEnd", "weight", "yearWeight", "progress", "owner", "unit", "status", "month", "indicator", "target"]),
};

export function stepRows(v: TableView, at: number): Candidate[] {
  const titleCol = stepTitleColumn(v);
  // A code column named after the objective beside the steps' own codes ("Obiettivo | Fase | Descrizione"):
  // each row's objective, printed once for its steps (merged, empty below).
  const codes = v.cols.filter((c) => c.role === "code");
  const keyCol = codes.length >= 2 ? codes.find((c) => namesObjective(c)) : undefined;
  const out: Candidate[] = [];
  let parentKey: string | null = null;
  for (const rec of v.records) {
    if (rec.kind === "total" || rec.kind === "span") continue;
    for (const cells of partsOf(rec)) {
      if (!keyCol) {
        out.push(rowCandidate("step", at, rec, recordFields(v, cells, rec, titleCol, "step")));
        continue;
      }
      const own = cells[keyCol.index] ?? "";
      if (own) parentKey = codeValue(own);
      const fields = recordFields(v, cells, rec, titleCol, "step").filter((f) => f.cell !== rec.row.cells[keyCol.index]);
      out.push(rowCandidate("step", at, rec, fields, { parentKey }));
    }
  }
  return out;
}

/**
 * A column taken for weights from its numbers alone (no header says so) whose numbers do not make a whole
 * (2, 3, 4: counts of staff): no evidence of steps. Steps' weights sum to 100, or to 1.
 */
function unweighed(v: TableView, c: Column): boolean {
  if (c.role !== "weight" || c.confidence >= 1) return false;
  const sum = v.records.reduce((t, r) => t + (quantityOf(r.cells[c.index] ?? "")?.value ?? 0), 0);
  return Math.abs(sum - 100) > 0.5 && Math.abs(sum - 1) > 0.005;
}

export const stepTable: Recogniser = {
  name: "step-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const v = tableView(doc, at);
    if (v.records.length === 0) return null;
    const titleCol = stepTitleColumn(v);
    if (!titleCol && !v.code) return null;
    const named = v.step !== undefined;
    // Steps with no objective above them still are steps: the binder gives them an untitled objective (reported).
    if (!named && !ctx.anyObjective) return null;
    const contextual =
      !v.objective &&
      v.says !== "kpis" &&
      (v.says === "steps" || codesUnder(v, ctx.currentKey) || (ctx.inCard && !(v.indicator && titleCol === v.description)));
    if (!named && !(contextual && v.cols.some((c) => c.role !== null && STEP_TABLE_SETTINGS.stepEvidence.has(c.role) && !unweighed(v, c)))) return null;
    return reading(this.name, named ? STEP_TABLE_SETTINGS.named : STEP_TABLE_SETTINGS.contextual, [at], "steps-table", () => stepRows(v, at));
  },
};
