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
  };
}
