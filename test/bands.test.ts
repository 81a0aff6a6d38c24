/**
 * parse/bands.ts: weights given as band words ("alto", "medio") take the value a legend printed in the
 * document gives them; percentages keep their unit, points have none.
 */
import { describe, expect, it } from "vitest";
import { convertBuffer } from "../src/convert.js";
import { weightBands } from "../src/parse/bands.js";
import { lines } from "./support/engine.js";

const row = (text: string) => ({ page: null, line: 1, kind: "text" as const, cells: [{ text }] });

describe("weightBands", () => {
  it("reads a legend line's pairs (`alto = 40%`, `peso medio = 30 punti`)", () => {
    expect([...weightBands([row("Legenda pesi: alto = 40%; medio = 25%; basso = 10%.")])]).toEqual([
      ["alto", { value: 40, unit: "%" }],
      ["medio", { value: 25, unit: "%" }],
      ["basso", { value: 10, unit: "%" }],
    ]);
    expect(weightBands([row("Legenda: peso alto = 50 punti; peso medio = 30 punti; peso basso = 20 punti (totale 100 punti).")]).get("medio")).toEqual({ value: 30, unit: null });
  });

  it("no legend cue, or one pair only: no bands", () => {
    expect(weightBands([row("Personale: tecnici = 12; amministrativi = 5")]).size).toBe(0);
    expect(weightBands([row("Legenda: X = mese di svolgimento della fase")]).size).toBe(0);
  });
});

describe("band words as weights, end to end", () => {
  it("an objective weighing `alto` under a legend gets its value; without a legend the band stays unread (weight.malformed)", async () => {
    const body = ["Obiettivo\tResponsabile\tPeso", "Sentieri di fondovalle\tp.a. Ettore Neri\talto", "Trasporto scolastico\tdott.ssa Nives Calda\tmedio"];
    const banded = await convertBuffer(new TextEncoder().encode(lines("Legenda pesi: alto = 60%; medio = 40%.", "", ...body)), "doc.txt", { ocr: "never" });
    expect(banded.objectives.map((o) => o.weight)).toEqual([
      { raw: "alto", value: 60, unit: "%" },
      { raw: "medio", value: 40, unit: "%" },
    ]);
    const bare = await convertBuffer(new TextEncoder().encode(lines(...body)), "doc.txt", { ocr: "never" });
    expect(bare.objectives[0]!.weight?.value ?? null).toBeNull();
  });
});
