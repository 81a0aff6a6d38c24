/**
 * What the record engine (src/parse) saw but could not put in a record, for
 * the reconciler (src/reconcile) to report as issues: both stages import it
 * from here.
 */
export interface ParseNote {
  code: "structure.unread" | "weight.conflict";
  /** Index of the objective the finding sits under, or null for the document. */
  objective: number | null;
  /** The objective's field concerned, or null for the objective itself. */
  field: string | null;
  message: string;
  raw: string | null;
}
