// A consumer the broker throws out of the group with an error kafkajs does not retry (it stops
// the consumer and leaves it stopped) joins the group again, up to three times in a row. The
// test broker does this to a follower whose SyncGroup comes after the leader's; here the broker
// is told to refuse the next SyncGroup requests outright (INVALID_REQUEST).
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TOPICS, type SourceRecord, type TopicName } from '../src/engine/types.js';
import { KafkaSource } from '../src/sources/kafka/kafka-source.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { until } from './support/until.js';

const SYNC_GROUP = 14;
const INVALID_REQUEST = 42;
const names = (prefix: string) => Object.fromEntries(TOPICS.map((t) => [t, `${prefix}.${t}`])) as Record<TopicName, string>;

let broker: MockBroker;
let kafka: Kafka;
const sources: KafkaSource[] = [];

beforeAll(async () => {
  const topics: Record<string, number> = {};
  for (const prefix of ['rejoin', 'refused']) for (const t of Object.values(names(prefix))) topics[t] = 2;
  broker = await startBroker(topics);
  kafka = testKafka(broker);
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await broker?.stop();
});

function source(prefix: string): KafkaSource {
  const s = new KafkaSource({ kafka, groupId: `${prefix}-group`, topics: names(prefix), consumer: QUICK_GROUP, bounded: true });
  sources.push(s);
  return s;
}

it('joins the group again after the broker refused its SyncGroup, and reads everything', async () => {
  const producer = kafka.producer();
  await producer.connect();
  const topics = names('rejoin');
  await producer.sendBatch({
    acks: -1,
    topicMessages: TOPICS.map((t) => ({
      topic: topics[t],
      messages: [0, 1].flatMap((partition) => [0, 1, 2].map((i) => ({ partition, key: `O${partition}`, value: JSON.stringify({ t, partition, i }) }))),
    })),
  });
  await producer.disconnect();
  await broker.failNext(SYNC_GROUP, INVALID_REQUEST, 2);

  const s = source('rejoin');
  await s.start();
  const got: SourceRecord[] = [];
  await until('every record read', () => {
    s.poll(100, got, Date.now());
    return s.finished();
  }, 30_000);
  expect(s.assigned()).toEqual([0, 1]);
  expect(got.map((r) => `${r.topic}/${r.partition}/${r.offset}`).sort()).toEqual(
    [0, 1, 2].flatMap((t) => [0, 1].flatMap((p) => [0, 1, 2].map((o) => `${t}/${p}/${o}`))).sort(),
  );
});

it('gives up with the broker\'s error once refused four times in a row', async () => {
  await broker.failNext(SYNC_GROUP, INVALID_REQUEST, 4);
  const s = source('refused');
  await s.start();
  let failure: Error | undefined;
  await until('the source to fail', () => {
    try {
      s.poll(100, [], Date.now());
      return false;
    } catch (e) {
      failure = e as Error;
      return true;
    }
  }, 30_000);
  expect(failure!.message).toMatch(/^Kafka: consumer of group refused-group stopped: .*malformed/);
  expect(failure!.message).not.toContain('\n');
  expect(s.assigned()).toEqual([]);
});
