#!/usr/bin/env node
// Vendored copy of the project scorer (shared/tools/score.mjs) so a fresh clone tests on its own;
// `match` and `objectivePair` are exported too (scripts/scan/restrict.mjs maps gold to converted objectives as the score does).
// Scores an extraction (canonical model, see ../canonical-model.md) against a gold file.
//
//   node score.mjs GOLD.json PRED.json            one pair, human summary
//   node score.mjs --gold DIR --pred DIR          every DIR/X.json pair by name
//   add --json for machine-readable output, --verbose to list every miss
//
// Figures: precision/recall/F1 of objectives, steps, kpis and issues (error and
// warning only), and the accuracy of the fields the gold fills in on matched
// objects. "score" is the mean of the four F1s and the field accuracy.

import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : null);

function norm(s) {
  if (s == null) return "";
  return String(s)
    .normalize("NFC")
    .replace(/<[^>]+>/g, " ")
    .replace(/\\_/g, "_")
    .replace(/[*`]/g, "")
    .replace(/[’‘]/g, "'")
    .replace(/[“”«»]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function lev(a, b) {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array(b.length + 1);
  let cur = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export function sim(a, b) {
  const x = norm(a), y = norm(b);
  if (!x && !y) return 1;
  if (!x || !y) return 0;
  return 1 - lev(x, y) / Math.max(x.length, y.length);
}

const idNorm = (s) => (s == null ? null : norm(s).replace(/\s+/g, ""));

// Greedy one-to-one matching by descending pair score.
export function match(golds, preds, pairScore) {
  const pairs = [];
  golds.forEach((g, i) =>
    preds.forEach((p, j) => {
      const s = pairScore(g, p);
      if (s > 0) pairs.push([s, i, j]);
    }),
  );
  pairs.sort((a, b) => b[0] - a[0]);
  const gi = new Map(), pj = new Set();
  for (const [, i, j] of pairs) {
    if (gi.has(i) || pj.has(j)) continue;
    gi.set(i, j);
    pj.add(j);
  }
  return gi; // gold index -> pred index
}

export function objectivePair(g, p) {
  const t = sim(g.title, p.title);
  const idEq = g.id != null && p.id != null && idNorm(g.id) === idNorm(p.id);
  if (idEq && t >= 0.5) return 1 + t;
  if (t >= 0.8) return t;
  return 0;
}
function stepPair(g, p) {
  const t = sim(g.title, p.title);
  const idEq = g.id != null && p.id != null && idNorm(g.id) === idNorm(p.id);
  if (idEq && t >= 0.5) return 1 + t;
  if (t >= 0.8) return t;
  return 0;
}
function kpiPair(g, p) {
  const t = sim(g.name, p.name);
  return t >= 0.8 ? t : 0;
}

const counts = () => ({ tp: 0, fp: 0, fn: 0 });
const prf = (c) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0, ...c };
};

const val = (q) => (q && typeof q === "object" ? q.value ?? null : null);
const iso = (d) => (d && typeof d === "object" ? d.iso ?? null : null);
const num = (a, b) => a != null && b != null && Math.abs(a - b) < 0.006;

// field name -> comparator(gold, pred) ; only fields the gold fills in count
const OBJ_FIELDS = {
  id: (g, p) => idNorm(g.id) === idNorm(p.id),
  title: (g, p) => sim(g.title, p.title) >= 0.9,
  unit: (g, p) => sim(g.unit, p.unit) >= 0.8,
  owner: (g, p) => sim(g.owner, p.owner) >= 0.8,
  weight: (g, p) => num(val(g.weight), val(p.weight)),
  due: (g, p) => iso(g.due) === iso(p.due),
  status: (g, p) => sim(g.status, p.status) >= 0.9,
  links: (g, p) =>
    JSON.stringify([...(g.links || [])].map(idNorm).sort()) ===
    JSON.stringify([...(p.links || [])].map(idNorm).sort()),
};
const STEP_FIELDS = {
  id: (g, p) => idNorm(g.id) === idNorm(p.id),
  title: (g, p) => sim(g.title, p.title) >= 0.9,
  start: (g, p) => iso(g.start) === iso(p.start),
  due: (g, p) => iso(g.due) === iso(p.due),
  actualStart: (g, p) => iso(g.actualStart) === iso(p.actualStart),
  actualEnd: (g, p) => iso(g.actualEnd) === iso(p.actualEnd),
  weight: (g, p) => num(val(g.weight), val(p.weight)),
  yearWeight: (g, p) => num(val(g.yearWeight), val(p.yearWeight)),
  progress: (g, p) => num(val(g.progress), val(p.progress)),
  owner: (g, p) => sim(g.owner, p.owner) >= 0.8,
  kpi: (g, p) => sim(g.kpi?.name, p.kpi?.name) >= 0.8 && targetEq(g.kpi?.target, p.kpi?.target),
};
const KPI_FIELDS = {
  type: (g, p) => sim(g.type, p.type) >= 0.9,
  measure: (g, p) => sim(g.measure, p.measure) >= 0.8,
  target: (g, p) => targetEq(g.target, p.target),
  actual: (g, p) => targetEq(g.actual, p.actual),
  source: (g, p) => sim(g.source, p.source) >= 0.8,
};
function targetEq(g, p) {
  if (g == null) return p == null;
  if (p == null) return false;
  if (g.value != null) return num(g.value, p.value);
  if (g.date?.iso) return g.date.iso === p.date?.iso;
  return sim(g.raw, p.raw) >= 0.9;
}
const filled = (v) =>
  v != null && !(Array.isArray(v) && v.length === 0) && !(typeof v === "object" && !Array.isArray(v) && "raw" in v && v.raw == null);

const countFilled = (spec, g) => Object.keys(spec).filter((k) => filled(g[k])).length;

function compareFields(spec, g, p, acc, where, misses) {
  for (const [k, eq] of Object.entries(spec)) {
    if (!filled(g[k])) continue;
    acc.total++;
    if (eq(g, p)) acc.ok++;
    else misses.push(`${where}.${k}: gold ${short(g[k])} | got ${short(p[k])}`);
  }
}
const short = (v) => {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s == null ? "null" : s.length > 90 ? s.slice(0, 87) + "..." : s;
};

export function score(gold, pred) {
  const misses = [];
  const res = { objectives: counts(), steps: counts(), kpis: counts(), issues: counts(), fields: { ok: 0, total: 0 } };
  const gObjs = gold.objectives || [], pObjs = pred.objectives || [];
  const om = match(gObjs, pObjs, objectivePair);
  const usedP = new Set(om.values());
  const maps = { obj: om, steps: new Map(), kpis: new Map() };
  gObjs.forEach((g, i) => {
    const opt = !!g.optional;
    if (!om.has(i)) {
      if (opt) return;
      // a missed objective costs its steps, kpis and fields too
      res.objectives.fn++;
      res.steps.fn += (g.steps || []).length;
      res.kpis.fn += (g.kpis || []).length;
      res.fields.total += countFilled(OBJ_FIELDS, g) +
        (g.steps || []).reduce((n, st) => n + countFilled(STEP_FIELDS, st), 0) +
        (g.kpis || []).reduce((n, k) => n + countFilled(KPI_FIELDS, k), 0);
      misses.push(`objective missed: ${short(g.id)} ${short(g.title)}`);
      return;
    }
    if (opt) return;
    res.objectives.tp++;
    const p = pObjs[om.get(i)];
    compareFields(OBJ_FIELDS, g, p, res.fields, `obj ${g.id ?? i}`, misses);
    const sm = match(g.steps || [], p.steps || [], stepPair);
    maps.steps.set(i, sm);
    (g.steps || []).forEach((gs, k) => {
      if (!sm.has(k)) { res.steps.fn++; misses.push(`step missed in obj ${g.id ?? i}: ${short(gs.id)} ${short(gs.title)}`); return; }
      res.steps.tp++;
      compareFields(STEP_FIELDS, gs, p.steps[sm.get(k)], res.fields, `obj ${g.id ?? i} step ${gs.id ?? k}`, misses);
    });
    res.steps.fp += (p.steps || []).length - sm.size;
    const km = match(g.kpis || [], p.kpis || [], kpiPair);
    maps.kpis.set(i, km);
    (g.kpis || []).forEach((gk, k) => {
      if (!km.has(k)) { res.kpis.fn++; misses.push(`kpi missed in obj ${g.id ?? i}: ${short(gk.name)}`); return; }
      res.kpis.tp++;
      compareFields(KPI_FIELDS, gk, p.kpis[km.get(k)], res.fields, `obj ${g.id ?? i} kpi ${k}`, misses);
    });
    res.kpis.fp += (p.kpis || []).length - km.size;
  });
  pObjs.forEach((p, j) => {
    if (usedP.has(j)) return;
    // an objective matched to an optional gold one is neither right nor wrong, with its contents
    const optMatch = gObjs.some((g, i) => g.optional && om.get(i) === j);
    if (optMatch) return;
    res.objectives.fp++;
    res.steps.fp += (p.steps || []).length;
    res.kpis.fp += (p.kpis || []).length;
    misses.push(`extra objective: ${short(p.id)} ${short(p.title)}`);
  });

  // Issues: translate the gold path's object prefix through the matching, compare code + object.
  const serious = (x) => x.severity === "error" || x.severity === "warning";
  const objectOf = (ptr) => {
    const m = /^\/objectives\/(\d+)(?:\/(steps|kpis)\/(\d+))?/.exec(ptr || "");
    return m ? { o: +m[1], kind: m[2] || null, k: m[3] != null ? +m[3] : null } : { o: null };
  };
  const keyPred = (ptr) => {
    const x = objectOf(ptr);
    return x.o == null ? "doc" : `${x.o}/${x.kind ?? ""}/${x.k ?? ""}`;
  };
  const keyGold = (ptr) => {
    const x = objectOf(ptr);
    if (x.o == null) return "doc";
    if (!om.has(x.o)) return null;
    const po = om.get(x.o);
    if (!x.kind) return `${po}//`;
    const m = (x.kind === "steps" ? maps.steps : maps.kpis).get(x.o);
    if (!m || !m.has(x.k)) return null;
    return `${po}/${x.kind}/${m.get(x.k)}`;
  };
  const predIssues = (pred.issues || []).filter(serious).map((x) => `${x.code}@${keyPred(x.path)}`);
  const pool = new Map();
  for (const k of predIssues) pool.set(k, (pool.get(k) || 0) + 1);
  for (const gi of (gold.issues || []).filter(serious)) {
    const k = keyGold(gi.path);
    const key = k == null ? null : `${gi.code}@${k}`;
    if (key && pool.get(key)) { pool.set(key, pool.get(key) - 1); res.issues.tp++; }
    else { res.issues.fn++; misses.push(`issue missed: ${gi.code} ${gi.path}`); }
  }
  for (const [k, n] of pool) if (n > 0) { res.issues.fp += n; misses.push(`extra issue: ${k}${n > 1 ? ` x${n}` : ""}`); }

  const out = {
    objectives: prf(res.objectives), steps: prf(res.steps), kpis: prf(res.kpis), issues: prf(res.issues),
    fields: { ...res.fields, accuracy: res.fields.total ? res.fields.ok / res.fields.total : 1 },
  };
  out.score = (out.objectives.f1 + out.steps.f1 + out.kpis.f1 + out.issues.f1 + out.fields.accuracy) / 5;
  out.misses = misses;
  return out;
}

function line(name, r) {
  const f = (x) => x.f1.toFixed(3);
  return `${name}  score ${r.score.toFixed(3)}  objectives F1 ${f(r.objectives)} (${r.objectives.tp}/${r.objectives.tp + r.objectives.fn}, +${r.objectives.fp})  steps F1 ${f(r.steps)}  kpis F1 ${f(r.kpis)}  issues F1 ${f(r.issues)}  fields ${r.fields.accuracy.toFixed(3)} (${r.fields.ok}/${r.fields.total})`;
}

function main() {
  const read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
  let pairs = [];
  if (opt("--gold")) {
    const gd = opt("--gold"), pd = opt("--pred");
    for (const f of fs.readdirSync(gd).filter((f) => f.endsWith(".json")).sort()) {
      const pf = path.join(pd, f);
      pairs.push([f, path.join(gd, f), fs.existsSync(pf) ? pf : null]);
    }
  } else {
    const [g, p] = args.filter((a) => !a.startsWith("--"));
    if (!g || !p) { console.error("usage: score.mjs GOLD.json PRED.json | --gold DIR --pred DIR [--json] [--verbose]"); process.exit(2); }
    pairs = [[path.basename(g), g, p]];
  }
  const results = {};
  for (const [name, g, p] of pairs) {
    results[name] = score(read(g), p ? read(p) : { objectives: [], issues: [] });
    if (!p) results[name].misses.unshift("no prediction file");
  }
  const names = Object.keys(results);
  const mean = (fn) => names.reduce((s, n) => s + fn(results[n]), 0) / (names.length || 1);
  const overall = mean((r) => r.score);
  if (flag("--json")) {
    console.log(JSON.stringify({ overall, files: Object.fromEntries(names.map((n) => [n, flag("--verbose") ? results[n] : { ...results[n], misses: results[n].misses.length }])) }, null, 2));
    return;
  }
  for (const n of names) {
    console.log(line(n, results[n]));
    if (flag("--verbose")) for (const m of results[n].misses) console.log("    " + m);
  }
  console.log(`overall score ${overall.toFixed(3)} over ${names.length} file(s)`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("score.mjs")) main();
