// Where a replay from a time starts: per Kafka topic-partition, the first offset whose message
// timestamp is ≥ the time. Kafka answers that itself (ListOffsets by timestamp), but a broker
// may answer wrongly (librdkafka's mock cluster always answers the log end), so by default the
// answer is checked by reading the message before it and the one at it; a wrong answer falls
// back to a binary search over [low, high) that reads messages' timestamps. Reading needs a
// consumer, and kafkajs has no manual assignment: one throwaway group (one join) per call, all
// partitions paused, each read a seek + resume of one partition until its first batch arrives.
//
// Timestamps within a partition are non-decreasing in the normal case (CreateTime set by
// ordertrack's producers, or LogAppendTime). When they are not, the search still ends on an
// offset whose previous message (as read) is older than the time and whose message is not,
// but not necessarily the first such offset in the log: an approximate start.
import { randomUUID } from 'node:crypto';
import type { Admin, Batch, Consumer, ConsumerConfig, ConsumerEndBatchProcessEvent, Kafka } from 'kafkajs';
import { TOPICS, type TopicName } from '../../engine/types.js';
import { ExternalError, InternalError, OrdertrackError, UserError } from '../../errors.js';
import { kafkaError } from '../../sinks/kafka/kafka-error.js';
import type { KafkaOffsets } from './offsets.js';

/** How a partition's start was found: `broker` = ListOffsets (verified unless verify: false). */
export type LookupMethod = 'earliest' | 'empty' | 'broker' | 'search';

export interface PartitionStart {
  /** First offset with timestamp ≥ the time; `low` for earliest; `high` when every message is older. */
  offset: string;
  low: string;
  high: string;
  method: LookupMethod;
}

/** Per Kafka topic, per partition. */
export type OffsetsForTime = Record<string, Record<number, PartitionStart>>;

/** What a lookup cost; pass an object to have it filled in. */
export interface OffsetsForTimeStats {
  /** Single-batch reads (verifications and search probes). */
  reads: number;
  /** Consumers created (each one group join); 0 when nothing had to be read. */
  consumers: number;
  ms: number;
}

export interface OffsetsForTimeOptions {
  kafka: Kafka;
  topics: readonly string[];
  /** Epoch ms; null = earliest (the low watermark, nothing read). */
  time: number | null;
  /** Check the broker's ListOffsets answer by reading around it (default true); false trusts it. */
  verify?: boolean;
  /** Settings of the reading consumer (group timings, fetch sizes); default maxWaitTimeInMs 100. */
  consumer?: Omit<ConsumerConfig, 'groupId' | 'allowAutoTopicCreation'>;
  /** How long one read may take before the lookup fails (ms, default 30 000). */
  readTimeoutMs?: number;
  stats?: OffsetsForTimeStats;
}

/** A message's offset and timestamp (ms). */
export interface Stamp {
  offset: bigint;
  timestamp: number;
}

/**
 * The data messages of one fetch starting at `from`, in offset order, those before `limit`
 * only; empty when the partition holds no data message in [from, limit). One fetch may hold
 * one message or thousands; callers use whatever prefix they get.
 */
export type ReadFn = (from: bigint, limit: bigint) => Promise<Stamp[]>;

