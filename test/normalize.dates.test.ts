import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DatePrecision } from "../src/model/schema.js";
import { looksLikeDate, parseDate, type DateContext } from "../src/normalize/index.js";

const ctx: DateContext = { period: { from: 2025, to: 2027 } };
const noCtx: DateContext = { period: null };

const MESI = [
  "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
  "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
];
const ABBR = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"];

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
const p2 = (n: number): string => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number): string => `${y}-${p2(m)}-${p2(d)}`;

function expectDate(raw: string, want: string | null, precision: DatePrecision, c: DateContext = ctx): void {
  const r = parseDate(raw, c);
  expect(r, raw).not.toBeNull();
  expect({ iso: r?.value.iso, precision: r?.value.precision }, raw).toEqual({ iso: want, precision });
  expect(r?.value.raw).toBe(raw);
}

describe("parseDate: explicit dates", () => {
  it.each([
    ["30/06/25", "2025-06-30"],
    ["31/12/2023", "2023-12-31"],
    ["30/9/2023", "2023-09-30"],
    ["1/2/2024", "2024-02-01"],
    ["31.12.2024", "2024-12-31"],
    ["31-12-2024", "2024-12-31"],
    ["31 / 12 / 2024", "2024-12-31"],
    ["2024-12-31", "2024-12-31"],
    ["8 Aprile 2024", "2024-04-08"],
    ["30 Settembre 2024", "2024-09-30"],
    ["1° gennaio 2024", "2024-01-01"],
    ["1º gennaio 2024", "2024-01-01"],
    ["15 feb 2025", "2025-02-15"],
    ["15 Feb. 2025", "2025-02-15"],
    ["1 DIC. 2024", "2024-12-01"],
    ["3 sett. 2024", "2024-09-03"],
    ["30-giu-25", "2025-06-30"],
    ["giovedì 8 aprile 2024", "2024-04-08"],
    ["Entro 31/12/2023", "2023-12-31"],
    ["entro il 31/12/2025", "2025-12-31"],
    ["Entro il 30.09.2024", "2024-09-30"],
    ["Entro 30 Giugno 2024", "2024-06-30"],
    ["dal 01/01/2024 al 30/06/2024", "2024-06-30"],
    ["01/01/2024 - 30/06/2024", "2024-06-30"],
    ["01/01/2024 – 30/06/2024", "2024-06-30"],
    ["31.12.24", "2024-12-31"],
  ])("%j → %s (day)", (raw, want) => expectDate(raw, want, "day"));

  it("keeps the raw text as given, prefix included", () => {
    expect(parseDate("Entro il 30.09.2024", ctx)?.value).toEqual({
      raw: "Entro il 30.09.2024",
      iso: "2024-09-30",
      precision: "day",
    });
  });

  it("reads a full date inside a sentence", () => {
    expectDate("Relazione a consuntivo / impatto azioni future 31/12/2023", "2023-12-31", "day");
    expectDate("Approvazione del regolamento entro il 28 febbraio 2025.", "2025-02-28", "day");
  });

  it("takes the last date the text allows", () => {
    expectDate("30/06/2025 (prima fase) e 31/12/2025 (seconda fase)", "2025-12-31", "day");
    expectDate("31/12/2026 - 31/12/2025", "2026-12-31", "day");
  });
});

describe("parseDate: months and ranges", () => {
  it.each([
    ["giugno 2024", "2024-06-30"],
    ["Giugno 2024", "2024-06-30"],
    ["febbraio 2024", "2024-02-29"],
    ["febbraio 2025", "2025-02-28"],
    ["dic. 2024", "2024-12-31"],
    ["DIC 2024", "2024-12-31"],
    ["dic '24", "2024-12-31"],
    ["06/2024", "2024-06-30"],
    ["Ottobre – Dicembre 2024", "2024-12-31"],
    ["ottobre-dicembre 2024", "2024-12-31"],
    ["novembre 2024 - gennaio 2025", "2025-01-31"],
    ["novembre - gennaio 2025", "2025-01-31"],
    ["entro dicembre 2025", "2025-12-31"],
    ["entro il mese di giugno 2025", "2025-06-30"],
    ["Approvazione entro giugno 2025", "2025-06-30"],
  ])("%j → %s (month)", (raw, want) => expectDate(raw, want, "month"));

  it("a bare month borrows the plan's first year", () => {
    expectDate("entro giugno", "2025-06-30", "month");
    expectDate("Dicembre", "2025-12-31", "month");
  });

  it("a bare day-month borrows the plan's first year", () => {
    expectDate("31/12", "2025-12-31", "day");
    expectDate("entro il 30 giugno", "2025-06-30", "day");
  });
});

