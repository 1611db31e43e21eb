// One order's whole life, drawn at its creation: the status events, its item lines and the
// parcel's logistics scans, each with its event time. Most orders pay within minutes and ship
// within hours; in the datasets they arrive in one to four days, at the simulator's city pace
// (`Mix.sameDay`) the same day or the next. The shares of `Mix` send the rest down the unhappy
// paths the engine must notice (timeouts, stock-outs, refunds, lost parcels, missing items).
import type { Catalog, Kind } from './catalog.js';
import type { Customer, CustomerBase } from './customers.js';
import type { Emitter } from './emitter.js';
import type { District } from './geography.js';
import { id, type Rng } from './prng.js';
import type { Courier } from './world.js';
import { isoUtc as iso, spacedUtc as spaced } from './time-format.js';

const S = 1_000;
const MIN = 60_000;
const H = 3_600_000;
const D = 86_400_000;

/** Shares of each path (per order unless said otherwise). */
export interface Mix {
  noPay: number;
  /** noPay for the few "problem" customers who abandon most carts (VIP handling). */
  problemNoPay: number;
  latePay: number;
  cancelAfterPaid: number;
  stuckPaid: number;
  skipProcessing: number;
  refundBeforeShip: number;
  stuckProcessing: number;
  slowShip: number;
  lostParcel: number;
  refusedAtDoor: number;
  failedAttempt: number;
  slowDelivery: number;
  refundAfterDelivery: number;
  missingItems: number;
  lateItems: number;
  /** Per item line: a SKU the store does not know. */
  unknownSku: number;
  /** Per status event after the first: prev_status left out (a bad transition). */
  missingPrev: number;
  /**
   * Per item line: a quantity above the SKU's whole stock, so its FREEZE must fail (a stock-out).
   * 0 in the datasets: while it is 0 no draw is made for it, which keeps their bytes as they were.
   */
  oversell: number;
  /**
   * The city pace, when > 0: warehouses ship within two hours or so of payment, and this share of
   * parcels arrives the same day, the rest the next day. Measured from payment as SPEC §8 does
   * (ON_TIME within 720 min, OVERDUE past 1440), most deliveries are on time and the next-day ones
   * at risk; the stalls, slow trips and second attempts above still make their timeouts.
   * 0 in the datasets, whose parcels travel for days: while it is 0 no draw is made for it,
   * which keeps their bytes as they were.
   */
  sameDay: number;
}

export const DEFAULT_MIX: Mix = {
  noPay: 0.12,
  problemNoPay: 0.5,
  latePay: 0.01,
  cancelAfterPaid: 0.015,
  stuckPaid: 0.004,
  skipProcessing: 0.01,
  refundBeforeShip: 0.01,
  stuckProcessing: 0.004,
  slowShip: 0.02,
  lostParcel: 0.004,
  refusedAtDoor: 0.005,
  failedAttempt: 0.03,
  slowDelivery: 0.02,
  refundAfterDelivery: 0.03,
  missingItems: 0.003,
  lateItems: 0.01,
  unknownSku: 0.002,
  missingPrev: 0.003,
  oversell: 0,
  sameDay: 0,
};

export interface StoryContext {
  rng: Rng;
  out: Emitter;
  mix: Mix;
  catalog: Catalog;
  people: CustomerBase;
  served: readonly District[];
  couriers: readonly Courier[];
  outcomes: Record<string, number>;
  nextItem: number;
}

const USER_CANCEL = ['user_cancel', '用户取消', '用戶取消', ' USER_CANCEL ', 'changed my mind', ''];
const MERCHANT_CANCEL = ['stock_out', '库存不足', '庫存不足', 'STOCK_OUT'];
const TIMEOUT_CANCEL = ['payment_timeout', '支付超时', '支付超時'];
const CHANNELS = ['app', 'app', 'app', 'mini_program', 'web', 'h5'];

