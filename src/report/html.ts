/**
 * The spot-check report: one self-contained HTML page per document. Page
 * images (data: URIs) with the words' boxes shaded by OCR confidence on the
 * left; the extracted objectives, steps and KPIs as tables on the right, every
 * field clickable to show its box on the page; above them a checklist of the
 * reconciler's issues and low-confidence fields whose ticks persist in
 * localStorage. No external resource of any kind: the page works opened from
 * disk with no network, and its CSP forbids fetching anything at all.
 */
import type { PageWords } from "../doc/source.js";
import type { PiaoDocument } from "../model/schema.js";
import { REPORT_CSS, REPORT_JS, REPORT_JS_HASH } from "./assets.js";
import { html, trusted, type Html } from "./escape.js";
import {
  buildReview,
  confLevel,
  DEFAULT_OCR_THRESHOLD,
  MIDDLING_BAND,
  KPI_FIELDS,
  STEP_FIELDS,
  SUMMARY_ID,
  type CheckItem,
  type FieldView,
  type KpiView,
  type Located,
  type ObjectiveView,
  type RecordView,
  type Review,
} from "./review.js";

/** `<name>.json` → `<name>.report.html`. */
export const REPORT_EXT = ".report.html";

export interface ReportImage {
  mime: "image/png" | "image/jpeg";
  data: Uint8Array;
}

/** One page as the report shows it: sizes and word boxes in PDF points, origin top-left. */
export interface ReportPage extends PageWords {
  image: ReportImage | null;
}

export interface ReportOptions {
  /** Confidence (0–100) under which a field or word is flagged; default 60. */
  ocrThreshold?: number;
}

const CSP = [
  "default-src 'none'",
  "img-src data:",
  "style-src 'unsafe-inline'",
  `script-src ${REPORT_JS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export function renderReport(doc: PiaoDocument, pages: readonly ReportPage[], opts: ReportOptions = {}): string {
  const threshold = opts.ocrThreshold ?? DEFAULT_OCR_THRESHOLD;
  const review = buildReview(doc, pages, threshold);
  const hasPages = pages.length > 0;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${trusted(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Spot-check · ${doc.source.file}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body data-sha="${doc.source.sha256}">
${summary(doc, review, hasPages)}
<main class="${hasPages ? "" : "textonly"}">
${hasPages ? html`<section id="pages" aria-label="page images">${pages.map((p) => page(p, threshold))}</section>` : null}
<section id="data" aria-label="extracted data">
${checklist(review.checklist)}
<h2>Objectives (${review.objectives.length})</h2>
${review.objectives.length ? review.objectives.map(objective) : html`<p class="empty">No objective was extracted.</p>`}
</section>
</main>
<script>${trusted(REPORT_JS)}</script>
</body>
</html>
`.text;
}

function summary(doc: PiaoDocument, review: Review, hasPages: boolean): Html {
  const { source, document: info } = doc;
  const c = review.counts;
  const t = review.threshold;
  const item = (label: string, value: string | number | null) => (value === null ? null : html`<div><dt>${label}</dt><dd>${value}</dd></div>`);
  return html`<header id="${SUMMARY_ID}">
<h1>Spot-check: ${source.file}</h1>
<dl>
${item("sha256", source.sha256)}
${item("kind", source.kind)}
${item("pages", source.pages)}
${item("layout", info.layout)}
${item("entity", info.entity)}
${item("title", info.title)}
${item("period", info.period ? `${info.period.from}–${info.period.to}` : null)}
${item("OCR", source.ocr ? `${source.ocr.engine} (${source.ocr.lang})` : null)}
${item("mean OCR confidence", source.ocr?.meanConfidence != null ? `${source.ocr.meanConfidence.toFixed(1)}%` : null)}
${item("objectives", c.objectives)}
${item("steps", c.steps)}
${item("KPIs", c.kpis)}
${item("issues", `${c.issues.error} error · ${c.issues.warning} warning · ${c.issues.info} info`)}
${item(`fields under ${t}% confidence`, c.lowConfidence)}
</dl>
<div class="legend">
${
  hasPages
    ? html`<span><span class="sw lo"></span>word under ${t}%</span>
<span><span class="sw mid"></span>word ${t}–${Math.min(100, t + MIDDLING_BAND)}%</span>
<span><span class="sw hl"></span>selected field (dashed: box of its whole row)</span>
<label><input type="checkbox" id="allwords"> show every word box</label>
<label>page zoom <input type="range" id="zoom" min="50" max="400" step="10" value="100"></label>`
    : html`<span>Text export: no page images; locations are line numbers.</span>`
}
<span id="status" role="status"></span>
</div>
</header>`;
}

function page(p: ReportPage, threshold: number): Html {
  const r = (n: number) => Math.round(n * 10) / 10;
  const rects = p.words.map((w) => {
    const [x0, y0, x1, y1] = w.bbox;
    const cls = w.conf === undefined ? "nc" : confLevel(w.conf, threshold);
    // A tooltip only where the reviewer is meant to look: keeps the page light.
    const tip = cls === "lo" || cls === "mid" ? html`<title>${w.text} · ${Math.round(w.conf ?? 0)}%</title>` : null;
    return html`<rect class="w ${cls}" x="${r(x0)}" y="${r(y0)}" width="${r(x1 - x0)}" height="${r(y1 - y0)}">${tip}</rect>`;
  });
  // Boxes of a deskewed scan are in the straightened frame: the image is turned to match.
  const turn = p.skew ? html` style="transform:rotate(${-p.skew}deg)"` : null;
  const img = p.image
    ? html`<img alt="page ${p.page}"${turn} src="data:${p.image.mime};base64,${Buffer.from(p.image.data).toString("base64")}">`
    : html`<div class="noimg">no image of this page</div>`;
  return html`<figure class="page" id="page-${p.page}" data-w="${p.width}" data-h="${p.height}" style="aspect-ratio:${p.width}/${p.height}">
${img}<svg viewBox="0 0 ${p.width} ${p.height}" preserveAspectRatio="none" aria-hidden="true">${rects}</svg><div class="hl"></div><figcaption>page ${p.page}</figcaption>
</figure>
`;
}

