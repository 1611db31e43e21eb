// The event time a file merge orders by (SPEC §13): status_time for status events, create_time
// for items, status_time for logistics. The engine validates the message later; here an
// unreadable time only means "take the time of the line before" (see directory-source.ts).
import { T_ITEM, type TopicId } from '../../engine/types.js';
import { parseTimestamp, type TimeZone } from '../../engine/time/timestamp.js';

/** Epoch ms of the message's event time, or undefined when it has none that parses. */
export function eventTime(topic: TopicId, value: unknown, tz: TimeZone): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const field = topic === T_ITEM ? 'create_time' : 'status_time';
  return parseTimestamp((value as Record<string, unknown>)[field], tz);
}
