// The document model → flat OpenDocument files LibreOffice prints (and saves
// as .docx/.xlsx, which it then prints again):
//
//   Writer (.fodt): Word-like tables (a full grid, a shaded header row repeated
//     on every page, merged cells: a caption row across the table, a group
//     code spanning the rows of its group), justified paragraphs with bold
//     inline labels, numbered, lettered and bulleted lists, a running header
//     and a "Pagina n di m" footer.
//   Calc (.fods): one sheet, gridlines printed, wrapped cells, landscape and
//     fitted to the page width, header and footer.
import { padded, spanning, titleOf, xmlEscape as esc } from "./model.mjs";

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"',
].join(" ");

const NUMERIC = /^[\d\s.,%€<>=≤≥+\-–/]+$/;

/** Relative column widths from the texts they hold (numbers narrow, long texts wide). */
function columnWeights(t) {
  return Array.from({ length: t.cols }, (_, c) => {
    const vals = t.rows.filter((r) => !spanning(r, t.cols)).map((r) => r[c]?.text ?? "");
    const body = vals.slice(t.header ? 1 : 0).filter(Boolean);
    if (body.length && body.every((v) => NUMERIC.test(v))) return Math.max(6, ...vals.map((v) => v.length * 0.8));
    const mean = body.reduce((a, v) => a + v.length, 0) / Math.max(1, body.length);
    return Math.max(5, Math.min(40, mean, Math.max(...vals.map((v) => v.length), 5)));
  });
}

/** "Label: value" paragraphs get their label in bold, as office documents set them. */
function inlineLabel(text) {
  const m = /^([^:]{2,40}):\s+(.+)$/.exec(text);
  return m ? `<text:span text:style-name="B">${esc(m[1])}:</text:span> ${esc(m[2])}` : esc(text);
}

function cellParas(c, style) {
  const ps = c.paras ?? [c.text];
  return ps.map((p) => `<text:p text:style-name="${style}">${c.bold ? `<text:span text:style-name="B">${esc(p)}</text:span>` : esc(p)}</text:p>`).join("");
}

/**
 * Rows of a group: the first column empty on the rows after a filled one while
 * the rest of each row is filled ("A | A.1 …", " | A.2 …"): one merged cell.
 */
function rowSpans(t) {
  const spans = new Map();
  const start = t.header ? 1 : 0;
  const emptyFirst = t.rows.slice(start).filter((r) => !r[0]?.text && r.slice(1).some((c) => c.text)).length;
  if (t.cols < 3 || emptyFirst < 2) return spans;
  for (let i = start; i < t.rows.length; i++) {
    if (!t.rows[i][0]?.text || spanning(t.rows[i], t.cols)) continue;
    let j = i + 1;
    while (j < t.rows.length && !t.rows[j][0]?.text && !spanning(t.rows[j], t.cols) && t.rows[j].slice(1).some((c) => c.text)) j++;
    if (j - i > 1) spans.set(i, j - i);
  }
  return spans;
}

/**
 * Column widths (cm) over `width`: each at least its longest word (as an
 * author widens a column until its words fit), the rest shared by weight.
 */
function columnWidths(t, width, fontPt) {
  const w = columnWeights(t);
  const cmPerChar = (0.55 * fontPt * 2.54) / 72;
  const min = Array.from({ length: t.cols }, (_, c) => {
    const words = t.rows.filter((r) => !spanning(r, t.cols)).flatMap((r) => (r[c]?.text ?? "").split(/\s+/));
    return Math.max(...words.map((x) => x.length), 2) * cmPerChar * (t.header ? 1.08 : 1) + 0.3;
  });
  const need = min.reduce((a, b) => a + b, 0);
  if (need >= width) return min.map((m) => (m * width) / need);
  const sum = w.reduce((a, b) => a + b, 0);
  // Share the room left by weight, never below a column's minimum.
  const out = w.map((x) => (width * x) / sum);
  for (let k = 0; k < 5; k++) {
    const short = out.map((x, c) => x < min[c]);
    const fixed = out.reduce((a, x, c) => a + (short[c] ? min[c] : 0), 0);
    const free = w.reduce((a, x, c) => a + (short[c] ? 0 : x), 0);
    out.forEach((_, c) => (out[c] = short[c] ? min[c] : ((width - fixed) * w[c]) / free));
  }
  return out;
}

