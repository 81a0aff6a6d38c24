/**
 * Row kinds: one flat table with a column saying what each row is ("Tipo",
 * "Livello": Obiettivo, Fase / Azione / Attività, Indicatore). Objective rows
 * open objectives; step rows are steps of the objective above; indicator
 * rows its KPIs (their text the indicator's name, the target column its
 * target), wherever they come among its steps.
 */
import { matchRole } from "../../lexicon/match.js";
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Column } from "../columns.js";
import { KPI_ROLES } from "../fields.js";
import { codeOf, objectiveTitleColumn, recordFields, rowCandidate, tableView, type TableView } from "./shared.js";

export const ROW_KINDS_SETTINGS = {
  /** Above a row table's and a tree's: the column says each row's kind outright. */
  score: 0.85,
  /** Share of the data rows whose kind cell names a kind. */
  minShare: 0.8,
  /** Distinct words a kind column holds at most (its levels, in any case). */
  maxWords: 6,
};

type RowKind = "objective" | "step" | "kpi";

/** The kind a level's word names: objective, a step's word (fase, azione, attività), an indicator. */
export function kindOf(word: string): RowKind | null {
  const role = matchRole(word.trim(), 0.9)?.role;
  return role === "objective" || role === "title" ? "objective" : role === "step" ? "step" : role === "indicator" ? "kpi" : null;
}

/** The column of row kinds and each data record's kind; null when the table has none. */
export function kindColumn(v: TableView): { col: Column; kinds: (RowKind | null)[] } | null {
  const data = v.records.filter((r) => r.kind === "data");
  if (data.length < 3) return null;
  // (The kind column stands at the table's edge: first or second, last or last but one.)
  const n = v.cols.length;
  for (const c of v.cols) {
    if (c.index > 1 && c.index < n - 2) continue;
    // Few distinct words: most columns show more than the kinds allow within their first rows.
    const words = new Set<string>();
    for (const r of data) {
      const w = (r.cells[c.index] ?? "").trim().toLowerCase();
      if (w) words.add(w);
      if (words.size > ROW_KINDS_SETTINGS.maxWords) break;
    }
    if (words.size < 2 || words.size > ROW_KINDS_SETTINGS.maxWords) continue;
    // The first record names an objective (asked once before every row is).
    if (kindOf(data[0]!.cells[c.index] ?? "") !== "objective") continue;
    const kinds = v.records.map((r) => (r.kind === "data" ? kindOf(r.cells[c.index] ?? "") : null));
    const named = kinds.filter((k) => k !== null);
    if (named.length < ROW_KINDS_SETTINGS.minShare * data.length) continue;
    // Objectives and something under them, the first kind named an objective.
    if (!named.includes("objective") || named.every((k) => k === "objective") || named[0] !== "objective") continue;
    return { col: c, kinds };
  }
  return null;
}

export const rowKindTable: Recogniser = {
  name: "row-kind-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const v = tableView(doc, at);
    const k = kindColumn(v);
    if (!k) return null;
    const titleCol = [v.objective, v.title, v.description, v.step, v.indicator, objectiveTitleColumn(v)].find((c) => c !== undefined && c !== k.col);
    if (!titleCol) return null;
    const build = () => {
      const out: Candidate[] = [];
      let parent: Candidate | null = null;
      v.records.forEach((rec, i) => {
        const kind = k.kinds[i];
        if (rec.kind !== "data" || !kind) return;
        const cells = rec.cells;
        const all = recordFields(v, cells, rec, titleCol, kind === "objective" ? "title" : kind === "step" ? "step" : "indicator");
        // The kind's word is the objective's kind as printed; no field of any record.
        const kindCell = rec.row.cells[k.col.index];
        const fields = all.filter((f) => f.cell !== kindCell).filter((f) => kind !== "kpi" || f.role === null || KPI_ROLES.has(f.role));
        if (kind === "objective") {
          const word = (cells[k.col.index] ?? "").trim();
          parent = rowCandidate("objective", at, rec, fields, { key: codeOf(v, cells), context: { kind: word } });
          out.push(parent);
        } else out.push(rowCandidate(kind, at, rec, fields, { parent }));
      });
      return out;
    };
    return reading(this.name, ROW_KINDS_SETTINGS.score, [at], "row-kind-table", build);
  },
};
