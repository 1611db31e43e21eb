import { describe, expect, it } from 'vitest';
import { OrderState } from './order/order-state.js';
import { S_PAID, S_PENDING, S_SHIPPED } from './order/status.js';
import { MetricWindows, statusBits, W_ANOMALY, WINDOW_MS, type WindowPart } from './windows.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0);

function order(id: string, create: number, paid?: number, shipped?: number): OrderState {
  const o = new OrderState(id);
  o.createTime = create;
  if (paid !== undefined) o.statusTimes[S_PAID] = paid;
  if (shipped !== undefined) o.statusTimes[S_SHIPPED] = shipped;
  return o;
}

describe('MetricWindows', () => {
  it('aligns windows to 5 minutes and closes them in order once the clock passes their end', () => {
    const w = new MetricWindows();
    const orders = new Map([
      ['A', order('A', T0, T0 + 90_500)],
      ['B', order('B', T0 + 60_000, T0 + 400_000, T0 + 460_000)],
    ]);
    w.join(T0 + 90_500, 'A', statusBits(S_PAID), NaN);
    w.join(T0 + 60_000, 'B', statusBits(S_PENDING), NaN);
    w.join(T0 + WINDOW_MS, 'B', statusBits(S_SHIPPED), NaN); // exactly on the boundary: the later window
    w.join(T0 + 200_000, 'C', W_ANOMALY, NaN);
    const out: WindowPart[] = [];
    w.closeThrough(T0 + WINDOW_MS - 1, (id) => orders.get(id), out);
    expect(out).toEqual([]);
    w.closeThrough(T0 + 2 * WINDOW_MS, (id) => orders.get(id), out);
    expect(out.map((p) => [p.start - T0, p.orders, p.paid, p.shipped, p.abnormal, p.paySum, p.payN, p.procSum, p.procN])).toEqual([
      [0, 2, 1, 0, 1, 90, 1, 0, 0],
      [WINDOW_MS, 1, 0, 1, 0, 0, 0, 60, 1],
    ]);
    expect(w.size).toBe(0);
  });

  it('does not reopen a window that the clock has passed', () => {
    const w = new MetricWindows();
    w.join(T0, 'A', statusBits(S_PENDING), T0 + WINDOW_MS);
    expect(w.size).toBe(0);
    w.join(T0 + WINDOW_MS, 'A', statusBits(S_PENDING), T0 + WINDOW_MS);
    expect(w.size).toBe(1);
    const copy = MetricWindows.fromJSON(JSON.parse(JSON.stringify(w.toJSON())));
    const out: WindowPart[] = [];
    copy.closeThrough(Infinity, () => undefined, out);
    expect(out.map((p) => [p.start - T0, p.orders])).toEqual([[WINDOW_MS, 1]]);
  });
});
