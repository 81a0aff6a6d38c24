/**
 * Thresholds of the typed-document builder, as data (as layout/settings.ts
 * is for geometry). Scores are the vocabulary's (lexicon/match.ts): 1 for a
 * term, 0.9+ for a term up to OCR noise, 0.7–0.85 for an abbreviation.
 */
export const BLOCK_SETTINGS = {
  /** A label has at most this many words ("Struttura organizzativa responsabile dell'obiettivo"). */
  labelMaxWords: 6,
  /** A `Label: value` line's label scores at least this (the colon says it is a label, so abbreviations count). */
  labelMinScore: 0.7,
  /** A label alone on its line, its value below, must be a sure term. */
  bareLabelMinScore: 0.9,
  /** Labels found inside a paragraph ("… Responsabile: …") must score this: prose holds colons too. */
  inlineLabelMinScore: 0.85,
  /** Paragraphs longer than this are not searched for inline labels. */
  inlineLabelsMaxLength: 3000,
  /** A bold line of at most this many words, with no closing period, is a heading. */
  headingMaxWords: 24,
  /** A short line right above a table is its caption: at most this many words. */
  captionMaxWords: 14,
  /** Level given to a heading known only by its bold type (Markdown and fonts give 1–6). */
  boldHeadingLevel: 6,
  /** A table has at least this many columns before a row holding one text is a row spanning it. */
  spanMinWidth: 3,
  /** Header lines stacked over one table, at most. */
  maxHeaderLines: 3,
  /**
   * A table whose rows open with a code on this share of them at least is coded: an uncoded run under it
   * (a row of labels over figures) is the sheet's next table, not its rows.
   */
  codedRowsShare: 0.8,
  /**
   * A placed table printed without a header takes the header of the table above it when its columns line up
   * with that table's, across at most this many one-line blocks (an indicator's line, a group's name), label
   * groups of this many lines at most among them (blocks/continued.ts).
   */
  continuedMaxBlocks: 3,
  continuedMaxLines: 2,
  /** A card row sets at most this many label/value pairs side by side ("Codice | X | Peso | 30 | Stato | In corso"). */
  maxPairsPerRow: 4,
  /**
   * A table whose records are its columns: at least this many rows, this
   * share of them opening with a distinct field label (naming this many
   * different fields), and two record columns at least.
   */
  transposedMinRows: 4,
  transposedLabelShare: 0.75,
  transposedMinRoles: 3,
} as const;
