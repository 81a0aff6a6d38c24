/**
 * Objective list: a list whose items are the objectives themselves, each
 * with its inline fields (`1. Titolo – peso 25% – Servizio X – resp. Dott.
 * Y`), the items nested under each being its steps (`– censimento … – entro
 * il II trimestre`, `4.1 …`) and its indicators, wherever they are set under
 * it (`indicatore: … – valore atteso: …`). A list number opening the item is
 * the objective's number; a bullet gives none.
 */
import type { ListBlock, ListItem } from "../../doc/blocks.js";
import { isUnderCode } from "../../lexicon/codes.js";
import { candidate, reading, whereOf, type Candidate, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import { KPI_ROLES, type Field } from "../fields.js";
import { readInline, type InlineReading } from "../inline.js";
import { listSteps } from "./step-list.js";
import { titleAndProse } from "../prose.js";

export const OBJECTIVE_LIST_SETTINGS = {
  /** Above the step list's score: items carrying an objective's own fields, their steps under them. */
  score: 0.75,
  /** Share of the top items that must read as objectives (a title and a weight, an owner or a unit). */
  minObjectiveShare: 0.5,
  /** Share of the top items with items nested under them, when an objective is already open above the list. */
  minParentShare: 0.5,
};

/** Fields that make a top item an objective rather than a phase of one. */
const OBJECTIVE_SIGNS = new Set(["weight", "owner", "unit"]);

function isObjectiveItem(r: InlineReading): boolean {
  return r.title !== "" && r.fields.some((f) => OBJECTIVE_SIGNS.has(f.role));
}

/** An indicator's line ("indicatore: … – valore atteso: …"): its fields labelled, an indicator among them. */
function indicatorLine(r: InlineReading): boolean {
  return r.title === "" && r.fields.some((f) => f.role === "indicator" && f.label !== "") && r.fields.every((f) => KPI_ROLES.has(f.role) || f.role === "extra");
}

/** A line of fields only, an objective's (a weight, a head or an office among them). */
function fieldLine(r: InlineReading): boolean {
  return r.title === "" && r.fields.length >= 2 && r.fields.some((f) => OBJECTIVE_SIGNS.has(f.role));
}

function fieldsOf(r: InlineReading, it: ListItem): Field[] {
  return r.fields.map((x) => ({ role: x.role === "extra" ? null : x.role, raw: x.raw, label: x.role === "extra" ? "" : x.label, year: null, cell: it.cell, page: it.where.page }));
}

export function objectiveListCandidates(b: ListBlock, at: number, tops: readonly InlineReading[]): Candidate[] {
  const out: Candidate[] = [];
  let t = 0;
  for (let k = 0; k < b.items.length; ) {
    const it = b.items[k]!;
    const r = tops[t++]!;
    const f = (role: Field["role"], raw: string): Field => ({ role, raw, label: "", year: null, cell: it.cell, page: it.where.page });
    const fields: Field[] = [];
    // The item's own code ("UV-01 – Titolo") or the list's number ("1.").
    const code = r.code ?? (it.ordinal !== null && /^\d+(?:\.\d+)*$/.test(it.ordinal) ? it.ordinal : null);
    if (code) fields.push(f("code", code));
    // "Titolo. Descrizione …": the first sentence titles the objective, the sentences after it describe it.
    const told = titleAndProse(r.title);
    if (told) fields.push(f("title", told.title.replace(/\.$/, "")), f("description", told.prose));
    else fields.push(f("title", r.title));
    fields.push(...fieldsOf(r, it));
    const obj = candidate("objective", at, whereOf(it.where), fields, { key: code });
    out.push(obj);
    const children: ListItem[] = [];
    const kpis: Candidate[] = [];
    for (k++; k < b.items.length && b.items[k]!.depth > 0; k++) {
      const child = b.items[k]!;
      const cr = readInline(child.text);
      if (indicatorLine(cr)) kpis.push(candidate("kpi", at, whereOf(child.where), fieldsOf(cr, child), { parent: obj }));
      // A line of the objective's own labelled fields under it ("Ponderazione: 20 %; termine: …"): its fields.
      else if (child.marker === "" && fieldLine(cr)) obj.fields.push(...fieldsOf(cr, child));
      else children.push({ ...child, depth: child.depth - 1 });
    }
    if (children.length) {
      const steps = listSteps({ ...b, items: children }, at);
      for (const s of steps) s.parent = obj;
      out.push(...steps);
    }
    out.push(...kpis);
  }
  return out;
}

export const objectiveList: Recogniser = {
  name: "objective-list",
  starts: new Set(["list"]),
  read(doc: DocView, at: number, ctx: Context): Reading | null {
    // A list under an objective's card is that objective's (its steps, read by the step list).
    if (ctx.inCard) return null;
    const b = doc.blocks[at] as ListBlock;
    // The list opens with an objective: its first item at the top.
    if (b.items.length === 0 || b.items[0]!.depth !== 0) return null;
    const top = b.items.filter((it) => it.depth === 0);
    // Items numbered under the open objective's code (1.1, 1.2 under objective 1) are its steps.
    if (ctx.currentKey !== null && top.every((it) => it.ordinal !== null && isUnderCode(ctx.currentKey!, it.ordinal))) return null;
    // Each top item read with the lines of its own fields set under it.
    const tops = b.items.flatMap((it, k) => {
      if (it.depth !== 0) return [];
      const r = readInline(it.text);
      for (let c = k + 1; c < b.items.length && b.items[c]!.depth > 0; c++) {
        const cr = readInline(b.items[c]!.text);
        if (b.items[c]!.marker === "" && fieldLine(cr)) r.fields.push(...cr.fields);
      }
      return [r];
    });
    if (tops.filter(isObjectiveItem).length < Math.max(1, OBJECTIVE_LIST_SETTINGS.minObjectiveShare * top.length)) return null;
    // Under an objective open above, items with a weight or an owner may be its phases: only a list whose items
    // hold phases of their own (dated or weighted) or indicators is one of objectives. (Undated lines under an
    // item are its detail.)
    let parents = 0;
    for (let k = 0; k < b.items.length; k++) {
      if (b.items[k]!.depth !== 0) continue;
      let phases = 0;
      for (let c = k + 1; c < b.items.length && b.items[c]!.depth > 0; c++) {
        const r = readInline(b.items[c]!.text);
        if (indicatorLine(r) || r.fields.some((f) => f.role === "due" || f.role === "weight")) phases++;
      }
      if (phases > 0) parents++;
    }
    if ((ctx.anyObjective || parents > 0) && parents < OBJECTIVE_LIST_SETTINGS.minParentShare * top.length) return null;
    return reading(this.name, OBJECTIVE_LIST_SETTINGS.score, [at], "objective-list", () => objectiveListCandidates(b, at, tops));
  },
};
