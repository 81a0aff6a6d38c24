/**
 * Output names come from input file names only (never from document contents)
 * and are made safe to create in the output folder on any common file system.
 */
import path from "node:path";

/** Leaves room for "~NNN", the extension and the temp-file decoration within 255 bytes. */
const MAX_STEM_BYTES = 180;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** `dir/Report 2025.final.txt` → `Report 2025.final`, made safe. */
export function outputStem(inputPath: string): string {
  // Both separators: a name coming from another platform must not smuggle a path in.
  const base = inputPath.split(/[\\/]/).pop() ?? "";
  const ext = path.extname(base);
  const stem = ext && ext !== base ? base.slice(0, -ext.length) : base;
  return sanitizeStem(stem);
}

export function sanitizeStem(raw: string): string {
  let s = raw
    .normalize("NFC")
    // Control characters (C0, DEL, C1), path separators and characters Windows refuses.
    .replace(/[\u0000-\u001f\u007f-\u009f/\\<>:"|?*]/g, "_")
    // Leading dots would hide the file or spell "."/"..".
    .replace(/^\.+/, (m) => "_".repeat(m.length))
    // Windows drops trailing dots and spaces, which could merge two names.
    .replace(/[. ]+$/, "")
    .trim();
  s = truncateUtf8(s, MAX_STEM_BYTES);
  if (s === "") s = "document";
  if (WINDOWS_RESERVED.test(s)) s += "_";
  return s;
}

function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * Hands out `stem.json`, then `stem~2.json`, `stem~3.json`… in call order.
 * Names are compared case-folded so that two inputs never meet on a
 * case-insensitive file system (macOS, Windows).
 */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(
    private readonly ext: string,
    reserved: readonly string[] = [],
  ) {
    for (const r of reserved) this.used.add(fold(r));
  }

  allocate(stem: string): string {
    for (let n = 1; ; n++) {
      const name = nthName(stem, n, this.ext);
      if (!this.used.has(fold(name))) {
        this.used.add(fold(name));
        return name;
      }
    }
  }
}

/** The n-th name for `stem` (1: `stem.json`, 2: `stem~2.json` …). */
export function nthName(stem: string, n: number, ext: string): string {
  return n === 1 ? `${stem}${ext}` : `${stem}~${n}${ext}`;
}

/** Names that meet on a case-insensitive file system fold alike. */
export function fold(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
