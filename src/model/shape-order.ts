/**
 * Whether zod's parse of a valid value would give it back as it is: the same
 * keys in the same order, at every depth. A z.object's parse builds a new
 * object of the shape's keys in the shape's order (dropping keys it does not
 * know); arrays, records and tuples are rebuilt item for item, and nothing in
 * the contract transforms a value. So when every object's keys are the
 * shape's, in its order (optional ones may be absent), the parsed copy
 * serialises byte for byte as the value itself, and building it can be skipped.
 */
import { z } from "zod";
import { PiaoDocument } from "./schema.js";

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
}

/** A value's test against one schema; null for a value copied as it is (strings, numbers, enums, literals, tuples of numbers). */
type Check = ((value: unknown) => boolean) | null;

const hasOwn = Object.prototype.hasOwnProperty;
const NEVER: Check = () => false;

/** The schema's test, made once: walking zod's definitions for every value would cost as much as the parse. */
function checkOf(schema: z.ZodType): Check {
  const def = schema.def as unknown as Def;
  switch (def.type) {
    case "object": {
      const keys = Object.keys(def.shape!);
      const checks = keys.map((k) => checkOf(def.shape![k]!));
      return (value) => {
        if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
        const o = value as Record<string, unknown>;
        let at = 0;
        for (const k in o) {
          if (!hasOwn.call(o, k)) return false;
          while (at < keys.length && keys[at] !== k) at++;
          if (at === keys.length) return false;
          const check = checks[at];
          if (check && !check(o[k])) return false;
          at++;
        }
        return true;
      };
    }
    case "array": {
      const check = checkOf(def.element!);
      return (value) => {
        if (!Array.isArray(value)) return false;
        if (check) for (const item of value) if (!check(item)) return false;
        return true;
      };
    }
    case "nullable":
    case "optional": {
      const check = checkOf(def.innerType!);
      const none = def.type === "nullable" ? null : undefined;
      return check ? (value) => value === none || check(value) : null;
    }
    case "record": {
      const check = checkOf(def.valueType!);
      return (value) => {
        if (typeof value !== "object" || value === null) return false;
        const o = value as Record<string, unknown>;
        for (const k in o) if (!hasOwn.call(o, k) || (check && !check(o[k]))) return false;
        return true;
      };
    }
    case "string":
    case "number":
    case "enum":
    case "literal":
    case "tuple":
      return null;
    // Any other kind of schema: not known to be copied as it is.
    default:
      return NEVER;
  }
}

const checks = new WeakMap<z.ZodType, Check>();

export function inShapeOrder(value: unknown, schema: z.ZodType): boolean {
  let check = checks.get(schema);
  if (check === undefined) checks.set(schema, (check = checkOf(schema)));
  return check === null || check(value);
}

/**
 * The contract's schema compiled (zod's `compile`): its `validate` answers as `safeParse(…).success` does,
 * without building the parsed copy.
 */
const COMPILED = z.compile(PiaoDocument);

/** Whether the parse of this draft would succeed and give back a copy serialising as the draft itself. */
export function validAsItIs(draft: unknown): boolean {
  return COMPILED.validate(draft) && inShapeOrder(draft, PiaoDocument);
}
