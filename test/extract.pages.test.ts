/** Text dumps of pages (form feeds): running heads, feet, page numbers and footnotes are no text of the document. */
import { describe, expect, it } from "vitest";
import { splicePages } from "../src/extract/pages.js";
import { extractText, withoutHidden } from "../src/extract/text.js";
import { convertBuffer } from "../src/convert.js";

const texts = (text: string) =>
  extractText(Buffer.from(text), "dump.txt", "0".repeat(64))
    .rows.filter((r) => r.kind !== "blank")
    .map((r) => r.cells.map((c) => c.text).join(" | "));

describe("splicePages", () => {
  it("is null for text without form feeds or without repeated furniture", () => {
    expect(splicePages(["a", "b"])).toBeNull();
    // Two pages ending alike, the line not set apart from the page's text: a coincidence, not a foot.
    expect(splicePages(["Premessa", "testo", "\fAltro capitolo", "testo"])).toBeNull();
  });

  it("drops a running head printed atop each page, the page numbers and the footnotes under a rule", () => {
    const lines = [
      "Ente Alfa – PIAO 2026-2028        Sezione 2",
      "",
      "OBIETTIVO A-1",
      "   Fasi:",
      "      A-1.a    Ricognizione degli archivi       31/03/2026",
      "__________________",
      "¹ Nota sul peso.",
      "                 Pagina 1 di 2",
      "\fEnte Alfa – PIAO 2026-2028        Sezione 2",
      "",
      "      A-1.b    Scarto e riordino                30/09/2026",
      "                 Pagina 2 di 2",
    ];
    const s = splicePages(lines)!;
    const filled = s.lines.map((l, k) => [l, s.lineNo[k]] as const).filter(([l]) => l.trim() !== "");
    expect(filled.map(([l]) => l)).toEqual(["OBIETTIVO A-1", "   Fasi:", "      A-1.a    Ricognizione degli archivi       31/03/2026", "      A-1.b    Scarto e riordino                30/09/2026"]);
    // Every kept line keeps its number in the input.
    expect(filled.map(([, n]) => n)).toEqual([3, 4, 5, 11]);
    // The table going on over the break: its two rows meet, no blank line between them.
    expect(s.lines.indexOf(lines[10]!)).toBe(s.lines.indexOf(lines[4]!) + 1);
  });

  it("a foot repeated with its page's number in it is furniture on half the pages; a table's last rows alike on two of five are not", () => {
    const page = (n: number, last: string) => [`Riga ${n}    contenuto`, last, `Comune di Beta – pag. ${n}`];
    const lines = [...page(1, "F1   Nucleo di valutazione"), ...page(2, "x"), ...page(3, "y"), ...page(4, "F4   Nucleo di valutazione"), ...page(5, "z")].map((l, i) =>
      i > 0 && i % 3 === 0 ? `\f${l}` : l,
    );
    const kept = splicePages(lines)!.lines;
    expect(kept.some((l) => l.includes("pag."))).toBe(false);
    expect(kept.filter((l) => l.includes("Nucleo di valutazione"))).toHaveLength(2);
  });

  it("a head of two lines atop both pages, a blank line under it, goes whole", () => {
    const lines = [
      "Comune di Valdorna                                  PIAO 2025-2027",
      "Sezione 2 – Valore pubblico, performance e anticorruzione",
      "",
      "Tabella B.1 – Obiettivi",
      "OP.01     Digitalizzazione delle pratiche      40%",
      "\fComune di Valdorna                                  PIAO 2025-2027",
      "Sezione 2 – Valore pubblico, performance e anticorruzione",
      "",
      "OP.02     Tempi di pagamento                   60%",
    ];
    const kept = splicePages(lines)!.lines.filter((l) => l.trim() !== "");
    expect(kept).toEqual(["Tabella B.1 – Obiettivi", lines[4], lines[8]]);
  });

  it("a table's header printed again on the next page keeps the parts apart (each page sets its columns)", () => {
    const lines = [
      "Provincia di Gamma                 PIAO 2025-2027",
      "",
      "codice    obiettivo                 peso",
      "OB.1      Primo obiettivo           40%",
      "\fProvincia di Gamma                 PIAO 2025-2027",
      "",
      "codice    obiettivo                 peso",
      "OB.2      Secondo obiettivo         60%",
    ];
    const s = splicePages(lines)!;
    expect(s.lines.filter((l) => l.trim() !== "")).toEqual([lines[2], lines[3], lines[6], lines[7]]);
    expect(s.lines).toContain("");
  });

  it("through extractText: the steps of a card broken by a page read as one table", async () => {
    const dump = [
      "Agenzia Delta – Piano integrato 2026‑2028              Sezione 2.2",
      "",
      "OBIETTIVO AD-1",
      "   Titolo:          Servizi on line",
      "   Peso:            100%",
      "   Fasi:",
      "      AD-1.a    Analisi dei servizi da digitalizzare          28/02/2026",
      "____________________",
      "¹ Nota.",
      "                                   Pagina 1 di 2",
      "\fAgenzia Delta – Piano integrato 2026‑2028              Sezione 2.2",
      "",
      "      AD-1.b    Pubblicazione dei moduli on line              15/12/2026",
      "",
      "                                   Pagina 2 di 2",
    ].join("\n");
    expect(texts(dump).some((t) => t.includes("Sezione"))).toBe(false);
    const doc = await convertBuffer(Buffer.from(dump), "dump.txt");
    expect(doc.objectives.map((o) => o.id)).toEqual(["AD-1"]);
    expect(doc.objectives[0]!.steps.map((s) => [s.id, s.due?.iso])).toEqual([
      ["AD-1.a", "2026-02-28"],
      ["AD-1.b", "2026-12-15"],
    ]);
    // The step after the break keeps its line in the input.
    expect(doc.objectives[0]!.steps[1]!.where.line).toBe(13);
  });
});

describe("withoutHidden", () => {
  it("drops elements a browser does not show, with their content", () => {
    const html =
      "<table><col style='display:none'><tr><td>Indicatore</td><td style='display:none'>Bozza</td><td>Valore atteso</td></tr>" +
      "<tr style='display:none;mso-hide:all'><td>Peso</td><td>35%</td></tr><tr><td>Peso</td><td class=x style='mso-hide:all'>0.3</td><td>30%</td></tr></table>" +
      "<p hidden>vecchia versione</p><p>visibile</p><div style=\"visibility: hidden\">no</div>";
    const out = withoutHidden(html);
    expect(out).not.toMatch(/Bozza|35%|0\.3|vecchia|>no</);
    expect(out).toContain("Valore atteso");
    expect(out).toContain("30%");
    expect(out).toContain("visibile");
    expect(withoutHidden("<p>plain</p>")).toBe("<p>plain</p>");
  });

  it("reads 50,000 hidden elements left unclosed in one pass (each ends at the next block), and unquoted styles", () => {
    const html = '<div style="display:none">x'.repeat(50_000) + "<p>visible</p>";
    expect(withoutHidden(html)).toBe("<p>visible</p>");
    expect(withoutHidden("<div style=display:none><div>a</div>b</div>c")).toBe("c");
  });

  it("a hidden cell left open ends where the next cell opens", () => {
    expect(withoutHidden("<tr><td style='display:none'>old<td>new</tr>")).toBe("<tr><td>new</tr>");
  });
});
