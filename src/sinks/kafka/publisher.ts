// Publishes the engine's event outputs of each commit to Kafka (record format: messages.ts).
// The runtime hands over the same CommitBatch it gives the store, after the store committed it,
// so a record is never published for a row that was rolled back; a crash between the two
// re-publishes on resume, and consumers see at-least-once delivery keyed by the row's id.
import type { Producer, TopicMessages } from 'kafkajs';
import type { CommitBatch } from '../store.js';
import { kafkaError } from './kafka-error.js';
import { batchMessages } from './messages.js';
import { DEFAULT_OUTPUT_TOPICS, type OutputTopics } from './topics.js';

export interface KafkaPublisherOptions {
  /**
   * A connected producer; the caller owns it (connect, disconnect). Against a real cluster make
   * it idempotent (`{ idempotent: true, maxInFlightRequests: 1 }`) so retries cannot duplicate
   * or reorder; librdkafka's mock cluster cannot serve that (test/kafka-broker.test.ts).
   */
  producer: Producer;
  /** Topic names, each defaulting to DEFAULT_OUTPUT_TOPICS. */
  topics?: Partial<OutputTopics>;
  /** How long the brokers may take to acknowledge a batch (ms, default 30 000). */
  timeoutMs?: number;
}

export class KafkaPublisher {
  readonly topics: Readonly<OutputTopics>;
  private readonly producer: Producer;
  private readonly timeoutMs: number;

  constructor(options: KafkaPublisherOptions) {
    this.producer = options.producer;
    this.topics = { ...DEFAULT_OUTPUT_TOPICS, ...options.topics };
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * Sends every event output of the batch in one request per broker (`sendBatch`), acknowledged
   * by all in-sync replicas (acks -1). Resolves when all are acknowledged; rejects with an
   * ExternalError (kafka-error.ts; retriable when waiting may help) if any was not.
   */
  async publish(batch: CommitBatch): Promise<void> {
    const topicMessages = batchMessages(batch, this.topics);
    if (topicMessages.length === 0) return;
    try {
      // Requests of a few thousand records: a broker answers one huge request far slower than
      // several small ones (librdkafka's mock: 10k records/s at 20,000 a request, 86k at 2,000).
      // One after the other, so each key's records keep their order.
      for (const chunk of chunks(topicMessages, REQUEST_RECORDS)) {
        await this.producer.sendBatch({ topicMessages: chunk, acks: -1, timeout: this.timeoutMs });
      }
    } catch (e) {
      const count = topicMessages.reduce((n, t) => n + t.messages.length, 0);
      throw kafkaError(`publishing ${count} records failed`, e);
    }
  }
}

const REQUEST_RECORDS = 2000;

/** Splits topic messages into requests of at most `size` records, in order. */
function chunks(topicMessages: TopicMessages[], size: number): TopicMessages[][] {
  const out: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let n = 0;
  for (const tm of topicMessages) {
    for (let i = 0; i < tm.messages.length; ) {
      const take = Math.min(size - n, tm.messages.length - i);
      current.push({ topic: tm.topic, messages: tm.messages.slice(i, i + take) });
      i += take;
      n += take;
      if (n === size) {
        out.push(current);
        current = [];
        n = 0;
      }
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
