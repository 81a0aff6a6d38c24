/**
 * Rows → the typed document (src/doc/blocks.ts): headings, paragraphs,
 * label/value groups, lists and tables, each with the rows it came from.
 *
 * Every extractor's rows come here alike, so text exports, PDF text layers
 * and OCR give the same kinds of blocks. Only form is read: where a table's
 * header ends and its body starts, which rows span the table or total it,
 * which lines are list items or labels. What the blocks hold (objectives,
 * steps, indicators) is read later, by the recognisers (src/parse).
 */
import type { Block, HeadingBlock, LabelItem, LabelsBlock, ListBlock, ListItem, ParagraphBlock, Span, TableBlock, TableRow } from "../doc/blocks.js";
import type { Cell, Row } from "../doc/source.js";
import { matchLabelPrefix, matchRole, normalizeLabel } from "../lexicon/match.js";
import { codeAtEnd, isCode } from "../lexicon/codes.js";
import { looksLikeDate } from "../normalize/dates.js";
import { classify } from "../lexicon/values.js";
import { LONG_VALUE_ROLES, TOTAL_ROW, YEAR_LABEL } from "../lexicon/vocabulary.js";
import { dropColon, isCapitals, wordCount } from "../util/text.js";
import { bareLabel, closingField, headingLabel, inlineLabels, labelLine, listMarker, type LabelPart, type Marker } from "./lines.js";
import {
  cellText,
  isFusedValue,
  isGenericHeader,
  isHeaderContinuation,
  isHeaderRow,
  isLabelRow,
  isShortLabel,
  isWeakHeaderRow,
  labelsOverFigures,
  keepingRowAnswers,
  looksLikeValue,
  filledCount,
  nonEmpty,
  repeatsHeader,
  rowText,
} from "./rows.js";
import { BLOCK_SETTINGS as S } from "./settings.js";
import { isPageNumber, removeContents, removeFurniture } from "./furniture.js";
import { inheritHeaders } from "./continued.js";

export { rowText, nonEmpty } from "./rows.js";

/** What a text row's line reads as, each answer worked out once: the builder asks about a line from several places. */
class LineForm {
  private _marker?: Marker | null;
  private _label?: LabelPart | null;
  private _bare?: string | null;
  private _inline?: LabelPart[] | null;
  constructor(readonly text: string) {}
  get marker(): Marker | null {
    // A page number between dashes ("– 7 –") is page furniture, not a list item.
    return this._marker === undefined ? (this._marker = isPageNumber(this.text) ? null : listMarker(this.text)) : this._marker;
  }
  /** "Label: value" with a label the vocabulary knows. */
  get label(): LabelPart | null {
    return this._label === undefined ? (this._label = labelLine(this.text)) : this._label;
  }
  get bare(): string | null {
    return this._bare === undefined ? (this._bare = bareLabel(this.text)) : this._bare;
  }
  get inline(): LabelPart[] | null {
    return this._inline === undefined ? (this._inline = inlineLabels(this.text)) : this._inline;
  }
}

/** The forms of the document being built, by row (dropped with it; see `keepingRowAnswers`). */
let forms = new Map<Row, LineForm>();

function formOf(r: Row): LineForm {
  let f = forms.get(r);
  if (!f) forms.set(r, (f = new LineForm(rowText(r))));
  return f;
}

export function spanOf(r: Row): Span {
  return r.bbox ? { page: r.page, line: r.line, bbox: r.bbox } : { page: r.page, line: r.line };
}

/** Rows → blocks, in reading order. Blank rows separate blocks; lists and cards may run across them. */
export function buildBlocks(rows: readonly Row[]): Block[] {
  forms = new Map();
  try {
    return keepingRowAnswers(() => blocksOf(rows));
  } finally {
    forms = new Map();
  }
}

function blocksOf(input: readonly Row[]): Block[] {
  let rows = input;
  const out: Block[] = [];
  let i = 0;
  while (i < rows.length) {
    const r = rows[i]!;
    if (r.kind === "blank") {
      i++;
      continue;
    }
    if (r.kind === "table") {
      let j = i;
      while (j < rows.length && rows[j]!.kind === "table") j++;
      // In a text export, a line with no cell breaks between rows of a table as wide as the one above
      // ("OBO 2025.01 - Titolo (peso 30%)" over its phases): a row spanning the table, as the sheet printed it.
      while (!r.bbox && rows[j]?.kind === "text" && rows[j]!.heading === undefined && spanLineBetween(rows, j, r.cells.length)) {
        rows = spliceSpan(rows, j, r.cells.length);
        while (j < rows.length && rows[j]!.kind === "table") j++;
      }
      // Rows set on a page (they have boxes) that a gap parts from the table above (a shaded band, a
      // group row set off): as wide as it and not opening with a header of their own, they go on with it.
      // (In a text export a blank line is the author's, and ends the table.)
      for (;;) {
        const k = nextLine(rows, j);
        const next = rows[k];
        if (k === j || !next || next.kind !== "table" || !r.bbox || !next.bbox || next.page !== rows[j - 1]!.page || next.cells.length !== r.cells.length || isHeaderRow(next)) break;
        // Only a header-only run above, or a group row opening the run below, in a table wider than a key/value pair.
        const headerOnly = rows.slice(i, j).every((x) => x.kind !== "table" || isHeaderRow(x));
        // A group row, that is: data rows as wide as the table follow it (a caption over a new table's header does not).
        const after = rows[k + 1];
        const groupRow = nonEmpty(next).length === 1 && after !== undefined && after.kind === "table" && after.cells.length === r.cells.length && !isHeaderRow(after) && nonEmpty(after).length >= 2;
        if (r.cells.length < S.spanMinWidth || !(headerOnly || groupRow)) break;
        j = k;
        while (j < rows.length && rows[j]!.kind === "table") j++;
      }
      const run = rows.slice(i, j).filter((x) => x.kind === "table");
      const opener = !r.bbox ? cardOpener(run) : null;
      if (opener) out.push(...opener.head);
      if (!opener || opener.rest.length) tableRun(opener ? opener.rest : run, out);
      i = j;
      continue;
    }
    i = textLine(rows, i, out);
  }
  const blocks = splitCards(codedLines(inheritHeaders(removeContents(joinCutLists(removeFurniture(joinWrappedWords(out)))))));
  setCaptions(blocks);
  return blocks;
}

/**
 * A group of labels whose first two labels, the first naming a record (its code, its title), come back further
 * down ("Codice, Obiettivo … Milestone … Codice, Obiettivo …"): cards set one under another with nothing between
 * them, a group each.
 */
function splitCards(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== "labels" || b.items.length < 3) {
      out.push(b);
      continue;
    }
    const first = normalizeLabel(b.items[0]!.label);
    const role = matchRole(b.items[0]!.label, 0.9)?.role;
    if (!first || (role !== "code" && role !== "objective" && role !== "title")) {
      out.push(b);
      continue;
    }
    // (The card's first two labels again, in their order: a banner's label naming the title's too, "OBIETTIVO
    // OPERATIVO n. 5" over "Obiettivo operativo: Titolo", is no second card. The second may open the next group,
    // the group ending on the first: "… Baseline | Codice" over "Obiettivo | …".)
    const second = normalizeLabel(b.items[1]!.label);
    const next = blocks[i + 1];
    const nextOpens = next?.type === "labels" && normalizeLabel(next.items[0]?.label ?? "") === second;
    const cuts = b.items.flatMap((it, k) => {
      if (k === 0 || normalizeLabel(it.label) !== first) return [];
      const after = b.items[k + 1];
      return (after ? normalizeLabel(after.label) === second : nextOpens) ? [k] : [];
    });
    if (cuts.length === 0) {
      out.push(b);
      continue;
    }
    const parts = [0, ...cuts].map((from, j) => b.items.slice(from, cuts[j] ?? b.items.length));
    // A group ending on the first label alone hands it to the next group, whose card it opens.
    if (next?.type === "labels" && nextOpens && cuts[cuts.length - 1] === b.items.length - 1) blocks[i + 1] = labelsOf([...parts.pop()!, ...next.items], next.form);
    for (const items of parts) out.push(labelsOf(items, b.form));
  }
  return out;
}

function labelsOf(items: LabelItem[], form: LabelsBlock["form"]): LabelsBlock {
  const rows = [...new Set(items.map((it) => it.row))];
  return { type: "labels", items, form, where: items[0]!.where, rows };
}

/**
 * A table of one row and no header holding a code alone and a text ("2026/CR01/01 ⇥ Regolamento unico …",
 * "OB.3 ⇥ Titolo"): a record's title line whose code a tab stop or a report's field sets apart, read as the
 * line it is ("OB.3 Titolo"), not as a table.
 */
function codedLines(blocks: Block[]): Block[] {
  return blocks.map((b) => {
    if (b.type !== "table" || b.header.length || b.body.length !== 1 || b.continued || b.body[0]!.kind !== "data") return b;
    const cells = b.body[0]!.row.cells.filter((c) => c.text.trim() !== "");
    if (cells.length !== 2) return b;
    const code = cells[0]!.text.trim(),
      text = cells[1]!.text.trim();
    if (/\s/.test(code) || !/\d/.test(code) || !isCode(code) || looksLikeDate(code) || wordCount(text) < 2 || !/^\p{Lu}/u.test(text) || text.endsWith(":")) return b;
    return paragraphOf(b.rows);
  });
}

/**
 * A list cut by a page break where its first items were in a table's cell at the page's foot: a
 * paragraph of one item ("1. …") right before a list going on from its number ("2. …") is the list's
 * first item.
 */
