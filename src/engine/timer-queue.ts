// A binary min-heap of timers ordered by the instant they may fire. Entries are never removed
// early: the owner checks, when one pops, that it is still the registered one (lazy deletion),
// which keeps register/cancel O(log n) and O(1).

export interface Timer {
  /** Smallest clock value at which the timer fires. */
  fireAt: number;
  /** The nominal due time (fires in (due, orderId, type) order within one step). */
  due: number;
  orderId: string;
  type: number;
}

export class TimerQueue {
  private heap: Timer[] = [];
  /** Fired timers kept for reuse: most timers live for hours of event time, so each one saved is a promotion saved. */
  private free: Timer[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** Adds a timer, reusing a fired one's object when there is one. */
  add(fireAt: number, due: number, orderId: string, type: number): void {
    const t = this.free.pop();
    if (t === undefined) return this.push({ fireAt, due, orderId, type });
    t.fireAt = fireAt;
    t.due = due;
    t.orderId = orderId;
    t.type = type;
    this.push(t);
  }

  /** Hands back timers returned by popDue once the caller is done with them. */
  recycle(done: Timer[]): void {
    if (this.free.length < 4096) for (const t of done) this.free.push(t);
  }

  push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.fireAt <= t.fireAt) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = t;
  }

  /** Pops every timer with fireAt ≤ clock into `out`, sorted by (due, orderId, type). */
  popDue(clock: number, out: Timer[]): void {
    const h = this.heap;
    while (h.length > 0 && h[0]!.fireAt <= clock) out.push(this.pop());
    if (out.length > 1) out.sort(compareTimers);
  }

  private pop(): Timer {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && h[r]!.fireAt < h[l]!.fireAt ? r : l;
        if (h[c]!.fireAt >= last.fireAt) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  toJSON(): [number, number, string, number][] {
    return this.heap.map((t) => [t.fireAt, t.due, t.orderId, t.type]);
  }

  static fromJSON(rows: [number, number, string, number][]): TimerQueue {
    const q = new TimerQueue();
    for (const [fireAt, due, orderId, type] of rows) q.push({ fireAt, due, orderId, type });
    return q;
  }
}

export function compareTimers(a: Timer, b: Timer): number {
  if (a.due !== b.due) return a.due - b.due;
  if (a.orderId !== b.orderId) return a.orderId < b.orderId ? -1 : 1;
  return a.type - b.type;
}
