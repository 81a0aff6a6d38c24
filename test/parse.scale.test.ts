/**
 * FOR THE LEAD (issue 15, item 5): the record engine at a size that shows a
 * quadratic. 30,000 objective rows of a generated CSV must convert within a
 * generous limit; the assembler's `objectives.find(sameCode)` (one scan of
 * every objective per row) made 5k rows take 12.9 s and 10k rows 44 s; 20k
 * rows took 125 s on the issue-15 branch, so 30k take about five minutes.
 * This test asserts the result, not a time: the bound is vitest's timeout,
 * 90 s, some twenty times what a linear engine needs for these rows. It is
 * expected to FAIL (timeout) on a branch with the old src/parse, and to pass
 * with the new engine.
 */
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";

const ROWS = 30_000;

describe("record engine at scale (quadratic guard)", () => {
  it(
    `converts ${ROWS} objective rows of one CSV, each objective once, in order`,
    async () => {
      const lines = ["Codice;Obiettivo;Responsabile;Scadenza;Peso"];
      for (let i = 1; i <= ROWS; i++) lines.push(`OB.${i};Obiettivo numero ${i} di prova;Settore ${i % 7};31/12/2025;${i % 3 === 0 ? "1%" : "2%"}`);
      const doc = await convertBuffer(Buffer.from(lines.join("\n") + "\n"), "grande.csv");
      expect(doc.objectives).toHaveLength(ROWS);
      expect(doc.objectives[0]).toMatchObject({ id: "OB.1", title: "Obiettivo numero 1 di prova" });
      expect(doc.objectives[ROWS - 1]).toMatchObject({ id: `OB.${ROWS}`, title: `Obiettivo numero ${ROWS} di prova` });
      expect(new Set(doc.objectives.map((o) => o.id)).size).toBe(ROWS);
    },
    90_000,
  );
});
