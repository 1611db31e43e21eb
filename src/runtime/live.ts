// A live run: a live source → engine → SQLite store, until stopped. Every `commitIntervalMs`
// (1 s: the console's figures are that fresh) it checkpoints (rows, state, source position and
// engine snapshot in one transaction, STYLE §3), writes its heartbeat and figures, and executes
// the requests other processes left for it (stock adjustments, replay plans and replays), since
// it alone owns the engine's copy of the stock and the source. It polls the source without
// blocking and yields to the event loop every few milliseconds, so a console in the same process
// stays responsive.
import { hostname } from 'node:os';
import { Engine } from '../engine/engine.js';
import { ReferenceIndex } from '../engine/reference.js';
import type { TimeZone } from '../engine/time/timestamp.js';
import { TOPICS, type SourceRecord, type TopicName } from '../engine/types.js';
import { UserError } from '../errors.js';
import { SqliteStore } from '../sinks/sqlite/sqlite-store.js';
import type { ReferenceSeed } from '../sinks/store.js';
import type { LiveSource } from '../sources/live-source.js';
import type { ReplayProgress } from '../ui/model.js';
import { CommitBuffer } from './commit-buffer.js';
import { DataQualityTally } from './data-quality-tally.js';
import { executeRequests } from './live-requests.js';
import { systemClock, type ProcessingClock } from './replay.js';
import { StatusTracker } from './run-status.js';

export interface LiveOptions {
  /** Opens the source, at `position` when resuming a checkpoint of the same source. */
  openSource: (position: string | undefined) => LiveSource;
  /** The source's id, to match a stored checkpoint before opening it. */
  sourceId: string;
  store: string;
  reference: ReferenceSeed;
  timeZone: TimeZone;
  clock?: ProcessingClock;
  commitIntervalMs?: number;
  idleTimeoutMs?: number;
  ttlTerminalMs?: number;
  ttlIdleMs?: number;
  /** Stop once the source has ended and nothing arrived for this long (headless verification). */
  exitWhenIdleMs?: number;
  signal?: { stopped: boolean };
  /** Called once the run holds the store and is about to read (a refused run never calls it). */
  onStart?: () => void;
  /** Called after every commit. */
  onCommit?: (run: LiveRun) => void;
  /** Called when, once seeded, the store holds no stock (every SKU unknown: every FREEZE fails). */
  onNoStock?: () => void;
}

export interface LiveSummary {
  processed: number;
  resumed: boolean;
  stoppedBy: 'signal' | 'idle';
  /** The last engine's figures (a replay started a new one) and rules, for a report. */
  engine: Engine;
}

const BATCH = 2048;
const TICK_MS = 100;
const YIELD_MS = 15;

