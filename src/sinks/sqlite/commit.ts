// One commit = one transaction (STYLE §3): outputs, ledger + stock, keyed state, read totals and
// the checkpoint land together or not at all. Statements are prepared once per store and rows are
// bound positionally by generated binders (binder.ts): a 1M-record replay commits ~2M rows.
import type Database from 'better-sqlite3';
import { InternalError } from '../../errors.js';
import type { DataQualityRow, DeadLetterRow, InventoryOpRow } from '../../engine/types.js';
import {
  ABNORMAL_ORDER_HANDLING, CHECKPOINT, DATA_QUALITY_METRICS, DEAD_LETTERS, deadLetterPosition,
  INVENTORY_UPDATE_RESULTS, LOGISTICS_DISPATCH_COMMANDS, LOGISTICS_EFFICIENCY_MONITOR, ORDER_COMMANDS,
  ORDER_LIFECYCLE, ORDER_PROCESSING_METRICS, ORDER_STATE, ORDER_STATUS_NOTIFICATIONS, type TableSchema,
} from '../schema.js';
import type { Checkpoint, CommitBatch } from '../store.js';
import { compileRun, type RunRow } from './binder.js';
import { dataQualityUpsertSql } from './data-quality.js';
import { insertIgnoreSql, replaceSql } from './sql.js';

type Stmt = Database.Statement<unknown[]>;
type Rows = keyof CommitBatch;

export class CommitWriter {
  private readonly runs: Partial<Record<Rows, RunRow<object>>> = {};
  private readonly op: RunRow<InventoryOpRow>;
  private readonly stock: Stmt;
  private readonly readTotals: Stmt;
  private readonly checkpoint: RunRow<Checkpoint & { id: number }>;
  readonly commit: (batch: CommitBatch) => void;

  constructor(db: Database.Database) {
    const prepare = <T extends object>(t: TableSchema, sql: string, derived?: Record<string, (r: T) => unknown>) =>
      compileRun<T>(t, db.prepare(sql), derived);
    // First wins: dead letters (keyed by position), dispatches and notifications (once ever).
    this.runs.deadLetters = prepare<DeadLetterRow>(DEAD_LETTERS, insertIgnoreSql(DEAD_LETTERS), {
      position: deadLetterPosition,
    }) as RunRow<object>;
    this.runs.dispatches = prepare(LOGISTICS_DISPATCH_COMMANDS, insertIgnoreSql(LOGISTICS_DISPATCH_COMMANDS));
    this.runs.notifications = prepare(ORDER_STATUS_NOTIFICATIONS, insertIgnoreSql(ORDER_STATUS_NOTIFICATIONS));
    this.runs.orderCommands = prepare(ORDER_COMMANDS, insertIgnoreSql(ORDER_COMMANDS));
    // Last wins: rows that follow an order or a window.
    this.runs.metrics = prepare(ORDER_PROCESSING_METRICS, replaceSql(ORDER_PROCESSING_METRICS));
    this.runs.lifecycle = prepare(ORDER_LIFECYCLE, replaceSql(ORDER_LIFECYCLE));
    this.runs.sla = prepare(LOGISTICS_EFFICIENCY_MONITOR, replaceSql(LOGISTICS_EFFICIENCY_MONITOR));
    this.runs.anomalies = prepare(ABNORMAL_ORDER_HANDLING, replaceSql(ABNORMAL_ORDER_HANDLING));
    this.runs.orderStates = prepare(ORDER_STATE, replaceSql(ORDER_STATE));
    // Additive; the averages of a new row come from its sums, as the upsert recomputes them.
    this.runs.dataQuality = prepare<DataQualityRow>(DATA_QUALITY_METRICS, dataQualityUpsertSql(), {
      avg_processing_time: (r) => (r.processing_time_count > 0 ? r.processing_time_sum / r.processing_time_count : null),
      error_rate: (r) => (r.total_records > 0 ? r.schema_violation_count / r.total_records : 0),
    }) as RunRow<object>;
    this.op = prepare<InventoryOpRow>(INVENTORY_UPDATE_RESULTS, insertIgnoreSql(INVENTORY_UPDATE_RESULTS));
    // The op's deltas, applied only if no column goes negative (SPEC §6 invariant).
    this.stock = db.prepare(
      `UPDATE product_inventory SET available_stock = available_stock + ?, frozen_stock = frozen_stock + ?,
         total_stock = total_stock + ?, update_time = ?
       WHERE sku_id = ? AND available_stock + ? >= 0 AND frozen_stock + ? >= 0 AND total_stock + ? >= 0`,
    );
    this.readTotals = db.prepare(
      `INSERT INTO read_totals (topic, records) VALUES (?, ?)
       ON CONFLICT (topic) DO UPDATE SET records = records + excluded.records`,
    );
    this.checkpoint = prepare(CHECKPOINT, replaceSql(CHECKPOINT));
    this.commit = db.transaction((b: CommitBatch) => this.write(b));
  }

  private write(b: CommitBatch): void {
    this.all('deadLetters', b.deadLetters);
    this.applyOps(b.ops);
    this.all('dispatches', b.dispatches);
    this.all('notifications', b.notifications);
    this.all('metrics', b.metrics);
    this.all('dataQuality', b.dataQuality);
    this.all('lifecycle', b.lifecycle);
    this.all('sla', b.sla);
    this.all('anomalies', b.anomalies);
    this.all('orderCommands', b.orderCommands);
    this.all('orderStates', b.orderStates);
    for (const topic in b.readTotals) {
      const n = b.readTotals[topic as keyof CommitBatch['readTotals']];
      if (n) this.readTotals.run(topic, n);
    }
    if (b.checkpoint) this.checkpoint({ id: 1, ...b.checkpoint });
  }

  private all(key: Rows, rows: readonly object[]): void {
    const run = this.runs[key]!;
    for (let i = 0; i < rows.length; i++) run(rows[i]!);
  }

  /**
   * Ledger rows first (op_id once, ever); the stock changes of the newly recorded SUCCESS ops are
   * summed per SKU and applied with one conditional update each, in the same transaction: no
   * reader ever sees a state between two ops, and none where a figure is negative.
   */
  private applyOps(ops: readonly InventoryOpRow[]): void {
    const deltas = new Map<string, [number, number, number]>();
    for (const op of ops) {
      if (this.op(op).changes !== 1 || op.status !== 'SUCCESS') continue;
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
    for (const [sku, [da, df, time]] of deltas) {
      const dt = da + df;
      if (this.stock.run(da, df, dt, time, sku, da, df, dt).changes !== 1) {
        throw new InternalError(`SKU ${sku} is unknown or its stock would go negative (Δavailable ${da}, Δfrozen ${df})`);
      }
    }
  }
}
