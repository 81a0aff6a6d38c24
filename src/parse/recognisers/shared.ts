/**
 * What the table recognisers share: a table's columns and records read once,
 * its caption's say (steps, indicators), and candidates made from a record.
 */
import type { TableBlock } from "../../doc/blocks.js";
import type { Row } from "../../doc/source.js";
import { matchRole } from "../../lexicon/match.js";
import { codeValue, isCode, isUnderCode, foldScannedCodes } from "../../lexicon/codes.js";
import { KIND_HEADING, OBJECTIVE_ABBREVIATION, OBJECTIVE_LABEL, type Role } from "../../lexicon/vocabulary.js";
import { isPlaceholder } from "../../normalize/numbers.js";
import { candidate, whereOf, type Candidate, type DocView, type SectionContext } from "../candidates.js";
import { colOf, type Column } from "../columns.js";
import { KPI_ROLES, type Field } from "../fields.js";
import { readInline } from "../inline.js";
import { stepFields, stepItems } from "../prose.js";
import { calendarFields, paragraphRecords, readTableRows, rowFields, type RowRecord } from "../table-rows.js";
import { spanOf } from "../../blocks/index.js";
import { inlineLabels } from "../../blocks/lines.js";
import { classify, numberOf } from "../../lexicon/values.js";
import { wordCount } from "../../util/text.js";
import { documentCache } from "../per-document.js";

export interface TableView {
  at: number;
  table: TableBlock;
  cols: Column[];
  records: RowRecord[];
  /** What the caption (or a lead line) says the table holds. */
  says: "steps" | "kpis" | null;
  /** Columns by role, the first of each. */
  code?: Column | undefined;
  objective?: Column | undefined;
  title?: Column | undefined;
  step?: Column | undefined;
  description?: Column | undefined;
  indicator?: Column | undefined;
  months: Column[];
  /** The plan's first year (a cronoprogramma's months without a year of their own fall in it). */
  year: number | null;
  /** The step column's cells each list several steps ("a) … entro …; b) … entro …"): the rows are objectives. */
  stepLists: boolean;
}

const views = documentCache<TableBlock, TableView>();

/** The table at `at` read once for every recogniser that asks. */
export function tableView(doc: DocView, at: number): TableView {
  const table = doc.blocks[at] as TableBlock;
  let v = views.get(table);
  if (!v) {
    const cols = doc.columns(table);
    v = {
      at,
      table,
      cols,
      records: readTableRows(table, cols),
      says: captionSays(table.caption),
      code: colOf(cols, "code"),
      objective: colOf(cols, "objective"),
      title: colOf(cols, "title"),
      step: colOf(cols, "step"),
      description: colOf(cols, "description"),
      indicator: colOf(cols, "indicator"),
      months: cols.filter((c) => c.role === "month"),
      year: doc.period?.from ?? null,
      stepLists: false,
    };
    v.stepLists = listsSteps(v);
    // Codes a scan misread in a column of them ("ED.O2" among "ED.01", "ED.03"): as the column's others read.
    const data = v.records.filter((r) => r.kind === "data");
    for (const c of cols) {
      if (c.role !== "code") continue;
      const folded = foldScannedCodes(data.map((r) => r.cells[c.index] || null));
      data.forEach((r, k) => {
        if (folded[k] !== null && folded[k] !== r.cells[c.index]) r.cells[c.index] = folded[k]!;
      });
    }
    views.set(table, v);
  }
  return v;
}

/** Share of a step column's filled cells that must list several steps for its rows to be objectives. */
const STEP_LIST_SHARE = 0.6;

function listsSteps(v: TableView): boolean {
  const step = v.step;
  if (!step || !(v.objective ?? v.title)) return false;
  const cells = v.records.filter((r) => r.kind === "data").map((r) => ({ text: r.cells[step.index] ?? "", paras: r.row.cells[step.index]?.paras })).filter((c) => c.text);
  // Cells enumerating their steps (one item may stand alone, "a) …"), and one cell at least with several.
  return cells.some((c) => stepItems(c.text, c.paras) !== null) && cells.filter((c) => stepItems(c.text, c.paras, true) !== null).length >= STEP_LIST_SHARE * cells.length;
}

