// The store contract: what the runtime asks of the embedded SQLite store (and, later, MySQL).
// One `commit` is one transaction: output rows, stock changes, keyed state, source position and
// engine state land together or not at all (STYLE §3), so a crash at any moment resumes cleanly.
import type { AreaInfo, ProductInfo, StockRow, StorePort, UserAddress } from '../engine/ports.js';
import type { RuleRow } from '../engine/rules.js';
import type { WindowPart } from '../engine/windows.js';
import type { AnomalyDecision } from './decision.js';
import type {
  AnomalyRow,
  DataQualityRow,
  DeadLetterRow,
  DispatchRow,
  InventoryOpRow,
  LifecycleRow,
  MetricRow,
  NotificationRow,
  OpStatus,
  OrderCommandRow,
  SlaRow,
  TopicName,
} from '../engine/types.js';

export interface ReferenceSeed {
  product_inventory: StockRow[];
  product_info: ProductInfo[];
  user_address: UserAddress[];
  logistics_area_info: AreaInfo[];
  order_processing_rules: Record<string, unknown>[];
}

/** Rows a seed added, per reference table (a row already in the store is kept, and not counted). */
export type SeedCounts = Record<string, number>;

export interface ReferenceSnapshot {
  product_info: ProductInfo[];
  user_address: UserAddress[];
  logistics_area_info: AreaInfo[];
  order_processing_rules: RuleRow[];
}

export interface OrderStateRow {
  order_id: string;
  /** JSON text of the order's state. */
  state: string;
  /** false once the engine let it leave memory (SPEC §12). */
  resident: boolean;
  /** The engine partition the order belongs to (a takeover restores its partitions' orders). */
  partition_id: number;
}

export interface Checkpoint {
  /** Identifies the input the position belongs to (e.g. the source directory). */
  source_id: string;
  /** JSON text: the source's position. */
  source_pos: string;
  /** JSON text: the engine's global state (watermarks, timers, windows, counters). */
  engine: string;
  saved_at: number;
}

export interface CommitBatch {
  deadLetters: DeadLetterRow[];
  /** Applied in order: ledger row first (op_id unique), then the conditional stock change. */
  ops: InventoryOpRow[];
  dispatches: DispatchRow[];
  notifications: NotificationRow[];
  metrics: MetricRow[];
  /** Additive per (metric_time, source_table): two parts of one minute add up. */
  dataQuality: DataQualityRow[];
  lifecycle: LifecycleRow[];
  sla: SlaRow[];
  anomalies: AnomalyRow[];
  orderCommands: OrderCommandRow[];
  orderStates: OrderStateRow[];
  /** Records read per topic since the last commit (added to the store's running totals). */
  readTotals: Partial<Record<TopicName, number>>;
  /** When present, replaces the stored checkpoint in the same transaction. */
  checkpoint?: Checkpoint;
  /** Kafka runs (MySQL only): per-partition checkpoints and window parts, fenced by owner. */
  partitions?: PartitionCommit;
}

/** One partition's checkpoint in a Kafka run. */
export interface PartitionCheckpoint {
  partition: number;
  /** JSON text: the partition's next offset per topic. */
  sourcePos: string;
  /** JSON text: the partition's engine state (watermarks, timers, open windows). */
  state: string;
  /** Every window ending at or before this time is closed in the partition (null: none; Infinity: all). */
  closedThrough: number | null;
}

/**
 * What a Kafka run's commit adds (MySQL): the checkpoints of the partitions it owns, written only
 * while `owner` still holds every one of them, and the window parts its partitions closed.
 */
