/**
 * Code checks: malformed codes, steps printed under the wrong objective, and
 * codes used twice. Everything goes through maps keyed by normalised code, so
 * the pass is linear in the number of objectives and steps.
 */
import type { PiaoDocument } from "../model/schema.js";
import type { IssueCollector } from "./issues.js";
import { objectivePath, ptr, stepPath } from "./pointer.js";
import { isUnderCode } from "../lexicon/codes.js";

/** A code's parts as printed, its letters counted ("B" 1, "A.1" 2, "OB.9-F6" 3). */
// (A slash parts a lettered code's levels too: "PS-1/a", "ZC/01/2".)
const rawParts = (code: string): number => code.split(/[._\- /]/).filter(Boolean).length;

/** Trim, fold spaces around dots (`1 . 2`), drop trailing dots (`1.2.`). */
export function normId(id: string): string {
  return id
    .trim()
    .replace(/\s*\.\s*/g, ".")
    .replace(/\.+$/, "");
}

const segments = (code: string): string[] => code.split(".");
const key = (code: string): string => code.toLowerCase();

/**
 * Well-formedness rule (id.malformed), applied to the normalised code:
 *  1. syntax: letters/digits runs joined by one separator (`.`, `_`, `-`, `/`
 *     or a single space). This rejects empty segments (`1..2`, `.1`) and
 *     trailing garbage (`1.2)`, `1.2 -`).
 *  2. structure: in a dotted code, a purely numeric segment of more than three
 *     digits that neither the parent objective's code nor any sibling code
 *     shares at the same position (`1005.1.4` among `5.1.1, 5.1.2, 5.1.3`
 *     under objective 5.1). Codes built on a year (`2024.1`, `2024.2`) share
 *     that segment with their siblings, so they pass; so do codes whose
 *     siblings mostly hold as many digits there (`0102.01`, `1005.01`).
 */
const SYNTAX = /^[\p{L}\p{N}]+(?:(?:[._\-/]| )[\p{L}\p{N}]+)*$/u;
const LONG_NUMBER = /^\d{4,}$/;

/** position → segment → how many codes of the sibling group carry it there. */
type SegmentCensus = Map<number, Map<string, number>>;

function census(codes: string[]): SegmentCensus {
  const c: SegmentCensus = new Map();
  for (const code of codes) {
    segments(code).forEach((seg, p) => {
      let at = c.get(p);
      if (!at) c.set(p, (at = new Map()));
      at.set(seg, (at.get(seg) ?? 0) + 1);
    });
  }
  return c;
}

/** Returns the reason a code is malformed, or null. */
function malformedReason(code: string, siblings: SegmentCensus, parent: string[] | null): string | null {
  if (code === "") return "it is empty";
  if (!SYNTAX.test(code)) {
    if (/\.\./.test(code) || code.startsWith(".")) return "it has an empty segment";
    return "it contains characters that do not belong to a code";
  }
  const segs = segments(code);
  if (segs.length < 2) return null;
  for (const [p, seg] of segs.entries()) {
    if (!LONG_NUMBER.test(seg)) continue;
    if (parent && parent[p] === seg) continue;
    // The code itself is counted in the census once: a sibling must add a second.
    if ((siblings.get(p)?.get(seg) ?? 0) >= 2) continue;
    // A scheme of long segments ("0102.01", "0108.01", "1005.01": a budget mission and programme): most siblings
    // hold as many digits there.
    const at = siblings.get(p);
    if (at) {
      let same = 0;
      let all = 0;
      for (const [s, n] of at) {
        all += n;
        if (s.length === seg.length && /^\d+$/.test(s)) same += n;
      }
      if (same >= 2 && same * 2 >= all) continue;
    }
    return `segment "${seg}" has ${seg.length} digits, unlike its siblings`;
  }
  return null;
}

/** An objective's code without the letters naming its kind ("OB.3" → "3", "A1" → "1"). */
function bareCode(code: string): string {
  return code.replace(/^\p{L}{1,4}[._ -]?(?=\d)/u, "");
}

/** The code a step would have under its objective: the objective's segments, then the step's own tail. */
function expectedUnder(objSegs: string[], stepSegs: string[]): string {
  return [...objSegs, ...stepSegs.slice(objSegs.length)].join(".");
}

