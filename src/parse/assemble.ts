/**
 * Record assembly: walks the blocks in reading order and builds objectives,
 * their steps and KPIs. What a table holds is decided by the roles of its
 * columns (an objective title column → one objective per row; a step column →
 * the current objective's steps; indicator columns only → its KPIs; anything
 * else → more fields of the current objective). Cards — label/value rows or
 * paragraphs — fill the same fields. Nothing here knows a particular layout.
 */
import type { Cell, Row, SourceDoc } from "../doc/source.js";
import { emptyKpi, emptyObjective, emptyStep } from "../model/factory.js";
import type { Kpi, Objective, Period, Step, Where } from "../model/schema.js";
import { isPlaceholder } from "../normalize/numbers.js";
import { looksLikeDate } from "../normalize/dates.js";
import { dateOf, quantityOf, targetOf } from "./values.js";
import { nonEmpty, toBlocks, type Block, type Paragraph, type TableBlock } from "./blocks.js";
import {
  buildColumns,
  codeValue,
  isCode,
  isHeaderContinuation,
  isHeaderRow,
  isLabelRow,
  isWeakHeaderRow,
  labelKey,
  looksLikeValue,
  refineColumns,
  sameCode,
  type Column,
} from "./header.js";
import { matchLabelPrefix, matchRole, mayOpenLabels, normalizeLabel } from "./match.js";
import { KIND_CUES, KPI_CATEGORY_WORDS, OBJECTIVE_LABEL, TIME_MEASURE, TOTAL_ROW, type Role } from "./vocabulary.js";
import { KPI_FIELDS, OBJECTIVE_FIELDS, STEP_FIELDS, traceCell, traceFields } from "./provenance.js";
import { isSpaceCode, wordCount } from "../util/text.js";
import { alikeComparable } from "../util/alike.js";

export interface Assembly {
  objectives: Objective[];
  /** Structures met, in order of first appearance: the layout family's fingerprint. */
  features: string[];
}

type TableKind = "objectives" | "steps" | "kpis" | "details";

const TARGET_EXPR = /^\s*[a-z]{0,3}\s*(?:[<>≤≥]=?|=)\s*\d[\d.,]*\s*[a-z%€]{0,6}\s*$/i;
const KPI_ROLES = new Set<Role>(["indicator", "kpiType", "measure", "target", "actual", "source"]);
/** Card roles whose value runs over several paragraphs. */
const LONG_ROLES = new Set<Role>(["description", "extra"]);

class Assembler {
  readonly objectives: Objective[] = [];
  readonly features: string[] = [];
  private cur: Objective | null = null;
  /** Section heading that names the kind of the objectives that follow. */
  private kind: string | null = null;
  /** Caption of a group of tables that names their unit. */
  private groupUnit: string | null = null;
  /** A "Responsabile: …" line above a group of tables names their owner (cleared with the unit). */
  private groupOwner: string | null = null;
  /** A caption or heading announced the next table's content. */
  private section: "steps" | "kpis" | null = null;
  /** Paragraph-card mode: label paragraphs fill the current objective. */
  private inCard = false;

  constructor(private readonly period: Period | null) {}

  private feature(f: string): void {
    if (!this.features.includes(f)) this.features.push(f);
  }

  private where(line: number, page: number | null, bbox?: [number, number, number, number]): Where {
    return bbox ? { page, line, bbox } : { page, line };
  }

  // ---------------------------------------------------------------- objectives

  /** Opens an objective, or continues the current one when the code repeats (page breaks). */
  private open(id: string | null, where: Where, fresh = false): Objective {
    if (!fresh && id !== null && this.cur && sameCode(this.cur.id, id)) return this.cur;
    const o = emptyObjective(where);
    o.id = id === null ? null : codeValue(id);
    o.kind = this.kind;
    this.objectives.push(o);
    this.cur = o;
    return o;
  }

  private setText(o: Objective, key: "title" | "description" | "unit" | "owner" | "publicValue" | "status", v: string): void {
    if (!v || isPlaceholder(v)) return;
    if (o[key] === null) o[key] = v;
  }

  /** Applies one labelled value to an objective. */
  private applyObjectiveField(o: Objective, role: Role | null, label: string, value: string, year: number | null): void {
    if (!value || isPlaceholder(value)) return;
    switch (role) {
      case "code":
        if (o.id === null) o.id = codeValue(value);
        return;
      case "objective":
      case "title":
        // A code under the objective's label is its id, even when the id is known already.
        if (isCode(value)) {
          if (o.id === null) o.id = codeValue(value);
        } else this.setText(o, "title", value);
        return;
      case "description":
        this.setText(o, "description", value);
        return;
      case "unit":
      case "owner":
      case "publicValue":
      case "status":
        this.setText(o, role, value);
        return;
      case "weight":
      case "yearWeight":
        if (o.weight === null) o.weight = quantityOf(value);
        return;
      case "due": {
        if (o.due === null) o.due = dateOf(value, this.period);
        return;
      }
      case "links": {
        const codes = extractCodes(value);
        for (const c of codes) if (!o.links.includes(c)) o.links.push(c);
        // Keep the label's text when it says more than the codes.
        if (!isCodeList(value)) o.extra[labelKey(label)] = value;
        return;
      }
      case "indicator": {
        const k = emptyKpi();
        applyKpiField(k, "indicator", value, year, this.period);
        o.kpis.push(k);
        return;
      }
      case "target":
      case "actual":
      case "kpiType":
      case "measure":
      case "source": {
        const k = o.kpis[o.kpis.length - 1];
        if (k) applyKpiField(k, role, value, year, this.period);
        else o.extra[labelKey(label)] = value;
        return;
      }
      default:
        if (label) o.extra[labelKey(label)] = value;
    }
  }

  // ---------------------------------------------------------------- tables

  table(block: TableBlock): void {
    const rows = block.rows;
    let i = 0;
    while (i < rows.length) {
      const r = rows[i]!;
      const ne = nonEmpty(r);
      if (ne.length === 0) {
        i++;
        continue;
      }
      const next = rows[i + 1];
      if (ne.length === 1 && next && (isHeaderRow(next) || isWeakHeaderRow(next, rows[i + 2]))) {
        // A caption above a table: names its kind, its unit, or its content.
        this.caption(r.cells[ne[0]!]!.text);
        i++;
        continue;
      }
      if (isLabelRow(r) && !isHeaderRow(r)) {
        let j = i;
        while (
          j < rows.length &&
          nonEmpty(rows[j]!).length > 0 &&
          ((isLabelRow(rows[j]!) && !isHeaderRow(rows[j]!)) || (j > i && continuesValue(rows[j]!)))
        )
          j++;
        this.card(rows.slice(i, j));
        i = j;
        continue;
      }
      const header = isHeaderRow(r, !isLabelRow(r)) || isWeakHeaderRow(r, next, rows[i + 2]);
      if (!header) {
        if (ne.length === 1 || (next && isHeaderRow(next))) {
          // A caption (or group header) above a table.
          this.caption(r.cells[ne[0]!]!.text);
          i++;
          continue;
        }
        // Data with no header: rows that continue the previous table are out of reach here.
        i++;
        continue;
      }
      const headers = [r];
      let j = i + 1;
      while (j < rows.length && headers.length < 3 && (isHeaderRow(rows[j]!) || isHeaderContinuation(rows[j]!))) {
        headers.push(rows[j++]!);
      }
      const start = j;
      // Inside a table any row of labels starts the next table, unless it
      // repeats this table's own header (page breaks, converters' echoes).
      while (j < rows.length && !endsData(rows[j]!)) {
        if (isHeaderRow(rows[j]!, true) && !repeatsHeader(rows[j]!, headers)) break;
        j++;
      }
      this.dataTable(headers, rows.slice(start, j));
      i = j;
    }
  }