/** The steps a record's step-list cell holds: their titles and inline fields (deadline, weight). */
export function listedSteps(v: TableView, at: number, rec: RowRecord, cells: readonly string[], parent: Candidate): Candidate[] {
  const step = v.step!;
  const text = cells[step.index] ?? "";
  const items = text ? (stepItems(text, rec.row.cells[step.index]?.paras, true) ?? [text]) : [];
  const cell = rec.row.cells[step.index] ?? null;
  return items.map((item) => {
    const fields: Field[] = stepFields(item).map((x) => ({ role: x.role, raw: x.raw, label: "", year: null, cell, page: rec.row.page }));
    return candidate("step", at, where(rec), fields, { parent });
  });
}

/** A caption naming steps ("Fasi di attuazione", "Cronoprogramma") or indicators ("Indicatori di risultato"). */
export function captionSays(caption: string | null): "steps" | "kpis" | null {
  if (!caption) return null;
  const role = matchRole(caption, 0.75)?.role ?? matchRole(caption.split(/[:–—-]/)[0]!.trim(), 0.75)?.role;
  if (role === "step") return "steps";
  if (role === "indicator") return "kpis";
  return null;
}

/** Roles an objective row keeps for itself; KPI roles make its KPI. */
export function objectiveRole(c: Column, titleCol: Column | undefined): Role | null {
  if (c === titleCol) return "title";
  return c.role;
}

/** The column holding an objective row's title: objective, title, else a description, else the longest text column. */
export function objectiveTitleColumn(v: TableView): Column | undefined {
  return v.objective ?? v.title ?? v.description ?? untitledText(v);
}

/** The column holding a step row's title. */
export function stepTitleColumn(v: TableView): Column | undefined {
  return v.step ?? v.title ?? v.description ?? v.objective ?? untitledText(v);
}

/** With no title column, the column of longest text among those no role claims. */
function untitledText(v: TableView): Column | undefined {
  let best: Column | undefined;
  let bestLen = 0;
  for (const c of v.cols) {
    if (c.role !== null && c.role !== "extra") continue;
    const values = v.records.map((r) => r.cells[c.index] ?? "").filter(Boolean);
    if (!values.length) continue;
    const mean = values.reduce((s, x) => s + x.length, 0) / values.length;
    if (mean > bestLen && values.filter((x) => classify(x) === "text").length / values.length >= 0.6) [best, bestLen] = [c, mean];
  }
  return bestLen >= 12 ? best : undefined;
}

/** Fields of a record's cells as the given kind of record reads them (title column renamed, months as dates). */
export function recordFields(v: TableView, cells: readonly string[], rec: RowRecord, titleCol: Column | undefined, titleRole: Role): Field[] {
  const fields = rowFields(v.cols, cells, rec, (c) => (c === titleCol ? titleRole : c.role === "month" ? null : c.role));
  if (v.months.length) fields.push(...calendarFields(v.cols, cells, rec, v.year));
  // An objective's title cell of a title over sentences, and no column of descriptions: the first paragraph
  // titles the record, the sentences after it describe it. (A phase has no description to take them.)
  const told = titleCol && titleRole === "title" && !v.description ? describedTitle(rec.row.cells[titleCol.index]?.paras, cells[titleCol.index] ?? "") : null;
  const title = told ? fields.find((f) => f.role === titleRole && f.raw === cells[titleCol!.index]) : undefined;
  if (told && title) fields.splice(fields.indexOf(title), 1, { ...title, raw: told.title }, { ...title, role: "description", raw: told.prose });
  return fields.filter((f) => f.role !== null || f.label !== "");
}

/**
 * A cell's paragraphs read as a title and its description: a first paragraph of a title's length closing on
 * no stop ("Monitoraggio dei fenomeni erosivi nei calanchi di Rio Sorbaia"), then sentences ("Rilievi con drone
 * … con l'Autorità di bacino."), the cell's text being just these.
 */
