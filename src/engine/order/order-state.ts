// Keyed state of one order. Plain fields (stable shape, no closures) so it serialises with
// toJSON/fromJSON for checkpoints and for leaving memory (SPEC §12).
import type { AbnormalType } from '../types.js';

/** Ledger states of an order line (SPEC §6). */
export const L_NONE = 0;
export const L_FROZEN = 1;
export const L_FREEZE_FAILED = 2;
export const L_RELEASED = 3;
export const L_SHIPPED = 4;
export const L_RESTOCKED = 5;

/** Op bits for `attempted` / `succeeded`. */
export const OP_FREEZE = 1;
export const OP_DECREASE = 2;
export const OP_UNFREEZE = 4;
export const OP_INCREASE = 8;

export interface Line {
  itemId: string;
  skuId: string;
  quantity: number;
  priceCents: number;
  discountCents: number;
  state: number;
  attempted: number;
  succeeded: number;
}

/** Timer types, numbered in the text order of their names (firing tie order), eviction last. */
export const TM_DELIVERY = 0;
export const TM_MISSING = 1;
export const TM_PAYMENT = 2;
export const TM_PROCESSING = 3;
export const TM_EVICT = 4;
export const TIMER_TYPES = 5;

export interface Anomaly {
  type: AbnormalType;
  overtimeMinutes: number;
  userCount: number;
  detectionTime: number;
  status: 'PENDING' | 'RESOLVED';
  resolvedBy: string | null;
  resolvedAt: number | null;
}

export const DIRTY_LIFECYCLE = 1;
export const DIRTY_SLA = 2;
export const DIRTY_ANOMALY = 4;
export const DIRTY_STATE = 8;

export class OrderState {
  userId: string | null = null;
  /** Earliest status_time; NaN before the first status event. */
  createTime = NaN;
  /** Latest status_time per status (NaN: none). */
  statusTimes: number[] = [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN];
  /** Bit set R of reached statuses. */
  reached = 0;
  current = -1;
  currentTime = NaN;
  cancelReason: string | null = null;
  cancelTime = NaN;
  /** Applied (status, time) pairs, flattened, for duplicate detection. */
  seen: number[] = [];
  notified = 0;
  lines: Line[] = [];
  /** Earliest status_time per logistics status (NaN: none). */
  logTimes: number[] = [NaN, NaN, NaN, NaN, NaN, NaN];
  dispatchLocation: string | null = null;
  /** Applied logistics events: ids, and (status, time) pairs flattened alongside. */
  logSeenIds: string[] = [];
  logSeen: number[] = [];
  /** Earliest required_delivery_time of the order's dispatch commands (NaN: none). */
  minRequired = NaN;
  anomalies: Anomaly[] = [];
  /** Earliest MISSING_ITEMS due time (NaN: none). */
  missingDue = NaN;
  /** fireAt of the registered timer per type (NaN: none). */
  timers: number[] = [NaN, NaN, NaN, NaN, NaN];
  lastEventTime = -Infinity;
  lastUpdated = NaN;
  /** The SLA row's figures as last written, for change detection; null before it exists. */
  sla: unknown[] | null = null;
  slaUpdated = NaN;
  dirty = 0;
  /** The source partition the order belongs to (restores it to the right clock). */
  partition = 0;

  constructor(readonly orderId: string) {}

  hasAnomaly(type: AbnormalType): Anomaly | undefined {
    for (const a of this.anomalies) if (a.type === type) return a;
    return undefined;
  }

  toJSON(): unknown {
    return {
      pt: this.partition,
      u: this.userId,
      c: this.createTime,
      st: this.statusTimes,
      r: this.reached,
      cu: this.current,
      ct: this.currentTime,
      cr: this.cancelReason,
      cnt: this.cancelTime,
      se: this.seen,
      n: this.notified,
      l: this.lines.map((l) => [l.itemId, l.skuId, l.quantity, l.priceCents, l.discountCents, l.state, l.attempted, l.succeeded]),
      lt: this.logTimes,
      dl: this.dispatchLocation,
      li: this.logSeenIds,
      ls: this.logSeen,
      mr: this.minRequired,
      a: this.anomalies,
      md: this.missingDue,
      tm: this.timers,
      le: this.lastEventTime === -Infinity ? null : this.lastEventTime,
      lu: this.lastUpdated,
      sl: this.sla,
      su: this.slaUpdated,
    };
  }

  static fromJSON(orderId: string, j: any): OrderState {
    const o = new OrderState(orderId);
    o.partition = j.pt ?? 0;
    o.userId = j.u;
    o.createTime = un(j.c);
    o.statusTimes = j.st.map(un);
    o.reached = j.r;
    o.current = j.cu;
    o.currentTime = un(j.ct);
    o.cancelReason = j.cr;
    o.cancelTime = un(j.cnt);
    o.seen = j.se;
    o.notified = j.n;
    o.lines = j.l.map((l: any[]) => ({
      itemId: l[0],
      skuId: l[1],
      quantity: l[2],
      priceCents: l[3],
      discountCents: l[4],
      state: l[5],
      attempted: l[6],
      succeeded: l[7],
    }));
    o.logTimes = j.lt.map(un);
    o.dispatchLocation = j.dl;
    o.logSeenIds = j.li;
    o.logSeen = j.ls;
    o.minRequired = un(j.mr);
    o.anomalies = j.a;
    o.missingDue = un(j.md);
    o.timers = j.tm.map(un);
    o.lastEventTime = j.le === null ? -Infinity : j.le;
    o.lastUpdated = un(j.lu);
    o.sla = j.sl;
    o.slaUpdated = un(j.su);
    return o;
  }
}

// toJSON leaves NaN in place (JSON.stringify writes it as null); fromJSON turns null back.
function un(v: number | null): number {
  return v === null ? NaN : v;
}

/** Null for NaN: how state times become row values. */
export function orNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
