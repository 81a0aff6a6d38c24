#!/usr/bin/env node
/**
 * Throughput benchmark of the built library (dist/), in one process.
 *
 *   npm run bench                  # every section
 *   npm run bench -- --only text   # the seeds, many times
 *   npm run bench -- --only big    # one 50 MB synthetic text
 *   npm run bench -- --only pdf    # PDFs: bare getTextContent vs the whole path vs pdftotext
 *   npm run bench -- --only ocr    # scanned pages: tesseract.js pool vs native tesseract, speed and text quality
 *   npm run bench -- --only batch  # a text batch through the CLI: one process vs the pool of converter processes
 *   npm run bench -- --only queue  # cluster mode (Redis, workers): 1 vs 2 workers, a split scan vs convert, queue overhead
 *
 * Each section is one function registered in SECTIONS; add PDF or OCR
 * sections the same way. Inputs are read into memory first: the figures
 * measure the pipeline, not the disk.
 */
import { readdir, readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const ROOT = new URL("../", import.meta.url);
const SEEDS = new URL("fixtures/seeds/", ROOT);
const MiB = 1024 * 1024;

const { values: flags } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string", default: "2000" },
    seconds: { type: "string", default: "10" },
    "big-mb": { type: "string", default: "50" },
    rounds: { type: "string" },
  },
});

const { convert } = await import(new URL("dist/index.js", ROOT).href);

const { benchPdf } = await import("./pdf/bench.mjs");
const { benchOcr } = await import("./scan/bench.mjs");
const { benchBatch } = await import("./batch-bench.mjs");
const { benchQueue } = await import("./queue/bench.mjs");
const SECTIONS = { text: benchText, big: benchBig, pdf: () => benchPdf(), ocr: () => benchOcr(), batch: () => benchBatch(), queue: () => benchQueue({ rounds: Number(flags.rounds ?? 3) }) };

async function loadSeeds() {
  const names = (await readdir(SEEDS)).filter((n) => /\.(txt|md|tsv|csv|html?)$/i.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(new URL(name, SEEDS))) })));
}

function peakRssMiB() {
  // maxRSS is in kilobytes (KiB) and never decreases.
  return process.resourceUsage().maxRSS / 1024;
}

function fmt(n, digits = 2) {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * The seeds round-robin: warm-up, then until --runs conversions or --seconds,
 * whichever comes first. Besides the mean rate it prints the median and the
 * fastest round (one conversion of each seed): on a shared virtual machine the
 * mean moves with the neighbours' load, while the fastest round is what one
 * undisturbed core does; and documents per CPU second of the whole process
 * (main thread plus V8's GC and compiler helper threads).
 */
async function benchText() {
  const seeds = await loadSeeds();
  if (seeds.length === 0) throw new Error("no seeds in fixtures/seeds");
  const minRuns = Number(flags.runs);
  const maxMs = Number(flags.seconds) * 1000;

  for (let round = 0; round < 10; round++) for (const s of seeds) await convert(s.bytes, { name: s.name });

  const stats = seeds.map((s) => ({ ...s, n: 0, ms: 0, objectives: 0 }));
  const rounds = [];
  let total = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (total < minRuns && performance.now() - t0 < maxMs) {
    const r0 = performance.now();
    for (const s of stats) {
      const t = performance.now();
      const doc = await convert(s.bytes, { name: s.name });
      s.ms += performance.now() - t;
      s.n++;
      s.objectives = doc.objectives.length;
      total++;
    }
    rounds.push(performance.now() - r0);
  }
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  rounds.sort((a, b) => a - b);
  const perRound = (ms) => (seeds.length * 1000) / ms;

  console.log(`text: ${total} conversions of ${seeds.length} seeds in ${fmt(elapsed)} s`);
  console.log(`  ${fmt(total / elapsed, 1)} documents/s (mean), peak RSS ${fmt(peakRssMiB(), 1)} MiB`);
  console.log(
    `  rounds of the ${seeds.length} seeds: fastest ${fmt(perRound(rounds[0]), 1)} documents/s, median ${fmt(perRound(rounds[Math.floor(rounds.length / 2)]), 1)}; ${fmt(total / cpuSecs, 1)} documents per CPU second`,
  );
  console.log("  seed                                  KiB   objectives   ms/document");
  for (const s of stats) {
    console.log(
      `  ${s.name.padEnd(34)} ${fmt(s.bytes.length / 1024, 1).padStart(8)} ${String(s.objectives).padStart(12)} ${fmt(s.ms / s.n, 3).padStart(13)}`,
    );
  }
}

/** One large text made of the seeds repeated: linear behaviour and memory on a big input. */
async function benchBig() {
  const seeds = await loadSeeds();
  const target = Number(flags["big-mb"]) * MiB;
  const parts = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const s = seeds[i % seeds.length];
    parts.push(s.bytes, new Uint8Array([0x0a, 0x0a]));
    size += s.bytes.length + 2;
  }
  const bytes = Buffer.concat(parts);
  parts.length = 0;
  const before = peakRssMiB();

  const t = performance.now();
  const doc = await convert(bytes, { name: "synthetic.txt", maxBytes: bytes.length });
  const secs = (performance.now() - t) / 1000;

  console.log(`big: ${fmt(bytes.length / MiB, 1)} MiB synthetic text (seeds repeated) converted once in ${fmt(secs)} s`);
  console.log(`  ${fmt(bytes.length / MiB / secs, 2)} MiB/s, ${doc.objectives.length} objectives, ${doc.issues.length} issues`);
  console.log(`  peak RSS ${fmt(peakRssMiB(), 1)} MiB (${fmt(before, 1)} MiB before the conversion)`);
}

const only = flags.only;
if (only !== undefined && !(only in SECTIONS)) {
  console.error(`bench: --only must be one of ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}
console.log(`piao-extract bench — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, section] of Object.entries(SECTIONS)) {
  if (only === undefined || only === name) await section();
}