function describedTitle(paras: readonly string[] | undefined, text: string): { title: string; prose: string } | null {
  if (!paras || paras.length < 2) return null;
  const [first, ...rest] = paras.map((p) => p.trim());
  const prose = rest.join(" ");
  if (!first || /[.;:,]$/.test(first) || wordCount(first) > TITLE_MAX_WORDS || !/[.!]$/.test(prose) || wordCount(prose) < 5) return null;
  // (The paragraphs must be the cell's text: a record joined from several rows keeps its whole text.)
  if (`${first} ${prose}`.replace(/\s+/g, " ") !== text.trim().replace(/\s+/g, " ")) return null;
  return { title: first, prose };
}

/** A title's most words (describedTitle). */
const TITLE_MAX_WORDS = 25;

export function where(rec: RowRecord) {
  return whereOf(spanOf(rec.row));
}

export function rowCandidate(kind: Candidate["kind"], at: number, rec: RowRecord, fields: Field[], extra: Partial<Candidate> = {}): Candidate {
  return candidate(kind, at, where(rec), fields, extra);
}

/** The code of a record, from the code column. */
export function codeOf(v: TableView, cells: readonly string[]): string | null {
  const raw = v.code ? (cells[v.code.index] ?? "") : "";
  return raw && !isPlaceholder(raw) ? codeValue(raw) : null;
}

/** A row spanning the table: a unit, an owner, a kind or a strategic line for the rows under it. */
export function spanSection(at: number, rec: RowRecord, level = 7): Candidate {
  // (A group's row repeated after a page break says so: "DIREZIONE OPERATIVA (segue)" names the same group.)
  const text = (rec.cells.find((c) => c !== "") ?? "").replace(CONTINUED_MARK, "");
  return candidate("section", at, where(rec), [], { level, context: sectionContext(text) });
}

/** A target set after its indicator with no colon: "… giornate di degenza target ≤ 1,5", "… valore atteso 100%". */
const TRAILING_TARGET = /^(.*?\S)\s+(target|valore\s+atteso)\s+((?:[<>≤≥=]|=>|>=|<=)?\s*\d.*)$/iu;

/**
 * A row spanning the table that opens with a field's label and holds labelled fields only ("Referente: Dott.ssa …
 * Indicatore: Cadute ogni 1.000 giornate target ≤ 1,5"): more fields of the record above it, printed in a merged
 * row under it — not a group's label, which opens with the group's name ("UOC Sistemi Informativi – Referente:
 * …"). Null when the row is no such details row.
 */
export function detailFields(rec: RowRecord): Field[] | null {
  if (rec.kind !== "span") return null;
  const cell = rec.row.cells.find((c) => c.text.trim() !== "") ?? null;
  const parts = cell ? inlineLabels(cell.text.trim()) : null;
  if (!parts || parts[0]!.label === "") return null;
  const out: Field[] = [];
  for (const p of parts) {
    const role = matchRole(p.label, 0.9)?.role ?? null;
    const target = role === "indicator" ? TRAILING_TARGET.exec(p.value) : null;
    out.push({ role, raw: target ? target[1]! : p.value, label: p.label, year: null, cell, page: rec.row.page });
    if (target) out.push({ role: "target", raw: target[3]!.trim(), label: target[2]!, year: null, cell, page: rec.row.page });
  }
  return out;
}

/** "(segue)", "– segue", "(continua)", "(cont.)" closing a line: the group goes on from the page before. */
const CONTINUED_MARK = /\s*(?:\((?:segue|continua|cont\.)\)|[–—-]\s*(?:segue|continua))\s*$/i;

/**
 * What a group label says: "UOC Sistemi Informativi – Referente: Dott.ssa Carla
 * Neri" → unit and owner; "Obiettivi trasversali" → kind; "1 – Area strategica …"
 * → a strategic line (links).
 */
