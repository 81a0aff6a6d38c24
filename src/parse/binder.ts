/**
 * The binder: candidates → objectives, their steps and KPIs.
 *
 * In reading order it opens objectives (or merges a candidate into the
 * objective its code and title already name: a card continued after a page
 * break, a summary row repeating a card), attaches steps and KPIs to the
 * objective their reading, their key or their position names, applies the
 * sections (unit, owner, kind, strategic line) the objectives sit in, and
 * reports what it could not use: blocks of plan-like content no recogniser
 * read (`structure.unread`) and weights printed twice differently
 * (`weight.conflict`). Every field is applied through one role → field
 * table (fields.ts), which also records its provenance.
 */
import type { Block } from "../doc/blocks.js";
import type { ParseNote } from "../doc/notes.js";
import { emptyObjective, emptyStep } from "../model/factory.js";
import type { Kpi, Objective, Period, Step, Where } from "../model/schema.js";
import { codeKey, codeValue, isCode, isUnderCode, parentCode, foldScannedCodes } from "../lexicon/codes.js";
import { personAndUnit } from "../lexicon/values.js";
import { normalizeLabel } from "../lexicon/match.js";
import { classify } from "../lexicon/values.js";
import { looksLikeDate } from "../normalize/dates.js";
import { alikeComparable } from "../util/alike.js";
import { rowText } from "../blocks/rows.js";
import type { Candidate, Reading, SectionContext } from "./candidates.js";
import { applyField, dueFromKpi, finishKpi, KPI_ROLES, newKpi, traceCell, type Field, type RecordKind } from "./fields.js";
import { numberOf } from "../lexicon/values.js";
import { referredTitle, sharedWords } from "./names.js";


export interface Bound {
  objectives: Objective[];
  notes: ParseNote[];
}

export const BINDER_SETTINGS = {
  /** Two titles of one objective (a card and its summary row) are this alike, at least. */
  titleLikeness: 0.8,
  /** …or share this much of the shorter title's words, by stem (a summary's title reworded in the card). */
  titleWordShare: 0.75,
  /** `raw` of a `structure.unread` note: the block's first line, up to this many characters. */
  unreadRawLength: 200,
};

interface Section extends SectionContext {
  level: number;
}

class Binder {
  readonly objectives: Objective[] = [];
  readonly notes: ParseNote[] = [];
  private readonly byKey = new Map<string, Objective[]>();
  /** Objectives by their title as first read (folded), for one named again by its title alone. */
  private readonly byTitle = new Map<string, Objective[]>();
  private readonly byCandidate = new Map<Candidate, Objective | Step>();
  private readonly index = new Map<Objective, number>();
  private sections: Section[] = [];
  /** The fields an objective took from its section (inherit), which its own fields replace. */
  private readonly fromSection = new WeakMap<Objective, Set<string>>();
  private cur: Objective | null = null;
  /** The reading being bound lists steps of several objectives, each keyed by its code (beginReading). */
  private codeKeyed = false;

  constructor(private readonly period: Period | null) {}

  bind(c: Candidate): void {
    switch (c.kind) {
      case "section":
        this.section(c);
        return;
      case "objective":
        this.objective(c);
        return;
      case "fields": {
        const o = this.parentOf(c);
        if (o) this.fill("objective", o, c.fields);
        return;
      }
      case "step":
        this.step(c);
        return;
      case "kpi":
        this.kpi(c);
        return;
    }
  }

  private section(c: Candidate): void {
    const level = c.level ?? 8;
    // A head and the unit they lead printed as one ("Dott.ssa X – Settore Bilancio"): each to its field.
    const pu = c.context?.owner && !c.context.unit && /[–—\-/,;]/.test(c.context.owner) ? personAndUnit(c.context.owner) : null;
    if (pu) c = { ...c, context: { ...c.context, owner: pu.person, unit: pu.unit } };
    // "Resp.: …" right under a unit's name completes that section, it does not replace it.
    const top = this.sections[this.sections.length - 1];
    const ownerOnly = c.context && c.context.owner && !c.context.unit && !c.context.kind && !c.context.links?.length;
    if (ownerOnly && top && top.level === level && top.owner === undefined) {
      top.owner = c.context!.owner!;
      return;
    }
    // An upper level's code under another level's open now ("1.1" under "1"): the chain of codes it lies under.
    const own = c.context?.links?.length === 1 ? c.context.links[0]! : null;
    const chain = own ? [...new Set(this.sections.flatMap((s) => s.links ?? []).filter((l) => isUnderCode(l, own)))] : [];
    this.sections = this.sections.filter((s) => s.level < level);
    if (c.context && Object.keys(c.context).length) this.sections.push({ level, ...c.context, ...(chain.length ? { links: [...chain, own!] } : {}) });
  }

