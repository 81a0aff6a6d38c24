/**
 * Restricts a seed's gold to a page range of one of its born-digital PDFs,
 * mechanically: the PDF is converted by the library, each gold objective is
 * matched to a converted one the way the scorer matches them, and the pages
 * the converted objective occupies decide whether the gold objective lies in
 * the range (kept), across one of its ends (kept as optional) or outside
 * (dropped). Nothing here is edited by hand; the caller accepts a range only
 * when the born-digital PDF cut to it scores ~1.0 against the restricted gold.
 *
 *   objectiveSpans(gold, pred, pageTexts) → per gold objective {first, last} | null
 *   boundaryRanges(spans, pages, lengths)  → ranges no placed objective straddles
 *   restrictGold(gold, spans, [a, b], meta) → the gold of that range
 */
import { match, objectivePair } from "../../test/support/score.mjs";

const norm = (s) =>
  String(s ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * Pages of one converted objective: its own where.page and its steps'. KPIs
 * carry no where in the PDF path, so each KPI name is looked up in the page
 * texts between the objective's first page and the next objective's first
 * page (a KPI cannot come after the next objective starts); a KPI not found
 * there is assumed to reach that next page, which only makes the span wider
 * and the accepted ranges stricter.
 */
function predSpan(pred, j, pageTexts) {
  const o = pred.objectives[j];
  const pages = [o.where?.page, ...o.steps.map((s) => s.where?.page)].filter((p) => Number.isInteger(p));
  if (pages.length === 0) return null;
  let first = Math.min(...pages);
  let last = Math.max(...pages);
  const later = pred.objectives
    .map((x) => x.where?.page)
    .filter((p) => Number.isInteger(p) && p > first);
  const limit = later.length ? Math.min(...later) : pageTexts.length;
  for (const k of o.kpis) {
    // A short prefix: long names wrap inside their cell and interleave with the next columns.
    const key = norm(k.name).slice(0, 24);
    if (!key) continue;
    let found = null;
    for (let p = first; p <= limit && found == null; p++) if (pageTexts[p - 1]?.includes(key)) found = p;
    last = Math.max(last, found ?? limit);
  }
  return { first, last, pred: j };
}

/**
 * Per gold objective (same order as gold.objectives): the page span of the
 * converted objective it matches, or null when the conversion does not
 * produce it (it cannot be placed, so no range will claim it).
 * `pageTexts[i]` is page i+1's text, any reading order.
 */
export function objectiveSpans(gold, pred, pageTexts) {
  const texts = pageTexts.map(norm);
  const m = match(gold.objectives, pred.objectives, objectivePair);
  const spans = gold.objectives.map((g, i) => (m.has(i) ? predSpan(pred, m.get(i), texts) : null));
  // Converted objectives no gold objective claims still occupy pages: a range
  // must not cut them either (their rows would land in a neighbour).
  const claimed = new Set(m.values());
  const orphans = pred.objectives
    .map((_, j) => (claimed.has(j) ? null : predSpan(pred, j, texts)))
    .filter((s) => s != null);
  return { spans, orphans, unplaced: gold.objectives.filter((g, i) => !g.optional && spans[i] == null) };
}

/** Every range of the given lengths whose ends fall between objectives: nothing placed straddles a or b. */
export function boundaryRanges({ spans, orphans }, pages, lengths) {
  const all = [...spans.filter((s) => s != null), ...orphans];
  const out = [];
  for (const len of lengths) {
    for (let a = 1; a + len - 1 <= pages; a++) {
      const b = a + len - 1;
      const cut = all.some((s) => (s.first < a && s.last >= a) || (s.first <= b && s.last > b));
      if (!cut) out.push([a, b]);
    }
  }
  return out;
}

/**
 * The gold of pages a..b. Objectives placed entirely inside are kept as they
 * are. Objectives only partly inside (cut by a range end) are kept but marked
 * optional: the scorer then counts them neither right nor wrong, with their
 * steps and KPIs, so whatever the cut leaves of them is not held against the
 * conversion (and an optional gold objective of the seed stays optional).
 * Gold issues are kept when they point into a kept, non-optional objective,
 * their JSON Pointers renumbered. Document-level issues (path "", e.g.
 * weight.objectives-sum) are dropped: they are about the whole document.
 * The `document` block is kept (the scorer does not read it).
 */
export function restrictGold(gold, { spans }, [a, b], meta) {
  const keep = [];
  const partial = new Set();
  gold.objectives.forEach((g, i) => {
    const s = spans[i];
    if (!s || s.last < a || s.first > b) return;
    keep.push(i);
    if (s.first < a || s.last > b) partial.add(i);
  });
  const renumber = new Map(keep.map((i, k) => [i, k]));
  const issues = [];
  for (const x of gold.issues ?? []) {
    const m = /^\/objectives\/(\d+)(\/.*)?$/.exec(x.path ?? "");
    if (!m || !renumber.has(+m[1]) || partial.has(+m[1]) || gold.objectives[+m[1]].optional) continue;
    issues.push({ ...x, path: `/objectives/${renumber.get(+m[1])}${m[2] ?? ""}` });
  }
  return {
    schema: gold.schema,
    restricted: { ...meta, pages: [a, b], objectives: keep.length - partial.size, partial: partial.size, of: gold.objectives.length },
    source: gold.source,
    document: gold.document,
    objectives: keep.map((i) => (partial.has(i) ? { ...gold.objectives[i], optional: true } : gold.objectives[i])),
    issues,
  };
}

/** What a restricted gold holds, for choosing and reporting ranges. */
export function contents(g) {
  const req = g.objectives.filter((o) => !o.optional);
  return {
    objectives: req.length,
    optional: g.objectives.length - req.length,
    steps: req.reduce((n, o) => n + (o.steps?.length ?? 0), 0),
    kpis: req.reduce((n, o) => n + (o.kpis?.length ?? 0), 0),
    issues: (g.issues ?? []).filter((x) => x.severity !== "info").length,
  };
}
