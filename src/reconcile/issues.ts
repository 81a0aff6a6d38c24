/**
 * The issue catalogue and the collector every check writes into.
 *
 * Severities live here, once, so a check cannot drift from the contract's
 * table; the collector also owns the output order.
 */
import type { Issue, Severity } from "../model/schema.js";

/** Codes in the contract's table order; this order also breaks ties when sorting. */
export const SEVERITY = {
  "weight.sum": "error",
  "weight.year-share": "warning",
  "weight.objectives-sum": "warning",
  "weight.malformed": "error",
  "weight.conflict": "error",
  "date.invalid": "error",
  "date.two-digit-year": "info",
  "date.unparsed": "warning",
  "date.out-of-period": "warning",
  "id.mismatch": "warning",
  "id.duplicate": "warning",
  "id.malformed": "warning",
  "text.encoding": "warning",
  "ocr.low-confidence": "warning",
  "structure.empty": "warning",
  "structure.unread": "info",
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof SEVERITY;

const CODE_RANK = new Map<string, number>(Object.keys(SEVERITY).map((c, i) => [c, i]));

interface Pending {
  issue: Issue;
  seq: number;
}

export class IssueCollector {
  private readonly pending: Pending[] = [];

  add(code: IssueCode, path: string, message: string, raw: string | null = null): void {
    this.pending.push({
      issue: { code, severity: SEVERITY[code], path, message, raw },
      seq: this.pending.length,
    });
  }

  get issues(): readonly Issue[] {
    return this.pending.map((p) => p.issue);
  }

  /**
   * Document order of the objects (objective, then its own fields before its
   * steps, then step by step), then the contract's code order, then the order
   * the checks raised them. Issues about the whole document (path "") go last:
   * they are summaries, read after the per-object findings.
   */
  sorted(): Issue[] {
    const keyed = this.pending.map((p) => ({ p, k: sortKey(p.issue.path) }));
    keyed.sort(
      (a, b) =>
        a.k[0] - b.k[0] ||
        a.k[1] - b.k[1] ||
        (CODE_RANK.get(a.p.issue.code) ?? 99) - (CODE_RANK.get(b.p.issue.code) ?? 99) ||
        a.p.seq - b.p.seq,
    );
    return keyed.map((x) => x.p.issue);
  }
}

const OBJECT_PATH = /^\/objectives\/(\d+)(?:\/steps\/(\d+))?/;

function sortKey(path: string): [number, number] {
  const m = OBJECT_PATH.exec(path);
  if (!m) return [Number.MAX_SAFE_INTEGER, 0];
  return [Number(m[1]), m[2] === undefined ? -1 : Number(m[2])];
}
