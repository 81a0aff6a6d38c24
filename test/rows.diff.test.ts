/**
 * The row diff (scripts/rows/rowdiff.mjs, test/support/rows.ts): how it names
 * differences, and that a geometry regression shows up in it.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Row } from "../src/doc/source.js";
import { compareRows, pdfRows, textFormRows } from "./support/rows.js";

const t = (...cells: string[]): Row => ({ page: null, line: 0, kind: "table", cells: cells.map((text) => ({ text })) });
const p = (text: string, extra: Partial<Row> = {}): Row => ({ page: null, line: 0, kind: "text", cells: [{ text }], ...extra });
const blank: Row = { page: null, line: 0, kind: "blank", cells: [] };

describe("row diff", () => {
  it("finds rows the same, ignoring blank rows, white space and trailing empty cells", () => {
    const d = compareRows([p("Titolo"), blank, t("a", "b", ""), t("c", " d ")], [p("Titolo"), t("a", "b"), blank, t("c", "d")]);
    expect(d.agreement).toBe(1);
    expect(d.counts.same).toBe(3);
  });

  it("names each kind of difference", () => {
    const text = [t("1.1", "Analisi", "30/06"), t("1.2", "Verifica", "31/12"), p("Primo paragrafo."), p("Secondo."), p("Una riga sola"), t("x", "y"), p("Fine")];
    const pdf = [t("1.1 Analisi", "30/06"), t("1.2", "Verifica", "31/12"), p("Primo paragrafo. Secondo."), p("Una riga"), p("sola"), p("x y"), p("Pagina 1 di 2"), p("Fine")];
    const d = compareRows(text, pdf);
    expect(d.counts).toMatchObject({ same: 2, cells: 2, merge: 1, split: 1, extra: 1 });
    expect(d.diff).toContain("[merge]");
    expect(d.diff).toContain("+ l0 text: Pagina 1 di 2");
  });

  it("tells a table row read as prose (kind) and a misreading (text) apart", () => {
    const d = compareRows([t("Obiettivo di performance"), p("Peso obiettivo 30%")], [p("Obiettivo di performance"), p("Peso obiettivo 3O%")]);
    expect(d.counts).toMatchObject({ kind: 1, text: 1, same: 0 });
  });

  it("drops columns empty in every row of a table, and reads any bullet as one", () => {
    const d = compareRows([t("cod.", "", "titolo"), t("1", "", "Primo"), p("• voce")], [t("cod.", "titolo"), t("1", "Primo"), p("– voce")]);
    expect(d.agreement).toBe(1);
  });

  it("shows a geometry regression: a PDF laid out with cells split at word spaces no longer reads like its text form", async () => {
    const dir = path.join(import.meta.dirname, "../fixtures/producers");
    const stem = "s1-15-comune-castelbruna-fasi-2026";
    const text = textFormRows(path.join(dir, `${stem}.html`));
    const pdf = path.join(dir, `${stem}.chromium-shaded.pdf`);
    const good = compareRows(text, await pdfRows(pdf));
    const broken = compareRows(text, await pdfRows(pdf, { layout: { colGapEm: 0.1, minColumnGap: 0.5 } }));
    expect(good.agreement).toBeGreaterThan(0.95);
    expect(broken.agreement).toBeLessThan(good.agreement - 0.3);
    expect(broken.counts.cells).toBeGreaterThan(5);
  });
});
