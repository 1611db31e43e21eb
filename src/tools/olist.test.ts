import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOlist, type OlistImportResult } from './olist.js';

const OLIST = '/work/shared/data/olist';
const root = mkdtempSync(join(tmpdir(), 'ordertrack-olist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function rows(dir: string, file: string): Record<string, unknown>[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The events of one order in a topic file, without the fields the test does not look at. */
function eventsOf(dir: string, file: string, orderId: string, keep: string[]): Record<string, unknown>[] {
  return rows(dir, file)
    .filter((r) => r.order_id === orderId)
    .map((r) => Object.fromEntries(keep.filter((k) => k in r).map((k) => [k, r[k]])));
}

describe('importOlist', () => {
  const dir = join(root, 'a');
  let result: OlistImportResult;
  beforeAll(() => {
    result = importOlist(OLIST, dir, { limit: 600 });
  });

  it('imports the first orders of the orders file and says where the times belong', () => {
    expect(result.orders).toBe(600);
    expect(result.timeZone).toBe('America/Sao_Paulo');
    expect(new Set(rows(dir, 'order_status_events.ndjson').map((r) => r.order_id)).size).toBe(600);
    for (const [file, n] of Object.entries(result.records)) expect(rows(dir, file).length, file).toBe(n);
  });

  // Row 531 of olist_orders_dataset.csv, checked by hand against the CSV files:
  //   0f8532e6a9c1e86b215fda5c13f37fad, customer 48c83ab1…, delivered, purchase 5/8/2017 14:59,
  //   approved 5/10/2017 2:42, carrier 5/19/2017 17:52, delivered 5/24/2017 13:25;
  //   items: six rows of product 22594ba8… at 112.99 from seller 7c67e144… (zip 08577, itaquaquecetuba/SP);
  //   customer: unique id 33d5f77e…, zip 8560, poa/SP.
  // The trip takes 115 h 33 min: in transit after 20% of it (23 h 07 min), out for delivery for the
  // last 15% of it capped at 8 h.
  const ORDER = '0f8532e6a9c1e86b215fda5c13f37fad';
  const USER = '33d5f77e44abcb42cdfc86854e5fce8c';

  it('maps a delivered order to its status events', () => {
    expect(eventsOf(dir, 'order_status_events.ndjson', ORDER, ['user_id', 'status', 'prev_status', 'status_time', 'payment_time'])).toEqual([
      { user_id: USER, status: 'PENDING_PAYMENT', prev_status: null, status_time: '2017-05-08 14:59:00' },
      { user_id: USER, status: 'PAID', prev_status: 'PENDING_PAYMENT', status_time: '2017-05-10 02:42:00', payment_time: '2017-05-10 02:42:00' },
      { user_id: USER, status: 'PROCESSING', prev_status: 'PAID', status_time: '2017-05-10 02:42:01', payment_time: '2017-05-10 02:42:00' },
      { user_id: USER, status: 'SHIPPED', prev_status: 'PROCESSING', status_time: '2017-05-19 17:52:00', payment_time: '2017-05-10 02:42:00' },
      { user_id: USER, status: 'DELIVERED', prev_status: 'SHIPPED', status_time: '2017-05-24 13:25:00', payment_time: '2017-05-10 02:42:00' },
    ]);
  });

  it('folds its item rows into one line with a quantity, at the real price', () => {
    expect(eventsOf(dir, 'order_item_events.ndjson', ORDER, ['item_id', 'sku_id', 'quantity', 'price', 'discount', 'create_time'])).toEqual([
      { item_id: '1', sku_id: '22594ba8fd9a72ad95d352929c821560', quantity: 6, price: 112.99, create_time: '2017-05-08 14:59:00' },
    ]);
  });

  it('derives the parcel scans, from the seller to the customer', () => {
    expect(eventsOf(dir, 'logistics_events.ndjson', ORDER, ['logistics_id', 'status', 'status_time', 'location'])).toEqual([
      { logistics_id: `L${ORDER}`, status: 'DISPATCHED', status_time: '2017-05-19 17:52:00', location: '08577' },
      { logistics_id: `L${ORDER}`, status: 'IN_TRANSIT', status_time: '2017-05-20 16:59:00', location: '08577' },
      { logistics_id: `L${ORDER}`, status: 'OUT_FOR_DELIVERY', status_time: '2017-05-24 05:25:00', location: '08560' },
      { logistics_id: `L${ORDER}`, status: 'DELIVERED', status_time: '2017-05-24 13:25:00', location: '08560' },
    ]);
  });

  it('writes the reference rows the order needs', () => {
    expect(rows(dir, 'reference/user_address.ndjson').filter((r) => r.user_id === USER)).toEqual([
      {
        user_id: USER,
        address_id: '48c83ab1910a8d95f8702dde180d658b',
        province: 'SP',
        city: 'poa',
        district: '08560',
        address: 'CEP 08560-000, poa - SP',
        is_default: true,
      },
    ]);
    const areas = rows(dir, 'reference/logistics_area_info.ndjson');
    expect(areas.find((a) => a.area_id === '08560')).toEqual({ area_id: '08560', province: 'SP', city: 'poa', district: '08560', warehouse_id: 'WH-SP' });
    expect(areas.find((a) => a.area_id === '08577')).toEqual({
      area_id: '08577',
      province: 'SP',
      city: 'itaquaquecetuba',
      district: '08577',
      warehouse_id: 'WH-SP',
    });
    const stock = rows(dir, 'reference/product_inventory.ndjson').find((r) => r.sku_id === '22594ba8fd9a72ad95d352929c821560')!;
    expect(stock.available_stock).toBeGreaterThanOrEqual(6 * 3 + 20);
    expect(stock.total_stock).toBe(stock.available_stock);
  });

  it('maps an unavailable order to a cancellation for stock a day after its payment', () => {
    // Row 267: 8e24261a…, unavailable, purchase 11/16/2017 15:09, approved 11/16/2017 15:26.
    expect(eventsOf(dir, 'order_status_events.ndjson', '8e24261a7e58791d10cb1bf9da94df5c', ['status', 'prev_status', 'status_time', 'cancel_reason'])).toEqual([
      { status: 'PENDING_PAYMENT', prev_status: null, status_time: '2017-11-16 15:09:00' },
      { status: 'PAID', prev_status: 'PENDING_PAYMENT', status_time: '2017-11-16 15:26:00' },
      { status: 'CANCELLED', prev_status: 'PAID', status_time: '2017-11-17 15:26:00', cancel_reason: 'stock_out' },
    ]);
  });

  it('leaves a shipped order in transit, and ignores a delivery date that is not a delivery', () => {
    // Row 45: ee64d42b…, shipped, carrier 6/5/2018 14:32, and a "delivered" date of 3/27/2018.
    const id = 'ee64d42b8cf066f35eac1cf57de1aa85';
    expect(eventsOf(dir, 'order_status_events.ndjson', id, ['status']).map((e) => e.status)).toEqual([
      'PENDING_PAYMENT',
      'PAID',
      'PROCESSING',
      'SHIPPED',
    ]);
    expect(eventsOf(dir, 'logistics_events.ndjson', id, ['status', 'status_time'])).toEqual([
      { status: 'DISPATCHED', status_time: '2018-06-05 14:32:00' },
      { status: 'IN_TRANSIT', status_time: '2018-06-06 02:32:00' },
    ]);
  });

  it('writes every file in time order, and the same bytes every time', () => {
    for (const [file, field] of [
      ['order_status_events.ndjson', 'status_time'],
      ['order_item_events.ndjson', 'create_time'],
      ['logistics_events.ndjson', 'status_time'],
    ] as const) {
      const ts = rows(dir, file).map((r) => r[field] as string);
      expect(ts, file).toEqual([...ts].sort());
    }
    const again = join(root, 'b');
    importOlist(OLIST, again, { limit: 600 });
    for (const file of Object.keys(result.records)) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(dir, file))), file).toBe(true);
    }
  });
});