function joinCutLists(blocks: Block[]): Block[] {
  for (let k = blocks.length - 2; k >= 0; k--) {
    const p = blocks[k]!,
      l = blocks[k + 1]!;
    if (p.type !== "paragraph" || l.type !== "list" || p.rows.length !== 1) continue;
    const m = listMarker(p.text);
    const first = l.items[0]!;
    if (!m || m.ordinal === null || !/^\d+$/.test(m.ordinal) || first.depth !== 0 || first.ordinal !== String(Number(m.ordinal) + 1)) continue;
    if (m.style !== (listMarker(`${first.marker} x`)?.style ?? "")) continue;
    const row = p.rows[0]!;
    const it: ListItem = { marker: m.marker, ordinal: m.ordinal, depth: 0, text: m.text, cell: row.cells[nonEmpty(row)[0] ?? 0] ?? null, where: p.where, row };
    blocks.splice(k, 2, { ...l, items: [it, ...l.items], where: p.where, rows: [row, ...l.rows] });
  }
  return blocks;
}

/** Words naming a level of the performance tree, and a step's. */
const LEVEL_WORDS = "area|linea|ambito|asse|obiettivo";
const STEP_WORDS = "azione|fase|attivit[àa]|intervento";
/** An outline's number, one of `words` (a few more words may follow it), then `after`. */
const levelLine = (words: string, after: string) => new RegExp(`^\\d{1,3}(?:\\.\\d{1,3})*\\.?\\s+(?:${words})(?!\\p{L})[^:–—]{0,30}${after}`, "iu");
/** An outline's number, then a level's name and a colon: "1.1 Obiettivo strategico:", "2. AREA STRATEGICA:", "1.1.1.1 Azione:". */
const NUMBERED_LEVEL = levelLine(`${LEVEL_WORDS}|${STEP_WORDS}`, ":");
/** An outline's number, a level's name and its title after a dash or a colon: "1.1.1 Obiettivo operativo – …", "2 AREA STRATEGICA: …". */
const LEVEL_HEADING_LINE = levelLine(LEVEL_WORDS, "(?::|\\s[–—-])\\s*\\S");
/** The same, or a numbered step's line ("1.1.1.1 Azione: …"): a printed line opening with it opens a block. */
const NUMBERED_LEVEL_LINE = levelLine(`${LEVEL_WORDS}|${STEP_WORDS}`, "(?::|\\s[–—-])\\s*\\S");

/** A line of prose closing on a word broken by a hyphen ("rea-", or a soft hyphen). */
const BROKEN_WORD_END_RE = /\p{L}[-\u00ad]$/u;
const LOWER_START_RE = /^\p{Ll}/u;

/**
 * Lines of a text export that break a word at their end ("… e rea-" over "lizzazione della piattaforma"):
 * two paragraphs on consecutive lines, the second going on in lower case, are one, the word whole.
 */
function joinWrappedWords(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const a = out[out.length - 1];
    if (
      a?.type === "paragraph" &&
      b.type === "paragraph" &&
      BROKEN_WORD_END_RE.test(a.text) &&
      LOWER_START_RE.test(b.text) &&
      a.rows[a.rows.length - 1]!.page === b.rows[0]!.page &&
      a.rows[a.rows.length - 1]!.line + 1 === b.rows[0]!.line
    ) {
      const lines = [...a.lines];
      lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, -1) + b.lines[0]!;
      out[out.length - 1] = { ...a, text: a.text.slice(0, -1) + b.text, lines: [...lines, ...b.lines.slice(1)], rows: [...a.rows, ...b.rows] };
      continue;
    }
    out.push(b);
  }
  return out;
}

// ------------------------------------------------------------------ tables

/** A text line right between table rows as wide as the table (no blank line around it), holding text. */
function spanLineBetween(rows: readonly Row[], j: number, width: number): boolean {
  const next = rows[j + 1];
  const line = rows[j]!;
  const text = cellText(line, 0);
  // (A "Label: value" line is a note on the table, not a row of it.)
  return width >= 3 && next !== undefined && next.kind === "table" && next.cells.length === width && line.cells.length === 1 && text !== "" && !isPageNumber(text) && labelLine(text, true) === null;
}

/**
 * The rows with the line at `j` made a table row spanning `width` cells (its text in the first); or, when the
 * row below goes on in lower case or a bracket ("Entrata in esercizio dell'impianto" over "sulla copertura
 * dell'edificio B | Temporale | …"), the start of that row's first cell, broken by a line break.
 */
