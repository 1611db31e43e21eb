// 5-minute tumbling windows of order_processing_metrics (SPEC §10), per partition. A window
// holds its member orders with what they did in it; its figures are read from the orders'
// lifecycle when the partition clock passes its end.
import { MINUTE } from './time/timestamp.js';
import type { OrderState } from './order/order-state.js';
import { S_CANCELLED, S_DELIVERED, S_PAID, S_SHIPPED } from './order/status.js';
import type { MetricRow } from './types.js';

export const WINDOW_MS = 5 * MINUTE;
export const W_STATUS = 1;
export const W_ANOMALY = 32;

/** Window bit for a status event of `status`. */
export function statusBits(status: number): number {
  switch (status) {
    case S_PAID:
      return W_STATUS | 2;
    case S_SHIPPED:
      return W_STATUS | 4;
    case S_DELIVERED:
      return W_STATUS | 8;
    case S_CANCELLED:
      return W_STATUS | 16;
    default:
      return W_STATUS;
  }
}

/** One partition's figures for one window; parts of several partitions add up. */
export interface WindowPart {
  start: number;
  orders: number;
  paid: number;
  shipped: number;
  delivered: number;
  cancelled: number;
  paySum: number;
  payN: number;
  procSum: number;
  procN: number;
  delSum: number;
  delN: number;
  abnormal: number;
}

export function emptyPart(start: number): WindowPart {
  return { start, orders: 0, paid: 0, shipped: 0, delivered: 0, cancelled: 0, paySum: 0, payN: 0, procSum: 0, procN: 0, delSum: 0, delN: 0, abnormal: 0 };
}

export function addPart(into: WindowPart, p: WindowPart): void {
  into.orders += p.orders;
  into.paid += p.paid;
  into.shipped += p.shipped;
  into.delivered += p.delivered;
  into.cancelled += p.cancelled;
  into.paySum += p.paySum;
  into.payN += p.payN;
  into.procSum += p.procSum;
  into.procN += p.procN;
  into.delSum += p.delSum;
  into.delN += p.delN;
  into.abnormal += p.abnormal;
}

/** The order_processing_metrics row of a window from its (summed) figures (SPEC §10). */
export function windowRow(w: WindowPart): MetricRow {
  return {
    metric_time: w.start,
    order_count: w.orders,
    paid_count: w.paid,
    shipped_count: w.shipped,
    delivered_count: w.delivered,
    cancelled_count: w.cancelled,
    avg_payment_time: w.payN === 0 ? null : w.paySum / w.payN,
    avg_processing_time: w.procN === 0 ? null : w.procSum / w.procN,
    avg_delivery_time: w.delN === 0 ? null : w.delSum / w.delN,
    abnormal_count: w.abnormal,
    abnormal_order_rate: w.orders === 0 ? null : w.abnormal / w.orders,
  };
}

function secondsBetween(end: number, start: number): number {
  return Math.trunc((end - start) / 1000);
}

export class MetricWindows {
  private readonly open = new Map<number, Map<string, number>>();
  private minStart = Infinity;
  /** The window joined last (records mostly arrive in time order): saves a lookup by a non-Smi key. */
  private lastStart = NaN;
  private last: Map<string, number> | undefined;

  get size(): number {
    return this.open.size;
  }

  /** Adds `bits` for the order to the window holding `time`, unless that window is closed. */
  join(time: number, orderId: string, bits: number, clock: number): void {
    const last = this.lastStart;
    const start = time >= last && time - last < WINDOW_MS ? last : time - (((time % WINDOW_MS) + WINDOW_MS) % WINDOW_MS);
    if (start + WINDOW_MS <= clock) return; // closed (or never opened and already passed)
    let w = start === this.lastStart ? this.last : this.open.get(start);
    if (w === undefined) {
      w = new Map();
      this.open.set(start, w);
      if (start < this.minStart) this.minStart = start;
    }
    this.lastStart = start;
    this.last = w;
    w.set(orderId, (w.get(orderId) ?? 0) | bits);
  }

  /** Closes, in order, the windows whose end ≤ clock, appending their parts to `out`. */
  closeThrough(clock: number, lookup: (orderId: string) => OrderState | undefined, out: WindowPart[]): void {
    if (this.minStart + WINDOW_MS > clock) return;
    const starts = [...this.open.keys()].filter((s) => s + WINDOW_MS <= clock).sort((a, b) => a - b);
    for (const s of starts) {
      out.push(figures(s, this.open.get(s)!, lookup));
      this.open.delete(s);
    }
    this.lastStart = NaN;
    this.last = undefined;
    this.minStart = Infinity;
    for (const s of this.open.keys()) if (s < this.minStart) this.minStart = s;
  }

  toJSON(): [number, [string, number][]][] {
    return [...this.open].map(([s, w]) => [s, [...w]]);
  }

  static fromJSON(rows: [number, [string, number][]][]): MetricWindows {
    const m = new MetricWindows();
    for (const [s, members] of rows) {
      m.open.set(s, new Map(members));
      if (s < m.minStart) m.minStart = s;
    }
    return m;
  }
}

function figures(start: number, members: Map<string, number>, lookup: (orderId: string) => OrderState | undefined): WindowPart {
  const p = emptyPart(start);
  // forEach, not for…of over entries: no [key, value] array per member.
  members.forEach((bits, orderId) => {
    if (bits & W_ANOMALY) p.abnormal++;
    if (!(bits & W_STATUS)) return;
    p.orders++;
    if (bits & 2) p.paid++;
    if (bits & 4) p.shipped++;
    if (bits & 8) p.delivered++;
    if (bits & 16) p.cancelled++;
    if (!(bits & 14)) return;
    const o = lookup(orderId);
    if (!o) return;
    const st = o.statusTimes;
    if (bits & 2 && !Number.isNaN(st[S_PAID]!) && !Number.isNaN(o.createTime)) {
      p.paySum += secondsBetween(st[S_PAID]!, o.createTime);
      p.payN++;
    }
    if (bits & 4 && !Number.isNaN(st[S_SHIPPED]!) && !Number.isNaN(st[S_PAID]!)) {
      p.procSum += secondsBetween(st[S_SHIPPED]!, st[S_PAID]!);
      p.procN++;
    }
    if (bits & 8 && !Number.isNaN(st[S_DELIVERED]!) && !Number.isNaN(st[S_SHIPPED]!)) {
      p.delSum += secondsBetween(st[S_DELIVERED]!, st[S_SHIPPED]!);
      p.delN++;
    }
  });
  return p;
}
