// The tables through which the live run and other processes meet (schema.ts: runtime_status,
// control_requests, audit_log): the run's heartbeat and figures, requests it must execute itself
// because it owns the engine's copy of the stock (adjustments) and the sources (replays), and
// the audit trail of every operator action.
import type Database from 'better-sqlite3';

export type RequestKind = 'ADJUST' | 'PLAN' | 'REPLAY';
export type RequestState = 'PENDING' | 'DONE' | 'FAILED';

export interface ControlRequest {
  id: number;
  kind: RequestKind;
  args: Record<string, unknown>;
  operator: string;
  requested_at: number;
  state: RequestState;
  result: string | null;
  done_at: number | null;
}

export interface AuditEntry {
  id?: number;
  at: number;
  operator: string;
  /** ACKNOWLEDGE | RESOLVE | ADJUST | REPLAY */
  action: string;
  /** What it was done to: `<order_id>/<abnormal_type>`, a SKU, the topics of a replay. */
  target: string;
  detail: string | null;
  reason: string | null;
}

/** Indexes the console's queries use; created by a live run or a console, not by a headless replay. */
const CONSOLE_INDEXES = [
  'CREATE INDEX IF NOT EXISTS ops_by_order ON inventory_update_results (order_id)',
  'CREATE INDEX IF NOT EXISTS ops_failed ON inventory_update_results (status, sku_id)',
  'CREATE INDEX IF NOT EXISTS ops_recent ON inventory_update_results (process_time)',
  'CREATE INDEX IF NOT EXISTS dispatch_by_order ON logistics_dispatch_commands (order_id)',
  'CREATE INDEX IF NOT EXISTS notes_by_order ON order_status_notifications (order_id)',
  'CREATE INDEX IF NOT EXISTS lifecycle_by_status ON order_lifecycle (current_status, paid_time)',
  'CREATE INDEX IF NOT EXISTS sla_by_received ON logistics_efficiency_monitor (received_time)',
  'CREATE INDEX IF NOT EXISTS stock_by_available ON product_inventory (available_stock)',
  'CREATE INDEX IF NOT EXISTS audit_by_time ON audit_log (at)',
  // the anomaly list, newest first (console-queries.ts); the console reads only the embedded store
  'CREATE INDEX IF NOT EXISTS anomalies_by_time ON abnormal_order_handling (detection_time DESC, order_id, abnormal_type)',
];

export function ensureConsoleIndexes(db: Database.Database): void {
  db.transaction(() => {
    for (const sql of CONSOLE_INDEXES) db.exec(sql);
  })();
}

export class ControlTables {
  private readonly putStatus: Database.Statement<unknown[]>;
  private readonly getStatus: Database.Statement<unknown[]>;
  private readonly insertRequest: Database.Statement<unknown[]>;
  private readonly pendingRequests: Database.Statement<unknown[]>;
  private readonly getRequest: Database.Statement<unknown[]>;
  private readonly finishRequest: Database.Statement<unknown[]>;
  private readonly insertAudit: Database.Statement<unknown[]>;
  private readonly auditRows: Database.Statement<unknown[]>;

  constructor(db: Database.Database) {
    this.putStatus = db.prepare('INSERT OR REPLACE INTO runtime_status (id, status, updated_at) VALUES (1, ?, ?)');
    this.getStatus = db.prepare('SELECT status, updated_at FROM runtime_status WHERE id = 1');
    this.insertRequest = db.prepare(
      `INSERT INTO control_requests (id, kind, args, operator, requested_at, state) VALUES (NULL, ?, ?, ?, ?, 'PENDING')`,
    );
    this.pendingRequests = db.prepare(`SELECT * FROM control_requests WHERE state = 'PENDING' ORDER BY id`);
    this.getRequest = db.prepare('SELECT * FROM control_requests WHERE id = ?');
    this.finishRequest = db.prepare('UPDATE control_requests SET state = ?, result = ?, done_at = ? WHERE id = ?');
    this.insertAudit = db.prepare(
      'INSERT INTO audit_log (id, at, operator, action, target, detail, reason) VALUES (NULL, ?, ?, ?, ?, ?, ?)',
    );
    this.auditRows = db.prepare('SELECT * FROM audit_log WHERE at >= ? ORDER BY at, id');
  }

  writeStatus(status: unknown, at: number): void {
    this.putStatus.run(JSON.stringify(status), at);
  }

  readStatus<T>(): { status: T; updated_at: number } | undefined {
    const row = this.getStatus.get() as { status: string; updated_at: number } | undefined;
    return row && { status: JSON.parse(row.status) as T, updated_at: row.updated_at };
  }

  request(kind: RequestKind, args: Record<string, unknown>, operator: string, at: number): number {
    return Number(this.insertRequest.run(kind, JSON.stringify(args), operator, at).lastInsertRowid);
  }

  pending(): ControlRequest[] {
    return (this.pendingRequests.all() as RawRequest[]).map(decodeRequest);
  }

  get(id: number): ControlRequest | undefined {
    const row = this.getRequest.get(id) as RawRequest | undefined;
    return row && decodeRequest(row);
  }

  finish(id: number, state: RequestState, result: string, at: number): void {
    this.finishRequest.run(state, result, at, id);
  }

  audit(e: AuditEntry): number {
    return Number(this.insertAudit.run(e.at, e.operator, e.action, e.target, e.detail, e.reason).lastInsertRowid);
  }

  auditSince(since: number): AuditEntry[] {
    return this.auditRows.all(since) as AuditEntry[];
  }
}

type RawRequest = Omit<ControlRequest, 'args'> & { args: string };

function decodeRequest(r: RawRequest): ControlRequest {
  return { ...r, args: JSON.parse(r.args) as Record<string, unknown> };
}
