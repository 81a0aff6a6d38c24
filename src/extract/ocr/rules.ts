/**
 * Ruling lines of a scanned page, found in the (deskewed) bitmap: long, thin
 * runs of ink. They become the same `Rule`s the PDF path reads from drawing
 * operators, so src/layout finds table cells in scans as in born-digital
 * files; and they are painted out of the image tesseract reads, so borders
 * neither turn into `|` `[` `_` "words" nor glue cells into one text line.
 */
import type { GreyImage } from "../raster.js";

/** A rule's ink, in pixels: [x0, x1) × [y0, y1). */
export interface PxRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageRules {
  h: PxRule[];
  v: PxRule[];
}

/** Sizes in inches, so they hold at any resolution. */
const MIN_H_LENGTH = 0.35; // longer than any glyph stroke or dash of body text, or a bold word whose letters touch
const MIN_V_LENGTH = 0.2; // a one-line table row
/**
 * A coarse scan breaks thin horizontal lines into dashes; pieces this long
 * count towards a rule when they join into one at least MIN_H_LENGTH long
 * (and, made of such dashes only, PIECED_FACTOR times that: glyph bars side by
 * side in a heading — the tops of "TT" — never run that far). Vertical pieces
 * keep the full length: stems of letters stacked line above line (I, l) would
 * join into a column.
 */
const MIN_H_PIECE = 0.06;
const PIECED_FACTOR = 3;
const MAX_THICKNESS = 0.04; // ~3 pt: thicker is a filled block, not a line
const MIN_ASPECT = 10; // length ÷ thickness: a bold heading's stem is not a rule
const GAP = 0.01; // breaks in a scanned line this short are bridged
/**
 * Pieces of one line further apart than GAP are still joined within this:
 * a thin line thinned further by a coarse scan breaks every few tenths of an
 * inch (gaps of up to ~0.1 in measured at 200 dpi); a table rule has no such
 * gaps by design, so nothing real is bridged.
 */
const JOIN_GAP = 0.12;
/**
 * Pieces that are rules on their own and lie exactly on one line (within a
 * pixel) are joined across gaps up to this: a 200 dpi scan can leave a
 * vertical border as dashes 0.25–0.45 in apart (measured), and a cell edge
 * lost there glues two columns together.
 */
const LONG_JOIN_GAP = 0.5;
/** A line end this close to a crossing line is a corner: a long join never starts or ends there (two tables' edges, one above the other). */
const CORNER_TOL = 0.02;
/**
 * Share of a chain (pieces joined across short gaps) whose positions hold ink
 * somewhere across its thickness. A broken or stepped rule is nearly all ink
 * along its length (≥ 0.9 measured on the 200 dpi scans); a band through a line
 * of bold text, whose letters touch once GAP is bridged — the tops of
 * `OBIETTIVO DI`, the x-height of a bold heading — is not, with the spaces
 * between words bridged too (0.71–0.80 measured). Such a band would otherwise
 * be painted out of the image and the words lost.
 */
const MIN_CHAIN_INK = 0.85;

/** Finds horizontal and vertical rules in `img` (ink is darker than `t`). */
export function findRules(img: GreyImage, t: number, dpi: number): PageRules {
  const px = (inches: number) => Math.max(1, Math.round(inches * dpi));
  const gap = px(GAP);
  const maxThick = Math.max(2, px(MAX_THICKNESS));
  const tol = px(CORNER_TOL);
  const h0 = link(rowRuns(img, t, px(MIN_H_PIECE), gap), maxThick);
  const v0 = link(columnRuns(img, t, px(MIN_V_LENGTH), gap), maxThick);
  // Chains first (short gaps), kept when nearly all ink; then rule-like chains joined across long gaps,
  // with the other direction's pieces as the corners a long join may not bridge.
  const lines = (pieces: Segment[], crossing: Segment[], dir: "h" | "v", minLen: number) => {
    const chains = joinCollinear(pieces, crossing, { gap: px(JOIN_GAP), longGap: 0, tol, minLen }).filter((c) => inkShare(img, t, c, dir) >= MIN_CHAIN_INK);
    return joinCollinear(chains, crossing, { gap: px(JOIN_GAP), longGap: px(LONG_JOIN_GAP), tol, minLen }).filter((s) => isRule(s, minLen));
  };
  const h = lines(h0, v0, "h", px(MIN_H_LENGTH));
  const v = lines(v0, h0, "v", px(MIN_V_LENGTH));
  return {
    h: h.map((s) => ({ x0: s.a0, x1: s.a1, y0: s.p0, y1: s.p1 })),
    v: v.map((s) => ({ x0: s.p0, x1: s.p1, y0: s.a0, y1: s.a1 })),
  };
}

