/**
 * Tables whose rows name their objective beside their own step:
 *
 *   keyed phase table   `Cod. obiettivo | Fase | Descrizione | Scadenza | Peso`:
 *                       each row a step of the objective its key cell names,
 *                       rows in any order (the binder finds the objective by code);
 *   three-level tree    `Area strategica | Obiettivo operativo | Azione | …`
 *                       with the upper levels' cells merged down (rowspan, or
 *                       printed once and left empty below): a row with its
 *                       objective cell empty is one more step of the objective above.
 *
 * The objective's own columns are those left of the step column that describe
 * an objective, and any column named after the objective ("Peso obiettivo").
 */
import { codeKey, codeValue, isCode, isLetterCode, isUnderCode, parentCode } from "../../lexicon/codes.js";
import type { Role } from "../../lexicon/vocabulary.js";
import { reading, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Column } from "../columns.js";
import type { Field } from "../fields.js";
import { rowFields } from "../table-rows.js";
import { readInline } from "../inline.js";
import { matchRole } from "../../lexicon/match.js";
import { namesObjective, partsOf, rowCandidate, spanSection, tableView, type TableView } from "./shared.js";
import { ROW_TABLE_SETTINGS, stepGroups } from "./row-table.js";
import { calendarFields } from "../table-rows.js";

export const KEYED_SETTINGS = {
  score: 0.8,
};

const OBJECTIVE_LEVEL = new Set<Role>(["code", "objective", "title", "description", "unit", "owner", "links", "publicValue", "extra"]);

export interface KeyedColumns {
  key: Column;
  step: Column;
  objectiveCols: Column[];
  /** Columns left of the key: upper levels of a tree (strategic area, line). */
  top: Column[];
  hasTitle: boolean;
  /** The objective's own code column, left of its title key. */
  code?: Column;
}

/**
 * With no column the vocabulary calls the step's, a code column headed by a step's word ("Fase", "Azione":
 * "1.1", "1.2") right of the objective's, and the text beside it ("Descrizione"): that text is the step's.
 */
function stepByCode(v: TableView): Column | undefined {
  const codes = v.cols.filter((c) => c.role === "code");
  if (codes.length < 2 || !codes.some((c) => namesObjective(c))) return undefined;
  const stepCode = codes.find((c) => !namesObjective(c) && matchRole(c.label, 0.9)?.role === "step");
  if (!stepCode) return undefined;
  return v.cols.find((c) => c.index > stepCode.index && (c.role === "description" || c.role === "title"));
}

