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

describe("validation without the parse's copy", () => {
  it("a valid document found in the shapes' order serialises as the parse's copy of it, whatever its objects' keys", async () => {
    const { readFileSync } = await import("node:fs");
    const { convertBuffer } = await import("../src/convert.js");
    const { PiaoDocument } = await import("../src/model/schema.js");
    const { inShapeOrder, validAsItIs } = await import("../src/model/shape-order.js");
    const base = await convertBuffer(readFileSync("fixtures/seeds/004_131eba05ebaf386c.txt"), "004.txt");
    expect(base.objectives.length).toBeGreaterThan(0);
    // The converter's own documents are in the shapes' order (the copy is skipped for them).
    expect(validAsItIs(base)).toBe(true);
    // Every object of a document, depth first.
    const objectsOf = (v: unknown, into: Record<string, unknown>[] = []): Record<string, unknown>[] => {
      if (Array.isArray(v)) for (const x of v) objectsOf(x, into);
      else if (v && typeof v === "object") {
        into.push(v as Record<string, unknown>);
        for (const x of Object.values(v)) objectsOf(x, into);
      }
      return into;
    };
    const edit = fc.record({ at: fc.nat(objectsOf(base).length - 1), how: fc.constantFrom("reverse", "rotate", "extra", "undefined", "drop-last", "none") });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 3 }), (edits) => {
        const doc = structuredClone(base);
        const all = objectsOf(doc);
        for (const e of edits) {
          const o = all[e.at % all.length]!;
          const entries = Object.entries(o);
          if (e.how === "none") continue;
          for (const k of Object.keys(o)) delete o[k];
          const order = e.how === "reverse" ? entries.reverse() : e.how === "rotate" ? [...entries.slice(1), ...entries.slice(0, 1)] : e.how === "drop-last" ? entries.slice(0, -1) : entries;
          for (const [k, v] of order) o[k] = v;
          if (e.how === "extra") o.zzExtra = "x";
          if (e.how === "undefined") o.zzUndefined = undefined;
        }
        if (validAsItIs(doc)) {
          expect(JSON.stringify(doc)).toBe(JSON.stringify(PiaoDocument.parse(doc)));
        }
        // Whatever the copy is skipped for, validation answers as the full parse does.
        expect(validAsItIs(doc)).toBe(PiaoDocument.safeParse(doc).success && inShapeOrder(doc, PiaoDocument));
      }),
      { numRuns: 300 },
    );
  });
});

describe("per-document caches", () => {
  it("keep answers only while a document is read, and drop them after", async () => {
    const { documentCache, readingDocument } = await import("../src/parse/per-document.js");
    const cache = documentCache<object, number>();
    const key = {};
    // Outside a document nothing is kept: no answer outlives the document it was read in.
    cache.set(key, 1);
    expect(cache.get(key)).toBeUndefined();
    const seen = readingDocument(() => {
      cache.set(key, 2);
      // A nested reading (a document read inside another's) shares the outer one's answers.
      const inner = readingDocument(() => cache.get(key));
      return [cache.get(key), inner, cache.get(key)];
    });
    expect(seen).toEqual([2, 2, 2]);
    expect(cache.get(key)).toBeUndefined();
    // Emptied even when the reading throws.
    expect(() =>
      readingDocument(() => {
        cache.set(key, 3);
        throw new Error("bad input");
      }),
    ).toThrow("bad input");
    expect(cache.get(key)).toBeUndefined();
  });

  it("a document parsed twice gives the same objectives (nothing carried over from the first)", async () => {
    const { readFileSync } = await import("node:fs");
    const { convertBuffer } = await import("../src/convert.js");
    const bytes = readFileSync("fixtures/seeds/001_1e18ce1816fe9ae7.txt");
    const a = JSON.stringify(await convertBuffer(bytes, "001.txt"));
    await convertBuffer(readFileSync("fixtures/seeds/002_2dee33aa53bacd4a.txt"), "002.txt");
    const b = JSON.stringify(await convertBuffer(bytes, "001.txt"));
    expect(JSON.parse(a).objectives.length).toBeGreaterThan(0);
    expect(b).toBe(a);
  });
});
