// KafkaSource against a real Kafka-protocol broker (librdkafka's mock cluster): everything
// produced comes back through poll() with its topic, partition and offset, backpressure pauses
// and resumes fetching, checkpoint offsets place partitions, two members split the partitions
// with all three topics together, and topics of unequal partition counts are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { TOPICS, type SourceRecord, type TopicName } from '../src/engine/types.js';
import { UserError } from '../src/errors.js';
import { KafkaSource, type KafkaSourceOptions } from '../src/sources/kafka/kafka-source.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';

/** Each test reads its own three topics: `<prefix>.<source topic>`. */
function names(prefix: string): Record<TopicName, string> {
  return Object.fromEntries(TOPICS.map((t) => [t, `${prefix}.${t}`])) as Record<TopicName, string>;
}
const CASES = { all: 4, malformed: 1, pressure: 2, seek: 2, group: 3 };

let broker: MockBroker;
let kafka: Kafka;
let producer: Producer;
const sources: KafkaSource[] = [];

beforeAll(async () => {
  const topics: Record<string, number> = {};
  for (const [prefix, partitions] of Object.entries(CASES)) for (const t of Object.values(names(prefix))) topics[t] = partitions;
  Object.assign(topics, { 'uneven.order_status_events': 4, 'uneven.order_item_events': 4, 'uneven.logistics_events': 2 });
  Object.assign(topics, { 'partial.order_status_events': 1, 'partial.order_item_events': 1 });
  broker = await startBroker(topics);
  kafka = testKafka(broker);
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await producer?.disconnect();
  await broker?.stop();
});

function source(prefix: string, groupId: string, extra: Partial<KafkaSourceOptions> = {}): KafkaSource {
  const s = new KafkaSource({ kafka, groupId, topics: names(prefix), consumer: QUICK_GROUP, ...extra });
  sources.push(s);
  return s;
}

/** The value of message i of a topic-partition: a small event naming where it was sent. */
function event(topic: TopicName, partition: number, i: number): string {
  return JSON.stringify({ order_id: `O${partition}-${i}`, topic, partition, i });
}

