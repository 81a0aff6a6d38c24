/**
 * The lexicon: what a value is from the value alone (values.ts), a column's
 * profile, the periods of a cronoprogramma's header (calendar.ts), codes and
 * their parts (codes.ts), and the vocabulary's votes on abbreviated labels (match.ts).
 */
import { describe, expect, it } from "vitest";
import { calendarPeriods, periodEnd } from "../src/lexicon/calendar.js";
import { codeAtEnd, codeDepth, codeKey, codeValue, isCode, isLetterCode, isUnderCode, labelledCode, parentCode, sameCode } from "../src/lexicon/codes.js";
import { matchRole, roleVotes } from "../src/lexicon/match.js";
import { classify, numberOf, personAndUnit, profile, share, sumsToWhole } from "../src/lexicon/values.js";

describe("classify", () => {
  const cases: [string, string][] = [
    // dates
    ["31/12/2025", "date"],
    ["II semestre 2025", "date"],
    ["entro giugno 2026", "date"],
    ["annuale", "date"],
    ["2025", "date"],
    // numbers
    ["25", "number"],
    ["12,5", "number"],
    ["1.150,00", "number"],
    ["25%", "number"],
    ["0,30", "number"],
    // codes
    ["OB.01", "code"],
    ["2024_A01_07", "code"],
    ["OB.1-F1", "code"],
    // targets
    ["≥ 90%", "target"],
    ["entro 30 gg", "target"],
    ["n. 20", "target"],
    ["Sì", "target"],
    ["≤ 15 giorni", "target"],
    ["€ 50.000", "target"],
    // persons with titles, initials, names in capitals holding a given name
    ["Dott.ssa Carla Neri", "person"],
    ["Ing. P. Galli", "person"],
    ["M. Rossi", "person"],
    ["CONTI MARIO", "person"],
    ["DE SANTIS ANNA", "person"],
    ["Carla Neri", "person"],
    // phrases in capitals, titles of office: no given name
    ["LAVORI PUBBLICI", "text"],
    ["PIANO DEGLI OBIETTIVI", "text"],
    ["Segretario Generale", "text"],
    // units
    ["Settore Lavori Pubblici", "unit"],
    ["UOC Farmacia", "unit"],
    ["Area Tecnica", "unit"],
    ["01. Area Affari Generali", "unit"],
    // status
    ["In corso", "status"],
    ["Raggiunto", "status"],
    ["NON RAGGIUNTO", "status"],
    // marks of a cronoprogramma
    ["X", "mark"],
    ["●", "mark"],
    ["✓", "mark"],
    // empty and placeholders
    ["", "empty"],
    ["  ", "empty"],
    ["-", "empty"],
    ["n.d.", "empty"],
    // text
    ["Digitalizzare l'archivio", "text"],
    ["Riorganizzazione degli uffici comunali per aree omogenee di intervento e di servizio", "text"],
  ];
  it.each(cases)("%s → %s", (value, cls) => {
    expect(classify(value)).toBe(cls);
  });

  it("a name in capitals needs a given name; the same shape without one is a phrase", () => {
    expect(classify("BIANCHI LUCIA")).toBe("person");
    expect(classify("BIANCHI VERDI")).toBe("text");
  });

  it("numberOf reads Italian numbers and percentages", () => {
    expect(numberOf("25%")).toBe(25);
    expect(numberOf("12,5 %")).toBe(12.5);
    expect(numberOf("1.150,00")).toBe(1150);
    expect(numberOf("0,30")).toBeCloseTo(0.3);
    expect(numberOf("circa venti")).toBeNull();
  });
});

