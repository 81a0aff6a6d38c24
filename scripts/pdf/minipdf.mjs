// A tiny PDF writer for byte-exact test fixtures (no dependencies): enough to
// place Helvetica text, lines and rectangles, set /Rotate, and attach the
// document-level JavaScript that a safe reader must never run.

/**
 * @param {string[]} objects bodies of objects 1..n (object 1 must be the catalog)
 * @param {{ trailer?: string }} [opts]
 * @returns {Uint8Array}
 */
export function buildPdf(objects, opts = {}) {
  let out = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${opts.trailer ?? ""}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
}

const stream = (content, dict = "") => `<< /Length ${content.length} ${dict}>>\nstream\n${content}\nendstream`;

/** Escapes a string for a PDF literal (WinAnsi: Latin-1 covers Italian accents). */
const lit = (s) => `(${s.replace(/([\\()])/g, "\\$1")})`;

/**
 * One-page documents built from a content stream.
 * @param {{ content: string, mediaBox?: number[], rotate?: number, catalogExtra?: string, pageExtra?: string, extraObjects?: string[] }} p
 */
export function onePage(p) {
  const mb = p.mediaBox ?? [0, 0, 595, 842];
  const objs = [
    `<< /Type /Catalog /Pages 2 0 R ${p.catalogExtra ?? ""}>>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [${mb.join(" ")}] ${p.rotate ? `/Rotate ${p.rotate} ` : ""}/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R ${p.pageExtra ?? ""}>>`,
    stream(p.content),
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>`,
    ...(p.extraObjects ?? []),
  ];
  return buildPdf(objs);
}

/** Text at (x, y) in PDF user space (origin bottom-left), size pt, font F1/F2. */
export const text = (x, y, s, size = 10, font = "F1") => `BT /${font} ${size} Tf ${x} ${y} Td ${lit(s)} Tj ET\n`;

/** A small ruled table: header + rows, cell borders stroked. */
export function tableContent(x0, yTop, widths, rows, rowH = 18) {
  let c = "0.5 w\n";
  const total = widths.reduce((a, b) => a + b, 0);
  rows.forEach((r, i) => {
    const y = yTop - (i + 1) * rowH;
    let x = x0;
    r.forEach((cell, j) => {
      c += text(x + 3, y + 5, cell, 9, i === 0 ? "F2" : "F1");
      x += widths[j] ?? 0;
    });
  });
  for (let i = 0; i <= rows.length; i++) c += `${x0} ${yTop - i * rowH} m ${x0 + total} ${yTop - i * rowH} l S\n`;
  let x = x0;
  for (let j = 0; j <= widths.length; j++) {
    c += `${x} ${yTop} m ${x} ${yTop - rows.length * rowH} l S\n`;
    x += widths[j] ?? 0;
  }
  return c;
}

const SAMPLE_ROWS = [
  ["cod.", "descrizione", "termine", "peso"],
  ["1.1", "Prima attivita di prova", "30/06/25", "40,00%"],
  ["1.2", "Seconda attivita di prova", "31/12/25", "60,00%"],
];

/** The error/edge fixtures committed under fixtures/pdf/errors/. */
export function errorFixtures() {
  const body = text(56, 780, "Documento di prova", 14, "F2") + text(56, 750, "Un paragrafo di testo semplice.") +
    tableContent(56, 720, [50, 250, 80, 80], SAMPLE_ROWS);
  return {
    // Document-level JavaScript three ways: /OpenAction, /Names /JavaScript and a
    // page /AA action. A reader that ran it would call app.alert / launch a URL.
    "javascript.pdf": onePage({
      content: body,
      catalogExtra: "/OpenAction 7 0 R /Names << /JavaScript << /Names [(init) 8 0 R] >> >> /AcroForm << /Fields [] >>",
      pageExtra: "/AA << /O 7 0 R >>",
      extraObjects: [
        `<< /Type /Action /S /JavaScript /JS (app.alert\\("pwned"\\); this.submitForm\\("http://127.0.0.1:9/x"\\);) >>`,
        `<< /Type /Action /S /JavaScript /JS (app.launchURL\\("http://127.0.0.1:9/y", true\\);) >>`,
      ],
    }),
    // Only vector graphics: what a scan looks like to a text extractor.
    "no-text.pdf": onePage({
      content: "0.5 w 56 700 m 500 700 l S 56 600 200 80 re f 0.2 g 300 600 100 50 re f\n",
    }),
    // The same table on a portrait page displayed landscape via /Rotate 90:
    // text drawn rotated so it reads left-to-right once the viewer turns the page.
    "rotate90.pdf": onePage({
      mediaBox: [0, 0, 595, 842],
      rotate: 90,
      content: `q 0 1 -1 0 595 0 cm\n${text(56, 540, "Pagina ruotata", 14, "F2")}${tableContent(56, 500, [50, 250, 80, 80], SAMPLE_ROWS)}Q\n`,
    }),
    // A landscape MediaBox with upright text: nothing to turn.
    "landscape.pdf": onePage({
      mediaBox: [0, 0, 842, 595],
      content: text(56, 540, "Pagina orizzontale", 14, "F2") + tableContent(56, 500, [50, 400, 80, 80], SAMPLE_ROWS),
    }),
  };
}

export { SAMPLE_ROWS };