  /** The innermost section's value for a key. */
  private inherited<K extends keyof SectionContext>(key: K): SectionContext[K] | undefined {
    for (let i = this.sections.length - 1; i >= 0; i--) {
      const v = this.sections[i]![key];
      if (v !== undefined && (!Array.isArray(v) || v.length)) return v;
    }
    return undefined;
  }

  private objective(c: Candidate): void {
    const key = c.key ?? c.fields.find((f) => f.role === "code")?.raw ?? null;
    const title = c.fields.find((f) => f.role === "title" || f.role === "objective")?.raw ?? null;
    // An objective named again by its title alone, to hang its steps ("Cronoprogramma": quarter | objective |
    // activity): the one of that title read before, when exactly one has it.
    const byName = key === null && title !== null && !c.fresh && c.fields.every((f) => f.role === "title" || f.role === "objective") ? this.titled(title) : null;
    const earlier = key !== null && !c.fresh ? this.find(key, title) : byName;
    const o = earlier ?? this.open(c.where);
    if (earlier) this.conflicts(o, c.fields);
    // Printed twice (a summary row, then its card) in words alike: the fuller title is the objective's.
    if (earlier && title !== null && o.title !== null && title.length > o.title.length && !isCode(title)) o.title = title;
    this.fill("objective", o, c.fields);
    if (!earlier && o.title !== null) {
      const k = normalizeLabel(o.title);
      const list = this.byTitle.get(k);
      if (list) list.push(o);
      else this.byTitle.set(k, [o]);
    }
    if (o.id === null && key !== null) {
      o.id = codeValue(key);
      this.remember(o);
    }
    if (c.context?.kind && o.kind === null) o.kind = c.context.kind;
    this.inherit(o);
    this.cur = o;
    this.byCandidate.set(c, o);
  }

  private open(where: Where): Objective {
    const o = emptyObjective(where);
    this.index.set(o, this.objectives.length);
    this.objectives.push(o);
    return o;
  }

