// The last closed 5-minute window (SPEC §10, order_processing_metrics) as one gauge per column.
// Until the first window closes every gauge is NaN, not 0: a zero would read as "a window with
// no orders" and a start time of 1970.
import { Gauge, type Registry } from 'prom-client';
import type { MetricRow } from '../../engine/types.js';

const ms = (v: number): number => v / 1000;
const orNaN = (v: number | null): number => v ?? NaN;

/** Gauge name suffix, help text and how to read it from the row. */
const FIELDS: [string, string, (r: MetricRow) => number][] = [
  ['start_seconds', 'Start of the last closed 5-minute window, Unix seconds.', (r) => ms(r.metric_time)],
  ['order_count', 'Distinct orders with a status event in the last closed window.', (r) => r.order_count],
  ['paid_count', 'Distinct orders with a PAID event in the last closed window.', (r) => r.paid_count],
  ['shipped_count', 'Distinct orders with a SHIPPED event in the last closed window.', (r) => r.shipped_count],
  ['delivered_count', 'Distinct orders with a DELIVERED event in the last closed window.', (r) => r.delivered_count],
  ['cancelled_count', 'Distinct orders with a CANCELLED event in the last closed window.', (r) => r.cancelled_count],
  ['abnormal_count', 'Distinct orders with an anomaly detected in the last closed window.', (r) => r.abnormal_count],
  ['abnormal_order_rate', 'abnormal_count / order_count of the last closed window (can exceed 1; NaN without orders).', (r) => orNaN(r.abnormal_order_rate)],
  ['avg_payment_seconds', 'Mean paid - create over orders paid in the last closed window (NaN when none).', (r) => orNaN(r.avg_payment_time)],
  ['avg_processing_seconds', 'Mean shipped - paid over orders shipped in the last closed window (NaN when none).', (r) => orNaN(r.avg_processing_time)],
  ['avg_delivery_seconds', 'Mean delivered - shipped over orders delivered in the last closed window (NaN when none).', (r) => orNaN(r.avg_delivery_time)],
];

export class WindowGauges {
  private readonly gauges: [Gauge, (r: MetricRow) => number][];

  constructor(registry: Registry, prefix: string) {
    this.gauges = FIELDS.map(([suffix, help, read]) => {
      const g = new Gauge({ name: `${prefix}window_${suffix}`, help, registers: [registry] });
      g.set(NaN);
      return [g, read];
    });
  }

  set(row: MetricRow): void {
    for (const [g, read] of this.gauges) g.set(read(row));
  }
}
