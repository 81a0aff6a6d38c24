/**
 * Finding the attachment a converted JSON was made from, for `report`: by its
 * `source.file` name inside the --source files and folders, else beside the
 * JSON, else through the `manifest.jsonl` of the convert run beside it. A
 * candidate counts only if its sha256 is the JSON's `source.sha256`: a
 * different version of the file must never be shown as the document reviewed.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { PiaoDocument } from "../model/schema.js";
import { collectInputs, type WalkLogger } from "../util/walk.js";
import { MANIFEST } from "./batch.js";

export class SourceError extends Error {
  constructor(
    message: string,
    readonly code: "source-not-found" | "sha-mismatch",
  ) {
    super(message);
    this.name = "SourceError";
  }
}

/** File name → paths, over every file under the --source roots. */
export type SourceIndex = Map<string, string[]>;

export async function indexSources(roots: readonly string[], log: WalkLogger): Promise<SourceIndex> {
  const index: SourceIndex = new Map();
  for (const e of await collectInputs(roots, { logger: log })) {
    if (e.error?.code === "duplicate") continue;
    if (e.error) {
      log.warn({ path: e.file }, `--source: ${e.error.message}`);
      continue;
    }
    const name = path.basename(e.file);
    index.set(name, [...(index.get(name) ?? []), e.file]);
  }
  return index;
}

/** Paths the manifest beside the JSON gives for it (its `file`, when `output` is this JSON's name). */
async function fromManifest(jsonPath: string, sha256: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.join(path.dirname(jsonPath), MANIFEST), "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const rec = JSON.parse(line) as { file?: unknown; output?: unknown; sha256?: unknown };
      if (typeof rec.file === "string" && rec.output === path.basename(jsonPath) && (rec.sha256 === sha256 || rec.sha256 == null)) {
        out.push(rec.file);
      }
    } catch {
      // A damaged line says nothing about this JSON.
    }
  }
  return out;
}

export interface LocatedSource {
  path: string;
  bytes: Buffer;
}

export async function locateSource(
  jsonPath: string,
  doc: Pick<PiaoDocument, "source">,
  index: SourceIndex,
  maxBytes: number,
): Promise<LocatedSource> {
  const { file, sha256 } = doc.source;
  const candidates = [
    ...(index.get(path.basename(file)) ?? []),
    path.join(path.dirname(jsonPath), path.basename(file)),
    ...(await fromManifest(jsonPath, sha256)),
  ];
  const tried = new Set<string>();
  const mismatches: string[] = [];
  for (const c of candidates) {
    const key = path.resolve(c);
    if (tried.has(key)) continue;
    tried.add(key);
    const st = await stat(c).catch(() => null);
    if (!st?.isFile()) continue;
    if (st.size > maxBytes) {
      mismatches.push(`${c} (${st.size} bytes, over the --max-bytes limit)`);
      continue;
    }
    const bytes = await readFile(c).catch(() => null);
    if (!bytes) continue;
    const got = createHash("sha256").update(bytes).digest("hex");
    if (got === sha256) return { path: c, bytes };
    mismatches.push(`${c} (sha256 ${got})`);
  }
  if (mismatches.length > 0) {
    throw new SourceError(
      `${jsonPath}: source '${file}' found, but no copy is the version converted (sha256 ${sha256}): ${mismatches.join(", ")}`,
      "sha-mismatch",
    );
  }
  throw new SourceError(
    `${jsonPath}: source '${file}' not found in the --source paths, beside the JSON, or in its ${MANIFEST}; pass --source <file or folder>`,
    "source-not-found",
  );
}