  private caption(text: string): void {
    const m = matchRole(text, 0.9);
    if (m?.role === "step") {
      this.section = "steps";
      return;
    }
    if (m?.role === "indicator") {
      this.section = "kpis";
      return;
    }
    if (PLAN_YEARS.test(text)) return; // the plan's title ("Piano della performance 2025-2027"): no kind, no unit
    if (KIND_CUES.test(text)) {
      this.kind = cleanHeading(text);
      this.groupUnit = null;
      this.groupOwner = null;
    } else if (wordCount(text) <= 10 && !looksLikeValue(text) && !/\b(19|20)\d\d\b/.test(text)) {
      // A line carrying a year is the plan's title (…2025-2027), never a unit's name.
      this.groupUnit = text;
      this.groupOwner = null;
    }
  }

  private classify(cols: Column[]): TableKind {
    const roles = new Set(cols.map((c) => c.role));
    const hasStep = roles.has("step") || (roles.has("code") && this.section === "steps");
    if (hasStep) return "steps";
    if (roles.has("objective")) return "objectives";
    if (roles.has("title")) return this.section === "steps" ? "steps" : "objectives";
    if (roles.has("code") && this.cur?.id && this.section !== "kpis") return "steps";
    // "Codice | Descrizione | Indicatore | Target" before any objective: each row is one, described by its title.
    if (roles.has("code") && roles.has("description") && !this.cur && this.section === null) return "objectives";
    const kpiish = [...roles].filter((r) => r !== null && KPI_ROLES.has(r)).length;
    if (this.section === "kpis" || (roles.has("indicator") && kpiish >= 2) || (roles.has("description") && kpiish >= 2)) {
      return "kpis";
    }
    return "details";
  }

  private dataTable(headers: Row[], data: Row[]): void {
    const cols = buildColumns(headers);
    collapseUnpairedLower(cols, data);
    const crossRef = isCrossReference(cols, data);
    refineColumns(cols, data);
    const kind = this.classify(cols);
    if (crossRef) {
      // A tree of areas and strategic goals pointing at objectives by number ("1-5-6-7-8").
      this.feature("crossref-table");
      return;
    }
    // Objective rows with their steps below them, told apart by code depth ("OB.1", then "1.1.a").
    const tree = codeTree(cols, data);
    // A phase table naming each row's objective ("Cod. obiettivo | Descrizione | Fasi | …").
    const keyed = kind === "steps" && !tree ? objectiveKey(cols) : null;
    // Bold objective rows with plain phase rows under them, in one table.
    const emphasis = !tree && kind === "objectives" ? boldHierarchy(cols, data) : null;
    this.feature(tree ? "code-tree-table" : emphasis ? "bold-tree-table" : `${kind}-table`);
    const records = pairLines(cols, data);
    for (const rec of records) {
      for (const part of splitParagraphPairs(rec, keyed?.objectiveIdx)) {
        const where = this.where(rec.row.line, rec.row.page, rec.row.bbox);
        if (isTotalRow(part)) continue;
        if (tree) {
          const code = part[tree.code.index] ?? "";
          if (code && codeDepth(code) === tree.top) this.objectiveRecord(tree.objectiveCols, part, rec, where);
          else this.stepRecord(cols, part, rec, where);
          continue;
        }
        if (emphasis) {
          if (rec.row.cells[emphasis.title.index]?.bold) this.objectiveRecord(cols, part, rec, where);
          else this.stepRecord(emphasis.stepCols, part, rec, where);
          continue;
        }
        if (keyed) {
          this.stepRecord(cols, this.keyedObjective(keyed, part, where), rec, where, keyed.stepCols);
          continue;
        }
        if (kind === "objectives") this.objectiveRecord(cols, part, rec, where);
        else if (kind === "steps") this.stepRecord(cols, part, rec, where);
        else if (kind === "kpis") {
          const k = this.kpiRow(cols, part);
          if (k) this.traceKpi(k, cols, rec.row, where);
        } else if (this.cur) {
          this.detailRow(cols, part);
          traceFields(this.cur, OBJECTIVE_FIELDS, cols, rec.row);
        }
      }
    }
    this.section = null;
  }

  /** An objective row read and traced: its fields' and its KPI's cells. */
  private objectiveRecord(cols: Column[], cells: string[], rec: DataRecord, where: Where): void {
    const { o, kpi } = this.objectiveRow(cols, cells, rec.lower, where);
    traceFields(o, OBJECTIVE_FIELDS, cols, rec.row);
    if (kpi) this.traceKpi(kpi, cols, rec.row, where);
  }

  /** A step row read and traced; `traceCols` when the step's own cells are a subset of the row's (keyed phase tables). */
  private stepRecord(cols: Column[], cells: string[], rec: DataRecord, where: Where, traceCols: Column[] = cols): void {
    const s = this.stepRow(cols, cells, rec.lower, where);
    if (s) traceFields(s, STEP_FIELDS, traceCols, rec.row);
    if (s?.kpi) this.traceKpi(s.kpi, cols, rec.row, where);
  }

  /** A caption's unit and a "Responsabile: …" line above the group go to its objectives that name none. */
  private inheritGroup(o: Objective): void {
    if (this.groupUnit && o.unit === null) o.unit = this.groupUnit;
    if (this.groupOwner && o.owner === null) o.owner = this.groupOwner;
  }

  /**
   * The objective columns of a keyed phase row: selects (or opens) the row's
   * objective by its code or title and fills its fields; returns the cells
   * left for the step. A row with the objective cells empty (merged cells)
   * stays with the current objective.
   */
  private keyedObjective(k: ObjectiveKey, cells: string[], where: Where): string[] {
    const key = nullIfEmpty(cells[k.key.index]);
    if (key !== null) {
      if (isCode(key)) {
        const earlier = this.objectives.find((x) => sameCode(x.id, key));
        this.cur = earlier ?? this.open(key, where);
      } else if (!(this.cur?.title && similar(this.cur.title, key))) {
        const earlier = this.objectives.find((x) => x.title !== null && similar(x.title, key));
        this.cur = earlier ?? this.open(null, where);
      }
    }
    const o = this.cur ?? this.open(null, where);
    this.inheritGroup(o);
    for (const c of k.objectiveCols) {
      const v = cells[c.index] ?? "";
      if (!v) continue;
      let role = c.role;
      if (c === k.key) role = isCode(v) ? "code" : "title";
      // "Descrizione" beside the objective's code is its title, unless a title column is there too.
      else if (role === "description" && !k.hasTitle) role = "title";
      this.applyObjectiveField(o, role, c.label, v, c.year);
    }
    return cells.map((v, i) => (k.objectiveIdx.has(i) ? "" : v));
  }

