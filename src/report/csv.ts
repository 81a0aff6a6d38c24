/**
 * Flat CSV views of converted documents: objectives, steps, KPIs and issues,
 * one row per record across every input. Each row is keyed by `document`
 * (the output file name) and `path` (the record's JSON Pointer in that
 * document), so a row can always be traced back to the JSON.
 */
import Papa from "papaparse";
import type { DateValue, Kpi, PiaoDocument, Quantity, Target, Where } from "../model/schema.js";

type Cell = string | number | null;
type Row = Record<string, Cell>;

export const CSV_FILES = ["objectives.csv", "steps.csv", "kpis.csv", "issues.csv"] as const;
export type CsvFile = (typeof CSV_FILES)[number];

const quantityCols = (p: string) => [`${p}_raw`, `${p}_value`, `${p}_unit`];
const dateCols = (p: string) => [`${p}_raw`, `${p}_iso`, `${p}_precision`];
const targetCols = (p: string) => [`${p}_raw`, `${p}_kind`, `${p}_value`, `${p}_comparator`, `${p}_unit`, `${p}_date_iso`];

export const CSV_COLUMNS: Record<CsvFile, readonly string[]> = {
  "objectives.csv": [
    "document", "path", "id", "title", "description", "kind", "unit", "owner", "publicValue", "links",
    ...quantityCols("weight"), ...dateCols("due"), "status", "steps", "kpis", "extra", "page", "line",
  ],
  "steps.csv": [
    "document", "path", "objective_id", "id", "title",
    ...dateCols("start"), ...dateCols("due"), ...dateCols("actualStart"), ...dateCols("actualEnd"),
    ...quantityCols("weight"), ...quantityCols("yearWeight"), ...quantityCols("progress"),
    "owner", "unit", "kpi_name", "extra", "page", "line",
  ],
  "kpis.csv": [
    "document", "path", "objective_id", "step_id", "name", "type", "measure",
    ...targetCols("target"), ...targetCols("actual"), "history", "source", "note", "page", "line",
  ],
  "issues.csv": ["document", "path", "code", "severity", "message", "raw"],
};

function quantity(p: string, q: Quantity | null): Row {
  return { [`${p}_raw`]: q?.raw ?? null, [`${p}_value`]: q?.value ?? null, [`${p}_unit`]: q?.unit ?? null };
}

function date(p: string, d: DateValue | null): Row {
  return { [`${p}_raw`]: d?.raw ?? null, [`${p}_iso`]: d?.iso ?? null, [`${p}_precision`]: d?.precision ?? null };
}

function target(p: string, t: Target | null): Row {
  return {
    [`${p}_raw`]: t?.raw ?? null,
    [`${p}_kind`]: t?.kind ?? null,
    [`${p}_value`]: t?.value ?? null,
    [`${p}_comparator`]: t?.comparator ?? null,
    [`${p}_unit`]: t?.unit ?? null,
    [`${p}_date_iso`]: t?.date?.iso ?? null,
  };
}

function where(w: Where | undefined): Row {
  return { page: w?.page ?? null, line: w?.line ?? null };
}

function json(v: Record<string, unknown> | null): string | null {
  return v === null || Object.keys(v).length === 0 ? null : JSON.stringify(v);
}

function kpiRow(document: string, path: string, objectiveId: string | null, stepId: string | null, k: Kpi): Row {
  return {
    document,
    path,
    objective_id: objectiveId,
    step_id: stepId,
    name: k.name,
    type: k.type,
    measure: k.measure,
    ...target("target", k.target),
    ...target("actual", k.actual),
    history: json(k.history),
    source: k.source,
    note: k.note,
    ...where(k.where),
  };
}

/** Accumulates the rows of every converted document, then renders the four files. */
export class CsvReport {
  private readonly rows: Record<CsvFile, Row[]> = {
    "objectives.csv": [],
    "steps.csv": [],
    "kpis.csv": [],
    "issues.csv": [],
  };

  add(doc: PiaoDocument, document: string): void {
    doc.objectives.forEach((o, oi) => {
      const op = `/objectives/${oi}`;
      this.rows["objectives.csv"].push({
        document,
        path: op,
        id: o.id,
        title: o.title,
        description: o.description,
        kind: o.kind,
        unit: o.unit,
        owner: o.owner,
        publicValue: o.publicValue,
        links: o.links.length > 0 ? o.links.join("; ") : null,
        ...quantity("weight", o.weight),
        ...date("due", o.due),
        status: o.status,
        steps: o.steps.length,
        kpis: o.kpis.length,
        extra: json(o.extra),
        ...where(o.where),
      });
      o.steps.forEach((s, si) => {
        const sp = `${op}/steps/${si}`;
        this.rows["steps.csv"].push({
          document,
          path: sp,
          objective_id: o.id,
          id: s.id,
          title: s.title,
          ...date("start", s.start),
          ...date("due", s.due),
          ...date("actualStart", s.actualStart),
          ...date("actualEnd", s.actualEnd),
          ...quantity("weight", s.weight),
          ...quantity("yearWeight", s.yearWeight),
          ...quantity("progress", s.progress),
          owner: s.owner,
          unit: s.unit,
          kpi_name: s.kpi?.name ?? null,
          extra: json(s.extra),
          ...where(s.where),
        });
        if (s.kpi) this.rows["kpis.csv"].push(kpiRow(document, `${sp}/kpi`, o.id, s.id, s.kpi));
      });
      o.kpis.forEach((k, ki) => {
        this.rows["kpis.csv"].push(kpiRow(document, `${op}/kpis/${ki}`, o.id, null, k));
      });
    });
    for (const i of doc.issues) {
      this.rows["issues.csv"].push({ document, path: i.path, code: i.code, severity: i.severity, message: i.message, raw: i.raw });
    }
  }

  count(file: CsvFile): number {
    return this.rows[file].length;
  }

  render(file: CsvFile): string {
    const csv = Papa.unparse(
      { fields: [...CSV_COLUMNS[file]], data: this.rows[file].map((r) => CSV_COLUMNS[file].map((c) => r[c] ?? null)) },
      // Cells come from untrusted documents: neutralise spreadsheet formulae, but leave signed numbers alone.
      { newline: "\n", escapeFormulae: FORMULA },
    );
    return csv + "\n";
  }
}

/** `=…`, `@…`, a leading tab/CR, or `+`/`-` not followed by a plain number. */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d.,]+%?$))/;
