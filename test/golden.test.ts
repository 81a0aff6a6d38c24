/**
 * The seeds against their gold, through the whole pipeline, with the project's
 * scorer: the acceptance thresholds of the text path, and the same scores when
 * file names, line ends or the encoding change.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";
import { PiaoDocument } from "../src/model/schema.js";
// @ts-expect-error plain ESM module without types
import { score } from "./support/score.mjs";
import { encodeCp1252 } from "./support/cp1252.js";

const SEEDS = path.join(import.meta.dirname, "../fixtures/seeds");
const GOLD = path.join(import.meta.dirname, "../fixtures/gold");
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort();

/** Raw OCR text whose columns were flattened: best effort, 0.50 is the goal. */
const THRESHOLD: Record<string, number> = { "002": 0.5 };
const thresholdOf = (f: string) => THRESHOLD[f.slice(0, 3)] ?? 0.95;
/**
 * Known gaps, stated as failing expectations so they cannot be forgotten; an
 * entry goes when its seed reaches its threshold (002, the flattened-column
 * recovery in src/parse/flattened.ts, reached 0.50: ~0.54).
 */
const KNOWN_GAPS = new Set<string>();
/** What is reached today on the known gaps: a floor against regressions. */
const FLOOR: Record<string, number> = {};

interface Score {
  score: number;
  misses: string[];
}

async function scoreOf(bytes: Uint8Array, name: string, seed: string): Promise<Score> {
  const doc = await convertBuffer(bytes, name);
  PiaoDocument.parse(doc);
  const gold = JSON.parse(readFileSync(path.join(GOLD, seed.replace(/\.txt$/, ".json")), "utf8"));
  return score(gold, doc) as Score;
}

describe("seeds against gold", () => {
  const base = new Map<string, number>();
  for (const seed of seeds) {
    const test = KNOWN_GAPS.has(seed.slice(0, 3)) ? it.fails : it;
    test(`${seed} scores at least ${thresholdOf(seed)}`, async () => {
      const r = await scoreOf(readFileSync(path.join(SEEDS, seed)), seed, seed);
      base.set(seed, r.score);
      expect(r.score, r.misses.slice(0, 20).join("\n")).toBeGreaterThanOrEqual(thresholdOf(seed));
    });
  }

  for (const seed of seeds.filter((s) => FLOOR[s.slice(0, 3)] !== undefined)) {
    it(`${seed} keeps at least ${FLOOR[seed.slice(0, 3)]} (known gap's floor)`, async () => {
      const r = base.get(seed) ?? (await scoreOf(readFileSync(path.join(SEEDS, seed)), seed, seed)).score;
      expect(r).toBeGreaterThanOrEqual(FLOOR[seed.slice(0, 3)]!);
    });
  }

  for (const seed of seeds) {
    it(`${seed}: same score renamed, with CRLF line ends, and in Windows-1252`, async () => {
      const text = readFileSync(path.join(SEEDS, seed), "utf8");
      const ref = base.get(seed) ?? (await scoreOf(Buffer.from(text), seed, seed)).score;
      const renamed = await scoreOf(Buffer.from(text), "allegato performance.txt", seed);
      expect(renamed.score).toBeCloseTo(ref, 6);
      const crlf = await scoreOf(Buffer.from(text.replace(/\n/g, "\r\n")), seed, seed);
      expect(crlf.score).toBeCloseTo(ref, 6);
      // Characters Windows-1252 cannot hold (≥, ❖) become "?", so allow a hair of difference.
      const cp = await scoreOf(encodeCp1252(text), seed, seed);
      expect(Math.abs(cp.score - ref)).toBeLessThan(0.01);
    });
  }
});

const PDFS = path.join(import.meta.dirname, "../fixtures/pdf");
const pdfs = readdirSync(PDFS).filter((f) => f.endsWith(".pdf")).sort();

describe("born-digital PDF fixtures against the gold of their seed", () => {
  for (const pdf of pdfs) {
    const seed = pdf.replace(/\.[a-z]+\.pdf$/, ".txt");
    it(`${pdf} scores at least 0.93 and within 0.03 of the text path`, async () => {
      const r = await scoreOf(readFileSync(path.join(PDFS, pdf)), pdf, seed);
      const text = await scoreOf(readFileSync(path.join(SEEDS, seed)), seed, seed);
      expect(r.score, r.misses.slice(0, 20).join("\n")).toBeGreaterThanOrEqual(0.93);
      expect(Math.abs(r.score - text.score)).toBeLessThanOrEqual(0.03);
    });
  }
});