describe("parseDate: ordinal periods", () => {
  it.each<[string, string, DatePrecision]>([
    ["2 sem", "2025-12-31", "half"],
    ["2° sem", "2025-12-31", "half"],
    ["2^ sem.", "2025-12-31", "half"],
    ["II semestre", "2025-12-31", "half"],
    ["1sem", "2025-06-30", "half"],
    ["1 sem", "2025-06-30", "half"],
    ["I semestre 2025", "2025-06-30", "half"],
    ["secondo semestre 2026", "2026-12-31", "half"],
    ["sem. 2", "2025-12-31", "half"],
    ["1 trim", "2025-03-31", "quarter"],
    ["1trim", "2025-03-31", "quarter"],
    ["III trim", "2025-09-30", "quarter"],
    ["III trim.", "2025-09-30", "quarter"],
    ["IV trimestre", "2025-12-31", "quarter"],
    ["4° trimestre", "2025-12-31", "quarter"],
    ["terzo trimestre", "2025-09-30", "quarter"],
    ["trimestre 2", "2025-06-30", "quarter"],
    ["Q4", "2025-12-31", "quarter"],
    ["Q1 2026", "2026-03-31", "quarter"],
    ["entro il 3 trim. 2026", "2026-09-30", "quarter"],
    ["2 quadrimestre", "2025-08-31", "month"],
    ["entro il primo quadrimestre", "2025-04-30", "month"],
    ["entro il trentuno marzo 2026", "2026-03-31", "day"],
    ["entro il quindici luglio", "2025-07-15", "day"],
    ["primo luglio 2026", "2026-07-01", "day"],
  ])("%j → %s (%s)", (raw, want, precision) => expectDate(raw, want, precision));

  it.each<[string, string]>([
    ["Il trim", "2025-06-30"],
    ["ll trim", "2025-06-30"],
    ["lI trim", "2025-06-30"],
    ["l trim", "2025-03-31"],
    ["I trim", "2025-03-31"],
    ["lll trim", "2025-09-30"],
    ["lV trim", "2025-12-31"],
  ])("OCR roman numeral %j → %s", (raw, want) => expectDate(raw, want, "quarter"));

  it("the article 'il' is not a numeral", () => {
    expectDate("entro il trimestre", null, "none");
  });

  it("an ordinal outside the year is not a period", () => {
    expectDate("3 sem", null, "none");
    expectDate("5 trim", null, "none");
  });

  it("without a plan period a yearless period cannot be placed", () => {
    expectDate("2 sem", null, "none", noCtx);
    expectDate("2 sem 2025", "2025-12-31", "half", noCtx);
  });
});

describe("parseDate: years", () => {
  it.each<[string, string]>([
    ["annuale", "2025-12-31"],
    ["Annuale", "2025-12-31"],
    ["anno 2025", "2025-12-31"],
    ["Anno 2026", "2026-12-31"],
    ["2025", "2025-12-31"],
    ["entro il 2026", "2026-12-31"],
    ["fine anno", "2025-12-31"],
    ["entro fine anno", "2025-12-31"],
    ["entro la fine dell'anno", "2025-12-31"],
    ["entro l'anno", "2025-12-31"],
    ["fine anno 2026", "2026-12-31"],
    ["2025-2027", "2027-12-31"],
  ])("%j → %s (year)", (raw, want) => expectDate(raw, want, "year"));

  it("an OCR misreading of annuale (annuate) is no date: the gold leaves it unread", () => {
    expectDate("annuate", null, "none");
  });

  it("a bare year inside a sentence is not a deadline", () => {
    expectDate("Entro i termini previsti da portale PA Digitale 2026", null, "none");
    expectDate("Termine anno scolastico 2023-2024", null, "none");
    expectDate("Realizzazione dei centri estivi 2025 in collaborazione con la parrocchia", null, "none");
  });
});

describe("parseDate: no recoverable date", () => {
  it.each([
    "trimestre",
    "trimestre/anno",
    "semestrale",
    "Entro termini di legge",
    "Nei termini di approvazione normativi",
    "Termine anno scolastico 2023-2024",
    "Rispetto dei termini indicati nel cronoprogramma",
    "Entro i termini previsti da portale PA Digitale 2026",
    "Entro i termini richiesti dal MEF",
    "Entro 30 giorni dall'approvazione",
    "Sottoscrizione di 1/2 patti di collaborazione",
    "delibera n. 1/2025",
    "Fase 1.1.10 completata",
    "rinnovo concessione entro 31/12",
    "Conclusione dei lavori entro settembre",
  ])("%j → none", (raw) => {
    const r = parseDate(raw, ctx);
    expect(r).toEqual({ value: { raw, iso: null, precision: "none" }, invalid: false, twoDigitYear: false });
  });

  it("is null for empty and placeholder cells", () => {
    for (const s of [null, undefined, "", "  ", "-", "--", "-----/--- --", "n.d.", "N.D.", "/", "—"]) {
      expect(parseDate(s, ctx)).toBeNull();
    }
  });
});

