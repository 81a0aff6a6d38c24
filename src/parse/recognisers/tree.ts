/**
 * Hierarchy from evidence, for tables whose rows sit at two levels (by code
 * depth, by bold type, by rows spanning the table). Two readings fit such a
 * table, and the values decide between them:
 *
 *   objective → steps   the children carry deadlines, and their weights sum
 *                       to 100 under each parent (each parent shares itself out);
 *   line → objectives   the children carry their own indicators, and their
 *                       weights sum to 100 across parents (the document's
 *                       objectives share the whole); the parent is a strategic
 *                       line, an area: a section naming the children's link.
 */
import { numberOf, sumsToWhole } from "../../lexicon/values.js";
import type { Field } from "../fields.js";
import { KPI_ROLES } from "../fields.js";

export interface TreeRow {
  level: 0 | 1;
  fields: Field[];
}

export interface TreeEvidence {
  /** Children are steps of their parent (true), or objectives under a section (false). */
  childrenAreSteps: boolean;
  /** Evidence for each reading, for the record (tests, debugging). */
  steps: number;
  objectives: number;
}

const has = (r: TreeRow, ...roles: string[]) => r.fields.some((f) => f.role !== null && roles.includes(f.role) && f.raw.trim() !== "");
const weightOf = (r: TreeRow): number | null => {
  const f = r.fields.find((x) => x.role === "weight" || x.role === "yearWeight");
  return f ? numberOf(f.raw) : null;
};

export function weighTree(rows: readonly TreeRow[]): TreeEvidence {
  const parents = rows.filter((r) => r.level === 0);
  const children = rows.filter((r) => r.level === 1);
  let steps = 0;
  let objectives = 0;
  if (children.length === 0) return { childrenAreSteps: true, steps, objectives };
  // Children's weights per parent.
  const groups: number[][] = [];
  for (const r of rows) {
    if (r.level === 0) groups.push([]);
    else {
      const w = weightOf(r);
      if (w !== null) (groups[groups.length - 1] ??= []).push(w);
    }
  }
  const weighed = groups.filter((g) => g.length > 0);
  const fractions = weighed.every((g) => g.every((w) => w > 0 && w < 1));
  const perParent = weighed.length > 0 && weighed.filter((g) => sumsToWhole(g.reduce((a, b) => a + b, 0), fractions)).length / weighed.length;
  const all = weighed.flat();
  const acrossAll = weighed.length > 1 && sumsToWhole(all.reduce((a, b) => a + b, 0), fractions);
  if (perParent && perParent >= 0.5) steps += 2 * perParent;
  if (acrossAll) objectives += 2;
  // Parents weighed among themselves: they are the objectives.
  const pw = parents.map(weightOf).filter((w): w is number => w !== null);
  if (pw.length > 1 && sumsToWhole(pw.reduce((a, b) => a + b, 0))) steps += 1;
  if (pw.length === 0 && all.length > 0) objectives += 0.5;
  // Deadlines on the children: steps are scheduled.
  const dated = children.filter((r) => has(r, "due", "start", "month")).length / children.length;
  steps += dated;
  // Indicators of their own on the children, none on the parents: the children are measured objectives.
  const kpiChildren = children.filter((r) => r.fields.some((f) => f.role !== null && KPI_ROLES.has(f.role))).length / children.length;
  const kpiParents = parents.length ? parents.filter((r) => r.fields.some((f) => f.role !== null && KPI_ROLES.has(f.role))).length / parents.length : 0;
  if (kpiChildren > 0.5 && kpiParents === 0) objectives += kpiChildren;
  if (kpiParents > 0.5) steps += 0.5;
  // Parents holding only their title (a line of a plan, an area) say little; parents with data are objectives.
  const bareParents = parents.filter((r) => !has(r, "weight", "yearWeight", "due", "owner", "unit", "indicator", "target")).length;
  if (parents.length && bareParents === parents.length && kpiChildren > 0) objectives += 0.5;
  return { childrenAreSteps: steps >= objectives, steps, objectives };
}
