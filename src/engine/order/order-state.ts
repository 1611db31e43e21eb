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
  /** Left its partition's memory (evicted): timers set on this object look the order up again. */
  gone = false;
  /** The source partition the order belongs to (restores it to the right clock). */
  partition = 0;

  constructor(readonly orderId: string) {}

  hasAnomaly(type: AbnormalType): Anomaly | undefined {
    for (const a of this.anomalies) if (a.type === type) return a;
    return undefined;
  }

  /**
   * A flat array (cheaper to write and read than an object with keys); NaN is written by
   * JSON.stringify as null and read back by fromJSON. The first element is the format version.
   */
  toJSON(): unknown[] {
    const lines: unknown[] = [];
    for (const l of this.lines) lines.push(l.itemId, l.skuId, l.quantity, l.priceCents, l.discountCents, l.state, l.attempted, l.succeeded);
    return [
      1,
      this.partition,
      this.userId,
      this.createTime,
      this.statusTimes,
      this.reached,
      this.current,
      this.currentTime,
      this.cancelReason,
      this.cancelTime,
      this.seen,
      this.notified,
      lines,
      this.logTimes,
      this.dispatchLocation,
      this.logSeenIds,
      this.logSeen,
      this.minRequired,
      this.anomalies,
      this.missingDue,
      this.timers,
      this.lastEventTime === -Infinity ? null : this.lastEventTime,
      this.lastUpdated,
      this.sla,
      this.slaUpdated,
    ];
  }

  static fromJSON(orderId: string, j: any[]): OrderState {
    const o = new OrderState(orderId);
    o.partition = j[1];
    o.userId = j[2];
    o.createTime = un(j[3]);
    o.statusTimes = j[4].map(un);
    o.reached = j[5];
    o.current = j[6];
    o.currentTime = un(j[7]);
    o.cancelReason = j[8];
    o.cancelTime = un(j[9]);
    o.seen = j[10];
    o.notified = j[11];
    const l = j[12] as any[];
    for (let i = 0; i < l.length; i += 8) {
      o.lines.push({
        itemId: l[i],
        skuId: l[i + 1],
        quantity: l[i + 2],
        priceCents: l[i + 3],
        discountCents: l[i + 4],
        state: l[i + 5],
        attempted: l[i + 6],
        succeeded: l[i + 7],
      });
    }
    o.logTimes = j[13].map(un);
    o.dispatchLocation = j[14];
    o.logSeenIds = j[15];
    o.logSeen = j[16];
    o.minRequired = un(j[17]);
    o.anomalies = j[18];
    o.missingDue = un(j[19]);
    o.timers = j[20].map(un);
    o.lastEventTime = j[21] === null ? -Infinity : j[21];
    o.lastUpdated = un(j[22]);
    o.sla = j[23];
    o.slaUpdated = un(j[24]);
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
