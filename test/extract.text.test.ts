/** Text exports → rows: encodings, cell separators, markup, fused lines. */
import { describe, expect, it } from "vitest";
import { decode, extractText } from "../src/extract/text.js";
import { splitFusedBold, splitGluedCode, stripMarkup } from "../src/extract/markup.js";
import { sniff } from "../src/extract/sniff.js";
import { InputError } from "../src/doc/source.js";
import { encodeCp1252 } from "./support/cp1252.js";

const rowsOf = (text: string | Uint8Array, file = "a.txt") =>
  extractText(typeof text === "string" ? Buffer.from(text) : text, file, "0".repeat(64)).rows.filter((r) => r.kind !== "blank");

describe("decode", () => {
  it("reads UTF-8 with and without BOM, UTF-16LE with BOM and Windows-1252", () => {
    expect(decode(Buffer.from("\uFEFFperché")).text).toBe("perché");
    expect(decode(Buffer.from("perché")).encoding).toBe("utf-8");
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("attività", "utf16le")])).text).toBe("attività");
    const cp = decode(encodeCp1252("Attività – “entro” 31/12"));
    expect(cp.encoding).toBe("windows-1252");
    expect(cp.text).toBe("Attività – “entro” 31/12");
  });
});

describe("cells", () => {
  it("splits tabs, Markdown pipes and HTML table cells", () => {
    expect(rowsOf("a\tb\t\tc")[0]!.cells.map((c) => c.text)).toEqual(["a", "b", "", "c"]);
    const md = rowsOf("| Obiettivo | Peso |\n|---|---|\n| Ridurre i tempi | 20% |");
    expect(md).toHaveLength(2);
    expect(md[1]!.cells.map((c) => c.text)).toEqual(["Ridurre i tempi", "20%"]);
    const html = rowsOf("<table><tr><th>Fase</th><th>Scadenza</th></tr><tr><td><b>Avvio</b></td><td>31/03/2025</td></tr></table>", "x.html");
    expect(html.map((r) => r.cells.map((c) => c.text))).toEqual([["Fase", "Scadenza"], ["Avvio", "31/03/2025"]]);
    expect(html[1]!.cells[0]!.bold).toBe(true);
  });

  it("a tabbed line where the export turned some tabs into spaces: a run of three spaces or more parts cells too", () => {
    expect(rowsOf("N.\tObiettivo\tArea    Peso")[0]!.cells.map((c) => c.text)).toEqual(["N.", "Obiettivo", "Area", "Peso"]);
    expect(rowsOf("2    Regolamento della palestra\tArea Amministrativa    \t20")[0]!.cells.map((c) => c.text)).toEqual(["2", "Regolamento della palestra", "Area Amministrativa", "20"]);
    // Spaces indenting the first cell part nothing.
    expect(rowsOf("   acquisto degli apparecchi\t\t•")[0]!.cells.map((c) => c.text)).toEqual(["acquisto degli apparecchi", "", "•"]);
    // A double space inside a cell is no boundary.
    expect(rowsOf("1\tRilievo  dei sentieri\t30")[0]!.cells.map((c) => c.text)).toEqual(["1", "Rilievo dei sentieri", "30"]);
  });

  it("Word's Symbol-font bullets are bullets; a soft hyphen inside a line is no character", () => {
    const rows = rowsOf("Fasi:\n\uf0b7 2.1 – Calendario dei seminari\nforma\u00adzione continua");
    expect(rows.map((r) => r.cells[0]!.text)).toEqual(["Fasi:", "• 2.1 – Calendario dei seminari", "formazione continua"]);
  });

  it("Word's and LibreOffice's HTML: every cell's text in <p> (over several source lines) is one cell, its paragraphs kept", () => {
    const html = [
      "<html><body><table>",
      "<tr>",
      " <td width=48 valign=top><p class=MsoNormal><b><span style='font-size:9.0pt'>OB-01<o:p></o:p></span></b></p></td>",
      " <td width=120 valign=top><p class=MsoNormal><span>Settore Tecnico<o:p></o:p></span></p>",
      " <p class=MsoNormal><span>Dirigente: ing. Ottavio Neri<o:p></o:p></span></p></td>",
      "</tr></table></body></html>",
    ].join("\n");
    const rows = rowsOf(html, "a.html");
    expect(rows.map((r) => r.cells.map((c) => c.text))).toEqual([["OB-01", "Settore Tecnico Dirigente: ing. Ottavio Neri"]]);
    expect(rows[0]!.cells[1]!.paras).toEqual(["Settore Tecnico", "Dirigente: ing. Ottavio Neri"]);
  });

  it("tabs that only indent a line part no cells, unless the line goes on with a table (its first cells empty)", () => {
    const rows = rowsOf("1.1.1 Obiettivo operativo: Telecardiologia\n\tResponsabile: dott.ssa Anna Neri\n\tPeso: 40%\n\nFase\tScadenza\tPeso\nAvvio\t31/03/2026\t60\n\t\t40");
    expect(rows.map((r) => [r.kind, r.cells.map((c) => c.text)])).toEqual([
      ["text", ["1.1.1 Obiettivo operativo: Telecardiologia"]],
      ["text", ["Responsabile: dott.ssa Anna Neri"]],
      ["text", ["Peso: 40%"]],
      ["table", ["Fase", "Scadenza", "Peso"]],
      ["table", ["Avvio", "31/03/2026", "60"]],
      ["table", ["", "", "40"]],
    ]);
  });

  it("a comment a Markdown converter left (`<!-- image -->`) is no text; the lines keep their numbers", () => {
    const rows = extractText(Buffer.from("<!-- image -->\nTitolo\n<!-- a\nb -->\nFine"), "a.md", "x").rows;
    expect(rows.filter((r) => r.kind === "text").map((r) => [r.line, r.cells[0]!.text])).toEqual([
      [2, "Titolo"],
      [5, "Fine"],
    ]);
  });

  it("a CSV row of empty cells (a sheet's empty row between its tables) is a blank line", () => {
    const rows = extractText(Buffer.from('"Codice","OB.1",""\n"Peso","40",""\n"","",""\n"Codice","OB.2",""'), "a.csv", "x").rows;
    expect(rows.map((r) => r.kind)).toEqual(["table", "table", "blank", "table"]);
  });

  it("wiki exports: a Markdown link's text stands for it; a status badge's pictograph before or after a word goes, a mark alone stays", () => {
    expect(stripMarkup("[Ponte sul torrente Arvo](Obiettivi%20PEG/ponte.md)")).toBe("Ponte sul torrente Arvo");
    expect(["✅ Concluso", "In corso 🔄", "⏳ Da avviare", "✓", "Sì ✔️"].map(stripMarkup)).toEqual(["Concluso", "In corso", "Da avviare", "✓", "Sì"]);
    expect(rowsOf("| Obiettivo | Stato |\n|---|---|\n| [Ponte](p.md) | ✅ Concluso |", "a.md")[1]!.cells.map((c) => c.text)).toEqual(["Ponte", "Concluso"]);
  });

  it("reads CSV exports with their own delimiter", () => {
    const rows = rowsOf('Obiettivo;Scadenza\n"Ridurre; i tempi";30/06/2025\n', "x.csv");
    expect(rows[1]!.cells.map((c) => c.text)).toEqual(["Ridurre; i tempi", "30/06/2025"]);
  });

  it("removes markup and keeps the paragraphs of a cell", () => {
    expect(stripMarkup("**2024\\_A01\\_07** <i>x</i> &amp; <p>a</p><p>b</p>")).toBe("2024_A01_07 x & a b");
    // Strong emphasis goes; a run of three underscores or more is a blank to fill in by hand, and stays.
    expect(stripMarkup("__Obiettivo__ Il Dirigente ________")).toBe("Obiettivo Il Dirigente ________");
    const r = rowsOf("<p>Prima attività</p> <p>Seconda attività</p>\t<p>Tempo previsto</p> <p>%</p>")[0]!;
    expect(r.cells[0]!.paras).toEqual(["Prima attività", "Seconda attività"]);
    expect(r.cells[0]!.text).toBe("Prima attività Seconda attività");
  });
});

