// The simulator's messages, kept in arrival order so that a replay can go back to a time and
// read them again (what a Kafka topic's retention gives). Bounded: past `capacity` the oldest half
// is dropped, and a replay reaches back only as far as what is kept.
import { TOPICS, type TopicId, type TopicName } from '../../engine/types.js';

export interface LoggedMessage {
  topic: TopicId;
  text: string;
  /** Arrival time (epoch ms of simulated time), the message timestamp a replay seeks by. */
  time: number;
  /** Offset within its topic, counted from the first message ever logged. */
  offset: number;
}

export class MessageLog {
  private entries: LoggedMessage[] = [];
  /** Global index of entries[0]. */
  private base = 0;
  private readonly next = [0, 0, 0];

  constructor(private readonly capacity = 2_000_000) {}

  /** Index one past the last message. */
  get end(): number {
    return this.base + this.entries.length;
  }

  get start(): number {
    return this.base;
  }

  append(topic: TopicId, text: string, time: number): void {
    this.entries.push({ topic, text, time, offset: this.next[topic]!++ });
    if (this.entries.length > this.capacity) {
      const drop = this.entries.length >> 1;
      this.entries = this.entries.slice(drop);
      this.base += drop;
    }
  }

  /** The message at global index `i` (undefined once dropped or not yet logged). */
  at(i: number): LoggedMessage | undefined {
    return this.entries[i - this.base];
  }

  /** First kept index whose time is ≥ `from` (times are non-decreasing in arrival order). */
  seek(from: number | null): number {
    if (from === null) return this.base;
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.time < from) lo = mid + 1;
      else hi = mid;
    }
    return this.base + lo;
  }

  /** Messages per topic in [from, until) of the chosen topics. */
  count(from: number, until: number, topics: ReadonlySet<TopicId>): Record<TopicName, number> {
    const n: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
    for (let i = Math.max(from, this.base); i < until; i++) {
      const m = this.entries[i - this.base]!;
      if (topics.has(m.topic)) n[TOPICS[m.topic]]++;
    }
    return n;
  }
}