/**
 * Errors and warnings one by one; info items grouped by code (76 expanded
 * two-digit years are one thing to check, not 76), each group one tick with
 * its places listed under it. A code met once stays a plain entry.
 */
function checklist(items: readonly CheckItem[]): Html {
  if (items.length === 0) {
    return html`<section id="checklist"><h2>Checklist</h2><p class="empty">Nothing to check: no issue and no low-confidence field.</p></section>`;
  }
  const groups = new Map<string, CheckItem[]>();
  for (const c of items) if (c.severity === "info") groups.set(c.code, [...(groups.get(c.code) ?? []), c]);
  const entries: (CheckItem | CheckItem[])[] = [];
  for (const c of items) {
    const g = c.severity === "info" ? groups.get(c.code)! : null;
    if (!g || g.length === 1) entries.push(c);
    else if (g[0] === c) entries.push(g);
  }
  const link = (c: CheckItem) => html`<a href="#${c.target}" data-go="${c.target}">${c.path === "" ? "(document)" : c.path}</a>`;
  return html`<section id="checklist"><h2>Checklist <span id="done">0 / ${entries.length}</span></h2><ol>
${entries.map((e, i) =>
  Array.isArray(e)
    ? html`<li class="group"><input type="checkbox" id="c${i + 1}" data-key="group|${e[0]!.code}"><label for="c${i + 1}"><span class="sev info">info</span> <code>${e[0]!.code}</code> <span class="msg">${e.length} places, e.g. ${e[0]!.message}</span></label><details><summary>the ${e.length} places</summary>${e.map(
        (c) => html`<div class="place">${link(c)} <span class="msg">${c.message}</span></div>`,
      )}</details></li>
`
    : html`<li><input type="checkbox" id="c${i + 1}" data-key="${e.key}"><label for="c${i + 1}"><span class="sev ${e.severity}">${e.severity}</span> <code>${e.code}</code> <span class="msg">${e.message}</span></label> ${link(e)}</li>
`,
)}</ol></section>`;
}

/** Attributes that let the script find a field's or record's box on its page. */
function boxAttrs(l: Located): Html {
  const bbox = l.bbox ? l.bbox.map((n) => Math.round(n * 100) / 100).join(" ") : null;
  return html`${l.page !== null ? html` data-page="${l.page}"` : null}${bbox !== null ? html` data-bbox="${bbox}"` : null}`;
}

function fieldAttrs(f: FieldView): Html {
  const cls = f.level === "lo" || f.level === "mid" ? ` ${f.level}` : "";
  return html`class="f${cls}" id="${f.id}" data-f tabindex="0" title="${f.path}" data-own="${f.own ? "1" : "0"}"${boxAttrs(f)}`;
}

function fieldBody(f: FieldView): Html {
  return html`${f.conf !== null ? html`<span class="conf">${Math.round(f.conf)}%</span>` : null}${
    f.text !== null ? f.text : html`<span class="nil">—</span>`
  }${f.detail !== null ? html`<span class="det">${f.detail}</span>` : null}`;
}

const cell = (f: FieldView) => html`<td ${fieldAttrs(f)}>${fieldBody(f)}</td>`;

/** The record's own handle: its location, clickable to show its whole box. */
function locCell(r: RecordView): Html {
  const at = [r.page !== null ? `p. ${r.page}` : null, r.line !== null ? `line ${r.line}` : null].filter((x) => x !== null).join(" · ");
  return html`<td class="loc" id="${r.id}" data-f tabindex="0" title="${r.path}" data-own="0"${boxAttrs(r)}>${at || "—"}</td>`;
}

function extraCell(r: RecordView): Html {
  if (r.extra.length === 0) return html`<td><span class="nil">—</span></td>`;
  return html`<td>${r.extra.map((f) => html`<span ${fieldAttrs(f)}><b>${f.label}:</b> ${fieldBody(f)}</span>`)}</td>`;
}

function objective(o: ObjectiveView, i: number): Html {
  const [id, title] = o.fields;
  const heading = [id?.text, title?.text].filter((x) => x !== null && x !== undefined).join(" — ");
  return html`<section class="objective">
<h3>Objective ${i + 1}${heading ? html`: ${heading}` : null}</h3>
<table class="kv"><tbody>
<tr><th>where</th>${locCell(o)}</tr>
${o.fields.map((f) => html`<tr><th>${f.label}</th>${cell(f)}</tr>`)}
${o.extra.map((f) => html`<tr><th>extra · ${f.label}</th>${cell(f)}</tr>`)}
</tbody></table>
${table("Steps", ["where", ...STEP_FIELDS, "extra"], o.steps, (s) => html`<tr>${locCell(s)}${s.fields.map(cell)}${extraCell(s)}</tr>`)}
${table("KPIs", ["where", "of", ...KPI_FIELDS], o.kpis, (k: KpiView) => html`<tr>${locCell(k)}<td>${k.of}</td>${k.fields.map(cell)}</tr>`)}
</section>
`;
}

function table<T>(title: string, columns: readonly string[], rows: readonly T[], row: (r: T) => Html): Html {
  if (rows.length === 0) return html`<h4>${title} (0)</h4>`;
  return html`<h4>${title} (${rows.length})</h4><div class="scroll"><table><thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>
${rows.map((r) => html`${row(r)}
`)}</tbody></table></div>`;
}
