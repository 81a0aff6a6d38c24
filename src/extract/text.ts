/**
 * Text exports (.txt .md .tsv .csv .html) → rows of cells.
 *
 * Cell boundaries come from the export itself: tabs, Markdown pipes, HTML
 * `<td>`/`<th>`, or CSV commas/semicolons for .csv; columns aligned with runs
 * of spaces go through the layout engine (aligned.ts). Markup is removed from
 * the values; lines fused by converters are split back.
 */
import { isUtf8 } from "node:buffer";
import Papa from "papaparse";
import type { Cell, ExtractNote, Row, SourceDoc } from "../doc/source.js";
import { decodeWindows1252, hasBadEncoding, mayHaveBadEncoding, utf16WithoutBom } from "./encoding.js";
import { HTML_ELEMENTS, isBold, splitFusedBold, splitGluedCode, stripMarkup, unescapedExport } from "./markup.js";
import { alignedRows, findAlignedRuns, type AlignedRows } from "./aligned.js";
import { gridTables } from "./grid.js";
import { splicePages } from "./pages.js";
import { untangleColumns } from "./columns.js";
import { plainTypography } from "../util/typography.js";
import { countChar, listMarker } from "../util/text.js";

export interface Decoded {
  text: string;
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "utf-16le-nobom" | "utf-16be-nobom" | "windows-1252";
}

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 when a BOM
 * says so, Windows-1252 otherwise (a superset of Latin-1 for the printable
 * range, and what Italian office exports use).
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // NUL bytes (a native search) before the byte-pattern test: text without them is not UTF-16.
  const order = buf.indexOf(0) >= 0 ? utf16WithoutBom(bytes) : null;
  if (order) return { text: new TextDecoder(order).decode(bytes), encoding: `${order}-nobom` };
  // isUtf8 validates without building a string; toString then decodes fast.
  if (isUtf8(buf)) return { text: buf.toString("utf8"), encoding: "utf-8" };
  return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
}


/** Whole-document HTML (as opposed to inline `<p>`/`<b>` fragments inside a text export). */
function isHtmlDocument(text: string, file: string): boolean {
  if (/\.html?$/i.test(file) || /^\s*(<!doctype html|<html)/i.test(text)) return true;
  // `/<table[\s>]/i` over the whole text, looking only where a "<" stands (plain searches, no case-insensitive scan).
  for (let i = text.indexOf("<"); i >= 0; i = text.indexOf("<", i + 1)) {
    if ((text.charCodeAt(i + 1) | 32) === 116 /* t */ && /^table[\s>]/i.test(text.slice(i + 1, i + 7))) return true;
  }
  return false;
}

/** A layout table's margin cell beside a card (a code, "Obiettivo 2", "Scheda n. 3") holds at most this many characters. */
const LAYOUT_MARGIN_MAX = 40;

const TABLE_RE = /<table\b[^>]*>[\s\S]*?<\/table>/gi;
const TR_RE = /<tr\b[^>]*>([\s\S]*?)(?=<tr\b|<\/table>|$)/gi;
const CELL_RE = /<(t[dh])\b([^>]*)>([\s\S]*?)(?:<\/\1>|(?=<t[dh]\b|<\/tr>|$))/gi;

function spanOf(attrs: string, name: string): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d+)`, "i").exec(attrs);
  return m ? Math.min(Math.max(Number(m[1]), 1), 50) : 1;
}

/**
 * Merged cells (rowspan/colspan) leave later rows short, so their cells would
 * shift left under the wrong header: every position a span covers gets an
 * empty cell of its own, the way a text export prints a merged cell.
 */
function expandSpans(table: string): string {
  if (!/\b(?:row|col)span\s*=/i.test(table)) return table;
  const pending: number[] = []; // per column: rows a rowspan still covers
  const rows: string[] = [];
  for (const tr of table.matchAll(TR_RE)) {
    const out: string[] = [];
    let col = 0;
    const fill = () => {
      while ((pending[col] ?? 0) > 0) {
        pending[col]!--;
        out.push("<td></td>");
        col++;
      }
    };
    for (const c of tr[1]!.matchAll(CELL_RE)) {
      fill();
      const rs = spanOf(c[2]!, "rowspan");
      const cs = spanOf(c[2]!, "colspan");
      out.push(`<${c[1]}>${c[3]}</${c[1]}>`);
      for (let k = 0; k < cs; k++) {
        if (k > 0) out.push("<td></td>");
        if (rs > 1) pending[col] = rs - 1;
        col++;
      }
    }
    fill();
    rows.push(`<tr>${out.join("")}</tr>`);
  }
  return rows.length ? `<table>${rows.join("")}</table>` : table;
}

const LIST_TAG_RE = /<\/?(?:ul|ol)\b[^>]*>|<li\b[^>]*>/gi;

/**
 * A replacer turning list tags into items as a print shows them: `•` in a
 * `<ul>`, the item's number in an `<ol>`, indented two spaces a level of
 * nesting (one replacer per document: it counts depth).
 */
function listTag(): (tag: string) => string {
  const lists: { ordered: boolean; n: number }[] = [];
  return (tag) => {
    const t = tag.toLowerCase();
    if (t.startsWith("<li")) {
      const list = lists[lists.length - 1];
      const marker = list?.ordered ? `${++list.n}.` : "•";
      return `\n${"  ".repeat(Math.max(0, lists.length - 1))}${marker} `;
    }
    if (t.startsWith("</")) lists.pop();
    else lists.push({ ordered: t.startsWith("<ol"), n: 0 });
    return "\n";
  };
}

/** Spaces before a line's text, a tab counting 4. */
function indentOf(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32) n++;
    else if (c === 9) n += 4;
    else break;
  }
  return n;
}

/** A heading outside a table keeps its level as a Markdown `#` line would (`<h2>` → `## `). */
function headingLevels(html: string): string {
  if (!/<h[1-6]\b/i.test(html)) return html;
  let out = "";
  let last = 0;
  for (const m of html.matchAll(TABLE_RE)) {
    out += html.slice(last, m.index).replace(/<h([1-6])\b[^>]*>/gi, (_, n: string) => `<h${n}>${"#".repeat(Number(n))} `);
    out += m[0];
    last = m.index + m[0].length;
  }
  return out + html.slice(last).replace(/<h([1-6])\b[^>]*>/gi, (_, n: string) => `<h${n}>${"#".repeat(Number(n))} `);
}

