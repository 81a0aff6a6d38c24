/**
 * Row shapes: one flat table holding objectives and their steps with no code,
 * kind column or type to tell them apart — only what each row fills. An
 * objective's row fills the columns only an objective has (its unit, its
 * indicator and target) and leaves the dates blank; a step's row leaves those
 * blank and fills its dates (start, deadline) instead. Every row is one or the
 * other. The first row is an objective's; the evidence of
 * the values (recognisers/tree.ts) must say the rows under each are its steps
 * (their weights sum to 100 under it, they carry the deadlines).
 */
import type { Role } from "../../lexicon/vocabulary.js";
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Column } from "../columns.js";
import { codeLevels } from "./code-tree.js";
import { kindColumn } from "./row-kinds.js";
import { codeOf, objectiveTitleColumn, recordFields, rowCandidate, tableView, type TableView } from "./shared.js";
import { weighTree } from "./tree.js";

export const ROW_SHAPES_SETTINGS = {
  /** Above the row table's (which would read every row as an objective). */
  score: 0.8,
  /** Rows of each shape, at least. */
  minEach: 2,
};

/** Columns only an objective's row fills. */
const OBJECTIVE_ONLY = new Set<Role>(["unit", "indicator", "target", "measure", "actual", "links"]);
/** Columns of a step's dates. */
const DATES = new Set<Role>(["due", "start", "actualStart", "actualEnd"]);

type Shape = "objective" | "step";

/** Each data record's shape; null when the table is not two shapes so arranged. */
export function rowShapes(v: TableView): (Shape | null)[] | null {
  if (v.table.header.length === 0 || v.code !== undefined || v.step !== undefined) return null;
  const own = v.cols.filter((c) => c.role !== null && OBJECTIVE_ONLY.has(c.role));
  const dates = v.cols.filter((c) => c.role !== null && DATES.has(c.role));
  if (!own.length || !dates.length) return null;
  const filled = (cells: readonly string[], cols: readonly Column[]) => cols.some((c) => (cells[c.index] ?? "").trim() !== "");
  const shapes = v.records.map((r): Shape | null | "none" => {
    if (r.kind !== "data") return null;
    const o = filled(r.cells, own),
      d = filled(r.cells, dates);
    // The shapes are complementary: an objective's row leaves the dates to its steps.
    return o ? (d ? "none" : "objective") : d ? "step" : "none";
  });
  if (shapes.includes("none")) return null;
  const data = shapes.filter((s): s is Shape => s !== null);
  if (data[0] !== "objective" || data.filter((s) => s === "objective").length < ROW_SHAPES_SETTINGS.minEach || data.filter((s) => s === "step").length < ROW_SHAPES_SETTINGS.minEach) return null;
  return shapes as (Shape | null)[];
}

export const rowShapeTable: Recogniser = {
  name: "row-shape-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const v = tableView(doc, at);
    // (The shapes first: most tables have none, and a code tree's or a kind column's reading costs more.)
    const shapes = rowShapes(v);
    const titleCol = objectiveTitleColumn(v);
    if (!shapes || !titleCol || codeLevels(v) || kindColumn(v)) return null;
    const fieldsOf = (i: number) => {
      const rec = v.records[i]!;
      return recordFields(v, rec.cells, rec, titleCol, shapes[i] === "objective" ? "title" : "step");
    };
    // The values must say the rows under each objective are its steps (not objectives under a line).
    const tree = v.records.flatMap((_, i) => (shapes[i] ? [{ level: shapes[i] === "objective" ? (0 as const) : (1 as const), fields: fieldsOf(i) }] : []));
    if (!weighTree(tree).childrenAreSteps) return null;
    const build = () => {
      const out: Candidate[] = [];
      let parent: Candidate | null = null;
      v.records.forEach((rec, i) => {
        const shape = shapes[i];
        if (!shape) return;
        if (shape === "objective") {
          parent = rowCandidate("objective", at, rec, fieldsOf(i), { key: codeOf(v, rec.cells) });
          out.push(parent);
        } else out.push(rowCandidate("step", at, rec, fieldsOf(i), { parent }));
      });
      return out;
    };
    return reading(this.name, ROW_SHAPES_SETTINGS.score, [at], "row-shape-table", build);
  },
};
