/** Command-line grammar. Every mistake becomes a UsageError (exit 2). */
import { parseArgs } from "node:util";
import type { OcrModel } from "../extract/ocr/pool.js";
import type { OcrMode } from "../doc/source.js";
import { isLogLevel, type LogLevel } from "../util/logger.js";
import { checkQueueName, checkRedisUrl, DEFAULT_PAGES_PER_JOB, DEFAULT_QUEUE, DEFAULT_SPLIT_OVER, REDIS_ENV } from "../queue/settings.js";

export type Topic = "convert" | "report" | "schema" | "queue" | "worker";

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: Topic | null = null,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

const OCR_MODES = ["auto", "always", "never"] as const satisfies readonly OcrMode[];
const OCR_MODELS = ["fast", "best"] as const satisfies readonly OcrModel[];

export interface ConvertArgs {
  inputs: string[];
  out: string | null;
  csv: boolean;
  stdout: boolean;
  logLevel: LogLevel;
  maxBytes: number | undefined;
  ocr: OcrMode | undefined;
  /** Model pages are read with ("fast": doubtful stretches read again by "best"; "best": best alone). */
  ocrModel: OcrModel | undefined;
  ocrThreshold: number | undefined;
  maxPages: number | undefined;
  /** Also write <name>.report.html (and <name>.words.json for OCR'd inputs). */
  report: boolean;
  quiet: boolean;
  /** Whether --log-level was given (on a terminal the default is the bar and warnings only). */
  logLevelGiven: boolean;
  /** Converter processes (default: the cores); 0 converts in this process, without isolation or limits. */
  jobs: number | undefined;
  /** Seconds for one file before it is stopped (default 60)… */
  timeout: number | undefined;
  /** …plus this many seconds per page (default 10). */
  timeoutPerPage: number | undefined;
  /** Resident memory of one converter process, bytes (default 768 MiB). */
  maxMemory: number | undefined;
  /** Skip inputs whose sha256 has an ok record in the manifest of --out. */
  resume: boolean;
}

export interface ReportArgs {
  /** Converted JSON files, or folders holding them. */
  inputs: string[];
  out: string;
  /** Where the original attachments are: files or folders. */
  sources: string[];
  logLevel: LogLevel;
  maxBytes: number | undefined;
  ocrThreshold: number | undefined;
  quiet: boolean;
  logLevelGiven: boolean;
}

/** What every queue command shares: where the queue is, and the log. */
export interface QueueArgs {
  /** Redis URL: --redis, else $PIAO_REDIS_URL. */
  redis: string;
  queue: string;
  logLevel: LogLevel;
  logLevelGiven: boolean;
  quiet: boolean;
}

export interface QueueAddArgs extends QueueArgs {
  inputs: string[];
  out: string;
  maxBytes: number | undefined;
  maxPages: number | undefined;
  ocr: OcrMode | undefined;
  ocrThreshold: number | undefined;
  /** Split PDFs with more pages to OCR than this into page jobs; null: never. */
  splitOver: number | null;
  pagesPerJob: number;
}

export interface QueueStatusArgs extends QueueArgs {
  /** Print once, even on a terminal (where the bar follows the queue until it is done). */
  once: boolean;
  json: boolean;
}

export interface QueueManifestArgs extends QueueArgs {
  out: string;
}

export interface WorkerArgs extends QueueArgs {
  /** Jobs converted at once: converter processes (default: the cores). */
  concurrency: number | undefined;
  timeout: number | undefined;
  timeoutPerPage: number | undefined;
  maxMemory: number | undefined;
  ocrModel: OcrModel | undefined;
  /** Seconds a job's lock lasts without renewal: how soon a dead worker's jobs are taken up. */
  lockTimeout: number;
}

export type Command =
  | { name: "help"; topic: Topic | null }
  | { name: "version" }
  | { name: "schema" }
  | { name: "convert"; args: ConvertArgs }
  | { name: "report"; args: ReportArgs }
  | { name: "queue-add"; args: QueueAddArgs }
  | { name: "queue-status"; args: QueueStatusArgs }
  | { name: "queue-manifest"; args: QueueManifestArgs }
  | { name: "worker"; args: WorkerArgs };

const TOPICS: readonly Topic[] = ["convert", "report", "schema", "queue", "worker"];

