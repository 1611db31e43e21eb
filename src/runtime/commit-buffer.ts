// Collects the engine's outputs between two commits and turns them, with the engine's changed
// orders and snapshot, into one atomic store commit (rows + state + source position).
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
import type { CommitBatch } from '../sinks/store.js';

export class CommitBuffer implements Collector {
  deadLetters: DeadLetterRow[] = [];
  ops: InventoryOpRow[] = [];
  dispatches: DispatchRow[] = [];
  notifications: NotificationRow[] = [];
  metrics: MetricRow[] = [];
  dataQualityRows: DataQualityRow[] = [];

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

  /** Rows waiting for the next commit (commits come sooner when many are waiting). */
  get size(): number {
    return this.deadLetters.length + this.ops.length + this.dispatches.length + this.notifications.length;
  }

  /** Takes everything collected plus the engine's changes into a batch, and starts empty. */
  take(engine: Engine, readTotals: Partial<Record<TopicName, number>>): CommitBatch {
    const batch: CommitBatch = {
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
    engine.drainChanges(batch);
    this.deadLetters = [];
    this.ops = [];
    this.dispatches = [];
    this.notifications = [];
    this.metrics = [];
    this.dataQualityRows = [];
    return batch;
  }
}
