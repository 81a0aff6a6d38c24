/**
 * What the CLI talks to. `run(argv, io)` takes these instead of touching
 * `process` so that it can be driven in-process (tests, embedding) exactly as
 * the executable drives it.
 */
import { writeFileAtomic } from "../util/atomic.js";

export interface TextOut {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
  once?(event: "drain", listener: () => void): unknown;
  on?(event: "error", listener: (err: Error) => void): unknown;
  off?(event: "error", listener: (err: Error) => void): unknown;
}

export interface CliIo {
  stdout: TextOut;
  stderr: TextOut;
  /**
   * Aborting stops the batch after the file in hand: its write completes or is
   * rolled back, the manifest of what was done is written, and `run` returns
   * the abort reason when it is a number (the executable passes 130 for SIGINT), else 130.
   */
  signal?: AbortSignal;
  /** How output files are written; atomic by default. Tests inject failures here. */
  writeFile?: (file: string, data: string) => Promise<void>;
}

export const defaultWriteFile = (file: string, data: string): Promise<void> => writeFileAtomic(file, data);

/** An in-memory CliIo: everything written is kept as text. */
export interface CapturedIo extends CliIo {
  stdout: TextOut & { text(): string };
  stderr: TextOut & { text(): string };
}

export function captureIo(opts: { tty?: boolean; columns?: number } = {}): CapturedIo {
  const make = (tty: boolean): TextOut & { text(): string } => {
    const chunks: string[] = [];
    return {
      write(chunk: string) {
        chunks.push(chunk);
        return true;
      },
      text: () => chunks.join(""),
      ...(tty ? { isTTY: true, columns: opts.columns ?? 80 } : {}),
    };
  };
  return { stdout: make(false), stderr: make(opts.tty ?? false) };
}
