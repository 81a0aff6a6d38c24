/**
 * Text checks: broken encodings in any string field, OCR confidence below the
 * threshold, and the extractor's notes about both.
 */
import { hasBadEncoding, MOJIBAKE_RE } from "../extract/encoding.js";
import type { ExtractNote } from "../doc/source.js";
import type { Kpi, PiaoDocument } from "../model/schema.js";
import type { IssueCollector } from "./issues.js";
import { objectivePath, ptr, stepPath } from "./pointer.js";

/** Shows the offending spot with a little context. */
function snippet(s: string): string {
  const m = MOJIBAKE_RE.exec(s);
  if (!m) return s;
  const from = Math.max(0, m.index - 20);
  const to = Math.min(s.length, m.index + m[0].length + 20);
  return `${from > 0 ? "…" : ""}${s.slice(from, to)}${to < s.length ? "…" : ""}`;
}

/**
 * Called with a string a reader would see and where it is: the pointer is
 * `ptr(base, token, index)`, built by the visitor only for a string it
 * reports (pointers for every string of a long document cost more than the checks).
 */
type StringVisitor = (text: string, base: string, token: string, index?: string | number) => void;

const OBJECTIVE_TEXT = ["id", "title", "description", "kind", "unit", "owner", "publicValue", "status"] as const;
const STEP_TEXT = ["id", "title", "owner", "unit"] as const;
const KPI_TEXT = ["name", "type", "measure", "source", "note"] as const;

/**
 * Walks every string a reader would see, in document order. Value types
 * (Quantity, DateValue, Target) are reported at the field that holds them; a
 * Target's nested date repeats its raw and is skipped. An `extra` entry gives
 * its value and its label under the same pointer.
 */
function visitStrings(doc: PiaoDocument, visit: StringVisitor): void {
  doc.objectives.forEach((o, i) => {
    const base = objectivePath(i);
    textFields(o, OBJECTIVE_TEXT, base, visit);
    (o.links ?? []).forEach((l, j) => visit(l, base, "links", j));
    rawFields(o, ["weight", "due"], base, visit);
    extraStrings(o.extra, base, visit);
    (o.kpis ?? []).forEach((kpi, k) => kpiStrings(kpi, ptr(base, "kpis", k), visit));
    (o.steps ?? []).forEach((st, k) => {
      const sb = stepPath(i, k);
      textFields(st, STEP_TEXT, sb, visit);
      rawFields(st, ["start", "due", "actualStart", "actualEnd", "weight", "yearWeight", "progress"], sb, visit);
      if (st.kpi) kpiStrings(st.kpi, ptr(sb, "kpi"), visit);
      extraStrings(st.extra, sb, visit);
    });
  });
}

function textFields<T extends object>(obj: T, fields: readonly (keyof T & string)[], base: string, visit: StringVisitor): void {
  for (const f of fields) {
    const v = obj[f];
    if (typeof v === "string" && v) visit(v, base, f);
  }
}

function rawFields<T extends object>(obj: T, fields: readonly (keyof T & string)[], base: string, visit: StringVisitor): void {
  for (const f of fields) {
    const raw = (obj[f] as { raw?: unknown } | null | undefined)?.raw;
    if (typeof raw === "string" && raw) visit(raw, base, f);
  }
}

function kpiStrings(kpi: Kpi, base: string, visit: StringVisitor): void {
  textFields(kpi, KPI_TEXT, base, visit);
  rawFields(kpi, ["target", "actual"], base, visit);
  for (const [y, v] of Object.entries(kpi.history ?? {})) if (v) visit(v, base, "history", y);
}

function extraStrings(extra: Record<string, string> | undefined, base: string, visit: StringVisitor): void {
  for (const [label, v] of Object.entries(extra ?? {})) {
    if (v) visit(v, base, "extra", label);
    visit(label, base, "extra", label);
  }
}

/** text.encoding on fields, then the extractor's encoding notes not already covered by a field. */
export function checkEncoding(doc: PiaoDocument, notes: readonly ExtractNote[], out: IssueCollector): void {
  const flagged: string[] = [];
  const paths = new Set<string>();
  visitStrings(doc, (text, base, token, index) => {
    if (!hasBadEncoding(text)) return;
    const path = index === undefined ? ptr(base, token) : ptr(base, token, index);
    if (paths.has(path)) return;
    paths.add(path);
    flagged.push(text);
    out.add("text.encoding", path, `broken characters (replacement character or mojibake) in "${snippet(text)}"`, text);
  });
  passNotes("text.encoding", notes, flagged, out);
}

/**
 * Notes pass through at path "" unless their text landed in a field that was
 * already flagged for the same reason (one finding, reported where it is).
 */
function passNotes(code: ExtractNote["code"], notes: readonly ExtractNote[], flagged: string[], out: IssueCollector): void {
  for (const n of notes) {
    if (n.code !== code) continue;
    const raw = n.raw?.trim();
    if (raw && flagged.some((t) => t.includes(raw) || raw.includes(t))) continue;
    out.add(code, "", n.message.trim() || `the extractor reported ${code}`, n.raw);
  }
}

/** The field's text for a confidence key: plain strings, or the raw of a value type. */
function fieldText(obj: Record<string, unknown>, field: string): string | null {
  const v = obj[field];
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "raw" in v && typeof (v as { raw: unknown }).raw === "string") {
    return (v as { raw: string }).raw;
  }
  if (v && typeof v === "object" && "name" in v && typeof (v as { name: unknown }).name === "string") {
    return (v as { name: string }).name;
  }
  return null;
}

