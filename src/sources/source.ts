// A bounded source (files, tapes; later Kafka replays) hands the runtime records in arrival
// order, in batches, and can say where it is so a checkpoint can resume right after.
import type { SourceRecord, TopicName } from '../engine/types.js';

export interface BoundedSource {
  /** Identifies the input (e.g. the absolute directory): a checkpoint only resumes the same one. */
  readonly id: string;
  /**
   * Appends up to `max` records to `out` (which the caller empties) and returns how many were
   * appended; 0 means the input is exhausted.
   */
  next(max: number, out: SourceRecord[]): number;
  /** JSON text: the position just after the last record returned, for `open(..., position)`. */
  position(): string;
  /** Records returned so far in this run, per topic (neither skipped nor quiet records count). */
  readonly delivered: Record<TopicName, number>;
  /** How far through what it reads in this run the source is, in bytes (for progress and an ETA). */
  progress(): InputProgress;
  close(): void;
}

export interface InputProgress {
  read: number;
  total: number;
}
