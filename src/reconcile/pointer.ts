/** JSON Pointer (RFC 6901) helpers. */

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (in that order). */
export function escapeToken(token: string): string {
  // Most tokens are field names and indices: nothing to escape, no regex run.
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Joins a base pointer and raw (unescaped) tokens. */
export function ptr(base: string, ...tokens: (string | number)[]): string {
  let out = base;
  for (const t of tokens) out += "/" + escapeToken(String(t));
  return out;
}

export const objectivePath = (i: number): string => `/objectives/${i}`;
export const stepPath = (i: number, k: number): string => `/objectives/${i}/steps/${k}`;
