import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { emptyKpi, emptyObjective, emptyStep } from "../src/model/factory.js";
import type { PiaoDocument } from "../src/model/schema.js";
import { renderReport, type ReportPage } from "../src/report/html.js";
import { buildReview } from "../src/report/review.js";

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

const date = (raw: string, iso: string | null) => ({ raw, iso, precision: iso ? ("day" as const) : ("none" as const) });
const qty = (raw: string, value: number | null, unit: string | null = "%") => ({ raw, value, unit });

/** A small OCR'd document: one objective with two steps (one with its own KPI), one objective KPI, issues. */
function sampleDoc(): PiaoDocument {
  return {
    schema: "piao-objectives/1",
    source: { file: `scan ${EVIL}.pdf`, sha256: "a".repeat(64), kind: "scan", pages: 1, ocr: { engine: "tesseract.js", lang: "ita", meanConfidence: 71.25 } },
    document: { layout: "objectives-table+steps-table", entity: "Comune di Prova", title: EVIL, period: { from: 2025, to: 2027 } },
    objectives: [
      {
        ...emptyObjective({ page: 1, line: 5, bbox: [40, 100, 560, 140] }),
        id: "1",
        title: `Digitalizzazione ${EVIL}`,
        kind: "Obiettivo di performance",
        unit: "SETTORE AFFARI GENERALI",
        owner: "ROSSI MARIO",
        links: ["DUP_04", "DUP_04_1201"],
        weight: qty("40%", 40),
        due: date("31/12/2025", "2025-12-31"),
        status: "In Corso",
        steps: [
          {
            ...emptyStep({ page: 1, line: 8, bbox: [40, 200, 560, 220] }),
            id: "1.1",
            title: "Analisi dei processi",
            due: date("30/06/25", "2025-06-30"),
            weight: qty("30%", 30),
            owner: "Ufficio protocollo",
            kpi: {
              ...emptyKpi(),
              name: "Numero procedure mappate",
              type: "QUANTITATIVO",
              measure: "Numero",
              target: { raw: ">= 10", kind: "number", value: 10, comparator: ">=", unit: null, date: null },
              history: { "2024": "4", "2023": null },
              source: "Registro",
            },
            extra: { Note: `nota ${EVIL}` },
            confidence: { title: 42, due: 91 },
          },
          {
            ...emptyStep({ page: 1, line: 9, bbox: [40, 222, 560, 240], fields: { due: [400, 224, 470, 236] } }),
            id: "1.2",
            title: "Migrazione",
            due: date("31/06/2025", null),
            weight: qty("70%", 70),
            confidence: { due: 55, weight: 70 },
          },
        ],
        kpis: [
          {
            ...emptyKpi(),
            name: "Servizi online attivati",
            type: "EFFICACIA",
            measure: "%",
            target: { raw: "% > 75", kind: "percent", value: 75, comparator: ">", unit: "%", date: null },
            note: "conteggio annuale",
            where: { page: 1, line: 12, bbox: [40, 300, 560, 318] },
          },
        ],
        extra: { Stakeholder: "Cittadini" },
      },
    ],
    issues: [
      { code: "date.invalid", severity: "error", path: "/objectives/0/steps/1/due", message: `deadline "31/06/2025" is not a real date ${EVIL}`, raw: "31/06/2025" },
      { code: "weight.objectives-sum", severity: "warning", path: "", message: "objective weights sum to 40, not 100", raw: null },
      { code: "ocr.low-confidence", severity: "warning", path: "/objectives/0/steps/0/title", message: "title was read by OCR with 42% mean confidence", raw: "Analisi dei processi" },
      { code: "date.two-digit-year", severity: "info", path: "/objectives/0/steps/0/due", message: "30/06/25 read as 2025", raw: "30/06/25" },
    ],
  };
}

