// A min-heap of timers ordered by the instant they may fire. Entries are never removed
// early: the owner checks, when one pops, that it is still the registered one (lazy deletion),
// which keeps register/cancel O(log n) and O(1).

export interface Timer<O = unknown> {
  /** Smallest clock value at which the timer fires. */
  fireAt: number;
  /** The nominal due time (fires in (due, orderId, type) order within one step). */
  due: number;
  orderId: string;
  type: number;
  /** The owner's state object when the timer was set (null after a restore): checked without a look-up. */
  owner: O | null;
}

export class TimerQueue<O = unknown> {
  // A 4-ary heap (half the depth of a binary one) with the keys in their own array of doubles,
  // so sifting compares numbers without touching the timer objects.
  private keys: number[] = [];
  private items: Timer<O>[] = [];
  /** Fired timers kept for reuse: most timers live for hours of event time, so each one saved is a promotion saved. */
  private free: Timer<O>[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Adds a timer, reusing a fired one's object when there is one. */
  add(fireAt: number, due: number, orderId: string, type: number, owner: O | null = null): void {
    const t = this.free.pop();
    if (t === undefined) return this.push({ fireAt, due, orderId, type, owner });
    t.fireAt = fireAt;
    t.due = due;
    t.orderId = orderId;
    t.type = type;
    t.owner = owner;
    this.push(t);
  }

  /** Hands back timers returned by popDue once the caller is done with them. */
  recycle(done: Timer<O>[]): void {
    if (this.free.length >= 4096) return;
    for (const t of done) {
      t.owner = null;
      this.free.push(t);
    }
  }

  push(t: Timer<O>): void {
    const keys = this.keys;
    const items = this.items;
    const key = t.fireAt;
    let i = items.length;
    keys.push(key);
    items.push(t);
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    items[i] = t;
  }

  /** Pops every timer with fireAt ≤ clock into `out`, sorted by (due, orderId, type). */
  popDue(clock: number, out: Timer<O>[]): void {
    while (this.items.length > 0 && this.keys[0]! <= clock) out.push(this.pop());
    if (out.length > 1) out.sort(compareTimers);
  }

  private pop(): Timer<O> {
    const keys = this.keys;
    const items = this.items;
    const top = items[0]!;
    const lastKey = keys.pop()!;
    const last = items.pop()!;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= n) break;
        let c = first;
        let ck = keys[first]!;
        const end = first + 4 < n ? first + 4 : n;
        for (let j = first + 1; j < end; j++) {
          if (keys[j]! < ck) {
            c = j;
            ck = keys[j]!;
          }
        }
        if (ck >= lastKey) break;
        keys[i] = ck;
        items[i] = items[c]!;
        i = c;
      }
      keys[i] = lastKey;
      items[i] = last;
    }
    return top;
  }

  toJSON(): [number, number, string, number][] {
    return this.items.map((t) => [t.fireAt, t.due, t.orderId, t.type]);
  }

  static fromJSON<O>(rows: [number, number, string, number][]): TimerQueue<O> {
    const q = new TimerQueue<O>();
    for (const [fireAt, due, orderId, type] of rows) q.push({ fireAt, due, orderId, type, owner: null });
    return q;
  }
}

export function compareTimers(a: Timer, b: Timer): number {
  if (a.due !== b.due) return a.due - b.due;
  if (a.orderId !== b.orderId) return a.orderId < b.orderId ? -1 : 1;
  return a.type - b.type;
}
