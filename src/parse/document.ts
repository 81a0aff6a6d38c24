/**
 * Document-level facts: title, plan period, administration. Read from the
 * first lines (title page) with general Italian patterns.
 */
import type { Row } from "../doc/source.js";
import type { Period } from "../model/schema.js";
import { wordCount } from "../util/text.js";

export interface DocumentFacts {
  title: string | null;
  period: Period | null;
  /**
   * The one year a title names without calling it the period ("Piano degli
   * obiettivi 2025"): dates without a year borrow it, no deadline is checked against it.
   */
  year: number | null;
  entity: string | null;
  extra: Record<string, string>;
}

const RANGE_RE = /\b(20\d\d)\s*(?:[-–/_]|\s)\s*(20\d\d)\b/;
const SHORT_RANGE_RE = /\b(20\d\d)\s*[-–/]\s*(\d\d)\b/;
const YEAR_RE = /\b(?:anno|annualit[aà]'?|esercizio)\s+(20\d\d)\b/i;
// Names may run on over a joining word ("Azienda Speciale Servizi alla Persona …"); generic
// nouns that prose uses of other bodies (Ente, Istituto, Agenzia) are left out.
const ENTITY_RE =
  /\b((?:Comune|Citt[aà] metropolitana|Provincia|Unione(?: (?:dei Comuni|[Mm]ontana))?|Regione|Consorzio|Comunit[aà] montana|Azienda|Camera di commercio|Universit[aà])(?: degli Studi)? (?:di |del |della |dell'|dei |degli |delle )?[A-ZÀ-Ý][\wÀ-ÿ'’]+(?: (?:(?:di|del|della|dei|degli|delle|alla|alle|per|e) )?[A-ZÀ-Ý"“«][\wÀ-ÿ'’"”»]+){0,4})/;

/** The same names set in capitals on a title page ("PROVINCIA DI ROCCALTA"): the preposition is required, capitals run on. */
const ENTITY_UPPER_RE =
  /\b((?:COMUNE|CITT[AÀ]'? METROPOLITANA|PROVINCIA|UNIONE(?: DEI COMUNI)?|REGIONE|CONSORZIO|COMUNIT[AÀ]'? MONTANA|CAMERA DI COMMERCIO|UNIVERSIT[AÀ]'?)(?: DEGLI STUDI)? (?:DI |DEL |DELLA |DELL'|DEI )[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?: [A-ZÀ-Ý][A-ZÀ-Ý'’]+){0,3})(?![\wÀ-ÿ])/;

/**
 * Every name ENTITY_RE or ENTITY_UPPER_RE reads opens with one of these words (its first word, up to a space):
 * a text holding none of them names no administration. Cells are joined with a space, so a row's name opens
 * inside one of its cells; rows none of whose cells holds one are passed over without joining their cells.
 */
export const ENTITY_OPENING_RE = /Comun|Citt|Provincia|Unione|Regione|Consorzio|Azienda|Camera|Universit|COMUN|CITT|PROVINCIA|UNIONE|REGIONE|CONSORZIO|CAMERA|UNIVERSIT/;

/** @internal The administration's name a line gives, if any (exported for the filter's test). */
export function entityIn(t: string): string | null {
  const m = ENTITY_RE.exec(t) ?? ENTITY_UPPER_RE.exec(t);
  return m ? m[1]! : null;
}

function periodIn(text: string): Period | null {
  const r = RANGE_RE.exec(text);
  if (r) {
    const from = Number(r[1]);
    const to = Number(r[2]);
    if (to >= from && to - from <= 5) return { from, to };
  }
  const s = SHORT_RANGE_RE.exec(text);
  if (s) {
    const from = Number(s[1]);
    const to = Math.floor(from / 100) * 100 + Number(s[2]);
    if (to >= from && to - from <= 5) return { from, to };
  }
  const y = YEAR_RE.exec(text);
  if (y) return { from: Number(y[1]), to: Number(y[1]) };
  return null;
}

/** The first lines of a document, where its plan's title is printed. */
const PLAN_LINES = 8;

/** A plan's title naming one year ("Piano degli obiettivi 2025"). */
const TITLE_YEAR_RE = /\b(?:piano|obiettivi|performance|piao|peg|pdo)\b[^.]*?\b(20\d\d)\b(?!\s*[-–/]\s*\d)/i;

function titleYear(title: string): number | null {
  const m = TITLE_YEAR_RE.exec(title);
  return m ? Number(m[1]) : null;
}

// One cell (a text line) is its text: no array built for every line of a long document.
const lineText = (r: Row) => (r.cells.length === 1 ? r.cells[0]!.text : r.cells.map((c) => c.text).filter(Boolean).join(" "));

/** Whether a cell of the row holds an entity's opening word (a plain loop: no closure a row). */
function holdsEntityOpening(r: Row): boolean {
  for (const c of r.cells) if (ENTITY_OPENING_RE.test(c.text)) return true;
  return false;
}

export function documentFacts(rows: Row[], runningHead: readonly string[] = []): DocumentFacts {
  const head = rows.slice(0, 80).filter((r) => r.kind !== "blank");
  // Title: the first heading or bold paragraph near the top, else the first lines.
  let title: string | null = null;
  const firstStrong = head.findIndex((r) => r.kind === "text" && (r.heading !== undefined || r.cells.every((c) => c.bold)));
  if (firstStrong >= 0 && firstStrong < 12) {
    const parts: string[] = [];
    for (let i = firstStrong; i < head.length && parts.length < 8; i++) {
      const r = head[i]!;
      if (r.kind !== "text" || !(r.heading !== undefined || r.cells.every((c) => c.bold))) break;
      parts.push(lineText(r));
      if (r.heading !== undefined) break;
    }
    title = parts.join(" ");
  } else {
    const lead = head.slice(0, 3).filter((r) => r.kind === "text" && lineText(r).length < 120);
    title = lead.length ? lead.map(lineText).join(" - ") : null;
  }
  // Period: in the title first, then in the top of the document.
  let period = title ? periodIn(title) : null;
  // (A report's running head, "Comune di X – PIAO 2026-2028", names the plan over every page: read before the body.)
  for (let i = 0; !period && i < runningHead.length; i++) period = periodIn(runningHead[i]!);
  if (!period) {
    for (const r of head) {
      period = periodIn(lineText(r));
      if (period) break;
    }
  }
  // Entity: the most frequent "Comune di X" style name in the document.
  const counts = new Map<string, number>();
  for (let i = 0; i < rows.length && i < 2000; i++) {
    const r = rows[i]!;
    if (!holdsEntityOpening(r)) continue;
    const t = lineText(r);
    if (!t) continue;
    const name = entityIn(t);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const t of runningHead) {
    const name = ENTITY_OPENING_RE.test(t) ? entityIn(t) : null;
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let entity: string | null = null;
  let best = 0;
  for (const [k, n] of counts) if (n > best) [entity, best] = [k, n];
  // Label/value pairs printed above the first table ("Vista", "Livello") describe the document.
  const extra: Record<string, string> = {};
  for (const r of head.slice(0, 25)) {
    const ne = r.cells.filter((c) => c.text !== "");
    if (r.kind === "table" && ne.length === 2 && wordCount(ne[0]!.text) <= 4 && ne[0]!.bold) {
      extra[ne[0]!.text] = ne[1]!.text;
    }
  }
  // A plan's year named in its title, or in one of the first lines naming the plan ("Piano degli obiettivi (PDO) 2024"
  // under the administration's name).
  let year: number | null = null;
  if (period === null) {
    year = title ? titleYear(title) : null;
    for (let i = 0; year === null && i < Math.min(head.length, PLAN_LINES); i++) if (head[i]!.kind === "text") year = titleYear(lineText(head[i]!));
  }
  return { title, period, year, entity, extra };
}
