/**
 * A table's body rows read as records under its columns: header echoes and
 * scanned border debris removed, titles wrapped onto a row of their own joined
 * back, records printed over two lines (planned dates over actual ones) paired,
 * and a row whose cells pair several items paragraph by paragraph split into
 * that many records. Shared by every table recogniser.
 */
import type { TableBlock } from "../doc/blocks.js";
import type { Cell, Row } from "../doc/source.js";
import { matchRole, normalizeLabel } from "../lexicon/match.js";
import { DITTO_MARK, type Role } from "../lexicon/vocabulary.js";
import { isTranslation } from "../lexicon/language.js";
import { isCode } from "../lexicon/codes.js";
import { isPlaceholder } from "../normalize/numbers.js";
import { isMark } from "../lexicon/values.js";
import { isSpaceCode } from "../util/text.js";
import { partValue, type Column } from "./columns.js";
import { inlineLabels, labelLine } from "../blocks/lines.js";
import type { Field } from "./fields.js";
import type { DateValue } from "../model/schema.js";
import { periodEnd } from "../lexicon/calendar.js";

export interface RowRecord {
  row: Row;
  kind: "data" | "span" | "total";
  /** Each column's text, cleaned. */
  cells: string[];
  /** The record's second line (actual dates under planned ones), when printed so. */
  lower: string[] | null;
  /** Each cell's paragraphs, when the source marked them. */
  paras: (string[] | null)[];
}

/** A row's only words saying the table goes on: "segue", "- segue -", "(continua)". */
const CONTINUED_ROW = /^[(–—-]?\s*(?:segue|continua)\s*[)–—-]?$/i;

const TITLE_ROLES = new Set<Role | null>(["objective", "title", "step", "description", "indicator"]);

export function readTableRows(table: TableBlock, cols: readonly Column[]): RowRecord[] {
  const lowerCols = cols.filter((c) => c.lowerRole !== null).map((c) => c.index);
  const echoes = cols.map(columnEcho);
  const out: RowRecord[] = [];
  for (const tr of table.body) {
    const r = tr.row;
    const cells = cols.map((c, k) => echoFree(c, echoes[k]!, debrisFree(r.cells[c.index]?.text ?? "")));
    const ne: number[] = [];
    for (let i = 0; i < cells.length; i++) if (cells[i]) ne.push(i);
    if (ne.length === 0) continue;
    // A row saying only that the table goes on after a page break ("segue", "(continua)"): no record.
    if (ne.length === 1 && CONTINUED_ROW.test(cells[ne[0]!]!)) continue;
    const prev = out[out.length - 1];
    // A title wrapped onto a row of its own: only the title cell printed, in lower case.
    if (prev && prev.kind === "data" && ne.length === 1 && prev.cells[ne[0]!] && TITLE_ROLES.has(cols[ne[0]!]!.role) && /^\p{Ll}/u.test(cells[ne[0]!]!)) {
      prev.cells[ne[0]!] += " " + cells[ne[0]!]!;
      continue;
    }
    if (prev && tr.kind === "data" && lowerCols.length > 0 && ne.every((i) => lowerCols.includes(i))) {
      // The first value line fills cells the record left to a header echo; the next is the lower line.
      if (ne.some((i) => prev.cells[i] === "")) {
        for (const i of ne) if (prev.cells[i] === "") prev.cells[i] = cells[i]!;
        continue;
      }
      if (prev.lower === null) {
        prev.lower = cells;
        continue;
      }
    }
    // A ditto mark ("〃", "id.", "idem") repeats the value the record above holds in its column.
    if (tr.kind === "data" && prev) {
      for (const i of ne) {
        if (!DITTO_MARK.test(cells[i]!)) continue;
        for (let k = out.length - 1; k >= 0; k--) {
          if (out[k]!.kind === "data" && out[k]!.cells[i]) {
            cells[i] = out[k]!.cells[i]!;
            break;
          }
        }
      }
    }
    out.push({ row: r, kind: tr.kind, cells, lower: null, paras: cols.map((c) => r.cells[c.index]?.paras ?? null) });
  }
  return out;
}

/**
 * A row whose non-empty cells all hold the same number (≥ 2) of paragraphs is
 * that many records. `shared` cells holding one paragraph (an objective's own,
 * in a phase table) belong to every record of the row.
 */
