/**
 * Every tunable of the layout in one place, as data (like pdfplumber's table
 * settings). Distances in points unless the name says "× font size" (`Em`) or
 * "× page height" (`Page`). Tests and callers may pass a partial override.
 */
export const LAYOUT_SETTINGS = {
  // ── words and lines ────────────────────────────────────────────────
  /** Words whose baselines differ by less than this × font size share a line. */
  baselineTolEm: 0.4,
  /**
   * A gap between glyphs wider than this × font size ends a word even without a space (poppler's too): a word
   * processor sets a tab stop's text with no space glyph, "31/03/2026" then "30 %" a sixth of an em further on.
   */
  wordGapEm: 0.1,
  /** A gap wider than this × font size splits a line into separate cells (prose or rule-less tables). */
  cellGapEm: 1.1,
  /** ...unless every gap of a line of four words or more is that wide within this × font size: justified text. */
  justifyTolEm: 0.08,
  /** …or within this × font size for words read by OCR, whose boxes hug the ink: a colon's or a parenthesis' side bearing widens a gap. */
  ocrJustifyTolEm: 0.3,

  // ── ruling lines ───────────────────────────────────────────────────
  /** Filled rectangles thinner than this are lines, not shading. */
  maxRuleThickness: 3,
  /** Shorter rules are ignored (glyph underlines, tick marks). */
  minRuleLength: 3,
  /** Parallel rules closer than this are snapped to one position. */
  snapTol: 1.5,
  /** Collinear rule pieces whose ends are this close are joined into one. */
  joinTol: 3,
  /** A vertical and a horizontal rule closer than this intersect. */
  intersectTol: 2.5,

  // ── tables ─────────────────────────────────────────────────────────
  /** Horizontal rules in a stack must start and end within this distance of each other. */
  stackAlignTol: 6,
  /** A stack of horizontal rules (no verticals) needs this many rules to be a table. */
  minStackRules: 2,
  /** Uncovered x-interval between text columns of a table without vertical rules... */
  minColumnGap: 1.5,
  /** ...and at least this × font size: wider than a word space. */
  colGapEm: 0.45,
  /**
   * A narrower gap (at least this, in points) that no row crosses is a column
   * boundary when the values on one side keep to one edge in at least
   * `minAlignedRows` rows and `alignedShare` of the rows there, and the
   * values there differ (three texts at least, none in more than 40 % of the
   * rows: a text repeated down a wrapped column lines up too). 0: off
   * (space-aligned text, where every word keeps to the character grid).
   */
  narrowColumnGap: 0.8,
  /**
   * A number sign and the number after it ("n. 1") are never parted by a column edge when at most this × font
   * size apart (a word space or two, as a scan measures it): farther, they are two cells' texts.
   */
  signGapEm: 1.2,
  /**
   * A line of pieces each a label scoring this (lexicon/match.ts) heads a table's columns (table.ts headerEdges);
   * 0: off (fixed-width text, where a header's labels a space apart tell no stops).
   */
  headerLabelScore: 0.9,
  /**
   * A header block of labels over a ruled listing (table.ts labelBlock): at most this many lines, at least this
   * many columns, and this share of its labels known (by the whole label or its first line).
   */
  labelBlockLines: 3,
  labelBlockMinColumns: 4,
  labelBlockKnownShare: 2 / 3,
  /** A list on tab stops goes on under its headed part across lines of fields at most this × font size tall (aligned.ts). */
  tabListGapEm: 8,
  /** ...and, where rows run on across it at a word space's distance, wider than this × their word spaces. */
  narrowGapSpaceRatio: 1.25,
  minAlignedRows: 3,
  alignedShare: 0.6,
  /**
   * Share of the rows of a table that may cross a text-derived column gap
   * (spanning cells) without removing it.
   */
  spanAllowance: 0.15,
  /**
   * Horizontal rules drawn cell by cell (Chromium, Word) mark column borders
   * where their pieces meet; a place marked on this share of a stack's rules
   * (and on two at least) is a column border, whatever the text's gaps say.
   */
  drawnColumnShare: 0.34,
  /** Bars OCR read one above the other inside a ruled table (at least this many) stand for a border the scan lost. */
  minBarsForBorder: 3,
  /**
   * A grid with this many rows of one cell whose text runs over empty cells
   * (their vertical gridlines left out just there) is a printed spreadsheet:
   * its one-cell rows are text, not table rows. 0: off.
   */
  sheetOverflowRows: 1,
  /**
   * A grid's row spanning the table (no border drawn inside it) whose text runs in columns on at least this many
   * lines, parted by gaps of at least `listingGapEm` × font size, three texts a line at least, holds a table of
   * its own drawn without rules (a card's phases listed in its "Fasi" row, or their rules too light for a scan):
   * its words are laid out as the page's text is, and the grid is cut around it. 0: off.
   */
  listingLines: 3,
  listingGapEm: 1.5,
  /** Text starting within this of a drawn column border is the next cell's, however narrow the gap before it. */
  cellPadding: 4,
  /** A word this close to the table's own cell padding after a drawn border opens a cell, even inside a run of words. */
  padTol: 0.4,
  /** Rows above the first / below the last rule are chained while gaps stay under this × line height. */
  bandChainEm: 0.9,
  /**
   * In a table with rules between its rows, a band of at least this many lines, and this many times the
   * lines of the table's usual band, is a stretch without rules: its rows are found as in a rule-less table.
   */
  ruledBandMinLines: 6,
  ruledBandRatio: 4,
  /**
   * Text between two rules is a row when it keeps from them as the stack's
   * rows do (their median padding) within this × line height: a heading or a
   * paragraph set between two tables has its own margins.
   */
  rowPadSlackEm: 0.3,
  /** The lines of one row above a stack's first rule (or below its last) are at most this leading (× font size) apart. */
  maxCellLeading: 1.4,
  /** Rule-less tables: at least this many consecutive multi-cell lines. */
  minAlignedLines: 2,
  /** Rule-less tables: column starts of two lines match within this distance. */
  alignTol: 3,
  /** Rule-less tables: a vertical gap wider than this × font size ends the table. */
  alignedGapEm: 1.2,
  /** Rule-less tables: a short line at most this × font size above the table is its caption row. */
  captionGapEm: 1.0,
  /**
   * Rule-less tables: baselines further apart than the cells' leading plus this
   * × font size have space added between them (cell padding, paragraph
   * spacing); a line there does not go on from the one above. Above the
   * jitter of printers that round positions to pixels (~0.1 em), below the
   * few points of padding of tightly set tables.
   */
  alignedRowGapEm: 0.25,
  /** Rule-less tables: baseline distances (÷ font size) within this of each other are the same leading. */
  leadingTolEm: 0.1,
  /**
   * Rule-less tables of at least this many columns (0: never): a line with
   * text in every column right after another such line, or whose first
   * column starts anew, starts a row even where narrow columns look wrapped.
   * Off for PDFs (proportional type shows the wrapping); 2 for space-aligned
   * text (src/extract/aligned.ts), where a column of "30%" cells is always
   * "full".
   */
  alignedFullLineRows: 0,
  /**
   * In fixed-width text, a sum's row ("Subtotale …", "Totale") or a group's name in capitals under a line in
   * lower case starts a row (1), where a printed page's type would tell it otherwise (0: off).
   */
  alignedGroupRows: 0,
  /**
   * A line of values only (dates, figures) under one of the same kinds in its column starts a row (1: on; 0:
   * off).
   */
  valueRows: 1,
  /**
   * Rule-less rows: 1 when a line bold in every cell across two columns or
   * more, next to a line with no bold word, starts a row (a header or a total
   * row set at the leading of the rows around it); 0: off.
   */
  weightRows: 1,
  /** Rule-less tables: white space this × font size wider than the gaps inside cells, across every column, ends a row. */
  alignedBandGapEm: 0.5,

  // ── prose ──────────────────────────────────────────────────────────
  /** Lines of one paragraph: baseline distance at most this × font size. */
  paraLeadingEm: 1.6,
  /**
   * … or, where the page's own wrapped lines are set wider (a web page's line-height 1.6, an OCR'd page whose
   * sizes come from ink heights), their median pitch with this share more, up to `paraLeadingMaxEm`; learnt
   * from this many pairs at least.
   */
  paraLeadingLearnTol: 0.06,
  paraLeadingMaxEm: 2.2,
  paraLeadingMinPairs: 3,
  /** Font sizes within this ratio belong to the same paragraph. */
  paraSizeRatio: 1.12,
  /** A line counts as wrapped when it ends within this × font size of the block's right edge. */
  wrapSlackEm: 1.0,
  /** Lines closer than the wrapped-text leading plus this × font size are one block (hard line breaks). */
  hardBreakSlackEm: 0.12,
  /** Inside a cell, lines further apart than the leading plus this × font size are two paragraphs. */
  cellParaGapEm: 0.2,
  /** Leading (baseline distance ÷ font size) assumed when the page has no wrapped text to learn it from. */
  defaultLeading: 1.2,
  /** Text columns (textcolumns.ts): a gap this × font size at least parts a line's two columns, … */
  textColumnGapEm: 0.9,
  /** … the right column starts past this share of the text's width, … */
  textColumnMinStart: 0.25,
  /** … with this many lines on each side at least; … */
  textColumnMinLines: 4,
  /** … both sides text: this share of their lines of this many words, or fields on three lines, … */
  textColumnProseShare: 0.6,
  textColumnMinWords: 4,
  /** … and at most this share of a side's lines in several pieces (a table's cells side by side). */
  textColumnSplitShare: 0.15,
  /** A gap down a column wider than this × its lines' height ends the stretch set in columns. */
  textColumnBreakEm: 2,
  /** A stretch goes on along its left column over lines at most this × their height below (or above) it: its own leading. */
  textColumnRunOnEm: 0.8,
  /** Left edges shared by the most pieces, asked as gutters, at most. */
  textColumnCandidates: 8,
  /** Points of a line's indentation counted as one space (a level, about 30 pt, is four, as a tab in a text export). */
  indentSpacePt: 7.5,
  /** A short paragraph this much larger than the body size is a heading (levels by size rank). */
  headingRatio: 1.15,
  /**
   * 1: a bold line alone at the body size is a heading too, one level below
   * the larger ones. Off (0) while the record engine takes every heading for
   * a section title: a card's bold value ("CONTI MARIO") would start a section.
   */
  boldLineHeadings: 0,
  /** Heading sizes within this many points are one level. */
  headingSizeTol: 0.6,
  /** A heading is a paragraph of at most this many lines... */
  headingMaxLines: 3,
  /** ...and characters. */
  headingMaxChars: 200,
  /** A vertical gap above this × line height separates paragraph groups (a blank row). */
  blankGapEm: 0.9,

  // ── running headers and footers ────────────────────────────────────
  /** Candidates live in the top or bottom share of the page. */
  furnitureBandPage: 0.14,
  /** Repeated at (nearly) the same place on at least this share of pages... */
  furnitureMinShare: 0.5,
  /** ...and on at least this many pages. */
  furnitureMinPages: 2,
  /** Position tolerance for "the same place". */
  furniturePosTol: 4,
  /**
   * Lines of different pages whose texts differ by at most this share of their characters (edit distance) are
   * one running line: a scan reads a logo or a small letter of the same header differently from page to page
   * ("✠ COMUNE DI …" read "RC COMUNE DI …" on one page, "EC COMUNE DI …" on the next).
   */
  furnitureTextTol: 0.15,
  /** One page only: the top or bottom line, smaller than the text, this many of its heights away from it, is furniture. */
  loneFurnitureGapEm: 2,
  /** Lines of one running header (or footer) block are at most this × font size apart. */
  furnitureBlockEm: 1.0,

  // ── tables across pages ────────────────────────────────────────────
  /** Column boundaries of two table parts must agree within this distance. */
  stitchColTol: 6,
} as const;

export type LayoutSettings = { -readonly [K in keyof typeof LAYOUT_SETTINGS]: number };

export function settingsWith(over: Partial<LayoutSettings> = {}): LayoutSettings {
  return { ...LAYOUT_SETTINGS, ...over };
}
