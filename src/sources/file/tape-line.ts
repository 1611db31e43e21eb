// One line of a tape (SPEC §13): {"topic": "<topic name>", "value": <message>}. A `value` that is
// a string is the raw message text (so malformed messages can be recorded) and is parsed here;
// any other value (null included) is the message itself. A line that is not JSON, not an object,
// names no known topic or has no `value` is not a message: the engine dead-letters it whole.
// For --from/--to a line's event time is its message's, else (no readable time) the time of the
// line before it of the same topic; a line naming no known topic takes the line before's.
import { TOPICS, type TopicId } from '../../engine/types.js';
import type { TimeZone } from '../../engine/time/timestamp.js';
import { eventTime } from './event-time.js';
import { hasInexactId, NOT_JSON, parseTopicMessage, parseWithExactIds } from '../message.js';

export interface TapeLine {
  /** The topic the line names, or undefined when it names none we know. */
  topic: TopicId | undefined;
  /** A `{"topic", "value"}` object with a known topic. */
  valid: boolean;
  /** Valid: the message (undefined when its text is not JSON). Invalid: the parsed line, if JSON. */
  value: unknown;
  parseError: boolean;
  /** Valid: the message text when `value` was a string, else undefined. Invalid: the whole line. */
  raw: string | undefined;
}

const TOPIC_IDS = new Map<string, TopicId>(TOPICS.map((t, i) => [t, i as TopicId]));

/**
 * Reads a tape line. With `message` false a string value is left unparsed (value undefined): the
 * pre-scan only needs the topic.
 */
export function readTapeLine(text: string, message = true): TapeLine {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return { topic: undefined, valid: false, value: undefined, parseError: true, raw: text };
  }
  if (typeof line !== 'object' || line === null || Array.isArray(line)) {
    return { topic: undefined, valid: false, value: line, parseError: false, raw: text };
  }
  const o = line as Record<string, unknown>;
  const topic = typeof o.topic === 'string' ? TOPIC_IDS.get(o.topic) : undefined;
  if (topic === undefined || !('value' in o)) {
    return { topic, valid: false, value: line, parseError: false, raw: text };
  }
  const v = o.value;
  if (typeof v !== 'string') {
    const value = hasInexactId(topic, v) ? (parseWithExactIds(topic, text) as { value: unknown }).value : v;
    return { topic, valid: true, value, parseError: false, raw: undefined };
  }
  if (!message) return { topic, valid: true, value: undefined, parseError: false, raw: v };
  const value = parseTopicMessage(topic, v);
  return value === NOT_JSON
    ? { topic, valid: true, value: undefined, parseError: true, raw: v }
    : { topic, valid: true, value, parseError: false, raw: v };
}

/** Inherited times: per topic, and of the tape's line before. */
export interface TapeTimes {
  topic: number[];
  prev: number;
  /** The last line's own event time; NaN when it has none that parses (not part of a position). */
  own: number;
}

/** The line's effective event time; updates the inherited times. */
export function advance(tl: TapeLine, times: TapeTimes, tz: TimeZone): number {
  let time: number;
  if (tl.topic === undefined) {
    time = times.prev;
    times.own = NaN;
  } else {
    const own = tl.valid && !tl.parseError ? eventTime(tl.topic, tl.value, tz) : undefined;
    time = own ?? times.topic[tl.topic]!;
    times.topic[tl.topic] = time;
    times.own = own ?? NaN;
  }
  times.prev = time;
  return time;
}

/** The topic of a line and, when `withTime`, its own event time (for the pre-scan). */
export function probeTapeLine(text: string, withTime: boolean, tz: TimeZone): { topic: TopicId | undefined; time: number | undefined } {
  const tl = readTapeLine(text, withTime);
  const timed = withTime && tl.valid && !tl.parseError && tl.topic !== undefined;
  return { topic: tl.topic, time: timed ? eventTime(tl.topic!, tl.value, tz) : undefined };
}