export function checkIds(doc: PiaoDocument, out: IssueCollector): void {
  const objCodes = doc.objectives.map((o) => (o.id === null ? null : normId(o.id)));
  const objCensus = census(objCodes.filter((c): c is string => c !== null));

  const firstObjective = new Map<string, number>();
  const objKeys = new Set(objCodes.filter((c): c is string => c !== null && c !== "").map((c) => key(c)));
  // Multi-segment step codes carry their objective, so they must be unique in
  // the document; a bare `1`, `2`, … (or `AZ.1`, `F2`: a kind's letters and one number) is local numbering,
  // unique per objective only.
  const firstStep = new Map<string, { i: number; k: number }>();

  doc.objectives.forEach((o, i) => {
    const oCode = objCodes[i] ?? null;
    const oPath = objectivePath(i);

    if (o.id !== null && oCode !== null) {
      const why = malformedReason(oCode, objCensus, null);
      if (why) out.add("id.malformed", ptr(oPath, "id"), `objective code "${o.id}" is not a well-formed code: ${why}`, o.id);
      if (oCode !== "") {
        const prev = firstObjective.get(key(oCode));
        if (prev === undefined) firstObjective.set(key(oCode), i);
        else
          out.add(
            "id.duplicate",
            ptr(oPath, "id"),
            `objective code ${o.id} already used at ${objectivePath(prev)}`,
            o.id,
          );
      }
    }

    const objSegs = oCode ? segments(oCode) : null;
    const stepCodes = o.steps.map((s) => (s.id === null ? null : normId(s.id)));
    const siblings = census(stepCodes.filter((c): c is string => c !== null));

    o.steps.forEach((s, k) => {
      const code = stepCodes[k];
      if (s.id === null || code === null || code === undefined) return;
      const path = ptr(stepPath(i, k), "id");
      const segs = segments(code);

      const why = malformedReason(code, siblings, objSegs);
      if (why) {
        const under = o.id ? ` under objective ${o.id}` : "";
        const hint = objSegs && segs.length > objSegs.length ? `; position suggests ${expectedUnder(objSegs, segs)}` : "";
        out.add("id.malformed", path, `step code "${s.id}"${under} is not a well-formed code (${why}${hint})`, s.id);
      } else if (objSegs && oCode && (rawParts(code) > rawParts(oCode) || (bareCode(oCode) !== oCode && rawParts(bareCode(code)) > rawParts(bareCode(oCode))))) {
        // Belonging = the step code opens with the objective's code, whatever separates the parts ("OB.9-F6" is not OB.10's).
        // "OB.1", "A1": a letter prefix names the kind of code, its steps may be numbered 1.1, 1.1.a (and "2.3" is not OB.3's).
        const bare = bareCode(oCode);
        // (Steps may carry letters of their own: "F1.1" under "OBS-1".)
        const underBare = bare !== oCode && (isUnderCode(bare, code) || isUnderCode(bare, bareCode(code)));
        if (!isUnderCode(oCode, code) && !underBare) {
          out.add(
            "id.mismatch",
            path,
            `step ${code} is printed under objective ${oCode} (expected ${expectedUnder(objSegs, segs)})`,
            s.id,
          );
        }
      }

      if (code === "") return;
      // (A kind's letters and one number, "AZ.1", "F2", is local numbering too: it restarts under each objective;
      // unless the letters are an objective's code, "A.1" of objective A.)
      const prefix = code.slice(0, code.length - bareCode(code).length).replace(/[._ -]$/, "");
      // (A number of three digits or more is no local ordinal: an identifier a program gave, unique in the document.)
      const qualified = segments(bareCode(code)).length >= 2 || (prefix !== "" && objKeys.has(key(prefix))) || /^\d{3,}$/.test(code);
      const dupKey = qualified ? key(code) : `${i}\u0000${key(code)}`;
      const prev = firstStep.get(dupKey);
      if (!prev) {
        firstStep.set(dupKey, { i, k });
        return;
      }
      const owner = doc.objectives[prev.i]?.id;
      out.add(
        "id.duplicate",
        path,
        `step code ${code} already used at ${stepPath(prev.i, prev.k)}${owner ? ` (objective ${owner})` : ""}`,
        s.id,
      );
    });
  });
}
