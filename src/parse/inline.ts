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
import { looksLikeDate } from "../normalize/dates.js";
import { PERSON_TITLES, YEAR_LABEL, type Role } from "../lexicon/vocabulary.js";

export interface InlineField {
  role: Role;
  raw: string;
  label: string;
  /** A year the label names ("target 2026: 160", "valore 2024: 118"). */
  year?: number;
}

/** A label dated by a year before its colon: "target 2026: 160", "valore 2024: 118", "valore 2025 (atteso): 130". */
const DATED_LABEL = /^(\p{L}[\p{L}'’ ]{0,30}?)\s+((?:19|20)\d\d)(\s*\([^()]{1,20}\))?\s*:\s*(\S.*)$/u;

export interface InlineReading {
  /** A code printed before the text ("1.2 Adozione …", "A – Titolo"). */
  code: string | null;
  /** The text once its fields are taken out. */
  title: string;
  fields: InlineField[];
}

/** Roles that name a record rather than describe it: never an inline field. */
const NAMING = new Set<Role>(["objective", "title", "step"]);

/** A record's word and number before its text, set off by a dash, a colon or a full stop ("Fase 2 – …", "OBIETTIVO N. 3: …"). */
const RECORD_NUMBER_LEAD = /^(\p{L}+)\s+(?:n\.?\s*[°º]?\s*)?(\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVX]{1,4})(?:\s+[–—-]\s+|\s*[.:]\s+)(?=\S)/u;

/** Words that open a deadline and belong to its raw text ("entro il 30/09/2026"). */
const DEADLINE_WORDS = /^(?:entro|non oltre|al|fino al|termine)\b/i;

// Separators between pieces: spaced dashes, semicolons, bars and middle dots; a colon or comma only before a labelled piece.
const SPLIT_SRC = String.raw`\s+[–—-]\s+|\s*;\s*|\s+[|·•]\s+|,\s+(?=(?:entro|scadenza|termine|peso|incidenza|resp\.?|responsabile|referente|dal|avvio|inizio)\b|\d|(?:${PERSON_TITLES.join("|")})\.?\s+\p{Lu})`;
const SPLIT_RE = new RegExp(SPLIT_SRC, "iu");
/** The same, keeping the separators (odd positions of the split). */
const SPLIT_GROUPED = new RegExp(`(${SPLIT_SRC})`, "iu");
/** Every separator holds one of these characters (a dash, a semicolon, a bar, a middle dot, a comma). */
const SEPARATOR_CHAR_RE = /[–—;|·•,-]/;

/** A deadline given as the rule's terms: "nei termini di legge", "entro i termini previsti dal bando". */
const DEADLINE_RULE = /^(?:entro|nei|nel|secondo|ai|alla)\b.{0,40}\b(?:termin[ei]|scadenz[ae])\b/i;

/** An unlabelled piece among a bracket's fields that speaks of a deadline ("Nei termini previsti dal bando"). */
const DEADLINE_TEXT = /\b(?:termin[ei]|scadenz[ae]|entro|tempi)\b/i;

/** Reads the inline fields of `text`. Roles found are only those the value or its label makes sure. */
export function readInline(text: string): InlineReading {
  let rest = text.trim();
  const fields: InlineField[] = [];
  // Bracketed pieces: "(scadenza: 2° semestre 2026)", "(peso 50%)", "(Resp. Ing. P. Galli)" (looked for where a bracket opens).
  if (rest.includes("(")) rest = rest.replace(/\s*\(([^()]{1,160})\)/g, (whole, inner: string) => {
    // "(entro il 31/07/2025; peso 0,25; ref. Dott.ssa …)": each piece a field, or the brackets stay text.
    const pieces = inner.split(SPLIT_RE).map((p) => p.trim());
    const found = pieces.map((p) => pieceField(p));
    // Beside the bracket's other fields, a deadline told in words is the deadline.
    found.forEach((f, k) => {
      if (f === null && found.some((x) => x !== null) && DEADLINE_TEXT.test(pieces[k]!) && !found.some((x) => x?.role === "due")) found[k] = { role: "due", raw: pieces[k]!, label: "" };
    });
    if (found.length === 0 || found.some((f) => f === null)) return whole;
    fields.push(...(found as InlineField[]));
    return "";
  });
  let code: string | null = null;
  // (A code of capitals, a space and a number, "OBO 2025.01 - Titolo", is one code when a dash sets it off.)
  const lead = /^([A-Z]{1,4} \d[\d._-]*\d)\s+[–—-]\s+(?=\S)/.exec(rest) ?? /^(\S{1,24}?)[.)]?\s+(?:[–—-]\s+)?(?=\S)/.exec(rest);
  if (lead && (isCode(lead[1]!) && /[\d]/.test(lead[1]!)) && !/^(19|20)\d\d$/.test(lead[1]!) && classify(lead[1]!) !== "date") {
    code = codeValue(lead[1]!);
    rest = rest.slice(lead[0].length);
  } else {
    // "A – Titolo", "IV – Titolo": a letter or a roman numeral set off by a dash.
    // (Or by a period before a title of a few words, "IV. Educazione ambientale con …": an initial, "V. Bianchi",
    // is followed by a name alone.)
    const letter = /^([A-Z]|[IVX]{1,4})\s+[–—-]\s+(?=\S)/.exec(rest) ?? /^([A-MO-Z]|[IVX]{1,4})\.\s+(?=\p{Lu}\S*(?:\s+\S+){2})/u.exec(rest);
    // "Azione 2 – Titolo", "FASE 3. Titolo", "Obiettivo n. 4: Titolo": the word naming the record, then its number.
    const named = letter ? null : RECORD_NUMBER_LEAD.exec(rest);
    if (letter) {
      code = letter[1]!;
      rest = rest.slice(letter[0].length);
    } else if (named && isCode(named[2]!) && NAMING.has(matchRole(named[1]!, 0.9)?.role ?? "extra")) {
      code = codeValue(named[2]!);
      rest = rest.slice(named[0].length);
    }
  }
  // Pieces with the separators between them, so the pieces no field claims rejoin the title as printed
  // (split only where a separator's character stands: most texts are one piece).
  const parts = splitPieces(rest);
  const titleParts: string[] = [];
  let first = true;
  let claimed = false;
  for (let p = 0; p < parts.length; p += 2) {
    const piece = parts[p]!.trim();
    const sep = p > 0 ? parts[p - 1]! : "";
    if (!piece) continue;
    if (first) {
      first = false;
      // "Title: entro il …": a colon after the title opens the fields.
      const colon = /^(.*?[^\s:]):\s+(.+)$/.exec(piece);
      // "Entro il 30/06/2025: affidamento dei lavori": a deadline first, the title after the colon.
      const before = colon && /\d/.test(colon[1]!) ? pieceField(colon[1]!) : null;
      if (before && before.role === "due") {
        fields.push(before);
        titleParts.push(colon![2]!);
        continue;
      }
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
    // A piece no field claims belongs to the text before it ("SETTORE 2 – LAVORI PUBBLICI"), its separator kept.
    else if (!claimed) titleParts.push((titleParts.length ? sep : "") + piece);
    else fields.push({ role: "extra", raw: piece, label: "" });
  }
  return { code, title: titleParts.join("").replace(/[:,]\s*$/, "").trim(), fields };
}

/**
 * @internal A text's pieces with the separators between them; split only where a
 * separator's character stands (most texts are one piece), unless `every`
 * (the filter's test compares the two).
 */
export function splitPieces(text: string, every = false): string[] {
  return every || SEPARATOR_CHAR_RE.test(text) ? text.split(SPLIT_GROUPED) : [text];
}

const NOUN_DATE = /^(termine|scadenza|data\s+di\s+scadenza)\s+(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))$/i;

