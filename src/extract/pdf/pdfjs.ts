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
import { InputError } from "../../doc/source.js";
import { checkStreamSizes } from "./streams.js";

/** Largest image pdf.js may decode, in pixels (an A4 page at 850 dpi); the same budget as a page bitmap. */
export const PDF_MAX_IMAGE_PIXELS = 60_000_000;

type PdfjsModule = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let loaded: Promise<PdfjsModule> | null = null;

/**
 * The pdf.js module, imported once per process, with its worker loaded
 * in-process up front (pdf.js's `globalThis.pdfjsWorker` hook: Node has no
 * web workers, pdf.js would import it itself on first use).
 *
 * The legacy build bundles core-js, which replaces Array.prototype.push for
 * every caller in the process with a slow spec-polyfill (a V8 ≤ 12.1 edge case
 * about non-writable lengths that no code here hits); the native method is put
 * back once both bundles are loaded. Measured: ~25 % of the PDF path's time.
 */
export function pdfjs(): Promise<PdfjsModule> {
  loaded ??= (async () => {
    const nativePush = Array.prototype.push;
    const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const workerSpec = "pdfjs-dist/legacy/build/pdf.worker.mjs";
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= (await import(workerSpec)) as unknown;
    if (Array.prototype.push !== nativePush) {
      Object.defineProperty(Array.prototype, "push", { value: nativePush, writable: true, configurable: true, enumerable: false });
    }
    return lib;
  })();
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

export type PdfDocument = Awaited<ReturnType<PdfjsModule["getDocument"]>["promise"]>;

/**
 * Opens a PDF with every safety setting this project relies on (no eval, no
 * font faces, no XFA, local resources only); load failures become InputErrors
 * naming the file: `encrypted` for a password, `corrupt` for anything else.
 * The caller destroys the document.
 */
export async function openPdf(bytes: Uint8Array, file: string): Promise<PdfDocument> {
  await checkStreamSizes(bytes, file);
  const lib = await pdfjs();
  // pdf.js may detach the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    ...assetUrls(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    // pdf.js's WebAssembly image decoders (JBIG2, JPEG 2000, ICC colour) off: its JavaScript ones draw the same
    // pixels. A pending WebAssembly compilation holds no handle on Node's event loop (nodejs/node#36616), so a
    // scan page in CCITT drawn while another document's JPEG page loaded them never finished: the process
    // exited with that conversion unsettled (exit 13) unless something else kept the loop alive.
    useWasm: false,
    // Limits (pdf.js has none by default): images over the page pixel budget are not decoded,
    // and no canvas pdf.js makes for itself (patterns, masks, groups) may exceed the same budget.
    maxImageSize: PDF_MAX_IMAGE_PIXELS,
    canvasMaxAreaInBytes: PDF_MAX_IMAGE_PIXELS * 4,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string } | null)?.name ?? "";
    if (name === "PasswordException") {
      throw new InputError(`${file}: password-protected PDF (encrypted); it cannot be read without the password`, "encrypted");
    }
    throw new InputError(`${file}: corrupt PDF (${e instanceof Error ? e.message : String(e)})`, "corrupt");
  }
}