/**
 * A table inside a table's cell (a phases table in an objective's row) becomes lines of that cell: each of
 * its rows one line, its cells joined by dashes, its header row left out — as the cell prints it.
 */
/**
 * A table used for layout, each of its cells holding a table of its own and nothing else (a page of objective
 * cards set in a grid): the inner tables, one after the other, stand for it.
 */
function unwrapLayoutTables(html: string): string {
  if (!/<table\b[\s\S]*<table\b/i.test(html)) return html;
  const tags = /<(\/?)table\b[^>]*>/gi;
  let depth = 0;
  let outerStart = -1;
  let inner: [number, number][] = [];
  let innerStart = -1;
  const parts: string[] = [];
  let last = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    if (!m[1]) {
      if (depth === 0) [outerStart, inner] = [m.index, []];
      else if (depth === 1) innerStart = m.index;
      depth++;
      continue;
    }
    if (depth === 0) continue;
    depth--;
    const end = m.index + m[0].length;
    if (depth === 1 && innerStart >= 0) inner.push([innerStart, end]);
    if (depth !== 0 || inner.length === 0) continue;
    const unwrapped = layoutRows(html, outerStart, end, inner);
    if (unwrapped === null) continue;
    parts.push(html.slice(last, outerStart), unwrapped);
    last = end;
  }
  return last === 0 ? html : parts.join("") + html.slice(last);
}

/** Inner tables' stand-in while the outer table's own rows are read: a control character no export prints. */
const INNER_MARK = "\u0001";

/**
 * The outer table `html[start, end)`, whose depth-1 inner tables are `inner`, read as a layout table: each
 * row holds inner tables and, beside them, at most a margin cell's short text (`AO-1`, `Obiettivo 2`: the
 * name of the card it sits beside), set as a paragraph over that row's tables; or null when a row holds
 * text of its own with no table beside it, or text too long for a margin (then the tables are content of
 * the outer one's cells).
 */
