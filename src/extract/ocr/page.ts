/**
 * One page image → the layout's page geometry: turned upright (orient.ts),
 * deskewed and brought to OCR resolution in one resampling, made black and
 * white (light text on dark fills turned negative: inverted.ts), ruling lines
 * found and painted out, words recognised by the pool, the ink left unread
 * read again (unread.ts: leaders, list marks, periods too), border debris
 * dropped, check boxes set as "☐" and "☒" (boxes.ts), blanks to fill in by
 * hand as underscores (words.ts). The page keeps its size in points (its
 * sides swapped when it was turned by a quarter); boxes are in the upright,
 * deskewed frame (the frame the layout reads).
 */
import type { Logger } from "pino";
import type { PageGeom, Rule } from "../../doc/geometry.js";
import type { PageWords } from "../../doc/source.js";
import type { GreyImage, RasterPage } from "../raster.js";
import { binarize, countInk, inkThreshold, quarterTurn, toPgm, warp, type Turn } from "./bitmap.js";
import { estimateSkew } from "./deskew.js";
import { isSideways, isUpsideDown } from "./orient.js";
import { eraseRules, findRules, type PageRules, type PxRule } from "./rules.js";
import { cleanWords, fillInBlanks, parseTsv, toLayoutWords, wordHeight } from "./words.js";
import { ocrConfig, recognize } from "./pool.js";
import { reread } from "./reread.js";
import { readUnread } from "./unread.js";
import { boldWords } from "./weight.js";
import { findCheckBoxes, placeCheckBoxes } from "./boxes.js";
import { invertBands } from "./inverted.js";

/** Resolution tesseract is given: its models are trained on ~300 dpi text. */
export const OCR_DPI = 300;
/** Sharper scans are brought down to OCR_DPI (4× fewer pixels at 600 dpi, same accuracy). */
const MAX_NATIVE_DPI = 400;
/** Skews under this (degrees) move a line end by under 2 px on A4 at 300 dpi: not worth a resampling. */
const MIN_SKEW = 0.05;
/** A side shorter than this holds no line of text. */
export const MIN_SIDE_PX = 16;
/** Scans at least this sharp get tesseract's heavy noise removal (see RecognizeOptions in pool.ts). */
const HEAVY_NOISE_DPI = 250;

export interface OcrPage {
  geom: PageGeom;
  words: PageWords;
  /** Skew corrected, degrees (positive: the scan's lines sloped down to the right); `words` are in the corrected frame. */
  skew: number;
  /** Page skipped because its bitmap is too small to hold text. */
  tooSmall: boolean;
}

/**
 * `scanDpi`: the resolution the page was scanned at, when it differs from the
 * bitmap's (a PDF page rendered at OCR_DPI from a 200 dpi scan).
 */
