import { describe, expect, it } from 'vitest';
import { compareIds, ReferenceIndex } from './reference.js';

describe('reference lookups', () => {
  it('orders ids: integers by value first, then the rest as text', () => {
    expect(['b', '10', 'a', '2', '-1', '010x'].sort(compareIds)).toEqual(['-1', '2', '10', '010x', 'a', 'b']);
  });

  it('picks the lowest default address and the lowest area of the district', () => {
    const refs = new ReferenceIndex(
      [{ sku_id: 'S', product_id: null, product_name: null, category: ' Fresh ' }],
      [
        { user_id: 'U', address_id: '10', province: 'P', city: 'C', district: 'D', address: 'ten', is_default: true },
        { user_id: 'U', address_id: '2', province: 'P', city: 'C', district: 'D', address: 'two', is_default: true },
        { user_id: 'U', address_id: '1', province: 'P', city: 'C', district: 'X', address: 'one', is_default: false },
      ],
      [
        { area_id: '12', province: 'P', city: 'C', district: 'D', warehouse_id: 'W12' },
        { area_id: '3', province: ' P', city: 'C ', district: 'D', warehouse_id: 'W3' },
      ],
    );
    expect(refs.category('S')).toBe('fresh');
    const a = refs.defaultAddress('U')!;
    expect(a.address).toBe('two');
    expect(refs.areaFor(a)?.warehouse_id).toBe('W3');
    expect(refs.defaultAddress('nobody')).toBeUndefined();
  });
});
