/**
 * Thresholds of the record engine, as data. Each recogniser's own settings
 * live beside it in its file; these are the shared ones.
 */
export const COLUMN_SETTINGS = {
  /** A header scoring this (a term, or a term up to OCR noise) is sure of its role. */
  sureHeader: 0.9,
  /** A share of values this high makes the values' own vote. */
  valueShare: 0.8,
  /** A sure header whose role fits less than this share of its values is contradicted by them. */
  contradiction: 0.3,
  /** Confidence of a role decided by the values alone (times their share). */
  valueOnlyConfidence: 0.7,
  /** A title column whose values are this often codes is the code column. */
  codeShare: 0.6,
  /** Each half of a header naming two fields ("Resp. / Struttura") must score this as a label. */
  compoundScore: 0.8,
  /** …or at least this (an abbreviation, "Scad."), when the values part where the header does: at least this share of them. */
  compoundFloor: 0.7,
  compoundValueShare: 0.8,
  /** Year columns are targets when one of them holds thresholds ("≥ 85%") in at least this share of its values. */
  yearTargetShare: 0.3,
  /** Mean length of a column's values from which they read as titles rather than codes or short words. */
  titleMinLength: 16,
} as const;

export const TREE_SETTINGS = {
  /** Weights of one parent's children summing to 100 within this many points are that parent's share-out. */
  sumTolerance: 0.5,
} as const;
