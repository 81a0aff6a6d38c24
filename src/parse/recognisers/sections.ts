/**
 * Sections: headings and captions that name what the objectives under them
 * share — a unit (`## Settore Affari Generali`, `UOC Farmacia – Referente:
 * Dott.ssa …`), a kind (`Obiettivi trasversali`) — and the headings that
 * close such a section (a heading of the same or a higher level).
 */
import type { Block } from "../../doc/blocks.js";
import { KIND_CUES, KIND_HEADING, OTHER_SECTION } from "../../lexicon/vocabulary.js";
import { classify, opensWithUnitWord } from "../../lexicon/values.js";
import { wordCount } from "../../util/text.js";
import { codeDepth } from "../../lexicon/codes.js";
import { candidate, whereOf, type Context, type DocView, type Reading, type Recogniser, type SectionContext } from "../candidates.js";
import { cleanHeading } from "./cards.js";
import { captionSays, sectionContext } from "./shared.js";
import { namedParties, ownedByUnit } from "../prose.js";
import { entityIn } from "../document.js";

export const SECTION_SETTINGS = {
  /** A section names its unit in a short line. */
  maxWords: 16,
  /** Score of a heading naming a unit or a kind (a card's opener outscores it). */
  named: 0.5,
  /** Score of a strategic level's line read as a label fused with its value (over the card readers' 0.6). */
  upperLevel: 0.65,
  /** Score of a heading that only closes the sections below its level. */
  boundary: 0.1,
  /** Level of a plain line naming a unit (a caption): below every heading. */
  lineLevel: 8,
  /** A line in capitals above a table names a group in a few words. */
  capitalsMaxWords: 8,
  /** Lower-case letters a line in capitals may hold, as a share of its capitals (OCR's misreadings). */
  capitalsLowerShare: 0.1,
  /** A heading naming a kind of objective is short ("Obiettivi trasversali", "Obiettivo di PEG"). */
  kindMaxWords: 6,
  /** Headings of a known level up to this close deeper sections; a bold line's guessed level does not. */
  closingLevel: 5,
  /** A heading of another PIAO sub-section, or of the performance one, is short. */
  scopeMaxWords: 12,
  /** A caption whose administration's name starts within this many characters (an acronym before it) names the author. */
  entityLead: 10,
  /** Score of a heading opening another PIAO sub-section: sure evidence, over a step list reading the line. */
  otherScope: 0.9,
  /** Words a sub-section's heading may set before its term ("Misure di | prevenzione della corruzione"). */
  scopeLeadWords: 2,
  /** Unnumbered headings down to this level may open another sub-section. */
  scopeLevel: 3,
};

/**
 * A heading (or an outline line) naming another PIAO sub-section ("2.3 Rischi corruttivi e trasparenza",
 * "SEZIONE 3 – ORGANIZZAZIONE E CAPITALE UMANO"): "other"; one naming objectives or the performance
 * ("2.2 Performance", "Obiettivi di performance"): "performance"; else null.
 */
export function sectionScope(text: string, level = SECTION_SETTINGS.lineLevel): "other" | "performance" | null {
  const t = cleanHeading(text);
  if (wordCount(t) > SECTION_SETTINGS.scopeMaxWords || /[.;:]$/.test(t)) return null;
  if (KIND_CUES.test(t)) return "performance";
  // Only as the plan's outline prints a sub-section: numbered ("2.3 …", "Sezione 3 – …"), in capitals, or a
  // top heading; a bold "Trasparenza" among the objectives may be a group of them.
  const outline = /^\s*(?:\d+(?:\.\d+)*\.?\s|sezione\b|sottosezione\b)/i.test(text) || isCapitals(t) || level <= SECTION_SETTINGS.scopeLevel;
  // (A unit's name — "UOC GESTIONE RISORSE UMANE", "Ufficio Trasparenza" — heads that unit's objectives.)
  if (!outline || opensWithUnitWord(t)) return null;
  // The heading names the sub-section: its term opens it, after the numbering and a word or two ("Misure di
  // prevenzione della corruzione"); an objective's title about it ("Attuazione delle misure di prevenzione …") does not.
  const named = t.replace(/^(?:sotto)?sezione\s+[\d.]+\s*[–—:-]?\s*/i, "");
  const m = OTHER_SECTION.exec(named);
  return m && wordCount(named.slice(0, m.index).trim()) <= SECTION_SETTINGS.scopeLeadWords ? "other" : null;
}

const PLAN_YEARS = /\b(19|20)\d\d\b/;

/**
 * A strategic level's name and its code, then its title: "LINEA STRATEGICA 1 – …", "Obiettivo strategico 2.1: …",
 * "Area strategica B"; or its code first, as an outline numbers it: "1.1 Obiettivo strategico – …".
 */