describe("profile", () => {
  it("sums the numbers of a column of weights", () => {
    const p = profile(["30", "20", "50"]);
    expect(p.count).toBe(3);
    expect(p.classes.number).toBe(3);
    expect(p.sum).toBe(100);
    expect(sumsToWhole(p.sum, p.fractions)).toBe(true);
    expect(p.fractions).toBe(false);
    expect(p.sequential).toBe(false);
  });

  it("fractions summing to 1 are a whole too", () => {
    const p = profile(["0,30", "0,20", "0,50"]);
    expect(p.fractions).toBe(true);
    expect(p.sum).toBeCloseTo(1);
    expect(sumsToWhole(p.sum, p.fractions)).toBe(true);
    expect(sumsToWhole(p.sum, false)).toBe(false);
  });

  it("a sum is null when a value is not a number; empties are not counted", () => {
    const p = profile(["30", "", "-", "trenta"]);
    expect(p.count).toBe(2);
    expect(p.classes.empty).toBe(2);
    expect(p.sum).toBeNull();
    expect(share(p, "number")).toBe(0.5);
  });

  it("list numbers run 1, 2, 3 (sequential), and read as codes", () => {
    const p = profile(["1", "2", "3"]);
    expect(p.sequential).toBe(true);
    expect(p.codes).toBe(3);
    expect(p.numericCodes).toBe(3);
    expect(profile(["1", "3", "2"]).sequential).toBe(false);
    expect(profile(["1"]).sequential).toBe(false);
  });

  it("counts codes whatever their class: dotted numbers, lettered codes, capital letters down a column", () => {
    expect(profile(["1.1", "1.2", "OB.3"])).toMatchObject({ codes: 3, numericCodes: 2, sum: null });
    expect(profile(["A", "B", "C"])).toMatchObject({ codes: 3, numericCodes: 0 });
    // X marks a calendar, it codes nothing.
    expect(profile(["X", "X"]).codes).toBe(0);
  });

  it("the mean length tells short values from long texts", () => {
    expect(profile(["ab", "abcd"]).meanLength).toBe(3);
  });

  it("samples a long column without losing its classes", () => {
    const p = profile(Array.from({ length: 200 }, (_, i) => (i % 2 ? "31/12/2025" : "Testo di una fase")));
    expect(p.count).toBeLessThanOrEqual(48);
    expect(share(p, "date")).toBeGreaterThan(0.3);
    expect(share(p, "text")).toBeGreaterThan(0.3);
  });
});

describe("calendarPeriods", () => {
  const months = (ls: string[]) => calendarPeriods(ls).map((p) => (p ? `${p.unit[0]}${p.n}` : null));

  it("months as numbers with their year in a run (`01/25 02/25 03/25`), dates of days not", () => {
    expect(calendarPeriods(["Fase", "11/25", "12/25", "01/26"])).toEqual([null, { unit: "month", n: 11, year: 2025 }, { unit: "month", n: 12, year: 2025 }, { unit: "month", n: 1, year: 2026 }]);
    expect(months(["30/06", "31/07", "31/08"])).toEqual([null, null, null]);
  });

  it("month names and their short forms, with or without a year", () => {
    expect(months(["Gen", "Feb", "Mar", "Aprile", "maggio", "Giu 2025", "Lug-25", "Ago.", "Set", "Ott", "Nov", "Dic"])).toEqual(
      ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"],
    );
  });

  it("a year printed with the period is kept: `Giu 2025`, `Lug-25`, quarters in Roman numerals over their year (`I/25` … `IV/26`)", () => {
    expect(calendarPeriods(["Giu 2025", "Lug-25", "Ago."]).map((p) => p?.year)).toEqual([2025, 2025, undefined]);
    expect(calendarPeriods(["Fase", "I/25", "II/25", "III/25", "IV/25", "I/26"])).toEqual([
      null,
      { unit: "quarter", n: 1, year: 2025 },
      { unit: "quarter", n: 2, year: 2025 },
      { unit: "quarter", n: 3, year: 2025 },
      { unit: "quarter", n: 4, year: 2025 },
      { unit: "quarter", n: 1, year: 2026 },
    ]);
  });

  it("initials G F M A M G L A S O N D are months as a run in calendar order, from any month", () => {
    expect(months("G F M A M G L A S O N D".split(" "))).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"]);
    expect(months(["Fase", "G", "F", "M", "A", "M", "G"])).toEqual([null, "m1", "m2", "m3", "m4", "m5", "m6"]);
    expect(months(["L", "A", "S", "O", "N", "D"])).toEqual(["m7", "m8", "m9", "m10", "m11", "m12"]);
  });

  it("a short run of initials, or a lone initial, is no month", () => {
    expect(months(["G", "F", "M"])).toEqual([null, null, null]);
    expect(months(["Fase", "G", "Peso"])).toEqual([null, null, null]);
    // Out of calendar order.
    expect(months(["G", "M", "F", "A", "M", "G"])).toEqual([null, null, null, null, null, null]);
  });

  it("numbers 1..12 in order are months; out of order, too few or past 12 they are not", () => {
    expect(months(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"])).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12"]);
    expect(months(["3", "4", "5", "6", "7", "8"])).toEqual(["m3", "m4", "m5", "m6", "m7", "m8"]);
    expect(months(["1", "2", "3"])).toEqual([null, null, null]);
    expect(months(["1", "3", "2", "4", "5", "6"]).every((x) => x === null)).toBe(true);
    expect(months(["8", "9", "10", "11", "12", "13"]).every((x) => x === null)).toBe(true);
  });

  it("quarters: I trim, 1° trim., 3 trimestre, T1, Q3", () => {
    expect(months(["I trim", "II trim", "III trim", "IV trim"])).toEqual(["q1", "q2", "q3", "q4"]);
    expect(months(["1° trim", "2° trim.", "3 trimestre", "4° trimestre 2025"])).toEqual(["q1", "q2", "q3", "q4"]);
    expect(months(["T1", "T2", "Q3", "t4"])).toEqual(["q1", "q2", "q3", "q4"]);
  });

  it("semesters: I sem, II semestre, 1° sem, 2 sem.", () => {
    expect(months(["I sem", "II semestre", "1° sem", "2 sem."])).toEqual(["h1", "h2", "h1", "h2"]);
  });

  it("words that open like a month are no month", () => {
    expect(months(["Marco", "Maggiore", "Gennaro", "Settore"])).toEqual([null, null, null, null]);
  });
});

