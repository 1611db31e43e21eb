// Abnormal orders (SPEC §9): which per-order timers should be pending, self-resolution, and the
// output row of each anomaly.
import type { Params } from '../rules.js';
import type { AbnormalType, AnomalyRow } from '../types.js';
import type { OrderContext } from './context.js';
import {
  DIRTY_ANOMALY,
  TM_DELIVERY,
  TM_MISSING,
  TM_PAYMENT,
  TM_PROCESSING,
  type Anomaly,
  type OrderState,
} from './order-state.js';
import { S_PAID, S_PENDING, S_PROCESSING, S_SHIPPED } from './status.js';

/** The timeouts of SPEC §9 for one order (rules may change them, SPEC §11). */
export type Thresholds = Pick<Params, 'paymentTimeoutMs' | 'processingTimeoutMs' | 'deliveryTimeoutMs' | 'missingItemsMs'>;

export const TIMER_ANOMALY: readonly AbnormalType[] = ['DELIVERY_TIMEOUT', 'MISSING_ITEMS', 'PAYMENT_TIMEOUT', 'PROCESSING_TIMEOUT'];

const ACTIONS: Record<AbnormalType, string> = {
  PAYMENT_TIMEOUT: 'CANCEL_ORDER',
  PROCESSING_TIMEOUT: 'ESCALATE_PROCESSING',
  DELIVERY_TIMEOUT: 'CHECK_LOGISTICS',
  STOCK_OUT: 'RESTOCK_OR_CANCEL',
  MISSING_ITEMS: 'CHECK_ORDER_DATA',
  DISPATCH_UNROUTABLE: 'FIX_ROUTING',
};

/** Nominal due time of each timer type for the order as it stands (NaN: no timer). */
export function dueOf(order: OrderState, type: number, th: Thresholds): number {
  switch (type) {
    case TM_PAYMENT:
      return order.current === S_PENDING && !order.hasAnomaly('PAYMENT_TIMEOUT') ? order.createTime + th.paymentTimeoutMs : NaN;
    case TM_PROCESSING: {
      if ((order.current !== S_PAID && order.current !== S_PROCESSING) || order.hasAnomaly('PROCESSING_TIMEOUT')) return NaN;
      // clock − paid_time (SPEC §9): no PAID event, no timer (unlike §6/§7, no processing_time instead)
      return order.statusTimes[S_PAID]! + th.processingTimeoutMs;
    }
    case TM_DELIVERY:
      return order.current === S_SHIPPED && !order.hasAnomaly('DELIVERY_TIMEOUT') ? order.statusTimes[S_SHIPPED]! + th.deliveryTimeoutMs : NaN;
    case TM_MISSING:
      return order.lines.length === 0 && !order.hasAnomaly('MISSING_ITEMS') ? order.missingDue : NaN;
    default:
      return NaN;
  }
}

/** Timeouts compare strictly (clock − start > limit); MISSING_ITEMS fires at its due time. */
export function fireAtOf(type: number, due: number): number {
  return type === TM_MISSING ? due : due + 1;
}

/** Whether a raised timeout no longer holds (SPEC §9 self-resolution). */
function cleared(order: OrderState, a: Anomaly): boolean {
  switch (a.type) {
    case 'PAYMENT_TIMEOUT':
      return order.current !== S_PENDING;
    case 'PROCESSING_TIMEOUT':
      return order.current !== S_PAID && order.current !== S_PROCESSING;
    case 'DELIVERY_TIMEOUT':
      return order.current !== S_SHIPPED;
    case 'MISSING_ITEMS':
      return order.lines.length > 0;
    default:
      return false;
  }
}

export function selfResolve(order: OrderState, ctx: OrderContext): void {
  for (const a of order.anomalies) {
    if (a.status === 'PENDING' && cleared(order, a)) {
      a.status = 'RESOLVED';
      a.resolvedBy = 'system';
      a.resolvedAt = ctx.detectionTime();
      ctx.touch(order, DIRTY_ANOMALY);
    }
  }
}

export function anomalyRow(order: OrderState, a: Anomaly): AnomalyRow {
  const vip = a.userCount > 5;
  return {
    order_id: order.orderId,
    user_id: order.userId!,
    abnormal_type: a.type,
    overtime_minutes: a.overtimeMinutes,
    user_abnormal_count: a.userCount,
    detection_time: a.detectionTime,
    handler: vip
      ? 'vip_customer_service'
      : a.type === 'DELIVERY_TIMEOUT'
        ? 'logistics_support'
        : a.type === 'STOCK_OUT'
          ? 'inventory_support'
          : 'order_support',
    handling_action: ACTIONS[a.type],
    handling_time: a.detectionTime,
    status: a.status,
    notes: vip ? 'High-risk customer, manual review required' : 'Auto-generated handling instruction',
    resolved_by: a.resolvedBy,
    resolved_at: a.resolvedAt,
  };
}
