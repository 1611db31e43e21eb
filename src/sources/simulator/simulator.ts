// The storefront simulator in pull form: the caller asks for the messages that have arrived by a
// simulated time, and the simulator places just enough orders to know them. It drives the same
// model as the dataset writer (world.ts, traffic.ts, order-story.ts, emitter.ts), so it shares its
// realism; memory holds only the look-ahead of orders in flight, so it can run for days.
//
// Determinism: every draw happens when an order is placed, orders are placed in one sequence
// whatever the caller asks, and messages leave the look-ahead in (arrival time, sequence) order.
// A message is handed out only once the next order's creation time is past it (no later order can
// arrive before its own creation), so the stream of a seed is one fixed sequence: pulling it in
// small steps or in one go gives the same messages.
import { DAY } from '../../engine/time/timestamp.js';
import type { TopicName } from '../../engine/types.js';
import type { ReferenceSeed } from '../../sinks/store.js';
import { Emitter, type EventSink } from './emitter.js';
import { MALFORMED_KINDS, type Topic } from './faults.js';
import { type FaultKind, faultRatesFor, KNOB_NAMES, mixFor, resolveKnobs, type SimKnobs, worldSharesFor } from './knobs.js';
import type { StoryContext } from './order-story.js';
import { Rng } from './prng.js';
import { Traffic } from './traffic.js';
import { buildWorld, type World, worldReference } from './world.js';

export type { FaultKind, SimKnobs };

export interface SimMessage {
  topic: TopicName;
  /** The message as a producer sends it: JSON text, or broken text for a malformed one. */
  text: string;
  /** Simulated arrival time, epoch ms. */
  time: number;
}

export interface SimulatorOptions {
  seed: number;
  /** Simulated time the traffic starts at (epoch ms; default 2026-11-20T00:00:00Z, for determinism). */
  start?: number;
  /** Mean orders per simulated day (default 10,000), shaped by a daily rhythm. */
  ordersPerDay?: number;
  knobs?: Partial<SimKnobs>;
  /**
   * Simulated time of traffic before `start` (ms, default 0): orders are placed from start −
   * history, so the first pull up to `start` hands out a backlog in which orders have already
   * stalled for a day or waited three days for a parcel. A 60× demo needs it to show the 24 h and
   * 72 h timeouts within minutes rather than hours.
   */
  history?: number;
  /** Place no more than this many orders; their lifecycles still run to the end (default: no limit). */
  maxOrders?: number;
}

export interface SimStats {
  /** Orders placed so far (their whole future is decided then). */
  orders: number;
  /** Messages handed out by pull(), per topic. */
  messages: Record<TopicName, number>;
  /**
   * Faults by knob: order faults (unpaid, stall, deliveryDelay, stockOut lines, unroutable
   * users' orders, refund, orders with late items) when their order is placed; transport faults
   * (late and jittered records, duplicate, malformed) when their message is handed out.
   */
  faults: Record<FaultKind, number>;
  /** The finer counts behind `faults`: lifecycle paths and each transport fault kind. */
  detail: Record<string, number>;
}

export const DEFAULT_START = Date.UTC(2026, 10, 20);
/** The catalog, customer base and stock are sized for this many days of orders. */
const SIZED_DAYS = 7;
const TOPIC_NAMES: Record<Topic, TopicName> = { status: 'order_status_events', item: 'order_item_events', logistics: 'logistics_events' };
/** Which story outcomes (order-story.ts) make up each order-level fault. */
const ORDER_FAULTS: Partial<Record<FaultKind, readonly string[]>> = {
  unpaid: ['expired', 'cancelled_unpaid', 'never_paid'],
  stall: ['stuck_paid', 'stuck_processing', 'shipped_late'],
  deliveryDelay: ['delivered_late', 'lost_parcel'],
  stockOut: ['oversold_lines'],
  unroutable: ['unroutable_orders'],
  refund: ['refunded_before_ship', 'refused_at_door', 'refunded_after_delivery'],
  outOfOrder: ['late_items'],
};
const MALFORMED = [...new Set(Object.values(MALFORMED_KINDS).flat())];

