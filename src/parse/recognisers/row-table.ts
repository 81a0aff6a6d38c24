/**
 * Row table: one flat table, one objective per row (`Cod. | Obiettivo |
 * Indicatore | Target | Peso | Termine`). Indicator columns make the row's
 * KPI(s); a row spanning the table names the unit (or kind) of the rows under
 * it; a "Totale" row is no record.
 */
import { referredTitle } from "../names.js";
import { candidate, reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { KPI_ROLES } from "../fields.js";
import { MONEY_LABEL, type Role } from "../../lexicon/vocabulary.js";
import { roleVotes } from "../../lexicon/match.js";
import { profile, sumsToWhole } from "../../lexicon/values.js";
import type { Column } from "../columns.js";
import { rowFields } from "../table-rows.js";
import { codeOf, codesUnder, detailFields, hasKpiValues, listedSteps, namesObjective, objectiveTitleColumn, partsOf, planWeightLabel, recordFields, rowCandidate, spanSection, tableView, type TableView } from "./shared.js";

/** Fields an objective row holds beside its code and title. */
const RECORD_FIELDS = new Set<Role>(["unit", "owner", "weight", "yearWeight", "due", "start", "status", "indicator", "target", "actual", "links", "publicValue", "month"]);

/**
 * The column holds one of an objective's fields. Weights its values alone point to (no header word names them)
 * count only when they share out a whole or are written as percentages: a staff table's counts (21, 9, 7 …
 * under "Tempo pieno") are numbers up to 100 too.
 */
function recordField(v: TableView, c: Column): boolean {
  if (c.role === null || !RECORD_FIELDS.has(c.role)) return false;
  if ((c.role !== "weight" && c.role !== "yearWeight") || roleVotes(c.group ?? c.label).some((m) => m.role === "weight" || m.role === "yearWeight")) return true;
  const values = v.records.filter((r) => r.kind === "data").map((r) => r.cells[c.index] ?? "");
  const p = profile(values);
  return sumsToWhole(p.sum, p.fractions) || values.some((x) => x.includes("%"));
}

/** A budget's classification heading a column (the DUP's missions and programmes), and money heading another. */
const BUDGET_CLASS = /^\s*(?:missione|programma|missioni|programmi)\b/i;

export const ROW_TABLE_SETTINGS = {
  /** Score with a column the vocabulary names as the objective's. */
  named: 0.7,
  /** Score when the title column is a generic one (titolo, descrizione) or found by its values. */
  generic: 0.5,
  /** Score when the step column lists each objective's steps (outscoring the step tables that would read its rows). */
  listed: 0.85,
  /** Level of the sections rows spanning the table open (below every heading). */
  spanLevel: 7,
};

/**
 * The steps laid across the row in repeated groups ("1ª fase | Termine 1ª fase | 2ª fase | Termine 2ª fase"),
 * each group's columns by its place; null when the table's steps are no such groups.
 */
export function stepGroups(v: TableView): Column[][] | null {
  const steps = v.cols.filter((c) => c.role === "step");
  if (steps.length < 2 || steps.some((c) => c.repeat === undefined)) return null;
  const groups = new Map<number, Column[]>();
  for (const c of v.cols) {
    if (c.repeat === undefined) continue;
    const g = groups.get(c.repeat);
    if (g) g.push(c);
    else groups.set(c.repeat, [c]);
  }
  const list = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, cs]) => cs);
  return list.length >= 2 && list.every((g) => g.some((c) => c.role === "step")) ? list : null;
}

