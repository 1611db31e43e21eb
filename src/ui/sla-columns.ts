// The SLA tables: per-warehouse outcomes, and orders still in flight that are at risk or over.
import { fit, int, minutes, pct, stamp } from './format.js';
import type { InFlightView, WarehouseSlaView } from './model.js';
import type { Column } from './table.js';

export const WAREHOUSE_COLUMNS: Column<WarehouseSlaView>[] = [
  { title: 'warehouse', min: 9, max: 12, text: (w) => w.warehouse_id, tone: () => 'accent' },
  { title: 'city', min: 8, max: 14, optional: true, text: (w) => w.warehouse_city ?? '–' },
  { title: 'on-time', min: 7, max: 8, align: 'right', text: (w) => int(w.on_time), tone: () => 'onTime' },
  { title: 'risk', min: 5, max: 7, align: 'right', text: (w) => int(w.at_risk), tone: (w) => (w.at_risk > 0 ? 'atRisk' : 'dim') },
  { title: 'over', min: 5, max: 7, align: 'right', text: (w) => int(w.overdue), tone: (w) => (w.overdue > 0 ? 'overdue' : 'dim') },
  { title: 'ok%', min: 5, max: 6, align: 'right', text: (w) => pct(w.on_time, w.on_time + w.at_risk + w.overdue) },
  { title: 'avg', min: 6, max: 7, align: 'right', text: (w) => (w.avg_total_minutes === null ? '–' : minutes(Math.round(w.avg_total_minutes))) },
];

export const warehouseTexts = (w: WarehouseSlaView): string[] => WAREHOUSE_COLUMNS.map((c) => c.text(w));

export const IN_FLIGHT_COLUMNS: Column<InFlightView>[] = [
  { title: 'order', min: 10, max: 14, text: (o) => o.order_id, tone: () => 'accent' },
  { title: 'level', min: 8, max: 8, text: (o) => o.level, tone: (o) => (o.level === 'OVERDUE' ? 'overdue' : 'atRisk') },
  { title: 'since paid', min: 10, max: 10, align: 'right', text: (o) => fit(minutes(o.minutes), 10, 'right') },
  { title: 'status', min: 9, max: 16, text: (o) => o.current_status },
  { title: 'user', min: 8, max: 12, optional: true, text: (o) => o.user_id },
  { title: 'paid', min: 14, max: 14, optional: true, text: (o) => stamp(o.paid_time), tone: () => 'dim' },
];

export const inFlightTexts = (o: InFlightView): string[] => IN_FLIGHT_COLUMNS.map((c) => c.text(o));

/** Longest waits first: the overdue ones lead, being over the larger threshold. */
export const sortInFlight = (rows: readonly InFlightView[]): InFlightView[] => [...rows].sort((a, b) => b.minutes - a.minutes || a.order_id.localeCompare(b.order_id));
