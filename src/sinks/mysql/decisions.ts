// Operator decisions on anomalies (SPEC §9), as in sqlite/decisions.ts: kept in anomaly_decisions,
// apart from the engine's rows, and laid over them when read, so a replay that rewrites the rows
// cannot lose a decision. The first decision of a kind for an anomaly stands.
import type { OrderCommandRow } from '../../engine/types.js';
import type { AnomalyDecision } from '../decision.js';
import { anomalyOverlaySql as overlaySql, type OverlayOptions } from '../decision-overlay.js';
import { ANOMALY_DECISIONS, ORDER_COMMANDS } from '../schema.js';
import { type Conn, run } from './db.js';
import { q } from './dialect.js';
import { encoder } from './encode.js';
import { isDuplicateKey } from './errors.js';
import { insertOnceSql, insertSql } from './sql.js';

/** The overlaid anomaly rows (../decision-overlay.ts) in MySQL's quoting. */
export function anomalyOverlaySql(opts?: OverlayOptions): string {
  return overlaySql(q, opts);
}

const encodeDecision = encoder<AnomalyDecision>(ANOMALY_DECISIONS);
const encodeCommand = encoder<OrderCommandRow>(ORDER_COMMANDS);

/**
 * Inside the caller's transaction: keeps a decision, and the command it publishes (a RESOLVE with
 * CANCEL_ORDER). False, writing nothing, when that kind of decision already stands. A plain
 * INSERT whose duplicate key is the answer: race-free, and only that statement is undone.
 */
export async function recordDecision(conn: Conn, d: AnomalyDecision, command: OrderCommandRow | undefined): Promise<boolean> {
  const decision = encodeDecision(d);
  const cmd = command && encodeCommand(command);
  try {
    await run(conn, insertSql(ANOMALY_DECISIONS), decision);
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  if (cmd) await run(conn, insertOnceSql(ORDER_COMMANDS), cmd);
  return true;
}
