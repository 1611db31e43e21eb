// The tables of the store, declared once (SPEC §1, §2, §5–§11, §13; shapes in engine/types.ts and
// engine/ports.ts). Driver-neutral: the SQLite store creates its tables from this, the MySQL
// migrations are written out to match it (a test catches drift), and the NDJSON export writes exactly the `exported` columns,
// in this order, sorted by the key.

/**
 * How a value is held. Engine form → SQL form: `time` is epoch ms → a timestamp (SQLite: INTEGER
 * epoch ms, MySQL: DATETIME(3) UTC; JSON output: ISO-8601 UTC with ms); `bool` → 0/1 (JSON
 * true/false); `json` → JSON text; the others as they are.
 */
export type ColumnKind = 'text' | 'int' | 'real' | 'time' | 'bool' | 'json';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  /** Written to the NDJSON output (false: stored only, e.g. the data-quality sums). */
  readonly exported: boolean;
}

/** output: written to `<name>.ndjson`; reference: seeded, read by the engine; internal: the store's own. */
export type TableRole = 'output' | 'reference' | 'internal';

export interface TableSchema {
  readonly name: string;
  readonly role: TableRole;
  readonly columns: readonly Column[];
  /** Primary key, in order; also the sort order of the export. */
  readonly key: readonly string[];
  /** A table of at most one row (its key column must equal 1). */
  readonly singleton?: boolean;
}

/** `'name kind'`, `'name kind?'` (nullable), `'name kind hidden'` (stored, not exported). */
function table(name: string, role: TableRole, key: string[], specs: string[], singleton = false): TableSchema {
  const columns = specs.map((spec): Column => {
    const [col, kindSpec, flag] = spec.split(' ') as [string, string, string | undefined];
    // Names are emitted into SQL and generated code: keep them plain identifiers.
    if (!/^[a-z_][a-z0-9_]*$/.test(col)) throw new Error(`schema ${name}: bad column name ${col}`);
    const nullable = kindSpec.endsWith('?');
    return { name: col, kind: kindSpec.replace('?', '') as ColumnKind, nullable, exported: flag !== 'hidden' };
  });
  for (const k of key) {
    if (!columns.some((c) => c.name === k)) throw new Error(`schema ${name}: key column ${k} is not declared`);
  }
  return { name, role, columns, key, singleton };
}

export const ORDER_LIFECYCLE = table('order_lifecycle', 'output', ['order_id'], [
  'order_id text', 'user_id text', 'create_time time',
  'pending_payment_time time?', 'paid_time time?', 'processing_time time?', 'shipped_time time?',
  'delivered_time time?', 'cancelled_time time?', 'refunded_time time?', 'expired_time time?',
  'cancel_reason text?', 'current_status text', 'status_updated_time time',
  'pending_payment_duration int?', 'processing_duration int?', 'shipping_duration int?',
  'delivery_duration int?', 'overall_duration int?', 'last_updated time',
]);

export const INVENTORY_UPDATE_RESULTS = table('inventory_update_results', 'output', ['op_id'], [
  'op_id text', 'order_id text', 'sku_id text', 'op_type text', 'quantity int',
  'prev_available_stock int?', 'new_available_stock int?', 'prev_frozen_stock int?', 'new_frozen_stock int?',
  'op_time time', 'process_time time', 'status text', 'message text?',
]);

export const LOGISTICS_DISPATCH_COMMANDS = table('logistics_dispatch_commands', 'output', ['command_id'], [
  'command_id text', 'order_id text', 'user_id text', 'sku_id text', 'quantity int', 'warehouse_id text?',
  'target_province text?', 'target_city text?', 'target_district text?', 'target_address text?',
  'required_delivery_time time', 'priority text', 'create_time time', 'status text',
]);

export const LOGISTICS_EFFICIENCY_MONITOR = table('logistics_efficiency_monitor', 'output', ['order_id'], [
  'order_id text', 'dispatched_time time?', 'transit_time time?', 'delivery_time time?', 'received_time time',
  'warehouse_id text?', 'warehouse_city text?', 'target_city text?',
  'warehouse_processing_minutes int?', 'first_mile_minutes int?', 'line_haul_minutes int?',
  'last_mile_minutes int?', 'total_delivery_minutes int', 'delivery_status text', 'promise_met bool?',
  'monitoring_time time',
]);

