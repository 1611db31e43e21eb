// One partition's event-time clock (SPEC §4): a watermark per topic (max event time − bound),
// which topics hold the clock, and the clock itself, which never moves back. Bounded input
// releases a topic at its last line; live input releases a topic that has been silent for the
// idle timeout, and once every topic has been that silent lets the clock follow processing
// time − the largest bound.

interface TopicClock {
  maxEvent: number;
  hasWatermark: boolean;
  released: boolean;
  /** Processing time of the topic's last message in live mode (NaN: none seen since start). */
  lastArrival: number;
}

export interface ClockSnapshot {
  topics: { maxEvent: number | null; hasWatermark: boolean; released: boolean }[];
  clock: number | null;
  maxEventTime: number | null;
}

export class PartitionClock {
  /** The clock; NaN while undefined (nothing fires until a topic has a watermark). */
  clock = NaN;
  /** Greatest valid event time seen, where a bounded input's clock ends. */
  private maxEventTime = -Infinity;
  private topics: TopicClock[] = [0, 1, 2].map(() => ({ maxEvent: -Infinity, hasWatermark: false, released: false, lastArrival: NaN }));
  private readonly maxBound: number;

  constructor(
    private readonly bounds: readonly number[],
    private readonly idleTimeoutMs: number | undefined,
  ) {
    this.maxBound = Math.max(...bounds);
  }

  /** A valid record is late when its event time is below its topic's watermark before it arrives. */
  isLate(topic: number, eventTime: number): boolean {
    const t = this.topics[topic]!;
    return t.hasWatermark && eventTime < t.maxEvent - this.bounds[topic]!;
  }

  /** Notes a message of the topic (event time NaN: it moves no watermark) at processing time `now`. */
  observe(topic: number, eventTime: number, last: boolean, now: number): void {
    const t = this.topics[topic]!;
    if (!Number.isNaN(eventTime)) {
      if (eventTime > t.maxEvent) t.maxEvent = eventTime;
      t.hasWatermark = true;
      if (eventTime > this.maxEventTime) this.maxEventTime = eventTime;
    }
    if (last) t.released = true;
    if (this.idleTimeoutMs !== undefined) t.lastArrival = now;
  }

  /** Recomputes the clock at processing time `now`; it never moves back. */
  recompute(now: number): void {
    const idle = this.idleTimeoutMs;
    let held = Infinity;
    let greatest = -Infinity;
    // A topic that had a message within the idle timeout (a file that just ended among them)
    // keeps processing time from taking the clock over.
    let recent = false;
    for (let i = 0; i < 3; i++) {
      const c = this.topics[i]!;
      if (!c.hasWatermark) continue;
      const wm = c.maxEvent - this.bounds[i]!;
      if (wm > greatest) greatest = wm;
      let silent = false;
      if (idle !== undefined) {
        if (Number.isNaN(c.lastArrival)) c.lastArrival = now; // restored: idle from now on
        silent = now - c.lastArrival >= idle;
        if (!silent) recent = true;
      }
      if (c.released || silent || wm >= held) continue;
      held = wm;
    }
    if (greatest === -Infinity) return;
    let candidate = held === Infinity ? greatest : held;
    if (held === Infinity && idle !== undefined && !recent && now - this.maxBound > candidate) candidate = now - this.maxBound;
    if (Number.isNaN(this.clock) || candidate > this.clock) this.clock = candidate;
  }

  /** End of a bounded input: the clock moves to the greatest event time seen. */
  finish(): void {
    if (this.maxEventTime !== -Infinity && (Number.isNaN(this.clock) || this.maxEventTime > this.clock)) {
      this.clock = this.maxEventTime;
    }
  }

  snapshot(): ClockSnapshot {
    return {
      topics: this.topics.map((t) => ({
        maxEvent: t.maxEvent === -Infinity ? null : t.maxEvent,
        hasWatermark: t.hasWatermark,
        released: t.released,
      })),
      clock: Number.isNaN(this.clock) ? null : this.clock,
      maxEventTime: this.maxEventTime === -Infinity ? null : this.maxEventTime,
    };
  }

  restore(s: ClockSnapshot): void {
    this.topics = s.topics.map((t) => ({
      maxEvent: t.maxEvent === null ? -Infinity : t.maxEvent,
      hasWatermark: t.hasWatermark,
      released: t.released,
      lastArrival: NaN,
    }));
    this.clock = s.clock === null ? NaN : s.clock;
    this.maxEventTime = s.maxEventTime === null ? -Infinity : s.maxEventTime;
  }
}
