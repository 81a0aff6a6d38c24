/**
 * Bold tree: objective rows set in bold, their phases in plain type below
 * them, in one table with no code depth to tell them apart. A bold row may
 * span the table (`A – Titolo (peso 30%)`): its inline fields are read; a
 * spanning row with a code and its own weight or deadline counts as bold. The
 * evidence (recognisers/tree.ts) decides whether plain rows are steps of the
 * bold one above, or objectives under a bold strategic line.
 */
import { candidate, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Field } from "../fields.js";
import { readInline } from "../inline.js";
import { numberedOpener } from "./cards.js";
import { codeLevels } from "./code-tree.js";
import { ROW_TABLE_SETTINGS } from "./row-table.js";
import { codeOf, detailFields, objectiveTitleColumn, partsOf, recordFields, rowCandidate, spanSection, tableView, titleBold, where, type TableView } from "./shared.js";
import { classify } from "../../lexicon/values.js";
import { weighTree } from "./tree.js";

export const BOLD_TREE_SETTINGS = {
  score: 0.75,
  /** Level of the sections bold strategic lines open. */
  lineLevel: 8,
};

type Rec = TableView["records"][number];

function isBoldRow(rec: Rec): boolean {
  const filled = rec.row.cells.filter((c) => c.text !== "");
  return filled.length > 0 && filled.every((c) => c.bold === true);
}

/** Fields of a bold row spanning the table: its text's inline fields (code, title, weight …). */
function spanFields(rec: Rec): { code: string | null; fields: Field[] } {
  const text = rec.cells.find((c) => c !== "") ?? "";
  const cell = rec.row.cells.find((c) => c.text !== "") ?? null;
  // "OBIETTIVO G1 – Titolo – 40 pt": the objective's label and code, then the text's inline fields.
  const opener = numberedOpener(text);
  const inline = readInline(opener ? opener.title : text);
  const fields: Field[] = [{ role: "title", raw: inline.title, label: "", year: null, cell, page: rec.row.page }];
  for (const f of inline.fields) fields.push({ role: f.role, raw: f.raw, label: f.label, year: null, cell, page: rec.row.page });
  return { code: opener?.code ?? inline.code, fields };
}

/**
 * A row spanning the table that opens with a code and carries its own weight or deadline ("OBO 2025.01 -
 * Registro Imprese: … (peso 30%)"): an objective row however it is set (a text export has no bold).
 */
function codedWithFields(read: { code: string | null; fields: Field[] }): boolean {
  return read.code !== null && read.fields.some((f) => f.role === "weight" || f.role === "due");
}

/** A spanning row naming a unit or a person, with no weight or date of its own: a group label, not an objective. */
function isGroupLabel(fields: readonly Field[]): boolean {
  if (fields.some((f) => f.role === "weight" || f.role === "due")) return false;
  const title = fields.find((f) => f.role === "title")?.raw ?? "";
  return fields.some((f) => f.role === "owner" || f.role === "unit") || classify(title) === "unit";
}

/** The table a continued table goes on from (the nearest table above) holds data rows, none of them bold. */
function plainRecordsAbove(doc: DocView, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const b = doc.blocks[k]!;
    if (b.type !== "table") continue;
    const data = b.body.filter((r) => r.kind === "data");
    return data.length > 0 && !data.some((r) => r.row.cells.some((c) => c.text !== "" && c.bold === true));
  }
  return false;
}