export const ABNORMAL_ORDER_HANDLING = table('abnormal_order_handling', 'output', ['order_id', 'abnormal_type'], [
  'order_id text', 'user_id text', 'abnormal_type text', 'overtime_minutes int', 'user_abnormal_count int',
  'detection_time time', 'handler text', 'handling_action text', 'handling_time time', 'status text',
  'notes text', 'resolved_by text?', 'resolved_at time?',
]);

export const ORDER_PROCESSING_METRICS = table('order_processing_metrics', 'output', ['metric_time'], [
  'metric_time time', 'order_count int', 'paid_count int', 'shipped_count int', 'delivered_count int',
  'cancelled_count int', 'avg_payment_time real?', 'avg_processing_time real?', 'avg_delivery_time real?',
  'abnormal_count int', 'abnormal_order_rate real?',
]);

export const ORDER_STATUS_NOTIFICATIONS = table('order_status_notifications', 'output', ['notification_id'], [
  'notification_id text', 'order_id text', 'user_id text', 'status text', 'prev_status text?',
  'status_time time', 'notification_type text', 'message_content text', 'priority int', 'create_time time',
  'notification_status text',
]);

/** The two hidden sums let two partial rows of one minute add up exactly (SPEC §2, §4). */
export const DATA_QUALITY_METRICS = table('data_quality_metrics', 'output', ['metric_time', 'source_table'], [
  'metric_time time', 'source_table text', 'total_records int', 'null_order_id_count int',
  'late_records_count int', 'schema_violation_count int', 'duplicate_count int',
  'avg_processing_time real?', 'error_rate real',
  'processing_time_sum int hidden', 'processing_time_count int hidden',
]);

/** `position` (hidden) is the dead letter's key, see `deadLetterPosition`. */
export const DEAD_LETTERS = table('dead_letters', 'output', ['position'], [
  'source_topic text?', 'partition int?', 'offset text?', 'file text?', 'line int?',
  'received_time time', 'reason text', 'payload text', 'position text hidden',
]);

/** Operator commands (SPEC §9); the same command for an order at one instant is written once. */
export const ORDER_COMMANDS = table('order_commands', 'output', ['issued_at', 'order_id', 'command'], [
  'command text', 'order_id text', 'reason text', 'operator text', 'issued_at time',
]);

export const PRODUCT_INVENTORY = table('product_inventory', 'output', ['sku_id'], [
  'product_id text?', 'sku_id text', 'total_stock int', 'available_stock int', 'frozen_stock int',
  'locked_stock int', 'update_time time?',
]);

export const PRODUCT_INFO = table('product_info', 'reference', ['sku_id'], [
  'sku_id text', 'product_id text?', 'product_name text?', 'category text?',
]);

export const USER_ADDRESS = table('user_address', 'reference', ['user_id', 'address_id'], [
  'user_id text', 'address_id text', 'province text?', 'city text?', 'district text?', 'address text?',
  'is_default bool',
]);

export const LOGISTICS_AREA_INFO = table('logistics_area_info', 'reference', ['area_id'], [
  'area_id text', 'province text?', 'city text?', 'district text?', 'warehouse_id text?',
]);

export const ORDER_PROCESSING_RULES = table('order_processing_rules', 'reference', ['rule_id'], [
  'rule_id text', 'rule_type text?', 'priority int?', 'condition_expr text?', 'action_expr text?',
  'effective_time time?', 'expire_time time?', 'status text?', 'create_time time?', 'update_time time?',
]);

/** Keyed state of the orders (SPEC §12): JSON text; resident = false once it left memory. */
export const ORDER_STATE = table('order_state', 'internal', ['order_id'], [
  'order_id text', 'state text', 'resident bool', 'partition_id int',
]);

/**
 * Kafka runs: one checkpoint per partition (its offsets and state), held by the instance that
 * reads it (`owner`, a fencing token: a commit for a partition another instance claimed fails).
 * `closed_through`: every window ending at or before it is closed in this partition (null: none).
 */
export const PARTITION_CHECKPOINT = table('partition_checkpoint', 'internal', ['partition_id'], [
  'partition_id int', 'source_id text', 'owner text', 'source_pos text?', 'state text?', 'closed_through int?', 'saved_at time',
]);

/** Kafka runs: each partition's figures of a 5-minute window (JSON); the window's row is their sum. */
export const METRIC_PARTS = table('metric_parts', 'internal', ['window_start', 'partition_id'], [
  'window_start int', 'partition_id int', 'part text',
]);

