// The benchmark's breakdown of a replay's time: every phase is measured, and together they
// account for no more than the whole run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UTC } from '../engine/time/timestamp.js';
import { newReplayPhases, runReplay } from './replay.js';

const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'examples', 'store-day');
const dir = mkdtempSync(join(tmpdir(), 'ordertrack-phases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replay phases', () => {
  it('times each phase of a replay to a file store, within its elapsed time', async () => {
    const phases = newReplayPhases();
    const t0 = performance.now();
    const s = await runReplay({ source: EXAMPLE, out: join(dir, 'out'), store: join(dir, 'store.sqlite'), timeZone: UTC, phases });
    const elapsed = performance.now() - t0;
    expect(s.processed).toBeGreaterThan(100);
    for (const [phase, ms] of Object.entries(phases)) expect(ms, phase).toBeGreaterThan(0);
    expect(Object.values(phases).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(elapsed);
  });
});
