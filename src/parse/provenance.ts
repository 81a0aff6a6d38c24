/**
 * Field-level provenance for positioned sources: which cell each field of an
 * objective, step or KPI was read from — its box on the page (`where.fields`)
 * and, for OCR, the mean confidence of its words (`confidence`), which the
 * reconciler turns into `ocr.low-confidence` and the spot-check report shades.
 */
import type { BBox, Cell, Row } from "../doc/source.js";
import type { Where } from "../model/schema.js";
import type { Column } from "./header.js";
import type { Role } from "./vocabulary.js";

/** Column role → the field it fills, per kind of record. */
export const OBJECTIVE_FIELDS: Partial<Record<Role, string>> = {
  code: "id", objective: "title", title: "title", description: "description", unit: "unit", owner: "owner",
  weight: "weight", due: "due", status: "status", publicValue: "publicValue", links: "links",
};
export const STEP_FIELDS: Partial<Record<Role, string>> = {
  code: "id", step: "title", title: "title", start: "start", due: "due", actualStart: "actualStart", actualEnd: "actualEnd",
  weight: "weight", yearWeight: "yearWeight", progress: "progress", owner: "owner", unit: "unit",
};
export const KPI_FIELDS: Partial<Record<Role, string>> = {
  indicator: "name", kpiType: "type", measure: "measure", target: "target", actual: "actual", source: "source",
};

interface Traced {
  where?: Where;
  confidence?: Record<string, number>;
}

function filled(v: unknown): boolean {
  return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
}

function union(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Records, for every filled field of `rec` that a column of `row` maps to, the
 * cell's box and OCR confidence. Several cells feeding one field: boxes are
 * united and the lowest confidence kept (a reviewer checks the weakest read).
 */
export function traceFields(rec: Traced & object, fields: Partial<Record<Role, string>>, cols: readonly Column[], row: Row): void {
  for (const c of cols) {
    const field = c.role ? fields[c.role] : undefined;
    const cell = row.cells[c.index];
    if (field && cell) traceCell(rec, field, cell, row.page);
  }
}

/**
 * Records one cell (on `page`) as a source of `field`. Boxes are kept only on
 * the record's own page: `where.fields` shares `where.page`.
 */
export function traceCell(rec: Traced & object, field: string, cell: Cell, page: number | null): void {
  if (!cell.text || !filled((rec as Record<string, unknown>)[field])) return;
  if (cell.bbox && rec.where && rec.where.page === page) {
    // A fresh object each time: records opened from one row may share their `where`.
    const prev = rec.where.fields?.[field];
    rec.where = { ...rec.where, fields: { ...rec.where.fields, [field]: prev ? union(prev, cell.bbox) : cell.bbox } };
  }
  if (cell.conf !== undefined) {
    const conf = (rec.confidence ??= {});
    conf[field] = Math.min(conf[field] ?? 100, Math.round(cell.conf * 10) / 10);
  }
}
