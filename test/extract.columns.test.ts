/** Two columns of text on a page (a pdftotext dump of cards set two by two): the left column read first. */
import { describe, expect, it } from "vitest";
import { untangleColumns } from "../src/extract/columns.js";
import { convertBuffer } from "../src/convert.js";

const pad = (left: string, right: string, x = 50) => left.padEnd(x) + right;

describe("untangleColumns", () => {
  it("reads a stretch of fields on both sides of a gutter left column first, keeping each part's line", () => {
    const lines = [
      "PIAO 2026-2028",
      "",
      pad("SCHEDA A-1", "SCHEDA A-2"),
      "",
      pad("Titolo: Sportello unico per le", "Titolo: Catasto delle strade"),
      pad("  imprese del territorio", "  provinciali"),
      pad("Peso: 60%", "Peso: 40%"),
      pad("Termine: 30/06/2026", "Termine: 31/10/2026"),
      "",
      "Il Segretario generale firma il presente documento in data 30 gennaio 2026 a Valdemonte.",
    ];
    const r = untangleColumns(lines)!;
    expect(r.lines.filter((l) => l.trim() !== "").map((l) => l.trim())).toEqual([
      "PIAO 2026-2028",
      "SCHEDA A-1",
      "Titolo: Sportello unico per le",
      "imprese del territorio",
      "Peso: 60%",
      "Termine: 30/06/2026",
      "SCHEDA A-2",
      "Titolo: Catasto delle strade",
      "provinciali",
      "Peso: 40%",
      "Termine: 31/10/2026",
      "Il Segretario generale firma il presente documento in data 30 gennaio 2026 a Valdemonte.",
    ]);
    expect(r.from[r.lines.indexOf("Peso: 60%")]).toBe(6);
  });

  it("reads 200,000 short lines in one pass, none taken for columns", () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? pad("Peso: 20%", "Peso: 30%") : "x"));
    const r = untangleColumns(lines)!;
    expect(r.lines.length).toBeGreaterThan(lines.length);
    expect(untangleColumns(Array.from({ length: 200_000 }, () => "short line"))).toBeNull();
  });

  it("leaves an aligned table alone (its cells are no fields)", () => {
    const lines = [pad("Porto", "Merci (t)"), pad("Calamorra", "6.412.300"), pad("Punta Scilla", "823.900"), pad("Marina", "91.400")];
    expect(untangleColumns(lines)).toBeNull();
  });

  it("through convert: the cards of two administrations' two-column dumps, each whole", async () => {
    const text = [
      "Consorzio di Bonifica della Valle Orsa – PIAO 2026-2028",
      "",
      pad("OBIETTIVO VO.1", "OBIETTIVO VO.2"),
      "",
      pad("Titolo: Manutenzione dei canali di", "Titolo: Catasto consortile"),
      pad("  bonifica della piana", "  aggiornato"),
      pad("Responsabile: Ing. Rita Sala", "Responsabile: Geom. Ugo Neri"),
      pad("Peso: 70%", "Peso: 30%"),
      pad("Termine: 30/11/2026", "Termine: 31/12/2026"),
    ].join("\n");
    const doc = await convertBuffer(Buffer.from(text), "dump.txt");
    expect(doc.objectives.map((o) => [o.id, o.title, o.owner, o.weight?.value, o.due?.iso])).toEqual([
      ["VO.1", "Manutenzione dei canali di bonifica della piana", "Ing. Rita Sala", 70, "2026-11-30"],
      ["VO.2", "Catasto consortile aggiornato", "Geom. Ugo Neri", 30, "2026-12-31"],
    ]);
  });
});
