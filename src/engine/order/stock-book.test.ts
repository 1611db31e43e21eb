import { describe, expect, it } from 'vitest';
import type { StockRow } from '../ports.js';
import { StockBook } from './stock-book.js';

function book(rows: StockRow[]): StockBook {
  const byId = new Map(rows.map((r) => [r.sku_id, { ...r }]));
  return new StockBook({ loadStock: (id) => byId.get(id), recordedOp: () => undefined, loadOrder: () => undefined });
}
const ROW: StockRow = { product_id: 'P', sku_id: 'S', total_stock: 10, available_stock: 7, frozen_stock: 2, locked_stock: 1, update_time: null };

describe('StockBook', () => {
  it('applies each op type and keeps total = available + frozen + locked', () => {
    const b = book([ROW]);
    const ops = [
      b.apply('o:1:FREEZE', 'o', 'S', 'FREEZE', 3, false, 1, 100),
      b.apply('o:1:DECREASE', 'o', 'S', 'DECREASE', 3, true, 2, 100),
      b.apply('o:2:DECREASE', 'o', 'S', 'DECREASE', 2, false, 3, 100),
      b.apply('o:3:UNFREEZE', 'o', 'S', 'UNFREEZE', 2, false, 4, 100),
      b.apply('o:2:INCREASE', 'o', 'S', 'INCREASE', 2, false, 5, 100),
    ];
    expect(ops.map((o) => [o.status, o.prev_available_stock, o.new_available_stock, o.prev_frozen_stock, o.new_frozen_stock])).toEqual([
      ['SUCCESS', 7, 4, 2, 5],
      ['SUCCESS', 4, 4, 5, 2],
      ['SUCCESS', 4, 2, 2, 2],
      ['SUCCESS', 2, 4, 2, 0],
      ['SUCCESS', 4, 6, 0, 0],
    ]);
    const row = b.get('S')!;
    expect(row.total_stock).toBe(row.available_stock + row.frozen_stock + row.locked_stock);
    expect(row.total_stock).toBe(7);
  });

  it('refuses an adjustment that would take the total past what is counted exactly', () => {
    const b = book([{ ...ROW, total_stock: 10, available_stock: 7 }]);
    const over = b.apply('ADJUST:S:1', '', 'S', 'ADJUST', Number.MAX_SAFE_INTEGER - 9, false, 1, 9);
    expect(over).toMatchObject({ status: 'FAILED', message: 'Adjustment would take total stock past 9007199254740991', new_available_stock: 7 });
    expect(b.apply('ADJUST:S:2', '', 'S', 'ADJUST', Number.MAX_SAFE_INTEGER - 10, false, 1, 9).status).toBe('SUCCESS');
    expect(b.get('S')!.total_stock).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('fails without changing stock, holding the current figures in prev and new', () => {
    const b = book([{ ...ROW, available_stock: 1, frozen_stock: 0, total_stock: 2 }]);
    expect(b.apply('x:1:FREEZE', 'x', 'S', 'FREEZE', 2, false, 1, 9)).toMatchObject({
      status: 'FAILED',
      message: 'Insufficient stock to freeze',
      prev_available_stock: 1,
      new_available_stock: 1,
      prev_frozen_stock: 0,
      new_frozen_stock: 0,
    });
    expect(b.apply('x:1:DECREASE', 'x', 'S', 'DECREASE', 2, false, 1, 9).message).toBe('Insufficient stock');
    expect(b.apply('x:1:UNFREEZE', 'x', 'S', 'UNFREEZE', 1, false, 1, 9).message).toBe('Insufficient frozen stock');
    expect(b.apply('x:2:FREEZE', 'x', 'NOPE', 'FREEZE', 1, false, 1, 9)).toMatchObject({
      status: 'FAILED',
      message: 'Unknown SKU',
      prev_available_stock: null,
      new_available_stock: null,
    });
    expect(b.get('S')).toMatchObject({ available_stock: 1, frozen_stock: 0, total_stock: 2 });
  });
});
