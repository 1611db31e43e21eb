// Operator decisions on anomalies (SPEC §9) live in anomaly_decisions, apart from the engine's
// rows, and are laid over them when read: a replay rewrites the engine's rows but cannot lose a
// decision. The first decision of a kind for an anomaly stands.
import type Database from 'better-sqlite3';
import type { OrderCommandRow } from '../../engine/types.js';
import type { AnomalyDecision } from '../decision.js';
import { rowEncoder } from '../row-codec.js';
import { ABNORMAL_ORDER_HANDLING, ANOMALY_DECISIONS, exportedColumns, ORDER_COMMANDS } from '../schema.js';
import { insertIgnoreSql, q } from './sql.js';

/**
 * Effective values of the overlaid columns. `op` = a RESOLVE decision that counts: there is one,
 * and the system had not resolved the row before it (times are epoch ms).
 */
const OVERLAY: Record<string, string> = {
  handling_action: 'CASE WHEN op THEN COALESCE(r_action, handling_action) ELSE handling_action END',
  status: `CASE WHEN op THEN 'RESOLVED' WHEN acked AND status = 'PENDING' THEN 'PROCESSED' ELSE status END`,
  resolved_by: 'CASE WHEN op THEN r_operator ELSE resolved_by END',
  resolved_at: 'CASE WHEN op THEN r_decided_at ELSE resolved_at END',
};

/** The anomaly rows as operators and outputs see them, exported columns in schema order, by key. */
export function anomalyOverlaySql(): string {
  const cols = exportedColumns(ABNORMAL_ORDER_HANDLING).map((c) => OVERLAY[c.name] ?? q(c.name));
  return `
    SELECT ${cols.join(', ')} FROM (
      SELECT a.*,
        r.order_id IS NOT NULL AND NOT (a.status = 'RESOLVED' AND a.resolved_at <= r.decided_at) AS op,
        k.order_id IS NOT NULL AS acked,
        r.action AS r_action, r.operator AS r_operator, r.decided_at AS r_decided_at
      FROM abnormal_order_handling a
      LEFT JOIN anomaly_decisions r
        ON r.order_id = a.order_id AND r.abnormal_type = a.abnormal_type AND r.decision = 'RESOLVE'
      LEFT JOIN anomaly_decisions k
        ON k.order_id = a.order_id AND k.abnormal_type = a.abnormal_type AND k.decision = 'ACK'
    ) ORDER BY order_id, abnormal_type`;
}

export class DecisionTable {
  private readonly record: (d: AnomalyDecision, command: OrderCommandRow | undefined) => boolean;

  constructor(db: Database.Database) {
    const decision = db.prepare(insertIgnoreSql(ANOMALY_DECISIONS));
    const command = db.prepare(insertIgnoreSql(ORDER_COMMANDS));
    const encodeDecision = rowEncoder(ANOMALY_DECISIONS);
    const encodeCommand = rowEncoder(ORDER_COMMANDS);
    this.record = db.transaction((d: AnomalyDecision, cmd: OrderCommandRow | undefined) => {
      if (decision.run(encodeDecision(d)).changes === 0) return false;
      if (cmd) command.run(encodeCommand(cmd));
      return true;
    });
  }

  /**
   * Keeps a decision, and the command it publishes (a RESOLVE with CANCEL_ORDER, SPEC §9) in the
   * same transaction. Returns false, writing nothing, when that kind of decision already stands.
   */
  add(d: AnomalyDecision, command?: OrderCommandRow): boolean {
    return this.record(d, command);
  }
}
