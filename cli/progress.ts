/**
 * Progress on stderr for long runs. Nothing is printed during the first
 * few seconds, so short runs stay quiet. After that, a line at most once
 * a second. Progress starts no timer, so a finished run exits at once.
 */

/** Runs shorter than this print no progress, in milliseconds. */
export const PROGRESS_DELAY_MS = 3000;
const PROGRESS_INTERVAL_MS = 1000;
const BYTES_PER_MB = 1024 * 1024;

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private readonly stream: ProgressStream;
  private readonly totalBytes: number;
  private readonly fileCount: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastPrintedAt = 0;
  private printed = false;
  private doneBytes = 0;
  private fileIndex = 0;

  constructor(
    stream: ProgressStream,
    totalBytes: number,
    fileCount: number,
    now: () => number = Date.now
  ) {
    this.stream = stream;
    this.totalBytes = totalBytes;
    this.fileCount = fileCount;
    this.now = now;
    this.startedAt = now();
  }

  /** Marks the start of the next file, after `doneBytes` bytes in all. */
  startFile(doneBytes: number): void {
    this.doneBytes = doneBytes;
    this.fileIndex += 1;
  }

  /** Reports `bytesRead` bytes read so far in the current file. */
  update(bytesRead: number): void {
    const now = this.now();
    if (
      now - this.startedAt < PROGRESS_DELAY_MS ||
      now - this.lastPrintedAt < PROGRESS_INTERVAL_MS
    ) {
      return;
    }
    this.lastPrintedAt = now;
    const read = this.doneBytes + bytesRead;
    const percent =
      this.totalBytes > 0 ? Math.floor((read / this.totalBytes) * 100) : 100;
    const line =
      `oauth-guard: read ${(read / BYTES_PER_MB).toFixed(0)} of ` +
      `${(this.totalBytes / BYTES_PER_MB).toFixed(0)} MB (${percent}%), ` +
      `file ${this.fileIndex} of ${this.fileCount}`;
    this.stream.write(this.stream.isTTY ? `\r${line}` : `${line}\n`);
    this.printed = true;
  }

  /** Ends the progress line, if one was printed on a terminal. */
  finish(): void {
    if (this.printed && this.stream.isTTY) {
      this.stream.write("\n");
    }
  }
}
