/**
 * Transposed table: records are the columns. Down the first column the field
 * labels (`Descrizione`, `Struttura`, `Responsabile`, `Indicatore`, `Peso`,
 * `Scadenza`), across the first row each record's name or code (`Obiettivo 1`,
 * `OB.A`); each column read as a card (cards.ts), its labels the first
 * column's. A unit or head printed once across several records' columns (a
 * merged cell, empty in the columns it spans) is each of those records'.
 */
import type { LabelItem, TableBlock } from "../../doc/blocks.js";
import { matchRole } from "../../lexicon/match.js";
import { candidate, whereOf, type Context, type DocView, type Reading, type Recogniser } from "../candidates.js";
import type { Field } from "../fields.js";
import { codeAndTitle, labelFields, numberedOpener } from "./cards.js";
import { spanOf } from "../../blocks/index.js";

export const TRANSPOSED_SETTINGS = {
  /** The block builder already saw a label down the first column: the reading is sure. */
  score: 0.9,
  /** Roles a cell merged across record columns gives each of them. */
  spanning: new Set(["unit", "owner"]),
};

export const transposedTable: Recogniser = {
  name: "transposed-table",
  starts: new Set(["table"]),
  read(doc: DocView, at: number, _ctx: Context): Reading | null {
    const t = doc.blocks[at] as TableBlock;
    if (!t.transposed) return null;
    const head = t.header[0]!;
    const rows = t.body.map((b) => b.row);
    const candidates = [];
    for (let c = 1; c < t.width; c++) {
      const name = head.cells[c]?.text ?? "";
      const items: LabelItem[] = [];
      for (const r of rows) {
        const label = r.cells[0]?.text.replace(/\s*:$/, "") ?? "";
        let k = c;
        // Empty under a unit's or head's label: the cell merged from the record column on its left.
        if (!(r.cells[k]?.text ?? "") && TRANSPOSED_SETTINGS.spanning.has(matchRole(label, 0.75)?.role ?? "")) while (k > 1 && !(r.cells[k]?.text ?? "")) k--;
        const cell = r.cells[k] ?? null;
        if (!cell?.text) continue;
        items.push({ label, value: cell.text, cell, where: spanOf(r), row: r });
      }
      if (!name && items.length === 0) continue;
      const fields: Field[] = [...labelFields(items)];
      const f = (role: Field["role"], raw: string): Field => ({ role, raw, label: head.cells[0]?.text ?? "", year: null, cell: head.cells[c] ?? null, page: head.page });
      // The first row names the record: "Codice obiettivo | OB.A" is a label and its code; "| Obiettivo 1 |" a numbered name.
      const headLabel = head.cells[0]?.text ?? "";
      if (name) {
        const opener = numberedOpener(name);
        const split = codeAndTitle(name);
        if (headLabel) fields.unshift(...labelFields([{ label: headLabel, value: name, cell: head.cells[c] ?? null, where: spanOf(head), row: head }]));
        else if (opener) fields.unshift(f("code", opener.code), ...(opener.title ? [f("title", opener.title)] : []));
        else if (split.code) fields.unshift(f("code", split.code), ...(split.title ? [f("title", split.title)] : []));
        else fields.unshift(f("title", name));
      }
      // A description alone under a record with no title is its title.
      if (!fields.some((x) => x.role === "title" || x.role === "objective")) {
        const d = fields.find((x) => x.role === "description");
        if (d) d.role = "title";
      }
      const key = fields.find((x) => x.role === "code")?.raw ?? null;
      candidates.push(candidate("objective", at, whereOf(spanOf(head)), fields, { key }));
    }
    if (candidates.length === 0) return null;
    return { recogniser: this.name, score: TRANSPOSED_SETTINGS.score, consumed: [at], candidates, feature: "transposed-table" };
  },
};