export function keyedColumns(v: TableView): KeyedColumns | null {
  // Steps laid across the row in repeated groups are the row's objective's (a row table reads them).
  if (stepGroups(v)) return null;
  const step = v.step ?? stepByCode(v);
  if (!step) return null;
  const key =
    v.cols.find((c) => c.index < step.index && (c.role === "code" || c.role === "objective") && namesObjective(c)) ??
    v.cols.find((c) => c.index < step.index && c.role === "objective");
  if (!key) return null;
  // A code column left of the objective's, filled on the same rows (merged down with it), is the objective's code.
  const data = v.records.filter((r) => r.kind === "data");
  // (Or repeated down the objective's rows where its title is left blank: "AA.1" on each of its phases' rows.)
  const repeatsDown = (c: Column) => {
    let prev: string | undefined;
    let n = 0;
    for (const r of data) {
      const code = r.cells[c.index];
      if (r.cells[key.index]) prev = code;
      else if (!code || code !== prev) return false;
      else n++;
    }
    return n > 0;
  };
  // (A title cut by a page break goes on in lower case at the next page's top, its code cell empty: no row of its own.)
  const objectiveCode =
    key.role === "objective"
      ? v.cols.find((c) => c.role === "code" && c.index < key.index && (data.every((r) => !r.cells[c.index] === !r.cells[key.index] || cutRest(r.cells[key.index], r.cells[c.index])) || repeatsDown(c)))
      : undefined;
  // Another code column left of the step's is the step's own code ("Cod. obiettivo | Fase: 2.1 | Descrizione").
  // A column filled on the objective's rows only (merged down with it: "Peso" beside a later "Peso step", an
  // indicator and its target right of the steps) is the objective's, whatever its role.
  const mergedWithKey = (c: Column) => (data.some((r) => !r.cells[key.index]) && data.every((r) => !r.cells[c.index] === !r.cells[key.index] || cutRest(r.cells[key.index], r.cells[c.index]))) || sameWithinKey(c);
  // (Or a merged cell exported as its value repeated on each of the objective's rows: the same value on every
  // row of each key, the key printed again on each row, two rows at least under one key.)
  const sameWithinKey = (c: Column) => {
    let grouped = false;
    for (let k = 1; k < data.length; k++) {
      const [a, b] = [data[k - 1]!, data[k]!];
      if (!b.cells[key.index] || b.cells[key.index] !== a.cells[key.index]) continue;
      grouped = true;
      if ((a.cells[c.index] ?? "") !== (b.cells[c.index] ?? "")) return false;
    }
    return grouped;
  };
  // Under a header that gathers the steps' columns ("Fasi di attuazione" over "# | Descrizione | Scadenza"),
  // a column outside that group ("Struttura responsabile" right of it) describes the objective.
  const outsideSteps = (c: Column) => step.group !== null && c.group !== step.group && OBJECTIVE_LEVEL.has(c.role!);
  const objectiveCols = v.cols.filter(
    (c) =>
      c.role !== null &&
      c !== step &&
      (c.role !== "code" || c === key || c === objectiveCode) &&
      ((c.index < step.index && OBJECTIVE_LEVEL.has(c.role)) || mergedWithKey(c) || namesObjective(c) || outsideSteps(c)),
  );
  const top = objectiveCols.filter((c) => c.index < key.index && c !== objectiveCode);
  const hasTitle = objectiveCols.some((c) => c !== key && (c.role === "title" || c.role === "objective"));
  return { key, step, objectiveCols, top, hasTitle, ...(objectiveCode ? { code: objectiveCode } : {}) };
}

/** A key cell holding the rest of a title cut by a page break: it opens in lower case, beside no code of its own. */
function cutRest(key: string | undefined, code: string | undefined): boolean {
  return key !== undefined && /^\p{Ll}/u.test(key.trim()) && !code;
}

/** A value's first word when the objective's code lies under it ("A" of "A Qualità delle cure" over "A.1"). */
function parentWord(value: string, code: string | null): string | null {
  const first = /^\S+/.exec(value)?.[0] ?? "";
  return code && first && (isCode(first) || isLetterCode(first)) && isUnderCode(first, code) ? codeValue(first).replace(/[.)]$/, "") : null;
}

