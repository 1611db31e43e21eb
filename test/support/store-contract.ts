// The store contract (src/sinks/store.ts `AsyncStore`) as one suite, run against every store:
// the embedded SQLite store through its async adapter and the MySQL store on a real MariaDB.
// Each test gets a fresh, empty store from `open` and hands it back to `cleanup`. `tamper` runs
// SQL behind the store's back (written to run on both): the only way to break an invariant the
// store itself never breaks, which the checks must then report.
// `describeStoresAgree` runs one long scenario on every store and compares what they give back,
// the NDJSON export byte for byte.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockRow } from '../../src/engine/ports.js';
import type { MetricRow, NotificationRow, OrderCommandRow, SlaRow } from '../../src/engine/types.js';
import { InternalError } from '../../src/errors.js';
import type { AnomalyDecision } from '../../src/sinks/decision.js';
import {
  anomaly, batch, CHECKS_STOCK, checksBatch, dataQuality, deadLetter, dispatch, lifecycle, MIN, notification, op, seed, stock, T0,
} from '../../src/sinks/sqlite/fixtures.js';
import type { AsyncStore, CommitBatch } from '../../src/sinks/store.js';

export type Tamper = (store: AsyncStore, sql: string) => Promise<void>;

export interface StoreTarget {
  name: string;
  open: () => Promise<AsyncStore>;
  cleanup: (store: AsyncStore) => Promise<void>;
  tamper: Tamper;
}

const iso = (ms: number) => new Date(ms).toISOString();
const at = (m: number) => T0 + m * MIN;

export function sla(id: string, o: Partial<SlaRow> = {}): SlaRow {
  return {
    order_id: id, dispatched_time: at(10), transit_time: at(20), delivery_time: at(30), received_time: at(40),
    warehouse_id: 'W1', warehouse_city: 'C', target_city: 'C', warehouse_processing_minutes: 10, first_mile_minutes: 10,
    line_haul_minutes: 10, last_mile_minutes: 10, total_delivery_minutes: 40, delivery_status: 'ON_TIME', promise_met: true,
    monitoring_time: at(40), ...o,
  };
}

export function metric(window: number, o: Partial<MetricRow> = {}): MetricRow {
  return {
    metric_time: at(5 * window), order_count: 3, paid_count: 2, shipped_count: 1, delivered_count: 0, cancelled_count: 0,
    avg_payment_time: 1 / 3, avg_processing_time: null, avg_delivery_time: 2 / 3, abnormal_count: 1, abnormal_order_rate: 1 / 3, ...o,
  };
}

export function decision(order: string, kind: 'ACK' | 'RESOLVE', m: number, o: Partial<AnomalyDecision> = {}): AnomalyDecision {
  return { order_id: order, abnormal_type: 'PAYMENT_TIMEOUT', decision: kind, action: null, note: 'n', operator: 'alice', decided_at: at(m), ...o };
}

export function cancel(order: string, m: number, operator = 'alice'): OrderCommandRow {
  return { command: 'CANCEL', order_id: order, reason: 'customer asked', operator, issued_at: at(m) };
}

function lines(dir: string, table: string): string[] {
  return readFileSync(join(dir, `${table}.ndjson`), 'utf8').split('\n').filter(Boolean);
}

