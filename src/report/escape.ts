/**
 * HTML built from a tagged template that escapes every interpolated value.
 * Document text is untrusted (a title may hold `<script>`); escaping by
 * default means a forgotten call cannot open a hole, and markup is passed on
 * only when it is already an `Html` value built the same way.
 */

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function emit(v: Part): string {
  if (v instanceof Html) return v.text;
  if (v === null || v === undefined || v === false || v === true) return "";
  if (Array.isArray(v)) return v.map(emit).join("");
  return escapeHtml(String(v));
}

/** `html\`<td>${text}</td>\``: strings and numbers escaped, Html kept, null/booleans dropped, arrays joined. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += emit(v) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup produced by trusted code (the report's own CSS and script). */
export function trusted(text: string): Html {
  return new Html(text);
}
