/**
 * One pdf.js operator list → page geometry (words, ruling lines, filled
 * rectangles) in displayed points, origin top-left.
 *
 * Why the operator list and not getTextContent: both cost one parse of the
 * content stream, and we need the operator list anyway for the rules. Its
 * showText ops carry every glyph with its advance width, so replaying the text
 * state (Tm, Td, Tc, Tw, Tz, Ts, TJ offsets) gives exact glyph boxes — better
 * than getTextContent, whose items merge neighbouring table cells when the gap
 * between them is narrower than ~0.6 em.
 */
import type { Fill, PageGeom, Rule, Word } from "../../doc/geometry.js";

type M = [number, number, number, number, number, number];

const IDENTITY: M = [1, 0, 0, 1, 0, 0];

/** Composition: `mul(a, b)` maps p to a(b(p)), like pdf.js Util.transform(a, b). */
function mul(a: readonly number[], b: readonly number[]): M {
  return [
    a[0]! * b[0]! + a[2]! * b[1]!,
    a[1]! * b[0]! + a[3]! * b[1]!,
    a[0]! * b[2]! + a[2]! * b[3]!,
    a[1]! * b[2]! + a[3]! * b[3]!,
    a[0]! * b[4]! + a[2]! * b[5]! + a[4]!,
    a[1]! * b[4]! + a[3]! * b[5]! + a[5]!,
  ];
}

function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** The subset of pdf.js OPS we replay (values read from the library at run time). */
export interface OpsTable {
  [name: string]: number;
}

export interface FontInfo {
  name: string;
  bold: boolean;
  ascent: number;
  descent: number;
  /** fontMatrix[0]: glyph width units → text space (0.001 for most fonts). */
  widthScale: number;
  vertical: boolean;
}

interface TextState {
  font: FontInfo | null;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  /** Text render mode (Tr): 3 and 7 paint nothing (an OCR layer over a scan). */
  render: number;
  tm: M;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

interface GState {
  ctm: M;
  lineWidth: number;
  fillVisible: boolean;
  strokeVisible: boolean;
  text: TextState;
}

interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

const BOLD_RE = /bold|black|heavy|demi|semibold|extrabold|ultrabold|[-,_]bd$|[-,_]sb$/i;

export function fontInfo(obj: unknown, fallbackName: string): FontInfo {
  const f = (obj ?? {}) as {
    name?: string;
    bold?: boolean;
    black?: boolean;
    ascent?: number;
    descent?: number;
    fontMatrix?: number[];
    vertical?: boolean;
  };
  const name = (f.name ?? fallbackName).replace(/^[A-Z]{6}\+/, "");
  const asc = typeof f.ascent === "number" && f.ascent > 0.4 && f.ascent < 1.3 ? f.ascent : 0.85;
  const desc = typeof f.descent === "number" && f.descent < 0 && f.descent > -0.6 ? f.descent : -0.2;
  return {
    name,
    bold: f.bold === true || f.black === true || BOLD_RE.test(name),
    ascent: asc,
    descent: desc,
    widthScale: f.fontMatrix?.[0] || 0.001,
    vertical: f.vertical === true,
  };
}

/** White (or nearly) paint is invisible on paper: such fills are not borders. */
function visibleColor(arg: unknown): boolean {
  const hex = typeof arg === "string" ? arg : Array.isArray(arg) && typeof arg[0] === "string" ? arg[0] : null;
  if (!hex || !/^#[0-9a-f]{6}$/i.test(hex)) return true;
  const n = parseInt(hex.slice(1), 16);
  return !((n >> 16) >= 0xfa && ((n >> 8) & 0xff) >= 0xfa && (n & 0xff) >= 0xfa);
}

const LIGATURES: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
  // List bullets of the Symbol and Wingdings fonts, which word processors map
  // into the private use area: the bullet they draw.
  "\uF0B7": "•",
  "\uF06C": "●",
  "\uF06E": "■",
  "\uF0A7": "▪",
  "\uF0A8": "□",
  "\uF0D8": "➢",
  "\uF02D": "–",
};

function isBlank(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!(c === 0x20 || c === 0xa0 || (c >= 0x09 && c <= 0x0d) || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x202f)) return false;
  }
  return true;
}

function cleanChar(u: string): string {
  // Fast path: one plain character (most glyphs).
  if (u.length === 1) {
    const c = u.charCodeAt(0);
    if (c < 0xad) return u;
    const lig = LIGATURES[u];
    if (lig) return lig;
  }
  // Soft hyphens and zero-width marks carry no text.
  return u.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "");
}

