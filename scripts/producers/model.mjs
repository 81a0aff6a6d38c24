// A text form's rows (what extractText hands the parser) → a small document
// model every producer writes out: headings, paragraphs, lists, tables. Each
// producer prints exactly the rows' texts, so the rows read back from its PDF
// can be compared with the text form's one for one (scripts/rows/rowdiff.mjs).
//
//   { type: "heading", level, text }
//   { type: "para", lines: [text…], bold }          lines joined by hard breaks
//   { type: "list", ordered: "1." | "1)" | "a)" | null, start, items: [text…] }   text without the marker
//   { type: "table", header: boolean, cols, rows: [[{ text, paras?, bold }…]…] }

const NUMBERED = /^(\d{1,3})[.)] /;
const LETTERED = /^([a-z])\) /;
const BULLET = /^[•●▪◦‣∙○■□➢►–—*-] /;

/** @param {{ kind: string, cells: { text: string, bold?: boolean, paras?: string[] }[], heading?: number, continues?: boolean }[]} rows */
export function textFormModel(rows) {
  const blocks = [];
  let table = null;
  let list = null;
  let para = null;
  const close = () => {
    table = list = para = null;
  };
  for (const r of rows) {
    if (r.kind === "blank") {
      close();
      continue;
    }
    if (r.kind === "table") {
      list = para = null;
      const cells = r.cells.map((c) => ({ text: c.text, bold: c.bold === true, ...(c.paras ? { paras: c.paras } : {}) }));
      if (!table || Math.abs(table.cols - cells.length) > 1) {
        table = { type: "table", header: false, cols: cells.length, rows: [] };
        blocks.push(table);
      }
      table.cols = Math.max(table.cols, cells.length);
      table.rows.push(cells);
      continue;
    }
    table = null;
    const text = r.cells.map((c) => c.text).join(" ").trim();
    if (!text) continue;
    if (r.heading) {
      list = para = null;
      blocks.push({ type: "heading", level: r.heading, text });
      continue;
    }
    const item = itemOf(text);
    if (item) {
      para = null;
      const ordered = item.kind;
      const fits = list && list.ordered === ordered && (!ordered || item.n === list.start + list.items.length);
      if (!fits) {
        list = { type: "list", ordered, start: item.n ?? 1, items: [], bullet: item.bullet };
        blocks.push(list);
      }
      list.items.push(item.rest);
      continue;
    }
    list = null;
    const bold = r.cells.every((c) => c.bold === true);
    if (para && para.open && para.bold === bold) para.lines.push(text);
    else {
      para = { type: "para", lines: [text], bold, open: false };
      blocks.push(para);
    }
    para.open = r.continues === true;
  }
  for (const b of blocks) if (b.type === "table") b.header = looksLikeHeader(b);
  return blocks;
}

function itemOf(text) {
  let m = NUMBERED.exec(text);
  if (m) return { kind: m[0].trim().endsWith(")") ? "1)" : "1.", n: Number(m[1]), rest: text.slice(m[0].length) };
  m = LETTERED.exec(text);
  if (m) return { kind: "a)", n: m[1].charCodeAt(0) - 96, rest: text.slice(m[0].length) };
  m = BULLET.exec(text);
  if (m) return { kind: null, rest: text.slice(m[0].length), bullet: m[0].trim() };
  return null;
}

/** A first row of short labels over at least two more rows: the table's header. */
function looksLikeHeader(t) {
  if (t.rows.length < 3) return false;
  const first = t.rows[0];
  const filled = first.filter((c) => c.text);
  return filled.length >= Math.min(2, t.cols) && filled.length >= first.length - 1 && filled.every((c) => c.text.length <= 60);
}

/** The cell texts of a row padded to the table's width. */
export function padded(row, cols) {
  return Array.from({ length: cols }, (_, i) => row[i] ?? { text: "", bold: false });
}

/** A row whose only text is in its first cell: printed as one cell across the table. */
export function spanning(row, cols) {
  return cols > 1 && row[0]?.text && row.slice(1).every((c) => !c.text);
}

/** The first line of the document, for running headers. */
export function titleOf(blocks) {
  const b = blocks.find((x) => x.type === "heading" || x.type === "para");
  return b ? (b.type === "heading" ? b.text : b.lines[0]).slice(0, 80) : "";
}

export const xmlEscape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
