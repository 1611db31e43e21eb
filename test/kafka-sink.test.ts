// The Kafka sink against a real Kafka-protocol broker (librdkafka's mock cluster): a commit's
// event outputs go out in one sendBatch and come back with exactly the documented keys, values
// and headers (src/sinks/kafka/messages.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type {
  DeadLetterRow,
  DispatchRow,
  InventoryOpRow,
  LifecycleRow,
  MetricRow,
  NotificationRow,
  OrderCommandRow,
} from '../src/engine/types.js';
import { ExternalError } from '../src/errors.js';
import { KafkaPublisher } from '../src/sinks/kafka/publisher.js';
import { DEFAULT_OUTPUT_TOPICS, type OutputTopics } from '../src/sinks/kafka/topics.js';
import type { CommitBatch } from '../src/sinks/store.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';

const T = Date.UTC(2026, 10, 20, 8, 0, 0);
const MIN = 60_000;

// Each test publishes to its own set of topics: the defaults, and renamed ones.
const RENAMED: OutputTopics = {
  lifecycle: 'renamed.lifecycle',
  dispatches: 'renamed.dispatch',
  notifications: 'renamed.notify',
  orderCommands: 'renamed.commands',
  deadLetters: 'renamed.dead',
};
const EMPTY_CHECK = { ...RENAMED, lifecycle: 'empty.lifecycle' };

let broker: MockBroker;
let kafka: Kafka;
let producer: Producer;
const consumers: Consumer[] = [];

beforeAll(async () => {
  const topics: Record<string, number> = {};
  for (const t of [...Object.values(DEFAULT_OUTPUT_TOPICS), ...Object.values(RENAMED)]) topics[t] = 3;
  topics['empty.lifecycle'] = 1;
  broker = await startBroker(topics);
  kafka = testKafka(broker);
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await producer?.disconnect();
  await broker?.stop();
});

const lifecycle: LifecycleRow = {
  order_id: 'O1', user_id: 'U1', create_time: T, pending_payment_time: T, paid_time: T + 5 * MIN,
  processing_time: null, shipped_time: null, delivered_time: null, cancelled_time: null, refunded_time: null,
  expired_time: null, cancel_reason: null, current_status: 'PAID', status_updated_time: T + 5 * MIN,
  pending_payment_duration: 300, processing_duration: null, shipping_duration: null, delivery_duration: null,
  overall_duration: null, last_updated: T + 5 * MIN + 123,
};
const dispatch: DispatchRow = {
  command_id: 'DISPATCH:O1:SKU-1', order_id: 'O1', user_id: 'U1', sku_id: 'SKU-1', quantity: 2, warehouse_id: 'W1',
  target_province: 'P', target_city: 'C', target_district: 'D', target_address: 'Street 1',
  required_delivery_time: T + 2 * 86_400_000, priority: 'LOW', create_time: T + 5 * MIN, status: 'PENDING',
};
const notification: NotificationRow = {
  notification_id: 'O1:PAID', order_id: 'O1', user_id: 'U1', status: 'PAID', prev_status: 'PENDING_PAYMENT',
  status_time: T + 5 * MIN, notification_type: 'APP_PUSH', message_content: 'Payment received — thank you',
  priority: 2, create_time: T + 5 * MIN, notification_status: 'PENDING',
};
const command: OrderCommandRow = { command: 'CANCEL', order_id: 'O2', reason: 'stock out', operator: 'ana', issued_at: T + 9 * MIN + 7 };
const kafkaDead: DeadLetterRow = {
  source_topic: 'order_status_events', partition: 3, offset: '42', file: null, line: null,
  received_time: T + 6 * MIN, reason: 'MISSING_FIELD:user_id', payload: '{"order_id":"O3"}',
};
const fileDead: DeadLetterRow = {
  source_topic: 'order_item_events', partition: null, offset: null, file: 'order_item_events.ndjson', line: 7,
  received_time: T + 6 * MIN, reason: 'PARSE_ERROR', payload: '{not json',
};
// Outputs the sink does not publish ride along in the batch and must stay out of Kafka.
const op: InventoryOpRow = {
  op_id: 'FREEZE:O1:I1', order_id: 'O1', sku_id: 'SKU-1', op_type: 'FREEZE', quantity: 2, prev_available_stock: 10,
  new_available_stock: 8, prev_frozen_stock: 0, new_frozen_stock: 2, op_time: T, process_time: T, status: 'SUCCESS', message: null,
};
const metric: MetricRow = {
  metric_time: T, order_count: 1, paid_count: 1, shipped_count: 0, delivered_count: 0, cancelled_count: 0,
  avg_payment_time: 300, avg_processing_time: null, avg_delivery_time: null, abnormal_count: 0, abnormal_order_rate: 0,
};

function batch(parts: Partial<CommitBatch>): CommitBatch {
  return {
    deadLetters: [], ops: [], dispatches: [], notifications: [], metrics: [], dataQuality: [], lifecycle: [], sla: [],
    anomalies: [], orderCommands: [], orderStates: [], readTotals: {}, ...parts,
  };
}