function spliceSpan(rows: readonly Row[], j: number, width: number): Row[] {
  const line = rows[j]!;
  const next = rows[j + 1]!;
  const out = rows.slice();
  if (/^[\p{Ll}(]/u.test(next.cells[0]!.text)) {
    out.splice(j, 2, { ...next, line: line.line, cells: [{ ...next.cells[0]!, text: `${line.cells[0]!.text.trim()} ${next.cells[0]!.text}` }, ...next.cells.slice(1)] });
    return out;
  }
  const cells = [line.cells[0]!, ...Array.from({ length: width - 1 }, () => ({ ...line.cells[0]!, text: "" }))];
  out[j] = { ...line, kind: "table", cells };
  return out;
}

/**
 * A cell broken by a line break inside it (a text export of a cell holding
 * two paragraphs): the row stops in that cell, the next line goes on with its
 * words in lower case and the rest of the row. The two lines are one row when
 * their cells add up to the table's width.
 */
function joinBrokenRows(rows: Row[]): Row[] {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const b = rows[i + 1];
    const last = a.cells[a.cells.length - 1]?.text ?? "";
    // (Two such lines alone, a table's row continued on the next page, are wider joined than either: the same.)
    const joined = a.cells.length + (b?.cells.length ?? 0) - 1;
    if (b && b.cells.length >= 2 && (a.cells.length < width ? joined === width : rows.length === 2 && a.cells.length >= 3 && a.cells.length !== b.cells.length && !isHeaderRow(a) && joined > width && !/[.;:]$/.test(last)) && last && /^\p{Ll}/u.test(b.cells[0]!.text)) {
      out.push({ ...a, cells: [...a.cells.slice(0, -1), { ...a.cells[a.cells.length - 1]!, text: `${last} ${b.cells[0]!.text}` }, ...b.cells.slice(1)] });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** A group's subtotal row: "Subtotale Direzione …", "Subtot. Area …", "Totale parziale macroarea A", "Totale Area Tecnica" (not a grand total). */
const SUBTOTAL_RE = /^(?:sub\s?tot|totale\s+parziale\b)|^totale\s+(?!generale\b|complessiv|pesi\b|obiettivi\b|ente\b)\p{L}{3,}/iu;

/**
 * A card's head set out in cells of a text export ("1. ⇥ B-01 ⇥ PRODUZIONE ARTISTICA: …", maybe over a line
 * describing it), right over the card's key rows ("Struttura: ⇥ …"): a line of text (the list number left
 * out, the code and the title) and the description's, as the card prints them, and the rows after them; null
 * for any other run of cells.
 */
function cardOpener(run: readonly Row[]): { head: ParagraphBlock[]; rest: Row[] } | null {
  if (run.length < 2) return null;
  const cells = nonEmpty(run[0]!).map((k) => run[0]!.cells[k]!.text.trim());
  const body = /^\d{1,3}[.)]$/.test(cells[0] ?? "") ? cells.slice(1) : cells;
  if (body.length !== 2 || !isCode(body[0]!) || wordCount(body[1]!) < 2) return null;
  // A line describing it, one text of its own, may follow; then the card's first key row.
  const described = nonEmpty(run[1]!).length === 1 && !/:$/.test(rowText(run[1]!).trim());
  const keyRow = run[described ? 2 : 1];
  const ne = keyRow ? nonEmpty(keyRow) : [];
  if (!keyRow || ne.length !== 2 || !/:$/.test(keyRow.cells[ne[0]!]!.text.trim())) return null;
  const text = `${body[0]} – ${body[1]}`;
  const head = [{ ...paragraphOf([run[0]!]), text, lines: [text] }];
  if (described) head.push(paragraphOf([run[1]!]));
  return { head, rest: run.slice(head.length) };
}

/** A run of table rows → tables, key/value groups and the captions between them. */
function tableRun(run: Row[], out: Block[]): void {
  const rows = run.length > 1 && !run[0]!.bbox ? joinBrokenRows(run) : run;
  // Two cards set side by side in one grid: the left card, then the right one.
  const pair = sideBySide(rows);
  if (pair) {
    for (const half of pair) if (half.length) rowsRun(half, out);
    return;
  }
  const keyed = transposedTable(rows);
  if (keyed) {
    out.push(keyed);
    return;
  }
  // A sheet prints its titles, captions and notes in the grid too (a row of one filled cell): between them, a
  // part of the run may be a transposed table of its own.
  let from = 0;
  for (let a = 0; a < rows.length; ) {
    if (nonEmpty(rows[a]!).length < 2) {
      a++;
      continue;
    }
    let b = a;
    while (b < rows.length && nonEmpty(rows[b]!).length >= 2) b++;
    const part = a > 0 || b < rows.length ? transposedTable(rows.slice(a, b)) : null;
    if (part) {
      if (a > from) rowsRun(rows.slice(from, a), out);
      out.push(part);
      from = b;
    }
    a = b;
  }
  if (from < rows.length) rowsRun(from === 0 ? rows : rows.slice(from), out);
}

/** Rows at least of a side-by-side pair of cards, and the share of them whose two labels are alike. */
const SIDE_MIN_ROWS = 3;
const SIDE_SAME_LABELS = 0.7;

/**
 * Two cards printed side by side ("Codice | PV_01 | | Codice | PV_02", "**Titolo** | … | **Titolo** | …"): each
 * row a label and its value for the left card, then (past an empty column, maybe) the same label and its value
 * for the right one. The rows of each card as rows of two cells, the left card's first; null for any other grid.
 * A row naming the two cards ("Scheda A | | | Scheda B"), or a generic header ("Voce | Scheda | Voce | Scheda"),
 * is no field.
 */
function sideBySide(rows: readonly Row[]): [Row[], Row[]] | null {
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  if (width !== 4 && width !== 5) return null;
  const right = width - 2;
  if (width === 5 && rows.some((r) => cellText(r, 2) !== "")) return null;
  const pairs = rows.filter((r) => cellText(r, 0) !== "" && cellText(r, 1) !== "" && !isGenericHeader({ ...r, cells: r.cells.slice(0, 2) }));
  if (pairs.length < SIDE_MIN_ROWS) return null;
  // Labels on both sides, alike ("Titolo" and "Titolo"), known as fields' labels on most rows.
  const alike = pairs.filter((r) => cellText(r, right) !== "" && normalizeLabel(cellText(r, 0)) === normalizeLabel(cellText(r, right)));
  const known = pairs.filter((r) => matchRole(cellText(r, 0).replace(/\s*[:.]+$/, ""), 0.75) !== null);
  if (alike.length < SIDE_SAME_LABELS * pairs.length || known.length < SIDE_SAME_LABELS * pairs.length) return null;
  // (The right card may be missing on the last grid: an odd number of cards.)
  const halves: [Row[], Row[]] = [[], []];
  for (const r of rows) {
    if (isGenericHeader({ ...r, cells: r.cells.slice(0, 2) })) continue;
    for (const [k, at] of [[0, 0], [1, right]] as const) {
      const label = cellText(r, at);
      const value = cellText(r, at + 1);
      if (label === "" || value === "") continue;
      halves[k].push({ ...r, cells: [r.cells[at]!, r.cells[at + 1]!] });
    }
  }
  return halves;
}

/**
 * The header's labels going on in the line below it: a label's wrapped word in lower case under it
 * ("Obiettivo" over "operativo"), the years under a label spanning them ("Target" over 2026 | 2027 | 2028).
 */
function wrapsHeader(header: Row, r: Row): boolean {
  const ne = nonEmpty(r);
  let years = 0;
  for (const i of ne) {
    const t = r.cells[i]!.text.trim();
    if (YEAR_LABEL.test(t)) years++;
    else if (!((header.cells[i]?.text ?? "") !== "" && /^\p{Ll}/u.test(t) && isShortLabel(t))) return false;
  }
  return years >= 2 && years < ne.length;
}

/**
 * A header's second line under a label spanning columns ("Peso" over "relativo | sul totale"): short bold
 * labels (or two plain ones at least), no value, each under the spanning label or the empty cells right of it.
 */
function underSpan(header: Row, r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length === 0) return false;
  let spanned = false;
  // (Set plain, two sub-heads at least: "valore | unità" under "Valore atteso 2026", an HTML export's <th>.)
  const plainOk = ne.length >= 2;
  for (const i of ne) {
    const c = r.cells[i]!;
    if ((!c.bold && !plainOk) || !isShortLabel(c.text) || /\d/.test(c.text)) return false;
    const above = header.cells[i]?.text ?? "";
    // Under the spanning label itself (its right neighbour empty), or under an empty cell right of a label.
    const spanStart = above !== "" && (header.cells[i + 1]?.text ?? "") === "" && i + 1 < header.cells.length;
    let k = i;
    while (k > 0 && (header.cells[k]?.text ?? "") === "") k--;
    const insideSpan = above === "" && k < i && (header.cells[k]?.text ?? "") !== "";
    if (!spanStart && !insideSpan) return false;
    if (insideSpan) spanned = true;
  }
  return spanned;
}

/** A key/value row's key, normalised (its first filled cell). */
function keyOf(r: Row): string {
  const ne = nonEmpty(r);
  return ne.length ? normalizeLabel(r.cells[ne[0]!]!.text) : "";
}

/** A run of table rows read as captions, label groups and tables with their headers. */
function rowsRun(rows: Row[], out: Block[]): void {
  let i = 0;
  while (i < rows.length) {
    const r = rows[i]!;
    const ne = nonEmpty(r);
    if (ne.length === 0) {
      i++;
      continue;
    }
    const next = rows[i + 1];
    if (ne.length === 1 && next && (isHeaderRow(next) || isWeakHeaderRow(next, rows[i + 2])) && !isLabelRow(r)) {
      // A caption printed as a row of the table, above its header.
      out.push(paragraphOf([r]));
      i++;
      continue;
    }
    if ((isLabelRow(r) && !isHeaderRow(r)) || boldKeyRow(r)) {
      let j = i + 1;
      // A key the group already holds ("Obiettivo" again, the next record stacked under the last) starts the
      // next record's group.
      const keys = new Set([keyOf(r)]);
      while (
        j < rows.length &&
        filledCount(rows[j]!) > 0 &&
        ((isLabelRow(rows[j]!) && !isHeaderRow(rows[j]!)) || boldKeyRow(rows[j]!) || continuesValue(rows[j]!) || shortKeyRow(rows[j]!)) &&
        !(nonEmpty(rows[j]!).length === 2 && keys.has(keyOf(rows[j]!)) && matchRole(keyOf(rows[j]!), 0.9)?.role === "objective")
      ) {
        if (nonEmpty(rows[j]!).length === 2) keys.add(keyOf(rows[j]!));
        j++;
      }
      out.push(labelsFromRows(rows.slice(i, j)));
      i = j;
      continue;
    }
    const header = isHeaderRow(r, !isLabelRow(r)) || isWeakHeaderRow(r, next, rows[i + 2]);
    if (!header) {
      // (One text set in a later column of a row of cells, over rows as wide: a cell's text cut at a page's end,
      // going on at the next page's top, is the table's first row.)
      const cut = ne.length === 1 && ne[0]! > 0 && r.kind === "table" && next?.kind === "table" && next.cells.length === r.cells.length && filledCount(next) > 1;
      if (ne.length === 1 && !cut) {
        const items = cellItems(r);
        if (items) listFrom(items, 0, out);
        else out.push(paragraphOf([r]));
        i++;
        continue;
      }
      // Rows with no header: a table continued from an earlier page, or printed without one.
      let j = i + 1;
      while (j < rows.length && !isHeaderRow(rows[j]!) && !(isLabelRow(rows[j]!) && filledCount(rows[j]!) <= 2)) j++;
      out.push(tableOf([], rows.slice(i, j)));
      i = j;
      continue;
    }
    const headers = [r];
    let j = i + 1;
    while (j < rows.length && headers.length < S.maxHeaderLines && (isHeaderRow(rows[j]!) || isHeaderContinuation(rows[j]!) || underSpan(headers[headers.length - 1]!, rows[j]!) || wrapsHeader(headers[headers.length - 1]!, rows[j]!))) {
      headers.push(rows[j++]!);
    }
    const body: Row[] = [];
    // Inside a table any row of labels starts the next table, unless it
    // repeats this table's own header (page breaks, converters' echoes).
    while (j < rows.length && (!endsData(rows[j]!) || spansBody(rows, j))) {
      const row = rows[j]!;
      // In a text export, a label and its value on a row shorter than the header ("Indicatore | Utenti
      // con PAI" under "Azioni | Termine | Peso azione") are the card's next field, past the table.
      if (!row.bbox && row.cells.length < headers[0]!.cells.length && isLabelRow(row) && filledCount(row) === 2) break;
      // One line right above another header ("Sezione 2.3 – Misure …" over "Misura | Processo | …") is that table's caption.
      if (filledCount(row) === 1 && captionOfNext(rows, j)) break;
      // After the totals row, a line of its own opens what follows the table ("PATRIMONIO GESTITO AL 31/12/2024").
      // (After a group's subtotal, "Subtotale Direzione Tecnica", the next group's row goes on with the table.)
      // So does a label and its value there ("Superficie del comprensorio (ha) | 41.250" under "Totale | … | 100"):
      // the sheet's next table of figures.
      if (
        (filledCount(row) === 1 || (filledCount(row) === 2 && nonEmpty(row).join() === "0,1" && !isCode(row.cells[0]!.text.trim()) && headers[0]!.cells.length > 3)) &&
        body.length > 0 &&
        bodyKind(lastFilled(body)!, headers[0]!.cells.length) === "total" &&
        !SUBTOTAL_RE.test(rowText(lastFilled(body)!).trim()) &&
        // (A total closing a page, the table going on at the next page's top, is a footer printed at each
        // page's foot: the table goes on.)
        !(row.page !== null && lastFilled(body)!.page !== null && row.page > lastFilled(body)!.page!)
      )
        break;
      // Under rows each opened by a code, a row of short labels with none, the rows below it uncoded too ("Posti
      // letto per presidio | Ordinari | Day hospital" under OG-01 … OG-05/A2): the header of the grid's next table.
      if (nextTableHeader(row, nextFilled(rows, j + 1), body)) break;
      if (isHeaderRow(row, true)) {
        if (!repeatsHeader(row, headers)) break;
        j++;
        continue;
      }
      body.push(row);
      j++;
    }
    if (isGenericHeader(headers[0]!) && headers.length === 1) out.push(labelsFromRows(body.length ? body : headers));
    else out.push(tableOf(headers, body));
    i = j;
  }
}

/** The first row from `k` with a filled cell (a few rows on at most). */
function nextFilled(rows: readonly Row[], k: number): Row | undefined {
  for (let i = k; i < rows.length && i < k + 3; i++) if (filledCount(rows[i]!) > 0) return rows[i];
  return undefined;
}

/** A row of short labels, no code opening it, under rows opened by codes and over a row of figures: the next table's header. */
function nextTableHeader(row: Row, next: Row | undefined, body: readonly Row[]): boolean {
  const ne = nonEmpty(row);
  if (ne.length < 2 || ne[0] !== 0 || body.length < 2 || !next) return false;
  if (isCode(cellText(row, 0)) || cellText(next, 0) === "" || isCode(cellText(next, 0))) return false;
  if (!ne.every((i) => wordCount(row.cells[i]!.text) <= 5 && !/\d/.test(row.cells[i]!.text))) return false;
  const coded = body.filter((r) => isCode(cellText(r, 0))).length;
  return coded >= S.codedRowsShare * body.length && nonEmpty(next).some((i) => i > 0 && /^\d[\d.,]*%?$/.test(next.cells[i]!.text.trim()));
}

/**
 * A table whose records are its columns: down its first column, field labels
 * (distinct, naming several fields: `Descrizione`, `Responsabile`, `Peso`,
 * `Scadenza`), across the first row the records' names or codes, and at least
 * two record columns filled. Null for any other run.
 */
function transposedTable(rows: readonly Row[]): TableBlock | null {
  const filled = rows.filter((r) => nonEmpty(r).length > 0);
  if (filled.length < S.transposedMinRows) return null;
  const width = Math.max(...filled.map((r) => r.cells.length));
  if (width < 3) return null;
  const [first, ...rest] = filled;
  // The first row names the records: no field label across it (that would be a header over row records).
  // A label with a number ("Obiettivo 1") names a record, not a field.
  if (first!.cells.slice(1).some((c) => c.text && !/\d/.test(c.text) && matchRole(c.text, 0.9) !== null)) return null;
  const labels = rest.map((r) => r.cells[0]?.text ?? "");
  const roles = new Set<string>();
  let keyed = 0;
  for (const l of labels) {
    const m = l && isShortLabel(l) ? matchRole(l.replace(/\s*:$/, ""), 0.75) : null;
    if (!m) continue;
    keyed++;
    roles.add(m.role);
  }
  if (keyed < S.transposedLabelShare * rest.length || roles.size < S.transposedMinRoles || new Set(labels.map(normalizeLabel)).size < labels.length) return null;
  // Two record columns at least, each holding values down the rows.
  const records = Array.from({ length: width - 1 }, (_, c) => rest.filter((r) => (r.cells[c + 1]?.text ?? "") !== "").length);
  if (records.filter((n) => n >= rest.length / 2).length < 2) return null;
  // The first row names two records at least; and no column right of the labels holds labels in turn (a card
  // printed as pairs of label and value across the row: "Codice | 2.1 | Peso | 40 %").
  if (nonEmpty(first!).length < 3) return null;
  for (let c = 1; c < width; c++) {
    const cells = rest.map((r) => r.cells[c]?.text ?? "").filter(Boolean);
    if (cells.length >= 2 && cells.filter((t) => isShortLabel(t) && matchRole(t.replace(/\s*:$/, ""), 0.9) !== null).length * 2 >= cells.length) return null;
  }
  return { ...tableOf([first!], rest), transposed: true };
}

/**
 * Rows of a text export where long cells wrap: a row whose first cell is
 * empty and whose other cells each go on with text the row above left in the
 * same column (no value of its own under a column of values, fewer cells
 * than the record) holds the rest of the record's cells. Its pieces join the
 * record's, as a reader joins them; a row carrying a value of its own (a
 * step's date, weight or code under a merged objective) stays a row.
 */
function joinWrapped(body: readonly Row[]): Row[] {
  const out: Row[] = [];
  let record: Row | null = null;
  for (const r of body) {
    if (record && continuesRecord(record, r)) {
      const merged: Row = { ...record, cells: record.cells.map((c, k) => ({ ...c, text: joinPieces(c.text, r.cells[k]?.text ?? "") })) };
      out[out.length - 1] = merged;
      record = merged;
      continue;
    }
    out.push(r);
    record = nonEmpty(r).length >= 2 ? r : null;
  }
  return out;
}

function continuesRecord(above: Row, r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length === 0 || ne[0] === 0 || ne.length >= nonEmpty(above).length) return false;
  let lower = false;
  for (const k of ne) {
    const prev = above.cells[k]?.text ?? "";
    const t = r.cells[k]!.text;
    // Under an empty cell, or under a value (a date, a weight, a code), the text is a value of its own.
    if (!prev || !WORDED.has(classify(prev)) || looksLikeValue(prev) || TOTAL_ROW.test(t)) return false;
    // A value ("n. 13", "≥ 80%", "31/12") is one of its own unless the phrase above was left hanging for it.
    const words = wordCount(t);
    if (words <= 3 && (!WORDED.has(classify(t)) || looksLikeValue(t)) && !HANGING.test(prev)) return false;
    // A new record's cell opens with a capital; the rest of a wrapped one goes on in lower case, or with a
    // number going on into words, or where the phrase above was left hanging ("… anteriori al" / "31/12").
    if (/^[\p{Ll}(]/u.test(t) || (/^\d/.test(t) && (words > 3 || HANGING.test(prev)))) lower = true;
  }
  return lower;
}

/** A phrase left hanging at a line's end: an article, a preposition or a conjunction. */
const HANGING = /(?:^|\s)(?:il|lo|la|i|gli|le|l['’]|un|una|di|del|dello|della|dei|degli|delle|da|dal|dalla|dai|a|al|allo|alla|ai|agli|alle|in|nel|nella|nei|con|su|sul|sulla|per|tra|fra|e|ed|o|entro)$/i;

/** Value classes of text that may wrap onto a second line: words, a unit's or a person's name. */
const WORDED = new Set(["text", "unit", "person"]);

/** Two pieces of a wrapped cell: a word broken at a hyphen rejoins, otherwise a space. */
function joinPieces(a: string, b: string): string {
  if (!b) return a;
  if (!a) return b;
  return /\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b) ? a.slice(0, -1) + b : `${a} ${b}`;
}

function tableOf(rawHeader: Row[], rawBodyIn: Row[]): TableBlock {
  const [folded, rawBody0] = foldHeadless(rawHeader, rawBodyIn);
  const side = sideLabel(folded, rawBody0);
  const [header, rawBody] = side ? [folded.map(withoutFirst), rawBody0.map(withoutFirst)] : [folded, rawBody0];
  const body = joinWrapped(rawBody[0] && !rawBody[0].bbox ? (centredGroups(rawBody) ?? rawBody) : withoutRepeatedFooter(rawBody));
  const all = [...header, ...body];
  const width = Math.max(0, ...all.map((r) => r.cells.length));
  const first = all[0]!;
  return {
    type: "table",
    header,
    body: totalsGoOn(body.filter((r) => filledCount(r) > 0).map((row) => ({ row, kind: bodyKind(row, width) }))),
    width,
    caption: side,
    where: spanOf(first),
    rows: all,
  };
}

/**
 * A label set beside a table, left of its rows (a card's "Indicatori" in a cell merged down the rows of its
 * indicators, its header cell empty): the first column holds that one known label and nothing else. It is the
 * table's caption, as it would be printed above it; the columns right of it are the table.
 */
function sideLabel(header: readonly Row[], body: readonly Row[]): string | null {
  if (!header.length || !body.length) return null;
  if (header.some((h) => cellText(h, 0) !== "" || filledCount(h) < 2)) return null;
  const filled = body.filter((r) => cellText(r, 0) !== "");
  if (filled.length !== 1 || !body.every((r) => filledCount(r) - (cellText(r, 0) !== "" ? 1 : 0) >= 1)) return null;
  const label = cellText(filled[0]!, 0).replace(/:$/, "");
  return matchRole(label, 0.9) !== null ? label : null;
}

function withoutFirst(r: Row): Row {
  return { ...r, cells: r.cells.slice(1) };
}

/** A figure, a percentage or a day's date, maybe after a comparator: what a spreadsheet sets right. */
const SET_RIGHT_RE = /^(?:[<>≤≥=]\s*)?(?:\d{1,3}(?:[.\s]\d{3})*(?:,\d+)?|\d+(?:[.,]\d+)?)\s*%?$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;

/**
 * Figures set right under a header set left (a spreadsheet printed without gridlines: "Peso" at the
 * column's left, "40%" at its right) stand clear of their header's text, so a column of them with no
 * header of its own is found beside the headed one. When no row fills both, they are one column: the
 * headless one folds into the headed one on its left.
 */
function foldHeadless(header: Row[], body: Row[]): [Row[], Row[]] {
  if (!header.length || !body.length) return [header, body];
  const width = Math.max(...[...header, ...body].map((r) => r.cells.length));
  const fold: number[] = [];
  for (let c = width - 1; c >= 1; c--) {
    if (header.some((h) => cellText(h, c) !== "") || !header.some((h) => cellText(h, c - 1) !== "")) continue;
    const values = body.map((r) => cellText(r, c)).filter(Boolean);
    if (!values.length || !values.every((v) => SET_RIGHT_RE.test(v))) continue;
    if (body.some((r) => cellText(r, c) !== "" && cellText(r, c - 1) !== "")) continue;
    fold.push(c);
  }
  if (!fold.length) return [header, body];
  const merge = (r: Row): Row => {
    const cells = r.cells.map((x) => ({ ...x }));
    for (const c of fold) {
      if (c >= cells.length) continue;
      if (cellText(r, c) !== "") cells[c - 1] = { ...cells[c]! };
      cells.splice(c, 1);
    }
    return { ...r, cells };
  };
  return [header.map(merge), body.map(merge)];
}

/**
 * A table's footer repeated at the foot of every page it runs over (a browser prints `<tfoot>` so): the
 * table's closing total, printed again as the last row of an earlier page. Those copies go; the rows a
 * copy cut apart then meet again.
 */
function withoutRepeatedFooter(body: Row[]): Row[] {
  const filled = body.filter((r) => filledCount(r) > 0);
  const last = filled[filled.length - 1];
  if (!last || last.page === null || filled.length < 3) return body;
  const width = Math.max(...filled.map((r) => r.cells.length));
  if (bodyKind(last, width) !== "total") return body;
  const texts = (r: Row) => r.cells.map((c) => c.text.trim()).join("\u0000");
  const key = texts(last);
  const drop = new Set<Row>();
  for (let k = 0; k < filled.length - 1; k++) {
    const r = filled[k]!;
    if (texts(r) === key && r.page !== null && filled[k + 1]!.page !== null && filled[k + 1]!.page! > r.page) drop.add(r);
  }
  return drop.size ? body.filter((r) => !drop.has(r)) : body;
}

/** A day's date or a figure: a value no cell wraps. */
const ATOM_RE = /^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|\d{1,3}(?:[.,]\d{1,2})?\s*%?)$/;

/**
 * A fixed-width print of a table whose record cells were merged over the rows of their parts and printed on
 * the group's middle line (pdftotext: "CAL.26.1" on the second of three action lines, the objective's title
 * wrapped over all three), the groups set apart by blank lines. Each group holds its code once; its parts'
 * rows each carry a value no cell wraps (a weight, a deadline) in the same columns. The group read as a
 * reader reads it: the record's cells (the columns left of the parts' text) joined over the group's lines
 * onto its first part's row, each part a row of its own, a part's wrapped text joined to it. Null for any
 * other table.
 */
function centredGroups(body: readonly Row[]): Row[] | null {
  const filled = body.filter((r) => filledCount(r) > 0);
  if (filled.length < 4) return null;
  // Groups: rows on consecutive lines, a blank line between groups.
  const groups: Row[][] = [];
  for (const r of filled) {
    const g = groups[groups.length - 1];
    if (g && r.line === g[g.length - 1]!.line + 1) g.push(r);
    else groups.push([r]);
  }
  if (groups.length < 2 || groups.some((g) => g.filter((r) => cellText(r, 0) !== "").length !== 1)) return null;
  if (groups.filter((g) => g.length >= 2).length < groups.length / 2) return null;
  const width = Math.max(...filled.map((r) => r.cells.length));
  // The parts' columns of values: each filled on two rows of a group at least, in most groups, with atoms only.
  const atoms: number[] = [];
  for (let c = 1; c < width; c++) {
    const values = filled.map((r) => cellText(r, c)).filter(Boolean);
    if (!values.length || !values.every((v) => ATOM_RE.test(v))) continue;
    if (groups.filter((g) => g.filter((r) => cellText(r, c) !== "").length >= 2).length >= groups.length / 2) atoms.push(c);
  }
  if (!atoms.length) return null;
  // The parts' text: the columns left of the first column of values that every part's row fills; the
  // record's cells: those left of them.
  const partRows = filled.filter((r) => atoms.some((c) => cellText(r, c) !== ""));
  let partText = atoms[0]! - 1;
  while (partText > 1 && partRows.every((r) => cellText(r, partText - 1) !== "")) partText--;
  if (partText <= 1) return null;
  // Centred: in most groups the record's text begins on a line above its code (a row opened by its code,
  // its merged cells left blank below, is the ordinary table, read as printed).
  const centred = groups.filter((g) => {
    const k = g.findIndex((r) => cellText(r, 0) !== "");
    return k > 0 && g.slice(0, k).some((r) => r.cells.slice(1, partText).some((c) => c.text.trim() !== ""));
  });
  if (centred.length * 2 < groups.length) return null;
  const out: Row[] = [];
  for (const g of groups) {
    const parts: Row[] = [];
    for (const r of g) {
      const starts = atoms.some((c) => cellText(r, c) !== "");
      if (starts || parts.length === 0) parts.push({ ...r, cells: r.cells.map((c, k) => (k < partText ? { text: "" } : { ...c })) });
      else {
        // A part's text wrapped onto the next line: joined to it.
        const last = parts[parts.length - 1]!;
        for (let c = partText; c < width; c++) {
          const t = cellText(r, c);
          if (!t) continue;
          const cell = last.cells[c] ?? { text: "" };
          last.cells[c] = { ...cell, text: cell.text ? `${cell.text} ${t}` : t };
        }
      }
    }
    // The record's cells, each column's lines joined in order, onto the first part's row.
    const first = parts[0]!;
    for (let c = 0; c < partText; c++) {
      const t = g.map((r) => cellText(r, c)).filter(Boolean).join(" ");
      if (t) first.cells[c] = { ...(g.find((r) => cellText(r, c))!.cells[c]!), text: t };
    }
    out.push(...parts);
  }
  return out;
}

/** A sum printed over two rows ("Totale" over each weight column, the sums on the row below): both are totals. */
function totalsGoOn(rows: TableRow[]): TableRow[] {
  for (let k = 1; k < rows.length; k++) {
    const r = rows[k]!;
    if (r.kind === "data" && rows[k - 1]!.kind === "total" && nonEmpty(r.row).every((i) => NUMBERISH.test(r.row.cells[i]!.text.trim()))) r.kind = "total";
  }
  return rows;
}

/** A sum's value: a number or a percentage. */
const NUMBERISH = /^\d[\d.,]*\s*%?$/;
/** "Direttore di dipartimento: Dott. …", "Responsabile: …": an owner's label and a name after its colon. */
function headOfUnit(t: string): boolean {
  const m = /^([^:]{2,40}):\s*(\S.*)$/u.exec(t.trim());
  return m !== null && matchRole(m[1]!, 0.7)?.role === "owner" && classify(m[2]!) !== "date" && !/\d/.test(m[2]!);
}

/** A count's label: "N. obiettivi", "Numero obiettivi", "N° fasi". */
const COUNT_LABEL = /^(?:n\.|n°|nr\.?|numero)\s*\p{L}[\p{L}'’ ]*$/iu;

/** A cell's label before a colon and a figure ("Totale pesi: 100" → "Totale pesi"), or the cell. */
function labelOf(t: string): string {
  const m = /^(.*?):\s*(\S.*)$/u.exec(t.trim());
  return m && NUMBERISH.test(m[2]!) ? m[1]! : t.trim();
}

/** A cell of a footer of sums: a figure, a sum's or a count's label, or either with its figure after a colon. */
function sumCell(t: string): boolean {
  const label = labelOf(t);
  return NUMBERISH.test(t.trim()) || TOTAL_ROW.test(label) || COUNT_LABEL.test(label.replace(/:$/, ""));
}

function bodyKind(r: Row, width: number): TableRow["kind"] {
  const ne = nonEmpty(r);
  const first = r.cells[ne[0]!]!.text;
  // ("Totale" over each of several columns counts as one sum row too.)
  if (TOTAL_ROW.test(first) && ne.slice(1).every((i) => looksLikeValue(r.cells[i]!.text) || TOTAL_ROW.test(r.cells[i]!.text))) return "total";
  // A group's footer of sums and counts, each label with its figure ("Totale pesi struttura: 100 | Numero
  // obiettivi: 3", "N. obiettivi: 3 | Totale peso dipartimento: | 35,00 %"), wherever its cells fall.
  if (ne.some((i) => TOTAL_ROW.test(labelOf(r.cells[i]!.text))) && ne.every((i) => sumCell(r.cells[i]!.text))) return "total";
  // One text across the table, not a wrapped line (those open in lower case).
  if (ne.length === 1 && width >= S.spanMinWidth && !/^\p{Ll}/u.test(first)) return "span";
  // A group's line across the table: a unit's name, then its head's label and name ("DIPARTIMENTO DI
  // PREVENZIONE | Direttore di dipartimento: Dott. Ettore Balzani"), whatever columns the two fall in.
  if (ne.length === 2 && width >= S.spanMinWidth && classify(first) === "unit" && headOfUnit(r.cells[ne[1]!]!.text)) return "span";
  return "data";
}

/**
 * Inside a run of label rows, a row of two cells whose first is label-sized
 * ("V. ATTESO | n. 16", an abbreviation the vocabulary knows less surely) goes on with the card.
 */
function shortKeyRow(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length !== 2) return false;
  const key = r.cells[ne[0]!]!.text;
  if (!isShortLabel(key) || wordCount(key) > 4 || matchRole(key, 0.7) === null) return false;
  // (A state's word as the value, "Stato obiettivo | Raggiunto", reads as two labels, but is a key and its value.)
  return !isHeaderRow(r) || classify(r.cells[ne[1]!]!.text) === "status";
}

/** "**Vista** | DUP 2023-2025": a short bold key and its plain value, whatever the key's words. */
function boldKeyRow(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length !== 2) return false;
  const key = r.cells[ne[0]!]!;
  return key.bold === true && r.cells[ne[1]!]!.bold !== true && isShortLabel(key.text) && wordCount(key.text) <= 5;
}

