/**
 * Expands the command line's files and folders into the list of inputs.
 *
 * Deterministic: roots keep their command-line order and each folder is walked
 * depth-first with entries sorted by code unit (not locale), so the same tree
 * always gives the same list — and therefore the same output names.
 * Inside a folder: hidden entries (".name") are skipped, the output folder is
 * skipped, symlinked files are followed only when they resolve inside the
 * root, and symlinked folders are never followed (no loops, no escapes).
 * A root given explicitly is taken as is, symlink or not: the user named it.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

export interface WalkLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface InputEntry {
  /** The path as given on the command line, or the root joined with the walked names. */
  file: string;
  /** Resolved path, for de-duplication; null when the path could not be resolved. */
  real: string | null;
  /** Set when the path cannot be an input at all (missing root, unreadable folder). */
  error?: { code: "not-found" | "unreadable"; message: string };
}

export interface WalkOptions {
  /** Real paths of folders never to enter (the output folder). */
  exclude?: readonly string[];
  logger?: WalkLogger;
}

const silent: WalkLogger = { warn: () => undefined, debug: () => undefined };

export async function collectInputs(roots: readonly string[], opts: WalkOptions = {}): Promise<InputEntry[]> {
  const log = opts.logger ?? silent;
  const exclude = new Set(opts.exclude ?? []);
  const out: InputEntry[] = [];
  for (const root of roots) {
    await collectRoot(root, exclude, log, out);
  }
  return dedupe(out, log);
}

async function collectRoot(root: string, exclude: Set<string>, log: WalkLogger, out: InputEntry[]): Promise<void> {
  let st;
  try {
    st = await stat(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const dangling = code === "ENOENT" && (await lstat(root).then(() => true, () => false));
    out.push({
      file: root,
      real: null,
      error:
        code === "ENOENT" && !dangling
          ? { code: "not-found", message: `${root}: no such file or folder` }
          : { code: "unreadable", message: `${root}: cannot read (${dangling ? "broken symlink" : (code ?? String(e))})` },
    });
    return;
  }
  const real = await realpath(root);
  if (st.isDirectory()) {
    if (exclude.has(real)) {
      log.warn({ path: root }, "skipped: this folder is the output folder");
      return;
    }
    await walkDir(root, real, real, exclude, log, out);
    return;
  }
  // Regular files and anything else (a FIFO, a device): conversion decides and reports.
  out.push({ file: root, real });
}

async function walkDir(
  shown: string,
  realDir: string,
  realRoot: string,
  exclude: Set<string>,
  log: WalkLogger,
  out: InputEntry[],
): Promise<void> {
  let entries;
  try {
    entries = await readdir(realDir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    out.push({ file: shown, real: realDir, error: { code: "unreadable", message: `${shown}: cannot list folder (${code})` } });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    if (ent.name.startsWith(".")) continue;
    const file = joinShown(shown, ent.name);
    const real = path.join(realDir, ent.name);
    if (ent.isDirectory()) {
      if (exclude.has(real)) {
        log.debug({ path: file }, "skipped: output folder");
        continue;
      }
      await walkDir(file, real, realRoot, exclude, log, out);
    } else if (ent.isFile()) {
      out.push({ file, real });
    } else if (ent.isSymbolicLink()) {
      await followLink(file, real, realRoot, log, out);
    } else {
      log.debug({ path: file }, "skipped: not a regular file");
    }
  }
}

async function followLink(file: string, link: string, realRoot: string, log: WalkLogger, out: InputEntry[]): Promise<void> {
  let target: string;
  try {
    target = await realpath(link);
  } catch {
    log.warn({ path: file }, "skipped: broken symlink");
    return;
  }
  if (!isInside(target, realRoot)) {
    log.warn({ path: file }, "skipped: symlink points outside the folder being converted");
    return;
  }
  const st = await stat(target).catch(() => null);
  if (st?.isFile()) out.push({ file, real: target });
  else log.debug({ path: file }, "skipped: symlink to a folder or special file");
}

function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Keeps the user's spelling of the root ("./in", "in/") in the reported paths. */
function joinShown(dir: string, name: string): string {
  return dir.endsWith("/") || dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** The same file reached twice (listed and inside a listed folder) is converted once, at its first place. */
function dedupe(entries: InputEntry[], log: WalkLogger): InputEntry[] {
  const seen = new Map<string, string>();
  const out: InputEntry[] = [];
  for (const e of entries) {
    if (e.real !== null && !e.error) {
      const first = seen.get(e.real);
      if (first !== undefined) {
        log.warn({ path: e.file, first }, "skipped: same file already listed");
        continue;
      }
      seen.set(e.real, e.file);
    }
    out.push(e);
  }
  return out;
}
