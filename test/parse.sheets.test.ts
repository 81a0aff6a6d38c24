/**
 * Cards a spreadsheet prints (an objective laid out in cells, then printed to
 * PDF): rows as the PDF layout hands them over, read through the typed
 * document, the recognisers and the binder. Each case is a habit of the
 * spreadsheet-printed hold-out (fixtures/layouts/holdout16) that two or more
 * of its administrations share, set here with invented figures.
 */
import { describe, expect, it } from "vitest";
import type { Row, SourceDoc } from "../src/doc/source.js";
import { parseDocument } from "../src/parse/index.js";
import { buildBlocks } from "../src/blocks/index.js";
import { isLabelRow } from "../src/blocks/rows.js";
import { isCode } from "../src/lexicon/codes.js";
import { matchLabelPrefix } from "../src/lexicon/match.js";

let line = 0;
const row = (cells: string[], bold: boolean[] = []): Row => {
  line++;
  return { page: 1, line, kind: "table", cells: cells.map((text, k) => ({ text, ...(bold[k] ? { bold: true } : {}) })), bbox: [50, line * 20, 550, line * 20 + 14] };
};
const blank = (): Row => ({ page: 1, line: ++line, kind: "blank", cells: [] });
const text = (t: string): Row => ({ page: 1, line: ++line, kind: "text", cells: [{ text: t }], bbox: [50, line * 20, 550, line * 20 + 14] });

function parse(rows: Row[]) {
  const source: SourceDoc = { file: "sheet.pdf", sha256: "0", kind: "pdf", pages: 1, rows, ocr: null, notes: [] };
  return parseDocument(source);
}

/** One card as a sheet prints it: the banner, three pairs on a row, fields, indicators with their label beside them, phases. */
function card(n: number, code: string, title: string): Row[] {
  return [
    row([`OBIETTIVO OPERATIVO n. ${n}`, "", "", "", "", ""], [true]),
    row(["Codice", code, "Peso", n === 1 ? "60" : "40", "Stato", "In corso"], [true, false, true, false, true]),
    row(["Obiettivo operativo", title, "", "", "", ""], [true]),
    row(["Obiettivo strategico", `OS ${n} – Servizi alla persona`, "", "", "", ""], [true]),
    row(["Titolare EQ", "Dott.ssa Anna Bressan", "", "", "", ""], [true]),
    blank(),
    row(["", "Descrizione", "Valore obiettivo"], [false, true, true]),
    row(["Indicatori", "Comuni aderenti al servizio", "7"]),
    row(["", "Costo medio per studente", "≤ 820,00 €"]),
    blank(),
    row(["N.", "Descrizione", "Fine", "Peso"], [true, true, true, true]),
    row(["F1", "Ricognizione dei percorsi", "27/02/2026", "40"]),
    row(["F2", "Gara unica per il servizio", "30/06/2026", "60"]),
    blank(),
  ];
}

describe("a card a spreadsheet prints", () => {
  it("reads the banner's number as no title, three pairs on a row as fields, the label beside the indicators as their caption", () => {
    line = 0;
    const rows = [text("Unione Montana di Valbruna – PIAO 2026-2028"), blank(), ...card(1, "VB/P1", "Trasporto scolastico associato"), ...card(2, "VB/P2", "Catasto dei boschi")];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title, o.weight?.value, o.status, o.links])).toEqual([
      ["VB/P1", "Trasporto scolastico associato", 60, "In corso", ["OS 1"]],
      ["VB/P2", "Catasto dei boschi", 40, "In corso", ["OS 2"]],
    ]);
    expect(objectives[0]!.kpis.map((k) => [k.name, k.target?.raw])).toEqual([
      ["Comuni aderenti al servizio", "7"],
      ["Costo medio per studente", "≤ 820,00 €"],
    ]);
    expect(objectives[0]!.steps.map((s) => [s.id, s.title, s.due?.iso])).toEqual([
      ["F1", "Ricognizione dei percorsi", "2026-02-27"],
      ["F2", "Gara unica per il servizio", "2026-06-30"],
    ]);
  });

  it("gives the banner's number as the code of a card that prints none", () => {
    line = 0;
    const rows = [row(["OBIETTIVO OPERATIVO n. 3", ""], [true]), row(["Obiettivo operativo", "Sportello unico associato"], [true]), row(["Peso", "25%"], [true]), row(["Scadenza", "30/09/2026"], [true])];
    const { objectives } = parse(rows);
    expect(objectives.map((o) => [o.id, o.title])).toEqual([["3", "Sportello unico associato"]]);
  });
});

describe("the pieces", () => {
  it("a row of label/value pairs is a card row; a row of labels alone, or of a label and figures, is not", () => {
    line = 0;
    expect(isLabelRow(row(["Codice", "VB/P1", "Peso", "30", "Stato", "In corso"]))).toBe(true);
    expect(isLabelRow(row(["Codice", "Peso", "Stato", "Scadenza", "Indicatore", "Target"]))).toBe(false);
    expect(isLabelRow(row(["Settore Tecnico", "3", "4", "1", "2", "5"]))).toBe(false);
  });

  it("a label beside a table's rows, its header cell empty, is the table's caption; a column of values is not", () => {
    line = 0;
    const [t] = buildBlocks([row(["", "Descrizione", "Valore obiettivo"], [false, true, true]), row(["Indicatori", "Ettari censiti", "≥ 1.200 ha"]), row(["", "Piani approvati", "2"])]).filter((b) => b.type === "table");
    expect(t).toMatchObject({ type: "table", caption: "Indicatori", width: 2 });
    // A merged cell naming a place, not a field: the table's first column still.
    const [u] = buildBlocks([row(["", "Anno", "Abitanti"], [false, true, true]), row(["Borgo Alto", "2025", "1.200"]), row(["", "2026", "1.250"])]).filter((b) => b.type === "table");
    expect(u).toMatchObject({ caption: null, width: 3 });
  });

  it("a counter after a label is the value's: the label is the whole kind", () => {
    expect(matchLabelPrefix("OBIETTIVO OPERATIVO n. 1")).toMatchObject({ role: "objective", rest: "n. 1" });
    expect(matchLabelPrefix("Scheda obiettivo n° 4")?.rest).toBe("n° 4");
  });

  it("an entity's letters over a lettered number are a code, as with a dash", () => {
    for (const c of ["UMO/P1", "UMO-P1", "ASL/OB12"]) expect(isCode(c)).toBe(true);
    for (const c of ["e/o", "km/h", "A/B"]) expect(isCode(c)).toBe(false);
  });
});
