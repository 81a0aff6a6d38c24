#!/usr/bin/env node
/**
 * The `piao-extract` executable. `run(argv, io)` is the whole CLI and returns
 * the exit code; the bottom of this file wires it to the real process.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { removeLiveTempsSync } from "../util/atomic.js";
import { killChildrenSync } from "../run/pool.js";
import type { Logger } from "pino";
import { createLogger, stderrDestination, type LineSink, type LogLevel } from "../util/logger.js";
import { Progress } from "../util/progress.js";
import { parseCommand, UsageError } from "./args.js";
import { FatalError, MANIFEST, runBatch } from "./batch.js";
import type { CliIo } from "./io.js";
import { DEFAULT_PAGES_PER_JOB, DEFAULT_QUEUE, DEFAULT_SPLIT_OVER, REDIS_ENV } from "../queue/settings.js";

export type { CliIo } from "./io.js";
export { captureIo } from "./io.js";

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const USAGE = `Usage:
  piao-extract convert <files or folders…> --out <dir> [--csv] [--report] [options]
  piao-extract convert <files or folders…> --stdout [options]
  piao-extract report <converted JSON files or folders…> --out <dir> [--source <file or folder>]… [options]
  piao-extract schema
  piao-extract queue add <files or folders…> --out <shared dir> [--redis <url>] [options]
  piao-extract queue status [--redis <url>] | queue manifest --out <dir> [--redis <url>]
  piao-extract worker [--redis <url>] [--concurrency <n>] [options]
  piao-extract --help | --version | help queue`;

const HELP = `piao-extract — turns the objective tables of PIAO attachments (text exports,
PDFs, scans) into canonical JSON (contract "piao-objectives/1").

${USAGE}

Commands:
  convert     Convert files; folders are walked recursively in sorted order,
              skipping hidden entries and the output folder. Every other path
              met gets a manifest record: FIFOs, sockets and devices are never
              opened (unsupported), symlinks are followed only to files inside
              the inputs given (others: outside, skipped; symlinked folders:
              folder-link, skipped; dangling: not-found; loops: loop), a file
              reached twice is converted once (later: duplicate, skipped),
              names that are not UTF-8 are read by their bytes. Output names
              come from file names only.
  report      Write <dir>/<name>.report.html for each converted <name>.json:
              one self-contained page (opens from disk, fetches nothing) with
              the page images, word boxes shaded by OCR confidence, the
              objectives, steps and KPIs as tables whose fields show their
              box on the page when clicked, and a checklist of the issues and
              low-confidence fields whose ticks the browser remembers.
  schema      Print the JSON Schema of the output on stdout.
  queue, worker  Cluster mode: inputs queued in Redis (BullMQ), converted by
              workers on any number of machines into a shared folder. See
              'piao-extract help queue'.

Convert options:
  -o, --out <dir>        Write <dir>/<input name>.json for each input (the same
                         name twice becomes name~2.json, name~3.json…), plus
                         <dir>/${MANIFEST}: one JSON line per input with its
                         status, counts and error. The folder is created if needed.
      --csv              Also write objectives.csv, steps.csv, kpis.csv and
                         issues.csv in <dir> (cells starting with = + - @ that
                         are not plain numbers get a leading ' for spreadsheets).
      --stdout           Print one JSON document per line instead of writing
                         files; the manifest records go to the log (stderr).
      --max-bytes <n>    Refuse inputs larger than n bytes (k, M, G allowed;
                         default 256M). Refused inputs fail with "too-large".
      --report           Also write <dir>/<name>.report.html (see report), and for
                         OCR'd inputs <dir>/<name>.words.json, the word boxes that
                         let 'report' run again later without OCR. A report that
                         cannot be made is logged and noted in the manifest
                         ("report": {output, words, error}); the conversion stands.
      --max-pages <n>    Refuse PDFs with more than n pages (too-large).
      --ocr <mode>       auto (default) | always | never: OCR for image-only pages.
      --ocr-model <m>    fast (default): pages read with tessdata_fast, stretches
                         it is unsure of read again with tessdata_best; best:
                         tessdata_best alone (~1.5x slower).
      --ocr-threshold <n>  OCR confidence (0-100) under which a field is flagged
                         (default 60; not a code continuing its numbering, nor
                         a date, weight or target read whole and otherwise
                         consistent).
      --log-level <lvl>  fatal|error|warn|info|debug|trace|silent (default info;
                         on a terminal warn: the bar shows the progress).
  -q, --quiet            No progress bar and no per-file log lines (level warn
                         unless --log-level is given).
  -j, --jobs <n>         Converter processes, one file at a time each (default:
                         the cores). A crash, a timeout or a memory overrun
                         fails that one file. 0 converts in this process,
                         without isolation or the limits below.
      --timeout <s>      Seconds for one file (default 30) plus
      --timeout-per-page <s>  seconds per page once the page count is known
                         (default 10); then the file's process is killed (timeout).
      --max-memory <size>  Resident memory of one converter process (default
                         768M; V8's heap capped at 3/4 of it); over it the file
                         fails (resource-limit). A process left larger than
                         half of it after a file is replaced.
      --resume           Skip inputs whose sha256 already has an ok record (and
                         output) in <dir>/${MANIFEST}; their records are kept.
  -h, --help             This help.

Report options:
  -o, --out <dir>        Folder for the reports (created if needed); required.
  -s, --source <path>    The original attachments: a file or a folder (walked),
                         repeatable. A JSON's source is looked for by its
                         source.file name there, then beside the JSON, then
                         through the manifest.jsonl beside the JSON; it must have
                         the JSON's source.sha256. Text exports need no source.
      --ocr-threshold <n>  Fields and words under n% confidence are flagged
                         (default 60).
      --max-bytes, --log-level, -q/--quiet, -h/--help: as for convert.
  Word boxes come from <name>.words.json beside the JSON when present, else
  from the source's text layer (or OCR) read again.

Logs are JSON lines (pino) on stderr; data goes only to stdout or files. A
progress bar is drawn on stderr only when it is a terminal and --quiet is off.
Every file is written atomically (temp file, fsync, rename). The manifest is
appended as each file finishes, so a crash or a kill of the batch loses
nothing finished (--resume goes on from there), and rewritten in input order
at the end. Ctrl-C finishes the files in hand and starts no other; a second
Ctrl-C stops at once. Neither leaves a partial output (a temp file a killed
conversion leaves is removed by the next run into that folder).

Exit codes:
  0    every input converted (report: every report written)
  1    some inputs failed (the others are written; see the manifest or the
       log), or the output folder cannot be created or written (then nothing
       is done)
  2    usage error: unknown command or option, bad option value, no inputs,
       neither --out nor --stdout
  70   internal error: the CLI itself crashed (a bug; please report)
  130  interrupted (SIGINT; 143 for SIGTERM); the manifest lists what was done

Failure codes in the manifest (error.code; status "failed"):
  not-found     the path does not exist, or a symlink's target does not
  loop          a loop of symlinks
  unreadable    cannot be read, or a folder cannot be listed
  unsupported   a FIFO, socket or device, or a format this version cannot read
  empty         0 bytes
  binary        binary content that is not a PDF or an image
  too-large     over --max-bytes or --max-pages, or a limit inside the file (image
                pixels or side, a stream decoding past 160 MiB, 100,000 words a page)
  encrypted     password-protected PDF
  corrupt       damaged, or its name promises a format its bytes are not
  no-text-layer a PDF without text when OCR is off
  timeout       not converted within --timeout (+ --timeout-per-page × pages)
  resource-limit  grew past --max-memory
  crashed       the converter process died (a native crash): only this file lost
  write-failed  the output file could not be written
  internal      a bug: the converter failed unexpectedly (please report)
Paths passed over on purpose (status "skipped"): outside (a symlink leading
outside the inputs), folder-link (a symlinked folder), duplicate (a file
already converted under another path).

Failure codes of report (error.code in its log lines):
  not-found, unreadable, too-large   the JSON given cannot be read
  not-a-document    not JSON, or not a piao-objectives/1 document
  source-not-found  the source attachment is nowhere to be found (use --source)
  sha-mismatch      a file of that name was found, but not the version converted
  render-failed     the source's pages could not be drawn
  write-failed      the report could not be written
`;

const QUEUE_HELP = `piao-extract — cluster mode: a queue in Redis (BullMQ), workers on any number
of machines, outputs in a folder they all share (NFS or similar; inputs too).

Usage:
  piao-extract queue add <files or folders…> --out <dir> [--redis <url>] [options]
  piao-extract queue status [--redis <url>] [--once] [--json]
  piao-extract queue manifest --out <dir> [--redis <url>]
  piao-extract worker [--redis <url>] [--concurrency <n>] [options]

Every command: --redis <url> (redis://[user:password@]host[:port][/db], or
rediss:// for TLS; default \$${REDIS_ENV}), --queue <name> (default
${DEFAULT_QUEUE}: separate batches can share a Redis), --log-level, -q/--quiet.
An unreachable Redis is an error naming the URL (exit 1) within seconds.

queue add     Walk the inputs as convert does and queue one job per input,
              its id the sha256 of its bytes: bytes already queued are not
              queued again (printed as "already known"), from another path
              they get a "duplicate" record. Prints how many were queued.
              Output names are allocated now, as convert allocates them,
              shared by every add into the same folder.
  -o, --out <dir>        Where the workers write <name>.json (created if
                         needed; every worker must see it at this path).
      --max-bytes, --max-pages, --ocr, --ocr-threshold: as for convert
                         (they travel with the job).
      --split-over <n>   A PDF with more than n pages to OCR (default ${DEFAULT_SPLIT_OVER}) is
                         spread over page jobs: each OCRs --pages-per-job pages
                         (default ${DEFAULT_PAGES_PER_JOB}) on whichever worker is free, and
                         one job assembles the document from their words.
      --no-split         Never split.
queue status  Documents queued, done, failed and to go; jobs waiting and
              active. On a terminal a bar follows the queue until it is done
              (--once: print once); --json: one JSON line.
queue manifest  Write <dir>/${MANIFEST} for the inputs queued into <dir>, in
              the order they were added, as convert writes it. Exit 1 while
              some are still in the queue, or when some failed.
worker        Convert jobs until stopped, each in a converter process as
              convert does (a crash, a timeout or a memory overrun fails
              that one job, recorded with its code; bad input is not retried).
  -c, --concurrency <n>  Jobs at once, one converter process each (default: the cores).
      --timeout, --timeout-per-page, --max-memory, --ocr-model: as for convert
                         (every worker should use the same --ocr-model).
      --lock-timeout <s> A job's lock (default 30): a worker killed outright
                         loses its jobs to the others this long after.
  SIGTERM or Ctrl-C: the jobs in hand finish, no new one is taken (exit 143 /
  130); a second signal stops at once, and those jobs go to other workers
  when their locks expire. A Redis gone for a minute stops the worker (exit 1).

Exit codes: 0 done; 1 Redis unreachable, an input not queued (queue add), some
failed or not finished (queue manifest), the output folder unusable; 2 usage;
130 / 143 interrupted.
`;

function version(): string {
  // ../../package.json from both src/cli and dist/cli.
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let cmd;
  try {
    cmd = parseCommand(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`piao-extract: ${e.message}\n\n${USAGE}\n\nRun 'piao-extract --help' for the options.\n`);
      return EXIT.usage;
    }
    throw e;
  }
  switch (cmd.name) {
    case "help":
      io.stdout.write(cmd.topic === "queue" || cmd.topic === "worker" ? QUEUE_HELP : HELP);
      return EXIT.ok;
    case "version":
      io.stdout.write(version() + "\n");
      return EXIT.ok;
    case "schema": {
      const { jsonSchema } = await import("../model/schema.js");
      io.stdout.write(JSON.stringify(jsonSchema(), null, 2) + "\n");
      return EXIT.ok;
    }
    case "convert": {
      const { args } = cmd;
      return batchCommand(args, io, (log, stop, progress, sink) => runBatch(args, io, log, stop, progress, sink));
    }
    case "report": {
      const { args } = cmd;
      const { runReports } = await import("./report.js");
      return batchCommand({ ...args, stdout: false, manifest: false }, io, (log, stop, progress) => runReports(args, io, log, stop, progress));
    }
    case "queue-add":
      return (await import("./queue.js")).queueAdd(cmd.args, io);
    case "queue-status":
      return (await import("./queue.js")).queueStatus(cmd.args, io);
    case "queue-manifest":
      return (await import("./queue.js")).queueManifest(cmd.args, io);
    case "worker":
      return (await import("./queue.js")).worker(cmd.args, io);
  }
}

interface BatchSettings {
  quiet: boolean;
  logLevel: LogLevel;
  logLevelGiven: boolean;
  /** Data goes to stdout: a closed stdout stops the batch. */
  stdout: boolean;
  /** Whether an interrupted run leaves a manifest of what was done. */
  manifest?: boolean;
}