/** A card row holding only more text for the value above it: the label cell empty, one value cell, no label in it. */
function continuesValue(r: Row): boolean {
  const ne = nonEmpty(r);
  if (ne.length !== 1 || ne[0] === 0) return false;
  const t = r.cells[ne[0]!]!.text;
  return matchRole(t, 0.9) === null && matchLabelPrefix(t) === null;
}

/**
 * A row holding one text inside a table's body, the table's rows going on
 * under it: a group label spanning the table (`SETTORE 2 – LAVORI PUBBLICI
 * (Resp. …)`), though it reads as a label with its value.
 */
/** The last row holding some text. */
function lastFilled(rows: readonly Row[]): Row | undefined {
  for (let k = rows.length - 1; k >= 0; k--) if (filledCount(rows[k]!) > 0) return rows[k];
  return undefined;
}

/** The next filled row after `j`, past blank ones, is a table's header. */
function captionOfNext(rows: readonly Row[], j: number): boolean {
  let k = j + 1;
  while (k < rows.length && filledCount(rows[k]!) === 0) k++;
  const next = rows[k];
  return next !== undefined && filledCount(next) >= 2 && isHeaderRow(next);
}

function spansBody(rows: readonly Row[], j: number): boolean {
  if (filledCount(rows[j]!) !== 1) return false;
  const next = rows[j + 1];
  return next !== undefined && filledCount(next) >= 2 && !isHeaderRow(next) && !isLabelRow(next);
}