/** One piece as a field: a label opening it, or a value that says alone what it is. */
function pieceField(piece: string, opening = false): InlineField | null {
  const p = piece.replace(/[.;,]$/, "").trim();
  if (!p) return null;
  // A deadline's noun and a day's date, no colon between ("termine 31/10/2026", "scadenza 30/06/2026"): label and value.
  const nounDate = NOUN_DATE.exec(p);
  if (nounDate) return { role: "due", raw: nounDate[2]!, label: nounDate[1]! };
  if (DEADLINE_WORDS.test(p)) {
    const kind = classify(p);
    // A deadline's words and its date, not a sentence running on after a colon.
    // (Or a period told in words, "entro il primo quadrimestre", "entro fine esercizio": the deadline words kept.)
    if (kind === "date" || (/\d/.test(p) && !p.includes(":")) || looksLikeDate(p)) return { role: "due", raw: p, label: "" };
  }
  const dated = p.includes(":") ? DATED_LABEL.exec(p) : null;
  // (The text's own first piece only with a value after the colon: "Anno 2025: risultati" is a title.)
  if (dated && !(opening && classify(dated[4]!) === "text")) {
    // A value's word and a year ("valore 2024") is that year's value; a label and a year ("target 2026") the label's field for the year.
    const [, words, year, qualifier, value] = dated;
    const role = YEAR_LABEL.test(`${words} ${year}`) ? "actual" : (matchRole(words!, 0.9)?.role ?? null);
    if (role && !NAMING.has(role)) return { role, raw: value!.trim(), label: `${words} ${year}${qualifier ?? ""}`, year: Number(year) };
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
  // A weight's label qualified before its number ("peso nell'ambito 60%", "peso sul totale 25%"): the number.
  if (found && (found.role === "weight" || found.role === "yearWeight") && classify(found.rest) === "text") {
    const n = /(\d{1,3}(?:[.,]\d+)?\s*%?)\s*$/.exec(found.rest);
    if (n) found = { role: found.role, label: p.slice(0, p.length - n[0].length).trim(), rest: n[1]! };
  }
  // A date's label before words that hold no date ("tempi certi" closing a title): no field.
  if (found && (found.role === "due" || found.role === "start") && !/\d/.test(found.rest) && !looksLikeDate(found.rest) && !DEADLINE_TEXT.test(found.rest)) found = null;
  if (found) {
    const colon = /:\s*$/.test(found.label);
    // The text's own first piece is a field only when a colon sets its label apart ("Scadenza: …")
    // or its value says what it is ("Peso 45% – …"); a unit's word opens its name.
    if (!(opening && !colon && (found.role === "unit" || classify(found.rest) === "text"))) {
      // A unit's word is part of its name ("Servizio sicurezza del territorio"), unless a colon sets it apart as a label.
      if (found.role === "unit" && !colon) return { role: "unit", raw: p, label: "" };
      return { role: found.role, raw: found.rest.replace(/^[:\s]+/, "").trim(), label: found.label.replace(/[:\s]+$/, "") };
    }
  }
  if (opening) return null;
  // A deadline told by the rule it follows, set off after the text: "– nei termini di legge", "– entro i termini del bando".
  if (DEADLINE_RULE.test(p)) return { role: "due", raw: p, label: "" };
  // A weight in points ("40 pt", "30 punti", "punti 30").
  if (/^(?:\d{1,3}(?:[.,]\d+)?\s*(?:pt\.?|punti)|punti\s+\d{1,3}(?:[.,]\d+)?)$/i.test(p)) return { role: "weight", raw: p, label: "" };
  switch (classify(p)) {
    case "date":
      return { role: "due", raw: p, label: "" };
    case "number":
      return /%|^\d{1,3}(?:[.,]\d+)?$/.test(p) ? { role: "weight", raw: p, label: "" } : null;
    case "person":
      return { role: "owner", raw: p, label: "" };
    case "unit":
      // A unit's name, capitalised as names are ("SUAP associato", "Ufficio Tecnico"); "presidio serale …" is text.
      return /^\p{Lu}/u.test(p) ? { role: "unit", raw: p, label: "" } : null;
    default:
      return null;
  }
}
