// The store contract: what the runtime asks of the embedded SQLite store (and, later, MySQL).
// One `commit` is one transaction: output rows, stock changes, keyed state, source position and
// engine state land together or not at all (STYLE §3), so a crash at any moment resumes cleanly.
import type { AreaInfo, ProductInfo, StockRow, StorePort, UserAddress } from '../engine/ports.js';
import type {
  AnomalyRow,
  DataQualityRow,
  DeadLetterRow,
  DispatchRow,
  InventoryOpRow,
  LifecycleRow,
  MetricRow,
  NotificationRow,
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

export interface ReferenceSnapshot {
  product_info: ProductInfo[];
  user_address: UserAddress[];
  logistics_area_info: AreaInfo[];
}

export interface OrderStateRow {
  order_id: string;
  /** JSON text of the order's state. */
  state: string;
  /** false once the engine let it leave memory (SPEC §12). */
  resident: boolean;
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
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Store extends StorePort {
  seedReference(seed: ReferenceSeed, now: number): void;
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
