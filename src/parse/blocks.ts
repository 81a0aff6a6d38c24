/**
 * Rows → blocks: runs of table rows become one table block, text rows joined by
 * hard breaks become one paragraph. Blank rows separate blocks.
 */
import type { Row } from "../doc/source.js";

export interface TableBlock {
  type: "table";
  rows: Row[];
}

export interface Paragraph {
  type: "para";
  /** The paragraph's lines (cell texts), in order. */
  lines: string[];
  text: string;
  line: number;
  page: number | null;
  heading: number | null;
  bold: boolean;
  bbox?: [number, number, number, number];
  /** Memo of the card label this paragraph carries (parse/assemble.ts). */
  label?: unknown;
}

export type Block = TableBlock | Paragraph;

export function toBlocks(rows: Row[]): Block[] {
  const out: Block[] = [];
  let table: TableBlock | null = null;
  let para: Paragraph | null = null;
  for (const r of rows) {
    if (r.kind === "blank") {
      table = null;
      para = null;
      continue;
    }
    if (r.kind === "table") {
      para = null;
      if (!table) {
        table = { type: "table", rows: [] };
        out.push(table);
      }
      table.rows.push(r);
      continue;
    }
    table = null;
    const text = rowText(r);
    if (!text) continue;
    const bold = r.cells.every((c) => c.bold === true);
    if (para && !r.heading && para.heading === null) {
      para.lines.push(text);
      para.text += " " + text;
      para.bold = para.bold && bold;
    } else {
      para = {
        type: "para",
        lines: [text],
        text,
        line: r.line,
        page: r.page,
        heading: r.heading ?? null,
        bold,
        ...(r.bbox ? { bbox: r.bbox } : {}),
      };
      out.push(para);
    }
    if (!r.continues || r.heading) para = null;
  }
  return out;
}

/** A row's text, its cells joined. */
export function rowText(r: Row): string {
  // Text lines have one cell: their text, already trimmed by the extractor or the layout, as it is.
  if (r.cells.length === 1) return r.cells[0]!.text.trim();
  return r.cells.map((c) => c.text).join(" ").trim();
}

export function nonEmpty(r: Row): number[] {
  const idx: number[] = [];
  r.cells.forEach((c, i) => {
    if (c.text !== "") idx.push(i);
  });
  return idx;
}
