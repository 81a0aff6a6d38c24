/**
 * Step list: the phases of the objective above as a numbered, lettered or
 * bulleted list, each item's inline fields read by parse/inline.ts
 * (`1. Adozione degli atti: entro il 30/09/2026; peso 30 %`, `a) Collaudo –
 * Resp.: Ing. Rita Sala – 30%`). A list marker is no code; a code printed in
 * the item's text is. Items nested under an item are its detail, not steps.
 * A list led as indicators ("Indicatori") holds the objective's KPIs instead.
 */
import type { Block, ListBlock } from "../../doc/blocks.js";
import { matchRole } from "../../lexicon/match.js";
import { isUnderCode } from "../../lexicon/codes.js";
import { candidate, whereOf, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Field } from "../fields.js";
import { readInline } from "../inline.js";
import { splitDeadline } from "../prose.js";

export const STEP_LIST_SETTINGS = {
  score: 0.7,
  /** Share of the items with an inline deadline or weight that makes a list of steps without a lead line. */
  minDatedShare: 0.5,
  /** Extra key of the detail nested under an item. */
  detailKey: "Dettaglio",
};

/** The line before the list says it holds steps ("Fasi:", "Cronoprogramma", "Azioni previste"). */
function ledAsSteps(prev: Block | undefined): boolean {
  const role = leadRole(prev);
  return role === "step" || role === "due";
}

/** The role the line before a list names ("Fasi:" → step, "Indicatori" → indicator), or null. */
function leadRole(prev: Block | undefined): string | null {
  if (!prev) return null;
  const text =
    prev.type === "heading" || prev.type === "paragraph"
      ? prev.text
      : prev.type === "labels" && prev.items.length > 0 && !prev.items[prev.items.length - 1]!.value
        ? prev.items[prev.items.length - 1]!.label
        : "";
  if (!text || text.length > 80) return null;
  return matchRole(text.replace(/:$/, ""), 0.75)?.role ?? null;
}

/**
 * Items of a list led as indicators ("Indicatori" over "▪ km di viali manutenuti – valore 2024: 118 – target
 * 2026: 160"): each the indicator its text names, its inline fields the KPI's (a year's value its history).
 */
export function listKpis(b: ListBlock, at: number): Candidate[] {
  const out: Candidate[] = [];
  for (const it of b.items) {
    if (it.depth > 0) continue;
    const r = readInline(it.text);
    const f = (role: Field["role"], raw: string, label = "", year: number | null = null): Field => ({ role, raw, label, year, cell: it.cell, page: it.where.page });
    const fields: Field[] = [];
    if (r.title) fields.push(f("indicator", r.title));
    for (const x of r.fields) fields.push(f(x.role === "extra" ? null : x.role, x.raw, x.role === "extra" ? "" : x.label, x.year ?? null));
    if (fields.some((x) => x.role === "indicator")) out.push(candidate("kpi", at, whereOf(it.where), fields));
  }
  return out;
}

export function listSteps(b: ListBlock, at: number): Candidate[] {
  const out: Candidate[] = [];
  let last: Candidate | null = null;
  const details = new Map<Candidate, string[]>();
  for (const it of b.items) {
    if (it.depth > 0 && last) {
      // A nested item labelled as a field of the step ("peso: 30%", "responsabile: …") is that field; others are detail.
      const nested = readInline(it.text);
      const labelled = nested.title === "" && nested.fields.length > 0 && nested.fields.every((x) => x.label !== "" && x.role !== "extra");
      if (labelled) for (const x of nested.fields) last.fields.push({ role: x.role, raw: x.raw, label: x.label, year: null, cell: it.cell, page: it.where.page });
      else details.get(last)!.push(it.text);
      continue;
    }
    const inline = readInline(it.text);
    const fields: Field[] = [];
    const f = (role: Field["role"], raw: string, label = ""): Field => ({ role, raw, label, year: null, cell: it.cell, page: it.where.page });
    // A list number is no code; a dotted code opening the item ("1.2 Adozione …") is.
    const code = inline.code ?? (/\d[._]\d/.test(it.ordinal ?? "") ? it.ordinal : null);
    if (code) fields.push(f("code", code));
    // A deadline the item ends on, no separator before it: the step's deadline. A sentence ("1.1 Censimento …
    // entro il 31 maggio 2025.") stays its title as printed; a phrase with no full stop ("posa delle
    // fototrappole entro il 31/03/2026") is titled without it, as a separator would have parted it.
    const told = inline.fields.some((x) => x.role === "due") ? null : splitDeadline(inline.title.replace(/\.$/, ""));
    const title = told && !/\.$/.test(inline.title.trim()) ? told.title : inline.title;
    if (title) fields.push(f("step", title));
    for (const x of inline.fields) fields.push(f(x.role === "extra" ? null : x.role, x.raw, x.role === "extra" ? "" : x.label));
    if (told) fields.push(f("due", told.due));
    last = candidate("step", at, whereOf(it.where), fields);
    details.set(last, []);
    out.push(last);
  }
  for (const [c, d] of details) {
    if (d.length) c.fields.push({ role: null, raw: d.join("; "), label: STEP_LIST_SETTINGS.detailKey, year: null, cell: null, page: c.where.page });
  }
  return out;
}

/** An item with its own deadline or weight: an inline field, or a deadline its sentence ends on ("… entro il 31/03/2026"). */
function itemDated(text: string): boolean {
  const inline = readInline(text);
  return inline.fields.some((f) => f.role === "due" || f.role === "weight") || splitDeadline(inline.title.replace(/\.$/, "")) !== null;
}

export const stepList: Recogniser = {
  name: "step-list",
  starts: new Set(["list"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    if (!ctx.anyObjective) return null;
    const b = doc.blocks[at] as ListBlock;
    const top = b.items.filter((it) => it.depth === 0);
    if (top.length === 0) return null;
    if (leadRole(doc.blocks[at - 1]) === "indicator") return { recogniser: this.name, score: STEP_LIST_SETTINGS.score, consumed: [at], candidates: listKpis(b, at), feature: "kpi-list" };
    // One line numbered as the outline numbers its sections ("2.2.3 Personale … (al 01/01/2025)"), not under
    // the open objective's code: the document's next section, no step of it.
    const only = top.length === 1 ? top[0]!.ordinal : null;
    if (only && /^\d+(?:\.\d+)+\.?$/.test(only) && ctx.currentKey && !isUnderCode(ctx.currentKey, only)) return null;
    const dated = top.filter((it) => itemDated(it.text)).length / top.length;
    // Items numbered under the open objective's code (1.1, 1.2 under objective 1) are its steps, dated or not.
    const under = ctx.currentKey !== null && top.every((it) => it.ordinal !== null && isUnderCode(ctx.currentKey!, it.ordinal));
    if (!under && !ledAsSteps(doc.blocks[at - 1]) && dated < STEP_LIST_SETTINGS.minDatedShare) return null;
    return { recogniser: this.name, score: STEP_LIST_SETTINGS.score, consumed: [at], candidates: listSteps(b, at), feature: "step-list" };
  },
};