  /** A KPI read from a positioned row keeps where it was, for its field boxes. */
  private traceKpi(k: Kpi, cols: Column[], row: Row, where: Where): void {
    if (row.bbox && !k.where) k.where = { page: where.page, line: where.line, ...(where.bbox ? { bbox: where.bbox } : {}) };
    traceFields(k, KPI_FIELDS, cols, row);
  }

  private objectiveRow(cols: Column[], cells: string[], lower: string[] | null, where: Where): { o: Objective; kpi: Kpi | null } {
    const idCol = cols.find((c) => c.role === "code");
    const id = idCol ? nullIfEmpty(cells[idCol.index]) : null;
    const titleCol = cols.find((c) => c.role === "objective") ?? cols.find((c) => c.role === "title") ?? untitled(cols);
    const title = titleCol ? nullIfEmpty(cells[titleCol.index]) : null;
    // A summary table repeats objectives printed earlier: same code, same title.
    const earlier = id !== null ? this.objectives.find((x) => sameCode(x.id, id) && (title === null || x.title === null || similar(x.title, title))) : undefined;
    // The same code on a row with another title is another objective (a duplicate code), not a continuation.
    const clash = id !== null && title !== null && this.cur !== null && sameCode(this.cur.id, id) && this.cur.title !== null && !similar(this.cur.title, title);
    const o = earlier ?? this.open(id, where, clash);
    if (earlier) this.cur = earlier;
    const kpis = this.kpisFrom(cols, cells);
    const kpi = kpis[0] ?? null;
    for (const c of cols) {
      const v = cells[c.index] ?? "";
      if (c.role === "code" || c.role === "month" || (c.role !== null && KPI_ROLES.has(c.role))) continue;
      if (c.role === "note") {
        if (v) o.extra[labelKey(c.label)] = v;
        continue;
      }
      if (c.role === null) {
        if (v && c.label) o.extra[labelKey(c.label)] = v;
        continue;
      }
      this.applyObjectiveField(o, c === titleCol ? "title" : c.role, c.label, v, c.year);
    }
    splitLeadingCode(o);
    o.due ??= calendarSpan(cols, cells, this.period)?.due ?? null;
    // The row's own unit column (Centro di costo) wins over the caption above the table.
    this.inheritGroup(o);
    for (const k of kpis) {
      o.kpis.push(k);
      if (o.due === null) o.due = dueFromKpi(k);
    }
    return { o, kpi };
  }

  private stepRow(cols: Column[], cells: string[], lower: string[] | null, where: Where): Step | null {
    const o = this.cur ?? this.open(null, where);
    const s = emptyStep(where);
    const titleCol =
      cols.find((c) => c.role === "step") ?? cols.find((c) => c.role === "title") ?? cols.find((c) => c.role === "description");
    for (const c of cols) {
      const v = cells[c.index] ?? "";
      const lv = lower ? (lower[c.index] ?? "") : "";
      if (c.lowerRole && lv) applyStepField(s, c.lowerRole, c.lowerLabel, lv, this.period);
      if (!v || isPlaceholder(v)) continue;
      if (c === titleCol) {
        s.title = v;
        continue;
      }
      if (c.role !== null && KPI_ROLES.has(c.role)) continue;
      if (c.role === "month") continue;
      applyStepField(s, c.role, c.label, v, this.period, c.year);
    }
    splitLeadingCode(s);
    const span = calendarSpan(cols, cells, this.period);
    if (span) {
      s.start ??= span.start;
      s.due ??= span.due;
    }
    s.kpi = this.kpiFrom(cols, cells);
    if (s.due === null && s.kpi) s.due = dueFromKpi(s.kpi);
    if (s.title === null && s.id === null && s.kpi === null) return null;
    o.steps.push(s);
    return s;
  }

  private kpiRow(cols: Column[], cells: string[]): Kpi | null {
    const o = this.cur;
    if (!o) return null;
    const k = this.kpiFrom(cols, cells, true);
    if (k) o.kpis.push(k);
    return k;
  }

  private detailRow(cols: Column[], cells: string[]): void {
    const o = this.cur;
    if (!o) return;
    for (const c of cols) {
      const v = cells[c.index] ?? "";
      if (!v || isPlaceholder(v)) continue;
      if (c.role === null || c.role === "note") {
        if (c.label) o.extra[labelKey(c.label)] = v;
        continue;
      }
      this.applyObjectiveField(o, c.role, c.label, v, c.year);
    }
  }

  /**
   * An objective row's KPIs: one, or one per indicator column when the table
   * prints several side by side ("Indicatore 1 | Target 1 | Indicatore 2 |
   * Target 2"); each takes the KPI columns up to the next indicator.
   */
  private kpisFrom(cols: Column[], cells: string[]): Kpi[] {
    const indicators = cols.filter((c) => c.role === "indicator");
    if (indicators.length < 2) {
      const k = this.kpiFrom(cols, cells);
      return k ? [k] : [];
    }
    const out: Kpi[] = [];
    indicators.forEach((ind, n) => {
      const next = indicators[n + 1]?.index ?? Infinity;
      const from = n === 0 ? -Infinity : ind.index;
      const group = cols.filter((c) => c.role !== null && KPI_ROLES.has(c.role) && c.index >= from && c.index < next);
      const k = this.kpiFrom(group, cells);
      if (k) out.push(k);
    });
    return out;
  }

  /** The indicator cells of a row as a Kpi, or null when they are all empty. */
  private kpiFrom(cols: Column[], cells: string[], descriptionIsName = false): Kpi | null {
    const k = emptyKpi();
    let any = false;
    for (const c of cols) {
      const v = cells[c.index] ?? "";
      if (!v || isPlaceholder(v)) continue;
      let role = c.role;
      if (descriptionIsName && (role === "description" || role === "title" || role === "step")) role = "indicator";
      if (role === "note" && descriptionIsName) {
        k.note = v;
        any = true;
        continue;
      }
      if (role === null || !KPI_ROLES.has(role)) continue;
      applyKpiField(k, role, v, c.year, this.period);
      any = true;
    }
    if (!any) return null;
    splitMeasureTarget(k, this.period);
    // An indicator cell holding only a threshold ("t<=30gg", "≥ 95%") is its target too.
    if (k.target === null && k.name !== null && TARGET_EXPR.test(k.name)) k.target = targetOf(k.name, this.period);
    if (descriptionIsName && k.history === null) {
      const years = cols.filter((c) => c.role === "actual" && c.year !== null);
      if (years.length) {
        k.history = {};
        for (const c of years) k.history[String(c.year)] = nullIfEmpty(cells[c.index]);
      }
    }
    return k;
  }

