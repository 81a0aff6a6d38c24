/**
 * Weights given as bands ("peso: alto") with a legend the document prints
 * once ("Legenda pesi: alto = 40%; medio = 25%; basso = 10%", "peso alto =
 * 50 punti; peso medio = 30 punti"): each band word's value. An objective's
 * or step's weight printed as a band word takes the legend's value, its raw
 * kept as printed; percentages keep their unit, points have none.
 */
import type { Row } from "../doc/source.js";
import type { Objective, Quantity } from "../model/schema.js";

/** One pair of a legend: a band word ("alto", "molto alto"), `=` or `:`, a number, maybe `%` or points. */
const BAND_PAIR = /(?<![\p{L}\d])(?:pes[oi]\s+)?(\p{L}{2,15}(?:\s+\p{L}{2,15})?)\s*(?:=|:|→)\s*(\d{1,4}(?:[.,]\d+)?)\s*(%|punti|pt\b\.?)?/giu;
/** A line that says it is a legend of weights or bands. */
const LEGEND_CUE = /\blegenda\b|\bfasc[ei]a?\b/i;
/** Pairs a legend holds at least. */
const MIN_PAIRS = 2;

export type WeightBands = ReadonlyMap<string, Omit<Quantity, "raw">>;

function key(word: string): string {
  return word.trim().toLowerCase().replace(/\s+/g, " ");
}

/** The bands a legend line of the document defines; empty when none. */
export function weightBands(rows: readonly Row[]): WeightBands {
  const bands = new Map<string, Omit<Quantity, "raw">>();
  for (const r of rows) {
    if (r.kind === "blank") continue;
    // (A legend pairs its bands with "=": most rows hold none, and need no further look.)
    if (!r.cells.some((c) => c.text.includes("="))) continue;
    const text = r.cells.map((c) => c.text).join(" ");
    if (!LEGEND_CUE.test(text)) continue;
    const pairs = [...text.matchAll(BAND_PAIR)].filter((m) => !/^(?:totale|peso|pesi)$/i.test(m[1]!.trim()));
    if (pairs.length < MIN_PAIRS) continue;
    for (const m of pairs) {
      const value = Number(m[2]!.replace(",", "."));
      bands.set(key(m[1]!.replace(/^pes[oi]\s+/i, "")), { value, unit: m[3] === "%" ? "%" : null });
    }
  }
  return bands;
}

/** Weights printed as a band word (no value of their own) take the legend's value. */
export function applyBands(objectives: Objective[], bands: WeightBands): void {
  if (bands.size === 0) return;
  const fix = (w: Quantity | null): Quantity | null => {
    if (w === null || w.value !== null) return w;
    const b = w.raw === null ? undefined : bands.get(key(w.raw));
    return b ? { raw: w.raw, value: b.value, unit: b.unit } : w;
  };
  for (const o of objectives) {
    o.weight = fix(o.weight);
    for (const s of o.steps) s.weight = fix(s.weight);
  }
}