export async function offsetsForTime(opts: OffsetsForTimeOptions): Promise<OffsetsForTime> {
  if (opts.time !== null && !Number.isFinite(opts.time)) throw new InternalError(`offsetsForTime: not a time: ${opts.time}`);
  const started = Date.now();
  const stats = opts.stats ?? { reads: 0, consumers: 0, ms: 0 };
  const topics = [...new Set(opts.topics)];
  const admin = opts.kafka.admin();
  let reader: MessageReader | undefined;
  try {
    await admin.connect();
    await requireTopics(admin, topics);
    const result: OffsetsForTime = {};
    const toRead: { topic: string; partition: number; start: PartitionStart }[] = [];
    for (const topic of topics) {
      result[topic] = {};
      const ends = await admin.fetchTopicOffsets(topic);
      const answers = opts.time === null ? [] : await admin.fetchTopicOffsetsByTimestamp(topic, opts.time);
      for (const { partition, low, high } of ends) {
        const answer = answers.find((a) => a.partition === partition)?.offset ?? high;
        // The log may have grown or been trimmed between the two requests: keep to [low, high].
        const offset = opts.time === null ? low : clamp(BigInt(answer), BigInt(low), BigInt(high)).toString();
        const method: LookupMethod = opts.time === null ? 'earliest' : low === high ? 'empty' : 'broker';
        const start = { offset, low, high, method };
        result[topic][partition] = start;
        if (method === 'broker' && opts.verify !== false) toRead.push({ topic, partition, start });
      }
    }
    const time = opts.time;
    if (toRead.length === 0 || time === null) return result;

    reader = await MessageReader.open(opts.kafka, toRead, opts.consumer, opts.readTimeoutMs ?? 30_000, stats);
    const r = reader;
    // Partitions are independent: all verified and searched at once, so their reads share fetches.
    await Promise.all(
      toRead.map(async ({ topic, partition, start }) => {
        const read: ReadFn = (from, limit) => r.read(topic, partition, from, limit);
        const [low, high] = [BigInt(start.low), BigInt(start.high)];
        if (await brokerAnswerHolds(read, low, high, BigInt(start.offset), time)) return;
        start.offset = (await firstOffsetAtOrAfter(read, low, high, time)).toString();
        start.method = 'search';
      }),
    );
    return result;
  } catch (e) {
    throw e instanceof OrdertrackError ? e : kafkaError('reading the topics\' offsets for --from (check --brokers and that Kafka is running)', e);
  } finally {
    await reader?.close();
    await admin.disconnect().catch(() => undefined); // the answer (or the error) is already known
    stats.ms = Date.now() - started;
  }
}

/** UserError naming the topics that do not exist. From the topic list: asking a missing topic's metadata may create it. */
async function requireTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) throw new UserError(`Kafka topic not found: ${missing.join(', ')}`);
}

