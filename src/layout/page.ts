/**
 * One page → blocks in reading order: ruled tables first (grids, then stacks
 * of horizontal rules), then rule-less aligned tables and paragraphs from the
 * words left over.
 */
import type { LayoutSettings } from "./settings.js";
import type { Box, Line, PageGeom, Word } from "../doc/geometry.js";
import type { Table } from "./table.js";
import { cleanRules, findGrids, findStacks, mergeFills } from "./rules.js";
import { gridTable, listingRows, sheetTables, stackLabels, stackTables, tableBox, type LabelColumn } from "./table.js";
import { alignedTables, type ListStops } from "./aligned.js";
import { splitColumns, textColumnRegions } from "./textcolumns.js";
import { buildLines } from "./lines.js";
import { leadingRatio, markHardBreaks, paragraphs, type Para } from "./prose.js";
import { median } from "./geometry.js";
import { pitches } from "./rowstarts.js";

export type Block = { kind: "table"; table: Table; box: Box } | { kind: "para"; para: Para; box: Box };

export interface PageLayout {
  page: number;
  width: number;
  height: number;
  blocks: Block[];
  /** Median font size of the page's text. */
  bodySize: number;
  /** Baseline distance ÷ font size of wrapped text on the page. */
  leading: number;
  /** The text block's right margin: where the page's widest text ends. */
  right: number;
  /** A grid on the page is a printed spreadsheet (see sheetTables). */
  sheet: boolean;
  /** A list on tab stops the page ends in, which the next page may go on with. */
  list: ListStops | null;
}

