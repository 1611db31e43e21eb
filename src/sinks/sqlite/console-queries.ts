// The console's reads of the store: small, bounded queries (LIMITs, indexed ranges) so the
// console can run them a few times a second next to a run that writes at full speed (WAL: they
// never block it). Rows come back in the console's shapes (src/ui/model.ts).
import type Database from 'better-sqlite3';
import type {
  AnomalyView, DataQualityView, InFlightView, OpView, SlaWindowView, StockView, TimelineEntry, WarehouseSlaView,
} from '../../ui/model.js';
import { anomalyOverlaySql } from './decisions.js';
import { orderTimeline } from './timeline.js';

const WINDOW_MS = 5 * 60_000;
const STATUS_ORDER = ['PENDING_PAYMENT', 'PAID', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED', 'EXPIRED'];

type Stmt = Database.Statement<unknown[]>;

/**
 * An overlaid anomaly row that is not RESOLVED (decision-overlay.ts): the engine's row is not,
 * and no operator RESOLVE stands on it (one on an unresolved row always counts).
 */
const OPEN = "a.status <> 'RESOLVED' AND r.order_id IS NULL";

/** LIKE's pattern for text that contains `query`, its own `%`, `_` and `\` escaped with `\`. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Data quality summed over every stored minute and topic (SPEC §2). */
export const DATA_QUALITY_TOTALS_SQL = `SELECT COALESCE(SUM(total_records), 0) AS total, COALESCE(SUM(late_records_count), 0) AS late,
    COALESCE(SUM(duplicate_count), 0) AS duplicates, COALESCE(SUM(schema_violation_count), 0) AS schema_violations,
    COALESCE(SUM(null_order_id_count), 0) AS null_order_ids
  FROM data_quality_metrics`;

export class ConsoleQueries {
  private readonly anomalies: Stmt;
  private readonly openAnomalies: Stmt;
  private readonly oneAnomaly: Stmt;
  private readonly anomalySearch: Stmt;
  private readonly lowStock: Stmt;
  private readonly stockSearch: Stmt;
  private readonly failedOps: Stmt;
  private readonly recentOps: Stmt;
  private readonly failedOpTotal: Stmt;
  private readonly funnelRows: Stmt;
  private readonly slaWindows: Stmt;
  private readonly warehouses: Stmt;
  private readonly inFlight: Stmt;
  private readonly inFlightCount: Stmt;
  private readonly dqTotals: Stmt;
  private readonly latestReceived: Stmt;
  private readonly checkpointRow: Stmt;
  private readonly deadLetterReasons: Stmt;
  private readonly orderStatusRow: Stmt;
  private readonly readTotal: Stmt;

  constructor(private readonly db: Database.Database) {
    const overlay = anomalyOverlaySql({ ordered: false });
    // Open ones first (newest first), then the most recently resolved: each part walks the
    // anomalies_by_time index and stops at the limit, instead of overlaying and sorting every row
    // (a day's thousands of anomalies, read twice a second).
    const byTime = 'ORDER BY detection_time DESC, order_id, abnormal_type';
    const listed = `ORDER BY status = 'RESOLVED', detection_time DESC, order_id, abnormal_type`;
    const part = (where: string) => `SELECT * FROM (SELECT * FROM (${anomalyOverlaySql({ ordered: false, where })}) ${byTime} LIMIT ?)`;
    this.anomalies = db.prepare(
      `SELECT * FROM (${part(OPEN)} UNION ALL ${part(`NOT (${OPEN})`)})
       ${listed} LIMIT ?`,
    );
    this.oneAnomaly = db.prepare(`SELECT * FROM (${overlay}) WHERE order_id = ? AND abnormal_type = ?`);
    // Overlaid values equal the engine's on rows without a decision, so the raw columns pick the
    // candidates before the overlay's joins (rows with a decision, few, always go through). LIKE
    // is case-insensitive for ASCII letters (likePattern escapes the query).
    const TEXT = ['order_id', 'user_id', 'abnormal_type', 'handler', 'handling_action', 'status', 'notes'];
    const contains = (alias: string) => TEXT.map((c) => `${alias}${c} LIKE @pattern ESCAPE '\\'`).join(' OR ');
    const candidates = `${contains('a.')} OR (a.order_id, a.abnormal_type) IN (SELECT order_id, abnormal_type FROM anomaly_decisions)`;
    this.anomalySearch = db.prepare(
      `SELECT * FROM (${anomalyOverlaySql({ ordered: false, where: candidates })}) WHERE ${contains('')}
       ${listed} LIMIT @limit`,
    );
    // The engine's unresolved rows less those an operator resolved (decisions are few).
    this.openAnomalies = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM abnormal_order_handling WHERE status <> 'RESOLVED')
           - (SELECT COUNT(*) FROM anomaly_decisions r JOIN abnormal_order_handling a
              ON a.order_id = r.order_id AND a.abnormal_type = r.abnormal_type
              WHERE r.decision = 'RESOLVE' AND a.status <> 'RESOLVED')`,
      )
      .pluck(true);
    const skus = `SELECT p.sku_id, i.product_name, p.available_stock AS available, p.frozen_stock AS frozen, p.locked_stock AS locked, p.total_stock AS total
       FROM product_inventory p LEFT JOIN product_info i ON i.sku_id = p.sku_id`;
    this.lowStock = db.prepare(
      `${skus}
       ORDER BY p.available_stock, p.sku_id LIMIT ?`,
    );
    this.stockSearch = db.prepare(
      `${skus}
       WHERE p.sku_id LIKE @pattern ESCAPE '\\' OR i.product_name LIKE @pattern ESCAPE '\\'
       ORDER BY p.available_stock, p.sku_id LIMIT @limit`,
    );
    this.failedOps = db.prepare(`SELECT sku_id, COUNT(*) AS n FROM inventory_update_results WHERE status = 'FAILED' GROUP BY sku_id`);
    this.failedOpTotal = db.prepare(`SELECT COUNT(*) FROM inventory_update_results WHERE status = 'FAILED'`).pluck(true);
    this.recentOps = db.prepare(
      `SELECT op_id, NULLIF(order_id, '') AS order_id, sku_id, op_type, quantity, status, message, process_time
       FROM inventory_update_results ORDER BY process_time DESC, op_id LIMIT ?`,
    );
    this.funnelRows = db.prepare('SELECT current_status AS status, COUNT(*) AS count FROM order_lifecycle GROUP BY current_status');
    this.latestReceived = db.prepare('SELECT MAX(received_time) FROM logistics_efficiency_monitor').pluck(true);
    this.slaWindows = db.prepare(
      `SELECT (received_time / ${WINDOW_MS}) * ${WINDOW_MS} AS start,
         SUM(delivery_status = 'ON_TIME') AS on_time, SUM(delivery_status = 'AT_RISK') AS at_risk,
         SUM(delivery_status = 'OVERDUE') AS overdue
       FROM logistics_efficiency_monitor WHERE received_time >= ? GROUP BY start ORDER BY start`,
    );
    this.warehouses = db.prepare(
      `SELECT COALESCE(warehouse_id, '(unknown)') AS warehouse_id, MAX(warehouse_city) AS warehouse_city,
         SUM(delivery_status = 'ON_TIME') AS on_time, SUM(delivery_status = 'AT_RISK') AS at_risk,
         SUM(delivery_status = 'OVERDUE') AS overdue, AVG(total_delivery_minutes) AS avg_total_minutes
       FROM logistics_efficiency_monitor WHERE received_time >= ?
       GROUP BY warehouse_id ORDER BY overdue DESC, at_risk DESC, warehouse_id LIMIT 20`,
    );
    this.inFlight = db.prepare(
      `SELECT order_id, user_id, paid_time, current_status FROM order_lifecycle
       WHERE current_status IN ('PAID', 'PROCESSING', 'SHIPPED') AND paid_time <= ?
       ORDER BY paid_time, order_id LIMIT ?`,
    );
    this.inFlightCount = db.prepare(
      `SELECT COALESCE(SUM(paid_time > ?), 0) AS at_risk, COALESCE(SUM(paid_time <= ?), 0) AS overdue FROM order_lifecycle
       WHERE current_status IN ('PAID', 'PROCESSING', 'SHIPPED') AND paid_time <= ?`,
    );
    this.dqTotals = db.prepare(DATA_QUALITY_TOTALS_SQL);
    this.checkpointRow = db.prepare('SELECT source_id, saved_at FROM checkpoint WHERE id = 1');
    this.deadLetterReasons = db.prepare('SELECT reason, COUNT(*) AS count FROM dead_letters GROUP BY reason ORDER BY count DESC, reason');
    this.readTotal = db.prepare('SELECT COALESCE(SUM(records), 0) FROM read_totals').pluck(true);
    this.orderStatusRow = db.prepare('SELECT current_status FROM order_lifecycle WHERE order_id = ?').pluck(true);
  }

  /** The order's current status (order_lifecycle), or null for an order the store has no row of. */
  orderStatus(orderId: string): string | null {
    return (this.orderStatusRow.get(orderId) as string | undefined) ?? null;
  }

  /** Dead letters by reason, most first: the store keeps each once, however often a replay re-reads it. */
  deadLetters(): { reason: string; count: number }[] {
    return this.deadLetterReasons.all() as { reason: string; count: number }[];
  }

  /** Records read into the store (each topic's committed count; quiet re-reads are not counted). */
  recordsRead(): number {
    return this.readTotal.get() as number;
  }

  /** The source and time of the stored checkpoint (a replay's, or a stopped run's). */
  checkpoint(): { source_id: string; saved_at: number } | undefined {
    return this.checkpointRow.get() as { source_id: string; saved_at: number } | undefined;
  }

  anomalyRows(limit: number): AnomalyView[] {
    return this.anomalies.all(limit, limit, limit) as AnomalyView[];
  }

  /** Overlaid anomalies with `query` in one of their text columns (ASCII case-insensitive), open first, newest first. */
  findAnomalies(query: string, limit: number): AnomalyView[] {
    return this.anomalySearch.all({ pattern: likePattern(query), limit }) as AnomalyView[];
  }

  anomaly(orderId: string, type: string): AnomalyView | undefined {
    return this.oneAnomaly.get(orderId, type) as AnomalyView | undefined;
  }

  openAnomalyCount(): number {
    return this.openAnomalies.get() as number;
  }

  stock(limit: number): StockView[] {
    return this.withFailedOps(this.lowStock.all(limit) as Omit<StockView, 'failed_ops'>[]);
  }

  /** SKUs whose id or product name holds `query` (ASCII case-insensitive), lowest stock first. */
  findStock(query: string, limit: number): StockView[] {
    return this.withFailedOps(this.stockSearch.all({ pattern: likePattern(query), limit }) as Omit<StockView, 'failed_ops'>[]);
  }

  private withFailedOps(rows: Omit<StockView, 'failed_ops'>[]): StockView[] {
    const failed = new Map((this.failedOps.all() as { sku_id: string; n: number }[]).map((r) => [r.sku_id, r.n]));
    return rows.map((r) => ({ ...r, failed_ops: failed.get(r.sku_id) ?? 0 }));
  }

  /** FAILED ops in the whole store. */
  failedOpCount(): number {
    return this.failedOpTotal.get() as number;
  }

  recent(limit: number): OpView[] {
    return this.recentOps.all(limit) as OpView[];
  }

  funnel(): { status: string; count: number }[] {
    const counts = new Map((this.funnelRows.all() as { status: string; count: number }[]).map((r) => [r.status, r.count]));
    return STATUS_ORDER.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  /** The last `windows` five-minute windows up to the latest delivery, and warehouses over them. */
  sla(windows: number): { windows: SlaWindowView[]; warehouses: WarehouseSlaView[] } {
    const latest = this.latestReceived.get() as number | null;
    if (latest === null) return { windows: [], warehouses: [] };
    const since = Math.floor(latest / WINDOW_MS) * WINDOW_MS - (windows - 1) * WINDOW_MS;
    return { windows: this.slaWindows.all(since) as SlaWindowView[], warehouses: this.warehouses.all(since) as WarehouseSlaView[] };
  }

  /** Orders paid and not yet received, classified against the clock (SPEC §8, beyond the original). */
  inFlightAtRisk(clock: number, atRiskMinutes: number, overdueMinutes: number, limit: number): InFlightView[] {
    const rows = this.inFlight.all(clock - atRiskMinutes * 60_000, limit) as Omit<InFlightView, 'minutes' | 'level'>[];
    return rows.map((r) => {
      const minutes = Math.floor((clock - r.paid_time) / 60_000);
      return { ...r, minutes, level: minutes > overdueMinutes ? 'OVERDUE' : 'AT_RISK' };
    });
  }

  /** All the in-flight orders inFlightAtRisk would classify, counted by level. */
  inFlightCounts(clock: number, atRiskMinutes: number, overdueMinutes: number): { at_risk: number; overdue: number } {
    // OVERDUE: whole minutes since paid > overdueMinutes, i.e. paid at least overdueMinutes + 1 minutes before.
    const overdueBy = clock - (overdueMinutes + 1) * 60_000;
    return this.inFlightCount.get(overdueBy, overdueBy, clock - atRiskMinutes * 60_000) as { at_risk: number; overdue: number };
  }

  dataQuality(): DataQualityView {
    return this.dqTotals.get() as DataQualityView;
  }

  timeline(orderId: string): TimelineEntry[] {
    return orderTimeline(this.db, orderId);
  }
}