function parsed(dir: string, table: string): Record<string, unknown>[] {
  return lines(dir, table).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function describeStoreContract(name: string, open: () => Promise<AsyncStore>, cleanup: (store: AsyncStore) => Promise<void>, tamper: Tamper): void {
  describe(`store contract: ${name}`, () => {
    let store: AsyncStore;
    let dir: string;
    beforeEach(async () => {
      store = await open();
      dir = mkdtempSync(join(tmpdir(), 'ordertrack-contract-'));
    });
    afterEach(async () => {
      await cleanup(store);
      rmSync(dir, { recursive: true, force: true });
    });
    const exported = async (table: string) => {
      await store.exportNdjson(dir);
      return parsed(dir, table);
    };
    const stockOf = async (sku: string) => (await store.loadStock([sku])).get(sku);
    const check = async (n: string) => (await store.checks()).find((c) => c.name === n)!;
    const stocked = (...rows: StockRow[]) => store.seedReference(seed({ product_inventory: rows }), T0);

    describe('seedReference', () => {
      it('fills only keys not stored yet, says how many per table, and loads the reference and the stock back', async () => {
        const first = await store.seedReference(seed({
          product_inventory: [stock('S1', 10), stock('S2', 5, 2, 1)],
          product_info: [{ sku_id: 'S1', product_id: 'P1', product_name: '鮮奶 1L', category: 'fresh' }],
          user_address: [{ user_id: 'U1', address_id: 'A1', province: 'P', city: 'C', district: 'D', address: 'Main St 1', is_default: true }],
          logistics_area_info: [{ area_id: 'AR1', province: 'P', city: 'C', district: 'D', warehouse_id: 'W1' }],
          order_processing_rules: [{
            rule_id: 'R1', rule_type: 'TIMEOUT', priority: 10, condition_expr: "category = 'fresh'", action_expr: 'payment_timeout_minutes = 15',
            effective_time: '2026-11-01 00:00:00', expire_time: null, status: 'ACTIVE', create_time: null, update_time: null,
          }],
        }), T0);
        expect(first).toEqual({ product_inventory: 2, product_info: 1, user_address: 1, logistics_area_info: 1, order_processing_rules: 1 });
        const second = await store.seedReference(seed({
          product_inventory: [stock('S1', 99), stock('S3', 1)],
          product_info: [
            { sku_id: 'S1', product_id: 'P1', product_name: 'changed', category: 'digital' },
            { sku_id: 'S3', product_id: null, product_name: null, category: null },
          ],
          user_address: [
            { user_id: 'U1', address_id: 'A1', province: 'X', city: 'X', district: 'X', address: 'X', is_default: false },
            { user_id: 'U1', address_id: 'A2', province: null, city: null, district: null, address: null, is_default: false },
          ],
        }), T0 + MIN);
        expect(second).toEqual({ product_inventory: 1, product_info: 1, user_address: 1, logistics_area_info: 0, order_processing_rules: 0 });
        const got = await store.loadStock(['S1', 'S2', 'S3', 'NOPE']);
        expect([...got.keys()].sort()).toEqual(['S1', 'S2', 'S3']);
        expect(got.get('S1')).toEqual({ ...stock('S1', 10), update_time: T0 });
        expect(got.get('S2')).toEqual({ ...stock('S2', 5, 2, 1), update_time: T0 });
        expect(got.get('S3')).toEqual({ ...stock('S3', 1), update_time: T0 + MIN });
        expect(await store.loadReference()).toEqual({
          product_info: [
            { sku_id: 'S1', product_id: 'P1', product_name: '鮮奶 1L', category: 'fresh' },
            { sku_id: 'S3', product_id: null, product_name: null, category: null },
          ],
          user_address: [
            { user_id: 'U1', address_id: 'A1', province: 'P', city: 'C', district: 'D', address: 'Main St 1', is_default: true },
            { user_id: 'U1', address_id: 'A2', province: null, city: null, district: null, address: null, is_default: false },
          ],
          logistics_area_info: [{ area_id: 'AR1', province: 'P', city: 'C', district: 'D', warehouse_id: 'W1' }],
          // Times as epoch ms, as the engine's rules read them; a row without update_time gets the seed's time.
          order_processing_rules: [{
            rule_id: 'R1', rule_type: 'TIMEOUT', priority: 10, condition_expr: "category = 'fresh'", action_expr: 'payment_timeout_minutes = 15',
            effective_time: Date.UTC(2026, 10, 1), expire_time: null, status: 'ACTIVE', create_time: null, update_time: T0,
          }],
        });
      });

      it('reads CSV-style text values as their columns, and the first row of a key in one seed wins', async () => {
        const text = (r: Record<string, string>) => r as unknown as StockRow;
        await store.seedReference(seed({
          product_inventory: [
            text({ sku_id: 'S4', product_id: 'P4', total_stock: '3', available_stock: '3', frozen_stock: '0', locked_stock: '0', update_time: '2026-11-20 08:00:01' }),
            stock('S4', 50),
          ],
          user_address: [{ user_id: 'U9', address_id: 'A9', is_default: 'true' } as never],
        }), T0);
        expect(await stockOf('S4')).toEqual({ ...stock('S4', 3), product_id: 'P4', update_time: T0 + 1000 });
        expect((await store.loadReference()).user_address).toEqual([
          { user_id: 'U9', address_id: 'A9', province: null, city: null, district: null, address: null, is_default: true },
        ]);
      });

      it('keeps the first seed as the ledger base: moved stock is not reset, and the ledger still reconciles', async () => {
        await stocked(stock('S1', 10));
        await store.commit(batch({ ops: [op('O1', 'S1', 3, 10)] }));
        await store.seedReference(seed({ product_inventory: [stock('S1', 10)] }), T0 + MIN);
        expect(await stockOf('S1')).toMatchObject({ available_stock: 7, frozen_stock: 3 });
        expect((await store.checks()).every((c) => c.ok)).toBe(true);
      });
    });

    describe('commit: the ledger', () => {
      beforeEach(() => stocked(stock('S1', 10), stock('S2', 5)));

      it('applies a SUCCESS op once, records it, and answers for it by order', async () => {
        expect(await store.hasOps()).toBe(false);
        await store.commit(batch({ ops: [op('O1', 'S1', 3, 10)] }));
        expect(await stockOf('S1')).toEqual({ ...stock('S1', 7, 3), update_time: T0 + 1 });
        expect(await store.recordedOps(['O1', 'O9'])).toEqual(new Map([['O1:I1:FREEZE', 'SUCCESS']]));
        expect(await store.hasOps()).toBe(true);
      });

      it('uses an op_id once across commits: a repeated op changes neither its row nor the stock', async () => {
        await store.commit(batch({ ops: [op('O1', 'S1', 3, 10)] }));
        await store.commit(batch({ ops: [op('O1', 'S1', 3, 10, 0, { process_time: T0 + 99 })] }));
        await store.commit(batch({ ops: [op('O1', 'S1', 3, 10), op('O2', 'S1', 2, 7, 3)] }));
        expect(await stockOf('S1')).toMatchObject({ available_stock: 5, frozen_stock: 5, total_stock: 10 });
        const rows = await exported('inventory_update_results');
        expect(rows.map((r) => [r.op_id, r.process_time])).toEqual([['O1:I1:FREEZE', iso(T0 + 1)], ['O2:I1:FREEZE', iso(T0 + 1)]]);
      });

      it('keeps the first of an op_id repeated inside one batch', async () => {
        const failed = op('O3', 'S2', 1, 5, 0, { status: 'FAILED', new_available_stock: 5, new_frozen_stock: 0, message: 'Insufficient stock to freeze' });
        await store.commit(batch({ ops: [op('O3', 'S2', 1, 5), failed] }));
        expect(await stockOf('S2')).toMatchObject({ available_stock: 4, frozen_stock: 1 });
        expect(await store.recordedOps(['O3'])).toEqual(new Map([['O3:I1:FREEZE', 'SUCCESS']]));
      });

      it('records a FAILED op without touching the stock', async () => {
        await store.commit(batch({ ops: [op('O1', 'S2', 9, 5, 0, { status: 'FAILED', new_available_stock: 5, new_frozen_stock: 0, message: 'Insufficient stock to freeze' })] }));
        expect(await store.recordedOps(['O1'])).toEqual(new Map([['O1:I1:FREEZE', 'FAILED']]));
        expect(await stockOf('S2')).toEqual({ ...stock('S2', 5), update_time: T0 });
      });

      it('sums a batch\'s changes per SKU and stamps the latest process_time', async () => {
        await store.commit(batch({
          ops: [
            op('O1', 'S1', 3, 10, 0, { process_time: T0 + 5 }),
            op('O2', 'S1', 7, 7, 3, { process_time: T0 + 3 }),
            op('ADJ', 'S2', -2, 5, 0, { op_id: 'ADJUST:S2:1', order_id: '', op_type: 'ADJUST', new_available_stock: 3, new_frozen_stock: 0 }),
          ],
        }));
        expect(await stockOf('S1')).toEqual({ ...stock('S1', 0, 10), update_time: T0 + 5 });
        expect(await stockOf('S2')).toMatchObject({ available_stock: 3, total_stock: 3 });
        expect(await store.recordedOps([''])).toEqual(new Map([['ADJUST:S2:1', 'SUCCESS']]));
      });

      it('rejects a commit whose stock change would go negative, and writes nothing of it', async () => {
        const bad = batch({
          deadLetters: [deadLetter(1)],
          ops: [op('O1', 'S1', 1, 10), op('O2', 'S2', 6, 5)], // S2 has 5 available
          lifecycle: [lifecycle('O1')],
          notifications: [notification('O1')],
          orderStates: [{ order_id: 'O1', state: '{}', resident: true, partition_id: 0 }],
          dataQuality: [dataQuality(0)],
          readTotals: { order_status_events: 10 },
          checkpoint: { source_id: 'dir', source_pos: '{}', engine: '{}', saved_at: T0 },
        });
        await expect(store.commit(bad)).rejects.toThrow(InternalError);
        expect(await stockOf('S1')).toEqual({ ...stock('S1', 10), update_time: T0 });
        expect(await stockOf('S2')).toEqual({ ...stock('S2', 5), update_time: T0 });
        expect(await store.recordedOps(['O1', 'O2'])).toEqual(new Map());
        expect(await store.readCheckpoint()).toBeUndefined();
        expect(await store.residentOrders()).toEqual([]);
        for (const t of ['dead_letters', 'order_lifecycle', 'order_status_notifications', 'inventory_update_results', 'data_quality_metrics']) {
          expect(await exported(t)).toEqual([]);
        }
        expect(await check('data-quality-totals')).toEqual({ name: 'data-quality-totals', ok: true, detail: '0 records read, all counted' });
        // The store is fine afterwards.
        await store.commit(batch({ ops: [op('O1', 'S1', 1, 10)] }));
        expect(await stockOf('S1')).toMatchObject({ available_stock: 9 });
      });

      it('rejects a SUCCESS op on a SKU the store does not hold', async () => {
        await expect(store.commit(batch({ ops: [op('O1', 'NOPE', 1, 1)] }))).rejects.toThrow(/NOPE/);
        expect(await store.recordedOps(['O1'])).toEqual(new Map());
      });
    });

    describe('commit: rows', () => {
      it('upserts lifecycle, SLA, anomaly, metric and state rows: the last wins', async () => {
        await store.commit(batch({
          lifecycle: [lifecycle('O1'), lifecycle('O1', { current_status: 'PAID', paid_time: T0 + 5000 })],
          sla: [sla('O1')],
          anomalies: [anomaly('O1')],
          metrics: [metric(0)],
        }));
        await store.commit(batch({
          lifecycle: [lifecycle('O1', { current_status: 'SHIPPED', paid_time: T0 + 5000, shipped_time: T0 + 9000 })],
          sla: [sla('O1', { promise_met: null, delivery_status: 'OVERDUE' })],
          anomalies: [anomaly('O1', { status: 'RESOLVED', resolved_by: 'system', resolved_at: at(5) })],
          metrics: [metric(0, { order_count: 7, avg_payment_time: null, abnormal_order_rate: 2 / 7 })],
        }));
        expect(await exported('order_lifecycle')).toEqual([
          { ...lifecycleJson('O1'), current_status: 'SHIPPED', paid_time: iso(T0 + 5000), shipped_time: iso(T0 + 9000) },
        ]);
        expect(await exported('logistics_efficiency_monitor')).toEqual([expect.objectContaining({ promise_met: null, delivery_status: 'OVERDUE' })]);
        expect(await exported('abnormal_order_handling')).toEqual([expect.objectContaining({ status: 'RESOLVED', resolved_by: 'system', resolved_at: iso(at(5)) })]);
        expect(await exported('order_processing_metrics')).toEqual([
          { ...metricJson(0), order_count: 7, avg_payment_time: null, abnormal_order_rate: 2 / 7 },
        ]);
      });

      it('writes dispatches, notifications, dead letters and order commands once: the first wins', async () => {
        const note = (id: string, o: Partial<NotificationRow> = {}) => notification(id, { notification_id: id, ...o });
        await store.commit(batch({
          deadLetters: [deadLetter(4, { reason: 'FIRST' })],
          dispatches: [dispatch('O1')],
          notifications: [note('N1'), note('N1', { message_content: 'same batch' })],
          orderCommands: [cancel('O1', 3)],
        }));
        await store.commit(batch({
          deadLetters: [deadLetter(4, { reason: 'SECOND' }), deadLetter(5)],
          dispatches: [dispatch('O1', { priority: 'HIGH' })],
          notifications: [note('N1', { message_content: 'changed' }), note('n1'), note('N1 ')],
          orderCommands: [cancel('O1', 3, 'bob')],
        }));
        expect((await exported('dead_letters')).map((r) => [r.line, r.reason])).toEqual([[4, 'FIRST'], [5, 'PARSE_ERROR']]);
        expect((await exported('logistics_dispatch_commands')).map((r) => r.priority)).toEqual(['LOW']);
        // Keys compare exactly: case and trailing spaces make other keys, sorted by code point.
        expect((await exported('order_status_notifications')).map((r) => [r.order_id, r.message_content])).toEqual([
          ['N1', 'Order N1 has been paid successfully'], ['N1 ', 'Order N1  has been paid successfully'], ['n1', 'Order n1 has been paid successfully'],
        ]);
        expect((await exported('order_commands')).map((r) => r.operator)).toEqual(['alice']);
      });

      it('keys Kafka dead letters by topic, partition and offset, in offset order', async () => {
        const kafka = (offset: string, reason: string) => deadLetter(0, { file: null, line: null, partition: 2, offset, reason });
        await store.commit(batch({ deadLetters: [kafka('10', 'A'), kafka('9', 'B'), kafka('10', 'C')] }));
        expect((await exported('dead_letters')).map((r) => [r.offset, r.reason])).toEqual([['9', 'B'], ['10', 'A']]);
      });

      it('adds up the data-quality rows of one minute and recomputes the averages from the sums', async () => {
        await store.commit(batch({ dataQuality: [dataQuality(0)] }));
        await store.commit(batch({
          dataQuality: [
            dataQuality(0, { total_records: 5, null_order_id_count: 0, late_records_count: 1, schema_violation_count: 4, duplicate_count: 2, processing_time_sum: 2000, processing_time_count: 1 }),
            dataQuality(0, { source_table: 'logistics_events', processing_time_count: 0, processing_time_sum: 0 }),
          ],
        }));
        expect(await exported('data_quality_metrics')).toEqual([
          {
            metric_time: iso(T0), source_table: 'logistics_events', total_records: 10, null_order_id_count: 1,
            late_records_count: 2, schema_violation_count: 1, duplicate_count: 0, avg_processing_time: null, error_rate: 0.1,
          },
          {
            metric_time: iso(T0), source_table: 'order_status_events', total_records: 15, null_order_id_count: 1,
            late_records_count: 3, schema_violation_count: 5, duplicate_count: 2, avg_processing_time: 300, error_rate: 5 / 15,
          },
        ]);
      });

      it('adds up the records read per topic across commits', async () => {
        await store.commit(batch({ dataQuality: [dataQuality(0)], readTotals: { order_status_events: 3 } }));
        await store.commit(batch({ readTotals: { order_status_events: 2, order_item_events: 1, logistics_events: 0 } }));
        expect(await check('data-quality-totals')).toEqual({
          name: 'data-quality-totals', ok: false,
          detail: '2 topic(s) differ: order_item_events: data quality counts 0, read 1; order_status_events: data quality counts 10, read 5',
        });
        await store.commit(batch({ readTotals: { order_status_events: 5 }, dataQuality: [dataQuality(1, { source_table: 'order_item_events', total_records: 1 })] }));
        expect(await check('data-quality-totals')).toEqual({ name: 'data-quality-totals', ok: true, detail: '11 records read, all counted' });
      });
    });

    describe('keyed state and checkpoint', () => {
      it('replaces the checkpoint, and keeps it through commits without one', async () => {
        expect(await store.readCheckpoint()).toBeUndefined();
        const cp = { source_id: 'dir', source_pos: '{"line":1}', engine: '{"clock":1}', saved_at: T0 };
        await store.commit(batch({ checkpoint: cp }));
        expect(await store.readCheckpoint()).toEqual(cp);
        const next = { source_id: 'dir2', source_pos: '{"line":2}', engine: '{"timers":[]}', saved_at: T0 + 1 };
        await store.commit(batch({ checkpoint: next }));
        await store.commit(batch({ lifecycle: [lifecycle('O1')] }));
        expect(await store.readCheckpoint()).toEqual(next);
      });

      it('upserts order states; lists resident and away orders; loads saved states', async () => {
        await store.commit(batch({
          orderStates: [
            { order_id: 'O1', state: JSON.stringify({ v: 1 }), resident: true, partition_id: 3 },
            { order_id: 'O2', state: JSON.stringify({ v: 2 }), resident: true, partition_id: 0 },
            { order_id: 'O3', state: JSON.stringify({ v: [1, '二'] }), resident: false, partition_id: 0 },
          ],
        }));
        await store.commit(batch({ orderStates: [{ order_id: 'O2', state: JSON.stringify({ v: 3 }), resident: false, partition_id: 0 }] }));
        expect(await store.residentOrders()).toEqual([{ order_id: 'O1', state: '{"v":1}', resident: true, partition_id: 3 }]);
        expect((await store.awayOrderIds()).sort()).toEqual(['O2', 'O3']);
        expect(await store.loadOrders(['O2', 'O3', 'O9'])).toEqual(new Map<string, unknown>([['O2', { v: 3 }], ['O3', { v: [1, '二'] }]]));
      });

      it('resetState forgets keyed state and checkpoint; outputs, ledger, stock and decisions stay', async () => {
        await stocked(stock('S1', 10));
        await store.commit(batch({
          ops: [op('O1', 'S1', 3, 10)],
          lifecycle: [lifecycle('O1')],
          anomalies: [anomaly('O1')],
          orderStates: [{ order_id: 'O1', state: '{}', resident: true, partition_id: 0 }, { order_id: 'O2', state: '{}', resident: false, partition_id: 0 }],
          checkpoint: { source_id: 'dir', source_pos: '{}', engine: '{}', saved_at: T0 },
        }));
        expect(await store.recordDecision(decision('O1', 'ACK', 1))).toBe(true);
        await store.resetState();
        expect(await store.readCheckpoint()).toBeUndefined();
        expect(await store.residentOrders()).toEqual([]);
        expect(await store.awayOrderIds()).toEqual([]);
        expect(await store.loadOrders(['O1', 'O2'])).toEqual(new Map());
        expect(await store.hasOps()).toBe(true);
        expect(await store.recordedOps(['O1'])).toEqual(new Map([['O1:I1:FREEZE', 'SUCCESS']]));
        expect(await stockOf('S1')).toMatchObject({ available_stock: 7, frozen_stock: 3 });
        expect((await exported('order_lifecycle')).map((r) => r.order_id)).toEqual(['O1']);
        expect((await exported('abnormal_order_handling'))[0]).toMatchObject({ status: 'PROCESSED' });
        // A replay rewrites the engine's row; the decision still applies.
        await store.commit(batch({ anomalies: [anomaly('O1')] }));
        expect((await exported('abnormal_order_handling'))[0]).toMatchObject({ status: 'PROCESSED' });
      });
    });

    describe('operator decisions', () => {
      it('overlays ACK and RESOLVE on the engine rows in the export, without changing them', async () => {
        await store.commit(batch({
          anomalies: [
            anomaly('A'), // acknowledged → PROCESSED
            anomaly('B'), // resolved by the operator
            anomaly('C', { status: 'RESOLVED', resolved_by: 'system', resolved_at: at(5) }), // system first: stays
            anomaly('D', { status: 'RESOLVED', resolved_by: 'system', resolved_at: at(20) }), // operator first: wins
            anomaly('E'), // no decision
          ],
        }));
        await store.recordDecision(decision('A', 'ACK', 1));
        await store.recordDecision(decision('B', 'ACK', 1));
        await store.recordDecision(decision('B', 'RESOLVE', 2, { action: 'CANCEL_ORDER' }));
        await store.recordDecision(decision('C', 'RESOLVE', 10, { action: 'MANUAL' }));
        await store.recordDecision(decision('D', 'RESOLVE', 10));
        const out = Object.fromEntries((await exported('abnormal_order_handling')).map((r) => [r.order_id, r]));
        expect(out.A).toMatchObject({ status: 'PROCESSED', resolved_by: null, resolved_at: null, handling_action: 'CANCEL_ORDER' });
        expect(out.B).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', resolved_at: iso(at(2)), handling_action: 'CANCEL_ORDER' });
        expect(out.C).toMatchObject({ status: 'RESOLVED', resolved_by: 'system', resolved_at: iso(at(5)), handling_action: 'CANCEL_ORDER' });
        expect(out.D).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', resolved_at: iso(at(10)), handling_action: 'CANCEL_ORDER' });
        expect(out.E).toMatchObject({ status: 'PENDING', resolved_by: null });
        expect(Object.keys(out.A!)).toEqual(Object.keys(anomaly('x')));
        await store.commit(batch({ anomalies: [anomaly('A'), anomaly('C', { handling_action: 'X' })] }));
        const again = Object.fromEntries((await exported('abnormal_order_handling')).map((r) => [r.order_id, r]));
        expect(again.A!.status).toBe('PROCESSED');
        expect(again.C).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', handling_action: 'MANUAL' });
      });

      it('keeps the first decision of a kind, and writes its CANCEL command in the same step', async () => {
        const resolve = (operator: string, m: number, action: string) =>
          decision('A', 'RESOLVE', m, { abnormal_type: 'STOCK_OUT', action, operator });
        expect(await store.recordDecision(resolve('alice', 3, 'CANCEL_ORDER'), cancel('A', 3))).toBe(true);
        expect(await store.recordDecision(resolve('bob', 4, 'RESTOCK'), cancel('A', 4, 'bob'))).toBe(false);
        expect(await store.recordDecision(decision('A', 'ACK', 5, { abnormal_type: 'STOCK_OUT', operator: 'bob' }))).toBe(true);
        await store.commit(batch({ anomalies: [anomaly('A', { abnormal_type: 'STOCK_OUT', handling_action: 'RESTOCK_OR_CANCEL' })] }));
        await store.exportNdjson(dir);
        expect(parsed(dir, 'abnormal_order_handling')[0]).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', handling_action: 'CANCEL_ORDER' });
        expect(lines(dir, 'order_commands')).toEqual([
          `{"command":"CANCEL","order_id":"A","reason":"customer asked","operator":"alice","issued_at":"${iso(at(3))}"}`,
        ]);
      });
    });

    describe('exportNdjson and hasRows', () => {
      it('writes every output file, empty ones included, and skips those asked', async () => {
        expect(await store.hasRows(['order_lifecycle', 'dead_letters'])).toBe(false);
        await store.commit(batch({ lifecycle: [lifecycle('O2'), lifecycle('O10'), lifecycle('O1')] }));
        expect(await store.hasRows(['dead_letters', 'order_lifecycle'])).toBe(true);
        const out = join(dir, 'nested', 'out');
        const counts = await store.exportNdjson(out, ['order_commands']);
        expect(readdirSync(out).sort()).toEqual([
          'abnormal_order_handling.ndjson', 'data_quality_metrics.ndjson', 'dead_letters.ndjson',
          'inventory_update_results.ndjson', 'logistics_dispatch_commands.ndjson', 'logistics_efficiency_monitor.ndjson',
          'order_lifecycle.ndjson', 'order_processing_metrics.ndjson', 'order_status_notifications.ndjson', 'product_inventory.ndjson',
        ]);
        expect(counts.order_lifecycle).toBe(3);
        expect(counts.order_commands).toBeUndefined();
        expect(parsed(out, 'order_lifecycle').map((r) => r.order_id)).toEqual(['O1', 'O10', 'O2']);
        expect(readFileSync(join(out, 'dead_letters.ndjson'), 'utf8')).toBe('');
      });

      it('hides the data-quality sums and writes the stock file', async () => {
        await store.seedReference(seed({ product_inventory: [stock('S1', 4, 1)] }), T0);
        await store.commit(batch({ dataQuality: [dataQuality(1)] }));
        await store.exportNdjson(dir);
        expect(Object.keys(parsed(dir, 'data_quality_metrics')[0]!)).toEqual([
          'metric_time', 'source_table', 'total_records', 'null_order_id_count', 'late_records_count',
          'schema_violation_count', 'duplicate_count', 'avg_processing_time', 'error_rate',
        ]);
        expect(lines(dir, 'product_inventory')).toEqual([
          `{"product_id":"P-S1","sku_id":"S1","total_stock":5,"available_stock":4,"frozen_stock":1,"locked_stock":0,"update_time":"${iso(T0)}"}`,
        ]);
      });
    });

    describe('checks', () => {
      beforeEach(async () => {
        await stocked(...CHECKS_STOCK);
        await store.commit(checksBatch());
      });

      it('pass on a consistent store', async () => {
        expect(await store.checks()).toEqual([
          { name: 'stock-invariant', ok: true, detail: '2 SKUs hold' },
          { name: 'op-once', ok: true, detail: '3 ops, each once; stock reconciles with the ledger' },
          { name: 'data-quality-totals', ok: true, detail: '14 records read, all counted' },
        ]);
      });

      it('stock-invariant names a seeded SKU whose total is off', async () => {
        await store.seedReference(seed({ product_inventory: [{ ...stock('S9', 1), total_stock: 3 }] }), T0);
        expect(await check('stock-invariant')).toEqual({
          name: 'stock-invariant', ok: false, detail: '1 SKU(s) break total = available + frozen + locked ≥ 0: S9',
        });
      });

      it('op-once catches an op applied twice, and a lost one', async () => {
        await tamper(store, "UPDATE product_inventory SET available_stock = available_stock - 3, frozen_stock = frozen_stock + 3 WHERE sku_id = 'S1'");
        expect((await check('stock-invariant')).ok).toBe(true);
        expect(await check('op-once')).toEqual({
          name: 'op-once', ok: false, detail: '1 ledger mismatch(es): SKU S1: available 2, expected 5, frozen 6, expected 3',
        });
        await tamper(store, "DELETE FROM inventory_update_results WHERE op_id = 'O1:I1:FREEZE'");
        expect((await check('op-once')).detail).toBe('1 ledger mismatch(es): SKU S1: available 2, expected 8, frozen 6, expected 0');
      });
    });
  });
}

function lifecycleJson(id: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lifecycle(id)).map(([k, v]) => [k, k.endsWith('_time') || k === 'last_updated' ? (v === null ? null : iso(v as number)) : v]));
}

