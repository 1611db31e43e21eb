// Record validation (SPEC §2). The reason is the first failing check, in this order: JSON,
// object, required fields (in the SPEC's listed order), enums, timestamps, values. Validators fill
// a reusable event object and return null, or return the dead-letter reason.
import { LOGISTICS_INDEX, STATUS_INDEX } from './order/status.js';
import { parseTimestamp, type TimeZone } from './time/timestamp.js';

export interface StatusEvent {
  orderId: string;
  userId: string;
  status: number;
  /** -1 when absent. */
  prevStatus: number;
  time: number;
  cancelReason: string | null;
}
export interface ItemEvent {
  orderId: string;
  itemId: string;
  skuId: string;
  quantity: number;
  priceCents: number;
  discountCents: number;
  time: number;
}
export interface LogisticsEvent {
  logisticsId: string;
  orderId: string;
  status: number;
  time: number;
  location: string | null;
}

export function newStatusEvent(): StatusEvent {
  return { orderId: '', userId: '', status: 0, prevStatus: -1, time: 0, cancelReason: null };
}
export function newItemEvent(): ItemEvent {
  return { orderId: '', itemId: '', skuId: '', quantity: 0, priceCents: 0, discountCents: 0, time: 0 };
}
export function newLogisticsEvent(): LogisticsEvent {
  return { logisticsId: '', orderId: '', status: 0, time: 0, location: null };
}

type Obj = Record<string, unknown>;

function missing(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** The longest id: what the SQL tables hold (VARCHAR(255)), so no id can stop a commit. */
export const MAX_ID_LENGTH = 255;

/** An id as text; undefined for a boolean, object or array, or text longer than MAX_ID_LENGTH. */
export function idText(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
  return text !== undefined && text.length <= MAX_ID_LENGTH ? text : undefined;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const ZEROS = /^0*$/;

/**
 * Money in integer cents, half-up from its decimal text; undefined when not a number ≥ 0. A
 * decimal string has no blanks around it; a minus sign is taken only on a zero (`"-0"` is 0).
 */
export function parseCents(v: unknown): number | undefined {
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    // The usual price has at most two decimals, so v × 100 is within 1e-6 of an integer. The text's
    // cents are that integer then: below 1e12, v × 100 is within 0.02 of the text's value × 100,
    // which therefore rounds (half up) to the same integer.
    if (v < 1e12) {
      const c = v * 100;
      const r = Math.round(c);
      if (Math.abs(c - r) < 1e-6) return r + 0; // + 0: -0 is 0
    }
    text = String(v);
    if (text.includes('e')) return Math.round(v * 100);
  } else if (typeof v === 'string') {
    text = v;
  } else {
    return undefined;
  }
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  const frac = m[3] ?? '';
  if (m[1] === '-' && !(ZEROS.test(m[2]!) && ZEROS.test(frac))) return undefined;
  const whole = m[2] === '' ? 0 : Number(m[2]);
  let cents = whole * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && frac.charCodeAt(2) >= 53) cents += 1; // third decimal ≥ 5: round half up
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** `known`: the event time as the source already read it with `tz` (NaN: read the field here). */
export function validateStatus(o: Obj, tz: TimeZone, known: number, out: StatusEvent): string | null {
  const orderId = o.order_id;
  const userId = o.user_id;
  const status = o.status;
  const statusTime = o.status_time;
  if (missing(orderId)) return 'MISSING_FIELD:order_id';
  if (missing(userId)) return 'MISSING_FIELD:user_id';
  if (missing(status)) return 'MISSING_FIELD:status';
  if (missing(statusTime)) return 'MISSING_FIELD:status_time';
  const s = typeof status === 'string' ? STATUS_INDEX.get(status) : undefined;
  if (s === undefined) return 'BAD_ENUM:status';
  const prev = o.prev_status;
  let p = -1;
  if (!missing(prev)) {
    const pi = typeof prev === 'string' ? STATUS_INDEX.get(prev) : undefined;
    if (pi === undefined) return 'BAD_ENUM:prev_status';
    p = pi;
  }
  const t = known === known ? known : parseTimestamp(statusTime, tz);
  if (t === undefined) return 'BAD_TIMESTAMP:status_time';
  const pay = o.payment_time;
  if (!missing(pay) && parseTimestamp(pay, tz) === undefined) return 'BAD_TIMESTAMP:payment_time';
  const oid = idText(orderId);
  if (oid === undefined) return 'BAD_VALUE:order_id';
  const uid = idText(userId);
  if (uid === undefined) return 'BAD_VALUE:user_id';
  const reason = o.cancel_reason;
  out.orderId = oid;
  out.userId = uid;
  out.status = s;
  out.prevStatus = p;
  out.time = t;
  out.cancelReason = typeof reason === 'string' ? reason : reason === null || reason === undefined ? null : String(reason);
  return null;
}

export function validateItem(o: Obj, tz: TimeZone, known: number, out: ItemEvent): string | null {
  const orderId = o.order_id;
  const itemId = o.item_id;
  const skuId = o.sku_id;
  const quantity = o.quantity;
  const price = o.price;
  const createTime = o.create_time;
  if (missing(orderId)) return 'MISSING_FIELD:order_id';
  if (missing(itemId)) return 'MISSING_FIELD:item_id';
  if (missing(skuId)) return 'MISSING_FIELD:sku_id';
  if (missing(quantity)) return 'MISSING_FIELD:quantity';
  if (missing(price)) return 'MISSING_FIELD:price';
  if (missing(createTime)) return 'MISSING_FIELD:create_time';
  const t = known === known ? known : parseTimestamp(createTime, tz);
  if (t === undefined) return 'BAD_TIMESTAMP:create_time';
  const oid = idText(orderId);
  if (oid === undefined) return 'BAD_VALUE:order_id';
  const iid = idText(itemId);
  if (iid === undefined) return 'BAD_VALUE:item_id';
  const sid = idText(skuId);
  if (sid === undefined) return 'BAD_VALUE:sku_id';
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity <= 0) return 'BAD_VALUE:quantity';
  const cents = parseCents(price);
  if (cents === undefined) return 'BAD_VALUE:price';
  const discount = o.discount;
  let discountCents = 0;
  if (!missing(discount)) {
    const d = parseCents(discount);
    if (d === undefined) return 'BAD_VALUE:discount';
    discountCents = d;
  }
  out.orderId = oid;
  out.itemId = iid;
  out.skuId = sid;
  out.quantity = quantity;
  out.priceCents = cents;
  out.discountCents = discountCents;
  out.time = t;
  return null;
}

