// One message with an id too long for the SQL tables (VARCHAR(255)) through Kafka into MySQL: it
// is a dead letter, and the run goes on with the other messages. (In MySQL's strict mode such an
// id fails every commit that carries it: the run could not go past it.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { TOPICS } from '../src/engine/types.js';
import { runStream } from '../src/runtime/stream-run.js';
import { MysqlStore } from '../src/sinks/mysql/mysql-store.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { createTestDatabase } from './support/mysql.js';
import { outputsOf, tempDir } from './support/outputs.js';

const topicOf = (t: number): string => `long-id.${TOPICS[t]}`;
const LONG = 'O'.repeat(300);

let broker: MockBroker;
beforeAll(async () => {
  broker = await startBroker(Object.fromEntries(TOPICS.map((_, t) => [topicOf(t), 1])));
}, 60_000);
afterAll(() => broker?.stop());

describe('an id longer than the SQL tables hold', () => {
  it('is a dead letter, and the run goes on into MySQL', async () => {
    const kafka = testKafka(broker);
    const producer = kafka.producer();
    await producer.connect();
    const status = (orderId: string, minute: number) =>
      JSON.stringify({ order_id: orderId, user_id: 'U1', status: 'PENDING_PAYMENT', status_time: `2026-11-20 10:0${minute}:00` });
    await producer.send({
      topic: topicOf(0),
      messages: [
        { key: 'long', value: status(LONG, 0) },
        { key: 'O1', value: status('O1', 1) },
      ],
    });
    await producer.disconnect();

    const db = await createTestDatabase();
    const store = await MysqlStore.open(db.url, { migrate: true });
    try {
      const summary = await runStream({
        kafka,
        groupId: 'long-id',
        store,
        timeZone: UTC,
        clock: { now: () => Date.UTC(2030, 0, 1) },
        exitWhenIdleMs: 300,
        topics: Object.fromEntries(TOPICS.map((name, t) => [name, topicOf(t)])),
        consumer: QUICK_GROUP,
      });
      expect(summary.stoppedBy).toBe('idle');
      expect(summary.processed).toBe(2);
      const out = tempDir('long-id');
      await store.exportNdjson(out);
      const got = outputsOf(out);
      expect(got['dead_letters.ndjson']!.map((r) => (JSON.parse(r) as { reason: string }).reason)).toEqual(['BAD_VALUE:order_id']);
      expect(got['order_lifecycle.ndjson']!.map((r) => (JSON.parse(r) as { order_id: string }).order_id)).toEqual(['O1']);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
