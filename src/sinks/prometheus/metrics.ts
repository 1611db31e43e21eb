// The engine's figures as Prometheus metrics (SPEC §10, §11), `ordertrack_` prefix. Each
// EngineMetrics owns its own Registry, never prom-client's global one, so several runs (or tests)
// in one process do not clash over metric names. Nothing here runs per record: the runtime calls
// update() once per commit with the engine's cumulative stats, and the rest as events happen.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ORDER_STATUSES } from '../../engine/order/status.js';
import type { EngineStats } from '../../engine/stats.js';
import { TOPICS, type MetricRow } from '../../engine/types.js';
import { CounterSync, type Sample } from './counter-sync.js';
import { WindowGauges } from './window-gauges.js';

export { serveMetrics, type MetricsServer } from './serve.js';

const P = 'ordertrack_';

export interface EngineMetricsOptions {
  /** Epoch ms; read at scrape time for the checkpoint age (STYLE §2: time is an input). */
  clock?: () => number;
}

/** Point-in-time figures handed over with each commit. `clock` is the engine's watermark (epoch ms). */
export interface EngineGauges {
  orders: number;
  timers: number;
  clock: number | null;
}

/** One row of the store's "open anomalies by type and status" query. */
export interface OpenAnomalyCount {
  type: string;
  status: string;
  count: number;
}

export class EngineMetrics {
  readonly registry = new Registry();
  private readonly clock: () => number;
  private readonly statsSync = new CounterSync();
  private readonly pauseSync = new CounterSync();
  private lastCheckpointAt: number | null = null;
  /** Open-anomaly series shown so far: one missing from a later query drops to 0, not out of sight. */
  private readonly openSeen = new Map<string, { type: string; status: string }>();

