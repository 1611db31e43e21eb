// The inventory ledger (SPEC §6): an op_id is recorded once, ever, and only a newly recorded
// SUCCESS op changes the stock. Ops are written CHUNK at a time (chunks.ts). Usually every op of a
// commit is new: that is tried first, under a savepoint, and known from each chunk's count of
// inserted rows. If one chunk falls short the savepoint is rolled back and the ops are written
// again, each chunk after a look-up of its recorded ids (~20% slower than the optimistic path).
import type Database from 'better-sqlite3';
import { InternalError } from '../../errors.js';
import type { InventoryOpRow } from '../../engine/types.js';
import { INVENTORY_UPDATE_RESULTS as OPS } from '../schema.js';
import { CHUNK, ChunkedStatement } from './chunks.js';
import { insertOrIgnoreSql } from './sql.js';
import { addStockDelta, type StockDeltas } from '../stock-deltas.js';

type Stmt = Database.Statement<unknown[]>;

/** The ledger's key column alone: the pre-check binds only op_ids. */
const OP_IDS = { ...OPS, columns: OPS.columns.filter((c) => c.name === 'op_id') };

/** Thrown inside the savepoint to roll the optimistic insert back. */
const NOT_ALL_NEW = Symbol('not all new');

export class Ledger {
  private readonly insert: ChunkedStatement<InventoryOpRow>;
  private readonly known: ChunkedStatement<InventoryOpRow>;
  private readonly stock: Stmt;
  private readonly insertAllNew: (ops: readonly InventoryOpRow[]) => void;

  constructor(db: Database.Database) {
    this.insert = new ChunkedStatement(db, OPS, (n) => insertOrIgnoreSql(OPS, n), { checkNulls: true });
    const marks = (n: number) => new Array<string>(n).fill('?').join(', ');
    const knownSql = (n: number) => `SELECT op_id FROM ${OPS.name} WHERE op_id IN (${marks(n)})`;
    this.known = new ChunkedStatement(db, OP_IDS, knownSql, { method: 'all' }, true);
    // Nested in the commit's transaction, better-sqlite3 runs this under a savepoint.
    this.insertAllNew = db.transaction((ops: readonly InventoryOpRow[]) => {
      for (let i = 0; i < ops.length; i += CHUNK) {
        const n = Math.min(CHUNK, ops.length - i);
        if ((this.insert.rows(n)(ops, i) as Database.RunResult).changes !== n) throw NOT_ALL_NEW;
      }
    });
    // The op's deltas, applied only if no column goes negative (SPEC §6 invariant).
    this.stock = db.prepare(
      `UPDATE product_inventory SET available_stock = available_stock + ?, frozen_stock = frozen_stock + ?,
         total_stock = total_stock + ?, update_time = ?
       WHERE sku_id = ? AND available_stock + ? >= 0 AND frozen_stock + ? >= 0 AND total_stock + ? >= 0`,
    );
  }

  /**
   * Ledger rows first; the stock changes of the newly recorded SUCCESS ops are summed per SKU and
   * applied with one conditional update each, in the same transaction: no reader ever sees a
   * state between two ops, and none where a figure is negative.
   */
  apply(ops: readonly InventoryOpRow[]): void {
    const deltas: StockDeltas = new Map();
    for (const op of this.record(ops)) addStockDelta(deltas, op);
    for (const [sku, [da, df, time]] of deltas) {
      const dt = da + df;
      if (this.stock.run(da, df, dt, time, sku, da, df, dt).changes !== 1) {
        throw new InternalError(`SKU ${sku} is unknown or its stock would go negative (Δavailable ${da}, Δfrozen ${df})`);
      }
    }
  }

  /** Inserts the ops; returns those newly recorded (the first of each op_id not recorded before). */
  private record(ops: readonly InventoryOpRow[]): readonly InventoryOpRow[] {
    try {
      this.insertAllNew(ops);
      return ops;
    } catch (err) {
      if (err !== NOT_ALL_NEW) throw err;
    }
    const fresh: InventoryOpRow[] = [];
    for (let i = 0; i < ops.length; i += CHUNK) {
      const n = Math.min(CHUNK, ops.length - i);
      // Recorded before this chunk (earlier chunks included); the chunk's own repeats are skipped too.
      const seen = new Set(this.known.rows(n)(ops, i) as string[]);
      this.insert.rows(n)(ops, i);
      for (let j = i; j < i + n; j++) {
        const op = ops[j]!;
        if (seen.has(op.op_id)) continue;
        seen.add(op.op_id);
        fresh.push(op);
      }
    }
    return fresh;
  }
}
