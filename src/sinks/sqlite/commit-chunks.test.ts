// The multi-row path (chunks.ts, ledger.ts): batches longer than a chunk, with keys repeated
// within a chunk, across chunks and across commits, must keep the row-by-row semantics.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError } from '../../errors.js';
import type { InventoryOpRow, NotificationRow } from '../../engine/types.js';
import { CHUNK } from './chunks.js';
import { batch, dataQuality, lifecycle, notification, op, seed, stock, T0, testStore } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let store: SqliteStore;
let harness: ReturnType<typeof testStore>;
beforeEach(() => {
  harness = testStore([stock('S1', 1000), stock('S2', 1000)], T0);
  store = harness.store;
});
afterEach(() => harness.close());
const exported = (table: string) => harness.exported(table);

/** Order k's FREEZE of q units; FAILED when asked. */
function freeze(k: number, sku: string, q: number, o: Partial<InventoryOpRow> = {}): InventoryOpRow {
  return op(`O${String(k).padStart(4, '0')}`, sku, q, 1000, 0, o);
}

describe('SqliteStore.commit in chunks', () => {
  it('keeps the first notification of a key: repeats within a chunk, across chunks and commits', () => {
    const n = 3 * CHUNK + 5;
    const rows: NotificationRow[] = [];
    for (let k = 0; k < n; k++) rows.push(notification(`O${k}`, { message_content: `first ${k}` }));
    rows.splice(3, 0, notification('O2', { message_content: 'repeat in chunk' }));
    rows.push(notification('O1', { message_content: 'repeat in last chunk' }));
    rows.splice(CHUNK + 4, 0, notification('O0', { message_content: 'repeat in 2nd chunk' }));
    store.commit(batch({ notifications: rows }));
    store.commit(batch({ notifications: [notification('O5', { message_content: 'next commit' })] }));
    const got = exported('order_status_notifications');
    expect(got).toHaveLength(n);
    for (const r of got) expect(r.message_content).toBe(`first ${String(r.order_id).slice(1)}`);
  });

  it('records each op_id once and applies the stock of each new SUCCESS op exactly once', () => {
    const frozen = (sku: string) => store.loadStock(sku)!.frozen_stock;
    // All new (the optimistic path): every SUCCESS counts, the FAILED one does not.
    const first = Array.from({ length: 2 * CHUNK + 3 }, (_, k) => freeze(k, k % 2 ? 'S1' : 'S2', 1 + (k % 3)));
    first.push(freeze(900, 'S1', 9, { status: 'FAILED', new_available_stock: 1000, new_frozen_stock: 0 }));
    store.commit(batch({ ops: first }));
    const sum = (sku: string) => first.filter((o) => o.sku_id === sku && o.status === 'SUCCESS').reduce((a, o) => a + o.quantity, 0);
    const [s1, s2] = [sum('S1'), sum('S2')];
    expect(store.loadStock('S1')).toMatchObject({ available_stock: 1000 - s1, frozen_stock: s1, total_stock: 1000 });
    expect(store.loadStock('S2')).toMatchObject({ available_stock: 1000 - s2, frozen_stock: s2, total_stock: 1000 });

    // Recorded ops among new ones, new ones twice within a chunk and across chunks: each new op
    // counts once, the first of its op_id wins, recorded ones change nothing.
    const news = Array.from({ length: CHUNK }, (_, k) => freeze(100 + k, 'S1', 2));
    const second = [freeze(3, 'S2', 99), ...news, freeze(100, 'S1', 70), freeze(900, 'S1', 1)];
    second.splice(4, 0, freeze(101, 'S1', 50)); // a new op again, in the same chunk
    second.splice(7, 0, freeze(10, 'S1', 99)); // a recorded op
    store.commit(batch({ ops: second }));
    expect(frozen('S1')).toBe(s1 + 2 * CHUNK);
    expect(frozen('S2')).toBe(s2);
    expect(store.loadStock('S1')).toMatchObject({ available_stock: 1000 - s1 - 2 * CHUNK, total_stock: 1000 });
    const ledger = exported('inventory_update_results');
    expect(ledger).toHaveLength(first.length + CHUNK);
    expect(ledger.filter((r) => r.quantity === 99 || r.quantity === 50 || r.quantity === 70)).toEqual([]);
    expect(store.recordedOp('O0900:I1:FREEZE')).toBe('FAILED');
  });

  it('replaces lifecycle rows in order: the last of a key wins, within and across chunks', () => {
    const rows = Array.from({ length: 2 * CHUNK + 1 }, (_, k) => lifecycle(`O${k}`));
    rows.splice(2, 0, lifecycle('O1', { current_status: 'PAID' }));
    rows.push(lifecycle('O0', { current_status: 'CANCELLED' }));
    store.commit(batch({ lifecycle: rows }));
    const got = exported('order_lifecycle');
    expect(got).toHaveLength(2 * CHUNK + 1);
    expect(got.find((r) => r.order_id === 'O0')!.current_status).toBe('CANCELLED');
    expect(got.find((r) => r.order_id === 'O1')!.current_status).toBe('PAID');
  });

  it('adds up data-quality rows of one minute within one chunk', () => {
    store.commit(batch({ dataQuality: Array.from({ length: CHUNK + 2 }, () => dataQuality(0)) }));
    expect(exported('data_quality_metrics')[0]).toMatchObject({ total_records: 10 * (CHUNK + 2), error_rate: 0.1 });
  });

  it('refuses a NULL in a NOT NULL column of an insert-once table, and writes nothing', () => {
    const rows = Array.from({ length: CHUNK + 3 }, (_, k) => notification(`O${k}`));
    rows[CHUNK + 1] = notification('OX', { message_content: null as unknown as string });
    const ops = [freeze(1, 'S1', 1), freeze(2, 'S1', 1, { op_time: undefined as unknown as number })];
    expect(() => store.commit(batch({ ops: [freeze(0, 'S1', 1)], notifications: rows }))).toThrow(InternalError);
    expect(() => store.commit(batch({ ops }))).toThrow(/inventory_update_results\.op_time/);
    expect(exported('order_status_notifications')).toEqual([]);
    expect(store.hasOps()).toBe(false);
    expect(store.loadStock('S1')).toMatchObject({ available_stock: 1000 });
  });
});
