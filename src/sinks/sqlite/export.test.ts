import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, dataQuality, lifecycle, MIN, seed, stock, T0 } from './fixtures.js';
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
