/**
 * What the reviewer checks, derived from a converted document: every field of
 * every objective, step and KPI with its JSON Pointer, the text as printed,
 * the normalised reading, the box to show on the page and its OCR confidence;
 * and the checklist (the reconciler's issues plus fields read with low
 * confidence), each entry pointing at the field or record it concerns.
 * Pure data: html.ts decides how it looks.
 */
import type { BBox, PageWords } from "../doc/source.js";
import type { DateValue, Issue, Kpi, PiaoDocument, Quantity, Severity, Target, Where } from "../model/schema.js";
import { ptr } from "../reconcile/pointer.js";

export const DEFAULT_OCR_THRESHOLD = 60;
/** Confidences this far above the threshold are still shown as doubtful. */
export const MIDDLING_BAND = 20;

export type ConfLevel = "lo" | "mid" | "hi";

export function confLevel(conf: number, threshold: number): ConfLevel {
  return conf < threshold ? "lo" : conf < threshold + MIDDLING_BAND ? "mid" : "hi";
}

export const OBJECTIVE_FIELDS = ["id", "title", "description", "kind", "unit", "owner", "publicValue", "links", "weight", "due", "status"] as const;
export const STEP_FIELDS = ["id", "title", "start", "due", "actualStart", "actualEnd", "weight", "yearWeight", "progress", "owner", "unit"] as const;
export const KPI_FIELDS = ["name", "type", "measure", "target", "actual", "history", "source", "note"] as const;

export interface Located {
  /** DOM id, unique in the report. */
  id: string;
  /** JSON Pointer into the document. */
  path: string;
  page: number | null;
  bbox: BBox | null;
}

export interface FieldView extends Located {
  /** Contract key (`due`) or, for `extra`, the label as printed. */
  label: string;
  /** The value as printed (null when absent). */
  text: string | null;
  /** The normalised reading (`2025-06-30 (day)`), when it adds something to the text. */
  detail: string | null;
  /** True when the box is the field's own, false when it is its record's. */
  own: boolean;
  /** OCR confidence 0–100, when known, and how it compares with the threshold. */
  conf: number | null;
  level: ConfLevel | null;
}

export interface RecordView extends Located {
  line: number | null;
  fields: FieldView[];
  extra: FieldView[];
}

export interface KpiView extends RecordView {
  /** Whose indicator it is: "objective" or the step's code. */
  of: string;
}

export interface ObjectiveView extends RecordView {
  steps: RecordView[];
  kpis: KpiView[];
}

export interface CheckItem {
  /** Stable across renders of the same document: the checklist state is stored under it. */
  key: string;
  severity: Severity;
  code: string;
  message: string;
  path: string;
  /** DOM id of the field or record the path resolves to (the summary for the document). */
  target: string;
}

export interface Review {
  objectives: ObjectiveView[];
  checklist: CheckItem[];
  counts: { objectives: number; steps: number; kpis: number; issues: Record<Severity, number>; lowConfidence: number };
  threshold: number;
}

export const SUMMARY_ID = "summary";

type Display = { text: string | null; detail: string | null };

/** A reading that only respaces the raw text tells the reviewer nothing. */
const same = (a: string, b: string | null) => b !== null && a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

const num = (n: number) => String(Math.round(n * 1000) / 1000);

function quantity(q: Quantity): Display {
  const reading = q.value === null ? "not a number" : `${num(q.value)}${q.unit ? ` ${q.unit}` : ""}`;
  return { text: q.raw, detail: same(reading, q.raw) ? null : reading };
}

function date(d: DateValue): Display {
  return { text: d.raw, detail: d.iso ? `${d.iso} (${d.precision})` : `no date (${d.precision})` };
}

function target(t: Target): Display {
  const reading: string =
    t.kind === "date"
      ? (t.date?.iso ?? "no date")
      : [t.kind, t.comparator, t.value === null ? null : num(t.value), t.unit].filter((x) => x !== null).join(" ");
  return { text: t.raw, detail: same(reading, t.raw) ? null : reading };
}

/** Text as printed and normalised reading of any contract value. */
function display(v: unknown): Display {
  if (v === null || v === undefined) return { text: null, detail: null };
  if (typeof v === "string") return { text: v, detail: null };
  if (typeof v === "number") return { text: num(v), detail: null };
  if (Array.isArray(v)) return { text: v.length ? v.map(String).join(", ") : null, detail: null };
  const o = v as Record<string, unknown>;
  if ("precision" in o) return date(o as DateValue);
  if ("kind" in o && "comparator" in o) return target(o as Target);
  if ("value" in o && "unit" in o) return quantity(o as Quantity);
  // history: { "2022": "0,00", "2021": null }
  const entries = Object.entries(o);
  return { text: entries.length ? entries.map(([k, x]) => `${k}: ${x ?? "—"}`).join("; ") : null, detail: null };
}

/** Mean confidence of the words whose centre lies in the box. */
function wordsConf(words: PageWords | undefined, box: BBox): number | null {
  if (!words) return null;
  let sum = 0;
  let n = 0;
  for (const w of words.words) {
    if (w.conf === undefined) continue;
    const cx = (w.bbox[0] + w.bbox[2]) / 2;
    const cy = (w.bbox[1] + w.bbox[3]) / 2;
    if (cx >= box[0] && cx <= box[2] && cy >= box[1] && cy <= box[3]) {
      sum += w.conf;
      n++;
    }
  }
  return n ? sum / n : null;
}

