// Golden replays (STYLE §8): each case in test/golden/ runs straight through, and again with a
// crash after a checkpoint in the middle and a restart on the same store; both must equal the
// hand-checked expected outputs, row for row.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay, type ReplayOptions } from '../src/runtime/replay.js';
import { outputsOf, tempDir } from './support/outputs.js';

const ROOT = join(import.meta.dirname, 'golden');
const FIXED = { now: () => Date.UTC(2030, 0, 1) };
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'expected')))
  .map((d) => d.name)
  .sort();

class Crash extends Error {}

describe.each(cases)('golden %s', (name) => {
  const input = join(ROOT, name, 'input');
  const expected = outputsOf(join(ROOT, name, 'expected'));

  it('straight through', async () => {
    const out = tempDir('golden');
    await runReplay({ source: input, out, timeZone: UTC, clock: FIXED });
    expect(outputsOf(out)).toEqual(expected);
  });

  /** Replays into a fresh store until `crashAt` records, where it dies; returns the store and out dir. */
  async function crashed(crashAt: number, opts: Partial<ReplayOptions>): Promise<{ store: string; out: string }> {
    const dir = tempDir('crash');
    const store = join(dir, 'store.sqlite');
    const out = join(dir, 'out');
    const crash = (processed: number): void => {
      if (processed >= crashAt) throw new Crash(`crash after ${processed}`);
    };
    const run = runReplay({ source: input, out, store, timeZone: UTC, clock: FIXED, batchSize: 1, onBatch: crash, ...opts });
    await expect(run).rejects.toBeInstanceOf(Crash);
    return { store, out };
  }

  async function total(): Promise<number> {
    return (await runReplay({ source: input, out: tempDir('count'), timeZone: UTC, clock: FIXED })).processed;
  }

  it('crashed after a checkpoint in the middle and restored', async () => {
    const n = await total();
    for (const crashAt of [Math.floor(n / 3), Math.floor(n / 2) + 1, n - 1]) {
      const { store, out } = await crashed(crashAt, { checkpointEvery: 2 });
      const resumed = await runReplay({ source: input, out, store, timeZone: UTC, clock: FIXED, checkpointEvery: 2 });
      expect(resumed.resumed).toBe(true);
      expect(outputsOf(out), `crash after ${crashAt}`).toEqual(expected);
    }
  });

  it('crashed with event rows flushed past the last checkpoint, and restored', async () => {
    const n = await total();
    // Checkpoint once half-way (or never), flush every batch after it, crash before the end:
    // the ops past the checkpoint are in the ledger and must be recalled, not applied again.
    for (const checkpointEvery of [Math.max(1, Math.floor(n / 2)), 1_000_000]) {
      const { store, out } = await crashed(n - 1, { checkpointEvery, flushRows: 1 });
      await runReplay({ source: input, out, store, timeZone: UTC, clock: FIXED });
      expect(outputsOf(out), `checkpoint every ${checkpointEvery}`).toEqual(expected);
    }
  });
});
