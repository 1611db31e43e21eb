// Test doubles for the console (excluded from the build): a realistic snapshot of a busy run,
// a ConsoleHandle that records every action call and answers with canned results, and a
// render helper around ink-testing-library that can size the terminal and press keys.
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from './app.js';
import type {
  ActionResult,
  AnomalyView,
  ConsoleActions,
  ConsoleHandle,
  ConsoleSnapshot,
  ReplayPlan,
  TimelineEntry,
} from './model.js';

/** The wall clock every fixture is built against (2026-11-20T08:30:00Z). */
export const NOW = Date.UTC(2026, 10, 20, 8, 30, 0);

function anomaly(p: Partial<AnomalyView> & Pick<AnomalyView, 'order_id' | 'abnormal_type'>): AnomalyView {
  return {
    user_id: 'u-100',
    overtime_minutes: 0,
    user_abnormal_count: 1,
    detection_time: NOW - 600_000,
    handler: 'order_support',
    handling_action: 'NO_ACTION',
    status: 'PENDING',
    notes: 'Auto-generated handling instruction',
    resolved_by: null,
    resolved_at: null,
    ...p,
  };
}

/** records/s: a steady wave ending on 1,234 (the figure the Overview shows as "now"). */
const recordsPerSec = Array.from({ length: 120 }, (_, i) => (i === 119 ? 1234 : Math.round(900 + 250 * Math.sin(i / 7))));
const perMinute = (base: number): number[] => Array.from({ length: 30 }, (_, i) => Math.round(base + (base / 4) * Math.sin(i / 3)));