function writerTable(t, n, width, fontPt) {
  const widths = columnWidths(t, width, fontPt);
  const styles = [`<style:style style:name="T${n}" style:family="table"><style:table-properties style:width="${width}cm" table:align="margins"/></style:style>`];
  widths.forEach((x, c) => styles.push(`<style:style style:name="T${n}.C${c}" style:family="table-column"><style:table-column-properties style:column-width="${x.toFixed(2)}cm"/></style:style>`));
  const w = widths;
  const cols = w.map((_, c) => `<table:table-column table:style-name="T${n}.C${c}"/>`).join("");
  const spans = rowSpans(t);
  const covered = new Set();
  const rows = t.rows.map((r, i) => {
    const head = t.header && i === 0;
    const style = head ? "CellHead" : "Cell";
    const para = head ? "TableHeading" : "TableContents";
    if (spanning(r, t.cols)) {
      return `<table:table-row><table:table-cell table:style-name="${style}" table:number-columns-spanned="${t.cols}" office:value-type="string">${cellParas(r[0], para)}</table:table-cell>${"<table:covered-table-cell/>".repeat(t.cols - 1)}</table:table-row>`;
    }
    const cells = padded(r, t.cols).map((c, k) => {
      if (k === 0 && covered.has(i)) return "<table:covered-table-cell/>";
      const span = k === 0 && spans.has(i) ? ` table:number-rows-spanned="${spans.get(i)}"` : "";
      if (span) for (let j = 1; j < spans.get(i); j++) covered.add(i + j);
      return `<table:table-cell table:style-name="${style}"${span} office:value-type="string">${c.text || c.paras ? cellParas(c, para) : `<text:p text:style-name="${para}"/>`}</table:table-cell>`;
    });
    return `<table:table-row>${cells.join("")}</table:table-row>`;
  });
  const head = t.header ? `<table:table-header-rows>${rows[0]}</table:table-header-rows>` : "";
  return { styles, xml: `<table:table table:name="Tabella${n}" table:style-name="T${n}">${cols}${head}${rows.slice(t.header ? 1 : 0).join("")}</table:table>` };
}

function writerList(b) {
  const style = b.ordered === "1." ? "LN" : b.ordered === "1)" ? "LP" : b.ordered === "a)" ? "LA" : b.bullet === "•" ? "LB" : "LD";
  const items = b.items
    .map((x, i) => `<text:list-item${i === 0 && b.ordered && b.start !== 1 ? ` text:start-value="${b.start}"` : ""}><text:p text:style-name="ListPara">${esc(x)}</text:p></text:list-item>`)
    .join("");
  return `<text:list text:style-name="${style}">${items}</text:list>`;
}

const LIST_STYLES = (() => {
  const props = `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.75cm" fo:text-indent="-0.75cm" fo:margin-left="0.75cm"/></style:list-level-properties>`;
  const num = (name, fmt, suffix) => `<text:list-style style:name="${name}"><text:list-level-style-number text:level="1" style:num-format="${fmt}" style:num-suffix="${suffix}">${props}</text:list-level-style-number></text:list-style>`;
  const bullet = (name, ch) => `<text:list-style style:name="${name}"><text:list-level-style-bullet text:level="1" text:bullet-char="${ch}">${props}</text:list-level-style-bullet></text:list-style>`;
  return num("LN", "1", ".") + num("LP", "1", ")") + num("LA", "a", ")") + bullet("LB", "•") + bullet("LD", "–");
})();

/**
 * @param blocks the document model
 * @param opts.font body font (Carlito stands in for Calibri, Liberation Serif for Times)
 */
