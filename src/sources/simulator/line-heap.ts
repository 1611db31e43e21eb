// A min-heap of pending messages keyed by (arrival time, sequence). The storefront draws each
// order's whole future at once; the heap holds what has not arrived yet, so messages come out in
// arrival order while memory stays bounded by the look-ahead (days of in-flight orders), not by
// the whole run. One heap serves all three topics: the sequence number breaks ties in push order,
// so each topic's own sub-sequence is the same as if it had a heap of its own.
import type { Topic } from './faults.js';

export interface Pending {
  /** Arrival time (simulated epoch ms). */
  key: number;
  seq: number;
  topic: Topic;
  line: string;
  /** The transport fault this copy carries (counted when it is delivered), if any. */
  fault: string | undefined;
}

export class LineHeap {
  private readonly items: Pending[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, topic: Topic, line: string, fault?: string): void {
    const e: Pending = { key, seq: this.seq++, topic, line, fault };
    const a = this.items;
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, a[p]!)) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = e;
  }

  /** Key of the next message, or +Infinity when empty. */
  peekKey(): number {
    return this.items.length > 0 ? this.items[0]!.key : Infinity;
  }

  pop(): Pending {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(a[r]!, a[l]!) ? r : l;
        if (!less(a[c]!, last)) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

function less(x: Pending, y: Pending): boolean {
  return x.key < y.key || (x.key === y.key && x.seq < y.seq);
}
