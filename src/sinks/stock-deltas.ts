// What a batch of newly recorded ops does to stock, summed per SKU, for the one conditional
// update per SKU both stores apply in the commit's transaction (SPEC §6).
import type { InventoryOpRow } from '../engine/types.js';
import { InternalError } from '../errors.js';

/** Per SKU: Δavailable, Δfrozen and the latest process_time. */
export type StockDeltas = Map<string, [number, number, number]>;

/** Adds a newly recorded op: a SUCCESS adds its deltas to its SKU's (a FAILED op changes nothing). */
export function addStockDelta(deltas: StockDeltas, op: InventoryOpRow): void {
  if (op.status !== 'SUCCESS') return;
  const { prev_available_stock: pa, new_available_stock: na, prev_frozen_stock: pf, new_frozen_stock: nf } = op;
  if (pa === null || na === null || pf === null || nf === null) {
    throw new InternalError(`op ${op.op_id}: a SUCCESS op without its stock figures`);
  }
  const d = deltas.get(op.sku_id);
  if (d === undefined) deltas.set(op.sku_id, [na - pa, nf - pf, op.process_time]);
  else {
    d[0] += na - pa;
    d[1] += nf - pf;
    if (op.process_time > d[2]) d[2] = op.process_time;
  }
}
