/**
 * Loads pdfjs-dist (legacy build: the one meant for Node) with every resource
 * it may need — standard fonts, CMaps, wasm image decoders — taken from the
 * installed package's own files, so nothing is ever fetched.
 *
 * Version choice: 5.5.207. CVE-2024-4367 (font code injection through
 * FontMatrix + eval) is fixed since 4.2.67, and we also pass
 * isEvalSupported: false; CVE-2026-16633 affects 5.6.83–6.1.x; 6.x needs
 * Node ≥ 22.13 (Promise.withResolvers) and this project runs on Node 20.
 */
import { createRequire } from "node:module";
import path from "node:path";

type PdfjsModule = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let loaded: Promise<PdfjsModule> | null = null;

/** The pdf.js module, imported once per process. */
export function pdfjs(): Promise<PdfjsModule> {
  loaded ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return loaded;
}

let assetDir: string | null = null;

/** Directory of the installed pdfjs-dist package. */
function packageDir(): string {
  if (!assetDir) {
    const require = createRequire(import.meta.url);
    assetDir = path.dirname(require.resolve("pdfjs-dist/package.json"));
  }
  return assetDir;
}

/** Resource locations as pdf.js wants them: local paths ending in a slash (read with fs, never fetched). */
export function assetUrls(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string; iccUrl: string } {
  const dir = packageDir();
  const sub = (d: string) => path.join(dir, d) + path.sep;
  return { standardFontDataUrl: sub("standard_fonts"), cMapUrl: sub("cmaps"), wasmUrl: sub("wasm"), iccUrl: sub("iccs") };
}
