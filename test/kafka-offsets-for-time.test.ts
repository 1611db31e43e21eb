// Offsets for a time: the search and the verification against in-memory logs (gaps, ties, any
// fetch size), then offsetsForTime against the mock cluster, whose ListOffsets-by-timestamp
// answers the log end whatever the time (test/kafka-broker.test.ts), so a time inside the log
// must be found by the fallback search; and the replay plan table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { UserError } from '../src/errors.js';
import {
  brokerAnswerHolds,
  firstOffsetAtOrAfter,
  formatReplayPlan,
  offsetsForTime,
  replayPlan,
  type OffsetsForTime,
  type OffsetsForTimeStats,
  type ReadFn,
  type Stamp,
} from '../src/sources/kafka/offsets-for-time.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';

/** A log as a read function: fetches of `perFetch` messages; counts its reads. */
function memoryLog(log: Stamp[], perFetch: number): ReadFn & { reads: number } {
  const read = Object.assign(
    async (from: bigint, limit: bigint) => {
      read.reads++;
      return log.filter((m) => m.offset >= from).slice(0, perFetch).filter((m) => m.offset < limit);
    },
    { reads: 0 },
  );
  return read;
}

function stamps(times: number[], offsetOf: (i: number) => number = (i) => i): Stamp[] {
  return times.map((timestamp, i) => ({ offset: BigInt(offsetOf(i)), timestamp }));
}

/** The first message with timestamp ≥ time, else high: what the search must find. */
function expected(log: Stamp[], high: bigint, time: number): bigint {
  return log.find((m) => m.timestamp >= time)?.offset ?? high;
}

describe('firstOffsetAtOrAfter / brokerAnswerHolds (in memory)', () => {
  const times = [10, 10, 20, 30, 30, 30, 40, 55, 55, 70, 80, 80, 90];
  const logs = {
    dense: stamps(times),
    // Compacted or transactional logs: offsets without a data message.
    gaps: stamps(times, (i) => 3 + i * 3 + (i % 2)),
  };

  for (const [name, log] of Object.entries(logs)) {
    const low = name === 'dense' ? 0n : 2n; // a low watermark before the first message is fine too
    const high = log[log.length - 1]!.offset + (name === 'dense' ? 1n : 4n);
    for (const perFetch of [1, 2, 5, 100]) {
      it(`finds the first offset at or after each time: ${name} log, ${perFetch} per fetch`, async () => {
        for (let time = 0; time <= 100; time += 5) {
          const read = memoryLog(log, perFetch);
          expect(await firstOffsetAtOrAfter(read, low, high, time), `time ${time}`).toBe(expected(log, high, time));
          expect(read.reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(Number(high - low))) + 2);
          // The right answer passes the check; on a dense log any other offset fails it (with
          // gaps, an answer just after one passes if its message is new enough: documented).
          for (let answer = low; answer <= high; answer++) {
            const holds = await brokerAnswerHolds(memoryLog(log, perFetch), low, high, answer, time);
            if (answer === expected(log, high, time)) expect(holds, `answer ${answer} for time ${time}`).toBe(true);
            else if (name === 'dense') expect(holds, `answer ${answer} for time ${time}`).toBe(false);
          }
        }
      });
    }
  }

  it('an empty range answers high without reading', async () => {
    const read = memoryLog([], 10);
    expect(await firstOffsetAtOrAfter(read, 7n, 7n, 5)).toBe(7n);
    expect(await brokerAnswerHolds(read, 7n, 7n, 7n, 5)).toBe(true);
    expect(read.reads).toBe(0);
  });

  it('with out-of-order timestamps: an offset whose previous message is older and whose own is not', async () => {
    const log = stamps([10, 50, 20, 30, 60, 40, 70]);
    for (let time = 0; time <= 80; time += 5) {
      const at = await firstOffsetAtOrAfter(memoryLog(log, 1), 0n, 7n, time);
      const i = Number(at);
      if (i > 0) expect(log[i - 1]!.timestamp).toBeLessThan(time);
      if (i < log.length) expect(log[i]!.timestamp).toBeGreaterThanOrEqual(time);
    }
  });
});

