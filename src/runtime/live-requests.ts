// What the live run does for other processes (control_requests, see sinks/sqlite/control.ts):
// - ADJUST {sku_id, delta, reason}: the operator's stock correction goes through the engine's own
//   copy of the stock and lands in a commit of its own, op_id `ADJUST:<sku>:<request id>`;
// - PLAN {topics, from}: how many records a replay would re-read, per topic;
// - REPLAY {topics, from}: checkpoint, rewind the source, forget the keyed state (outputs, ledger,
//   stock and decisions stay: op_ids and keys make the re-read idempotent) and go on with a
//   fresh engine, which rebuilds the state from what the source reads again quietly first;
//   progress is reported in the run's status.
// ADJUST and REPLAY are written to the audit trail with the requesting operator.
import type { InventoryOpRow, TopicName } from '../engine/types.js';
import { TOPICS } from '../engine/types.js';
import type { ControlRequest, ControlTables } from '../sinks/sqlite/control.js';
import type { LiveRun } from './live.js';

export function executeRequests(run: LiveRun): void {
  for (const r of run.store.control.pending()) {
    const now = run.clock.now();
    try {
      const [ok, result] = execute(run, r, now);
      run.store.control.finish(r.id, ok ? 'DONE' : 'FAILED', result, run.clock.now());
    } catch (err) {
      run.store.control.finish(r.id, 'FAILED', (err as Error).message, run.clock.now());
    }
  }
}

function execute(run: LiveRun, r: ControlRequest, now: number): [boolean, string] {
  switch (r.kind) {
    case 'ADJUST': {
      const sku = String(r.args.sku_id);
      const delta = Number(r.args.delta);
      const row = run.engine.adjustStock(adjustOpId(sku, r.id), sku, delta, now);
      run.commit();
      return auditAdjust(run.store.control, r, row, now);
    }
    case 'PLAN': {
      const { topics, from } = replayArgs(r);
      const perTopic = run.source.plan(topics, from);
      return [true, JSON.stringify(perTopic)];
    }
    case 'REPLAY': {
      const { topics, from } = replayArgs(r);
      // The old engine's figures of the current minute land before it is replaced.
      run.engine.flushDataQuality();
      run.commit();
      const total = run.source.rewind(topics, from);
      run.store.resetState();
      run.engine = run.newEngine(false);
      run.status.rebase();
      run.replay = { topics, from, total, done: 0, started_at: now, eta_ms: null, state: total === 0 ? 'done' : 'running', message: null };
      run.replayBaseline = run.processed;
      const target = topics.join(',');
      const detail = `from ${from === null ? 'earliest' : new Date(from).toISOString()}, ${total} records`;
      run.store.control.audit({ at: now, operator: r.operator, action: 'REPLAY', target, detail, reason: (r.args.reason as string | undefined) ?? null });
      return [true, `replaying ${total} records`];
    }
  }
}

export function adjustOpId(sku: string, requestId: number): string {
  return `ADJUST:${sku}:${requestId}`;
}

/** Audits an applied (or refused) adjustment; returns the request's result. */
export function auditAdjust(control: ControlTables, r: ControlRequest, row: InventoryOpRow, now: number): [boolean, string] {
  const ok = row.status === 'SUCCESS';
  const sign = row.quantity >= 0 ? '+' : '';
  const detail = ok
    ? `${sign}${row.quantity}: available ${row.prev_available_stock} → ${row.new_available_stock}`
    : `${sign}${row.quantity} refused: ${row.message}`;
  control.audit({ at: now, operator: r.operator, action: 'ADJUST', target: row.sku_id, detail, reason: (r.args.reason as string | undefined) ?? null });
  return [ok, `${row.sku_id} ${detail}`];
}

function replayArgs(r: ControlRequest): { topics: TopicName[]; from: number | null } {
  const raw = Array.isArray(r.args.topics) ? (r.args.topics as string[]) : [...TOPICS];
  const topics = raw.filter((t): t is TopicName => (TOPICS as readonly string[]).includes(t));
  const from = typeof r.args.from === 'number' ? r.args.from : null;
  return { topics: topics.length > 0 ? topics : [...TOPICS], from };
}