export function paragraphRecords(rec: RowRecord, shared?: ReadonlySet<number>): string[][] {
  const count = (i: number) => rec.paras[i]?.length ?? 1;
  // The paragraph count every filled cell (but a shared one of one paragraph) agrees on, in one pass: no arrays
  // built for the rows (nearly all) whose cells hold one paragraph each.
  let n = 0;
  for (let i = 0; i < rec.cells.length; i++) {
    if (!rec.cells[i] || (shared?.has(i) && count(i) === 1)) continue;
    const c = count(i);
    if (c <= 0) continue;
    if (n === 0) n = c;
    else if (c !== n) return [rec.cells];
  }
  if (n < 2) return [rec.cells];
  return Array.from({ length: n }, (_, k) => rec.cells.map((v, i) => (!v ? "" : shared?.has(i) && count(i) === 1 ? v : (rec.paras[i]?.[k] ?? ""))));
}

/** The fields of a record's cells under the given columns (their lower line's too). */
export function rowFields(cols: readonly Column[], cells: readonly string[], rec: RowRecord, roleOf: (c: Column) => Role | null = (c) => c.role): Field[] {
  const out: Field[] = [];
  for (const c of cols) {
    // A cronoprogramma's marks are read as the record's dates (calendarFields), never as fields of their own.
    if (c.role === "month" || c.counter) continue;
    const whole = cells[c.index] ?? "";
    const cell: Cell | null = rec.row.cells[c.index] ?? null;
    // A cell of several labelled fields ("Settore: Viabilità", "Responsabile: …", "Peso: 55%", a line each),
    // opening with a label, whatever the column's header ("Dettaglio", "Indicatore, target e peso"): each its field.
    const labelled = whole.includes(":") ? (parasLabelled(rec.paras[c.index]) ?? labelledFields(whole)) : null;
    if (labelled) {
      for (const p of labelled) out.push({ role: p.role, raw: p.value, label: p.label, year: null, cell, page: rec.row.page });
      continue;
    }
    // A column holding two fields: the value parted where its header parts them.
    const paras = rec.paras[c.index];
    const parts = c.split && whole ? (paras && paras.length === 2 ? ([paras[0]!, paras[1]!] as [string, string]) : partValue(whole, c.split.by)) : null;
    if (parts) {
      parts[0] = unlabelled(parts[0]);
      parts[1] = unlabelled(parts[1]);
    }
    // A cell printed in two languages, the Italian first and its translation below ("Ufficio anagrafe" over
    // "Matični urad" in a bilingual administration's plan): the Italian.
    // A code on the cell's first line and the title on the next ("2026-IZ-01" over "Accreditamento dei metodi …"):
    // the record's code and its title.
    if (!parts && paras?.length === 2 && TITLE_ROLES.has(c.role) && codeOnItsLine(paras[0]!)) {
      out.push({ role: "code", raw: paras[0]!.trim(), label: c.label, year: null, cell, page: rec.row.page });
      out.push({ role: roleOf(c), raw: paras[1]!.trim(), label: c.label, year: c.year, cell, page: rec.row.page });
      continue;
    }
    const v = parts ? parts[0] : paras?.length === 2 && isTranslation(paras[0]!, paras[1]!) ? paras[0]! : whole;
    if (v && !isPlaceholder(v)) out.push({ role: roleOf(c), raw: v, label: c.label, year: c.year, cell, page: rec.row.page });
    if (parts && c.split && parts[1] && !isPlaceholder(parts[1])) out.push({ role: c.split.role, raw: parts[1], label: c.split.label, year: null, cell, page: rec.row.page });
    const lv = rec.lower?.[c.index] ?? "";
    if (c.lowerRole && lv && !isPlaceholder(lv)) out.push({ role: c.lowerRole, raw: lv, label: c.lowerLabel, year: c.lowerYear, cell, page: rec.row.page });
  }
  return out;
}

export { isTranslation } from "../lexicon/language.js";

/** A line that is one code: a code's shape, or letters and digits in parts ("2026-IZ-01", "OB/2026/3"). */
function codeOnItsLine(t: string): boolean {
  const s = t.trim();
  return s.length <= 24 && (isCode(s) || /^(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9]+(?:[._/-][A-Za-z0-9]+){1,4}$/.test(s));
}

/** A cell's paragraphs each a "Label: value" line, two at least, each label sure of its role; else null. */
function parasLabelled(paras: readonly string[] | null | undefined): { role: Role; label: string; value: string }[] | null {
  if (!paras || paras.length < 2) return null;
  const out: { role: Role; label: string; value: string }[] = [];
  for (const p of paras) {
    const ll = labelLine(p);
    const role = ll && ll.value ? matchRole(ll.label, 0.9)?.role : undefined;
    if (!ll || !role) return null;
    out.push({ role, label: ll.label, value: ll.value });
  }
  return new Set(out.map((x) => x.role)).size === out.length ? out : null;
}

