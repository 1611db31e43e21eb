// What a store's commit can refuse that a Kafka run recovers from by rebuilding its state from
// the checkpoints (stream-run.ts): nothing of the refused batch was written.
import { InternalError } from '../errors.js';

/** Another instance claimed one of the commit's partitions (scale-out fencing). */
export class LostPartitions extends InternalError {
  constructor(readonly partitions: number[]) {
    super(`partitions ${partitions.join(', ')} were taken over by another instance`);
    this.name = 'LostPartitions';
  }
}

/**
 * A stock change would have gone negative or found no SKU: the engine's copy of the stock was
 * stale (another instance or a person changed it since it was read).
 */
export class StockConflict extends InternalError {
  constructor(message: string) {
    super(message);
    this.name = 'StockConflict';
  }
}
