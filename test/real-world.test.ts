// Real orders with multi-day timings (the Olist sample beside the project, ../shared/data/olist):
// eviction and restarts must not change a single output, and every invariant holds.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TimeZone } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { importOlist } from '../src/tools/olist.js';
import { outputsOf, tempDir } from './support/outputs.js';

const OLIST = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'olist');
const SAO_PAULO = new TimeZone('America/Sao_Paulo');
const FIXED = { now: () => Date.UTC(2030, 0, 1) };

let source: string;
beforeAll(() => {
  if (!existsSync(OLIST)) throw new Error(`the Olist sample is expected at ${OLIST} (../shared beside the project)`);
  source = tempDir('olist');
  importOlist(OLIST, source);
});

describe('Olist sample', () => {
  it('replays with every check passing and real multi-day figures', async () => {
    const out = tempDir('olist-out');
    const s = await runReplay({ source, out, store: join(out, 's.sqlite'), timeZone: SAO_PAULO, clock: FIXED, check: true });
    expect(s.checks.map((c) => [c.name, c.ok])).toEqual([
      ['stock-invariant', true],
      ['op-once', true],
      ['data-quality-totals', true],
    ]);
    expect(s.processed).toBeGreaterThan(90_000);
    expect(s.anomalies.DELIVERY_TIMEOUT).toBeGreaterThan(1000);
    expect(s.outputs.logistics_efficiency_monitor).toBeGreaterThan(5000);
    // Deliveries weeks after payment: state left memory and came back for them.
    expect(s.evictions).toBeGreaterThan(1000);
    expect(s.reloads).toBeGreaterThan(0);
  });

  it('gives identical outputs with no eviction, with eviction at once, and across a crash', async () => {
    const keep = tempDir('olist-keep');
    await runReplay({ source, out: keep, timeZone: SAO_PAULO, clock: FIXED, ttlIdleMs: Infinity, ttlTerminalMs: Infinity });
    const expected = outputsOf(keep);

    const tiny = tempDir('olist-tiny');
    await runReplay({ source, out: tiny, timeZone: SAO_PAULO, clock: FIXED, ttlIdleMs: 1, ttlTerminalMs: 1 });
    expect(outputsOf(tiny)).toEqual(expected);

    const crashed = tempDir('olist-crash');
    const store = join(crashed, 's.sqlite');
    await expect(
      runReplay({
        source,
        out: crashed,
        store,
        timeZone: SAO_PAULO,
        clock: FIXED,
        checkpointEvery: 7_000,
        onBatch: (n) => {
          if (n > 50_000) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    const resumed = await runReplay({ source, out: crashed, store, timeZone: SAO_PAULO, clock: FIXED });
    expect(resumed.resumed).toBe(true);
    expect(outputsOf(crashed)).toEqual(expected);
  });
});
