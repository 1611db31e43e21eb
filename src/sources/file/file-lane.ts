// One topic's NDJSON file as the directory merge sees it: its next line, parsed, with its
// effective event time (its own, else the one of the line before it in the file, else
// −Infinity) and whether --from/--to keeps it.
//
// The merge runs over every line, kept or not, so a --from/--to run delivers exactly a
// subsequence of the full run's order (a replay sees what the live run saw). The lane knows
// where its last kept line is (last-kept.ts): that line is flagged `last`, and after it the lane
// is done. Leaving the merge early changes nothing: the order between two other files' lines
// never depends on a third file's lines.
import type { TopicId } from '../../engine/types.js';
import type { TimeZone } from '../../engine/time/timestamp.js';
import { eventTime } from './event-time.js';
import { changed, inRange, isBlank, type FileSourceOptions } from './file-record.js';
import { lastKeptOffsets } from './last-kept.js';
import { LineReader } from './line-reader.js';
import { NOT_JSON, parseMessage, parseTopicMessage } from '../message.js';

export interface LaneLine {
  line: number;
  /** The line's event time, or the one it inherits (see read()). */
  time: number;
  /** Its own event time; NaN when it has none that parses. */
  own: number;
  keep: boolean;
  /** The last line this lane delivers. */
  last: boolean;
  /** The line's text and parsed JSON (undefined on lines not kept). */
  text: string | undefined;
  value: unknown;
  parseError: boolean;
}

export class FileLane {
  readonly topic: TopicId;
  readonly file: string;
  /** Position: the number of the last line the merge took, and that line's time. */
  consumed: number;
  prevTime: number;

  private readonly reader: LineReader;
  private readonly tz: TimeZone;
  private readonly opts: FileSourceOptions;
  private readonly lastKept: number;
  /** Bytes this run reads: from where it opened to just past the start of the last kept line. */
  private readonly startByte: number;
  private readonly endByte: number;
  private ahead: LaneLine | undefined;
  private done: boolean;

  /** Opens `path` right after line `consumed` (whose effective time was `prevTime`). */
  constructor(topic: TopicId, file: string, path: string, opts: FileSourceOptions, consumed: number, prevTime: number) {
    this.topic = topic;
    this.file = file;
    this.tz = opts.timeZone;
    this.opts = opts;
    this.consumed = consumed;
    this.prevTime = prevTime;
    this.reader = new LineReader(path);
    try {
      if (this.reader.skip(consumed) < consumed) {
        throw changed(path, `has fewer lines than the saved source position (${consumed})`);
      }
      const inherited = [prevTime, prevTime, prevTime];
      const probe = (text: string, withTime: boolean) => ({ topic, time: withTime ? timeOf(topic, text, this.tz) : undefined });
      this.lastKept = lastKeptOffsets(path, this.reader.nextOffset, opts, inherited, [topic], probe)[topic]!;
    } catch (err) {
      this.reader.close();
      throw err;
    }
    this.done = this.lastKept < 0;
    this.startByte = this.reader.nextOffset;
    this.endByte = Math.max(this.startByte, this.lastKept + 1);
  }

  /** Bytes read of those this run reads. */
  get bytesRead(): number {
    return Math.min(this.reader.nextOffset, this.endByte) - this.startByte;
  }

  get bytesTotal(): number {
    return this.endByte - this.startByte;
  }

  /** The next line for the merge, or undefined when the lane is done. */
  head(): LaneLine | undefined {
    if (this.ahead === undefined && !this.done) this.ahead = this.read();
    return this.ahead;
  }

  /** Takes the head (call head() first). */
  pop(): LaneLine {
    const l = this.ahead!;
    this.ahead = undefined;
    this.consumed = l.line;
    this.prevTime = l.time;
    if (l.last) this.done = true;
    return l;
  }

  close(): void {
    this.reader.close();
  }

  /** The next non-blank line; the file ends no earlier than the last kept line. */
  private read(): LaneLine | undefined {
    let text: string | undefined;
    do text = this.reader.next();
    while (text !== undefined && isBlank(text));
    if (text === undefined) {
      this.done = true;
      return undefined;
    }
    const parsed = parseTopicMessage(this.topic, text);
    const parseError = parsed === NOT_JSON;
    const value = parseError ? undefined : parsed;
    const own = parseError ? undefined : eventTime(this.topic, value, this.tz);
    const time = own ?? this.prevTime;
    const keep = inRange(time, this.opts);
    const last = keep && this.reader.lineOffset === this.lastKept;
    return keep
      ? { line: this.reader.lineNumber, time, own: own ?? NaN, keep, last, text, value, parseError }
      : { line: this.reader.lineNumber, time, own: NaN, keep, last, text: undefined, value: undefined, parseError };
  }
}

/** The event time of a line's message; undefined when it is not JSON or has none. */
function timeOf(topic: TopicId, text: string, tz: TimeZone): number | undefined {
  const value = parseMessage(text);
  return value === NOT_JSON ? undefined : eventTime(topic, value, tz);
}
