// The embedded store: one SQLite file (or `:memory:`) behind the `Store` contract. Each job lives
// in its own module; this class opens the database and wires them together.
import type Database from 'better-sqlite3';
import type { StockRow } from '../../engine/ports.js';
import type { OpStatus, OrderCommandRow } from '../../engine/types.js';
import { InternalError } from '../../errors.js';
import type { DataQualityView } from '../../ui/model.js';
import type { AnomalyDecision } from '../decision.js';
import type {
  CheckResult, Checkpoint, CommitBatch, OrderStateRow, ReferenceSeed, ReferenceSnapshot, SeedCounts, Store,
} from '../store.js';
import { runChecks } from './checks.js';
import { CommitWriter } from './commit.js';
import { ConsoleQueries, DATA_QUALITY_TOTALS_SQL } from './console-queries.js';
import { ControlTables, ensureConsoleIndexes } from './control.js';
import { DecisionTable } from './decisions.js';
import { exportNdjson } from './export.js';
import { openDatabase } from './migrate.js';
import { ReferenceTables } from './reference.js';
import { StateTables } from './state.js';
import { type LeaseHolder, WriterLease } from './writer-lease.js';

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly writer: CommitWriter;
  private readonly reference: ReferenceTables;
  private readonly state: StateTables;
  private readonly decisions: DecisionTable;
  /** Heartbeat, requests to the live run, audit trail. */
  readonly control: ControlTables;
  private consoleQueries: ConsoleQueries | undefined;

  private constructor(
    db: Database.Database,
    private readonly lease: WriterLease | undefined,
  ) {
    this.db = db;
    this.writer = new CommitWriter(db);
    this.reference = new ReferenceTables(db);
    this.state = new StateTables(db);
    this.decisions = new DecisionTable(db);
    this.control = new ControlTables(db);
  }

  /** The console's reads (creates the indexes they need on first use). */
  get queries(): ConsoleQueries {
    if (this.consoleQueries === undefined) {
      ensureConsoleIndexes(this.db);
      this.consoleQueries = new ConsoleQueries(this.db);
    }
    return this.consoleQueries;
  }

  /** Runs `fn` in one transaction (several writes that must land together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * A file path or `:memory:`; creates the tables when missing (UserError if it cannot be opened).
   * `engine` (`replay`, `live run`): the store is opened to be written by an engine, which holds
   * its lock from now until close() (writer-lease.ts); refused while another engine holds it.
   */
  static open(path: string, engine?: { command: string; now: number }): SqliteStore {
    const lease = engine ? WriterLease.acquire(path, engine.command, engine.now) : undefined;
    try {
      return new SqliteStore(openDatabase(path), lease);
    } catch (err) {
      lease?.release();
      throw err;
    }
  }

  /** Another process's engine that writes this store now (a replay, a live run), if any. */
  otherWriter(): LeaseHolder | undefined {
    return WriterLease.activeHolder(this.db.name);
  }

  seedReference(seed: ReferenceSeed, now: number): SeedCounts {
    return this.reference.seed(seed, now);
  }

  loadReference(): ReferenceSnapshot {
    return this.reference.load();
  }

  allStock(): StockRow[] {
    return this.reference.allStock();
  }

  loadStock(skuId: string): StockRow | undefined {
    return this.reference.loadStock(skuId);
  }

  recordedOp(opId: string): OpStatus | undefined {
    return this.state.recordedOp(opId);
  }

  /** Every recorded op of these orders, by op_id (a remote store's runtime prefetches them). */
  recordedOpsOf(orderIds: Iterable<string>): Map<string, OpStatus> {
    return this.state.recordedOpsOf(orderIds);
  }

  loadOrder(orderId: string): unknown {
    return this.state.loadOrder(orderId);
  }

  hasOps(): boolean {
    return this.state.hasOps();
  }

  /** One transaction; throws InternalError (and writes nothing) if a stock change would go negative. */
  commit(batch: CommitBatch): void {
    // Per-partition checkpoints belong to Kafka runs, whose store is MySQL.
    if (batch.partitions) throw new InternalError('the SQLite store keeps one checkpoint; partition checkpoints need MySQL');
    this.writer.commit(batch);
  }

  /** Data quality summed over the stored rows (a live run adds what it has not written yet). */
  dataQualityTotals(): DataQualityView {
    return this.db.prepare(DATA_QUALITY_TOTALS_SQL).get() as DataQualityView;
  }

  readCheckpoint(): Checkpoint | undefined {
    return this.state.readCheckpoint();
  }

  resetState(): void {
    this.state.resetState();
  }

  awayOrderIds(): string[] {
    return this.state.awayOrderIds();
  }

  residentOrders(): IterableIterator<OrderStateRow> {
    return this.state.residentOrders();
  }

  /** Keeps an operator's decision (and the command it publishes); false if one of that kind stands. */
  recordDecision(decision: AnomalyDecision, command?: OrderCommandRow): boolean {
    return this.decisions.add(decision, command);
  }

  /** Rows written per table (file `<table>.ndjson`). */
  hasRows(tables: readonly string[]): boolean {
    return tables.some((t) => this.db.prepare(`SELECT 1 FROM "${t.replace(/"/g, '')}" LIMIT 1`).get() !== undefined);
  }

  exportNdjson(dir: string, skip: readonly string[] = []): Record<string, number> {
    return exportNdjson(this.db, dir, skip);
  }

  checks(): CheckResult[] {
    return runChecks(this.db);
  }

  close(): void {
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.lease?.release();
    }
  }
}