/** One objective candidate per record of the table; spanning rows as sections. */
export function objectiveRows(v: TableView, at: number): Candidate[] {
  const titleCol = objectiveTitleColumn(v);
  const groups = stepGroups(v);
  const inGroups = new Set(groups?.flat().map((c) => c.index) ?? []);
  const out: Candidate[] = [];
  let last: Candidate | null = null;
  const merged = mergedDown(v, titleCol);
  const planWeight = planWeightLabel(v);
  const above = new Map<number, string>();
  for (const rec of v.records) {
    if (rec.kind === "total") continue;
    if (rec.kind === "span") {
      // A merged row of labelled fields under a record ("Referente: … Indicatore: …"): more of its fields.
      const details = last ? detailFields(rec) : null;
      if (details) {
        last!.fields.push(...details);
        continue;
      }
      out.push(spanSection(at, rec, ROW_TABLE_SETTINGS.spanLevel));
      above.clear();
      continue;
    }
    for (const own of partsOf(rec)) {
      // A unit or head printed once for the rows under it (a merged cell, empty below in an export).
      const cells = merged.length ? own.map((t, k) => (merged.includes(k) && !t ? (above.get(k) ?? t) : t)) : own;
      for (const k of merged) if (own[k]) above.set(k, own[k]!);
      const fields = planWeight ? recordFields(v, cells, rec, titleCol, "title").map((f) => (f.role === "weight" && f.label !== planWeight ? { ...f, role: null } : f)) : recordFields(v, cells, rec, titleCol, "title");
      // A row with its title and code cells empty, under an objective's row, goes on with it (a second indicator).
      // (So does one whose title cell holds the rest of the title above, in lower case, a line the row's second
      // indicator shares: "di accesso al porto" beside "Tempo medio di rilascio"; its words go on with the
      // record's title, office and head.)
      const wrapped = last !== null && !codeOf(v, cells) && titleCol !== undefined && titleCol !== null && /^\p{Ll}/u.test(cells[titleCol.index] ?? "");
      const continues = last !== null && !codeOf(v, cells) && (!(titleCol && cells[titleCol.index]) || wrapped) && hasKpiValues(v, cells);
      if (continues) {
        if (wrapped) {
          for (const f of fields) {
            const own = f.role === "title" || f.role === "unit" || f.role === "owner" ? last!.fields.find((x) => x.role === f.role) : undefined;
            if (own) own.raw = `${own.raw} ${f.raw}`;
          }
        }
        out.push(rowCandidate("kpi", at, rec, fields.filter((f) => f.role !== null && KPI_ROLES.has(f.role)), { parent: last }));
        continue;
      }
      if (v.stepLists) {
        // The step column lists the objective's steps: they are its children, not a field of it.
        const stepCol = v.step!;
        // (With the parts of each item its header names, "Fasi (termine – peso)", no part is the objective's either.)
        const stepCell = rec.row.cells[stepCol.index];
        const own = fields.filter((f) => !(f.role === "step" && f.raw === cells[stepCol.index]) && !(stepCol.split && stepCell !== undefined && f.cell === stepCell));
        last = rowCandidate("objective", at, rec, own, { key: codeOf(v, cells) });
        out.push(last, ...listedSteps(v, at, rec, cells, last));
        continue;
      }
      if (groups) {
        // Each filled group is a step of the row's objective; its cells are no fields of the objective.
        const own = fields.filter((f) => !rec.row.cells.some((c, k) => c === f.cell && inGroups.has(k)));
        last = rowCandidate("objective", at, rec, own, { key: codeOf(v, cells) });
        out.push(last);
        for (const g of groups) {
          const fs = rowFields(g, cells, rec);
          if (fs.some((f) => f.role === "step")) out.push(rowCandidate("step", at, rec, fs, { parent: last }));
        }
        continue;
      }
      last = rowCandidate("objective", at, rec, fields, { key: codeOf(v, cells) });
      out.push(last);
    }
  }
  if (out.some((c) => c.kind === "section")) out.push(candidate("section", at, out[out.length - 1]!.where, [], { level: ROW_TABLE_SETTINGS.spanLevel }));
  return out;
}

