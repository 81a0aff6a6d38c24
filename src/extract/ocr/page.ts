/**
 * One page image → the layout's page geometry: deskewed and brought to OCR
 * resolution in one resampling, ruling lines found and painted out, words
 * recognised by the pool, the ink left unread read again (unread.ts),
 * border debris dropped. The page keeps its size in
 * points; boxes are in the deskewed frame (the frame the layout reads).
 */
import type { Logger } from "pino";
import type { PageGeom, Rule } from "../../doc/geometry.js";
import type { PageWords } from "../../doc/source.js";
import type { GreyImage, RasterPage } from "../raster.js";
import { countInk, inkThreshold, toPgm, warp } from "./bitmap.js";
import { estimateSkew } from "./deskew.js";
import { eraseRules, findRules, type PageRules } from "./rules.js";
import { cleanWords, parseTsv, toLayoutWords } from "./words.js";
import { ocrConfig, recognize } from "./pool.js";
import { reread } from "./reread.js";
import { readUnread } from "./unread.js";
import { boldWords } from "./weight.js";

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
  const skew = estimateSkew(p.image, t, p.dpi);
  const scale = p.dpi > MAX_NATIVE_DPI ? OCR_DPI / p.dpi : 1;
  const straight: GreyImage = Math.abs(skew) >= MIN_SKEW || scale !== 1 ? warp(p.image, scale, skew) : p.image;
  const dpi = p.dpi * (straight.width / p.image.width);
  const rules = findRules(straight, t, dpi);
  const prepMs = performance.now() - t0;
  const heavyNoise = (scanDpi ?? p.dpi) >= HEAVY_NOISE_DPI;
  const clean = eraseRules(straight, rules);
  const { model, rereadBelow } = ocrConfig();
  const read = parseTsv(await recognize(toPgm(clean), { dpi, heavyNoise, model }));
  const surer = model !== "best" && rereadBelow > 0 ? await reread(read, clean, { dpi, heavyNoise, below: rereadBelow, model: "best" }) : read;
  const all = await readUnread(surer, clean, t, { dpi, heavyNoise, model: "best" });
  const words = cleanWords(all, rules);
  const k = 72 / dpi;
  const laid = toLayoutWords(words, k);
  const bold = boldWords(words, laid, clean, t, k);
  const geom: PageGeom = {
    page: p.page,
    width: p.widthPt,
    height: p.heightPt,
    rotation: 0,
    words: laid.map((w, i) => (bold[i] ? { ...w, bold: true } : w)),
    rules: toRules(rules, k),
    fills: [],
  };
  log?.debug(
    { page: p.page, skew, dpi: Math.round(dpi), scanDpi: Math.round(scanDpi ?? p.dpi), heavyNoise, words: geom.words.length, rules: geom.rules.length, prepMs: Math.round(prepMs), ms: Math.round(performance.now() - t0) },
    "ocr page",
  );
  return { geom, words: reportWords(p, geom, skew), skew, tooSmall: false };
}

/** A read page's words as the spot-check report shows them, in the deskewed frame. */
export function reportWords(p: Pick<RasterPage, "page" | "widthPt" | "heightPt">, geom: PageGeom, skew: number): PageWords {
  return {
    page: p.page,
    width: p.widthPt,
    height: p.heightPt,
    words: geom.words.map((w) => ({ text: w.text, bbox: [w.x0, w.y0, w.x1, w.y1], conf: w.conf! })),
    ...(skew !== 0 ? { skew } : {}),
  };
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
