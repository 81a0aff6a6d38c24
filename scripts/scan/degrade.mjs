/**
 * Turns born-digital PDF pages into what an office scanner in bilevel mode
 * makes of them, deterministically:
 *
 *   pdftoppm -gray (anti-aliased render at the scan resolution)
 *   → skew: a random rotation, ~1° on even pages, ≤0.3° on odd ones
 *     (the sheet is never perfectly square on the glass)
 *   → optics: a slight Gaussian blur
 *   → sensor: Gaussian grey-level noise (ragged glyph edges after the threshold)
 *   → a global threshold, varied a little per page (scanner auto-exposure)
 *   → dust: a few black specks on the page and white drop-outs in the ink
 *   → PBM → CCITT G4 TIFF (ImageMagick) → image-only PDF (img2pdf), page size
 *     in points the original's
 *
 * Every random draw comes from a PRNG seeded with the page's identity
 * (document stem, dpi, page number), so the same page always yields the same
 * bits whether it is made for the committed fixtures, the full-length scans
 * or the bench, and re-running gives the same bytes.
 *
 * Needs poppler-utils (pdftoppm), ImageMagick (/usr/bin/convert) and img2pdf.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The Debian binary, not a `convert` earlier on PATH (some images ship stand-ins).
const MAGICK = "/usr/bin/convert";

/** Scan settings, in physical units so 200 and 300 dpi degrade alike. */
export const SCAN = {
  /**
   * Even pages are skewed by ~1°, odd ones by at most 0.3°: a fixed pattern
   * rather than a draw, so every range of two pages or more holds a ~1° page.
   */
  skewDeg: [0.7, 1.2],
  straightDeg: 0.3,
  /** Blur sigma in mm (~0.6 px at 300 dpi). */
  blurMm: 0.05,
  /** Grey-level noise sigma (0–255). */
  noiseSigma: 14,
  /** Threshold as a share of white, drawn per page in this interval. */
  threshold: [0.46, 0.56],
  /** Dust per A4-sized page: black specks on the paper, white drop-outs in the ink. */
  specks: 220,
  dropouts: 220,
  /** Speck radius in mm (0.5–1.5 px at 300 dpi). */
  speckMm: [0.04, 0.13],
};

/** mulberry32: tiny, fast, and the same sequence on every platform. */
export function prng(key) {
  let h = 1779033703 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand) {
  // Box–Muller; 1 - rand() keeps log() away from 0.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Renders one page to an 8-bit grey image at `dpi` with pdftoppm. */
export function renderGrey(pdf, page, dpi) {
  const pgm = execFileSync("pdftoppm", ["-r", String(dpi), "-gray", "-f", String(page), "-l", String(page), pdf], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return parsePgm(pgm);
}

function parsePgm(buf) {
  // P5 <w> <h> <max>\n<bytes>; pdftoppm writes no comments.
  let pos = 0;
  const fields = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    let s = "";
    while (!/\s/.test(String.fromCharCode(buf[pos]))) s += String.fromCharCode(buf[pos++]);
    fields.push(s);
  }
  pos++;
  if (fields[0] !== "P5" || fields[3] !== "255") throw new Error(`pdftoppm: unexpected PGM header ${fields.join(" ")}`);
  const width = +fields[1];
  const height = +fields[2];
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset + pos, width * height).slice() };
}

/** Rotation about the page centre, bilinear, white outside: the content shifts, the sheet size stays. */
function rotate({ width, height, data }, deg) {
  if (deg === 0) return { width, height, data };
  const out = new Uint8Array(width * height);
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // Inverse mapping: where in the source this output pixel comes from.
      const sx = c * dx + s * dy + cx;
      const sy = -s * dx + c * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[y * width + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bot = data[i + width] + (data[i + width + 1] - data[i + width]) * fx;
      out[y * width + x] = top + (bot - top) * fy;
    }
  }
  return { width, height, data: out };
}

/** Separable Gaussian blur (float accumulation, clamped edges). */
function blur({ width, height, data }, sigma) {
  if (sigma < 0.2) return { width, height, data };
  const r = Math.ceil(sigma * 2.5);
  const k = [];
  let sum = 0;
  for (let i = -r; i <= r; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    k.push(v);
    sum += v;
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  const tmp = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r] * data[row + Math.min(width - 1, Math.max(0, x + i))];
      tmp[row + x] = acc;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r] * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
      out[y * width + x] = acc;
    }
  }
  return { width, height, data: out };
}

/** Paints a filled disc of `value` (1 black, 0 white) into a bilevel image. */
function disc(bits, width, height, cx, cy, r, value) {
  const ri = Math.ceil(r);
  for (let y = Math.max(0, Math.floor(cy - ri)); y <= Math.min(height - 1, Math.ceil(cy + ri)); y++) {
    for (let x = Math.max(0, Math.floor(cx - ri)); x <= Math.min(width - 1, Math.ceil(cx + ri)); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) bits[y * width + x] = value;
    }
  }
}

