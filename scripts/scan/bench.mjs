#!/usr/bin/env node
/**
 * OCR bench (needs `npm run build`): the same scanned page images, in one run,
 *   (a) tesseract.js through the library's own worker pool (both cores),
 *       with the page model (tessdata_fast, models/tessdata_fast),
 *   (b) native `tesseract` (Debian tesseract-ocr) as two parallel single-thread
 *       processes (OMP_THREAD_LIMIT=1: its default OpenMP threading is several
 *       times slower on a 2-core machine), with the same model file — which
 *       is byte for byte Debian's own tesseract-ocr-ita model — so (a)/(b)
 *       compares engines, not models,
 *   (a′) and (b′) the same two with the "best" model (@tesseract.js-data/ita
 *       4.0.0_best_int), the one the library reads doubtful stretches again with,
 *   (c) the library's whole OCR page path on the scan PDF of the same page
 *       (pdf.js render at 300 dpi, deskew, rule removal, the fast pool, the
 *       second reading of doubtful stretches by the best model, debris
 *       clean-up) — what convert() spends per page,
 * all with the pool's page segmentation mode, at 300 and 200 dpi. Prints
 * seconds per page (wall clock over the page set, both cores busy) and CPU
 * seconds per page (user + system: this process with its worker threads, or
 * the native processes; steadier than the wall clock when other processes
 * share the cores), the time ratios to (b), OCR quality against the born-digital page's text
 * (`pdftotext -layout`): order-free word recall and precision and CER (see
 * textmetrics.mjs), and peak RSS (this process, which holds the pool's
 * worker threads; the largest native process).
 *
 * The page images are made by scripts/scan/degrade.mjs exactly as the
 * full-length scans of `make-scan-fixtures.mjs --full` (same sheet → same
 * bits), so the bench needs no generated files; they are made in a child
 * process, so that the peak RSS reported is the OCR's, not the image
 * synthesis's.
 *
 * The machine's cores are shared: when other processes run (load average
 * printed first), every figure is pessimistic, and the ratios noisier.
 *
 *   node scripts/scan/bench.mjs [--rounds 1] [--dpi 300,200] [--pages 000:4,004:13]
 * or as the `ocr` section of scripts/bench.mjs.
 */
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { pageSizes, pbmToG4Tiff, pbmToPng, scanPage, tiffsToPdf, toPbm } from "./degrade.mjs";
import { PICKS } from "./picks.mjs";
import { charCounts, totals, tsvText, wordCounts } from "./textmetrics.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);

/**
 * The page set: three landscape 7 pt "rules" pages and three portrait 9.5 pt
 * "grid" pages, half of them skewed by ~1° (even pages), none of them in the
 * committed fixtures' ranges.
 */
export const BENCH_PAGES = [
  { seed: "000", page: 4 },
  { seed: "003", page: 7 },
  { seed: "003", page: 8 },
  { seed: "001", page: 10 },
  { seed: "004", page: 13 },
  { seed: "004", page: 20 },
];
const NATIVE_PROCESSES = 2;

function fmt(n, d = 2) {
  return n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}
const pct = (x) => `${fmt(100 * x, 1)}%`;

function stemOf(seed) {
  const f = readdirSync(path.join(ROOT, "fixtures/gold")).find((n) => n.startsWith(`${seed}_`) && n.endsWith(".json"));
  if (!f) throw new Error(`no gold for seed ${seed}`);
  return f.replace(/\.json$/, "");
}

/**
 * One page scanned at `dpi`: a 1-bit PNG for the engines fed with files, a
 * one-page image-only PDF for (c), and the born-digital page's text.
 */
function makePage(spec, dpi, work) {
  const stem = stemOf(spec.seed);
  const source = path.join(ROOT, "fixtures/pdf", `${stem}.${PICKS[spec.seed].style}.pdf`);
  const sheet = `${path.basename(source)}#${spec.page}`;
  const img = scanPage(source, spec.page, dpi, sheet);
  const base = path.join(work, `${spec.seed}-p${spec.page}-${dpi}`);
  writeFileSync(`${base}.pbm`, toPbm(img));
  pbmToPng(`${base}.pbm`, `${base}.png`, dpi);
  pbmToG4Tiff(`${base}.pbm`, `${base}.tif`, dpi);
  tiffsToPdf([`${base}.tif`], `${base}.pdf`, pageSizes(source).get(spec.page));
  const reference = execFileSync("pdftotext", ["-layout", "-f", String(spec.page), "-l", String(spec.page), source, "-"]).toString("utf8");
  return { png: `${base}.png`, pdf: `${base}.pdf`, reference };
}

