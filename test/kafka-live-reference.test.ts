// Changes others make in MySQL reach a running engine without a restart: a SKU restocked and a
// delivery area and a processing rule added while a Kafka/MySQL run goes on are used by the next
// orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { TOPICS } from '../src/engine/types.js';
import { runStream } from '../src/runtime/stream-run.js';
import { MysqlStore } from '../src/sinks/mysql/mysql-store.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { createTestDatabase, type TestDatabase } from './support/mysql.js';
import { until } from './support/until.js';

let broker: MockBroker;
let db: TestDatabase;
beforeAll(async () => {
  broker = await startBroker(Object.fromEntries(TOPICS.map((t) => [t, 1])));
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await broker?.stop();
  await db?.drop();
});

describe('a running Kafka/MySQL engine', () => {
  it('takes in stock, reference and rule changes made in the database within about two seconds', async () => {
    const store = await MysqlStore.open(db.url, { migrate: true });
    const kafka = testKafka(broker);
    const producer = kafka.producer();
    await producer.connect();
    const signal = { stopped: false };
    let running: Promise<unknown> | undefined;
    try {
      await store.seedReference(
        {
          product_inventory: [{ product_id: 'P1', sku_id: 'S1', total_stock: 0, available_stock: 0, frozen_stock: 0, locked_stock: 0, update_time: null }],
          product_info: [{ sku_id: 'S1', product_id: 'P1', product_name: 'Tea', category: 'other' }],
          user_address: [{ user_id: 'U1', address_id: 'A1', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', address: '1 Lake Rd', is_default: true }],
          logistics_area_info: [{ area_id: 'AR9', province: 'Jiangsu', city: 'Nanjing', district: 'Gulou', warehouse_id: 'WH9' }],
          order_processing_rules: [],
        },
        Date.now(),
      );
      running = runStream({ kafka, groupId: 'live-ref', store, timeZone: UTC, signal, consumer: QUICK_GROUP, commitIntervalMs: 200, refreshMs: 200 });
      const order = async (id: string): Promise<void> => {
        const t = Date.now();
        const iso = (ms: number) => new Date(ms).toISOString();
        const send = (topic: string, value: object, dt: number) => ({ topic, messages: [{ key: id, value: JSON.stringify(value), timestamp: String(t + dt) }] });
        await producer.sendBatch({
          acks: -1,
          topicMessages: [
            send('order_item_events', { order_id: id, item_id: 'I1', sku_id: 'S1', quantity: 1, price: '10.00', discount: 0, create_time: iso(t) }, 0),
            send('order_status_events', { order_id: id, user_id: 'U1', status: 'PENDING_PAYMENT', status_time: iso(t) }, 1),
          ],
        });
        await producer.send({ topic: 'order_status_events', messages: [{ key: id, value: JSON.stringify({ order_id: id, user_id: 'U1', status: 'PAID', prev_status: 'PENDING_PAYMENT', status_time: iso(t + 1000) }), timestamp: String(t + 2) }] });
      };
      const op = async (id: string) => (await db.sql(`SELECT status FROM inventory_update_results WHERE op_id = '${id}:I1:FREEZE'`))[0]?.[0];
      const dispatch = async (id: string) => (await db.sql(`SELECT warehouse_id, status, priority FROM logistics_dispatch_commands WHERE order_id = '${id}'`))[0];

      await order('O1');
      await until('O1 to be frozen or refused', async () => (await op('O1')) !== undefined);
      expect(await op('O1')).toBe('FAILED');

      // Others restock the SKU and open a delivery area for the user's district.
      await db.sql(`UPDATE product_inventory SET available_stock = 5, total_stock = 5 WHERE sku_id = 'S1'`);
      await db.sql(`INSERT INTO logistics_area_info (area_id, province, city, district, warehouse_id) VALUES ('AR1', 'Zhejiang', 'Hangzhou', 'Xihu', 'WH1')`);
      // …and a rule makes orders over 5 HIGH priority (the default bar is 1000: this one would be LOW).
      await db.sql(`INSERT INTO order_processing_rules (rule_id, rule_type, priority, condition_expr, action_expr, status) VALUES ('R1', 'DISPATCH', 1, 'amount > 5', 'priority_high_amount = 5', 'ACTIVE')`);
      await new Promise((r) => setTimeout(r, 2_000));

      await order('O2');
      await until('O2 to be frozen or refused', async () => (await op('O2')) !== undefined);
      expect(await op('O2')).toBe('SUCCESS');
      await until('O2 to be dispatched', async () => (await dispatch('O2')) !== undefined);
      expect(await dispatch('O2')).toEqual(['WH1', 'PENDING', 'HIGH']);
      const [stock] = await db.sql(`SELECT available_stock, frozen_stock FROM product_inventory WHERE sku_id = 'S1'`);
      expect(stock).toEqual([4, 1]);
    } finally {
      signal.stopped = true;
      await running;
      await producer.disconnect();
      await store.close();
    }
  });
});
