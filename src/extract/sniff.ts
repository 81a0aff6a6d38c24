/**
 * Decides which extractor reads an input, from its bytes first and its name
 * second: a PDF renamed `.txt` is still a PDF, a binary renamed `.txt` is refused.
 */
import { InputError } from "../doc/source.js";
import { utf16WithoutBom } from "./encoding.js";

export type InputKind = "text" | "pdf" | "image";

const TEXT_EXT = new Set([".txt", ".md", ".markdown", ".tsv", ".csv", ".html", ".htm", ".text"]);
const IMAGE_EXT = new Set([".png", ".jpg", ".jpeg", ".tif", ".tiff"]);

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

/** Looks at magic numbers, then at NUL bytes; the extension only breaks ties. */
export function sniff(bytes: Uint8Array, file: string): InputKind {
  if (bytes.length === 0) throw new InputError(`${file}: empty file (0 bytes)`, "empty");
  // "%PDF-" may follow a few bytes of junk; pdf.js tolerates up to 1 KiB of it.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (head.includes("%PDF-")) return "pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return "image"; // PNG
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image"; // JPEG
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "image"; // TIFF
  // BigTIFF: an image the OCR path names as unsupported, rather than "binary".
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return "image";
  const ext = extOf(file);
  if (IMAGE_EXT.has(ext)) throw new InputError(`${file}: named ${ext} but its bytes are not a PNG, JPEG or TIFF image`, "corrupt");
  if (looksBinary(bytes)) {
    throw new InputError(`${file}: binary content (NUL or control bytes), not a text export`, "binary");
  }
  if (ext && !TEXT_EXT.has(ext) && ext !== ".pdf") {
    // Unknown extension but textual bytes: read it as text, the parser decides.
    return "text";
  }
  if (ext === ".pdf") throw new InputError(`${file}: named .pdf but has no %PDF header`, "corrupt");
  return "text";
}

function extOf(file: string): string {
  const m = /\.[A-Za-z0-9]+$/.exec(file);
  return m ? m[0].toLowerCase() : "";
}

/** UTF-16 (with a BOM, or without one but with its NUL pattern) is text; otherwise NULs or many C0 controls in the first 64 KiB mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const n = Math.min(bytes.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return utf16WithoutBom(bytes) === null;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls > n * 0.01;
}