/** Glyphs a tab's leader is drawn with, and how many dots each counts for. */
const LEADER_GLYPH = new Map<string, number>([
  [".", 1],
  ["\u00B7", 1],
  ["\u2024", 1],
  ["\u2026", 3],
]);
/** Four dots in a row: more than an ellipsis ("ecc...") or a code's separators. */
const LEADER_DOTS = 4;

/** @internal Accumulates glyphs into words: a space, a wide gap, a step back or a baseline jump ends a word. */
export class WordBuilder {
  words: Word[] = [];
  /** The last leader trimmed: where it began and ended, on which baseline. */
  private leaderRun: { from: number; to: number; base: number } | null = null;
  private cur: (Pick<Word, "text" | "x0" | "y0" | "x1" | "y1" | "base" | "size" | "leader"> & {
    boldChars: number;
    hiddenChars: number;
    font: string;
    dir: number;
    // last glyph end point and direction unit vector, for gap tests
    ex: number;
    ey: number;
    ux: number;
    uy: number;
    bx: number;
    by: number;
  }) | null = null;

  /**
   * Leader glyphs (dots, middle dots, ellipses) at the end of the current
   * word, counted in dots, and the word as it was before them.
   */
  private leader = 0;
  private beforeLeader: Pick<Word, "text" | "x0" | "y0" | "x1" | "y1"> & { boldChars: number; hiddenChars: number } = { text: "", x0: 0, y0: 0, x1: 0, y1: 0, boldChars: 0, hiddenChars: 0 };

  /** `leaderDots`: a run of this many dots or more inside a word is a tab's leader ("Titolo……31/12/2026"), white space to a reader. */
  constructor(
    private wordGapEm: number,
    private leaderDots = LEADER_DOTS,
  ) {}

  flush(): void {
    const c = this.cur;
    this.cur = null;
    if (c && this.leader >= this.leaderDots) {
      // The word ends in a leader (a contents line's "Premessa……" before its page number): the leader is space,
      // and the next word on the line, where the leader stops, remembers where it began.
      this.leaderRun = { from: this.beforeLeader.x1, to: c.x1, base: c.base };
      Object.assign(c, this.beforeLeader);
    }
    this.leader = 0;
    if (!c || !c.text) return;
    const w: Word = { text: c.text, x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, base: c.base, size: c.size, bold: c.boldChars * 2 > c.text.length, font: c.font };
    if (c.leader !== undefined) w.leader = c.leader;
    if (c.hiddenChars * 2 > c.text.length) w.hidden = true;
    if (Math.abs(c.dir) > 0.5) w.dir = c.dir;
    this.words.push(w);
  }

