// The document model → HTML for Chromium, in print styles the layout was not
// tuned on (the generator of ../shared/dev and scripts/pdf/seed-html.mjs have
// their own): small sans type with horizontal rules only, a shaded header with
// no rules at all, narrow numeric columns side by side, repeated header rows,
// rows split across pages, and a landscape table turned on a portrait page.
import { padded, spanning, titleOf, xmlEscape as esc } from "./model.mjs";
import { printOptions } from "../pdf/chromium-pdf.mjs";

const NUMERIC = /^[\d\s.,%€<>=≤≥+\-–/]+$/;

/** Columns whose body cells are mostly numbers are set narrow and flush right. */
function numericColumns(t) {
  const body = t.rows.slice(t.header ? 1 : 0);
  const out = new Set();
  for (let c = 0; c < t.cols; c++) {
    const vals = body.map((r) => r[c]?.text ?? "").filter(Boolean);
    if (vals.length >= 2 && vals.filter((v) => NUMERIC.test(v)).length >= 0.7 * vals.length) out.add(c);
  }
  return out;
}

function cellHtml(c) {
  const inner = c.paras ? c.paras.map((p) => `<p>${esc(p)}</p>`).join("") : esc(c.text);
  return c.bold ? `<b>${inner}</b>` : inner;
}

function tableHtml(t) {
  const num = numericColumns(t);
  const rows = t.rows.map((r, i) => {
    const tag = t.header && i === 0 ? "th" : "td";
    if (spanning(r, t.cols)) return `<tr><${tag} colspan="${t.cols}">${cellHtml(r[0])}</${tag}></tr>`;
    return `<tr>${padded(r, t.cols)
      .map((c, k) => `<${tag}${num.has(k) ? ' class="num"' : ""}>${cellHtml(c)}</${tag}>`)
      .join("")}</tr>`;
  });
  const head = t.header ? `<thead>${rows[0]}</thead>` : "";
  return `<table>${head}<tbody>${rows.slice(t.header ? 1 : 0).join("\n")}</tbody></table>`;
}

function listHtml(b) {
  const items = b.items.map((x) => `<li>${esc(x)}</li>`).join("\n");
  if (b.ordered === "1.") return `<ol start="${b.start}">${items}</ol>`;
  if (b.ordered === "1)") return `<ol class="paren" start="${b.start}">${items}</ol>`;
  if (b.ordered === "a)") return `<ol class="alpha" start="${b.start}">${items}</ol>`;
  // A disc is drawn as a shape; a dash as a glyph.
  return b.bullet === "•" ? `<ul>${items}</ul>` : `<ul class="dash">${items}</ul>`;
}

export function bodyHtml(blocks) {
  return blocks
    .map((b) => {
      if (b.type === "heading") return `<h${Math.min(b.level, 6)}>${esc(b.text)}</h${Math.min(b.level, 6)}>`;
      if (b.type === "para") {
        const inner = b.lines.map(esc).join("<br>");
        return `<p>${b.bold ? `<b>${inner}</b>` : inner}</p>`;
      }
      if (b.type === "list") return listHtml(b);
      return tableHtml(b);
    })
    .join("\n");
}

const COMMON = `
  p { margin: 0 0 4pt 0; }
  table { border-collapse: collapse; width: 100%; margin: 2pt 0 8pt 0; }
  th, td { text-align: left; vertical-align: top; font-weight: normal; }
  th { font-weight: bold; }
  td p, th p { margin: 0 0 2pt 0; }
  td.num, th.num { text-align: right; white-space: nowrap; width: 1%; }
  thead { display: table-header-group; }
  ol.alpha { list-style-type: lower-alpha; }
  ol.alpha li::marker { content: counter(list-item, lower-alpha) ") "; }
  ol.paren li::marker { content: counter(list-item) ") "; }
  ul.dash { list-style-type: "– "; }
  li { margin: 0 0 2pt 0; }
`;

/** A print style: page, body type, heading sizes (pt, margin) and the table's own rules. */
function style({ landscape, margin, font, size, leading, headings, table }) {
  const [h1, h2, h3] = headings;
  return {
    landscape,
    header: true,
    css: `
      @page { size: A4 ${landscape ? "landscape" : "portrait"}; margin: ${margin}; }
      body { font-family: ${font}; font-size: ${size}pt; line-height: ${leading}; }
      h1 { font-size: ${h1[0]}pt; margin: ${h1[1]}pt 0; } h2 { font-size: ${h2[0]}pt; margin: ${h2[1]}pt 0; } h3, h4, h5, h6 { font-size: ${h3[0]}pt; margin: ${h3[1]}pt 0; }
      ${COMMON}
      ${table}
    `,
  };
}

export const CHROMIUM_STYLES = {
  // Landscape, small sans, a rule under each row only, repeated header rows,
  // rows left to break across pages, narrow numeric columns side by side.
  "chromium-rules": style({
    landscape: true,
    margin: "16mm 12mm 14mm 12mm",
    font: '"DejaVu Sans", sans-serif',
    size: 7.5,
    leading: 1.25,
    headings: [[12, 4], [10, 4], [8.5, 3]],
    table: `th, td { border: none; border-bottom: 0.4pt solid #444; padding: 1.5pt 3pt 1.5pt 1pt; }
      td.num, th.num { padding: 1.5pt 1pt; }
      thead th { border-bottom: 1pt solid #000; }
      tr { break-inside: auto; }`,
  }),
  // Portrait, sans 8 pt, the header row shaded, no rules at all.
  "chromium-shaded": style({
    landscape: false,
    margin: "18mm 14mm 16mm 14mm",
    font: '"Liberation Sans", sans-serif',
    size: 8,
    leading: 1.2,
    headings: [[14, 5], [11, 5], [9, 4]],
    table: `th, td { border: none; padding: 2pt 4pt; }
      thead th, tr:first-child th { background: #d9e2f3; }`,
  }),
};

/** The whole page, and the running header and footer templates Chromium prints itself. */
export function chromiumPage(blocks, style) {
  const s = CHROMIUM_STYLES[style];
  const title = titleOf(blocks);
  const html = `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${s.css}</style></head><body>\n${bodyHtml(blocks)}\n</body></html>`;
  const font = "font-family:'DejaVu Sans',sans-serif;font-size:6.5pt;width:100%;margin:0 12mm;";
  return {
    html,
    print: printOptions({
      landscape: s.landscape,
      header: s.header,
      headerTemplate: `<div style="${font}display:flex;justify-content:space-between"><span>${esc(title)}</span><span>Allegato al PIAO</span></div>`,
      footerTemplate: `<div style="${font}text-align:center">Pagina <span class="pageNumber"></span> di <span class="totalPages"></span></div>`,
    }),
  };
}
