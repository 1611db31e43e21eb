// A deterministic synthetic storefront, written as an ordertrack source directory (SPEC §13):
// the three topic files plus `reference/`, as fast as possible. The model is the simulator's
// (src/sources/simulator): the same world, order stories and transport faults; this file only
// sizes the world for a number of records and writes what the emitter delivers into the files.
// Orders are created in time order and each order's whole future is parked in the emitter's
// look-ahead, so every file comes out in event-time order (but for the faults put in on purpose)
// with memory bounded by the orders in flight, not the data set.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FAULTS, Emitter, type EventSink, type FaultRates } from '../sources/simulator/emitter.js';
import type { Topic } from '../sources/simulator/faults.js';
import { NdjsonWriter } from '../sources/simulator/ndjson-writer.js';
import { DEFAULT_MIX, type Mix, type StoryContext } from '../sources/simulator/order-story.js';
import { Rng } from '../sources/simulator/prng.js';
import { Traffic } from '../sources/simulator/traffic.js';
import { buildWorld, type World, worldReference } from '../sources/simulator/world.js';

export interface GenerateOptions {
  /** Minimum number of event records (lines of the three topic files, faults included). */
  records: number;
  seed: number;
  /** When the first order is placed (default 2026-11-20T00:00:00Z). */
  start?: string | number;
  /** Mean orders per simulated day (default 10,000). */
  ordersPerDay?: number;
  /** Multiplies the shares of rare unhappy paths and awkward reference data (default 1). */
  anomalyScale?: number;
  /** Multiplies the transport fault rates (duplicates, late, malformed; default 1). */
  faultScale?: number;
  /** Overrides of single rates (applied after the scales). */
  faults?: Partial<FaultRates>;
  mix?: Partial<Mix>;
}

export interface GenerateResult {
  /** Lines written per file, by path relative to the directory. */
  records: Record<string, number>;
  /** Lines of the three topic files. */
  events: number;
  orders: number;
  /** Injected transport faults by kind (duplicate, late, jitter, and each malformed kind). */
  faults: Record<string, number>;
  /** Orders per lifecycle path, and a few per-line counts. */
  outcomes: Record<string, number>;
  /** Start of the simulation and creation time of the last order (ISO). */
  from: string;
  to: string;
}

/** Lines per order at the default mix, for sizing the catalog and customer base. */
const EVENTS_PER_ORDER = 10.5;

export const TOPIC_FILES: Record<Topic, string> = {
  status: 'order_status_events.ndjson',
  item: 'order_item_events.ndjson',
  logistics: 'logistics_events.ndjson',
};

export function generateDataset(dir: string, opts: GenerateOptions): GenerateResult {
  const rng = new Rng(opts.seed);
  const scale = opts.anomalyScale ?? 1;
  const fscale = opts.faultScale ?? 1;
  // The anomaly scale leaves the share of unpaid orders (common, not an anomaly) as it is.
  const mix = { ...scaled(DEFAULT_MIX, scale, undefined), noPay: DEFAULT_MIX.noPay, problemNoPay: DEFAULT_MIX.problemNoPay, ...opts.mix };
  const rates = scaled(DEFAULT_FAULTS, fscale, opts.faults);
  const start = opts.start === undefined ? Date.UTC(2026, 10, 20) : new Date(opts.start).getTime();
  if (!Number.isFinite(start)) throw new RangeError(`start: not a time: ${String(opts.start)}`);

  const orders = Math.max(10, opts.records / EVENTS_PER_ORDER);
  const world = buildWorld(rng, { orders, lowStock: 0.01 * scale, hotSellsOut: true, addressless: scale });
  mkdirSync(join(dir, 'reference'), { recursive: true });
  const records = writeReference(dir, start, world);

  const out = new Emitter(rng, rates);
  const files = {
    status: new NdjsonWriter(join(dir, TOPIC_FILES.status)),
    item: new NdjsonWriter(join(dir, TOPIC_FILES.item)),
    logistics: new NdjsonWriter(join(dir, TOPIC_FILES.logistics)),
  };
  const sink: EventSink = (topic, _arrival, line) => files[topic].line(line);
  const { catalog, people, served, couriers } = world;
  const ctx: StoryContext = { rng, out, mix, catalog, people, served, couriers, outcomes: {}, nextItem: 0 };
  const traffic = new Traffic(ctx, start, opts.ordersPerDay ?? 10_000);
  while (out.total < opts.records) {
    out.drainBefore(traffic.nextTime, sink);
    traffic.placeNext();
  }
  out.drainBefore(Infinity, sink);
  let events = 0;
  for (const topic of ['status', 'item', 'logistics'] as const) {
    files[topic].close();
    records[TOPIC_FILES[topic]] = files[topic].lines;
    events += files[topic].lines;
  }
  return {
    records,
    events,
    orders: traffic.orders,
    faults: out.faults,
    outcomes: ctx.outcomes,
    from: new Date(start).toISOString(),
    to: new Date(traffic.last).toISOString(),
  };
}

/** The reference files, as the datasets have always written them (stock update_time without ms). */
function writeReference(dir: string, start: number, world: World): Record<string, number> {
  const updated = new Date(start - 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
  const ref = worldReference(world, start - 86_400_000);
  const tables = {
    product_inventory: ref.product_inventory.map((r) => ({ ...r, update_time: updated })),
    product_info: ref.product_info,
    user_address: ref.user_address,
    logistics_area_info: ref.logistics_area_info,
  };
  const out: Record<string, number> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const w = new NdjsonWriter(join(dir, 'reference', `${name}.ndjson`));
    for (const r of rows) w.json(r);
    w.close();
    out[`reference/${name}.ndjson`] = w.lines;
  }
  return out;
}

function scaled<T extends object>(base: T, k: number, overrides: Partial<T> | undefined): T {
  const out = {} as Record<string, number>;
  for (const [key, v] of Object.entries(base)) out[key] = Math.min(v * k, 0.5);
  return { ...(out as T), ...overrides };
}
