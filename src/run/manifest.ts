/**
 * The manifest, written as the batch goes: each record is appended (one
 * write(2) of one line) the moment its file finishes, so a crash, a second
 * Ctrl-C or a SIGKILL of the batch loses nothing finished. At the end of a
 * run (complete or interrupted) it is rewritten atomically in input order.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../util/atomic.js";
import type { ManifestRecord } from "./record.js";

export class ManifestWriter {
  private fd: number | null;

  private constructor(
    readonly file: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Starts the manifest afresh (atomically) with `carried` records, then opens it for appending. */
  static async open(file: string, carried: readonly ManifestRecord[] = []): Promise<ManifestWriter> {
    await writeFileAtomic(file, carried.map(line).join(""));
    return new ManifestWriter(file, openSync(file, "a"));
  }

  /** Appends one record; on the disk's page cache when this returns. */
  append(rec: ManifestRecord): void {
    if (this.fd === null) return;
    writeSync(this.fd, line(rec));
  }

  /** Rewrites the manifest with `records` (input order) and closes it. */
  async finish(records: readonly ManifestRecord[]): Promise<void> {
    this.close();
    await writeFileAtomic(this.file, records.map(line).join(""));
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function line(rec: ManifestRecord): string {
  return JSON.stringify(rec) + "\n";
}

/**
 * `--resume`: the `ok` records of an earlier run's manifest in `out`, by the
 * sha256 of their input, kept only while their output file is still there.
 * Damaged lines (a record cut by a kill) are ignored.
 */
export async function loadFinished(file: string): Promise<Map<string, ManifestRecord>> {
  const done = new Map<string, ManifestRecord>();
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return done;
  }
  for (const l of text.split("\n")) {
    if (!l.trim()) continue;
    let rec: ManifestRecord;
    try {
      rec = JSON.parse(l) as ManifestRecord;
    } catch {
      continue;
    }
    if (rec?.status !== "ok" || typeof rec.sha256 !== "string" || typeof rec.output !== "string") continue;
    const there = await stat(path.join(path.dirname(file), rec.output)).then((s) => s.isFile(), () => false);
    if (there) done.set(rec.sha256, rec);
  }
  return done;
}
