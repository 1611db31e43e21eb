// Oracle: validation of one message (SPEC §2, with the orders docs/semantics.md fixes).
// The reason is the first failing check, in this order: JSON, object, required fields in the
// order listed in §1, enums, timestamps, values.
import type { Topic } from './input.js';
import { parseTimestamp } from './time.js';

export const ORDER_STATUSES = [
  'PENDING_PAYMENT', 'PAID', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED', 'EXPIRED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const LOGISTICS_STATUSES = [
  'PENDING_DISPATCH', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'FAILED',
] as const;
export type LogisticsStatus = (typeof LOGISTICS_STATUSES)[number];

export interface StatusEvent {
  kind: 'status';
  order_id: string;
  user_id: string;
  status: OrderStatus;
  prev_status: OrderStatus | null;
  status_time: number;
  cancel_reason: unknown;
}

export interface ItemEvent {
  kind: 'item';
  order_id: string;
  item_id: string;
  sku_id: string;
  quantity: number;
  priceCents: bigint;
  discountCents: bigint;
  create_time: number;
}

export interface LogisticsEvent {
  kind: 'logistics';
  logistics_id: string;
  order_id: string;
  status: LogisticsStatus;
  status_time: number;
  location: string | null;
}

export type Valid = StatusEvent | ItemEvent | LogisticsEvent;

export type Validated =
  | { ok: true; rec: Valid; time: number }
  | { ok: false; reason: string; /** the record was a JSON object without order_id */ nullOrderId: boolean };

const REQUIRED: Record<Topic, string[]> = {
  order_status_events: ['order_id', 'user_id', 'status', 'status_time'],
  order_item_events: ['order_id', 'item_id', 'sku_id', 'quantity', 'price', 'create_time'],
  logistics_events: ['logistics_id', 'order_id', 'status', 'status_time'],
};

/** Missing: absent, null or "" (SPEC §2). */
function missing(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Ids given as JSON numbers are read as their decimal text; boolean, object, array, more than 255 characters: BAD_VALUE. */
function idText(v: unknown): string | undefined {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  return s === undefined || s.length > 255 ? undefined : s;
}

/** Decimal text → exact cents, rounded half-up; undefined when not a decimal or negative. */
export function cents(v: unknown): bigint | undefined {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    s = String(v);
  } else if (typeof v === 'string') {
    s = v;
  } else return undefined;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  if (typeof v === 'string' && m[4] !== undefined) return undefined; // a decimal string, not exponent form
  const negative = m[1] === '-';
  let intPart = m[2] ?? '';
  let frac = m[3] ?? '';
  let exp = m[4] === undefined ? 0 : Number(m[4]);
  // Shift the decimal point by the exponent.
  while (exp > 0) {
    intPart += frac.length > 0 ? frac[0] : '0';
    frac = frac.slice(1);
    exp--;
  }
  while (exp < 0) {
    frac = (intPart.length > 0 ? intPart[intPart.length - 1] : '0') + frac;
    intPart = intPart.slice(0, -1);
    exp++;
  }
  const digits = (intPart === '' ? '0' : intPart) + (frac + '000').slice(0, 2);
  let c = BigInt(digits);
  const third = frac.length > 2 ? Number(frac[2]) : 0;
  if (third >= 5) c += 1n; // half-up on the magnitude
  const isZero = /^0*$/.test(intPart + frac);
  if (negative && !isZero) return undefined;
  return c;
}

export function validate(topic: Topic, message: { raw: string; value?: { v: unknown } }, zone: string): Validated {
  let v: unknown;
  if (message.value) v = message.value.v;
  else {
    try {
      v = JSON.parse(message.raw);
    } catch {
      return { ok: false, reason: 'PARSE_ERROR', nullOrderId: false };
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, reason: 'NOT_OBJECT', nullOrderId: false };
  const o = v as Record<string, unknown>;
  const nullOrderId = missing(o.order_id);
  const fail = (reason: string): Validated => ({ ok: false, reason, nullOrderId });
  for (const f of REQUIRED[topic]) if (missing(o[f])) return fail(`MISSING_FIELD:${f}`);

  // enums
  if (topic === 'logistics_events') {
    if (!LOGISTICS_STATUSES.includes(o.status as LogisticsStatus)) return fail('BAD_ENUM:status');
  } else if (topic === 'order_status_events') {
    if (!ORDER_STATUSES.includes(o.status as OrderStatus)) return fail('BAD_ENUM:status');
    if (!missing(o.prev_status) && !ORDER_STATUSES.includes(o.prev_status as OrderStatus)) return fail('BAD_ENUM:prev_status');
  }

  // timestamps
  if (topic === 'order_status_events') {
    const t = parseTimestamp(o.status_time, zone);
    if (t === undefined) return fail('BAD_TIMESTAMP:status_time');
    if (!missing(o.payment_time) && parseTimestamp(o.payment_time, zone) === undefined) return fail('BAD_TIMESTAMP:payment_time');
    // values
    const orderId = idText(o.order_id);
    if (orderId === undefined) return fail('BAD_VALUE:order_id');
    const userId = idText(o.user_id);
    if (userId === undefined) return fail('BAD_VALUE:user_id');
    return {
      ok: true,
      time: t,
      rec: {
        kind: 'status',
        order_id: orderId,
        user_id: userId,
        status: o.status as OrderStatus,
        prev_status: missing(o.prev_status) ? null : (o.prev_status as OrderStatus),
        status_time: t,
        cancel_reason: o.cancel_reason,
      },
    };
  }
  if (topic === 'order_item_events') {
    const t = parseTimestamp(o.create_time, zone);
    if (t === undefined) return fail('BAD_TIMESTAMP:create_time');
    const orderId = idText(o.order_id);
    if (orderId === undefined) return fail('BAD_VALUE:order_id');
    const itemId = idText(o.item_id);
    if (itemId === undefined) return fail('BAD_VALUE:item_id');
    const skuId = idText(o.sku_id);
    if (skuId === undefined) return fail('BAD_VALUE:sku_id');
    const q = o.quantity;
    // docs/semantics.md: a quantity past 2^53 − 1 cannot be counted exactly (BAD_VALUE).
    if (typeof q !== 'number' || !Number.isSafeInteger(q) || q <= 0) return fail('BAD_VALUE:quantity');
    const price = cents(o.price);
    if (price === undefined) return fail('BAD_VALUE:price');
    const discount = missing(o.discount) ? 0n : cents(o.discount);
    if (discount === undefined) return fail('BAD_VALUE:discount');
    return {
      ok: true,
      time: t,
      rec: { kind: 'item', order_id: orderId, item_id: itemId, sku_id: skuId, quantity: q, priceCents: price, discountCents: discount, create_time: t },
    };
  }
  const t = parseTimestamp(o.status_time, zone);
  if (t === undefined) return fail('BAD_TIMESTAMP:status_time');
  const lid = idText(o.logistics_id);
  if (lid === undefined) return fail('BAD_VALUE:logistics_id');
  const orderId = idText(o.order_id);
  if (orderId === undefined) return fail('BAD_VALUE:order_id');
  let location: string | null = null;
  if (!missing(o.location)) {
    const l = idText(o.location);
    if (l === undefined) return fail('BAD_VALUE:location');
    location = l;
  }
  if (!missing(o.courier_id) && idText(o.courier_id) === undefined) return fail('BAD_VALUE:courier_id');
  return {
    ok: true,
    time: t,
    rec: { kind: 'logistics', logistics_id: lid, order_id: orderId, status: o.status as LogisticsStatus, status_time: t, location },
  };
}