/** Two labelled fields or more in one value, each label sure of its role; else null. */
function labelledFields(v: string): { role: Role; label: string; value: string }[] | null {
  const parts = inlineLabels(v);
  if (!parts || parts.length < 2) return null;
  const out: { role: Role; label: string; value: string }[] = [];
  for (const p of parts) {
    const role = matchRole(p.label, 0.9)?.role;
    if (!role || !p.value) return null;
    out.push({ role, label: p.label, value: p.value });
  }
  // (Labels of one role, "Dirigente: …; Referente: …", name two people for one field: the field reads them.)
  return new Set(out.map((x) => x.role)).size === out.length ? out : null;
}

/** A part of a two-field cell without the label it repeats ("Indicatore: km di rete" → "km di rete"). */
function unlabelled(part: string): string {
  const m = /^([^:]{2,30}):\s*(\S.*)$/.exec(part);
  return m && matchRole(m[1]!, 0.7) !== null ? m[2]! : part;
}

/**
 * A cronoprogramma's marks (month or quarter columns, X or ●): the first marked
 * period is the record's start, the last its end, each the last day of its
 * period in the year a spanning header names, else the plan's first year.
 */
export function calendarFields(cols: readonly Column[], cells: readonly string[], rec: RowRecord, planYear: number | null): Field[] {
  let first: Column | null = null;
  let last: Column | null = null;
  for (const c of cols) {
    // (A bullet reads as an empty cell's placeholder elsewhere; under a month it is the mark.)
    const t = cells[c.index] ?? "";
    if (c.role !== "month" || (isPlaceholder(t) && !isMark(t))) continue;
    first ??= c;
    last = c;
  }
  if (!first || !last) return [];
  // No label: a mark's period is a date of the record, never an `extra` entry.
  const f = (role: Role, c: Column): Field => {
    const year = c.period?.year ?? groupYear(c.group) ?? planYear;
    const raw = c.label.trim();
    const date: DateValue | undefined = c.period && year !== null ? { raw, ...periodEnd(c.period, year) } : undefined;
    return { role, raw, label: "", year: null, cell: rec.row.cells[c.index] ?? null, page: rec.row.page, ...(date ? { date } : {}) };
  };
  return [f("start", first), f("due", last)];
}

/** "2026" spanning the months of one year. */
function groupYear(group: string | null): number | null {
  const y = group ? /\b(19|20)\d\d\b/.exec(group) : null;
  return y ? Number(y[0]) : null;
}

/** A column's labels normalised, read once a table (see `echoFree`). */
interface ColumnEcho {
  label: string;
  lowerLabel: string;
}

function columnEcho(col: Column): ColumnEcho {
  return { label: normalizeLabel(col.label), lowerLabel: col.lowerLabel ? normalizeLabel(col.lowerLabel) : "" };
}

/** A cell that repeats its column's header ("Inizio Previsto" where a date belongs) holds no value. */
function echoFree(col: Column, echo: ColumnEcho, text: string): string {
  if (!text) return text;
  // Only a cell about as long as a label can be one; values are left untouched cheaply.
  const longest = Math.max(col.label.length, col.lowerLabel.length);
  // Normalising never lengthens a text (test/fastpaths): one shorter than a normalised label cannot equal it.
  const reach = text.length >= echo.label.length || (col.lowerLabel !== "" && text.length >= echo.lowerLabel.length);
  if (text.length <= longest + 4 && reach) {
    const t = normalizeLabel(text);
    if (t === echo.label || (col.lowerLabel && t === echo.lowerLabel)) return "";
  }
  // "FASE Gestione dei fondi …": the header word printed before the value,
  // when a new phrase opens after it (capital, digit).
  const lab = col.label.trim();
  // A unit's name opens with its kind ("Ufficio Registro Imprese" under "Ufficio"): no echo there.
  if (
    lab &&
    col.role !== "unit" &&
    text.length > lab.length + 1 &&
    text.charCodeAt(lab.length) === 32 &&
    text.slice(0, lab.length).toLowerCase() === lab.toLowerCase() &&
    /^[\p{Lu}\d"'«(]/u.test(text.slice(lab.length + 1))
  ) {
    return text.slice(lab.length + 1).trim();
  }
  return text;
}

/**
 * A scanned border read as text (`|`, `[`, `]`, `_`) is no value; a dash or a
 * dot alone stays, since printed tables use them for "none".
 */
function debrisFree(text: string): string {
  const border = (c: number) => c === 124 /* | */ || c === 91 /* [ */ || c === 93; /* ] */
  const first = text.charCodeAt(0);
  if (!border(first) && !border(text.charCodeAt(text.length - 1))) {
    return (first === 95 /* _ */ || first === 0x2014 /* — */ || isSpaceCode(first)) && /^[|[\]_—\s]+$/.test(text) ? "" : text;
  }
  if (/^[|[\]_—\s]+$/.test(text)) return "";
  return text.replace(/^[|[\]]\s+|\s+[|[\]]$/g, "");
}
