// The live run over a real SQLite store: a directory read live to the end, restart from its
// checkpoint, and the operator's actions (decisions, adjustments, replays) with and without a
// live run owning the engine.
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TimeZone } from '../src/engine/time/timestamp.js';
import { runLive, type LiveOptions } from '../src/runtime/live.js';
import { OperatorDesk } from '../src/runtime/operator-desk.js';
import type { RunStatus } from '../src/runtime/run-status.js';
import { SqliteStore } from '../src/sinks/sqlite/sqlite-store.js';
import { loadReferenceDir } from '../src/sources/file/reference-files.js';
import { DirectoryFeed } from '../src/sources/live/directory-feed.js';
import { tempDir } from './support/outputs.js';

const EXAMPLE = resolve(import.meta.dirname, '..', 'examples', 'store-day');
const UTC = new TimeZone('UTC');

function options(store: string, extra: Partial<LiveOptions> = {}): LiveOptions {
  return {
    store,
    sourceId: EXAMPLE,
    reference: loadReferenceDir(EXAMPLE),
    timeZone: UTC,
    openSource: (position) => new DirectoryFeed(EXAMPLE, { timeZone: UTC, position, now: Date.now() }),
    commitIntervalMs: 100,
    exitWhenIdleMs: 300,
    ...extra,
  };
}

function count(store: string, sql: string): number {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare(sql).pluck(true).get() as number;
  } finally {
    db.close();
  }
}

async function until(what: string, test: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live run', () => {
  it('reads a directory to the end, keeps the store consistent and resumes from its checkpoint', async () => {
    const store = join(tempDir('live'), 'store.sqlite');
    const first = await runLive(options(store));
    expect(first).toMatchObject({ processed: 407, resumed: false, stoppedBy: 'idle' });
    const s = SqliteStore.open(store);
    const status = s.control.readStatus<RunStatus>()!;
    expect(status.status.records_total).toBe(407);
    expect(s.queries.recordsRead()).toBe(407);
    expect(status.status.stages.map((st) => st.name)).toEqual(['source', 'engine', 'store']);
    expect(s.checks().filter((c) => !c.ok)).toEqual([]);
    s.close();
    const orders = count(store, 'SELECT COUNT(*) FROM order_lifecycle');
    const ops = count(store, 'SELECT COUNT(*) FROM inventory_update_results');
    expect(orders).toBeGreaterThan(0);
    expect(ops).toBeGreaterThan(0);

    const second = await runLive(options(store));
    expect(second).toMatchObject({ processed: 0, resumed: true, stoppedBy: 'idle' });
    expect(count(store, 'SELECT COUNT(*) FROM inventory_update_results')).toBe(ops);
  });
});

