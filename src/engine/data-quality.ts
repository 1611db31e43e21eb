// Data-quality counters (SPEC §2): one row per source topic per 1-minute window of processing
// time. The open minute is part of the checkpointed state, so every record is counted once.
import { MINUTE } from './time/timestamp.js';
import { TOPICS, type DataQualityRow, type TopicId } from './types.js';

export interface DqCounts {
  total: number;
  nullOrderId: number;
  late: number;
  violations: number;
  duplicates: number;
  latencySum: number;
  latencyN: number;
}

function zero(): DqCounts {
  return { total: 0, nullOrderId: 0, late: 0, violations: 0, duplicates: 0, latencySum: 0, latencyN: 0 };
}

export class DataQuality {
  private minute = -Infinity;
  private counts: DqCounts[] = [zero(), zero(), zero()];

  /** The counters of `topic` for the minute of processing time `now`, emitting finished minutes. */
  at(topic: TopicId, now: number, emit: (row: DataQualityRow) => void): DqCounts {
    this.roll(now, emit);
    return this.counts[topic]!;
  }

  /** Emits the open minute once processing time `now` has left it. */
  roll(now: number, emit: (row: DataQualityRow) => void): void {
    if (now - this.minute < MINUTE) return; // still the open minute (the usual case: no division)
    const minute = now - (now % MINUTE);
    if (minute > this.minute) {
      this.flush(emit);
      this.minute = minute;
    }
  }

  /** Emits the open minute's rows (topics with records) and starts afresh. */
  flush(emit: (row: DataQualityRow) => void): void {
    for (let t = 0; t < 3; t++) {
      if (this.counts[t]!.total === 0) continue;
      emit(this.row(t));
      this.counts[t] = zero();
    }
  }

  /** The rows flush would emit now, leaving the minute open. */
  open(): DataQualityRow[] {
    const rows: DataQualityRow[] = [];
    for (let t = 0; t < 3; t++) if (this.counts[t]!.total > 0) rows.push(this.row(t));
    return rows;
  }

  private row(t: number): DataQualityRow {
    const c = this.counts[t]!;
    return {
      metric_time: this.minute,
      source_table: TOPICS[t]!,
      total_records: c.total,
      null_order_id_count: c.nullOrderId,
      late_records_count: c.late,
      schema_violation_count: c.violations,
      duplicate_count: c.duplicates,
      processing_time_sum: c.latencySum,
      processing_time_count: c.latencyN,
      avg_processing_time: c.latencyN === 0 ? null : c.latencySum / c.latencyN,
      error_rate: c.violations / c.total,
    };
  }

  toJSON(): unknown {
    return { m: this.minute === -Infinity ? null : this.minute, c: this.counts };
  }

  static fromJSON(j: any): DataQuality {
    const d = new DataQuality();
    d.minute = j.m === null ? -Infinity : j.m;
    d.counts = j.c;
    return d;
  }
}