describe("parseDate: impossible dates", () => {
  it.each(["31/06/2023", "30/02/2024", "Entro 31/06/2023", "29/02/2023", "31 giugno 2024", "32/01/2024", "15/13/2024", "00/01/2024"])(
    "%j → invalid, iso null, precision day",
    (raw) => {
      const r = parseDate(raw, ctx);
      expect(r?.invalid).toBe(true);
      expect(r?.value).toEqual({ raw, iso: null, precision: "day" });
    },
  );

  it("leap years", () => {
    expectDate("29/02/2024", "2024-02-29", "day");
    expectDate("29/02/2000", "2000-02-29", "day");
    expect(parseDate("29/02/2023", ctx)?.invalid).toBe(true);
    expect(parseDate("29/02/2100", ctx)?.invalid).toBe(true);
    expect(parseDate("29 febbraio 2024", ctx)?.invalid).toBe(false);
  });
});

describe("parseDate: two-digit years and OCR", () => {
  it("expands a two-digit year and says so", () => {
    const r = parseDate("30/06/25", ctx);
    expect(r).toEqual({ value: { raw: "30/06/25", iso: "2025-06-30", precision: "day" }, invalid: false, twoDigitYear: true });
    expect(parseDate("31/12/2025", ctx)?.twoDigitYear).toBe(false);
    expect(parseDate("31/12/99", ctx)?.value.iso).toBe("1999-12-31");
  });

  it("an impossible two-digit-year date is still flagged", () => {
    expect(parseDate("31/06/25", ctx)).toMatchObject({ invalid: true, twoDigitYear: true });
  });

  it.each([
    ["3O/06/2025", "2025-06-30"],
    ["30/O6/2025", "2025-06-30"],
    ["30/06/2O25", "2025-06-30"],
    ["3l/12/2024", "2024-12-31"],
    ["giugno 2O25", "2025-06-30"],
  ])("reads O as 0 and l as 1 inside digit runs: %j", (raw, want) =>
    expect(parseDate(raw, ctx)?.value.iso).toBe(want),
  );
});

