/**
 * The OCR engine seen from the CLI: its model, and releasing it at the end of a batch. Its workers keep the process
 * alive, but loading the module costs tesseract's start-up: callers ask only
 * when something was OCR'd, so text-only runs never load it.
 */
import type { Logger } from "pino";
import type { OcrModel } from "../extract/ocr/pool.js";

export async function shutdownOcr(log: Pick<Logger, "debug">): Promise<void> {
  try {
    const { shutdownOcr: shutdown } = await import("../extract/ocr/index.js");
    await shutdown();
  } catch (e) {
    // Nothing to stop is not a failure of the batch.
    log.debug({ err: (e as Error)?.message ?? String(e) }, "OCR engine not shut down");
  }
}

/** `--ocr-model`: "best" reads pages with the best model alone (no second reading); "fast" is the default pair. */
export async function configureOcrModel(model: OcrModel): Promise<void> {
  // The pool module alone: it loads tesseract.js only when a page comes.
  const { configureOcr } = await import("../extract/ocr/pool.js");
  configureOcr(model === "best" ? { model, rereadBelow: 0 } : { model });
}