/** Every name in the column is, or refers to, one of the titles (or short names) read before. */
function namesEarlier(v: TableView, index: number, titles: readonly string[]): boolean {
  let n = 0;
  for (const r of v.records) {
    const t = r.kind === "data" ? (r.cells[index] ?? "").trim() : "";
    if (!t) continue;
    if (!titles.includes(t) && referredTitle(t, titles) < 0) return false;
    n++;
  }
  return n > 0;
}

/**
 * Leading columns naming the unit, its head or the upper level, printed once for a group of
 * rows and empty below (merged cells as an export prints them): left of the
 * title, filled on the first row, empty on some rows whose titles go on.
 */
function mergedDown(v: TableView, titleCol: Column | undefined): number[] {
  if (!titleCol) return [];
  const data = v.records.filter((r) => r.kind === "data");
  if (data.length < 2) return [];
  return v.cols
    .filter((c) => (c.role === "unit" || c.role === "owner" || c.role === "links") && c.index < titleCol.index)
    .filter((c) => !!data[0]!.cells[c.index] && data.some((r) => !r.cells[c.index] && !!r.cells[titleCol.index]))
    .map((c) => c.index);
}

export const rowTable: Recogniser = {
  name: "row-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const v = tableView(doc, at);
    if ((v.step && !v.stepLists && !stepGroups(v)) || v.records.length === 0) return null;
    if (v.stepLists) return reading(this.name, ROW_TABLE_SETTINGS.listed, [at], "objectives-with-step-lists", () => objectiveRows(v, at));
    const titleCol = objectiveTitleColumn(v);
    // Budget lines ("Missione | Budget (€) | Quota"): money shared out over the budget's classification, no objectives.
    if (titleCol && BUDGET_CLASS.test(titleCol.label) && v.cols.some((c) => MONEY_LABEL.test(c.label))) return null;
    // Objectives of a year before the plan's ("Obiettivo 2024" in a PIAO 2025-2027: last cycle's results, as the
    // Relazione sulla performance reports them) are not this plan's.
    if (titleCol?.year != null && v.year !== null && titleCol.year < v.year) return null;
    // Indicators keyed by short names of the objectives read before ("Liste d'attesa RSA" for "Riduzione dei
    // tempi di inserimento in RSA …"), with no code and no weight: the indicators' table, not new objectives.
    if (ctx.titles?.length && v.indicator && v.objective && !v.code && !v.cols.some((c) => c.role === "weight") && namesEarlier(v, v.objective.index, ctx.titles)) return null;
    // A summary of objectives printed before (codes under a column named after the objective, with their weights):
    // rows keyed to those objectives, no title needed.
    const summary = !titleCol && v.code !== undefined && namesObjective(v.code) && ctx.anyObjective;
    if (!titleCol && !summary) return null;
    if (summary) return reading(this.name, ROW_TABLE_SETTINGS.generic, [at], "summary-table", () => objectiveRows(v, at));
    // A table printed without a header names no column: only codes beside titles make it one of objectives.
    if (v.table.header.length === 0 && !(v.code && v.records.length > 1)) return null;
    // Without a column named after the objective, a table under a card or a "Fasi" caption holds steps.
    if (!v.objective && (v.says !== null || ctx.inCard || codesUnder(v, ctx.currentKey))) return null;
    // A description (or a text no header names) titles objectives only in a table of codes, or before any objective:
    // once objectives are open, such a table says more about the current one.
    if (!v.objective && !v.title && ctx.anyObjective && !(v.code && titleCol === v.description && v.records.length > 1)) return null;
    // Without a column named after the objective, some of an objective's fields must be there (a budget's
    // chapters and amounts, a staff table's categories are no objectives).
    if (!v.objective && !v.cols.some((c) => recordField(v, c))) return null;
    return reading(this.name, v.objective ? ROW_TABLE_SETTINGS.named : ROW_TABLE_SETTINGS.generic, [at], "objectives-table", () => objectiveRows(v, at));
  },
};
