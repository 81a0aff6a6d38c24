/**
 * Atomic file writes: data goes to a temp file in the target's directory
 * (`.name.<random>.tmp`), is fsync'd, then renamed over the target. A reader
 * therefore sees the old file or the whole new one, never a partial write.
 * Temps still open are tracked so an interrupt handler can remove them.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";

export interface AtomicWriteHooks {
  /** Called after the data is in the temp file, before the rename (tests inject failures here). */
  beforeRename?: (tmpPath: string) => void | Promise<void>;
}

const liveTemps = new Set<string>();

/** Name of the temp file used for `file` (same directory, so the rename never crosses file systems). */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Whether a file name is one of `tempPathFor`'s (`.name.<12 hex>.tmp`). */
export function isTempName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const tmp = tempPathFor(file);
  liveTemps.add(tmp);
  let fh: FileHandle | undefined;
  try {
    // "wx": never follow or clobber something already sitting at the temp name.
    fh = await open(tmp, "wx", 0o644);
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await hooks.beforeRename?.(tmp);
    await rename(tmp, file);
    await syncDir(path.dirname(file));
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  } finally {
    liveTemps.delete(tmp);
  }
}

/** Makes the rename itself durable; not every platform can fsync a directory, so best effort. */
async function syncDir(dir: string): Promise<void> {
  let dh: FileHandle | undefined;
  try {
    dh = await open(dir, "r");
    await dh.sync();
  } catch {
    // EISDIR/EPERM on some platforms: the data is already synced, only the rename's durability is at stake.
  } finally {
    await dh?.close().catch(() => undefined);
  }
}

/** Synchronously removes every temp still being written; for a forced exit. */
export function removeLiveTempsSync(): void {
  for (const tmp of liveTemps) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing more can be done on the way out.
    }
  }
  liveTemps.clear();
}

/** Number of temps currently in flight (for tests and diagnostics). */
export function liveTempCount(): number {
  return liveTemps.size;
}