/** Share of the positions along `s` with ink anywhere across its thickness. */
function inkShare(img: GreyImage, t: number, s: Segment, dir: "h" | "v"): number {
  const { width: W, data } = img;
  let ink = 0;
  for (let a = s.a0; a < s.a1; a++) {
    for (let p = s.p0; p < s.p1; p++) {
      if (data[dir === "h" ? p * W + a : a * W + p]! < t) {
        ink++;
        break;
      }
    }
  }
  return ink / Math.max(1, s.a1 - s.a0);
}

/** Thin and long; made of short dashes only, longer still. */
function isRule(s: Segment, minLen: number): boolean {
  const len = s.a1 - s.a0,
    thick = s.p1 - s.p0;
  return len >= minLen && len >= MIN_ASPECT * thick && (s.longest >= minLen || len >= PIECED_FACTOR * minLen);
}

/**
 * Paints the rules white (plus a pixel of anti-aliasing around them) in a
 * copy of the image.
 */
export function eraseRules(img: GreyImage, rules: PageRules): GreyImage {
  const out = new Uint8Array(img.data);
  const W = img.width,
    H = img.height;
  for (const r of [...rules.h, ...rules.v]) {
    const x0 = Math.max(0, r.x0 - 1),
      x1 = Math.min(W, r.x1 + 1),
      y0 = Math.max(0, r.y0 - 1),
      y1 = Math.min(H, r.y1 + 1);
    for (let y = y0; y < y1; y++) out.fill(255, y * W + x0, y * W + x1);
  }
  return { width: W, height: H, data: out };
}

/** A run of ink along one row or column: position `p`, extent [a0, a1). */
interface Run {
  p: number;
  a0: number;
  a1: number;
}

function rowRuns(img: GreyImage, t: number, minLen: number, gap: number): Run[] {
  const { width: W, height: H, data } = img;
  const runs: Run[] = [];
  for (let y = 0; y < H; y++) {
    const o = y * W;
    let start = -1,
      last = -1;
    for (let x = 0; x <= W; x++) {
      const ink = x < W && data[o + x]! < t;
      if (ink) {
        if (start < 0 || x - last > gap + 1) {
          if (start >= 0 && last + 1 - start >= minLen) runs.push({ p: y, a0: start, a1: last + 1 });
          start = x;
        }
        last = x;
      }
    }
    if (start >= 0 && last + 1 - start >= minLen) runs.push({ p: y, a0: start, a1: last + 1 });
  }
  return runs;
}

/** Column runs, scanning rows in memory order with one open run per column. */
function columnRuns(img: GreyImage, t: number, minLen: number, gap: number): Run[] {
  const { width: W, height: H, data } = img;
  const start = new Int32Array(W).fill(-1),
    last = new Int32Array(W).fill(-1);
  const runs: Run[] = [];
  for (let y = 0; y < H; y++) {
    const o = y * W;
    for (let x = 0; x < W; x++) {
      if (data[o + x]! >= t) continue;
      if (start[x]! < 0 || y - last[x]! > gap + 1) {
        if (start[x]! >= 0 && last[x]! + 1 - start[x]! >= minLen) runs.push({ p: x, a0: start[x]!, a1: last[x]! + 1 });
        start[x] = y;
      }
      last[x] = y;
    }
  }
  for (let x = 0; x < W; x++) if (start[x]! >= 0 && last[x]! + 1 - start[x]! >= minLen) runs.push({ p: x, a0: start[x]!, a1: last[x]! + 1 });
  return runs.sort((a, b) => a.p - b.p || a.a0 - b.a0);
}