  /**
   * One glyph from (px, py) to (qx, qy) on the baseline; (nx, ny) is the unit
   * vector towards the glyph's top. Scalars, not tuples: this runs per glyph.
   */
  glyph(text: string, px: number, py: number, qx: number, qy: number, nx: number, ny: number, size: number, font: FontInfo, hidden = false): void {
    const dx = qx - px,
      dy = qy - py;
    const len = Math.sqrt(dx * dx + dy * dy);
    // Direction from the advance, or from the "up" vector for zero-width glyphs.
    let ux = len > 1e-6 ? dx / len : -ny,
      uy = len > 1e-6 ? dy / len : nx;
    const c = this.cur;
    if (c) {
      const big = size > c.size ? size : c.size;
      const gap = (px - c.ex) * c.ux + (py - c.ey) * c.uy;
      const across = Math.abs((px - c.bx) * -c.uy + (py - c.by) * c.ux);
      if (gap > this.wordGapEm * big || gap < -0.5 * big || across > 0.3 * big) this.flush();
      else if (this.leader >= this.leaderDots && !LEADER_GLYPH.has(text) && text !== ":") {
        // A leader ran between two texts: it separates them as a tab does, so a new word starts here.
        this.flush();
      } else {
        ux = c.ux;
        uy = c.uy;
      }
    }
    if (text === "" || isBlank(text)) {
      if (text !== "") this.flush();
      return;
    }
    // Glyph box: the baseline segment pushed up by the ascent and down by the descent.
    const a = font.ascent * size,
      d = font.descent * size;
    const ax = nx * a,
      ay = ny * a,
      bx = nx * d,
      by = ny * d;
    const x0 = Math.min(px + ax, px + bx, qx + ax, qx + bx),
      x1 = Math.max(px + ax, px + bx, qx + ax, qx + bx),
      y0 = Math.min(py + ay, py + by, qy + ay, qy + by),
      y1 = Math.max(py + ay, py + by, qy + ay, qy + by);
    let w = this.cur;
    if (!w) {
      const vertical = Math.abs(ux) < 0.5;
      w = this.cur = {
        text: "",
        x0,
        y0,
        x1,
        y1,
        base: vertical ? px : py,
        size,
        boldChars: 0,
        hiddenChars: 0,
        font: font.name,
        dir: (Math.atan2(uy, ux) * 180) / Math.PI,
        ex: qx,
        ey: qy,
        ux,
        uy,
        bx: px,
        by: py,
      };
      const run = this.leaderRun;
      if (run && Math.abs(w.base - run.base) <= 0.3 * size && x0 >= run.to - 0.5 && x0 - run.to <= 3 * size) w.leader = run.from;
      this.leaderRun = null;
    }
    const dots = LEADER_GLYPH.get(text);
    // (Dots run up to a colon fill a label's line, "Servizio ……: …": text, as the label prints it.)
    if (dots === undefined) this.leader = 0;
    else {
      if (this.leader === 0) {
        const b = this.beforeLeader;
        b.text = w.text;
        b.x0 = w.x0;
        b.y0 = w.y0;
        b.x1 = w.text ? w.x1 : w.x0;
        b.y1 = w.y1;
        b.boldChars = w.boldChars;
        b.hiddenChars = w.hiddenChars;
      }
      this.leader += dots;
    }
    w.text += text;
    if (font.bold) w.boldChars += text.length;
    if (hidden) w.hiddenChars += text.length;
    if (x0 < w.x0) w.x0 = x0;
    if (y0 < w.y0) w.y0 = y0;
    if (x1 > w.x1) w.x1 = x1;
    if (y1 > w.y1) w.y1 = y1;
    w.ex = qx;
    w.ey = qy;
  }
}

export interface PageInput {
  page: number;
  /** pdf.js viewport at scale 1 (handles /Rotate and the crop box offset). */
  viewport: { width: number; height: number; transform: number[] };
  rotation: number;
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
  /** Resolves a font id of setFont to its pdf.js font object. */
  font: (id: string) => unknown;
}

export interface GeomOptions {
  wordGapEm: number;
  maxRuleThickness: number;
}

/** A filled shape at most this many points across, about as high as wide, is a bullet, not a rule or shading. */
const MAX_MARK = 6;
const MIN_MARK = 0.8;

function isMark(x0: number, y0: number, x1: number, y1: number): boolean {
  const w = x1 - x0,
    h = y1 - y0;
  return w <= MAX_MARK && h <= MAX_MARK && w >= MIN_MARK && h >= MIN_MARK && Math.max(w, h) <= 1.5 * Math.min(w, h);
}