export async function ocrPage(p: RasterPage, log?: Pick<Logger, "debug">, scanDpi?: number): Promise<OcrPage> {
  const empty = (tooSmall: boolean): OcrPage => ({
    geom: { page: p.page, width: p.widthPt, height: p.heightPt, rotation: 0, words: [], rules: [], fills: [] },
    words: { page: p.page, width: p.widthPt, height: p.heightPt, words: [] },
    skew: 0,
    tooSmall,
  });
  if (Math.min(p.image.width, p.image.height) < MIN_SIDE_PX) return empty(true);
  const t0 = performance.now();
  const t = inkThreshold(p.image);
  if (countInk(p.image, t) === 0) return empty(false);
  // Lines running down the page: turned a quarter clockwise first (the flip test below tells 90° from 270°).
  const sideways = isSideways(p.image, t, p.dpi);
  const level = sideways ? quarterTurn(p.image, 90) : p.image;
  const skew = estimateSkew(level, t, p.dpi);
  const scale = p.dpi > MAX_NATIVE_DPI ? OCR_DPI / p.dpi : 1;
  const warped: GreyImage = Math.abs(skew) >= MIN_SKEW || scale !== 1 ? warp(level, scale, skew) : level;
  // Black and white from here on, as a scanner in black-and-white mode would make it (bitmap.ts).
  const dpi = p.dpi * (warped.width / level.width);
  // Light text on a dark fill turned negative, to read as the rest of the page (inverted.ts).
  const { image: straight, bands } = invertBands(binarize(warped, t), t, dpi);
  let rules = findRules(straight, t, dpi);
  let clean = eraseRules(straight, rules);
  // Upside down: turned half a turn, exactly; the skew is the same (turns about the centre commute).
  const flip = isUpsideDown(clean, t, dpi);
  let fills = bands;
  if (flip) {
    clean = quarterTurn(clean, 180);
    rules = halfTurnRules(rules, clean.width, clean.height);
    fills = bands.map((b) => halfTurn(b, clean.width, clean.height));
  }
  const turn = ((sideways ? 90 : 0) + (flip ? 180 : 0)) as Turn;
  const [widthPt, heightPt] = sideways ? [p.heightPt, p.widthPt] : [p.widthPt, p.heightPt];
  const prepMs = performance.now() - t0;
  const heavyNoise = (scanDpi ?? p.dpi) >= HEAVY_NOISE_DPI;
  const { model, rereadBelow } = ocrConfig();
  const read = parseTsv(await recognize(toPgm(clean), { dpi, heavyNoise, model }));
  const surer = model !== "best" && rereadBelow > 0 ? await reread(read, clean, { dpi, heavyNoise, below: rereadBelow, model: "best" }) : read;
  const all = await readUnread(surer, clean, t, { dpi, heavyNoise, model: "best" });
  // (Blanks to fill in by hand after a label are underscores, as a text layer gives them, and no ruling lines.)
  const blanks = fillInBlanks(placeCheckBoxes(cleanWords(all, rules), findCheckBoxes(clean, t, wordHeight(all))), rules, clean.width);
  const words = blanks.words;
  const k = 72 / dpi;
  const laid = toLayoutWords(words, k);
  const bold = boldWords(words, laid, clean, t, k);
  const geom: PageGeom = {
    page: p.page,
    width: widthPt,
    height: heightPt,
    rotation: turn,
    words: laid.map((w, i) => (bold[i] ? { ...w, bold: true } : w)),
    rules: toRules(blanks.rules, k),
    fills: fills.map((b) => ({ x0: b.x0 * k, y0: b.y0 * k, x1: b.x1 * k, y1: b.y1 * k })),
  };
  log?.debug(
    { page: p.page, turn, skew, dpi: Math.round(dpi), scanDpi: Math.round(scanDpi ?? p.dpi), heavyNoise, words: geom.words.length, rules: geom.rules.length, prepMs: Math.round(prepMs), ms: Math.round(performance.now() - t0) },
    "ocr page",
  );
  return { geom, words: reportWords(geom, skew), skew, tooSmall: false };
}

/**
 * A read page's words as the spot-check report shows them, in the upright,
 * deskewed frame; the page's quarter turn (`geom.rotation`) and skew go with
 * them so a viewer turns the image to match.
 */
export function reportWords(geom: PageGeom, skew: number): PageWords {
  const turn = geom.rotation;
  return {
    page: geom.page,
    width: geom.width,
    height: geom.height,
    words: geom.words.map((w) => ({ text: w.text, bbox: [w.x0, w.y0, w.x1, w.y1], conf: w.conf! })),
    ...(turn === 90 || turn === 180 || turn === 270 ? { turn } : {}),
    ...(skew !== 0 ? { skew } : {}),
  };
}

/** A box of a W × H image, where it lies once the image is turned half a turn. */
function halfTurn<B extends PxRule>(b: B, W: number, H: number): B {
  return { ...b, x0: W - b.x1, x1: W - b.x0, y0: H - b.y1, y1: H - b.y0 };
}

/** Rules of a W × H image, where they lie once it is turned half a turn. */
function halfTurnRules(r: PageRules, W: number, H: number): PageRules {
  return { h: r.h.map((x) => halfTurn(x, W, H)), v: r.v.map((x) => halfTurn(x, W, H)) };
}

/** Pixel rules → layout rules: through the middle of the ink, as thick as the ink. */
export function toRules(r: PageRules, k: number): Rule[] {
  return [
    ...r.h.map((h) => {
      const y = ((h.y0 + h.y1) / 2) * k;
      return { x0: h.x0 * k, x1: h.x1 * k, y0: y, y1: y, w: (h.y1 - h.y0) * k };
    }),
    ...r.v.map((v) => {
      const x = ((v.x0 + v.x1) / 2) * k;
      return { x0: x, x1: x, y0: v.y0 * k, y1: v.y1 * k, w: (v.x1 - v.x0) * k };
    }),
  ];
}