  /** The objective a code names, when the titles do not say it is another one (a duplicate code). */
  private find(key: string, title: string | null): Objective | null {
    const list = this.byKey.get(codeKey(codeValue(key)));
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const o = list[i]!;
      if (title === null || o.title === null || similar(o.title, title)) return o;
    }
    return null;
  }

  private remember(o: Objective): void {
    if (o.id === null) return;
    const k = codeKey(o.id);
    const list = this.byKey.get(k);
    if (!list) this.byKey.set(k, [o]);
    else if (!list.includes(o)) list.push(o);
  }

  private inherit(o: Objective): void {
    const unit = this.inherited("unit");
    const owner = this.inherited("owner");
    const kind = this.inherited("kind");
    const links = this.inherited("links");
    const given = this.fromSection.get(o) ?? new Set<string>();
    if (unit && o.unit === null) {
      o.unit = unit;
      given.add("unit");
    }
    if (owner && o.owner === null) {
      o.owner = owner;
      given.add("owner");
    }
    if (kind && o.kind === null) {
      o.kind = kind;
      given.add("kind");
    }
    if (given.size) this.fromSection.set(o, given);
    if (links) for (const l of links) if (!o.links.includes(l)) o.links.push(l);
  }

  /** A weight printed again for the same objective, differently: noted for `weight.conflict`. */
  private conflicts(o: Objective, fields: readonly Field[]): void {
    if (!o.weight || o.weight.value === null) return;
    const f = fields.find((x) => x.role === "weight");
    if (!f) return;
    const v = numberOf(f.raw);
    if (v === null || sameWeight(o.weight.value, v)) return;
    this.notes.push({
      code: "weight.conflict",
      objective: this.index.get(o)!,
      field: "weight",
      message: `objective ${o.id ?? ""} weighs ${o.weight.raw} in one place and ${f.raw} in another`.replace("  ", " "),
      raw: f.raw,
    });
  }

  /** The one objective read before with exactly this title (folded), or null. */
  private titled(title: string): Objective | null {
    const list = this.byTitle.get(normalizeLabel(title));
    return list?.length === 1 ? list[0]! : null;
  }

  /** The objective a name designates: by its title, a short name in its fields, or a short name of its title. */
  private named(name: string): Objective | null {
    const key = normalizeLabel(name);
    const exact = this.objectives.filter((o) => (o.title !== null && normalizeLabel(o.title) === key) || Object.values(o.extra).some((v) => normalizeLabel(v) === key));
    if (exact.length === 1) return exact[0]!;
    if (exact.length > 1 || !/\s/.test(name.trim())) return null;
    const k = referredTitle(name, this.objectives.map((x) => x.title));
    return k >= 0 ? this.objectives[k]! : null;
  }

  /** The objective a step, a KPI or more fields belong to. */
  private parentOf(c: Candidate): Objective | null {
    if (c.parent) {
      const p = this.byCandidate.get(c.parent);
      if (p && "steps" in p) return p;
    }
    if (c.parentKey) {
      const o = this.find(c.parentKey, null);
      if (o) {
        this.cur = o;
        return o;
      }
      // A key that is no code but an objective's title, a short name printed beside it, or a short name of
      // its title ("Liste d'attesa RSA" for "Riduzione dei tempi di inserimento in RSA …").
      if (!isCode(c.parentKey)) {
        const named = this.named(c.parentKey);
        if (named) {
          this.cur = named;
          return named;
        }
      }
      // A key naming no objective yet: the objective it names, opened bare.
      const fresh = this.open(c.where);
      fresh.id = codeValue(c.parentKey);
      this.remember(fresh);
      this.inherit(fresh);
      this.cur = fresh;
      return fresh;
    }
    if (c.kind === "step" && this.codeKeyed) {
      const o = this.codeParent(c);
      if (o) return (this.cur = o);
    }
    return this.cur;
  }

  /** The objective read before whose code a step's code extends ("CB-01.2" → CB-01), the nearest one. */
  private codeParent(c: Candidate): Objective | null {
    const code = c.fields.find((f) => f.role === "code")?.raw;
    if (!code) return null;
    for (let p = parentCode(code); p !== null; p = parentCode(p)) {
      const o = this.find(p, null);
      if (o) return o;
    }
    return null;
  }

  /**
   * A reading's steps keyed to objectives by their codes: a cronoprogramma or a phases' table listing the
   * phases of several objectives read before ("CB-01.1", "CB-01.2", "CB-02.1" after the cards of CB-01 …
   * CB-03), their codes naming two objectives or more. Each step then goes under the objective its code
   * names, each objective's in one run, in the objectives' order. (One step's code naming another objective
   * among the current one's steps is a misplaced code, left where it is printed and reported by the reconciler.)
   */
  beginReading(r: Reading): void {
    // The objectives named, run by run: a table of every objective's phases lists them in the objectives'
    // order, starting elsewhere than the current one (whose own list a misplaced code would break).
    const runs: Objective[] = [];
    for (const c of r.candidates) {
      if (c.kind !== "step" || c.parent || c.parentKey) continue;
      const o = this.codeParent(c);
      if (o && runs[runs.length - 1] !== o) runs.push(o);
    }
    const order = runs.map((o) => this.index.get(o)!);
    this.codeKeyed = runs.length >= 2 && runs[0] !== this.cur && order.every((k, i) => i === 0 || k > order[i - 1]!);
  }

  private step(c: Candidate): void {
    // "Indicatore: tempo medio di pagamento ≤ 30 giorni" where a step would be: the objective's indicator,
    // its date the objective's deadline.
    const told = c.fields.find((f) => f.role === "step" || f.role === "title" || f.role === "description");
    // (Or a row of a steps' table opening with the indicator's label in a cell of its own: "Indicatore | … | Target: 100%".)
    const labelCell = c.fields.find((f) => INDICATOR_LABEL.test(f.raw.trim()));
    const rowIndicator = labelCell && told && told !== labelCell ? INDICATOR_IN_STEP.exec(`Indicatore: ${told.raw.trim()}`) : null;
    const indicator = rowIndicator ?? (told ? INDICATOR_IN_STEP.exec(told.raw.trim()) : null);
    if (rowIndicator) {
      const o = this.parentOf(c);
      if (o) {
        const target = c.fields.map((f) => LABELLED_TARGET.exec(f.raw.trim())?.[1] ?? (f.role === "target" ? f.raw : null)).find((x) => x);
        const kpiFields: Field[] = [{ ...told!, role: "indicator", raw: rowIndicator[1]! }];
        if (target) kpiFields.push({ ...told!, role: "target", raw: target });
        this.fill("objective", o, kpiFields);
        return;
      }
    }
    if (indicator && !c.fields.some((f) => f.role === "code")) {
      const o = this.parentOf(c);
      if (o) {
        const [, text] = indicator;
        const m = NAME_THEN_THRESHOLD.exec(text!);
        const kpiFields: Field[] = [{ ...told!, role: "indicator", raw: m ? m[1]! : text! }];
        if (m) kpiFields.push({ ...told!, role: "target", raw: m[2]! });
        const dates = c.fields.filter((f) => f.role === "due");
        this.fill("objective", o, [...kpiFields, ...dates]);
        return;
      }
    }
    let o = this.parentOf(c);
    if (!o) {
      // Steps before any objective: an objective of their own, untitled (reported as structure.empty).
      o = this.open(c.where);
      this.inherit(o);
      this.cur = o;
    }
    const s = emptyStep(c.where);
    this.fill("step", s, markedStep(c.fields));
    if (s.title === null && s.id === null && s.kpi === null) return;
    o.steps.push(s);
    this.byCandidate.set(c, s);
  }

  private kpi(c: Candidate): void {
    const o = this.parentOf(c);
    if (!o) return;
    const k = newKpi();
    const where = c.where;
    for (const f of c.fields) this.kpiField(k, f, where);
    finishKpi(k, this.period);
    if (k.name === null && k.target === null) return;
    o.kpis.push(k);
  }

  private kpiField(k: Kpi & { where?: Where }, f: Field, where: Where): void {
    if (f.role === "baseline") {
      k.history ??= {};
      k.history.baseline = f.raw;
      return;
    }
    const field = applyField("kpi", k as unknown as Record<string, unknown>, f, this.period);
    if (field && f.cell?.bbox && !k.where) k.where = { page: where.page, line: where.line, ...(where.bbox ? { bbox: where.bbox } : {}) };
    if (field) traceCell(k as unknown as Record<string, unknown>, field, f.cell, f.page);
  }

  /**
   * Fields onto an objective or a step: KPI roles make its KPIs (an
   * indicator opens one; a target, a source … go to the last one), the rest
   * through the role → field table.
   */
  private fill(kind: RecordKind, rec: Objective | Step, fields: readonly Field[]): void {
    const target = rec as unknown as Record<string, unknown>;
    let kpi: Kpi | null = null;
    const kpis: Kpi[] = [];
    for (const f of fields) {
      if (f.role !== null && (KPI_ROLES.has(f.role) || f.role === "baseline")) {
        if (f.role === "indicator" || !kpi) {
          if (f.role !== "indicator" && kind === "objective" && "kpis" in rec && rec.kpis.length && !kpis.length) kpi = rec.kpis[rec.kpis.length - 1]!;
          else {
            kpi = newKpi();
            kpis.push(kpi);
          }
        }
        this.kpiField(kpi, f, rec.where);
        continue;
      }
      // The record's own unit, head or kind over the one its section gave it.
      const given = f.role !== null ? this.fromSection.get(rec as Objective) : undefined;
      if (given?.has(f.role!)) {
        target[f.role!] = null;
        given.delete(f.role!);
      }
      const field = applyField(kind, target, f, this.period);
      if (field) traceCell(target, field, f.cell, f.page);
    }
    for (const k of kpis) finishKpi(k, this.period);
    if ("kpis" in rec) {
      for (const k of kpis) if (k.name !== null || k.target !== null) rec.kpis.push(k);
      this.remember(rec);
    } else if (kpis.length) {
      (rec as Step).kpi ??= kpis[0]!;
    }
  }

  /** Blocks of plan-like content no recogniser read: reported, never dropped silently. */
  unread(block: Block, objectiveAt: number | null): void {
    const raw = firstLine(block);
    if (!planLike(block)) return;
    this.notes.push({
      code: "structure.unread",
      objective: objectiveAt,
      field: null,
      message: `a ${block.type === "labels" ? "label/value group" : block.type} at line ${block.where.line}${block.where.page !== null ? `, page ${block.where.page}` : ""} holds plan-like content that no recogniser read`,
      raw: raw.length > BINDER_SETTINGS.unreadRawLength ? raw.slice(0, BINDER_SETTINGS.unreadRawLength) : raw,
    });
  }

  currentIndex(): number | null {
    return this.cur ? (this.index.get(this.cur) ?? null) : null;
  }

  finish(): void {
    for (const o of this.objectives) {
      splitLeadingCode(o);
      for (const s of o.steps) {
        splitLeadingCode(s);
        if (s.due === null && s.kpi) s.due = dueFromKpi(s.kpi);
      }
      if (o.due === null) for (const k of o.kpis) o.due ??= dueFromKpi(k);
    }
  }
}

