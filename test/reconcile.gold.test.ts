/**
 * The reconciler against the expected issues of the real documents: each gold
 * file minus its `issues` goes through `reconcile`, and the error/warning
 * findings must match the gold ones by (code, path). Info issues are not
 * compared (the gold files do not list them).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Issue, type PiaoDocument } from "../src/model/schema.js";
import { reconcile } from "../src/reconcile/index.js";

const GOLD_DIR = fileURLToPath(new URL("../fixtures/gold/", import.meta.url));
const files = readdirSync(GOLD_DIR).filter((f) => f.endsWith(".json")).sort();

/**
 * Gold issues we believe contradict the contract, as "file code path".
 * Empty: every gold issue is reproduced.
 */
const EXCLUDED = new Set<string>([]);

/** Gold files omit some empty keys (a step's `extra`); the model always has them. */
function complete(doc: PiaoDocument): PiaoDocument {
  for (const o of doc.objectives) {
    o.extra ??= {};
    o.links ??= [];
    o.steps ??= [];
    o.kpis ??= [];
    for (const s of o.steps) s.extra ??= {};
  }
  return doc;
}

const key = (i: Pick<Issue, "code" | "path">): string => `${i.code} ${i.path}`;

describe("reconcile against gold issues", () => {
  it("has gold files to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(file, () => {
      const gold = JSON.parse(readFileSync(GOLD_DIR + file, "utf8")) as PiaoDocument;
      const expected = gold.issues
        .filter((i) => i.severity !== "info")
        .filter((i) => !EXCLUDED.has(`${file} ${key(i)}`))
        .map(key)
        .sort();
      const doc = complete({ ...gold, issues: [] });
      const issues = reconcile(doc, { notes: [] });

      for (const i of issues) expect(Issue.safeParse(i).success).toBe(true);
      const got = issues.filter((i) => i.severity !== "info").map(key).sort();
      expect(got).toEqual(expected);

      // Same severity as the gold for every matched issue.
      const bySev = new Map(issues.map((i) => [key(i), i.severity]));
      for (const g of gold.issues) if (bySev.has(key(g))) expect(bySev.get(key(g))).toBe(g.severity);
    });
  }
});