/** A card row after data: the next objective's card, or a lone "Label value" cell. */
function endsData(r: Row): boolean {
  if (!isLabelRow(r)) return false;
  const ne = nonEmpty(r);
  if (ne.length === 1) return true;
  const first = r.cells[ne[0]!]?.text ?? "";
  const full = matchRole(first, 0.9);
  if (full) return full.role === "objective" || full.role === "unit" || full.role === "owner";
  const fused = matchLabelPrefix(first);
  return fused !== null && fused.role === "objective" && /^\S*\d/.test(fused.rest);
}

/**
 * A label's item, and those of the known labels with their colons inside its value ("30,00 Scadenza: 31/08/2026
 * Stato: A", "Atti digitalizzati Target: >= 18.000": fields a report sets on one line, or a tab stop away in a
 * column no other row has): each a field of its own.
 */
function pushFields(items: LabelItem[], label: string, value: string, cell: Cell, r: Row): void {
  // (A year closing the label set past the cell's edge, "Target | 2026: 9": the label's.)
  const year = /^((?:19|20)\d\d)\s*:\s*(\S.*)$/.exec(value);
  if (year && !/\d/.test(label)) [label, value] = [`${label} ${year[1]}`, year[2]!];
  const parts = value.includes(":") ? inlineLabels(value, true) : null;
  if (parts && parts[0]!.value) {
    for (const part of parts) items.push({ label: part.label || label, value: part.value, cell, where: spanOf(r), row: r });
    return;
  }
  const closing = closingField(value);
  if (closing) {
    items.push({ label, value: closing.value, cell, where: spanOf(r), row: r }, { label: closing.field.label, value: closing.field.value, cell, where: spanOf(r), row: r });
    return;
  }
  items.push({ label, value, cell, where: spanOf(r), row: r });
}

