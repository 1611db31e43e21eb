// Operator decisions (anomaly_decisions) laid over the engine's anomaly rows when read (SPEC §9),
// the same SQL for every store: ACK turns PENDING into PROCESSED; a RESOLVE that counts (there is
// one, and the system had not resolved the row before it) makes the row RESOLVED by the operator
// at the decision time, with the decision's action.
import { ABNORMAL_ORDER_HANDLING, exportedColumns } from './schema.js';

/** Effective values of the overlaid columns (times are epoch ms or DATETIME, compared alike). */
const OVERLAY: Record<string, string> = {
  handling_action: 'CASE WHEN op THEN COALESCE(r_action, handling_action) ELSE handling_action END',
  status: `CASE WHEN op THEN 'RESOLVED' WHEN acked AND status = 'PENDING' THEN 'PROCESSED' ELSE status END`,
  resolved_by: 'CASE WHEN op THEN r_operator ELSE resolved_by END',
  resolved_at: 'CASE WHEN op THEN r_decided_at ELSE resolved_at END',
};

export interface OverlayOptions {
  /** Filters the engine's rows (alias `a`), e.g. an export's next page. */
  where?: string;
  /** Order by key (default true); false for a caller that orders itself. */
  ordered?: boolean;
  limit?: number;
}

/** The anomaly rows as operators and outputs see them: exported columns in schema order. */
export function anomalyOverlaySql(q: (name: string) => string, opts: OverlayOptions = {}): string {
  const cols = exportedColumns(ABNORMAL_ORDER_HANDLING).map((c) => (OVERLAY[c.name] ? `${OVERLAY[c.name]} AS ${q(c.name)}` : q(c.name)));
  const order = opts.ordered === false ? '' : ' ORDER BY order_id, abnormal_type';
  const limit = opts.limit === undefined ? '' : ` LIMIT ${Math.trunc(opts.limit)}`;
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
      ${opts.where ? `WHERE ${opts.where}` : ''}
    ) overlaid${order}${limit}`;
}
