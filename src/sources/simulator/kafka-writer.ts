// Writes simulated traffic to Kafka (`ordertrack simulate --to kafka`) in the format the ordertrack
// consumer reads (src/sources/kafka/kafka-source.ts): value = the message's text exactly (a
// malformed one too, so the consumer dead-letters it as it would a broken producer's), key = its
// order_id (messageKey below) so the three topics stay co-partitioned, timestamp = the simulated
// arrival time. Reference tables cannot travel through Kafka, so they go to `<reference>/reference/`
// in the directory writer's form (source-writer.ts), which `ordertrack db seed --reference` loads.
//
// Messages are buffered by write() and sent by flush(), which the recorder awaits after every
// batch it pulls: one sendBatch per `maxBatch` messages, acks -1, each awaited before the next,
// so each partition receives its messages in arrival order and a slow broker slows the run
// rather than filling memory.
import { resolve } from 'node:path';
import type { Message, Producer, TopicMessages } from 'kafkajs';
import { T_STATUS, TOPICS, type TopicName } from '../../engine/types.js';
import { kafkaError } from '../../sinks/kafka/kafka-error.js';
import { prepareOutDir } from '../../sinks/out-paths.js';
import type { ReferenceSeed } from '../../sinks/store.js';
import { referencePaths, refuseClashingCsv, refuseOverwrite, writeReferenceFiles } from './reference-writer.js';
import { parseTopicMessage } from '../message.js';
import type { SimMessage } from './simulator.js';

export interface KafkaOutput {
  kind: 'kafka';
  /**
   * A connected producer; the caller owns it (connect, disconnect). Not idempotent by default:
   * librdkafka's mock cluster cannot serve that (test/kafka-broker.test.ts).
   */
  producer: Producer;
  /** Bootstrap brokers, only to say where the messages went. */
  brokers: readonly string[];
  /** Prepended to each topic name (default none). */
  topicPrefix?: string;
  /** Directory to write `reference/` into. */
  reference: string;
  /** Write over reference files there (--force); without it, they are refused. */
  replace?: boolean;
  /** Most messages per sendBatch call (default 2000). */
  maxBatch?: number;
  /** How long the brokers may take to acknowledge a batch (ms, default 30 000). */
  timeoutMs?: number;
}

/** The reference tables the simulator fills (order_processing_rules is the operator's own). */

export class KafkaWriter {
  /** Where it writes: the bootstrap brokers. */
  readonly path: string;
  /** Kafka topic of each source topic. */
  readonly topics: Readonly<Record<TopicName, string>>;
  /** The directory holding the `reference/` written. */
  readonly referenceDir: string;
  private readonly producer: Producer;
  private readonly maxBatch: number;
  private readonly timeoutMs: number;
  private pending: SimMessage[] = [];

  constructor(output: KafkaOutput) {
    this.producer = output.producer;
    this.path = output.brokers.join(',');
    this.topics = kafkaTopics(output.topicPrefix ?? '');
    this.referenceDir = resolve(output.reference);
    this.maxBatch = Math.max(1, output.maxBatch ?? 2000);
    this.timeoutMs = output.timeoutMs ?? 30_000;
    checkReferenceDir(this.referenceDir, output.replace);
  }

  /** Writes the reference tables as the directory writer does; rows per file. */
  writeReference(ref: ReferenceSeed): Record<string, number> {
    return writeReferenceFiles(this.referenceDir, ref);
  }

  write(m: SimMessage): void {
    this.pending.push(m);
  }

  /** Sends what write() buffered; rejects with an ExternalError if the brokers did not take it all. */
  async flush(): Promise<void> {
    const all = this.pending;
    this.pending = []; // a failed send is not retried by close(): the run has already failed
    for (let i = 0; i < all.length; i += this.maxBatch) {
      const chunk = all.slice(i, i + this.maxBatch);
      try {
        await this.producer.sendBatch({ topicMessages: this.byTopic(chunk), acks: -1, timeout: this.timeoutMs });
      } catch (e) {
        throw kafkaError(`sending ${chunk.length} messages to ${Object.values(this.topics).join(', ')} failed (check that the topics exist)`, e);
      }
    }
  }

  /** Sends what is left. Lines per file: none, the reference files were counted when written. */
  async close(): Promise<Record<string, number>> {
    await this.flush();
    return {};
  }

  private byTopic(chunk: readonly SimMessage[]): TopicMessages[] {
    const messages = new Map<TopicName, Message[]>();
    for (const m of chunk) {
      let list = messages.get(m.topic);
      if (!list) messages.set(m.topic, (list = []));
      // Kafka timestamps are whole ms; simulated times already are (floor only guards that).
      list.push({ key: messageKey(m.text), value: m.text, timestamp: String(Math.floor(m.time)) });
    }
    return [...messages].map(([topic, list]) => ({ topic: this.topics[topic], messages: list }));
  }
}

/** Kafka topic of each source topic, with `prefix` prepended. */
export function kafkaTopics(prefix: string): Record<TopicName, string> {
  return Object.fromEntries(TOPICS.map((t) => [t, prefix + t])) as Record<TopicName, string>;
}

/** A complete `"order_id":"…"` in text that is not a JSON object (cut short, or wrapped in an array). */
const ORDER_ID_TEXT = /"order_id":"([^"\\]+)"/;

/**
 * The key of a message: the order_id it names, so an order's messages share a partition in each
 * topic. A JSON object's own order_id when it is a non-empty string, or a number (its decimal
 * text, as the engine reads it); for text that is not a JSON
 * object (a malformed copy: truncated, or wrapped in an array) the first complete `"order_id":"…"`
 * in it, so the copy travels with its order as a real producer keying by order would send it;
 * otherwise (no order_id, or null or '') null, which the partitioner spreads round-robin.
 */
export function messageKey(text: string): string | null {
  // order_id is an id of every topic: the status topic's reading keeps it exact.
  const value = parseTopicMessage(T_STATUS, text);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const id = (value as Record<string, unknown>).order_id;
    return typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : null;
  }
  return ORDER_ID_TEXT.exec(text)?.[1] ?? null;
}

/** Makes the reference directory; refuses CSV tables that would clash, and files there unless `replace`. */
function checkReferenceDir(dir: string, replace: boolean | undefined): void {
  prepareOutDir(dir, '--reference');
  refuseClashingCsv(dir, 'pass another --reference or remove it');
  refuseOverwrite(referencePaths(dir), replace, 'another --reference');
}