const UPPER_LEVEL_RE =
  /^(?:(?:linea|area|ambito|asse|indirizzo|obiettivo|priorit[àa])\s+(?:strategic[oa]|di\s+mandato|programmatic[oa])\s+(?:n\.?\s*)?([A-Z]|\d{1,3}(?:\.\d{1,3})*)\.?(?:\s*[–—:-]\s*\S.*)?|([A-Z]|\d{1,3}(?:\.\d{1,3})*)\.?\s+(?:linea|area|ambito|asse|indirizzo|obiettivo|priorit[àa])\s+(?:strategic[oa]|di\s+mandato|programmatic[oa])\s*[–—:-]\s*\S.*)$/iu;

/** What a heading or caption names: a unit (and its head), or a kind of objective. */
export function headingContext(text: string): SectionContext | null {
  const t = cleanHeading(text);
  if (wordCount(t) > SECTION_SETTINGS.maxWords || /[.;]$/.test(t)) return null;
  // Only a unit's word or a kind's opens such a heading; elsewhere in it, a person named with a title
  // (and the unit beside them) heads the objectives assigned to them ("Scheda obiettivi – Ing. …, Dirigente Area Tecnica").
  if (!opensWithUnitWord(t) && !KIND_HEADING.test(t)) {
    const named = namedParties(t);
    if (named.owner) return named;
    // "Scheda del Settore Economico-Finanziario": the unit whose sheet it is.
    const unit = ownedByUnit(t);
    return unit ? { unit } : null;
  }
  const ctx = sectionContext(t);
  if (ctx.unit !== undefined && classify(ctx.unit) === "unit") return { unit: ctx.unit, ...(ctx.owner ? { owner: ctx.owner } : {}) };
  // "Obiettivi dell'Area Polizia Locale": the objectives of a unit, named after the words for them.
  const owner = KIND_HEADING.test(t) ? ownedByUnit(t) : null;
  if (owner && classify(owner) === "unit") return { unit: owner };
  if (KIND_HEADING.test(t) && wordCount(t) <= SECTION_SETTINGS.kindMaxWords && !PLAN_YEARS.test(t)) return { kind: t };
  return null;
}

/** A heading opening another PIAO sub-section, or the performance one again: a boundary for the sections below it. */
function scopeReading(name: string, at: number, b: Block, level: number, scope: "other" | "performance"): Reading {
  return { recogniser: name, score: scope === "other" ? SECTION_SETTINGS.otherScope : SECTION_SETTINGS.boundary, consumed: [at], candidates: [candidate("section", at, whereOf(b.where), [], { level })], feature: scope === "other" ? "other-section" : "" };
}

/** A short line set in capitals ("LAVORI PUBBLICI"). */
function isCapitals(text: string): boolean {
  if (wordCount(text) > SECTION_SETTINGS.capitalsMaxWords) return false;
  // Mostly capitals: OCR reads a capital I as l now and then ("PROGETTI COMUNI Al SETTORI").
  const upper = (text.match(/\p{Lu}/gu) ?? []).length;
  const lower = (text.match(/\p{Ll}/gu) ?? []).length;
  return upper >= 3 && lower <= upper * SECTION_SETTINGS.capitalsLowerShare;
}

/** A caption row's group: its unit (and head), unless it names a kind, steps or indicators, or carries the plan's year. */
function captionContext(text: string): SectionContext | null {
  if (PLAN_YEARS.test(text) || wordCount(text) > SECTION_SETTINGS.maxWords || captionSays(text) !== null) return null;
  // A line opening with the administration's name ("ATER - Azienda Territoriale …", "Comune di …") names the document's author.
  const entity = entityIn(text);
  if (entity !== null && text.indexOf(entity) <= SECTION_SETTINGS.entityLead) return null;
  const ctx = sectionContext(cleanHeading(text));
  // A line speaking of objectives or plans that names no unit is a title ("Allegato 2 – Obiettivi operativi per area"), not a group.
  if (ctx.unit && !ctx.kind && KIND_CUES.test(ctx.unit) && classify(ctx.unit) !== "unit" && !opensWithUnitWord(ctx.unit)) return null;
  return ctx.unit || ctx.kind ? ctx : null;
}

