// The rows of cells two extractions hand to the parser, compared: the text
// form of a document (tabs, pipes, <td>) against its PDF or scan (geometry).
// A geometry regression shows up here as a row diff before it shows up as a
// score. Plain ESM with no dependency: scripts/rowdiff.mjs prints the diff of
// any PDF/text pair, test/support/rows.ts asserts on it.
//
//   diffRows(textRows, pdfRows) → { ops, counts, agreement, attrs }
//
// Rows are compared without their blank rows; a row's key is its kind
// (table/text) and its cells' texts (white space folded, trailing empty cells
// dropped: a text export prints them or not). The exact rows common to both,
// in order, are anchors (a longest common subsequence); between anchors, rows
// whose text agrees but not exactly are paired and named by how they differ:
//
//   same     kind and cells equal
//   kind     cells equal, kind differs (a table row read as prose, or back)
//   cells    the same text, cut into cells differently (merged or split columns)
//   space    the same text but for white space (words run together or split)
//   merge    several text-form rows make one PDF row (rows run together)
//   split    one text-form row comes out as several PDF rows (a row cut in two)
//   text     paired by likeness, the text differs (a misreading, lost words)
//   missing  a text-form row with no counterpart
//   extra    a PDF row with no counterpart (furniture left in, debris)
//
// Columns empty in every row of a table are dropped on both sides (a print
// without vertical rules cannot show them).
//
// `agreement` is the share of the text form's rows that come back `same`.
// `attrs` counts what the typed document also carries on rows that are the
// same: bold cells and heading levels (ranked on each side) that disagree.

const SPACE_RE = /[\s\u00a0\u200b]+/g;
const BULLET_RE = /^[•●▪◦‣∙○■□➢►–—*-] /;

/** @param {string} s */
export function fold(s) {
  return String(s ?? "").normalize("NFC").replace(SPACE_RE, " ").trim();
}

/**
 * @typedef {{ kind: string, cells: { text: string, bold?: boolean }[], heading?: number, page?: number | null, line?: number }} RowLike
 * @typedef {{ kind: string, cells: string[], bold: boolean[], heading: number, page: number | null, line: number, key: string, loose: string }} NRow
 */

/**
 * Columns empty in every row of a table (a run of table rows with the same
 * number of cells): a text export keeps them, a print without vertical rules
 * cannot show them. Indexes per row.
 */
function emptyColumns(rows) {
  const drop = new Map();
  let i = 0;
  while (i < rows.length) {
    const r = rows[i];
    if (r.kind !== "table") {
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j].kind === "table" && rows[j].cells.length === r.cells.length) j++;
    const empty = new Set();
    for (let c = 0; c < r.cells.length; c++) if (rows.slice(i, j).every((x) => !fold(x.cells[c]?.text))) empty.add(c);
    if (empty.size) for (let k = i; k < j; k++) drop.set(k, empty);
    i = j;
  }
  return drop;
}

/** @param {readonly RowLike[]} rows @returns {NRow[]} */
export function normRows(rows) {
  const out = [];
  const drop = emptyColumns(rows);
  // Heading levels by rank: a print shows which headings are larger, not
  // that the largest was "##".
  const levels = [...new Set(rows.map((r) => r.heading ?? 0).filter((h) => h > 0))].sort((a, b) => a - b);
  for (const [n, r0] of rows.entries()) {
    const gone = drop.get(n);
    const r = gone ? { ...r0, cells: r0.cells.filter((_, c) => !gone.has(c)) } : r0;
    if (r.kind === "blank") continue;
    const cells = r.cells.map((c) => fold(c.text));
    // Bullets differ by printer (a disc, a dash, a glyph): one mark stands for all.
    if (cells.length) cells[0] = cells[0].replace(BULLET_RE, "• ");
    const bold = r.cells.map((c) => c.bold === true);
    while (cells.length && cells[cells.length - 1] === "") {
      cells.pop();
      bold.pop();
    }
    if (!cells.length) continue;
    const kind = r.kind === "table" ? "table" : "text";
    out.push({
      kind,
      cells,
      bold,
      heading: r.heading ? levels.indexOf(r.heading) + 1 : 0,
      page: r.page ?? null,
      line: r.line ?? 0,
      key: kind + "\u241e" + cells.join("\u241f"),
      loose: cells.join("").replace(/\s+/g, ""),
    });
  }
  return out;
}