/**
 * Key/value rows → label items. A row may hold several pairs (`Label | value |
 * Label | value`), a label fused with its value (`RESPONSABILE Mario Rossi`),
 * or only more text for the value above it.
 */
function labelsFromRows(rows: Row[]): LabelsBlock {
  const items: LabelItem[] = [];
  for (const r of rows) {
    const ne = nonEmpty(r);
    if (ne.length === 0) continue;
    const last = items[items.length - 1];
    if (last && continuesValue(r)) {
      const c = r.cells[ne[0]!]!;
      last.value = last.value ? `${last.value} ${c.text}` : c.text;
      continue;
    }
    let pending: { label: string; cell: Cell }[] = [];
    // Every cell a "Label: value" of its own: one item a cell.
    if (ne.length >= 2 && ne.every((i) => labelLine(r.cells[i]!.text) !== null)) {
      for (const i of ne) {
        // A cell may hold several ("Responsabile: … – termine: 30/11/2026").
        const parts = inlineLabels(r.cells[i]!.text) ?? [labelLine(r.cells[i]!.text)!];
        for (const part of parts) items.push({ label: part.label, value: part.value, cell: r.cells[i]!, where: spanOf(r), row: r });
      }
      continue;
    }
    // Labels and figures taking turns ("Codice | CCMV-OP-01 | Anno di riferimento | 2026"): a pair each.
    if (ne.length >= 4 && ne.length % 2 === 0 && labelsOverFigures(r, ne)) {
      for (let k = 0; k < ne.length; k += 2) items.push({ label: dropColon(r.cells[ne[k]!]!.text), value: r.cells[ne[k + 1]!]!.text, cell: r.cells[ne[k + 1]!]!, where: spanOf(r), row: r });
      continue;
    }
    // Two cells, the first label-sized: a key and its value, whatever the key's words.
    if (ne.length === 2 && (shortKeyRow(r) || boldKeyRow(r)) && !isFusedValue(r.cells[ne[0]!]!.text)) {
      const key = r.cells[ne[0]!]!;
      const value = r.cells[ne[1]!]!;
      pushFields(items, dropColon(key.text), value.text, value, r);
      continue;
    }
    for (const i of ne) {
      const c = r.cells[i]!;
      const text = c.text;
      const asLabel = dropColon(text);
      const isLabel =
        (pending.length === 0 || !/\d/.test(text.replace(/\b(19|20)\d\d\b/g, ""))) &&
        !isFusedValue(text) &&
        (matchRole(asLabel, 0.9) !== null || (text.endsWith(":") && isShortLabel(asLabel)));
      if (isLabel && (i !== ne[ne.length - 1] || pending.length === 0 || text.endsWith(":"))) {
        pending.push({ label: asLabel, cell: c });
        continue;
      }
      if (pending.length === 0) {
        // A cell of several labelled fields ("Responsabile: … – Struttura: …"): each its item.
        const several = inlineLabels(text);
        if (several) {
          for (const part of several) items.push({ label: part.label, value: part.value, cell: c, where: spanOf(r), row: r });
          continue;
        }
        const fused = matchLabelPrefix(text);
        if (fused && fused.rest) {
          const label = text.slice(0, text.length - fused.rest.length).trim().replace(/[:\s]+$/, "");
          items.push({ label, value: fused.rest, cell: c, where: spanOf(r), row: r });
          // "OBIETTIVO 2.4 | Titolo": the label carrying a code carries the next cell too (the title).
          if ((fused.role === "objective" || fused.role === "code") && isCode(fused.rest)) pending.push({ label, cell: c });
        } else if (items.length === 0 || i === ne[0]) {
          // A first cell no label names: its own item, the label left empty.
          items.push({ label: "", value: text, cell: c, where: spanOf(r), row: r });
        } else {
          // (A cell that is a label and its value, "Tipo obiettivo: Esecutivo" beside "Codice: | FS.01.01": a field of its own.)
          const own = labelLine(text);
          if (own && own.value) {
            items.push({ label: own.label, value: own.value, cell: c, where: spanOf(r), row: r });
            continue;
          }
          const prev = items[items.length - 1]!;
          prev.value = prev.value ? `${prev.value} ${text}` : text;
        }
        continue;
      }
      if (pending.length === 1) pushFields(items, pending[0]!.label, text, c, r);
      else for (const p of pending) items.push({ label: p.label, value: text, cell: c, where: spanOf(r), row: r });
      pending = [];
    }
    for (const p of pending) items.push({ label: p.label, value: "", cell: null, where: spanOf(r), row: r });
  }
  return { type: "labels", items, form: "table", where: spanOf(rows[0]!), rows };
}

// ------------------------------------------------------------------ prose

interface TextLine {
  row: Row;
  text: string;
  bold: boolean;
}

function textOf(r: Row): TextLine {
  return { row: r, text: rowText(r), bold: r.cells.length > 0 && r.cells.every((c) => c.bold === true || c.text === "") };
}

/** The next non-blank row at or after `i`, with its index. */
function nextLine(rows: readonly Row[], i: number): number {
  while (i < rows.length && rows[i]!.kind === "blank") i++;
  return i;
}

/** The next line is a bold one numbered in outline under this line's number ("2." over "2.1 …"). */
function outlineBelow(rows: readonly Row[], i: number): boolean {
  const k = nextLine(rows, i + 1);
  const next = rows[k];
  const here = formOf(rows[i]!).marker?.ordinal ?? "";
  const below = next && next.kind === "text" ? formOf(next).marker?.ordinal ?? "" : "";
  return next !== undefined && textOf(next).bold && OUTLINE_ORDINAL.test(below) && below.startsWith(`${here}.`);
}

/** An ordinal of several levels: "2.1", "2.1.2". */
const OUTLINE_ORDINAL = /^\d{1,2}(?:\.\d{1,2})+$/;

