// Putting a file source's records into Kafka for the tests: each record to its topic, in the
// file merge's order, message timestamps counting up in that order (so the Kafka source's merge
// by timestamp gives the file's order back), keyed by order_id.
import type { Kafka } from 'kafkajs';
import { TOPICS, type SourceRecord } from '../../src/engine/types.js';

export const BASE_TIME = 1_700_000_000_000;

/** Every record of a source directory, in its merge order (the simulator tests' reader). */
export { readAll as readRecords } from '../../src/sources/simulator/fixtures.js';

export interface ProduceOptions {
  /** Kafka topic of each source topic index (default the source topic's name). */
  topicOf?: (topic: number) => string;
  /** Milliseconds between consecutive records' timestamps (default 1). */
  stepMs?: number;
}

/** Produces the records; returns how many. */
export async function produceRecords(kafka: Kafka, records: readonly SourceRecord[], opts: ProduceOptions = {}): Promise<number> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.sendBatch({
      acks: -1,
      topicMessages: TOPICS.map((name, t) => ({
        topic: opts.topicOf?.(t) ?? name,
        messages: records.flatMap((r, i) => {
          if (r.topic !== t) return [];
          const id = (r.value as { order_id?: unknown } | undefined)?.order_id;
          return [{ key: id === undefined || id === null ? null : String(id), value: r.raw ?? JSON.stringify(r.value), timestamp: String(BASE_TIME + i * (opts.stepMs ?? 1)) }];
        }),
      })).filter((tm) => tm.messages.length > 0),
    });
  } finally {
    await producer.disconnect();
  }
  return records.length;
}
