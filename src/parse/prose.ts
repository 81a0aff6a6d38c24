/**
 * Fields told in running text: "L'obiettivo, affidato al Servizio Ragioneria
 * (resp. Rag. Donatella Ferrigno), ha peso 15 e deve concludersi entro il 30
 * giugno 2025; l'indicatore è il tempo medio di pagamento, con target ≤ 30
 * giorni." A sentence names its fields by cue words (PROSE_CUES, data): a
 * unit's word opens the unit's name, a title the person's, `peso`/`pesa` the
 * weight, `entro`/`termine … al` the deadline, `indicatore … target` a KPI,
 * and a colon after a word for steps (`fasi`, `passaggi`, `azioni`) a list of
 * steps separated by semicolons, each with its own deadline.
 *
 * Only what a cue names is read; a sentence with none adds nothing.
 */
import { looksLikeDate } from "../normalize/dates.js";
import { readInline } from "./inline.js";
import { PERSON_TITLES, PROSE_CUES, UNIT_WORDS, type Role } from "../lexicon/vocabulary.js";

export interface ProseField {
  role: Role;
  raw: string;
}

export interface ProseReading {
  fields: ProseField[];
  /** Steps listed after a colon: their titles and fields. */
  steps: { title: string; fields: ProseField[] }[];
}

/** A sentence ends at a period before a capital or at the end (not "N. 4", "dott. Rossi"). */
const SENTENCE_END = String.raw`\.(?=\s+\p{Lu}|\s*$)`;
const UNTIL_END = new RegExp(String.raw`^(.*?)(?:,\s|;|${SENTENCE_END}|$)`, "u");
const SENTENCE_END_RE = new RegExp(SENTENCE_END, "u");
/** A title (its last word a word, not the opener's number) ended by a period, and the text after it. */
const TITLE_THEN_PROSE = new RegExp(String.raw`^(.{3,200}?\p{L}{2})${SENTENCE_END}\s*(.+)$`, "su");

