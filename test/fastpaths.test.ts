/**
 * The throughput shortcuts (cheap filters before costly reads, fast paths
 * before regular expressions) must answer exactly as the full computation
 * does: property tests against the plain definitions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldSpace, isBold } from "../src/extract/markup.js";
import { cell, isPlainLine } from "../src/extract/text.js";
import { flattenedHeader, openingKey, readHeader } from "../src/blocks/flattened.js";
import { matchLabelPrefix, mayBeLabels, mayOpenLabels, normalizeLabel, readLabelPrefix } from "../src/lexicon/match.js";
import { STOP_WORDS, VOCABULARY } from "../src/lexicon/vocabulary.js";
import { rowText } from "../src/blocks/rows.js";
import { listMarker, readMarker } from "../src/blocks/lines.js";
import { splitPieces } from "../src/parse/inline.js";
import { entityIn, ENTITY_OPENING_RE } from "../src/parse/document.js";
import { paragraphRecords, type RowRecord } from "../src/parse/table-rows.js";
import { escapeToken } from "../src/reconcile/pointer.js";
import { bracketBalance, countChar, dropColon, hasWordChar, isCapitalisedWord, isLowerWord, isSingleSpaced, lowerAt, splitWords, upperAt, wordCount } from "../src/util/text.js";

const TERMS = VOCABULARY.flatMap((e) => e.terms);

/** A term as a header prints it: capitalised, sometimes with one letter misread (OCR). */
const printedTerm = fc
  .tuple(fc.constantFrom(...TERMS), fc.boolean(), fc.nat(40))
  .map(([t, caps, at]) => {
    const word = t.replace(/^./, (c) => (caps ? c.toUpperCase() : c));
    if (at >= word.length || word.length < 6 || word[at] === " ") return word;
    return word.slice(0, at) + "x" + word.slice(at + 1);
  });
const otherWord = fc.constantFrom("servizio", "ridurre", "tempi", "2025", "n.", "%", "Comune", "pratiche", "entro", ...STOP_WORDS);
const headerLike = fc.array(fc.oneof({ weight: 4, arbitrary: printedTerm }, { weight: 1, arbitrary: otherWord }), { minLength: 3, maxLength: 6 }).map((ws) => ws.join(" "));

describe("flattened header filters", () => {
  it("never turn away a line the header reading accepts", () => {
    fc.assert(
      fc.property(headerLike, (line) => {
        const read = readHeader(line);
        if (read === null) return;
        const words = line.split(/\s+/).filter(Boolean);
        expect(mayOpenLabels(words[0]!)).toBe(true);
        expect(mayBeLabels(words)).toBe(true);
        expect(flattenedHeader(line)).toEqual(read);
      }),
      { numRuns: 400 },
    );
  });

  it("never hide a label fused with its value", () => {
    const value = fc.constantFrom("Mario Rossi", "1.2", "31/12/2025", "Ufficio tributi", ": 10%", "- Area servizi");
    fc.assert(
      fc.property(headerLike, value, fc.boolean(), (line, v, withValue) => {
        const text = withValue ? `${line} ${v}` : line;
        expect(matchLabelPrefix(text)).toEqual(readLabelPrefix(text));
      }),
      { numRuns: 400 },
    );
  });

  it("turn away prose at its first word or by its foreign words", () => {
    expect(mayOpenLabels("Ridurre")).toBe(false);
    expect(mayOpenLabels("Indicatore")).toBe(true);
    // A stop word or a number says nothing either way.
    expect(mayOpenLabels("di")).toBe(true);
    expect(mayBeLabels("Obiettivo ridurre i tempi di attesa agli sportelli".split(" "))).toBe(false);
    expect(mayBeLabels("Obiettivo Indicatorc Valore atteso Scadenza".split(" "))).toBe(true);
  });
});

