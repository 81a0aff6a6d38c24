#!/usr/bin/env node
/**
 * Writes the small images the OCR tests read (test/data/ocr/), committed:
 *
 *   table.png         a ruled 4-column table of Italian text, 300 dpi, bilevel
 *   table-rot1.png    the same table turned 1° clockwise (as a careless scan)
 *   table.jpg         the table in grey JPEG, JFIF density 300 dpi
 *   pages-g4.tif      two pages, bilevel CCITT G4 (the usual scanner output), 300 dpi
 *   page-g3.tif       one page, CCITT G3 (fax), 200 dpi
 *   grey8.tif         8-bit grey, LZW, tiny (decoding only)
 *   rgb.tif           8-bit RGB, uncompressed, tiny (decoding only)
 *   blank.png         an empty white page
 *   one-pixel.png     1×1
 *   mixed.pdf         page 1 with a text layer, page 2 an image only
 *
 * Text is drawn with @napi-rs/canvas (Liberation Sans); ImageMagick `convert`
 * makes the bilevel PNG/TIFF variants and sets their resolution, img2pdf and
 * qpdf build the mixed PDF.
 *
 *   node scripts/ocr/make-test-images.mjs
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas } from "@napi-rs/canvas";
import { onePage, tableContent, text } from "../pdf/minipdf.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = path.join(ROOT, "test/data/ocr");
const DPI = 300;
const PT = DPI / 72;

const TABLE = [
  ["cod.", "Obiettivo", "Scadenza", "Peso"],
  ["1.1", "Monitoraggio andamento", "30/06/2025", "10%"],
  ["1.2", "Rendicontazione attività", "31/12/2025", "25%"],
  ["1.3", "Gestione del programma", "31/12/2026", "65%"],
];
const SECOND = [
  ["Fase", "Attività", "Termine"],
  ["2.1", "Analisi dei processi", "30/09/2025"],
  ["2.2", "Formazione del personale", "31/12/2025"],
];

/** A ruled table under a title, drawn at 300 dpi, turned by `deg` about the page centre. */
function drawTable(rows, widthsPt, title, deg = 0) {
  const rowH = 20 * PT,
    pad = 4 * PT;
  const tableW = widthsPt.reduce((a, b) => a + b, 0) * PT;
  const W = Math.round(tableW + 40 * PT),
    H = Math.round(rows.length * rowH + 70 * PT);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  ctx.translate(W / 2, H / 2);
  ctx.rotate((deg * Math.PI) / 180);
  ctx.translate(-W / 2, -H / 2);
  ctx.fillStyle = "#000";
  ctx.strokeStyle = "#000";
  ctx.lineWidth = 0.8 * PT;
  const x0 = 20 * PT,
    y0 = 45 * PT;
  ctx.font = `bold ${12 * PT}px "Liberation Sans"`;
  ctx.fillText(title, x0, 30 * PT);
  rows.forEach((r, i) => {
    let x = x0;
    ctx.font = `${i === 0 ? "bold " : ""}${10 * PT}px "Liberation Sans"`;
    r.forEach((cell, j) => {
      ctx.fillText(cell, x + pad, y0 + i * rowH + 14 * PT);
      x += widthsPt[j] * PT;
    });
  });
  ctx.beginPath();
  for (let i = 0; i <= rows.length; i++) {
    ctx.moveTo(x0, y0 + i * rowH);
    ctx.lineTo(x0 + tableW, y0 + i * rowH);
  }
  let x = x0;
  for (let j = 0; j <= widthsPt.length; j++) {
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y0 + rows.length * rowH);
    x += (widthsPt[j] ?? 0) * PT;
  }
  ctx.stroke();
  return canvas;
}

const magick = (...args) => execFileSync("convert", args, { stdio: ["ignore", "ignore", "inherit"] });

mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(path.join(os.tmpdir(), "ocr-images-"));
try {
  const out = (f) => path.join(OUT, f);
  const t = (f) => path.join(tmp, f);
  const widths = [70, 170, 80, 50];
  writeFileSync(t("table.png"), drawTable(TABLE, widths, "Piano degli obiettivi 2025").toBuffer("image/png"));
  writeFileSync(t("rot.png"), drawTable(TABLE, widths, "Piano degli obiettivi 2025", 1).toBuffer("image/png"));
  writeFileSync(t("second.png"), drawTable(SECOND, [50, 180, 80], "Fasi del progetto").toBuffer("image/png"));
  const res = ["-units", "PixelsPerInch", "-density", String(DPI)];
  magick(t("table.png"), "-colorspace", "Gray", "-threshold", "50%", "-type", "Bilevel", ...res, out("table.png"));
  magick(t("rot.png"), "-colorspace", "Gray", "-threshold", "50%", "-type", "Bilevel", ...res, out("table-rot1.png"));
  magick(t("table.png"), "-colorspace", "Gray", "-quality", "40", ...res, out("table.jpg"));
  magick(t("table.png"), t("second.png"), "-colorspace", "Gray", "-threshold", "50%", "-type", "Bilevel", "-compress", "Group4", ...res, out("pages-g4.tif"));
  magick(t("second.png"), "-colorspace", "Gray", "-resize", "66.667%", "-threshold", "50%", "-type", "Bilevel", "-compress", "Fax", "-units", "PixelsPerInch", "-density", "200", out("page-g3.tif"));
  magick("-size", "64x48", "gradient:white-black", "-depth", "8", "-compress", "LZW", out("grey8.tif"));
  magick("-size", "64x48", "xc:#c04020", "-type", "TrueColor", "-depth", "8", "-compress", "None", out("rgb.tif"));
  magick("-size", "1240x1754", "xc:white", "-type", "Bilevel", "-units", "PixelsPerInch", "-density", "150", out("blank.png"));
  magick("-size", "1x1", "xc:white", out("one-pixel.png"));

  // A text page (minipdf: Helvetica, a ruled table) followed by a page that is only an image.
  writeFileSync(
    t("text.pdf"),
    onePage({ content: text(56, 780, "Documento misto", 14, "F2") + tableContent(56, 740, [60, 220, 90, 60], TABLE.map((r) => r.map((c) => c.replace("à", "a")))) }),
  );
  execFileSync("img2pdf", ["--output", t("image.pdf"), out("pages-g4.tif"), "--first-frame-only"]);
  execFileSync("qpdf", ["--empty", "--pages", t("text.pdf"), t("image.pdf"), "--", out("mixed.pdf")]);

  for (const f of ["table.png", "table-rot1.png", "table.jpg", "pages-g4.tif", "page-g3.tif", "grey8.tif", "rgb.tif", "blank.png", "one-pixel.png", "mixed.pdf"]) {
    console.log(`${f.padEnd(16)} ${String(statSync(out(f)).size).padStart(7)} bytes`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