function read(v: TableView, at: number, k: KeyedColumns): Candidate[] {
  const own = new Set(k.objectiveCols.map((c) => c.index));
  const stepCols = v.cols.filter((c) => !own.has(c.index));
  const roleOf = (c: Column, value: string): Role | null => {
    // The key's value is the code when it reads as one, or when the column is the code's and the value one word.
    if (c === k.key) return isCode(value) || (c.role === "code" && (isLetterCode(value) || !/\s/.test(value.trim()))) ? "code" : "title";
    // "Descrizione" beside the objective's code is its title, unless a title column is there too.
    if (c.role === "description" && !k.hasTitle && k.key.role === "code") return "title";
    return c.role;
  };
  const out: Candidate[] = [];
  let parent: Candidate | null = null;
  let lastKey = "";
  const above = new Map<number, string>();
  // The objectives' codes the table prints, for a step whose own code names another one than the row it sits by.
  const keys = new Set<string>();
  const seen = new Set<string>();
  for (const rec of v.records) {
    if (rec.kind !== "data") continue;
    for (const c of [k.key, k.code]) {
      const raw = c ? (rec.cells[c.index] ?? "") : "";
      if (raw && isCode(raw)) keys.add(codeKey(codeValue(raw)));
    }
  }
  for (const rec of v.records) {
    // A row spanning the table names the unit (or kind) of the objectives under it, as in a row table.
    if (rec.kind === "span") {
      out.push(spanSection(at, rec, ROW_TABLE_SETTINGS.spanLevel));
      continue;
    }
    if (rec.kind !== "data") continue;
    // Merged upper levels: an empty cell left of the key repeats the one above it.
    const cells = rec.cells.slice();
    for (const c of k.top) {
      if (cells[c.index]) above.set(c.index, cells[c.index]!);
      else if (above.has(c.index)) cells[c.index] = above.get(c.index)!;
    }
    const keyRaw = cells[k.key.index] ?? "";
    // The rest of the objective's title cut by a page break: its title goes on (the row is one more step).
    const title = parent?.fields.find((f) => f.role === "title");
    if (keyRaw && title && k.key.role === "objective" && cutRest(keyRaw, k.code ? cells[k.code.index] : undefined)) {
      title.raw = `${title.raw} ${keyRaw}`;
      lastKey = keyRaw;
    }
    if (keyRaw && keyRaw !== lastKey) {
      const fields: Field[] = [];
      const ownCode = k.code ? (cells[k.code.index] ?? "") : "";
      const code = isCode(keyRaw) || (k.key.role === "code" && isLetterCode(keyRaw)) ? codeValue(keyRaw) : ownCode && isCode(ownCode) ? codeValue(ownCode) : null;
      for (const c of k.objectiveCols) {
        const value = cells[c.index] ?? "";
        // A column holding two of the objective's fields ("Settore / Responsabili"): parted as a row table parts it.
        if (c.split && !k.top.includes(c)) {
          if (value) fields.push(...rowFields([c], cells, rec, () => roleOf(c, value)));
          continue;
        }
        // An upper level printed with its code ("1 TERRITORIO SICURO", "A - Sicurezza idraulica", or a first
        // word the objective's own code lies under: "A Qualità delle cure" over A.1): the objective links to
        // the code; the words stay a field of their own.
        const upper = k.top.includes(c) && value ? (readInline(value).code ?? parentWord(value, code ?? readInline(keyRaw).code)) : null;
        if (value) fields.push({ role: upper && c.role === "links" ? null : roleOf(c, value), raw: value, label: c.label, year: c.year, cell: rec.row.cells[c.index] ?? null, page: rec.row.page });
        if (upper) fields.push({ role: "links", raw: upper, label: c.label, year: null, cell: rec.row.cells[c.index] ?? null, page: rec.row.page });
      }
      parent = rowCandidate("objective", at, rec, fields, { key: code });
      if (code) seen.add(codeKey(code));
      out.push(parent);
      lastKey = keyRaw;
    }
    for (const part of partsOf({ ...rec, cells }, own)) {
      const fields = rowFields(stepCols, part, rec, (c) => (c === k.step ? "step" : c.role === "month" ? null : c.role));
      if (v.months.length) fields.push(...calendarFields(v.cols, part, rec, v.year));
      if (!fields.some((f) => f.role !== null)) continue;
      // A step coded under another objective of the table than the row above names ("PS-2/a" printed above
      // PS-2's row, its merged cells set on the group's middle row): that objective's.
      // (Only an objective whose row comes later: a step printed under an objective read before it is that one's,
      // its code a mismatch for the reviewer.)
      const named = codedParent(fields.find((f) => f.role === "code")?.raw ?? null, keys);
      if (named !== null && !seen.has(codeKey(named)) && (parent?.key == null || codeKey(parent.key) !== codeKey(named))) {
        out.push(rowCandidate("step", at, rec, fields, { parent: null, parentKey: named }));
        continue;
      }
      out.push(rowCandidate("step", at, rec, fields, { parent, parentKey: parent?.key ?? null }));
    }
  }
  return out;
}

/** The objective's code of the table a step's code lies under, or null. */
function codedParent(code: string | null, keys: ReadonlySet<string>): string | null {
  if (!code || !isCode(code)) return null;
  for (let p = parentCode(code); p !== null; p = parentCode(p)) if (keys.has(codeKey(p))) return p;
  return null;
}

export const keyedPhaseTable: Recogniser = {
  name: "keyed-phase-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const v = tableView(doc, at);
    const k = keyedColumns(v);
    if (!k || k.top.length > 0) return null;
    return reading(this.name, KEYED_SETTINGS.score, [at], "keyed-phase-table", () => read(v, at, k));
  },
};

export const threeLevelTree: Recogniser = {
  name: "three-level-tree",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const v = tableView(doc, at);
    const k = keyedColumns(v);
    if (!k || k.top.length === 0) return null;
    return reading(this.name, KEYED_SETTINGS.score, [at], "three-level-tree", () => read(v, at, k));
  },
};