export function buildReview(doc: PiaoDocument, pages: readonly PageWords[], threshold = DEFAULT_OCR_THRESHOLD): Review {
  const byPage = new Map(pages.map((p) => [p.page, p]));
  let seq = 0;
  const ids = new Map<string, string>();
  const order = new Map<string, number>();
  const register = (path: string, prefix: string): string => {
    const id = `${prefix}${++seq}`;
    ids.set(path, id);
    order.set(id, seq);
    return id;
  };

  /** A contract record with its optional per-field provenance (`where.fields`, `confidence`: see src/parse/provenance.ts). */
  type Traced = { where?: Where | undefined; confidence?: Record<string, number> | undefined };
  const record = (obj: Traced, path: string, parent: Located | null, keys: readonly string[]): RecordView => {
    const where = obj.where;
    const page = where?.page ?? parent?.page ?? null;
    const bbox = where?.bbox ?? (where ? null : (parent?.bbox ?? null));
    const rec: RecordView = { id: register(path, "r"), path, page, bbox, line: where?.line ?? null, fields: [], extra: [] };
    const boxes = where?.fields ?? {};
    const confs = obj.confidence ?? {};
    const field = (key: string, label: string, value: unknown, fpath: string): FieldView => {
      const ownBox = boxes[key];
      const box = ownBox ?? rec.bbox;
      const conf = confs[key] ?? (ownBox && page !== null ? wordsConf(byPage.get(page), ownBox) : null);
      const level = conf === null ? null : confLevel(conf, threshold);
      return { id: register(fpath, "f"), path: fpath, label, ...display(value), page, bbox: box, own: ownBox !== undefined, conf, level };
    };
    const values = obj as Record<string, unknown>;
    for (const k of keys) rec.fields.push(field(k, k, values[k], ptr(path, k)));
    const extra = (values.extra ?? {}) as Record<string, string>;
    for (const [label, v] of Object.entries(extra)) rec.extra.push(field(label, label, v, ptr(path, "extra", label)));
    return rec;
  };

  const objectives: ObjectiveView[] = doc.objectives.map((o, i) => {
    const path = ptr("", "objectives", i);
    const view: ObjectiveView = { ...record(o, path, null, OBJECTIVE_FIELDS), steps: [], kpis: [] };
    const kpi = (k: Kpi, kpath: string, parent: Located, of: string): KpiView => ({ ...record(k, kpath, parent, KPI_FIELDS), of });
    o.kpis.forEach((k, n) => view.kpis.push(kpi(k, ptr(path, "kpis", n), view, "objective")));
    o.steps.forEach((s, n) => {
      const spath = ptr(path, "steps", n);
      const step = record(s, spath, view, STEP_FIELDS);
      view.steps.push(step);
      if (s.kpi) view.kpis.push(kpi(s.kpi, ptr(spath, "kpi"), step, s.id ? `step ${s.id}` : `step #${n + 1}`));
    });
    return view;
  });

  /** A pointer resolves to its field, else to the nearest enclosing record, else to the summary. */
  const resolve = (path: string): string => {
    for (let p = path; p !== ""; p = p.slice(0, p.lastIndexOf("/"))) {
      const id = ids.get(p);
      if (id) return id;
    }
    return SUMMARY_ID;
  };

  const seen = new Map<string, number>();
  const item = (severity: Severity, code: string, message: string, path: string): CheckItem => {
    const base = `${code}|${path}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: n === 1 ? base : `${base}|${n}`, severity, code, message, path, target: resolve(path) };
  };
  const checklist = doc.issues.map((i: Issue) => item(i.severity, i.code, i.message, i.path));

  const flagged = new Set(doc.issues.filter((i) => i.code === "ocr.low-confidence").map((i) => i.path));
  let lowConfidence = 0;
  const allRecords = objectives.flatMap((o) => [o as RecordView, ...o.steps, ...o.kpis]);
  for (const f of allRecords.flatMap((r) => [...r.fields, ...r.extra])) {
    if (f.conf === null || f.level !== "lo") continue;
    lowConfidence++;
    if (flagged.has(f.path)) continue;
    const shown = f.text ? `: "${f.text.length > 60 ? f.text.slice(0, 60) + "…" : f.text}"` : "";
    checklist.push(item("warning", "ocr.low-confidence", `${f.label} read with ${Math.round(f.conf)}% confidence (threshold ${threshold}%)${shown}`, f.path));
  }
  // Top to bottom through the document, so the reviewer walks the pages once.
  const rank = (c: CheckItem) => (c.target === SUMMARY_ID ? 0 : (order.get(c.target) ?? 0));
  checklist.sort((a, b) => rank(a) - rank(b));

  const issues: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of doc.issues) issues[i.severity]++;
  return {
    objectives,
    checklist,
    counts: {
      objectives: objectives.length,
      steps: objectives.reduce((n, o) => n + o.steps.length, 0),
      kpis: objectives.reduce((n, o) => n + o.kpis.length, 0),
      issues,
      lowConfidence,
    },
    threshold,
  };
}