describe("periodEnd", () => {
  it("is the last day of the period, leap years included", () => {
    expect(periodEnd({ unit: "month", n: 2 }, 2024)).toEqual({ iso: "2024-02-29", precision: "month" });
    expect(periodEnd({ unit: "month", n: 2 }, 2025)).toEqual({ iso: "2025-02-28", precision: "month" });
    expect(periodEnd({ unit: "month", n: 2 }, 2000).iso).toBe("2000-02-29");
    expect(periodEnd({ unit: "month", n: 2 }, 1900).iso).toBe("1900-02-28");
    expect(periodEnd({ unit: "month", n: 4 }, 2025).iso).toBe("2025-04-30");
    expect(periodEnd({ unit: "month", n: 12 }, 2025).iso).toBe("2025-12-31");
    expect(periodEnd({ unit: "quarter", n: 1 }, 2025)).toEqual({ iso: "2025-03-31", precision: "quarter" });
    expect(periodEnd({ unit: "quarter", n: 2 }, 2025).iso).toBe("2025-06-30");
    expect(periodEnd({ unit: "half", n: 1 }, 2025)).toEqual({ iso: "2025-06-30", precision: "half" });
    expect(periodEnd({ unit: "half", n: 2 }, 2025).iso).toBe("2025-12-31");
  });
});

