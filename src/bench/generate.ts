// A deterministic synthetic storefront, written as an ordertrack source directory (SPEC §13):
// the three topic files plus `reference/`. Orders are created in time order (a Poisson stream with
// a daily rhythm); each order's whole future is drawn at once and parked in per-topic look-ahead
// heaps that drain as the simulation passes, so every file comes out in event-time order (but for
// the faults put in on purpose) with memory bounded by the orders in flight, not the data set.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog } from './catalog.js';
import { buildCustomers } from './customers.js';
import { DEFAULT_FAULTS, Emitter, type FaultRates } from './emitter.js';
import { areaRows, districts } from './geography.js';
import { NdjsonWriter } from './ndjson-writer.js';
import { DEFAULT_MIX, type Mix, type StoryContext, tellOrder } from './order-story.js';
import { Rng } from './prng.js';

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
const HOUR = 3_600_000;
/** Order intensity by hour of the day in China (UTC+8): quiet nights, lunch and evening peaks. */
const RHYTHM = [0.5, 0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.3, 1.3, 1.4, 1.2, 1.1, 1.1, 1.1, 1.1, 1.2, 1.4, 1.7, 1.9, 1.8, 1.0];
const RHYTHM_MEAN = RHYTHM.reduce((a, b) => a + b, 0) / RHYTHM.length;
const COURIER_SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const COURIER_NAMES = ['伟', '芳', '娜', '洋', '杰', '磊', '敏', '勇', '强', '静', '军', '超'];
const CARRIERS = ['SF', 'ZTO', 'YTO', 'JD', 'EMS'];

export function generateDataset(dir: string, opts: GenerateOptions): GenerateResult {
  const rng = new Rng(opts.seed);
  const scale = opts.anomalyScale ?? 1;
  const fscale = opts.faultScale ?? 1;
  const mix = { ...scaled(DEFAULT_MIX, scale, undefined), noPay: DEFAULT_MIX.noPay, ...opts.mix };
  const rates = scaled(DEFAULT_FAULTS, fscale, opts.faults);
  const start = opts.start === undefined ? Date.UTC(2026, 10, 20) : new Date(opts.start).getTime();
  if (!Number.isFinite(start)) throw new RangeError(`start: not a time: ${String(opts.start)}`);
  const perDay = opts.ordersPerDay ?? 10_000;

  const estOrders = Math.max(10, opts.records / EVENTS_PER_ORDER);
  const geo = districts();
  const served = geo.filter((d) => d.areaId !== undefined);
  const catalog = buildCatalog(rng, clampInt(estOrders / 15, 30, 20_000), estOrders * 0.88 * 1.7 * 1.35, 0.01 * scale);
  const people = buildCustomers(rng, clampInt(estOrders / 3, 20, 500_000), geo, scale);
  const couriers = Array.from({ length: 40 }, (_, i) => ({
    id: `${CARRIERS[i % CARRIERS.length]}${String(i + 1).padStart(4, '0')}`,
    name: rng.pick(COURIER_SURNAMES) + rng.pick(COURIER_NAMES),
  }));

  mkdirSync(join(dir, 'reference'), { recursive: true });
  const records = writeReference(dir, start, catalog, people.addresses, areaRows(geo));

  const out = new Emitter(dir, rng, rates);
  const ctx: StoryContext = { rng, out, mix, catalog, people, served, couriers, outcomes: {}, nextItem: 0 };
  let t = start;
  let n = 0;
  while (out.total < opts.records) {
    const hourOfDay = (Math.floor(t / HOUR) + 8) % 24;
    t += Math.max(1, Math.round(rng.exp((86_400_000 / perDay) * (RHYTHM_MEAN / RHYTHM[hourOfDay]!))));
    out.drainBefore(t);
    tellOrder(ctx, ++n, t);
  }
  const events = out.finish();
  Object.assign(records, events);
  return {
    records,
    events: Object.values(events).reduce((a, b) => a + b, 0),
    orders: n,
    faults: out.faults,
    outcomes: ctx.outcomes,
    from: new Date(start).toISOString(),
    to: new Date(t).toISOString(),
  };
}

function writeReference(
  dir: string,
  start: number,
  catalog: ReturnType<typeof buildCatalog>,
  addresses: readonly object[],
  areas: readonly object[],
): Record<string, number> {
  const updated = new Date(start - 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
  const inv = new NdjsonWriter(join(dir, 'reference', 'product_inventory.ndjson'));
  const info = new NdjsonWriter(join(dir, 'reference', 'product_info.ndjson'));
  const bySku = [...catalog.skus].sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
  for (const s of bySku) {
    inv.json({
      product_id: s.productId,
      sku_id: s.skuId,
      total_stock: s.available + s.locked,
      available_stock: s.available,
      frozen_stock: 0,
      locked_stock: s.locked,
      update_time: updated,
    });
    if (s.hasInfo) info.json({ sku_id: s.skuId, product_id: s.productId, product_name: s.name, category: s.category });
  }
  const addr = new NdjsonWriter(join(dir, 'reference', 'user_address.ndjson'));
  for (const a of addresses) addr.json(a);
  const area = new NdjsonWriter(join(dir, 'reference', 'logistics_area_info.ndjson'));
  for (const a of areas) area.json(a);
  const out: Record<string, number> = {};
  for (const [name, w] of Object.entries({ product_inventory: inv, product_info: info, user_address: addr, logistics_area_info: area })) {
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

function clampInt(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(x)));
}
