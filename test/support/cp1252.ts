/** Encodes text as Windows-1252 (characters it cannot hold become "?"), to test encoding detection. */
import { CP1252_HIGH } from "../../src/extract/encoding.js";

const HIGH = new Map([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

export function encodeCp1252(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else out.push(code > 0x9f ? (HIGH.get(ch) ?? 0x3f) : 0x3f);
  }
  return Uint8Array.from(out);
}