/**
 * One scanned page: returns the bilevel image (1 = black) and what was done
 * to it. `sheet` names the page (e.g. "000_x.rules.pdf#3"): the skew and the
 * exposure are the sheet's, the same at every resolution, as when one sheet
 * is scanned twice; the pixel noise and the dust are drawn per resolution.
 */
export function scanPage(pdf, page, dpi, sheet, opts = {}) {
  const sheetRand = prng(sheet);
  const rand = prng(`${sheet}@${dpi}`);
  const grey = renderGrey(pdf, page, dpi);
  const pxPerMm = dpi / 25.4;
  // opts.clean: a flatbed scan of a clean sheet laid square (threshold only);
  // opts.skewDeg / opts.skewEvery: the skew range and which pages get it (every 2nd by default).
  if (opts.clean) {
    const bits = new Uint8Array(grey.width * grey.height);
    for (let i = 0; i < bits.length; i++) bits[i] = grey.data[i] < 128 ? 1 : 0;
    return { width: grey.width, height: grey.height, bits, deg: 0, threshold: 0.5 };
  }
  const skewRange = opts.skewDeg ?? SCAN.skewDeg;
  const skewed = page % (opts.skewEvery ?? 2) === 0;
  const sign = sheetRand() < 0.5 ? -1 : 1;
  const deg = skewed
    ? sign * (skewRange[0] + sheetRand() * (skewRange[1] - skewRange[0]))
    : sign * sheetRand() * SCAN.straightDeg;
  const threshold = 255 * (SCAN.threshold[0] + sheetRand() * (SCAN.threshold[1] - SCAN.threshold[0]));

  const img = blur(rotate(grey, deg), SCAN.blurMm * pxPerMm);
  const { width, height, data } = img;
  const bits = new Uint8Array(width * height);
  for (let i = 0; i < bits.length; i++) bits[i] = data[i] + SCAN.noiseSigma * gaussian(rand) < threshold ? 1 : 0;

  // Dust scales with the sheet's area, not its pixel count.
  const area = (width / pxPerMm) * (height / pxPerMm) / (210 * 297);
  const radius = () => (SCAN.speckMm[0] + rand() * (SCAN.speckMm[1] - SCAN.speckMm[0])) * pxPerMm;
  for (let n = Math.round(SCAN.specks * area); n > 0; n--) disc(bits, width, height, rand() * width, rand() * height, radius(), 1);
  // Drop-outs are only visible in ink: try random points, keep those on black.
  let want = Math.round(SCAN.dropouts * area);
  for (let tries = 0; want > 0 && tries < want * 400; tries++) {
    const x = rand() * width;
    const y = rand() * height;
    if (bits[Math.floor(y) * width + Math.floor(x)] === 1) {
      disc(bits, width, height, x, y, radius() * 0.7, 0);
      want--;
    }
  }
  return { width, height, bits, deg, threshold: threshold / 255 };
}

/** Binary PBM (P4): rows padded to bytes, 1 = black, most significant bit first. */
export function toPbm({ width, height, bits }) {
  const rowBytes = Math.ceil(width / 8);
  const header = Buffer.from(`P4\n${width} ${height}\n`, "ascii");
  const body = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (bits[y * width + x]) body[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
  }
  return Buffer.concat([header, body]);
}

/**
 * PBM → single-strip CCITT G4 TIFF carrying the nominal resolution. One
 * strip: img2pdf then embeds the G4 data as it is (CCITTFaxDecode), without
 * re-encoding.
 */
export function pbmToG4Tiff(pbmFile, tiffFile, dpi) {
  execFileSync(MAGICK, [
    pbmFile,
    "-density", String(dpi),
    "-units", "PixelsPerInch",
    "-compress", "Group4",
    "-define", "tiff:rows-per-strip=1000000",
    tiffFile,
  ]);
}

/**
 * G4 TIFFs → one image-only PDF whose pages have the original's size in
 * points: pdftoppm rounds the pixel count up (an A4 side at 200 dpi is 2338.67
 * px → 2339), so sizing the page from pixels ÷ dpi would grow it by a tenth of
 * a point; the size is given exactly instead (`-f exact`: no aspect fitting).
 * img2pdf's internal engine with no date writes reproducible bytes (no /ID).
 */
export function tiffsToPdf(tiffs, pdfFile, [w, h]) {
  execFileSync("img2pdf", ["--engine", "internal", "--nodate", "-s", `${w}ptx${h}pt`, "-f", "exact", "-o", pdfFile, ...tiffs]);
}