/** Replays one page's operator list. `OPS` is pdf.js's table of operator codes. */
export function pageGeometry(input: PageInput, OPS: OpsTable, DrawOPS: OpsTable, opts: GeomOptions): PageGeom {
  const vt = input.viewport.transform as unknown as M;
  const words = new WordBuilder(opts.wordGapEm);
  const rules: Rule[] = [];
  const fills: Fill[] = [];
  const marks: Fill[] = [];
  const fonts = new Map<string, FontInfo>();
  const newText = (): TextState => ({ font: null, fontSize: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0, render: 0, tm: [...IDENTITY], x: 0, y: 0, lineX: 0, lineY: 0 });
  let st: GState = { ctm: [...IDENTITY], lineWidth: 1, fillVisible: true, strokeVisible: true, text: newText() };
  const stack: GState[] = [];
  const clone = (g: GState): GState => ({ ...g, ctm: [...g.ctm], text: { ...g.text, tm: [...g.text.tm] } });
  const save = () => stack.push(clone(st));
  const restore = () => {
    const g = stack.pop();
    if (g) st = g;
  };

  // vt × CTM × Tm changes only with cm/q/Q/Tm; Td moves within it.
  let cacheCtm: M | null = null,
    cacheTm: M | null = null,
    cacheM: M = IDENTITY;
  const showText = (glyphs: readonly (Glyph | number)[]) => {
    const t = st.text;
    const font = t.font;
    if (!font || t.fontSize === 0) return;
    if (st.ctm !== cacheCtm || t.tm !== cacheTm) {
      cacheCtm = st.ctm;
      cacheTm = t.tm;
      cacheM = mul(vt, mul(st.ctm, t.tm));
    }
    const M = cacheM;
    const fs = t.fontSize;
    const adv = fs * font.widthScale;
    const hs = t.hScale;
    // Text space "up" (0, 1) on the page: the viewport flip makes it point to smaller y.
    const upx = M[2] * fs,
      upy = M[3] * fs;
    const size = Math.sqrt(upx * upx + upy * upy) || 1;
    const nx = upx / size,
      ny = upy / size;
    const ty = t.y + t.rise;
    const hidden = t.render === 3 || t.render === 7;
    let x = 0;
    for (const g of glyphs) {
      if (typeof g === "number") {
        x -= (g * fs) / 1000; // TJ adjustment, thousandths of text space
        continue;
      }
      if (!g || typeof g !== "object") continue;
      const w = (g.width ?? 0) * adv;
      const u = typeof g.unicode === "string" ? cleanChar(g.unicode) : "";
      const spacing = (g.isSpace || u === " " ? t.wordSpacing : 0) + t.charSpacing;
      const gx = t.x + x * hs,
        ex = gx + w * hs;
      words.glyph(u, M[0] * gx + M[2] * ty + M[4], M[1] * gx + M[3] * ty + M[5], M[0] * ex + M[2] * ty + M[4], M[1] * ex + M[3] * ty + M[5], nx, ny, size, font, hidden);
      x += w + spacing;
    }
    t.x += x * hs;
  };

  const fn = input.fnArray;
  const args = input.argsArray;
  for (let i = 0; i < fn.length; i++) {
    const op = fn[i]!;
    const a = args[i] as unknown[] | null;
    switch (op) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform:
        st.ctm = mul(st.ctm, a as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        save();
        const m = a?.[0] as number[] | null;
        if (m && m.length === 6) st.ctm = mul(st.ctm, m);
        break;
      }
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.beginAnnotation: {
        save();
        const tr = a?.[2] as number[] | undefined,
          mx = a?.[3] as number[] | undefined;
        st.ctm = [...IDENTITY];
        if (tr?.length === 6) st.ctm = mul(st.ctm, tr);
        if (mx?.length === 6) st.ctm = mul(st.ctm, mx);
        break;
      }
      case OPS.endAnnotation:
        restore();
        break;
      case OPS.setLineWidth:
        st.lineWidth = Number(a?.[0]) || 0;
        break;
      case OPS.setFillRGBColor:
        st.fillVisible = visibleColor(a?.[0]);
        break;
      case OPS.setStrokeRGBColor:
        st.strokeVisible = visibleColor(a?.[0]);
        break;
      case OPS.setFillColorN:
      case OPS.setFillColor:
        st.fillVisible = true;
        break;
      case OPS.beginText:
        st.text.tm = [...IDENTITY];
        st.text.x = st.text.lineX = st.text.y = st.text.lineY = 0;
        break;
      case OPS.setFont: {
        const id = String(a?.[0]);
        let f = fonts.get(id);
        if (!f) {
          f = fontInfo(input.font(id), id);
          fonts.set(id, f);
        }
        st.text.font = f;
        const size = Number(a?.[1]) || 0;
        st.text.fontSize = Math.abs(size);
        break;
      }
      case OPS.setCharSpacing:
        st.text.charSpacing = Number(a?.[0]) || 0;
        break;
      case OPS.setWordSpacing:
        st.text.wordSpacing = Number(a?.[0]) || 0;
        break;
      case OPS.setHScale:
        st.text.hScale = (Number(a?.[0]) || 100) / 100;
        break;
      case OPS.setLeading:
        st.text.leading = -(Number(a?.[0]) || 0);
        break;
      case OPS.setTextRise:
        st.text.rise = Number(a?.[0]) || 0;
        break;
      case OPS.setTextRenderingMode:
        st.text.render = Number(a?.[0]) || 0;
        break;
      case OPS.moveText:
        st.text.x = st.text.lineX += Number(a?.[0]) || 0;
        st.text.y = st.text.lineY += Number(a?.[1]) || 0;
        break;
      case OPS.setLeadingMoveText:
        st.text.leading = Number(a?.[1]) || 0;
        st.text.x = st.text.lineX += Number(a?.[0]) || 0;
        st.text.y = st.text.lineY += Number(a?.[1]) || 0;
        break;
      case OPS.setTextMatrix: {
        const m = (Array.isArray(a?.[0]) || ArrayBuffer.isView(a?.[0]) ? a?.[0] : a) as ArrayLike<number>;
        st.text.tm = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!].map(Number) as M;
        st.text.x = st.text.lineX = st.text.y = st.text.lineY = 0;
        break;
      }
      case OPS.nextLine:
        st.text.x = st.text.lineX += 0;
        st.text.y = st.text.lineY += st.text.leading;
        break;
      case OPS.showText:
        showText((a?.[0] ?? []) as (Glyph | number)[]);
        break;
      case OPS.constructPath:
        if (a) paintPath(a, st, vt, DrawOPS, OPS, opts, rules, fills, marks);
        break;
      default:
        break;
    }
  }
  words.flush();
  return {
    page: input.page,
    width: input.viewport.width,
    height: input.viewport.height,
    rotation: input.rotation,
    words: joinMonospaced(words.words),
    rules,
    fills,
    ...(marks.length ? { marks } : {}),
  };
}

