/**
 * Inline fields: one parser for the fields a line, a list item or a cell sets
 * after its text — `Adozione degli atti: entro il 30/09/2026; peso 30 %`,
 * `Pubblicazione del bando (scadenza: 2° semestre 2026) – 40%`,
 * `Collaudo – Resp.: Ing. Rita Sala – entro dicembre 2026`,
 * `UOC Sistemi Informativi – Referente: Dott.ssa Carla Neri`.
 *
 * The text splits at its separators (spaced dashes, semicolons, bars,
 * brackets, a colon after the title); each piece is a field when a label opens
 * it (`peso`, `scadenza`, `Resp.`) or when its value alone says what it is (a
 * date, a percentage, a person). The pieces no field claims stay in the title.
 */
import { isCode, codeValue } from "../lexicon/codes.js";
import { matchLabelPrefix, matchRole } from "../lexicon/match.js";
import { classify } from "../lexicon/values.js";
import type { Role } from "../lexicon/vocabulary.js";

export interface InlineField {
  role: Role;
  raw: string;
  label: string;
}

export interface InlineReading {
  /** A code printed before the text ("1.2 Adozione …", "A – Titolo"). */
  code: string | null;
  /** The text once its fields are taken out. */
  title: string;
  fields: InlineField[];
}

/** Roles that name a record rather than describe it: never an inline field. */
const NAMING = new Set<Role>(["objective", "title", "step"]);

/** Words that open a deadline and belong to its raw text ("entro il 30/09/2026"). */
const DEADLINE_WORDS = /^(?:entro|non oltre|al|fino al|termine)\b/i;

// Separators between pieces: spaced dashes, semicolons, bars; a colon or comma only before a labelled piece.
const SPLIT_RE = /\s+[–—-]\s+|\s*;\s*|\s+\|\s+|,\s+(?=(?:entro|scadenza|termine|peso|incidenza|resp\.?|responsabile|referente|dal|avvio|inizio)\b)/i;

/** Reads the inline fields of `text`. Roles found are only those the value or its label makes sure. */
export function readInline(text: string): InlineReading {
  let rest = text.trim();
  const fields: InlineField[] = [];
  // Bracketed pieces: "(scadenza: 2° semestre 2026)", "(peso 50%)", "(Resp. Ing. P. Galli)".
  rest = rest.replace(/\s*\(([^()]{1,160})\)/g, (whole, inner: string) => {
    // "(entro il 31/07/2025; peso 0,25; ref. Dott.ssa …)": each piece a field, or the brackets stay text.
    const found = inner.split(SPLIT_RE).map((p) => pieceField(p.trim()));
    if (found.length === 0 || found.some((f) => f === null)) return whole;
    fields.push(...(found as InlineField[]));
    return "";
  });
  let code: string | null = null;
  const lead = /^(\S{1,24}?)[.)]?\s+(?:[–—-]\s+)?(?=\S)/.exec(rest);
  if (lead && (isCode(lead[1]!) && /[\d]/.test(lead[1]!)) && !/^(19|20)\d\d$/.test(lead[1]!) && classify(lead[1]!) !== "date") {
    code = codeValue(lead[1]!);
    rest = rest.slice(lead[0].length);
  } else {
    // "A – Titolo", "IV – Titolo": a letter or a roman numeral set off by a dash.
    const letter = /^([A-Z]|[IVX]{1,4})\s+[–—-]\s+(?=\S)/.exec(rest);
    if (letter) {
      code = letter[1]!;
      rest = rest.slice(letter[0].length);
    }
  }
  const pieces = rest.split(SPLIT_RE);
  const titleParts: string[] = [];
  let first = true;
  let claimed = false;
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    if (first) {
      first = false;
      // "Title: entro il …": a colon after the title opens the fields.
      const colon = /^(.*?[^\s:]):\s+(.+)$/.exec(piece);
      if (colon && !matchRole(colon[1]!, 0.9)) {
        const f = pieceField(colon[2]!);
        if (f) {
          titleParts.push(colon[1]!);
          fields.push(f);
          continue;
        }
      }
      const f = pieceField(piece, true);
      if (f) fields.push(f);
      else titleParts.push(piece);
      continue;
    }
    const f = pieceField(piece);
    if (f) {
      fields.push(f);
      claimed = true;
    }
    // A piece no field claims belongs to the text before it ("SETTORE 2 – LAVORI PUBBLICI").
    else if (!claimed) titleParts.push(piece);
    else fields.push({ role: "extra", raw: piece, label: "" });
  }
  const joiner = text.includes(" – ") ? " – " : " - ";
  return { code, title: titleParts.join(joiner).replace(/[:,]\s*$/, "").trim(), fields };
}

/** One piece as a field: a label opening it, or a value that says alone what it is. */
function pieceField(piece: string, opening = false): InlineField | null {
  const p = piece.replace(/[.;,]$/, "").trim();
  if (!p) return null;
  if (DEADLINE_WORDS.test(p)) {
    const kind = classify(p);
    if (kind === "date" || /\d/.test(p)) return { role: "due", raw: p, label: "" };
  }
  const labelled = matchLabelPrefix(p);
  let found: { role: Role; label: string; rest: string } | null = null;
  if (labelled && labelled.rest && !NAMING.has(labelled.role)) {
    found = { role: labelled.role, label: p.slice(0, p.length - labelled.rest.length), rest: labelled.rest };
  } else {
    // "Resp.: Ing. Rita Sala", "Pond. 20%": abbreviated labels with a colon or a value after them.
    const abbr = /^([\p{L}.]{2,16}\.?\s*:?\s+)(.+)$/u.exec(p);
    const m = abbr ? matchRole(abbr[1]!.replace(/[:\s]+$/, ""), 0.7) : null;
    if (abbr && m && !NAMING.has(m.role) && m.role !== "description") found = { role: m.role, label: abbr[1]!, rest: abbr[2]! };
  }
  if (found) {
    const colon = /:\s*$/.test(found.label);
    // The text's own first piece is a field only when a colon sets its label apart ("Scadenza: …").
    if (!(opening && !colon)) {
      // A unit's word is part of its name ("Servizio sicurezza del territorio"), unless a colon sets it apart as a label.
      if (found.role === "unit" && !colon) return { role: "unit", raw: p, label: "" };
      return { role: found.role, raw: found.rest.replace(/^[:\s]+/, "").trim(), label: found.label.replace(/[:\s]+$/, "") };
    }
  }
  if (opening) return null;
  switch (classify(p)) {
    case "date":
      return { role: "due", raw: p, label: "" };
    case "number":
      return /%|^\d{1,3}(?:[.,]\d+)?$/.test(p) ? { role: "weight", raw: p, label: "" } : null;
    case "person":
      return { role: "owner", raw: p, label: "" };
    default:
      return null;
  }
}