/**
 * ocr.low-confidence: OCR'd objects may carry `confidence: { field: 0–100 }`
 * (the mean confidence of the words that landed in that field). A field named
 * there that is an `extra` label is pointed at inside `extra`.
 *
 * A reading the document itself vouches for raises nothing (the spot-check
 * report still lists it): tesseract scores short tokens low for want of
 * context — on the scanned fixtures a step code `1.7` read right at 27 %, a
 * deadline `30/09/25` at 47 % — while what a misread would break is checked
 * anyway. So a code that continues its siblings' numbering, and a date,
 * weight or target that normalised whole to a value with no other issue on
 * its path (a misread weight breaks the sum, a misread date its period), are
 * left alone. Targets have no such cross-check, only being well formed: a
 * misread that stays well formed is no likelier under the threshold than
 * over it (measured: `1,006` for `1,00` at 66 %), while debris (`100% =`,
 * `1,00 i`) is text and stays flagged. Free text keeps the plain threshold.
 * Runs after the other checks: it reads their issues (info ones aside).
 */
export function checkOcr(doc: PiaoDocument, notes: readonly ExtractNote[], threshold: number, out: IssueCollector): void {
  const flagged: string[] = [];
  const troubled = new Set(out.issues.filter((i) => i.severity !== "info").map((i) => i.path));
  const visit = (obj: object, base: string, siblings: readonly { id?: string | null }[] = [], k = -1): void => {
    const conf = (obj as { confidence?: unknown }).confidence;
    if (!conf || typeof conf !== "object") return;
    const rec = obj as Record<string, unknown>;
    const extra = (rec.extra ?? {}) as Record<string, unknown>;
    for (const [field, c] of Object.entries(conf as Record<string, unknown>)) {
      if (typeof c !== "number" || !Number.isFinite(c) || c >= threshold) continue;
      let path: string;
      let text: string | null;
      if (field in rec && field !== "extra" && field !== "confidence") {
        path = ptr(base, field);
        text = fieldText(rec, field);
        if (vouchedFor(rec, field, path, troubled, siblings, k)) continue;
      } else if (typeof extra[field] === "string") {
        path = ptr(base, "extra", field);
        text = extra[field] as string;
      } else {
        path = base;
        text = null;
      }
      if (text) flagged.push(text);
      out.add(
        "ocr.low-confidence",
        path,
        `${field} was read by OCR with ${Math.round(c * 10) / 10}% mean confidence (threshold ${threshold}%)${text ? `: "${text.length > 60 ? text.slice(0, 60) + "…" : text}"` : ""}`,
        text,
      );
    }
  };
  doc.objectives.forEach((o, i) => {
    visit(o, objectivePath(i), doc.objectives, i);
    (o.kpis ?? []).forEach((kpi, k) => visit(kpi, ptr(objectivePath(i), "kpis", k)));
    (o.steps ?? []).forEach((s, k) => {
      visit(s, stepPath(i, k), o.steps, k);
      if (s.kpi) visit(s.kpi, ptr(stepPath(i, k), "kpi"));
    });
  });
  passNotes("ocr.low-confidence", notes, flagged, out);
}

/** Fields holding a normalised value (DateValue, Quantity, Target). */
const VALUE_FIELDS = new Set(["start", "due", "weight", "progress", "target", "actual"]);

/** Whether the document vouches for a low-confidence reading of `field` (see checkOcr). */
function vouchedFor(
  rec: Record<string, unknown>,
  field: string,
  path: string,
  troubled: ReadonlySet<string>,
  siblings: readonly { id?: string | null }[],
  k: number,
): boolean {
  // The field, its record or an ancestor under another issue (a step weight when its objective's sum is off):
  // a reviewer looks anyway, and the reading may be why.
  for (let p = path; p.length > 0; p = p.slice(0, p.lastIndexOf("/"))) if (troubled.has(p)) return false;
  if (field === "id") return typeof rec.id === "string" && continuesNumbering(siblings, k);
  if (!VALUE_FIELDS.has(field)) return false;
  const v = rec[field] as { iso?: unknown; value?: unknown; unit?: unknown; date?: { iso?: unknown } | null } | null | undefined;
  if (v == null) return false;
  // A number whose "unit" is whatever followed it (`3O` → 3 "O") was not read whole; nor was one whose figures
  // hold a letter a scan takes for one (`3O` read as 30: its raw still says the scan doubted).
  const raw = (v as { raw?: unknown }).raw;
  if (typeof raw === "string" && /\d[OoIl]|[OoIl]\d/.test(raw)) return false;
  const plainUnit = v.unit == null || v.unit === "%" || v.unit === "€";
  return (typeof v.value === "number" && plainUnit) || typeof v.iso === "string" || typeof v.date?.iso === "string";
}

/** `1.7` between `1.6` and `1.8` (either neighbour suffices): same prefix, last number one on or one back. */
function continuesNumbering(siblings: readonly { id?: string | null }[], k: number): boolean {
  const split = (id: string | null | undefined): [string, number] | null => {
    const m = id == null ? null : /^(.*?)(\d+)$/.exec(id.trim());
    return m ? [m[1]!, Number(m[2])] : null;
  };
  const me = split(siblings[k]?.id);
  if (!me) return false;
  const prev = split(siblings[k - 1]?.id),
    next = split(siblings[k + 1]?.id);
  return (!!prev && prev[0] === me[0] && prev[1] + 1 === me[1]) || (!!next && next[0] === me[0] && next[1] - 1 === me[1]);
}