export function makeSnapshot(now = NOW): ConsoleSnapshot {
  return {
    read_at: now - 500,
    run: { source: 'simulator', store: 'out/store-day', heartbeat_at: now - 1000, live: true, stopped: false, speed: 10 },
    overview: {
      records_per_sec: recordsPerSec,
      per_minute: { created: perMinute(120), paid: perMinute(96), shipped: perMinute(80), delivered: [...perMinute(70).slice(0, 29), 77] },
      funnel: [
        { status: 'PENDING_PAYMENT', count: 412 },
        { status: 'PAID', count: 1530 },
        { status: 'PROCESSING', count: 880 },
        { status: 'SHIPPED', count: 2204 },
        { status: 'DELIVERED', count: 9876 },
        { status: 'CANCELLED', count: 321 },
        { status: 'EXPIRED', count: 57 },
        { status: 'REFUNDED', count: 44 },
      ],
      watermark: now - 2300,
      watermark_lag_ms: 2300,
      checkpoint_at: now - 12_000,
      records_total: 1_234_567,
      dead_letters_total: 42,
      dead_letter_rate: 0.5,
      updated_at: now - 2000,
    },
    anomalies: {
      rows: [
        anomaly({ order_id: 'ORD-1001', abnormal_type: 'STOCK_OUT', user_id: 'u-17', handler: 'inventory_support', handling_action: 'RESTOCK_OR_CANCEL', detection_time: now - 300_000 }),
        anomaly({ order_id: 'ORD-1002', abnormal_type: 'PAYMENT_TIMEOUT', user_id: 'u-23', overtime_minutes: 45, handling_action: 'CANCEL_ORDER', detection_time: now - 240_000 }),
        anomaly({ order_id: 'ORD-1003', abnormal_type: 'DELIVERY_TIMEOUT', user_id: 'u-31', overtime_minutes: 250, handler: 'logistics_support', handling_action: 'CHECK_LOGISTICS', status: 'PROCESSED', detection_time: now - 900_000 }),
        anomaly({ order_id: 'ORD-1004', abnormal_type: 'PROCESSING_TIMEOUT', user_id: 'u-44', overtime_minutes: 90, user_abnormal_count: 7, handler: 'vip_customer_service', handling_action: 'ESCALATE_PROCESSING', notes: 'High-risk customer, manual review required', detection_time: now - 120_000 }),
        anomaly({ order_id: 'ORD-1005', abnormal_type: 'MISSING_ITEMS', user_id: 'u-52', overtime_minutes: 12, handling_action: 'CHECK_ORDER_DATA', status: 'RESOLVED', resolved_by: 'system', resolved_at: now - 60_000, detection_time: now - 1_200_000 }),
        anomaly({ order_id: 'ORD-1006', abnormal_type: 'DISPATCH_UNROUTABLE', user_id: 'u-60', handling_action: 'FIX_ROUTING', detection_time: now - 30_000 }),
      ],
      open: 4,
      updated_at: now - 3000,
    },
    stock: {
      skus: [
        { sku_id: 'SKU-C300', product_name: 'Green tea 250g', available: 120, frozen: 14, locked: 0, total: 134, failed_ops: 0 },
        { sku_id: 'SKU-A100', product_name: 'Espresso beans 1kg', available: 0, frozen: 4, locked: 0, total: 4, failed_ops: 3 },
        { sku_id: 'SKU-D400', product_name: 'Oat milk 1L', available: 45, frozen: 5, locked: 0, total: 50, failed_ops: 0 },
        { sku_id: 'SKU-B200', product_name: 'Pour-over kettle', available: 7, frozen: 2, locked: 1, total: 10, failed_ops: 0 },
        { sku_id: 'SKU-E500', product_name: null, available: 3, frozen: 0, locked: 0, total: 3, failed_ops: 1 },
      ],
      recent_ops: [
        { op_id: 'ORD-1001:1:FREEZE', order_id: 'ORD-1001', sku_id: 'SKU-A100', op_type: 'FREEZE', quantity: 2, status: 'FAILED', message: 'Insufficient stock to freeze', process_time: now - 300_000 },
        { op_id: 'ORD-0990:1:DECREASE', order_id: 'ORD-0990', sku_id: 'SKU-C300', op_type: 'DECREASE', quantity: 1, status: 'SUCCESS', message: null, process_time: now - 200_000 },
        { op_id: 'ORD-0991:2:UNFREEZE', order_id: 'ORD-0991', sku_id: 'SKU-D400', op_type: 'UNFREEZE', quantity: 3, status: 'SUCCESS', message: null, process_time: now - 100_000 },
      ],
      failed_ops: 6,
      updated_at: now - 4000,
    },
    sla: {
      windows: Array.from({ length: 12 }, (_, i) => ({ start: now - (12 - i) * 300_000, on_time: 40 + (i % 4) * 5, at_risk: 4 + (i % 3), overdue: i % 5 === 0 ? 3 : 1 })),
      warehouses: [
        { warehouse_id: 'WH-SH', warehouse_city: 'Shanghai', on_time: 812, at_risk: 41, overdue: 9, avg_total_minutes: 655 },
        { warehouse_id: 'WH-BJ', warehouse_city: 'Beijing', on_time: 640, at_risk: 77, overdue: 23, avg_total_minutes: 803.4 },
        { warehouse_id: 'WH-GZ', warehouse_city: null, on_time: 0, at_risk: 0, overdue: 0, avg_total_minutes: null },
      ],
      in_flight: [
        { order_id: 'ORD-2001', user_id: 'u-71', paid_time: now - 800 * 60_000, current_status: 'PROCESSING', minutes: 800, level: 'AT_RISK' },
        { order_id: 'ORD-2002', user_id: 'u-72', paid_time: now - 1500 * 60_000, current_status: 'SHIPPED', minutes: 1500, level: 'OVERDUE' },
        { order_id: 'ORD-2003', user_id: 'u-73', paid_time: now - 730 * 60_000, current_status: 'PAID', minutes: 730, level: 'AT_RISK' },
      ],
      in_flight_counts: { at_risk: 2, overdue: 1 },
      updated_at: now - 5000,
    },
    engine: {
      stages: [
        { name: 'source', rows: 1_234_567, rows_per_sec: 1234 },
        { name: 'validate', rows: 1_234_525, rows_per_sec: 1233 },
        { name: 'order-state', rows: 1_100_204, rows_per_sec: 1101 },
        { name: 'inventory', rows: 402_118, rows_per_sec: 388 },
        { name: 'sink:sqlite', rows: 2_877_311, rows_per_sec: 2650 },
      ],
      orders_in_memory: 48_213,
      timers: 9876,
      rss_bytes: 512 * 1024 * 1024,
      heap_bytes: 256 * 1024 * 1024,
      data_quality: { total: 1_234_567, late: 321, duplicates: 88, schema_violations: 12, null_order_ids: 3 },
      dead_letters_by_reason: [
        { reason: 'schema_violation', count: 12 },
        { reason: 'bad_timestamp', count: 27 },
        { reason: 'null_order_id', count: 3 },
      ],
      updated_at: now - 1000,
    },
    replay: null,
  };
}

export const TIMELINE: TimelineEntry[] = [
  { time: NOW - 3_600_000, kind: 'status', text: 'PENDING_PAYMENT (create)' },
  { time: NOW - 3_000_000, kind: 'status', text: 'PAID amount 129.00' },
  { time: NOW - 2_999_000, kind: 'inventory', text: 'FREEZE SKU-A100 ×2 FAILED Insufficient stock to freeze' },
  { time: NOW - 2_999_000, kind: 'anomaly', text: 'STOCK_OUT raised → inventory_support' },
];

