import { describe, expect, it } from 'vitest';
import { type Changes, Engine } from '../../engine/engine.js';
import type { Collector } from '../../engine/ports.js';
import { ReferenceIndex } from '../../engine/reference.js';
import { DAY, HOUR } from '../../engine/time/timestamp.js';
import type { SlaRow, SourceRecord } from '../../engine/types.js';
import { SimulatorFeed } from '../live/simulator-feed.js';
import { DEFAULT_KNOBS, KNOB_NAMES, type SimKnobs } from './knobs.js';
import { DEFAULT_START, type SimMessage, Simulator, type SimulatorOptions } from './simulator.js';
import { analyse } from './fixtures.js';

const START = DEFAULT_START;

/** Every message up to `until`, pulled in batches of `step`. */
function drain(sim: Simulator, until: number, step = 8192): SimMessage[] {
  const out: SimMessage[] = [];
  while (sim.pull(until, step, out) > 0);
  return out;
}

function run(opts: Partial<SimulatorOptions>, span: number): { sim: Simulator; messages: SimMessage[] } {
  const sim = new Simulator({ seed: 7, ordersPerDay: 2_000, ...opts });
  return { sim, messages: drain(sim, START + span) };
}

describe('Simulator', () => {
  it('is deterministic: one seed gives the same messages and reference, another seed others', () => {
    const a = run({ seed: 11 }, 6 * HOUR);
    const b = run({ seed: 11 }, 6 * HOUR);
    const c = run({ seed: 12 }, 6 * HOUR);
    expect(a.messages.length).toBeGreaterThan(500);
    expect(b.messages).toEqual(a.messages);
    expect(b.sim.reference()).toEqual(a.sim.reference());
    expect(b.sim.stats).toEqual(a.sim.stats);
    expect(c.messages.map((m) => m.text)).not.toEqual(a.messages.map((m) => m.text));
  });

  it('gives the same stream pulled in small, uneven steps as in one pull', () => {
    const whole = run({}, 12 * HOUR).messages;
    const sim = new Simulator({ seed: 7, ordersPerDay: 2_000 });
    const pieces: SimMessage[] = [];
    let until = START;
    let k = 0;
    while (until < START + 12 * HOUR) {
      until = Math.min(START + 12 * HOUR, until + ((k * 7_919) % 600_000));
      sim.pull(until, 1 + (k % 13), pieces); // at most a few at a time: `max` cuts in mid-timestamp too
      sim.pull(until - 60_000, 5, pieces); // a step back in time adds nothing new out of order
      k++;
    }
    pieces.push(...drain(sim, START + 12 * HOUR));
    expect(pieces).toEqual(whole);
  });

  it('hands out messages in arrival order, none after `until`, at most `max`', () => {
    const sim = new Simulator({ seed: 3, ordersPerDay: 5_000 });
    const out: SimMessage[] = [];
    expect(sim.pull(START + HOUR, 100, out)).toBe(100);
    expect(out).toHaveLength(100);
    const rest = drain(sim, START + HOUR);
    const all = [...out, ...rest];
    for (let i = 1; i < all.length; i++) expect(all[i]!.time).toBeGreaterThanOrEqual(all[i - 1]!.time);
    expect(all.every((m) => m.time <= START + HOUR && m.time >= START)).toBe(true);
    expect(sim.pull(START + HOUR, 100, out)).toBe(0);
    expect(sim.stats.messages.order_status_events + sim.stats.messages.order_item_events + sim.stats.messages.logistics_events).toBe(all.length);
  });

  it('covers every SKU and user the messages mention with reference rows', () => {
    const { sim, messages } = run({ knobs: { stockOut: 0 } }, 2 * DAY);
    const ref = sim.reference();
    const skus = new Set(ref.product_inventory.map((r) => r.sku_id));
    const users = new Set(ref.user_address.map((r) => r.user_id));
    const a = analyse(messages, ref);
    expect(a.items.length).toBeGreaterThan(1_000);
    expect(a.items.every((i) => skus.has(i.sku))).toBe(true); // stockOut 0: no unknown SKUs either
    // Users without any saved address are part of the model (they cannot be routed): every other
    // user in the traffic has rows, and the reference knows of more users than ordered.
    const ordering = new Set([...a.orders.values()].map((o) => o.user));
    expect([...ordering].filter((u) => users.has(u)).length).toBeGreaterThan(ordering.size * 0.95);
    for (const r of ref.product_inventory) expect(r.total_stock).toBe(r.available_stock + r.frozen_stock + r.locked_stock);
    const areas = new Set(ref.logistics_area_info.map((r) => r.area_id));
    expect(a.locations.size).toBeGreaterThan(5);
    expect([...a.locations].every((l) => areas.has(l))).toBe(true);
  });

  it('puts every fault kind into a modest run, seen in the messages as counted', () => {
    // 3,000 orders with their whole lifecycles: every message of every order is in `messages`.
    const sim = new Simulator({ seed: 5, ordersPerDay: 2_000, maxOrders: 3_000 });
    const messages = drain(sim, Infinity);
    const stats = sim.stats;
    const seen = analyse(messages, sim.reference());
    for (const k of KNOB_NAMES) expect(stats.faults[k], k).toBeGreaterThan(0);
    expect(seen.orders.size).toBe(3_000);
    expect(seen.unpaid).toBeGreaterThan(0);
    expect(seen.stalled).toBeGreaterThan(0);
    expect(seen.delayed).toBeGreaterThan(0);
    // Low-stock SKUs can fail a normal line too, so the injected lines are a lower bound.
    expect(seen.oversold).toBeGreaterThanOrEqual(stats.faults.stockOut);
    expect(seen.unroutableOrders).toBe(stats.faults.unroutable);
    expect(seen.refunded).toBeGreaterThan(0);
    expect(seen.late).toBeGreaterThan(0);
    expect(seen.duplicates).toBe(stats.faults.duplicate);
    expect(seen.invalid).toBe(stats.faults.malformed);
    const total = Object.values(stats.messages).reduce((a, b) => a + b, 0);
    expect(total).toBe(messages.length);
  });

  it('moves the shares the way its knobs say', () => {
    const base = run({}, DAY);
    const baseSeen = analyse(base.messages, base.sim.reference(), START + DAY);
    for (const k of KNOB_NAMES) {
      const knobs: Partial<SimKnobs> = { [k]: Math.min(1, DEFAULT_KNOBS[k] * 5) };
      expect(run({ knobs }, DAY).sim.stats.faults[k], k).toBeGreaterThan(base.sim.stats.faults[k] * 2);
    }
    const none = run({ knobs: Object.fromEntries(KNOB_NAMES.map((k) => [k, 0])) }, DAY);
    for (const k of KNOB_NAMES) expect(none.sim.stats.faults[k], k).toBe(0);
    // unpaid = 0.5: about half the orders (the ones old enough to have paid) never do.
    const half = run({ knobs: { unpaid: 0.5 } }, DAY);
    const halfSeen = analyse(half.messages, half.sim.reference(), START + DAY);
    expect(halfSeen.unpaid / halfSeen.settled).toBeGreaterThan(0.4);
    expect(halfSeen.unpaid / halfSeen.settled).toBeLessThan(0.6);
    expect(baseSeen.unpaid / baseSeen.settled).toBeLessThan(0.2);
    const noneSeen = analyse(none.messages, none.sim.reference(), START + DAY);
    expect(noneSeen.unpaid + noneSeen.invalid + noneSeen.oversold + noneSeen.unroutableOrders + noneSeen.late).toBe(0);
  });

  it('delivers mostly within the SLA (SPEC §8), replayed through the engine, with its timeouts still there', () => {
    // Four days of traffic as the demo feeds it (the simulator as a live source) into an engine.
    const seed = 9;
    const create = (start: number) => new Simulator({ seed, ordersPerDay: 1_000, start });
    const feed = new SimulatorFeed({ seed, start: START, speed: 1, create, now: 0 });
    const ref = create(START).reference();
    const stock = new Map(ref.product_inventory.map((r) => [r.sku_id, r]));
    const nop = () => {};
    const out: Collector = { deadLetter: nop, inventoryOp: nop, dispatch: nop, notification: nop, metric: nop, dataQuality: nop };
    const engine = new Engine({
      store: { loadStock: (sku) => (stock.has(sku) ? { ...stock.get(sku)! } : undefined), recordedOp: () => undefined, loadOrder: () => undefined },
      out,
      refs: new ReferenceIndex(ref.product_info, ref.user_address, ref.logistics_area_info),
    });
    const sla = new Map<string, SlaRow>();
    const anomalies = new Map<string, string>();
    const changes: Changes = { lifecycle: [], sla: [], anomalies: [], orderStates: [] };
    const records: SourceRecord[] = [];
    for (;;) {
      records.length = 0;
      if (feed.poll(8192, records, 4 * DAY) === 0) break;
      for (const r of records) engine.process(r, 0);
      engine.drainChanges(changes);
      for (const row of changes.sla.splice(0)) sla.set(row.order_id, row);
      for (const a of changes.anomalies.splice(0)) anomalies.set(`${a.order_id}:${a.abnormal_type}`, a.abnormal_type);
      changes.lifecycle.length = 0;
      changes.orderStates.length = 0;
    }
    const rows = [...sla.values()];
    expect(rows.length).toBeGreaterThan(2_500);
    const share = (s: SlaRow['delivery_status']) => rows.filter((r) => r.delivery_status === s).length / rows.length;
    expect(share('ON_TIME')).toBeGreaterThan(0.7);
    expect(share('AT_RISK')).toBeGreaterThan(0.05);
    expect(share('AT_RISK')).toBeLessThan(0.25);
    expect(share('OVERDUE')).toBeGreaterThan(0.02);
    expect(share('OVERDUE')).toBeLessThan(0.12);
    // On-time deliveries come from many warehouses (the SLA view's rows), not one.
    const onTimeWarehouses = new Set(rows.filter((r) => r.delivery_status === 'ON_TIME').map((r) => r.warehouse_id));
    expect(onTimeWarehouses.size).toBeGreaterThan(5);
    // The stalls (24 h) and slow parcels (72 h) the knobs put in still raise their timeouts.
    const raised = (type: string) => [...anomalies.values()].filter((t) => t === type).length;
    expect(raised('PROCESSING_TIMEOUT')).toBeGreaterThan(20);
    expect(raised('DELIVERY_TIMEOUT')).toBeGreaterThan(5);
  });

  it('starts with a backlog when asked for history, already holding 24 h and 72 h timeouts', () => {
    const sim = new Simulator({ seed: 2, ordersPerDay: 2_000, history: 4 * DAY });
    expect(sim.origin).toBe(START - 4 * DAY);
    const messages = drain(sim, START);
    expect(messages[0]!.time).toBeGreaterThanOrEqual(START - 4 * DAY);
    const seen = analyse(messages, sim.reference(), START);
    expect(seen.stalled).toBeGreaterThan(0);
    expect(seen.delayed).toBeGreaterThan(0);
  });

  it('places no more than maxOrders and then runs their lifecycles to the end', () => {
    const sim = new Simulator({ seed: 4, maxOrders: 30 });
    const all = drain(sim, Infinity);
    expect(sim.stats.orders).toBe(30);
    expect(sim.peekTime()).toBe(Infinity);
    expect(sim.pending()).toBe(0);
    expect(new Set(analyse(all, sim.reference()).orders.keys()).size).toBe(30);
  });

  it('keeps its memory to the orders in flight over weeks of traffic', () => {
    const sim = new Simulator({ seed: 1, ordersPerDay: 1_000 });
    const pending: number[] = [];
    let delivered = 0;
    for (let d = 1; d <= 21; d++) {
      delivered += drain(sim, START + d * DAY).length;
      pending.push(sim.pending());
    }
    const early = pending[4]!;
    expect(Math.max(...pending.slice(5))).toBeLessThan(early * 1.5);
    expect(pending.at(-1)!).toBeLessThan(delivered / 20);
  });

  it('rejects options it cannot honour', () => {
    expect(() => new Simulator({ seed: 1.5 })).toThrow(/seed/);
    expect(() => new Simulator({ seed: 1, ordersPerDay: 0 })).toThrow(/ordersPerDay/);
    expect(() => new Simulator({ seed: 1, knobs: { unpaid: 1.5 } })).toThrow(/unpaid/);
    expect(() => new Simulator({ seed: 1, history: -1 })).toThrow(/history/);
  });
});
