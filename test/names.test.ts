/**
 * Objectives named short (src/parse/names.ts) and KPI tables that refer to
 * objectives by their title, a printed short name, or a short name of the title.
 */
import { describe, expect, it } from "vitest";
import { nameScore, referredTitle, sharedWords } from "../src/parse/names.js";
import { convertBuffer } from "../src/convert.js";
import { lines } from "./support/engine.js";

const titles = [
  "Riduzione dei tempi di inserimento in RSA degli anziani in lista d'attesa",
  "Rinnovo dell'accreditamento del Centro Diurno Integrato",
  "Efficientamento energetico della sede di via dei Tigli",
];

describe("nameScore / referredTitle", () => {
  it("finds a short name's words in a title by their stems, and acronyms by the initials of consecutive words", () => {
    expect(nameScore("Liste d'attesa RSA", titles[0]!)).toBe(1);
    expect(nameScore("Accreditamento CDI", titles[1]!)).toBe(1);
    expect(nameScore("Energia sede", titles[2]!)).toBe(1);
    expect(referredTitle("Liste d'attesa RSA", titles)).toBe(0);
    expect(referredTitle("Accreditamento CDI", titles)).toBe(1);
    expect(referredTitle("Energia sede", titles)).toBe(2);
  });
  it("names nothing when no title holds its words, when two titles tie, or when the name is no shorter than a title", () => {
    expect(referredTitle("Trasporto scolastico", titles)).toBe(-1);
    expect(referredTitle("Sede", ["Sede di via Roma", "Sede di piazza Duomo"])).toBe(-1);
    expect(referredTitle("Nucleo di monitoraggio ed audit PNRR realizzazione e verifiche", titles)).toBe(-1);
  });
});

describe("KPI tables naming their objectives", () => {
  it("attach each indicator to the objective its name designates: a short name of the title, or one printed beside it", async () => {
    const md = lines(
      "| N. | Obiettivo | Nome breve | Peso |",
      "|---|---|---|---|",
      "| 1 | Riduzione dei tempi di inserimento in RSA degli anziani in lista d'attesa | Attese RSA | 60 |",
      "| 2 | Ampliamento degli orari di apertura della biblioteca civica | Biblioteca | 40 |",
      "",
      "| Obiettivo (rif.) | Indicatore | Target 2025 |",
      "|---|---|---|",
      "| Liste d'attesa RSA | Giorni medi di inserimento | ≤ 45 gg |",
      "| Liste d'attesa RSA | Domande evase entro 60 giorni | ≥ 70% |",
      "| Biblioteca | Ore settimanali di apertura | 32 |",
    );
    const doc = await convertBuffer(new TextEncoder().encode(md), "doc.md");
    expect(doc.objectives.map((o) => [o.id, o.kpis.map((k) => k.name)])).toEqual([
      ["1", ["Giorni medi di inserimento", "Domande evase entro 60 giorni"]],
      ["2", ["Ore settimanali di apertura"]],
    ]);
  });
});

describe("one objective printed twice", () => {
  it("a summary row and a card with the same code and titles worded alike are one objective; two titles of other words under one code stay two (id.duplicate)", async () => {
    const md = lines(
      "| Codice | Obiettivo | Peso |",
      "|---|---|---|",
      "| ARU.01 | Digitalizzazione del fascicolo del personale tecnico-amministrativo | 60 |",
      "| ARU.02 | Valorizzazione del patrimonio immobiliare | 40 |",
      "",
      "### ARU.01 – Digitalizzazione dei fascicoli personali del personale tecnico-amministrativo",
      "",
      "Responsabile: dott.ssa Carla Neri",
      "Peso: 60",
      "",
      "### ARU.02 – Diritto annuale: recupero delle annualità omesse",
      "",
      "Responsabile: dott. Mario Rossi",
      "Peso: 40",
    );
    const doc = await convertBuffer(new TextEncoder().encode(md), "doc.md");
    expect(doc.objectives.map((o) => o.id)).toEqual(["ARU.01", "ARU.02", "ARU.02"]);
    // The fuller of the two titles is the objective's.
    expect(doc.objectives[0]!.title).toBe("Digitalizzazione dei fascicoli personali del personale tecnico-amministrativo");
    expect(doc.issues.filter((i) => i.code === "id.duplicate").length).toBe(1);
    expect(sharedWords("Digitalizzazione del fascicolo del personale", "Digitalizzazione dei fascicoli personali del personale")).toBe(1);
  });
});
