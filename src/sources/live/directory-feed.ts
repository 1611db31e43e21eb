// A source directory as a live source: read at `rate` records per second (or as fast as the run
// takes them), then ended. A replay reopens the directory at its start: the records before the
// first one at or after the time come quiet (they rebuild the state), the rest are re-read. The
// directory's three files are merged by event time into one order, so a replay re-reads all
// three topics (the topic choice of a replay applies to the simulator and Kafka).
import { TOPICS, type SourceRecord, type TopicName } from '../../engine/types.js';
import type { TimeZone } from '../../engine/time/timestamp.js';
import { openSource } from '../file/open-source.js';
import type { LiveSource } from '../live-source.js';
import type { BoundedSource } from '../source.js';

export interface DirectoryFeedOptions {
  timeZone: TimeZone;
  /** Records per second; undefined: as fast as polled. */
  rate?: number;
  position?: string;
  now: number;
}

export class DirectoryFeed implements LiveSource {
  readonly id: string;
  readonly label: string;
  readonly speed = null;
  readonly delivered: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
  private source: BoundedSource;
  private done = false;
  private paceStart: number;
  private paced = 0;

  constructor(private readonly dir: string, private readonly opts: DirectoryFeedOptions) {
    this.source = openSource(dir, { timeZone: opts.timeZone, position: opts.position });
    this.id = this.source.id;
    this.label = this.source.id;
    this.paceStart = opts.now;
  }

  get ended(): boolean {
    return this.done;
  }

  poll(max: number, out: SourceRecord[], now: number): number {
    if (this.done) return 0;
    let allowed = max;
    if (this.opts.rate !== undefined) {
      allowed = Math.min(max, Math.floor(((now - this.paceStart) / 1000) * this.opts.rate) - this.paced);
      if (allowed <= 0) return 0;
    }
    const before = out.length;
    const n = this.source.next(allowed, out);
    if (n === 0) this.done = true;
    for (let i = before; i < out.length; i++) if (!out[i]!.quiet) this.delivered[TOPICS[out[i]!.topic]]++;
    this.paced += n;
    return n;
  }

  position(): string {
    return this.source.position();
  }

  plan(_topics: readonly TopicName[], from: number | null): Record<TopicName, number> {
    const probe = openSource(this.dir, { timeZone: this.opts.timeZone, quietUntil: from ?? undefined });
    try {
      const batch: SourceRecord[] = [];
      while (probe.next(65_536, batch) > 0) batch.length = 0;
      return { ...probe.delivered };
    } finally {
      probe.close();
    }
  }

  rewind(topics: readonly TopicName[], from: number | null): number {
    const counts = this.plan(topics, from);
    this.source.close();
    this.source = openSource(this.dir, { timeZone: this.opts.timeZone, quietUntil: from ?? undefined });
    this.done = false;
    return counts.order_status_events + counts.order_item_events + counts.logistics_events;
  }

  close(): void {
    this.source.close();
  }
}
