/**
 * Logs go to stderr only, so stdout and output files carry nothing but data.
 * The real stderr is written through a synchronous pino destination (fd 2)
 * so that lines are not lost when the process exits right after logging.
 */
import pino, { type DestinationStream, type Level, type Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = Level | "silent";

export function isLogLevel(s: string): s is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(s);
}

/** Anything with a `write(string)`: a stream, or a wrapper that redraws a progress bar. */
export interface LineSink {
  write(line: string): unknown;
}

/** fd 2 through sonic-boom (sync); used when the CLI runs against the real process stderr. */
export function stderrDestination(): DestinationStream {
  return pino.destination({ dest: 2, sync: true });
}

export function createLogger(level: LogLevel, sink: LineSink): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    sink as DestinationStream,
  );
}