describe("fast paths", () => {
  const spaces = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u200b", "\u2003", "\u3000", "a", "b", "é", "*");
  it("foldSpace folds as the plain regular expression does", () => {
    fc.assert(
      fc.property(fc.array(spaces, { maxLength: 20 }).map((a) => a.join("")), (s) => {
        expect(foldSpace(s)).toBe(s.replace(/[\s\u00a0\u200b]+/g, " ").trim());
      }),
    );
  });

  it("escapeToken escapes as RFC 6901 says, fast path or not", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("~", "/", "a", "0", "1", " ") }), (s) => {
        expect(escapeToken(s)).toBe(s.replace(/~/g, "~0").replace(/\//g, "~1"));
      }),
    );
  });

  it("dropColon removes what the closing-colon expression removes", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(":", " ", "\t", "\u00a0", "a", "Peso", "::"), { maxLength: 8 }).map((a) => a.join("")), (s) => {
        expect(dropColon(s)).toBe(s.replace(/\s*:$/, ""));
      }),
    );
  });

  it("hasWordChar answers as the Unicode letter-or-digit class does", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom("a", "Z", "0", "9", "@", "[", "`", "{", "/", ":", ".", "|", " ", "\u0010", "\u0019", "è", "Ω", "٣", "—"), fc.string({ unit: "grapheme", maxLength: 1 })) }), (s) => {
        expect(hasWordChar(s)).toBe(/[\p{L}\p{N}]/u.test(s));
      }),
    );
  });

  it("wordCount counts the pieces split(/\\s+/) gives", () => {
    fc.assert(
      fc.property(fc.array(spaces, { maxLength: 20 }).map((a) => a.join("")), (s) => {
        expect(wordCount(s)).toBe(s.split(/\s+/).length);
      }),
    );
    expect(wordCount("\u1680a\u202fb\u205fc\ufeffd\u2028e\u000bf")).toBe(7);
  });

  it("isBold answers as the trimmed-text expressions do", () => {
    const plain = (raw: string) => {
      const t = raw.trim();
      return (/^\*\*\*?[^*]/.test(t) && /[^*]\*\*\*?$/.test(t)) || (/^<(b|strong)>/i.test(t) && /<\/(b|strong)>$/i.test(t)) || (/^__[^_]/.test(t) && /[^_]__$/.test(t));
    };
    const unit = fc.constantFrom("*", "**", "_", "__", "<b>", "</b>", "<STRONG>", "</strong>", "a", " ", "\t", "\u00a0", "\u3000", "\ufeff", "\n");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 10 }).map((a) => a.join("")), (raw) => {
        expect(isBold(raw)).toBe(plain(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it("isBold reads bold markup and nothing else", () => {
    for (const t of ["**Titolo**", " ***Titolo*** ", "<b>Titolo</b>", "<STRONG>x</STRONG>", "__Titolo__"]) expect(isBold(t), t).toBe(true);
    for (const t of ["Titolo", "Titolo **x**", "*x*", "<i>x</i>", "", "_x_"]) expect(isBold(t), t).toBe(false);
  });

  it("rowText of a one-cell row is its trimmed text, of more cells their texts joined", () => {
    const row = (texts: string[]) => ({ page: null, line: 1, kind: "text" as const, cells: texts.map((text) => ({ text })) });
    expect(rowText(row([" Obiettivo 1 "]))).toBe("Obiettivo 1");
    expect(rowText(row(["A", "", "B "]))).toBe("A  B");
  });
});

describe("word-level fast paths of the flattened reader and the text extractor", () => {
  const spaces = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u1680", "\u2003", "\u3000", "\ufeff");
  const letters = fc.constantFrom("a", "Z", "è", "É", "ß", "ǅ", "ª", "Ω", "ω", "1", "(", ")", ".", "-", "’", "\u{1D400}", "\u{1D41A}", "\ud800", "中", "\u0010");
  const word = fc.array(letters, { minLength: 0, maxLength: 7 }).map((a) => a.join(""));
  const line = fc.array(fc.oneof(word, spaces), { maxLength: 12 }).map((a) => a.join(""));

  it("splitWords gives what split(/\\s+/).filter(Boolean) gives", () => {
    fc.assert(
      fc.property(line, (s) => {
        expect(splitWords(s)).toEqual(s.split(/\s+/).filter(Boolean));
        expect(isSingleSpaced(s)).toBe(s !== "" && splitWords(s).join(" ") === s);
      }),
      { numRuns: 500 },
    );
  });

  it("letter-case tests answer as the Unicode classes do, outside the BMP too", () => {
    fc.assert(
      fc.property(word, fc.nat(8), (w, i) => {
        expect(upperAt(w, i)).toBe(i < w.length && /^\p{Lu}/u.test(w.slice(i)));
        expect(lowerAt(w, i)).toBe(i < w.length && /^\p{Ll}/u.test(w.slice(i)));
        expect(isCapitalisedWord(w)).toBe(/^\p{Lu}\p{Ll}{3,}/u.test(w));
        expect(isLowerWord(w)).toBe(/^\p{Ll}.*\p{Ll}$/u.test(w));
        expect(bracketBalance(w)).toBe(countChar(w, "(") - countChar(w, ")"));
      }),
      { numRuns: 1000 },
    );
    expect(isCapitalisedWord("Comunali")).toBe(true);
    expect(isCapitalisedWord("CONSIP")).toBe(false);
    expect(isLowerWord("servizi")).toBe(true);
    expect(isLowerWord("a")).toBe(false);
  });

  it("openingKey folds as the plain expression does", () => {
    const phrase = fc.array(fc.oneof(word, fc.constantFrom(" ", "  ")), { maxLength: 8 }).map((a) => a.join(""));
    fc.assert(
      fc.property(phrase, (p) => {
        expect(openingKey(p)).toBe(p.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim());
      }),
      { numRuns: 500 },
    );
  });

  it("a plain line's pieces read as cell() reads them: trimmed, never bold", () => {
    const unit = fc.constantFrom("a", "B", " ", "  ", "\t", "*", "_", "<", "b>", "&amp;", "\\", "\u00a0", "\u2003", "1", "|", "è");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }).map((a) => a.join("")), (raw) => {
        if (!isPlainLine(raw)) return;
        for (const piece of raw.split("\t")) expect(cell(piece)).toEqual({ text: piece.trim() });
      }),
      { numRuns: 1000 },
    );
    expect(isPlainLine("Obiettivo\tIndicatore")).toBe(true);
    expect(isPlainLine("**Obiettivo**\tx")).toBe(false);
    expect(isPlainLine("a  b")).toBe(false);
  });
});

