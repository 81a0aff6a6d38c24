/**
 * KPI table: the indicators of the objective above it, or of the objective
 * each row names by code (`Obiettivo | Indicatore | Baseline | 2024 | Target
 * 2025 | Fonte`). Year columns are the indicator's history; a baseline printed
 * without a year is history's `baseline`.
 */
import { codeKey, codeValue } from "../../lexicon/codes.js";
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { KPI_ROLES } from "../fields.js";
import type { Column } from "../columns.js";
import { namesObjective, partsOf, recordFields, rowCandidate, tableView } from "./shared.js";

export const KPI_TABLE_SETTINGS = {
  /** Score of a table with an indicator column, or captioned as indicators. */
  score: 0.7,
  /** KPI columns (indicatore, target, fonte …) a table needs to be read as indicators without a caption. */
  minKpiColumns: 2,
};

export const kpiTable: Recogniser = {
  name: "kpi-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const v = tableView(doc, at);
    if (v.step || v.records.length === 0) return null;
    const kpiCols = v.cols.filter((c) => c.role !== null && KPI_ROLES.has(c.role)).length;
    const nameCol = v.indicator ?? (v.says === "kpis" ? (v.description ?? v.title ?? v.objective) : undefined);
    if (!nameCol) return null;
    // (Or a code column most of whose codes are objectives' read before: "Cod." over CV-01 … CV-06 under the
    // objectives CV-01 … CV-06.)
    const known = (c: Column) => {
      const codes = v.records.filter((r) => r.kind === "data").map((r) => r.cells[c.index] ?? "").filter((x) => x !== "");
      return codes.length > 0 && codes.filter((x) => ctx.keys?.has(codeKey(codeValue(x)))).length * 2 > codes.length;
    };
    const key = v.cols.find((c) => c !== nameCol && (c.role === "code" || c.role === "objective") && namesObjective(c)) ?? v.cols.find((c) => c !== nameCol && c.role === "code" && known(c));
    // A title or objective column beside the indicator, no column keying rows to objectives: objectives with their KPIs.
    if (!key && [v.objective, v.title].some((c) => c !== undefined && c !== nameCol)) return null;
    if (v.objective && v.objective !== nameCol && v.objective !== key) return null;
    if (v.says !== "kpis" && kpiCols < KPI_TABLE_SETTINGS.minKpiColumns) return null;
    // Rows keyed by code that also give the objective's own weight or unit and its text: the objectives
    // themselves, each with its indicators (read as a table of objectives), not indicators of objectives elsewhere.
    if (key && key.role === "code" && v.description && v.description !== nameCol && v.cols.some((c) => c.role === "weight" || c.role === "unit")) return null;
    if (!key && !ctx.anyObjective) return null;
    const build = () => {
    const candidates: Candidate[] = [];
    for (const rec of v.records) {
      if (rec.kind !== "data") continue;
      for (const cells of partsOf(rec)) {
        const keyRaw = key ? (cells[key.index] ?? "") : "";
        const fields = recordFields(v, cells, rec, nameCol, "indicator").filter((f) => !key || f.cell !== rec.row.cells[key.index]);
        candidates.push(rowCandidate("kpi", at, rec, fields, { parentKey: keyRaw ? codeValue(keyRaw) : null }));
      }
    }
    return candidates;
    };
    return reading(this.name, KPI_TABLE_SETTINGS.score, [at], "kpis-table", build);
  },
};