// Against the mock cluster. t0 is an hour ago; messages are a second apart (see LOGS).
const T0 = Date.now() - 3_600_000;
const s = (seconds: number): number => T0 + seconds * 1000;
/** Seconds after T0 of each message, per topic and partition (partition 2 of oft_orders stays empty). */
const LOGS: Record<string, number[][]> = {
  oft_orders: [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    [0.5, 2.5, 4.5, 6.5, 8.5],
    [],
  ],
  oft_items: [
    [0, 0, 3, 3, 3, 5, 9],
    [20, 21, 22],
  ],
};

let broker: MockBroker;
let kafka: Kafka;

beforeAll(async () => {
  broker = await startBroker({ oft_orders: 3, oft_items: 2 });
  kafka = testKafka(broker);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    // One send per message: one broker batch each, so the search takes several reads, not one.
    for (const [topic, partitions] of Object.entries(LOGS)) {
      for (const [partition, seconds] of partitions.entries()) {
        for (const [i, sec] of seconds.entries()) {
          await producer.send({ topic, acks: -1, messages: [{ partition, value: `${topic}/${partition}/${i}`, timestamp: String(s(sec)) }] });
        }
      }
    }
  } finally {
    await producer.disconnect();
  }
});

afterAll(async () => {
  await broker?.stop();
});

/** What offsetsForTime must answer for `time` (null = earliest), from LOGS; the mock's answer (the log end) is right only where every message is older. */
function want(time: number | null): OffsetsForTime {
  return Object.fromEntries(
    Object.entries(LOGS).map(([topic, parts]) => [
      topic,
      Object.fromEntries(
        parts.map((secs, p) => {
          const i = time === null ? 0 : secs.findIndex((sec) => s(sec) >= time);
          const offset = i < 0 ? secs.length : i;
          const method = time === null ? 'earliest' : secs.length === 0 ? 'empty' : offset === secs.length ? 'broker' : 'search';
          return [p, { offset: String(offset), low: '0', high: String(secs.length), method }];
        }),
      ),
    ]),
  );
}

function methods(found: OffsetsForTime): Record<string, string[]> {
  return Object.fromEntries(Object.entries(found).map(([t, parts]) => [t, Object.values(parts).map((p) => p.method)]));
}

async function lookup(time: number | null): Promise<{ found: OffsetsForTime; stats: OffsetsForTimeStats }> {
  const stats = { reads: 0, consumers: 0, ms: 0 };
  // One partition fetched at a time, so the search over one-message batches takes several reads.
  const found = await offsetsForTime({ kafka, topics: Object.keys(LOGS), time, consumer: { ...QUICK_GROUP, maxBytesPerPartition: 1 }, stats });
  return { found, stats };
}

