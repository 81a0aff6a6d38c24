/**
 * `npm run bench -- --only batch`: a text batch through the CLI, the way a
 * user runs it, in one process (`--jobs 0`: conversions in the CLI's own
 * process, as before the pool) against the pool of converter processes
 * (`--jobs N`, default the cores). The two alternate in the same minutes,
 * `--rounds` times, so a shared machine's load falls on both alike; each run
 * is a fresh process writing every JSON and the manifest (atomic writes).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";

const ROOT = new URL("../", import.meta.url);
const MAIN = new URL("dist/cli/main.js", ROOT).pathname;

export async function benchBatch({ files = 600, rounds = 3, jobs = availableParallelism() } = {}) {
  const seedsDir = new URL("fixtures/seeds/", ROOT).pathname;
  const seeds = readdirSync(seedsDir).filter((n) => n.endsWith(".txt")).sort();
  const dir = mkdtempSync(path.join(tmpdir(), "piao-batch-bench-"));
  const input = path.join(dir, "in");
  mkdirSync(input);
  for (let i = 0; i < files; i++) {
    const s = seeds[i % seeds.length];
    // Distinct bytes per file (a note at the end), the seeds' tables unchanged.
    writeFileSync(path.join(input, `${String(i).padStart(4, "0")}-${s}`), readFileSync(path.join(seedsDir, s), "utf8") + `\nNota ${i}\n`);
  }
  const cpu = { 0: 0, [jobs]: 0 };
  const run = (j) => {
    const out = path.join(dir, `out-${j}`);
    rmSync(out, { recursive: true, force: true });
    const c0 = childCpuSeconds();
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [MAIN, "convert", input, "--out", out, "--quiet", "--jobs", String(j)], { encoding: "utf8" });
    const secs = Number(process.hrtime.bigint() - t) / 1e9;
    cpu[j] += childCpuSeconds() - c0;
    if (r.status !== 0) throw new Error(`batch bench: --jobs ${j} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    const n = readFileSync(path.join(out, "manifest.jsonl"), "utf8").trimEnd().split("\n").length;
    if (n !== files) throw new Error(`batch bench: ${n} records for ${files} files`);
    return files / secs;
  };
  const single = [];
  const pooled = [];
  for (let k = 0; k < rounds; k++) {
    single.push(run(0));
    pooled.push(run(jobs));
  }
  rmSync(dir, { recursive: true, force: true });
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const f = (a) => a.map((x) => x.toFixed(0)).join(", ");
  console.log(`batch: ${files} seed texts through the CLI, ${rounds} alternating rounds`);
  console.log(`  one process (--jobs 0): ${f(single)} files/s (median ${med(single).toFixed(0)})`);
  console.log(`  pool (--jobs ${jobs}):        ${f(pooled)} files/s (median ${med(pooled).toFixed(0)})`);
  console.log(`  pool / one process: median ${(med(pooled) / med(single)).toFixed(2)}×, best ${(Math.max(...pooled) / Math.max(...single)).toFixed(2)}×`);
  const per = (j) => ((cpu[j] / (rounds * files)) * 1000).toFixed(1);
  console.log(`  CPU (user + system, the whole process tree): one process ${per(0)} ms/file, pool ${per(jobs)} ms/file`);
}

/** User + system seconds of this process's waited-for children (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds() {
  try {
    const stat = readFileSync("/proc/self/stat", "latin1");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}