export function validateLogistics(o: Obj, tz: TimeZone, known: number, out: LogisticsEvent): string | null {
  const logisticsId = o.logistics_id;
  const orderId = o.order_id;
  const status = o.status;
  const statusTime = o.status_time;
  if (missing(logisticsId)) return 'MISSING_FIELD:logistics_id';
  if (missing(orderId)) return 'MISSING_FIELD:order_id';
  if (missing(status)) return 'MISSING_FIELD:status';
  if (missing(statusTime)) return 'MISSING_FIELD:status_time';
  const s = typeof status === 'string' ? LOGISTICS_INDEX.get(status) : undefined;
  if (s === undefined) return 'BAD_ENUM:status';
  const t = known === known ? known : parseTimestamp(statusTime, tz);
  if (t === undefined) return 'BAD_TIMESTAMP:status_time';
  const lid = idText(logisticsId);
  if (lid === undefined) return 'BAD_VALUE:logistics_id';
  const oid = idText(orderId);
  if (oid === undefined) return 'BAD_VALUE:order_id';
  const location = o.location;
  let loc: string | null = null;
  if (!missing(location)) {
    const l = idText(location);
    if (l === undefined) return 'BAD_VALUE:location';
    loc = l;
  }
  const courier = o.courier_id;
  if (!missing(courier) && idText(courier) === undefined) return 'BAD_VALUE:courier_id';
  out.logisticsId = lid;
  out.orderId = oid;
  out.status = s;
  out.time = t;
  out.location = loc;
  return null;
}
