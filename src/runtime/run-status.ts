// The live run's figures for the console, kept as small rings and written to the store with each
// commit (runtime_status): records per second, orders reaching each status per wall-clock
// minute, per-stage rows and rates, memory, and the progress of a replay.
import type { EngineStats } from '../engine/stats.js';
import { S_DELIVERED, S_PAID, S_SHIPPED } from '../engine/order/status.js';
import type { DataQualityView, ReplayProgress, StageView } from '../ui/model.js';

export interface RunStatus {
  source: string;
  speed: number | null;
  started_at: number;
  records_per_sec: number[];
  per_minute: { created: number[]; paid: number[]; shipped: number[]; delivered: number[] };
  /** Wall-clock start of the last per_minute bucket. */
  minute_at: number;
  watermark: number | null;
  checkpoint_at: number | null;
  /** Records this run processed, re-read ones included: its progress (the console counts the store's). */
  records_total: number;
  /**
   * Data quality over the whole store with what the run has not written yet (the open processing
   * minute): the store's own rows lag up to a minute (see data-quality-tally.ts).
   */
  data_quality: DataQualityView;
  stages: StageView[];
  orders_in_memory: number;
  timers: number;
  rss_bytes: number;
  heap_bytes: number;
  replay: ReplayProgress | null;
  /** The run stopped cleanly (its heartbeat will not go on). */
  stopped: boolean;
  /** The process that runs it: a second run on the store is refused while this one lives. */
  pid: number;
  host: string;
}

const SECONDS = 120;
const MINUTES = 30;

export class Stage {
  rows = 0;
  ms = 0;
  private lastRows = 0;
  private lastAt = 0;
  rate = 0;
  constructor(readonly name: string) {}

  /** Rows per second since the last sample. */
  sample(now: number): void {
    if (this.lastAt !== 0 && now > this.lastAt) this.rate = ((this.rows - this.lastRows) * 1000) / (now - this.lastAt);
    this.lastRows = this.rows;
    this.lastAt = now;
  }
}

export class StatusTracker {
  readonly source = new Stage('source');
  readonly engine = new Stage('engine');
  readonly store = new Stage('store');
  private readonly perSec: number[] = [];
  private readonly perMin = { created: [0], paid: [0], shipped: [0], delivered: [0] };
  private minuteAt: number;
  private lastSampleAt: number;
  private lastRecords = 0;
  private last = { created: 0, paid: 0, shipped: 0, delivered: 0 };

  constructor(private readonly started: number) {
    this.minuteAt = Math.floor(started / 60_000) * 60_000;
    this.lastSampleAt = started;
  }

  /** Counts since the last sample: orders reaching statuses go into the current wall-clock minute. */
  sample(now: number, stats: EngineStats, records: number): void {
    const secs = (now - this.lastSampleAt) / 1000;
    if (secs > 0) push(this.perSec, (records - this.lastRecords) / secs, SECONDS);
    this.lastRecords = records;
    this.lastSampleAt = now;
    const minute = Math.floor(now / 60_000) * 60_000;
    while (this.minuteAt < minute) {
      this.minuteAt += 60_000;
      for (const k of Object.keys(this.perMin) as (keyof typeof this.perMin)[]) push(this.perMin[k], 0, MINUTES);
    }
    const now_ = { created: stats.created, paid: stats.reached[S_PAID]!, shipped: stats.reached[S_SHIPPED]!, delivered: stats.reached[S_DELIVERED]! };
    for (const k of Object.keys(now_) as (keyof typeof now_)[]) {
      // A replay starts a fresh engine (counters from 0): count from there.
      const d = now_[k] - this.last[k];
      const series = this.perMin[k];
      if (d > 0) series[series.length - 1]! += d;
    }
    this.last = now_;
    for (const s of [this.source, this.engine, this.store]) s.sample(now);
  }

  /** Forget the counters' baseline (the engine was replaced). */
  rebase(): void {
    this.last = { created: 0, paid: 0, shipped: 0, delivered: 0 };
  }

  status(base: Omit<RunStatus, 'records_per_sec' | 'per_minute' | 'minute_at' | 'stages' | 'started_at'>): RunStatus {
    return {
      ...base,
      started_at: this.started,
      records_per_sec: this.perSec.slice(),
      per_minute: {
        created: this.perMin.created.slice(),
        paid: this.perMin.paid.slice(),
        shipped: this.perMin.shipped.slice(),
        delivered: this.perMin.delivered.slice(),
      },
      minute_at: this.minuteAt,
      stages: [this.source, this.engine, this.store].map((s) => ({ name: s.name, rows: s.rows, rows_per_sec: Math.round(s.rate) })),
    };
  }
}

function push(series: number[], v: number, max: number): void {
  series.push(v);
  if (series.length > max) series.shift();
}
