/**
 * One line of prose read for its form: a list item (`1.`, `2)`, `a)`, `-`,
 * `•`, `1.1`), a label with its value (`Responsabile: …`, several labels in
 * one line), a label alone (its value on the next paragraph), or plain text.
 * Only the form is read here; what a label means is the recognisers' business,
 * except that a label must be one the vocabulary knows or look like one.
 */
import { matchRole, roleVotes } from "../lexicon/match.js";
import { isCode } from "../lexicon/codes.js";
import { dropColon, isSpaceCode, wordCount } from "../util/text.js";
import { BLOCK_SETTINGS as S } from "./settings.js";

export interface Marker {
  marker: string;
  ordinal: string | null;
  /** Kind of marker, for telling one list from another and nesting: `1.` `1)` `a)` `1.1` `-`. */
  style: "num-dot" | "num-paren" | "letter" | "dotted" | "bullet";
  /** Characters before the text (marker and spaces): the item's indent. */
  width: number;
  text: string;
}

// Ordered markers: "1.", "12)", "(3)", "a)", "b.", "(c)", "1.1", "1.2.3" (no period after a dotted number).
const NUM_RE = /^(\s*)(\(?(\d{1,2})[.)°])\s+(?=\S)/;
const DOTTED_RE = /^(\s*)((\d{1,2}(?:\.\d{1,2}){1,3})\.?)\s+(?=\S)/;
const LETTER_RE = /^(\s*)(\(?([a-z])[.)])\s+(?=\S)/;
const UPPER_LETTER_RE = /^(\s*)(\(?([A-Z])\))\s+(?=\S)/;
// (A checklist's box after the bullet, "- [x] ", "* [ ] ", as Markdown task lists and wiki exports print
// it, is part of the marker.)
const BULLET_RE = /^(\s*)([-–—•·*▪◦○●►➢✓]|o(?=\s))\s+(?:\[[ xX✓]\]\s+)?(?=\S)/;

/** Characters a bullet marker (BULLET_RE) opens with. */
const BULLET_FIRST = "-–—•·*▪◦○●►➢✓o";

/** The list marker opening a line, or null. */
export function listMarker(line: string): Marker | null {
  return readMarker(line, false);
}

/**
 * @internal The marker reading; `every` tries each expression whatever the line
 * opens with (the filter's test compares the two). Otherwise each is tried only
 * where the line's first character past its indent can open its marker: a
 * digit, "(", a letter, a bullet. Most lines open with a word's capital and try
 * one expression at most.
 */
export function readMarker(line: string, every = true): Marker | null {
  let i = 0;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  const digit = every || (c >= 48 && c <= 57);
  const paren = every || c === 40;
  let m = digit ? DOTTED_RE.exec(line) : null;
  if (m) return { marker: m[2]!, ordinal: m[3]!, style: "dotted", width: m[0].length, text: line.slice(m[0].length).trim() };
  m = digit || paren ? NUM_RE.exec(line) : null;
  if (m) {
    const style = m[2]!.endsWith(")") ? "num-paren" : "num-dot";
    return { marker: m[2]!, ordinal: m[3]!, style, width: m[0].length, text: line.slice(m[0].length).trim() };
  }
  m = ((c >= 97 && c <= 122) || paren ? LETTER_RE.exec(line) : null) ?? ((c >= 65 && c <= 90) || paren ? UPPER_LETTER_RE.exec(line) : null);
  if (m) return { marker: m[2]!, ordinal: m[3]!, style: "letter", width: m[0].length, text: line.slice(m[0].length).trim() };
  m = every || (i < line.length && BULLET_FIRST.includes(line.charAt(i))) ? BULLET_RE.exec(line) : null;
  if (m) return { marker: m[2]!, ordinal: null, style: "bullet", width: m[0].length, text: line.slice(m[0].length).trim() };
  return null;
}

export interface LabelPart {
  label: string;
  value: string;
}

const COLON_RE = /^([^:]{1,60}?)\s*:\s*(.*)$/s;
/** How far into a line its label's colon may come (COLON_RE's bound and the spaces before the colon). */
const COLON_REACH = 64;
/** A word of four letters at most shortened with a period, before a space. */
const ABBREVIATION_RE = /(?<!\p{L})\p{L}{1,4}\.(?=\s)/gu;
/** Longer than this, a line is no label alone: six words of the longest. */
const BARE_LABEL_MAX_CHARS = 90;