function pngPage(): ReportPage {
  const canvas = createCanvas(300, 424);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, 300, 424);
  ctx.fillStyle = "#000";
  ctx.fillText("Digitalizzazione", 20, 60);
  return {
    page: 1,
    width: 595.28,
    height: 841.89,
    image: { mime: "image/png", data: canvas.toBuffer("image/png") },
    words: [
      { text: "Digitalizzazione", bbox: [40, 100, 140, 112], conf: 93 },
      { text: `Anal1si${EVIL}`, bbox: [60, 204, 110, 216], conf: 38 },
      { text: "30/06/25", bbox: [400, 204, 450, 216], conf: 70 },
      { text: "31/06/2025", bbox: [402, 225, 460, 235], conf: 55 },
    ],
  };
}

/** Text of the HTML between the tags (entities decoded), roughly as a browser would show it. */
const visible = (h: string) =>
  h
    .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("renderReport", () => {
  const doc = sampleDoc();
  const out = renderReport(doc, [pngPage()]);

  it("escapes every piece of document text: markup in titles, messages, words shows as text", () => {
    // The only script element is the report's own.
    expect(out.match(/<script\b/g)).toHaveLength(1);
    expect(out).not.toContain("<img src=x");
    expect(out).not.toMatch(/<[a-z][^>]*\sonerror=/i);
    expect(out).toContain("Digitalizzazione &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    const text = visible(out);
    expect(text).toContain(`Digitalizzazione ${EVIL}`);
    expect(text).toContain(`nota ${EVIL}`);
    expect(text).toContain(`is not a real date ${EVIL}`);
    expect(text).toContain(`Anal1si${EVIL}`);
  });

  it("is self-contained: data: images, a strict CSP with the script's hash, no http(s) URL anywhere", () => {
    expect(out).not.toMatch(/https?:\/\//i);
    expect(out).not.toMatch(/\b(?:src|href)="(?!data:|#)/);
    expect(out).toMatch(/<img alt="page 1" src="data:image\/png;base64,iVBORw0KGgo/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(out)?.[1] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src data:");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("lists every objective, step and KPI with their fields, each field cell tied to its page and box", () => {
    const text = visible(out);
    for (const s of ["SETTORE AFFARI GENERALI", "ROSSI MARIO", "DUP_04, DUP_04_1201", "40%", "31/12/2025", "In Corso", "Cittadini"]) {
      expect(text).toContain(s);
    }
    for (const s of ["Analisi dei processi", "Migrazione", "Ufficio protocollo", "30/06/25", "2025-06-30 (day)", "70%"]) {
      expect(text).toContain(s);
    }
    for (const s of ["Servizi online attivati", "% > 75", "conteggio annuale", "Numero procedure mappate", ">= 10", "2023: —; 2024: 4", "Registro", "step 1.1"]) {
      expect(text).toContain(s);
    }
    // Steps table: one row per step; KPI table: the objective's KPI and the step's.
    const tables = [...out.matchAll(/<h4>(\w+) \((\d+)\)<\/h4>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(tables).toEqual(["Steps=2", "KPIs=2"]);
    // A field with its own box, one falling back on its row's box, one falling back on its parent's.
    expect(out).toMatch(/title="\/objectives\/0\/steps\/1\/due" data-own="1" data-page="1" data-bbox="400 224 470 236"/);
    expect(out).toMatch(/title="\/objectives\/0\/steps\/0\/title" data-own="0" data-page="1" data-bbox="40 200 560 220"/);
    expect(out).toMatch(/title="\/objectives\/0\/steps\/0\/kpi\/name" data-own="0" data-page="1" data-bbox="40 200 560 220"/);
    expect(out).toMatch(/title="\/objectives\/0\/extra\/Stakeholder"/);
  });

  it("puts every issue and every low-confidence field in the checklist, linked to its field", () => {
    const review = buildReview(doc, [], 60);
    const items = [...out.matchAll(/<li><input type="checkbox" id="c\d+" data-key="([^"]*)">[\s\S]*?data-go="([^"]*)">([^<]*)<\/a><\/li>/g)];
    expect(items).toHaveLength(review.checklist.length);
    const paths = items.map((m) => m[3]);
    for (const issue of doc.issues) expect(paths).toContain(issue.path === "" ? "(document)" : issue.path);
    // Low confidence: step 1.1's title (already an issue: listed once) and step 1.2's due (55 < 60); 70 and 91 are not.
    expect(paths.filter((p) => p === "/objectives/0/steps/0/title")).toHaveLength(1);
    expect(paths).toContain("/objectives/0/steps/1/due");
    expect(paths).not.toContain("/objectives/0/steps/1/weight");
    expect(review.counts.lowConfidence).toBe(2);
    // Each link targets an element of the page; the document-wide issue targets the summary.
    for (const m of items) expect(out).toContain(`id="${m[2]}"`);
    expect(items.find((m) => m[3] === "(document)")?.[2]).toBe("summary");
    // Keys are unique (they key the saved ticks).
    expect(new Set(items.map((m) => m[1])).size).toBe(items.length);
  });

  it("groups info issues by code: one tick for many places, each place still linked", () => {
    const many = sampleDoc();
    const infos = Array.from({ length: 5 }, (_, k) => ({
      code: "date.two-digit-year",
      severity: "info" as const,
      path: `/objectives/0/steps/${k % 2}/due`,
      message: `30/06/2${k} read as 202${k}`,
      raw: `30/06/2${k}`,
    }));
    many.issues = [...many.issues.filter((i) => i.severity !== "info"), ...infos];
    const html = renderReport(many, [pngPage()]);
    const entries = html.match(/<li[ >][\s\S]*?<\/li>\n/g) ?? [];
    // Three issues and one low-confidence field one by one, five infos as one entry.
    expect(entries).toHaveLength(5);
    expect(html).toContain('<span id="done">0 / 5</span>');
    const group = entries.find((e) => e.includes('class="group"'))!;
    expect(group).toContain('data-key="group|date.two-digit-year"');
    expect(visible(group)).toContain("5 places, e.g. 30/06/20 read as 2020");
    expect(group.match(/data-go="f\d+"/g)).toHaveLength(5);
    // One info of a code stays a plain entry.
    expect(out).not.toContain('class="group"');
  });

  it("turns a deskewed scan's image so its word boxes, in the straightened frame, lie over it", () => {
    expect(out).not.toContain("transform:rotate");
    const turned = renderReport(doc, [{ ...pngPage(), skew: 0.9 }]);
    expect(turned).toMatch(/<img alt="page 1" style="transform:rotate\(-0\.9deg\)" src="data:image\/png;base64,/);
  });

  it("shades words by confidence against the threshold, which is configurable", () => {
    expect(out.match(/<rect class="w lo"/g)).toHaveLength(2);
    expect(out.match(/<rect class="w mid"/g)).toHaveLength(1);
    expect(out.match(/<rect class="w hi"/g)).toHaveLength(1);
    const strict = renderReport(doc, [pngPage()], { ocrThreshold: 80 });
    expect(strict.match(/<rect class="w lo"/g)).toHaveLength(3);
    // 70 on step 1.2's weight is now low too.
    expect(strict).toMatch(/data-go="f\d+">\/objectives\/0\/steps\/1\/weight</);
  });

  it("summarises the document: file, sha256, kind, pages, OCR engine and mean confidence, counts", () => {
    const text = visible(out);
    expect(text).toContain(`Spot-check: scan ${EVIL}.pdf`);
    expect(text).toContain("a".repeat(64));
    expect(text).toMatch(/kindscan/);
    expect(text).toContain("tesseract.js (ita)");
    expect(text).toContain("71.3%");
    expect(text).toMatch(/objectives1\s*steps2\s*KPIs2/);
    expect(text).toContain("1 error · 2 warning · 1 info");
  });

  it("renders a text export without a page column, locations as line numbers", () => {
    const text = { ...sampleDoc(), source: { ...doc.source, kind: "text" as const, pages: null, ocr: null } };
    for (const o of text.objectives) {
      o.where = { page: null, line: o.where.line };
      for (const s of o.steps) s.where = { page: null, line: s.where.line };
      o.kpis = [];
    }
    const h = renderReport(text, []);
    expect(h).not.toContain("<img");
    expect(h).not.toContain('id="pages"');
    expect(h).toContain('<main class="textonly">');
    expect(h).toContain(">line 5</td>");
    expect(h).not.toContain("data-bbox=");
  });
});
