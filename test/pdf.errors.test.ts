/**
 * PDFs the extractor must refuse with a clear InputError (never a crash), and
 * one it must read although it carries JavaScript that must never run.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { extractPdf } from "../src/extract/pdf/index.js";
import { convertBuffer } from "../src/convert.js";
import { refusedBy } from "./support/refused.js";

const DIR = path.resolve("fixtures/pdf");
const bytesOf = (...p: string[]) => new Uint8Array(readFileSync(path.join(DIR, ...p)));

const refusal = (bytes: Uint8Array, name: string, opts = {}) => refusedBy(() => extractPdf(bytes, name, "sha", opts), name);

describe("PDF inputs refused", () => {
  it("password-protected → encrypted", async () => {
    const e = await refusal(bytesOf("errors", "encrypted.pdf"), "cifrato.pdf");
    expect(e.code).toBe("encrypted");
    expect(e.message).toMatch(/^cifrato\.pdf: .*password/);
  });

  it("cut short → corrupt", async () => {
    const full = bytesOf("000_04c6871af44d1a56.grid.pdf");
    for (const frac of [0.1, 0.5, 0.99]) {
      const e = await refusal(full.slice(0, Math.floor(full.length * frac)), "troncato.pdf");
      expect(e.code).toBe("corrupt");
      expect(e.message).toMatch(/^troncato\.pdf: .*truncated/);
    }
  });

  it("garbage behind a %PDF header → corrupt", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7\nthis is not a pdf body at all\n%%EOF\n");
    const e = await refusal(bytes, "rotto.pdf");
    expect(e.code).toBe("corrupt");
    expect(e.message).toMatch(/^rotto\.pdf: corrupt/);
  });

  it("only graphics, no text layer → no-text-layer (for OCR)", async () => {
    const e = await refusal(bytesOf("errors", "no-text.pdf"), "scansione.pdf");
    expect(e.code).toBe("no-text-layer");
    expect(e.message).toMatch(/^scansione\.pdf: no text layer/);
  });

  it("more pages than maxPages → too-large, before reading them", async () => {
    const e = await refusal(bytesOf("000_04c6871af44d1a56.grid.pdf"), "lungo.pdf", { maxPages: 5 });
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/^lungo\.pdf: 19 pages exceeds the 5-page limit/);
  });
});

describe("a PDF carrying JavaScript (/OpenAction, /Names /JavaScript, page /AA)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is converted like any other and nothing in it runs", async () => {
    const bytes = bytesOf("errors", "javascript.pdf");
    // The fixture really holds the actions (app.alert, submitForm, launchURL).
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toMatch(/\/OpenAction/);
    expect(raw).toMatch(/\/S \/JavaScript/);
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const evalSpy = vi.spyOn(globalThis, "eval");
    const doc = await convertBuffer(bytes, "con-script.pdf");
    expect(doc.source.kind).toBe("pdf");
    expect(doc.source.pages).toBe(1);
    const src = await extractPdf(bytes, "con-script.pdf", "sha");
    expect(src.rows.filter((r) => r.kind === "table").map((r) => r.cells.map((c) => c.text))[1]).toEqual(["1.1", "Prima attivita di prova", "30/06/25", "40,00%"]);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(evalSpy).not.toHaveBeenCalled();
  });
});