type BatchBody = (
  log: Logger,
  stop: AbortSignal,
  progress: Progress,
  sink: LineSink,
) => Promise<{ records: { status: "ok" | "failed" | "skipped" }[]; interrupted: boolean; stats?: object }>;

/** What convert and report share: logger and progress bar, stop on signal, exit code from the records. */
async function batchCommand(settings: BatchSettings, io: CliIo, body: BatchBody): Promise<number> {
  const progress = new Progress(io.stderr, !settings.quiet && io.stderr.isTTY === true);
  // The real stderr goes through pino's synchronous fd-2 destination; any other stream is used as given.
  const raw: LineSink = io.stderr === process.stderr ? stderrDestination() : io.stderr;
  const sink = progress.wrap(raw);
  // On a terminal the bar says how it goes: per-file lines only when asked for.
  const level: LogLevel = progress.enabled && !settings.logLevelGiven && settings.logLevel === "info" ? "warn" : settings.logLevel;
  const log = createLogger(level, sink);

  // One signal for "stop after this file": the caller's (SIGINT) or a closed stdout.
  const stop = new AbortController();
  let exitOnStop: number = EXIT.interrupted;
  const onAbort = () => {
    const reason: unknown = io.signal?.reason;
    exitOnStop = typeof reason === "number" ? reason : EXIT.interrupted;
    stop.abort();
  };
  if (io.signal?.aborted) onAbort();
  io.signal?.addEventListener("abort", onAbort, { once: true });
  const onStdoutError = (err: NodeJS.ErrnoException) => {
    log.error({ code: err.code ?? err.message }, "cannot write to stdout (reader gone?); stopping");
    exitOnStop = EXIT.failed;
    stop.abort();
  };
  if (settings.stdout) io.stdout.on?.("error", onStdoutError);

  const t0 = Date.now();
  try {
    const { records, interrupted, stats } = await body(log, stop.signal, progress, sink);
    progress.finish();
    const failed = records.filter((r) => r.status === "failed").length;
    const skipped = records.filter((r) => r.status === "skipped").length;
    const summary = { ok: records.length - failed - skipped, failed, skipped, seconds: (Date.now() - t0) / 1000, ...(stats ? { pool: stats } : {}) };
    if (interrupted) {
      const manifest = !settings.stdout && settings.manifest !== false;
      log.warn(summary, `interrupted: stopped after the file in hand${manifest ? `; ${MANIFEST} lists what was done` : ""}`);
      return exitOnStop;
    }
    log.info(summary, failed > 0 ? "done, with failures" : "done");
    return failed > 0 ? EXIT.failed : EXIT.ok;
  } catch (e) {
    progress.finish();
    if (e instanceof FatalError) {
      io.stderr.write(`piao-extract: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  } finally {
    io.signal?.removeEventListener("abort", onAbort);
    if (settings.stdout) io.stdout.off?.("error", onStdoutError);
  }
}

function isMain(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    // npm installs the bin as a symlink: compare resolved paths.
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  const ac = new AbortController();
  let signals = 0;
  const onSignal = (code: number) => () => {
    // First signal: stop cleanly after the file in hand. Second: leave now, without temps.
    // The manifest already holds every file finished: it is appended as they finish.
    if (++signals > 1) {
      killChildrenSync();
      removeLiveTempsSync();
      process.exit(code);
    }
    ac.abort(code);
  };
  process.on("SIGINT", onSignal(130));
  process.on("SIGTERM", onSignal(143));
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: ac.signal }).then(
    (code) => {
      // exitCode, not exit(): let stdout drain into a pipe before the process ends.
      process.exitCode = code;
    },
    (e: unknown) => {
      killChildrenSync();
      removeLiveTempsSync();
      process.stderr.write(`piao-extract: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
