/**
 * Where the rows of a table without rules begin, from geometry alone.
 *
 * Inside a cell, lines follow at the text's leading and each one is full
 * before the next begins (wrapping). A row boundary breaks that in every
 * column at once: cells are top-aligned, so the new row's cells start
 * together, each after extra space (the cell padding) or after a line that
 * was not full, and no column's text runs on across the boundary at the
 * leading. The leading is learnt from the table itself (the smallest baseline
 * distance between lines of one column) or from the page's text, the padding
 * from the lines where several cells open together.
 */
import type { LayoutSettings } from "./settings.js";
import type { Line, Word } from "../doc/geometry.js";
import { assignRow, textRights } from "./table.js";
import { buildLines, makeLine, splitByGap } from "./lines.js";
import { wrapsFrom } from "./prose.js";
import { median } from "./geometry.js";
import { isCode } from "../lexicon/codes.js";
import { matchRole } from "../lexicon/match.js";
import { countWordChars } from "../util/text.js";

/** Baseline distance between two consecutive lines, with their font size. */
export interface Pitch {
  size: number;
  dist: number;
}

/** Baseline distances between consecutive lines in the same type that share some width (a column, a paragraph). */
export function pitches(lines: readonly Line[], s: LayoutSettings): Pitch[] {
  const out: Pitch[] = [];
  for (let k = 1; k < lines.length; k++) {
    const a = lines[k - 1]!,
      b = lines[k]!;
    const size = Math.max(a.size, b.size);
    if (size / Math.min(a.size, b.size) > s.paraSizeRatio || Math.min(a.x1, b.x1) <= Math.max(a.x0, b.x0)) continue;
    out.push({ size, dist: b.base - a.base });
  }
  return out;
}

/** Baseline distances between consecutive lines of each column of a rule-less table. */
export function columnPitches(words: readonly Word[], edges: readonly number[], s: LayoutSettings): Pitch[] {
  return assignRow(words, edges, s).flatMap((ws) => pitches(buildLines(ws, s), s));
}

/**
 * The leading of a page's text in type of `size`: the smallest baseline
 * distance (÷ font size) that recurs between its lines, so that a table whose
 * own cells never wrap still tells a row's padding from the leading. Null
 * when nothing recurs.
 */
export function pageLeading(page: readonly Pitch[], size: number, s: LayoutSettings): number | null {
  const r = page
    .filter((p) => Math.max(p.size, size) / Math.min(p.size, size) <= s.paraSizeRatio)
    .map((p) => p.dist / p.size)
    .sort((a, b) => a - b);
  for (let i = 0; i + 1 < r.length; i++) if (r[i + 1]! - r[i]! <= s.leadingTolEm) return r[i]!;
  return null;
}

/** What the page around a table tells: baseline distances in its paragraphs and table columns, the right edge of its text. */
export interface PageContext {
  pitches: readonly Pitch[];
  right: number;
}

/**
 * Top y of every row after the first, for the words of a rule-less table with
 * column `edges`. A line starts a row when its first-column text does not go
 * on from the line above (extra space, a line above that was not full, a
 * spanning line) — in a table with padded rows, after at least half the
 * padding — or when it opens two or more columns after extra space; either
 * only if no column's text runs through it. White space wider than the gaps
 * inside cells running across every column also ends a row.
 */
/**
 * A line of the first column holding one code and nothing else: with a separator in it ("P26.1.b", "OG-01.2",
 * "3.1"), or capitals run into figures ("CB01", "OS3").
 */
function codeLine(l: Line): boolean {
  if (l.words.length !== 1) return false;
  const t = l.words[0]!.text;
  return ((/[._/-]/.test(t) && /\d/.test(t)) || /^\p{Lu}{1,4}\d{1,3}$/u.test(t)) && isCode(t);
}

/**
 * A first-column line ending in a code's separator ("OG-", "P26.1."): the code goes on in the line below.
 * (A period closes an abbreviation too, "Cod.": only after a digit is it a code's.)
 */
function brokenCode(l: Line): boolean {
  const last = l.words[l.words.length - 1]?.text ?? "";
  return last.length >= 2 && (/[-_/]$/.test(last) || /\d\.$/.test(last)) && /^\p{L}/u.test(last) && isCode(last + "1");
}

/** A first column's line holding one capital letter or two, or a number of three figures at most. */
function bareCode(l: Line): boolean {
  return l.words.length === 1 && /^(?:[A-Z]{1,2}|\d{1,3})\.?$/.test(l.words[0]!.text);
}

/**
 * A line of values only, the same kinds in the same order as the line above it in its column (a day's date
 * under a date, "31/03/2026 30 %" under "28/02/2026 25 %"): no cell wraps one value into a second, so each
 * is a record's. Kinds: a day's date, a figure (a weight, a count), a percent sign, a comparator (">= 95").
 */