function sameWeight(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6 || Math.abs(a * 100 - b) < 1e-6 || Math.abs(b * 100 - a) < 1e-6;
}

function similar(a: string, b: string): boolean {
  // Alike as texts, or worded alike (a summary's title and a card's, reworded: most words shared by their stems).
  return alikeComparable(normalizeLabel(a), normalizeLabel(b), BINDER_SETTINGS.titleLikeness) || sharedWords(a, b) >= BINDER_SETTINGS.titleWordShare;
}

function firstLine(b: Block): string {
  switch (b.type) {
    case "table":
      return rowText((b.header[0] ?? b.body[0]?.row ?? b.rows[0])!);
    case "labels":
      return b.items.map((it) => (it.label ? `${it.label}: ${it.value}` : it.value)).join("; ");
    case "list":
      return `${b.items[0]?.marker ?? ""} ${b.items[0]?.text ?? ""}`.trim();
    default:
      return b.text;
  }
}

/** A block holding dates, weights, codes or objective words: content a reviewer must see if nothing read it. */
function planLike(b: Block): boolean {
  if (b.type === "heading" || b.type === "paragraph") return false;
  const texts: string[] =
    b.type === "table"
      ? b.rows.flatMap((r) => r.cells.map((c) => c.text))
      : b.type === "labels"
        ? b.items.flatMap((it) => [it.label, it.value])
        : b.items.map((it) => it.text);
  let hits = 0;
  for (const t of texts) {
    if (!t) continue;
    const k = classify(t);
    if (k === "date" || k === "code" || (k === "number" && /%/.test(t)) || looksLikeDate(t) || /\b(obiettiv|peso|scadenz|fase|fasi|indicator|target)\w*/i.test(t)) hits++;
    if (hits >= 2) return true;
  }
  return false;
}

