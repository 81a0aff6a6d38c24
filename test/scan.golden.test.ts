/**
 * Scanned fixtures (fixtures/scan/, made by scripts/make-scan-fixtures.mjs:
 * born-digital PDF pages printed and scanned back, bilevel CCITT G4, ~1° skew
 * on some pages, dust) through the whole pipeline with OCR, scored with the
 * project's scorer against the seed's gold restricted to the pages scanned.
 * Acceptance: ≥ 0.85 at 300 dpi, ≥ 0.80 at 200 dpi.
 *
 * OCR costs seconds per page: the fixtures are two or three pages each, and
 * the documents are converted concurrently, because the OCR pool is one per
 * process (two workers) and pages of different documents then keep both
 * workers busy; each test awaits its own document.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";
import { shutdownOcr } from "../src/extract/ocr/index.js";
import { PiaoDocument } from "../src/model/schema.js";
// @ts-expect-error plain ESM module without types
import { score } from "./support/score.mjs";

const SCAN = path.join(import.meta.dirname, "../fixtures/scan");
const files = readdirSync(SCAN);
const THRESHOLD: Record<string, number> = { "300": 0.85, "200": 0.8 };
interface Score {
  score: number;
  misses: string[];
}

const scans = files
  .map((f) => /^(.+)\.(300|200)(\.turned|\.grey)?\.pdf$/.exec(f))
  .filter((m): m is RegExpExecArray => m != null)
  .map(([file, stem, dpi, kind]) => {
    const gold = files.find((g) => g.startsWith(`${stem}.pages-`) && g.endsWith(".gold.json"));
    if (!gold) throw new Error(`fixtures/scan: no restricted gold for ${file}`);
    return { file: file!, dpi: dpi!, gold, turned: kind === ".turned", grey: kind === ".grey" };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

// Started together at collection time, awaited by each test: the shared pool interleaves their pages.
const results = new Map(
  scans.map((s) => [
    s.file,
    convertBuffer(new Uint8Array(readFileSync(path.join(SCAN, s.file))), s.file, { ocr: "auto" }).then(
      (doc) => ({ doc }),
      (error: unknown) => ({ error }),
    ),
  ]),
);

afterAll(async () => {
  await Promise.allSettled(results.values());
  await shutdownOcr();
});

describe("scanned fixtures against the restricted gold of their seed", () => {
  it("holds a scan at 300 and 200 dpi of each of 000, 001, 003, 004", () => {
    for (const seed of ["000", "001", "003", "004"]) {
      for (const dpi of ["300", "200"]) expect(scans.some((s) => s.file.startsWith(seed) && s.dpi === dpi), `${seed} at ${dpi} dpi`).toBe(true);
    }
  });

  const scored = new Map<string, Promise<Score>>();
  const scoreOf = (s: (typeof scans)[number]): Promise<Score> => {
    let p = scored.get(s.file);
    if (!p) {
      p = results.get(s.file)!.then((r) => {
        if ("error" in r) throw r.error;
        const gold = JSON.parse(readFileSync(path.join(SCAN, s.gold), "utf8"));
        // The gold is the text seed's, restricted to these pages: it cannot know which words this scan
        // reads poorly, so OCR's own warnings are left out of the score (they are checked below).
        const doc = PiaoDocument.parse(r.doc);
        return score(gold, { ...doc, issues: doc.issues.filter((i) => i.code !== "ocr.low-confidence") }) as Score;
      });
      scored.set(s.file, p);
    }
    return p;
  };

  for (const s of scans) {
    it(`${s.file} scores at least ${THRESHOLD[s.dpi]} against ${s.gold}`, { timeout: 600_000 }, async () => {
      const result = await scoreOf(s);
      expect(result.score, result.misses.slice(0, 30).join("\n")).toBeGreaterThanOrEqual(THRESHOLD[s.dpi]!);
    });
  }

  // The same sheets fed the wrong way (scripts/scan/turn.mjs): read as well as upright.
  for (const s of scans.filter((s) => s.turned)) {
    const upright = scans.find((u) => !u.turned && !u.grey && u.dpi === s.dpi && u.gold === s.gold)!;
    it(`${s.file}, its pages turned a quarter and half a turn, reads as ${upright.file} does`, { timeout: 600_000 }, async () => {
      const [a, b] = await Promise.all([scoreOf(s), scoreOf(upright)]);
      expect(a.score, a.misses.slice(0, 30).join("\n")).toBeGreaterThanOrEqual(b.score - 0.02);
    });
  }

  for (const s of scans) {
    it(`${s.file}: every ocr.low-confidence issue points at a field read under the threshold`, { timeout: 600_000 }, async () => {
      const r = await results.get(s.file)!;
      if ("error" in r) throw r.error;
      const doc = PiaoDocument.parse(r.doc);
      for (const issue of doc.issues.filter((i) => i.code === "ocr.low-confidence")) {
        const tokens = issue.path.split("/").slice(1);
        const field = tokens.pop()!;
        let rec: unknown = doc;
        for (const t of tokens) rec = (rec as Record<string, unknown>)[t];
        const conf = (rec as { confidence?: Record<string, number> }).confidence ?? {};
        // Under `extra`, the confidence is the record's own entry for that label.
        const c = tokens[tokens.length - 1] === "extra" ? undefined : conf[field];
        if (c !== undefined) expect(c, issue.path).toBeLessThan(60);
      }
    });
  }

  for (const s of scans) {
    it(`${s.file} is a scan, OCR'd by tesseract.js, every objective placed on its page`, { timeout: 600_000 }, async () => {
      const r = await results.get(s.file)!;
      if ("error" in r) throw r.error;
      const doc = PiaoDocument.parse(r.doc);
      expect(doc.source.kind).toBe("scan");
      expect(doc.source.ocr?.engine).toBe("tesseract.js");
      for (const [i, o] of doc.objectives.entries()) {
        expect(o.where.page, `objective ${i} where.page`).toEqual(expect.any(Number));
        expect(o.where.bbox, `objective ${i} where.bbox`).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)]);
      }
      expect(doc.objectives.length).toBeGreaterThan(0);
      // Field confidence comes from table cells and card values (paragraph cards carry none yet).
      const records = doc.objectives.flatMap((o) => [o, ...o.steps, ...o.kpis, ...o.steps.flatMap((st) => (st.kpi ? [st.kpi] : []))]);
      expect(records.some((r) => r.confidence && Object.keys(r.confidence).length > 0)).toBe(true);
    });
  }
});
