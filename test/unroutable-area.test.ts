// SPEC §7: the dispatch command takes the warehouse of the district's logistics_area_info row
// (several: lowest area_id); "no default address or no warehouse for the district" makes it
// FAILED with a DISPATCH_UNROUTABLE anomaly. A district whose row names no warehouse (null,
// empty, or left out) has no warehouse, whatever other rows with a higher area_id say.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { tableRows, tempDir } from './support/outputs.js';

const USERS: [string, string][] = [
  ['U-NULL', 'Nulltown'],
  ['U-EMPTY', 'Emptyville'],
  ['U-MISSING', 'Gone'],
  ['U-LOWEST', 'Split'],
  ['U-OK', 'Fine'],
];

function source(): string {
  const dir = tempDir('unroutable-area');
  mkdirSync(join(dir, 'reference'), { recursive: true });
  const ref = (name: string, rows: object[]) =>
    writeFileSync(join(dir, 'reference', `${name}.ndjson`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  ref('product_inventory', [{ product_id: 'P1', sku_id: 'SKU-1', total_stock: 100, available_stock: 100, frozen_stock: 0, locked_stock: 0 }]);
  ref('product_info', [{ product_id: 'P1', sku_id: 'SKU-1', product_name: 'Tea', category: 'other', price: '10.00' }]);
  ref(
    'user_address',
    USERS.map(([user, district], i) => ({ user_id: user, address_id: i + 1, province: 'P', city: 'C', district, address: `${i + 1} Road`, is_default: true })),
  );
  ref('logistics_area_info', [
    { area_id: 1, province: 'P', city: 'C', district: 'Nulltown', warehouse_id: null },
    { area_id: 2, province: 'P', city: 'C', district: 'Emptyville', warehouse_id: '' },
    { area_id: 3, province: 'P', city: 'C', district: 'Gone' },
    // the lowest area_id names no warehouse; the next one's is not taken
    { area_id: 9, province: 'P', city: 'C', district: 'Split', warehouse_id: null },
    { area_id: 10, province: 'P', city: 'C', district: 'Split', warehouse_id: 'W-10' },
    { area_id: 4, province: 'P', city: 'C', district: 'Fine', warehouse_id: 'W-4' },
  ]);
  const status: string[] = [];
  const items: string[] = [];
  USERS.forEach(([user], i) => {
    const order = `O-${user.slice(2)}`;
    const t = (s: number) => `2026-11-20 10:0${i}:${String(s).padStart(2, '0')}`;
    status.push(JSON.stringify({ order_id: order, user_id: user, status: 'PENDING_PAYMENT', status_time: t(0) }));
    items.push(JSON.stringify({ order_id: order, item_id: 'i1', sku_id: 'SKU-1', quantity: 1, price: '10.00', create_time: t(1) }));
    status.push(JSON.stringify({ order_id: order, user_id: user, status: 'PAID', prev_status: 'PENDING_PAYMENT', status_time: t(30) }));
  });
  writeFileSync(join(dir, 'order_status_events.ndjson'), status.join('\n') + '\n');
  writeFileSync(join(dir, 'order_item_events.ndjson'), items.join('\n') + '\n');
  return dir;
}

describe('dispatch routing without a warehouse', () => {
  it('fails the command and raises DISPATCH_UNROUTABLE when the district row names no warehouse', async () => {
    const out = join(tempDir('unroutable-area-out'), 'out');
    await runReplay({ source: source(), out, timeZone: UTC, clock: { now: () => Date.UTC(2030, 0, 1) } });
    const commands = tableRows(out, 'logistics_dispatch_commands').map((r) => [r.order_id, r.warehouse_id, r.target_city, r.status]).sort();
    expect(commands).toEqual([
      ['O-EMPTY', null, 'C', 'FAILED'],
      ['O-LOWEST', null, 'C', 'FAILED'],
      ['O-MISSING', null, 'C', 'FAILED'],
      ['O-NULL', null, 'C', 'FAILED'],
      ['O-OK', 'W-4', 'C', 'PENDING'],
    ]);
    const anomalies = tableRows(out, 'abnormal_order_handling').map((r) => [r.order_id, r.abnormal_type, r.handling_action, r.status]).sort();
    expect(anomalies).toEqual(
      ['O-EMPTY', 'O-LOWEST', 'O-MISSING', 'O-NULL'].map((o) => [o, 'DISPATCH_UNROUTABLE', 'FIX_ROUTING', 'PENDING']),
    );
  });
});
