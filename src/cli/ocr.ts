/**
 * Releasing the OCR engine at the end of a batch. Its workers keep the process
 * alive, but loading the module costs tesseract's start-up: callers ask only
 * when something was OCR'd, so text-only runs never load it.
 */
import type { Logger } from "pino";

export async function shutdownOcr(log: Pick<Logger, "debug">): Promise<void> {
  try {
    const { shutdownOcr: shutdown } = await import("../extract/ocr/index.js");
    await shutdown();
  } catch (e) {
    // Nothing to stop is not a failure of the batch.
    log.debug({ err: (e as Error)?.message ?? String(e) }, "OCR engine not shut down");
  }
}
