// The Kafka test harness against itself: the mock cluster (test/support/kafka-broker.ts) speaks
// enough Kafka for kafkajs producers, consumers and consumer groups, and these tests pin down
// what it does and does not do, so later code knows which behaviour is the broker's.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { until } from './support/until.js';

const run = promisify(execFile);

// One cluster for the file; every test has its own topics and group ids.
const TOPICS = {
  harness_roundtrip: 2,
  harness_group: 4,
  harness_restart: 1,
  harness_by_time: 2,
  harness_kcat: 3,
};

let broker: MockBroker;
let kafka: Kafka;
const consumers: Consumer[] = [];

beforeAll(async () => {
  broker = await startBroker(TOPICS);
  kafka = testKafka(broker);
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await broker?.stop();
});

function consumer(groupId: string): Consumer {
  const c = kafka.consumer({ groupId, ...QUICK_GROUP });
  consumers.push(c);
  return c;
}

async function produce(topic: string, messages: { key?: string; value: string; partition?: number; headers?: Record<string, string>; timestamp?: string }[]) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    return await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

describe('mock Kafka broker', () => {
  it('lists its bootstrap address and the topics it was started with', async () => {
    expect(broker.brokers).toHaveLength(1);
    expect(broker.brokers[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const meta = await admin.fetchTopicMetadata({ topics: Object.keys(TOPICS) });
      const counts = Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length]));
      expect(counts).toEqual(TOPICS);
    } finally {
      await admin.disconnect();
    }
  });

  it('round-trips keys, values and headers through produce and consume', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => ({
      key: `order-${i}`,
      value: JSON.stringify({ n: i, text: 'grüße' }),
      headers: { trace: `t${i}`, kind: i % 2 ? 'odd' : 'even' },
    }));
    const acks = await produce('harness_roundtrip', sent);
    expect(acks.every((a) => a.errorCode === 0)).toBe(true);

    const got: EachMessagePayload[] = [];
    const c = consumer('harness-roundtrip');
    await c.connect();
    await c.subscribe({ topics: ['harness_roundtrip'], fromBeginning: true });
    await c.run({ eachMessage: async (p) => void got.push(p) });
    await until('20 messages', () => got.length === 20);

    const byKey = new Map(got.map((p) => [p.message.key!.toString(), p]));
    for (const m of sent) {
      const p = byKey.get(m.key)!;
      expect(p.message.value!.toString()).toBe(m.value);
      expect(Object.fromEntries(Object.entries(p.message.headers!).map(([k, v]) => [k, String(v)]))).toEqual(m.headers);
    }
    // Keys are hashed to partitions (murmur2) and offsets count up from 0 in each partition.
    for (const part of [0, 1]) {
      const offsets = got.filter((p) => p.partition === part).map((p) => Number(p.message.offset));
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
    expect(new Set(got.map((p) => p.partition)).size).toBe(2);
  });

  it('splits the partitions of a group between two members, and gives them all to the one left', async () => {
    const assigned = new Map<Consumer, number[]>();
    const seen = new Map<Consumer, Set<number>>();
    const member = async (): Promise<Consumer> => {
      const c = consumer('harness-group');
      c.on(c.events.GROUP_JOIN, (e) => assigned.set(c, [...(e.payload.memberAssignment['harness_group'] ?? [])].sort()));
      seen.set(c, new Set());
      const run = () => c.run({ eachMessage: async ({ partition }) => void seen.get(c)!.add(partition) });
      // The test broker refuses a follower's SyncGroup that comes after the leader's (INVALID_REQUEST,
      // which kafkajs does not retry): the member joins again, as KafkaSource does.
      c.on(c.events.CRASH, (e) => void (e.payload.restart ? undefined : c.connect().then(run)));
      await c.connect();
      await c.subscribe({ topics: ['harness_group'], fromBeginning: true });
      await run();
      return c;
    };
    const a = await member();
    await until('first member owns all four', () => assigned.get(a)?.length === 4);
    const b = await member();
    await until('two members with two partitions each', () => assigned.get(a)?.length === 2 && assigned.get(b)?.length === 2);
    expect([...assigned.get(a)!, ...assigned.get(b)!].sort()).toEqual([0, 1, 2, 3]);

    // Both read what lands on their own partitions.
    await produce('harness_group', [0, 1, 2, 3].map((partition) => ({ partition, value: `before-${partition}` })));
    await until('each member read its partitions', () => seen.get(a)!.size === 2 && seen.get(b)!.size === 2);
    expect(seen.get(a)).toEqual(new Set(assigned.get(a)));
    expect(seen.get(b)).toEqual(new Set(assigned.get(b)));

    await b.disconnect(); // leaves the group (LeaveGroup), so the rebalance starts at once
    await until('the remaining member owns all four', () => assigned.get(a)?.length === 4);
    seen.get(a)!.clear();
    await produce('harness_group', [0, 1, 2, 3].map((partition) => ({ partition, value: `after-${partition}` })));
    await until('the remaining member reads all four', () => seen.get(a)!.size === 4);
  });

  it('keeps committed offsets across a consumer restart', async () => {
    await produce('harness_restart', Array.from({ length: 10 }, (_, i) => ({ value: `first-${i}` })));
    const readAll = async (count: number): Promise<string[]> => {
      const values: string[] = [];
      const c = consumer('harness-restart');
      await c.connect();
      await c.subscribe({ topics: ['harness_restart'], fromBeginning: true });
      await c.run({ autoCommit: true, eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
      await until(`${count} messages`, () => values.length >= count);
      await c.disconnect(); // commits what was processed
      return values;
    };
    expect(await readAll(10)).toEqual(Array.from({ length: 10 }, (_, i) => `first-${i}`));

    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: 'harness-restart', topics: ['harness_restart'] });
    await admin.disconnect();
    expect(committed!.partitions).toEqual([{ partition: 0, offset: '10', metadata: null }]);

    await produce('harness_restart', Array.from({ length: 3 }, (_, i) => ({ value: `second-${i}` })));
    // A new member of the same group resumes at offset 10 (not at the beginning).
    expect(await readAll(3)).toEqual(['second-0', 'second-1', 'second-2']);
  });

  it('LIMITATION: ListOffsets by timestamp answers the end offset, whatever the time', async () => {
    const t0 = Date.now() - 3_600_000;
    // Timestamps an hour ago, one minute apart: a real broker would answer offset 0 for t0.
    await produce('harness_by_time', Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, value: `v${i}`, timestamp: String(t0 + i * 60_000) })));
    const admin = kafka.admin();
    await admin.connect();
    try {
      const byTime = await admin.fetchTopicOffsetsByTimestamp('harness_by_time', t0);
      const ends = await admin.fetchTopicOffsets('harness_by_time');
      expect(byTime.map((p) => p.offset)).toEqual(['3', '3']);
      expect(ends.map((p) => p.high)).toEqual(['3', '3']);
    } finally {
      await admin.disconnect();
    }
  });

  it('LIMITATION: no controller, so no CreateTopics and no idempotent producer (topics come from the launcher)', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // The mock names controller 0, a broker that does not exist (its brokers are 1..n).
      expect((await admin.describeCluster()).controller).toBe(0);
      await expect(admin.createTopics({ topics: [{ topic: 'harness_created', numPartitions: 2 }] })).rejects.toThrow(/Broker 0 not found/);
    } finally {
      await admin.disconnect();
    }
    const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await expect(idempotent.connect()).rejects.toThrow(/Broker 0 not found/);
    await idempotent.disconnect();
  });

  it('LIMITATION: creates any topic a Metadata request names (4 partitions), even when the client asks not to', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain('harness_unplanned'); // listing all creates nothing
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      await producer.send({ topic: 'harness_unplanned', acks: -1, messages: [{ value: 'x' }] });
      await producer.disconnect();
      const meta = await admin.fetchTopicMetadata({ topics: ['harness_unplanned'] });
      expect(meta.topics[0]!.partitions).toHaveLength(4);
    } finally {
      await admin.disconnect();
    }
  });

  it('serves a second client: kcat sees the topics and reads what kafkajs wrote', async () => {
    await produce('harness_kcat', [{ key: 'O1', value: '{"order_id":"O1"}', partition: 2, headers: { source: 'kafkajs' } }]);
    const { stdout: meta } = await run('kcat', ['-b', broker.brokers.join(','), '-L', '-J', '-t', 'harness_kcat']);
    const topic = (JSON.parse(meta) as { topics: { topic: string; partitions: unknown[] }[] }).topics[0]!;
    expect([topic.topic, topic.partitions.length]).toEqual(['harness_kcat', 3]);

    const { stdout } = await run('kcat', ['-b', broker.brokers.join(','), '-C', '-t', 'harness_kcat', '-p', '2', '-o', 'beginning', '-e', '-J', '-q']);
    const msg = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(msg).toMatchObject({ topic: 'harness_kcat', partition: 2, offset: 0, key: 'O1', payload: '{"order_id":"O1"}', headers: ['source', 'kafkajs'] });
  });

  it('listens on a chosen port, one port per broker', async () => {
    const port = await freePortPair();
    const fixed = await startBroker({ harness_port: 1 }, { port, brokerCount: 2 });
    try {
      expect(fixed.brokers).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port + 1}`]);
      const admin = testKafka(fixed).admin();
      await admin.connect();
      expect((await admin.describeCluster()).brokers.map((b) => b.port).sort()).toEqual([port, port + 1]);
      await admin.disconnect();
    } finally {
      await fixed.stop();
    }
  });
});

/** A port p such that p and p + 1 were both free a moment ago. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const p = await listenOnce(0);
    if (p < 65_535 && (await listenOnce(p + 1).then(() => true, () => false))) return p;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const got = (server.address() as { port: number }).port;
      server.close(() => resolve(got));
    });
  });
}