const ARTICLE = /^(?:(?:il|lo|la|i|gli|le|un|una|uno)\s+|l['’]\s*)/i;
/** Bullets setting items apart inside one text ("• Analisi … (31 mar. 2026) • Task force …"). */
const BULLET_IN_TEXT = /(?:^|\s)[•▪◦](?=\s)/;
const BULLET_SPLIT = /(?:^|\s+)[•▪◦]\s+/;

/** An item's deadline in brackets at its end: "(entro aprile 2025)", "(entro marzo, peso 30%)", "(peso 30%)". */
const BRACKETED_DEADLINE = /\s*\(((?:entro|peso)\s[^()]+)\)\s*[,.]?$/i;
/** A step's words left before its deadline: ", da chiudere", "da completare". */
const TRAILING_INFINITIVE = /[\s,]+da\s+\p{L}+(?:are|ere|ire)$/u;
/** Between two such items: the bracket, then a comma or "e". */
const BRACKET_THEN_AND = /(?<=\))\s*(?:,\s*(?:e\s+|ed\s+)?|\s+e\s+|\s+ed\s+)/;

const UNIT_RE = new RegExp(String.raw`(?<![\p{L}])((?:${UNIT_WORDS.map((w) => w.replace(/^\w/, (c) => `[${c.toUpperCase()}]`)).join("|")})(?:\s+(?:(?:e|ed|di|del|della|dello|dei|degli|delle|per|alla|alle|al)\s+)?\p{Lu}[\p{L}'’.-]*)+)`, "u");
const UNIT_LOWER_RE = new RegExp(String.raw`(?<![\p{L}])((?:${UNIT_WORDS.map((w) => w.replace(/^\w/, (c) => `[${c.toUpperCase()}]`)).join("|")})(?:\s+[\p{Ll}'’-]+){1,4}?)(?=\s*[(,;]|\s+(?:e|ed|che|con)\s)`, "u");
// (The title in either case, the name's words capitalised: "dott.ssa Marina Ottolenghi del Servizio …" ends at "del".)
const PERSON_RE = new RegExp(String.raw`(?<![\p{L}])((?:${PERSON_TITLES.map((t) => t.replace(/^\p{L}/u, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`)).join("|")})\.?\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})`, "u");
const DEADLINE_RE = /(?<![\p{L}])(entro\s+(?:il\s+|la\s+|le\s+|l['’]\s*|fine\s+)?[^,;]+?)(?=\s*[,;]|\.(?=\s+\p{Lu}|\s*$)|\s+(?:con|e|per|mediante)\s|\s+[–—-]\s|$)/iu;

/** Reads the cue-named fields of a stretch of prose. */
/** A sentence's end for labelled sentences: a period after a word of five letters or more, a number or a bracket ("p.a. Rossi" goes on). */
const LABELLED_SENTENCE_END = /(?<=\p{L}{5}|\d|\))\.\s+(?=\p{Lu})|\.\s*$/u;

/**
 * Sentences made of labelled pieces ("Servizio: …; responsabile: …; peso: alto; scadenza: 31 ottobre 2025."):
 * their fields, as inline fields read them, and the prose without them.
 */
function labelledSentences(text: string): { fields: ProseField[]; rest: string } {
  const fields: ProseField[] = [];
  const kept: string[] = [];
  for (const sentence of text.split(LABELLED_SENTENCE_END)) {
    const r = sentence.includes(":") ? readInline(sentence) : null;
    // (An owner with no capital is no name: "generale" read from a bracket's "(Direttore generale)" after the name.)
    const labelled = r ? r.fields.filter((f) => f.label !== "" && f.role !== "extra" && !(f.role === "owner" && !/\p{Lu}/u.test(f.raw))) : [];
    // (With them, the pieces whose value says what they are: a unit named in a bracket after its head's name.)
    const told = r ? r.fields.filter((f) => f.label === "" && (f.role === "unit" || f.role === "due" || f.role === "weight")) : [];
    if (r && r.title === "" && labelled.length >= 2) fields.push(...[...labelled, ...told].map((f) => ({ role: f.role, raw: f.raw })));
    else kept.push(sentence);
  }
  return { fields, rest: fields.length ? kept.join(". ") : text };
}

export function readProse(text: string): ProseReading {
  const labelled = labelledSentences(text);
  let body = labelled.rest;
  const steps: ProseReading["steps"] = [];
  const fields: ProseField[] = [...labelled.fields];

  // Steps: "… prevede tre passaggi: a entro …; b entro …; c entro …."; or listed after a verb, each dated.
  const named = PROSE_CUES.steps.exec(body);
  const lead = named ?? PROSE_CUES.stepsVerb.exec(body);
  if (lead) {
    const from = lead.index + lead[0].length;
    const end = SENTENCE_END_RE.exec(body.slice(from));
    const list = body.slice(from, end ? from + end.index : body.length);
    let items = list.split(/\s*;\s*/).map((s) => s.trim()).filter(Boolean);
    // In a sentence, items each closed by their bracketed deadline and joined by commas or "e" ("l'accordo con
    // i Comuni (entro aprile 2025) e la gara (entro luglio 2025)").
    if (items.length === 1 && BRACKETED_DEADLINE.test(items[0]!)) items = items[0]!.split(BRACKET_THEN_AND).map((s) => s.trim()).filter(Boolean);
    const read = items.map((item) => {
      // A bracket closing the item holds its fields ("(entro marzo, peso 30%)"); a deadline may stand before it.
      const inBracket = BRACKETED_DEADLINE.exec(item);
      const bracketFields: { role: Role; raw: string }[] = inBracket ? readInline(inBracket[1]!).fields.filter((f) => f.role === "due" || f.role === "weight").map((f) => ({ role: f.role, raw: f.label && f.role === "due" ? `${f.label} ${f.raw}` : f.raw })) : [];
      const head = inBracket && bracketFields.length ? item.slice(0, inBracket.index) : item;
      const d = bracketFields.some((f) => f.role === "due") ? null : DEADLINE_RE.exec(head);
      const due = d && looksLikeDate(d[1]!) ? [{ role: "due" as Role, raw: d[1]!.trim() }] : [];
      const title = (due.length ? head.slice(0, d!.index) : head).replace(/[\s,–—-]+$/, "").replace(TRAILING_INFINITIVE, "").replace(/[\s,]+$/, "").replace(ARTICLE, "");
      return { title: title.replace(/[,.]$/, ""), fields: [...due, ...bracketFields] };
    });
    // (After a verb with no word for steps, every item must be dated: "prevede il coinvolgimento …" lists none.)
    if (named ? read.length >= 2 || read.some((s) => s.fields.length) : read.length >= 2 && read.every((s) => s.fields.some((f) => f.role === "due"))) {
      steps.push(...read.filter((s) => s.title));
      body = body.slice(0, lead.index) + body.slice(end ? from + end.index : body.length);
    }
  }

  // The indicator and its target: "l'indicatore è X, con (un) target (di) Y", "Indicatore: X, target Y".
  const kpi = PROSE_CUES.indicator.exec(body);
  if (kpi) {
    const rest = body.slice(kpi.index + kpi[0].length);
    const t = PROSE_CUES.target.exec(rest);
    const nameEnd = t ? t.index : (UNTIL_END.exec(rest)?.[1]?.length ?? rest.length);
    const name = rest.slice(0, nameEnd).replace(/[\s,;]+$/, "").replace(ARTICLE, "").trim();
    if (name) fields.push({ role: "indicator", raw: name });
    if (t) {
      const after = rest.slice(t.index + t[0].length);
      const raw = (UNTIL_END.exec(after)?.[1] ?? after).trim();
      if (raw) fields.push({ role: "target", raw });
      // A deadline in the target's clause ("…, da raggiungere entro il 31 dicembre 2025") stays for the objective.
      body = body.slice(0, kpi.index) + after.slice(raw.length);
    } else body = body.slice(0, kpi.index) + rest.slice(nameEnd);
  }

  // The unit: its word and capitalised name; or, named in lower case ("al Servizio sociale professionale (…"),
  // its word and the few words up to a bracket, a comma or the clause's "e".
  const unit = UNIT_RE.exec(body);
  const lower = unit ? null : UNIT_LOWER_RE.exec(body);
  if (unit) fields.push({ role: "unit", raw: unit[1]!.replace(/[.,]$/, "") });
  else if (lower) fields.push({ role: "unit", raw: lower[1]!.trim() });
  const person = PERSON_RE.exec(body);
  if (person) fields.push({ role: "owner", raw: person[1]! });
  const weight = PROSE_CUES.weight.exec(body);
  if (weight) fields.push({ role: "weight", raw: weight[1]!.trim() });
  const due = DEADLINE_RE.exec(body);
  if (due && looksLikeDate(due[1]!)) fields.push({ role: "due", raw: due[1]!.trim() });
  else {
    const term = PROSE_CUES.term.exec(body) ?? PROSE_CUES.ends.exec(body);
    const raw = term ? (UNTIL_END.exec(term[1]!)?.[1] ?? term[1]!).trim() : null;
    if (raw && looksLikeDate(raw)) fields.push({ role: "due", raw });
  }
  return { fields, steps };
}

/**
 * An opener's text split into its title and the prose after it: "Riduzione
 * dei tempi di pagamento. L'obiettivo, affidato …" → the first sentence and
 * the rest. Null when no sentence follows.
 */
export function titleAndProse(text: string): { title: string; prose: string } | null {
  // The title's last word is a word, not the opener's number ("Obiettivo 1. Attuazione …" is all title).
  // No period past the title's shortest length: no sentence ends there (the expression would find none).
  const dot = text.indexOf(".", 5);
  if (dot < 0 || text.length - dot <= PROSE_CUES.minProse) return null;
  const t = text.trim();
  // A full stop inside a bracket ("(resp. dott. …)") ends no sentence: the brackets' text is hidden from the
  // search (same length, no stops), and the split taken at the same place in the text.
  const masked = t.includes("(") ? t.replace(/\([^()]*\)/g, (b) => "(" + "x".repeat(b.length - 2) + ")") : t;
  const m = TITLE_THEN_PROSE.exec(masked);
  if (!m || m[2]!.length < PROSE_CUES.minProse) return null;
  const cut = m[1]!.length;
  return { title: t.slice(0, cut).trim(), prose: t.slice(masked.length - m[2]!.length).trim() };
}

/** An enumerator inside a cell or a sentence: "a)", "b.", "(c)", "1)", "2.". */
const ENUMERATOR_RE = /(?:^|(?<=[\s;,.:]))\(?([a-z]|\d{1,2})[).]\s+/g;

function successor(a: string, b: string): boolean {
  return /^\d+$/.test(a) ? Number(b) === Number(a) + 1 : b.length === 1 && b.charCodeAt(0) === a.charCodeAt(0) + 1;
}

/**
 * The steps one cell lists: items enumerated in sequence from `a)` or `1)`
 * ("a) rilievo … entro giugno 2025; b) posa … entro il 31/10/2025"), else
 * pieces between semicolons or paragraphs of which two at least carry a
 * deadline. Null for a cell holding one step or none. With `markers`, the
 * enumerators of enumerated items are pushed there, one an item.
 */
export function stepItems(text: string, paras?: readonly string[], one = false, markers?: string[]): string[] | null {
  const found = [...text.matchAll(ENUMERATOR_RE)];
  const seq: RegExpMatchArray[] = [];
  for (const m of found) {
    const o = m[1]!;
    if (seq.length === 0 ? o === "a" || o === "1" : successor(seq[seq.length - 1]![1]!, o)) seq.push(m);
  }
  if (seq.length >= (one ? 1 : 2) && seq[0]!.index! <= 2) {
    const items: string[] = [];
    for (let k = 0; k < seq.length; k++) {
      const m = seq[k]!;
      const item = text.slice(m.index! + m[0].length, seq[k + 1]?.index ?? text.length).replace(/[\s;,]+$/, "").trim();
      if (!item) continue;
      items.push(item);
      // The enumerator of each item ("1", "b"), for a caller that numbers the steps by it.
      markers?.push(m[1]!);
    }
    return items;
  }
  // (Paragraphs of the cell, items after bullets "• … • …", or pieces between semicolons.)
  const bullets = BULLET_IN_TEXT.test(text) ? text.split(BULLET_SPLIT) : null;
  for (const pieces of [paras && paras.length >= 2 ? [...paras] : null, bullets, text.split(/\s*;\s*/)]) {
    if (!pieces) continue;
    const items = pieces.map((p) => p.replace(/[\s;,.]+$/, "").trim()).filter(Boolean);
    if (items.length >= 2 && items.filter(hasDeadline).length >= 2) return items;
  }
  return null;
}

/** "rilievo dei sentieri entro giugno 2025" → the step's words and its deadline; null with no deadline at the end. */
export function splitDeadline(text: string): { title: string; due: string } | null {
  const d = DEADLINE_RE.exec(text);
  if (!d || !looksLikeDate(d[1]!) || d.index === 0) return null;
  const rest = text.slice(d.index + d[0].length).trim();
  if (rest && !/^[,;.)]*$/.test(rest)) return null;
  // "… (entro giugno 2025)": the bracket closing the deadline is not part of it.
  const due = d[1]!.trim();
  return { title: text.slice(0, d.index).replace(/[\s,–—:(-]+$/, "").trim(), due: due.endsWith(")") && !due.includes("(") ? due.slice(0, -1).trimEnd() : due };
}

/**
 * One listed step's fields: its code, its words, its deadline and weight
 * ("F1.1 – Ricognizione degli alloggi – entro 31.03.2025 – peso 30%",
 * "rilievo dei sentieri entro giugno 2025").
 */
export function stepFields(item: string): ProseField[] {
  // A deadline closing the item first: the words before it may hold figures of their own ("anno 2025/2026").
  const closing = splitDeadline(item);
  const inline = readInline(closing ? closing.title : item);
  const out: ProseField[] = [];
  let title = inline.title;
  const due = closing ?? (inline.fields.some((x) => x.role === "due") ? null : splitDeadline(title));
  if (due && !closing) title = due.title;
  if (inline.code) out.push({ role: "code", raw: inline.code });
  if (title) out.push({ role: "step", raw: title });
  // A weight in brackets after the deadline ("entro il 31/01/2026 (25 %)", "(peso 30%)"): no part of the date.
  const weighed = due ? BRACKETED_WEIGHT.exec(due.due) : null;
  if (due) out.push({ role: "due", raw: weighed ? due.due.slice(0, weighed.index).trim() : due.due });
  if (weighed && !inline.fields.some((x) => x.role === "weight")) out.push({ role: "weight", raw: weighed[1]! });
  for (const x of inline.fields) if (x.role !== "extra") out.push({ role: x.role, raw: x.raw });
  return out;
}

/** A weight in brackets closing a text: "(25 %)", "(peso 30%)", "(incidenza 0,4)". */
const BRACKETED_WEIGHT = /\s*\((?:(?:peso|ponderazione|incidenza)\s+)?(\d{1,3}(?:[.,]\d{1,2})?\s*%|0[.,]\d{1,2})\)\s*$/i;

/** The text carries a deadline somewhere ("… – entro 31.03.2025 – peso 30%"). */
export function hasDeadline(text: string): boolean {
  const d = DEADLINE_RE.exec(text);
  if (d !== null && looksLikeDate(d[1]!)) return true;
  // A date closing the text after a dash ("1.1 – Rilievo del piano viabile – 31/03/2026"), or a period's end ("dal … al 30/04/2025").
  const end = /\s[–—-]\s+([^–—]{4,30})$/.exec(text);
  if (end !== null && looksLikeDate(end[1]!.trim())) return true;
  // A date in brackets closing the text ("Visita dell'ente (30 set. 2026)", "… (entro il 31 maggio 2026)").
  const bracket = /\(([^()]{3,40})\)\s*$/.exec(text);
  if (bracket !== null && looksLikeDate(bracket[1]!.trim())) return true;
  const period = /\bdal\s+\S+(?:\s+\S+){0,2}?\s+al\s+(\S+(?:\s+\S+){0,2}?)(?=\s*(?:[–—;,.]|$))/i.exec(text);
  return period !== null && looksLikeDate(period[1]!);
}

/**
 * The unit and the person a line names anywhere in it ("Scheda obiettivi –
 * Ing. Aurelio Bonsignori, Dirigente Area Tecnica"): a unit's word opening a
 * capitalised name, a title opening a person's.
 */
export function namedParties(text: string): { unit?: string; owner?: string } {
  const out: { unit?: string; owner?: string } = {};
  const person = PERSON_RE.exec(text);
  if (person) out.owner = person[1]!;
  const rest = person ? text.slice(0, person.index) + " ".repeat(person[1]!.length) + text.slice(person.index + person[1]!.length) : text;
  const unit = UNIT_RE.exec(rest);
  if (unit) out.unit = unit[1]!.replace(/[.,]$/, "");
  return out;
}

/** A unit named as whose the line is ("Scheda del Settore X", "Obiettivi operativi dell'Area Y"), or null. */
export function ownedByUnit(text: string): string | null {
  const unit = UNIT_RE.exec(text);
  if (!unit || !/(?:^|\s)(?:del|dello|della|dell['’]|dei|degli|delle)\s*$/i.test(text.slice(0, unit.index))) return null;
  return unit[1]!.replace(/[.,]$/, "");
}
