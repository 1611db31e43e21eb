// The records fetched from one topic-partition and not yet polled, with the two positions a
// checkpoint and a rebalance need. Bounded by the source, which pauses fetching the partition
// when it holds more than the high-water mark (one fetched batch may overshoot it).
import type { SourceRecord, TopicId } from '../../engine/types.js';
import { messageRecord } from '../message.js';
import { nextOffset, offsetBefore } from './offsets.js';

export class PartitionQueue {
  private offsets: string[] = [];
  private texts: string[] = [];
  private times: number[] = [];
  private head = 0;
  /**
   * The log end as last learned (a fetch's high watermark, or the admin's offsets): with nothing
   * queued and everything up to it read, this topic-partition cannot hold back the merge.
   */
  end: string | undefined;
  /** Bounded reading (verification runs): the log end when the run started; its last record is `last`. */
  boundEnd: string | undefined;
  /** After the last record queued: where fetching continues after a rebalance. */
  fetchedNext: string | undefined;
  /** After the last record polled (or the seek position): where a checkpoint resumes. */
  polledNext: string | undefined;
  /** Fetching of this topic-partition is paused (backpressure). */
  paused = false;

  constructor(
    readonly topic: TopicId,
    readonly partition: number,
    /** The record before `boundEnd` is the topic-partition's `last` (false: reading only pauses there). */
    private readonly endsAtBound = true,
  ) {}

  get size(): number {
    return this.offsets.length - this.head;
  }

  /** One message: its offset, its value as text (the engine parses it) and its timestamp. */
  push(offset: string, text: string, time: number): void {
    this.offsets.push(offset);
    this.texts.push(text);
    this.times.push(time);
    this.fetchedNext = nextOffset(offset);
  }

  /** Bounded reading has reached its end: nothing more is taken from this topic-partition. */
  atBound(): boolean {
    return this.boundEnd !== undefined && this.polledNext !== undefined && !offsetBefore(this.polledNext, this.boundEnd);
  }

  /** Timestamp of the next record (undefined when none is queued, or the bound is reached). */
  headTime(): number | undefined {
    return this.head < this.offsets.length && !this.atBound() ? this.times[this.head] : undefined;
  }

  /** Nothing queued and nothing more in the log as far as known: the merge need not wait for it. */
  caughtUp(): boolean {
    if (this.atBound()) return true;
    if (this.size > 0) return false;
    const at = this.fetchedNext ?? this.polledNext;
    return at !== undefined && this.end !== undefined && !offsetBefore(at, this.end);
  }

  /** Moves the next record to `out`. */
  takeOne(out: SourceRecord[]): void {
    const i = this.head++;
    const offset = this.offsets[i]!;
    const rec = messageRecord(this.topic, this.texts[i]!, this.partition, offset);
    this.polledNext = nextOffset(offset);
    if (this.endsAtBound && this.boundEnd !== undefined && this.polledNext === this.boundEnd) rec.last = true;
    out.push(rec);
    if (this.head === this.offsets.length) this.clear();
    else if (this.head > 4096) this.compact();
  }

  /** Forgets what is queued; both positions become `offset`. */
  reset(offset: string): void {
    this.clear();
    this.fetchedNext = offset;
    this.polledNext = offset;
  }

  private clear(): void {
    this.offsets = [];
    this.texts = [];
    this.times = [];
    this.head = 0;
  }

  private compact(): void {
    this.offsets = this.offsets.slice(this.head);
    this.texts = this.texts.slice(this.head);
    this.times = this.times.slice(this.head);
    this.head = 0;
  }
}