/** Longest common subsequence of two key lists: index pairs in order. */
function lcs(a, b) {
  const n = a.length,
    m = b.length;
  // Trim the common head and tail first: most documents agree on long runs.
  let h = 0;
  while (h < n && h < m && a[h] === b[h]) h++;
  let t = 0;
  while (t < n - h && t < m - h && a[n - 1 - t] === b[m - 1 - t]) t++;
  const pairs = [];
  for (let k = 0; k < h; k++) pairs.push([k, k]);
  const A = a.slice(h, n - t),
    B = b.slice(h, m - t);
  const N = A.length,
    M = B.length;
  if (N && M) {
    // Keys are interned to small integers so the table compares numbers.
    const ids = new Map();
    const id = (k) => {
      let v = ids.get(k);
      if (v === undefined) ids.set(k, (v = ids.size));
      return v;
    };
    const ai = A.map(id),
      bi = B.map(id);
    const W = M + 1;
    const L = new Int32Array((N + 1) * W);
    for (let i = N - 1; i >= 0; i--) {
      for (let j = M - 1; j >= 0; j--) {
        L[i * W + j] = ai[i] === bi[j] ? L[(i + 1) * W + j + 1] + 1 : Math.max(L[(i + 1) * W + j], L[i * W + j + 1]);
      }
    }
    let i = 0,
      j = 0;
    while (i < N && j < M) {
      if (ai[i] === bi[j]) {
        pairs.push([h + i, h + j]);
        i++;
        j++;
      } else if (L[(i + 1) * W + j] >= L[i * W + j + 1]) i++;
      else j++;
    }
  }
  for (let k = 0; k < t; k++) pairs.push([n - t + k, m - t + k]);
  return pairs;
}

/** Dice coefficient of character bigrams, 0–1. */
export function likeness(x, y) {
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let hit = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const c = grams.get(g) ?? 0;
    if (c > 0) {
      hit++;
      grams.set(g, c - 1);
    }
  }
  return (2 * hit) / (x.length - 1 + y.length - 1);
}

const MAX_RUN = 12;

/** How a pair of rows with the same loose text differs. */
function pairKind(a, b) {
  if (a.cells.join("\u241f") === b.cells.join("\u241f")) return "kind";
  if (a.cells.join(" ") === b.cells.join(" ") || a.cells.filter(Boolean).join(" ") === b.cells.filter(Boolean).join(" ")) return "cells";
  return a.cells.length === b.cells.length || a.cells.filter(Boolean).length === b.cells.filter(Boolean).length ? "space" : "cells";
}

/** Rows between two anchors: paired by loose text, runs, likeness; the rest missing/extra. */
function alignGap(A, B, i0, i1, j0, j1, ops) {
  let i = i0,
    j = j0;
  const looseIndexB = (from) => {
    const m = new Map();
    for (let k = j1 - 1; k >= from; k--) m.set(B[k].loose, k);
    return m;
  };
  while (i < i1 || j < j1) {
    if (i >= i1) {
      ops.push({ op: "extra", a: [], b: [j++] });
      continue;
    }
    if (j >= j1) {
      ops.push({ op: "missing", a: [i++], b: [] });
      continue;
    }
    const a = A[i],
      b = B[j];
    if (a.loose === b.loose) {
      ops.push({ op: pairKind(a, b), a: [i++], b: [j++] });
      continue;
    }
    // Several rows of one side making one row of the other.
    let done = false;
    if (b.loose.startsWith(a.loose) && a.loose) {
      let acc = a.loose,
        k = i + 1;
      while (k < i1 && k - i < MAX_RUN && acc.length < b.loose.length && b.loose.startsWith(acc + A[k].loose)) acc += A[k++].loose;
      if (acc === b.loose && k - i > 1) {
        ops.push({ op: "merge", a: range(i, k), b: [j++] });
        i = k;
        done = true;
      }
    } else if (a.loose.startsWith(b.loose) && b.loose) {
      let acc = b.loose,
        k = j + 1;
      while (k < j1 && k - j < MAX_RUN && acc.length < a.loose.length && a.loose.startsWith(acc + B[k].loose)) acc += B[k++].loose;
      if (acc === a.loose && k - j > 1) {
        ops.push({ op: "split", a: [i++], b: range(j, k) });
        j = k;
        done = true;
      }
    }
    if (done) continue;
    // The text row turns up further on in the PDF: what lies before it is extra.
    const later = looseIndexB(j + 1).get(a.loose);
    if (later !== undefined && later - j <= MAX_RUN) {
      while (j < later) ops.push({ op: "extra", a: [], b: [j++] });
      continue;
    }
    let laterA = -1;
    for (let k = i + 1; k < Math.min(i1, i + MAX_RUN); k++) if (A[k].loose === b.loose) { laterA = k; break; }
    if (laterA >= 0) {
      while (i < laterA) ops.push({ op: "missing", a: [i++], b: [] });
      continue;
    }
    if (likeness(a.loose, b.loose) >= 0.6) {
      ops.push({ op: "text", a: [i++], b: [j++] });
      continue;
    }
    // The better of dropping either side's row next: the one whose neighbour pairs.
    const nextA = i + 1 < i1 ? likeness(A[i + 1].loose, b.loose) : 0;
    const nextB = j + 1 < j1 ? likeness(a.loose, B[j + 1].loose) : 0;
    if (nextB >= nextA) ops.push({ op: "extra", a: [], b: [j++] });
    else ops.push({ op: "missing", a: [i++], b: [] });
  }
}