export function tellOrder(ctx: StoryContext, n: number, t0: number): void {
  const { rng, mix, out } = ctx;
  const orderId = id('O', n, 7);
  const user = ctx.people.customers[rng.weighted(ctx.people.activity)]!;
  const count = (k: string) => (ctx.outcomes[k] = (ctx.outcomes[k] ?? 0) + 1);
  let prev: string | null = null;
  let paymentTime: number | undefined;
  const status = (s: string, t: number, extra: Record<string, unknown> = {}, by = 'system') => {
    const e: Record<string, unknown> = { order_id: orderId, user_id: user.userId, status: s };
    if (prev === null) e.prev_status = null;
    else if (!rng.chance(mix.missingPrev)) e.prev_status = prev;
    e.status_time = spaced(t);
    if (paymentTime !== undefined) e.payment_time = rng.chance(0.05) ? paymentTime : spaced(paymentTime);
    Object.assign(e, extra);
    e.operation_user = by;
    out.emit('status', t, e);
    prev = s;
  };

  if (!user.routable) count('unroutable_orders');
  status('PENDING_PAYMENT', t0, { ext_info: { channel: rng.pick(CHANNELS), coupon: rng.chance(0.2) ? 'NEWUSER10' : '' } }, user.userId);
  const kinds = items(ctx, orderId, t0, rng.chance(mix.lateItems) ? rng.int(1 * MIN, 12 * MIN) : 0);
  count(`lines_${kinds.length}`);

  // Payment.
  if (rng.chance(user.problem ? mix.problemNoPay : mix.noPay)) {
    const r = rng.next();
    const expiry = t0 + 30 * MIN + rng.int(5 * S, 90 * S);
    if (r < 0.4) {
      status('EXPIRED', expiry);
      count('expired');
    } else if (r < 0.55) {
      status('CANCELLED', expiry, { cancel_reason: rng.pick(TIMEOUT_CANCEL) });
      count('cancelled_unpaid');
    } else if (r < 0.85) {
      status('CANCELLED', t0 + rng.int(1 * MIN, 25 * MIN), { cancel_reason: rng.pick(USER_CANCEL) }, user.userId);
      count('cancelled_unpaid');
    } else {
      count('never_paid');
    }
    return;
  }
  const late = rng.chance(mix.latePay);
  const tp = t0 + (late ? rng.int(31 * MIN, 50 * MIN) : clamp(rng.logNormal(90 * S, 1), 5 * S, 28 * MIN));
  if (late) count('paid_late');
  paymentTime = tp - rng.int(0, 3 * S);
  status('PAID', tp, {}, 'payment_gateway');

  // Fulfilment.
  const r = rng.next();
  let c = 0;
  if (r < (c += mix.cancelAfterPaid)) {
    const merchant = rng.chance(0.4);
    status('CANCELLED', tp + rng.int(2 * MIN, 90 * MIN), { cancel_reason: rng.pick(merchant ? MERCHANT_CANCEL : USER_CANCEL) }, merchant ? 'merchant_ops' : user.userId);
    return void count('cancelled_paid');
  }
  if (r < (c += mix.stuckPaid)) return void count('stuck_paid');
  let ts: number;
  const city = mix.sameDay > 0;
  if (r < (c += mix.skipProcessing)) {
    ts = tp + (city ? clamp(rng.logNormal(2 * H, 0.5), 45 * MIN, 10 * H) : clamp(rng.logNormal(5 * H, 0.6), 40 * MIN, 20 * H));
    count('skipped_processing');
  } else {
    const tproc = tp + clamp(rng.logNormal(5 * MIN, 0.8), 30 * S, 2 * H);
    status('PROCESSING', tproc, {}, 'wms');
    if (r < (c += mix.refundBeforeShip)) {
      status('REFUNDED', tproc + rng.int(1 * H, 10 * H), {}, 'cs_agent');
      return void count('refunded_before_ship');
    }
    if (r < (c += mix.stuckProcessing)) return void count('stuck_processing');
    const slow = r < (c += mix.slowShip);
    // Picked and packed: at the city pace within a couple of hours (at least 45 min, so the
    // parcel is dispatched after its PENDING_DISPATCH scan).
    if (slow) ts = tp + rng.int(25 * H, 40 * H);
    else ts = tproc + (city ? clamp(rng.logNormal(100 * MIN, 0.5), 45 * MIN, 8 * H) : clamp(rng.logNormal(6 * H, 0.6), 40 * MIN, 20 * H));
    if (slow) count('shipped_late');
    if (rng.chance(0.5)) parcel(ctx, orderId, 'PENDING_DISPATCH', tproc + rng.int(1 * MIN, 20 * MIN), undefined);
  }
  status('SHIPPED', ts, {}, 'wms');
  shipAndDeliver(ctx, orderId, user, kinds, ts, status, count);
}

