/**
 * Expands the command line's files and folders into the list of inputs, one
 * entry for every path met: an entry holds either something to convert or
 * the reason it is not converted, so the manifest can account for each path.
 *
 * Deterministic: roots keep their command-line order and each folder is walked
 * depth-first with entries sorted by their bytes (not locale), so the same tree
 * always gives the same list — and therefore the same output names.
 * Inside a folder:
 * - hidden entries (".name") and the output folder are skipped without a record;
 * - FIFOs, sockets and devices are never opened: `unsupported`;
 * - a symlink is followed when it resolves to a regular file inside one of the
 *   folders or files given; one leading outside them (`/etc/passwd`,
 *   `/dev/zero`) is refused (`outside`, skipped), a dangling one is
 *   `not-found`, a loop of links `loop`; symlinked folders are never
 *   followed (`folder-link`, skipped: no cycles, no escapes);
 * - a file reached twice (listed and inside a listed folder, or through a
 *   link) is converted once, at its first place (`duplicate`, skipped, later);
 * - a name that is not valid UTF-8 is read by its bytes, and shown decoded
 *   as Latin-1 (the likely encoding of such a name from an Italian office).
 * A root given explicitly is taken as is, symlink or not: the user named it.
 */
import type { Dirent, Stats } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";

export interface WalkLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type EntryCode = "not-found" | "unreadable" | "unsupported" | "loop" | "outside" | "duplicate" | "folder-link";

export interface InputEntry {
  /** The path as given on the command line, or the root joined with the walked names. */
  file: string;
  /** What to read: the resolved path, as bytes when it is not valid UTF-8; null when there is nothing to read. */
  real: string | Uint8Array | null;
  /** Set when the path is not converted, with the reason. */
  error?: { code: EntryCode; message: string };
}

export interface WalkOptions {
  /** Real paths of folders never to enter (the output folder). */
  exclude?: readonly string[];
  logger?: WalkLogger;
}

const silent: WalkLogger = { warn: () => undefined, debug: () => undefined };

/** Paths as bytes throughout (names need not be UTF-8); keys compare them as Latin-1 strings, byte for byte. */
type Bytes = Buffer;
const key = (b: Bytes) => b.toString("latin1");

interface Walk {
  exclude: Set<string>;
  /** Real paths of every root: links may lead anywhere inside them. */
  roots: string[];
  log: WalkLogger;
  out: InputEntry[];
}

export async function collectInputs(roots: readonly string[], opts: WalkOptions = {}): Promise<InputEntry[]> {
  const log = opts.logger ?? silent;
  const reals = await Promise.all(roots.map((r) => realpath(r, { encoding: "buffer" }).then(key, () => null)));
  const w: Walk = {
    exclude: new Set((opts.exclude ?? []).map((e) => key(Buffer.from(e)))),
    roots: reals.filter((r): r is string => r !== null),
    log,
    out: [],
  };
  for (const root of roots) await collectRoot(root, w);
  return dedupe(w.out, log);
}

async function collectRoot(root: string, w: Walk): Promise<void> {
  let st: Stats;
  try {
    st = await stat(root);
  } catch (e) {
    w.out.push({ file: root, real: null, error: await missing(root, Buffer.from(root), e) });
    return;
  }
  const real = await realpath(root, { encoding: "buffer" });
  if (st.isDirectory()) {
    if (w.exclude.has(key(real))) {
      w.log.warn({ path: root }, "skipped: this folder is the output folder");
      return;
    }
    await walkDir(root, real, w);
    return;
  }
  w.out.push(st.isFile() ? { file: root, real: asPath(real) } : special(root, st));
}

