// Test helpers: read the text exposition format back into numbers, so tests assert on values
// rather than on prom-client's line layout (label order, spacing).
import { newStats, type EngineStats } from '../../engine/stats.js';
import type { MetricRow } from '../../engine/types.js';

/** `name{k="v",…} value` lines → value, keyed by name plus sorted labels (see `series`). */
export function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.set(series(m[1]!, labels), number(m[3]!, line));
  }
  return out;
}

/** Strict: a typo'd value must fail, not read as NaN. prom-client writes NaN as `Nan`, which
 * Prometheus accepts (Go's ParseFloat ignores case for NaN and Inf). */
function number(text: string, line: string): number {
  if (/^nan$/i.test(text)) return NaN;
  if (/^[+-]?inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  const v = Number(text);
  if (text === '' || Number.isNaN(v)) throw new Error(`not a sample value: ${line}`);
  return v;
}

export function series(name: string, labels: Record<string, string> = {}): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length === 0 ? name : `${name}{${parts.join(',')}}`;
}

export async function scrape(port: number, path = '/metrics'): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

export function stats(patch: Partial<EngineStats> = {}): EngineStats {
  return { ...newStats(), ...patch };
}

export function metricRow(patch: Partial<MetricRow> = {}): MetricRow {
  return {
    metric_time: Date.UTC(2026, 10, 20, 12, 0),
    order_count: 10,
    paid_count: 6,
    shipped_count: 3,
    delivered_count: 2,
    cancelled_count: 1,
    avg_payment_time: 95.5,
    avg_processing_time: 600,
    avg_delivery_time: null,
    abnormal_count: 4,
    abnormal_order_rate: 0.4,
    ...patch,
  };
}