  // ---------------------------------------------------------------- cards

  /** Label/value rows of a table card; the whole run belongs to the objective it names. */
  private card(rows: Row[]): void {
    this.feature("label-card");
    const items: CardItem[] = [];
    for (const r of rows) {
      let pending: CardLabel[] = [];
      if (continuesValue(r) && items.length > 0) {
        // The label's value goes on in the next row (its label cell empty).
        const last = items[items.length - 1]!;
        last.value = `${last.value} ${r.cells[nonEmpty(r)[0]!]!.text}`;
        continue;
      }
      for (const i of nonEmpty(r)) {
        const text = r.cells[i]!.text;
        // "OBIETTIVO 1.1" is a label fused with its code, not the bare label.
        const fused = pending.length === 0 ? matchLabelPrefix(text) : null;
        // "peso: 25" is a label with its value, however well "peso" matches.
        // "Missione 12 Programma 07" has a label's words but numbers no label has: a value too.
        const valueLike = pending.length > 0 && (LABEL_COLON_VALUE.test(text) || /\d/.test(text.replace(YEAR_RE, "")));
        const full = fused?.rest || valueLike ? null : matchRole(text, 0.9);
        // A code label ("Codice obiettivo") waits for its value too; a code itself is no label.
        if (full && (full.role !== "code" || !isCode(text))) {
          pending.push({ role: full.role, label: text, year: full.year });
          continue;
        }
        if (fused && fused.rest) {
          const restLabel = matchRole(fused.rest, 0.9);
          const label = text.slice(0, text.length - fused.rest.length).trim();
          // "OBIETTIVO N. 3": a number sign and the code, not the label "N." waiting for a value.
          const numbered = fused.role === "objective" || fused.role === "code" ? numberedOpener(text) : null;
          if (numbered) {
            items.push({ role: "code", label, value: numbered.code, year: null, row: r, cell: r.cells[i]! });
            if (numbered.title) items.push({ role: "title", label, value: numbered.title, year: null, row: r, cell: r.cells[i]! });
            else pending.push({ role: "title", label, year: null });
            continue;
          }
          if (restLabel) {
            pending.push({ role: fused.role, label, year: null }, { role: restLabel.role, label: fused.rest, year: null });
          } else if ((fused.role === "objective" || fused.role === "code") && isCode(fused.rest)) {
            items.push({ role: "code", label, value: fused.rest, year: null, row: r, cell: r.cells[i]! });
            pending.push({ role: "title", label, year: null });
          } else if (fused.role === "objective" && isCode(fused.rest.split(" ")[0]!)) {
            // "OBIETTIVO 4.4 PRESIDIO DEL TERRITORIO": code and title in one cell.
            const [code, ...title] = fused.rest.split(" ");
            items.push({ role: "code", label, value: code!, year: null, row: r, cell: r.cells[i]! });
            items.push({ role: "title", label, value: title.join(" "), year: null, row: r, cell: r.cells[i]! });
          } else {
            items.push({ role: fused.role, label, value: fused.rest, year: null, row: r, cell: r.cells[i]! });
          }
          continue;
        }
        // A value for the labels waiting on this row.
        if (pending.length === 0) continue;
        if (pending.length > 1) {
          // "VALORE PUBBLICO PESO | <text> 10%": the trailing quantity belongs to the last label.
          const last = pending[pending.length - 1]!;
          const m = /^(.*?)[\s,;]+((?:[≥≤<>]=?\s*)?\d[\d.,]*\s*%?)$/.exec(text);
          if (m && (last.role === "weight" || last.role === "yearWeight")) {
            items.push(valued(pending[0]!, m[1]!, r, r.cells[i]!));
            items.push(valued(last, m[2]!, r, r.cells[i]!));
            pending = [];
            continue;
          }
        }
        for (const p of pending) items.push(valued(p, text, r, r.cells[i]!));
        // "Obiettivo | 3.2 | Welfare di comunità": after the code, the title.
        const codeOnly = pending.length === 1 && (pending[0]!.role === "objective" || pending[0]!.role === "code") && isCode(text);
        pending = codeOnly ? [{ role: "title", label: pending[0]!.label, year: null }] : [];
      }
    }
    const startIdx = items.findIndex((it) => it.role === "objective" || it.role === "code");
    if (startIdx >= 0) {
      const idItem = items.find((it) => it.role === "code" || (it.role === "objective" && isCode(it.value)));
      const first = items[startIdx]!;
      const o = this.open(idItem ? idItem.value : null, this.where(first.row.line, first.row.page, first.row.bbox));
      this.inCard = false;
      if (this.groupUnit && o.unit === null) o.unit = this.groupUnit;
    } else if (!this.cur) {
      return;
    }
    const o = this.cur!;
    for (const it of items) {
      if (it.role === "code" && sameCode(o.id, it.value)) continue;
      this.applyObjectiveField(o, it.role, it.label, it.value, it.year);
      const field = it.role ? OBJECTIVE_FIELDS[it.role] : undefined;
      if (field) traceCell(o, field, it.cell, it.row.page);
    }
    splitLeadingCode(o);
    // A card's indicator measured in time ("Rispetto dei tempi") has the deadline in its target.
    for (const k of o.kpis) o.due ??= dueFromKpi(k);
  }

  // ---------------------------------------------------------------- paragraphs