/** Reads the text row at `i` (and the rows it takes with it) into `out`; returns the next index. */
function textLine(rows: readonly Row[], i: number, out: Block[]): number {
  const line = textOf(rows[i]!);
  const r = line.row;
  if (!line.text) return i + 1;
  if (r.heading !== undefined) {
    const asLabel = headingLabel(line.text);
    if (asLabel) {
      const [value, j] = valueBelow(rows, i + 1, asLabel);
      // (A date's heading over a sentence, "Cronoprogramma 2026" over "Ogni attività riporta …", heads a section.)
      const dated = DATE_LABEL_ROLES.has(matchRole(asLabel, 0.7)?.role ?? null);
      if (value && !(dated && !looksLikeDate(value) && !/\d/.test(value))) {
        addLabels(out, [item(asLabel, value, r)], rows, i, j - 1);
        return j;
      }
    }
    out.push(headingOf([r], r.heading, line.text, line.bold));
    return i + 1;
  }
  const form = formOf(r);
  const marker = form.marker;
  // A bold line numbered in outline ("2.1.2 Centrale unica di committenza …": a number of several levels), short
  // of a sentence, is a heading, its number read with it (a word processor's numbered heading); on a page, so is
  // a bold line of one number over one ("2. Obiettivi di performance" over "2.1 Obiettivi dell'Area …").
  const outlined = OUTLINE_ORDINAL.test(marker?.ordinal ?? "") || (r.bbox !== undefined && /^\d{1,2}$/.test(marker?.ordinal ?? "") && outlineBelow(rows, i));
  if (marker && line.bold && outlined && wordCount(line.text) <= S.headingMaxWords && !/[.;:,]$/.test(line.text)) {
    out.push(headingOf([r], S.boldHeadingLevel, line.text, true));
    return i + 1;
  }
  // (A bulleted "Label: value" among label lines is one more, its label unknown or misspelt: "- Tragte: ≥ 95%";
  // a numbered one opens a record: "2. Contrasto alla povertà: progetti …".)
  if (marker && !labelLine(marker.text, marker.ordinal === null && lenientAt(rows, i))) return listFrom(rows, i, out);
  // Lines set in under a line of fields, none marked ("Titolo – Settore – resp. … – Peso 30%" over "⇥Attività –
  // Scad. 31/03/2026"): an outline, read as a list nested by indentation.
  if (!marker && outlineAt(rows, i)) return outlineFrom(rows, i, out);
  const inline = form.inline;
  if (inline) {
    addLabels(out, inline.map((p) => item(p.label, p.value, r)), rows, i, i);
    return i + 1;
  }
  // An outline's number before a level's name ("1.1.1 Obiettivo operativo: …", "1.1.1.1 Azione: …") makes the
  // line the level's heading, no field (its number read with it, parse/recognisers/cards.ts).
  const strippedBullet = marker && !(marker.ordinal !== null && (marker.style === "num-dot" || marker.style === "dotted") && NUMBERED_LEVEL.test(line.text)) ? marker.text : line.text;
  const ll = labelLine(strippedBullet, lenientAt(rows, i));
  if (ll) {
    let value = ll.value;
    let j = i + 1;
    // A label closing the line ("Obiettivo:") has its value on the lines below.
    if (!value) [value, j] = valueBelow(rows, i + 1, ll.label);
    // A value wrapped onto the lines below, set in under it and going on in lower case ("Titolo: Digitalizzazione
    // delle autorizzazioni per le" over "  imprese portuali ex art. 16"): the same value.
    else
      while (
        j < rows.length &&
        rows[j]!.kind === "text" &&
        rows[j]!.heading === undefined &&
        (rows[j]!.indent ?? 0) > (r.indent ?? 0) &&
        !formOf(rows[j]!).marker &&
        !formOf(rows[j]!).label &&
        /^\p{Ll}/u.test(rowText(rows[j]!))
      )
        value += " " + rowText(rows[j++]!);
    addLabels(out, [item(ll.label, value, r)], rows, i, j - 1);
    return j;
  }
  const bare = form.bare;
  if (bare && !outlineAt(rows, nextLine(rows, i + 1))) {
    const [value, j] = valueBelow(rows, i + 1, bare);
    if (value) {
      addLabels(out, [item(bare, value, r)], rows, i, j - 1);
      return j;
    }
  }
  // A paragraph: lines joined where the source marked a hard break inside it,
  // up to a line opening with a label (label lines broken by hard breaks).
  const taken = [r];
  let j = i;
  while (
    rows[j]!.continues &&
    j + 1 < rows.length &&
    rows[j + 1]!.kind === "text" &&
    rows[j + 1]!.heading === undefined &&
    formOf(rows[j + 1]!).label === null &&
    !NUMBERED_LEVEL_LINE.test(rowText(rows[j + 1]!)) &&
    // (A bold line over a plain one, "**OB.1 – Titolo**" over its fields' line, is a heading over text, not one paragraph.)
    allBold(rows[j]!) === allBold(rows[j + 1]!)
  )
    taken.push(rows[++j]!);
  const para = paragraphOf(taken);
  // A bold line (or bold lines joined by hard breaks) short of a sentence is a heading.
  if (para.bold && wordCount(para.text) <= S.headingMaxWords && !/[.;:,]$/.test(para.text)) out.push(headingOf(taken, S.boldHeadingLevel, para.text, true));
  else out.push(para);
  return j + 1;
}

function item(label: string, value: string, r: Row): LabelItem {
  return { label, value, cell: r.cells.find((c) => c.text !== "") ?? null, where: spanOf(r), row: r };
}

/** A label-shaped line among label lines counts as a label even when the vocabulary does not know it. */
function lenientAt(rows: readonly Row[], i: number): boolean {
  const near = (k: number) => k >= 0 && k < rows.length && rows[k]!.kind === "text" && formOf(rows[k]!).label !== null;
  // (A line wholly in capitals, "CENTRALE UNICA DI COMMITTENZA: TEMPI PIÙ BREVI", is a title so printed, its
  // colon the title's: no unknown label beside the card's labels.)
  if (rows[i] && isCapitals(rowText(rows[i]!))) return false;
  return near(i - 1) || near(i + 1);
}

/** The value of a label standing alone: the next paragraph, or (descriptions) every paragraph up to the next label. */
function valueBelow(rows: readonly Row[], from: number, label: string): [string, number] {
  const role = matchRole(label, 0.7)?.role ?? null;
  const long = LONG_VALUE_ROLES.has(role);
  const parts: string[] = [];
  let j = from;
  for (;;) {
    const k = nextLine(rows, j);
    if (k >= rows.length) break;
    // One paragraph: its lines joined where the source marked a hard break.
    let e = k;
    while (rows[e]!.continues && e + 1 < rows.length && rows[e + 1]!.kind === "text") e++;
    const para = rows.slice(k, e + 1);
    const r = para[0]!;
    if (r.kind !== "text" || r.heading !== undefined) break;
    const t = rowText(r);
    const f = formOf(r);
    if (!t || f.marker || f.label || f.bare || f.inline) break;
    const text = para.map(rowText).join(" ");
    // A bold line, or a line ending with a code (a card's head repeated after a page break), starts something else.
    const code = codeAtEnd(text);
    if ((parts.length > 0 && para.every((x) => x.cells.every((c) => c.bold === true || c.text === ""))) || (code && code !== text)) break;
    parts.push(text);
    j = e + 1;
    if (!long) break;
  }
  return [parts.join(" "), j];
}

/** Label items join the label group just before them when nothing but blank lines lies between. */
function addLabels(out: Block[], items: LabelItem[], rows: readonly Row[], firstRow: number, lastRow: number): void {
  const prev = out[out.length - 1];
  const taken = rows.slice(firstRow, lastRow + 1).filter((r) => r.kind !== "blank");
  // A label the group already holds starts the next record's group ("Obiettivo: …" again).
  // (Asked only of a group of label lines, and of labelled items, without a set of the group's labels built each time.)
  const holds = (group: LabelsBlock, label: string) => {
    const k = normalizeLabel(label);
    return group.items.some((x) => normalizeLabel(x.label) === k);
  };
  // So does an objective's label with its number ("Obiettivo 2: …"): the number opens a record of its own.
  const numbered = (label: string) => /\d/.test(label) && matchRole(label, 0.7)?.role === "objective";
  if (prev?.type === "labels" && prev.form === "lines" && !items.some((it) => it.label && (holds(prev, it.label) || numbered(it.label)))) {
    prev.items.push(...items);
    prev.rows.push(...taken);
    return;
  }
  out.push({ type: "labels", items, form: "lines", where: items[0]!.where, rows: taken });
}

/**
 * A list: items from `i` on, across blank lines while markers follow; a line
 * with no marker right under an item (no blank between) continues the item.
 * Nesting comes from the indent, or from a marker of another kind under an item.
 */
function listFrom(rows: readonly Row[], i: number, out: Block[]): number {
  const items: ListItem[] = [];
  const taken: Row[] = [];
  const styles: { style: Marker["style"]; marker: string; width: number }[] = [];
  let j = i;
  for (;;) {
    const r = rows[j]!;
    const text = rowText(r);
    const lm = formOf(r).marker;
    // The marker's column: the line's indent, then the marker itself.
    const m = lm ? { ...lm, width: lm.width + (r.indent ?? 0) } : null;
    if (!m || r.heading !== undefined) break;
    // A numbered level's heading set as a list item ("1.1.1 Obiettivo operativo – …", bold or larger lost in print)
    // is a line of its own: it ends the list (or is read alone).
    if (LEVEL_HEADING_LINE.test(text)) {
      if (items.length === 0) {
        out.push(paragraphOf([r]));
        return j + 1;
      }
      break;
    }
    // An outline number of fewer parts than the list's first ("3.2" after "3.1.1 … 3.1.3") is a level above the list: it ends it.
    if (items.length && m.style === "dotted" && items[0]!.marker.split(".").length > m.marker.split(".").length && /^\d/.test(items[0]!.marker)) break;
    // Depth: back to the level this marker style was seen at, or one deeper than the last item;
    // a number going on from the last item's ("1." then "2)") stays at its level whatever its punctuation.
    const last = items[items.length - 1];
    const goesOn = last !== undefined && m.ordinal !== null && last.ordinal !== null && /^\d+$/.test(m.ordinal) && Number(m.ordinal) === Number(last.ordinal) + 1;
    // (So does an outline's number going on from an earlier item's, "2.2.2" after "2.2.1" and its phases.)
    const sibling = m.style === "dotted" && m.ordinal !== null ? [...items].reverse().find((x) => x.ordinal !== null && nextInOutline(x.ordinal, m.ordinal!)) : undefined;
    let depth = goesOn ? last.depth : sibling ? sibling.depth : styles.findIndex((s) => s.style === m.style && s.marker === (m.style === "bullet" ? m.marker : s.marker) && Math.abs(s.width - m.width) <= 1);
    if (depth < 0) {
      depth = styles.length;
      if (items.length === 0) depth = 0;
      styles.splice(depth, styles.length, { style: m.style, marker: m.marker, width: m.width });
    } else styles.splice(depth + 1);
    const it: ListItem = { marker: m.marker, ordinal: m.ordinal, depth, text: m.text, cell: r.cells[0] ?? null, where: spanOf(r), row: r };
    items.push(it);
    taken.push(r);
    j++;
    // Wrapped lines of the item: they go on in lower case.
    while (j < rows.length && rows[j]!.kind === "text" && rows[j]!.heading === undefined && !formOf(rows[j]!).marker && /^\p{Ll}/u.test(formOf(rows[j]!).text)) {
      const t = rowText(rows[j]!);
      if (formOf(rows[j]!).label || (rows[j]!.cells.every((c) => c.bold) && !/^\p{Ll}/u.test(t))) break;
      it.text += " " + t;
      taken.push(rows[j]!);
      j++;
    }
    // A field's line set in under the item, no marker of its own ("indicatore: … – valore atteso: …" under an
    // objective's phases): an item nested one level under it.
    while (j < rows.length && rows[j]!.kind === "text" && rows[j]!.heading === undefined && !formOf(rows[j]!).marker && formOf(rows[j]!).label && (rows[j]!.indent ?? 0) > (r.indent ?? 0)) {
      items.push({ marker: "", ordinal: null, depth: depth + 1, text: rowText(rows[j]!), cell: rows[j]!.cells[0] ?? null, where: spanOf(rows[j]!), row: rows[j]! });
      taken.push(rows[j]!);
      j++;
    }
    const k = nextLine(rows, j);
    if (k >= rows.length || rows[k]!.kind !== "text") break;
    const nm = formOf(rows[k]!).marker;
    // Across a blank line only an item of a style already in the list goes on with it, or one set
    // deeper than the last item (a nested list, which HTML exports set off with blank lines).
    const deeper = (rows[k]!.indent ?? 0) > (items[items.length - 1]!.row.indent ?? 0);
    if (!nm || (k > j && !styles.some((s) => s.style === nm.style) && !deeper)) break;
    j = k;
  }
  const records = recordList(items);
  if (records) out.push(...records);
  else out.push({ type: "list", items, where: items[0]!.where, rows: taken } satisfies ListBlock);
  return j;
}

