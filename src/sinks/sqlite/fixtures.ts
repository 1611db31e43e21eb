// Row builders for the store's tests: valid rows with overridable fields. Kept out of the test
// files so each suite states only what it varies.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StockRow } from '../../engine/ports.js';
import type {
  AnomalyRow, DataQualityRow, DeadLetterRow, DispatchRow, InventoryOpRow, LifecycleRow, NotificationRow,
} from '../../engine/types.js';
import type { CommitBatch, ReferenceSeed } from '../store.js';
import { SqliteStore } from './sqlite-store.js';

export const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);
export const MIN = 60_000;

export function batch(parts: Partial<CommitBatch> = {}): CommitBatch {
  return {
    deadLetters: [], ops: [], dispatches: [], notifications: [], metrics: [], dataQuality: [], lifecycle: [],
    sla: [], anomalies: [], orderCommands: [], orderStates: [], readTotals: {}, ...parts,
  };
}

export function stock(sku: string, available: number, frozen = 0, locked = 0): StockRow {
  return {
    product_id: `P-${sku}`, sku_id: sku, total_stock: available + frozen + locked, available_stock: available,
    frozen_stock: frozen, locked_stock: locked, update_time: null,
  };
}

export function seed(parts: Partial<ReferenceSeed> = {}): ReferenceSeed {
  return { product_inventory: [], product_info: [], user_address: [], logistics_area_info: [], order_processing_rules: [], ...parts };
}

/** A FREEZE of q from (available, frozen); override for other types. */
export function op(id: string, sku: string, q: number, available: number, frozen = 0, o: Partial<InventoryOpRow> = {}): InventoryOpRow {
  return {
    op_id: `${id}:I1:FREEZE`, order_id: id, sku_id: sku, op_type: 'FREEZE', quantity: q,
    prev_available_stock: available, new_available_stock: available - q, prev_frozen_stock: frozen,
    new_frozen_stock: frozen + q, op_time: T0, process_time: T0 + 1, status: 'SUCCESS', message: null, ...o,
  };
}

export function lifecycle(id: string, o: Partial<LifecycleRow> = {}): LifecycleRow {
  return {
    order_id: id, user_id: 'U1', create_time: T0, pending_payment_time: T0, paid_time: null, processing_time: null,
    shipped_time: null, delivered_time: null, cancelled_time: null, refunded_time: null, expired_time: null,
    cancel_reason: null, current_status: 'PENDING_PAYMENT', status_updated_time: T0, pending_payment_duration: null,
    processing_duration: null, shipping_duration: null, delivery_duration: null, overall_duration: 0,
    last_updated: T0, ...o,
  };
}

export function deadLetter(line: number, o: Partial<DeadLetterRow> = {}): DeadLetterRow {
  return {
    source_topic: 'order_status_events', partition: null, offset: null, file: 'order_status_events.ndjson', line,
    received_time: T0, reason: 'PARSE_ERROR', payload: '{oops', ...o,
  };
}

export function dispatch(id: string, o: Partial<DispatchRow> = {}): DispatchRow {
  return {
    command_id: `${id}:I1:DISPATCH`, order_id: id, user_id: 'U1', sku_id: 'S1', quantity: 1, warehouse_id: 'W1',
    target_province: 'P', target_city: 'C', target_district: 'D', target_address: 'A 1',
    required_delivery_time: T0 + 72 * 60 * MIN, priority: 'LOW', create_time: T0, status: 'PENDING', ...o,
  };
}

export function notification(id: string, o: Partial<NotificationRow> = {}): NotificationRow {
  return {
    notification_id: `${id}:PAID`, order_id: id, user_id: 'U1', status: 'PAID', prev_status: 'PENDING_PAYMENT',
    status_time: T0, notification_type: 'APP_PUSH', message_content: `Order ${id} has been paid successfully`,
    priority: 2, create_time: T0, notification_status: 'PENDING', ...o,
  };
}

export function anomaly(id: string, o: Partial<AnomalyRow> = {}): AnomalyRow {
  return {
    order_id: id, user_id: 'U1', abnormal_type: 'PAYMENT_TIMEOUT', overtime_minutes: 3, user_abnormal_count: 1,
    detection_time: T0, handler: 'order_support', handling_action: 'CANCEL_ORDER', handling_time: T0,
    status: 'PENDING', notes: 'Auto-generated handling instruction', resolved_by: null, resolved_at: null, ...o,
  };
}

export function dataQuality(minute: number, o: Partial<DataQualityRow> = {}): DataQualityRow {
  return {
    metric_time: T0 + minute * MIN, source_table: 'order_status_events', total_records: 10, null_order_id_count: 1,
    late_records_count: 2, schema_violation_count: 1, duplicate_count: 0, processing_time_sum: 1000,
    processing_time_count: 9, avg_processing_time: 1000 / 9, error_rate: 0.1, ...o,
  };
}

/** An in-memory store seeded with `stock`, a scratch directory, and the rows an export writes. */
export function testStore(stockRows: StockRow[], t0: number): {
  store: SqliteStore;
  exported(table: string): Record<string, unknown>[];
  close(): void;
} {
  const store = SqliteStore.open(':memory:');
  store.seedReference(seed({ product_inventory: stockRows }), t0);
  const dir = mkdtempSync(join(tmpdir(), 'ordertrack-store-'));
  return {
    store,
    exported(table) {
      store.exportNdjson(dir);
      const text = readFileSync(join(dir, `${table}.ndjson`), 'utf8');
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The checks scenario's stock: S1 with 10 available, S2 with 5 available, 2 frozen, 1 locked. */
export const CHECKS_STOCK: readonly StockRow[] = [stock('S1', 10), stock('S2', 5, 2, 1)];

/** The checks scenario's commit: a FREEZE and a DECREASE of S1, a FAILED FREEZE of S2, and data quality counting the 14 records read. */
export function checksBatch(): CommitBatch {
  return batch({
    ops: [
      op('O1', 'S1', 3, 10),
      op('O2', 'S1', 2, 7, 3, { op_id: 'O2:I1:DECREASE', op_type: 'DECREASE', new_available_stock: 5, new_frozen_stock: 3 }),
      op('O3', 'S2', 9, 5, 2, { status: 'FAILED', new_available_stock: 5, new_frozen_stock: 2, message: 'Insufficient stock to freeze' }),
    ],
    dataQuality: [dataQuality(0), dataQuality(1, { total_records: 4 })],
    readTotals: { order_status_events: 14 },
  });
}
