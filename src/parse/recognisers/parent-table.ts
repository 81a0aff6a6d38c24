/**
 * Parent-linked rows: a program's export where each row has an identifier
 * and names its parent row's identifier ("ID | ID padre | Livello |
 * Descrizione …"), the rows in any order (sorted by identifier, or by kind).
 * The hierarchy is only in the parent column: the identifiers are opaque
 * numbers that do not nest.
 *
 * Each row goes under its parent. What a row is comes from its kind's word
 * when the table has a column of them (Obiettivo, Azione, Indicatore), else
 * from the tree and the values: a row with rows under it is an objective (a
 * level above objectives when its children have children), a leaf under an
 * objective an indicator when it holds a target and neither weight nor date,
 * else a step. The levels above the objectives are their links.
 */
import { PARENT_LABEL, ROW_LEVEL_LABEL } from "../../lexicon/vocabulary.js";
import { isCode } from "../../lexicon/codes.js";
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Column } from "../columns.js";
import { KPI_ROLES, type Field } from "../fields.js";
import { kindOf } from "./row-kinds.js";
import { objectiveTitleColumn, recordFields, rowCandidate, tableView, type TableView } from "./shared.js";

export const PARENT_TABLE_SETTINGS = {
  /** Above the row-kind table's: the parent column says where each row goes outright. */
  score: 0.9,
  /** Data rows at least. */
  minRows: 3,
  /** Share of the filled parent cells naming an identifier of the table. */
  minLinked: 0.8,
  /** Share of distinct identifiers (a duplicated one is the reconciler's to report). */
  minDistinct: 0.9,
};

type Kind = "link" | "objective" | "step" | "kpi";

const ID_RE = /^\d{1,12}$/;
const cellOf = (cells: readonly string[], c: Column) => (cells[c.index] ?? "").trim();

/** The identifier and parent columns: the parent's filled cells name identifiers of the other column. */
export function parentColumns(v: TableView): { id: Column; parent: Column } | null {
  const data = v.records.filter((r) => r.kind === "data");
  if (data.length < PARENT_TABLE_SETTINGS.minRows) return null;
  for (const parent of v.cols) {
    if (!PARENT_LABEL.test(parent.label)) continue;
    const targets = data.map((r) => cellOf(r.cells, parent)).filter(Boolean);
    if (targets.length < 2) continue;
    for (const id of v.cols) {
      if (id === parent) continue;
      const ids = data.map((r) => cellOf(r.cells, id));
      if (ids.some((x) => !x || !(ID_RE.test(x) || isCode(x)))) continue;
      if (new Set(ids).size < PARENT_TABLE_SETTINGS.minDistinct * ids.length) continue;
      const known = new Set(ids);
      if (targets.filter((t) => known.has(t)).length < PARENT_TABLE_SETTINGS.minLinked * targets.length) continue;
      // A root at least: a row naming no parent, or a parent that is no row of the table.
      if (!data.some((r) => !known.has(cellOf(r.cells, parent)))) continue;
      return { id, parent };
    }
  }
  return null;
}

export const parentTable: Recogniser = {
  name: "parent-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const v = tableView(doc, at);
    const cols = parentColumns(v);
    if (!cols) return null;
    const { id, parent } = cols;
    const data = v.records.filter((r) => r.kind === "data");
    // A column of kinds' words, if any: the one whose cells name a kind on most rows.
    const kindCol = v.cols.find((c) => c !== id && c !== parent && data.filter((r) => kindOf(cellOf(r.cells, c)) !== null).length >= 0.8 * data.length);
    // A level's number ("Livello": 1, 2, 3) says the depth the parent column already gives: no field of the row.
    const levelCol = kindCol ? undefined : v.cols.find((c) => c !== id && c !== parent && ROW_LEVEL_LABEL.test(c.label));
    const titleCol = [v.objective, v.title, v.description, v.step, v.indicator, objectiveTitleColumn(v)].find((c) => c !== undefined && c !== id && c !== parent && c !== kindCol && c !== levelCol);
    if (!titleCol) return null;
    const build = () => {
      // Rows by identifier (the first printing of a duplicated one), and each row's children in print order.
      const byId = new Map<string, number>();
      data.forEach((r, i) => {
        const x = cellOf(r.cells, id);
        if (!byId.has(x)) byId.set(x, i);
      });
      const up = data.map((r) => byId.get(cellOf(r.cells, parent)) ?? -1);
      const children = data.map(() => [] as number[]);
      up.forEach((p, i) => {
        if (p >= 0 && p !== i) children[p]!.push(i);
      });
      const has = (i: number, ...roles: string[]) => own(i, "title").some((f) => f.role !== null && roles.includes(f.role) && f.raw.trim() !== "");
      const word = (i: number) => (kindCol ? kindOf(cellOf(data[i]!.cells, kindCol)) : null);
      const kinds: Kind[] = data.map((_, i) => {
        const w = word(i);
        const kids = children[i]!;
        // A level above the objectives: its children are objectives (they have children of their own, or say so).
        if (kids.length && kids.some((k) => (word(k) ?? (children[k]!.length ? "objective" : null)) === "objective")) return "link";
        if (w === "objective" || (!w && (kids.length > 0 || up[i]! < 0))) return "objective";
        if (w === "kpi" || (!w && has(i, "target") && !has(i, "weight", "due", "start"))) return "kpi";
        return "step";
      });
      const out: Candidate[] = [];
      data.forEach((rec, i) => {
        if (kinds[i] !== "objective") return;
        const links: string[] = [];
        for (let p = up[i]!, guard = 0; p >= 0 && guard < data.length; p = up[p]!, guard++) if (kinds[p] === "link") links.unshift(cellOf(data[p]!.cells, id));
        const obj = rowCandidate("objective", at, rec, own(i, "title"), { key: cellOf(rec.cells, id), context: kindCol ? { kind: cellOf(rec.cells, kindCol) } : {} });
        for (const l of links) obj.fields.push({ role: "links", raw: l, label: "", year: null, cell: null, page: rec.row.page });
        out.push(obj);
        // Its rows, at any depth under it, in print order.
        const under: number[] = [];
        const walk = (k: number, depth: number) => {
          for (const c of children[k]!) {
            if (kinds[c] === "objective" || kinds[c] === "link" || depth > data.length) continue;
            under.push(c);
            walk(c, depth + 1);
          }
        };
        walk(i, 0);
        for (const c of under.sort((a, b) => a - b)) {
          const kind = kinds[c] === "kpi" ? "kpi" : "step";
          const fs = own(c, kind === "kpi" ? "indicator" : "step").filter((f) => kind !== "kpi" || f.role === null || KPI_ROLES.has(f.role));
          out.push(rowCandidate(kind, at, data[c]!, fs, { parent: obj }));
        }
      });
      return out;
      /** A row's fields: its identifier its code; the parent and kind cells no field of it. */
      function own(i: number, titleRole: "title" | "step" | "indicator"): Field[] {
        const rec = data[i]!;
        const skip = new Set([id, parent, kindCol, levelCol].map((c) => (c ? rec.row.cells[c.index] : undefined)));
        const fs = recordFields(v, rec.cells, rec, titleCol, titleRole).filter((f) => !skip.has(f.cell ?? undefined) && f.role !== "code");
        fs.unshift({ role: "code", raw: cellOf(rec.cells, id), label: id.label, year: null, cell: rec.row.cells[id.index] ?? null, page: rec.row.page });
        return fs;
      }
    };
    return reading(this.name, PARENT_TABLE_SETTINGS.score, [at], "parent-table", build);
  },
};