/** A label's text: short, no sentence, not a time ("10:30") or a web address. */
function labelShaped(label: string): boolean {
  const words = wordCount(label);
  if (words === 0 || words > S.labelMaxWords) return false;
  // A period ends a sentence unless it shortens a word of four letters at most ("V. atteso", "Cod. obiettivo").
  if (/[;!?]\s/.test(label) || (label.includes(". ") && /\.\s/.test(label.replace(ABBREVIATION_RE, "A"))) || /^\d+$/.test(label.trim()) || /https?$|www/i.test(label)) return false;
  // A spaced dash separates phrases, never a label's words ("Servizio X – Responsabile: …").
  if (/\s[–—-]\s/.test(label)) return false;
  // "3.3 Obiettivi operativi: …" is a numbered heading, not a label.
  if (/^\d+(?:\.\d+)*\.?\s/.test(label)) return false;
  return /\p{L}/u.test(label);
}

/** The vocabulary knows the label (an abbreviation counts: a colon says it is a label). */
export function knownLabel(label: string): boolean {
  return matchRole(label, S.labelMinScore) !== null;
}

/**
 * "Label: value" — the label before the first colon, when it is one the
 * vocabulary knows, or label-shaped and `lenient` (a line among other label lines).
 */
export function labelLine(line: string, lenient = false): LabelPart | null {
  const colon = line.indexOf(":");
  if (colon < 1 || colon > COLON_REACH) return null;
  const m = COLON_RE.exec(line);
  if (!m) return null;
  const label = m[1]!.trim();
  // (A figure or a code before it is a value's, "40,00 Scadenza: 30/09/2026", "FS.01.01 Tipo obiettivo: Esecutivo":
  // a value run into the next field's label.)
  if (/^\d+[.,]\d/.test(label)) return null;
  const lead = label.split(" ", 1)[0]!;
  if (lead !== label && /\d/.test(lead) && isCode(lead)) return null;
  // The vocabulary's answer (a memo look-up) before the shape's expressions: most colons follow no label.
  if (!knownLabel(label) && !(lenient && /^\p{Lu}/u.test(label) && wordCount(label) <= 4)) return null;
  if (!labelShaped(label)) return null;
  return { label, value: m[2]!.trim() };
}

/** Text ending in a separator of fields: a semicolon or a spaced dash. */
const PARTED_BEFORE = /(?:;|\s[–—-])\s*$/u;

/**
 * Several labels set in one paragraph ("Obiettivo strategico: … Obiettivo
 * operativo: … Responsabile: … Peso: 25%", Word sheets with bold inline
 * labels): split where a known label and its colon open a new phrase. Null
 * when the line holds fewer than two known labels. With `lead`, the line is a
 * value whose label stands apart (a cell's): its first part, up to the first
 * label, comes back with the label "".
 */