const DAY_DATE = /^\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})$/;
const FIGURE = /^\d{1,3}(?:[.,]\d{1,2})?%?$/;

function valueShape(l: Line): string | null {
  let shape = "";
  for (const w of l.words) {
    const t = w.text;
    if (DAY_DATE.test(t)) shape += "d";
    else if (FIGURE.test(t)) shape += "f";
    else if (t === "%") shape += "%";
    else if (/^(?:[<>≤≥]=?|=)$/.test(t)) shape += "c";
    else return null;
  }
  return shape;
}

function sameAtom(u: Line, v: Line): boolean {
  if (u.words.length !== v.words.length || u.words.length > 3) return false;
  const a = valueShape(u);
  return a !== null && a === valueShape(v);
}

/**
 * Lines of which some two in a row each hold a lone value of the same kind at the same place (a figure right
 * under a figure, a date under a date, their right or left edges lined up): values no cell wraps into a second
 * line, so records of their own, whatever rule a band of them sits between.
 */
export function stackedValues(lines: readonly Line[], s: LayoutSettings): boolean {
  const atoms = lines.map((l) =>
    splitByGap(l.words, (a, b) => Math.max(s.minColumnGap, s.colGapEm * Math.max(a.size, b.size)))
      .filter((p) => p.length <= 3)
      .map((p) => ({ x0: p[0]!.x0, x1: p[p.length - 1]!.x1, shape: valueShape(makeLine(p)) }))
      .filter((a) => a.shape !== null),
  );
  for (let k = 1; k < lines.length; k++)
    for (const a of atoms[k]!) if (atoms[k - 1]!.some((b) => b.shape === a.shape && (Math.abs(b.x1 - a.x1) <= s.alignTol || Math.abs(b.x0 - a.x0) <= s.alignTol))) return true;
  return false;
}

function lineText(l: Line): string {
  return l.words.map((w) => w.text).join(" ");
}

/**
 * A first column's line that is a label alone over another ("Obiettivo:" over "Descrizione:", "Struttura" over
 * "Responsabile"): the
 * label is whole, and the line below opens the next (a report's label column, set at the values' tight leading).
 * (A title wrapped after a colon, "Partecipazioni:" over "Liquidazione della società", is one cell.)
 */
function closedLabel(u: Line, v: Line, besideBoth: boolean): boolean {
  const a = lineText(u),
    b = lineText(v);
  if (!labelAlone(a) || !labelAlone(b)) return false;
  // (Unless the two read as one label wrapped: "CENTRO DI" over "RESPONSABILITÀ", "FASE" over "N.": a line ending on
  // a preposition, a line that is an abbreviation alone; or "CENTRO" over "RESPONSABILITA'", one label of the
  // vocabulary together, with no value of its own beside each line.)
  if (/:$/.test(a)) return true;
  if (/\s(?:di|del|della|dei|delle|e|ed|per|a|al|alla|in|da)$/iu.test(a) || /^\p{L}{1,3}\.$/u.test(b)) return false;
  return besideBoth || matchRole(`${a} ${b}`, 0.9) === null;
}

/** A label alone on its line: closed by its colon, or a term of the vocabulary as it stands ("Struttura", "Obiettivo strategico"; not "CENTRO", a guess at "entro"). */
function labelAlone(t: string): boolean {
  if (LABEL_ALONE.test(t)) return true;
  // (A year closing it, "Target 2026", is the label's.)
  const bare = t.replace(/\s+(?:19|20)\d\d$/, "");
  return /^\p{Lu}/u.test(bare) && !/\d/.test(bare) && bare.split(" ").length <= 4 && matchRole(bare, 0.99) !== null;
}

/** A line that is a label alone, one to four words and its colon: "Obiettivo:", "Valore atteso:". */
const LABEL_ALONE = /^\p{Lu}[\p{L}'’.]*(?:\s+[\p{L}'’.%]+){0,3}:$/u;

/** A line opening a sum's row: "Subtotale …", "Totale …", "TOTALE GENERALE". */
function sumLine(l: Line): boolean {
  return /^(?:sub\s?)?total[ei]\b/i.test(lineText(l));
}

/** A line of two words or more in capitals (a group's name), letters only. */
function capsLine(l: Line): boolean {
  const t = lineText(l);
  return l.words.length >= 2 && /\p{Lu}{2}/u.test(t) && !/\p{Ll}/u.test(t);
}

