import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTimestamp, UTC } from '../engine/time/timestamp.js';
import { type GenerateOptions, type GenerateResult, generateDataset } from './generate.js';

const TOPIC_FILES = ['order_status_events.ndjson', 'order_item_events.ndjson', 'logistics_events.ndjson'] as const;
const TIME_FIELD: Record<string, string> = {
  'order_status_events.ndjson': 'status_time',
  'order_item_events.ndjson': 'create_time',
  'logistics_events.ndjson': 'status_time',
};
const REQUIRED: Record<string, string[]> = {
  'order_status_events.ndjson': ['order_id', 'user_id', 'status', 'status_time'],
  'order_item_events.ndjson': ['order_id', 'item_id', 'sku_id', 'quantity', 'price', 'create_time'],
  'logistics_events.ndjson': ['logistics_id', 'order_id', 'status', 'status_time'],
};
const ENUMS: Record<string, string[]> = {
  'order_status_events.ndjson': ['PENDING_PAYMENT', 'PAID', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED', 'EXPIRED'],
  'logistics_events.ndjson': ['PENDING_DISPATCH', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'FAILED'],
};
/** The command that made examples/store-day (see examples/README.md). */
const EXAMPLE: GenerateOptions = { records: 400, seed: 32, ordersPerDay: 60, anomalyScale: 3, faultScale: 5 };
const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/store-day', import.meta.url));

const root = mkdtempSync(join(tmpdir(), 'ordertrack-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function generate(opts: GenerateOptions): { dir: string; result: GenerateResult } {
  const dir = join(root, String(++n));
  return { dir, result: generateDataset(dir, opts) };
}

function lines(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l !== '');
}

/** Every file under `dir`, by relative path. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name)));
  }
  return out;
}

/** What the engine would reject a line for, by the generator's fault names; undefined when valid. */
function classify(file: string, line: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'bad_json';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not_object';
  const o = v as Record<string, unknown>;
  if (REQUIRED[file]!.some((f) => o[f] === undefined || o[f] === null || o[f] === '')) return 'missing_field';
  if (ENUMS[file] && !ENUMS[file].includes(o.status as string)) return 'bad_enum';
  if (parseTimestamp(o[TIME_FIELD[file]!], UTC) === undefined) return 'bad_timestamp';
  if (file === 'order_item_events.ndjson') {
    if (!Number.isInteger(o.quantity) || (o.quantity as number) <= 0) return 'negative_quantity';
    if (Number(o.price) < 0) return 'negative_price';
  }
  return undefined;
}

/** Event times of a file's lines; an unreadable one takes the time of the line before (SPEC §13). */
function times(dir: string, file: string): number[] {
  let prev = -Infinity;
  return lines(dir, file).map((l) => {
    let t: number | undefined;
    try {
      t = parseTimestamp((JSON.parse(l) as Record<string, unknown>)[TIME_FIELD[file]!], UTC);
    } catch {
      t = undefined;
    }
    return (prev = t ?? prev);
  });
}

function inversions(ts: readonly number[]): number {
  let max = -Infinity;
  let count = 0;
  for (const t of ts) {
    if (t < max) count++;
    else max = t;
  }
  return count;
}

/** Orders with a valid PAID event, in order of their first payment: [order_id, user_id]. */
function paidOrders(dir: string): [string, string][] {
  const paidAt = new Map<string, [number, string]>();
  for (const l of lines(dir, 'order_status_events.ndjson')) {
    if (classify('order_status_events.ndjson', l)) continue;
    const e = JSON.parse(l) as Record<string, unknown>;
    if (e.status !== 'PAID') continue;
    const t = parseTimestamp(e.status_time, UTC)!;
    const known = paidAt.get(e.order_id as string);
    if (!known || t < known[0]) paidAt.set(e.order_id as string, [t, e.user_id as string]);
  }
  return [...paidAt.entries()].sort((a, b) => a[1][0] - b[1][0]).map(([o, [, u]]) => [o, u]);
}

/** Item lines whose FREEZE fails when paid orders freeze their lines in payment order (or an unknown SKU). */
function failedFreezes(dir: string, paid: readonly [string, string][]): number {
  const stock = new Map<string, number>();
  for (const l of lines(dir, 'reference/product_inventory.ndjson')) {
    const r = JSON.parse(l) as { sku_id: string; available_stock: number };
    stock.set(r.sku_id, r.available_stock);
  }
  const itemsOf = new Map<string, Map<string, { sku: string; q: number }>>();
  for (const l of lines(dir, 'order_item_events.ndjson')) {
    if (classify('order_item_events.ndjson', l)) continue;
    const e = JSON.parse(l) as Record<string, unknown>;
    const list = itemsOf.get(e.order_id as string) ?? new Map<string, { sku: string; q: number }>();
    if (!list.has(e.item_id as string)) list.set(e.item_id as string, { sku: e.sku_id as string, q: e.quantity as number });
    itemsOf.set(e.order_id as string, list);
  }
  let failed = 0;
  for (const [orderId] of paid) {
    for (const { sku, q } of itemsOf.get(orderId)?.values() ?? []) {
      const left = stock.get(sku);
      if (left === undefined || left < q) failed++;
      else stock.set(sku, left - q);
    }
  }
  return failed;
}

/** Paid orders whose user has no default address in a served district (an unroutable dispatch). */
function unroutable(dir: string, paid: readonly [string, string][]): number {
  const served = new Set(
    lines(dir, 'reference/logistics_area_info.ndjson').map((l) => {
      const a = JSON.parse(l) as Record<string, string>;
      return `${a.province}|${a.city}|${a.district}`;
    }),
  );
  const routable = new Set<string>();
  for (const l of lines(dir, 'reference/user_address.ndjson')) {
    const a = JSON.parse(l) as Record<string, unknown>;
    if (a.is_default && served.has(`${a.province}|${a.city}|${a.district}`)) routable.add(a.user_id as string);
  }
  return paid.filter(([, user]) => !routable.has(user)).length;
}

describe('generateDataset', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const a = generate({ records: 5_000, seed: 42 });
    const b = generate({ records: 5_000, seed: 42 });
    const c = generate({ records: 5_000, seed: 43 });
    const fa = files(a.dir);
    expect([...fa.keys()].sort()).toEqual([
      'logistics_events.ndjson',
      'order_item_events.ndjson',
      'order_status_events.ndjson',
      'reference/logistics_area_info.ndjson',
      'reference/product_info.ndjson',
      'reference/product_inventory.ndjson',
      'reference/user_address.ndjson',
    ]);
    const fb = files(b.dir);
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), name).toBe(true);
    expect(b.result).toEqual(a.result);
    expect(files(c.dir).get('order_status_events.ndjson')!.equals(fa.get('order_status_events.ndjson')!)).toBe(false);
  });

  it('writes at least the requested number of records, and says how many per file', () => {
    const { dir, result } = generate({ records: 3_000, seed: 1 });
    let total = 0;
    for (const f of TOPIC_FILES) {
      const count = lines(dir, f).length;
      expect(result.records[f]).toBe(count);
      total += count;
    }
    expect(total).toBe(result.events);
    expect(total).toBeGreaterThanOrEqual(3_000);
    for (const f of ['product_inventory', 'product_info', 'user_address', 'logistics_area_info']) {
      expect(result.records[`reference/${f}.ndjson`]).toBe(lines(dir, `reference/${f}.ndjson`).length);
    }
  });

  it('keeps every file in event-time order, but for the late and jittered records put in on purpose', () => {
    const clean = generate({
      records: 5_000,
      seed: 3,
      faults: { duplicate: 0, late: 0, jitter: 0, malformed: 0 },
      mix: { lateItems: 0 },
    });
    for (const f of TOPIC_FILES) expect(inversions(times(clean.dir, f)), f).toBe(0);

    const noisy = generate({ records: 20_000, seed: 3 });
    for (const f of TOPIC_FILES) {
      const ts = times(noisy.dir, f);
      expect(inversions(ts) / ts.length, f).toBeLessThan(0.05);
    }
  });

  it('puts in every kind of malformed line, as many as it reports', () => {
    const { dir, result } = generate({ records: 5_000, seed: 9 });
    const seen: Record<string, number> = {};
    for (const f of TOPIC_FILES) {
      for (const l of lines(dir, f)) {
        const kind = classify(f, l);
        if (kind) seen[kind] = (seen[kind] ?? 0) + 1;
      }
    }
    const kinds = ['bad_json', 'not_object', 'missing_field', 'bad_enum', 'bad_timestamp', 'negative_quantity', 'negative_price'];
    for (const k of kinds) {
      expect(seen[k], k).toBeGreaterThan(0);
      expect(seen[k], k).toBe(result.faults[k]);
    }
    expect(Object.keys(seen).sort()).toEqual([...kinds].sort());
    expect(result.faults.duplicate).toBeGreaterThan(0);
    expect(result.faults.late).toBeGreaterThan(0);
  });

  it('keeps the reference consistent, with some stock-outs and unroutable users', () => {
    const { dir } = generate({ records: 5_000, seed: 5 });
    const inv = lines(dir, 'reference/product_inventory.ndjson').map((l) => JSON.parse(l) as Record<string, number>);
    for (const r of inv) expect(r.total_stock).toBe(r.available_stock + r.frozen_stock + r.locked_stock);
    expect(new Set(inv.map((r) => r.sku_id)).size).toBe(inv.length);
    const paid = paidOrders(dir);
    expect(failedFreezes(dir, paid)).toBeGreaterThan(0);
    expect(unroutable(dir, paid)).toBeGreaterThan(0);
    const areas = lines(dir, 'reference/logistics_area_info.ndjson').map((l) => JSON.parse(l) as Record<string, string>);
    const served = new Set(areas.map((a) => `${a.province}|${a.city}|${a.district}`));
    const addresses = lines(dir, 'reference/user_address.ndjson').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(addresses.some((a) => !served.has(`${a.province}|${a.city}|${a.district}`))).toBe(true);
    expect(addresses.some((a) => a.is_default === false)).toBe(true);
  });
});

