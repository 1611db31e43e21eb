// Kafka offsets are int64: kept as decimal text (as kafkajs gives them and checkpoints store
// them), never as a float. Positions for a checkpoint are per engine partition, then per topic.
import type { TopicName } from '../../engine/types.js';

/** Next offset to read, per partition and source topic: `{ "0": { "order_status_events": "42" } }`. */
export type KafkaOffsets = Record<number, Partial<Record<TopicName, string>>>;

/** The offset after `offset`. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** a < b for non-negative offsets in decimal text without leading zeros. */
export function offsetBefore(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}
