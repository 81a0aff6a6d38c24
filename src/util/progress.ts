/**
 * A one-line progress bar on stderr: files done/total, the current file's
 * pages done/total when the converter reports them, rate and the file name.
 * It draws only on a TTY (callers decide, see `enabled`), so CI logs stay clean.
 * Log lines pass through `wrap()`, which clears the bar before each line and
 * redraws it after, so bar and logs never overwrite each other.
 */
import type { LineSink } from "./logger.js";

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Progress {
  private done = 0;
  private current = "";
  /** Pages of the current file: done and total, 0/0 until the converter reports. */
  private pagesDone = 0;
  private pagesTotal = 0;
  private readonly started = Date.now();
  private drawn = false;
  private lastDraw = 0;

  constructor(
    private readonly out: ProgressStream,
    readonly enabled: boolean,
    private total = 0,
  ) {}

  /** The total is known only once the folders are walked. */
  setTotal(n: number): void {
    this.total = n;
  }

  /** A sink for the logger that keeps the bar below the log lines. */
  wrap(sink: LineSink): LineSink {
    if (!this.enabled) return sink;
    return {
      write: (line: string) => {
        const wasDrawn = this.drawn;
        this.clear();
        sink.write(line);
        if (wasDrawn) this.draw(true);
      },
    };
  }

  start(file: string): void {
    this.current = file;
    this.pagesDone = this.pagesTotal = 0;
    this.draw();
  }

  /** Progress inside the current file (a long PDF or a scan being OCR'd). */
  page(done: number, total: number): void {
    this.pagesDone = done;
    this.pagesTotal = total;
    this.draw();
  }

  tick(): void {
    this.done++;
    this.pagesDone = this.pagesTotal = 0;
    this.draw(this.done === this.total);
  }

  /** Removes the bar for good. */
  finish(): void {
    this.clear();
    this.current = "";
  }

  private clear(): void {
    if (!this.enabled || !this.drawn) return;
    this.out.write("\r\x1b[2K");
    this.drawn = false;
  }

  /** Throttled: thousands of small files must not flood the terminal. */
  private draw(force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && this.drawn && now - this.lastDraw < 80) return;
    this.lastDraw = now;
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    // columns is 0 or missing on some pseudo-terminals.
    const width = Math.max(20, (this.out.columns || 80) - 1);
    const barWidth = 20;
    // The current file's pages fill the bar between two files.
    const part = this.pagesTotal > 0 ? Math.min(1, this.pagesDone / this.pagesTotal) : 0;
    const filled = this.total > 0 ? Math.min(barWidth, Math.round(((this.done + part) / this.total) * barWidth)) : barWidth;
    const pages = this.pagesTotal > 0 ? ` · page ${this.pagesDone}/${this.pagesTotal}` : "";
    const head = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${this.done}/${this.total} files${pages} · ${rate.toFixed(1)}/s `;
    const room = width - head.length;
    // Keep the end of the path: the file name is the part worth seeing.
    const name = room <= 1 ? "" : this.current.length <= room ? this.current : "…" + this.current.slice(-(room - 1));
    this.out.write(`\r\x1b[2K${head}${stripControls(name)}`);
    this.drawn = true;
  }
}

/** File names are untrusted: no escape sequences reach the terminal. */
function stripControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
