import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Comparator, Target } from "../src/model/schema.js";
import { parseTarget } from "../src/normalize/index.js";

const ctx = { period: { from: 2024, to: 2026 } };

function num(raw: string, value: number, comparator: Comparator | null = null, unit: string | null = null): Target {
  return { raw, kind: "number", value, comparator, unit, date: null };
}

function pct(raw: string, value: number, comparator: Comparator | null = null): Target {
  return { raw, kind: "percent", value, comparator, unit: "%", date: null };
}

function text(raw: string): Target {
  return { raw, kind: "text", value: null, comparator: null, unit: null, date: null };
}

describe("parseTarget: numbers", () => {
  it.each<[string, Target]>([
    ["100,00", num("100,00", 100)],
    ["1.150,00", num("1.150,00", 1150)],
    ["2", num("2", 2)],
    ["0", num("0", 0)],
    ["12.5", num("12.5", 12.5)],
    ["≥ 100", num("≥ 100", 100, ">=")],
    [">= 100", num(">= 100", 100, ">=")],
    ["=> 100", num("=> 100", 100, ">=")],
    ["> 5", num("> 5", 5, ">")],
    [">5", num(">5", 5, ">")],
    ["< 10", num("< 10", 10, "<")],
    ["= 0", num("= 0", 0, "=")],
    ["t<=0", num("t<=0", 0, "<=")],
    ["t<=30gg", num("t<=30gg", 30, "<=", "gg")],
    ["≤ 30 giorni (fatti salvi i diversi termini previsti dalle norme)", num("≤ 30 giorni (fatti salvi i diversi termini previsti dalle norme)", 30, "<=", "giorni")],
    ["> 2 al mese", num("> 2 al mese", 2, ">", "al mese")],
    ["> 2 al giorno (stagione estiva)", num("> 2 al giorno (stagione estiva)", 2, ">", "al giorno")],
    ["> 200.000,00 Euro", num("> 200.000,00 Euro", 200000, ">", "Euro")],
    ["n. 12", num("n. 12", 12)],
    ["n° 4", num("n° 4", 4)],
    ["n. 2 report/anno", num("n. 2 report/anno", 2, null, "report/anno")],
    ["n. verbali >4", num("n. verbali >4", 4, ">")],
    ["n. Presidi della sede > 3 giorni mensili", num("n. Presidi della sede > 3 giorni mensili", 3, ">", "giorni mensili")],
    ["€ 50.000,00", num("€ 50.000,00", 50000, null, "€")],
    ["30 giorni", num("30 giorni", 30, null, "giorni")],
  ])("%j", (raw, want) => expect(parseTarget(raw, ctx)).toEqual(want));
});

describe("parseTarget: percentages", () => {
  it.each<[string, Target]>([
    ["70%", pct("70%", 70)],
    ["100%", pct("100%", 100)],
    ["18,18%", pct("18,18%", 18.18)],
    ["% > 75", pct("% > 75", 75, ">")],
    [">= 90 %", pct(">= 90 %", 90, ">=")],
    ["≥90% delle pratiche", pct("≥90% delle pratiche", 90, ">=")],
  ])("%j", (raw, want) => expect(parseTarget(raw, ctx)).toEqual(want));
});

describe("parseTarget: booleans", () => {
  it.each(["Si", "SI", "Sì", "sì", "No", "NO", "Si."])("%j → boolean", (raw) =>
    expect(parseTarget(raw, ctx)).toEqual({ raw, kind: "boolean", value: null, comparator: null, unit: null, date: null }),
  );
});

describe("parseTarget: dates", () => {
  it.each<[string, string | null, string]>([
    ["31.12.2024", "2024-12-31", "day"],
    ["8 Aprile 2024", "2024-04-08", "day"],
    ["Entro 31/12/2023", "2023-12-31", "day"],
    ["Entro il 30.09.2024", "2024-09-30", "day"],
    ["Entro 31/06/2023", null, "day"],
    ["Ottobre – Dicembre 2024", "2024-12-31", "month"],
    ["entro dicembre 2025", "2025-12-31", "month"],
    ["entro il 2025", "2025-12-31", "year"],
    ["Relazione a consuntivo / impatto azioni future 31/12/2023", "2023-12-31", "day"],
  ])("%j → date %s", (raw, iso, precision) => {
    const t = parseTarget(raw, ctx);
    expect(t).toMatchObject({ raw, kind: "date", value: null, unit: null, date: { raw, iso, precision } });
    // "Entro" may be read as `<=`; null is preferred.
    expect(t?.comparator).toBeNull();
  });
});