describe('operator desk without a live run', () => {
  it('acknowledges and resolves anomalies, issues the cancel command and audits each action', async () => {
    const store = join(tempDir('desk'), 'store.sqlite');
    await runLive(options(store));
    const s = SqliteStore.open(store);
    try {
      const desk = new OperatorDesk(s, 'alice', { now: () => Date.now() + 60_000 });
      expect(desk.runIsLive()).toBe(false);
      const [first, second] = s.queries.anomalyRows(10).filter((a) => a.status === 'PENDING');
      expect(first).toBeDefined();
      expect(second).toBeDefined();

      const ack = await desk.acknowledge(first!.order_id, first!.abnormal_type, 'looking');
      expect(ack.ok).toBe(true);
      expect(s.queries.anomaly(first!.order_id, first!.abnormal_type)!.status).toBe('PROCESSED');
      expect((await desk.acknowledge(first!.order_id, first!.abnormal_type, '')).ok).toBe(false);

      const resolved = await desk.resolve(second!.order_id, second!.abnormal_type, 'CANCEL_ORDER', 'customer asked');
      expect(resolved).toEqual({ ok: true, message: `${second!.order_id} ${second!.abnormal_type} resolved with CANCEL_ORDER; cancel command issued` });
      const row = s.queries.anomaly(second!.order_id, second!.abnormal_type)!;
      expect([row.status, row.resolved_by, row.handling_action]).toEqual(['RESOLVED', 'alice', 'CANCEL_ORDER']);
      expect(count(store, `SELECT COUNT(*) FROM order_commands WHERE order_id = '${second!.order_id}' AND operator = 'alice'`)).toBe(1);
      expect((await desk.resolve('NO-SUCH', 'STOCK_OUT', 'NO_ACTION', '')).message).toBe('no STOCK_OUT anomaly for order NO-SUCH');

      // Refused decisions are audited too, with why.
      const trail = s.control.auditSince(0);
      expect(trail.map((e) => [e.operator, e.action, e.target, e.detail, e.reason])).toEqual([
        ['alice', 'ACKNOWLEDGE', `${first!.order_id}/${first!.abnormal_type}`, null, 'looking'],
        ['alice', 'ACKNOWLEDGE', `${first!.order_id}/${first!.abnormal_type}`, `refused: ${first!.order_id} ${first!.abnormal_type} was already acknowledged`, null],
        ['alice', 'RESOLVE', `${second!.order_id}/${second!.abnormal_type}`, 'CANCEL_ORDER (cancel command issued)', 'customer asked'],
        ['alice', 'RESOLVE', 'NO-SUCH/STOCK_OUT', 'refused: no STOCK_OUT anomaly for order NO-SUCH', null],
      ]);
    } finally {
      s.close();
    }
  });

  it('applies a stock adjustment itself, conditionally, with its ledger row', async () => {
    const store = join(tempDir('adjust'), 'store.sqlite');
    await runLive(options(store));
    const s = SqliteStore.open(store);
    try {
      const desk = new OperatorDesk(s, 'bob');
      const sku = s.queries.stock(1)[0]!;
      const up = await desk.adjustStock(sku.sku_id, 7, 'cycle count');
      expect(up).toEqual({ ok: true, message: `${sku.sku_id} +7: available ${sku.available} → ${sku.available + 7}` });
      const after = s.queries.stock(1000).find((r) => r.sku_id === sku.sku_id)!;
      expect([after.available, after.total]).toEqual([sku.available + 7, sku.total + 7]);
      const down = await desk.adjustStock(sku.sku_id, -(sku.available + 8), 'typo');
      expect(down.ok).toBe(false);
      expect(down.message).toMatch(/refused: Adjustment would make available stock negative/);
      expect(s.queries.stock(1000).find((r) => r.sku_id === sku.sku_id)!.available).toBe(sku.available + 7);
      expect(count(store, `SELECT COUNT(*) FROM inventory_update_results WHERE op_type = 'ADJUST'`)).toBe(2);
      expect(s.checks().filter((c) => !c.ok)).toEqual([]);
      expect(s.control.auditSince(0).map((e) => [e.action, e.target, e.reason])).toEqual([
        ['ADJUST', sku.sku_id, 'cycle count'],
        ['ADJUST', sku.sku_id, 'typo'],
      ]);
    } finally {
      s.close();
    }
  });
});

