// The operator's actions on a store, shared by the console and the scriptable twins
// (`ordertrack anomalies …`, `ordertrack stock …`): decisions on anomalies are kept directly
// (they are laid over the engine's rows, SPEC §9); stock adjustments and replays go to the live
// run that owns the engine when one is alive on this store (its heartbeat is fresh), otherwise an
// adjustment is applied here, in one transaction, the way the engine would. Every action is
// written to the audit trail with the operator's name.
import { TOPICS, type AbnormalType, type InventoryOpRow, type TopicName } from '../engine/types.js';
import { StockBook } from '../engine/order/stock-book.js';
import { UserError } from '../errors.js';
import type { SqliteStore } from '../sinks/sqlite/sqlite-store.js';
import type { CommitBatch } from '../sinks/store.js';
import type { ActionResult, ConsoleActions, ReplayPlan } from '../ui/model.js';
import { adjustOpId, auditAdjust } from './live-requests.js';
import { systemClock, type ProcessingClock } from './replay.js';

/** A run whose heartbeat is older than this is not alive. */
export const HEARTBEAT_STALE_MS = 5_000;
const ANSWER_TIMEOUT_MS = 15_000;

export class OperatorDesk implements ConsoleActions {
  constructor(
    private readonly store: SqliteStore,
    readonly operator: string,
    private readonly clock: ProcessingClock = systemClock,
  ) {}

  /** A live run writes to this store now. */
  runIsLive(): boolean {
    return isLive(this.store.control.readStatus<{ stopped?: boolean }>(), this.clock.now());
  }

  async acknowledge(orderId: string, type: string, note: string): Promise<ActionResult> {
    return this.decide(orderId, type, 'ACK', null, note);
  }

  async resolve(orderId: string, type: string, action: string, note: string): Promise<ActionResult> {
    return this.decide(orderId, type, 'RESOLVE', action, note);
  }

  async adjustStock(skuId: string, delta: number, reason: string): Promise<ActionResult> {
    if (!Number.isSafeInteger(delta) || delta === 0) return { ok: false, message: `the adjustment must be a whole number other than 0, at most ${Number.MAX_SAFE_INTEGER} in size` };
    if (reason.trim() === '') return { ok: false, message: 'an adjustment needs a reason' };
    // A replay holds the engine's copy of the stock too, but takes no requests: it must end first.
    const replay = this.runIsLive() ? undefined : this.store.otherWriter();
    if (replay) return { ok: false, message: `a ${replay.command} (pid ${replay.pid}) is writing this store and owns its stock: adjust once it ends` };
    const now = this.clock.now();
    const args = { sku_id: skuId, delta, reason };
    const id = this.store.control.request('ADJUST', args, this.operator, now);
    if (this.runIsLive()) return this.answer(id);
    // No run owns the stock: apply it here, as the engine would, ledger row and stock together.
    const row = new StockBook(this.store).apply(adjustOpId(skuId, id), '', skuId, 'ADJUST', delta, false, now, now);
    const request = this.store.control.get(id)!;
    return this.store.transaction(() => {
      this.store.commit(opsOnly([row]));
      const [ok, message] = auditAdjust(this.store.control, request, row, now);
      this.store.control.finish(id, ok ? 'DONE' : 'FAILED', message, now);
      return { ok, message };
    });
  }

  async planReplay(topics: string[], from: number | null): Promise<ReplayPlan> {
    this.requireLive('plan a replay');
    const id = this.store.control.request('PLAN', { topics, from }, this.operator, this.clock.now());
    const answer = await this.answer(id);
    if (!answer.ok) throw new UserError(answer.message);
    // What the source will re-read: a directory re-reads all three topics, whichever were chosen.
    const perTopic = JSON.parse(answer.message) as Record<TopicName, number>;
    const reread = TOPICS.filter((t) => topics.includes(t) || perTopic[t] > 0);
    const per_topic = Object.fromEntries(reread.map((t) => [t, perTopic[t] ?? 0]));
    const total = Object.values(per_topic).reduce((a, b) => a + b, 0);
    return { topics: reread, from, per_topic, total };
  }