/** `b` follows `a` in an outline: the same parent's number, its last part one more ("2.2.1" → "2.2.2"). */
function nextInOutline(a: string, b: string): boolean {
  const pa = a.replace(/\.$/, "").split("."),
    pb = b.replace(/\.$/, "").split(".");
  if (pa.length !== pb.length || pa.length < 2) return false;
  return pa.slice(0, -1).join(".") === pb.slice(0, -1).join(".") && Number(pb[pb.length - 1]) === Number(pa[pa.length - 1]) + 1;
}

/**
 * A row's one cell holding a list, an item a paragraph ("1. …", "2. …" each on lines of its own, an
 * `<ol>` in a cell spanning the table): the items as lines of text, for the list reader. Null unless
 * the cell holds two items at least and nothing else.
 */
function cellItems(r: Row): Row[] | null {
  const cell = r.cells[nonEmpty(r)[0]!]!;
  const paras = cell.paras;
  if (!paras || paras.length < 2 || !paras.every((p) => listMarker(p) !== null)) return null;
  return paras.map((text) => ({ ...r, kind: "text" as const, cells: [{ ...cell, text, paras: undefined }], marker: undefined }));
}

/** Roles whose value is a date. */
const DATE_LABEL_ROLES = new Set<string | null>(["start", "due", "actualStart", "actualEnd"]);

/** Pieces of a line parted by spaced dashes ("Titolo – Settore Tecnico – Pes. 30%"). */
const SPACED_DASH = /\s[–—-]\s/g;
const dashPieces = (t: string) => (t.includes(" ") ? (t.match(SPACED_DASH)?.length ?? 0) + 1 : 1);
/** A top line of an outline has three pieces at least, a line set in under it two. */
const OUTLINE_TOP_PIECES = 3;
const OUTLINE_CHILD_PIECES = 2;

function outlineLine(r: Row | undefined, minPieces: number): boolean {
  if (!r || r.kind !== "text" || r.heading !== undefined || r.cells.length !== 1) return false;
  const f = formOf(r);
  return !f.marker && dashPieces(f.text) >= minPieces;
}

/** An outline opens at `i`: a line of fields at the margin, the next line a line of fields set in under it. */
function outlineAt(rows: readonly Row[], i: number): boolean {
  const r = rows[i];
  if (!outlineLine(r, OUTLINE_TOP_PIECES)) return false;
  // (Blank lines may part them: an HTML export sets every paragraph apart.)
  const c = rows[nextLine(rows, i + 1)];
  return outlineLine(c, OUTLINE_CHILD_PIECES) && (c!.indent ?? 0) > (r!.indent ?? 0);
}

/** The outline at `i` as one list: each line at the margin an item, the lines set in under it its nested items. */
function outlineFrom(rows: readonly Row[], i: number, out: Block[]): number {
  const base = rows[i]!.indent ?? 0;
  const items: ListItem[] = [];
  const taken: Row[] = [];
  const add = (r: Row, depth: number) => {
    items.push({ marker: "", ordinal: null, depth, text: rowText(r), cell: r.cells[0] ?? null, where: spanOf(r), row: r });
    taken.push(r);
  };
  let j = i;
  while (j < rows.length && outlineAt(rows, j) && (rows[j]!.indent ?? 0) === base) {
    add(rows[j]!, 0);
    j++;
    for (let k = nextLine(rows, j); k < rows.length && outlineLine(rows[k], 1) && (rows[k]!.indent ?? 0) > base; k = nextLine(rows, j)) {
      add(rows[k]!, 1);
      j = k + 1;
    }
    // Across blank lines, the next top line goes on with the outline.
    const k = nextLine(rows, j);
    if (k < rows.length && outlineAt(rows, k) && (rows[k]!.indent ?? 0) === base) j = k;
  }
  out.push({ type: "list", items, where: items[0]!.where, rows: taken } satisfies ListBlock);
  return j;
}

/**
 * A list of records, each item over its fields and its steps ("1. UV-01 – Titolo" over "- Responsabile: …",
 * "- Peso: 30", "- Fasi:" over "- F1 … – entro …"): as the same record set as lines reads, the item alone,
 * its fields a label group, its steps a list of their own. Only when an item holds a steps' label with the
 * steps nested under it; items with fields only (steps with their weight and owner) stay one list.
 */
function recordList(items: readonly ListItem[]): Block[] | null {
  const stepsUnder = (k: number) => {
    const it = items[k]!;
    if (it.depth !== 1 || (items[k + 1]?.depth ?? 0) < 2) return false;
    // "Fasi:" or a steps' word alone ("Attività", "Azioni") over the nested items.
    const ll = labelLine(it.text);
    const label = ll !== null ? (ll.value === "" ? ll.label : null) : wordCount(it.text) <= 3 ? it.text.replace(/[:.]\s*$/, "") : null;
    return label !== null && matchRole(label, 0.9)?.role === "step";
  };
  if (!items.some((_, k) => stepsUnder(k))) return null;
  const out: Block[] = [];
  for (let k = 0; k < items.length; ) {
    const top = items[k]!;
    out.push({ type: "list", items: [{ ...top, depth: 0 }], where: top.where, rows: [top.row] });
    k++;
    const fields: LabelItem[] = [];
    const fieldRows: Row[] = [];
    while (k < items.length && items[k]!.depth > top.depth) {
      const it = items[k]!;
      const ll = it.depth === top.depth + 1 ? labelLine(it.text) : null;
      // (A steps' label with a value of its own is no head of nested steps: stepsUnder says no.)
      if (it.depth === top.depth + 1 && stepsUnder(k)) {
        if (fields.length) out.push({ type: "labels", items: fields.splice(0), form: "lines", where: spanOf(fieldRows[0]!), rows: fieldRows.splice(0) });
        const steps: ListItem[] = [];
        for (k++; k < items.length && items[k]!.depth > it.depth; k++) steps.push({ ...items[k]!, depth: items[k]!.depth - it.depth - 1 });
        if (steps.length) out.push({ type: "list", items: steps, where: steps[0]!.where, rows: steps.map((x) => x.row) });
        continue;
      }
      if (ll) {
        fields.push(item(ll.label, ll.value, it.row));
        fieldRows.push(it.row);
      } else {
        // A line that is no field (a remark) stays an item of its own.
        out.push({ type: "list", items: [{ ...it, depth: 0 }], where: it.where, rows: [it.row] });
      }
      k++;
    }
    if (fields.length) out.push({ type: "labels", items: fields, form: "lines", where: spanOf(fieldRows[0]!), rows: fieldRows });
  }
  return out;
}

function headingOf(rows: Row[], level: number, text: string, bold: boolean): HeadingBlock {
  return { type: "heading", level, text, bold, where: spanOf(rows[0]!), rows };
}

function allBold(r: Row): boolean {
  return r.cells.length > 0 && r.cells.every((c) => c.bold === true || c.text === "");
}

function paragraphOf(rows: Row[]): ParagraphBlock {
  const lines = rows.map(rowText).filter(Boolean);
  return {
    type: "paragraph",
    text: lines.join(" "),
    lines,
    bold: rows.every((r) => r.cells.every((c) => c.bold === true || c.text === "")),
    where: spanOf(rows[0]!),
    rows,
  };
}

/** A short heading or line right above a table is its caption. */
function setCaptions(blocks: Block[]): void {
  for (let k = 1; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.type !== "table" || b.caption !== null) continue;
    const prev = blocks[k - 1]!;
    if ((prev.type === "heading" || prev.type === "paragraph") && wordCount(prev.text) <= S.captionMaxWords && !/[.;]$/.test(prev.text)) {
      b.caption = prev.text.replace(/:$/, "").trim();
    } else if (prev.type === "labels" && prev.form === "lines" && prev.items.length === 1 && !prev.items[0]!.value) {
      b.caption = prev.items[0]!.label;
    }
  }
}
