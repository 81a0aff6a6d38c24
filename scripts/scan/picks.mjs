/**
 * The scanned fixtures, per seed: one print style and a page range (shared by
 * scripts/make-scan-fixtures.mjs, which makes them, and the OCR bench, which
 * reads the full-length scans of the same print style). OCR costs
 * seconds per page in the test suite, so each range is two or three pages;
 * `--suggest` lists the candidates, and each pick is re-validated on every run
 * (the born-digital PDF cut to the range must score ≥ 0.97 against
 * the restricted gold). Styles are mixed so both are scanned: "grid"
 * (portrait, 9.5 pt, bordered cells) and "rules" (landscape, 7 pt, horizontal
 * rules only, running header and footer — small type, hard at 200 dpi).
 */
export const PICKS = {
  // The first objective whole: 13 step rows, one KPI, detail tables; clean cut at both ends.
  "000": { style: "rules", pages: [1, 2] },
  // Two whole paragraph cards (phases + indicator tables); the cards cut by the ends become optional.
  "001": { style: "grid", pages: [53, 55] },
  // 29 objective rows under unit captions, both gold date issues; clean cut at both ends.
  "003": { style: "rules", pages: [5, 6] },
  // Five label/value cards with their step tables (two-line headers), one cut card optional.
  "004": { style: "grid", pages: [9, 11] },
};

/**
 * Scans fed the wrong way (scripts/scan/turn.mjs): the committed scan of a
 * seed at one resolution, its pages turned clockwise by these degrees, as
 * `<stem>.<dpi>.turned.pdf` beside it, read against the same restricted gold.
 */
export const TURNED = {
  // Landscape pages fed portrait (page 1 a quarter turn) and a sheet laid upside down (page 2).
  "000": { dpi: 300, turns: [90, 180] },
  // The same at 200 dpi, the quarter turn the other way.
  "003": { dpi: 200, turns: [270, 180] },
};

/**
 * Scans in grey (scripts/scan/degrade.mjs, greyScanPdf: light grey paper,
 * blurred grey edges, JPEG) of the same pages, as `<stem>.<dpi>.grey.pdf`,
 * read against the same restricted gold.
 */
export const GREY_SCANS = {
  "000": { dpi: 200 },
  "001": { dpi: 200 },
};
