/**
 * Searchable scans: a page image with an invisible text layer that the
 * scanner's OCR (ocrmypdf, a copier's "searchable PDF") laid over it. The
 * layer is read only where it is trustworthy, that is where its words lie over
 * the ink of the image: the page is rendered, deskewed and its ruling lines
 * found as for OCR, the layer's words are turned into the deskewed frame, and
 * each word gets the share of its width under which there is ink. That share
 * is the word's confidence (100 for a word over ink along 80 % of its width or
 * more, a misplaced or invented word near 0). A page whose words mostly lie
 * over ink is read from its layer; any other is OCR'd like a plain scan.
 */
import type { PageGeom, Word } from "../../doc/geometry.js";
import type { GreyImage, RasterPage } from "../raster.js";
import { inkThreshold, warp } from "./bitmap.js";
import { estimateSkew } from "./deskew.js";
import { findRules } from "./rules.js";
import { reportWords, toRules, type OcrPage } from "./page.js";
import { cleanWords, type TsvWord } from "./words.js";

/** Settings of the trust test, as data. */
export const LAYER = {
  /** A word lies over ink when ink is found under at least this share of its width... */
  minCover: 0.35,
  /** ...and a page's layer is read when this share of its words do. */
  minShare: 0.85,
  /** Ink under this share of a word's width counts as full cover (letters leave gaps). */
  fullCover: 0.8,
  /** Skews under this (degrees) are left alone. */
  minSkew: 0.05,
};

export interface LayerPage extends OcrPage {
  /** Share of the layer's words found over ink. */
  overInk: number;
  trusted: boolean;
}

/** Share of the columns of a box (pixels, half-open) holding ink. */
function inkCover(img: GreyImage, t: number, x0: number, y0: number, x1: number, y1: number): number {
  const a = Math.max(0, Math.floor(x0)),
    b = Math.min(img.width, Math.ceil(x1)),
    c = Math.max(0, Math.floor(y0)),
    d = Math.min(img.height, Math.ceil(y1));
  if (b <= a || d <= c) return 0;
  let cols = 0;
  for (let x = a; x < b; x++) {
    for (let y = c; y < d; y++) {
      if (img.data[y * img.width + x]! < t) {
        cols++;
        break;
      }
    }
  }
  return cols / (b - a);
}

/** A layer word in pixels, with the baseline (pixels) and type size (points) the layer gave it. */
interface LayerWord extends TsvWord {
  base: number;
  size: number;
}

/** Line keys by baseline (words whose baselines differ by under 0.4 × size share a line), for the clean-up's joins. */
function lineKeys(words: LayerWord[]): void {
  const order = [...words].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  let line = 0,
    base = -Infinity,
    h = 0;
  for (const w of order) {
    if (w.base - base > 0.4 * Math.max(h, w.y1 - w.y0)) line++;
    base = w.base;
    h = w.y1 - w.y0;
    w.line = String(line);
  }
}

/** Reads a page's invisible text layer against its rendered image. */
export function readLayer(p: RasterPage, layer: readonly Word[]): LayerPage {
  const t = inkThreshold(p.image);
  const est = estimateSkew(p.image, t, p.dpi);
  const skew = Math.abs(est) >= LAYER.minSkew ? est : 0;
  const img = skew ? warp(p.image, 1, skew) : p.image;
  const rules = findRules(img, t, p.dpi);
  const k = p.dpi / 72;
  const a = (skew * Math.PI) / 180;
  const cos = Math.cos(a),
    sin = Math.sin(a);
  const cx = p.image.width / 2,
    cy = p.image.height / 2;
  // Into the deskewed frame, as warp() turns the image: D = c + R(-a)(S - c), in pixels.
  const turn = (x: number, y: number): [number, number] => {
    const dx = x * k - cx,
      dy = y * k - cy;
    return [cx + dx * cos + dy * sin, cy - dx * sin + dy * cos];
  };
  let over = 0;
  // In pixels of the deskewed image, as OCR words are, so that the same
  // clean-up drops what the scanner's OCR read from table borders ("|8,00").
  const px: LayerWord[] = layer.map((w) => {
    const [ax, ay] = turn(w.x0, w.y0),
      [bx, by] = turn(w.x1, w.y1),
      [, base] = turn((w.x0 + w.x1) / 2, w.base);
    const x0 = Math.min(ax, bx),
      x1 = Math.max(ax, bx),
      y0 = Math.min(ay, by),
      y1 = Math.max(ay, by);
    const h = y1 - y0;
    const cover = inkCover(img, t, x0, y0 + 0.15 * h, x1, y1 - 0.15 * h);
    if (cover >= LAYER.minCover) over++;
    return { text: w.text, x0, y0, x1, y1, conf: Math.round(100 * Math.min(1, cover / LAYER.fullCover)), line: "", base, size: w.size };
  });
  lineKeys(px);
  const words: Word[] = cleanWords(px, rules).map((w) => {
    const src = w as Partial<LayerWord> & TsvWord;
    const base = src.base ?? w.y1;
    return { text: w.text, x0: w.x0 / k, y0: w.y0 / k, x1: w.x1 / k, y1: w.y1 / k, base: base / k, size: src.size ?? (w.y1 - w.y0) / k, bold: false, conf: w.conf };
  });
  const overInk = layer.length ? over / layer.length : 0;
  const geom: PageGeom = { page: p.page, width: p.widthPt, height: p.heightPt, rotation: 0, words, rules: toRules(rules, 72 / p.dpi), fills: [] };
  return {
    geom,
    words: reportWords(geom, skew),
    skew,
    tooSmall: false,
    overInk,
    trusted: overInk >= LAYER.minShare,
  };
}