/** `carry`: a list on tab stops the page before ended in (aligned.ts). */
export function layoutPage(geom: PageGeom, s: LayoutSettings, knownSheet = false, carry: ListStops | null = null): PageLayout {
  const words = geom.words;
  const bodySize = median(words.map((w) => w.size)) || 10;
  const pageBox = { x0: 0, y0: 0, x1: geom.width, y1: geom.height };
  const rules = cleanRules(geom.rules, geom.fills, pageBox, s);
  const { grids, looseH, frames } = findGrids(rules, s);
  const tables: Table[] = [];
  const used = new Set<Word>();
  let isSheet = false;
  /** The one-cell rows of a printed spreadsheet, each a paragraph of its own. */
  const sheetText: Word[][] = [];
  // A table nested in another's cell (a card's phases in its "Fasi" row) is read first, on its own: its words
  // are not the outer cell's text. The outer table is cut under the row holding it, so that the rows below
  // come after it in reading order.
  const within = (a: Box, b: Box) => a !== b && a.x0 >= b.x0 - s.snapTol && a.x1 <= b.x1 + s.snapTol && a.y0 >= b.y0 - s.snapTol && a.y1 <= b.y1 + s.snapTol;
  // (Tables of two columns at least, in a table of two columns at least: a box drawn around a part of a cell,
  // or around a whole table, is no table.)
  const columns = (g: (typeof grids)[number]) => new Set(g.v.map((r) => Math.round(r.x / s.snapTol))).size;
  const nested = new Set(grids.filter((g) => columns(g) >= 3 && grids.some((o) => columns(o) >= 3 && within(g.box, o.box))));
  const inner: Box[] = [];
  for (const g of grids.sort((a, b) => Number(nested.has(b)) - Number(nested.has(a)) || a.box.y0 - b.box.y0)) {
    const t = gridTable(
      g,
      words.filter((w) => !used.has(w)),
      s,
    );
    if (!t) continue;
    if (nested.has(g)) inner.push(t.table.box);
    else if (inner.some((b) => within(b, g.box))) {
      for (const part of cutUnder(t.table, inner)) tables.push(part);
      for (const w of t.used) used.add(w);
      continue;
    }
    if (t.table.lone) {
      // Only a short single cell ending the page can be the start of a table broken by the page.
      const b = t.table.box;
      const after = words.some((w) => !t.used.has(w) && w.y0 > b.y1);
      if (after || buildLines([...t.used], s).length > 2) continue;
    }
    const sheet = sheetTables(t.table, g, s, knownSheet);
    if (sheet) {
      // A printed spreadsheet: each of its one-cell rows is text of its own, laid out as prose below.
      isSheet = true;
      tables.push(...sheet.tables);
      sheetText.push(...sheet.freed);
      for (const w of t.used) used.add(w);
      continue;
    }
    // A row holding a table drawn without rules: its words are the page's to lay out, the grid cut around it.
    const listings = listingRows(t.table, g.v, s);
    if (listings.size) {
      const free = new Set([...listings].flatMap((r) => r.cells.flat()));
      let run: Table["rows"] = [];
      for (const r of [...t.table.rows, null]) {
        if (r && !listings.has(r)) run.push(r);
        else if (run.length) {
          tables.push(piece(t.table, run));
          run = [];
        }
      }
      for (const w of t.used) if (!free.has(w)) used.add(w);
      continue;
    }
    tables.push(t.table);
    for (const w of t.used) used.add(w);
  }
  // Grids' own horizontal rules never reach here; stacks must not run through a
  // grid. Drawn rules make stacks; the edges of shading only cut rows inside
  // tables (a shaded heading or header band is no table by itself).
  const drawn = looseH.filter((r) => r.w > 0);
  const shade = looseH.filter((r) => r.w === 0);
  // Stacks inside frames first: a rule outside (a heading's underline) must
  // not chain the framed table's lines to itself.
  const stacks = findStacks(drawn, s, frames).sort((a, b) => Number(b.framed ?? false) - Number(a.framed ?? false));
  // The page's leading, for telling rows apart in bands without rules (only pages with stacks need it).
  const ctx = stacks.length ? { pitches: pitches(buildLines(words, s), s), right: Math.max(0, ...words.map((w) => w.x1)) } : { pitches: [], right: -Infinity };
  // A listing's header block heads the stacks below it on the page in the same columns (its groups' rows, ruled
  // apart), as well as its own: the nearest stack above holding one.
  const own = new Map(stacks.map((st) => [st, stackLabels(st, words, s)]));
  const labelsOf = (st: (typeof stacks)[number]): LabelColumn[] => {
    if (own.get(st)!.length) return own.get(st)!;
    const above = stacks
      .filter((o) => own.get(o)!.length && o.box.y1 <= st.box.y0 + s.snapTol && Math.abs(o.box.x0 - st.box.x0) <= s.stackAlignTol && Math.abs(o.box.x1 - st.box.x1) <= s.stackAlignTol)
      .sort((a, b) => b.box.y1 - a.box.y1)[0];
    return above ? own.get(above)! : [];
  };
  for (const st of stacks) {
    const free = words.filter((w) => !used.has(w));
    const labels = labelsOf(st);
    // Chains of lines above or below a stack stop at a frame's edge.
    const top = Math.max(0, ...frames.filter((f) => f.y1 <= st.box.y0 + s.snapTol && overlapsX(f, st.box)).map((f) => f.y1));
    const bottom = Math.min(geom.height, ...frames.filter((f) => f.y0 >= st.box.y1 - s.snapTol && overlapsX(f, st.box)).map((f) => f.y0));
    for (const t of stackTables(st, free, s, st.framed ? { top: 0, bottom: geom.height } : { top, bottom }, shade, ctx, labels)) {
      if (tables.some((o) => overlaps(tableBox(o), t.table.box))) continue;
      tables.push(t.table);
      for (const w of t.used) used.add(w);
    }
  }
  const restWords = words.filter((w) => !used.has(w));
  const restLines: Line[] = buildLines(restWords, s);
  // The text block's right margin: the widest thing on the page, tables included
  // (a page holding only short lines must not make them look wrapped).
  const right = Math.max(0, ...words.map((w) => w.x1));
  // Shading as drawn, its pieces side by side merged (a header row's cells).
  const bands = mergeFills(geom.fills.filter((f) => (f.x1 - f.x0) * (f.y1 - f.y0) <= 0.5 * geom.width * geom.height), s.joinTol);
  const left = Math.min(right, ...words.map((w) => w.x0));
  // Stretches set in columns are read a column at a time: each column's lines make its own tables and
  // paragraphs, placed in reading order at the stretch's top, the left column first.
  const regions = isSheet ? [] : textColumnRegions(restLines, s, bands);
  const parts: { lines: Line[]; right: number; left: number; key: { y: number; k: number } | null }[] = [];
  if (regions.length === 0) parts.push({ lines: restLines, right, left, key: null });
  else {
    const split = splitColumns(restWords, regions, s);
    parts.push({ lines: buildLines(split.outside, s), right, left, key: null });
    for (const p of split.parts) parts.push({ lines: p.lines, right: Math.max(...p.lines.map((l) => l.x1)), left: Math.min(...p.lines.map((l) => l.x0)), key: { y: p.region.y0, k: p.column + 1 } });
  }
  const keys = new Map<object, { y: number; k: number }>();
  const paras: Para[] = [];
  let list: ListStops | null = null;
  for (const g of parts) {
    // (Only a page read in one column carries a list over, above any drawn table of rows; a rule under the
    // running head is one row.)
    const single = parts.length === 1;
    const drawnTop = Math.min(Infinity, ...tables.filter((t) => t.rows.length >= 2).map((t) => t.box.y0));
    const aligned = alignedTables(g.lines, s, g.right, shade, bands, single && carry ? { ...carry, before: drawnTop } : null);
    if (single) list = aligned.list;
    tables.push(...aligned.tables);
    const ps = paragraphs(aligned.rest, s, g.right, g.left);
    paras.push(...ps);
    if (g.key) for (const x of [...aligned.tables, ...ps]) keys.set(x, g.key);
  }
  paras.push(...sheetText.flatMap((ws) => paragraphs(buildLines(ws, s), s, right, left)));

  const at = (b: Block) => keys.get(b.kind === "table" ? b.table : b.para) ?? { y: b.box.y0, k: 0 };
  const blocks: Block[] = [
    ...tables.map((t) => ({ kind: "table" as const, table: t, box: tableBox(t) })),
    ...paras.map((p) => ({ kind: "para" as const, para: p, box: p.box })),
  ].sort((a, b) => {
    const ka = at(a),
      kb = at(b);
    return ka.y - kb.y || ka.k - kb.k || a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0;
  });

  settleOpenEnds(blocks);
  // The leading of wrapped text (paragraphs and table cells) tells a hard line
  // break from a new paragraph: only the latter adds space.
  const groups: Line[][] = paras.filter((p) => p.lines.length > 1).map((p) => p.lines);
  for (const t of tables) for (const r of t.rows) for (const c of r.cells) if (c.length > 1) groups.push(buildLines(c, s));
  const ratio = leadingRatio(groups) ?? s.defaultLeading;
  // Only paragraphs adjacent in reading order can share a block.
  let run: Para[] = [];
  for (const b of blocks) {
    if (b.kind === "para") run.push(b.para);
    else {
      markHardBreaks(run, ratio, s);
      run = [];
    }
  }
  markHardBreaks(run, ratio, s);
  return { page: geom.page, width: geom.width, height: geom.height, blocks, bodySize, leading: ratio, right, sheet: isSheet, list };
}

