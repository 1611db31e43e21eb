// What the console shows and what it can ask for. The runtime side (src/runtime/console-feed.ts)
// builds a `ConsoleSnapshot` from the store at most a few times a second; views are props in,
// JSX out, and never import a driver (STYLE §7). Times are epoch ms; `null` means "not known yet".

export type AnomalyStatus = 'PENDING' | 'PROCESSED' | 'RESOLVED';

export interface AnomalyView {
  order_id: string;
  user_id: string;
  abnormal_type: string;
  overtime_minutes: number;
  user_abnormal_count: number;
  detection_time: number;
  handler: string;
  handling_action: string;
  status: AnomalyStatus;
  notes: string;
  resolved_by: string | null;
  resolved_at: number | null;
}

export interface StockView {
  sku_id: string;
  product_name: string | null;
  available: number;
  frozen: number;
  /** Held outside ordertrack (total = available + frozen + locked). */
  locked: number;
  total: number;
  /** FAILED ops recorded for this SKU. */
  failed_ops: number;
}

export interface OpView {
  op_id: string;
  order_id: string | null;
  sku_id: string;
  op_type: string;
  quantity: number;
  status: string;
  message: string | null;
  process_time: number;
}

export interface SlaWindowView {
  /** Window start (5 minutes, by received time). */
  start: number;
  on_time: number;
  at_risk: number;
  overdue: number;
}

export interface WarehouseSlaView {
  warehouse_id: string;
  warehouse_city: string | null;
  on_time: number;
  at_risk: number;
  overdue: number;
  /** Mean total_delivery_minutes, null without deliveries. */
  avg_total_minutes: number | null;
}

export interface InFlightView {
  order_id: string;
  user_id: string;
  paid_time: number;
  current_status: string;
  /** Minutes since payment, against the engine's clock. */
  minutes: number;
  level: 'AT_RISK' | 'OVERDUE';
}

export interface StageView {
  name: string;
  rows: number;
  rows_per_sec: number;
}

export interface ReplayProgress {
  topics: string[];
  /** Event time the replay started from; null for earliest. */
  from: number | null;
  total: number;
  done: number;
  started_at: number;
  /** Estimated wall-clock ms left; null until known. */
  eta_ms: number | null;
  state: 'running' | 'done' | 'failed';
  message: string | null;
}

export interface ConsoleSnapshot {
  /** When this snapshot was read (wall clock). */
  read_at: number;
  run: {
    /** What feeds the run (a directory, "simulator"). */
    source: string;
    store: string;
    /** The run's last heartbeat; null when no run has written to this store. */
    heartbeat_at: number | null;
    /** The run is alive: its heartbeat is recent. */
    live: boolean;
    /** The run said it stopped (Ctrl-C, end of a headless run): its figures are final, not lost. */
    stopped: boolean;
    speed: number | null;
  };
  overview: {
    /** Records per second, one point per second (oldest first), up to 120 points. */
    records_per_sec: number[];
    /** Orders reaching each status per wall-clock minute (oldest first), up to 30 points. */
    per_minute: { created: number[]; paid: number[]; shipped: number[]; delivered: number[] };
    /** Orders by current status, in lifecycle order. */
    funnel: { status: string; count: number }[];
    /** The engine's clock (min over partitions), and how far it is behind the wall clock. */
    watermark: number | null;
    watermark_lag_ms: number | null;
    checkpoint_at: number | null;
    records_total: number;
    dead_letters_total: number;
    /** Dead letters per minute over the last minute. */
    dead_letter_rate: number;
    /** When these figures were produced by the run. */
    updated_at: number | null;
  };
  anomalies: { rows: AnomalyView[]; open: number; updated_at: number };
  /** `failed_ops`: every FAILED op in the store (unknown SKUs too), not only the listed SKUs'. */
  stock: { skus: StockView[]; recent_ops: OpView[]; failed_ops: number; updated_at: number };
  sla: {
    windows: SlaWindowView[];
    warehouses: WarehouseSlaView[];
    /** The oldest in-flight orders past the at-risk limit (a bounded list). */
    in_flight: InFlightView[];
    /** All of them, counted. */
    in_flight_counts: { at_risk: number; overdue: number };
    updated_at: number;
  };
  engine: {
    stages: StageView[];
    orders_in_memory: number;
    timers: number;
    rss_bytes: number;
    heap_bytes: number;
    data_quality: DataQualityView;
    dead_letters_by_reason: { reason: string; count: number }[];
    updated_at: number | null;
  };
  replay: ReplayProgress | null;
}

/** Data-quality figures over every record checked (SPEC §2), summed over topics and minutes. */
export interface DataQualityView {
  total: number;
  late: number;
  duplicates: number;
  schema_violations: number;
  null_order_ids: number;
}

export interface TimelineEntry {
  time: number;
  /** status | item | logistics | inventory | dispatch | anomaly | decision | command */
  kind: string;
  text: string;
}

export interface ReplayPlan {
  topics: string[];
  from: number | null;
  /** Records each chosen topic will re-read. */
  per_topic: Record<string, number>;
  total: number;
}

export interface ActionResult {
  ok: boolean;
  message: string;
}

/** The operator's actions; every one is recorded in the audit trail with the operator's name. */
export interface ConsoleActions {
  readonly operator: string;
  acknowledge(orderId: string, type: string, note: string): Promise<ActionResult>;
  /** `action` e.g. CANCEL_ORDER (which also writes the order command, SPEC §9). */
  resolve(orderId: string, type: string, action: string, note: string): Promise<ActionResult>;
  adjustStock(skuId: string, delta: number, reason: string): Promise<ActionResult>;
  planReplay(topics: string[], from: number | null): Promise<ReplayPlan>;
  startReplay(topics: string[], from: number | null): Promise<ActionResult>;
}

/** What the Ink app is given: a snapshot source and, unless read-only, the actions. */
export interface ConsoleHandle {
  current(): ConsoleSnapshot;
  /** Called whenever a new snapshot is available; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** null: read-only (every action is hidden). */
  actions: ConsoleActions | null;
  /** What happened to one order, oldest first: a read, so a read-only console has it too. */
  timeline(orderId: string): Promise<TimelineEntry[]>;
  /** The order's current status, null when the store has no lifecycle row for it. */
  orderStatus(orderId: string): Promise<string | null>;
  /**
   * The anomalies in the whole store whose order, user, type, handler, action, status or notes
   * contain `query` (ASCII letters case-insensitive), listed as the snapshot lists them, at most
   * `limit`: the snapshot holds only the newest rows, and a filter must find an older one too.
   */
  findAnomalies?(query: string, limit: number): AnomalyView[];
  /** The same for SKUs (id or product name), lowest stock first: the snapshot holds the lowest only. */
  findStock?(query: string, limit: number): StockView[];
}

/** Resolve actions an operator can pick (the SPEC §9 handling actions). */
export const RESOLVE_ACTIONS = [
  'CANCEL_ORDER',
  'ESCALATE_PROCESSING',
  'CHECK_LOGISTICS',
  'RESTOCK_OR_CANCEL',
  'CHECK_ORDER_DATA',
  'FIX_ROUTING',
  'NO_ACTION',
] as const;

export const TOPIC_NAMES = ['order_status_events', 'order_item_events', 'logistics_events'] as const;