  paragraphs(blocks: Block[], from: number): number {
    const p = blocks[from] as Paragraph;
    // A code line that opens a card: "… 2024_A01_07", followed by labels.
    const idLine = codeAtEnd(p);
    if (idLine && labelsAhead(blocks, from + 1) >= 2) {
      this.feature("paragraph-card");
      const prefix = p.text.slice(0, p.text.length - idLine.length).trim();
      if (prefix && KIND_CUES.test(prefix)) this.kind = cleanHeading(prefix);
      const o = this.open(idLine, this.where(p.line, p.page, p.bbox));
      if (this.groupUnit && o.unit === null) o.unit = this.groupUnit;
      this.inCard = true;
      return from + 1;
    }
    // "OBIETTIVO N. 4" (a number sign before the code), then labelled lines: a card opens.
    const numbered = numberedOpener(p.text, p.heading !== null || p.bold);
    if (numbered && labelsAhead(blocks, from + 1) >= 2) {
      this.feature("paragraph-card");
      const o = this.open(numbered.code, this.where(p.line, p.page, p.bbox));
      this.setText(o, "title", numbered.title);
      this.inheritGroup(o);
      this.inCard = true;
      return from + 1;
    }
    // A heading ("### Settore Servizi al Cittadino") right above a table is its
    // caption, not a label waiting for a value: the table is no value.
    const after = blocks[from + 1];
    if (p.heading !== null && !this.inCard && after?.type === "table" && isCaptionLine(p) && startsWithHeader(after)) {
      this.caption(p.text);
      return from + 1;
    }
    const label = paragraphLabel(p);
    if (label) {
      // "Obiettivo operativo: <title>" followed by more labelled lines opens a
      // card of its own, as a code line does: each such line is a new objective.
      // "Obiettivo:" alone on its line has its title on the next one.
      let opening = label.value;
      let taken = 1;
      const below = blocks[from + 1];
      if (label.role === "objective" && !opening && /:$/.test(p.text) && below?.type === "para" && !paragraphLabel(below)) {
        opening = below.text;
        taken = 2;
      }
      if (label.role === "objective" && opening && (!this.inCard || this.cur?.title != null) && labelsAhead(blocks, from + taken) >= 2) {
        this.feature("paragraph-card");
        const [head, ...tail] = opening.split(" ");
        const code = isCode(opening) ? opening : tail.length && isCode(head!) ? head! : null;
        const o = this.open(code, this.where(p.line, p.page, p.bbox));
        const title = code === null ? opening : code === opening ? "" : tail.join(" ").replace(/^[-–—:.]\s*/, "");
        this.setText(o, "title", title);
        // The label names the objective's kind ("Obiettivo operativo"), a bare "Obiettivo" does not.
        if (wordCount(label.label) >= 2) o.kind = label.label;
        this.inheritGroup(o);
        this.inCard = true;
        return from + taken;
      }
      // Inside a card, "INDICATORE DI RISULTATO" with its value on the next line
      // is a field; elsewhere a bare "Fasi" / "Indicatori" announces a table.
      const valueBelow = this.inCard && blocks[from + 1]?.type === "para" && !paragraphLabel(blocks[from + 1] as Paragraph);
      if (label.role === "step" && !label.value && !valueBelow) {
        this.section = "steps";
        return from + 1;
      }
      if (label.role === "indicator" && !label.value && !valueBelow) {
        this.section = "kpis";
        return from + 1;
      }
      // Collect the value: the rest of the paragraph, or the following paragraph(s).
      let value = label.value;
      let next = from + 1;
      const long = LONG_ROLES.has(label.role ?? "extra") || (p.heading !== null && label.role === null);
      if (!value) {
        const parts: string[] = [];
        while (next < blocks.length) {
          const b = blocks[next]!;
          if (b.type !== "para" || paragraphLabel(b) || codeAtEnd(b)) break;
          parts.push(b.text);
          next++;
          if (!long) break;
        }
        value = parts.join(" ");
      }
      if (this.inCard && this.cur) {
        this.applyObjectiveField(this.cur, label.role, label.label, value, null);
      } else if (label.role === "unit" && value) {
        this.groupUnit = value;
        this.groupOwner = null;
      } else if (label.role === "owner" && value && blocks.slice(next, next + 3).some((b) => b.type === "table")) {
        // Only right above a table: a "Responsabile: …" line in the preamble names no objective's owner.
        this.groupOwner = value;
      }
      return next;
    }
    if (this.inCard && this.cur) {
      // The unlabeled line of a card is its title (repeated on continuation pages).
      if (this.cur.title === null && wordCount(p.text) >= 2) {
        this.cur.title = p.text;
        if (this.cur.where.line === null) this.cur.where.line = p.line;
      }
      return from + 1;
    }
    const next = blocks[from + 1];
    if (next?.type === "table" && isCaptionLine(p) && startsWithHeader(next)) {
      // A line printed just above a table is its caption (kind, unit or content).
      this.caption(p.text);
      return from + 1;
    }
    if ((p.heading !== null || p.bold) && isCaptionLine(p) && matchLabelPrefix(p.text)?.role === "unit") {
      // "## Area Servizi Finanziari": a heading naming a unit groups what follows.
      this.groupUnit = p.text;
      this.groupOwner = null;
      return from + 1;
    }
    if (isSectionHeading(p)) {
      this.kind = cleanHeading(p.text);
      this.groupUnit = null;
      this.groupOwner = null;
    }
    return from + 1;
  }
}

// ------------------------------------------------------------------ helpers

/** A card label waiting for its value. */
interface CardLabel {
  role: Role | null;
  label: string;
  year: number | null;
}

/** A card label with its value and where it was read. */
interface CardItem extends CardLabel {
  value: string;
  row: Row;
  cell: Cell;
}

/** Written out rather than spread: a spread copy is a slower object to build and to read. */
function valued(l: CardLabel, value: string, row: Row, cell: Cell): CardItem {
  return { role: l.role, label: l.label, year: l.year, value, row, cell };
}

function similar(a: string, b: string): boolean {
  return alikeComparable(normalizeLabel(a), normalizeLabel(b), 0.8);
}

/**
 * "3.1.1 Mappatura della domanda" in a title cell, no code column: the code
 * printed before the title is the record's id. Only a code with a separator
 * or a list number's dot (a bare "2" may be a count: "2 incontri"), before a
 * capitalised word.
 */
const LEADING_CODE_HINT = /^\S{0,23}\d/;

function splitLeadingCode(r: { id: string | null; title: string | null }): void {
  // The code is a run of at most 24 characters with a digit that opens the title: most titles open with a word.
  if (r.id !== null || r.title === null || r.title.length > 400 || !LEADING_CODE_HINT.test(r.title)) return;
  // "OB01 - Title", "SEG-03: Title": a dash or colon after the code separates it too.
  const dashed = /^(\S+?)\s*(?:\s[-–—]|:)\s+(\p{Lu}.*)$/u.exec(r.title);
  const m = dashed ?? /^(\S+)\s+(\p{Lu}.*)$/u.exec(r.title);
  // A list number ("1. Sportello unico …") counts: its dot separates it from the title.
  if (!m || !isCode(m[1]!) || !(dashed || /[._-]/.test(m[1]!)) || looksLikeDate(m[1]!) || /^(19|20)\d\d\.?$/.test(m[1]!)) return;
  r.id = codeValue(m[1]!);
  r.title = m[2]!;
}

/**
 * A Gantt-style cronoprogramma: month columns (Gen … Dic) marked (X, ●) in the
 * months a record runs. The first marked month is its start, the last its end.
 */
function calendarSpan(cols: Column[], cells: string[], period: Period | null): { start: Step["start"]; due: Step["due"] } | null {
  let first: Column | null = null;
  let last: Column | null = null;
  for (const c of cols) {
    if (c.role !== "month" || isPlaceholder(cells[c.index] ?? "")) continue;
    first ??= c;
    last = c;
  }
  if (!first || !last) return null;
  return { start: dateOf(first.label, period), due: dateOf(last.label, period) };
}

/**
 * An objective table whose title cells are bold on some rows and plain on the
 * rows below them (the first one bold): bold rows are objectives, plain rows
 * their phases. The columns as phase rows read them are returned too.
 */
function boldHierarchy(cols: Column[], data: Row[]): { title: Column; stepCols: Column[] } | null {
  const title = cols.find((c) => c.role === "objective") ?? cols.find((c) => c.role === "title");
  if (!title) return null;
  // The column must say it holds phases too ("Obiettivo / Fase"): bold strategic rows over
  // plain operational ones are all objectives.
  if (!title.label.split("/").some((p) => matchRole(p.trim(), 0.9)?.role === "step")) return null;
  const cells = data.map((r) => r.cells[title.index]).filter((c) => c !== undefined && c.text !== "");
  if (cells.length < 2 || !cells[0]!.bold || cells.every((c) => c!.bold)) return null;
  const stepCols = cols.map((c) => (c === title ? { ...c, role: "step" as Role } : c));
  return { title, stepCols };
}

