import { describe, expect, it } from 'vitest';
import { UTC } from './time/timestamp.js';
import {
  newItemEvent,
  newLogisticsEvent,
  newStatusEvent,
  parseCents,
  validateItem,
  validateLogistics,
  validateStatus,
} from './validate.js';

const status = (o: Record<string, unknown>) => validateStatus(o, UTC, NaN, newStatusEvent());
const item = (o: Record<string, unknown>) => validateItem(o, UTC, NaN, newItemEvent());
const logistics = (o: Record<string, unknown>) => validateLogistics(o, UTC, NaN, newLogisticsEvent());

const S = { order_id: 'O1', user_id: 'U1', status: 'PAID', status_time: '2026-11-20 08:00:00' };
const I = { order_id: 'O1', item_id: 'I1', sku_id: 'K1', quantity: 2, price: '10.00', create_time: '2026-11-20 08:00:00' };
const L = { logistics_id: 'L1', order_id: 'O1', status: 'DISPATCHED', status_time: '2026-11-20 08:00:00' };

describe('validation reasons, first failing check in SPEC order', () => {
  it('accepts valid records and reads numeric ids as text', () => {
    const e = newStatusEvent();
    expect(validateStatus({ ...S, order_id: 123, prev_status: 'PENDING_PAYMENT' }, UTC, NaN, e)).toBeNull();
    expect(e.orderId).toBe('123');
    expect(e.prevStatus).toBe(0);
    expect(item(I)).toBeNull();
    expect(logistics(L)).toBeNull();
  });

  it('reports required fields in listed order, null and empty as missing', () => {
    expect(status({ user_id: 'U' })).toBe('MISSING_FIELD:order_id');
    expect(status({ ...S, user_id: '' })).toBe('MISSING_FIELD:user_id');
    expect(status({ ...S, status: null, status_time: null })).toBe('MISSING_FIELD:status');
    expect(item({ ...I, sku_id: undefined, quantity: undefined })).toBe('MISSING_FIELD:sku_id');
    expect(item({ ...I, create_time: '' })).toBe('MISSING_FIELD:create_time');
    expect(logistics({ ...L, logistics_id: null })).toBe('MISSING_FIELD:logistics_id');
  });

  it('checks enums before timestamps and timestamps before values', () => {
    expect(status({ ...S, status: 'paid', status_time: 'x', order_id: true })).toBe('BAD_ENUM:status');
    expect(status({ ...S, prev_status: 'NOPE' })).toBe('BAD_ENUM:prev_status');
    expect(status({ ...S, status_time: 'x', order_id: true })).toBe('BAD_TIMESTAMP:status_time');
    expect(status({ ...S, payment_time: 'later' })).toBe('BAD_TIMESTAMP:payment_time');
    // Beyond the dates SQL and JavaScript hold: a dead letter, not a crash when the row is written.
    expect(status({ ...S, status_time: 9_007_199_254_740_991 })).toBe('BAD_TIMESTAMP:status_time');
    expect(status({ ...S, status_time: '0000-01-01 00:00:00' })).toBe('BAD_TIMESTAMP:status_time');
    expect(status({ ...S, order_id: true })).toBe('BAD_VALUE:order_id');
    // Ids fit the SQL tables' VARCHAR(255): one character more is a dead letter, not a failed commit.
    expect(status({ ...S, order_id: 'O'.repeat(255) })).toBeNull();
    expect(status({ ...S, order_id: 'O'.repeat(256) })).toBe('BAD_VALUE:order_id');
    expect(item({ ...I, sku_id: 'S'.repeat(256) })).toBe('BAD_VALUE:sku_id');
    expect(logistics({ ...L, location: 'A'.repeat(256) })).toBe('BAD_VALUE:location');
    expect(status({ ...S, user_id: ['U'] })).toBe('BAD_VALUE:user_id');
    expect(logistics({ ...L, status: 'LOST' })).toBe('BAD_ENUM:status');
    expect(logistics({ ...L, location: { a: 1 } })).toBe('BAD_VALUE:location');
  });

  it('checks quantity, price and discount values', () => {
    expect(item({ ...I, quantity: 0 })).toBe('BAD_VALUE:quantity');
    expect(item({ ...I, quantity: 1.5 })).toBe('BAD_VALUE:quantity');
    expect(item({ ...I, quantity: '2' })).toBe('BAD_VALUE:quantity');
    expect(item({ ...I, price: -1 })).toBe('BAD_VALUE:price');
    expect(item({ ...I, price: 'ten' })).toBe('BAD_VALUE:price');
    expect(item({ ...I, discount: '-0.5' })).toBe('BAD_VALUE:discount');
    expect(item({ ...I, item_id: false })).toBe('BAD_VALUE:item_id');
  });
});

describe('parseCents', () => {
  it('rounds half up from the decimal text', () => {
    expect(parseCents(1.005)).toBe(101);
    expect(parseCents('1.005')).toBe(101);
    expect(parseCents('1.0049')).toBe(100);
    expect(parseCents(19.99)).toBe(1999);
    expect(parseCents('7')).toBe(700);
    expect(parseCents('.5')).toBe(50);
    expect(parseCents(0)).toBe(0);
    expect(parseCents('')).toBeUndefined();
    expect(parseCents('.')).toBeUndefined();
    expect(parseCents('1e3')).toBeUndefined();
    expect(parseCents(-0.01)).toBeUndefined();
  });

  it('gives a number the cents of its decimal text, at every magnitude and number of decimals', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      const v = Number((random() * 10 ** Math.floor(random() * 14)).toFixed(Math.floor(random() * 7)));
      const text = String(v);
      if (text.includes('e')) continue;
      expect([v, parseCents(v)]).toEqual([v, parseCents(text)]);
    }
    for (const v of [0.125, 2.675, 1.115, 99999999999.995, 0.0049999, 123.4550001]) expect(parseCents(v)).toBe(parseCents(String(v)));
  });

  it('takes a minus sign only on zero, and no blanks around the text', () => {
    expect(parseCents('-0')).toBe(0);
    expect(parseCents('-0.00')).toBe(0);
    expect(parseCents(-0)).toBe(0);
    expect(parseCents('+1.50')).toBe(150);
    expect(parseCents('-0.001')).toBeUndefined();
    expect(parseCents('-3')).toBeUndefined();
    expect(parseCents(' 12.50 ')).toBeUndefined();
    expect(parseCents('12.50 ')).toBeUndefined();
  });
});
