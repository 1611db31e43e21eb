// The anomalies table: its columns (also the sort keys `s` cycles through) and the ordering.
// The default order (status, column 6) puts what needs a human first: PENDING, PROCESSED, RESOLVED.
import { minutes, stamp } from './format.js';
import type { AnomalyView } from './model.js';
import type { Column } from './table.js';
import type { Tone } from './theme.js';

const STATUS_RANK: Record<string, number> = { PENDING: 0, PROCESSED: 1, RESOLVED: 2 };
const STATUS_TONE: Record<string, Tone> = { PENDING: 'bad', PROCESSED: 'warn', RESOLVED: 'ok' };

export interface AnomalyColumn extends Column<AnomalyView> {
  compare(a: AnomalyView, b: AnomalyView): number;
}

const byText = (f: (r: AnomalyView) => string) => (a: AnomalyView, b: AnomalyView) => f(a).localeCompare(f(b));

export const ANOMALY_COLUMNS: AnomalyColumn[] = [
  { title: 'type', min: 15, max: 19, text: (r) => r.abnormal_type, tone: (r) => (r.abnormal_type === 'STOCK_OUT' ? 'warn' : undefined), compare: byText((r) => r.abnormal_type) },
  { title: 'order', min: 8, max: 16, text: (r) => r.order_id, tone: () => 'accent', compare: byText((r) => r.order_id) },
  { title: 'user', min: 6, max: 12, optional: true, text: (r) => r.user_id, compare: byText((r) => r.user_id) },
  {
    title: 'over', min: 5, max: 7, align: 'right',
    text: (r) => minutes(r.overtime_minutes),
    tone: (r) => (r.overtime_minutes > 0 ? 'warn' : 'dim'),
    compare: (a, b) => a.overtime_minutes - b.overtime_minutes,
  },
  { title: 'handler', min: 10, max: 20, optional: true, text: (r) => r.handler, tone: (r) => (r.handler === 'vip_customer_service' ? 'bad' : undefined), compare: byText((r) => r.handler) },
  { title: 'action', min: 11, max: 19, text: (r) => r.handling_action, compare: byText((r) => r.handling_action) },
  {
    title: 'status', min: 9, max: 9,
    text: (r) => r.status,
    tone: (r) => STATUS_TONE[r.status],
    compare: (a, b) => (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9),
  },
  // With its day: a store spans days, and newest-first reads wrong on times alone.
  { title: 'detected', min: 14, max: 14, optional: true, text: (r) => stamp(r.detection_time), tone: () => 'dim', compare: (a, b) => a.detection_time - b.detection_time },
];

export const DEFAULT_ANOMALY_SORT = { column: ANOMALY_COLUMNS.findIndex((c) => c.title === 'status'), desc: false };

export const anomalyKey = (r: AnomalyView): string => `${r.order_id}|${r.abnormal_type}`;

/** Sorted by the chosen column, newest detection first among equals, then by key for stability. */
export function sortAnomalies(rows: readonly AnomalyView[], column: number, desc: boolean): AnomalyView[] {
  const col = ANOMALY_COLUMNS[column] ?? ANOMALY_COLUMNS[0]!;
  return [...rows].sort((a, b) => {
    const c = col.compare(a, b);
    if (c !== 0) return desc ? -c : c;
    return b.detection_time - a.detection_time || anomalyKey(a).localeCompare(anomalyKey(b));
  });
}

/** Everything a filter can match: every column's text, including columns too wide to show. */
export const anomalyTexts = (r: AnomalyView): string[] => [...ANOMALY_COLUMNS.map((c) => c.text(r)), r.notes];
