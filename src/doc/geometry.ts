/**
 * Page geometry the layout reads. It knows nothing of pdf.js: the PDF extractor
 * and (later) the OCR path both reduce a page to words, ruling lines and filled
 * rectangles in points, origin top-left, y growing downwards.
 */

/** A run of glyphs with no space inside: a word (PDF) or an OCR word box. */
export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Baseline y; for OCR boxes use y1. */
  base: number;
  /** Font size in points (OCR: box height). */
  size: number;
  bold: boolean;
  /** Font name as embedded, for the record; optional for OCR. */
  font?: string;
  /** OCR confidence 0–100. */
  conf?: number;
  /** Text direction in degrees, counter-clockwise, before orientation fix (0 = left to right). */
  dir?: number;
  /** Painted invisibly (text render mode 3 or 7): the OCR layer of a searchable scan. */
  hidden?: boolean;
  /** A tab's leader of dots ran up to the word from this x ("Titolo……31/12/2026"): it goes on with the text there. */
  leader?: number;
}

/** An axis-aligned ruling line; horizontal when y0 === y1, vertical when x0 === x1. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Stroke width (or thickness of the thin rectangle it came from). */
  w: number;
}

/** A filled rectangle too large to be a line: cell shading, header bands. */
export interface Fill {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageGeom {
  /** 1-based. */
  page: number;
  /** Displayed size, after /Rotate. */
  width: number;
  height: number;
  /** /Rotate of the page (0, 90, 180, 270), for the record. */
  rotation: number;
  words: Word[];
  rules: Rule[];
  fills: Fill[];
  /**
   * Small filled shapes (a disc, a square) a printer draws as list bullets
   * instead of a glyph; the layout sets a "•" before the word right of each.
   */
  marks?: Fill[];
}

/** A line of text: words sharing a baseline, left to right. */
export interface Line {
  words: Word[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  base: number;
  size: number;
}

export type Box = { x0: number; y0: number; x1: number; y1: number };
