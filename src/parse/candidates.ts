/**
 * What recognisers hand the binder: candidate records, never finished objects.
 *
 * A recogniser is a pure function of the typed document (and of what the
 * readings before it opened): it reads one or more blocks and returns a
 * Reading — the candidates it saw there, the blocks it consumed and a score.
 * The registry keeps the best-scoring reading of each block; the binder turns
 * the kept candidates into objectives, steps and KPIs.
 */
import type { Block, Span } from "../doc/blocks.js";
import type { Period, Where } from "../model/schema.js";
import type { Field } from "./fields.js";
import type { Column } from "./columns.js";
import type { TableBlock } from "../doc/blocks.js";

export type CandidateKind =
  /** Opens an objective, or adds to the one its key names (a page's continuation, a summary row). */
  | "objective"
  | "step"
  | "kpi"
  /** More fields of the current objective (a detail table, labels after a card's table). */
  | "fields"
  /**
   * A section of the document: a heading or a row spanning a table naming the
   * unit, owner, kind or strategic line of the objectives under it. With no
   * context it only closes the sections below its level.
   */
  | "section";

export interface SectionContext {
  unit?: string;
  owner?: string;
  kind?: string;
  links?: string[];
}

export interface Candidate {
  kind: CandidateKind;
  fields: Field[];
  /** The record's own code (objectives: their id, to merge continuations and attach keyed children). */
  key: string | null;
  /** The code of the objective a step/KPI belongs to, when the layout names it (keyed tables). */
  parentKey: string | null;
  /** The objective candidate a step/KPI belongs to, when the same reading holds it (trees, rows). */
  parent: Candidate | null;
  where: Where;
  /** Index of the block the candidate was read from. */
  block: number;
  /** Objectives: open a new objective even when the key repeats (another title under the same code). */
  fresh?: boolean;
  /** Sections: their level (1–6 headings, 7 inside a table, 8 a label line); their context. */
  level?: number;
  context?: SectionContext;
}

export interface Reading {
  recogniser: string;
  /** How well the blocks fit the recogniser's pattern (0–1); the best reading of a block wins. */
  score: number;
  /** Indexes of the blocks this reading consumed (from the one it started at). */
  consumed: number[];
  candidates: Candidate[];
  /** Names the structure for `document.layout` ("code-tree-table", "paragraph-card"…). */
  feature: string;
}

/** What readings before a block opened, as recognisers may ask it. */
export interface Context {
  /** An objective is open, opened by a card (heading, labels), not by a table of objectives. */
  inCard: boolean;
  /** Any objective is open. */
  anyObjective: boolean;
  /** The code of the objective open now, if it has one. */
  currentKey: string | null;
  /**
   * Under a heading of another PIAO sub-section (anticorruption, organisation, training): the level of
   * that heading, else null. Only headings are read there, until one of the performance section's.
   */
  outside?: number | null;
  /** Titles of the objectives read so far (a later table may name them short). */
  titles?: string[];
  /** The codes of the objectives read so far (their keys), to tell a column of them from other codes. */
  keys?: Set<string>;
}

/** The document as recognisers see it: its blocks, the plan's years, and per-table columns (computed once). */
export interface DocView {
  blocks: readonly Block[];
  period: Period | null;
  columns(table: TableBlock): Column[];
}

export interface Recogniser {
  name: string;
  /** Block types it may start at. */
  starts: ReadonlySet<Block["type"]>;
  read(doc: DocView, at: number, ctx: Context): Reading | null;
}

export function whereOf(span: Span): Where {
  return span.bbox ? { page: span.page, line: span.line, bbox: span.bbox } : { page: span.page, line: span.line };
}

export function candidate(kind: CandidateKind, block: number, where: Where, fields: Field[] = [], extra: Partial<Candidate> = {}): Candidate {
  return { kind, fields, key: null, parentKey: null, parent: null, where, block, ...extra };
}

/**
 * A reading whose candidates are built only when asked: every table is offered
 * to each table recogniser, and only the best reading's records are needed.
 */
export function reading(recogniser: string, score: number, consumed: number[], feature: string, build: () => Candidate[]): Reading {
  return new LazyReading(recogniser, score, consumed, feature, build);
}

/**
 * (A class, not an object literal with a getter: each literal's getter is a closure of its own, held by a
 * shape of its own, which the young-generation collector keeps alive with all the getter reaches — the
 * document's records — until a full collection.)
 */
class LazyReading implements Reading {
  private built: Candidate[] | null = null;
  constructor(
    readonly recogniser: string,
    readonly score: number,
    readonly consumed: number[],
    readonly feature: string,
    private readonly build: () => Candidate[],
  ) {}
  get candidates(): Candidate[] {
    return (this.built ??= this.build());
  }
}
