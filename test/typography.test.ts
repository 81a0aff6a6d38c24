/**
 * extract/typography.ts: ligatures, Unicode hyphens, en dashes inside a token, full-width characters and
 * superscript footnote marks read as a reader reads them.
 */
import { describe, expect, it } from "vitest";
import { plainTypography } from "../src/util/typography.js";

describe("plainTypography", () => {
  it("ligatures split, non-breaking hyphens and dashes inside a code or a date become hyphens", () => {
    expect(plainTypography("Riqualiﬁcazione ﬂussi UMG‑DG‑01 31‑12‑2026 UMG–DG–02.2")).toBe("Riqualificazione flussi UMG-DG-01 31-12-2026 UMG-DG-02.2");
  });

  it("a spaced dash between words stays; full-width digits become ASCII", () => {
    expect(plainTypography("Servizio Tecnico – Responsabile ２０２６")).toBe("Servizio Tecnico – Responsabile 2026");
  });

  it("superscript footnote marks after a value go; a unit's square stays", () => {
    expect(plainTypography("Peso 20%¹ – Obiettivo³ – 120 m²")).toBe("Peso 20% – Obiettivo – 120 m²");
  });

  it("a text with none of them is returned as it is", () => {
    const t = "Nessun carattere tipografico da correggere, 2025-2027.";
    expect(plainTypography(t)).toBe(t);
  });
});

describe("footnote marks in brackets", () => {
  it("`Titolo (*)` loses its mark; a note opening its line with `(*)` keeps it", () => {
    expect(plainTypography("Attivazione delle centrali (*)\n(*) Obiettivo finanziato dal PNRR.")).toBe("Attivazione delle centrali\n(*) Obiettivo finanziato dal PNRR.");
  });
});
