// One commit = one transaction (STYLE §3): outputs, ledger + stock, keyed state, read totals and
// the checkpoint land together or not at all. Statements are prepared once per store; rows are
// bound by generated binders (binder.ts), CHUNK rows per statement (chunks.ts): a 1M-record
// replay commits ~1M rows.
import type Database from 'better-sqlite3';
import type { DataQualityRow, DeadLetterRow } from '../../engine/types.js';
import {
  ABNORMAL_ORDER_HANDLING, CHECKPOINT, DATA_QUALITY_METRICS, DEAD_LETTERS, deadLetterPosition,
  LOGISTICS_DISPATCH_COMMANDS, LOGISTICS_EFFICIENCY_MONITOR, ORDER_COMMANDS,
  ORDER_LIFECYCLE, ORDER_PROCESSING_METRICS, ORDER_STATE, ORDER_STATUS_NOTIFICATIONS, type TableSchema,
} from '../schema.js';
import type { Checkpoint, CommitBatch } from '../store.js';
import type { Derived } from './binder.js';
import { ChunkedStatement } from './chunks.js';
import { dataQualityUpsertSql } from './data-quality.js';
import { Ledger } from './ledger.js';
import { insertOrIgnoreSql, replaceSql } from './sql.js';

type Stmt = Database.Statement<unknown[]>;
type Rows = Exclude<keyof CommitBatch, 'ops' | 'readTotals' | 'checkpoint'>;

export class CommitWriter {
  private readonly tables: Partial<Record<Rows, ChunkedStatement<object>>> = {};
  private readonly ledger: Ledger;
  private readonly readTotals: Stmt;
  private readonly checkpoint: ChunkedStatement<Checkpoint & { id: number }>;
  readonly commit: (batch: CommitBatch) => void;

  constructor(db: Database.Database) {
    // First wins: dead letters (keyed by position), dispatches and notifications (once ever).
    const firstWins = <T extends object>(t: TableSchema, derived?: Derived<T>) =>
      new ChunkedStatement<T>(db, t, (n) => insertOrIgnoreSql(t, n), { derived, checkNulls: true }) as ChunkedStatement<object>;
    // Last wins: rows that follow an order or a window.
    const lastWins = (t: TableSchema) => new ChunkedStatement<object>(db, t, (n) => replaceSql(t, n));
    this.tables.deadLetters = firstWins<DeadLetterRow>(DEAD_LETTERS, { position: deadLetterPosition });
    this.tables.dispatches = firstWins(LOGISTICS_DISPATCH_COMMANDS);
    this.tables.notifications = firstWins(ORDER_STATUS_NOTIFICATIONS);
    this.tables.orderCommands = firstWins(ORDER_COMMANDS);
    this.tables.metrics = lastWins(ORDER_PROCESSING_METRICS);
    this.tables.lifecycle = lastWins(ORDER_LIFECYCLE);
    this.tables.sla = lastWins(LOGISTICS_EFFICIENCY_MONITOR);
    this.tables.anomalies = lastWins(ABNORMAL_ORDER_HANDLING);
    this.tables.orderStates = lastWins(ORDER_STATE);
    // Additive; the averages of a new row come from its sums, as the upsert recomputes them.
    this.tables.dataQuality = new ChunkedStatement<DataQualityRow>(db, DATA_QUALITY_METRICS, dataQualityUpsertSql, {
      derived: {
        avg_processing_time: (r) => (r.processing_time_count > 0 ? r.processing_time_sum / r.processing_time_count : null),
        error_rate: (r) => (r.total_records > 0 ? r.schema_violation_count / r.total_records : 0),
      },
    }) as ChunkedStatement<object>;
    this.ledger = new Ledger(db);
    this.readTotals = db.prepare(
      `INSERT INTO read_totals (topic, records) VALUES (?, ?)
       ON CONFLICT (topic) DO UPDATE SET records = records + excluded.records`,
    );
    this.checkpoint = new ChunkedStatement(db, CHECKPOINT, (n) => replaceSql(CHECKPOINT, n));
    this.commit = db.transaction((b: CommitBatch) => this.write(b));
  }

  private write(b: CommitBatch): void {
    this.all('deadLetters', b.deadLetters);
    this.ledger.apply(b.ops);
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
    if (b.checkpoint) this.checkpoint.all([{ id: 1, ...b.checkpoint }]);
  }

  private all(key: Rows, rows: readonly object[]): void {
    if (rows.length > 0) this.tables[key]!.all(rows);
  }
}
