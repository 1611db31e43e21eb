// Buffered line writer: collects lines and writes them in large chunks (one syscall per ~1 MiB),
// so a million-line file costs a few hundred writes, not a million.
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 1 << 20;

export class NdjsonWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  lines = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends one line (without its newline). */
  line(text: string): void {
    this.parts.push(text);
    this.size += text.length + 1;
    this.lines++;
    if (this.size >= CHUNK) this.flush();
  }

  /** Appends a JSON value as one line. */
  json(value: unknown): void {
    this.line(JSON.stringify(value));
  }

  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