/** The table cut under each row holding one of the boxes (tables nested in its cells), the pieces in order. */
function cutUnder(t: Table, boxes: readonly Box[]): Table[] {
  const holds = (r: Table["rows"][number]) => boxes.some((b) => b.y0 >= r.box.y0 - 1 && b.y1 <= r.box.y1 + 1 && b.x0 >= r.box.x0 - 1 && b.x1 <= r.box.x1 + 1);
  const out: Table[] = [];
  let from = 0;
  t.rows.forEach((r, k) => {
    if (!holds(r) || k === t.rows.length - 1) return;
    out.push(piece(t, t.rows.slice(from, k + 1)));
    from = k + 1;
  });
  out.push(piece(t, t.rows.slice(from)));
  return out;
}

function piece(t: Table, rows: Table["rows"]): Table {
  return { ...t, rows, box: { x0: t.box.x0, x1: t.box.x1, y0: rows[0]!.box.y0, y1: rows[rows.length - 1]!.box.y1 } };
}

function overlapsX(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1;
}

function overlaps(a: Box, b: Box): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1;
}

/**
 * A row left open at the top only matters for the first block of a page, one
 * open at the bottom only for the last: elsewhere the table simply has no rule
 * on that side. For tables drawn with rules under each row, the first row
 * (the header) always lacks a rule above it, so a table open at both ends
 * counts as open at the bottom unless it starts the page and does not end it.
 */
function settleOpenEnds(blocks: Block[]): void {
  blocks.forEach((b, i) => {
    if (b.kind !== "table") return;
    const rows = b.table.rows;
    const first = rows[0]!,
      last = rows[rows.length - 1]!;
    const isFirst = i === 0,
      isLast = i === blocks.length - 1;
    if (b.table.kind === "stack") {
      const lead = first.openTop === true,
        trail = last.openBottom === true;
      if (lead && trail) {
        if (isFirst && !isLast) delete last.openBottom;
        else delete first.openTop;
      } else if (lead) delete first.openTop; // rules under rows: the header has none above
      else if (trail) delete last.openBottom; // rules over rows: the last row has none below
    }
    if (!isFirst) delete first.openTop;
    if (!isLast) delete last.openBottom;
  });
}
