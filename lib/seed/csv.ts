import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/** One CSV field, RFC 4180: quoted (with `"` doubled) when it contains `,`, `"`, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const CHUNK = 64 * 1024;

/**
 * A streaming CSV file: rows are appended to a string buffer that is handed to a file write
 * stream in ~64 KB chunks. `write` never blocks; the generator calls `drain()` regularly, which
 * waits while the stream's buffer is above its high-water mark (backpressure), so memory stays
 * bounded however large the dataset. Rows end with LF (RFC 4180 readers accept it; the shared
 * fixtures use it too).
 */
export class CsvWriter {
  rows = 0;
  private buffer = "";
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on("error", (err) => {
      this.failure = err;
    });
    this.buffer = `${header.join(",")}\n`;
  }

  /** Appends one row; `line` is already CSV-encoded (fields through csvField where needed). */
  write(line: string): void {
    this.buffer += line;
    this.buffer += "\n";
    this.rows++;
    if (this.buffer.length >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.buffer === "") return;
    this.stream.write(this.buffer);
    this.buffer = "";
  }

  /** Waits until the underlying stream can take more (no-op when it can). */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    // writableNeedDrain, not the last write's return value: the 'drain' may already have been
    // emitted while the generator was waiting on another file.
    if (!this.stream.writableNeedDrain) return;
    await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }

  /** Closes the stream without waiting (after a failure elsewhere). */
  destroy(): void {
    this.stream.destroy();
  }
}
