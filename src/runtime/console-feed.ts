// The console's handle on a store: re-reads the live run's status and the console's queries a
// couple of times a second (the heavier ones every few seconds) into one ConsoleSnapshot, and
// tells the Ink app when a new one is there. Actions go through the OperatorDesk unless the
// console is read-only.
import { SqliteStore } from '../sinks/sqlite/sqlite-store.js';
import type { AnomalyView, ConsoleHandle, ConsoleSnapshot, StockView, TimelineEntry } from '../ui/model.js';
import { isLive, OperatorDesk } from './operator-desk.js';
import { systemClock, type ProcessingClock } from './replay.js';
import type { RunStatus } from './run-status.js';

export interface FeedOptions {
  store: string;
  operator: string;
  readOnly?: boolean;
  clock?: ProcessingClock;
  refreshMs?: number;
}

const HEAVY_EVERY = 4;
const AT_RISK_MINUTES = 720;
const OVERDUE_MINUTES = 1440;
const NO_IN_FLIGHT = { in_flight: [], in_flight_counts: { at_risk: 0, overdue: 0 } };

export class StoreFeed implements ConsoleHandle {
  readonly actions: OperatorDesk | null;
  private readonly store: SqliteStore;
  private readonly clock: ProcessingClock;
  private snapshot: ConsoleSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private rounds = 0;
  /** Dead-letter totals over the last minute, for their rate. */
  private readonly deadLetterSamples: { at: number; total: number }[] = [];

  constructor(private readonly opts: FeedOptions) {
    this.clock = opts.clock ?? systemClock;
    this.store = SqliteStore.open(opts.store);
    this.actions = opts.readOnly ? null : new OperatorDesk(this.store, opts.operator, this.clock);
    this.snapshot = this.read(true);
  }

  current(): ConsoleSnapshot {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.timer = setInterval(() => this.refresh(), this.opts.refreshMs ?? 500);
  }

  refresh(): void {
    this.rounds++;
    this.snapshot = this.read(this.rounds % HEAVY_EVERY === 0);
    for (const l of this.listeners) l();
  }

  async timeline(orderId: string): Promise<TimelineEntry[]> {
    return this.store.queries.timeline(orderId);
  }

  async orderStatus(orderId: string): Promise<string | null> {
    return this.store.queries.orderStatus(orderId);
  }

  findAnomalies(query: string, limit: number): AnomalyView[] {
    return this.store.queries.findAnomalies(query, limit);
  }

  findStock(query: string, limit: number): StockView[] {
    return this.store.queries.findStock(query, limit);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.store.close();
  }

  /** Dead letters per minute over the last minute. */
  private deadLetterRate(now: number, total: number): number {
    const samples = this.deadLetterSamples;
    samples.push({ at: now, total });
    while (samples.length > 1 && samples[0]!.at < now - 60_000) samples.shift();
    const first = samples[0]!;
    return now === first.at ? 0 : (total - first.total) / (Math.max(1, now - first.at) / 60_000);
  }

  private read(heavy: boolean): ConsoleSnapshot {
    const now = this.clock.now();
    const q = this.store.queries;
    const st = this.store.control.readStatus<RunStatus>();
    const s = st?.status;
    const prev = this.snapshot as ConsoleSnapshot | undefined;
    const watermark = s?.watermark ?? null;
    const live = isLive(st, now);
    // A store no live run ever wrote figures to (a replay's) still tells its source and checkpoint.
    const cp = s === undefined ? q.checkpoint() : undefined;
    // In-flight orders are classified against the run's clock: none without one.
    const inFlight = (clock: number) => ({
      in_flight: q.inFlightAtRisk(clock, AT_RISK_MINUTES, OVERDUE_MINUTES, 50),
      in_flight_counts: q.inFlightCounts(clock, AT_RISK_MINUTES, OVERDUE_MINUTES),
    });
    // Dead letters as the store has them: the same for a live run, a replay's store and a run
    // that resumed or replayed (a fresh engine's counters start again at 0).
    const reasons = heavy || !prev ? q.deadLetters() : prev.engine.dead_letters_by_reason;
    const deadLetters = reasons.reduce((n, r) => n + r.count, 0);
    const sla = heavy || !prev
      ? { ...q.sla(12), ...(watermark === null ? NO_IN_FLIGHT : inFlight(watermark)), updated_at: now }
      : prev.sla;
    return {
      read_at: now,
      run: {
        source: s?.source ?? cp?.source_id ?? '(no run yet)',
        store: this.opts.store,
        heartbeat_at: st?.updated_at ?? null,
        live,
        stopped: s?.stopped === true,
        speed: s?.speed ?? null,
      },
      overview: {
        records_per_sec: s?.records_per_sec ?? [],
        per_minute: s?.per_minute ?? { created: [], paid: [], shipped: [], delivered: [] },
        funnel: heavy || !prev ? q.funnel() : prev.overview.funnel,
        watermark,
        watermark_lag_ms: watermark === null ? null : now - watermark,
        checkpoint_at: s?.checkpoint_at ?? cp?.saved_at ?? null,
        records_total: q.recordsRead(),
        dead_letters_total: deadLetters,
        dead_letter_rate: this.deadLetterRate(now, deadLetters),
        updated_at: st?.updated_at ?? null,
      },
      anomalies: { rows: q.anomalyRows(500), open: q.openAnomalyCount(), updated_at: now },
      stock: { skus: q.stock(200), recent_ops: q.recent(20), failed_ops: q.failedOpCount(), updated_at: now },
      sla,
      engine: {
        stages: s?.stages ?? [],
        orders_in_memory: s?.orders_in_memory ?? 0,
        timers: s?.timers ?? 0,
        rss_bytes: s?.rss_bytes ?? 0,
        heap_bytes: s?.heap_bytes ?? 0,
        // A live run's figures include the processing minute it has not written yet; without one
        // (or from a run that did not report them) the store's sums are the whole story.
        data_quality: live && s?.data_quality ? s.data_quality : heavy || !prev ? q.dataQuality() : prev.engine.data_quality,
        dead_letters_by_reason: reasons,
        updated_at: st?.updated_at ?? null,
      },
      replay: s?.replay ?? null,
    };
  }
}