/** A table's sum row: "Totale" first, then only numbers (the weights' total). */
function isTotalRow(cells: string[]): boolean {
  const ne = cells.filter((v) => v !== "");
  return ne.length >= 1 && TOTAL_ROW.test(ne[0]!) && ne.slice(1).every(looksLikeValue);
}

/** With no objective or title column, an objective row's description column is its title. */
function untitled(cols: Column[]): Column | undefined {
  return cols.find((c) => c.role === "description");
}

/** Depth of a code: its numbered parts, a letter prefix not counted ("OB.1" → 1, "1.1.a" → 3). */
function codeDepth(code: string): number {
  return codeValue(code)
    .replace(/^[A-Za-z]{1,4}[._ -]?(?=\d)/, "")
    .split(/[._-]/)
    .filter(Boolean).length;
}

interface CodeTree {
  code: Column;
  /** Depth of the objective rows' codes. */
  top: number;
  /** The columns as objective rows read them: the text column is the title. */
  objectiveCols: Column[];
}

/**
 * One table holding objectives and their steps: no step column, a code
 * column whose codes come in two or more depths, the first row at the
 * shallowest ("OB.1 | title", "1.1.a | phase", …, "OB.2 | title", …).
 */
function codeTree(cols: Column[], data: Row[]): CodeTree | null {
  if (cols.some((c) => c.role === "step")) return null;
  const code = cols.find((c) => c.role === "code");
  const text = cols.find((c) => c.role === "objective" || c.role === "title" || c.role === "description");
  if (!code || !text) return null;
  const codes = data.map((r) => r.cells[code.index]?.text ?? "").filter((v) => v !== "");
  if (codes.length < 2 || !codes.every(isCode)) return null;
  const depths = codes.map(codeDepth);
  const top = Math.min(...depths);
  if (depths[0] !== top || depths.every((d) => d === top)) return null;
  // Steps sit two levels down or carry a closing letter ("1.1.a"); one level down
  // ("1" then "1.1") is a strategic objective with its operational ones, all objectives.
  const deeper = codes.filter((_, k) => depths[k]! > top);
  if (!deeper.every((c) => codeDepth(c) >= top + 2 || /[._-][A-Za-z]$/.test(codeValue(c)))) return null;
  const objectiveCols = cols.map((c) => (c === text && c.role === "description" ? { ...c, role: "title" as Role } : c));
  return { code, top, objectiveCols };
}

interface ObjectiveKey {
  key: Column;
  /** Columns left of the step's own that describe the objective. */
  objectiveCols: Column[];
  objectiveIdx: Set<number>;
  stepCols: Column[];
  hasTitle: boolean;
}

const OBJECTIVE_LEVEL = new Set<Role>(["code", "objective", "title", "description", "unit", "owner", "links", "publicValue"]);

/**
 * A phase table whose rows name their objective: a code or objective column
 * labelled as the objective's ("Cod. obiettivo", "Obiettivo") before the step
 * column. The descriptive columns between them belong to the objective.
 */
function objectiveKey(cols: Column[]): ObjectiveKey | null {
  const step = cols.find((c) => c.role === "step");
  if (!step) return null;
  const key = cols.find((c) => c.index < step.index && (c.role === "code" || c.role === "objective") && OBJECTIVE_LABEL.test(c.label));
  if (!key) return null;
  // Also a column named after the objective wherever it stands ("Peso obiettivo" beside "Peso fase").
  const objectiveCols = cols.filter(
    (c) => c.role !== null && c !== step && ((c.index < step.index && OBJECTIVE_LEVEL.has(c.role)) || OBJECTIVE_LABEL.test(c.label)),
  );
  const objectiveIdx = new Set(objectiveCols.map((c) => c.index));
  const hasTitle = objectiveCols.some((c) => c !== key && (c.role === "title" || c.role === "objective"));
  return { key, objectiveCols, objectiveIdx, stepCols: cols.filter((c) => !objectiveIdx.has(c.index)), hasTitle };
}

/** Objective cells that hold lists of objective numbers, not titles. */
function isCrossReference(cols: Column[], data: Row[]): boolean {
  const col = cols.find((c) => c.role === "objective") ?? cols.find((c) => c.role === "title");
  if (!col) return false;
  const values = data.map((r) => r.cells[col.index]?.text ?? "").filter(Boolean);
  return values.length > 0 && values.every((v) => /^[\d\s.,;:\-–/]+$/.test(v));
}

function nullIfEmpty(v: string | undefined): string | null {
  return v === undefined || v === "" || isPlaceholder(v) ? null : v;
}

/** A card row holding only more text for the value above it: the label cell empty, one value cell, no label in it. */
function continuesValue(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length !== 1 || ne[0] === 0) return false;
  const t = r.cells[ne[0]!]!.text;
  return matchRole(t, 0.9) === null && matchLabelPrefix(t) === null;
}

/** A card row after data: the next objective's card, or a lone "Label value" cell. */
function endsData(r: Row): boolean {
  if (!isLabelRow(r)) return false;
  const ne = nonEmpty(r);
  if (ne.length === 1) return true;
  const first = r.cells[ne[0]!]?.text ?? "";
  const full = matchRole(first, 0.9);
  if (full) return full.role === "objective" || full.role === "unit" || full.role === "owner";
  const fused = matchLabelPrefix(first);
  return fused !== null && fused.role === "objective" && /^\S*\d/.test(fused.rest);
}

function applyStepField(s: Step, role: Role | null, label: string, v: string, period: Period | null, year: number | null = null): void {
  switch (role) {
    case "code":
      if (s.id === null) s.id = codeValue(v);
      return;
    case "step":
    case "title":
      if (s.title === null) s.title = v;
      return;
    case "start":
      s.start ??= dateOf(v, period);
      return;
    case "due":
      s.due ??= dateOf(v, period);
      return;
    case "actualStart":
      s.actualStart ??= dateOf(v, period);
      return;
    case "actualEnd":
      s.actualEnd ??= dateOf(v, period);
      return;
    case "weight":
      if (year !== null) s.yearWeight ??= quantityOf(v);
      else s.weight ??= quantityOf(v);
      return;
    case "yearWeight":
      s.yearWeight ??= quantityOf(v);
      return;
    case "progress":
      s.progress ??= quantityOf(v);
      return;
    case "owner":
      s.owner ??= v;
      return;
    case "unit":
      s.unit ??= v;
      return;
    default:
      if (label) s.extra[labelKey(label)] = v;
  }
}

