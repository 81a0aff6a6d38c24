import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isPlaceholder,
  parseDate,
  parseItalianNumber,
  parseQuantity,
  parseTarget,
} from "../src/normalize/index.js";

const ctx = { period: { from: 2025, to: 2027 } };

/** Formats a non-negative amount in cents the Italian way (`1.150,00`). */
function italian(cents: number, opts: { group: boolean; decimals: boolean }): string {
  const int = Math.floor(cents / 100);
  const dec = String(cents % 100).padStart(2, "0");
  let s = String(int);
  if (opts.group) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return opts.decimals ? `${s},${dec}` : s;
}

const PLACEHOLDER_CHARS = ["-", "–", "—", "/", ".", " ", "_", "*", "…"];
const placeholder = fc.string({ unit: fc.constantFrom(...PLACEHOLDER_CHARS), maxLength: 20 });

describe("isPlaceholder", () => {
  it.each(["", "   ", "-", "--", "-----/--- --", "n.d.", "N.D.", "n/a", "N/A", "/", "—", "…", "nd", "n.a.", "N/D"])(
    "%j is a placeholder",
    (s) => expect(isPlaceholder(s)).toBe(true),
  );

  it.each(["0", "No", "Si", "10%", "-5", "2 sem", "annuale", "x", "n. 2"])("%j is a value", (s) =>
    expect(isPlaceholder(s)).toBe(false),
  );

  it("treats null and undefined as placeholders", () => {
    expect(isPlaceholder(null)).toBe(true);
    expect(isPlaceholder(undefined)).toBe(true);
  });

  it("placeholders never parse into anything (property)", () => {
    fc.assert(
      fc.property(placeholder, (s) => {
        expect(isPlaceholder(s)).toBe(true);
        expect(parseQuantity(s)).toBeNull();
        expect(parseDate(s, ctx)).toBeNull();
        expect(parseTarget(s, ctx)).toBeNull();
      }),
    );
  });
});

describe("parseItalianNumber", () => {
  it.each([
    ["1.150,00", 1150],
    ["18,18", 18.18],
    ["0,30", 0.3],
    ["1,5", 1.5],
    ["10", 10],
    ["1.000", 1000],
    ["1.234.567,89", 1234567.89],
    ["12.5", 12.5],
    ["0.30", 0.3],
    ["€ 50.000,00", 50000],
    ["50.000,00 €", 50000],
    ["euro 1.200", 1200],
    ["50 000,00", 50000],
    ["1,234.56", 1234.56],
    ["-3,5", -3.5],
    ["+7", 7],
    ["10%", 10],
    [",5", 0.5],
  ])("%j → %d", (s, n) => expect(parseItalianNumber(s)).toBeCloseTo(n, 9));

  it.each(["", "abc", "1.2.3", "31.12.2024", "31/12/2024", "10 gg", "1-2", "n. 2", "1.00.0"])("%j → null", (s) =>
    expect(parseItalianNumber(s)).toBeNull(),
  );

  it("reads back any Italian-formatted amount (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999_999 }),
        fc.boolean(),
        fc.boolean(),
        (cents, group, decimals) => {
          const s = italian(cents, { group, decimals });
          const expected = decimals ? cents / 100 : Math.floor(cents / 100);
          expect(parseItalianNumber(s)).toBeCloseTo(expected, 6);
          expect(parseItalianNumber(`-${s}`)).toBeCloseTo(-expected, 6);
        },
      ),
    );
  });
});

describe("parseQuantity", () => {
  it("reads a scan's O for 0 and l or I for 1 among a number's figures; words stay words", () => {
    expect(parseQuantity("1O")).toEqual({ raw: "1O", value: 10, unit: null });
    expect(parseQuantity("2O%")).toEqual({ raw: "2O%", value: 20, unit: "%" });
    expect(parseQuantity("O,5")?.value).toBe(0.5);
    expect(parseQuantity("IO")?.value ?? null).toBeNull();
    expect(parseQuantity("Ol")?.value ?? null).toBeNull();
  });

  it.each([
    ["10,00%", 10, "%"],
    ["18,18%", 18.18, "%"],
    ["10%", 10, "%"],
    ["10 %", 10, "%"],
    ["33,00", 33, null],
    ["0,30", 0.3, null],
    ["1.150,00", 1150, null],
    ["€ 1.000,00", 1000, "€"],
    ["20 punti", 20, "punti"],
    ["10% del totale", 10, "%"],
    ["20/100", 20, "/100"],
    ["400/1000", 400, "/1000"],
    ["4 su 10", 4, "su 10"],
  ])("%j → %d %j", (raw, value, unit) => {
    expect(parseQuantity(raw)).toEqual({ raw, value, unit });
  });

  it("reads past a quote mark before the number and a period or comma after it (scan specks, a full stop)", () => {
    expect(parseQuantity("‘28,00")).toEqual({ raw: "‘28,00", value: 28, unit: null });
    expect(parseQuantity("18,00.")).toEqual({ raw: "18,00.", value: 18, unit: null });
    expect(parseQuantity("75%.")).toEqual({ raw: "75%.", value: 75, unit: "%" });
    expect(parseTarget("'1,00", ctx)).toMatchObject({ kind: "number", value: 1 });
    // Text with quotes stays text.
    expect(parseTarget("‘Sì’ alla richiesta", ctx)).toMatchObject({ kind: "text" });
  });

  it("reads any number with stray marks around it as the number (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom("", "‘", "'", "`"), fc.constantFrom("", ".", ",", "’"), (cents, pre, post) => {
        const n = italian(cents, { group: true, decimals: true });
        expect(parseQuantity(`${pre}${n}${post}`)?.value).toBeCloseTo(cents / 100, 9);
      }),
    );
  });

  it("keeps the raw text with value null when it is not a number", () => {
    expect(parseQuantity("da definire")).toEqual({ raw: "da definire", value: null, unit: null });
    expect(parseQuantity("10 / 20")).toEqual({ raw: "10 / 20", value: null, unit: null });
  });

  it("is null for empty and placeholder cells", () => {
    for (const s of [null, undefined, "", "-", "n.d.", "-----/--- --"]) expect(parseQuantity(s)).toBeNull();
  });

  it("reads any percentage written with two decimals (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const raw = `${italian(hundredths, { group: true, decimals: true })}%`;
        const q = parseQuantity(raw);
        expect(q?.unit).toBe("%");
        expect(q?.value).toBeCloseTo(hundredths / 100, 9);
      }),
    );
  });
});
