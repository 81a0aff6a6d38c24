/**
 * Field-level provenance: each field of a record read from a positioned table
 * keeps its cell's box (`where.fields`) and, when OCR'd, its confidence, which
 * the reconciler turns into `ocr.low-confidence` at the field's JSON Pointer.
 */
import { describe, expect, it } from "vitest";
import { buildDocument } from "../src/convert.js";
import type { BBox, Cell, Row, SourceDoc } from "../src/doc/source.js";

let line = 0;
function row(cells: [string, number][], y: number): Row {
  const cs: Cell[] = cells.map(([text, conf], i) => ({ text, bbox: [50 + i * 150, y, 190 + i * 150, y + 10] as BBox, conf }));
  return { page: 2, line: ++line, cells: cs, kind: "table", bbox: [50, y, 190 + (cells.length - 1) * 150, y + 10] };
}

function scan(rows: Row[]): SourceDoc {
  return { file: "scan.pdf", sha256: "0".repeat(64), kind: "scan", pages: 2, rows, ocr: { engine: "tesseract.js", lang: "ita", meanConfidence: 80 }, notes: [] };
}

describe("field provenance from positioned, OCR'd rows", () => {
  const doc = buildDocument(
    scan([
      row([["Codice", 95], ["Obiettivo", 95], ["Indicatore", 93], ["Target", 96], ["Scadenza", 94]], 100),
      row([["OB.1", 96], ["Ridurre i tempi di pagamento", 91], ["Giorni medi", 88], ["<= 3O", 42], ["31/12/2025", 90]], 120),
      row([["OB.2", 95], ["Digitalizzare l'archivio", 35], ["Pratiche digitalizzate", 90], ["80%", 92], ["30/06/2025", 89]], 140),
    ]),
    { ocrThreshold: 60 },
  );

  it("gives every filled field its cell's box and confidence", () => {
    const [a, b] = doc.objectives;
    expect(a!.where.fields).toEqual({ id: [50, 120, 190, 130], title: [200, 120, 340, 130], due: [650, 120, 790, 130] });
    expect(a!.confidence).toEqual({ id: 96, title: 91, due: 90 });
    expect(a!.kpis[0]!.where?.fields).toEqual({ name: [350, 120, 490, 130], target: [500, 120, 640, 130] });
    expect(a!.kpis[0]!.confidence).toEqual({ name: 88, target: 42 });
    expect(b!.confidence?.title).toBe(35);
  });

  it("flags the fields under the threshold, at their JSON Pointers (a target misread into text: `3O`)", () => {
    const low = doc.issues.filter((i) => i.code === "ocr.low-confidence").map((i) => i.path);
    expect(low.sort()).toEqual(["/objectives/0/kpis/0/target", "/objectives/1/title"]);
  });

  it("keeps the provenance through validation (declared in the schema)", () => {
    expect(JSON.parse(JSON.stringify(doc)).objectives[0].where.fields.title).toEqual([200, 120, 340, 130]);
  });
});