function clamp(x: bigint, lo: bigint, hi: bigint): bigint {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Whether `answer` is the first offset with timestamp ≥ time: the message at answer − 1 (if
 * any) is older and the first message at or after `answer` (if any) is not. With non-decreasing
 * timestamps and no gap at answer − 1 these reads decide it, and a correct answer always passes.
 * A wrong answer just after a gap (compaction, a transaction marker) can pass when its message
 * is new enough: checking the last message before a gap would need a search of its own.
 */
export async function brokerAnswerHolds(read: ReadFn, low: bigint, high: bigint, answer: bigint, time: number): Promise<boolean> {
  if (low >= high) return answer === high;
  const from = answer > low ? answer - 1n : low;
  const got = await read(from, high);
  if (got.some((m) => m.offset < answer && m.timestamp >= time)) return false;
  if (answer >= high) return true;
  // Usually in the same fetch; a fetch that stopped short of `answer` needs one more read.
  const at = got.find((m) => m.offset >= answer) ?? (got.length > 0 ? (await read(answer, high))[0] : undefined);
  return at === undefined || at.timestamp >= time;
}

/**
 * Binary search over [low, high) for the first data message with timestamp ≥ time (high if
 * none). Each read covers a run of messages from the probe; all of it narrows the range.
 * Offsets without a data message (compaction, transaction markers) never become the answer:
 * it is the offset of a message, as Kafka's own answer would be.
 */
export async function firstOffsetAtOrAfter(read: ReadFn, low: bigint, high: bigint, time: number): Promise<bigint> {
  // Invariants: every message before `lo` is older than `time`; [hi, answer) holds no message;
  // `answer` is high or a message with timestamp ≥ time.
  let lo = low;
  let hi = high;
  let answer = high;
  while (lo < hi) {
    const mid = lo + (hi - lo) / 2n;
    const got = await read(mid, hi);
    // A fetch is contiguous from `mid`: no message in [mid, first), nor between two read ones.
    let floor = mid;
    let found = false;
    for (const m of got) {
      if (m.timestamp >= time) {
        answer = m.offset;
        found = true;
        break;
      }
      lo = floor = m.offset + 1n;
    }
    if (found || got.length === 0) hi = floor; // [floor, answer) is empty
  }
  return answer;
}

interface Probe {
  /** Where the fetch for this probe starts (moves past batches that held no data message). */
  next: bigint;
  limit: bigint;
  resolve: (got: Stamp[]) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Reads single batches at chosen offsets through one consumer of a throwaway group (nothing is
 * committed). Every partition stays paused except those with a read in flight, so fetches carry
 * only what was asked for.
 */
class MessageReader {
  private readonly consumer: Consumer;
  private readonly timeoutMs: number;
  private readonly stats: OffsetsForTimeStats;
  private readonly probes = new Map<string, Probe>();
  private failure: Error | undefined;

  private constructor(consumer: Consumer, timeoutMs: number, stats: OffsetsForTimeStats) {
    this.consumer = consumer;
    this.timeoutMs = timeoutMs;
    this.stats = stats;
  }

  static async open(
    kafka: Kafka,
    parts: readonly { topic: string; partition: number }[],
    config: OffsetsForTimeOptions['consumer'],
    timeoutMs: number,
    stats: OffsetsForTimeStats,
  ): Promise<MessageReader> {
    const consumer = kafka.consumer({
      // No long polls: every read is of data that exists, and with all partitions paused kafkajs sleeps this long between fetches.
      maxWaitTimeInMs: 100,
      ...config,
      retry: { ...config?.retry, restartOnFailure: async () => false }, // a failed lookup fails; no rejoin in the background
      groupId: `ordertrack-offsets-for-time-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    stats.consumers++;
    const reader = new MessageReader(consumer, timeoutMs, stats);
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of parts) byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    consumer.on(consumer.events.CRASH, (e) => reader.fail(e.payload.error));
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => reader.skipped(e.payload));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatch: async ({ batch }) => reader.batch(batch) });
      // Partition by partition: pausing a whole topic and then one partition of it would unpause the rest (kafkajs).
      consumer.pause([...byTopic].map(([topic, partitions]) => ({ topic, partitions })));
    } catch (e) {
      await reader.close();
      throw e;
    }
    if (reader.failure) throw reader.failure;
    return reader;
  }

  read(topic: string, partition: number, from: bigint, limit: bigint): Promise<Stamp[]> {
    if (this.failure) return Promise.reject(this.failure);
    this.stats.reads++;
    const key = `${partition}:${topic}`;
    return new Promise<Stamp[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(key, topic, partition)?.reject(new ExternalError(`Kafka: reading ${topic} partition ${partition} at offset ${from} took over ${this.timeoutMs} ms`, true));
      }, this.timeoutMs);
      this.probes.set(key, { next: from, limit, resolve, reject, timer });
      try {
        this.consumer.seek({ topic, partition, offset: from.toString() });
        this.consumer.resume([{ topic, partitions: [partition] }]);
      } catch (e) {
        this.settle(key, topic, partition)?.reject(e as Error);
      }
    });
  }

  /** A fetched batch: the answer to the partition's probe if it was fetched where the probe asked. */
  batch(batch: Batch): void {
    const key = `${batch.partition}:${batch.topic}`;
    const probe = this.probes.get(key);
    if (!probe) return;
    // kafkajs keeps the fetch position on the batch (not in its typings); a batch fetched
    // before the seek took effect says nothing about the probe.
    const fetched = (batch as Batch & { fetchedOffset?: string }).fetchedOffset;
    const stale = fetched !== undefined ? BigInt(fetched) !== probe.next : BigInt(batch.firstOffset() ?? -1) < probe.next;
    if (stale) return;
    const got: Stamp[] = [];
    for (const m of batch.messages) {
      const offset = BigInt(m.offset);
      if (offset >= probe.limit) break;
      got.push({ offset, timestamp: Number(m.timestamp) });
    }
    this.settle(key, batch.topic, batch.partition)?.resolve(got);
  }

  /**
   * Batches with no data message (transaction markers, aborted or compacted records) never reach
   * eachBatch; kafkajs moves past them, and so does the probe, which ends empty at its limit.
   */
  skipped(p: ConsumerEndBatchProcessEvent['payload']): void {
    if (p.batchSize !== 0) return;
    const key = `${p.partition}:${p.topic}`;
    const probe = this.probes.get(key);
    const after = BigInt(p.lastOffset) + 1n;
    if (!probe || after <= probe.next) return;
    probe.next = after;
    if (after >= probe.limit) this.settle(key, p.topic, p.partition)?.resolve([]);
  }

  fail(e: Error): void {
    this.failure ??= e;
    for (const [key, probe] of [...this.probes]) {
      clearTimeout(probe.timer);
      this.probes.delete(key);
      probe.reject(e);
    }
  }

  /** Ends the consumer (leaving its group); pending reads fail. */
  async close(): Promise<void> {
    this.fail(new ExternalError('Kafka: offsets-for-time reader closed', false));
    // A throwaway group: a failed leave only leaves a member the coordinator expires.
    await this.consumer.disconnect().catch(() => undefined);
  }

  /** Removes the partition's probe and pauses it again; the probe, to be resolved or rejected. */
  private settle(key: string, topic: string, partition: number): Probe | undefined {
    const probe = this.probes.get(key);
    if (!probe) return undefined;
    this.probes.delete(key);
    clearTimeout(probe.timer);
    try {
      this.consumer.pause([{ topic, partitions: [partition] }]);
    } catch {
      // not running any more: nothing left to pause
    }
    return probe;
  }
}

export interface ReplayRow {
  partition: number;
  topic: TopicName;
  /** Where the checkpoint would resume (next offset), null when it has none for this topic-partition. */
  current: string | null;
  /** Where the replay starts. */
  start: string;
  /** The log end (high watermark) at the lookup. */
  end: string;
  /** end − start: records the replay reads again. */
  records: number;
}

/**
 * One row per source topic and partition of `found`, in partition then TOPICS order. `kafkaTopics`
 * names each source topic's Kafka topic (as KafkaSourceOptions.topics; default the same name);
 * topics of `found` that are no source topic are left out.
 */
export function replayPlan(current: KafkaOffsets | undefined, found: OffsetsForTime, kafkaTopics: Partial<Record<TopicName, string>> = {}): ReplayRow[] {
  const rows: ReplayRow[] = [];
  for (const topic of TOPICS) {
    const parts = found[kafkaTopics[topic] ?? topic];
    if (!parts) continue;
    for (const [p, { offset, high }] of Object.entries(parts)) {
      const partition = Number(p);
      rows.push({ partition, topic, current: current?.[partition]?.[topic] ?? null, start: offset, end: high, records: Number(BigInt(high) - BigInt(offset)) });
    }
  }
  return rows.sort((a, b) => a.partition - b.partition || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));
}

/** The plan as a fixed-width table for `replay --dry-run`: text columns left-aligned, numbers right-aligned. */
export function formatReplayPlan(rows: readonly ReplayRow[]): string {
  const header = ['PARTITION', 'TOPIC', 'CURRENT', 'NEW', 'END', 'RE-READ'];
  const cells = rows.map((r) => [String(r.partition), r.topic, r.current ?? '-', r.start, r.end, String(r.records)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((s, i) => (i === 1 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!))).join('  ').trimEnd();
  const total = rows.reduce((n, r) => n + r.records, 0);
  return [line(header), ...cells.map(line), `total ${total} records to re-read`].join('\n');
}
