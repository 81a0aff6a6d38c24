/**
 * The record engine's throughput shortcuts (cheap necessary conditions asked
 * before costly expressions) answer exactly as the full computation does:
 * property tests against the plain definitions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { titleAndProse } from "../src/parse/prose.js";
import { PROSE_CUES } from "../src/lexicon/vocabulary.js";
import { debrisByExpressions, isDebris } from "../src/blocks/flattened.js";
import { codeKey, isFoldedCode, isLetterCode } from "../src/lexicon/codes.js";
import { italianNumberByExpressions, parseItalianNumber } from "../src/normalize/numbers.js";
import { compoundHeader, mayBeCompound } from "../src/parse/columns.js";
import { isPlainLine, plainLineFlags } from "../src/extract/text.js";
import { initialRuns, NAME_SETTINGS, nameScore, referredTitle } from "../src/parse/names.js";
import { normalizeLabel } from "../src/lexicon/match.js";
import { hasBadEncoding, mayHaveBadEncoding, MOJIBAKE_RE } from "../src/extract/encoding.js";

/** Openers' texts: words, full stops, capitals, digits, white space and letters outside the BMP. */
const openerText = fc
  .array(fc.constantFrom("Obiettivo", "1", "1.", "N.", "Riduzione", "dei", "tempi", ".", ". ", " ", "  ", "L'obiettivo", "affidato", "al", "Servizio", "è", "𝐀𝐫𝐞𝐚", "ha", "peso", "15.", "\n", "Fine."), { maxLength: 40 })
  .map((ws) => ws.join(" "));