/** Page size in points of each page of a PDF (pdfinfo), as displayed. */
export function pageSizes(pdf) {
  const out = execFileSync("pdfinfo", ["-f", "1", "-l", "100000", pdf]).toString();
  const sizes = new Map();
  for (const m of out.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) sizes.set(+m[1], [+m[2], +m[3]]);
  return sizes;
}

/** 1-bit PNG of a page, for engines fed with image files (the bench). */
export function pbmToPng(pbmFile, pngFile, dpi) {
  execFileSync(MAGICK, [pbmFile, "-density", String(dpi), "-units", "PixelsPerInch", "-strip", pngFile]);
}

/** Scans pages of `pdf` into `outPdf` (working files in `work`); returns per-page details. */
export function scanPdf(pdf, pages, dpi, outPdf, work, opts = {}) {
  const stem = path.basename(pdf);
  const sizes = pageSizes(pdf);
  const tiffs = [];
  const info = [];
  for (const p of pages) {
    const page = scanPage(pdf, p, dpi, `${stem}#${p}`, opts);
    const pbm = path.join(work, `${stem}-${dpi}-${p}.pbm`);
    const tif = pbm.replace(/\.pbm$/, ".tif");
    writeFileSync(pbm, toPbm(page));
    pbmToG4Tiff(pbm, tif, dpi);
    tiffs.push(tif);
    info.push({ page: p, deg: +page.deg.toFixed(2), threshold: +page.threshold.toFixed(3), bytes: readFileSync(tif).length });
  }
  // img2pdf takes one page size for all pages: the print styles never mix sizes.
  const size = sizes.get(pages[0]);
  if (pages.some((p) => sizes.get(p).join() !== size.join())) throw new Error(`${stem}: pages of different sizes`);
  tiffsToPdf(tiffs, outPdf, size);
  return info;
}

/**
 * An office scanner in grey mode, the other common setting: the sheet's
 * paper comes out light grey rather than white and its black a dark grey,
 * with the same skew and blur as above, a little sensor noise and no
 * threshold, stored as JPEG (the scanner's default) — the ink's edges and
 * 20 % grey borders and shading stay grey, blurred and ringing.
 */
export const GREY = {
  /** Levels the page's white and black come out at. */
  paper: 236,
  ink: 22,
  /** Grey-level noise sigma (the sensor's; a grey scan shows less than a thresholded one). */
  noiseSigma: 2,
  /** JPEG quality. */
  quality: 60,
};

/** One page scanned in grey: the grey image and its skew. */
export function greyScanPage(pdf, page, dpi, sheet, opts = {}) {
  const sheetRand = prng(sheet);
  const rand = prng(`${sheet}@${dpi}@grey`);
  const grey = renderGrey(pdf, page, dpi);
  const pxPerMm = dpi / 25.4;
  const skewed = page % (opts.skewEvery ?? 2) === 0;
  const sign = sheetRand() < 0.5 ? -1 : 1;
  const deg = skewed
    ? sign * (SCAN.skewDeg[0] + sheetRand() * (SCAN.skewDeg[1] - SCAN.skewDeg[0]))
    : sign * sheetRand() * SCAN.straightDeg;
  const img = blur(rotate(grey, deg), SCAN.blurMm * pxPerMm);
  const out = new Uint8Array(img.width * img.height);
  const k = (GREY.paper - GREY.ink) / 255;
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(GREY.ink + img.data[i] * k + GREY.noiseSigma * gaussian(rand))));
  return { width: img.width, height: img.height, data: out, deg };
}

/**
 * Scans pages of `pdf` in grey into `outPdf`, one JPEG per page (ImageMagick,
 * metadata stripped) embedded as it is by img2pdf; pages keep the original's
 * size in points. Returns per-page details.
 */
export function greyScanPdf(pdf, pages, dpi, outPdf, work) {
  const stem = path.basename(pdf);
  const sizes = pageSizes(pdf);
  const jpegs = [];
  const info = [];
  for (const p of pages) {
    const page = greyScanPage(pdf, p, dpi, `${stem}#${p}`);
    const pgm = path.join(work, `${stem}-${dpi}-${p}.pgm`);
    const jpg = pgm.replace(/\.pgm$/, ".jpg");
    writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${page.width} ${page.height}\n255\n`, "latin1"), Buffer.from(page.data)]));
    execFileSync(MAGICK, [pgm, "-density", String(dpi), "-units", "PixelsPerInch", "-strip", "-quality", String(GREY.quality), jpg]);
    jpegs.push(jpg);
    info.push({ page: p, deg: +page.deg.toFixed(2), bytes: readFileSync(jpg).length });
  }
  const size = sizes.get(pages[0]);
  if (pages.some((p) => sizes.get(p).join() !== size.join())) throw new Error(`${stem}: pages of different sizes`);
  tiffsToPdf(jpegs, outPdf, size);
  return info;
}