function applyKpiField(k: Kpi, role: Role, v: string, year: number | null, period: Period | null): void {
  switch (role) {
    case "indicator":
      k.name ??= v;
      if (KPI_CATEGORY_WORDS.test(v)) k.type ??= v;
      return;
    case "kpiType":
      k.type ??= v;
      return;
    case "measure":
      k.measure ??= v;
      return;
    case "target":
      k.target ??= targetOf(v, period);
      return;
    case "actual":
      if (year !== null) {
        k.history ??= {};
        k.history[String(year)] = v;
      } else {
        k.actual ??= targetOf(v, period);
      }
      return;
    case "source":
      k.source ??= v;
      return;
    default:
      return;
  }
}

/**
 * Converters fuse adjacent cells: "Tempo previsto 30 Giugno 2024" in the
 * measure column with the target column empty, or a bare "> 5" in the measure
 * column. The trailing date or threshold is the target.
 */
function splitMeasureTarget(k: Kpi, period: Period | null): void {
  if (k.target !== null || k.measure === null) return;
  if (TARGET_EXPR.test(k.measure)) {
    k.target = targetOf(k.measure, period);
    k.measure = null;
    return;
  }
  const m = /^(.*?\S)\s+((?:entro\s+(?:il\s+)?)?\d{1,2}[°º]?\s+\p{L}+\s+\d{4}|(?:entro\s+(?:il\s+)?)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|[<>≤≥]=?\s*\d[\d.,]*\s*%?)$/iu.exec(k.measure);
  if (!m) return;
  const target = targetOf(m[2]!, period);
  if (target && target.kind !== "text") {
    k.measure = m[1]!;
    k.target = target;
  }
}

/** An indicator measured in time has its deadline in the target cell, date or not. */
function dueFromKpi(k: Kpi): Step["due"] {
  const timed = [k.measure, k.type, k.name].some((t) => t !== null && TIME_MEASURE.test(t) && wordCount(t) <= 4);
  if (!timed || !k.target?.raw) return null;
  return k.target.date ?? { raw: k.target.raw, iso: null, precision: "none" };
}

const LINK_CODE_RE = /\b[A-Z]{0,6}[_.]?\d+[A-Z]?(?:[_.]\d+[A-Z]?)*\b/g;

function extractCodes(v: string): string[] {
  if (isCodeList(v)) return v.split(/[;,:\s]+/).filter(Boolean);
  // "DUP_04_1201 Equità abitativa": the leading code.
  const m = /^\s*([A-Za-z]{0,6}[_.]?\d+[A-Za-z]?(?:[_.]\d+[A-Za-z]?)*)\b/.exec(v);
  return m ? [m[1]!] : [];
}

function isCodeList(v: string): boolean {
  const parts = v.split(/[;,:]\s*|\s+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.length <= 20 && (p.match(LINK_CODE_RE)?.[0] ?? "") === p);
}

/** Strips section numbering ("4.2 Obiettivi specifici" → "Obiettivi specifici"). */
function cleanHeading(s: string): string {
  return s.replace(/^\s*(\d+(\.\d+)*\.?|[IVX]+\.)\s+/, "").trim();
}

function isCaptionLine(p: Paragraph): boolean {
  return p.lines.length === 1 && p.text.length <= 80 && wordCount(p.text) <= 8 && !/[.;:,]$/.test(p.text);
}

function startsWithHeader(t: TableBlock): boolean {
  const first = t.rows.find((r) => nonEmpty(r).length > 0);
  return first !== undefined && isHeaderRow(first);
}

const PLAN_YEARS = /\b(19|20)\d\d\s*[-–/]\s*(19|20)?\d\d\b/;

function isSectionHeading(p: Paragraph): boolean {
  const t = p.text;
  if (t.length > 120) return false;
  const words = wordCount(t);
  // A heading carrying the plan's years ("PIANO DELLA PERFORMANCE 2025-2027") titles the document, it names no kind.
  return words <= 10 && !/[.;,]$/.test(t) && KIND_CUES.test(t) && p.lines.length === 1 && !PLAN_YEARS.test(t);
}

function codeAtEnd(p: Paragraph): string | null {
  if (p.text.length > 200 || !/\d\S*$/.test(p.text)) return null;
  const words = p.text.split(/\s+/);
  if (words.length > 12) return null;
  const last = words[words.length - 1] ?? "";
  // Objective codes on their own line carry a separator and letters or several parts.
  if (!isCode(last) || !/[._-]/.test(last) || /^\d{1,2}\.$/.test(last)) return null;
  // Years, year ranges and dates end many headings without being codes.
  if (/^(19|20)\d\d\s*[-/]\s*(19|20)?\d\d$/.test(last) || looksLikeDate(last)) return null;
  if (!/[A-Za-z_]/.test(last) && last.split(/[._-]/).length < 2) return null;
  return last;
}

const LABEL_COLON_VALUE = /^[^:]{1,60}:\s*\S/;
const YEAR_RE = /\b(19|20)\d\d\b/g;

/**
 * "OBIETTIVO N. 4", "Obiettivo n° 2.1 – Title": an objective label, a number
 * sign, a code, maybe the title. The code and the title, or null.
 */
const HAS_DIGIT = /\d/;
const FIRST_WORD = /^\S+/;
const NUMBERED_RE = /^(\S+(?:\s+\S+){0,3}?)\s+(?:n|nr|num|numero)\s*[.°º]?\s*(\S+?)[:.]?(?:\s+(.*))?$/i;
const SIGNLESS_RE = /^(\p{L}+(?:\s+\p{L}+){0,2}?)\s+(\S*\d\S*?)[:.]?(?:\s+(.*))?$/iu;

function numberedOpener(text: string, emphasised = false): { code: string; title: string } | null {
  // A code holds a digit, and the label before it opens with a term's first word: most paragraphs fail both cheaply.
  if (text.length > 200 || !HAS_DIGIT.test(text) || !mayOpenLabels(FIRST_WORD.exec(text)?.[0] ?? "")) return null;
  // On a heading or a bold line the number sign may be left out: "### Obiettivo 2.1 – Title".
  const m = NUMBERED_RE.exec(text) ?? (emphasised ? SIGNLESS_RE.exec(text) : null);
  if (!m || !isCode(m[2]!) || /^(19|20)\d\d$/.test(m[2]!)) return null;
  const label = matchRole(m[1]!, 0.9);
  if (!label || (label.role !== "objective" && label.role !== "code")) return null;
  return { code: codeValue(m[2]!), title: (m[3] ?? "").replace(/^[-–—:.]\s*/, "").trim() };
}

function labelsAhead(blocks: Block[], from: number): number {
  let n = 0;
  for (let i = from; i < Math.min(blocks.length, from + 10); i++) {
    const b = blocks[i]!;
    if (b.type === "para" && paragraphLabel(b)) n++;
  }
  return n;
}

interface ParaLabel {
  role: Role | null;
  label: string;
  value: string;
}

/** "Responsabile⏎MARIO ROSSI", "Stato", "#### Modalità di attuazione", "OBIETTIVO DI MANDATO: DUP_04 …". */
function paragraphLabel(p: Paragraph): ParaLabel | null {
  if (p.label === undefined) p.label = computeParagraphLabel(p);
  return p.label as ParaLabel | null;
}