/**
 * "3.1.1 Mappatura della domanda" in a title, no code given: the code printed
 * before the title is the record's id. Only a code with a separator or a list
 * number's dot before a capitalised word (a bare "2" may be a count).
 */
function splitLeadingCode(r: { id: string | null; title: string | null }): void {
  if (r.id !== null || r.title === null || r.title.length > 400 || !/^\S{0,23}\d/.test(r.title)) return;
  const dashed = /^(\S+?)\s*(?:\s[-–—]|:)\s+(\p{Lu}.*)$/u.exec(r.title);
  const m = dashed ?? /^(\S+)\s+(\p{Lu}.*)$/u.exec(r.title);
  if (!m || !isCode(m[1]!) || !(dashed || /[._-]/.test(m[1]!)) || looksLikeDate(m[1]!) || /^(19|20)\d\d\.?$/.test(m[1]!)) return;
  r.id = codeValue(m[1]!);
  r.title = m[2]!;
}

/** A cell holding only an indicator's label, and a cell giving the target after its label. */
const INDICATOR_LABEL = /^(?:indicatore|indicatori|kpi|misuratore)\s*:?$/iu;
const LABELLED_TARGET = /^(?:target|valore\s+atteso|valore\s+obiettivo)\s*:\s*(\S.*)$/iu;

