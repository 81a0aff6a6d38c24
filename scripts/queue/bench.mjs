/**
 * `npm run bench -- --only queue`: cluster mode against its baselines, each
 * pair alternating in the same minutes (`rounds` times) so that a shared
 * machine's load falls on both alike, everything through the built CLI as a
 * user runs it, on a throwaway redis-server:
 *
 * (a) the same scans (the eight of fixtures/scan/, 20 pages, not split) by 1
 *     worker against 2 worker processes, one job at a time each: the speed-up;
 * (b) a 12-page scan (made with qpdf from the scan fixtures) split into page
 *     jobs (the defaults: over 8 pages, 2 a job) across 2 workers, against
 *     `convert` of the same file: the ratio of wall times;
 * (c) text inputs (the seeds, each with a line of its own) through `queue add`
 *     and one worker against `convert`, the same number of converter
 *     processes: the overhead per job.
 *
 * The queue's wall time runs from `queue add` (workers already waiting, as in
 * a cluster) until the last document is done. CPU is user + system of the
 * whole process tree (the CLI or the workers and their converter processes;
 * the redis-server's own CPU apart), per job.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startRedis } from "./redis.mjs";
import { makeScanPdf } from "./make-split-fixture.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = path.join(ROOT, "dist/cli/main.js");

export async function benchQueue({ rounds = 3, texts = 400 } = {}) {
  const redis = await startRedis();
  // Polled from this process (its CPU is not the workers'), with the CLI's own functions.
  const { connectRedis } = await import(path.join(ROOT, "dist/queue/redis.js"));
  const { openQueue } = await import(path.join(ROOT, "dist/queue/jobs.js"));
  const { queueCounts } = await import(path.join(ROOT, "dist/queue/status.js"));
  const client = await connectRedis(redis.url);
  const status = async (name) => {
    const queue = openQueue(client, name);
    try {
      return await queueCounts(client, queue, name);
    } finally {
      await queue.close();
    }
  };
  const dir = mkdtempSync(path.join(tmpdir(), "piao-queue-bench-"));
  let q = 0;
  try {
    const scans = path.join(dir, "scans");
    mkdirSync(scans);
    for (const n of readdirSync(path.join(ROOT, "fixtures/scan")).filter((n) => n.endsWith(".pdf"))) copyFileSync(path.join(ROOT, "fixtures/scan", n), path.join(scans, n));
    const nScans = readdirSync(scans).length;
    const scan12 = makeScanPdf(12, path.join(dir, "scan12", "scan12.pdf"));
    const text = path.join(dir, "texts");
    mkdirSync(text);
    const seeds = readdirSync(path.join(ROOT, "fixtures/seeds")).filter((n) => n.endsWith(".txt")).sort();
    for (let i = 0; i < texts; i++) {
      const s = seeds[i % seeds.length];
      writeFileSync(path.join(text, `${String(i).padStart(4, "0")}-${s}`), readFileSync(path.join(ROOT, "fixtures/seeds", s), "utf8") + `\nNota ${i}\n`);
    }

    /** One queue run: `workers` processes of `concurrency` each, from `queue add` until drained. */
    const viaQueue = async (inputs, { workers, concurrency = 1, add = [] }) => {
      const name = `bench${++q}`;
      const out = path.join(dir, `out-${name}`);
      const cpu0 = childCpuSeconds();
      const r0 = redisCpu(redis.pid);
      const procs = await Promise.all(Array.from({ length: workers }, () => startWorker(redis.url, name, concurrency)));
      const t = process.hrtime.bigint();
      const added = spawnSync(process.execPath, [MAIN, "queue", "add", inputs, "--out", out, "--redis", redis.url, "--queue", name, "-q", ...add], { encoding: "utf8" });
      if (added.status !== 0) throw new Error(`queue bench: queue add exited ${added.status}: ${added.stderr.slice(0, 500)}`);
      let c;
      for (;;) {
        c = await status(name);
        if (c.done + c.failed >= c.documents) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const secs = Number(process.hrtime.bigint() - t) / 1e9;
      if (c.failed) throw new Error(`queue bench: ${c.failed} documents failed`);
      await Promise.all(procs.map((p) => stopWorker(p)));
      return { secs, cpu: childCpuSeconds() - cpu0, redisCpu: redisCpu(redis.pid) - r0, docs: c.documents };
    };
    const viaConvert = (inputs, jobs) => {
      const out = path.join(dir, `out-local-${++q}`);
      const cpu0 = childCpuSeconds();
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [MAIN, "convert", inputs, "--out", out, "--quiet", "--jobs", String(jobs)], { encoding: "utf8" });
      const secs = Number(process.hrtime.bigint() - t) / 1e9;
      if (r.status !== 0) throw new Error(`queue bench: convert exited ${r.status}: ${r.stderr.slice(0, 500)}`);
      return { secs, cpu: childCpuSeconds() - cpu0 };
    };

    const a1 = [],
      a2 = [],
      b0 = [],
      bq = [],
      c0 = [],
      cq = [];
    for (let k = 0; k < rounds; k++) {
      a1.push(await viaQueue(scans, { workers: 1, add: ["--no-split"] }));
      a2.push(await viaQueue(scans, { workers: 2, add: ["--no-split"] }));
      b0.push(viaConvert(scan12, 1));
      bq.push(await viaQueue(scan12, { workers: 2 }));
      c0.push(viaConvert(text, 2));
      cq.push(await viaQueue(text, { workers: 1, concurrency: 2 }));
      console.error(`queue bench: round ${k + 1} of ${rounds} done`);
    }

    const secs = (runs) => runs.map((r) => r.secs);
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    const f = (a, d = 1) => a.map((x) => x.toFixed(d)).join(", ");
    const cpuPer = (runs, n) => ((runs.reduce((s, r) => s + r.cpu, 0) / (runs.length * n)) * 1000).toFixed(0);
    const ratios = (num, den) => num.map((r, i) => r.secs / den[i].secs);
    console.log(`queue: ${rounds} alternating rounds on a throwaway redis-server`);
    console.log(`  (a) ${nScans} scans (20 pages), 1 worker: ${f(secs(a1))} s (median ${med(secs(a1)).toFixed(1)}); 2 workers: ${f(secs(a2))} s (median ${med(secs(a2)).toFixed(1)})`);
    const speed = ratios(a1, a2);
    console.log(`      speed-up 2 workers / 1: per round ${f(speed, 2)}, median ${med(speed).toFixed(2)}× (goal ≥ 1.7); CPU ${cpuPer(a1, nScans)} vs ${cpuPer(a2, nScans)} ms per scan`);
    const split = ratios(bq, b0);
    console.log(`  (b) 12-page scan: convert ${f(secs(b0))} s, queue split over 2 workers ${f(secs(bq))} s`);
    console.log(`      queue / convert: per round ${f(split, 2)}, median ${med(split).toFixed(2)}× (goal ≤ 0.6); CPU ${cpuPer(b0, 1)} vs ${cpuPer(bq, 1)} ms`);
    const over = ratios(cq, c0);
    console.log(`  (c) ${texts} texts: convert --jobs 2 ${f(secs(c0), 2)} s, queue (1 worker, concurrency 2) ${f(secs(cq), 2)} s`);
    console.log(
      `      queue / convert per job: per round ${f(over, 2)}, median ${med(over).toFixed(2)}× (goal ≤ 1.10); per job ${((med(secs(c0)) / texts) * 1000).toFixed(1)} vs ${((med(secs(cq)) / texts) * 1000).toFixed(1)} ms wall, CPU ${((c0.reduce((s, r) => s + r.cpu, 0) / (rounds * texts)) * 1000).toFixed(1)} vs ${((cq.reduce((s, r) => s + r.cpu, 0) / (rounds * texts)) * 1000).toFixed(1)} ms (+ redis-server ${((cq.reduce((s, r) => s + r.redisCpu, 0) / (rounds * texts)) * 1000).toFixed(2)} ms)`,
    );
  } finally {
    client.disconnect();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function startWorker(url, queue, concurrency) {
  const proc = spawn(process.execPath, [MAIN, "worker", "--redis", url, "--queue", queue, "--concurrency", String(concurrency), "--log-level", "info"], { stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise((r) => proc.on("exit", r));
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (d) => {
      text += d;
      if (text.includes('"worker ready"')) {
        proc.stderr.off("data", onData);
        proc.stderr.resume();
        resolve({ proc, exited });
      }
    };
    proc.stderr.setEncoding("utf8").on("data", onData);
    proc.on("exit", (c) => reject(new Error(`queue bench: worker exited ${c}: ${text.slice(0, 500)}`)));
  });
}

async function stopWorker({ proc, exited }) {
  proc.kill("SIGTERM");
  await exited;
}

/** User + system seconds of this process's waited-for children (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds() {
  return procCpu("self", 13);
}

function redisCpu(pid) {
  return procCpu(String(pid), 11);
}

/** Two clock-tick fields of /proc/<pid>/stat from `first` (11: utime, stime; 13: cutime, cstime), in seconds. */
function procCpu(pid, first) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[first]) + Number(f[first + 1])) / 100;
  } catch {
    return 0;
  }
}