describe("engine fast paths", () => {
  it("an opener is split into title and prose as the expression alone splits it (its pre-check turns away none it reads)", () => {
    const full = new RegExp(String.raw`^(.{3,200}?\p{L}{2})\.(?=\s+\p{Lu}|\s*$)\s*(.+)$`, "su");
    fc.assert(
      fc.property(fc.oneof(openerText, fc.string({ maxLength: 300 })), (text) => {
        const m = full.exec(text.trim());
        const reads = !!m && m[2]!.length >= PROSE_CUES.minProse;
        expect(titleAndProse(text)).toEqual(reads ? { title: m![1]!.trim(), prose: m![2]!.trim() } : null);
      }),
      { numRuns: 2000 },
    );
  });

  it("a short fragment is debris by the letter table as by the expressions", () => {
    const frag = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.stringMatching(/^[a-zA-Z]{1,3}$/),
      fc.constantFrom("L", "l", "di", "DI", "Di", "e", "E", "la", "IL", "dei", "UOC", "q", "P", "n.", "è", "più", "ex", "Ex", "EX", "ÀB", "1a", "|", "𝐀"),
    );
    fc.assert(
      fc.property(frag, (t) => {
        expect(isDebris(t)).toBe(debrisByExpressions(t));
      }),
      { numRuns: 3000 },
    );
  });

  it("a code the folding would give back is given back as it is", () => {
    const codeLike = fc.stringMatching(/^[0-9A-Zaio .,_|IL-]{0,10}$/);
    // The folding's seven steps, as codeKey wrote them before its fast path.
    const fold = (s: string) =>
      s.toUpperCase().replace(/\s+/g, "").replace(/,/g, ".").replace(/O/g, "0").replace(/[IL|]/g, "1").replace(/\.$/, "").replace(/(^|[._-])0+(?=\d)/g, "$1");
    fc.assert(
      fc.property(fc.oneof(codeLike, fc.constantFrom("1.1", "OB.01", "2024_A01_07", "01", "1.10", "A.01", "1.0", "0", "00", "1.1.", "B-02a")), (s) => {
        expect(codeKey(s)).toBe(fold(s));
        if (isFoldedCode(s)) expect(fold(s)).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });

  it("a text's damage pre-check finds every character damage starts with", () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("qualità", "Ã¨", "â€™", "Â ", "\uFFFD", "perché"));
    fc.assert(
      fc.property(text, (s) => {
        expect(mayHaveBadEncoding(s)).toBe(/[ÃÂâ\uFFFD]/.test(s));
        expect(hasBadEncoding(s)).toBe(/[ÃÂâ\uFFFD]/.test(s) && MOJIBAKE_RE.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("a plain number reads as the expressions read it", () => {
    const numberLike = fc.oneof(
      fc.stringMatching(/^[0-9,%]{0,8}$/),
      fc.stringMatching(/^\s?[+-]?[0-9]{1,4}([.,][0-9]{0,4})?\s?%?\s?$/),
      fc.constantFrom("25", "12,5", "30%", "%", ",5", "10,", "1,234", "1.150,00", "€ 25", "25 %", "0,30", "-5", "1,2,3", "00012", "9".repeat(400)),
    );
    fc.assert(
      fc.property(numberLike, (s) => {
        expect(parseItalianNumber(s)).toBe(italianNumberByExpressions(s.trim()));
      }),
      { numRuns: 3000 },
    );
  });

  it("a header the compound pre-check turns away is no compound header, as the expression says", () => {
    const compound = /^(.+?)\s+([\/–—-])\s+(.+)$|^(.+?)\s*\/\s*(.+)$|^(.+?)\s*\((.+)\)$|^(\S+)\s+e\s+(\S+)$/;
    const header = fc
      .array(fc.constantFrom("Resp.", "Struttura", "Peso", "Scadenza", "Indicatore", "e", "target", "(target)", "target)", "/", " / ", " – ", "-", "—", "(", ")", " ", "\t", "Valore atteso", "2025"), { maxLength: 6 })
      .map((ws) => ws.join(" "));
    fc.assert(
      fc.property(fc.oneof(header, fc.string({ maxLength: 20 })), (label) => {
        const t = label.trim();
        if (compound.test(t)) expect(mayBeCompound(t)).toBe(true);
        if (!mayBeCompound(t)) expect(compoundHeader(label)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it("a letter code is told as by the expression alone", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 5 }), fc.stringMatching(/^\s?[A-Za-z]{1,3}[.)]?\s?$/)), (s) => {
        expect(isLetterCode(s)).toBe(/^[A-Z]{1,2}[.)]?$/.test(s.trim()));
      }),
      { numRuns: 2000 },
    );
  });

  it("a text's plain lines, found by one search of the text, are those isPlainLine tells", () => {
    const piece = fc.constantFrom("a", "Obiettivo", " ", "  ", "\t", "\n", "\n\n", "<b>", "&", "*", "_", "\\", "\u00a0", "\u2003", "\u3000", "\f", "è", "|", "-");
    const text = fc.oneof(fc.array(piece, { maxLength: 40 }).map((ps) => ps.join("")), fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(text, (t) => {
        const lines = t.split("\n");
        const flags = plainLineFlags(t, lines);
        expect([...flags]).toEqual(lines.map((l) => (isPlainLine(l) ? 1 : 0)));
      }),
      { numRuns: 3000 },
    );
  });

  it("short names are scored against titles read once as against titles read for each name", () => {
    // The definitions as written before each title's words were kept (the initials' runs are unchanged).
    const JOINING = new Set(["del", "della", "dello", "dei", "degli", "delle", "per", "con", "nel", "nella", "sul", "sulla", "dal", "dalla", "alla", "alle", "agli", "gli"]);
    const words = (text: string) => normalizeLabel(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= NAME_SETTINGS.minWordLength && !JOINING.has(w));
    const score = (short: string, title: string) => {
      const s = words(short);
      if (s.length === 0) return 0;
      const t = words(title);
      const stems = new Set(t.map((w) => w.slice(0, NAME_SETTINGS.stem)));
      const acronyms = initialRuns(t);
      let found = 0;
      for (const w of s) if (stems.has(w.slice(0, NAME_SETTINGS.stem)) || (w.length <= 5 && acronyms.has(w))) found++;
      return found / s.length;
    };
    const referred = (short: string, titles: (string | null)[]) => {
      const n = words(short).length;
      if (n === 0 || n > NAME_SETTINGS.maxWords) return -1;
      let best = -1;
      let bestScore = NAME_SETTINGS.minShare - 1e-9;
      let tie = false;
      titles.forEach((t, k) => {
        if (!t || words(t).length <= n) return;
        const sc = score(short, t);
        if (sc > bestScore) [best, bestScore, tie] = [k, sc, false];
        else if (sc === bestScore && best >= 0) tie = true;
      });
      return tie ? -1 : best;
    };
    const word = fc.constantFrom("Riduzione", "dei", "tempi", "inserimento", "RSA", "Centro", "Diurno", "Integrato", "CDI", "Energia", "energetico", "sede", "Liste", "lista", "attesa", "di", "Accreditamento", "e", "2025");
    const phrase = fc.array(word, { minLength: 0, maxLength: 8 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(phrase, fc.array(fc.option(phrase, { nil: null }), { maxLength: 6 }), (short, titles) => {
        expect(referredTitle(short, titles)).toBe(referred(short, titles));
        for (const t of titles) if (t) expect(nameScore(short, t)).toBe(score(short, t));
      }),
      { numRuns: 1500 },
    );
  });
});
