#!/usr/bin/env node
/**
 * A scan fed into the scanner the wrong way: each page's bitmap turned by a
 * quarter turn, half a turn or not at all, with no /Rotate to say so (as a
 * sheet-fed scanner leaves a landscape table fed sideways, or a sheet laid
 * upside down on the glass). The page size follows the bitmap: a page turned
 * by a quarter comes out landscape.
 *
 *   node scripts/scan/turn.mjs IN.pdf OUT.pdf 90,180   (degrees clockwise, one per page; missing pages stay as they are)
 *
 * Needs poppler-utils (pdfimages, pdfinfo), ImageMagick, img2pdf and qpdf.
 * The output bytes are reproducible (as degrade.mjs writes its scans; qpdf
 * joins the pages with an ID drawn from their content), and the bitmaps are
 * the input's, bit for bit, turned.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { pbmToG4Tiff, tiffsToPdf } from "./degrade.mjs";

const MAGICK = "/usr/bin/convert";

export function turnScan(input, output, turns) {
  const work = mkdtempSync(path.join(tmpdir(), "piao-turn-"));
  try {
    const info = execFileSync("pdfinfo", ["-f", "1", "-l", "9999", input]).toString();
    const sizes = [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [+m[2], +m[3]]);
    execFileSync("pdfimages", ["-tiff", "-p", input, path.join(work, "img")]);
    const images = readdirSync(work).filter((f) => f.endsWith(".tif")).sort();
    if (images.length !== sizes.length) throw new Error(`${input}: expected one image per page, found ${images.length} for ${sizes.length} pages`);
    const parts = images.map((img, i) => {
      const turn = turns[i] ?? 0;
      if (![0, 90, 180, 270].includes(turn)) throw new Error(`turn ${turn}: not a multiple of 90`);
      const src = path.join(work, img);
      // The resolution the page was scanned at, from its bitmap's width over the page's.
      const px = +execFileSync("identify", ["-format", "%w", src]).toString();
      const dpi = Math.round((px * 72) / sizes[i][0]);
      const pbm = path.join(work, `t${i}.pbm`),
        tif = path.join(work, `t${i}.tif`),
        pdf = path.join(work, `t${i}.pdf`);
      execFileSync(MAGICK, [src, "-rotate", String(turn), pbm]);
      pbmToG4Tiff(pbm, tif, dpi);
      tiffsToPdf([tif], pdf, turn % 180 ? [sizes[i][1], sizes[i][0]] : sizes[i]);
      return pdf;
    });
    execFileSync("qpdf", ["--deterministic-id", "--empty", "--pages", ...parts, "--", output]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output, list] = process.argv.slice(2);
  if (!input || !output || !list) {
    console.error("usage: turn.mjs IN.pdf OUT.pdf 90,180,…");
    process.exit(2);
  }
  turnScan(input, output, list.split(",").map(Number));
}
