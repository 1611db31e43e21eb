// An operator's decision on an anomaly (SPEC §9). Decisions are stored apart from the engine's
// rows, so a replay that rewrites the rows cannot lose them; outputs overlay them:
// ACK turns PENDING into PROCESSED; RESOLVE makes the row RESOLVED by the operator, unless the
// system had resolved it before the decision.
import type { AbnormalType } from '../engine/types.js';

export type DecisionKind = 'ACK' | 'RESOLVE';

export interface AnomalyDecision {
  order_id: string;
  abnormal_type: AbnormalType;
  decision: DecisionKind;
  /** The handling action taken (e.g. CANCEL_ORDER); a RESOLVE's replaces the row's. */
  action: string | null;
  note: string | null;
  operator: string;
  /** Epoch ms. */
  decided_at: number;
}