/** Fixed-pitch typefaces by name (Courier, "… Mono", Consolas, Lucida Console …). */
const MONOSPACED = /courier|mono|consol|fixed|typewriter|lucida\s?console|prestige|letter\s?gothic/i;

/**
 * Words set in a fixed-pitch face one space apart, joined: their space is 0.6 em, as wide as the gap between
 * two columns of proportional type, so the layout would read every word of a line printed by a legacy report
 * (Courier) as a column of its own. Columns there are set two spaces apart or more, and stay apart.
 */
export function joinMonospaced(words: Word[]): Word[] {
  if (!words.some((w) => w.font && MONOSPACED.test(w.font))) return words;
  // Lines first (baselines within a fifth of the size: a word's own may drift), then each line from left to right.
  const byBase = words.map((_, i) => i).sort((a, b) => words[a]!.base - words[b]!.base);
  const lines: number[][] = [];
  for (const i of byBase) {
    const l = lines[lines.length - 1];
    if (l && Math.abs(words[i]!.base - words[l[0]!]!.base) <= 0.2 * words[i]!.size) l.push(i);
    else lines.push([i]);
  }
  const order = lines.flatMap((l) => l.sort((a, b) => words[a]!.x0 - words[b]!.x0));
  const into = new Map<number, Word>();
  const out = new Map<number, Word>();
  let last: { i: number; w: Word } | null = null;
  for (const i of order) {
    const w = words[i]!;
    const mono = w.font !== undefined && MONOSPACED.test(w.font) && (w.dir ?? 0) === 0;
    const prev = last?.w;
    if (
      mono &&
      prev !== undefined &&
      prev.font !== undefined &&
      MONOSPACED.test(prev.font) &&
      prev.bold === w.bold &&
      Math.abs(prev.size - w.size) <= 0.05 * w.size &&
      Math.abs(prev.base - w.base) <= 0.2 * w.size &&
      w.x0 - prev.x1 > 0 &&
      w.x0 - prev.x1 <= MONO_SPACE_EM * w.size
    ) {
      const joined: Word = { ...prev, text: `${prev.text} ${w.text}`, x1: w.x1, y0: Math.min(prev.y0, w.y0), y1: Math.max(prev.y1, w.y1) };
      out.set(last!.i, joined);
      into.set(i, joined);
      last = { i: last!.i, w: joined };
      continue;
    }
    out.set(i, w);
    last = { i, w };
  }
  return words.flatMap((_, i) => (into.has(i) ? [] : [out.get(i)!]));
}

/** One space of a fixed-pitch face is 0.6 em; two are 1.2. */
const MONO_SPACE_EM = 0.8;