describe('offsetsForTime (mock cluster)', () => {
  it('finds the first offset at or after a time inside the logs by searching, the broker being wrong', async () => {
    for (const time of [s(3), s(2.5), s(21)]) {
      const { found, stats } = await lookup(time);
      expect(found, `time +${(time - T0) / 1000}s`).toEqual(want(time));
      expect(stats.consumers).toBe(1);
      console.log(`offsetsForTime +${(time - T0) / 1000}s: ${stats.reads} reads, ${stats.ms} ms`);
    }
    expect(methods(want(s(3)))).toEqual({ oft_orders: ['search', 'search', 'empty'], oft_items: ['search', 'search'] });
    expect(methods(want(s(21)))).toEqual({ oft_orders: ['broker', 'broker', 'empty'], oft_items: ['broker', 'search'] });
  });

  it('before every message: offset 0 (the low watermark) everywhere', async () => {
    const { found } = await lookup(s(-60));
    expect(found).toEqual(want(s(-60)));
    expect(methods(found)).toEqual({ oft_orders: ['search', 'search', 'empty'], oft_items: ['search', 'search'] });
  });

  it('after every message: the high watermark, where the broker answer holds once checked', async () => {
    const { found, stats } = await lookup(s(60));
    expect(found).toEqual(want(s(60)));
    expect(methods(found)).toEqual({ oft_orders: ['broker', 'broker', 'empty'], oft_items: ['broker', 'broker'] });
    expect(stats.reads).toBe(4); // one read per non-empty partition: the message before the answer
  });

  it('earliest (null): the low watermarks, reading nothing', async () => {
    const { found, stats } = await lookup(null);
    expect(found).toEqual(want(null));
    expect(stats).toMatchObject({ reads: 0, consumers: 0 });
  });

  it('verify: false trusts the broker (here the wrong log end)', async () => {
    const stats = { reads: 0, consumers: 0, ms: 0 };
    const found = await offsetsForTime({ kafka, topics: ['oft_orders'], time: s(3), verify: false, stats });
    expect(found['oft_orders']![0]).toEqual({ offset: '12', low: '0', high: '12', method: 'broker' });
    expect(stats).toMatchObject({ reads: 0, consumers: 0 });
  });

  it('a topic that does not exist is a one-line UserError, and is not created by asking', async () => {
    const err = await offsetsForTime({ kafka, topics: ['oft_orders', 'oft_missing'], time: s(3) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe('Kafka topic not found: oft_missing');
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).not.toContain('oft_missing');
    await admin.disconnect();
  });
});

describe('replayPlan / formatReplayPlan', () => {
  const found: OffsetsForTime = {
    'p.order_status_events': { 0: { offset: '10', low: '0', high: '50', method: 'search' }, 1: { offset: '7', low: '5', high: '7', method: 'broker' } },
    'p.order_item_events': { 1: { offset: '0', low: '0', high: '1234', method: 'search' }, 0: { offset: '3', low: '0', high: '3', method: 'empty' } },
    'p.logistics_events': { 0: { offset: '100000000000', low: '0', high: '100000000005', method: 'search' } },
    unrelated: { 0: { offset: '0', low: '0', high: '9', method: 'earliest' } },
  };
  const kafkaTopics = { order_status_events: 'p.order_status_events', order_item_events: 'p.order_item_events', logistics_events: 'p.logistics_events' };

  it('one row per source topic-partition, by partition then source topic, with the checkpoint position', () => {
    const rows = replayPlan({ 0: { order_status_events: '42', logistics_events: '100000000005' } }, found, kafkaTopics);
    expect(rows).toEqual([
      { partition: 0, topic: 'order_status_events', current: '42', start: '10', end: '50', records: 40 },
      { partition: 0, topic: 'order_item_events', current: null, start: '3', end: '3', records: 0 },
      { partition: 0, topic: 'logistics_events', current: '100000000005', start: '100000000000', end: '100000000005', records: 5 },
      { partition: 1, topic: 'order_status_events', current: null, start: '7', end: '7', records: 0 },
      { partition: 1, topic: 'order_item_events', current: null, start: '0', end: '1234', records: 1234 },
    ]);
    expect(replayPlan(undefined, { order_status_events: found['p.order_status_events']! }).map((r) => [r.partition, r.topic, r.current])).toEqual([
      [0, 'order_status_events', null],
      [1, 'order_status_events', null],
    ]);
  });

  it('formats a fixed-width table with a total', () => {
    const text = formatReplayPlan(replayPlan({ 0: { order_status_events: '42' } }, found, kafkaTopics));
    expect(text).toBe(
      [
        'PARTITION  TOPIC                CURRENT           NEW           END  RE-READ',
        '        0  order_status_events       42            10            50       40',
        '        0  order_item_events          -             3             3        0',
        '        0  logistics_events           -  100000000000  100000000005        5',
        '        1  order_status_events        -             7             7        0',
        '        1  order_item_events          -             0          1234     1234',
        'total 1279 records to re-read',
      ].join('\n'),
    );
    expect(formatReplayPlan([])).toBe('PARTITION  TOPIC  CURRENT  NEW  END  RE-READ\ntotal 0 records to re-read');
  });
});
