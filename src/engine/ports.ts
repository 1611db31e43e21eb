// What the engine reads from, and writes to, the world. All calls are synchronous: the embedded
// store answers at once; an adapter for a remote store prefetches per batch. The engine never
// imports a driver, a file API or the wall clock (STYLE §1, §2).
import type {
  DataQualityRow,
  DeadLetterRow,
  DispatchRow,
  InventoryOpRow,
  MetricRow,
  NotificationRow,
  OpStatus,
} from './types.js';
import type { WindowPart } from './windows.js';

/** Reference rows, as the store (or a seed file) holds them. Ids are text. */
export interface ProductInfo {
  sku_id: string;
  product_id: string | null;
  product_name: string | null;
  category: string | null;
}
export interface UserAddress {
  user_id: string;
  address_id: string;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  is_default: boolean;
}
export interface AreaInfo {
  area_id: string;
  province: string | null;
  city: string | null;
  district: string | null;
  warehouse_id: string | null;
}
export interface StockRow {
  product_id: string | null;
  sku_id: string;
  total_stock: number;
  available_stock: number;
  frozen_stock: number;
  locked_stock: number;
  update_time: number | null;
}

/** Reads of the store the engine needs while it applies records. */
export interface StorePort {
  /** The SKU's stock row, or undefined for an unknown SKU. The engine keeps and mutates its copy. */
  loadStock(skuId: string): StockRow | undefined;
  /** An op already recorded in the ledger (op_id is used at most once, ever). */
  recordedOp(opId: string): OpStatus | undefined;
  /** The saved state of an order that left memory (SPEC §12), as `OrderState.toJSON` gave it. */
  loadOrder(orderId: string): unknown;
}

/** Where the engine's outputs go. Upsert tables (lifecycle, SLA, anomalies) are read off dirty orders. */
export interface Collector {
  deadLetter(row: DeadLetterRow): void;
  inventoryOp(row: InventoryOpRow): void;
  dispatch(row: DispatchRow): void;
  notification(row: NotificationRow): void;
  metric(row: MetricRow): void;
  dataQuality(row: DataQualityRow): void;
  /** One partition's figures of a closed window (engines with `windowParts` only). */
  metricPart?(partition: number, part: WindowPart): void;
}