const PER_TOPIC: Record<string, number> = { order_status_events: 120_000, order_item_events: 340_000, logistics_events: 90_000 };

export interface Call {
  name: keyof Omit<ConsoleActions, 'operator'>;
  args: unknown[];
}

export interface TestHandle {
  handle: ConsoleHandle;
  calls: Call[];
  /** Replace the snapshot and tell subscribers, as the runtime does. */
  push(next: ConsoleSnapshot): void;
  listeners(): number;
}

export function testHandle(
  snapshot: ConsoleSnapshot = makeSnapshot(),
  opts: { readOnly?: boolean; result?: ActionResult; orderStatus?: Record<string, string> } = {},
): TestHandle {
  let current = snapshot;
  const listeners = new Set<() => void>();
  const calls: Call[] = [];
  const ok = (message: string): Promise<ActionResult> => Promise.resolve(opts.result ?? { ok: true, message });
  const actions: ConsoleActions = {
    operator: 'alice',
    acknowledge: (...args) => (calls.push({ name: 'acknowledge', args }), ok(`acknowledged ${args[0]} ${args[1]}`)),
    resolve: (...args) => (calls.push({ name: 'resolve', args }), ok(`resolved ${args[0]} ${args[1]} with ${args[2]}`)),
    adjustStock: (...args) => (calls.push({ name: 'adjustStock', args }), ok(`adjusted ${args[0]} by ${args[1]}`)),
    planReplay: (topics, from) => {
      calls.push({ name: 'planReplay', args: [topics, from] });
      const per_topic = Object.fromEntries(topics.map((t) => [t, PER_TOPIC[t] ?? 0]));
      const plan: ReplayPlan = { topics, from, per_topic, total: Object.values(per_topic).reduce((a, b) => a + b, 0) };
      return Promise.resolve(plan);
    },
    startReplay: (...args) => (calls.push({ name: 'startReplay', args }), ok('replay started')),
  };
  return {
    calls,
    handle: {
      current: () => current,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      actions: opts.readOnly ? null : actions,
      timeline: (...args) => (calls.push({ name: 'timeline', args }), Promise.resolve(TIMELINE)),
      orderStatus: (orderId) => Promise.resolve(opts.orderStatus?.[orderId] ?? 'PAID'),
    },
    push(next) {
      current = next;
      for (const l of listeners) l();
    },
    listeners: () => listeners.size,
  };
}

export const KEY = { up: '\u001B[A', down: '\u001B[B', left: '\u001B[D', right: '\u001B[C', enter: '\r', esc: '\u001B', backspace: '\u007F' };

export const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until Ink has drawn everything a key (or an action's promise) caused: no new frame for
 * `quietMs`. A fixed sleep is either slow or flaky, as a frame can take 10–30 ms to render.
 */
export async function settle(frames: readonly string[], quietMs = 30, maxMs = 2000): Promise<void> {
  const start = Date.now();
  let count = frames.length;
  let quietSince = Date.now();
  while (Date.now() - start < maxMs) {
    await tick(5);
    if (frames.length !== count) {
      count = frames.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
}

export type Rendered = ReturnType<typeof render> & {
  /** Types each key (or string) separately, letting Ink handle each before the next. */
  press(...keys: string[]): Promise<void>;
  /** Resizes the fake terminal as a terminal emulator would, with a 'resize' event. */
  resize(columns: number, rows: number): Promise<void>;
  frame(): string;
  onQuit: { count: number };
};

export async function renderConsole(
  handle: ConsoleHandle,
  opts: { columns?: number; rows?: number; env?: Record<string, string | undefined>; statusMs?: number } = {},
): Promise<Rendered> {
  const onQuit = { count: 0 };
  const r = render(createElement(App, { handle, onQuit: () => onQuit.count++, env: opts.env ?? {}, clock: () => NOW, statusMs: opts.statusMs }));
  const resize = async (columns: number, rows: number): Promise<void> => {
    Object.defineProperty(r.stdout, 'columns', { configurable: true, get: () => columns });
    Object.defineProperty(r.stdout, 'rows', { configurable: true, get: () => rows });
    r.stdout.emit('resize');
    await settle(r.frames);
  };
  await resize(opts.columns ?? 80, opts.rows ?? 24);
  return Object.assign(r, {
    resize,
    onQuit,
    frame: () => r.lastFrame() ?? '',
    async press(...keys: string[]) {
      for (const k of keys) {
        r.stdin.write(k);
        await settle(r.frames);
      }
    },
  });
}
