// Golden replays (STYLE §8): each case in test/golden/ runs straight through, and again with a
// crash after a checkpoint in the middle and a restart on the same store; both must equal the
// hand-checked expected outputs, row for row.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
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

  it('crashed after a checkpoint in the middle and restored', async () => {
    const total = (await runReplay({ source: input, out: tempDir('count'), timeZone: UTC, clock: FIXED })).processed;
    for (const crashAt of [Math.floor(total / 3), Math.floor(total / 2) + 1, total - 1]) {
      const dir = tempDir('crash');
      const store = join(dir, 'store.sqlite');
      const out = join(dir, 'out');
      await expect(
        runReplay({
          source: input,
          out,
          store,
          timeZone: UTC,
          clock: FIXED,
          checkpointEvery: 2,
          batchSize: 1,
          onBatch: (processed) => {
            if (processed >= crashAt) throw new Crash(`crash after ${processed}`);
          },
        }),
      ).rejects.toBeInstanceOf(Crash);
      const resumed = await runReplay({ source: input, out, store, timeZone: UTC, clock: FIXED, checkpointEvery: 2 });
      expect(resumed.resumed).toBe(true);
      expect(outputsOf(out), `crash after ${crashAt}`).toEqual(expected);
    }
  });

  it('crashed with event rows flushed past the last checkpoint, and restored', async () => {
    const total = (await runReplay({ source: input, out: tempDir('count'), timeZone: UTC, clock: FIXED })).processed;
    // Checkpoint once half-way (or never), flush every batch after it, crash before the end:
    // the ops past the checkpoint are in the ledger and must be recalled, not applied again.
    for (const checkpointEvery of [Math.max(1, Math.floor(total / 2)), 1_000_000]) {
      const dir = tempDir('flushed');
      const store = join(dir, 'store.sqlite');
      const out = join(dir, 'out');
      await expect(
        runReplay({
          source: input,
          out,
          store,
          timeZone: UTC,
          clock: FIXED,
          checkpointEvery,
          flushRows: 1,
          batchSize: 1,
          onBatch: (processed) => {
            if (processed >= total - 1) throw new Crash(`crash after ${processed}`);
          },
        }),
      ).rejects.toBeInstanceOf(Crash);
      await runReplay({ source: input, out, store, timeZone: UTC, clock: FIXED });
      expect(outputsOf(out), `checkpoint every ${checkpointEvery}`).toEqual(expected);
    }
  });
});