/** A step's cell naming an indicator by its label: "Indicatore: …". */
const INDICATOR_IN_STEP = /^(?:indicatore|indicatori|kpi|misuratore)\s*:\s*(\S.*)$/iu;
/** An indicator's name, then its threshold: "tempo medio di pagamento ≤ 30 giorni". */
const NAME_THEN_THRESHOLD = /^(.*?\S)\s+((?:[<>≤≥]=?|=)\s*\d.*)$/u;

/** A step's marker: a letter, a Roman or Arabic number, a dotted number ("a", "iv", "2", "1.3"), maybe closed by "." or ")". */
const STEP_MARKER_RE = /^(?:[a-z]|[ivx]{1,4}|\d{1,3}(?:\.\d{1,3})*)[.)]?$/i;

/**
 * A step column holding only the step's marker ("Fase: a | Descrizione: Invio dei solleciti"): the marker is
 * its code and the description beside it its title.
 */
function markedStep(fields: readonly Field[]): readonly Field[] {
  if (fields.some((f) => f.role === "code")) return fields;
  const marker = fields.find((f) => f.role === "step" && STEP_MARKER_RE.test(f.raw.trim()));
  const text = fields.find((f) => f.role === "description" && f.raw.trim() !== "");
  if (!marker || !text) return fields;
  return fields.map((f) => (f === marker ? { ...f, role: "code" as const } : f === text ? { ...f, role: "step" as const } : f));
}

/** Binds the kept readings' candidates, in reading order, and reports the unread blocks. */
export function bind(blocks: readonly Block[], readings: readonly Reading[], unread: readonly number[], period: Period | null): Bound {
  const b = new Binder(period);
  const pending = [...unread].sort((x, y) => x - y);
  let u = 0;
  for (const r of readings) {
    const start = Math.min(...r.consumed);
    while (u < pending.length && pending[u]! < start) b.unread(blocks[pending[u++]!]!, b.currentIndex());
    b.beginReading(r);
    for (const c of r.candidates) b.bind(c);
  }
  while (u < pending.length) b.unread(blocks[pending[u++]!]!, b.currentIndex());
  b.finish();
  sectionNumbered(b.objectives);
  for (const o of b.objectives) describedOnly(o);
  scannedCodes(b.objectives);
  return { objectives: b.objectives, notes: b.notes };
}

/** Codes a scan misread (O for 0 among figures), folded where the document's other codes say so. */
function scannedCodes(objectives: Objective[]): void {
  const ids = foldScannedCodes(objectives.map((o) => o.id));
  objectives.forEach((o, k) => (o.id = ids[k]!));
  const steps = objectives.flatMap((o) => o.steps);
  const sids = foldScannedCodes(steps.map((s) => s.id));
  steps.forEach((s, k) => (s.id = sids[k]!));
}

/**
 * An objective whose only naming text is its description ("Descrizione: …" in a card with no title field):
 * the description is its title, as the contract's `description` is a longer text beside a title.
 */
function describedOnly(o: Objective): void {
  if ((o.title ?? "").trim() !== "" || (o.description ?? "").trim() === "") return;
  o.title = o.description;
  o.description = null;
}

/**
 * Objectives numbered 1, 2, 3 anew in each section of an upper level ("Obiettivo strategico 2" over rows
 * 1, 2, 3): the numbers repeat, so each is known by its section's code and its own ("2.3"), as the
 * document's reader calls it. Only when bare numbers repeat and every one sits under a level's code.
 */
function sectionNumbered(objectives: Objective[]): void {
  const bare = objectives.filter((o) => o.id !== null && /^\d{1,3}$/.test(o.id));
  const ids = bare.map((o) => o.id);
  if (bare.length < 2 || new Set(ids).size === ids.length || !bare.every((o) => o.links.length > 0)) return;
  for (const o of bare) o.id = `${o.links[o.links.length - 1]}.${o.id}`;
}