describe("codes", () => {
  it("a label printed in two languages (`Indicatore / Indikator`, `Peso / Gewichtung`) surely names the role both halves name; a value with its translation keeps the Italian", async () => {
    const { matchRole } = await import("../src/lexicon/match.js");
    const { italianHalf } = await import("../src/lexicon/language.js");
    expect(["Indicatore / Indikator", "Peso / Gewichtung", "Scadenza / Frist"].map((l) => [matchRole(l, 0.9)?.role ?? null])).toEqual([["indicator"], ["weight"], ["due"]]);
    expect(matchRole("Obiettivo / Fase", 0.9)).toBeNull();
    expect([italianHalf("Ufficio personale / Personalamt"), italianHalf("Servizi sociali / Sozialdienste"), italianHalf("Settore / Servizio"), italianHalf("Sì / No"), italianHalf("Sì / Ja")]).toEqual(["Ufficio personale", "Servizi sociali", "Settore / Servizio", "Sì / No", "Sì"]);
    // German nouns and words, a German date; never a name after a person's title.
    expect([
      italianHalf("Ore di formazione erogate / Erteilte Schulungsstunden"),
      italianHalf("Dipendenti formati / Bedienstete mit mindestens einem Kurs"),
      italianHalf("entro il 31 dic. / bis 31. Dez."),
      italianHalf("Dipartimento di Prevenzione / Dir. dott. Fulvio Castagnedi"),
    ]).toEqual(["Ore di formazione erogate", "Dipendenti formati", "entro il 31 dic.", "Dipartimento di Prevenzione / Dir. dott. Fulvio Castagnedi"]);
  });

  it("labels misspelt as people type them still name their field (`Scadneza`, `Obbiettivo`, `Responasbile`); other words do not", async () => {
    const { matchRole } = await import("../src/lexicon/match.js");
    expect(["Scadneza", "Obbiettivo", "Responasbile", "Indicarore", "Scadenza"].map((l) => matchRole(l, 0.9)?.role ?? null)).toEqual(["due", "objective", "owner", "indicator", "due"]);
    expect(matchRole("Sacdzena", 0.9)).toBeNull();
  });

  it("a number grouped in thousands closing a line is a quantity, no code at its end", () => {
    expect([codeAtEnd("Contenitori (TEU) 286.700"), codeAtEnd("Merci movimentate (t) 14.120.000"), codeAtEnd("Scheda obiettivo OB.1.2")]).toEqual([null, null, "OB.1.2"]);
  });

  it("a slash parts a lettered code (`ZC/01/2` under `ZC/01`), never a date's numbers", () => {
    expect([parentCode("ZC/01/2"), isUnderCode("ZC/01", "ZC/01/2"), parentCode("2025/01")]).toEqual(["ZC/01", true, null]);
  });

  it.each(["1", "1.1", "1.1.1", "OB.01", "OB.1-F1", "2024_A01_07", "A.1", "A1", "1.1.a", "1.5.", "OB.A", "OS-B", "PL-AG-01", "CB-GEST-01", "ASP.OP.2", "OB-A1", "ZC/01", "OB/3", "ZC/01/2", "INS-OP/1", "OG-01/A1", "B-01/a"])("isCode(%s)", (c) => {
    expect(isCode(c)).toBe(true);
  });

  it.each(["Obiettivo", "31/12/2025", "12345", "1,1", "a lot", "OB.1 e OB.2", "", "U.O", "N.B", "Ob.a", "COVID-19", "Pl-Ag-01", "2025/01", "3/10", "n/a"])("not isCode(%s)", (c) => {
    expect(isCode(c)).toBe(false);
  });

  it("codeKey folds OCR's confusions, case, a closing period and leading zeros of each part", () => {
    expect(codeKey("OB.01")).toBe(codeKey("OB.1"));
    expect(codeKey("0B.1")).toBe(codeKey("OB.1"));
    expect(codeKey("ob.01")).toBe(codeKey("OB.1"));
    expect(codeKey("I.2")).toBe(codeKey("1.2"));
    expect(codeKey("l.2")).toBe(codeKey("1.2"));
    expect(codeKey("1,2")).toBe(codeKey("1.2"));
    expect(codeKey("1.2.")).toBe(codeKey("1.2"));
    expect(codeKey("1 . 2")).toBe(codeKey("1.2"));
    expect(codeKey("1.05")).toBe(codeKey("1.5"));
    expect(codeKey("2024_A01_07")).toBe(codeKey("2024_A01_7"));
    // Zeros that are not leading stay.
    expect(codeKey("OB.10")).not.toBe(codeKey("OB.1"));
    expect(codeKey("1.20")).not.toBe(codeKey("1.2"));
    expect(sameCode("OB.01", "OB.1")).toBe(true);
    expect(sameCode("OB.1", null)).toBe(false);
  });

  it("codeValue drops a list number's closing period only", () => {
    expect(codeValue("1.5.")).toBe("1.5");
    expect(codeValue(" OB.3 ")).toBe("OB.3");
    expect(codeValue("Titolo.")).toBe("Titolo.");
  });

  it("a scan's 0 between capitals is the letter O: `A0U-03` is the code `AOU-03`; a 0 before a figure stays", () => {
    expect(isCode("A0U-03")).toBe(true);
    expect(codeValue("A0U-03")).toBe("AOU-03");
    expect(codeValue("B0-01")).toBe("B0-01");
  });

  it("isUnderCode: the child opens with the parent's code and a separator", () => {
    expect(isUnderCode("OB.01", "OB.01.2")).toBe(true);
    expect(isUnderCode("OB.1", "OB.01.2")).toBe(true);
    expect(isUnderCode("1.1", "1.1.3")).toBe(true);
    expect(isUnderCode("1", "1.2")).toBe(true);
    expect(isUnderCode("OB.1", "OB.1-F1")).toBe(true);
    expect(isUnderCode("1.1", "1.10")).toBe(false);
    expect(isUnderCode("1", "12.1")).toBe(false);
    expect(isUnderCode("1.2", "1.2")).toBe(false);
    expect(isUnderCode("2", "1.2")).toBe(false);
  });

  it("a code whose last part follows a slash (\"OG-01/A1\", \"B-01/a\") sits one level under the code before it", () => {
    expect(parentCode("OG-01/A1")).toBe("OG-01");
    expect(parentCode("B-01/a")).toBe("B-01");
    expect(isUnderCode("OG-01", "OG-01/A1")).toBe(true);
    expect(codeDepth("OG-01/A1")).toBe(codeDepth("OG-01") + 1);
    expect(codeDepth("ZC/01/2")).toBe(codeDepth("ZC/01") + 1);
    // A date or a fraction is no code, slashed or not.
    expect(isCode("12/2026")).toBe(false);
    expect(isCode("A/B")).toBe(false);
  });

  it("parentCode is the code less its last part", () => {
    expect(parentCode("1.2.3")).toBe("1.2");
    expect(parentCode("1.1")).toBe("1");
    expect(parentCode("OB.1-F1")).toBe("OB.1");
    expect(parentCode("1.1.a")).toBe("1.1");
    expect(parentCode("2024_A01_07")).toBe("2024_A01");
    expect(parentCode("1")).toBeNull();
    expect(parentCode("OB.01")).toBeNull();
  });

  it("codeDepth counts the numbered parts, a letter prefix not counted", () => {
    expect(codeDepth("1")).toBe(1);
    expect(codeDepth("1.1")).toBe(2);
    expect(codeDepth("1.1.1")).toBe(3);
    expect(codeDepth("OB.1")).toBe(1);
    expect(codeDepth("OB.1-F2")).toBe(2);
    expect(codeDepth("1.1.a")).toBe(3);
    expect(codeDepth("1.5.")).toBe(2);
  });

  it("codeAtEnd: a short line ending with an objective code; years, ranges and dates are not codes", () => {
    expect(codeAtEnd("PEG-PIAO-SEZ. 2.2 PERFORMANCE 2023_S08_20")).toBe("2023_S08_20");
    expect(codeAtEnd("Obiettivo OB.3")).toBe("OB.3");
    expect(codeAtEnd("Scheda 1.2.3")).toBe("1.2.3");
    expect(codeAtEnd("Piano 2025-2027")).toBeNull();
    expect(codeAtEnd("Scadenza 31.12.2025")).toBeNull();
    expect(codeAtEnd("Sezione 2")).toBeNull();
    // A lettered code parted by a slash; digits parted by one are a date or a fraction.
    expect(codeAtEnd("Fasi dell'obiettivo F25/2")).toBe("F25/2");
    expect(codeAtEnd("Peso 30/100")).toBeNull();
    expect(codeAtEnd("Scadenza 30/06")).toBeNull();
    expect(codeAtEnd("Frase lunga che finisce con 2023.")).toBeNull();
    expect(codeAtEnd("Una riga di molte parole che non finisce affatto con un codice ma ne ha uno OB.1 dentro e ancora 1.2")).toBeNull();
  });

  it("isLetterCode: one or two capitals, maybe closed by a period or a bracket", () => {
    for (const t of ["A", "AB", "B.", "C)"]) expect(isLetterCode(t)).toBe(true);
    for (const t of ["ABC", "a", "1", "Ab"]) expect(isLetterCode(t)).toBe(false);
  });
});