function layoutRows(html: string, start: number, end: number, inner: readonly [number, number][]): string | null {
  let outer = "";
  let at = start;
  for (const [a, b] of inner) {
    outer += html.slice(at, a) + INNER_MARK;
    at = b;
  }
  outer += html.slice(at, end);
  const out: string[] = [];
  let next = 0;
  // A box: every row of the outer table one cell (a frame drawn around a card: its fields' table, a caption,
  // its list of steps). The cells' content, in order, stands for it.
  const rows = [...outer.matchAll(TR_RE)];
  if (rows.length > 0 && rows.every((tr) => [...tr[1]!.matchAll(CELL_RE)].length === 1)) {
    const restore = (h: string) => h.split(INNER_MARK).map((piece, k) => (k === 0 ? piece : html.slice(inner[next]![0], inner[next++]![1]) + "\n" + piece)).join("");
    for (const tr of rows) out.push(restore([...tr[1]!.matchAll(CELL_RE)][0]![3]!) + "\n");
    if (next === inner.length) return out.join("");
    out.length = 0;
    next = 0;
  }
  for (const tr of outer.matchAll(TR_RE)) {
    const body = tr[1]!;
    const tables = body.split(INNER_MARK).length - 1;
    const text = body.replace(/<[^>]*>/g, " ").replace(/&nbsp;|&#160;/gi, " ").replaceAll(INNER_MARK, " ").replace(/\s+/g, " ").trim();
    if (tables === 0) {
      if (text !== "") return null;
      continue;
    }
    if (text.length > LAYOUT_MARGIN_MAX) return null;
    if (text !== "") out.push(`<p>${text}</p>\n`);
    for (let k = 0; k < tables; k++, next++) out.push(html.slice(inner[next]![0], inner[next]![1]) + "\n");
  }
  // Text outside every row (a caption), or tables the rows did not account for: not a plain layout.
  if (next !== inner.length) return null;
  return out.join("");
}

function flattenNestedTables(html: string): string {
  if (!/<table\b[\s\S]*<table\b/i.test(html)) return html;
  const tags = /<(\/?)table\b[^>]*>/gi;
  const open: number[] = [];
  let out = html;
  for (let m = tags.exec(out); m; m = tags.exec(out)) {
    if (!m[1]) {
      open.push(m.index);
      continue;
    }
    const start = open.pop();
    if (start === undefined || open.length === 0) continue;
    // An inner table closes: its rows as lines of the outer cell.
    const inner = out.slice(start, m.index + m[0].length);
    const lines: string[] = [];
    for (const tr of inner.matchAll(TR_RE)) {
      const cells = [...tr[1]!.matchAll(CELL_RE)];
      if (cells.length === 0 || cells.every((c) => c[1]!.toLowerCase() === "th")) continue;
      lines.push(cells.map((c) => c[3]!.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()).filter(Boolean).join(" – "));
    }
    const flat = lines.join("<br>");
    out = out.slice(0, start) + flat + out.slice(m.index + m[0].length);
    tags.lastIndex = start + flat.length;
  }
  return out;
}

/**
 * A list inside a table's cell becomes that cell's lines: each top-level item one line, the items of a list
 * nested in it set after it with dashes ("Ricognizione degli alloggi – Periodo: dal … al … – Peso: 30%").
 */
function flattenCellLists(table: string): string {
  if (!/<li\b/i.test(table)) return table;
  // Only in a row of several cells: a list set alone across a row ("colspan") is the table's list, kept as lines.
  return table.replace(/<tr\b[^>]*>[\s\S]*?(?=<tr\b|<\/table>|$)/gi, (row) => {
    if (!/<li\b/i.test(row)) return row;
    const filled = [...row.matchAll(CELL_RE)].filter((c) => c[3]!.replace(/<[^>]*>/g, "").trim() !== "").length;
    return filled >= 2 ? flattenLists(row) : row;
  });
}

function flattenLists(html: string): string {
  const innermost = /<(ul|ol)\b[^>]*>((?:(?!<(?:ul|ol)\b)[\s\S])*?)<\/\1>/i;
  let out = html;
  for (let guard = 0; guard < 1000; guard++) {
    const m = innermost.exec(out);
    if (!m) break;
    const items = m[2]!
      .split(/<li\b[^>]*>/i)
      .map((x) => x.replace(/<\/li>/gi, "").replace(/\s+/g, " ").trim())
      .filter(Boolean);
    // Inside another list (its item still open before it): the item's details, on its line.
    const before = out.slice(0, m.index);
    const depth = (before.match(/<(?:ul|ol)\b/gi) ?? []).length - (before.match(/<\/(?:ul|ol)>/gi) ?? []).length;
    const flat = depth > 0 ? ` – ${items.join(" – ")}` : items.join("<br>");
    out = out.slice(0, m.index) + flat + out.slice(m.index + m[0].length);
  }
  return out;
}

/** Flattens HTML tables and blocks to the tab-separated line form the rest reads. */
/** A footnote's mark set as a superscript after a value ("15%<sup>1</sup>", "Titolo<sup>*</sup>"); a unit's square or cube (m², km³) stays. */
const SUP_FOOTNOTE_RE = /(?<![mM])<sup\b[^>]*>\s*(?:\d{1,2}|\*{1,3}|†{1,2})\s*<\/sup>/gi;

/** An element a browser does not show: `display:none`, `visibility:hidden`, `mso-hide:all`, the `hidden` attribute. */
const HIDDEN_OPEN_RE = /<([a-zA-Z][a-zA-Z0-9]*)\b(?=[^<>]*?(?:style\s*=\s*(?:"[^"]*|'[^']*|(?=[^\s"'>]))(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)|\shidden(?=[\s=>/])))[^<>]*>/gi;
const VOID_ELEMENTS = new Set(["col", "br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "source"]);
/** The next tag of a block a left-open element ends at. */
const NEXT_BLOCK_RE = /<\/?(?:td|th|tr|table|p|div|li)\b/gi;
/** Elements whose end tag HTML lets one omit (closed by the next of their kind). */
const IMPLIED_END = new Set(["td", "th", "tr", "li", "p", "dt", "dd", "option"]);

/**
 * What a reader never sees is no text of the document: a spreadsheet saved as a web page keeps its hidden rows
 * and columns (superseded values, working columns) as elements styled `display:none` or `mso-hide:all`.
 * Each such element goes with its content, up to its own closing tag (nesting counted).
 */
export function withoutHidden(html: string): string {
  if (!/display\s*:\s*none|visibility\s*:\s*hidden|mso-hide|\shidden[\s=>/]/i.test(html)) return html;
  let out = "";
  let at = 0;
  const unclosed = new Set<string>();
  HIDDEN_OPEN_RE.lastIndex = 0;
  for (let m = HIDDEN_OPEN_RE.exec(html); m; m = HIDDEN_OPEN_RE.exec(html)) {
    const name = m[1]!.toLowerCase();
    // <style> and <head> go whole later; a void element has no content.
    if (name === "style" || name === "head" || name === "html" || name === "body") continue;
    out += html.slice(at, m.index);
    let end = m.index + m[0].length;
    // (Once an element's end was looked for to the document's end in vain, the later ones of its kind are taken
    // as left open: no search runs to the end again, so a text of unclosed elements is read in one pass.)
    if (!VOID_ELEMENTS.has(name) && !m[0].endsWith("/>") && !unclosed.has(name)) {
      const tags = new RegExp(`<(/?)${name}\\b[^<>]*>`, "gi");
      tags.lastIndex = end;
      let depth = 1;
      for (let t = tags.exec(html); t; t = tags.exec(html)) {
        // (A cell, a row, an item or a paragraph left open closes where the next one opens: HTML lets one omit
        // their end tags, and the search stops there, not at the document's end.)
        if (!t[1] && depth === 1 && IMPLIED_END.has(name)) {
          end = t.index;
          depth = 0;
          break;
        }
        depth += t[1] ? -1 : 1;
        if (depth === 0) {
          end = t.index + t[0].length;
          break;
        }
      }
      if (depth !== 0) unclosed.add(name);
    }
    if (!VOID_ELEMENTS.has(name) && !m[0].endsWith("/>") && unclosed.has(name) && end === m.index + m[0].length) {
      // An element left open (a cell whose end tag HTML lets one omit) ends where its parent's next one opens.
      NEXT_BLOCK_RE.lastIndex = end;
      const next = NEXT_BLOCK_RE.exec(html);
      end = next ? next.index : html.length;
    }
    at = end;
    HIDDEN_OPEN_RE.lastIndex = end;
  }
  return out + html.slice(at);
}

/** A paragraph or division whose style sets it in from the margin. */
const INDENTED_BLOCK_RE = /<(?:p|div)\b[^<>]*?style\s*=\s*["'][^"']*?(?:margin|padding)-left\s*:\s*([\d.]+)\s*(cm|mm|in|pt|px|em)\b[^<>]*>/gi;
/** Points per unit of a CSS length; a level of indentation is about half an inch (Word's 1.25 cm). */
const POINTS: Record<string, number> = { cm: 28.35, mm: 2.835, in: 72, pt: 1, px: 0.75, em: 12 };
const INDENT_LEVEL_PT = 30;

function indentBlock(tag: string, size: string, unit: string): string {
  const pt = Number(size) * (POINTS[unit.toLowerCase()] ?? 0);
  const levels = Math.min(6, Math.round(pt / INDENT_LEVEL_PT));
  return levels > 0 ? tag + "\t".repeat(levels) : tag;
}

export function htmlToLines(html: string): string {
  html = withoutHidden(html);
  if (html.includes("<sup") || html.includes("<SUP")) html = html.replace(SUP_FOOTNOTE_RE, "");
  return headingLevels(flattenNestedTables(unwrapLayoutTables(html)))
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1>/gi, "")
    // A <br> inside a table cell breaks the cell's text, not the row: marked so the line break below leaves it.
    // So does a paragraph inside a cell (Word and LibreOffice wrap every cell's text in <p>): the cell's paragraphs.
    .replace(TABLE_RE, (t) =>
      flattenCellLists(expandSpans(t))
        .replace(/<br\s*\/?>/gi, "<br data-cell>")
        .replace(/<\/p>\s*<p\b[^>]*>/gi, "<br data-cell>")
        .replace(/<\/?p\b[^>]*>/gi, ""),
    )
    // A paragraph set in by its style (Word's "margin-left:1.25cm") is indented as a text export sets it in.
    .replace(INDENTED_BLOCK_RE, indentBlock)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!doctype[^>]*>/gi, "")
    .replace(/\r?\n/g, " ")
    // Rows of one table are consecutive lines: a blank line between them would split the table.
    .replace(/<\/?(thead|tbody|tfoot)\b[^>]*>/gi, "")
    .replace(/<\/t[dh]>\s*<t[dh]\b[^>]*>/gi, "\t")
    .replace(/<t[dh]\b[^>]*>/gi, "")
    .replace(/<\/t[dh]>/gi, "")
    .replace(/<\/tr>\s*<tr\b[^>]*>/gi, "\n")
    // A definition list's term and its description are a label and its value: one row of two cells.
    .replace(/<\/dt>\s*<dd\b[^>]*>/gi, "\t")
    .replace(/<\/dd>\s*<dt\b[^>]*>/gi, "\n")
    .replace(/<\/?(?:dl|dt|dd)\b[^>]*>/gi, "\n")
    // List items keep their marker, indented by their nesting, as Markdown prints them.
    .replace(LIST_TAG_RE, listTag())
    .replace(/<\/?(tr|table|thead|tbody|tfoot|p|div|h[1-6]|li|ul|ol|section|article|caption|title|body|html)\b[^>]*>/gi, "\n")
    .replace(/<br\s*\/?>/gi, "  \n")
    // What is left of a real HTML document's own tags that are not elements (Word's <o:p>, <v:shape>) goes too.
    .replace(/<\/?[a-zA-Z][^<>]*>/g, (m) => (HTML_ELEMENTS.has(/^<\/?([a-zA-Z][a-zA-Z0-9]*)/.exec(m)![1]!.toLowerCase()) ? m : ""));
}

/** A line opening with an asterisk and a space: a Markdown bullet (one over bold text, "* **Obiettivo 1**", is read as the bold line it leads). */
const BULLET_STAR_RE = /^(\s*)\*\s+(?=[^*\s])/;

/** A Markdown line opening a block of its own: a heading, a list item, a table row, a quote, a rule, a fence, a label in bold. */
const MD_BLOCK_START = /^\s*(?:#{1,6}\s|[-*+•–]\s|(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s|\(\w{1,3}\)\s|\||>|```|~~~|[-=_*]{3,}\s*$|\*\*[^*]{1,40}\*\*\s*:|<)/;

/**
 * A soft break: a line of running prose (ending in a word or a comma, no block of its own) followed by another
 * line of prose, both long enough to be wrapped text rather than lines set one under the other.
 */
function softBreak(raw: string, next: string | undefined): boolean {
  if (next === undefined || !NON_SPACE_RE.test(next) || MD_BLOCK_START.test(raw) || MD_BLOCK_START.test(next)) return false;
  const t = raw.trimEnd();
  // (Label lines, "Peso: 30%", are one a line; a line ending a sentence may still go on, as wrapped prose does.)
  return t.length >= SOFT_WRAP_MIN && !/^[^\s:]{1,30}(?:\s+[^\s:]+){0,3}\s*:\s/.test(next.trim()) && !/^[^\s:]{1,30}(?:\s+[^\s:]+){0,3}\s*:\s/.test(t);
}
/** Characters at least in a line wrapped inside a paragraph (a writer's wrap column is far wider). */
const SOFT_WRAP_MIN = 60;

const NON_SPACE_RE = /\S/;
// (A Markdown table's delimiter row: three dashes a cell, or fewer between pipes, ":--", "-:".)
const PIPE_SEPARATOR_RE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$|^\s*\|\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
const HEADING_RE = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

// Paragraphs of one cell: <p>…</p><p>…</p>, or lines broken with <br> (a cell listing two phases and their two dates).
const PARA_SPLIT_RE = /<\/p>\s*<p\b[^>]*>|<br\b[^>]*>/i;

/** @internal One cell's text and marks from its raw piece (exported for the fast path's test). */
export function cell(raw: string): Cell {
  const c: Cell = { text: stripMarkup(raw) };
  if (isBold(raw)) c.bold = true;
  if (raw.includes("<") && PARA_SPLIT_RE.test(raw)) {
    const paras = raw.split(PARA_SPLIT_RE).map(stripMarkup).filter((p) => p !== "");
    if (paras.length > 1) c.paras = paras;
  }
  return c;
}

/** What `stripMarkup`, `isBold` and the paragraph split look for, and the white space `foldSpace` folds, but the tab. */
const LINE_MARKUP_OR_ODD_SPACE_RE = /[<&\\*_[\n\r\f\v\u00a0\u200b\u2000-\u200a\u2028\u2029\u3000\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\ud83c-\ud83e]/;

/** `cell(raw)` for a piece of a line that `LINE_MARKUP_OR_ODD_SPACE_RE` and a double space do not match. */
function plainCell(raw: string): Cell {
  return { text: raw.trim() };
}

/** @internal Whether `plainCell` may stand for `cell` on the pieces of this line. */
export function isPlainLine(raw: string): boolean {
  return !raw.includes("  ") && !LINE_MARKUP_OR_ODD_SPACE_RE.test(raw);
}

const DOUBLE_SPACE_RE = / {2}/g;

/**
 * @internal `text.indexOf("  ", from)`: the expression scans a long text about twice as fast as the
 * string search, which stops at every single space.
 */
export function doubleSpaceAt(text: string, from: number): number {
  DOUBLE_SPACE_RE.lastIndex = from;
  const m = DOUBLE_SPACE_RE.exec(text);
  DOUBLE_SPACE_RE.lastIndex = 0;
  return m ? m.index : -1;
}

/** `LINE_MARKUP_OR_ODD_SPACE_RE` but the line break, which parts lines: searched for over a whole text. */
const TEXT_MARKUP_OR_ODD_SPACE_RE = /[<&\\*_[\r\f\v\u00a0\u200b\u2000-\u200a\u2028\u2029\u3000\u231a\u231b\u23e9-\u23fa\u2600-\u27bf\ud83c-\ud83e]/g;

/**
 * @internal `isPlainLine` of every line of `text` (`lines` is `text.split("\n")`),
 * 1 for a plain line: the text searched once for markup, odd white space and
 * double spaces, each line told by whether the next one found lies inside it,
 * instead of an expression run on every line.
 */
export function plainLineFlags(text: string, lines: readonly string[]): Uint8Array {
  const flags = new Uint8Array(lines.length);
  const none = text.length + 1;
  const nextOdd = (from: number): number => {
    TEXT_MARKUP_OR_ODD_SPACE_RE.lastIndex = from;
    const m = TEXT_MARKUP_OR_ODD_SPACE_RE.exec(text);
    return m ? m.index : none;
  };
  const nextDouble = (from: number): number => {
    const at = doubleSpaceAt(text, from);
    return at < 0 ? none : at;
  };
  let odd = nextOdd(0);
  let double = nextDouble(0);
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const end = start + lines[i]!.length;
    if (odd < start) odd = nextOdd(start);
    if (double < start) double = nextDouble(start);
    // A double space found at or past the line's end lies past its line break: not in the line.
    if (odd >= end && double >= end) flags[i] = 1;
    start = end + 1;
  }
  TEXT_MARKUP_OR_ODD_SPACE_RE.lastIndex = 0;
  return flags;
}

/**
 * Cell boundaries of a tab-separated line: a tab, or a run of three spaces or more (an export that turned
 * some tabs into spaces: "Area    Peso" in a tabbed header). Spaces around a tab belong to it.
 */
const TAB_CELL_SPLIT_RE = / *\t *| {3,}/;

function splitCells(line: string, csvDelimiter: string | null): string[] | null {
  // (Spaces indenting the line's first cell part nothing.)
  if (line.includes("\t")) return line.includes("   ") ? line.replace(/^ +/, "").split(TAB_CELL_SPLIT_RE) : line.split("\t");
  const t = line.trim();
  if (t.startsWith("|") && t.length > 1 && t.indexOf("|", 1) > 0) {
    const inner = t.replace(/^\|/, "").replace(/\|$/, "");
    return inner.split(/(?<!\\)\|/);
  }
  if (csvDelimiter && line.includes(csvDelimiter)) {
    const parsed = Papa.parse<string[]>(line, { delimiter: csvDelimiter });
    const first = parsed.data[0];
    // A line break inside a quoted cell parts its paragraphs, as <br> does in a table's cell.
    return first && first.length > 1 ? first.map((c) => (c.includes("\n") ? c.split(/\r?\n/).join("<br>") : c)) : null;
  }
  return null;
}

/** A note's line opening with its mark: "(1) Peso ridotto …", "(2) Il termine …". */
const NOTE_LINE_RE = /^[\s"]*\((\d{1,2})\)\s+\p{L}/gmu;

/** The marks of the notes the text prints, taken out where they follow a value at the end of a cell or line. */
function withoutNoteMarks(text: string): string {
  const marks = new Set([...text.matchAll(NOTE_LINE_RE)].map((m) => m[1]!));
  if (marks.size === 0) return text;
  const re = new RegExp(String.raw`(?<=[^\s(;,])[ \t]*\((?:${[...marks].join("|")})\)(?=[ \t]*(?:[;,|\t"]|$))`, "gm");
  return text.replace(re, "");
}

/**
 * A merged cell a spreadsheet exported by repeating its text in every column it covered ("PIANO DEGLI
 * OBIETTIVI 2026;PIANO DEGLI OBIETTIVI 2026;…", a group's row across the table): the text once, in the
 * first cell, as the sheet shows it. Rows of two or more cells, every filled one the same, three at least.
 */
function mergedOnce(cells: string[]): string[] {
  const filled = cells.filter((c) => NON_SPACE_RE.test(c));
  if (filled.length < 3) return cells;
  const first = filled[0]!.trim();
  if (!filled.every((c) => c.trim() === first) || !/\p{L}/u.test(first)) return cells;
  let seen = false;
  return cells.map((c) => {
    if (!NON_SPACE_RE.test(c) || seen) return "";
    seen = true;
    return c;
  });
}

/** CSV exports: pick the delimiter that splits the first lines most consistently. */
function csvDelimiterFor(text: string, file: string): string | null {
  if (!/\.csv$/i.test(file)) return null;
  const sample = text.split("\n", 20).join("\n");
  let best: string | null = null;
  let bestCount = 0;
  for (const d of [";", ",", "|"]) {
    const n = sample.split(d).length;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}


/**
 * A CSV cell in quotes may hold line breaks (a spreadsheet cell of several
 * lines): its record goes on over the next lines. They are joined onto the
 * record's first line; the indexes of the lines taken in are returned.
 */
function joinQuotedLines(lines: string[]): Set<number> {
  const taken = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    let quotes = countChar(lines[i]!, '"');
    let j = i;
    while (quotes % 2 === 1 && j + 1 < lines.length && j - i < 50) {
      j++;
      lines[i] += "\n" + lines[j]!;
      quotes += countChar(lines[j]!, '"');
      taken.add(j);
    }
    i = j;
  }
  return taken;
}


/** Private-use bullets of the Symbol and Wingdings fonts (,  …) and soft hyphens. */
const EXPORT_ODDITY_RE = /[\u00ad\uf06e\uf076\uf0a7\uf0a8\uf0b7\uf0d8\uf0fc]/;
const PRIVATE_BULLET_RE = /[\uf06e\uf076\uf0a7\uf0a8\uf0b7\uf0d8\uf0fc]/g;
const INNER_SOFT_HYPHEN_RE = /\u00ad(?!\n)/g;

/** A setext heading's underline: a run of three or more `=` or `-` and nothing else. */
const SETEXT_RE = /^(?:={3,}|-{3,})\s*$/;

export function extractText(bytes: Uint8Array, file: string, sha256: string): SourceDoc {
  const decoded = decode(bytes);
  let text = decoded.text.includes("\r") ? decoded.text.replace(/\r\n?/g, "\n") : decoded.text;
  const html = isHtmlDocument(text, file);
  if (html) text = htmlToLines(text);
  // Comments of a Markdown or text export ("<!-- image -->" where a converter left a picture) are no text; their
  // line breaks stay, so lines keep their numbers.
  if (!html && text.includes("<!--")) text = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ""));
  // Word's export characters: a Symbol or Wingdings bullet (private-use code points) is a bullet; a soft
  // hyphen inside a line is no character (one closing a line marks a word wrapped over two: the blocks join them).
  if (EXPORT_ODDITY_RE.test(text)) text = text.replace(PRIVATE_BULLET_RE, "•").replace(INNER_SOFT_HYPHEN_RE, "");
  // Ligatures, Unicode hyphens, full-width characters and superscript footnote marks read as what they stand for.
  text = plainTypography(text);
  // An editor's export escaping Markdown's characters everywhere: the characters meant.
  if (!html && text.includes("\\")) text = unescapedExport(text);
  // Footnote marks in brackets after a value ("20 (1)", "30/09/2026 (2)") whose notes the document prints ("(1) Peso
  // ridotto …"): no part of the value.
  if (text.includes("(")) text = withoutNoteMarks(text);
  const csvDelimiter = csvDelimiterFor(text, file);
  const markdown = !html && !csvDelimiter && /\.(?:md|markdown)$/i.test(file);
  const notes: ExtractNote[] = [];
  const rows: Row[] = [];
  let lines = text.split("\n");
  // A dump of pages (form feeds): their running heads, feet, numbers and footnotes are no text of the document.
  const spliced = !csvDelimiter && !html && text.includes("\f") ? splicePages(lines) : null;
  if (spliced) {
    lines = spliced.lines;
    text = lines.join("\n");
  }
  // Two columns of text on a page (cards set two by two in a dump): the left column read first, then the right.
  let lineNoOf: number[] | null = spliced ? spliced.lineNo : null;
  const untangled = !csvDelimiter && !html && !markdown && !text.includes("\t") && text.includes("   ") ? untangleColumns(lines) : null;
  if (untangled) {
    const before = lineNoOf;
    lineNoOf = untangled.from.map((k) => (before ? before[k]! : k + 1));
    lines = untangled.lines;
    text = lines.join("\n");
  }
  const joined = csvDelimiter ? joinQuotedLines(lines) : null;
  // Which lines are plain, from one search of the whole text (joined CSV records are no longer its lines: asked each).
  const plain = joined ? null : plainLineFlags(text, lines);
  // A bold run opened on one line and closed lines later (a title over several lines).
  let boldOpen = false;
  let replacementLines = 0;
  let mojibakeLines = 0;
  // One look at the whole text first: most have no damage, and their lines need no test each.
  const damaged = mayHaveBadEncoding(text);
  // Tables aligned with runs of spaces (no tabs, pipes or CSV delimiters) go
  // through the layout engine; only texts holding a double space are looked at.
  // Grid tables (`+----+` rules, `|` borders) first: their lines are theirs, not an aligned run's.
  const grid = !csvDelimiter && !html && (text.includes("+-") || text.includes("+=")) ? gridTables(lines, cell) : null;
  let aligned: AlignedRows | null = null;
  if (!csvDelimiter && !html && doubleSpaceAt(text, 0) >= 0) {
    const runs = findAlignedRuns(grid ? lines.map((l, k) => (grid.covered.has(k) ? "" : l)) : lines);
    if (runs.length) aligned = alignedRows(lines, runs, (raw) => (isPlainLine(raw) ? plainCell(raw) : cell(raw)));
  }
  // Lines already read with the one above (a setext underline): skipped when reached.
  let consumedAt: Set<number> | null = null;
  // The line above was a row of cells (a table goes on).
  let lastTabbed = false;
  for (let i = 0; i < lines.length; i++) {
    if (joined?.has(i)) continue;
    if (grid?.covered.has(i)) {
      const at = grid.rowsAt.get(i);
      if (at) rows.push(...at);
      continue;
    }
    if (consumedAt?.has(i)) continue;
    if (aligned?.covered.has(i)) {
      const at = aligned.rowsAt.get(i);
      if (at) rows.push(...at);
      continue;
    }
    const lineNo = i + 1;
    const raw = lines[i]!;
    if (damaged) {
      if (raw.includes("\uFFFD")) replacementLines++;
      else if (hasBadEncoding(raw)) mojibakeLines++;
    }
    // (White space only: what trim() would leave empty, asked without building the trimmed copy.)
    if (!NON_SPACE_RE.test(raw)) {
      lastTabbed = false;
      rows.push({ page: null, line: lineNo, cells: [], kind: "blank" });
      continue;
    }
    if ((raw.includes("---") || (raw.includes("|") && raw.includes("-"))) && PIPE_SEPARATOR_RE.test(raw)) continue;
    // A line with no markup character and no white space to fold (tabs are the
    // cell boundaries) gives cells whose text is the piece trimmed: one scan a line, not three a cell.
    const toCell = (plain ? plain[i] === 1 : isPlainLine(raw)) ? plainCell : cell;
    // Tabs that only indent a line ("⇥Responsabile: …" under a numbered heading) part no cells, unless the line
    // goes on with a table's rows (a row whose first cells are empty).
    const indentOnly: boolean = raw.charCodeAt(0) === 9 && !raw.trimStart().includes("\t") && !lastTabbed;
    const cells: string[] | null = indentOnly ? null : splitCells(raw, csvDelimiter);
    lastTabbed = cells !== null;
    // A row of empty cells (a spreadsheet's empty row between its tables) parts what is above and below like a blank line.
    if (cells && csvDelimiter && cells.every((c) => !NON_SPACE_RE.test(c))) {
      rows.push({ page: null, line: lineNo, cells: [], kind: "blank" });
      continue;
    }
    if (cells) {
      rows.push({ page: null, line: lineNo, cells: mergedOnce(cells).map(toCell), kind: "table" });
      continue;
    }
    // A Markdown hard break (two trailing spaces) or <br> keeps the paragraph going.
    // In Markdown, a paragraph's lines wrapped by the writer are one paragraph (a soft break): a line of prose
    // goes on into the next one that opens no block of its own.
    const continues = raw.endsWith("  ") || (raw.includes("<") && /<br\s*\/?>\s*$/i.test(raw)) || (markdown && softBreak(raw, lines[i + 1]));
    const markers = raw.includes("**") ? (raw.match(/\*\*/g)?.length ?? 0) : 0;
    const insideBold = boldOpen;
    if (markers % 2 === 1) boldOpen = !boldOpen;
    const h = raw.charCodeAt(0) === 35 /* # */ ? HEADING_RE.exec(raw) : null;
    const body = h ? h[2]! : raw;
    // A line underlined by a run of `=` or `-` (a setext heading: level 1 or 2).
    const next = lines[i + 1];
    const setext = !h && next !== undefined && (next.charCodeAt(0) === 61 || next.charCodeAt(0) === 45) && SETEXT_RE.test(next) ? (next.charCodeAt(0) === 61 ? 1 : 2) : 0;
    if (setext) (consumedAt ??= new Set()).add(i + 1);
    // A plain loop: Array#flatMap costs more than the splitting itself on a line that is one piece
    // (whose one-element array is taken as it is).
    const parts = splitFusedBold(body);
    let pieces: string[];
    if (parts.length === 1) pieces = splitGluedCode(parts[0]!);
    else {
      pieces = [];
      for (const part of parts) for (const piece of splitGluedCode(part)) pieces.push(piece);
    }
    for (let k = 0; k < pieces.length; k++) {
      // A Markdown bullet "* " is a list's marker, not emphasis to strip: read as the bullet it is.
      const piece = k === 0 && pieces[k]!.charCodeAt(raw.length - raw.trimStart().length) === 42 && BULLET_STAR_RE.test(pieces[k]!) ? pieces[k]!.replace(BULLET_STAR_RE, "$1• ") : pieces[k]!;
      const c = toCell(piece);
      if (c.text === "") continue;
      if (pieces.length === 1 && (insideBold || (markers % 2 === 1 && /^\s*\*\*/.test(piece)))) c.bold = true;
      const row: Row = { page: null, line: lineNo, cells: [c], kind: "text" };
      if (h) row.heading = h[1]!.length;
      else if (setext && pieces.length === 1) row.heading = setext;
      if (k === 0 && (raw.charCodeAt(0) === 32 || raw.charCodeAt(0) === 9)) row.indent = indentOf(raw);
      const marker = listMarker(c.text);
      if (marker) row.marker = marker;
      // Pieces split out of one line are separate paragraphs; only the last carries the break.
      if (continues && k === pieces.length - 1) row.continues = true;
      rows.push(row);
    }
  }
  // Damaged characters are reported where they land (the reconciler flags the
  // fields); prose outside any field is not the reviewer's concern, so only counts are kept.
  // Rows take the numbers their lines have in the input.
  if (lineNoOf) for (const r of rows) r.line = lineNoOf[r.line - 1] ?? r.line;
  const damage = { replacementLines, mojibakeLines };
  return { file, sha256, kind: "text", pages: null, rows, encoding: decoded.encoding, damage, ocr: null, notes };
}
