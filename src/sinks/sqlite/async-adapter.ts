// The embedded store behind the async contract (store.ts `AsyncStore`), so a runtime written for
// a remote store runs on SQLite too, and one contract suite checks both. Every call is the sync
// store's, answered at once; a throw becomes a rejection. The batch reads loop over the sync
// look-ups.
import { createHash } from 'node:crypto';
import type { StockRow } from '../../engine/ports.js';
import type { OpStatus, OrderCommandRow } from '../../engine/types.js';
import type { AnomalyDecision } from '../decision.js';
import type {
  AsyncStore, CheckResult, Checkpoint, CommitBatch, OrderStateRow, ReferenceSeed, ReferenceSnapshot, SeedCounts,
} from '../store.js';
import type { SqliteStore } from './sqlite-store.js';

class SqliteAsyncStore implements AsyncStore {
  constructor(private readonly store: SqliteStore) {}

  async seedReference(seed: ReferenceSeed, now: number): Promise<SeedCounts> {
    return this.store.seedReference(seed, now);
  }

  async loadReference(): Promise<ReferenceSnapshot> {
    return this.store.loadReference();
  }

  async loadStock(skuIds: readonly string[]): Promise<Map<string, StockRow>> {
    const out = new Map<string, StockRow>();
    for (const id of skuIds) {
      const row = this.store.loadStock(id);
      if (row !== undefined) out.set(id, row);
    }
    return out;
  }

  async recordedOps(orderIds: readonly string[]): Promise<Map<string, OpStatus>> {
    return this.store.recordedOpsOf(orderIds);
  }

  async loadOrders(orderIds: readonly string[]): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    for (const id of orderIds) {
      const state = this.store.loadOrder(id);
      if (state !== undefined) out.set(id, state);
    }
    return out;
  }

  async allStock(): Promise<StockRow[]> {
    return this.store.allStock();
  }

  /** A digest of the rows (the embedded store is small; MySQL asks the server's CHECKSUM TABLE). */
  async referenceFingerprint(): Promise<string> {
    return createHash('sha1').update(JSON.stringify(this.store.loadReference())).digest('hex');
  }

  async hasOps(): Promise<boolean> {
    return this.store.hasOps();
  }

  async commit(batch: CommitBatch): Promise<void> {
    this.store.commit(batch);
  }

  async readCheckpoint(): Promise<Checkpoint | undefined> {
    return this.store.readCheckpoint();
  }

  async resetState(): Promise<void> {
    this.store.resetState();
  }

  /** All at once: the sync iterator must not stay open across a commit (state.ts). */
  async residentOrders(): Promise<OrderStateRow[]> {
    return [...this.store.residentOrders()];
  }

  async awayOrderIds(): Promise<string[]> {
    return this.store.awayOrderIds();
  }

  async hasRows(tables: readonly string[]): Promise<boolean> {
    return this.store.hasRows(tables);
  }

  async exportNdjson(dir: string, skip?: readonly string[]): Promise<Record<string, number>> {
    return this.store.exportNdjson(dir, skip);
  }

  async checks(): Promise<CheckResult[]> {
    return this.store.checks();
  }

  async recordDecision(decision: AnomalyDecision, command?: OrderCommandRow): Promise<boolean> {
    return this.store.recordDecision(decision, command);
  }

  async close(): Promise<void> {
    this.store.close();
  }
}

export function asyncStore(store: SqliteStore): AsyncStore {
  return new SqliteAsyncStore(store);
}