export function inlineLabels(line: string, lead = false): LabelPart[] | null {
  if (line.length > S.inlineLabelsMaxLength || (!lead && line.indexOf(":") === line.lastIndexOf(":")) || !line.includes(":")) return null;
  const starts: { at: number; label: string; valueAt: number }[] = [];
  // Candidate label openings: line start, or after a space, a period, a semicolon or a dash.
  // (After a dash or a semicolon parting two fields, a label may open in lower case: "… – termine: 30/11/2026".)
  // (A label may close on a year: "Valore atteso 2026:".)
  const re = /(?:^|(?<=[\s.;–—-]))(\p{L}[\p{L}'’.]*(?:\s+[\p{L}'’.]+){0,5}?(?:\s+(?:19|20)\d\d)?)\s*:\s/gu;
  for (const m of line.matchAll(re)) {
    const label = m[1]!;
    const parted = PARTED_BEFORE.test(line.slice(0, m.index!));
    // The label may be the tail of a longer run of words: try the shortest known tail.
    const words = label.split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      // (No label opens on a letter alone: "Stato: A Tipo: OG" holds the value "A", then the label "Tipo".)
      if (k < words.length - 1 && /^\p{L}$/u.test(words[k]!)) continue;
      const tail = words.slice(k).join(" ");
      if ((/^\p{Lu}/u.test(tail) || (k === 0 && parted)) && roleVotes(tail).some((v) => v.score >= S.inlineLabelMinScore) && labelShaped(tail)) {
        const at = m.index! + label.length - tail.length;
        starts.push({ at, label: tail, valueAt: m.index! + m[0].length });
        break;
      }
    }
  }
  // (With `lead`, the text before the first label is a value of its own, whose label stands elsewhere: a cell's.)
  if (lead ? starts.length < 1 || starts[0]!.at === 0 : starts.length < 2 || starts[0]!.at > 0) return null;
  if (lead) starts.unshift({ at: 0, label: "", valueAt: 0 });
  const parts = starts.map((s, i) => ({
    label: s.label,
    value: line
      .slice(s.valueAt, starts[i + 1]?.at ?? line.length)
      .trim()
      // The separator set between two labelled pieces ("…; Peso:", "… · Peso:", "… | Peso:", "… – Peso:", a
      // sentence's full stop before the next label).
      .replace(i + 1 < starts.length ? /\s*(?:[;,·•|.]|\s[–—-])$/u : /\s*(?:[;,·•|]|\s[–—-])$/u, "")
      .trim(),
  }));
  // A weight or a deadline closing the line with no colon, a tab stop that printed as a space ("Struttura:
  // Ufficio Dottorati  Peso 15 %"): one more field.
  const last = parts[parts.length - 1]!;
  const tail = CLOSING_FIELD.exec(last.value);
  if (tail && CLOSING_ROLES.has(matchRole(tail[1]!, S.inlineLabelMinScore)?.role ?? "")) {
    last.value = last.value.slice(0, tail.index).trim();
    parts.push({ label: tail[1]!, value: tail[2]! });
  }
  return parts;
}

/** A label's word and a figure or a day's date closing a text: "… Peso 15 %", "… Scadenza 30/06/2026". */
const CLOSING_FIELD = /\s(\p{Lu}\p{Ll}+)\s((?:[<>≤≥]=?\s*)?\d[\d.,/]*\s*%?)$/u;
const CLOSING_ROLES = new Set(["weight", "due"]);

/**
 * A weight or a deadline closing a value with its label and no colon, a tab stop that printed as a space
 * ("25,00 % Termine 30/09/2026"): the value before it and the field; null when the value holds none.
 */
export function closingField(value: string): { value: string; field: LabelPart } | null {
  const tail = CLOSING_FIELD.exec(value);
  if (!tail || !CLOSING_ROLES.has(matchRole(tail[1]!, S.inlineLabelMinScore)?.role ?? "")) return null;
  const before = value.slice(0, tail.index).trim();
  return before ? { value: before, field: { label: tail[1]!, value: tail[2]! } } : null;
}

/** A line that is only a known label ("Responsabile", "DESCRIZIONE:", "Stato"): its value follows. */
export function bareLabel(line: string): string | null {
  if (line.length > BARE_LABEL_MAX_CHARS) return null;
  const t = dropColon(line.trim());
  // "Fasi", "Indicatori" alone may announce a table or a list: they are labels only when prose follows (see valueBelow).
  // The vocabulary first (a memo look-up): most lines name no label, and need no test of their shape.
  if (matchRole(t, S.bareLabelMinScore) === null) return null;
  return !labelShaped(t) || /[.;]$/.test(t) ? null : t;
}

/** Roles of a line that announces what follows (a table of steps, of indicators) rather than a value. */
export const CAPTION_ROLES = new Set(["step", "indicator"]);

/**
 * A heading naming a field ("#### Modalità di attuazione", "STATO DI
 * ATTUAZIONE") with prose under it: a label and its value. Headings that
 * could open or caption records (objective, title, code, step, indicator) stay headings.
 */
export function headingLabel(line: string): string | null {
  const t = dropColon(line.trim());
  const m = matchRole(t, S.bareLabelMinScore);
  if (m === null || !labelShaped(t)) return null;
  return !CAPTION_ROLES.has(m.role) && !["objective", "title", "code"].includes(m.role) ? t : null;
}
