// A long replay says how far it is on stderr: a line every few seconds with the share done and
// the time left at the rate so far (the console shows the same in its replay bar). A live run,
// which has no end, says where it is the same way, without a share. Notes (what the run goes on
// past but the user should know) are single lines on stderr too.
import { span } from '../ui/format.js';

/** Writes each note as an `ordertrack: note: …` line on stderr. */
export function noteWriter(stderr: NodeJS.WritableStream): (text: string) => void {
  return (text) => {
    stderr.write(`ordertrack: note: ${text}\n`);
  };
}

export interface ProgressOptions {
  /** Writes nothing at all (--quiet). */
  quiet?: boolean;
  /** At most one line per this many ms (default 2 s). */
  everyMs?: number;
  now?: () => number;
}

export class ProgressLine {
  private readonly quiet: boolean;
  private readonly everyMs: number;
  private readonly now: () => number;
  private readonly started: number;
  private last: number;
  private shown = false;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    opts: ProgressOptions = {},
  ) {
    this.quiet = opts.quiet ?? false;
    this.everyMs = opts.everyMs ?? 2000;
    this.now = opts.now ?? (() => performance.now());
    this.started = this.last = this.now();
  }

  /** `text` done, `fraction` of the work since this line was made (if known); at most one line per interval. */
  report(text: string, fraction?: number): void {
    const t = this.now();
    if (this.quiet || t - this.last < this.everyMs) return;
    this.last = t;
    this.shown = true;
    if (fraction === undefined) {
      this.stderr.write(`ordertrack: ${text}\n`);
      return;
    }
    const f = Math.min(1, Math.max(0, fraction));
    const eta = f > 0 ? `ETA ${span(((t - this.started) * (1 - f)) / f)}` : 'ETA estimating';
    this.stderr.write(`ordertrack: ${text} (${Math.floor(100 * f)}%), ${eta}\n`);
  }

  /** A closing line, written only after progress lines (a short run stays silent). */
  finally(text: string): void {
    if (this.shown) this.stderr.write(`ordertrack: ${text}\n`);
  }
}