/** Kafka runs: windows ending at or before `emitted_through` have their order_processing_metrics row. */
export const METRIC_PROGRESS = table('metric_progress', 'internal', ['source_id'], ['source_id text', 'emitted_through int']);

export const CHECKPOINT = table('checkpoint', 'internal', ['id'], [
  'id int', 'source_id text', 'source_pos text', 'engine text', 'saved_at time',
], true);

/** Records read per topic, summed over commits: data-quality totals must equal it. */
export const READ_TOTALS = table('read_totals', 'internal', ['topic'], ['topic text', 'records int']);

/** The stock a SKU was first seeded with: seed + Σ successful op deltas = current stock. */
export const INVENTORY_SEED = table('inventory_seed', 'internal', ['sku_id'], [
  'sku_id text', 'total_stock int', 'available_stock int', 'frozen_stock int', 'locked_stock int',
]);

/** Operator decisions on anomalies (SPEC §9), kept apart from the engine's rows. */
export const ANOMALY_DECISIONS = table('anomaly_decisions', 'internal', ['order_id', 'abnormal_type', 'decision'], [
  'order_id text', 'abnormal_type text', 'decision text', 'action text?', 'note text?', 'operator text',
  'decided_at time',
]);

/** The live run's heartbeat and figures for the console (JSON, see runtime/run-status.ts). */
export const RUNTIME_STATUS = table('runtime_status', 'internal', ['id'], [
  'id int', 'status json', 'updated_at time',
], true);

/**
 * Requests to the live run that owns the engine (stock adjustments, replays), written by other
 * processes (the console, `ordertrack stock adjust`); the run executes them in order and answers.
 */
export const CONTROL_REQUESTS = table('control_requests', 'internal', ['id'], [
  'id int', 'kind text', 'args json', 'operator text', 'requested_at time', 'state text',
  'result text?', 'done_at time?',
]);

/** Every operator action (acknowledge, resolve, adjust, replay): who, when, what, why. */
export const AUDIT_LOG = table('audit_log', 'internal', ['id'], [
  'id int', 'at time', 'operator text', 'action text', 'target text', 'detail text?', 'reason text?',
]);

export const TABLES: readonly TableSchema[] = [
  ORDER_LIFECYCLE, INVENTORY_UPDATE_RESULTS, LOGISTICS_DISPATCH_COMMANDS, LOGISTICS_EFFICIENCY_MONITOR,
  ABNORMAL_ORDER_HANDLING, ORDER_PROCESSING_METRICS, ORDER_STATUS_NOTIFICATIONS, DATA_QUALITY_METRICS,
  DEAD_LETTERS, ORDER_COMMANDS, PRODUCT_INVENTORY,
  PRODUCT_INFO, USER_ADDRESS, LOGISTICS_AREA_INFO, ORDER_PROCESSING_RULES,
  ORDER_STATE, CHECKPOINT, PARTITION_CHECKPOINT, METRIC_PARTS, METRIC_PROGRESS, READ_TOTALS, INVENTORY_SEED, ANOMALY_DECISIONS,
  RUNTIME_STATUS, CONTROL_REQUESTS, AUDIT_LOG,
];

/** The tables written by the NDJSON export, one `<name>.ndjson` each (SPEC §13). */
export const EXPORTED_TABLES: readonly TableSchema[] = TABLES.filter((t) => t.role === 'output');

export function exportedColumns(t: TableSchema): Column[] {
  return t.columns.filter((c) => c.exported);
}

/**
 * The key of a dead letter: its place in the input, `F|<file>|<line>` or
 * `K|<topic>|<partition>|<offset>`, numbers zero-padded so that the key sorts in input order.
 */
export function deadLetterPosition(row: {
  source_topic: string | null;
  partition: number | null;
  offset: string | null;
  file: string | null;
  line: number | null;
}): string {
  if (row.file !== null) return `F|${row.file}|${pad(row.line ?? 0, 12)}`;
  return `K|${row.source_topic ?? ''}|${pad(row.partition ?? 0, 6)}|${pad(row.offset ?? '', 20)}`;
}

/** Kafka offsets are int64 text: padded as text, never through a float. */
function pad(n: number | string, width: number): string {
  return String(n).padStart(width, '0');
}