export function sectionContext(text: string): SectionContext {
  const inline = readInline(text);
  const ctx: SectionContext = {};
  const owner = inline.fields.find((f) => f.role === "owner");
  if (owner) ctx.owner = owner.raw;
  const unit = inline.fields.find((f) => f.role === "unit");
  const head = inline.title;
  if (unit) ctx.unit = unit.raw;
  else if (head && KIND_HEADING.test(head) && !/\b(19|20)\d\d\b/.test(head)) ctx.kind = head;
  else if (head && wordCount(head) <= 16) ctx.unit = inline.code ? `${inline.code} ${head}`.trim() : head;
  if (inline.code && !ctx.unit?.startsWith(inline.code)) ctx.links = [inline.code];
  return ctx;
}

const RELATIVE_TO_OBJECTIVE = /\b(?:sul|sull['’]|su|sugli|rispetto\s+all['’]?|nell['’])\s*obiettiv/i;

const namingObjective = documentCache<Column, boolean>();

/** Whether a column is named after the objective ("Cod. obiettivo", "Obiettivo"): it keys each row's objective. */
export function namesObjective(c: Column): boolean {
  // Several recognisers ask of the same columns: each column's labels are read once.
  let v = namingObjective.get(c);
  if (v === undefined) namingObjective.set(c, (v = computeNamesObjective(c)));
  return v;
}

function computeNamesObjective(c: Column): boolean {
  const label = `${c.group ?? ""} ${c.label}`;
  // "Incidenza sull'obiettivo", "% rispetto all'obiettivo": a share of the objective, the step's own.
  if (RELATIVE_TO_OBJECTIVE.test(label)) return false;
  // "Cod. ob.", "N. obj.": the objective's word abbreviated; "Obbiettivo": misspelt as people type it.
  return OBJECTIVE_LABEL.test(label) || label.split(/\s+/).some((w) => OBJECTIVE_ABBREVIATION.test(w) || (w.length >= 8 && matchRole(w, 0.9)?.role === "objective"));
}

/** Split a record into its paragraph records (several items paired paragraph by paragraph). */
export function partsOf(rec: RowRecord, shared?: ReadonlySet<number>): string[][] {
  return paragraphRecords(rec, shared);
}

/** Whether the record holds any KPI value. */
export function hasKpiValues(v: TableView, cells: readonly string[]): boolean {
  return v.cols.some((c) => c.role !== null && KPI_ROLES.has(c.role) && !!cells[c.index] && !isPlaceholder(cells[c.index]!));
}

/** The cells of a row by column (for bold tests). */
export function titleBold(row: Row, c: Column | undefined): boolean {
  if (!c) return false;
  const cell = row.cells[c.index];
  return cell !== undefined && cell.text !== "" && cell.bold === true;
}

export { isCode };

/** Most of the table's codes sit under the open objective's code ("4.1", "4.2" under "4"): its steps. */
export function codesUnder(v: TableView, key: string | null): boolean {
  if (!key || !v.code) return false;
  const codes = v.records.filter((r) => r.kind === "data").map((r) => r.cells[v.code!.index] ?? "").filter((c) => c !== "");
  return codes.length > 0 && codes.filter((c) => isUnderCode(key, c)).length / codes.length >= 0.5;
}

/**
 * Two weights per objective ("Peso relativo" within its unit, "Peso sul totale" on the plan): the objective's
 * weight is the plan's, the column whose values add up nearest to 100 (or 1) over the table; the other stays
 * under its label. Null with one weight column. (`records`: the objectives' rows, when others are steps.)
 */
export function planWeightLabel(v: TableView, records: readonly RowRecord[] = v.records.filter((r) => r.kind === "data")): string | null {
  const weights = v.cols.filter((c) => c.role === "weight");
  if (weights.length < 2) return null;
  let best: Column | null = null;
  let bestOff = Infinity;
  for (const c of weights) {
    let sum = 0;
    for (const r of records) sum += numberOf(r.cells[c.index] ?? "") ?? 0;
    const off = Math.min(Math.abs(sum - 100), Math.abs(sum - 1) * 100);
    if (off < bestOff) [best, bestOff] = [c, off];
  }
  return best && weights.every((c) => c === best || c.label !== best!.label) ? best.label : null;
}