export function fodt(blocks, { font = "Carlito", size = 10.5 } = {}) {
  const wide = blocks.some((b) => b.type === "table" && b.cols >= 7);
  const [pw, ph] = wide ? [29.7, 21] : [21, 29.7];
  const width = pw - 4;
  const auto = [];
  const body = [];
  let n = 0;
  for (const b of blocks) {
    if (b.type === "heading") body.push(`<text:h text:style-name="Heading_20_${Math.min(b.level, 4)}" text:outline-level="${Math.min(b.level, 4)}">${esc(b.text)}</text:h>`);
    else if (b.type === "para") {
      const inner = b.lines.map((l) => (b.bold ? `<text:span text:style-name="B">${esc(l)}</text:span>` : inlineLabel(l))).join("<text:line-break/>");
      body.push(`<text:p text:style-name="Body">${inner}</text:p>`);
    } else if (b.type === "list") body.push(writerList(b));
    else {
      const t = writerTable(b, ++n, width, size - 1.5);
      auto.push(...t.styles);
      body.push(t.xml, `<text:p text:style-name="Gap"/>`);
    }
  }
  const title = esc(titleOf(blocks));
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="${font}" svg:font-family="'${font}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.12cm" fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="${font}" fo:font-size="${size}pt" fo:language="it" fo:country="IT" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="justify"/></style:style>
<style:style style:name="Gap" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="6pt"/></style:style>
<style:style style:name="ListPara" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.06cm"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="${size + 6}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="${size + 3.5}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="3"><style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="${size + 1.5}pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_4" style:display-name="Heading 4" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="4"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="${size + 0.5}pt" fo:font-weight="bold" fo:font-style="italic"/></style:style>
<style:style style:name="TableContents" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0cm"/><style:text-properties fo:font-size="${size - 1.5}pt"/></style:style>
<style:style style:name="TableHeading" style:family="paragraph" style:parent-style-name="TableContents"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt"/></style:style>
${LIST_STYLES}
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="${pw}cm" fo:page-height="${ph}cm" style:print-orientation="${wide ? "landscape" : "portrait"}" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding-left="0.1cm" fo:padding-right="0.1cm" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties fo:background-color="#d9d9d9" fo:padding-left="0.1cm" fo:padding-right="0.1cm" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
${auto.join("\n")}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p text:style-name="Header">${title}</text:p></style:header><style:footer><text:p text:style-name="Footer">Pagina <text:page-number text:select-page="current">1</text:page-number> di <text:page-count>1</text:page-count></text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
${body.join("\n")}
</office:text></office:body></office:document>
`;
}

/** One sheet: text rows in the first column, tables in the cells, gridlines, landscape fitted to the width. */
export function fods(blocks, { font = "Liberation Sans", size = 9 } = {}) {
  const tables = blocks.filter((b) => b.type === "table");
  const ncols = Math.max(2, ...tables.map((t) => t.cols));
  // Column widths: the widest need of any table in that column.
  const weights = Array.from({ length: ncols }, () => 4);
  for (const t of tables) columnWeights(t).forEach((w, c) => (weights[c] = Math.max(weights[c], w)));
  const colXml = weights.map((w) => `<table:table-column table:style-name="co${Math.round(w)}"/>`).join("");
  const colStyles = [...new Set(weights.map((w) => Math.round(w)))].map((w) => `<style:style style:name="co${w}" style:family="table-column"><style:table-column-properties style:column-width="${(0.22 * w + 0.6).toFixed(2)}cm"/></style:style>`);
  const cell = (text, style, span = 1) => `<table:table-cell table:style-name="${style}" office:value-type="string"${span > 1 ? ` table:number-columns-spanned="${span}"` : ""}><text:p>${esc(text)}</text:p></table:table-cell>${"<table:covered-table-cell/>".repeat(span - 1)}`;
  const empty = `<table:table-row><table:table-cell table:number-columns-repeated="${ncols}"/></table:table-row>`;
  const rows = [];
  for (const b of blocks) {
    if (b.type === "heading") rows.push(`<table:table-row>${cell(b.text, "ceTitle")}</table:table-row>`);
    // A short line overflows into the empty cells beside it; a long one is wrapped in cells merged across the sheet.
    else if (b.type === "para") for (const l of b.lines) rows.push(`<table:table-row>${l.length <= 60 ? cell(l, b.bold ? "ceTitle" : "ceLine") : cell(l, b.bold ? "ceNoteB" : "ceNote", ncols)}</table:table-row>`);
    else if (b.type === "list") b.items.forEach((x, i) => rows.push(`<table:table-row>${cell(`${b.ordered === "a)" ? String.fromCharCode(96 + b.start + i) + ")" : b.ordered ? `${b.start + i}${b.ordered.slice(1)}` : b.bullet ?? "•"} ${x}`, "ceNote", ncols)}</table:table-row>`));
    else {
      b.rows.forEach((r, i) => {
        const head = b.header && i === 0;
        if (spanning(r, b.cols)) rows.push(`<table:table-row>${cell(r[0].text, "ceB", b.cols)}</table:table-row>`);
        else rows.push(`<table:table-row>${padded(r, b.cols).map((c) => cell(c.paras ? c.paras.join("\n") : c.text, head || c.bold ? "ceB" : "ce")).join("")}</table:table-row>`);
      });
      rows.push(empty);
    }
  }
  const title = esc(titleOf(blocks));
  const textProps = `<style:text-properties style:font-name="${font}" fo:font-size="${size}pt" fo:language="it" fo:country="IT"/>`;
  const wrap = `<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls><style:font-face style:name="${font}" svg:font-family="'${font}'"/></office:font-face-decls>
<office:styles><style:default-style style:family="table-cell">${textProps}</style:default-style></office:styles>
<office:automatic-styles>
${colStyles.join("\n")}
<style:style style:name="ce" style:family="table-cell">${wrap}</style:style>
<style:style style:name="ceB" style:family="table-cell">${wrap}<style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="ceNote" style:family="table-cell">${wrap}</style:style>
<style:style style:name="ceNoteB" style:family="table-cell">${wrap}<style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="ceLine" style:family="table-cell"/>
<style:style style:name="ceTitle" style:family="table-cell"><style:text-properties fo:font-weight="bold" fo:font-size="${size + 3}pt"/></style:style>
<style:style style:name="ta1" style:family="table" style:master-page-name="Wide"><style:table-properties table:display="true"/></style:style>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1.2cm" fo:margin-right="1.2cm" style:print="grid charts drawings objects zero-values" style:scale-to-X="1" style:scale-to-Y="0" loext:scale-to-X="1" loext:scale-to-Y="0" style:print-page-order="ttb"/><style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.3cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Wide" style:page-layout-name="pm1"><style:header><style:region-left><text:p>${title}</text:p></style:region-left></style:header><style:footer><style:region-center><text:p>Pagina <text:page-number>1</text:page-number> di <text:page-count>1</text:page-count></text:p></style:region-center></style:footer></style:master-page></office:master-styles>
<office:body><office:spreadsheet><table:table table:name="Obiettivi" table:style-name="ta1">${colXml}
${rows.join("\n")}
</table:table></office:spreadsheet></office:body></office:document>
`;
}
