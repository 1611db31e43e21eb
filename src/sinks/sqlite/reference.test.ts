import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../errors.js';
import { seed, stock, T0 } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let store: SqliteStore;
beforeEach(() => {
  store = SqliteStore.open(':memory:');
});
afterEach(() => store.close());

describe('seedReference', () => {
  it('fills missing keys only: a later seed never overwrites a row', () => {
    store.seedReference(seed({
      product_inventory: [stock('S1', 10)],
      product_info: [{ sku_id: 'S1', product_id: 'P1', product_name: 'Milk', category: 'fresh' }],
      user_address: [{ user_id: 'U1', address_id: '1', province: 'P', city: 'C', district: 'D', address: 'A', is_default: true }],
      logistics_area_info: [{ area_id: 'A1', province: 'P', city: 'C', district: 'D', warehouse_id: 'W1' }],
    }), T0);
    store.seedReference(seed({
      product_inventory: [stock('S1', 99), stock('S2', 3)],
      product_info: [{ sku_id: 'S1', product_id: 'P1', product_name: 'Changed', category: 'digital' }],
      user_address: [
        { user_id: 'U1', address_id: '1', province: 'X', city: 'X', district: 'X', address: 'X', is_default: false },
        { user_id: 'U1', address_id: '2', province: null, city: null, district: null, address: null, is_default: false },
      ],
      logistics_area_info: [{ area_id: 'A1', province: 'X', city: 'X', district: 'X', warehouse_id: 'W9' }],
    }), T0 + 1000);
    expect(store.loadStock('S1')).toEqual({ ...stock('S1', 10), update_time: T0 });
    expect(store.loadStock('S2')).toEqual({ ...stock('S2', 3), update_time: T0 + 1000 });
    expect(store.loadStock('S3')).toBeUndefined();
    expect(store.loadReference()).toEqual({
      product_info: [{ sku_id: 'S1', product_id: 'P1', product_name: 'Milk', category: 'fresh' }],
      user_address: [
        { user_id: 'U1', address_id: '1', province: 'P', city: 'C', district: 'D', address: 'A', is_default: true },
        { user_id: 'U1', address_id: '2', province: null, city: null, district: null, address: null, is_default: false },
      ],
      logistics_area_info: [{ area_id: 'A1', province: 'P', city: 'C', district: 'D', warehouse_id: 'W1' }],
      order_processing_rules: [],
    });
    // The ledger's base is the first seed.
    expect(store.checks().find((c) => c.name === 'op-once')!.ok).toBe(true);
  });

  it('keeps a seed row given update_time', () => {
    store.seedReference(seed({ product_inventory: [{ ...stock('S1', 1), update_time: T0 - 5 }] }), T0);
    expect(store.loadStock('S1')!.update_time).toBe(T0 - 5);
  });

  it('reads rules (and any reference value) given as CSV text', () => {
    store.seedReference(seed({
      order_processing_rules: [{
        rule_id: 'R1', rule_type: 'TIMEOUT', priority: '10', condition_expr: "category = 'fresh'",
        action_expr: 'payment_timeout_minutes = 15', effective_time: '2026-11-01 00:00:00', expire_time: '',
        status: 'ACTIVE', create_time: '2026-10-01T00:00:00Z', update_time: null, extra: 'ignored',
      }],
      user_address: [{ user_id: 7, address_id: '3', province: 'P', city: 'C', district: 'D', address: 'A', is_default: 'true' } as never],
    }), T0);
    expect(store.loadReference().order_processing_rules).toEqual([{
      rule_id: 'R1', rule_type: 'TIMEOUT', priority: 10, condition_expr: "category = 'fresh'",
      action_expr: 'payment_timeout_minutes = 15', effective_time: Date.UTC(2026, 10, 1), expire_time: null,
      status: 'ACTIVE', create_time: Date.UTC(2026, 9, 1), update_time: T0,
    }]);
    expect(store.loadReference().user_address[0]).toMatchObject({ user_id: '7', is_default: true });
  });

  it('rejects a seed value that is not of its column kind, naming it, and seeds nothing', () => {
    expect(() => store.seedReference(seed({
      product_inventory: [stock('S1', 1), { ...stock('S2', 1), available_stock: 'many' as never }],
    }), T0)).toThrow(UserError);
    expect(() => store.seedReference(seed({ product_inventory: [{ ...stock('S2', 1), available_stock: 'many' as never }] }), T0))
      .toThrow(/product_inventory\.available_stock/);
    expect(store.loadStock('S1')).toBeUndefined();
  });
});
