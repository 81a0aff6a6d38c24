/**
 * The words sidecar `<name>.words.json`: the positioned OCR words of a
 * converted scan, written beside its JSON so that `report` can be re-run
 * later without OCR'ing again. Tied to its source by sha256; read back as
 * untrusted input (validated, with a message naming the file).
 */
import { z } from "zod";
import type { PageWords } from "../doc/source.js";

export const WORDS_SCHEMA = "piao-words/1" as const;

const finite = z.number().finite();

const WordsFile = z.object({
  schema: z.literal(WORDS_SCHEMA),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.array(
    z.object({
      page: z.number().int().positive(),
      width: finite.positive(),
      height: finite.positive(),
      words: z.array(
        z.object({
          text: z.string(),
          bbox: z.tuple([finite, finite, finite, finite]),
          conf: finite.min(0).max(100).optional(),
        }),
      ),
      skew: finite.min(-45).max(45).optional(),
      turn: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional(),
    }),
  ),
});
export type WordsFile = z.infer<typeof WordsFile>;

/** `dir/a~2.json` → `dir/a~2.words.json`. */
export function wordsPathFor(jsonPath: string): string {
  return jsonPath.replace(/(\.json)?$/i, ".words.json");
}

/** Coordinates rounded to 0.01 pt: finer than any scan's pixel, and a much smaller file. */
export function wordsJson(file: string, sha256: string, pages: readonly PageWords[]): string {
  const r = (n: number) => Math.round(n * 100) / 100;
  const doc: WordsFile = {
    schema: WORDS_SCHEMA,
    file,
    sha256,
    pages: pages.map((p) => ({
      page: p.page,
      width: r(p.width),
      height: r(p.height),
      words: p.words.map((w) => ({
        text: w.text,
        bbox: [r(w.bbox[0]), r(w.bbox[1]), r(w.bbox[2]), r(w.bbox[3])],
        ...(w.conf !== undefined ? { conf: r(w.conf) } : {}),
      })),
      ...(p.turn !== undefined ? { turn: p.turn } : {}),
      ...(p.skew !== undefined ? { skew: p.skew } : {}),
    })),
  };
  return JSON.stringify(doc) + "\n";
}

/** Parses a sidecar; throws an Error saying what is wrong with it. */
export function parseWordsFile(text: string, name: string): WordsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not JSON (${(e as Error).message})`);
  }
  const checked = WordsFile.safeParse(json);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new Error(`${name}: not a ${WORDS_SCHEMA} words file (${first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "invalid"})`);
  }
  return checked.data;
}

/** True when the parsed JSON is a words sidecar rather than a converted document. */
export function isWordsFile(json: unknown): boolean {
  return typeof json === "object" && json !== null && (json as { schema?: unknown }).schema === WORDS_SCHEMA;
}