function metricJson(window: number): Record<string, unknown> {
  const m = metric(window);
  return { ...m, metric_time: iso(m.metric_time) };
}

/**
 * One long scenario on every store: reads, checks and the NDJSON export must agree, the export
 * byte for byte (text that needs escaping, non-ASCII and astral keys, times before 1970 and in
 * year 9999, doubles, booleans, nulls, negative stock changes, decisions, a refused commit).
 */
export function describeStoresAgree(targets: readonly StoreTarget[]): void {
  describe(`stores agree: ${targets.map((t) => t.name).join(' = ')}`, () => {
    it('give back the same reads, checks and export files for the same calls', async () => {
      const results = [];
      for (const target of targets) {
        const store = await target.open();
        const dir = mkdtempSync(join(tmpdir(), 'ordertrack-agree-'));
        try {
          await scenario(store);
          const counts = await store.exportNdjson(dir);
          const files = Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
          results.push({
            name: target.name,
            counts,
            files,
            checks: await store.checks(),
            reference: await store.loadReference(),
            stock: await store.loadStock(SKUS),
            ops: await store.recordedOps(['O1', 'O2', 'O3', 'Ö4', '']),
            resident: await store.residentOrders(),
            away: (await store.awayOrderIds()).sort(),
            orders: await store.loadOrders(['O1', 'O2', 'O9']),
            checkpoint: await store.readCheckpoint(),
            hasOps: await store.hasOps(),
          });
        } finally {
          await target.cleanup(store);
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const [first, ...rest] = results;
      expect(Object.values(first!.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(30);
      expect(first!.checks.map((c) => c.ok)).toEqual([true, true, true]);
      for (const other of rest) {
        expect(Object.keys(other.files)).toEqual(Object.keys(first!.files));
        for (const f of Object.keys(first!.files)) {
          expect({ file: f, text: other.files[f]!.toString('utf8') }).toEqual({ file: f, text: first!.files[f]!.toString('utf8') });
          expect(other.files[f]!.equals(first!.files[f]!)).toBe(true);
        }
        const { name: _a, files: _b, ...mine } = other;
        const { name: _c, files: _d, ...theirs } = first!;
        expect(mine).toEqual(theirs);
      }
    });
  });
}

const SKUS = ['S1', 'S2', 'S1 ', 's1', 'SKU-ü', 'Ａ1', '😀', 'NOPE'];
const ODD = 'quote " back \\ tab \t nl \n ctl \u0001 用户取消 😀 Zürich';
const TIMES = [-1, -86_400_001, 0, Date.UTC(9999, 11, 31, 23, 59, 59, 999), T0 + 59 * MIN + 999];

async function scenario(store: AsyncStore): Promise<void> {
  await store.seedReference(seed({
    product_inventory: [stock('S1', 10), stock('S2', 5, 2, 1), stock('S1 ', 1), stock('s1', 2), stock('SKU-ü', 3), stock('Ａ1', 4), stock('😀', 5)],
    product_info: [
      { sku_id: 'S1', product_id: 'P1', product_name: '鮮奶 1L', category: 'fresh' },
      { sku_id: '😀', product_id: null, product_name: ODD, category: 'digital' },
    ],
    user_address: [
      { user_id: 'U1', address_id: '10', province: '廣東', city: '深圳', district: '南山', address: ODD, is_default: true },
      { user_id: 'U1', address_id: '9', province: null, city: null, district: null, address: null, is_default: false },
    ],
    logistics_area_info: [{ area_id: 'AR1', province: '廣東', city: '深圳', district: '南山', warehouse_id: 'W1' }],
    order_processing_rules: [
      { rule_id: 'R1', rule_type: 'TIMEOUT', priority: 2, condition_expr: "category = 'fresh'", action_expr: 'payment_timeout_minutes = 15', effective_time: T0, expire_time: null, status: 'ACTIVE', create_time: T0, update_time: null },
    ],
  }), T0);
  const commits: CommitBatch[] = [
    batch({
      deadLetters: [
        deadLetter(7, { payload: ODD }),
        deadLetter(0, { file: null, line: null, source_topic: 'order_item_events', partition: 0, offset: '9007199254740993', reason: 'BAD_VALUE:quantity', payload: '{"quantity":-1}' }),
        deadLetter(3, { file: 'dir/ö.ndjson', reason: 'MISSING_FIELD:order_id' }),
      ],
      ops: [
        op('O1', 'S1', 3, 10),
        op('O2', 'S1', 2, 7, 3, { op_id: 'O2:I1:DECREASE', op_type: 'DECREASE', new_available_stock: 5, new_frozen_stock: 3 }),
        op('O3', 'S2', 9, 5, 2, { status: 'FAILED', new_available_stock: 5, new_frozen_stock: 2, message: ODD }),
        op('Ö4', '😀', 5, 5, 0, { process_time: TIMES[3] }),
        op('', 'Ａ1', -4, 4, 0, { op_id: 'ADJUST:Ａ1:1', op_type: 'ADJUST', new_available_stock: 0, new_frozen_stock: 0 }),
      ],
      dispatches: [dispatch('O1', { target_address: ODD, warehouse_id: null, status: 'FAILED' }), dispatch('O2', { required_delivery_time: TIMES[0]! })],
      notifications: [notification('O1'), notification('O1 ', { prev_status: null, message_content: ODD })],
      metrics: [metric(0), metric(1, { avg_payment_time: 0.1 + 0.2, abnormal_order_rate: null }), metric(-1000)],
      dataQuality: [dataQuality(0), dataQuality(1, { source_table: 'order_item_events', total_records: 3, processing_time_sum: 10, processing_time_count: 3 })],
      lifecycle: TIMES.map((t, i) => lifecycle(`L${i}`, { create_time: t, cancel_reason: i === 1 ? ODD : null, overall_duration: i === 2 ? null : -i })),
      sla: [sla('O1'), sla('O2', { promise_met: false, warehouse_city: ODD }), sla('O3', { promise_met: null, dispatched_time: null })],
      anomalies: [anomaly('A'), anomaly('B'), anomaly('C', { status: 'RESOLVED', resolved_by: 'system', resolved_at: at(5) }), anomaly('A', { abnormal_type: 'STOCK_OUT' })],
      orderCommands: [cancel('O1', 1)],
      orderStates: [
        { order_id: 'O1', state: JSON.stringify({ v: 1, s: ODD }), resident: true, partition_id: 0 },
        { order_id: 'O2', state: '{"v":2}', resident: false, partition_id: 0 },
      ],
      readTotals: { order_status_events: 10, order_item_events: 1 },
      checkpoint: { source_id: 'dir', source_pos: '{"line":1}', engine: JSON.stringify({ s: ODD }), saved_at: T0 },
    }),
    batch({
      ops: [op('O1', 'S1', 3, 10), op('O5', 'S2', 1, 5, 2, { process_time: T0 + 7 })],
      dataQuality: [dataQuality(0, { total_records: 7, schema_violation_count: 3, processing_time_sum: 7, processing_time_count: 7 })],
      lifecycle: [lifecycle('L1', { current_status: 'PAID', paid_time: T0 })],
      anomalies: [anomaly('B', { handling_action: 'X', overtime_minutes: 9 })],
      notifications: [notification('O1', { message_content: 'ignored' })],
      orderStates: [{ order_id: 'O1', state: '{"v":3}', resident: false, partition_id: 0 }, { order_id: 'O3', state: '{"v":4}', resident: true, partition_id: 0 }],
      readTotals: { order_status_events: 7, order_item_events: 2 },
      checkpoint: { source_id: 'dir', source_pos: '{"line":2}', engine: '{}', saved_at: T0 + 1 },
    }),
  ];
  for (const b of commits) await store.commit(b);
  await expect(store.commit(batch({ ops: [op('O6', 'S2', 99, 4, 3)], lifecycle: [lifecycle('NEVER')] }))).rejects.toThrow(InternalError);
  await store.recordDecision(decision('A', 'ACK', 1));
  await store.recordDecision(decision('B', 'RESOLVE', 2, { action: 'CANCEL_ORDER', note: ODD }), cancel('B', 2));
  await store.recordDecision(decision('C', 'RESOLVE', 10, { action: 'MANUAL' }));
  await store.recordDecision(decision('B', 'RESOLVE', 3, { operator: 'bob' }), cancel('B', 3, 'bob'));
  await store.recordDecision(decision('A', 'RESOLVE', 4, { abnormal_type: 'STOCK_OUT', action: 'RESTOCK' }));
}