describe('operator desk with a live run', () => {
  it('replays from a time part-way with the state rebuilt first, so no row changes', async () => {
    const store = join(tempDir('live-replay-from'), 'store.sqlite');
    const signal = { stopped: false };
    const running = runLive(options(store, { exitWhenIdleMs: undefined, signal }));
    const s = SqliteStore.open(store);
    const rows = (sql: string): unknown[] => {
      const db = new Database(store, { readonly: true });
      try {
        return db.prepare(sql).all();
      } finally {
        db.close();
      }
    };
    const tables = () => ({
      lifecycle: rows('SELECT * FROM order_lifecycle ORDER BY order_id').map((r) => ({ ...(r as object), last_updated: null })),
      anomalies: rows('SELECT order_id, abnormal_type, status, detection_time, overtime_minutes, user_abnormal_count, resolved_by, resolved_at FROM abnormal_order_handling ORDER BY order_id, abnormal_type'),
      dispatches: rows('SELECT * FROM logistics_dispatch_commands ORDER BY order_id'),
      notifications: rows('SELECT * FROM order_status_notifications ORDER BY notification_id'),
      windows: rows('SELECT * FROM order_processing_metrics ORDER BY metric_time'),
      dead: rows('SELECT COUNT(*) AS n FROM dead_letters'),
    });
    try {
      const desk = new OperatorDesk(s, 'dave');
      const status = () => s.control.readStatus<RunStatus>()?.status;
      await until('the directory to be read', () => status()?.records_total === 407);
      await until('a commit after it', () => status()?.checkpoint_at !== null && count(store, 'SELECT SUM(records) FROM read_totals') === 407);
      const before = tables();
      expect(before.lifecycle.length).toBeGreaterThan(20);

      const from = Date.UTC(2026, 10, 20, 14); // part-way through the store day
      const plan = await desk.planReplay(['order_status_events', 'order_item_events', 'logistics_events'], from);
      expect(plan.total).toBeGreaterThan(50);
      expect(plan.total).toBeLessThan(357);
      const started = await desk.startReplay(plan.topics, from);
      expect(started).toEqual({ ok: true, message: `replaying ${plan.total} records` });
      await until('the replay to finish', () => status()?.replay?.state === 'done');
      expect(status()!.replay!.done).toBe(plan.total);
      // Everything was read again: what came before the time quietly.
      await until('the whole directory to be read again', () => status()?.records_total === 814);
      signal.stopped = true;
      await running;
      expect(tables()).toEqual(before);
      expect(s.checks().filter((c) => !c.ok)).toEqual([]);
    } finally {
      signal.stopped = true;
      await running;
      s.close();
    }
  });


  it('sends adjustments and replays to the run, which re-reads without a second op', async () => {
    const store = join(tempDir('live-desk'), 'store.sqlite');
    const signal = { stopped: false };
    const running = runLive(options(store, { exitWhenIdleMs: undefined, signal }));
    const s = SqliteStore.open(store);
    try {
      const desk = new OperatorDesk(s, 'carol');
      const status = () => s.control.readStatus<RunStatus>()?.status;
      await until('the directory to be read', () => status()?.records_total === 407);
      expect(desk.runIsLive()).toBe(true);
      const ops = count(store, 'SELECT COUNT(*) FROM inventory_update_results');

      const sku = s.queries.stock(1)[0]!;
      const adjusted = await desk.adjustStock(sku.sku_id, 3, 'found a box');
      expect(adjusted.ok).toBe(true);
      expect(s.queries.stock(1000).find((r) => r.sku_id === sku.sku_id)!.available).toBe(sku.available + 3);

      // A directory is re-read whole: the plan says so even for one chosen topic.
      const partial = await desk.planReplay(['order_status_events'], null);
      expect(partial).toMatchObject({ topics: ['order_status_events', 'order_item_events', 'logistics_events'], total: 407 });
      const plan = await desk.planReplay(['order_status_events', 'order_item_events', 'logistics_events'], null);
      expect(plan.total).toBe(407);
      expect(plan.per_topic).toEqual({ order_status_events: 180, order_item_events: 68, logistics_events: 159 });
      const started = await desk.startReplay(plan.topics, null);
      expect(started).toEqual({ ok: true, message: 'replaying 407 records' });
      await until('the replay to finish', () => status()?.replay?.state === 'done');
      expect(status()!.replay!.done).toBe(407);
      expect(status()!.records_total).toBe(814);
      // Re-read, and no op applied twice: only the adjustment was added.
      expect(count(store, 'SELECT COUNT(*) FROM inventory_update_results')).toBe(ops + 1);
      // Data quality of the current minute is written when the minute ends or the run stops.
      expect(s.checks().filter((c) => !c.ok && c.name !== 'data-quality-totals')).toEqual([]);
      expect(s.control.auditSince(0).map((e) => [e.operator, e.action])).toEqual([
        ['carol', 'ADJUST'],
        ['carol', 'REPLAY'],
      ]);
      signal.stopped = true;
      await running;
      expect(s.checks().filter((c) => !c.ok)).toEqual([]);
    } finally {
      signal.stopped = true;
      await running;
      s.close();
    }
  });
});
