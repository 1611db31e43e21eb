// The operator's decisions on an anomaly, as prompt flows (use-dialog): acknowledge with an
// optional note; resolve with an action (default: the row's suggested handling_action), a note
// and a confirmation that spells out what CANCEL_ORDER will do beyond the table (SPEC §9).
import { RESOLVE_ACTIONS, type AnomalyView } from './model.js';
import { useActions } from './use-actions.js';
import { useHandle } from './use-handle.js';
import type { Ask } from './use-dialog.js';
import { useRunAction } from './use-run-action.js';
import type { Status } from './console-context.js';
import { useStatus } from './use-status.js';

/** Each flow resolves true once the decision is made (false: refused, cancelled or failed). */
export interface AnomalyActions {
  acknowledge(row: AnomalyView): Promise<boolean>;
  resolve(row: AnomalyView): Promise<boolean>;
}

/** Statuses after which cancelling an order cannot stop anything (SPEC §3: no CANCELLED follows). */
const LATE_FOR_CANCEL = new Set(['SHIPPED', 'DELIVERED', 'CANCELLED', 'EXPIRED', 'REFUNDED']);

export function useAnomalyActions(ask: Ask): AnomalyActions | null {
  const actions = useActions();
  const handle = useHandle();
  const run = useRunAction();
  const setStatus = useStatus();
  if (!actions) return null;

  const cancelled = (status: Status | null): false => {
    setStatus(status);
    return false;
  };
  const refuseResolved = (row: AnomalyView): boolean => {
    if (row.status !== 'RESOLVED') return false;
    setStatus({ ok: false, message: `${row.order_id} ${row.abnormal_type} is already resolved (by ${row.resolved_by ?? 'someone'})` });
    return true;
  };

  return {
    async acknowledge(row) {
      if (refuseResolved(row)) return false;
      const note = await ask.text(`ack ${row.order_id} ${row.abnormal_type} — note (optional)`);
      if (note === null) return cancelled(null);
      const result = await run(`acknowledging ${row.order_id} ${row.abnormal_type}`, () =>
        actions.acknowledge(row.order_id, row.abnormal_type, note.trim()),
      );
      return result.ok;
    },
    async resolve(row) {
      if (refuseResolved(row)) return false;
      const suggested = RESOLVE_ACTIONS.indexOf(row.handling_action as (typeof RESOLVE_ACTIONS)[number]);
      const action = await ask.choice(`resolve ${row.order_id} ${row.abnormal_type} with`, RESOLVE_ACTIONS, suggested);
      if (action === null) return cancelled(null);
      const note = await ask.text(`resolve ${row.order_id} with ${action} — note`);
      if (note === null) return cancelled(null);
      const lines = [`resolve ${row.order_id} ${row.abnormal_type} with ${action}${note.trim() ? ` — "${note.trim()}"` : ''}`];
      if (action === 'CANCEL_ORDER') {
        lines.push(`this also publishes a CANCEL command for order ${row.order_id} to order_commands`);
        // An order past the point a cancel can stop it: say so before the command goes out.
        const status = await handle.orderStatus(row.order_id).catch(() => null);
        if (status !== null && LATE_FOR_CANCEL.has(status)) lines.push(`order ${row.order_id} is ${status} now: a cancel comes too late for it`);
      }
      if (!(await ask.confirm(lines))) return cancelled({ ok: null, message: 'resolve cancelled' });
      const result = await run(`resolving ${row.order_id} ${row.abnormal_type}`, () =>
        actions.resolve(row.order_id, row.abnormal_type, action, note.trim()),
      );
      return result.ok;
    },
  };
}
