/**
 * The tesseract.js worker pool: one per process, created on first use,
 * reused across documents, idle workers unref'd (a library user's process
 * can exit without calling anything) and terminated after a quiet spell or
 * by `shutdownOcr()`.
 *
 * Two Italian models, each in a pool of its own, started when first asked
 * for (see OcrModel). Nothing is fetched or written: the models are read
 * from files installed with the package (cacheMethod "none": no
 * `ita.traineddata` cache file next to the caller), and each worker thread
 * starts from a small module that replaces `fetch` by a function that
 * throws before tesseract.js's own worker script loads (that script takes
 * its `fetch` from the global, and would use it for a URL langPath).
 */
import { createRequire } from "node:module";
import { access } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker as Thread } from "node:worker_threads";
import type Tesseract from "tesseract.js";

export interface OcrConfig {
  /** Worker threads (default: min(2, available cores)). */
  workers: number;
  /** Idle workers are terminated after this many ms (0: kept until shutdownOcr()). */
  idleMs: number;
  /**
   * Page segmentation mode (default 3, automatic). Measured on the scanned
   * fixtures (fixtures/scan, 300 dpi): 3 and 4 read the same fields (4 one
   * objective better on one file, worse on another at 200 dpi), 6 loses the
   * card layouts, 11 (sparse) scatters a rule-less table; all four take the
   * same time, recognition dominates.
   */
  psm: "3" | "4" | "6" | "11" | "12";
  /** The model pages are read with (default "fast"). */
  model: OcrModel;
  /**
   * Words the page model read under this confidence (0-100) are read again,
   * with their close neighbours, by the "best" model, and the surer reading
   * kept (src/extract/ocr/reread.ts); 0 turns it off. Used with model "fast".
   */
  rereadBelow: number;
}

/**
 * "best": tessdata_best integerised (@tesseract.js-data/ita 4.0.0_best_int,
 * the model tesseract.js loads by default). "fast": tessdata_fast, the model
 * Debian and Ubuntu ship as tesseract-ocr-ita, vendored in models/ (no npm
 * package holds it): a smaller network, ~1.6× quicker per page on the
 * fixtures, with the same word recall at 300 dpi but more slips on small
 * type (a step code read `1.2.`, a quote glued to a number).
 */
export type OcrModel = "best" | "fast";

export const OCR_ENGINE = "tesseract.js";
export const OCR_LANG = "ita";
/**
 * For "best", the LSTM-only folder: the 4.0.0 folder holds the same LSTM
 * network plus the legacy engine, unused under OEM LSTM: on the fixtures
 * both read the same words (1 of 905 differs) at the same speed, but
 * best_int is 1.6 MB gzipped instead of 6.9 MB, 3 MB in each worker's memory
 * instead of 16, and a worker starts ~30 % sooner.
 */
const BEST_DIR = "4.0.0_best_int";
/** The package's root, from src/extract/ocr or dist/extract/ocr alike. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Default of OcrConfig.rereadBelow. */
const REREAD_BELOW = 80;
/** A worker that has not loaded its model by then never will (a tesseract.js init failure never settles). */
const START_TIMEOUT_MS = 60_000;

const defaults = (): OcrConfig => ({ workers: Math.max(1, Math.min(2, os.availableParallelism())), idleMs: 30_000, psm: "3", model: "fast", rereadBelow: REREAD_BELOW });
let config = defaults();

/** Changes the pool settings; a running pool with other settings is replaced on its next use. */
export function configureOcr(over: Partial<OcrConfig>): void {
  config = { ...config, ...over };
}

/** Settings that call for new workers when changed. */
type PoolSettings = Pick<OcrConfig, "workers" | "psm" | "idleMs">;

interface Pool {
  settings: PoolSettings;
  scheduler: Tesseract.Scheduler;
  threads: Thread[];
  /** Whether the threads keep the event loop alive (while jobs run). */
  held: boolean;
}

const pools = new Map<OcrModel, Promise<Pool>>();
let active = 0;
let idleTimer: NodeJS.Timeout | null = null;
/** Rejecters of the jobs in flight, so a shutdown never leaves a caller waiting forever. */
const inFlight = new Set<(e: Error) => void>();

const require = createRequire(import.meta.url);

/** Folder holding the model's `ita.traineddata.gz`. */
export function langPath(model: OcrModel = "best"): string {
  if (model === "fast") return path.join(PACKAGE_ROOT, "models/tessdata_fast");
  return path.join(path.dirname(require.resolve("@tesseract.js-data/ita/package.json")), BEST_DIR);
}

/** The current settings (a copy). */
export function ocrConfig(): OcrConfig {
  return { ...config };
}

/**
 * The worker thread's entry: a data: URL module (works from the TypeScript
 * sources and from dist alike) that disables fetch, silences the engine's
 * console chatter (it would land among the CLI's JSON log lines on stderr),
 * then runs tesseract.js's Node worker script.
 */
