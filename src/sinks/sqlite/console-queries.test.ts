import { afterEach, describe, expect, it } from 'vitest';
import type { AbnormalType } from '../../engine/types.js';
import type { AnomalyDecision } from '../decision.js';
import { anomaly, batch, MIN, seed, stock, T0 } from './fixtures.js';
import { SqliteStore } from './sqlite-store.js';

let store: SqliteStore | undefined;
afterEach(() => store?.close());

const TYPES: AbnormalType[] = ['PAYMENT_TIMEOUT', 'PROCESSING_TIMEOUT', 'DELIVERY_TIMEOUT'];

function decision(order_id: string, abnormal_type: AbnormalType, kind: 'ACK' | 'RESOLVE', at: number): AnomalyDecision {
  return { order_id, abnormal_type, decision: kind, action: kind === 'RESOLVE' ? 'MANUAL_REVIEW' : null, note: null, operator: 'ops', decided_at: at };
}

/**
 * 60 anomalies at 20 detection times (ties broken by order and type): every third resolved by
 * the engine; operators ACK some open ones, RESOLVE others, and RESOLVE some the engine had
 * resolved before (does not count) or after the decision (counts).
 */
function busyStore(): SqliteStore {
  const s = SqliteStore.open(':memory:');
  const rows = [];
  for (let i = 0; i < 60; i++) {
    const id = `O${String(i % 20).padStart(3, '0')}`;
    const type = TYPES[Math.floor(i / 20)]!;
    const at = T0 + (i % 20) * MIN;
    rows.push(anomaly(id, i % 3 === 0 ? { abnormal_type: type, detection_time: at, status: 'RESOLVED', resolved_by: 'SYSTEM', resolved_at: at + 30 * MIN } : { abnormal_type: type, detection_time: at }));
  }
  s.commit(batch({ anomalies: rows }));
  for (let i = 0; i < 60; i++) {
    const id = `O${String(i % 20).padStart(3, '0')}`;
    const type = TYPES[Math.floor(i / 20)]!;
    const at = T0 + (i % 20) * MIN;
    if (i % 3 === 1 && i % 2 === 0) s.recordDecision(decision(id, type, 'ACK', at + MIN));
    if (i % 3 === 2 && i % 4 === 1) s.recordDecision(decision(id, type, 'RESOLVE', at + MIN));
    if (i % 3 === 0 && i % 2 === 0) s.recordDecision(decision(id, type, 'RESOLVE', at + (i % 4 === 0 ? 60 : 10) * MIN));
  }
  return s;
}

/** Every overlaid row, read one by one, sorted as the console lists them: open first, newest first. */
function expectedList(s: SqliteStore): { order_id: string; abnormal_type: string; status: string }[] {
  const all = [];
  for (let i = 0; i < 60; i++) all.push(s.queries.anomaly(`O${String(i % 20).padStart(3, '0')}`, TYPES[Math.floor(i / 20)]!)!);
  return all
    .sort((a, b) =>
      Number(a.status === 'RESOLVED') - Number(b.status === 'RESOLVED') ||
      b.detection_time - a.detection_time ||
      (a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0) ||
      (a.abnormal_type < b.abnormal_type ? -1 : a.abnormal_type > b.abnormal_type ? 1 : 0),
    )
    .map(({ order_id, abnormal_type, status }) => ({ order_id, abnormal_type, status }));
}

describe('console queries', () => {
  it('list open rows first, newest first, then resolved ones, decisions laid over, up to the limit', () => {
    store = busyStore();
    const expected = expectedList(store);
    const statuses = new Set(expected.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['PENDING', 'PROCESSED', 'RESOLVED']);
    for (const limit of [5, 31, 60, 500]) {
      const got = store.queries.anomalyRows(limit).map(({ order_id, abnormal_type, status }) => ({ order_id, abnormal_type, status }));
      expect(got).toEqual(expected.slice(0, limit));
    }
  });

  it('count open rows as the overlay shows them', () => {
    store = busyStore();
    const open = expectedList(store).filter((r) => r.status !== 'RESOLVED').length;
    expect(open).toBeGreaterThan(0);
    expect(store.queries.openAnomalyCount()).toBe(open);
  });

  it('find rows in the whole store by any text column, decisions laid over, open first', () => {
    store = busyStore();
    const keys = (rows: { order_id: string; abnormal_type: string }[]) => rows.map((r) => `${r.order_id}/${r.abnormal_type}`);
    // the oldest order, far below a short list's limit, in every type; lower case finds upper
    const o000 = store.queries.findAnomalies('o000', 500);
    expect(keys(o000)).toEqual(keys(expectedList(store).filter((r) => r.order_id.startsWith('O000'))));
    expect(store.queries.findAnomalies('O000', 2)).toEqual(o000.slice(0, 2));
    // the overlaid status: PROCESSED exists only through an ACK decision
    const processed = store.queries.findAnomalies('processed', 500);
    expect(processed.length).toBeGreaterThan(0);
    expect(keys(processed)).toEqual(keys(expectedList(store).filter((r) => r.status === 'PROCESSED')));
    // % and _ are text, not wildcards
    expect(store.queries.findAnomalies('%', 500)).toEqual([]);
    expect(store.queries.findAnomalies('PAYMENT_TIMEOUT', 500).length).toBe(20);
    expect(store.queries.findAnomalies('PAYMENTxTIMEOUT', 500)).toEqual([]);
    expect(store.queries.findAnomalies('O0_', 500)).toEqual([]);
  });

  it('find SKUs in the whole store by id or product name, lowest stock first', () => {
    store = SqliteStore.open(':memory:');
    const inventory = Array.from({ length: 300 }, (_, i) => stock(`SKU-${String(i).padStart(3, '0')}`, 1000 - i));
    const info = inventory.map((r, i) => ({ product_id: r.product_id, sku_id: r.sku_id, product_name: i % 2 ? `Green tea ${i}` : `Coffee_${i}`, category: 'grocery', price: '1.00' }));
    store.seedReference(seed({ product_inventory: inventory, product_info: info as never }), T0);
    const ids = (rows: { sku_id: string }[]) => rows.map((r) => r.sku_id);
    // the SKU with the most stock, far below the lowest-first list
    expect(ids(store.queries.findStock('sku-000', 10))).toEqual(['SKU-000']);
    expect(ids(store.queries.findStock('GREEN TEA 29', 10))).toEqual(['SKU-299', 'SKU-297', 'SKU-295', 'SKU-293', 'SKU-291', 'SKU-029']);
    expect(store.queries.findStock('tea', 500)).toHaveLength(150);
    expect(store.queries.findStock('coffee_', 500)).toHaveLength(150);
    expect(store.queries.findStock('coffee%', 500)).toEqual([]);
    expect(store.queries.findStock('Coffee_1', 3).map((r) => [r.sku_id, r.available, r.failed_ops])).toEqual([
      ['SKU-198', 802, 0], ['SKU-196', 804, 0], ['SKU-194', 806, 0],
    ]);
  });
});