export const sections: Recogniser = {
  name: "section",
  starts: new Set(["heading", "paragraph", "list", "labels"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    const blk = doc.blocks[at]!;
    // A strategic level's line read as a label fused with its value ("OBIETTIVO STRATEGICO 1 - Qualità dell'aria"
    // in a sheet's cell): the level, a section.
    if (blk.type === "labels") {
      if (blk.items.length !== 1 || blk.rows.length !== 1) return null;
      const line = blk.rows[0]!.cells.map((c) => c.text).filter(Boolean).join(" ").trim();
      const m = UPPER_LEVEL_RE.exec(line);
      if (!m) return null;
      return { recogniser: this.name, score: SECTION_SETTINGS.upperLevel, consumed: [at], candidates: [candidate("section", at, whereOf(blk.where), [], { level: SECTION_SETTINGS.lineLevel, context: { links: [m[1] ?? m[2]!] } })], feature: "upper-levels" };
    }
    // An outline's numbered line ("2.3 Rischi corruttivi e trasparenza") may head another sub-section.
    if (blk.type === "list") {
      // (One numbered item: the outline's number is its marker.)
      const scope = blk.items.length === 1 && blk.items[0]!.ordinal !== null ? sectionScope(blk.items[0]!.text, 0) : null;
      if (scope === null) return null;
      if (scope === "performance" && (ctx.outside ?? null) === null) return null;
      return scopeReading(this.name, at, blk, SECTION_SETTINGS.lineLevel, scope);
    }
    const b = blk as Extract<Block, { type: "heading" | "paragraph" }>;
    const level = b.type === "heading" ? b.level : SECTION_SETTINGS.lineLevel;
    if (b.type === "paragraph" && b.lines.length > 1) return null;
    const scope = sectionScope(b.text, level);
    if (scope === "other" || (scope === "performance" && (ctx.outside ?? null) !== null && !headingContext(b.text))) return scopeReading(this.name, at, b, level, scope);
    // A line printed as a row of a table, right above its header, names the group of tables it heads.
    // A line printed as a row of a table, right above its header, or a short line in capitals right above a
    // table, names the group of tables it heads.
    const caption =
      b.type === "paragraph" &&
      (b.rows[0]?.kind === "table" || (doc.blocks[at + 1]?.type === "table" && isCapitals(b.text)));
    // An upper level of the performance tree named by its code ("LINEA STRATEGICA 1 – …", "Obiettivo strategico
    // 1.1 – …"): the objectives below link to it (the binder chains the levels a code lies under).
    const upper = UPPER_LEVEL_RE.exec(b.text.trim());
    // (Lines of the same level one after the other list the levels, as an introduction does: they head nothing.)
    const sameLevel = (k: number) => {
      const x = doc.blocks[k];
      const m = x && (x.type === "paragraph" || x.type === "heading") ? UPPER_LEVEL_RE.exec(x.text.trim()) : null;
      return m !== null && codeDepth(m[1] ?? m[2]!) === codeDepth(upper![1] ?? upper![2]!);
    };
    if (upper && !sameLevel(at - 1) && !sameLevel(at + 1)) {
      return { recogniser: this.name, score: SECTION_SETTINGS.named, consumed: [at], candidates: [candidate("section", at, whereOf(b.where), [], { level, context: { links: [upper[1] ?? upper[2]!] } })], feature: "upper-levels" };
    }
    const context = headingContext(b.text) ?? (caption ? captionContext(b.text) : null);
    if (context) {
      return { recogniser: this.name, score: SECTION_SETTINGS.named, consumed: [at], candidates: [candidate("section", at, whereOf(b.where), [], { level, context })], feature: context.unit ? "unit-sections" : "kind-sections" };
    }
    if (b.type === "heading" && b.level <= SECTION_SETTINGS.closingLevel) {
      return { recogniser: this.name, score: SECTION_SETTINGS.boundary, consumed: [at], candidates: [candidate("section", at, whereOf(b.where), [], { level })], feature: "" };
    }
    return null;
  },
};

/**
 * A table's own caption naming a group ("<caption>Area Minori e Famiglie – Responsabile dott.ssa …</caption>"):
 * the section its rows belong to, read before the table. Null when the caption names none, or when the line
 * above the table, read as a block of its own, already said it.
 */
export function captionSection(doc: DocView, at: number): Reading | null {
  const t = doc.blocks[at];
  if (t?.type !== "table" || !t.caption) return null;
  const prev = doc.blocks[at - 1];
  if (prev && (prev.type === "paragraph" || prev.type === "heading") && prev.text === t.caption) return null;
  const context = headingContext(t.caption) ?? captionContext(t.caption);
  // Only a unit's name says so (a caption such as "Misurazione" names what the table holds).
  if (!context || !context.unit || !opensWithUnitWord(context.unit)) return null;
  return { recogniser: "section", score: SECTION_SETTINGS.named, consumed: [], candidates: [candidate("section", at, whereOf(t.where), [], { level: SECTION_SETTINGS.lineLevel, context })], feature: "unit-sections" };
}

