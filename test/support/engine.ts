/**
 * Small builders for the record engine's unit tests: a text export → its rows
 * (the real text extractor) → the typed document (buildBlocks), and the
 * DocView the recognisers read (columns memoised per table, as parse/index.ts does).
 */
import type { Block, TableBlock } from "../../src/doc/blocks.js";
import type { Row } from "../../src/doc/source.js";
import { buildBlocks } from "../../src/blocks/index.js";
import { extractText } from "../../src/extract/text.js";
import type { Context, DocView } from "../../src/parse/candidates.js";
import { columnsOf, type Column } from "../../src/parse/columns.js";
import type { Field } from "../../src/parse/fields.js";
import type { Role } from "../../src/lexicon/vocabulary.js";
import type { Period } from "../../src/model/schema.js";

/** The rows the text extractor gives for `text` (the name's extension says Markdown, HTML, CSV …). */
export function rowsOf(text: string, name = "doc.txt"): Row[] {
  return extractText(Buffer.from(text), name, "test").rows;
}

export function blocksOf(text: string, name = "doc.txt"): Block[] {
  return buildBlocks(rowsOf(text, name));
}

/** Lines joined with "\n" (inputs written one line per array item read better). */
export const lines = (...ls: string[]) => ls.join("\n") + "\n";

export function viewOf(blocks: readonly Block[], period: Period | null = { from: 2025, to: 2027 }): DocView {
  const memo = new Map<TableBlock, Column[]>();
  return {
    blocks,
    period,
    columns: (t) => {
      let c = memo.get(t);
      if (!c) memo.set(t, (c = columnsOf(t)));
      return c;
    },
  };
}

export function docOf(text: string, name = "doc.txt", period: Period | null = { from: 2025, to: 2027 }): DocView {
  return viewOf(blocksOf(text, name), period);
}

export function ctxOf(c: Partial<Context> = {}): Context {
  return { inCard: false, anyObjective: false, currentKey: null, ...c };
}

/** A table block set up from its header and body cells (every body row a data row). */
export function tableFrom(header: string[][], body: string[][]): TableBlock {
  let line = 1;
  const row = (cells: string[]): Row => ({ page: null, line: line++, cells: cells.map((text) => ({ text })), kind: "table" });
  const h = header.map(row);
  const b = body.map(row);
  return {
    type: "table",
    header: h,
    body: b.map((r) => ({ row: r, kind: "data" as const })),
    width: Math.max(...[...h, ...b].map((r) => r.cells.length)),
    caption: null,
    where: { page: null, line: 1 },
    rows: [...h, ...b],
  };
}

/** The table blocks of a document, in order. */
export function tablesOf(blocks: readonly Block[]): TableBlock[] {
  return blocks.filter((b): b is TableBlock => b.type === "table");
}

/** Cell texts of a table row. */
export const cellsOf = (r: Row) => r.cells.map((c) => c.text);

/** A field as the recognisers make them, for binder and tree tests. */
export function fieldOf(role: Role | null, raw: string, label = ""): Field {
  return { role, raw, label, year: null, cell: null, page: null };
}

/** [role, raw] of each field, the shape most assertions compare. */
export const pairs = (fields: readonly Field[]) => fields.map((f) => [f.role, f.raw]);
