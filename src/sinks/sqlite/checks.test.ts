import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, CHECKS_STOCK, checksBatch, seed, T0 } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let dir: string;
let path: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordertrack-checks-'));
  path = join(dir, 'store.db');
  store = SqliteStore.open(path);
  store.seedReference(seed({ product_inventory: [...CHECKS_STOCK] }), T0);
  store.commit(checksBatch());
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Changes the file behind the store's back, as a bug or an operator with a SQL shell could. */
function tamper(sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

function check(name: string) {
  return store.checks().find((c) => c.name === name)!;
}

describe('SqliteStore.checks', () => {
  it('passes on a consistent store', () => {
    expect(store.checks().map((c) => [c.name, c.ok])).toEqual([
      ['stock-invariant', true],
      ['op-once', true],
      ['data-quality-totals', true],
    ]);
  });

  it('stock-invariant names the SKUs whose total is off or that went negative', () => {
    tamper(`UPDATE product_inventory SET total_stock = total_stock + 1 WHERE sku_id = 'S1';
            UPDATE product_inventory SET available_stock = -1, total_stock = 2 WHERE sku_id = 'S2'`);
    const c = check('stock-invariant');
    expect(c.ok).toBe(false);
    expect(c.detail).toContain('S1');
    expect(c.detail).toContain('S2');
  });

  it('op-once catches an op applied twice even when the invariant still holds', () => {
    // A second application of O1's FREEZE: consistent per row, but not with the ledger.
    tamper(`UPDATE product_inventory SET available_stock = available_stock - 3, frozen_stock = frozen_stock + 3 WHERE sku_id = 'S1'`);
    expect(check('stock-invariant').ok).toBe(true);
    const c = check('op-once');
    expect(c.ok).toBe(false);
    expect(c.detail).toMatch(/SKU S1: available 2, expected 5, frozen 6, expected 3/);
  });

  it('op-once catches a lost op and stock without a seed', () => {
    tamper(`DELETE FROM inventory_update_results WHERE op_id = 'O1:I1:FREEZE';
            INSERT INTO product_inventory VALUES ('P', 'S9', 1, 1, 0, 0, 0)`);
    const c = check('op-once');
    expect(c.ok).toBe(false);
    expect(c.detail).toContain('SKU S1');
    expect(c.detail).toContain('SKU S9');
  });

  it('data-quality-totals compares the counted records with those read, per topic', () => {
    store.commit(batch({ readTotals: { order_item_events: 2, order_status_events: 1 } }));
    const c = check('data-quality-totals');
    expect(c.ok).toBe(false);
    expect(c.detail).toContain('order_item_events: data quality counts 0, read 2');
    expect(c.detail).toContain('order_status_events: data quality counts 14, read 15');
  });
});
