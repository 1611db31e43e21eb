import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anomaly, batch, dataQuality, lifecycle, MIN, seed, stock, T0 } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let store: SqliteStore;
let dir: string;
beforeEach(() => {
  store = SqliteStore.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'ordertrack-export-'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function lines(table: string): string[] {
  return readFileSync(join(dir, `${table}.ndjson`), 'utf8').split('\n').filter(Boolean);
}
function rows(table: string): Record<string, unknown>[] {
  return lines(table).map((l) => JSON.parse(l) as Record<string, unknown>);
}
const iso = (ms: number) => new Date(ms).toISOString();

describe('SqliteStore.exportNdjson', () => {
  it('writes every output file, empty ones included, into a directory it creates', () => {
    const out = join(dir, 'nested', 'out');
    const counts = store.exportNdjson(out);
    expect(readdirSync(out).sort()).toEqual([
      'abnormal_order_handling.ndjson', 'data_quality_metrics.ndjson', 'dead_letters.ndjson',
      'inventory_update_results.ndjson', 'logistics_dispatch_commands.ndjson', 'logistics_efficiency_monitor.ndjson',
      'order_commands.ndjson', 'order_lifecycle.ndjson', 'order_processing_metrics.ndjson',
      'order_status_notifications.ndjson', 'product_inventory.ndjson',
    ]);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(readFileSync(join(out, 'order_lifecycle.ndjson'), 'utf8')).toBe('');
  });

  it('writes exactly the columns, in schema order, rows in key order, times as ISO-8601 with ms', () => {
    store.commit(batch({
      lifecycle: [lifecycle('O2'), lifecycle('O10', { paid_time: T0 + 1234, pending_payment_duration: 1 }), lifecycle('O1')],
    }));
    const counts = store.exportNdjson(dir);
    expect(counts.order_lifecycle).toBe(3);
    const out = rows('order_lifecycle');
    expect(out.map((r) => r.order_id)).toEqual(['O1', 'O10', 'O2']);
    expect(Object.keys(out[1]!)).toEqual(Object.keys(lifecycle('x')));
    expect(out[1]).toMatchObject({ create_time: '2026-11-20T08:00:00.000Z', paid_time: '2026-11-20T08:00:01.234Z', processing_time: null, pending_payment_duration: 1 });
  });

  it('hides the data-quality sums and keeps the stock file', () => {
    store.seedReference(seed({ product_inventory: [stock('S1', 4, 1)] }), T0);
    store.commit(batch({ dataQuality: [dataQuality(1)] }));
    store.exportNdjson(dir);
    expect(Object.keys(rows('data_quality_metrics')[0]!)).toEqual([
      'metric_time', 'source_table', 'total_records', 'null_order_id_count', 'late_records_count',
      'schema_violation_count', 'duplicate_count', 'avg_processing_time', 'error_rate',
    ]);
    expect(lines('product_inventory')).toEqual([
      `{"product_id":"P-S1","sku_id":"S1","total_stock":5,"available_stock":4,"frozen_stock":1,"locked_stock":0,"update_time":"${iso(T0)}"}`,
    ]);
  });

  it('writes text that needs escaping, non-ASCII text and booleans as JSON', () => {
    const odd = 'quote " back \\ tab \t nl \n ctl \u0001 用户取消 😀';
    store.commit(batch({
      lifecycle: [lifecycle('O1', { cancel_reason: odd })],
      sla: [{
        order_id: 'O1', dispatched_time: null, transit_time: null, delivery_time: null, received_time: T0,
        warehouse_id: null, warehouse_city: null, target_city: 'Zürich', warehouse_processing_minutes: null,
        first_mile_minutes: null, line_haul_minutes: null, last_mile_minutes: null, total_delivery_minutes: 1441,
        delivery_status: 'OVERDUE', promise_met: false, monitoring_time: T0,
      }],
    }));
    store.exportNdjson(dir);
    expect(rows('order_lifecycle')[0]!.cancel_reason).toBe(odd);
    expect(rows('logistics_efficiency_monitor')[0]).toMatchObject({ target_city: 'Zürich', promise_met: false });
  });

  it('writes times before 1970 and of far years as formatTime does', () => {
    const times = [-1, -86_400_001, 0, 253_402_300_799_999, 253_402_300_800_000, T0 + 59 * MIN + 999];
    store.commit(batch({ lifecycle: times.map((t, i) => lifecycle(`O${i}`, { create_time: t })) }));
    store.exportNdjson(dir);
    expect(rows('order_lifecycle').map((r) => r.create_time)).toEqual(times.map(iso));
  });
});

describe('anomaly decisions', () => {
  const at = (m: number) => T0 + m * MIN;
  const decide = (order: string, decision: 'ACK' | 'RESOLVE', m: number, action: string | null = null) =>
    store.recordDecision({ order_id: order, abnormal_type: 'PAYMENT_TIMEOUT', decision, action, note: 'n', operator: 'alice', decided_at: at(m) });

  it('overlays ACK and RESOLVE on the engine rows without changing them', () => {
    store.commit(batch({
      anomalies: [
        anomaly('A'), // acknowledged → PROCESSED
        anomaly('B'), // resolved by the operator
        anomaly('C', { status: 'RESOLVED', resolved_by: 'system', resolved_at: at(5) }), // system first: stays
        anomaly('D', { status: 'RESOLVED', resolved_by: 'system', resolved_at: at(20) }), // operator first: wins
        anomaly('E'), // no decision
      ],
    }));
    decide('A', 'ACK', 1);
    decide('B', 'ACK', 1);
    decide('B', 'RESOLVE', 2, 'CANCEL_ORDER');
    decide('C', 'RESOLVE', 10, 'MANUAL');
    decide('D', 'RESOLVE', 10);
    store.exportNdjson(dir);
    const out = Object.fromEntries(rows('abnormal_order_handling').map((r) => [r.order_id, r]));
    expect(out.A).toMatchObject({ status: 'PROCESSED', resolved_by: null, resolved_at: null, handling_action: 'CANCEL_ORDER' });
    expect(out.B).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', resolved_at: iso(at(2)), handling_action: 'CANCEL_ORDER' });
    expect(out.C).toMatchObject({ status: 'RESOLVED', resolved_by: 'system', resolved_at: iso(at(5)), handling_action: 'CANCEL_ORDER' });
    expect(out.D).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', resolved_at: iso(at(10)), handling_action: 'CANCEL_ORDER' });
    expect(out.E).toMatchObject({ status: 'PENDING', resolved_by: null });
    expect(Object.keys(out.A!)).toEqual(Object.keys(anomaly('x')));

    // A replay rewrites the engine rows; the decisions still apply.
    store.commit(batch({ anomalies: [anomaly('A'), anomaly('C', { handling_action: 'X' })] }));
    store.exportNdjson(dir);
    const again = Object.fromEntries(rows('abnormal_order_handling').map((r) => [r.order_id, r]));
    expect(again.A!.status).toBe('PROCESSED');
    expect(again.C).toMatchObject({ status: 'RESOLVED', resolved_by: 'alice', handling_action: 'MANUAL' });
  });

  it('keeps the first decision of a kind, and writes its command in the same step', () => {
    const cmd = { command: 'CANCEL' as const, order_id: 'A', reason: 'customer asked', operator: 'alice', issued_at: at(3) };
    expect(store.recordDecision(
      { order_id: 'A', abnormal_type: 'STOCK_OUT', decision: 'RESOLVE', action: 'CANCEL_ORDER', note: 'customer asked', operator: 'alice', decided_at: at(3) },
      cmd,
    )).toBe(true);
    expect(store.recordDecision(
      { order_id: 'A', abnormal_type: 'STOCK_OUT', decision: 'RESOLVE', action: 'RESTOCK', note: null, operator: 'bob', decided_at: at(4) },
      { ...cmd, operator: 'bob', issued_at: at(4) },
    )).toBe(false);
    store.commit(batch({ anomalies: [anomaly('A', { abnormal_type: 'STOCK_OUT', handling_action: 'RESTOCK_OR_CANCEL' })] }));
    store.exportNdjson(dir);
    expect(rows('abnormal_order_handling')[0]).toMatchObject({ resolved_by: 'alice', handling_action: 'CANCEL_ORDER' });
    expect(lines('order_commands')).toEqual([
      `{"command":"CANCEL","order_id":"A","reason":"customer asked","operator":"alice","issued_at":"${iso(at(3))}"}`,
    ]);
  });
});
