// Running counters for the summary, the report and (later) Prometheus. Plain numbers and
// records so they checkpoint as JSON.
import type { TopicName } from './types.js';

export interface EngineStats {
  read: Record<TopicName, number>;
  deadLetters: Record<string, number>;
  ops: Record<string, number>;
  anomalies: Record<string, number>;
  windowsEmitted: number;
  duplicates: number;
  late: number;
  badTransitions: number;
  evictions: number;
  reloads: number;
  /** Orders seen for the first time (their first applied status event). */
  created: number;
  /** Orders that reached each status (ORDER_STATUSES order), counted once per order and status. */
  reached: number[];
}

export function newStats(): EngineStats {
  return {
    read: { order_status_events: 0, order_item_events: 0, logistics_events: 0 },
    deadLetters: {},
    ops: {},
    anomalies: {},
    windowsEmitted: 0,
    duplicates: 0,
    late: 0,
    badTransitions: 0,
    evictions: 0,
    reloads: 0,
    created: 0,
    reached: [0, 0, 0, 0, 0, 0, 0, 0],
  };
}

/** Counts the statuses in `after` that were not in `before` (bit sets of reached statuses). */
export function countReached(stats: EngineStats, before: number, after: number): void {
  if (before === 0) stats.created++;
  let added = after & ~before;
  for (let s = 0; added !== 0; s++, added >>= 1) if (added & 1) stats.reached[s]!++;
}