function computeParagraphLabel(p: Paragraph): ParaLabel | null {
  if (p.lines[0]!.length > 200) return null;
  const first = p.lines[0]!;
  const colon = /^([^:]{3,60}):\s*(.*)$/.exec(p.text);
  if (colon && wordCount(colon[1]!) <= 6) {
    const m = matchRole(colon[1]!, 0.9);
    // "- **Responsabile:** …": a list item's marker is no part of the label.
    if (m) return { role: m.role, label: colon[1]!.trim().replace(/^[-*•·]\s+/, ""), value: colon[2]!.trim() };
  }
  if (wordCount(first) > 6 || /[.;]$/.test(first)) return null;
  const m = matchRole(first, 0.9);
  if (m) return { role: m.role, label: first, value: p.lines.slice(1).join(" ").trim() };
  if (p.heading !== null && p.heading >= 3) return { role: null, label: first, value: p.lines.slice(1).join(" ").trim() };
  return null;
}

/**
 * A second header line is "the second line of each record" only when the data
 * really come in such pairs; otherwise it is the detail under a group header.
 */
function collapseUnpairedLower(cols: Column[], data: Row[]): void {
  const lowerCols = new Set(cols.filter((c) => c.lowerRole !== null).map((c) => c.index));
  if (lowerCols.size === 0) return;
  const paired = data.some((r) => {
    const ne = nonEmpty(r);
    return ne.length > 0 && ne.every((i) => lowerCols.has(i));
  });
  if (paired) return;
  for (const c of cols) {
    if (c.lowerRole === null) continue;
    c.role = c.lowerRole;
    c.label = c.lowerLabel;
    c.year = c.lowerYear;
    c.lowerRole = null;
    c.lowerLabel = "";
  }
}

/** Every labelled cell of the row is the header's own label in that column. */
function repeatsHeader(r: Row, headers: Row[]): boolean {
  const ne = nonEmpty(r);
  return (
    ne.length > 0 &&
    ne.every((i) => {
      const t = normalizeLabel(r.cells[i]!.text);
      return headers.some((h) => normalizeLabel(h.cells[i]?.text ?? "") === t);
    })
  );
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
  if (text.length <= longest + 4) {
    const t = normalizeLabel(text);
    if (t === echo.label || (col.lowerLabel && t === echo.lowerLabel)) return "";
  }
  // "FASE Gestione dei fondi …": the header word printed before the value.
  // Only when a new phrase opens after it (capital, digit): "Indicatore di
  // tempestività …" under "Indicatore" is the value itself.
  const lab = col.label.trim();
  if (
    lab &&
    text.length > lab.length + 1 &&
    text.charCodeAt(lab.length) === 32 &&
    text.slice(0, lab.length).toLowerCase() === lab.toLowerCase() &&
    /^[\p{Lu}\d"'«(]/u.test(text.slice(lab.length + 1))
  ) {
    return text.slice(lab.length + 1).trim();
  }
  return text;
}

interface DataRecord {
  row: Row;
  cells: string[];
  /** The record's second line (actual dates under planned ones), when printed so. */
  lower: string[] | null;
  /** Each cell's paragraphs, when the source marked them. */
  paras: (string[] | null)[];
}

/**
 * A scanned border read as text (`|`, `[`, `]`, `_`) is no value; a dash or a
 * dot alone stays, since printed tables use them for "none".
 */
function debrisFree(text: string): string {
  // Only a text that opens or closes with a border character can be or hold border debris: most do not, and are left unscanned.
  const border = (c: number) => c === 124 /* | */ || c === 91 /* [ */ || c === 93; /* ] */
  const first = text.charCodeAt(0);
  if (!border(first) && !border(text.charCodeAt(text.length - 1))) {
    // All debris, `/^[|[\]_—\s]+$/`, opens with one of its characters.
    return (first === 95 /* _ */ || first === 0x2014 /* — */ || isSpaceCode(first)) && /^[|[\]_—\s]+$/.test(text) ? "" : text;
  }
  if (/^[|[\]_—\s]+$/.test(text)) return "";
  return text.replace(/^[|[\]]\s+|\s+[|[\]]$/g, "");
}

const TITLE_ROLES = new Set<Role | null>(["objective", "title", "step", "description"]);

/** Records printed over two lines (planned dates, then actual dates below them). */
function pairLines(cols: Column[], data: Row[]): DataRecord[] {
  const lowerCols = cols.filter((c) => c.lowerRole !== null).map((c) => c.index);
  const echoes = cols.map(columnEcho);
  const out: DataRecord[] = [];
  for (const r of data) {
    const cells = cols.map((c, k) => echoFree(c, echoes[k]!, debrisFree(r.cells[c.index]?.text ?? "")));
    const ne: number[] = [];
    for (let i = 0; i < cells.length; i++) if (cells[i]) ne.push(i);
    if (ne.length === 0) continue;
    const prev = out[out.length - 1];
    // A title wrapped onto a row of its own: only the title cell printed (header echoes count), in lower case.
    if (
      prev &&
      ne.length === 1 &&
      nonEmpty(r).length === 1 &&
      prev.cells[ne[0]!] &&
      TITLE_ROLES.has(cols[ne[0]!]!.role) &&
      /^\p{Ll}/u.test(cells[ne[0]!]!)
    ) {
      prev.cells[ne[0]!] += " " + cells[ne[0]!]!;
      continue;
    }
    if (prev && lowerCols.length > 0 && ne.every((i) => lowerCols.includes(i))) {
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
    out.push({ row: r, cells, lower: null, paras: cols.map((c) => r.cells[c.index]?.paras ?? null) });
  }
  return out;
}

/**
 * A row whose non-empty cells all hold the same number (≥ 2) of paragraphs is
 * that many records. In a phase table, the objective's own cells (`shared`)
 * may hold one paragraph: they belong to every record of the row.
 */
function splitParagraphPairs(rec: DataRecord, shared?: Set<number>): string[][] {
  const count = (i: number) => rec.paras[i]?.length ?? 1;
  const split = rec.cells.map((v, i) => (v && !(shared?.has(i) && count(i) === 1) ? count(i) : 0)).filter((n) => n > 0);
  const n = split[0] ?? 0;
  if (n < 2 || !split.every((c) => c === n)) return [rec.cells];
  return Array.from({ length: n }, (_, k) => rec.cells.map((v, i) => (!v ? "" : shared?.has(i) && count(i) === 1 ? v : (rec.paras[i]?.[k] ?? ""))));
}

export function assemble(source: SourceDoc, period: Period | null): Assembly {
  const blocks = toBlocks(source.rows);
  const a = new Assembler(period);
  let i = 0;
  while (i < blocks.length) {
    const b = blocks[i]!;
    if (b.type === "table") {
      a.table(b);
      i++;
    } else {
      i = a.paragraphs(blocks, i);
    }
  }
  return { objectives: a.objectives, features: a.features };
}