  private readonly records = this.counter('records_total', 'Source records read, by topic.', ['topic']);
  private readonly consumerLag = this.gauge('consumer_lag', 'Records behind the log end, by topic and partition.', ['topic', 'partition']);
  private readonly deadLetters = this.counter('dead_letters_total', 'Records dead-lettered, by reason.', ['reason']);
  private readonly ops = this.counter('inventory_ops_total', 'Inventory operations, by type and status.', ['type', 'status']);
  private readonly anomalies = this.counter('anomalies_total', 'Anomalies detected, by type.', ['type']);
  private readonly anomaliesOpen = this.gauge('anomalies_open', 'Anomalies in the store now, by type and status (PENDING, PROCESSED, RESOLVED).', ['type', 'status']);
  private readonly reached = this.counter('orders_reached_total', 'Orders that reached each status, once per order and status.', ['status']);
  private readonly created = this.counter('orders_created_total', 'Orders seen for the first time.');
  private readonly windowsEmitted = this.counter('windows_emitted_total', '5-minute metric windows closed and emitted.');
  private readonly duplicates = this.counter('duplicate_events_total', 'Duplicate events dropped.');
  private readonly late = this.counter('late_events_total', 'Events that arrived after their window closed.');
  private readonly badTransitions = this.counter('bad_transitions_total', 'Status events that broke the order state machine.');
  private readonly evictions = this.counter('state_evictions_total', 'Order states moved out of memory.');
  private readonly reloads = this.counter('state_reloads_total', 'Order states brought back into memory.');
  private readonly pauses = this.counter('backpressure_pauses_total', 'Times the source was paused for backpressure.');
  private readonly window: WindowGauges;
  private readonly watermark = this.gauge('watermark_seconds', "The engine's event-time clock (watermark), Unix seconds; NaN before the first event.");
  private readonly ordersInMemory = this.gauge('orders_in_memory', 'Order states held in memory.');
  private readonly timers = this.gauge('timers', 'Pending engine timers (timeouts, SLA checks).');
  private readonly checkpointDuration = new Histogram({
    name: `${P}checkpoint_duration_seconds`,
    help: 'Time to write a checkpoint (rows, offsets and state together).',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(options: EngineMetricsOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.window = new WindowGauges(this.registry, P);
    this.watermark.set(NaN);
    // Computed when scraped, so the age keeps growing while checkpoints stall.
    this.gauge('checkpoint_age_seconds', 'Seconds since the last checkpoint; NaN before the first.', [], (g) =>
      g.set(this.lastCheckpointAt === null ? NaN : Math.max(0, this.clock() - this.lastCheckpointAt) / 1000),
    );
    // Known label sets start at 0, so rate() sees their first increase.
    for (const topic of TOPICS) this.records.inc({ topic }, 0);
    for (const status of ORDER_STATUSES) this.reached.inc({ status }, 0);
  }

  /** Once per commit: counters grow by the stats' growth since the last update (see CounterSync). */
  update(stats: EngineStats, gauges: EngineGauges): void {
    const s: Sample[] = [];
    const add = (counter: Counter<string>, value: number, labels: Record<string, string> = {}): void => {
      s.push({ counter, labels, value });
    };
    for (const [topic, n] of Object.entries(stats.read)) add(this.records, n, { topic });
    for (const [reason, n] of Object.entries(stats.deadLetters)) add(this.deadLetters, n, { reason });
    for (const [key, n] of Object.entries(stats.ops)) {
      // Keys are `TYPE:STATUS` (src/engine/order/ledger.ts).
      const at = key.lastIndexOf(':');
      add(this.ops, n, at < 0 ? { type: key, status: '' } : { type: key.slice(0, at), status: key.slice(at + 1) });
    }
    for (const [type, n] of Object.entries(stats.anomalies)) add(this.anomalies, n, { type });
    stats.reached.forEach((n, i) => add(this.reached, n, { status: ORDER_STATUSES[i] ?? String(i) }));
    add(this.created, stats.created);
    add(this.windowsEmitted, stats.windowsEmitted);
    add(this.duplicates, stats.duplicates);
    add(this.late, stats.late);
    add(this.badTransitions, stats.badTransitions);
    add(this.evictions, stats.evictions);
    add(this.reloads, stats.reloads);
    this.statsSync.sync(s);

    this.ordersInMemory.set(gauges.orders);
    this.timers.set(gauges.timers);
    this.watermark.set(gauges.clock === null ? NaN : gauges.clock / 1000);
  }

  /** The engine was replaced (replay): the next update counts its stats from zero. */
  rebase(): void {
    this.statsSync.rebase();
  }

  windowClosed(row: MetricRow): void {
    this.window.set(row);
  }

  /** A checkpoint that took `durationMs` finished at `at` (epoch ms). */
  checkpoint(durationMs: number, at: number): void {
    this.checkpointDuration.observe(durationMs / 1000);
    this.lastCheckpointAt = at;
  }

  lag(topic: string, partition: number, records: number): void {
    this.consumerLag.set({ topic, partition: String(partition) }, Math.max(0, records));
  }

  /** The store's current counts; series missing from this answer drop to 0. */
  openAnomalies(rows: readonly OpenAnomalyCount[]): void {
    const now = new Set<string>();
    for (const r of rows) {
      const key = `${r.type}\u0000${r.status}`;
      now.add(key);
      this.openSeen.set(key, { type: r.type, status: r.status });
      this.anomaliesOpen.set({ type: r.type, status: r.status }, r.count);
    }
    for (const [key, labels] of this.openSeen) if (!now.has(key)) this.anomaliesOpen.set(labels, 0);
  }

  /** `pauses` is the runtime's cumulative pause count; like update(), only its growth is added. */
  backpressure(pauses: number): void {
    this.pauseSync.sync([{ counter: this.pauses, labels: {}, value: pauses }]);
  }

  private counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
    return new Counter({ name: P + name, help, labelNames, registers: [this.registry] });
  }

  private gauge(name: string, help: string, labelNames: string[] = [], collect?: (g: Gauge<string>) => void): Gauge<string> {
    return new Gauge({
      name: P + name,
      help,
      labelNames,
      registers: [this.registry],
      ...(collect && { collect: function (this: Gauge<string>) { collect(this); } }),
    });
  }
}
