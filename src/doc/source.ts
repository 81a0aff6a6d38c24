/**
 * The source document every extractor hands over, below every stage that reads it.
 *
 * Every source — a text export, a PDF text layer, OCR words — ends up as a list
 * of `Row`s in reading order. A row is one visual line (or one table row) split
 * into `Cell`s: a text export splits on tabs, Markdown pipes or `<td>`; the PDF
 * and OCR paths split on x-gaps and ruling lines (see `src/layout`). Extract and
 * layout both import these types from here (doc/ sits below both), and the
 * parser never looks at bytes or geometry again, so one engine serves every entry.
 */

/** [x0, y0, x1, y1] in PDF points, origin top-left. */
export type BBox = [number, number, number, number];

/** Which pages are OCR'd: those without a usable text layer, every page, or none. */
export type OcrMode = "auto" | "always" | "never";

export interface Cell {
  /** Cleaned text: markup removed, white space folded. */
  text: string;
  /** Position on the page when the source has geometry. */
  bbox?: BBox;
  /** Mean OCR confidence (0–100) of the words in the cell, when OCR'd. */
  conf?: number;
  /**
   * The cell's paragraphs when the source marks them (`<p>…</p> <p>…</p>`):
   * a row whose cells pair items paragraph by paragraph holds several records.
   */
  paras?: string[];
  /** Whole cell set in bold (Markdown `**…**`, `<b>`, or a bold font). */
  bold?: boolean;
}

export interface Row {
  /** 1-based page number, null for sources without pages. */
  page: number | null;
  /** 1-based line number in the text input, or in the page's reading order. */
  line: number;
  cells: Cell[];
  /**
   * `table` when the source marked cell boundaries (tabs, pipes, <td>, ruled or
   * aligned columns), `text` for a plain line of prose, `blank` for an empty line.
   */
  kind: "table" | "text" | "blank";
  /**
   * Heading level (1–6): a Markdown `#` heading; in PDFs and scans a short
   * paragraph set larger than the body text (levels by size rank, the largest
   * 1) or a bold line alone at the body size (ranked below them).
   */
  heading?: number;
  /**
   * Leading white space of a text line, in spaces (a tab counts 4): how deep a
   * list item is nested, where the source says it by indentation.
   */
  indent?: number;
  /**
   * The line is a list item: its marker (`1.`, `a)`, `•`, `–`), which its
   * text keeps at its start too. A bullet a PDF draws as a shape reads `•`;
   * an HTML `<li>` gets `•` (or its number in an `<ol>`).
   */
  marker?: string;
  /**
   * The line ended with a hard break (Markdown two trailing spaces, `<br>`) and
   * the next line belongs to the same paragraph.
   */
  continues?: boolean;
  /** Union of the cells' boxes when the source has geometry. */
  bbox?: BBox;
}

/** A problem the extractor saw in the bytes themselves (reported as issues). */
export interface ExtractNote {
  code: "text.encoding" | "ocr.low-confidence" | "structure.empty";
  message: string;
  line: number | null;
  page: number | null;
  raw: string | null;
}

/** One page's words as the reviewer's report shows them (PDF points, origin top-left). */
export interface PageWords {
  /** 1-based. */
  page: number;
  /** Page size in points as displayed (after /Rotate, or a scan's quarter turn, and deskew). */
  width: number;
  height: number;
  words: { text: string; bbox: BBox; conf?: number }[];
  /**
   * Scans: degrees the page image was turned by before OCR (the deskew,
   * positive when the scan's lines sloped down to the right). Boxes are in the
   * turned frame, so a viewer turns the image by -skew to lay them over it.
   */
  skew?: number;
  /**
   * Scans: degrees the page image was turned clockwise to stand upright
   * before the deskew (a landscape page fed through sideways, a sheet laid
   * upside down). The viewer turns the image by it first, then by -skew.
   */
  turn?: 90 | 180 | 270;
}

export interface SourceDoc {
  file: string;
  sha256: string;
  kind: "text" | "pdf" | "scan";
  pages: number | null;
  rows: Row[];
  /** Detected input encoding, for the record. */
  encoding?: string;
  /** Lines holding U+FFFD or mojibake, for the run's log. */
  damage?: { replacementLines: number; mojibakeLines: number };
  ocr: { engine: string; lang: string; meanConfidence: number | null } | null;
  /**
   * Positioned words per page (PDF and OCR paths), kept for the spot-check
   * report; never written into the canonical JSON.
   */
  geometry?: PageWords[];
  /** The first page's running head (PDF and OCR paths), dropped from `rows` as furniture: read for the plan's period and administration. */
  runningHead?: string[];
  notes: ExtractNote[];
}

/** Raised by extractors for inputs they cannot read; the message names the cause. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code:
      | "empty"
      | "binary"
      | "too-large"
      | "unsupported"
      | "unreadable"
      | "not-found"
      | "loop"
      | "encrypted"
      | "corrupt"
      | "no-text-layer",
  ) {
    super(message);
    this.name = "InputError";
  }
}
