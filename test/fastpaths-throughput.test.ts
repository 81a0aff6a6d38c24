/**
 * The third throughput pass's shortcuts answer exactly as the expressions
 * they stand for: property tests against the plain definitions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doubleSpaceAt } from "../src/extract/text.js";

describe("throughput fast paths", () => {
  it("a double space is found where the string search finds it", () => {
    const piece = fc.constantFrom("a", "Obiettivo", " ", "  ", "   ", "\t", "\n", "\u00a0", "è", "𝐀");
    const text = fc.oneof(fc.array(piece, { maxLength: 40 }).map((ps) => ps.join("")), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(text, fc.nat(70), (t, from) => {
        expect(doubleSpaceAt(t, from)).toBe(t.indexOf("  ", from));
        // The expression's position is left as found: a later search is not moved by an earlier one.
        expect(doubleSpaceAt(t, 0)).toBe(t.indexOf("  "));
      }),
      { numRuns: 3000 },
    );
  });
});