function range(from, to) {
  const r = [];
  for (let k = from; k < to; k++) r.push(k);
  return r;
}

/**
 * @param {readonly RowLike[]} textRows the text form's rows (the reference)
 * @param {readonly RowLike[]} pdfRows the rows of the PDF or scan
 */
export function diffRows(textRows, pdfRows) {
  const A = normRows(textRows),
    B = normRows(pdfRows);
  const anchors = lcs(
    A.map((r) => r.key),
    B.map((r) => r.key),
  );
  const ops = [];
  let i = 0,
    j = 0;
  for (const [ai, bj] of [...anchors, [A.length, B.length]]) {
    if (ai > i || bj > j) alignGap(A, B, i, ai, j, bj, ops);
    if (ai < A.length) ops.push({ op: "same", a: [ai], b: [bj] });
    i = ai + 1;
    j = bj + 1;
  }
  const counts = { same: 0, kind: 0, cells: 0, space: 0, merge: 0, split: 0, text: 0, missing: 0, extra: 0 };
  for (const o of ops) counts[o.op]++;
  // Bold the text form marks must come back; bold it cannot mark (a <th>, a
  // header row a TSV export prints plain) is counted apart, as extra.
  const attrs = { bold: 0, boldOf: 0, boldExtra: 0, heading: 0, headingOf: 0 };
  for (const o of ops) {
    if (o.op !== "same") continue;
    const a = A[o.a[0]],
      b = B[o.b[0]];
    a.cells.forEach((t, k) => {
      if (!t) return;
      if (a.bold[k]) {
        attrs.boldOf++;
        if (!b.bold[k]) attrs.bold++;
      } else if (b.bold[k]) attrs.boldExtra++;
    });
    if (a.heading) {
      attrs.headingOf++;
      if (a.heading !== b.heading) attrs.heading++;
    }
  }
  return { ops, counts, attrs, a: A, b: B, agreement: A.length ? counts.same / A.length : 1 };
}

/** A row as one line of the printed diff. */
export function showRow(r, width = 200) {
  const where = r.page != null ? `p${r.page}:${r.line}` : `l${r.line}`;
  const h = r.heading ? ` h${r.heading}` : "";
  const cells = r.cells.map((c, k) => (r.bold[k] ? "*" : "") + c).join(" | ");
  const s = `${where} ${r.kind}${h}: ${cells}`;
  return s.length > width ? s.slice(0, width - 1) + "…" : s;
}

/** The diff as text: differing rows with `-` (text form) and `+` (PDF) lines, runs of equal rows counted. */
export function formatDiff(d, { context = 0, width = 200 } = {}) {
  const out = [];
  let same = 0;
  const flush = () => {
    if (same) out.push(`  … ${same} row${same > 1 ? "s" : ""} the same`);
    same = 0;
  };
  d.ops.forEach((o, n) => {
    if (o.op === "same") {
      const near = context && d.ops.slice(Math.max(0, n - context), n + context + 1).some((x) => x.op !== "same");
      if (!near) {
        same++;
        return;
      }
      flush();
      out.push(`  ${showRow(d.a[o.a[0]], width)}`);
      return;
    }
    flush();
    out.push(`[${o.op}]`);
    for (const k of o.a) out.push(`- ${showRow(d.a[k], width)}`);
    for (const k of o.b) out.push(`+ ${showRow(d.b[k], width)}`);
  });
  flush();
  return out.join("\n");
}

/** One line: agreement and the counts that are not zero. */
export function summary(d) {
  const c = Object.entries(d.counts)
    .filter(([k, v]) => v && k !== "same")
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const at = d.attrs;
  return `rows ${d.counts.same}/${d.a.length} same (${(100 * d.agreement).toFixed(1)}%)${c ? "; " + c : ""}; bold ${at.boldOf - at.bold}/${at.boldOf} (+${at.boldExtra}), headings ${at.headingOf - at.heading}/${at.headingOf}`;
}
