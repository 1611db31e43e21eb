// Collects the engine's outputs between two commits. A checkpoint commit carries everything:
// rows, the changed orders' rows and state, data quality, read totals and the snapshot. A flush
// in between carries only event rows whose rewrite is harmless (keyed, insert-once; ops are
// recalled from the ledger after a restart), so memory stays bounded without serialising state.
import type { Engine } from '../engine/engine.js';
import type { Collector } from '../engine/ports.js';
import type {
  DataQualityRow,
  DeadLetterRow,
  DispatchRow,
  InventoryOpRow,
  MetricRow,
  NotificationRow,
  TopicName,
} from '../engine/types.js';
import type { WindowPart } from '../engine/windows.js';
import type { CommitBatch } from '../sinks/store.js';

export class CommitBuffer implements Collector {
  deadLetters: DeadLetterRow[] = [];
  ops: InventoryOpRow[] = [];
  dispatches: DispatchRow[] = [];
  notifications: NotificationRow[] = [];
  metrics: MetricRow[] = [];
  dataQualityRows: DataQualityRow[] = [];
  /** Window figures per partition (engines with windowParts: Kafka runs). */
  metricParts: { partition: number; part: WindowPart }[] = [];

  deadLetter(row: DeadLetterRow): void {
    this.deadLetters.push(row);
  }
  inventoryOp(row: InventoryOpRow): void {
    this.ops.push(row);
  }
  dispatch(row: DispatchRow): void {
    this.dispatches.push(row);
  }
  notification(row: NotificationRow): void {
    this.notifications.push(row);
  }
  metric(row: MetricRow): void {
    this.metrics.push(row);
  }
  dataQuality(row: DataQualityRow): void {
    this.dataQualityRows.push(row);
  }
  metricPart(partition: number, part: WindowPart): void {
    this.metricParts.push({ partition, part });
  }

  /** Takes the window parts collected since the last time. */
  takeParts(): { partition: number; part: WindowPart }[] {
    const parts = this.metricParts;
    this.metricParts = [];
    return parts;
  }

  /** Rows waiting for the next commit (commits come sooner when many are waiting). */
  get size(): number {
    return this.deadLetters.length + this.ops.length + this.dispatches.length + this.notifications.length;
  }

  /** Takes the event rows (not data quality, which must land with the checkpoint that counted it). */
  takeRows(): CommitBatch {
    const batch = this.batch({});
    batch.dataQuality = [];
    this.reset();
    return batch;
  }

  /** Takes everything collected plus the engine's changes into a batch, and starts empty. */
  take(engine: Engine, readTotals: Partial<Record<TopicName, number>>): CommitBatch {
    const batch = this.batch(readTotals);
    engine.drainChanges(batch);
    this.reset();
    this.dataQualityRows = [];
    return batch;
  }

  private batch(readTotals: Partial<Record<TopicName, number>>): CommitBatch {
    return {
      deadLetters: this.deadLetters,
      ops: this.ops,
      dispatches: this.dispatches,
      notifications: this.notifications,
      metrics: this.metrics,
      dataQuality: this.dataQualityRows,
      lifecycle: [],
      sla: [],
      anomalies: [],
      orderCommands: [],
      orderStates: [],
      readTotals,
    };
  }

  private reset(): void {
    this.deadLetters = [];
    this.ops = [];
    this.dispatches = [];
    this.notifications = [];
    this.metrics = [];
  }
}