describe("parseTarget: text", () => {
  it.each([
    "Ritardo inferiore o uguale a zero",
    "Conseguimento di almeno un livello di formazione per il 75% dei dipendenti coinvolti",
    "Almeno 4 riunioni",
    "N. verbali non inferiori a 4",
    "1 report annuale",
    "Approvazione SAL 1",
    "Coinvolgimento di n. 10 classi nelle iniziative educative.",
    "Partecipazione di n. ≥ 10 volontari impiegati nelle attivita previste nell'ambito dell'iniziativa",
    "Report > 2; Entro dicembre 100%",
    "100% degli atti notificati entro il 31/12/2025",
    "erogazione del finanziamento €280.932",
    "Entro termini di legge",
    "Entro i termini previsti da portale PA Digitale 2026",
    "Termine anno scolastico 2023-2024",
    "Entro mese di febbraio",
    "rinnovo concessione entro 31/12",
    "Approvazione e sottoscrizione dell'Accordo di Programma con invio ad ATS: - Entro il 28 febbraio 2025.",
    "Nessun disservizio",
  ])("%j → text", (raw) => expect(parseTarget(raw, ctx)).toEqual(text(raw)));

  it("is null for empty and placeholder cells", () => {
    for (const s of [null, undefined, "", "-", "n.d.", "-----/--- --", "—"]) expect(parseTarget(s, ctx)).toBeNull();
  });
});

describe("parseTarget: properties", () => {
  const SYMBOLS: ReadonlyArray<[string, Comparator]> = [
    [">=", ">="], ["≥", ">="], ["<=", "<="], ["≤", "<="], [">", ">"], ["<", "<"], ["=", "="],
  ];
  const italian = (cents: number): string =>
    `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${String(cents % 100).padStart(2, "0")}`;

  it("comparator + Italian number [+ %] is read exactly", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SYMBOLS),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.boolean(),
        fc.constantFrom("", " "),
        ([sym, cmp], cents, percent, gap) => {
          const raw = `${sym}${gap}${italian(cents)}${percent ? "%" : ""}`;
          const t = parseTarget(raw, ctx);
          expect(t?.kind, raw).toBe(percent ? "percent" : "number");
          expect(t?.comparator, raw).toBe(cmp);
          expect(t?.value, raw).toBeCloseTo(cents / 100, 6);
          expect(t?.unit, raw).toBe(percent ? "%" : null);
        },
      ),
    );
  });

  it("kind and fields always agree", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc
        .array(fc.constantFrom("n.", ">", "≥", "10", "1.150,00", "%", "giorni", "entro", "31/12/2024", "Si", "almeno", "(nota)", "2 sem"), {
          maxLength: 6,
        })
        .map((a) => a.join(" ")),
    );
    fc.assert(
      fc.property(cell, (raw) => {
        const t = parseTarget(raw, ctx);
        if (t === null) return;
        expect(t.raw).toBe(raw);
        if (t.kind === "number" || t.kind === "percent") {
          expect(typeof t.value).toBe("number");
          expect(t.date).toBeNull();
          if (t.kind === "percent") expect(t.unit).toBe("%");
        } else {
          expect(t.value).toBeNull();
          expect(t.unit).toBeNull();
        }
        if (t.kind === "date") expect(t.date).not.toBeNull();
        else expect(t.date).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe("targets as a scan read them", () => {
  it("an O among a number's figures is a 0", async () => {
    const { parseTarget } = await import("../src/normalize/targets.js");
    const ctx = { period: { from: 2026, to: 2028 } };
    expect(parseTarget("9O%", ctx)).toMatchObject({ kind: "percent", value: 90, unit: "%" });
    expect(parseTarget("≥ 1.2OO", ctx)).toMatchObject({ kind: "number", value: 1200, comparator: ">=" });
    expect(parseTarget("Sì", ctx)?.kind).toBe("boolean");
  });
});

describe("parseTarget: a count out of a whole", () => {
  it("\"8 su 8\", \"≥ 10 su 12 sedi\": the count is the target's figure", () => {
    const ctx = { period: { from: 2026, to: 2028 } };
    expect(parseTarget("8 su 8", ctx)).toMatchObject({ kind: "number", value: 8, comparator: null, unit: null });
    expect(parseTarget("≥ 10 su 12 sedi", ctx)).toMatchObject({ kind: "number", value: 10, comparator: ">=" });
    // Words around "su" are no count.
    expect(parseTarget("su richiesta dell'utente", ctx)?.kind).toBe("text");
  });
});
