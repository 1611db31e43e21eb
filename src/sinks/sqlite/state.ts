// What the engine reads back (SPEC §6, §12): the ledger's memory of op_ids, the keyed state of
// orders (evicted or resident), and the checkpoint. Statements are prepared once.
import type Database from 'better-sqlite3';
import type { OpStatus } from '../../engine/types.js';
import { rowDecoder } from '../row-codec.js';
import { CHECKPOINT } from '../schema.js';
import type { Checkpoint, OrderStateRow } from '../store.js';
import { selectSql } from './sql.js';

type Stmt = Database.Statement<unknown[]>;

export class StateTables {
  private readonly db: Database.Database;
  private readonly opStatus: Stmt;
  private readonly opsOfOrder: Stmt;
  private readonly anyOp: Stmt;
  private readonly orderState: Stmt;
  private readonly resident: Stmt;
  private readonly away: Stmt;
  private readonly checkpoint: Stmt;
  private readonly decodeCheckpoint = rowDecoder<Checkpoint & { id?: number }>(CHECKPOINT);

  constructor(db: Database.Database) {
    this.db = db;
    this.opStatus = db.prepare('SELECT status FROM inventory_update_results WHERE op_id = ?').pluck(true);
    this.opsOfOrder = db.prepare('SELECT op_id, status FROM inventory_update_results WHERE order_id = ?').raw(true);
    this.anyOp = db.prepare('SELECT 1 FROM inventory_update_results LIMIT 1').pluck(true);
    this.orderState = db.prepare('SELECT state FROM order_state WHERE order_id = ?').pluck(true);
    this.resident = db.prepare('SELECT order_id, state, partition_id FROM order_state WHERE resident = 1').raw(true);
    this.away = db.prepare('SELECT order_id FROM order_state WHERE resident = 0').pluck();
    this.checkpoint = db.prepare(selectSql(CHECKPOINT)).raw(true);
  }

  recordedOp(opId: string): OpStatus | undefined {
    return this.opStatus.get(opId) as OpStatus | undefined;
  }

  /** Every recorded op of these orders (SUCCESS and FAILED), by op_id. */
  recordedOpsOf(orderIds: Iterable<string>): Map<string, OpStatus> {
    const out = new Map<string, OpStatus>();
    for (const id of new Set(orderIds)) {
      for (const [opId, status] of this.opsOfOrder.all(id) as [string, OpStatus][]) out.set(opId, status);
    }
    return out;
  }

  hasOps(): boolean {
    return this.anyOp.get() !== undefined;
  }

  loadOrder(orderId: string): unknown {
    const state = this.orderState.get(orderId) as string | undefined;
    return state === undefined ? undefined : JSON.parse(state);
  }

  /** Ids of the saved orders that are not in memory (all read at once: no writes are blocked). */
  awayOrderIds(): string[] {
    return this.away.all() as string[];
  }

  /**
   * Streams the resident orders. Reads may run while it is open, but better-sqlite3 refuses writes
   * on the connection, so finish it (or break out of it) before the next commit.
   */
  *residentOrders(): IterableIterator<OrderStateRow> {
    for (const v of this.resident.iterate() as IterableIterator<[string, string, number]>) {
      yield { order_id: v[0], state: v[1], resident: true, partition_id: v[2] };
    }
  }

  readCheckpoint(): Checkpoint | undefined {
    const v = this.checkpoint.get() as unknown[] | undefined;
    if (v === undefined) return undefined;
    const { source_id, source_pos, engine, saved_at } = this.decodeCheckpoint(v);
    return { source_id, source_pos, engine, saved_at };
  }

  /** Forgets keyed state and checkpoint; outputs, ledger, stock and decisions stay (SPEC §12). */
  resetState(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM order_state; DELETE FROM checkpoint;');
    })();
  }
}
