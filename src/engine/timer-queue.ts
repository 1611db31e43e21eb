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

  /** Hands back the first `n` timers of `done` (returned by popDue) once the caller is done with them. */
  recycle(done: Timer<O>[], n: number): void {
    const free = this.free;
    for (let i = 0; i < n && free.length < 4096; i++) {
      const t = done[i]!;
      t.owner = null;
      free.push(t);
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

  /**
   * Pops every timer with fireAt ≤ clock into `out` from index 0, sorted by (due, orderId, type),
   * and returns how many. Entries of `out` past that count are stale: the caller reuses one array
   * and never shortens it (emptying a V8 array drops its storage, which every step then regrows).
   */
  popDue(clock: number, out: Timer<O>[]): number {
    let n = 0;
    while (this.items.length > 0 && this.keys[0]! <= clock) out[n++] = this.pop();
    if (n > 1) sortTimers(out, n);
    return n;
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

/**
 * Sorts the first `n` timers in place: by insertion while few (the usual step fires a handful,
 * and Array.prototype.sort copies into a scratch array each call), else by a sorted copy.
 */
function sortTimers(a: Timer[], n: number): void {
  if (n > 32) {
    const sorted = a.slice(0, n).sort(compareTimers);
    for (let i = 0; i < n; i++) a[i] = sorted[i]!;
    return;
  }
  for (let i = 1; i < n; i++) {
    const t = a[i]!;
    let j = i - 1;
    while (j >= 0 && compareTimers(a[j]!, t) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = t;
  }
}
