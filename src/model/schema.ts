/**
 * The canonical objective model (contract "piao-objectives/1").
 *
 * This file is the single source of truth: TypeScript types are inferred from
 * these schemas and the published JSON Schema is generated from them with
 * `z.toJSONSchema`. Keys are English camelCase; values keep the document's own
 * Italian text. Absent values are `null` (or `[]`), never omitted.
 * Extra keys are allowed by the contract, so objects are not strict.
 */
import { z } from "zod";

export const SCHEMA_ID = "piao-objectives/1" as const;

/** A number as printed and as a number: `{ raw: "18,18%", value: 18.18, unit: "%" }`. */
export const Quantity = z
  .object({
    raw: z.string().nullable(),
    value: z.number().nullable().describe("null when the raw text is not a number"),
    unit: z.string().nullable(),
  })
  .describe("Quantity");

export const DatePrecision = z.enum(["day", "month", "quarter", "half", "year", "none"]);

/** `iso` is the LAST day the text allows (the deadline). */
export const DateValue = z
  .object({
    raw: z.string().nullable(),
    iso: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe("last day the text allows, YYYY-MM-DD; null when impossible or unreadable"),
    precision: DatePrecision,
  })
  .describe("DateValue");

export const Comparator = z.enum([">", ">=", "<", "<=", "="]);
export const TargetKind = z.enum(["number", "percent", "date", "boolean", "text"]);

export const Target = z
  .object({
    raw: z.string().nullable(),
    kind: TargetKind,
    value: z.number().nullable(),
    comparator: Comparator.nullable(),
    unit: z.string().nullable(),
    date: DateValue.nullable(),
  })
  .describe("Target");

const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** Provenance: page/line (1-based) and, for positioned sources, a bbox in PDF points (origin top-left). */
export const Where = z
  .object({
    page: z.number().int().positive().nullable(),
    line: z.number().int().positive().nullable(),
    bbox: BBox.nullable().optional(),
    fields: z
      .record(z.string(), BBox)
      .optional()
      .describe("box of each field's cell on the page, by field name, for positioned sources"),
  })
  .describe("Where");

/** Mean OCR confidence (0–100) of the words each field was read from, by field name; OCR'd sources only. */
const FieldConfidence = z.record(z.string(), z.number().min(0).max(100)).optional();

export const Kpi = z
  .object({
    name: z.string().nullable(),
    type: z.string().nullable(),
    measure: z.string().nullable(),
    target: Target.nullable(),
    actual: Target.nullable(),
    history: z.record(z.string(), z.string().nullable()).nullable(),
    source: z.string().nullable(),
    note: z.string().nullable(),
    where: Where.optional(),
    confidence: FieldConfidence,
  })
  .describe("Kpi");

export const Step = z
  .object({
    id: z.string().nullable(),
    title: z.string().nullable(),
    start: DateValue.nullable(),
    due: DateValue.nullable(),
    actualStart: DateValue.nullable(),
    actualEnd: DateValue.nullable(),
    weight: Quantity.nullable(),
    yearWeight: Quantity.nullable(),
    progress: Quantity.nullable(),
    owner: z.string().nullable(),
    unit: z.string().nullable(),
    kpi: Kpi.nullable(),
    extra: z.record(z.string(), z.string()),
    where: Where,
    confidence: FieldConfidence,
  })
  .describe("Step");

export const Objective = z
  .object({
    id: z.string().nullable(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    kind: z.string().nullable(),
    unit: z.string().nullable(),
    owner: z.string().nullable(),
    publicValue: z.string().nullable(),
    links: z.array(z.string()),
    weight: Quantity.nullable(),
    due: DateValue.nullable(),
    status: z.string().nullable(),
    steps: z.array(Step),
    kpis: z.array(Kpi),
    extra: z.record(z.string(), z.string()),
    where: Where,
    confidence: FieldConfidence,
  })
  .describe("Objective");

export const Severity = z.enum(["error", "warning", "info"]);

export const Issue = z
  .object({
    code: z.string().regex(/^[a-z]+\.[a-z-]+$/),
    severity: Severity,
    path: z.string().describe("JSON Pointer into this document; \"\" for the document as a whole"),
    message: z.string(),
    raw: z.string().nullable(),
  })
  .describe("Issue");

export const OcrInfo = z.object({
  engine: z.string(),
  lang: z.string(),
  meanConfidence: z.number().nullable(),
});

export const Source = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(["text", "pdf", "scan"]),
  pages: z.number().int().nonnegative().nullable(),
  ocr: OcrInfo.nullable(),
});

export const Period = z.object({ from: z.number().int(), to: z.number().int() });

export const DocumentInfo = z.object({
  layout: z.string().describe("id of the layout family the parser recognised"),
  entity: z.string().nullable(),
  title: z.string().nullable(),
  period: Period.nullable(),
  extra: z.record(z.string(), z.string()).optional(),
});

export const PiaoDocument = z
  .object({
    schema: z.literal(SCHEMA_ID),
    source: Source,
    document: DocumentInfo,
    objectives: z.array(Objective),
    issues: z.array(Issue),
  })
  .describe("A PIAO attachment's objectives in the canonical model");

export type Quantity = z.infer<typeof Quantity>;
export type DatePrecision = z.infer<typeof DatePrecision>;
export type DateValue = z.infer<typeof DateValue>;
export type Comparator = z.infer<typeof Comparator>;
export type Target = z.infer<typeof Target>;
export type Where = z.infer<typeof Where>;
export type Kpi = z.infer<typeof Kpi>;
export type Step = z.infer<typeof Step>;
export type Objective = z.infer<typeof Objective>;
export type Severity = z.infer<typeof Severity>;
export type Issue = z.infer<typeof Issue>;
export type Source = z.infer<typeof Source>;
export type Period = z.infer<typeof Period>;
export type DocumentInfo = z.infer<typeof DocumentInfo>;
export type PiaoDocument = z.infer<typeof PiaoDocument>;

/** JSON Schema of the contract, produced by zod itself. */
export function jsonSchema(): Record<string, unknown> {
  return {
    $id: "urn:piao-extract:schema:piao-objectives-1",
    ...z.toJSONSchema(PiaoDocument, { target: "draft-2020-12" }),
  } as Record<string, unknown>;
}