describe("definition lists", () => {
  it("a term and its description are one row of two cells, the terms of one list on consecutive lines; a list inside a description keeps its items", () => {
    const rows = rowsOf("<dl><dt>Codice</dt><dd>PIF-25-01</dd>\n<dt>Ufficio competente</dt><dd>Servizio Amministrativo</dd>\n<dt>Fasi</dt><dd><ol><li>Istanza</li><li>Visita</li></ol></dd></dl>", "x.html");
    const texts = rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text));
    expect(texts.slice(0, 2)).toEqual([["Codice", "PIF-25-01"], ["Ufficio competente", "Servizio Amministrativo"]]);
    expect(rows.findIndex((r) => r.cells[0]?.text === "Ufficio competente")).toBe(rows.findIndex((r) => r.cells[0]?.text === "Codice") + 1);
    expect(texts.flat().join(" ")).toMatch(/Istanza.*Visita/);
  });
});

describe("nested tables", () => {
  it("a table inside a cell becomes lines of that cell (its header left out, its cells joined by dashes)", () => {
    const rows = rowsOf("<table><tr><th>Cod.</th><th>Fasi</th></tr><tr><td>1</td><td><table><tr><th>Fase</th><th>Termine</th></tr><tr><td>1.1</td><td>31/03/2026</td></tr><tr><td>1.2</td><td>31/05/2026</td></tr></table></td></tr></table>", "x.html");
    const data = rows.find((r) => r.cells[0]?.text === "1")!;
    expect(data.cells.length).toBe(2);
    expect(data.cells[1]!.paras).toEqual(["1.1 – 31/03/2026", "1.2 – 31/05/2026"]);
  });
});

