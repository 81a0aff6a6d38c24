/**
 * Code tree: one table whose codes come in two to four depths (`1` over
 * `1.1`, `OB.1` over `OB.1-F1`, `A` over `A.1`). Three depths are line →
 * objective → step; four, area → line → objective → step. Two depths are read both ways and the evidence decides
 * (recognisers/tree.ts): objectives with their steps, or strategic lines with
 * their objectives. A child belongs to the parent row above it (its code
 * prefix is only evidence: a misplaced code stays where it is printed).
 */
import { codeDepth, isCode, isUnderCode, parentCode } from "../../lexicon/codes.js";
import { candidate, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { ROW_TABLE_SETTINGS } from "./row-table.js";
import { codeOf, objectiveTitleColumn, partsOf, planWeightLabel, recordFields, rowCandidate, spanSection, tableView, where, type TableView } from "./shared.js";
import { weighTree, type TreeRow } from "./tree.js";
import type { Column } from "../columns.js";
import type { Field } from "../fields.js";

export const CODE_TREE_SETTINGS = {
  score: 0.8,
  /** Share of the data rows whose code cell must hold a code. */
  codedShare: 0.8,
  /** Child rows that may open the table before its first top-level row (continued from a page before). */
  maxLeadingChildren: 8,
  /** With such rows, this share of the other children must be printed under their top row's code. */
  underShare: 0.6,
  /** Depths of codes a tree holds at most: area → strategic objective → objective → step. */
  maxDepths: 4,
  /** Level of the sections a tree's top rows open (under the table's spanning rows). */
  lineLevel: 8,
};

interface Leveled {
  level: number;
  cells: string[];
  rec: TableView["records"][number];
  /** With a code column per level, the row's own code (its deepest filled one). */
  code?: string | null;
}

/** A top level's code of one letter, number or roman numeral ("D", "2", "IV"). */
const LEVEL_LETTER = /^(?:[A-Z]{1,2}|\d{1,3}|[IVX]{1,5})$/;

/**
 * A code column per level ("Cod. area | Cod. obiettivo | Cod. azione"): each holding codes, the rows filling
 * them down to their own level (the upper codes repeated, or left blank as merged cells), at two levels at
 * least. A row's level is its deepest filled code column, whatever its code looks like ("AZ.1" restarting
 * under each objective). Null for any other table (one code per row, or the same columns filled on every row:
 * a key beside the row's code).
 */
export function levelColumns(v: TableView): Column[] | null {
  const codes = v.cols.filter((c) => c.role === "code");
  if (codes.length < 2) return null;
  const data = v.records.filter((r) => r.kind === "data");
  const levels = new Set<number>();
  for (const r of data) {
    let d = -1;
    codes.forEach((c, k) => {
      if ((r.cells[c.index] ?? "").trim()) d = k;
    });
    if (d >= 0) levels.add(d);
  }
  if (levels.size < 2) return null;
  for (const c of codes) {
    const values = data.map((r) => (r.cells[c.index] ?? "").trim()).filter(Boolean);
    // (An area's letter or number, "D", "2", "IV", is a code under its column's label.)
    if (values.length === 0 || values.filter((x) => isCode(x) || LEVEL_LETTER.test(x)).length < CODE_TREE_SETTINGS.codedShare * values.length) return null;
  }
  return codes;
}

/** Rows by their deepest filled level column; rows with no code of their own go at the deepest level. */
function columnLevels(v: TableView, codes: readonly Column[]): Leveled[] | null {
  const rows: Leveled[] = [];
  for (const rec of v.records) {
    if (rec.kind !== "data") continue;
    let level = -1;
    let code: string | null = null;
    codes.forEach((c, k) => {
      const t = (rec.cells[c.index] ?? "").trim();
      if (t) [level, code] = [k, t];
    });
    for (const cells of partsOf(rec)) rows.push({ level, cells, rec, code });
  }
  const used = [...new Set(rows.map((r) => r.level).filter((d) => d >= 0))].sort((a, b) => a - b);
  if (rows.length < 2 || used.length < 2 || used.length > CODE_TREE_SETTINGS.maxDepths) return null;
  for (const r of rows) r.level = r.level < 0 ? used.length - 1 : used.indexOf(r.level);
  return rows;
}

/** Rows by code depth, shallowest 0; null when the table is no code tree. */
/**
 * The column holding the tree's codes: of the code columns, the one most of whose values are codes (a column
 * of level names, "AS | OS | OO | AZ" spelled out in a legend, is no code column).
 */
export function treeCodeColumn(v: TableView): Column | undefined {
  const codes = v.cols.filter((c) => c.role === "code");
  if (codes.length < 2) return v.code;
  const share = (c: Column) => {
    const values = v.records.filter((r) => r.kind === "data").map((r) => r.cells[c.index] ?? "").filter(Boolean);
    return values.length ? values.filter((x) => isCode(x)).length / values.length : 0;
  };
  return codes.reduce((best, c) => (share(c) > share(best) ? c : best));
}

export function codeLevels(v: TableView): Leveled[] | null {
  // A step column beside an objective column is a keyed table; alone, it is the tree's text column.
  if (v.step && (v.objective || v.title)) return null;
  const levels = levelColumns(v);
  if (levels) return columnLevels(v, levels);
  const codeCol = treeCodeColumn(v);
  if (!codeCol) return null;
  const rows: Leveled[] = [];
  let coded = 0;
  for (const rec of v.records) {
    if (rec.kind !== "data") continue;
    const code = rec.cells[codeCol.index] ?? "";
    if (code && isCode(code)) coded++;
    for (const cells of partsOf(rec)) rows.push({ level: code && isCode(code) ? codeDepth(code) : -1, cells, rec });
  }
  if (rows.length < 2 || coded / rows.length < CODE_TREE_SETTINGS.codedShare) return null;
  const depths = [...new Set(rows.map((r) => r.level).filter((d) => d >= 0))].sort((a, b) => a - b);
  if (depths.length < 2 || depths.length > CODE_TREE_SETTINGS.maxDepths) return null;
  // Rows deeper than the first shallow one may open the table (a tree continued from the page before):
  // at most a few, the tree's own rows after them.
  const firstTop = rows.findIndex((r) => r.level === depths[0]);
  if (firstTop < 0 || firstTop > CODE_TREE_SETTINGS.maxLeadingChildren || firstTop >= rows.length / 2) return null;
  // (Or none open it, but the codes are bare figures — "642" over "3.118", counts beside their labels: the
  // children must be printed under their top row's code then too.)
  const figures = rows.every((r) => /^[\d.,\s]*$/.test(r.rec.cells[codeCol.index] ?? ""));
  if (firstTop > 0 || figures) {
    // Then the codes must say it is a tree: the children after the first top row printed under their top row's code.
    let top = "",
      children = 0,
      under = 0;
    for (const r of rows.slice(firstTop)) {
      const code = r.rec.cells[codeCol.index] ?? "";
      if (r.level === depths[0]) top = code;
      else if (code) {
        children++;
        if (isUnderCode(top, code)) under++;
      }
    }
    if (children === 0 || under < CODE_TREE_SETTINGS.underShare * children) return null;
  }
  for (const r of rows) r.level = r.level < 0 ? depths.length - 1 : depths.indexOf(r.level);
  return rows;
}

export const codeTree: Recogniser = {
  name: "code-tree",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const v = tableView(doc, at);
    // Under a card, a table captioned as steps holds that objective's steps, sub-steps included.
    if (ctx.inCard && v.says === "steps") return null;
    const rows = codeLevels(v);
    if (!rows) return null;
    const titleCol = v.step ?? objectiveTitleColumn(v);
    const codeCol = treeCodeColumn(v)!;
    const levels = levelColumns(v);
    const three = rows.some((r) => r.level === 2);
    const four = rows.some((r) => r.level === 3);
    // The tree's codes are its records' own; another code column (the level's name) stays under its label.
    // With a code column per level, a row's code is its own level's: the upper levels' codes it repeats are no field of it.
    const own = (fs: Field[], r?: Leveled) =>
      levels && r
        ? [...(r.code ? [{ ...fs.find((f) => f.role === "code")!, raw: r.code }] : []), ...fs.filter((f) => f.role !== "code")]
        : codeCol === v.code
          ? fs
          : fs.map((f) => (f.role === "code" && f.label !== codeCol.label ? { ...f, role: null } : f));
    const fieldsOf = (r: Leveled) => own(recordFields(v, r.cells, r.rec, titleCol, "title"), r);
    // Two weights on the objectives' rows (the unit's share, the plan's): the objective's is the plan's.
    const planWeightOf = (objRows: Leveled[]) => planWeightLabel(v, objRows.map((r) => r.rec));
    let stepsBelow = true;
    if (!three) {
      const tree: TreeRow[] = rows.map((r) => ({ level: r.level as 0 | 1, fields: fieldsOf(r) }));
      stepsBelow = weighTree(tree).childrenAreSteps;
    }
    // Four depths: two upper levels (links), the objectives, their steps.
    const lineLevel = four ? 1 : three ? 0 : stepsBelow ? -1 : 0;
    const objectiveLevel = four ? 2 : three ? 1 : stepsBelow ? 0 : 1;
    const planWeight = planWeightOf(rows.filter((r) => r.level === objectiveLevel));
    const candidates: Candidate[] = [];
    let parent: Candidate | null = null;
    let i = 0;
    for (const rec of v.records) {
      if (rec.kind === "span") {
        candidates.push(spanSection(at, rec, ROW_TABLE_SETTINGS.spanLevel));
        continue;
      }
      if (rec.kind !== "data") continue;
      for (; i < rows.length && rows[i]!.rec === rec; i++) {
        const r = rows[i]!;
        const code = levels ? (r.code ?? null) : codeCol === v.code ? codeOf(v, r.cells) : (r.cells[codeCol.index] ?? "").trim() || null;
        if (r.level <= lineLevel) {
          const fields = fieldsOf(r);
          const title = fields.find((f) => f.role === "title")?.raw;
          candidates.push(candidate("section", at, where(rec), [], { level: CODE_TREE_SETTINGS.lineLevel, context: { links: code ? [code] : [], ...(title && !code ? { kind: title } : {}) } }));
          parent = null;
        } else if (r.level === objectiveLevel) {
          const fs = fieldsOf(r);
          parent = rowCandidate("objective", at, rec, planWeight ? fs.map((f) => (f.role === "weight" && f.label !== planWeight ? { ...f, role: null } : f)) : fs, { key: code });
          candidates.push(parent);
        } else {
          // A child before any parent row goes on with the objective its code names (printed before the table).
          const parentKey = parent === null && code ? parentCode(code) : null;
          candidates.push(rowCandidate("step", at, rec, own(recordFields(v, r.cells, rec, titleCol, "step"), r), { parent, ...(parentKey ? { parentKey } : {}) }));
        }
      }
    }
    candidates.push(candidate("section", at, where(v.records[v.records.length - 1]!), [], { level: ROW_TABLE_SETTINGS.spanLevel }));
    return { recogniser: this.name, score: CODE_TREE_SETTINGS.score, consumed: [at], candidates, feature: stepsBelow ? "code-tree-table" : "strategic-tree-table" };
  },
};