  async startReplay(topics: string[], from: number | null): Promise<ActionResult> {
    if (!this.runIsLive()) return { ok: false, message: 'no live run on this store: start `ordertrack run` (or use `ordertrack replay --from`)' };
    const id = this.store.control.request('REPLAY', { topics, from }, this.operator, this.clock.now());
    return this.answer(id);
  }

  private decide(orderId: string, type: string, kind: 'ACK' | 'RESOLVE', action: string | null, note: string): ActionResult {
    const now = this.clock.now();
    const verb = kind === 'ACK' ? 'ACKNOWLEDGE' : 'RESOLVE';
    const target = `${orderId}/${type}`;
    // A refused decision is audited too, as a refused adjustment is: who tried what, and why not.
    const refuse = (message: string): ActionResult => {
      this.store.control.audit({ at: now, operator: this.operator, action: verb, target, detail: `refused: ${message}`, reason: note || null });
      return { ok: false, message };
    };
    const row = this.store.queries.anomaly(orderId, type);
    if (!row) return refuse(`no ${type} anomaly for order ${orderId}`);
    if (row.status === 'RESOLVED') return refuse(`${orderId} ${type} is already resolved (by ${row.resolved_by})`);
    const decision = {
      order_id: orderId,
      abnormal_type: type as AbnormalType,
      decision: kind,
      action,
      note: note || null,
      operator: this.operator,
      decided_at: now,
    };
    const command =
      kind === 'RESOLVE' && action === 'CANCEL_ORDER'
        ? { command: 'CANCEL' as const, order_id: orderId, reason: note || `${type}: cancelled by operator`, operator: this.operator, issued_at: now }
        : undefined;
    return this.store.transaction(() => {
      if (!this.store.recordDecision(decision, command)) return refuse(`${orderId} ${type} was already ${kind === 'ACK' ? 'acknowledged' : 'resolved'}`);
      const detail = kind === 'ACK' ? null : `${action}${command ? ' (cancel command issued)' : ''}`;
      this.store.control.audit({ at: now, operator: this.operator, action: verb, target, detail, reason: note || null });
      const message =
        kind === 'ACK' ? `${orderId} ${type} acknowledged` : `${orderId} ${type} resolved with ${action}${command ? '; cancel command issued' : ''}`;
      return { ok: true, message };
    });
  }

  private requireLive(what: string): void {
    if (!this.runIsLive()) throw new UserError(`no live run on this store to ${what}: start \`ordertrack run\` first`);
  }

  /** Waits for the live run to execute a request. */
  private async answer(id: number): Promise<ActionResult> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const r = this.store.control.get(id)!;
      if (r.state !== 'PENDING') return { ok: r.state === 'DONE', message: r.result ?? '' };
      await new Promise((res) => setTimeout(res, 50));
    }
    // Not refused: the run takes the request whenever it gets to it, so doing it again would do it twice.
    return {
      ok: false,
      message: `the live run has not answered within ${ANSWER_TIMEOUT_MS / 1000} s: request ${id} stays queued and runs when it does; check \`ordertrack audit\` before asking again`,
    };
  }
}

/** A run is alive when its heartbeat is fresh and it has not said it stopped. */
export function isLive(s: { status: { stopped?: boolean }; updated_at: number } | undefined, now: number): boolean {
  return s !== undefined && !s.status.stopped && now - s.updated_at < HEARTBEAT_STALE_MS;
}

function opsOnly(ops: InventoryOpRow[]): CommitBatch {
  return {
    deadLetters: [], ops, dispatches: [], notifications: [], metrics: [], dataQuality: [], lifecycle: [], sla: [],
    anomalies: [], orderCommands: [], orderStates: [], readTotals: {},
  };
}
