/**
 * The record engine's throughput shortcuts (cheap necessary conditions asked
 * before costly expressions) answer exactly as the full computation does:
 * property tests against the plain definitions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { titleAndProse } from "../src/parse/prose.js";
import { PROSE_CUES } from "../src/lexicon/vocabulary.js";
import { debrisByExpressions, isDebris } from "../src/blocks/flattened.js";
import { hasBadEncoding, mayHaveBadEncoding, MOJIBAKE_RE } from "../src/extract/encoding.js";

/** Openers' texts: words, full stops, capitals, digits, white space and letters outside the BMP. */
const openerText = fc
  .array(fc.constantFrom("Obiettivo", "1", "1.", "N.", "Riduzione", "dei", "tempi", ".", ". ", " ", "  ", "L'obiettivo", "affidato", "al", "Servizio", "è", "𝐀𝐫𝐞𝐚", "ha", "peso", "15.", "\n", "Fine."), { maxLength: 40 })
  .map((ws) => ws.join(" "));

describe("engine fast paths", () => {
  it("an opener is split into title and prose as the expression alone splits it (its pre-check turns away none it reads)", () => {
    const full = new RegExp(String.raw`^(.{3,200}?\p{L}{2})\.(?=\s+\p{Lu}|\s*$)\s*(.+)$`, "su");
    fc.assert(
      fc.property(fc.oneof(openerText, fc.string({ maxLength: 300 })), (text) => {
        const m = full.exec(text.trim());
        const reads = !!m && m[2]!.length >= PROSE_CUES.minProse;
        expect(titleAndProse(text)).toEqual(reads ? { title: m![1]!.trim(), prose: m![2]!.trim() } : null);
      }),
      { numRuns: 2000 },
    );
  });

  it("a short fragment is debris by the letter table as by the expressions", () => {
    const frag = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.stringMatching(/^[a-zA-Z]{1,3}$/),
      fc.constantFrom("L", "l", "di", "DI", "Di", "e", "E", "la", "IL", "dei", "UOC", "q", "P", "n.", "è", "più", "ex", "Ex", "EX", "ÀB", "1a", "|", "𝐀"),
    );
    fc.assert(
      fc.property(frag, (t) => {
        expect(isDebris(t)).toBe(debrisByExpressions(t));
      }),
      { numRuns: 3000 },
    );
  });

  it("a text's damage pre-check finds every character damage starts with", () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("qualità", "Ã¨", "â€™", "Â ", "\uFFFD", "perché"));
    fc.assert(
      fc.property(text, (s) => {
        expect(mayHaveBadEncoding(s)).toBe(/[ÃÂâ\uFFFD]/.test(s));
        expect(hasBadEncoding(s)).toBe(/[ÃÂâ\uFFFD]/.test(s) && MOJIBAKE_RE.test(s));
      }),
      { numRuns: 2000 },
    );
  });
});