describe("parseDate: properties", () => {
  const ymd = fc
    .record({ y: fc.integer({ min: 1970, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= daysIn(y, m));

  it("any valid day round-trips through the usual written forms", () => {
    fc.assert(
      fc.property(ymd, fc.boolean(), ({ y, m, d }, abbreviate) => {
        const want = iso(y, m, d);
        const forms = [
          `${p2(d)}/${p2(m)}/${y}`,
          `${d}/${m}/${y}`,
          `${d}.${m}.${y}`,
          `${p2(d)}-${p2(m)}-${y}`,
          want,
          `${d} ${MESI[m - 1]} ${y}`,
          `${d} ${(MESI[m - 1] ?? "").toUpperCase()} ${y}`,
          `${d} ${ABBR[m - 1]}${abbreviate ? "." : ""} ${y}`,
          `Entro il ${p2(d)}/${p2(m)}/${y}`,
          `entro ${d} ${MESI[m - 1]} ${y}`,
        ];
        for (const raw of forms) {
          const r = parseDate(raw, ctx);
          expect(r?.value.iso, raw).toBe(want);
          expect(r?.value.precision, raw).toBe("day");
          expect(r?.invalid, raw).toBe(false);
        }
      }),
    );
  });

  it("any two-digit year dd/mm/yy expands into this century", () => {
    fc.assert(
      fc.property(ymd.filter(({ y }) => y >= 2000 && y < 2070), ({ y, m, d }) => {
        const r = parseDate(`${p2(d)}/${p2(m)}/${p2(y % 100)}`, ctx);
        expect(r?.value.iso).toBe(iso(y, m, d));
        expect(r?.twoDigitYear).toBe(true);
      }),
    );
  });

  it("any impossible day is invalid with iso null and precision day", () => {
    const bad = fc
      .record({ y: fc.integer({ min: 1970, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 28, max: 31 }) })
      .filter(({ y, m, d }) => d > daysIn(y, m));
    fc.assert(
      fc.property(bad, ({ y, m, d }) => {
        for (const raw of [`${d}/${m}/${y}`, `${d} ${MESI[m - 1]} ${y}`]) {
          const r = parseDate(raw, ctx);
          expect(r?.invalid, raw).toBe(true);
          expect(r?.value.iso, raw).toBeNull();
          expect(r?.value.precision, raw).toBe("day");
        }
      }),
    );
  });

  it("any month and year gives the month's last day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const r = parseDate(`${MESI[m - 1]} ${y}`, ctx);
        expect(r?.value).toMatchObject({ iso: iso(y, m, daysIn(y, m)), precision: "month" });
      }),
    );
  });

  it("any half or quarter ends on the period's last day, in the plan's year when none is written", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2098 }), // years are read as 19xx/20xx
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (from, n, half, withYear) => {
          if (half && n > 2) return;
          const months = half ? 6 * n : 3 * n;
          const year = withYear ? from + 1 : from;
          const raw = `${n}° ${half ? "semestre" : "trim."}${withYear ? ` ${year}` : ""}`;
          const r = parseDate(raw, { period: { from, to: from + 2 } });
          expect(r?.value, raw).toMatchObject({
            iso: iso(year, months, daysIn(year, months)),
            precision: half ? "half" : "quarter",
          });
        },
      ),
    );
  });

  const TOKENS = [
    "entro", "il", "dal", "al", "-", "/", "e", "31/12/2024", "30/06/25", "31/06/2023", "2 sem", "Il trim",
    "giugno", "dicembre 2025", "2025", "annuale", "fine anno", "Q3", "termini", "di", "legge", "portale",
    "12", "1.150,00", "n.", "3O/O6/2O25", "°", "trim", "sem", "1.1.10", "29/02/2023", "anno", "scolastico",
  ];
  const textish = fc.oneof(
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }).map((a) => a.join(" ")),
    fc.string({ maxLength: 40 }),
  );

  it("never throws; iso is a real calendar date or null, and null iso means none or invalid", () => {
    fc.assert(
      fc.property(textish, fc.option(fc.integer({ min: 2000, max: 2099 }), { nil: null }), (raw, from) => {
        const r = parseDate(raw, { period: from === null ? null : { from, to: from + 2 } });
        if (r === null) return;
        const { iso: out, precision } = r.value;
        expect(["day", "month", "quarter", "half", "year", "none"]).toContain(precision);
        if (out === null) {
          expect(precision === "none" || r.invalid, raw).toBe(true);
        } else {
          expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const dt = new Date(`${out}T00:00:00Z`);
          expect(dt.toISOString().slice(0, 10)).toBe(out);
          expect(r.invalid).toBe(false);
        }
        if (precision === "none") expect(out).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe("looksLikeDate", () => {
  it.each([
    "30/06/25", "31/12/2023", "Entro 31/12/2023", "entro il 31/12/2025", "8 Aprile 2024", "2 sem", "Il trim",
    "annuale", "giugno 2024", "Ottobre – Dicembre 2024", "31/06/2023", "Q4", "anno 2025", "4° trimestre",
  ])("%j looks like a date", (s) => expect(looksLikeDate(s)).toBe(true));

  it.each([
    "", "-", "n.d.", "Entro termini di legge", "trimestre", "18,18%", "100,00", "Si", "1.1", "1.1.10",
    "Approvazione del regolamento", "Relazione a consuntivo / impatto azioni future 31/12/2023",
    "Entro i termini previsti da portale PA Digitale 2026",
  ])("%j does not", (s) => expect(looksLikeDate(s)).toBe(false));
});

describe("periodRange", () => {
  it("a span of months or quarters gives the start and the due date, the first period borrowing the last's unit; other texts give none", async () => {
    const { periodRange } = await import("../src/parse/values.js");
    const P = { from: 2026, to: 2028 };
    const isos = (t: string) => {
      const r = periodRange(t, P);
      return r ? [r.start.iso, r.due.iso, r.start.precision] : null;
    };
    expect(isos("gen-mar")).toEqual(["2026-01-31", "2026-03-31", "month"]);
    expect(isos("II-III trim.")).toEqual(["2026-06-30", "2026-09-30", "quarter"]);
    expect(isos("aprile–settembre 2026")).toEqual(["2026-04-30", "2026-09-30", "month"]);
    expect([isos("2025-12-31"), isos("Q2"), isos("Rossi - Bianchi"), isos("dic-mar")]).toEqual([null, null, null, null]);
  });
});
