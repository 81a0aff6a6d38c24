/**
 * parse/inline.ts: the fields a line, a list item or a cell sets after its
 * text (deadlines, weights, owners, units), the code before it, and the title
 * left once they are taken out.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCode } from "../src/lexicon/codes.js";
import { readInline } from "../src/parse/inline.js";

const read = (t: string) => {
  const r = readInline(t);
  return { code: r.code, title: r.title, fields: r.fields.map((f) => [f.role, f.raw, f.label]) };
};

describe("readInline", () => {
  it("a label closed by a colon takes a value in lower case; a comparator opens a value (`valore atteso: almeno 45`, `target ≥ 12 km`)", () => {
    expect(read("indicatore: specie nidificanti censite – valore atteso: almeno 45").fields).toEqual([
      ["indicator", "specie nidificanti censite", "indicatore"],
      ["target", "almeno 45", "valore atteso"],
    ]);
    expect(read("Indicatore: km di ciclovia – target ≥ 12 km").fields).toEqual([
      ["indicator", "km di ciclovia", "Indicatore"],
      ["target", "≥ 12 km", "target"],
    ]);
  });

  it("a weight's label qualified before its number (`peso nell'ambito 60%`) gives the number", () => {
    expect(read("peso nell'ambito 60% · Servizio Tecnico · referente Dott. Italo Bruni").fields[0]).toEqual(["weight", "60%", "peso nell'ambito"]);
  });

  it("a colon closes a label: `Servizio: Ufficio Tecnico e Forestale` is the label Servizio and the unit's name, not `Servizio Ufficio`", () => {
    expect(read("Servizio: Ufficio Tecnico e Forestale; responsabile: Ettore Neri").fields[0]).toEqual(["unit", "Ufficio Tecnico e Forestale", "Servizio"]);
  });

  it("a label dated by a year before its colon: a value's word and the year is that year's value; a label and the year its field for the year", () => {
    const r = readInline("km di viali manutenuti – valore 2024: 118 – valore 2025 (atteso): 130 – target 2026: 160");
    expect(r.title).toBe("km di viali manutenuti");
    expect(r.fields.map((f) => [f.role, f.raw, f.label, f.year ?? null])).toEqual([
      ["actual", "118", "valore 2024", 2024],
      ["actual", "130", "valore 2025 (atteso)", 2025],
      ["target", "160", "target 2026", 2026],
    ]);
  });

  it("a period told in words after `entro` is the deadline, its words kept; an office's acronym names a unit, lower-case text none", () => {
    expect(read("Progetto di fattibilità – entro il primo quadrimestre").fields).toEqual([["due", "entro il primo quadrimestre", ""]]);
    expect(read("Modulistica unificata – peso 0,25 – SUAP associato – resp. Dott. Enrico Gavi").fields).toEqual([
      ["weight", "0,25", "peso"],
      ["unit", "SUAP associato", ""],
      ["owner", "Dott. Enrico Gavi", "resp."],
    ]);
    expect(read("Polizia locale associata: presidio serale dei centri storici").fields).toEqual([]);
  });

  it("a colon after the title opens the fields; semicolons separate them; deadline words stay in the raw", () => {
    expect(read("Adozione degli atti: entro il 30/09/2026; peso 30 %")).toEqual({
      code: null,
      title: "Adozione degli atti",
      fields: [
        ["due", "entro il 30/09/2026", ""],
        ["weight", "30 %", "peso"],
      ],
    });
  });

  it("a bracket holding a labelled field, and `– 40%` after it", () => {
    expect(read("Pubblicazione del bando (scadenza: 2° semestre 2026) – 40%")).toEqual({
      code: null,
      title: "Pubblicazione del bando",
      fields: [
        ["due", "2° semestre 2026", "scadenza"],
        ["weight", "40%", ""],
      ],
    });
  });

  it("the word naming the record and its number before the text are its code (`Azione 2 – …`, `FASE 3. …`, `Obiettivo n. 4: …`)", () => {
    expect([read("Azione 2 – Affidamento dei lavori"), read("FASE 3. Collaudo finale"), read("Obiettivo n. 4: Riduzione dei tempi")].map((r) => [r.code, r.title])).toEqual([
      ["2", "Affidamento dei lavori"],
      ["3", "Collaudo finale"],
      ["4", "Riduzione dei tempi"],
    ]);
    // A word that names no record keeps its number in the text.
    expect([read("Settore 2 – Lavori pubblici"), read("Anno 2025: risultati")].map((r) => [r.code, r.title])).toEqual([
      [null, "Settore 2 – Lavori pubblici"],
      [null, "Anno 2025: risultati"],
    ]);
  });

  it("a bracket holding several fields", () => {
    expect(read("Verifica finale (entro il 31/07/2025; peso 0,25; ref. Dott.ssa Anna Bruni)")).toEqual({
      code: null,
      title: "Verifica finale",
      fields: [
        ["due", "entro il 31/07/2025", ""],
        ["weight", "0,25", "peso"],
        ["owner", "Dott.ssa Anna Bruni", "ref."],
      ],
    });
  });

  it("a bracket that is no field stays in the title", () => {
    expect(read("Incontri (tre sessioni) – 30%")).toEqual({ code: null, title: "Incontri (tre sessioni)", fields: [["weight", "30%", ""]] });
  });

  it("`Resp.:` and a deadline month between spaced dashes", () => {
    expect(read("Collaudo – Resp.: Ing. Rita Sala – entro dicembre 2026")).toEqual({
      code: null,
      title: "Collaudo",
      fields: [
        ["owner", "Ing. Rita Sala", "Resp."],
        ["due", "entro dicembre 2026", ""],
      ],
    });
  });

  it("abbreviated labels: Pond., Scad.", () => {
    expect(read("Formazione del personale – Pond. 20%").fields).toEqual([["weight", "20%", "Pond."]]);
    expect(read("Mappatura dei processi – Scad. 30/06/2025").fields).toEqual([["due", "30/06/2025", "Scad."]]);
  });

  it("commas split only before a field's word (entro, scadenza, peso …)", () => {
    expect(read("Analisi dei dati, entro il 30/06/2025")).toEqual({ code: null, title: "Analisi dei dati", fields: [["due", "entro il 30/06/2025", ""]] });
    expect(read("Redazione del piano, scadenza 31/12/2025, peso 20%").fields).toEqual([
      ["due", "31/12/2025", "scadenza"],
      ["weight", "20%", "peso"],
    ]);
    // A comma in the title itself stays.
    expect(read("Strade, piazze e parchi – 31/12/2025").title).toBe("Strade, piazze e parchi");
  });

  it("values that say alone what they are: a person, a semester", () => {
    expect(read("Attività di controllo – Dott. Marco Bassi – II semestre 2025")).toEqual({
      code: null,
      title: "Attività di controllo",
      fields: [
        ["owner", "Dott. Marco Bassi", ""],
        ["due", "II semestre 2025", ""],
      ],
    });
  });

  it("a unit's name keeps its word; a colon sets the word apart as a label", () => {
    expect(read("Collaudo delle opere – Settore Lavori Pubblici").fields).toEqual([["unit", "Settore Lavori Pubblici", ""]]);
    expect(read("Collaudo delle opere – Settore: Lavori Pubblici").fields).toEqual([["unit", "Lavori Pubblici", "Settore"]]);
    // The text's own first piece is never a field without a colon.
    expect(read("Servizio sicurezza del territorio – Responsabile: Mario Rossi")).toEqual({
      code: null,
      title: "Servizio sicurezza del territorio",
      fields: [["owner", "Mario Rossi", "Responsabile"]],
    });
  });

  it("a dotted code opens the text; a year does not", () => {
    expect(read("1.2 Adozione del regolamento – 31/12/2025")).toEqual({ code: "1.2", title: "Adozione del regolamento", fields: [["due", "31/12/2025", ""]] });
    expect(read("OB.3 – Riorganizzazione uffici")).toEqual({ code: "OB.3", title: "Riorganizzazione uffici", fields: [] });
    expect(read("2025 Nuovo piano")).toEqual({ code: null, title: "2025 Nuovo piano", fields: [] });
    expect(read("31/12/2025 Chiusura dei conti").code).toBeNull();
  });

  it("a letter or a roman numeral set off by a dash is a code", () => {
    expect(read("A – Titolo del gruppo")).toEqual({ code: "A", title: "Titolo del gruppo", fields: [] });
    expect(read("IV – Quarto asse")).toEqual({ code: "IV", title: "Quarto asse", fields: [] });
    // Without the dash a capital opening a sentence is no code.
    expect(read("A tutti gli uffici").code).toBeNull();
  });

  it("a piece no field claims after the title stays in the title (`SETTORE 2 – LAVORI PUBBLICI`)", () => {
    expect(read("SETTORE 2 – LAVORI PUBBLICI (Resp. Ing. Paolo Galli)")).toEqual({
      code: null,
      title: "SETTORE 2 – LAVORI PUBBLICI",
      fields: [["owner", "Ing. Paolo Galli", "Resp."]],
    });
    expect(read("Nota – testo libero – altro")).toEqual({ code: null, title: "Nota – testo libero – altro", fields: [] });
  });

  it("a piece no field claims after a field is an unlabelled extra", () => {
    expect(read("Collaudo – 30% – da concordare con la ditta").fields).toEqual([
      ["weight", "30%", ""],
      ["extra", "da concordare con la ditta", ""],
    ]);
  });

  it("a line that is only a label and its value has no title", () => {
    expect(read("Scadenza: 31/12/2025")).toEqual({ code: null, title: "", fields: [["due", "31/12/2025", "Scadenza"]] });
    expect(read("")).toEqual({ code: null, title: "", fields: [] });
  });

  it("naming roles are never inline fields (an objective's or a step's word opens no field)", () => {
    const r = readInline("Mappatura – Fase Due del progetto");
    expect(r.fields.some((f) => f.role === "step" || f.role === "objective" || f.role === "title")).toBe(false);
  });
});

// ------------------------------------------------------------------ properties

const WORDS = ["analisi", "dei", "processi", "revisione", "archivio", "bando", "gara", "documenti", "mappatura", "sportello", "digitale", "nuovo", "regolamento", "comunale", "cittadini", "rete", "scuole", "verde", "pubblico"];
const titleArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 })
  .map((ws) => ws.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(" "));
const dayArb = fc
  .record({ d: fc.integer({ min: 1, max: 28 }), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 2024, max: 2028 }) })
  .map(({ d, m, y }) => `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`);
interface Printed {
  role: string;
  text: string;
  raw: string;
}
const fieldArb: fc.Arbitrary<Printed> = fc.oneof(
  dayArb.map((d) => ({ role: "due", text: `entro il ${d}`, raw: `entro il ${d}` })),
  dayArb.map((d) => ({ role: "due", text: `scadenza ${d}`, raw: d })),
  fc.integer({ min: 1, max: 100 }).map((n) => ({ role: "weight", text: `peso ${n}%`, raw: `${n}%` })),
  fc.integer({ min: 1, max: 100 }).map((n) => ({ role: "weight", text: `${n}%`, raw: `${n}%` })),
  fc.constantFrom("Ing. Rita Sala", "Dott.ssa Carla Neri", "Mario Rossi").map((p) => ({ role: "owner", text: `Resp.: ${p}`, raw: p })),
);
const sepArb = fc.constantFrom(" – ", "; ", " - ");

describe("readInline properties", () => {
  it("a title followed by printed fields gives back that title and those fields, and the title holds none of their raw text", () => {
    fc.assert(
      fc.property(titleArb, fc.array(fc.tuple(sepArb, fieldArb), { minLength: 1, maxLength: 3 }), (title, fs) => {
        const text = title + fs.map(([s, f]) => s + f.text).join("");
        const r = readInline(text);
        expect(r.title).toBe(title);
        expect(r.fields.map((f) => [f.role, f.raw])).toEqual(fs.map(([, f]) => [f.role, f.raw]));
        for (const f of r.fields) expect(r.title.includes(f.raw)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("fields in a bracket after the title are read the same", () => {
    fc.assert(
      fc.property(titleArb, fc.array(fieldArb, { minLength: 1, maxLength: 3 }), (title, fs) => {
        const r = readInline(`${title} (${fs.map((f) => f.text).join("; ")})`);
        expect(r.title).toBe(title);
        expect(r.fields.map((f) => [f.role, f.raw])).toEqual(fs.map((f) => [f.role, f.raw]));
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on arbitrary text; a code it reads is a code; no field has a naming role", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("entro il 30/06/2025", "peso 20%", "Resp.: Ing. Rita Sala", "(scadenza: 2° semestre 2026)", " – ", "; ", ", entro ", "1.2 ", "A – ", "Settore Tributi", "30%", ":", "(", ")", " | "),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join("")), (t) => {
        const r = readInline(t);
        expect(typeof r.title).toBe("string");
        if (r.code !== null) expect(isCode(r.code) || /^(?:[A-Z]|[IVX]{1,4})$/.test(r.code)).toBe(true);
        for (const f of r.fields) expect(["objective", "title", "step"]).not.toContain(f.role);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (t) => {
        expect(() => readInline(t)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("readInline: a deadline's noun before a day's date, no colon", () => {
  it("`termine 31/10/2026`, `scadenza 30/06/2026` are the label and the date; `entro il …` keeps its words", () => {
    expect(readInline("ponderazione 20%; termine 31/10/2026").fields).toEqual([
      { role: "weight", raw: "20%", label: "ponderazione" },
      { role: "due", raw: "31/10/2026", label: "termine" },
    ]);
    expect(readInline("peso 10%; scadenza 30/06/2026").fields[1]).toEqual({ role: "due", raw: "30/06/2026", label: "scadenza" });
    expect(readInline("Rilievo – entro il 30/06/2026").fields[0]).toMatchObject({ role: "due", raw: "entro il 30/06/2026" });
  });
});