describe("labelledCode: a cell holding only an objective's label and its number", () => {
  it("reads the number as the code, whatever the label's form and the dash or colon after it", () => {
    expect(labelledCode("Obiettivo n. 1 -")).toBe("1");
    expect(labelledCode("Obiettivo 2:")).toBe("2");
    expect(labelledCode("Obiettivo operativo 1.2")).toBe("1.2");
    expect(labelledCode("Ob. n° 3")).toBe("3");
    expect(labelledCode("Ob n. 5")).toBe("5");
    expect(codeValue("Obiettivo n. 4 –")).toBe("4");
    expect(classify("Obiettivo n. 1 -")).toBe("code");
    expect(profile(["Obiettivo n. 1 -", "", "", "Obiettivo n. 2 -", ""]).codes).toBe(2);
  });
  it("leaves codes spelled with the abbreviation, a year, a label alone and a title", () => {
    for (const t of ["OB 1", "OB.01", "OB.01.1", "Obiettivo 2026", "Obiettivo n.", "Obiettivo strategico", "Obiettivo n. 1 - Riduzione delle cadute"]) expect(labelledCode(t), t).toBeNull();
    expect(codeValue("OB.01")).toBe("OB.01");
    expect(codeValue("OB 1")).toBe("OB 1");
  });
});

