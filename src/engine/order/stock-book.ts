// The engine's copy of product_inventory and the stock effects of each op (SPEC §6). The copy
// is authoritative between commits (one writer per store); the store re-applies every
// successful op with a conditional update in the commit that carries it.
import type { StockRow, StorePort } from '../ports.js';
import type { InventoryOpRow, OpType } from '../types.js';

export class StockBook {
  private readonly rows = new Map<string, StockRow | null>();

  constructor(private readonly store: StorePort) {}

  get(skuId: string): StockRow | undefined {
    let row = this.rows.get(skuId);
    if (row === undefined) {
      row = this.store.loadStock(skuId) ?? null;
      this.rows.set(skuId, row);
    }
    return row ?? undefined;
  }

  /**
   * Takes in the store's rows for the SKUs this copy holds (changes others made: a restock, a
   * correction). Only right after a commit, when the copy has no change the store lacks.
   */
  refresh(rows: Iterable<StockRow>): void {
    for (const row of rows) {
      const held = this.rows.get(row.sku_id);
      if (held === undefined) continue; // not read yet: it will be read fresh when needed
      if (held === null) this.rows.set(row.sku_id, { ...row });
      else Object.assign(held, row);
    }
  }

  /**
   * Applies one op to the copy and returns its result row. `fromFrozen` selects the DECREASE of
   * a line that holds frozen stock. `quantity` is signed for ADJUST.
   */
  apply(
    opId: string,
    orderId: string,
    skuId: string,
    type: OpType,
    quantity: number,
    fromFrozen: boolean,
    opTime: number,
    now: number,
  ): InventoryOpRow {
    const row = this.get(skuId);
    const result: InventoryOpRow = {
      op_id: opId,
      order_id: orderId,
      sku_id: skuId,
      op_type: type,
      quantity,
      prev_available_stock: null,
      new_available_stock: null,
      prev_frozen_stock: null,
      new_frozen_stock: null,
      op_time: opTime,
      process_time: now,
      status: 'FAILED',
      message: 'Unknown SKU',
    };
    if (!row) return result;
    const a = row.available_stock;
    const f = row.frozen_stock;
    result.prev_available_stock = a;
    result.prev_frozen_stock = f;
    let da = 0;
    let df = 0;
    let failure: string | null = null;
    switch (type) {
      case 'FREEZE':
        if (a >= quantity) (da = -quantity), (df = quantity);
        else failure = 'Insufficient stock to freeze';
        break;
      case 'DECREASE':
        if (fromFrozen) {
          if (f >= quantity) df = -quantity;
          else failure = 'Insufficient stock';
        } else if (a >= quantity) da = -quantity;
        else failure = 'Insufficient stock';
        break;
      case 'UNFREEZE':
        if (f >= quantity) (df = -quantity), (da = quantity);
        else failure = 'Insufficient frozen stock';
        break;
      case 'INCREASE':
        da = quantity;
        break;
      case 'ADJUST':
        if (a + quantity < 0) failure = 'Adjustment would make available stock negative';
        else if (row.total_stock + quantity > Number.MAX_SAFE_INTEGER) failure = `Adjustment would take total stock past ${Number.MAX_SAFE_INTEGER}`;
        else da = quantity;
        break;
    }
    if (failure === null) {
      row.available_stock = a + da;
      row.frozen_stock = f + df;
      row.total_stock += da + df;
      row.update_time = now;
      result.status = 'SUCCESS';
    }
    result.message = failure;
    result.new_available_stock = row.available_stock;
    result.new_frozen_stock = row.frozen_stock;
    return result;
  }
}
