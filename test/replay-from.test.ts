// replay --from (SPEC §12) re-reads the sources from that point "and gives the same outputs a live
// run would have given": the records before it are read again quietly, to rebuild the keyed state
// the live run had there, so every row the replay writes is the row the whole run wrote.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/bench/generate.js';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay, type ReplayOptions } from '../src/runtime/replay.js';
import type { ReplaySummary } from '../src/runtime/summary.js';
import { outputsOf, PROCESSING_TIME_COLUMNS, tempDir } from './support/outputs.js';

const FIXED = { now: () => Date.UTC(2030, 0, 1) };
const DROP = [...PROCESSING_TIME_COLUMNS, 'avg_processing_time'];
const DQ = 'data_quality_metrics.ndjson';

let data: string;
let from: number;
let whole: { out: string; store: string; summary: ReplaySummary };

function replay(opts: Partial<ReplayOptions> & { out: string }): Promise<ReplaySummary> {
  return runReplay({ source: data, timeZone: UTC, clock: FIXED, ...opts });
}

beforeAll(async () => {
  data = tempDir('from-data');
  // ~3 days of orders, so 24 h and 72 h timeouts span the point re-read from.
  const g = generateDataset(data, { records: 30_000, seed: 11, ordersPerDay: 1_000, anomalyScale: 3 });
  from = (Date.parse(g.from) + Date.parse(g.to)) / 2;
  const dir = tempDir('from-whole');
  whole = { out: join(dir, 'out'), store: join(dir, 's.sqlite'), summary: undefined! };
  whole.summary = await replay({ out: whole.out, store: whole.store });
});

/** Orders with a valid status event at or after `from`: a live run rewrote their rows after it. */
function ordersTouchedFrom(): Set<string> {
  const ids = new Set<string>();
  for (const line of readFileSync(join(data, 'order_status_events.ndjson'), 'utf8').split('\n')) {
    let v: { order_id?: unknown; status_time?: unknown; user_id?: unknown };
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    const t = typeof v?.status_time === 'string' ? Date.parse(v.status_time.replace(' ', 'T') + 'Z') : NaN;
    if (t >= from && typeof v.order_id === 'string' && v.order_id !== '' && v.user_id != null) ids.add(v.order_id);
  }
  return ids;
}

describe('replay --from <time>', () => {
  it('on a new store writes only rows the whole run wrote, for every order touched after the time', async () => {
    const out = join(tempDir('from-new'), 'out');
    const s = await replay({ out, from, check: true });
    expect(s.checks.filter((c) => !c.ok)).toEqual([]);
    expect(s.rebuilt).toBeGreaterThan(5_000);
    const read = Object.values(s.records).reduce((a, b) => a + b, 0);
    expect(read).toBeGreaterThan(5_000);
    expect(read + s.rebuilt).toBe(s.processed);

    const all = outputsOf(whole.out, DROP);
    const part = outputsOf(out, DROP);
    for (const [file, rows] of Object.entries(part)) {
      if (file === DQ) continue;
      const known = new Set(all[file]);
      expect(rows.filter((r) => !known.has(r)), `${file}: rows the whole run never wrote`).toEqual([]);
    }
    // Ops are applied whenever their record is read, quietly too: the stock is the whole run's.
    expect(part['product_inventory.ndjson']).toEqual(all['product_inventory.ndjson']);
    expect(part['inventory_update_results.ndjson']).toEqual(all['inventory_update_results.ndjson']);

    const lifecycle = new Set(part['order_lifecycle.ndjson']!.map((r) => (JSON.parse(r) as { order_id: string }).order_id));
    const touched = ordersTouchedFrom();
    expect(touched.size).toBeGreaterThan(500);
    expect([...touched].filter((id) => !lifecycle.has(id))).toEqual([]);
    expect(lifecycle.size).toBeLessThan(all['order_lifecycle.ndjson']!.length);

    // Data quality counts the records re-read, not those read to rebuild the state.
    const dqTotal = part[DQ]!.reduce((n, r) => n + (JSON.parse(r) as { total_records: number }).total_records, 0);
    expect(dqTotal).toBe(read);
  });

  it('on the store of the whole run changes no output row', async () => {
    const dir = tempDir('from-same');
    const store = join(dir, 's.sqlite');
    await replay({ out: join(dir, 'first'), store });
    const s = await replay({ out: join(dir, 'again'), store, from, check: true });
    expect(s.checks.filter((c) => !c.ok)).toEqual([]);
    const { [DQ]: _dq, ...again } = outputsOf(join(dir, 'again'), DROP);
    const { [DQ]: _dqAll, ...all } = outputsOf(whole.out, DROP);
    expect(again).toEqual(all);
  });

  it.each([
    ['while it rebuilds the state', 4_000],
    ['after it has begun to re-read', 24_000],
  ])('stopped %s, resumes without --from to the same outputs', async (_when, crashAt) => {
    const ref = join(tempDir('from-ref'), 'out');
    await replay({ out: ref, from });
    const dir = tempDir('from-crash');
    const store = join(dir, 's.sqlite');
    const crash = new Error('crash');
    const onBatch = (n: number): void => {
      if (n >= crashAt) throw crash;
    };
    await expect(replay({ out: join(dir, 'x'), store, from, checkpointEvery: 1_000, onBatch })).rejects.toBe(crash);
    const s = await replay({ out: join(dir, 'out'), store, check: true });
    expect(s.resumed).toBe(true);
    expect(s.checks.filter((c) => !c.ok)).toEqual([]);
    expect(outputsOf(join(dir, 'out'), DROP)).toEqual(outputsOf(ref, DROP));
  });
});
