import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anomaly, batch, lifecycle, op, seed, stock, T0 } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordertrack-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const checkpoint = { source_id: '/data/in', source_pos: '{"line":[3,4,5]}', engine: '{"clock":1}', saved_at: T0 + 7 };

describe('checkpoint and keyed state', () => {
  it('round-trips the checkpoint and replaces it on the next commit that carries one', () => {
    const store = SqliteStore.open(':memory:');
    expect(store.readCheckpoint()).toBeUndefined();
    store.commit(batch({ checkpoint }));
    expect(store.readCheckpoint()).toEqual(checkpoint);
    store.commit(batch({}));
    expect(store.readCheckpoint()).toEqual(checkpoint);
    store.commit(batch({ checkpoint: { ...checkpoint, source_pos: '{"line":[9,9,9]}' } }));
    expect(store.readCheckpoint()!.source_pos).toBe('{"line":[9,9,9]}');
    store.close();
  });

  it('resetState forgets state and checkpoint, and keeps outputs, ledger, stock and decisions', () => {
    const store = SqliteStore.open(':memory:');
    store.seedReference(seed({ product_inventory: [stock('S1', 10)] }), T0);
    store.commit(batch({
      ops: [op('O1', 'S1', 1, 10)],
      lifecycle: [lifecycle('O1')],
      anomalies: [anomaly('O1')],
      orderStates: [{ order_id: 'O1', state: '{}', resident: true, partition_id: 0 }],
      checkpoint,
    }));
    store.recordDecision({ order_id: 'O1', abnormal_type: 'PAYMENT_TIMEOUT', decision: 'ACK', action: null, note: null, operator: 'op', decided_at: T0 });
    store.resetState();
    expect(store.readCheckpoint()).toBeUndefined();
    expect(store.loadOrder('O1')).toBeUndefined();
    expect([...store.residentOrders()]).toEqual([]);
    expect(store.recordedOp('O1:I1:FREEZE')).toBe('SUCCESS');
    expect(store.loadStock('S1')!.available_stock).toBe(9);
    const counts = store.exportNdjson(join(dir, 'out'));
    expect(counts).toMatchObject({ order_lifecycle: 1, abnormal_order_handling: 1, inventory_update_results: 1 });
    expect(readFileSync(join(dir, 'out', 'abnormal_order_handling.ndjson'), 'utf8')).toContain('"PROCESSED"');
    store.close();
  });

  it('persists everything across a close and reopen of a file store', () => {
    const path = join(dir, 'store.db');
    const first = SqliteStore.open(path);
    first.seedReference(seed({ product_inventory: [stock('S1', 10)] }), T0);
    first.commit(batch({
      ops: [op('O1', 'S1', 4, 10)],
      orderStates: [{ order_id: 'O1', state: '{"s":"PAID"}', resident: true, partition_id: 0 }],
      readTotals: { order_status_events: 2 },
      checkpoint,
    }));
    first.close();
    first.close(); // idempotent

    const again = SqliteStore.open(path);
    expect(again.readCheckpoint()).toEqual(checkpoint);
    expect(again.loadOrder('O1')).toEqual({ s: 'PAID' });
    expect(again.hasOps()).toBe(true);
    expect(again.loadStock('S1')).toMatchObject({ available_stock: 6, frozen_stock: 4, total_stock: 10 });
    // Reseeding an existing store leaves the moved stock alone.
    again.seedReference(seed({ product_inventory: [stock('S1', 10)] }), T0 + 1);
    expect(again.loadStock('S1')!.available_stock).toBe(6);
    expect(again.checks().every((c) => c.ok || c.name === 'data-quality-totals')).toBe(true);
    again.close();
  });
});