function shipAndDeliver(
  ctx: StoryContext,
  orderId: string,
  user: Customer,
  kinds: Kind[],
  ts: number,
  status: (s: string, t: number, extra?: Record<string, unknown>, by?: string) => void,
  count: (k: string) => void,
): void {
  const { rng, mix } = ctx;
  const dest = user.routable ? user.home! : rng.pick(ctx.served);
  const hub = rng.pick(ctx.served);
  const courier = rng.pick(ctx.couriers);
  const lid = 'L' + orderId.slice(1);
  const scan = (s: string, t: number, at: District) => parcel(ctx, orderId, s, t, at, lid, courier);
  scan('DISPATCHED', ts - rng.int(1 * MIN, 20 * MIN), ctx.served.find((d) => d.warehouseId === dest.warehouseId) ?? dest);
  const city = mix.sameDay > 0;
  scan('IN_TRANSIT', ts + (city ? rng.int(10 * MIN, 40 * MIN) : rng.int(1 * H, 6 * H)), hub);
  if (rng.chance(mix.lostParcel)) {
    scan('FAILED', ts + rng.int(1 * D, 3 * D), hub);
    return void count('lost_parcel');
  }
  // The trip: at the city pace the same day or the next; in the datasets by the slowest kind of
  // goods in the parcel. The slow ones overrun the 72 h limit.
  const [lo, hi] = kinds.includes('other') ? [1 * D, 2.75 * D] : kinds.includes('digital') ? [0.75 * D, 2 * D] : [0.4 * D, 1 * D];
  const slow = rng.chance(mix.slowDelivery);
  let td = ts + (slow ? rng.int(73 * H, 110 * H) : city ? cityTrip(rng, mix.sameDay) : rng.int(lo, hi));
  if (slow) count('delivered_late');
  // Out for delivery: the last hour or so in town (after the trunk scan), else hours before.
  let ofd = td - (city && !slow ? rng.int(20 * MIN, 90 * MIN) : rng.int(1 * H, 5 * H));
  const r = rng.next();
  let c = 0;
  if (r < (c += mix.refusedAtDoor)) {
    scan('OUT_FOR_DELIVERY', ofd, dest);
    const tf = ofd + rng.int(1 * H, 3 * H);
    scan('FAILED', tf, dest);
    status('REFUNDED', tf + rng.int(1 * H, 24 * H), {}, 'cs_agent');
    return void count('refused_at_door');
  }
  if (r < (c += mix.failedAttempt)) {
    scan('OUT_FOR_DELIVERY', ofd, dest);
    scan('FAILED', ofd + rng.int(1 * H, 3 * H), dest);
    ofd += D;
    td += D;
    count('second_attempt');
  }
  scan('OUT_FOR_DELIVERY', ofd, dest);
  scan('DELIVERED', td, dest);
  const tdd = td + rng.int(10 * S, 30 * MIN);
  status('DELIVERED', tdd, {}, 'tms');
  count('delivered');
  if (rng.chance(mix.refundAfterDelivery)) {
    status('REFUNDED', tdd + (rng.chance(0.9) ? rng.int(1 * D, 10 * D) : rng.int(14 * D, 30 * D)), { ext_info: { refund_reason: 'quality_issue' } }, 'cs_agent');
    count('refunded_after_delivery');
  }
}

/**
 * Shipped to delivered at the city pace: the same day (a few hours), or the next (overnight at
 * the depot, out in the morning).
 */
function cityTrip(rng: Rng, sameDay: number): number {
  return rng.chance(sameDay) ? clamp(rng.logNormal(4 * H, 0.4), 150 * MIN, 14 * H) : clamp(rng.logNormal(16 * H, 0.25), 8 * H, 40 * H);
}

/** Writes the item lines (unless the order lost them); returns their kinds. */
function items(ctx: StoryContext, orderId: string, t0: number, delay: number): Kind[] {
  const { rng, catalog } = ctx;
  const n = rng.weighted([0.55, 0.8, 0.93, 1]) + 1;
  const lost = rng.chance(ctx.mix.missingItems);
  if (lost) ctx.outcomes.missing_items = (ctx.outcomes.missing_items ?? 0) + 1;
  if (delay > 0 && !lost) ctx.outcomes.late_items = (ctx.outcomes.late_items ?? 0) + 1;
  const kinds: Kind[] = [];
  const seen = new Set<number>();
  // The cart is written in one go, a little after the order row.
  let t = t0 + rng.int(20, 800);
  for (let i = 0; i < n; i++) {
    const k = rng.weighted(catalog.popularity);
    if (seen.has(k)) continue;
    seen.add(k);
    const sku = catalog.skus[k]!;
    kinds.push(sku.kind);
    let q = rng.weighted([0.75, 0.92, 0.98, 1]) + 1;
    // More than the SKU ever had available: no stock movement can make this freeze succeed.
    const oversold = ctx.mix.oversell > 0 && rng.chance(ctx.mix.oversell);
    if (oversold) q = sku.available + rng.int(1, 5);
    const unknown = rng.chance(ctx.mix.unknownSku);
    if (oversold && !unknown && !lost) ctx.outcomes.oversold_lines = (ctx.outcomes.oversold_lines ?? 0) + 1;
    const e: Record<string, unknown> = {
      order_id: orderId,
      item_id: id('I', ++ctx.nextItem, 8),
      sku_id: unknown ? id('SKU9', rng.int(0, 99999), 5) : sku.skuId,
    };
    if (rng.chance(0.95)) e.product_name = sku.name;
    e.quantity = q;
    e.price = rng.chance(0.1) ? (sku.priceCents / 100).toFixed(2) : sku.priceCents / 100;
    const d = rng.next();
    if (d < 0.3) e.discount = Math.round(sku.priceCents * q * rng.range(0.05, 0.2)) / 100;
    else if (d < 0.4) e.discount = 0;
    e.create_time = iso(++t);
    if (unknown) ctx.outcomes.unknown_sku_lines = (ctx.outcomes.unknown_sku_lines ?? 0) + 1;
    if (!lost) ctx.out.emit('item', t, e, delay);
  }
  return kinds;
}

function parcel(
  ctx: StoryContext,
  orderId: string,
  s: string,
  t: number,
  at: District | undefined,
  lid = 'L' + orderId.slice(1),
  courier?: Courier,
): void {
  const e: Record<string, unknown> = { logistics_id: lid, order_id: orderId, status: s, status_time: iso(t) };
  if (at?.areaId) e.location = at.areaId;
  if (courier) {
    e.courier_id = courier.id;
    e.courier_name = courier.name;
  }
  ctx.out.emit('logistics', t, e);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.round(Math.min(hi, Math.max(lo, x)));
}