export class LiveRun {
  readonly store: SqliteStore;
  readonly source: LiveSource;
  readonly status: StatusTracker;
  /** Data quality for the console, with the minutes the store does not have yet. */
  readonly dataQuality: DataQualityTally;
  engine: Engine;
  readonly buffer = new CommitBuffer();
  processed = 0;
  replay: ReplayProgress | null = null;
  /** Records processed when the replay started (its progress counts the re-read ones from there). */
  replayBaseline = 0;
  checkpointAt: number | null = null;
  private readonly committed: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };

  constructor(readonly opts: LiveOptions, readonly clock: ProcessingClock) {
    this.store = SqliteStore.open(opts.store, { command: 'live run', now: clock.now() });
    try {
      // Everything that can refuse the run comes before the first write: a refused run leaves the store as it was.
      const checkpoint = this.store.readCheckpoint();
      if (checkpoint && checkpoint.source_id !== opts.sourceId) {
        throw new UserError(
          `store ${opts.store} holds a checkpoint of ${checkpoint.source_id}, not ${opts.sourceId}: use another --store, or the same source`,
        );
      }
      this.source = opts.openSource(checkpoint?.source_pos);
      this.store.seedReference(opts.reference, clock.now());
      if (opts.onNoStock && !this.store.hasRows(['product_inventory'])) opts.onNoStock();
      this.engine = this.newEngine(checkpoint !== undefined);
      if (checkpoint) {
        this.engine.restore(checkpoint.engine, this.store.residentOrders());
        this.checkpointAt = checkpoint.saved_at;
      }
      this.status = new StatusTracker(clock.now());
      this.dataQuality = new DataQualityTally(this.store.dataQualityTotals());
    } catch (err) {
      this.store.close();
      throw err;
    }
  }

  newEngine(resumed: boolean): Engine {
    const ref = this.store.loadReference();
    return new Engine({
      store: this.store,
      out: this.buffer,
      refs: new ReferenceIndex(ref.product_info, ref.user_address, ref.logistics_area_info),
      rules: ref.order_processing_rules,
      timeZone: this.opts.timeZone,
      ttlTerminalMs: this.opts.ttlTerminalMs,
      ttlIdleMs: this.opts.ttlIdleMs,
      consultLedger: this.store.hasOps(),
      awayOrderIds: resumed ? this.store.awayOrderIds() : [],
      idleTimeoutMs: this.opts.idleTimeoutMs ?? 10_000,
    });
  }

  /** Checkpoint: everything collected, the state, the source position and the snapshot, at once. */
  commit(): void {
    const t0 = performance.now();
    const delivered = this.source.delivered;
    const readTotals: Partial<Record<TopicName, number>> = {};
    for (const t of TOPICS) {
      readTotals[t] = delivered[t] - this.committed[t];
      this.committed[t] = delivered[t];
    }
    const now = this.clock.now();
    const batch = this.buffer.take(this.engine, readTotals);
    batch.checkpoint = { source_id: this.opts.sourceId, source_pos: this.source.position(), engine: this.engine.snapshot(), saved_at: now };
    this.store.commit(batch);
    this.dataQuality.add(batch.dataQuality);
    this.checkpointAt = now;
    this.status.store.rows += batch.ops.length + batch.lifecycle.length + batch.deadLetters.length + batch.dispatches.length +
      batch.notifications.length + batch.anomalies.length + batch.sla.length + batch.metrics.length;
    this.status.store.ms += performance.now() - t0;
  }

  /** Writes the heartbeat and the figures the console shows. */
  writeStatus(stopped = false): void {
    const now = this.clock.now();
    const stats = this.engine.stats;
    this.status.sample(now, stats, this.processed);
    const g = this.engine.gauges();
    const mem = process.memoryUsage();
    if (this.replay && this.replay.state === 'running') {
      // The replay's engine counts the records it read quietly to rebuild the state.
      const rebuilt = this.engine.rebuilt;
      const done = Math.min(this.replay.total, this.processed - this.replayBaseline - rebuilt);
      const elapsed = now - this.replay.started_at;
      this.replay.done = done;
      this.replay.eta_ms = done > 0 ? Math.round((elapsed / done) * (this.replay.total - done)) : null;
      this.replay.message = done === 0 && rebuilt > 0 ? `rebuilding the state: ${rebuilt} records read again` : null;
      if (done >= this.replay.total) this.replay.state = 'done';
    }
    this.store.control.writeStatus(
      this.status.status({
        source: this.source.label,
        speed: this.source.speed,
        watermark: g.clock,
        checkpoint_at: this.checkpointAt,
        records_total: this.processed,
        data_quality: this.dataQuality.now(this.buffer.dataQualityRows, this.engine.openDataQuality()),
        orders_in_memory: g.orders,
        timers: g.timers,
        rss_bytes: mem.rss,
        heap_bytes: mem.heapUsed,
        replay: this.replay,
        stopped,
        pid: process.pid,
        host: hostname(),
      }),
      now,
    );
  }

  close(): void {
    try {
      this.source.close();
    } finally {
      this.store.close();
    }
  }
}

export async function runLive(opts: LiveOptions): Promise<LiveSummary> {
  const clock = opts.clock ?? systemClock;
  const run = new LiveRun(opts, clock);
  const resumed = run.checkpointAt !== null;
  opts.onStart?.();
  const interval = opts.commitIntervalMs ?? 1000;
  const records: SourceRecord[] = [];
  let lastTick = 0;
  let lastCommit = clock.now();
  let lastArrival = lastCommit;
  let lastYield = performance.now();
  let stoppedBy: LiveSummary['stoppedBy'] = 'signal';
  try {
    run.writeStatus();
    while (!opts.signal?.stopped) {
      const now = clock.now();
      records.length = 0;
      const t0 = performance.now();
      const n = run.source.poll(BATCH, records, now);
      const t1 = performance.now();
      for (let i = 0; i < n; i++) run.engine.process(records[i]!, now);
      const t2 = performance.now();
      run.processed += n;
      run.status.source.rows += n;
      run.status.source.ms += t1 - t0;
      run.status.engine.rows += n;
      run.status.engine.ms += t2 - t1;
      if (n > 0) lastArrival = now;
      if (now - lastTick >= TICK_MS) {
        run.engine.tick(now);
        lastTick = now;
      }
      if (now - lastCommit >= interval) {
        run.commit();
        executeRequests(run);
        run.writeStatus();
        opts.onCommit?.(run);
        lastCommit = clock.now();
      }
      if (opts.exitWhenIdleMs !== undefined && run.source.ended && now - lastArrival >= opts.exitWhenIdleMs) {
        stoppedBy = 'idle';
        break;
      }
      if (n === 0) {
        await sleep(20);
        lastYield = performance.now();
      } else if (performance.now() - lastYield >= YIELD_MS) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
      }
    }
    run.engine.tick(clock.now());
    run.engine.flushDataQuality();
    run.commit();
    run.writeStatus(true);
    return { processed: run.processed, resumed, stoppedBy, engine: run.engine };
  } finally {
    run.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
