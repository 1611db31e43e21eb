// The inventory ledger (SPEC §6), inside the commit's transaction: an op_id is recorded once,
// ever, and only a newly recorded SUCCESS op changes the stock — the same rule as sqlite/ledger.ts.
// The batch's op_ids are looked up FOR UPDATE first: under REPEATABLE READ that locks the rows and
// the gaps where missing ones would go, so another instance recording the same op waits (or
// deadlocks, and the commit is retried) instead of both applying it. Only the ops not recorded
// (the first of each op_id in the batch) are inserted. Then the stock changes are summed per SKU
// and applied with one conditional UPDATE each, in SKU order (two instances lock SKUs in the same
// order); one that would go negative, or finds no SKU, fails the whole commit.
import type { InventoryOpRow } from '../../engine/types.js';
import { INVENTORY_UPDATE_RESULTS as OPS } from '../schema.js';
import { selectIn, writeRows } from './chunks.js';
import { type Conn, run } from './db.js';
import { toDatetime } from './dialect.js';
import { encoder } from './encode.js';
import { isDuplicateKey, TransientConflict } from './errors.js';
import { inList, insertSql } from './sql.js';
import { addStockDelta, type StockDeltas } from '../stock-deltas.js';
import { StockConflict } from '../store-errors.js';

const encode = encoder<InventoryOpRow>(OPS);
const knownSql = (n: number) => `SELECT \`op_id\` FROM \`inventory_update_results\` WHERE ${inList('op_id', n)} FOR UPDATE`;
/** SKUs per stock statement: one round trip for many SKUs (one each was ~half a commit's time). */
const STOCK_CHUNK = 128;

/**
 * The summed deltas of `n` SKUs in one UPDATE, applied only where no figure goes negative (SPEC §6
 * invariant). CASE on the key column compares in the column's own collation. Parameters: for
 * each of the four CASEs the (sku, value) pairs, then the n SKUs of the IN list.
 */
function stockSql(n: number): string {
  const cases = (value: string) => `CASE \`sku_id\` ${new Array<string>(n).fill('WHEN ? THEN ?').join(' ')} ${value} END`;
  const da = cases('ELSE 0');
  const df = cases('ELSE 0');
  const dt = cases('ELSE 0');
  const time = cases('ELSE `update_time`');
  return `UPDATE \`product_inventory\` SET \`available_stock\` = \`available_stock\` + ${da},
    \`frozen_stock\` = \`frozen_stock\` + ${df}, \`total_stock\` = \`total_stock\` + ${dt}, \`update_time\` = ${time}
  WHERE ${inList('sku_id', n)} AND \`available_stock\` + ${da} >= 0 AND \`frozen_stock\` + ${df} >= 0 AND \`total_stock\` + ${dt} >= 0`;
}

export async function applyOps(conn: Conn, ops: readonly InventoryOpRow[]): Promise<void> {
  if (ops.length === 0) return;
  const deltas: StockDeltas = new Map();
  for (const op of await record(conn, ops)) addStockDelta(deltas, op);
  // In SKU order, so two instances lock the SKUs in the same order.
  const skus = [...deltas.keys()].sort();
  for (let i = 0; i < skus.length; i += STOCK_CHUNK) {
    const chunk = skus.slice(i, i + STOCK_CHUNK);
    const pairs = (pick: (d: [number, number, number]) => unknown) => chunk.flatMap((sku) => [sku, pick(deltas.get(sku)!)]);
    const da = pairs((d) => d[0]);
    const df = pairs((d) => d[1]);
    const dt = pairs((d) => d[0] + d[1]);
    const time = pairs((d) => toDatetime(d[2]));
    const params = [...da, ...df, ...dt, ...time, ...chunk, ...da, ...df, ...dt];
    // mysql2 sets CLIENT_FOUND_ROWS: affectedRows counts every matched row, changed or not.
    const res = await run(conn, stockSql(chunk.length), params);
    if (res.affectedRows !== chunk.length) {
      const detail = chunk.length === 1 ? `SKU ${chunk[0]}` : `one of ${chunk.length} SKUs (${chunk[0]} … ${chunk[chunk.length - 1]})`;
      throw new StockConflict(`${detail} is unknown or its stock would go negative`);
    }
  }
}

/** Inserts the ops not recorded yet; returns them (the first of each op_id, in batch order). */
async function record(conn: Conn, ops: readonly InventoryOpRow[]): Promise<InventoryOpRow[]> {
  const first = new Map<string, InventoryOpRow>();
  for (const op of ops) if (!first.has(op.op_id)) first.set(op.op_id, op);
  // Usually every op is new: try that first (no look-up), and know it from the rows inserted.
  // INSERT IGNORE skips an op_id already there (the engine checked every value beforehand); if
  // one was, undo under the savepoint and take the careful path below. Two instances racing on
  // one op_id: the second waits on the first's row lock, then finds it and takes that path too.
  const all = [...first.values()];
  await conn.query('SAVEPOINT ledger_all_new');
  if ((await writeRows(conn, (n) => insertSql(OPS, n).replace(/^INSERT INTO/, 'INSERT IGNORE INTO'), all.map(encode))) === all.length) {
    await conn.query('RELEASE SAVEPOINT ledger_all_new');
    return all;
  }
  await conn.query('ROLLBACK TO SAVEPOINT ledger_all_new');
  const known = new Set((await selectIn(conn, knownSql, [...first.keys()])).map((r) => r[0] as string));
  const fresh = [...first.values()].filter((op) => !known.has(op.op_id));
  try {
    await writeRows(conn, (n) => insertSql(OPS, n), fresh.map(encode));
  } catch (err) {
    // Only possible if the locks above did not hold (another isolation level): retry, and see it.
    if (isDuplicateKey(err)) throw new TransientConflict('an op_id was recorded by another writer meanwhile', { cause: err });
    throw err;
  }
  return fresh;
}
