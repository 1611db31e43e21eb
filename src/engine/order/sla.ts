// Logistics efficiency (SPEC §8): one row per order once it has a logistics DELIVERED and a
// paid_time, rewritten whenever one of its figures changes.
import type { Params } from '../rules.js';
import type { SlaRow } from '../types.js';
import type { OrderContext } from './context.js';
import { DIRTY_SLA, orNull, type OrderState } from './order-state.js';
import { L_DELIVERED, L_DISPATCHED, L_IN_TRANSIT, L_OUT_FOR_DELIVERY, S_PAID } from './status.js';


function minutes(end: number, start: number): number | null {
  const d = end - start;
  return Number.isNaN(d) ? null : Math.trunc(d / 60_000);
}

export function deliveryStatus(totalMinutes: number, p: Pick<Params, 'slaAtRiskMinutes' | 'slaOverdueMinutes'>): SlaRow['delivery_status'] {
  if (totalMinutes > p.slaOverdueMinutes) return 'OVERDUE';
  if (totalMinutes > p.slaAtRiskMinutes) return 'AT_RISK';
  return 'ON_TIME';
}

const SCRATCH: unknown[] = [];
const sameAsScratch = (v: unknown, i: number): boolean => v === SCRATCH[i];

/** Recomputes the order's SLA figures; marks the row dirty when they changed. */
export function refreshSla(order: OrderState, ctx: OrderContext): void {
  const received = order.logTimes[L_DELIVERED]!;
  const paid = order.statusTimes[S_PAID]!;
  if (Number.isNaN(received) || Number.isNaN(paid)) return;
  const lt = order.logTimes;
  const area = order.dispatchLocation === null ? undefined : ctx.refs.area(order.dispatchLocation);
  const address = order.userId === null ? undefined : ctx.refs.defaultAddress(order.userId);
  const total = minutes(received, paid)!;
  // Filled in a scratch array, copied only when it differs (most events change no figure).
  const figures = SCRATCH;
  figures[0] = orNull(lt[L_DISPATCHED]!);
  figures[1] = orNull(lt[L_IN_TRANSIT]!);
  figures[2] = orNull(lt[L_OUT_FOR_DELIVERY]!);
  figures[3] = received;
  figures[4] = area?.warehouse_id ?? null;
  figures[5] = area?.city ?? null;
  figures[6] = address?.city ?? null;
  figures[7] = minutes(lt[L_DISPATCHED]!, paid);
  figures[8] = minutes(lt[L_IN_TRANSIT]!, lt[L_DISPATCHED]!);
  figures[9] = minutes(lt[L_OUT_FOR_DELIVERY]!, lt[L_IN_TRANSIT]!);
  figures[10] = minutes(received, lt[L_OUT_FOR_DELIVERY]!);
  figures[11] = total;
  figures[12] = deliveryStatus(total, ctx.params(order));
  figures[13] = Number.isNaN(order.minRequired) ? null : received <= order.minRequired;
  const prev = order.sla;
  if (prev !== null && prev.length === figures.length && prev.every(sameAsScratch)) return;
  order.sla = figures.slice();
  order.slaUpdated = ctx.now;
  ctx.touch(order, DIRTY_SLA);
}

export function slaRow(order: OrderState): SlaRow | undefined {
  const f = order.sla;
  if (f === null) return undefined;
  return {
    order_id: order.orderId,
    dispatched_time: f[0] as number | null,
    transit_time: f[1] as number | null,
    delivery_time: f[2] as number | null,
    received_time: f[3] as number,
    warehouse_id: f[4] as string | null,
    warehouse_city: f[5] as string | null,
    target_city: f[6] as string | null,
    warehouse_processing_minutes: f[7] as number | null,
    first_mile_minutes: f[8] as number | null,
    line_haul_minutes: f[9] as number | null,
    last_mile_minutes: f[10] as number | null,
    total_delivery_minutes: f[11] as number,
    delivery_status: f[12] as SlaRow['delivery_status'],
    promise_met: f[13] as boolean | null,
    monitoring_time: order.slaUpdated,
  };
}
