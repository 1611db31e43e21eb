import { describe, expect, it } from 'vitest';
import { TimerQueue, type Timer } from './timer-queue.js';

describe('TimerQueue', () => {
  it('pops due timers in (due, order_id, type) order and keeps the rest', () => {
    const q = new TimerQueue();
    const add = (fireAt: number, due: number, orderId: string, type: number) => q.push({ fireAt, due, orderId, type });
    add(101, 100, 'B', 2);
    add(100, 100, 'A', 1);
    add(50, 50, 'Z', 3);
    add(101, 100, 'A', 0);
    add(500, 499, 'C', 2);
    const out: Timer[] = [];
    const popped = (clock: number, from = q) => out.slice(0, from.popDue(clock, out));
    expect(popped(100).map((t) => `${t.due}${t.orderId}${t.type}`)).toEqual(['50Z3', '100A1']);
    expect(popped(101).map((t) => `${t.due}${t.orderId}${t.type}`)).toEqual(['100A0', '100B2']);
    expect(q.size).toBe(1);
    const copy = TimerQueue.fromJSON(q.toJSON());
    expect(popped(1000, copy).map((t) => t.orderId)).toEqual(['C']);
  });

  it('stays a heap under many random pushes', () => {
    const q = new TimerQueue();
    let seed = 7;
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      times.push(seed % 10000);
      q.push({ fireAt: seed % 10000, due: seed % 10000, orderId: String(i), type: 0 });
    }
    const out: Timer[] = [];
    expect(q.popDue(Infinity, out)).toBe(2000);
    expect(out.map((t) => t.fireAt)).toEqual([...times].sort((a, b) => a - b));
  });

  it('sorts ties by (due, order_id, type) in a reused array, in few and in many, and counts what it popped', () => {
    const q = new TimerQueue();
    const out: Timer[] = [];
    for (const count of [40, 5, 33, 2]) {
      const expected: string[] = [];
      for (let i = 0; i < count; i++) {
        const due = 1000 + (i % 3);
        const orderId = `O${(count - i) % 7}`;
        const type = i % 4;
        q.push({ fireAt: 1000 + ((i * 13) % 5), due, orderId, type });
        expected.push(`${due}${orderId}${type}`);
      }
      expected.sort();
      const n = q.popDue(2000, out);
      expect(n).toBe(count);
      expect(out.slice(0, n).map((t) => `${t.due}${t.orderId}${t.type}`)).toEqual(expected);
    }
  });
});
