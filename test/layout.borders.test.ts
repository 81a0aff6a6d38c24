/**
 * Tables whose cells are each boxed on their own, a little apart, with borders
 * drawn as filled strips with mitred ends (what a browser prints for an HTML
 * table with `border="1"`: separated, bevelled inset/outset borders). The strips
 * are rules; the hairline gaps between neighbouring boxes are neither columns nor
 * rows; a cell spanning rows lives in its first row.
 */
import { describe, expect, it } from "vitest";
import { extractPdf } from "../src/extract/pdf/index.js";
import { convertBuffer } from "../src/convert.js";
import { onePage, text } from "../scripts/pdf/minipdf.mjs";

const T = 0.75; // border thickness
const GAP = 2; // space between neighbouring cell boxes

/** A cell box as four filled trapezoids, in PDF user space (origin bottom-left). */
function bevelBox(x: number, y: number, w: number, h: number): string {
  const p = (pts: number[][]) => `${pts.map(([a, b], i) => `${a} ${b} ${i ? "l" : "m"}`).join(" ")} h f\n`;
  return (
    p([[x, y + h], [x + w, y + h], [x + w - T, y + h - T], [x + T, y + h - T]]) + // top
    p([[x, y], [x + w, y], [x + w - T, y + T], [x + T, y + T]]) + // bottom
    p([[x, y], [x, y + h], [x + T, y + h - T], [x + T, y + T]]) + // left
    p([[x + w, y], [x + w, y + h], [x + w - T, y + h - T], [x + w - T, y + T]]) // right
  );
}

/** Columns and rows of a table; `span[c]` = the column's first cell spans all body rows (text centred). */
function separatedTable(widths: number[], header: string[], body: string[][], span: boolean[]): string {
  const H = 18;
  const x0 = 50,
    top = 760;
  let c = "0.3 g\n";
  const xs: number[] = [];
  let x = x0 + GAP;
  for (const w of widths) {
    xs.push(x);
    x += w + GAP;
  }
  // Outer frame of the table.
  c += bevelBox(x0, top - (1 + body.length) * (H + GAP) - GAP, x - x0, (1 + body.length) * (H + GAP) + GAP);
  const rowY = (r: number) => top - GAP - (r + 1) * H - r * GAP;
  header.forEach((h, k) => {
    c += bevelBox(xs[k]!, rowY(0), widths[k]!, H) + text(xs[k]! + 3, rowY(0) + 5, h, 9, "F2");
  });
  widths.forEach((w, k) => {
    if (span[k]) {
      const yBottom = rowY(body.length),
        hh = rowY(1) + H - yBottom;
      c += bevelBox(xs[k]!, yBottom, w, hh) + text(xs[k]! + 3, yBottom + hh / 2 - 3, body[0]![k]!, 9);
    } else
      body.forEach((r, i) => {
        c += bevelBox(xs[k]!, rowY(i + 1), w, H) + text(xs[k]! + 3, rowY(i + 1) + 5, r[k]!, 9);
      });
  });
  return c;
}

const WIDTHS = [50, 170, 190, 70];
const HEADER = ["Codice", "Obiettivo", "Fase", "Scadenza"];
const BODY = [
  ["OB-3", "Nuovo regolamento edilizio", "Bozza del testo", "31/03/2026"],
  ["", "", "Parere della Commissione", "30/06/2026"],
  ["", "", "Approvazione in Consiglio", "30/10/2026"],
];

describe("separated, bevelled cell borders", () => {
  it("give one column per cell and one row per part, the spanning cells in the first row", async () => {
    const pdf = onePage({ content: separatedTable(WIDTHS, HEADER, BODY, [true, true, false, false]) });
    const src = await extractPdf(pdf, "bordi.pdf", "x", { ocr: "never" });
    const cells = src.rows.filter((r) => r.kind === "table").map((r) => r.cells.map((c) => c.text));
    expect(cells).toEqual([HEADER, ...BODY]);
  });

  it("read as an objective with its three steps", async () => {
    const pdf = onePage({ content: text(50, 800, "Obiettivi operativi 2026", 12, "F2") + separatedTable(WIDTHS, HEADER, BODY, [true, true, false, false]) });
    const doc = await convertBuffer(pdf, "bordi.pdf", { ocr: "never" });
    expect(doc.objectives.map((o) => [o.id, o.title])).toEqual([["OB-3", "Nuovo regolamento edilizio"]]);
    expect(doc.objectives[0]!.steps.map((s) => [s.title, s.due?.iso])).toEqual([
      ["Bozza del testo", "2026-03-31"],
      ["Parere della Commissione", "2026-06-30"],
      ["Approvazione in Consiglio", "2026-10-30"],
    ]);
  });
});
