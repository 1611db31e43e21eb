// What the order-domain functions need from the partition that runs them.
import type { Collector, StorePort } from '../ports.js';
import type { ReferenceIndex } from '../reference.js';
import type { Params } from '../rules.js';
import type { AbnormalType } from '../types.js';
import type { EngineStats } from '../stats.js';
import type { OrderState } from './order-state.js';
import type { StockBook } from './stock-book.js';

export interface OrderContext {
  readonly refs: ReferenceIndex;
  readonly stock: StockBook;
  readonly out: Collector;
  readonly store: StorePort;
  readonly stats: EngineStats;
  /** Consult the store's ledger before an op (a fresh state over a store that has ops). */
  readonly consultLedger: boolean;
  /** Processing time of the record being applied. */
  readonly now: number;
  /** "The clock now" for an immediate detection: the partition clock, or the record's event time while it is undefined. */
  detectionTime(): number;
  /** Raises an anomaly (once per order and type) detected at `detection`. */
  raise(order: OrderState, type: AbnormalType, overtimeMinutes: number, detection: number): void;
  /** The thresholds for this order: the defaults, or what the rules in force set (SPEC §11). */
  params(order: OrderState): Readonly<Params>;
  /** Marks parts of the order as changed (DIRTY_* bits). */
  touch(order: OrderState, parts: number): void;
}