describe('examples/store-day', () => {
  it('is exactly what the command in examples/README.md generates', () => {
    const { dir } = generate(EXAMPLE);
    const expected = files(EXAMPLE_DIR);
    const actual = files(dir);
    expect([...expected.keys()].sort()).toEqual([...actual.keys()].sort());
    for (const [name, bytes] of actual) expect(bytes.equals(expected.get(name)!), name).toBe(true);
    expect(readFileSync(join(EXAMPLE_DIR, '..', 'README.md'), 'utf8')).toContain(
      '--records 400 --seed 32 --orders-per-day 60 --anomaly-scale 3 --fault-scale 5',
    );
  });

  it('holds some of everything a replay should show', () => {
    const dir = EXAMPLE_DIR;
    const statuses = new Map<string, Set<string>>();
    let deadLetters = 0;
    for (const f of TOPIC_FILES) for (const l of lines(dir, f)) if (classify(f, l)) deadLetters++;
    for (const l of lines(dir, 'order_status_events.ndjson')) {
      if (classify('order_status_events.ndjson', l)) continue;
      const e = JSON.parse(l) as Record<string, unknown>;
      const seen = statuses.get(e.order_id as string) ?? new Set<string>();
      seen.add(e.status as string);
      statuses.set(e.order_id as string, seen);
    }
    const has = (st: string) => [...statuses.values()].filter((seen) => seen.has(st)).length;
    expect(has('PAID')).toBeGreaterThan(10);
    expect(has('SHIPPED')).toBeGreaterThan(10);
    expect(has('DELIVERED')).toBeGreaterThan(10);
    expect(has('REFUNDED')).toBeGreaterThan(0);
    expect(has('CANCELLED') + has('EXPIRED')).toBeGreaterThan(0);
    // A payment timeout: an order that never gets past PENDING_PAYMENT.
    expect([...statuses.values()].some((seen) => seen.size === 1 && seen.has('PENDING_PAYMENT'))).toBe(true);
    expect(deadLetters).toBeGreaterThanOrEqual(3);
    const paid = paidOrders(dir);
    expect(failedFreezes(dir, paid)).toBeGreaterThan(0);
    expect(unroutable(dir, paid)).toBeGreaterThan(0);
  });
});