/** `--make-pages DIR`: the child process's job; writes DIR/pages.json ({dpi: page[]}). */
function makePages(specs, dpis, work) {
  const byDpi = Object.fromEntries(dpis.map((dpi) => [dpi, specs.map((s) => makePage(s, dpi, work))]));
  writeFileSync(path.join(work, "pages.json"), JSON.stringify(byDpi));
}

function loadPages(specs, dpis, work) {
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--make-pages", work, "--dpi", dpis.join(","), "--pages", specs.map((s) => `${s.seed}:${s.page}`).join(",")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const byDpi = JSON.parse(readFileSync(path.join(work, "pages.json"), "utf8"));
  return new Map(
    dpis.map((dpi) => [
      dpi,
      byDpi[dpi].map((p) => ({ ...p, pngBytes: new Uint8Array(readFileSync(p.png)), pdfBytes: new Uint8Array(readFileSync(p.pdf)) })),
    ]),
  );
}

/** A tessdata folder holding one of the library's own models (gunzipped) and the stock configs (tsv). */
function libraryTessdata(work, langPath, name) {
  const dir = path.join(work, `tessdata-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "ita.traineddata"), gunzipSync(readFileSync(path.join(langPath, "ita.traineddata.gz"))));
  const stock = execFileSync("tesseract", ["--list-langs"], { encoding: "utf8" }).match(/"(.+?)"/)?.[1];
  if (stock) cpSync(path.join(stock, "configs"), path.join(dir, "configs"), { recursive: true });
  return dir;
}

/** Runs the pages through native tesseract, `NATIVE_PROCESSES` processes at a time, one thread each. */
async function native(pages, dpi, psm, tessdata, work) {
  const out = new Array(pages.length);
  let next = 0;
  let peakKiB = 0;
  let cpuSecs = 0;
  const env = { ...process.env, OMP_THREAD_LIMIT: "1" };
  const lane = async (k) => {
    for (let i = next++; i < pages.length; i = next++) {
      const timeFile = path.join(work, `time-${k}.txt`);
      const args = ["-o", timeFile, "-f", "%M %U %S", "tesseract", pages[i].png, "-", "-l", "ita", "--oem", "1", "--psm", psm, "--dpi", String(dpi)];
      if (tessdata) args.push("--tessdata-dir", tessdata);
      args.push("tsv");
      const { stdout } = await run("/usr/bin/time", args, { env, maxBuffer: 64 * 1024 * 1024 });
      const [kib, user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
      peakKiB = Math.max(peakKiB, kib || 0);
      cpuSecs += (user || 0) + (sys || 0);
      out[i] = tsvText(stdout);
    }
  };
  await Promise.all(Array.from({ length: NATIVE_PROCESSES }, (_, k) => lane(k)));
  return { texts: out, peakMiB: peakKiB / 1024, cpuSecs };
}

/** Wall and CPU time of `work` in this process (worker threads included), added to `into[key]`. */
async function timed(into, key, work) {
  const t = performance.now();
  const c = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(c);
  into.wall[key] += performance.now() - t;
  into.cpu[key] += (used.user + used.system) / 1e6;
  return result;
}

function quality(pages, texts) {
  return totals(pages.map((p, i) => ({ words: wordCounts(p.reference, texts[i]), chars: charCounts(p.reference, texts[i]) })));
}

export async function benchOcr({ specs = BENCH_PAGES, dpis = [300, 200], rounds = 1 } = {}) {
  const pool = await import(path.join(ROOT, "dist/extract/ocr/pool.js"));
  const { ocrPdfPages } = await import(path.join(ROOT, "dist/extract/ocr/index.js"));
  const psm = pool.ocrConfig().psm;
  const workers = pool.poolSize();
  const work = mkdtempSync(path.join(tmpdir(), "piao-ocr-bench-"));
  try {
    const tessdata = { fast: libraryTessdata(work, pool.langPath("fast"), "fast"), best: libraryTessdata(work, pool.langPath("best"), "best") };
    const byDpi = loadPages(specs, dpis, work);

    // Sampled rather than maxRSS: in `npm run bench` earlier sections (the 50 MB text) set the process's all-time peak.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    sampler.unref();

    // Warm-up, not timed: the pools' start (wasm instances, model load) and the JIT.
    const first = byDpi.get(dpis[0])[0];
    await Promise.all(["fast", "best"].map((model) => pool.recognize(first.pngBytes, { dpi: dpis[0], heavyNoise: false, model })));

    const load = os.loadavg()[0];
    console.log(
      `ocr: load average ${fmt(load)} on ${os.availableParallelism()} cores before the run` +
        (load > 0.5 ? " — other processes compete for the cores: wall-clock timings are pessimistic, CPU seconds less so" : ""),
    );
    console.log(
      `  ${specs.length} pages (${specs.map((s) => `${s.seed} p.${s.page} ${PICKS[s.seed].style}`).join(", ")}) at ${dpis.join(" and ")} dpi, ` +
        `psm ${psm}, tesseract.js pool of ${workers} workers vs ${NATIVE_PROCESSES} native processes × 1 thread, ${rounds} round(s)`,
    );
    console.log("  dpi  engine                                                   s/page  ×(b)  cpu s/page  ×(b)   word recall  precision     CER");
    let nativePeak = 0;
    for (const dpi of dpis) {
      const pages = byDpi.get(dpi);
      const keys = ["a", "b", "a2", "b2", "c"];
      const t = { wall: Object.fromEntries(keys.map((k) => [k, 0])), cpu: Object.fromEntries(keys.map((k) => [k, 0])) };
      let texts = {};
      for (let r = 0; r < rounds; r++) {
        for (const [k, model] of [["a", "fast"], ["a2", "best"]]) {
          const tsvs = await timed(t, k, () => Promise.all(pages.map((p) => pool.recognize(p.pngBytes, { dpi, heavyNoise: false, model }))));
          texts[k] = tsvs.map(tsvText);
        }
        for (const [k, model] of [["b", "fast"], ["b2", "best"]]) {
          const start = performance.now();
          const n = await native(pages, dpi, psm, tessdata[model], work);
          t.wall[k] += performance.now() - start;
          t.cpu[k] += n.cpuSecs;
          texts[k] = n.texts;
          nativePeak = Math.max(nativePeak, n.peakMiB);
        }
        const ocrd = await timed(t, "c", () => Promise.all(pages.map((p, i) => ocrPdfPages(p.pdfBytes, `bench-${i}.pdf`, [1]))));
        // The page path keeps words, not tesseract's lines: one word per token, in tesseract's order.
        texts.c = ocrd.map(([page]) => page.words.words.map((w) => w.text).join(" "));
      }
      const perPage = (x) => x / (pages.length * rounds);
      const rows = [
        ["a", `(a) tesseract.js, library pool, ${workers} workers, fast`],
        ["b", `(b) native, ${NATIVE_PROCESSES}×1 thread, same fast model`],
        ["a2", `(a′) tesseract.js pool, best model`],
        ["b2", `(b′) native, ${NATIVE_PROCESSES}×1 thread, best model`],
        ["c", "(c) library page path (+render, rules, 2nd reading)"],
      ];
      for (const [k, name] of rows) {
        const q = quality(pages, texts[k]);
        console.log(
          `  ${String(dpi).padEnd(4)} ${name.padEnd(55)} ${fmt(perPage(t.wall[k] / 1000)).padStart(6)} ${fmt(t.wall[k] / t.wall.b).padStart(5)} ${fmt(perPage(t.cpu[k])).padStart(11)} ${fmt(t.cpu[k] / t.cpu.b).padStart(5)} ${pct(q.recall).padStart(12)} ${pct(q.precision).padStart(10)} ${pct(q.cer).padStart(7)}`,
        );
      }
    }
    clearInterval(sampler);
    console.log(`  peak RSS: this process during the OCR (pool threads included) ${fmt(peakRss / 1024 / 1024, 1)} MiB, largest native process ${fmt(nativePeak, 1)} MiB`);
  } finally {
    await pool.shutdownOcr();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : null);
  const dpis = opt("--dpi") ? opt("--dpi").split(",").map(Number) : [300, 200];
  const specs = opt("--pages")
    ? opt("--pages").split(",").map((x) => ({ seed: x.split(":")[0], page: Number(x.split(":")[1]) }))
    : BENCH_PAGES;
  if (opt("--make-pages")) makePages(specs, dpis, opt("--make-pages"));
  else await benchOcr({ specs, dpis, rounds: Number(opt("--rounds") ?? 1) });
}
