// A fixed piece of work of the engine's kind (JSON in and out, keyed maps, small objects), timed
// so that benchmark figures taken on different days can be compared: this machine's speed
// varies from day to day (the same code measured 350k and 170k records/s a week apart), and
// the figures scale with it.

const LINES = 200_000;

/** Median ms, over `runs`, of the fixed workload (warmed up once first). */
export function calibrate(runs = 5): number {
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    lines.push(JSON.stringify({ order_id: `O${i % 20_000}`, status: i % 3 ? 'PAID' : 'SHIPPED', status_time: 1_795_132_806_934 + i * 997, quantity: i % 7 }));
  }
  workload(lines);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    workload(lines);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

function workload(lines: readonly string[]): number {
  const orders = new Map<string, { count: number; last: number; quantity: number }>();
  let bytes = 0;
  for (const line of lines) {
    const v = JSON.parse(line) as { order_id: string; status: string; status_time: number; quantity: number };
    let o = orders.get(v.order_id);
    if (o === undefined) {
      o = { count: 0, last: 0, quantity: 0 };
      orders.set(v.order_id, o);
    }
    o.count++;
    o.last = Math.max(o.last, v.status_time);
    o.quantity += v.quantity;
    bytes += JSON.stringify({ order_id: v.order_id, status: v.status, at: new Date(v.status_time).toISOString(), count: o.count }).length;
  }
  return bytes;
}