export function workerEntry(): URL {
  const script = require.resolve("tesseract.js/src/worker-script/node/index.js");
  const src = [
    `import { createRequire } from "node:module";`,
    `globalThis.fetch = async (url) => { throw new Error("network access is disabled in the OCR worker (asked for " + String(url) + ")"); };`,
    `for (const k of ["log", "info", "warn", "error", "debug"]) console[k] = () => {};`,
    `createRequire(${JSON.stringify(script)})(${JSON.stringify(script)});`,
  ].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(src)}`);
}

async function createPool(model: OcrModel, settings: PoolSettings): Promise<Pool> {
  const dir = langPath(model);
  await access(path.join(dir, `${OCR_LANG}.traineddata.gz`)).catch(() => {
    throw new Error(`OCR language data missing: ${dir}/${OCR_LANG}.traineddata.gz (reinstall piao-extract and its dependencies)`);
  });
  const T = (await import("tesseract.js")).default;
  const scheduler = T.createScheduler();
  const threads: Thread[] = [];
  const start = async () => {
    const worker = await withTimeout(
      T.createWorker(OCR_LANG, T.OEM.LSTM_ONLY, {
        langPath: dir,
        gzip: true,
        cacheMethod: "none",
        // tesseract.js hands workerPath to `new Worker()`, which takes a URL object.
        workerPath: workerEntry() as unknown as string,
        // Without a handler tesseract.js rethrows job errors inside its message listener (an uncaught exception).
        errorHandler: () => undefined,
      }),
      START_TIMEOUT_MS,
      "OCR worker did not start",
    );
    threads.push((worker as unknown as { worker: Thread }).worker);
    await worker.setParameters({ tessedit_pageseg_mode: settings.psm as Tesseract.PSM });
    scheduler.addWorker(worker);
  };
  try {
    await Promise.all(Array.from({ length: settings.workers }, start));
  } catch (e) {
    await Promise.all(threads.map((t) => t.terminate()));
    throw e;
  }
  return { settings, scheduler, threads, held: true };
}

function getPool(model: OcrModel): Promise<Pool> {
  const current = pools.get(model);
  if (current) return current.then((p) => (sameSettings(p.settings, config) ? p : shutdownOcr().then(() => getPool(model))));
  const created = createPool(model, { workers: config.workers, psm: config.psm, idleMs: config.idleMs });
  pools.set(model, created);
  created.catch(() => {
    if (pools.get(model) === created) pools.delete(model);
  });
  return created;
}

function sameSettings(a: PoolSettings, b: PoolSettings): boolean {
  return a.workers === b.workers && a.psm === b.psm && a.idleMs === b.idleMs;
}

/** Number of workers the pool runs (or will run). */
export function poolSize(): number {
  return config.workers;
}

export interface RecognizeOptions {
  /** Resolution of `image`. */
  dpi: number;
  /**
   * Tesseract's heavy noise removal (textord_heavy_nr). On the scanned
   * fixtures at 300 dpi it lifts the mean score from 0.80 to 0.90 (dust no
   * longer read as ‘ , i or glued to numbers), at the cost of an occasional
   * word-final period taken for dust ("cod." → "cod"); at 200 dpi it also
   * removes short tokens (step codes "1.2"), so the caller turns it on by
   * resolution.
   */
  heavyNoise: boolean;
  /** Default: the configured model. */
  model?: OcrModel;
  /** Page segmentation mode for this image only (default: the configured one); "7" reads the image as one line of text. */
  psm?: OcrConfig["psm"] | "7";
}

/** Recognises one page image (PGM/PNG bytes); resolves to tesseract's TSV (word boxes with confidences). */
export async function recognize(image: Uint8Array, opts: RecognizeOptions): Promise<string> {
  active++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  try {
    const p = await getPool(opts.model ?? config.model);
    // Jobs hold the threads referenced: unref'd threads would let the process exit mid-page.
    hold(p, true);
    // Tesseract parameters for this job only (saved and restored around it).
    const params = {
      user_defined_dpi: String(Math.round(opts.dpi)),
      textord_heavy_nr: opts.heavyNoise ? "1" : "0",
      ...(opts.psm ? { tessedit_pageseg_mode: opts.psm } : {}),
    } as Partial<Tesseract.RecognizeOptions>;
    const result = await new Promise<Tesseract.RecognizeResult>((resolve, reject) => {
      inFlight.add(reject);
      p.scheduler
        .addJob("recognize", Buffer.from(image.buffer, image.byteOffset, image.byteLength), params, { text: false, tsv: true })
        .then(resolve, (e: unknown) => reject(new Error(`OCR failed: ${e instanceof Error ? e.message : String(e)}`)))
        .finally(() => inFlight.delete(reject));
    }).catch(async (e: Error) => {
      // A worker whose job failed may be in any state: start afresh next time.
      if (pools.size) await shutdownOcr();
      throw e;
    });
    return result.data.tsv ?? "";
  } finally {
    active--;
    if (active === 0 && pools.size) release();
  }
}

/** No job left: threads unref'd (the process may exit), all pools shut after the idle spell. */
function release(): void {
  const current = [...pools.values()];
  void Promise.allSettled(current).then((settled) => {
    if (active > 0 || current.some((c) => ![...pools.values()].includes(c))) return;
    const live = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    for (const p of live) hold(p, false);
    if (config.idleMs > 0) {
      idleTimer = setTimeout(() => {
        if (active === 0) void shutdownOcr();
      }, config.idleMs);
      idleTimer.unref();
    }
  });
}

function hold(p: Pool, on: boolean): void {
  if (p.held === on) return;
  for (const t of p.threads) {
    if (on) t.ref();
    else t.unref();
  }
  p.held = on;
}

/** Terminates the workers (pending pages fail); the next OCR starts a new pool. */
export async function shutdownOcr(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = [...pools.values()];
  pools.clear();
  for (const reject of inFlight) reject(new Error("OCR was shut down"));
  inFlight.clear();
  const live = await Promise.all(current.map((c) => c.catch(() => null)));
  await Promise.all(live.flatMap((p) => (p ? p.threads.map((t) => t.terminate()) : [])));
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
