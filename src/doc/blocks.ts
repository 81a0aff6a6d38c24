/**
 * The typed document: what every source becomes before any record is read.
 *
 * Text exports, PDF text layers and OCR words all reach this form through
 * their rows (src/doc/source.ts), so the recognisers (src/parse/recognisers)
 * see one kind of document whatever the bytes were. Every block keeps the rows
 * it was read from (provenance: page, line, boxes, OCR confidence).
 *
 *   heading     a title line, with its level (Markdown #, a bold line, a larger font)
 *   paragraph   prose
 *   labels      label/value pairs: `Responsabile: …` lines, `LABEL⇥value` rows, key/value tables
 *   list        numbered, lettered or bulleted items, with their marker and nesting
 *   table       header rows (one or more lines, spanning columns), body rows,
 *               rows spanning the table (group labels) and totals
 */
import type { BBox, Cell, Row } from "./source.js";

/** Where a block, an item or a record was read. */
export interface Span {
  /** 1-based page, null for sources without pages. */
  page: number | null;
  /** 1-based line in the text input, or in the page's reading order. */
  line: number;
  bbox?: BBox;
}

interface BlockBase {
  where: Span;
  /** The source rows the block was read from, in order. */
  rows: Row[];
}

export interface HeadingBlock extends BlockBase {
  type: "heading";
  /** 1 (top) … 6 from Markdown or font rank; 6 for a bold line whose rank is unknown. */
  level: number;
  text: string;
  bold: boolean;
}

export interface ParagraphBlock extends BlockBase {
  type: "paragraph";
  text: string;
  /** The paragraph's lines as printed. */
  lines: string[];
  bold: boolean;
}

export interface LabelItem {
  /** The label as printed, without its colon. */
  label: string;
  /** The value, its lines joined by a space; "" when the label stands alone. */
  value: string;
  /** The cell the value was read from (for boxes and OCR confidence). */
  cell: Cell | null;
  where: Span;
  row: Row;
}

export interface LabelsBlock extends BlockBase {
  type: "labels";
  items: LabelItem[];
  /** `table`: key/value cells (`LABEL⇥value`, a two-column table); `lines`: `Label: value` lines. */
  form: "table" | "lines";
}

export interface ListItem {
  /** The marker as printed: `1.`, `2)`, `a)`, `-`, `•`, `1.1`. */
  marker: string;
  /** The number or letter of an ordered marker (`1`, `a`, `1.1`), null for bullets. */
  ordinal: string | null;
  /** Nesting, 0 at the top: from the indent or a marker of another kind under an item. */
  depth: number;
  /** The item's text without its marker, continuation lines joined. */
  text: string;
  cell: Cell | null;
  where: Span;
  row: Row;
}

export interface ListBlock extends BlockBase {
  type: "list";
  items: ListItem[];
}

export interface TableRow {
  row: Row;
  /**
   * `data`: a record's row. `span`: one text across the table (a group label
   * such as a unit, or an objective title set across the row). `total`: a
   * "Totale" row summing the columns.
   */
  kind: "data" | "span" | "total";
}

export interface TableBlock extends BlockBase {
  type: "table";
  /** The header's rows (0 for a table printed without one, up to 3 stacked lines). */
  header: Row[];
  body: TableRow[];
  /** Number of columns: the widest row. */
  width: number;
  /** A short line printed right above the table (`Fasi di attuazione`, `Settore X`), else null. */
  caption: string | null;
  /**
   * Records are the columns: the first column holds the field labels
   * (`Titolo`, `Peso`, `Scadenza` down the rows), each other column one
   * record, its name or code in the first row. Header holds that first row.
   */
  transposed?: boolean;
  /**
   * The table goes on a table above it, its header that one's (a list on tab stops cut by lines of its own
   * records, blocks/continued.ts): its first rows may be the last record's above.
   */
  continued?: boolean;
}

export type Block = HeadingBlock | ParagraphBlock | LabelsBlock | ListBlock | TableBlock;
