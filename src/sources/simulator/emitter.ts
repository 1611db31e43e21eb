// Where synthesized events go: one look-ahead heap, drained in arrival order into a sink as the
// simulation clock (the next order's creation) passes them. Transport faults are added here, on
// the way out: duplicates (a producer's retry), late arrivals (the record keeps its event time but
// arrives further down the stream), jitter and malformed copies (see faults.ts). Faults are
// counted when their message is delivered, so a stream cut short reports only what it holds.
import { corrupt, MALFORMED_KINDS, type MalformedKind, type Topic } from './faults.js';
import { LineHeap } from './line-heap.js';
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

/** Receives each message as it arrives: its topic, arrival time and text. */
export type EventSink = (topic: Topic, arrival: number, line: string) => void;

const ROTATION: readonly MalformedKind[] = ['bad_json', 'negative_quantity', 'bad_enum', 'missing_field', 'bad_timestamp', 'not_object', 'negative_price'];

export class Emitter {
  /** Delivered messages that carry a fault, by kind (duplicate, late, jitter, each malformed kind). */
  readonly faults: Record<string, number> = { duplicate: 0, late: 0, jitter: 0 };
  private readonly heap = new LineHeap();
  /**
   * Malformed kinds drawn but not yet written: kinds are drawn in a fixed rotation and each goes
   * onto the next record of a topic it fits (negative_quantity only fits an item), so even a small
   * data set holds every kind.
   */
  private readonly owed: MalformedKind[] = [];
  private turn = 0;
  /** Records handed to the heap (what the output will hold once drained). */
  total = 0;

  constructor(
    private readonly rng: Rng,
    private readonly rates: FaultRates,
  ) {
    for (const kinds of Object.values(MALFORMED_KINDS)) for (const k of kinds) this.faults[k] = 0;
  }

  /**
   * One event whose event time is `t`; `delay` (ms) holds its arrival back on purpose (e.g. items
   * that reach the topic after the payment). The draws, and their order, are part of the output:
   * a dataset for a seed stays byte-identical only while they stay as they are.
   */
  emit(topic: Topic, t: number, obj: Record<string, unknown>, delay = 0): void {
    const { rng, rates, heap } = this;
    const line = JSON.stringify(obj);
    let key = t + delay;
    let fault: string | undefined;
    if (rng.chance(rates.late)) {
      key += rng.chance(0.8) ? rng.int(11_000, 180_000) : rng.int(180_000, 1_800_000);
      fault = 'late';
    } else if (rng.chance(rates.jitter)) {
      key += rng.int(1, 4_000);
      fault = 'jitter';
    }
    if (rng.chance(rates.malformed)) this.owed.push(ROTATION[this.turn++ % ROTATION.length]!);
    const due = this.owed.findIndex((k) => MALFORMED_KINDS[topic].includes(k));
    if (due >= 0) {
      const kind = this.owed.splice(due, 1)[0]!;
      heap.push(key, topic, corrupt(topic, kind, obj, line, rng), kind);
      this.total++;
    }
    heap.push(key, topic, line, fault);
    this.total++;
    if (rng.chance(rates.duplicate)) {
      heap.push(key + rng.int(0, 90_000), topic, line, 'duplicate');
      this.total++;
    }
  }

  /** Arrival time of the next pending message (+Infinity when none). */
  peekTime(): number {
    return this.heap.peekKey();
  }

  /** Hands the next pending message to `sink` (call only when peekTime() is finite). */
  deliverNext(sink: EventSink): void {
    const e = this.heap.pop();
    if (e.fault !== undefined) this.faults[e.fault]!++;
    sink(e.topic, e.key, e.line);
  }

  /** Delivers every pending message that arrives before `t` (nothing created later can precede it). */
  drainBefore(t: number, sink: EventSink): void {
    while (this.heap.peekKey() < t) this.deliverNext(sink);
  }

  /** Messages waiting in the look-ahead (for memory checks). */
  pending(): number {
    return this.heap.size;
  }
}
