// One order's story for the console (Enter on an anomaly): its status events (first time of each
// status), item lines and logistics milestones as the saved keyed state holds them, and every
// inventory op, dispatch command, notification, anomaly, operator decision and order command the
// store holds for it, in time order.
import type Database from 'better-sqlite3';
import { OrderState } from '../../engine/order/order-state.js';
import { LOGISTICS_STATUSES, ORDER_STATUSES } from '../../engine/order/status.js';
import type { TimelineEntry } from '../../ui/model.js';

type Row = Record<string, unknown>;

export function orderTimeline(db: Database.Database, orderId: string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const all = (sql: string): Row[] => db.prepare(sql).all(orderId) as Row[];
  const state = db.prepare('SELECT state FROM order_state WHERE order_id = ?').pluck(true).get(orderId) as string | undefined;
  if (state !== undefined) {
    const o = OrderState.fromJSON(orderId, JSON.parse(state));
    o.statusTimes.forEach((t, s) => {
      if (!Number.isNaN(t)) out.push({ time: t, kind: 'status', text: ORDER_STATUSES[s]! + (s === 5 && o.cancelReason ? ` (${o.cancelReason})` : '') });
    });
    for (const l of o.lines) {
      out.push({ time: o.createTime, kind: 'item', text: `item ${l.itemId}: ${l.quantity} × ${l.skuId} at ${(l.priceCents / 100).toFixed(2)}` });
    }
    o.logTimes.forEach((t, s) => {
      if (!Number.isNaN(t)) out.push({ time: t, kind: 'logistics', text: LOGISTICS_STATUSES[s]! });
    });
  } else {
    for (const r of all('SELECT * FROM order_lifecycle WHERE order_id = ?')) {
      for (const s of ORDER_STATUSES) {
        const t = r[`${s.toLowerCase()}_time`];
        if (typeof t === 'number') out.push({ time: t, kind: 'status', text: s });
      }
    }
  }
  for (const r of all('SELECT * FROM inventory_update_results WHERE order_id = ?')) {
    const msg = r.message ? ` — ${String(r.message)}` : '';
    out.push({ time: r.op_time as number, kind: 'inventory', text: `${r.op_type} ${r.quantity} × ${r.sku_id}: ${r.status}${msg}` });
  }
  for (const r of all('SELECT * FROM logistics_dispatch_commands WHERE order_id = ?')) {
    const to = r.warehouse_id ? `from ${r.warehouse_id} to ${r.target_city ?? '?'}` : 'unroutable';
    out.push({ time: r.create_time as number, kind: 'dispatch', text: `${r.command_id} ${to}, ${r.priority}, ${r.status}` });
  }
  for (const r of all('SELECT * FROM order_status_notifications WHERE order_id = ?')) {
    out.push({ time: r.status_time as number, kind: 'notification', text: `${r.notification_type}: ${r.message_content}` });
  }
  for (const r of all('SELECT * FROM abnormal_order_handling WHERE order_id = ?')) {
    out.push({ time: r.detection_time as number, kind: 'anomaly', text: `${r.abnormal_type} → ${r.handler}, ${r.handling_action} (${r.status})` });
    if (r.resolved_at !== null) out.push({ time: r.resolved_at as number, kind: 'anomaly', text: `${r.abnormal_type} resolved by ${r.resolved_by}` });
  }
  for (const r of all('SELECT * FROM anomaly_decisions WHERE order_id = ?')) {
    const what = r.decision === 'ACK' ? 'acknowledged' : `resolved with ${r.action}`;
    out.push({ time: r.decided_at as number, kind: 'decision', text: `${r.abnormal_type} ${what} by ${r.operator}${r.note ? `: ${r.note}` : ''}` });
  }
  for (const r of all('SELECT * FROM order_commands WHERE order_id = ?')) {
    out.push({ time: r.issued_at as number, kind: 'command', text: `${r.command} by ${r.operator}: ${r.reason}` });
  }
  return out.sort((a, b) => a.time - b.time);
}