async function walkDir(shown: string, realDir: Bytes, w: Walk): Promise<void> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await readdir(realDir, { withFileTypes: true, encoding: "buffer" });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    w.out.push({ file: shown, real: null, error: { code: "unreadable", message: `${shown}: cannot list folder (${code})` } });
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const ent of entries) {
    if (ent.name[0] === 0x2e) continue; // ".name"
    const file = joinShown(shown, displayName(ent.name));
    const real = Buffer.concat([realDir, Buffer.from(path.sep), ent.name]);
    if (ent.isDirectory()) {
      if (w.exclude.has(key(real))) {
        w.log.debug({ path: file }, "skipped: output folder");
        continue;
      }
      await walkDir(file, real, w);
    } else if (ent.isFile()) {
      w.out.push({ file, real: asPath(real) });
    } else if (ent.isSymbolicLink()) {
      w.out.push(await followLink(file, real, w));
    } else {
      w.out.push(special(file, await lstat(real).catch(() => null)));
    }
  }
}

async function followLink(file: string, link: Bytes, w: Walk): Promise<InputEntry> {
  let target: Bytes;
  try {
    target = await realpath(link, { encoding: "buffer" });
  } catch (e) {
    return { file, real: null, error: await missing(file, link, e) };
  }
  if (!w.roots.some((r) => isInside(key(target), r))) {
    const to = displayName(target);
    return { file, real: null, error: { code: "outside", message: `${file}: symlink to ${to}, outside the files and folders given; not followed` } };
  }
  const st = await stat(target).catch(() => null);
  if (st?.isDirectory()) {
    return { file, real: null, error: { code: "folder-link", message: `${file}: symlink to a folder; symlinked folders are not followed` } };
  }
  if (st?.isFile()) return { file, real: asPath(target) };
  return special(file, st);
}

/** Why a path that stat() refused has nothing to read: missing, a dangling link, a loop of links. */
async function missing(file: string, p: Bytes, e: unknown): Promise<InputEntry["error"]> {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return { code: "loop", message: `${file}: symlink loop (too many levels of symbolic links)` };
  if (code === "ENOENT" || code === "ENOTDIR") {
    const to = await readlink(p, { encoding: "buffer" }).then(displayName, () => null);
    if (to !== null) return { code: "not-found", message: `${file}: broken symlink (its target ${to} does not exist)` };
    return { code: "not-found", message: `${file}: no such file or folder` };
  }
  return { code: "unreadable", message: `${file}: cannot read (${code ?? String(e)})` };
}

/** FIFOs, sockets and devices: never opened (a FIFO would block the batch, /dev/zero never ends). */
function special(file: string, st: Stats | null): InputEntry {
  const what = !st
    ? "not a regular file"
    : st.isFIFO()
      ? "a FIFO (named pipe)"
      : st.isSocket()
        ? "a socket"
        : st.isCharacterDevice()
          ? "a character device"
          : st.isBlockDevice()
            ? "a block device"
            : "not a regular file";
  return { file, real: null, error: { code: "unsupported", message: `${file}: ${what}, not a file to convert` } };
}

/** A name as text: UTF-8 when it is valid UTF-8, else its bytes as Latin-1. */
function displayName(b: Bytes): string {
  const s = b.toString("utf8");
  return s.includes("\uFFFD") && !Buffer.from(s, "utf8").equals(b) ? b.toString("latin1") : s;
}

/** The path to read: a string when it is valid UTF-8 (most), else its bytes. */
function asPath(b: Bytes): string | Uint8Array {
  const s = b.toString("utf8");
  return Buffer.from(s, "utf8").equals(b) ? s : b;
}

function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Keeps the user's spelling of the root ("./in", "in/") in the reported paths. */
function joinShown(dir: string, name: string): string {
  return dir.endsWith("/") || dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** The same file reached twice is converted once, at its first place; the later path gets a `duplicate` record. */
function dedupe(entries: InputEntry[], log: WalkLogger): InputEntry[] {
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (e.real === null || e.error) continue;
    const k = key(Buffer.from(e.real));
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, e.file);
      continue;
    }
    log.debug({ path: e.file, first }, "same file already listed");
    e.real = null;
    e.error = { code: "duplicate", message: `${e.file}: the same file as ${first}, converted there` };
  }
  return entries;
}
