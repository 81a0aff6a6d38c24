/**
 * An OCR'd page as compact JSON, for handing it from one process to another
 * (the queue's page jobs return their pages this way; the job assembling the
 * document unpacks them). Words, rules and fills become arrays of numbers
 * instead of objects, and the report's copy of the words (`OcrPage.words`) is
 * not sent: it is made again from the geometry, as ocrPage makes it. Numbers
 * go through JSON unchanged (a double prints as the shortest text that reads
 * back as the same double), so an unpacked page is the page that was packed.
 */
import type { Fill, PageGeom, Rule, Word } from "../../doc/geometry.js";
import { reportWords, type OcrPage } from "./page.js";

/** [text, x0, y0, x1, y1, base, size, bold (0/1), conf] */
type PackedWord = [string, number, number, number, number, number, number, 0 | 1, number | null];
type PackedRule = [number, number, number, number, number];
type PackedFill = [number, number, number, number];

export interface PackedOcrPage {
  /** page, width, height, rotation */
  p: [number, number, number, number];
  w: PackedWord[];
  r: PackedRule[];
  f: PackedFill[];
  /** skew (degrees) */
  s: number;
  /** too small to OCR */
  t?: 1;
}

export function packOcrPage(page: OcrPage): PackedOcrPage {
  const g = page.geom;
  const out: PackedOcrPage = {
    p: [g.page, g.width, g.height, g.rotation],
    w: g.words.map((w) => [w.text, w.x0, w.y0, w.x1, w.y1, w.base, w.size, w.bold ? 1 : 0, w.conf ?? null]),
    r: g.rules.map((r) => [r.x0, r.y0, r.x1, r.y1, r.w]),
    f: g.fills.map((f) => [f.x0, f.y0, f.x1, f.y1]),
    s: page.skew,
  };
  if (page.tooSmall) out.t = 1;
  return out;
}

export function unpackOcrPage(p: PackedOcrPage): OcrPage {
  const [page, width, height, rotation] = p.p;
  const words: Word[] = p.w.map(([text, x0, y0, x1, y1, base, size, bold, conf]) => {
    const w: Word = { text, x0, y0, x1, y1, base, size, bold: bold === 1 };
    if (conf !== null) w.conf = conf;
    return w;
  });
  const rules: Rule[] = p.r.map(([x0, y0, x1, y1, w]) => ({ x0, y0, x1, y1, w }));
  const fills: Fill[] = p.f.map(([x0, y0, x1, y1]) => ({ x0, y0, x1, y1 }));
  const geom: PageGeom = { page, width, height, rotation, words, rules, fills };
  return { geom, words: reportWords(geom, p.s), skew: p.s, tooSmall: p.t === 1 };
}