describe("roleVotes on abbreviations", () => {
  const best = (l: string) => roleVotes(l)[0];
  const roles = (l: string) => roleVotes(l).map((v) => v.role);

  it.each([
    ["Resp.", "owner"],
    ["Scad.", "due"],
    ["Pond.", "weight"],
    ["V. att.", "target"],
    ["Ind.", "indicator"],
    ["Tgt", "target"],
    ["Cod. ob.", "code"],
  ])("%s votes first for %s", (label, role) => {
    expect(best(label)?.role).toBe(role);
    expect(best(label)!.score).toBeGreaterThanOrEqual(0.7);
  });

  it("an abbreviation scores below a whole term", () => {
    expect(best("Scadenza")!.score).toBe(1);
    expect(best("Scad.")!.score).toBeLessThan(0.9);
    expect(best("Pond.")!.score).toBeLessThan(0.9);
    // So a sure-header threshold leaves it out, a label threshold keeps it.
    expect(matchRole("Scad.", 0.9)).toBeNull();
    expect(matchRole("Scad.", 0.7)?.role).toBe("due");
  });

  it("an abbreviation of several terms votes for each (the values decide)", () => {
    expect(roles("Att.")).toEqual(expect.arrayContaining(["target", "step"]));
    expect(roles("Ind.")).toEqual(expect.arrayContaining(["indicator", "measure"]));
  });

  it("a year in the label is kept aside", () => {
    expect(best("Target 2025")).toMatchObject({ role: "target", year: 2025 });
    // (columns.ts makes a weight naming a year the yearWeight.)
    expect(best("peso step/2025")).toMatchObject({ role: "weight", year: 2025 });
    expect(best("Valore raggiunto 2022")).toMatchObject({ role: "actual", year: 2022 });
  });

  it("words no term abbreviates get no vote", () => {
    expect(roleVotes("Xyz.")).toEqual([]);
    expect(roleVotes("Lorem ipsum")).toEqual([]);
  });
});

describe("vocabulary: units an objective involves", () => {
  it("`Aree coinvolte`, `Strutture coinvolte` name the unit column", () => {
    expect(matchRole("Aree coinvolte")?.role).toBe("unit");
    expect(matchRole("Strutture coinvolte")?.role).toBe("unit");
  });
});

