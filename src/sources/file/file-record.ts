// What the two file sources (directory of NDJSON files, tape) share: their options, the record
// they deliver, the --from/--to test and how times are written into a position.
import { TOPICS, type SourceRecord, type TopicId, type TopicName } from '../../engine/types.js';
import type { TimeZone } from '../../engine/time/timestamp.js';
import { UserError } from '../../errors.js';

export interface FileSourceOptions {
  /** Zone for timestamps written without one (SPEC §1). */
  timeZone: TimeZone;
  /** Keep only records whose event time is ≥ from (epoch ms). */
  from?: number;
  /** Keep only records whose event time is < to (epoch ms). */
  to?: number;
  /**
   * Deliver the records before the first one (in delivery order) whose event time is ≥ this
   * quiet (BoundedSource.quiet): replay --from rebuilds the state a live run had there.
   */
  quietUntil?: number;
  /** A `position()` of an earlier source over the same input: continue right after it. */
  position?: string;
}

import type { InvalidLine } from '../../engine/types.js';
export type { InvalidLine };

/** Builds every record the file sources deliver, so they all share one shape. */
export function fileRecord(
  topic: TopicId,
  value: unknown,
  parseError: boolean,
  time: number,
  raw: string | undefined,
  file: string,
  line: number,
  last: boolean,
  invalid: InvalidLine | null,
  quiet: boolean,
): SourceRecord {
  return { topic, partition: 0, value, parseError, time, raw, file, line, offset: undefined, last, invalid, quiet };
}

export function eventTimeFilterActive(opts: FileSourceOptions): boolean {
  return opts.from !== undefined || opts.to !== undefined;
}

/** Whether an event time passes --from/--to ([from, to)). */
export function inRange(time: number, opts: FileSourceOptions): boolean {
  return (opts.from === undefined || time >= opts.from) && (opts.to === undefined || time < opts.to);
}

/**
 * Tells which delivered records are quiet (FileSourceOptions.quietUntil) and counts the others.
 * Its state is part of the source's position while it lasts.
 */
export class QuietPrefix {
  readonly delivered: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
  private until: number;

  constructor(until: number | undefined) {
    this.until = until ?? -Infinity;
  }

  /** Whether a delivered record of `topic` (undefined: none) with event time `time` is quiet; counts it if not. */
  quiet(topic: TopicId | undefined, time: number): boolean {
    if (this.until !== -Infinity) {
      if (time < this.until) return true;
      this.until = -Infinity;
    }
    if (topic !== undefined) this.delivered[TOPICS[topic]]++;
    return false;
  }

  /** The position's field while records still come quiet (JSON has no −Infinity). */
  toJson(): number | undefined {
    return this.until === -Infinity ? undefined : this.until;
  }

  static fromJson(v: unknown, id: string): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    throw badPosition(id, 'quietUntil is not a time');
  }
}

/** Blank: empty or only whitespace (as String.prototype.trim sees it); skipped, not delivered. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  if (c > 32 && c < 127) return false; // the usual "{": no need to trim
  return text.trim().length === 0;
}

/** JSON cannot hold −Infinity (the time before a file's first timed line): it is written as null. */
export function timeToJson(t: number): number | null {
  return t === -Infinity ? null : t;
}

export function timeFromJson(v: unknown, what: string): number {
  if (v === null) return -Infinity;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw badPosition(what, 'a time is neither null nor a number');
}

/** The input changed under a saved position (a file shrank or went away). */
export function changed(path: string, what: string): UserError {
  return new UserError(`${path} ${what}: the input changed since; restore it or reset the saved state`);
}

/** The saved position does not fit this input (another version, another kind of source). */
export function badPosition(id: string, why: string): UserError {
  return new UserError(
    `The saved source position does not fit ${id} (${why}): reset the saved state to start this input from the beginning`,
  );
}
