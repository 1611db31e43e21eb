// Cleaning and the order lifecycle (SPEC §5).
import type { LifecycleRow } from '../types.js';
import type { StatusEvent } from '../validate.js';
import { orNull, type OrderState } from './order-state.js';
import { L_OUT_FOR_DELIVERY, ORDER_STATUSES, RANK, S_CANCELLED, S_DELIVERED, S_PAID, S_PENDING, S_SHIPPED, standardizeCancelReason } from './status.js';

/** Whether (status, time) was applied to the order already (SPEC §2 duplicates). */
export function isDuplicateStatus(order: OrderState, status: number, time: number): boolean {
  if (!(order.reached & (1 << status))) return false; // a status the order never had cannot repeat
  const seen = order.seen;
  for (let i = 0; i < seen.length; i += 2) if (seen[i] === status && seen[i + 1] === time) return true;
  return false;
}

/** Applies a (non-duplicate) status event; returns whether a lifecycle column changed. */
export function applyStatusToLifecycle(order: OrderState, e: StatusEvent): boolean {
  let changed = false;
  order.seen.push(e.status, e.time);
  if (order.userId === null) {
    order.userId = e.userId;
    changed = true;
  }
  if (!(e.time >= order.createTime)) {
    order.createTime = e.time;
    changed = true;
  }
  const st = order.statusTimes;
  if (!(st[e.status]! >= e.time)) {
    st[e.status] = e.time;
    changed = true;
  }
  order.reached |= 1 << e.status;
  if (
    order.current < 0 ||
    e.time > order.currentTime ||
    (e.time === order.currentTime && RANK[e.status]! > RANK[order.current]!)
  ) {
    if (order.current !== e.status || order.currentTime !== e.time) changed = true;
    order.current = e.status;
    order.currentTime = e.time;
  }
  if (e.status === S_CANCELLED && !(order.cancelTime >= e.time)) {
    const reason = standardizeCancelReason(e.cancelReason);
    if (reason !== order.cancelReason) changed = true;
    order.cancelReason = reason;
    order.cancelTime = e.time;
  }
  return changed;
}

function seconds(end: number, start: number): number | null {
  const d = end - start;
  return Number.isNaN(d) ? null : Math.trunc(d / 1000);
}

export function lifecycleRow(order: OrderState): LifecycleRow {
  const st = order.statusTimes;
  const outForDelivery = order.logTimes[L_OUT_FOR_DELIVERY]!;
  return {
    order_id: order.orderId,
    user_id: order.userId!,
    create_time: order.createTime,
    pending_payment_time: orNull(st[0]!),
    paid_time: orNull(st[1]!),
    processing_time: orNull(st[2]!),
    shipped_time: orNull(st[3]!),
    delivered_time: orNull(st[4]!),
    cancelled_time: orNull(st[5]!),
    refunded_time: orNull(st[6]!),
    expired_time: orNull(st[7]!),
    cancel_reason: order.cancelReason,
    current_status: ORDER_STATUSES[order.current]!,
    status_updated_time: order.currentTime,
    pending_payment_duration: seconds(st[S_PAID]!, st[S_PENDING]!),
    processing_duration: seconds(st[S_SHIPPED]!, st[S_PAID]!),
    shipping_duration: seconds(outForDelivery, st[S_SHIPPED]!),
    delivery_duration: seconds(st[S_DELIVERED]!, outForDelivery),
    overall_duration: seconds(order.currentTime, order.createTime),
    last_updated: order.lastUpdated,
  };
}