describe("vocabulary: bilingual labels", () => {
  it("a German or Slovenian label beside the Italian one reads as the Italian (`Peso / Gewichtung`, `Scadenza / Rok`)", () => {
    expect(["Peso / Gewichtung", "Scadenza / Frist", "Scadenza / Rok", "Descrizione / Beschreibung", "Indicatore / Kazalnik"].map((t) => matchRole(t)?.role)).toEqual(["weight", "due", "due", "description", "indicator"]);
  });
});

describe("personAndUnit", () => {
  it("a unit with its head in brackets, maybe after the role's word", () => {
    expect(personAndUnit("Dipartimento di Prevenzione (Dir. dott. Fulvio Neri)")).toEqual({ person: "dott. Fulvio Neri", unit: "Dipartimento di Prevenzione" });
    expect(personAndUnit("UOC Farmacia Ospedaliera (dott.ssa Ilaria Rossi)")).toEqual({ person: "dott.ssa Ilaria Rossi", unit: "UOC Farmacia Ospedaliera" });
    // A bracket naming no person stays with the unit.
    expect(personAndUnit("Settore Tecnico (ex Lavori Pubblici)")).toBeNull();
  });

  it("splits a person and their unit printed in one value, whichever comes first, by a dash, a slash or a comma", () => {
    expect(personAndUnit("ing. Walter Baracco – Settore Viabilità")).toEqual({ person: "ing. Walter Baracco", unit: "Settore Viabilità" });
    expect(personAndUnit("geom. Luca Farinetti / Ufficio Utenza")).toEqual({ person: "geom. Luca Farinetti", unit: "Ufficio Utenza" });
    expect(personAndUnit("Servizio Tributi, dott.ssa Anna De Santis")).toEqual({ person: "dott.ssa Anna De Santis", unit: "Servizio Tributi" });
  });
  it("takes a title and name closing a unit's name, and drops a bare role word beside them", () => {
    expect(personAndUnit("Direzione medica di presidio dr.ssa Gemma Arcolin")).toEqual({ person: "dr.ssa Gemma Arcolin", unit: "Direzione medica di presidio" });
    expect(personAndUnit("Direttore, dott. Mauro Castagneri – Ufficio Affari generali")).toEqual({ person: "dott. Mauro Castagneri", unit: "Ufficio Affari generali" });
  });
  it("is null unless the value is exactly one person and one unit", () => {
    expect(personAndUnit("Ufficio Tributi")).toBeNull();
    expect(personAndUnit("dott. Mario Rossi")).toBeNull();
    expect(personAndUnit("Settore Tecnico – Servizio Manutenzioni")).toBeNull();
    expect(personAndUnit("dott. Mario Rossi / dott.ssa Anna Neri")).toBeNull();
    expect(personAndUnit("Settore Tecnico – revisione del regolamento edilizio comunale")).toBeNull();
  });
});

describe("abbreviated headers of the unit of measure", () => {
  it.each(["U.m.", "U.M.", "UdM", "U.d.M.", "Unità di misura"])("%s names the measure", (h) => {
    expect(roleVotes(h)[0]?.role).toBe("measure");
  });
});

describe("foldScannedCodes", () => {
  it("reads a scan's O as 0 among a code's figures where the document's other codes have figures there", async () => {
    const { foldScannedCodes } = await import("../src/lexicon/codes.js");
    expect(foldScannedCodes(["SS.O1", "SS.02", "SS.03", "SS.1O", null])).toEqual(["SS.01", "SS.02", "SS.03", "SS.10", null]);
    // A document coding its objectives with the letter O keeps it.
    expect(foldScannedCodes(["CCSP-O1", "CCSP-O2", "CCSP-O3"])).toEqual(["CCSP-O1", "CCSP-O2", "CCSP-O3"]);
    expect(foldScannedCodes(["OB.A1", "OB.A2"])).toEqual(["OB.A1", "OB.A2"]);
  });
});

describe("labels as a scan read them", () => {
  it("a 0 for an o inside a label's word still names the label", async () => {
    const { matchRole } = await import("../src/lexicon/match.js");
    expect(matchRole("Pes0 obiettivo", 0.9)?.role).toBe("weight");
    expect(matchRole("0biettivo", 0.9)?.role).toBe("objective");
    expect(matchRole("2O26", 0.7)).toBeNull();
  });
});
