// Customer notifications (SPEC §11): once per (order, status) for the statuses customers hear of.
import type { NotificationRow } from '../types.js';
import type { StatusEvent } from '../validate.js';
import type { OrderContext } from './context.js';
import type { OrderState } from './order-state.js';
import { ORDER_STATUSES, S_CANCELLED, S_DELIVERED, S_PAID, S_REFUNDED, S_SHIPPED, standardizeCancelReason } from './status.js';

function message(orderId: string, e: StatusEvent): string | undefined {
  switch (e.status) {
    case S_PAID:
      return `Order ${orderId} has been paid successfully`;
    case S_SHIPPED:
      return `Order ${orderId} has been shipped`;
    case S_DELIVERED:
      return `Order ${orderId} has been delivered`;
    case S_CANCELLED:
      return `Order ${orderId} has been cancelled: ${standardizeCancelReason(e.cancelReason)}`;
    case S_REFUNDED:
      return `Order ${orderId} has been refunded`;
    default:
      return undefined;
  }
}

export function notify(order: OrderState, e: StatusEvent, ctx: OrderContext): void {
  const b = 1 << e.status;
  if (order.notified & b) return;
  const text = message(order.orderId, e);
  if (text === undefined) return;
  order.notified |= b;
  const urgent = e.status === S_CANCELLED || e.status === S_REFUNDED;
  const row: NotificationRow = {
    notification_id: `${order.orderId}:${ORDER_STATUSES[e.status]}`,
    order_id: order.orderId,
    user_id: order.userId!,
    status: ORDER_STATUSES[e.status]!,
    prev_status: e.prevStatus < 0 ? null : ORDER_STATUSES[e.prevStatus]!,
    status_time: e.time,
    notification_type: urgent ? 'SMS' : 'APP_PUSH',
    message_content: text,
    priority: urgent ? 1 : e.status === S_SHIPPED ? 3 : 2,
    create_time: e.time,
    notification_status: 'PENDING',
  };
  ctx.out.notification(row);
}
