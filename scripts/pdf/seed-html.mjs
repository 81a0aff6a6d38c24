// Turns a seed text export into HTML for printing: lines holding TABs are table
// rows (consecutive ones form one table), other non-empty lines are paragraphs,
// blank lines separate groups. Markup seen in the seeds (**bold**, <b>, <i>, <p>,
// Markdown # headings, \_ escapes) becomes real HTML so the PDF looks like a
// document, not like markup.

/** @typedef {{type:"table", rows:string[][]} | {type:"group", lines:{text:string, heading:number}[]}} Block */

/** @param {string} text @returns {Block[]} */
export function parseSeed(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  /** @type {Block[]} */
  const blocks = [];
  let cur = null;
  for (const line of lines) {
    if (line.includes("\t")) {
      if (!cur || cur.type !== "table") blocks.push((cur = { type: "table", rows: [] }));
      cur.rows.push(line.split("\t"));
    } else if (line.trim() === "") {
      cur = null;
    } else {
      if (!cur || cur.type !== "group") blocks.push((cur = { type: "group", lines: [] }));
      const m = /^(#{1,6})\s+(.*)$/.exec(line.trim());
      cur.lines.push(m ? { text: m[2], heading: m[1].length } : { text: line, heading: 0 });
    }
  }
  return blocks;
}

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Inline markup → HTML. `state.bold` carries a `**` opened on an earlier line
 * (the seeds have bold titles spanning several lines).
 */
export function inline(src, state = { bold: false }) {
  let out = "";
  let i = 0;
  let open = state.bold ? "<b>" : "";
  out += open;
  while (i < src.length) {
    const rest = src.slice(i);
    let m;
    if (rest.startsWith("**")) {
      out += state.bold ? "</b>" : "<b>";
      state.bold = !state.bold;
      i += 2;
    } else if ((m = /^<\/?(b|i|strong|em)>/i.exec(rest))) {
      out += m[0].toLowerCase();
      i += m[0].length;
    } else if ((m = /^<p>/i.exec(rest))) {
      out += '<span class="p">';
      i += m[0].length;
    } else if ((m = /^<\/p>/i.exec(rest))) {
      out += "</span>";
      i += m[0].length;
    } else if ((m = /^<\/?(ul|ol|li|span|div|br)\b[^>]*>/i.exec(rest))) {
      out += " "; // structure we do not reproduce: keep the words apart
      i += m[0].length;
    } else if ((m = /^\\([\\_*|,# .\-`])/.exec(rest))) {
      out += esc(m[1]);
      i += m[0].length;
    } else {
      out += esc(src[i]);
      i += 1;
    }
  }
  if (state.bold) out += "</b>";
  return out;
}

/**
 * Splits a line where the export glued separate lines — the library's own rule
 * (src/extract/markup.ts), so fixtures and the text path agree. Needs `npm run build`.
 */
const { splitFusedBold, splitGluedCode } = await import(new URL("../../dist/extract/markup.js", import.meta.url).href);

export function unglue(line) {
  return splitFusedBold(line).flatMap(splitGluedCode);
}

/** @param {string[]} cells */
function nonEmpty(cells) {
  return cells.filter((c) => c.trim() !== "").length;
}

/** A leading row whose only text is in its first cell: a caption spanning the table. */
function isSpanRow(cells, width) {
  return width > 1 && cells[0]?.trim() !== "" && nonEmpty(cells) === 1;
}

function rowHtml(cells, width, tag) {
  const padded = [...cells];
  while (padded.length < width) padded.push("");
  if (isSpanRow(padded, width)) {
    return `<tr><${tag} colspan="${width}">${inline(padded[0].trim())}</${tag}></tr>`;
  }
  return `<tr>${padded.map((c) => `<${tag}>${inline(c.trim())}</${tag}>`).join("")}</tr>`;
}

/**
 * @param {Block[]} blocks
 * @param {{ repeatHeader: boolean }} opts
 */
export function bodyHtml(blocks, opts) {
  const parts = [];
  for (const b of blocks) {
    if (b.type === "group") {
      const state = { bold: false };
      const out = [];
      let open = false; // inside a <p> continued by a Markdown hard break
      for (const l of b.lines) {
        if (l.heading) {
          if (open) out.push("</p>");
          open = false;
          out.push(`<h${l.heading}>${inline(l.text.trim(), state)}</h${l.heading}>`);
          continue;
        }
        // Two trailing spaces (or <br>) = a hard line break inside one paragraph.
        const hard = / {2,}$/.test(l.text) || /<br\s*\/?>\s*$/i.test(l.text);
        // Runs glued by the export ("**a****b**", "…TESTO**OBIETTIVO:**", "2024\_A01\_07Assessorato")
        // were separate lines in the original: print them so.
        const pieces = unglue(l.text.trim());
        pieces.forEach((piece, k) => {
          if (!open) out.push("<p>");
          out.push(inline(piece.replace(/<br\s*\/?>\s*$/i, ""), state));
          open = hard && k === pieces.length - 1;
          out.push(open ? "<br>" : "</p>");
        });
      }
      if (open) out.push("</p>");
      parts.push(`<div class="group">${out.join("")}</div>`);
    } else {
      const width = Math.max(...b.rows.map((r) => r.length));
      // The repeated header: an optional spanning caption row plus the column header row.
      let head = 0;
      if (opts.repeatHeader && b.rows.length > 2) {
        head = isSpanRow(b.rows[0], width) ? 2 : 1;
        if (head >= b.rows.length) head = 0;
      }
      const thead = b.rows.slice(0, head).map((r) => rowHtml(r, width, "th")).join("");
      const tbody = b.rows.slice(head).map((r) => rowHtml(r, width, "td")).join("");
      parts.push(`<table>${thead ? `<thead>${thead}</thead>` : ""}<tbody>${tbody}</tbody></table>`);
    }
  }
  return parts.join("\n");
}

/** First readable line of the seed, used as a running header in style (b). */
export function runningTitle(blocks) {
  for (const b of blocks) {
    if (b.type !== "group") continue;
    for (const l of b.lines) {
      const t = l.text.replace(/\*\*|<[^>]+>|\\/g, "").trim();
      if (t.length >= 6) return t.length > 70 ? t.slice(0, 67) + "…" : t;
    }
  }
  return "Documento";
}

export const STYLES = {
  // (a) portrait A4, full cell borders, ordinary type.
  grid: {
    landscape: false,
    header: false,
    css: `
      @page { size: A4 portrait; margin: 16mm 14mm 16mm 14mm; }
      body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.25; }
      .group { margin: 0 0 10pt 0; }
      .group p { margin: 0 0 3pt 0; }
      h1, h2, h3, h4, h5, h6 { margin: 4pt 0 4pt 0; }
      h1 { font-size: 15pt; } h2 { font-size: 13pt; } h3 { font-size: 11.5pt; } h4, h5, h6 { font-size: 10pt; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; }
      td, th { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: top; text-align: left; font-weight: normal; }
      thead th { font-weight: bold; background: #e8e8e8; }
      .p { display: block; margin: 0 0 3pt 0; }
      .p:last-child { margin-bottom: 0; }
    `,
  },
  // (b) landscape, horizontal rules only, small type, repeated header rows,
  // running header and "Pagina n di m" footer printed by Chromium itself.
  rules: {
    landscape: true,
    header: true,
    css: `
      @page { size: A4 landscape; margin: 18mm 12mm 16mm 12mm; }
      body { font-family: "DejaVu Sans", sans-serif; font-size: 7pt; line-height: 1.3; }
      .group { margin: 0 0 8pt 0; }
      .group p { margin: 0 0 2pt 0; }
      h1, h2, h3, h4, h5, h6 { margin: 3pt 0 3pt 0; }
      h1 { font-size: 12pt; } h2 { font-size: 10.5pt; } h3 { font-size: 9pt; } h4, h5, h6 { font-size: 7.5pt; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 8pt 0; }
      td, th { border: none; border-bottom: 0.5pt solid #555; padding: 2pt 4pt 2pt 0; vertical-align: top; text-align: left; font-weight: normal; }
      thead th { font-weight: bold; border-bottom: 1pt solid #000; }
      thead { display: table-header-group; }
      .p { display: block; margin: 0 0 2pt 0; }
      .p:last-child { margin-bottom: 0; }
    `,
  },
};

// Extra styles to check that the layout generalises (not committed by default:
// node scripts/make-pdf-fixtures.mjs --styles plain,zebra,word,bare --out /tmp/x).
Object.assign(STYLES, {
  // No rules at all: columns only from alignment, serif type.
  plain: {
    landscape: false,
    header: false,
    css: `
      @page { size: A4 portrait; margin: 20mm 15mm; }
      body { font-family: "Liberation Serif", serif; font-size: 9pt; line-height: 1.2; }
      .group { margin: 0 0 9pt 0; } .group p { margin: 0 0 2pt 0; }
      h1, h2, h3, h4, h5, h6 { margin: 4pt 0; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 12pt 0; }
      td, th { border: none; padding: 3pt 6pt 3pt 0; vertical-align: top; text-align: left; font-weight: normal; }
      .p { display: block; margin: 0 0 3pt 0; } .p:last-child { margin-bottom: 0; }
    `,
  },
  // Alternating row shading, no lines; repeated headers; a footer with page numbers.
  zebra: {
    landscape: true,
    header: true,
    css: `
      @page { size: A4 landscape; margin: 16mm 14mm; }
      body { font-family: "Liberation Sans", sans-serif; font-size: 8pt; line-height: 1.25; }
      .group { margin: 0 0 8pt 0; } .group p { margin: 0 0 2pt 0; }
      h1, h2, h3, h4, h5, h6 { margin: 3pt 0; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 10pt 0; }
      td, th { border: none; padding: 3pt 5pt; vertical-align: top; text-align: left; font-weight: normal; }
      tbody tr:nth-child(even) td { background: #e6e6e6; }
      thead th { background: #c8c8c8; font-weight: bold; }
      thead { display: table-header-group; }
      .p { display: block; margin: 0 0 2pt 0; } .p:last-child { margin-bottom: 0; }
    `,
  },
  // Held-out rule-less style, tighter than `plain`: sans-serif 8 pt, line-height
  // 1.1, 1–2 pt cell padding, landscape, repeated header rows, no rules or shading.
  bare: {
    landscape: true,
    header: true,
    css: `
      @page { size: A4 landscape; margin: 15mm 12mm; }
      body { font-family: "Nimbus Sans", "Liberation Sans", sans-serif; font-size: 8pt; line-height: 1.1; }
      .group { margin: 0 0 7pt 0; } .group p { margin: 0 0 2pt 0; }
      h1, h2, h3, h4, h5, h6 { margin: 3pt 0; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 9pt 0; }
      td, th { border: none; padding: 1pt 5pt 2pt 1pt; vertical-align: top; text-align: left; font-weight: normal; }
      thead th { font-weight: bold; }
      thead { display: table-header-group; }
      .p { display: block; margin: 0 0 1pt 0; } .p:last-child { margin-bottom: 0; }
    `,
  },
  // Word-like: thick outer border, thin inner grid, roomy cells, middle-aligned, centered headers.
  word: {
    landscape: false,
    header: true,
    css: `
      @page { size: A4 portrait; margin: 25mm 20mm; }
      body { font-family: "DejaVu Serif", serif; font-size: 8.5pt; line-height: 1.15; }
      .group { margin: 0 0 6pt 0; } .group p { margin: 0; }
      h1, h2, h3, h4, h5, h6 { margin: 6pt 0 3pt 0; }
      table { border-collapse: collapse; width: 100%; margin: 0 0 8pt 0; border: 1.5pt solid #000; }
      td, th { border: 0.5pt solid #333; padding: 5pt 5pt; vertical-align: middle; text-align: left; font-weight: normal; }
      thead th { text-align: center; font-weight: bold; }
      thead { display: table-header-group; }
      .p { display: block; margin: 0 0 4pt 0; } .p:last-child { margin-bottom: 0; }
    `,
  },
});

/** @param {string} seedText @param {keyof typeof STYLES} style */
export function seedToHtml(seedText, style) {
  const blocks = parseSeed(seedText);
  const s = STYLES[style];
  const body = bodyHtml(blocks, { repeatHeader: s.header });
  return {
    html: `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${esc(runningTitle(blocks))}</title><style>${s.css}</style></head><body>\n${body}\n</body></html>`,
    title: runningTitle(blocks),
  };
}

/** Plain text of a seed cell, as a reader sees it printed: markup gone, spaces folded. */
export function plainCell(src) {
  return src
    .replace(/<\/p>\s*<p>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\*\*/g, "")
    .replace(/\\([\\_*|,# .\-`])/g, "$1")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The seed's table rows as arrays of plain, non-empty cell texts. */
export function seedTableRows(seedText) {
  return parseSeed(seedText)
    .filter((b) => b.type === "table")
    .flatMap((b) => b.rows.map((r) => r.map(plainCell).filter((c) => c !== "")))
    .filter((r) => r.length > 0);
}
