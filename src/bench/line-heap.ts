// A min-heap of pending lines keyed by (arrival time, sequence). The generator creates each order's
// whole future at once; the heap holds what is not due yet, so a topic's file comes out in arrival
// order while memory stays bounded by the look-ahead (days of in-flight orders), not the data set.

interface Entry {
  key: number;
  seq: number;
  line: string;
}

export class LineHeap {
  private readonly items: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, line: string): void {
    const e: Entry = { key, seq: this.seq++, line };
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

  /** Key of the next line, or +Infinity when empty. */
  peekKey(): number {
    return this.items.length > 0 ? this.items[0]!.key : Infinity;
  }

  pop(): string {
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
    return top.line;
  }
}

function less(x: Entry, y: Entry): boolean {
  return x.key < y.key || (x.key === y.key && x.seq < y.seq);
}
