// Order processing rules (SPEC §11) in a replay: the same orders replayed without and with rules
// differ exactly where the rules say. Fresh orders get a 15-minute payment timeout (R1 outranks
// R3's 20 minutes, which the others get), and an order over 500 in Hangzhou is HIGH priority from
// 500 with a 12-hour delivery promise (R2); an INACTIVE rule does nothing and one that does not
// parse is left out and named in the summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { outputsOf, tempDir } from './support/outputs.js';

const FIXED = { now: () => Date.UTC(2030, 0, 1) };
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function source(rules: object[]): string {
  const dir = tempDir('rules-input');
  mkdirSync(join(dir, 'reference'));
  const ref = (name: string, rows: object[]) => writeFileSync(join(dir, 'reference', `${name}.ndjson`), ndjson(rows));
  ref('product_info', [
    { sku_id: 'SKU-F', product_id: 'P-F', product_name: 'Milk', category: 'fresh' },
    { sku_id: 'SKU-O', product_id: 'P-O', product_name: 'Lamp', category: 'home' },
  ]);
  ref('product_inventory', ['SKU-F', 'SKU-O'].map((sku_id) => ({ product_id: 'P', sku_id, total_stock: 100, available_stock: 100, frozen_stock: 0, locked_stock: 0 })));
  ref('user_address', ['U1', 'U2', 'U3', 'U4'].map((user_id, i) => ({ user_id, address_id: i + 1, province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', address: `${i + 1} Lake Rd`, is_default: true })));
  ref('logistics_area_info', [{ area_id: 'HZ-XH', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', warehouse_id: 'WH-HZ' }]);
  if (rules.length > 0) ref('order_processing_rules', rules);
  const status = (order_id: string, user_id: string, status: string, prev_status: string | null, status_time: string) => ({ order_id, user_id, status, prev_status, status_time });
  const item = (order_id: string, sku_id: string, quantity: number, price: string, create_time: string) => ({ order_id, item_id: `${order_id}-I1`, sku_id, quantity, price, create_time });
  writeFileSync(join(dir, 'order_status_events.ndjson'), ndjson([
    status('O1', 'U1', 'PENDING_PAYMENT', null, '2026-11-20 10:00:00'),
    status('O2', 'U2', 'PENDING_PAYMENT', null, '2026-11-20 10:00:00'),
    status('O3', 'U3', 'PENDING_PAYMENT', null, '2026-11-20 10:01:00'),
    status('O3', 'U3', 'PAID', 'PENDING_PAYMENT', '2026-11-20 10:02:00'),
    status('O4', 'U4', 'PENDING_PAYMENT', null, '2026-11-20 10:40:00'),
  ]));
  writeFileSync(join(dir, 'order_item_events.ndjson'), ndjson([
    item('O1', 'SKU-F', 1, '10.00', '2026-11-20 10:00:10'),
    item('O2', 'SKU-O', 1, '10.00', '2026-11-20 10:00:10'),
    item('O3', 'SKU-O', 6, '100.00', '2026-11-20 10:01:10'),
    item('O4', 'SKU-O', 1, '10.00', '2026-11-20 10:40:00'),
  ]));
  return dir;
}

const RULES = [
  { rule_id: 'R1', rule_type: 'TIMEOUT', priority: 10, condition_expr: "category = 'fresh'", action_expr: 'payment_timeout_minutes = 15', effective_time: '2026-11-01 00:00:00', expire_time: null, status: 'ACTIVE' },
  { rule_id: 'R2', rule_type: 'DISPATCH', priority: 5, condition_expr: "amount > 500 AND city = 'Hangzhou'", action_expr: 'priority_high_amount = 500, delivery_hours_other = 12', effective_time: null, expire_time: null, status: 'ACTIVE' },
  { rule_id: 'R3', rule_type: 'TIMEOUT', priority: 1, condition_expr: '', action_expr: 'payment_timeout_minutes = 20', effective_time: null, expire_time: '2026-12-01 00:00:00', status: 'active' },
  { rule_id: 'R4', rule_type: 'TIMEOUT', priority: 99, condition_expr: 'amount >', action_expr: 'payment_timeout_minutes = 1', effective_time: null, expire_time: null, status: 'ACTIVE' },
  { rule_id: 'R5', rule_type: 'TIMEOUT', priority: 100, condition_expr: '', action_expr: 'payment_timeout_minutes = 1', effective_time: null, expire_time: null, status: 'INACTIVE' },
];

type Row = Record<string, unknown>;
const byOrder = (rows: Row[], order: string): Row => rows.find((r) => r.order_id === order)!;
/** A table's rows, parsed (outputsOf gives them as canonical JSON text). */
const table = (o: Record<string, string[]>, name: string): Row[] => (o[`${name}.ndjson`] ?? []).map((t) => JSON.parse(t) as Row);

describe('order processing rules', () => {
  it('override the default thresholds for the orders they match, highest priority first', async () => {
    const plain = tempDir('rules-plain');
    const ruled = tempDir('rules-ruled');
    await runReplay({ source: source([]), out: plain, timeZone: UTC, clock: FIXED });
    const summary = await runReplay({ source: source(RULES), out: ruled, timeZone: UTC, clock: FIXED });
    const [base, got] = [outputsOf(plain), outputsOf(ruled)];

    expect(summary.rules).toEqual({ inForce: 3, ignored: [{ rule_id: 'R4', reason: 'condition_expr: expected a quoted text or a number at the end' }] });

    // Payment timeouts: detected at the same clock, 15 (O1: fresh, R1) and 10 (O2: R3) minutes more overdue.
    const anomalies = (o: Record<string, string[]>) => table(o, 'abnormal_order_handling').filter((r) => r.abnormal_type === 'PAYMENT_TIMEOUT');
    const baseO1 = byOrder(anomalies(base), 'O1');
    const baseO2 = byOrder(anomalies(base), 'O2');
    expect(byOrder(anomalies(got), 'O1')).toEqual({ ...baseO1, overtime_minutes: (baseO1.overtime_minutes as number) + 15 });
    expect(byOrder(anomalies(got), 'O2')).toEqual({ ...baseO2, overtime_minutes: (baseO2.overtime_minutes as number) + 10 });
    expect(anomalies(got).map((r) => r.order_id).sort()).toEqual(anomalies(base).map((r) => r.order_id).sort());

    // O3 (600 in Hangzhou): HIGH from 500 instead of MEDIUM, promised 12 h after payment instead of 72 h.
    const dispatch = (o: Record<string, string[]>) => byOrder(table(o, 'logistics_dispatch_commands'), 'O3');
    expect(dispatch(base)).toMatchObject({ priority: 'MEDIUM', required_delivery_time: '2026-11-23T10:02:00.000Z' });
    expect(dispatch(got)).toEqual({ ...dispatch(base), priority: 'HIGH', required_delivery_time: '2026-11-20T22:02:00.000Z' });

    // Nothing else changes.
    for (const o of [base, got]) {
      delete o['abnormal_order_handling.ndjson'];
      delete o['logistics_dispatch_commands.ndjson'];
    }
    expect(got).toEqual(base);
  });
});