/** Straight, axis-parallel pieces of a painted path become rules; filled rectangles become rules or shading. */
function paintPath(a: unknown[], st: GState, vt: M, D: OpsTable, OPS: OpsTable, opts: GeomOptions, rules: Rule[], fills: Fill[], marks: Fill[]): void {
  const paint = a[0] as number;
  const data = (a[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
  if (!data || paint === OPS.endPath) return;
  const stroke = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
  const fill = paint === OPS.fill || paint === OPS.eoFill || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
  const M = mul(vt, st.ctm);
  const scale = Math.sqrt(Math.abs(M[0] * M[3] - M[1] * M[2])) || 1;
  const sub: [number, number][][] = [];
  let cur: [number, number][] = [];
  let curved = false;
  const curvedSubs = new Set<number>();
  for (let k = 0; k < data.length; ) {
    const code = data[k++]!;
    if (code === D.moveTo) {
      if (cur.length) sub.push(cur);
      if (curved) curvedSubs.add(sub.length - 1);
      curved = false;
      cur = [apply(M, data[k]!, data[k + 1]!)];
      k += 2;
    } else if (code === D.lineTo) {
      cur.push(apply(M, data[k]!, data[k + 1]!));
      k += 2;
    } else if (code === D.curveTo) {
      curved = true;
      cur.push(apply(M, data[k + 4]!, data[k + 5]!));
      k += 6;
    } else if (code === D.quadraticCurveTo) {
      curved = true;
      cur.push(apply(M, data[k + 2]!, data[k + 3]!));
      k += 4;
    } else if (code === D.closePath) {
      if (cur.length) cur.push(cur[0]!);
    } else break;
  }
  if (cur.length) sub.push(cur);
  if (curved) curvedSubs.add(sub.length - 1);

  sub.forEach((pts, si) => {
    const xs = pts.map((p) => p[0]),
      ys = pts.map((p) => p[1]);
    const x0 = Math.min(...xs),
      x1 = Math.max(...xs),
      y0 = Math.min(...ys),
      y1 = Math.max(...ys);
    if (fill && st.fillVisible && isMark(x0, y0, x1, y1) && (curvedSubs.has(si) || isRect(pts))) {
      marks.push({ x0, y0, x1, y1 });
      return;
    }
    if (curvedSubs.has(si)) return;
    if (fill && st.fillVisible && isRect(pts)) {
      const w = x1 - x0,
        h = y1 - y0;
      if (Math.min(w, h) <= opts.maxRuleThickness) {
        if (h <= w) rules.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2, w: h });
        else rules.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1, w });
      } else fills.push({ x0, y0, x1, y1 });
      if (!stroke) return;
    } else if (fill && st.fillVisible && !stroke && isBevel(x0, y0, x1, y1, opts.maxRuleThickness)) {
      // A border drawn as a filled strip with mitred ends (a browser's inset, outset, groove or ridge
      // border: a trapezoid per side, so the sides meet on the diagonal): a rule along its length.
      if (y1 - y0 <= x1 - x0) rules.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2, w: y1 - y0 });
      else rules.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1, w: x1 - x0 });
      return;
    }
    if (stroke && st.strokeVisible) {
      const lw = Math.max(st.lineWidth * scale, 0.1);
      for (let k = 1; k < pts.length; k++) {
        const [ax, ay] = pts[k - 1]!,
          [bx, by] = pts[k]!;
        if (Math.abs(ay - by) < 0.5) rules.push({ x0: Math.min(ax, bx), y0: (ay + by) / 2, x1: Math.max(ax, bx), y1: (ay + by) / 2, w: lw });
        else if (Math.abs(ax - bx) < 0.5) rules.push({ x0: (ax + bx) / 2, y0: Math.min(ay, by), x1: (ax + bx) / 2, y1: Math.max(ay, by), w: lw });
      }
    } else if (fill && st.fillVisible && pts.length === 2) {
      // A degenerate "rectangle" of zero width (re with w or h = 0) filled: a hairline.
      const [[ax, ay], [bx, by]] = pts as [[number, number], [number, number]];
      if (Math.abs(ay - by) < 0.5 || Math.abs(ax - bx) < 0.5) rules.push({ x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by), w: 0.1 });
    }
  });
}

/** A straight-sided shape no thicker than a rule and at least four times as long as thick. */
function isBevel(x0: number, y0: number, x1: number, y1: number, maxThickness: number): boolean {
  const thin = Math.min(x1 - x0, y1 - y0),
    long = Math.max(x1 - x0, y1 - y0);
  return thin > 0 && thin <= maxThickness && long >= 4 * thin;
}

/** Four corners joined by axis-parallel sides (closing point optional). */
function isRect(pts: readonly [number, number][]): boolean {
  const p = pts.length === 5 && Math.abs(pts[0]![0] - pts[4]![0]) < 0.01 && Math.abs(pts[0]![1] - pts[4]![1]) < 0.01 ? pts.slice(0, 4) : pts;
  if (p.length !== 4) return false;
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = p[k]!,
      [bx, by] = p[(k + 1) % 4]!;
    if (Math.abs(ax - bx) > 0.5 && Math.abs(ay - by) > 0.5) return false;
  }
  return true;
}