describe("lists in table cells", () => {
  it("a list in a cell of a row of several cells is that cell's lines, a nested list's items set after their item; a list alone across a row stays lines of the table", () => {
    const rows = rowsOf(
      "<table><tr><th>Cod.</th><th>Azioni</th></tr><tr><td>A-1</td><td><ul><li>Ricognizione<ul><li>Periodo: dal 01/02/2025 al 30/04/2025</li><li>Peso: 30%</li></ul></li><li>Affidamento<ul><li>Peso: 70%</li></ul></li></ul></td></tr>" +
        '<tr><td colspan="2"><ol><li>Prima fase</li><li>Seconda fase</li></ol></td></tr></table>',
      "x.html",
    );
    const data = rows.find((r) => r.cells[0]?.text === "A-1")!;
    expect(data.cells[1]!.paras).toEqual(["Ricognizione – Periodo: dal 01/02/2025 al 30/04/2025 – Peso: 30%", "Affidamento – Peso: 70%"]);
    expect(rows.filter((r) => /fase/.test(r.cells.map((c) => c.text).join(" "))).length).toBe(2);
  });
});

describe("fused lines", () => {
  it("splits bold runs glued to their neighbours, not bold inside prose", () => {
    expect(splitFusedBold("**MARIO ROSSI****VALORE PUBBLICO**")).toEqual(["**MARIO ROSSI**", "**VALORE PUBBLICO**"]);
    expect(splitFusedBold("**OBIETTIVO DI MANDATO:** DUP\\_04 X**OBIETTIVO DI MISSIONE:** DUP\\_04\\_12 Y")).toEqual([
      "**OBIETTIVO DI MANDATO:** DUP\\_04 X",
      "**OBIETTIVO DI MISSIONE:** DUP\\_04\\_12 Y",
    ]);
    expect(splitFusedBold("la **performance** organizzativa")).toEqual(["la **performance** organizzativa"]);
    expect(splitFusedBold("- **Responsabile**: Comandante Ilario Desiderati")).toEqual(["- **Responsabile**: Comandante Ilario Desiderati"]);
    expect(splitGluedCode("2024\\_A01\\_07Assessorato")).toEqual(["2024\\_A01\\_07", "Assessorato"]);
    expect(splitGluedCode("Piano 2025 approvato")).toEqual(["Piano 2025 approvato"]);
  });

  it("marks Markdown hard breaks and headings", () => {
    const rows = rowsOf("Responsabile  \nMARIO ROSSI\n\n#### Modalità di attuazione");
    expect(rows[0]!.continues).toBe(true);
    expect(rows[2]!.heading).toBe(4);
    expect(rows[2]!.cells[0]!.text).toBe("Modalità di attuazione");
  });
});

describe("sniff", () => {
  it("reads the bytes, not the name", () => {
    expect(sniff(Buffer.from("%PDF-1.7\n..."), "renamed.txt")).toBe("pdf");
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), "scan.txt")).toBe("image");
    expect(sniff(Buffer.from("Obiettivo\tPeso"), "export.dat")).toBe("text");
    expect(() => sniff(Buffer.alloc(0), "e.txt")).toThrow(/empty/);
    expect(() => sniff(Buffer.from([1, 2, 0, 3]), "b.txt")).toThrow(InputError);
    expect(() => sniff(Buffer.from("not a pdf"), "x.pdf")).toThrow(/no %PDF header/);
  });
});