export function rowStarts(words: readonly Word[], edges: readonly number[], s: LayoutSettings, page: PageContext): number[] {
  const size = median(words.map((w) => w.size));
  const cols = assignRow(words, edges, s);
  const colLines = cols.map((ws) => buildLines(ws, s));
  // The last column has no next column to stop it: a wide table ends at the page's text margin.
  const right = textRights(edges, cols).map((r, c) => (c === cols.length - 1 ? Math.max(r, page.right) : r));
  // The cells' leading: the smallest baseline distance in a column here (only
  // row distances when no cell wraps), or the page's when smaller; wider than
  // any paragraph's leading, it can only be a row distance.
  const known = colLines.flatMap((ls) => pitches(ls, s)).map((p) => p.dist / p.size);
  const prior = pageLeading(page.pitches, size, s);
  if (prior !== null) known.push(prior);
  const least = Math.min(...known);
  const lead = (least <= s.paraLeadingEm ? least : s.defaultLeading) * size;
  // More than this between baselines is space added above a line: cell padding or paragraph spacing.
  const spaced = lead + s.alignedRowGapEm * size;
  const goesOn = (c: number, u: Line, v: Line) => v.base - u.base <= spaced && wrapsFrom(u, v, right[c]!, s);
  const next = edges.length >= 3 ? edges[1]! : Infinity;
  const tolBase = s.baselineTolEm * size;

  // Each line: does text run through it, does the first column start anew on
  // it, do all its pieces open after extra space, and how much extra space.
  const lines = buildLines(words, s);
  const at = colLines.map(() => 0);
  // How many columns hold text on a line.
  const piecesOn = (l: Line) => colLines.filter((ls) => ls.some((m) => Math.abs(m.base - l.base) <= tolBase)).length;
  // (A scan's short word, "N." or "%", has too little ink to tell its weight: the line's other words tell it.)
  const weight = (l: Line) => {
    const told = l.words.filter((w) => w.conf === undefined || countWordChars(w.text) > 2);
    const ws = told.length ? told : l.words;
    return ws.every((w) => w.bold) ? 1 : ws.some((w) => w.bold) ? 0 : -1;
  };
  // A value opening on the label's own line (a dense card's labels set apart more widely than its values' lines
  // are no rows of their own).
  const valueOn = (v: Line) => colLines.some((ls, c) => c > 0 && ls.some((m) => Math.abs(m.base - v.base) <= tolBase));
  // Another column's text going on from one line to the next in lower case ("… delle" over "giovani generazioni"): a
  // value wrapping across the two lines, which are one row.
  const lowerRunOn = (u: Line, v: Line) =>
    colLines.some((ls, c) => c > 0 && ls.some((m) => Math.abs(m.base - u.base) <= tolBase) && ls.some((m) => Math.abs(m.base - v.base) <= tolBase && /^\p{Ll}{2}/u.test(m.words[0]!.text)));
  // Another column holds text on both lines, the upper not wrapping into the lower: each of two labels has a
  // value of its own beside it.
  const besideBoth = (u: Line, v: Line) =>
    colLines.some((ls, c) => {
      if (c === 0) return false;
      const mu = ls.find((m) => Math.abs(m.base - u.base) <= tolBase),
        mv = ls.find((m) => Math.abs(m.base - v.base) <= tolBase);
      return mu !== undefined && mv !== undefined && !goesOn(c, mu, mv);
    });
  const info = lines.slice(1).map((b, k) => {
    // The type changes weight across the whole line: a line bold in every cell
    // (a header, a total) next to one with no bold word, the bold one across
    // two columns at least, is a row boundary whatever the leading says.
    const a = lines[k]!;
    const wa = weight(a),
      wb = weight(b);
    const reweighted = s.weightRows > 0 && wa !== 0 && wb !== 0 && wa !== wb && piecesOn(wa > 0 ? a : b) >= 2;
    let runs = false,
      coded = false,
      first = false,
      span = false,
      opened = 0,
      pieces = 0,
      extra0 = Infinity,
      extra = Infinity;
    colLines.forEach((ls, c) => {
      // The column's first line on or below this one, and the line above it.
      while (at[c]! < ls.length && ls[at[c]!]!.base < b.base - tolBase) at[c]!++;
      const v = ls[at[c]!],
        u = ls[at[c]! - 1];
      const here = v !== undefined && v.base <= b.base + tolBase;
      if (here) pieces++;
      if (!u || !v) {
        if (here) opened++;
        return;
      }
      // A spanning line after a one-column one (or the reverse) in the first column is a row of its own.
      const spanChange = c === 0 && here && u.x1 > next + 0.5 !== v.x1 > next + 0.5;
      // In fixed-width text, a sum's row ("Subtotale Direzione …", "Totale") or a group's name in capitals
      // after a cell in lower case ("DIREZIONE OPERATIVA E SECURITY" under a title's last line), in any
      // column, starts a record.
      if (s.alignedGroupRows > 0 && here && (sumLine(v) || (capsLine(v) && !capsLine(u)))) {
        coded = true;
        if (c === 0) {
          first = true;
          extra0 = v.base - u.base - lead;
        }
      }
      // A day's date or a figure right under another in its column (two deadlines, two weights; a date and a
      // weight a tab stop apart under another such pair) starts a record: no cell wraps one value into a
      // second (a merged first column left empty on the rows of its group does not make them one).
      if (s.valueRows > 0 && here && sameAtom(u, v)) {
        coded = true;
        if (c === 0) {
          first = true;
          extra0 = v.base - u.base - lead;
        }
      }
      // So does a code alone opening the first column ("P26.1.b", "OG-01.2"): a code does not wrap, whatever
      // the cells beside it seem to go on with; unless it is the rest of a code broken at its separator in a
      // narrow column ("OG-" over "01.1").
      // (In fixed-width text a bare letter or number alone in the first column, "A", "B", "12", is a row's code too.)
      if (c === 0 && here && (codeLine(v) || (s.alignedGroupRows > 0 && bareCode(v))) && !brokenCode(u)) {
        coded = true;
        first = true;
        extra0 = v.base - u.base - lead;
      } else if (c === 0 && here && !(wa > 0 && wb > 0) && valueOn(v) && closedLabel(u, v, besideBoth(u, v)) && !lowerRunOn(u, v)) {
        // (A label whole with its colon, a label below it: a new field's row, whatever a value beside wraps; not in
        // a header's lines, bold across the row, "RIF." over "OBIETTIVO".)
        coded = true;
        first = true;
        extra0 = v.base - u.base - lead;
      } else if (!spanChange && goesOn(c, u, v)) runs = true;
      else if (here && c === 0) {
        first = true;
        span = spanChange;
        extra0 = v.base - u.base - lead;
      }
      if (here && v.base - u.base > spaced) opened++;
      if (here) extra = Math.min(extra, v.base - u.base - lead);
    });
    // A wrapped title's last line carrying the record's values on a tab's leader ("servizio di
    // manutenzione……31/10/2026 ⇥ 20", or the leader alone: "……31/12/2026 ⇥ 25"): one record with the lines
    // above, whatever the values' columns say (a date under the last record's date).
    // (The words before the leader go on from the line above: they open in lower case, as a wrapped line does.)
    const led = b.words.find((w) => w.leader !== undefined && w.leader < w.x0 - size);
    if (led && (b.words[0] === led || (runs && /^\p{Ll}/u.test(b.words[0]!.text))) && b.base - a.base <= spaced) {
      runs = true;
      coded = false;
    }
    // Several cells opening after extra space, and at most one other piece that starts anew at the leading
    // (a cell beside them whose text above ended short, so did not wrap into it): a new row too.
    return { y: b.y0 - 0.1, reweighted, coded, runs, first, span, extra0, extra, multi: pieces >= 2 && opened === pieces, opens: opened >= 2 && opened >= pieces - 1, full: pieces === colLines.length };
  });
  // A line with text in every column starts a row after another such line (rows
  // of one line each) or where its first column starts anew (after a header's
  // second line): in monospace text narrow columns always look full, so wrapped.
  const fullRows = s.alignedFullLineRows > 0 && colLines.length >= s.alignedFullLineRows;
  const topFull = fullRows && lines.length > 0 && colLines.every((ls) => ls.some((l) => Math.abs(l.base - lines[0]!.base) <= tolBase));
  const fullAfterFull = (k: number) => fullRows && info[k]!.full && (info[k]!.first || (k === 0 ? topFull : info[k - 1]!.full));
  // The padding of rows: the extra space above lines where several cells open
  // together. When rows are padded, a first-column start with less than half
  // of it is a new paragraph or a hard break inside the cell, not a new row.
  const pads = info.filter((l) => l.multi && !l.runs && Number.isFinite(l.extra)).map((l) => l.extra);
  const pad = pads.length ? median(pads) : 0;
  const padded = pad > s.alignedRowGapEm * size;
  const cuts = info
    .filter((l, k) => l.reweighted || l.coded || (!l.runs && (l.multi || l.opens || (l.first && (l.span || !padded || l.extra0 >= pad / 2)))) || fullAfterFull(k))
    .map((l) => l.y);

  // White space across every column, clearly wider than the space between lines of a cell.
  const lineH = median(lines.map((l) => l.y1 - l.y0));
  const across = Math.max(0, lead - lineH) + s.alignedBandGapEm * size;
  const iv = words.map((w) => [w.y0, w.y1] as [number, number]).sort((a, b) => a[0] - b[0]);
  let reach = iv[0]?.[1] ?? 0;
  for (const [a, b] of iv.slice(1)) {
    if (a - reach > across) cuts.push((a + reach) / 2);
    reach = Math.max(reach, b);
  }
  return [...new Set(cuts)].sort((a, b) => a - b);
}
