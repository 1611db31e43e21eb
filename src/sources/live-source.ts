// A live source (the simulator, a directory read at a pace, later Kafka) hands the live run the
// records that are there now, never blocking: the run polls it between its own duties (ticks,
// commits, operator requests). It can also go back to a time and re-read (a replay).
import type { SourceRecord, TopicName } from '../engine/types.js';

export interface LiveSource {
  /** Identifies the input: a checkpoint only resumes the same one. */
  readonly id: string;
  /** What the console calls it ("simulator ×60", a directory). */
  readonly label: string;
  /** Simulated time acceleration, when the source has one. */
  readonly speed: number | null;
  /**
   * Appends up to `max` records available at wall-clock `now` to `out` (which the caller
   * empties); returns how many. 0 means nothing right now (or `ended`).
   */
  poll(max: number, out: SourceRecord[], now: number): number;
  /** A bounded input has delivered everything (a simulator never ends). */
  readonly ended: boolean;
  /** JSON text: where to resume after the last record returned. */
  position(): string;
  /** Records returned so far in this run, per topic (not quiet ones). */
  readonly delivered: Record<TopicName, number>;
  /** How many records a replay of these topics from `from` (message time; null: earliest) re-reads. */
  plan(topics: readonly TopicName[], from: number | null): Record<TopicName, number>;
  /**
   * Goes back: the chosen topics are re-read from `from`. The records before `from`, and those of
   * the other topics up to where they are, are read again quiet (SourceRecord.quiet), so the
   * state is the one the run had. Returns how many records are re-read (as `plan` counts them).
   */
  rewind(topics: readonly TopicName[], from: number | null): number;
  close(): void;
}