describe("throughput filters of the record engine", () => {
  it("a text holding no separator's character is one inline piece, as the full split says", () => {
    const unit = fc.constantFrom(" ", "  ", "a", "Peso", "entro", "Dott.ssa", "Rossi", ",", ";", " - ", "–", "—", "|", " | ", " · ", "•", ":", "(", ")", "20%", "\u00a0", "\t");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 10 }).map((a) => a.join("")), (text) => {
        expect(splitPieces(text)).toEqual(splitPieces(text, true));
      }),
      { numRuns: 3000 },
    );
  });

  it("a line's list marker is found as trying every expression finds it", () => {
    const unit = fc.constantFrom(" ", "\t", "\u00a0", "\u3000", "1", "12", ".", ")", "(", "°", "a", "b", "A", "Z", "o", "-", "–", "—", "•", "·", "*", "▪", "◦", "○", "●", "►", "➢", "✓", "x", "Obiettivo", "1.2", "è");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }).map((a) => a.join("")), (line) => {
        expect(listMarker(line)).toEqual(readMarker(line));
      }),
      { numRuns: 4000 },
    );
    expect(listMarker("  1.2 Fase")?.style).toBe("dotted");
    expect(listMarker("o voce")?.style).toBe("bullet");
  });

  it("paragraphRecords splits a row as the definition by arrays does", () => {
    const plain = (rec: RowRecord, shared?: ReadonlySet<number>): string[][] => {
      const count = (i: number) => rec.paras[i]?.length ?? 1;
      const split = rec.cells.map((v, i) => (v && !(shared?.has(i) && count(i) === 1) ? count(i) : 0)).filter((n) => n > 0);
      const n = split[0] ?? 0;
      if (n < 2 || !split.every((c) => c === n)) return [rec.cells];
      return Array.from({ length: n }, (_, k) => rec.cells.map((v, i) => (!v ? "" : shared?.has(i) && count(i) === 1 ? v : (rec.paras[i]?.[k] ?? ""))));
    };
    const cellArb = fc.tuple(fc.constantFrom("", "a", "b c"), fc.option(fc.array(fc.constantFrom("p", "q"), { maxLength: 3 }), { nil: null }));
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 5 }), fc.option(fc.uniqueArray(fc.nat(5), { maxLength: 3 }), { nil: undefined }), (cs, sh) => {
        const rec = { row: { page: null, line: 1, kind: "table" as const, cells: [] }, kind: "data" as const, cells: cs.map((c) => c[0]), lower: null, paras: cs.map((c) => c[1]) };
        const shared = sh ? new Set(sh) : undefined;
        expect(paragraphRecords(rec, shared)).toEqual(plain(rec, shared));
      }),
      { numRuns: 2000 },
    );
  });

  it("a normalised label is never longer than the text it comes from", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        expect(normalizeLabel(s).length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 3000 },
    );
    for (const s of ["İ", "ǅ", "ﬃ", "ß", "한국", "Æ", "Ⅻ", "㎞", "e\u0301", "Ⓐ"]) expect(normalizeLabel(s).length).toBeLessThanOrEqual(s.length);
  });

  it("a row none of whose cells holds an entity's opening word gives no entity name, joined or not", () => {
    const piece = fc.constantFrom(
      "Comune di", "Comune", "di", "Roccalta", "COMUNE DI", "ROCCALTA", "Città metropolitana", "Citta metropolitana di", "Provincia di Varzagno",
      "Unione dei Comuni", "Unione Montana", "Regione", "Lombardia", "Consorzio", "Comunità montana", "Azienda", "Camera di commercio", "Universit",
      "Università degli Studi di", "UNIVERSITA' DEGLI STUDI DI", "Pavia", "Piano", "obiettivi", "dell'", "Ente", "del", "Servizi alla Persona", "e",
      "Comu", "ne", "Cam", "era", " ", "",
    );
    const cellText = fc.array(piece, { maxLength: 5 }).map((a) => a.join(" ").trim());
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 4 }), (cells) => {
        const joined = cells.filter(Boolean).join(" ");
        if (!cells.some((c) => ENTITY_OPENING_RE.test(c))) expect(entityIn(joined)).toBeNull();
      }),
      { numRuns: 2000 },
    );
    expect(entityIn("Comune di | Roccalta".replace(" | ", " "))).toBe("Comune di Roccalta");
  });
});
