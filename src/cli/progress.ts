// A long replay says how far it is on stderr: a line every few seconds with the share done and
// the time left at the rate so far (the console shows the same in its replay bar).
import { span } from '../ui/format.js';

export class ProgressLine {
  private last: number;
  /** Whether a line was written. */
  shown = false;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly everyMs = 2000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /** `text` done, `fraction` of the work since `since` (a time of `now`); at most one line per interval. */
  report(text: string, fraction: number, since: number): void {
    const t = this.now();
    if (t - this.last < this.everyMs) return;
    this.last = t;
    const f = Math.min(1, Math.max(0, fraction));
    const eta = f > 0 ? `ETA ${span(((t - since) * (1 - f)) / f)}` : 'ETA estimating';
    this.stderr.write(`ordertrack: ${text} (${Math.floor(100 * f)}%), ${eta}\n`);
    this.shown = true;
  }

  /** A closing line, written only after progress lines (a short run stays silent). */
  finally(text: string): void {
    if (this.shown) this.stderr.write(`ordertrack: ${text}\n`);
  }
}
