// Logistics dispatch commands (SPEC §7): one per line whose FREEZE succeeds while the order is
// PAID or PROCESSING.
import type { Params } from '../rules.js';
import type { DispatchRow } from '../types.js';
import type { OrderContext } from './context.js';
import type { Line, OrderState } from './order-state.js';
import { refreshSla } from './sla.js';
import { S_PAID, S_PROCESSING } from './status.js';

function deliveryMs(category: string | undefined, p: Readonly<Params>): number {
  if (category === 'fresh') return p.freshDeliveryMs;
  if (category === 'digital') return p.digitalDeliveryMs;
  return p.otherDeliveryMs;
}

export function orderAmountCents(order: OrderState): number {
  let sum = 0;
  for (const l of order.lines) sum += l.quantity * l.priceCents - l.discountCents;
  return sum;
}

export function dispatchLine(order: OrderState, line: Line, ctx: OrderContext): void {
  if (order.current !== S_PAID && order.current !== S_PROCESSING) return;
  const paid = order.statusTimes[S_PAID]!;
  const base = Number.isNaN(paid) ? order.statusTimes[S_PROCESSING]! : paid;
  const p = ctx.params(order);
  const required = base + deliveryMs(ctx.refs.category(line.skuId), p);
  const amount = orderAmountCents(order);
  const address = ctx.refs.defaultAddress(order.userId!);
  // The district's area row (lowest area_id) routes only when it names a warehouse (SPEC §7).
  const found = address ? ctx.refs.areaFor(address) : undefined;
  const area = found !== undefined && found.warehouse_id !== null && found.warehouse_id !== '' ? found : undefined;
  const row: DispatchRow = {
    command_id: `${order.orderId}:${line.itemId}:DISPATCH`,
    order_id: order.orderId,
    user_id: order.userId!,
    sku_id: line.skuId,
    quantity: line.quantity,
    warehouse_id: area?.warehouse_id ?? null,
    target_province: address?.province ?? null,
    target_city: address?.city ?? null,
    target_district: address?.district ?? null,
    target_address: address?.address ?? null,
    required_delivery_time: required,
    priority: amount > p.priorityHighCents ? 'HIGH' : amount > p.priorityMediumCents ? 'MEDIUM' : 'LOW',
    create_time: base,
    status: area ? 'PENDING' : 'FAILED',
  };
  ctx.out.dispatch(row);
  if (!(order.minRequired <= required)) {
    order.minRequired = required;
    refreshSla(order, ctx);
  }
  if (!area) ctx.raise(order, 'DISPATCH_UNROUTABLE', 0, ctx.detectionTime());
}

