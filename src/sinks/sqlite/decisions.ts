// Operator decisions on anomalies (SPEC §9) live in anomaly_decisions, apart from the engine's
// rows, and are laid over them when read: a replay rewrites the engine's rows but cannot lose a
// decision. The first decision of a kind for an anomaly stands.
import type Database from 'better-sqlite3';
import type { OrderCommandRow } from '../../engine/types.js';
import type { AnomalyDecision } from '../decision.js';
import { rowEncoder } from '../row-codec.js';
import { anomalyOverlaySql as overlaySql, type OverlayOptions } from '../decision-overlay.js';
import { ANOMALY_DECISIONS, ORDER_COMMANDS } from '../schema.js';
import { insertIgnoreSql, q } from './sql.js';

/** The overlaid anomaly rows (../decision-overlay.ts) in SQLite's quoting. */
export function anomalyOverlaySql(opts?: OverlayOptions): string {
  return overlaySql(q, opts);
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
