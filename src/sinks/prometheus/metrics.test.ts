import { afterEach, describe, expect, it } from 'vitest';
import { metricRow, parseExposition, scrape, series, stats } from './fixtures.js';
import { EngineMetrics, serveMetrics, type MetricsServer } from './metrics.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0);
const servers: MetricsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Serves `m` on a free port and returns its current metrics, parsed. */
async function serve(m: EngineMetrics): Promise<() => Promise<Map<string, number>>> {
  const server = await serveMetrics(m, 0);
  servers.push(server);
  return async () => {
    const res = await scrape(server.port);
    expect(res.status).toBe(200);
    return parseExposition(res.text);
  };
}

describe('EngineMetrics over /metrics', () => {
  it('shows every metric with its labels and values after updates', async () => {
    const m = new EngineMetrics({ clock: () => T0 + 90_000 });
    const read = await serve(m);
    m.update(
      stats({
        read: { order_status_events: 7, order_item_events: 3, logistics_events: 1 },
        deadLetters: { PARSE_ERROR: 2, 'MISSING_FIELD:order_id': 1 },
        ops: { 'FREEZE:SUCCESS': 4, 'DECREASE:FAILED': 1 },
        anomalies: { STOCK_OUT: 2 },
        created: 5,
        reached: [5, 3, 2, 1, 0, 1, 0, 0],
        windowsEmitted: 2,
        duplicates: 1,
        late: 3,
      }),
      { orders: 12, timers: 9, clock: T0 },
    );
    m.windowClosed(metricRow({ metric_time: T0 - 300_000 }));
    m.checkpoint(40, T0 + 30_000);
    m.lag('order_status_events', 2, 17);
    m.openAnomalies([
      { type: 'STOCK_OUT', status: 'PENDING', count: 2 },
      { type: 'PAYMENT_TIMEOUT', status: 'PROCESSED', count: 1 },
    ]);
    m.backpressure(3);
    const v = await read();
    const at = (name: string, labels?: Record<string, string>): number | undefined => v.get(series(name, labels));

    expect(at('ordertrack_records_total', { topic: 'order_status_events' })).toBe(7);
    expect(at('ordertrack_records_total', { topic: 'order_item_events' })).toBe(3);
    expect(at('ordertrack_records_total', { topic: 'logistics_events' })).toBe(1);
    expect(at('ordertrack_consumer_lag', { topic: 'order_status_events', partition: '2' })).toBe(17);
    expect(at('ordertrack_dead_letters_total', { reason: 'PARSE_ERROR' })).toBe(2);
    expect(at('ordertrack_dead_letters_total', { reason: 'MISSING_FIELD:order_id' })).toBe(1);
    expect(at('ordertrack_inventory_ops_total', { type: 'FREEZE', status: 'SUCCESS' })).toBe(4);
    expect(at('ordertrack_inventory_ops_total', { type: 'DECREASE', status: 'FAILED' })).toBe(1);
    expect(at('ordertrack_anomalies_total', { type: 'STOCK_OUT' })).toBe(2);
    expect(at('ordertrack_anomalies_open', { type: 'STOCK_OUT', status: 'PENDING' })).toBe(2);
    expect(at('ordertrack_anomalies_open', { type: 'PAYMENT_TIMEOUT', status: 'PROCESSED' })).toBe(1);
    expect(at('ordertrack_orders_created_total')).toBe(5);
    expect(at('ordertrack_orders_reached_total', { status: 'PENDING_PAYMENT' })).toBe(5);
    expect(at('ordertrack_orders_reached_total', { status: 'PAID' })).toBe(3);
    expect(at('ordertrack_orders_reached_total', { status: 'CANCELLED' })).toBe(1);
    expect(at('ordertrack_orders_reached_total', { status: 'EXPIRED' })).toBe(0);
    expect(at('ordertrack_windows_emitted_total')).toBe(2);
    expect(at('ordertrack_duplicate_events_total')).toBe(1);
    expect(at('ordertrack_late_events_total')).toBe(3);
    expect(at('ordertrack_backpressure_pauses_total')).toBe(3);
    expect(at('ordertrack_orders_in_memory')).toBe(12);
    expect(at('ordertrack_timers')).toBe(9);
    expect(at('ordertrack_watermark_seconds')).toBe(T0 / 1000);

    expect(at('ordertrack_window_start_seconds')).toBe((T0 - 300_000) / 1000);
    expect(at('ordertrack_window_order_count')).toBe(10);
    expect(at('ordertrack_window_paid_count')).toBe(6);
    expect(at('ordertrack_window_shipped_count')).toBe(3);
    expect(at('ordertrack_window_delivered_count')).toBe(2);
    expect(at('ordertrack_window_cancelled_count')).toBe(1);
    expect(at('ordertrack_window_abnormal_count')).toBe(4);
    expect(at('ordertrack_window_abnormal_order_rate')).toBe(0.4);
    expect(at('ordertrack_window_avg_payment_seconds')).toBe(95.5);
    expect(at('ordertrack_window_avg_processing_seconds')).toBe(600);
    expect(at('ordertrack_window_avg_delivery_seconds')).toBeNaN(); // null: no delivered order

    expect(at('ordertrack_checkpoint_duration_seconds_count')).toBe(1);
    expect(at('ordertrack_checkpoint_duration_seconds_sum')).toBe(0.04);
    expect(at('ordertrack_checkpoint_duration_seconds_bucket', { le: '0.05' })).toBe(1);
    expect(at('ordertrack_checkpoint_duration_seconds_bucket', { le: '0.025' })).toBe(0);
    expect(at('ordertrack_checkpoint_age_seconds')).toBe(60);
  });

  it('shows unknowns as NaN, not 0, before the first window, event and checkpoint', async () => {
    const v = await (await serve(new EngineMetrics({ clock: () => T0 })))();
    expect(v.get('ordertrack_watermark_seconds')).toBeNaN();
    expect(v.get('ordertrack_window_start_seconds')).toBeNaN();
    expect(v.get('ordertrack_window_order_count')).toBeNaN();
    expect(v.get('ordertrack_checkpoint_age_seconds')).toBeNaN();
    // Known label sets are there from the start, at 0.
    expect(v.get(series('ordertrack_records_total', { topic: 'logistics_events' }))).toBe(0);
    expect(v.get(series('ordertrack_orders_reached_total', { status: 'DELIVERED' }))).toBe(0);
  });

  it('adds only the difference between two updates', async () => {
    const m = new EngineMetrics();
    const read = await serve(m);
    const g = { orders: 0, timers: 0, clock: null };
    m.update(stats({ read: { order_status_events: 10, order_item_events: 0, logistics_events: 0 }, deadLetters: { PARSE_ERROR: 1 }, created: 4 }), g);
    m.update(stats({ read: { order_status_events: 25, order_item_events: 2, logistics_events: 0 }, deadLetters: { PARSE_ERROR: 1, NOT_OBJECT: 2 }, created: 9 }), g);
    m.update(stats({ read: { order_status_events: 25, order_item_events: 2, logistics_events: 0 }, deadLetters: { PARSE_ERROR: 1, NOT_OBJECT: 2 }, created: 9 }), g);
    m.backpressure(2);
    m.backpressure(5);
    const v = await read();
    expect(v.get(series('ordertrack_records_total', { topic: 'order_status_events' }))).toBe(25);
    expect(v.get(series('ordertrack_records_total', { topic: 'order_item_events' }))).toBe(2);
    expect(v.get(series('ordertrack_dead_letters_total', { reason: 'PARSE_ERROR' }))).toBe(1);
    expect(v.get(series('ordertrack_dead_letters_total', { reason: 'NOT_OBJECT' }))).toBe(2);
    expect(v.get('ordertrack_orders_created_total')).toBe(9);
    expect(v.get('ordertrack_backpressure_pauses_total')).toBe(5);
  });

  it('never lets counters go down when the stats restart (a fresh engine after a replay)', async () => {
    const m = new EngineMetrics();
    const read = await serve(m);
    const g = { orders: 0, timers: 0, clock: null };
    m.update(stats({ read: { order_status_events: 100, order_item_events: 5, logistics_events: 0 }, anomalies: { STOCK_OUT: 3 } }), g);
    // The fresh engine has fewer status records, but already more item records than before:
    // both are counted from zero, since the whole snapshot is new.
    m.update(stats({ read: { order_status_events: 4, order_item_events: 6, logistics_events: 0 } }), g);
    let v = await read();
    expect(v.get(series('ordertrack_records_total', { topic: 'order_status_events' }))).toBe(104);
    expect(v.get(series('ordertrack_records_total', { topic: 'order_item_events' }))).toBe(11);
    expect(v.get(series('ordertrack_anomalies_total', { type: 'STOCK_OUT' }))).toBe(3);
    // From there on, differences again.
    m.update(stats({ read: { order_status_events: 10, order_item_events: 6, logistics_events: 0 }, anomalies: { STOCK_OUT: 1 } }), g);
    v = await read();
    expect(v.get(series('ordertrack_records_total', { topic: 'order_status_events' }))).toBe(110);
    expect(v.get(series('ordertrack_anomalies_total', { type: 'STOCK_OUT' }))).toBe(4);
  });

  it('counts everything from zero after rebase(), even figures that grew past the old ones', async () => {
    const m = new EngineMetrics();
    const read = await serve(m);
    const g = { orders: 0, timers: 0, clock: null };
    m.update(stats({ created: 3 }), g);
    m.rebase();
    m.update(stats({ created: 5 }), g);
    expect((await read()).get('ordertrack_orders_created_total')).toBe(8);
  });

  it('computes the checkpoint age at scrape time from the injected clock', async () => {
    let now = T0;
    const m = new EngineMetrics({ clock: () => now });
    const read = await serve(m);
    m.checkpoint(5, T0);
    expect((await read()).get('ordertrack_checkpoint_age_seconds')).toBe(0);
    now = T0 + 12_500;
    expect((await read()).get('ordertrack_checkpoint_age_seconds')).toBe(12.5);
    m.checkpoint(5, T0 + 12_000);
    expect((await read()).get('ordertrack_checkpoint_age_seconds')).toBe(0.5);
  });

  it('drops open-anomaly series missing from the latest query to 0', async () => {
    const m = new EngineMetrics();
    const read = await serve(m);
    m.openAnomalies([{ type: 'STOCK_OUT', status: 'PENDING', count: 4 }]);
    m.openAnomalies([{ type: 'STOCK_OUT', status: 'PROCESSED', count: 4 }]);
    const v = await read();
    expect(v.get(series('ordertrack_anomalies_open', { type: 'STOCK_OUT', status: 'PENDING' }))).toBe(0);
    expect(v.get(series('ordertrack_anomalies_open', { type: 'STOCK_OUT', status: 'PROCESSED' }))).toBe(4);
  });

  it('keeps two instances in one process apart', async () => {
    const a = new EngineMetrics();
    const b = new EngineMetrics();
    const [readA, readB] = [await serve(a), await serve(b)];
    a.update(stats({ created: 1 }), { orders: 1, timers: 0, clock: null });
    b.update(stats({ created: 7 }), { orders: 2, timers: 0, clock: null });
    expect((await readA()).get('ordertrack_orders_created_total')).toBe(1);
    expect((await readB()).get('ordertrack_orders_created_total')).toBe(7);
    expect((await readB()).get('ordertrack_orders_in_memory')).toBe(2);
  });
});
