/**
 * Markdown exports' grid tables (`+---+` rules, `|` borders, cells wrapped
 * over several lines) and setext headings (a line underlined by `===` / `---`).
 */
import { describe, expect, it } from "vitest";
import { extractText } from "../src/extract/text.js";
import { gridTables } from "../src/extract/grid.js";
import { cell } from "../src/extract/text.js";

const rowsOf = (lines: string[]) => extractText(new TextEncoder().encode(lines.join("\n")), "a.md", "x").rows;

const GRID = [
  "+---------+--------------------------+------+",
  "| Cod.    | Obiettivo                | Peso |",
  "+=========+==========================+======+",
  "| VIA\\_1  | Piano di manutenzione    | 50   |",
  "|         | delle strade provinciali |      |",
  "+---------+--------------------------+------+",
  "| EDS\\_2  | Fasi:                    | 50   |",
  "|         | 1\\. Rilievo – 31/03/2025 |      |",
  "|         | 2\\. Progetto del nuovo   |      |",
  "|         | plesso – 30/09/2025      |      |",
  "+---------+--------------------------+------+",
];

describe("grid tables", () => {
  it("one row between two rules, each cell's wrapped lines joined, escapes removed", () => {
    const rows = rowsOf(["Premessa.", "", ...GRID, "", "Fine."]);
    const table = rows.filter((r) => r.kind === "table");
    expect(table.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["Cod.", "Obiettivo", "Peso"],
      ["VIA_1", "Piano di manutenzione delle strade provinciali", "50"],
      ["EDS_2", "Fasi: 1. Rilievo – 31/03/2025 2. Progetto del nuovo plesso – 30/09/2025", "50"],
    ]);
    // Each row numbered by its first line; the rules are no rows.
    expect(table.map((r) => r.line)).toEqual([4, 6, 9]);
    expect(rows.filter((r) => r.kind === "text").map((r) => r.cells[0]!.text)).toEqual(["Premessa.", "Fine."]);
  });

  it("lines of a cell opening with a list marker are paragraphs of their own", () => {
    const rows = rowsOf(GRID).filter((r) => r.kind === "table");
    expect(rows[2]!.cells[1]!.paras).toEqual(["Fasi:", "1. Rilievo – 31/03/2025", "2. Progetto del nuovo plesso – 30/09/2025"]);
    expect(rows[1]!.cells[1]!.paras).toBeUndefined();
  });

  it("a border a line crosses joins the cells beside it (a cell spanning columns)", () => {
    const g = gridTables(["+----+----+", "| Totale  |", "+----+----+"], cell)!;
    expect(g.rowsAt.get(1)![0]!.cells.map((c) => c.text)).toEqual(["Totale"]);
  });

  it("rule-like lines that close no row, and lines of `+` in prose, are no grid", () => {
    expect(gridTables(["+----+----+", "| a  | b  |"], cell)).toBeNull();
    expect(gridTables(["Totale: 3 + 4 = 7", "+ aggiunta"], cell)).toBeNull();
  });
});

describe("setext headings", () => {
  it("a line underlined with `=` is a level-1 heading, with `-` level 2; the underline is no text", () => {
    const rows = rowsOf(["Comune di Valle", "===============", "", "Obiettivi 2025", "--------------", "", "Testo."]);
    expect(rows.filter((r) => r.kind === "text").map((r) => [r.cells[0]!.text, r.heading ?? 0])).toEqual([
      ["Comune di Valle", 1],
      ["Obiettivi 2025", 2],
      ["Testo.", 0],
    ]);
  });
});
