#!/usr/bin/env node
/**
 * `npm run hostile`: makes the hostile corpus (scripts/hostile/corpus.mjs) in
 * a temporary folder, converts it with the built CLI as a user would (one
 * process, default limits), watches the whole process tree's memory, and
 * prints what happened: files, records, crashes survived, timeouts, memory
 * limits, peak RSS, the slowest files. Then checks the acceptance of issue 15
 * and exits 1 when any check fails.
 *
 *   npm run hostile                 # the full corpus (~420 paths)
 *   npm run hostile -- --fast       # one or a few of each kind
 *   npm run hostile -- --keep       # keep the folder for a look afterwards
 *   npm run hostile -- -- --jobs 1  # anything after -- goes to the CLI
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { makeCorpus } from "./hostile/corpus.mjs";

const { values: flags, positionals: extra } = parseArgs({
  options: { fast: { type: "boolean" }, keep: { type: "boolean" } },
  allowPositionals: true,
});
const ROOT = new URL("../", import.meta.url);
const MAIN = new URL("dist/cli/main.js", ROOT).pathname;
const GiB = 1024 ** 3;
const LIMITS = { peakRss: 2 * GiB, wallMs: 10 * 60 * 1000 };

const dir = mkdtempSync(path.join(tmpdir(), "piao-hostile-"));
const t0 = Date.now();
const corpus = await makeCorpus(dir, { fast: flags.fast === true });
const madeMs = Date.now() - t0;
const out = path.join(dir, "out");
console.log(`corpus: ${corpus.paths.length} paths in ${dir} (made in ${(madeMs / 1000).toFixed(1)} s)`);

/** Resident memory of a process and all its descendants, from /proc. */
function treeRss(pid) {
  const children = new Map();
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "latin1");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {
      // Gone.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      total += Number(readFileSync(`/proc/${p}/statm`, "latin1").split(" ")[1]) * 4096;
    } catch {
      // Gone.
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

const args = [MAIN, "convert", corpus.root, "--out", out, "--csv", ...extra];
const start = Date.now();
const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 100);
const code = await new Promise((res) => child.on("exit", (c, s) => res(c ?? s)));
clearInterval(sampler);
const wallMs = Date.now() - start;
corpus.close();

const lines = readFileSync(path.join(out, "manifest.jsonl"), "utf8").trimEnd().split("\n");
const records = lines.map((l) => JSON.parse(l));
const byFile = new Map(records.map((r) => [r.file, r]));
const missing = corpus.paths.filter((p) => !byFile.has(p));
const partial = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(path.join(d, e.name));
    else if (e.name.endsWith(".tmp")) partial.push(path.join(d, e.name));
  }
};
walk(out);
const count = (f) => records.filter(f).length;
const codes = {};
for (const r of records) if (r.error) codes[r.error.code] = (codes[r.error.code] ?? 0) + 1;
const done = stderr.trimEnd().split("\n").map((l) => { try { return JSON.parse(l); } catch { return null; } }).find((l) => l?.msg?.startsWith("done"));
const timeoutS = Number(extra[extra.indexOf("--timeout") + 1]) || 30;
const perPageS = Number(extra[extra.indexOf("--timeout-per-page") + 1]) || 10;
const overTime = records.filter((r) => r.status === "ok" && r.ms > (timeoutS + perPageS * (r.pages ?? 0)) * 1000);

console.log(`run: exit ${code} in ${(wallMs / 1000).toFixed(1)} s, peak RSS of the process tree ${(peak / 2 ** 20).toFixed(0)} MiB`);
console.log(`files ${corpus.paths.length}, records ${records.length}: ok ${count((r) => r.status === "ok")}, failed ${count((r) => r.status === "failed")}, skipped ${count((r) => r.status === "skipped")}`);
console.log(`crashes survived ${codes.crashed ?? 0}, timeouts ${codes.timeout ?? 0}, memory limits ${codes["resource-limit"] ?? 0}, internal errors ${codes.internal ?? 0}`);
console.log(`error codes: ${Object.entries(codes).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
if (done?.pool) console.log(`pool: ${JSON.stringify(done.pool)}`);
console.log("slowest files:");
for (const r of [...records].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
  console.log(`  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.status.padEnd(7)} ${(r.error?.code ?? "").padEnd(14)} ${JSON.stringify(path.relative(corpus.root, r.file))}`);
}
for (const r of records.filter((x) => x.error?.code === "internal")) console.log(`  internal: ${r.error.message.slice(0, 200)}`);

const checks = [
  ["every path has a manifest record", missing.length === 0, missing.slice(0, 5).join(", ")],
  ["no partial files", partial.length === 0, partial.join(", ")],
  ["exit 1 (some inputs failed, the rest written)", code === 1, `exit ${code}`],
  ["peak RSS of the process tree ≤ 2 GiB", peak <= LIMITS.peakRss, `${(peak / 2 ** 20).toFixed(0)} MiB`],
  ["no file over its timeout", overTime.length === 0, overTime.map((r) => r.file).join(", ")],
  ["the whole run ≤ 10 minutes", wallMs <= LIMITS.wallMs, `${(wallMs / 1000).toFixed(0)} s`],
];
let ok = true;
for (const [what, pass, detail] of checks) {
  console.log(`${pass ? "PASS" : "FAIL"}  ${what}${pass ? "" : `: ${detail}`}`);
  ok &&= pass;
}
if (flags.keep) console.log(`kept: ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
