// Where synthesized events go: one look-ahead heap per topic, drained into the topic's file as the
// simulation clock (the next order's creation) passes them. Transport faults are added here, on
// the way out: duplicates (a producer's retry), late arrivals (the record keeps its event time but
// lands further down the file) and malformed copies (see faults.ts).
import { join } from 'node:path';
import { corrupt, MALFORMED_KINDS, type MalformedKind, type Topic } from './faults.js';
import { LineHeap } from './line-heap.js';
import { NdjsonWriter } from './ndjson-writer.js';
import type { Rng } from './prng.js';

export interface FaultRates {
  /** Share of records written twice (the copy a little later). */
  duplicate: number;
  /** Share of records that arrive late: more than the topic's 5–10 s bound behind their neighbours. */
  late: number;
  /** Share of records shuffled by a second or two (out of order, but within the bound). */
  jitter: number;
  /** Share of records preceded by a malformed copy. */
  malformed: number;
}

export const DEFAULT_FAULTS: FaultRates = { duplicate: 0.01, late: 0.005, jitter: 0.01, malformed: 0.004 };

export const TOPIC_FILES: Record<Topic, string> = {
  status: 'order_status_events.ndjson',
  item: 'order_item_events.ndjson',
  logistics: 'logistics_events.ndjson',
};

const TOPIC_LIST: readonly Topic[] = ['status', 'item', 'logistics'];
const ROTATION: readonly MalformedKind[] = ['bad_json', 'negative_quantity', 'bad_enum', 'missing_field', 'bad_timestamp', 'not_object', 'negative_price'];

export class Emitter {
  readonly faults: Record<string, number> = { duplicate: 0, late: 0, jitter: 0 };
  private readonly heaps: Record<Topic, LineHeap>;
  private readonly writers: Record<Topic, NdjsonWriter>;
  /**
   * Malformed kinds drawn but not yet written: kinds are drawn in a fixed rotation and each goes
   * onto the next record of a topic it fits (negative_quantity only fits an item), so even a small
   * data set holds every kind.
   */
  private readonly owed: MalformedKind[] = [];
  private turn = 0;
  /** Records handed to the heaps (what the files will hold). */
  total = 0;

  constructor(
    dir: string,
    private readonly rng: Rng,
    private readonly rates: FaultRates,
  ) {
    this.heaps = { status: new LineHeap(), item: new LineHeap(), logistics: new LineHeap() };
    this.writers = {
      status: new NdjsonWriter(join(dir, TOPIC_FILES.status)),
      item: new NdjsonWriter(join(dir, TOPIC_FILES.item)),
      logistics: new NdjsonWriter(join(dir, TOPIC_FILES.logistics)),
    };
    for (const kinds of Object.values(MALFORMED_KINDS)) for (const k of kinds) this.faults[k] = 0;
  }

  /**
   * One event whose event time is `t`; `delay` (ms) holds its arrival back on purpose (e.g. items
   * that reach the topic after the payment).
   */
  emit(topic: Topic, t: number, obj: Record<string, unknown>, delay = 0): void {
    const { rng, rates } = this;
    const heap = this.heaps[topic];
    const line = JSON.stringify(obj);
    let key = t + delay;
    if (rng.chance(rates.late)) {
      key += rng.chance(0.8) ? rng.int(11_000, 180_000) : rng.int(180_000, 1_800_000);
      this.faults.late!++;
    } else if (rng.chance(rates.jitter)) {
      key += rng.int(1, 4_000);
      this.faults.jitter!++;
    }
    if (rng.chance(rates.malformed)) this.owed.push(ROTATION[this.turn++ % ROTATION.length]!);
    const due = this.owed.findIndex((k) => MALFORMED_KINDS[topic].includes(k));
    if (due >= 0) {
      const kind = this.owed.splice(due, 1)[0]!;
      heap.push(key, corrupt(topic, kind, obj, line, rng));
      this.faults[kind]!++;
      this.total++;
    }
    heap.push(key, line);
    this.total++;
    if (rng.chance(rates.duplicate)) {
      heap.push(key + rng.int(0, 90_000), line);
      this.faults.duplicate!++;
      this.total++;
    }
  }

  /** Writes every pending line that arrives before `t` (nothing created later can precede it). */
  drainBefore(t: number): void {
    for (const topic of TOPIC_LIST) {
      const heap = this.heaps[topic];
      const w = this.writers[topic];
      while (heap.peekKey() < t) w.line(heap.pop());
    }
  }

  /** Writes everything left and closes the files; returns lines per file. */
  finish(): Record<string, number> {
    this.drainBefore(Infinity);
    const out: Record<string, number> = {};
    for (const topic of TOPIC_LIST) {
      this.writers[topic].close();
      out[TOPIC_FILES[topic]] = this.writers[topic].lines;
    }
    return out;
  }

  /** Lines waiting in the look-ahead (for memory checks). */
  pending(): number {
    return this.heaps.status.size + this.heaps.item.size + this.heaps.logistics.size;
  }
}
