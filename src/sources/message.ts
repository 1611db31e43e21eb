// A message as a broker or the simulator hands it over (topic, text, partition, offset) turned
// into the record the engine reads: parsed once here; text that is not JSON is marked, and the
// engine dead-letters it with its raw text.
import type { SourceRecord, TopicId } from '../engine/types.js';

/** What parseMessage gives for text that is not JSON (one shared value: nothing allocated per message). */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** A message's text parsed, or NOT_JSON: every source reads its text this way. */
export function parseMessage(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

export function messageRecord(topic: TopicId, text: string, partition: number, offset: string): SourceRecord {
  const parsed = parseMessage(text);
  const parseError = parsed === NOT_JSON;
  const value = parseError ? undefined : parsed;
  return { topic, partition, value, parseError, time: NaN, raw: text, file: undefined, line: 0, offset, last: false, invalid: null, quiet: false };
}