export interface PartitionCommit {
  sourceId: string;
  owner: string;
  /** Partitions of the group in all (windows complete once all of them closed them). */
  partitionCount: number;
  checkpoints: PartitionCheckpoint[];
  metricParts: { partition: number; part: WindowPart }[];
  savedAt: number;
  /** Set by the store: the order_processing_metrics rows this commit completed (for metrics). */
  emitted?: MetricRow[];
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Store extends StorePort {
  seedReference(seed: ReferenceSeed, now: number): SeedCounts;
  loadReference(): ReferenceSnapshot;
  /** Whether any inventory op is recorded (a fresh state on such a store must consult the ledger). */
  hasOps(): boolean;
  commit(batch: CommitBatch): void;
  readCheckpoint(): Checkpoint | undefined;
  /** Forget keyed state and checkpoint (outputs, ledger, stock and decisions stay). */
  resetState(): void;
  residentOrders(): IterableIterator<OrderStateRow>;
  /** Ids of saved orders that are not resident (the engine looks only these up in the store). */
  awayOrderIds(): string[];
  /** Whether any of these output tables holds a row. */
  hasRows(tables: readonly string[]): boolean;
  /** Writes one NDJSON file per output table into `dir` (but those in `skip`); returns rows per table. */
  exportNdjson(dir: string, skip?: readonly string[]): Record<string, number>;
  checks(): CheckResult[];
  close(): void;
}

/**
 * The store as a runtime sees it when the database may be remote (MySQL): every call is async,
 * and the engine's synchronous reads (StorePort) are served from what the runtime prefetches per
 * batch with `loadStock`, `recordedOps` and `loadOrders`. Same semantics as `Store`, call for call;
 * `asyncStore(sqlite)` adapts the embedded store, and one contract suite runs against both.
 */
export interface AsyncStore {
  seedReference(seed: ReferenceSeed, now: number): Promise<SeedCounts>;
  loadReference(): Promise<ReferenceSnapshot>;
  /** Stock rows of these SKUs (unknown SKUs are absent from the map). */
  loadStock(skuIds: readonly string[]): Promise<Map<string, StockRow>>;
  /** Ledger results of the ops of these orders, by op_id. */
  recordedOps(orderIds: readonly string[]): Promise<Map<string, OpStatus>>;
  /** Saved states (OrderState.toJSON form, parsed) of these orders, by order_id. */
  loadOrders(orderIds: readonly string[]): Promise<Map<string, unknown>>;
  hasOps(): Promise<boolean>;
  /** Every stock row (a live run re-reads them to take in changes others made). */
  allStock(): Promise<StockRow[]>;
  /** Changes whenever product_info, user_address or logistics_area_info changes. */
  referenceFingerprint(): Promise<string>;
  /** One transaction; rejects (writing nothing) if a stock change would go negative. */
  commit(batch: CommitBatch): Promise<void>;
  readCheckpoint(): Promise<Checkpoint | undefined>;
  resetState(): Promise<void>;
  residentOrders(): Promise<OrderStateRow[]>;
  awayOrderIds(): Promise<string[]>;
  hasRows(tables: readonly string[]): Promise<boolean>;
  exportNdjson(dir: string, skip?: readonly string[]): Promise<Record<string, number>>;
  checks(): Promise<CheckResult[]>;
  /** Keeps an operator's decision (and the command it publishes); false if one of that kind stands. */
  recordDecision(decision: AnomalyDecision, command?: OrderCommandRow): Promise<boolean>;
  close(): Promise<void>;
}

/** A partition as a takeover finds it: its checkpoint (if any) and its saved orders. */
export interface ClaimedPartition {
  partition: number;
  /** JSON text of the partition's offsets per topic (absent: never checkpointed). */
  sourcePos?: string;
  /** JSON text of the partition's engine state (absent: never checkpointed). */
  state?: string;
  resident: OrderStateRow[];
  awayIds: string[];
}

/** A store several instances of one consumer group share (MySQL): partitions are claimed, commits fenced. */
export interface PartitionStore extends AsyncStore {
  /** Makes `owner` the holder of these partitions and reads back their checkpoints and orders. */
  claimPartitions(sourceId: string, owner: string, partitions: readonly number[]): Promise<ClaimedPartition[]>;
  /** The saved offsets of each partition of `sourceId` (JSON text per partition). */
  partitionOffsets(sourceId: string): Promise<Map<number, string>>;
}