interface Got {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Everything in `topics`, read from the beginning by a fresh group, once `count` records are in. */
async function readBack(topics: string[], count: number, groupId: string): Promise<Got[]> {
  const got: Got[] = [];
  const c = kafka.consumer({ groupId, ...QUICK_GROUP });
  consumers.push(c);
  await c.connect();
  await c.subscribe({ topics, fromBeginning: true });
  await c.run({
    eachMessage: async ({ topic, message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      got.push({ topic, key: message.key!.toString(), value: message.value!.toString(), headers });
    },
  });
  const end = Date.now() + 20_000;
  while (got.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300)); // nothing more than `count` may arrive
  await c.disconnect();
  return got.sort((a, b) => (a.topic + a.key < b.topic + b.key ? -1 : 1));
}

const ISO = (ms: number): string => new Date(ms).toISOString();

describe('KafkaPublisher', () => {
  it('publishes a commit to the default topics with the documented keys, values and headers', async () => {
    const publisher = new KafkaPublisher({ producer });
    await publisher.publish(
      batch({
        lifecycle: [lifecycle], dispatches: [dispatch], notifications: [notification], orderCommands: [command],
        deadLetters: [kafkaDead, fileDead], ops: [op], metrics: [metric],
      }),
    );
    const got = await readBack(Object.values(DEFAULT_OUTPUT_TOPICS), 6, 'sink-defaults');

    expect(got).toEqual([
      {
        topic: 'logistics_dispatch_commands', key: 'DISPATCH:O1:SKU-1', headers: {},
        value: JSON.stringify({
          command_id: 'DISPATCH:O1:SKU-1', order_id: 'O1', user_id: 'U1', sku_id: 'SKU-1', quantity: 2, warehouse_id: 'W1',
          target_province: 'P', target_city: 'C', target_district: 'D', target_address: 'Street 1',
          required_delivery_time: '2026-11-22T08:00:00.000Z', priority: 'LOW', create_time: '2026-11-20T08:05:00.000Z',
          status: 'PENDING',
        }),
      },
      {
        topic: 'order_commands', key: 'O2:CANCEL:2026-11-20T08:09:00.007Z', headers: {},
        value: '{"command":"CANCEL","order_id":"O2","reason":"stock out","operator":"ana","issued_at":"2026-11-20T08:09:00.007Z"}',
      },
      {
        topic: 'order_lifecycle', key: 'O1', headers: {},
        // The exact text: columns in schema order, times ISO-8601 UTC with ms, nulls kept.
        value:
          '{"order_id":"O1","user_id":"U1","create_time":"2026-11-20T08:00:00.000Z",' +
          '"pending_payment_time":"2026-11-20T08:00:00.000Z","paid_time":"2026-11-20T08:05:00.000Z",' +
          '"processing_time":null,"shipped_time":null,"delivered_time":null,"cancelled_time":null,' +
          '"refunded_time":null,"expired_time":null,"cancel_reason":null,"current_status":"PAID",' +
          '"status_updated_time":"2026-11-20T08:05:00.000Z","pending_payment_duration":300,' +
          '"processing_duration":null,"shipping_duration":null,"delivery_duration":null,"overall_duration":null,' +
          '"last_updated":"2026-11-20T08:05:00.123Z"}',
      },
      {
        topic: 'order_status_notifications', key: 'O1:PAID', headers: {},
        value: JSON.stringify({ ...notification, status_time: ISO(T + 5 * MIN), create_time: ISO(T + 5 * MIN) }),
      },
      {
        // A dead letter from a file: no partition or offset, so no such headers.
        topic: 'ordertrack_dead_letters', key: 'F|order_item_events.ndjson|000000000007',
        headers: { source_topic: 'order_item_events', reason: 'PARSE_ERROR' },
        value: JSON.stringify({ ...fileDead, received_time: ISO(T + 6 * MIN) }),
      },
      {
        topic: 'ordertrack_dead_letters', key: 'K|order_status_events|000003|00000000000000000042',
        headers: { source_topic: 'order_status_events', source_partition: '3', source_offset: '42', reason: 'MISSING_FIELD:user_id' },
        value:
          '{"source_topic":"order_status_events","partition":3,"offset":"42","file":null,"line":null,' +
          '"received_time":"2026-11-20T08:06:00.000Z","reason":"MISSING_FIELD:user_id","payload":"{\\"order_id\\":\\"O3\\"}"}',
      },
    ]);
  });

  it('writes to renamed topics, keeps the order of one key, and sends nothing for an empty batch', async () => {
    const publisher = new KafkaPublisher({ producer, topics: RENAMED });
    const later: LifecycleRow = { ...lifecycle, current_status: 'PROCESSING', processing_time: T + 7 * MIN, last_updated: T + 7 * MIN };
    await publisher.publish(batch({ lifecycle: [lifecycle, later], orderCommands: [command] }));
    await new KafkaPublisher({ producer, topics: EMPTY_CHECK }).publish(batch({ ops: [op], metrics: [metric] }));

    const got = await readBack(Object.values(RENAMED), 3, 'sink-renamed');
    expect(got.map((g) => [g.topic, g.key])).toEqual([
      ['renamed.commands', 'O2:CANCEL:2026-11-20T08:09:00.007Z'],
      ['renamed.lifecycle', 'O1'],
      ['renamed.lifecycle', 'O1'],
    ]);
    // Both versions of O1 sit in one partition, the latest last: a compacted topic keeps it.
    expect(got.filter((g) => g.topic === 'renamed.lifecycle').map((g) => JSON.parse(g.value).current_status)).toEqual(['PAID', 'PROCESSING']);

    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets('empty.lifecycle');
    await admin.disconnect();
    expect(ends.map((p) => p.high)).toEqual(['0']);
  });

  it('fails with a retriable ExternalError when the broker is gone', async () => {
    const doomed = await startBroker({ order_lifecycle: 1 });
    const lonely = testKafka(doomed, 'sink-failure').producer({ retry: { retries: 1, initialRetryTime: 50 } });
    await lonely.connect();
    await doomed.stop();
    try {
      const err = await new KafkaPublisher({ producer: lonely }).publish(batch({ lifecycle: [lifecycle] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExternalError);
      expect((err as ExternalError).message).toMatch(/^Kafka: publishing 1 records failed: /);
      expect((err as ExternalError).retriable).toBe(true); // connection refused: waiting may help
    } finally {
      await lonely.disconnect();
    }
  });
});