export const boldTree: Recogniser = {
  name: "bold-tree",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const v = tableView(doc, at);
    // Bold type alone, with no header naming a column, is only a table's emphasis.
    if (codeLevels(v) || v.table.header.length === 0) return null;
    // With a step column, the objectives are the bold rows spanning the table; its text column titles the steps.
    const titleCol = v.step ?? objectiveTitleColumn(v);
    if (!titleCol) return null;
    // Each spanning row's inline reading, made once (asked of its emphasis and used as its fields).
    const spans = new Map<Rec, { code: string | null; fields: Field[] }>();
    const spanRead = (r: Rec) => {
      let x = spans.get(r);
      if (!x) spans.set(r, (x = spanFields(r)));
      return x;
    };
    if (v.step && !v.records.some((r) => r.kind === "span" && (isBoldRow(r) || codedWithFields(spanRead(r))))) return null;
    const rows = v.records.filter((r) => r.kind !== "total");
    const emphasis = (r: Rec) => (r.kind === "span" ? isBoldRow(r) || codedWithFields(spanRead(r)) : titleBold(r.row, titleCol) || isBoldRow(r));
    // Plain lines spanning the table after its last row ("Totale punti obiettivi: 100", a note) close it: left out.
    while (rows.length > 0 && rows[rows.length - 1]!.kind === "span" && !emphasis(rows[rows.length - 1]!)) rows.pop();
    const bold = rows.map(emphasis);
    // (A table going on from one above may open with the last record's plain rows: that record's.)
    if (rows.length < 2 || (!bold[0] && !v.table.continued) || bold.every(Boolean) || !bold.some((b, k) => !b && rows[k]!.kind === "data")) return null;
    // The plain rows of a tree are titled in the bold rows' column. Plain rows blank there sit under a
    // merged cell (the record's cells spanning its parts' rows, set in bold as table headings are): no tree.
    if (!v.step && rows.every((r, k) => bold[k] || r.kind !== "data" || (r.cells[titleCol.index] ?? "") === "")) return null;
    // Plain rows spanning the table are groups of their own, not part of the tree: leave such tables to others.
    // (A merged row of labelled fields under a bold record, "Referente: … Indicatore: …", is more of its fields.)
    const details = rows.map((r, k) => (r.kind === "span" && !bold[k] && k > 0 && bold[k - 1] ? detailFields(r) : null));
    if (rows.some((r, k) => r.kind === "span" && !bold[k] && !details[k])) return null;
    const fieldsOf = (r: Rec, k: number): { code: string | null; fields: Field[] } =>
      r.kind === "span" ? spanRead(r) : { code: codeOf(v, r.cells), fields: recordFields(v, r.cells, r, titleCol, bold[k] ? "title" : "step") };
    const read = rows.map(fieldsOf);
    const evidence = weighTree(rows.flatMap((_, k) => (details[k] ? [] : [{ level: bold[k] ? 0 : 1, fields: read[k]!.fields }])));
    // Bold lines spanning the table over plain objective rows are the table's groups: the row table reads
    // them so (with the rows that go on from a record, its second indicator below it).
    if (!evidence.childrenAreSteps && rows.every((r, k) => !bold[k] || r.kind === "span")) return null;
    // Bold rows that are all groups' labels (a unit and its head) leave the plain rows no record to be steps of:
    // they are the groups' objectives, for the row table.
    if (bold.some(Boolean) && rows.every((r, k) => !bold[k] || (r.kind === "span" && isGroupLabel(read[k]!.fields)))) return null;
    // (A table going on from one above with plain rows only keeps them as the last record's phases, unless the
    // table above set its own records in plain type too, each with its code: these are more of them.)
    if (!bold.some(Boolean) && v.code && rows.every((r) => r.kind !== "data" || codeOf(v, r.cells) !== null) && plainRecordsAbove(doc, at)) return null;
    const candidates: Candidate[] = [];
    let parent: Candidate | null = null;
    rows.forEach((rec, k) => {
      if (details[k]) {
        // (The record above: the objective the bold row opened, or, bold rows being lines, the last objective.)
        const record = parent ?? [...candidates].reverse().find((c) => c.kind === "objective");
        if (record) record.fields.push(...details[k]!);
        else candidates.push(spanSection(at, rec, ROW_TABLE_SETTINGS.spanLevel));
        return;
      }
      const { code, fields } = read[k]!;
      if (rec.kind === "span" && isGroupLabel(fields)) {
        candidates.push(spanSection(at, rec, ROW_TABLE_SETTINGS.spanLevel));
        return;
      }
      if (bold[k]) {
        if (evidence.childrenAreSteps) {
          parent = rowCandidate("objective", at, rec, fields, { key: code });
          candidates.push(parent);
        } else {
          const title = fields.find((f) => f.role === "title")?.raw;
          candidates.push(candidate("section", at, where(rec), [], { level: BOLD_TREE_SETTINGS.lineLevel, context: code ? { links: [code] } : title ? { kind: title } : {} }));
        }
        return;
      }
      for (const cells of partsOf(rec)) {
        if (evidence.childrenAreSteps) candidates.push(rowCandidate("step", at, rec, recordFields(v, cells, rec, titleCol, "step"), { parent }));
        else candidates.push(rowCandidate("objective", at, rec, recordFields(v, cells, rec, titleCol, "title"), { key: codeOf(v, cells) }));
      }
    });
    candidates.push(candidate("section", at, where(rows[rows.length - 1]!), [], { level: ROW_TABLE_SETTINGS.spanLevel }));
    return { recogniser: this.name, score: BOLD_TREE_SETTINGS.score, consumed: [at], candidates, feature: evidence.childrenAreSteps ? "bold-tree-table" : "strategic-tree-table" };
  },
};