export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("no command given");
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = rest[0];
    return { name: "help", topic: (TOPICS as readonly string[]).includes(topic ?? "") ? (topic as Topic) : null };
  }
  if (first === "--version" || first === "-V") return { name: "version" };
  if (first === "schema") return parseSchema(rest);
  if (first === "convert") return parseConvert(rest);
  if (first === "report") return parseReport(rest);
  if (first === "queue") return parseQueue(rest, env);
  if (first === "worker") return parseWorker(rest, env);
  if (first.startsWith("-")) throw new UsageError(`unknown option '${first}' (options follow the command)`);
  throw new UsageError(`unknown command '${first}'`);
}

function guard<T>(command: Topic, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    // parseArgs' messages already name the offending option.
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""), command);
  }
}

function parseSchema(args: readonly string[]): Command {
  const { values, positionals } = guard("schema", () =>
    parseArgs({ args: [...args], options: { help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }),
  );
  if (values.help) return { name: "help", topic: "schema" };
  if (positionals.length > 0) throw new UsageError(`schema takes no arguments (got '${positionals[0]}')`, "schema");
  return { name: "schema" };
}

/** Options shared by the commands that read files and log. */
const COMMON = {
  out: { type: "string", short: "o" },
  "log-level": { type: "string" },
  "max-bytes": { type: "string" },
  "ocr-threshold": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;

interface CommonValues {
  "log-level"?: string | undefined;
  "max-bytes"?: string | undefined;
  "ocr-threshold"?: string | undefined;
  quiet?: boolean | undefined;
}

function parseCommon(values: CommonValues, fail: (msg: string) => never) {
  const quiet = values.quiet === true;
  const levelArg = values["log-level"];
  if (levelArg !== undefined && !isLogLevel(levelArg)) {
    fail(`--log-level must be one of fatal, error, warn, info, debug, trace, silent (got '${levelArg}')`);
  }
  // --quiet drops the per-file lines unless a level was asked for explicitly.
  const logLevel: LogLevel = levelArg !== undefined && isLogLevel(levelArg) ? levelArg : quiet ? "warn" : "info";

  const maxBytesArg = values["max-bytes"];
  let maxBytes: number | undefined;
  if (maxBytesArg !== undefined) {
    const n = parseByteSize(maxBytesArg);
    if (n === null) fail(`--max-bytes must be a positive size like 1000, 64k or 50M (got '${maxBytesArg}')`);
    maxBytes = n ?? undefined;
  }

  const thrArg = values["ocr-threshold"];
  let ocrThreshold: number | undefined;
  if (thrArg !== undefined) {
    const n = Number(thrArg);
    if (thrArg.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) {
      fail(`--ocr-threshold must be a number from 0 to 100 (got '${thrArg}')`);
    }
    ocrThreshold = n;
  }
  return { quiet, logLevel, logLevelGiven: levelArg !== undefined, maxBytes, ocrThreshold };
}

function parseConvert(args: readonly string[]): Command {
  const { values, positionals } = guard("convert", () =>
    parseArgs({
      args: [...args],
      options: {
        ...COMMON,
        csv: { type: "boolean" },
        stdout: { type: "boolean" },
        ocr: { type: "string" },
        "ocr-model": { type: "string" },
        "max-pages": { type: "string" },
        report: { type: "boolean" },
        jobs: { type: "string", short: "j" },
        ...LIMITS,
        resume: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) return { name: "help", topic: "convert" };
  const fail = (msg: string): never => {
    throw new UsageError(msg, "convert");
  };
  if (positionals.length === 0) fail("no input files or folders given");
  const out = values.out ?? null;
  const stdout = values.stdout === true;
  const csv = values.csv === true;
  const report = values.report === true;
  if (out !== null && out.trim() === "") fail("--out needs a folder name");
  if (stdout && out !== null) fail("--stdout and --out cannot be combined");
  if (!stdout && out === null) fail("--out <dir> is required (or --stdout)");
  if (stdout && csv) fail("--csv writes files, so it needs --out instead of --stdout");
  if (stdout && report) fail("--report writes files, so it needs --out instead of --stdout");
  const resume = values.resume === true;
  if (stdout && resume) fail("--resume reads the manifest of --out, so it needs --out instead of --stdout");
  const common = parseCommon(values, fail);

  const ocr = oneOf("--ocr", values.ocr, OCR_MODES, fail);
  const ocrModel = oneOf("--ocr-model", values["ocr-model"], OCR_MODELS, fail);
  const maxPages = parseMaxPages(values["max-pages"], fail);
  const jobs = wholeNumber("--jobs", values.jobs, 0, 256, fail);
  const { timeout, timeoutPerPage, maxMemory } = parseLimits(values, fail);

  return {
    name: "convert",
    args: {
      inputs: positionals,
      out,
      csv,
      stdout,
      ...common,
      ocr,
      ocrModel,
      maxPages,
      report,
      jobs,
      timeout,
      timeoutPerPage,
      maxMemory,
      resume,
    },
  };
}

function parseMaxPages(pagesArg: string | undefined, fail: (msg: string) => never): number | undefined {
  if (pagesArg === undefined) return undefined;
  const n = Number(pagesArg);
  if (!/^\s*\d+\s*$/.test(pagesArg) || !Number.isSafeInteger(n) || n < 1) {
    fail(`--max-pages must be a whole number of pages, at least 1 (got '${pagesArg}')`);
  }
  return n;
}

/** The converter processes' limits (convert and worker). */
function parseLimits(values: { timeout?: string | undefined; "timeout-per-page"?: string | undefined; "max-memory"?: string | undefined }, fail: (msg: string) => never) {
  const timeout = seconds("--timeout", values.timeout, fail);
  const timeoutPerPage = seconds("--timeout-per-page", values["timeout-per-page"], fail, true);
  const memArg = values["max-memory"];
  let maxMemory: number | undefined;
  if (memArg !== undefined) {
    const n = parseByteSize(memArg);
    if (n === null || n < 64 * 1024 ** 2) fail(`--max-memory must be a size of at least 64M, like 512M or 2G (got '${memArg}')`);
    maxMemory = n ?? undefined;
  }
  return { timeout, timeoutPerPage, maxMemory };
}

const LIMITS = {
  timeout: { type: "string" },
  "timeout-per-page": { type: "string" },
  "max-memory": { type: "string" },
} as const;

/** Options of every queue command. */
const QUEUE_COMMON = {
  redis: { type: "string" },
  queue: { type: "string" },
  "log-level": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;

function parseQueueCommon(
  values: { redis?: string | undefined; queue?: string | undefined; "log-level"?: string | undefined; quiet?: boolean | undefined },
  env: Readonly<Record<string, string | undefined>>,
  fail: (msg: string) => never,
): QueueArgs {
  const redis = values.redis ?? env[REDIS_ENV];
  if (redis === undefined || redis.trim() === "") fail(`no Redis given: --redis redis://host:6379, or set ${REDIS_ENV}`);
  const bad = checkRedisUrl(redis!);
  if (bad) fail(bad);
  const queue = values.queue ?? DEFAULT_QUEUE;
  const badName = checkQueueName(queue);
  if (badName) fail(badName);
  const { quiet, logLevel, logLevelGiven } = parseCommon(values, fail);
  return { redis: redis!, queue, quiet, logLevel, logLevelGiven };
}

function parseQueue(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h") return { name: "help", topic: "queue" };
  const fail = (msg: string): never => {
    throw new UsageError(msg, "queue");
  };
  if (sub === "add") {
    const { values, positionals } = guard("queue", () =>
      parseArgs({
        args: [...rest],
        options: {
          ...QUEUE_COMMON,
          out: { type: "string", short: "o" },
          "max-bytes": { type: "string" },
          "max-pages": { type: "string" },
          ocr: { type: "string" },
          "ocr-threshold": { type: "string" },
          "split-over": { type: "string" },
          "no-split": { type: "boolean" },
          "pages-per-job": { type: "string" },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    if (values.help) return { name: "help", topic: "queue" };
    if (positionals.length === 0) fail("no input files or folders given");
    const out = values.out;
    if (out === undefined || out.trim() === "") fail("--out <dir> is required: the folder (shared by the workers) the outputs go to");
    const common = parseCommon(values, fail);
    const splitOver = values["no-split"] ? null : (wholeNumber("--split-over", values["split-over"], 0, 100_000, fail) ?? DEFAULT_SPLIT_OVER);
    const pagesPerJob = wholeNumber("--pages-per-job", values["pages-per-job"], 1, 1000, fail) ?? DEFAULT_PAGES_PER_JOB;
    return {
      name: "queue-add",
      args: {
        ...parseQueueCommon(values, env, fail),
        inputs: positionals,
        out: out!,
        maxBytes: common.maxBytes,
        ocrThreshold: common.ocrThreshold,
        maxPages: parseMaxPages(values["max-pages"], fail),
        ocr: oneOf("--ocr", values.ocr, OCR_MODES, fail),
        splitOver,
        pagesPerJob,
      },
    };
  }
  if (sub === "status") {
    const { values, positionals } = guard("queue", () =>
      parseArgs({ args: [...rest], options: { ...QUEUE_COMMON, once: { type: "boolean" }, json: { type: "boolean" } }, allowPositionals: true, strict: true }),
    );
    if (values.help) return { name: "help", topic: "queue" };
    if (positionals.length > 0) fail(`queue status takes no arguments (got '${positionals[0]}')`);
    return { name: "queue-status", args: { ...parseQueueCommon(values, env, fail), once: values.once === true, json: values.json === true } };
  }
  if (sub === "manifest") {
    const { values, positionals } = guard("queue", () =>
      parseArgs({ args: [...rest], options: { ...QUEUE_COMMON, out: { type: "string", short: "o" } }, allowPositionals: true, strict: true }),
    );
    if (values.help) return { name: "help", topic: "queue" };
    if (positionals.length > 0) fail(`queue manifest takes no arguments (got '${positionals[0]}')`);
    const out = values.out;
    if (out === undefined || out.trim() === "") fail("--out <dir> is required: the output folder given to queue add");
    return { name: "queue-manifest", args: { ...parseQueueCommon(values, env, fail), out: out! } };
  }
  return fail(`unknown queue command '${sub}' (add, status or manifest)`);
}

function parseWorker(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values, positionals } = guard("worker", () =>
    parseArgs({
      args: [...args],
      options: { ...QUEUE_COMMON, ...LIMITS, concurrency: { type: "string", short: "c" }, "ocr-model": { type: "string" }, "lock-timeout": { type: "string" } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) return { name: "help", topic: "worker" };
  const fail = (msg: string): never => {
    throw new UsageError(msg, "worker");
  };
  if (positionals.length > 0) fail(`worker takes no arguments (got '${positionals[0]}')`);
  const lock = seconds("--lock-timeout", values["lock-timeout"], fail);
  if (lock !== undefined && lock < 1) fail(`--lock-timeout must be at least 1 second (got '${values["lock-timeout"]}')`);
  return {
    name: "worker",
    args: {
      ...parseQueueCommon(values, env, fail),
      concurrency: wholeNumber("--concurrency", values.concurrency, 1, 256, fail),
      ...parseLimits(values, fail),
      ocrModel: oneOf("--ocr-model", values["ocr-model"], OCR_MODELS, fail),
      lockTimeout: lock ?? 30,
    },
  };
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number, fail: (msg: string) => never): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) fail(`${flag} must be a whole number from ${min} to ${max} (got '${value}')`);
  return n;
}

/** A positive number of seconds (zero allowed where `zero`). */
function seconds(flag: string, value: string | undefined, fail: (msg: string) => never, zero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/s$/, ""));
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || (n === 0 && !zero)) fail(`${flag} must be a ${zero ? "" : "positive "}number of seconds (got '${value}')`);
  return n;
}

/** A flag's value among `allowed` (undefined when absent); anything else is a usage error listing them. */
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fail: (msg: string) => never): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1]}` : allowed.join("");
  return fail(`${flag} must be ${list} (got '${value}')`);
}

function parseReport(args: readonly string[]): Command {
  const { values, positionals } = guard("report", () =>
    parseArgs({
      args: [...args],
      options: { ...COMMON, source: { type: "string", short: "s", multiple: true } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) return { name: "help", topic: "report" };
  const fail = (msg: string): never => {
    throw new UsageError(msg, "report");
  };
  if (positionals.length === 0) fail("no converted JSON files or folders given");
  const out = values.out;
  if (out === undefined) fail("--out <dir> is required");
  if (out !== undefined && out.trim() === "") fail("--out needs a folder name");
  const sources = values.source ?? [];
  if (sources.some((s) => s.trim() === "")) fail("--source needs a file or folder name");
  return { name: "report", args: { inputs: positionals, out: out!, sources, ...parseCommon(values, fail) } };
}

const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `1000`, `64k`, `50M`, `1.5g`, `10MiB`, `10MB` (binary multiples) → bytes; null when not a positive size. */
export function parseByteSize(s: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmg])i?)?b?\s*$/i.exec(s);
  if (!m) return null;
  const n = Math.floor(Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 1));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
