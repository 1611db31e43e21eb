import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError } from '../../errors.js';
import { anomaly, batch, dataQuality, deadLetter, dispatch, lifecycle, notification, op, seed, stock, T0, testStore } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let store: SqliteStore;
let harness: ReturnType<typeof testStore>;
beforeEach(() => {
  harness = testStore([stock('S1', 10), stock('S2', 5)], T0);
  store = harness.store;
});
afterEach(() => harness.close());
const exported = (table: string) => harness.exported(table);

describe('SqliteStore.commit', () => {
  it('applies a SUCCESS op to the stock once, and records it', () => {
    store.commit(batch({ ops: [op('O1', 'S1', 3, 10)] }));
    expect(store.loadStock('S1')).toMatchObject({ available_stock: 7, frozen_stock: 3, total_stock: 10, update_time: T0 + 1 });
    expect(store.recordedOp('O1:I1:FREEZE')).toBe('SUCCESS');
    expect(store.hasOps()).toBe(true);
  });

  it('uses an op_id once across commits: a second insert changes neither the row nor the stock', () => {
    store.commit(batch({ ops: [op('O1', 'S1', 3, 10)] }));
    store.commit(batch({ ops: [op('O1', 'S1', 3, 10, 0, { process_time: T0 + 99 })] }));
    store.commit(batch({ ops: [op('O1', 'S1', 3, 10)] }));
    expect(store.loadStock('S1')).toMatchObject({ available_stock: 7, frozen_stock: 3, total_stock: 10 });
    const rows = exported('inventory_update_results');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.process_time).toBe(new Date(T0 + 1).toISOString());
  });

  it('records a FAILED op without touching the stock', () => {
    store.commit(batch({ ops: [op('O1', 'S2', 9, 5, 0, { status: 'FAILED', new_available_stock: 5, new_frozen_stock: 0, message: 'Insufficient stock to freeze' })] }));
    expect(store.recordedOp('O1:I1:FREEZE')).toBe('FAILED');
    expect(store.loadStock('S2')).toMatchObject({ available_stock: 5, frozen_stock: 0, total_stock: 5, update_time: T0 });
  });

  it('refuses a stock change that would go negative: throws, and the whole commit is rolled back', () => {
    const before = store.loadStock('S2');
    const bad = batch({
      deadLetters: [deadLetter(1)],
      ops: [op('O1', 'S1', 1, 10), op('O2', 'S2', 6, 5)], // S2 has 5 available
      lifecycle: [lifecycle('O1')],
      notifications: [notification('O1')],
      readTotals: { order_status_events: 3 },
      checkpoint: { source_id: 'dir', source_pos: '{}', engine: '{}', saved_at: T0 },
    });
    expect(() => store.commit(bad)).toThrow(InternalError);
    expect(store.loadStock('S2')).toEqual(before);
    expect(store.loadStock('S1')).toMatchObject({ available_stock: 10 });
    expect(store.recordedOp('O1:I1:FREEZE')).toBeUndefined();
    expect(store.recordedOp('O2:I1:FREEZE')).toBeUndefined();
    expect(store.readCheckpoint()).toBeUndefined();
    for (const t of ['dead_letters', 'order_lifecycle', 'order_status_notifications', 'inventory_update_results']) {
      expect(exported(t)).toEqual([]);
    }
    expect(store.checks().find((c) => c.name === 'data-quality-totals')!.ok).toBe(true);
  });

  it('throws for a SUCCESS op on a SKU the store does not hold', () => {
    expect(() => store.commit(batch({ ops: [op('O1', 'NOPE', 1, 1)] }))).toThrow(/NOPE/);
    expect(store.recordedOp('O1:I1:FREEZE')).toBeUndefined();
  });

  it('keeps the first dispatch, notification and dead letter; replaces lifecycle and anomaly rows', () => {
    store.commit(batch({
      deadLetters: [deadLetter(4, { reason: 'FIRST' })],
      dispatches: [dispatch('O1')],
      notifications: [notification('O1')],
      lifecycle: [lifecycle('O1')],
      anomalies: [anomaly('O1')],
    }));
    store.commit(batch({
      deadLetters: [deadLetter(4, { reason: 'SECOND' }), deadLetter(5)],
      dispatches: [dispatch('O1', { priority: 'HIGH' })],
      notifications: [notification('O1', { message_content: 'changed' })],
      lifecycle: [lifecycle('O1', { current_status: 'PAID', paid_time: T0 + 5000 })],
      anomalies: [anomaly('O1', { status: 'RESOLVED', resolved_by: 'system', resolved_at: T0 + 5000 })],
    }));
    expect(exported('dead_letters').map((r) => [r.line, r.reason])).toEqual([[4, 'FIRST'], [5, 'PARSE_ERROR']]);
    expect(exported('logistics_dispatch_commands')[0]!.priority).toBe('LOW');
    expect(exported('order_status_notifications')[0]!.message_content).toBe('Order O1 has been paid successfully');
    expect(exported('order_lifecycle')[0]).toMatchObject({ current_status: 'PAID', paid_time: new Date(T0 + 5000).toISOString() });
    expect(exported('abnormal_order_handling')[0]).toMatchObject({ status: 'RESOLVED', resolved_by: 'system' });
  });

  it('keys Kafka dead letters by topic, partition and offset', () => {
    const kafka = (offset: string, reason: string) =>
      deadLetter(0, { file: null, line: null, partition: 2, offset, reason });
    store.commit(batch({ deadLetters: [kafka('10', 'A'), kafka('9', 'B'), kafka('10', 'C')] }));
    expect(exported('dead_letters').map((r) => [r.offset, r.reason])).toEqual([['9', 'B'], ['10', 'A']]);
  });

  it('adds up the data-quality rows of one minute and recomputes the averages from the sums', () => {
    store.commit(batch({ dataQuality: [dataQuality(0)] }));
    store.commit(batch({
      dataQuality: [
        dataQuality(0, { total_records: 5, null_order_id_count: 0, late_records_count: 1, schema_violation_count: 4, duplicate_count: 2, processing_time_sum: 2000, processing_time_count: 1 }),
        dataQuality(0, { source_table: 'logistics_events', processing_time_count: 0, processing_time_sum: 0 }),
      ],
    }));
    const rows = exported('data_quality_metrics');
    expect(rows).toEqual([
      {
        metric_time: new Date(T0).toISOString(), source_table: 'logistics_events', total_records: 10,
        null_order_id_count: 1, late_records_count: 2, schema_violation_count: 1, duplicate_count: 0,
        avg_processing_time: null, error_rate: 0.1,
      },
      {
        metric_time: new Date(T0).toISOString(), source_table: 'order_status_events', total_records: 15,
        null_order_id_count: 1, late_records_count: 3, schema_violation_count: 5, duplicate_count: 2,
        avg_processing_time: 300, error_rate: 5 / 15,
      },
    ]);
  });

  it('upserts order state, streams resident orders and loads an evicted one', () => {
    store.commit(batch({
      orderStates: [
        { order_id: 'O1', state: JSON.stringify({ v: 1 }), resident: true, partition_id: 0 },
        { order_id: 'O2', state: JSON.stringify({ v: 2 }), resident: true, partition_id: 0 },
      ],
    }));
    store.commit(batch({ orderStates: [{ order_id: 'O2', state: JSON.stringify({ v: 3 }), resident: false, partition_id: 0 }] }));
    expect([...store.residentOrders()]).toEqual([{ order_id: 'O1', state: '{"v":1}', resident: true, partition_id: 0 }]);
    expect(store.loadOrder('O2')).toEqual({ v: 3 });
    expect(store.loadOrder('O9')).toBeUndefined();
  });
});
