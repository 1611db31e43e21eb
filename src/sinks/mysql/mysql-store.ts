// The store in MySQL (or MariaDB) behind the `AsyncStore` contract, with the SQLite store's
// semantics call for call (the contract suite in test/ runs both). Each job lives in its own
// module; this class opens the pool and wires them together. Writes are one transaction each,
// retried as a whole on transient errors (db.ts).
import type { StockRow } from '../../engine/ports.js';
import type { OpStatus, OrderCommandRow } from '../../engine/types.js';
import { InternalError } from '../../errors.js';
import type { AnomalyDecision } from '../decision.js';
import { TABLES } from '../schema.js';
import type {
  CheckResult, Checkpoint, ClaimedPartition, CommitBatch, OrderStateRow, PartitionStore, ReferenceSeed, ReferenceSnapshot, SeedCounts,
} from '../store.js';
import type { OpenAnomalyCount } from '../prometheus/metrics.js';
import { runChecks } from './checks.js';
import { writeCommit } from './commit.js';
import { MysqlDb, type MysqlOptions, rows } from './db.js';
import { recordDecision } from './decisions.js';
import { q } from './dialect.js';
import { exportNdjson } from './export.js';
import { migrate, requireLatest } from './migrate.js';
import { claimPartitions, partitionOffsets } from './partitions.js';
import { allStock, loadReference, loadStock, referenceFingerprint, seedReference } from './reference.js';
import * as state from './state.js';

export interface MysqlStoreOptions extends MysqlOptions {
  /** Apply missing migrations on open (default: refuse a database that is not up to date). */
  migrate?: boolean;
}

const TABLE_NAMES = new Set(TABLES.map((t) => t.name));

export class MysqlStore implements PartitionStore {
  private readonly db: MysqlDb;
  private closed = false;

  private constructor(db: MysqlDb) {
    this.db = db;
  }

  /**
   * `mysql://user:pass@host:port/db`. Fails with one line (password masked) when the server is
   * unreachable, refuses the user, lacks the database, or its schema is not this code's.
   */
  static async open(url: string, opts: MysqlStoreOptions = {}): Promise<MysqlStore> {
    const db = await MysqlDb.connect(url, opts);
    try {
      if (opts.migrate) await migrate(db);
      else await requireLatest(db);
    } catch (err) {
      await db.end().catch(() => undefined);
      throw err;
    }
    return new MysqlStore(db);
  }

  /** The URL with the password masked, for messages. */
  get display(): string {
    return this.db.display;
  }

  seedReference(seed: ReferenceSeed, now: number): Promise<SeedCounts> {
    return this.db.transaction((c) => seedReference(c, seed, now));
  }

  loadReference(): Promise<ReferenceSnapshot> {
    return this.db.snapshot(loadReference);
  }

  allStock(): Promise<StockRow[]> {
    return this.db.read(allStock);
  }

  referenceFingerprint(): Promise<string> {
    return this.db.read(referenceFingerprint);
  }

  loadStock(skuIds: readonly string[]): Promise<Map<string, StockRow>> {
    return this.db.read((c) => loadStock(c, skuIds));
  }

  recordedOps(orderIds: readonly string[]): Promise<Map<string, OpStatus>> {
    return this.db.read((c) => state.recordedOps(c, orderIds));
  }

  loadOrders(orderIds: readonly string[]): Promise<Map<string, unknown>> {
    return this.db.read((c) => state.loadOrders(c, orderIds));
  }

  hasOps(): Promise<boolean> {
    return this.db.read(state.hasOps);
  }

  /** One transaction; rejects with InternalError (writing nothing) if a stock change would go negative. */
  commit(batch: CommitBatch): Promise<void> {
    return this.db.transaction((c) => writeCommit(c, batch));
  }

  /** Scale-out: makes `owner` the holder of these partitions and reads back their checkpoints and orders. */
  claimPartitions(sourceId: string, owner: string, partitions: readonly number[]): Promise<ClaimedPartition[]> {
    return this.db.transaction((c) => claimPartitions(c, sourceId, owner, partitions));
  }

  /** The saved offsets of each partition of `sourceId` (JSON text per partition). */
  partitionOffsets(sourceId: string): Promise<Map<number, string>> {
    return this.db.read((c) => partitionOffsets(c, sourceId));
  }

  /** Anomaly rows now, by type and status (for the open-anomalies gauge). */
  anomalyCounts(): Promise<OpenAnomalyCount[]> {
    return this.db.read(async (c) =>
      (await rows(c, 'SELECT `abnormal_type`, `status`, COUNT(*) FROM `abnormal_order_handling` GROUP BY `abnormal_type`, `status` ORDER BY 1, 2')).map(
        ([type, status, count]) => ({ type: type as string, status: status as string, count: Number(count) }),
      ),
    );
  }

  readCheckpoint(): Promise<Checkpoint | undefined> {
    return this.db.read(state.readCheckpoint);
  }

  resetState(): Promise<void> {
    return this.db.transaction(state.resetState);
  }

  residentOrders(): Promise<OrderStateRow[]> {
    return this.db.read(state.residentOrders);
  }

  awayOrderIds(): Promise<string[]> {
    return this.db.read(state.awayOrderIds);
  }

  /** Whether any of these tables (names from schema.ts) holds a row. */
  hasRows(tables: readonly string[]): Promise<boolean> {
    for (const t of tables) if (!TABLE_NAMES.has(t)) return Promise.reject(new InternalError(`hasRows: ${t} is not a store table`));
    return this.db.read(async (c) => {
      for (const t of tables) if ((await rows(c, `SELECT 1 FROM ${q(t)} LIMIT 1`)).length > 0) return true;
      return false;
    });
  }

  exportNdjson(dir: string, skip: readonly string[] = []): Promise<Record<string, number>> {
    return exportNdjson(this.db, dir, skip);
  }

  checks(): Promise<CheckResult[]> {
    return runChecks(this.db);
  }

  recordDecision(decision: AnomalyDecision, command?: OrderCommandRow): Promise<boolean> {
    return this.db.transaction((c) => recordDecision(c, decision, command));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.end();
  }
}