interface Segment {
  p0: number;
  p1: number;
  a0: number;
  a1: number;
  lastP: number;
  /** Length of the longest piece joined into this one. */
  longest: number;
}

/**
 * Stacks runs of neighbouring rows (columns) that overlap by half the shorter
 * into one line — pieces of a line broken in one row and whole in the next
 * become one — and keeps lines thin enough to be rules.
 */
function link(runs: readonly Run[], maxThick: number): Segment[] {
  const done: Segment[] = [];
  let open: Segment[] = [];
  let i = 0;
  while (i < runs.length) {
    const p = runs[i]!.p;
    let next: Segment[] = [];
    for (; i < runs.length && runs[i]!.p === p; i++) {
      const r = runs[i]!;
      const touches = (s: Segment) => s.lastP >= p - 1 && Math.min(s.a1, r.a1) - Math.max(s.a0, r.a0) >= 0.5 * Math.min(s.a1 - s.a0, r.a1 - r.a0);
      const hits = [...open.filter(touches), ...next.filter(touches)];
      const into = hits[0] ?? { p0: p, p1: p + 1, a0: r.a0, a1: r.a1, lastP: p, longest: 0 };
      for (const s of hits.slice(1)) {
        into.p0 = Math.min(into.p0, s.p0);
        into.a0 = Math.min(into.a0, s.a0);
        into.a1 = Math.max(into.a1, s.a1);
      }
      into.a0 = Math.min(into.a0, r.a0);
      into.a1 = Math.max(into.a1, r.a1);
      into.p1 = p + 1;
      into.lastP = p;
      const merged = new Set(hits.slice(1));
      open = open.filter((s) => !merged.has(s) && s !== into);
      next = next.filter((s) => !merged.has(s) && s !== into);
      next.push(into);
    }
    done.push(...open);
    open = next;
  }
  done.push(...open);
  return done
    .filter((s) => s.p1 - s.p0 <= maxThick)
    .map((s) => ({ ...s, longest: s.a1 - s.a0 }));
}

/**
 * Joins pieces of one line that `link` left apart: a thin line scanned at a
 * slight tilt is a staircase of short steps (~190 px each at 200 dpi for 0.9°),
 * and after deskewing the steps sit on the same row but end to end (and a
 * coarse scan breaks them), which run overlap cannot link. Pieces whose rows
 * overlap and whose ends meet within `gap` become one rule (a table rule is
 * found whole, not as 20 stubs the layout ignores); pieces that are rules on
 * their own, on exactly one line, across `longGap` — unless both facing ends
 * are corners (`crossing` lines there): that gap lies between two tables.
 */
function joinCollinear(segs: readonly Segment[], crossing: readonly Segment[], o: { gap: number; longGap: number; tol: number; minLen: number }): Segment[] {
  const out: Segment[] = [];
  const centre = (x: Segment) => (x.p0 + x.p1) / 2;
  // An end at `a` (along the line) of a line at `p` meets a crossing line there.
  const corner = (a: number, p: number) =>
    crossing.some((c) => c.a1 - c.a0 >= o.minLen && Math.abs(centre(c) - a) <= o.tol && c.a0 - o.tol <= p && p <= c.a1 + o.tol);
  const longJoin = (a: Segment, b: Segment) =>
    b.a0 - a.a1 <= o.longGap &&
    Math.abs(centre(a) - centre(b)) <= 1 &&
    a.longest >= o.minLen &&
    b.longest >= o.minLen &&
    !(corner(a.a1, centre(a)) && corner(b.a0, centre(b)));
  for (const s of [...segs].sort((a, b) => a.a0 - b.a0)) {
    const into = out.find((x) => x.p0 <= s.p1 && s.p0 <= x.p1 && x.a0 <= s.a1 && (s.a0 - x.a1 <= o.gap || longJoin(x, s)));
    if (!into) {
      out.push({ ...s });
      continue;
    }
    into.longest = Math.max(into.longest, s.longest);
    into.p0 = Math.min(into.p0, s.p0);
    into.p1 = Math.max(into.p1, s.p1);
    into.a1 = Math.max(into.a1, s.a1);
  }
  return out;
}