/** `perPartition` messages to each partition of each topic, in sends of `perSend` (one broker batch each). */
async function produce(prefix: string, partitions: number, perPartition: number, perSend: number, from = 0): Promise<void> {
  const topics = names(prefix);
  for (let start = from; start < from + perPartition; start += perSend) {
    const topicMessages = TOPICS.map((t) => ({
      topic: topics[t],
      messages: Array.from({ length: partitions }, (_, p) =>
        Array.from({ length: Math.min(perSend, from + perPartition - start) }, (_, k) => ({ partition: p, key: `O${p}`, value: event(t, p, start + k) })),
      ).flat(),
    }));
    await producer.sendBatch({ topicMessages, acks: -1 });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls (`batch` at a time, `pauseMs` apart) until `want` records came, then briefly for extras. */
async function drain(s: KafkaSource, want: number, batch = 100, pauseMs = 10, each?: () => void): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  const end = Date.now() + 30_000;
  while (out.length < want && Date.now() < end) {
    s.poll(batch, out, Date.now());
    each?.();
    await sleep(pauseMs);
  }
  await sleep(300);
  s.poll(10_000, out, Date.now());
  return out;
}

/** Offsets read per `topic/partition`, in poll order. */
function offsetsByPartition(records: SourceRecord[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of records) (out[`${TOPICS[r.topic]}/${r.partition}`] ??= []).push(Number(r.offset));
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('KafkaSource', () => {
  it('delivers every message of the three topics with its topic, partition and offset', async () => {
    await produce('all', 4, 25, 10); // 300 messages, 3 broker batches per topic-partition
    const s = source('all', 'source-all');
    await s.start();
    expect(s.assigned()).toEqual([0, 1, 2, 3]);
    const got = await drain(s, 300);

    expect(got).toHaveLength(300);
    const expected: Record<string, number[]> = {};
    for (const t of TOPICS) for (const p of [0, 1, 2, 3]) expected[`${t}/${p}`] = range(0, 25);
    expect(offsetsByPartition(got)).toEqual(expected);
    for (const r of got) {
      // Kafka offsets start at 0 and these partitions hold only this test's messages, so
      // message i of a partition sits at offset i.
      expect(r.raw).toBe(event(TOPICS[r.topic], r.partition, Number(r.offset)));
      expect(r.value).toEqual(JSON.parse(r.raw!));
      expect([r.parseError, r.file, r.last, r.invalid]).toEqual([false, undefined, false, null]);
    }

    const next = { order_status_events: '25', order_item_events: '25', logistics_events: '25' };
    expect(s.nextOffsets()).toEqual({ 0: next, 1: next, 2: next, 3: next });
    // The group's offsets are advisory: committed on request, for lag tooling.
    await s.commitOffsets();
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId: 'source-all', topics: Object.values(names('all')) });
    await admin.disconnect();
    expect(committed.flatMap((t) => t.partitions.map((p) => p.offset))).toEqual(Array(12).fill('25'));
  });

  it('marks text that is not JSON and keeps it for the dead letter', async () => {
    const topic = names('malformed').order_item_events;
    await producer.send({ topic, acks: -1, messages: [{ value: '{"order_id":"O1"}' }, { value: '{"order_id": oops' }, { value: null }] });
    const s = source('malformed', 'source-malformed');
    await s.start();
    const got = await drain(s, 3);
    expect(got.map((r) => [r.offset, r.parseError, r.raw, r.value])).toEqual([
      ['0', false, '{"order_id":"O1"}', { order_id: 'O1' }],
      ['1', true, '{"order_id": oops', undefined],
      ['2', true, '', undefined], // a null value (tombstone) reads as empty text
    ]);
  });

  it('pauses a partition over the high-water mark and resumes it once drained', async () => {
    await produce('pressure', 2, 60, 3); // 360 messages in batches of 3 per topic-partition
    const s = source('pressure', 'source-pressure', { highWater: 4, lowWater: 1 });
    await s.start();
    let most = 0;
    const got = await drain(s, 360, 2, 5, () => (most = Math.max(most, s.queued())));

    expect(got).toHaveLength(360);
    const expected: Record<string, number[]> = {};
    for (const t of TOPICS) for (const p of [0, 1]) expected[`${t}/${p}`] = range(0, 60);
    expect(offsetsByPartition(got)).toEqual(expected); // in order, no gap, no repeat
    expect(s.backpressure.pauses).toBeGreaterThan(5);
    expect(s.backpressure.resumes).toBeGreaterThan(5);
    // Six topic-partitions, each at most the high-water mark plus a batch or two fetched
    // before the pause took effect.
    expect(most).toBeLessThanOrEqual(6 * (4 + 2 * 3));
  });

  it('starts partitions at checkpointed offsets and jumps when seeked while reading', async () => {
    await produce('seek', 2, 10, 5);
    const s = source('seek', 'source-seek');
    // Given before start: applied as the partitions are assigned. Unplaced topics start at the beginning.
    s.seek({ 0: { order_status_events: '7', logistics_events: '10' }, 1: { order_item_events: '4' } });
    await s.start();
    expect(s.nextOffsets()).toEqual({ 0: { order_status_events: '7', logistics_events: '10' }, 1: { order_item_events: '4' } });

    const first = await drain(s, 3 + 10 + 0 + 10 + 6 + 10);
    expect(offsetsByPartition(first)).toEqual({
      'order_status_events/0': range(7, 10),
      'order_item_events/0': range(0, 10),
      'order_status_events/1': range(0, 10),
      'order_item_events/1': range(4, 10),
      'logistics_events/1': range(0, 10),
    });

    s.seek({ 1: { logistics_events: '8' } }); // back to a checkpoint while assigned
    await produce('seek', 2, 1, 1, 10); // offset 10 everywhere
    const second = await drain(s, 5 + 3);
    expect(offsetsByPartition(second)).toEqual({
      'order_status_events/0': [10],
      'order_item_events/0': [10],
      'logistics_events/0': [10],
      'order_status_events/1': [10],
      'order_item_events/1': [10],
      'logistics_events/1': [8, 9, 10],
    });
    const all = { order_status_events: '11', order_item_events: '11', logistics_events: '11' };
    expect(s.nextOffsets()).toEqual({ 0: all, 1: all });
  });

  it('shares the partitions of a group between members, each owning all three topics of its partitions', async () => {
    // Three partitions for two members: a per-topic round robin would split partition p's topics.
    const a = source('group', 'source-group');
    await a.start();
    expect(a.assigned()).toEqual([0, 1, 2]);
    const b = source('group', 'source-group');
    await b.start();
    const end = Date.now() + 20_000;
    while (a.assigned().length + b.assigned().length !== 3 && Date.now() < end) await sleep(50);
    // Partitions dealt round-robin to the members sorted by id: one gets 0 and 2, the other 1.
    expect([a.assigned(), b.assigned()].sort((x, y) => y.length - x.length)).toEqual([[0, 2], [1]]);

    await produce('group', 3, 5, 5);
    const [gotA, gotB] = await Promise.all([drain(a, 15 * a.assigned().length), drain(b, 15 * b.assigned().length)]);
    for (const [s, got] of [[a, gotA], [b, gotB]] as const) {
      const expected: Record<string, number[]> = {};
      for (const t of TOPICS) for (const p of s.assigned()) expected[`${t}/${p}`] = range(0, 5);
      expect(offsetsByPartition(got)).toEqual(expected);
    }

    const kept = a.assigned();
    await b.close(); // leaves the group: a takes every partition, and goes on where it was
    while (a.assigned().length !== 3 && Date.now() < end + 20_000) await sleep(50);
    expect(a.assigned()).toEqual([0, 1, 2]);
    // b's partition had no checkpoint here, so a reads it from the (empty) committed offsets.
    await produce('group', 3, 1, 1, 5);
    const after = offsetsByPartition(await drain(a, 3 * kept.length + 3 * 6 * (3 - kept.length)));
    const expected: Record<string, number[]> = {};
    for (const t of TOPICS) for (const p of [0, 1, 2]) expected[`${t}/${p}`] = kept.includes(p) ? [5] : range(0, 6);
    expect(after).toEqual(expected);
  });

  it('refuses topics with different partition counts, or a missing topic, in one line', async () => {
    const uneven = source('uneven', 'source-uneven');
    const err = await uneven.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(
      'Kafka source topics must have the same partition count (orders are partitioned by order_id across them): ' +
        'uneven.order_status_events 4, uneven.order_item_events 4, uneven.logistics_events 2',
    );

    const partial = source('partial', 'source-partial');
    const missing = await partial.start().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as Error).message).toBe('Kafka topic not found: partial.logistics_events (create the three source topics with one partition count)');
    expect((missing as Error).message).not.toContain('\n');
  });
});