describe("merged cells a spreadsheet repeats", () => {
  it("a row repeating one text in every cell (a merged title or group row) keeps it once, in the first cell", async () => {
    const { extractText } = await import("../src/extract/text.js");
    const rows = extractText(new TextEncoder().encode("PIANO 2026;PIANO 2026;PIANO 2026;PIANO 2026\nCod.;Obiettivo;Peso;Scadenza\nAREA TECNICA;AREA TECNICA;AREA TECNICA;AREA TECNICA\nVF01;Catasto;25;25\n"), "a.csv", "x").rows;
    expect(rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text))).toEqual([
      ["PIANO 2026", "", "", ""],
      ["Cod.", "Obiettivo", "Peso", "Scadenza"],
      ["AREA TECNICA", "", "", ""],
      ["VF01", "Catasto", "25", "25"],
    ]);
  });
});

describe("footnote marks in brackets", () => {
  it("`20 (1)` loses its mark where the document prints the note `(1) …`; a bracket with no such note stays", async () => {
    const { extractText } = await import("../src/extract/text.js");
    const text = "Cod.;Obiettivo;Scadenza;Peso\nOB/1;Rendicontazione PNRR;31/10/2026 (2);20 (1)\nOB/2;Reclutamento (3);30/06/2026;80\n;;;\n(1) Peso ridotto di cinque punti.;;;\n(2) Termine allineato al PNRR.;;;\n";
    const rows = extractText(new TextEncoder().encode(text), "a.csv", "x").rows.filter((r) => r.kind === "table");
    expect(rows[1]!.cells.map((c) => c.text)).toEqual(["OB/1", "Rendicontazione PNRR", "31/10/2026", "20"]);
    expect(rows[2]!.cells[1]!.text).toBe("Reclutamento (3)");
  });
});

describe("an editor's export escaping Markdown everywhere", () => {
  it("`\\* Fase` is a bullet, `UVF\\_26\\_01` a code, `&nbsp;` a space; a table's lines keep their characters where they stand", async () => {
    const { unescapedExport } = await import("../src/extract/markup.js");
    expect(unescapedExport("Scheda n\\. 1 — codice UVF\\_26\\_01\nPeso:&nbsp;20%\n\\* Avvio della pattuglia — 30/06/2026\n| OB\\_1 | Titolo |")).toBe("Scheda n. 1 — codice UVF_26_01\nPeso: 20%\n* Avvio della pattuglia — 30/06/2026\n| OB\\_1 | Titolo |");
    // Two escapes are the author's: left as they are.
    expect(unescapedExport("a\\_b c\\.d")).toBe("a\\_b c\\.d");
  });
});

describe("Markdown bullets", () => {
  it("an asterisk and a space open a list item, in .md and in a text export of Markdown", () => {
    for (const name of ["a.md", "a.txt"]) {
      const rows = rowsOf("Fasi:\n* Nuovo regolamento — 31/03/2026\n* Avvio — 30/06/2026", name);
      expect(rows.map((r) => [r.marker ?? null, r.cells[0]!.text])).toEqual([
        [null, "Fasi:"],
        ["•", "• Nuovo regolamento — 31/03/2026"],
        ["•", "• Avvio — 30/06/2026"],
      ]);
    }
    // Over bold text the asterisk leads the bold line.
    expect(rowsOf("* **Obiettivo CB.1** – Manutenzione", "a.md")[0]!.cells[0]!.text).toBe("Obiettivo CB.1 – Manutenzione");
  });
});

describe("HTML: a box drawn around a card (a table of one cell a row, holding the card's table, caption and list)", () => {
  it("stands for its content: the fields' table a table, the list a list", async () => {
    const html =
      "<table class='box'><tr><td>" +
      "<table><tr><th>Codice</th><td>PR-3</td></tr><tr><th>Obiettivo</th><td>Sportello unico</td></tr><tr><th>Peso</th><td>30%</td></tr></table>" +
      "<p>Milestone</p><ul><li>M1 – Avviso pubblico – entro il 31/03/2026</li><li>M2 – Graduatoria – entro il 30/06/2026</li></ul>" +
      "</td></tr></table>";
    const src = extractText(new TextEncoder().encode(html), "doc.html", "x");
    const texts = src.rows.filter((r) => r.kind !== "blank").map((r) => r.cells.map((c) => c.text));
    expect(texts).toEqual([["Codice", "PR-3"], ["Obiettivo", "Sportello unico"], ["Peso", "30%"], ["Milestone"], ["• M1 – Avviso pubblico – entro il 31/03/2026"], ["• M2 – Graduatoria – entro il 30/06/2026"]]);
    const { convertBuffer } = await import("../src/convert.js");
    const doc = await convertBuffer(new TextEncoder().encode(html), "doc.html");
    expect(doc.objectives.map((o) => [o.id, o.title, o.steps.map((st) => st.id)])).toEqual([["PR-3", "Sportello unico", ["M1", "M2"]]]);
  });
});