export class Simulator {
  /** Creation time basis of the first order: start − history. */
  readonly origin: number;
  readonly knobs: Readonly<SimKnobs>;
  private readonly world: World;
  private readonly emitter: Emitter;
  private readonly traffic: Traffic;
  private readonly ctx: StoryContext;
  private readonly delivered: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
  private target: SimMessage[] = [];
  private readonly sink: EventSink = (topic, time, text) => {
    const name = TOPIC_NAMES[topic];
    this.target.push({ topic: name, text, time });
    this.delivered[name]++;
  };

  constructor(opts: SimulatorOptions) {
    const perDay = opts.ordersPerDay ?? 10_000;
    const history = opts.history ?? 0;
    const start = opts.start ?? DEFAULT_START;
    if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
    if (!(perDay > 0 && Number.isFinite(perDay))) throw new RangeError(`ordersPerDay must be a positive number, got ${perDay}`);
    if (!(history >= 0 && Number.isFinite(history))) throw new RangeError(`history must be a duration ≥ 0, got ${history}`);
    if (!Number.isFinite(start)) throw new RangeError(`start must be a time (epoch ms), got ${start}`);
    const maxOrders = opts.maxOrders ?? Infinity;
    if (!(maxOrders >= 0)) throw new RangeError(`maxOrders must be ≥ 0, got ${maxOrders}`);
    // Whole milliseconds: event times are printed to the millisecond.
    this.origin = Math.floor(start - history);
    this.knobs = resolveKnobs(opts.knobs);
    const rng = new Rng(opts.seed);
    this.world = buildWorld(rng, { orders: perDay * SIZED_DAYS, ...worldSharesFor(this.knobs) });
    this.emitter = new Emitter(rng, faultRatesFor(this.knobs));
    const { catalog, people, served, couriers } = this.world;
    this.ctx = { rng, out: this.emitter, mix: mixFor(this.knobs), catalog, people, served, couriers, outcomes: {}, nextItem: 0 };
    this.traffic = new Traffic(this.ctx, this.origin, perDay, maxOrders);
  }

  /** Reference rows the traffic needs (stock, products, addresses, areas), in engine form. */
  reference(): ReferenceSeed {
    // Stock as counted the day before the first order (to the second, as a store writes it).
    const updated = Math.floor((this.origin - DAY) / 1000) * 1000;
    return { ...worldReference(this.world, updated), order_processing_rules: [] };
  }

  /** Appends to `out` the messages that arrive at or before simulated time `until`, at most `max`, in arrival order; returns how many. */
  pull(until: number, max: number, out: SimMessage[]): number {
    if (Number.isNaN(until)) throw new RangeError('pull: until is NaN');
    this.target = out;
    let n = 0;
    while (n < max) {
      const next = this.traffic.nextTime;
      const head = this.emitter.peekTime();
      if (next <= head && next <= until && next !== Infinity) {
        this.traffic.placeNext();
        continue;
      }
      if (head > until || head === Infinity) break;
      this.emitter.deliverNext(this.sink);
      n++;
    }
    this.target = []; // hold no reference to the caller's array between pulls
    return n;
  }

  /** Arrival time of the next message (+Infinity once every order is placed and delivered). */
  peekTime(): number {
    while (this.traffic.nextTime !== Infinity && this.traffic.nextTime <= this.emitter.peekTime()) this.traffic.placeNext();
    return this.emitter.peekTime();
  }

  /** Messages drawn but not yet arrived (the look-ahead of orders in flight). */
  pending(): number {
    return this.emitter.pending();
  }

  get stats(): SimStats {
    const outcomes = this.ctx.outcomes;
    const sum = (keys: readonly string[], from: Record<string, number>) => keys.reduce((a, k) => a + (from[k] ?? 0), 0);
    const t = this.emitter.faults;
    const faults = {} as Record<FaultKind, number>;
    for (const k of KNOB_NAMES) faults[k] = sum(ORDER_FAULTS[k] ?? [], outcomes);
    faults.outOfOrder += sum(['late', 'jitter'], t);
    faults.duplicate = t.duplicate ?? 0;
    faults.malformed = sum(MALFORMED, t);
    return { orders: this.traffic.orders, messages: { ...this.delivered }, faults, detail: { ...outcomes, ...t } };
  }
}
