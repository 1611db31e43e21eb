import { PassThrough } from 'node:stream';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/outputs.js';
import { replay } from './commands/replay.js';
import { ProgressLine } from './progress.js';

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (b: Buffer) => (text += b.toString()));
  return { stream, text: () => text };
}

describe('ProgressLine', () => {
  it('writes at most one line per interval, with the share done and the time left at the rate so far', () => {
    let now = 1_000;
    const out = sink();
    const line = new ProgressLine(out.stream, { everyMs: 2_000, now: () => now });
    line.finally('nothing shown yet, so nothing said');
    now = 2_500;
    line.report('replayed 10 records', 0.1); // too soon after the start
    now = 3_000;
    line.report('replayed 25 records', 0.25); // 2 s for a quarter: 6 s left
    now = 4_000;
    line.report('replayed 30 records', 0.3); // within the interval
    now = 5_000;
    line.report('replayed 0 records', 0);
    now = 7_000;
    line.report('replayed 99 records', 1.2); // clamped
    line.finally('input read');
    expect(out.text()).toBe(
      'ordertrack: replayed 25 records (25%), ETA 6s\n' +
        'ordertrack: replayed 0 records (0%), ETA estimating\n' +
        'ordertrack: replayed 99 records (100%), ETA 0ms\n' +
        'ordertrack: input read\n',
    );
  });

  it('without a share (a live run) writes the text alone, as often', () => {
    let now = 0;
    const out = sink();
    const line = new ProgressLine(out.stream, { everyMs: 10_000, now: () => now });
    now = 9_999;
    line.report('100 records');
    now = 10_000;
    line.report('200 records');
    expect(out.text()).toBe('ordertrack: 200 records\n');
  });
});

describe('replay progress', () => {
  it('a file replay reports how far it is on stderr, then that the input is read', async () => {
    const out = sink();
    const err = sink();
    const dir = tempDir('progress');
    const code = await replay(
      { source: resolve(import.meta.dirname, '..', '..', 'examples', 'store-day'), out: dir },
      { stdout: out.stream, stderr: err.stream, progressEveryMs: 0 },
    );
    expect(code).toBe(0);
    expect(err.text()).toMatch(/^ordertrack: replayed 407 records \(100%\), ETA \d+ms\nordertrack: input read: writing the last checkpoint and the outputs\n$/);
    expect(out.text()).toMatch(/^records read +407 /);
  });

  it('--quiet says nothing', async () => {
    const err = sink();
    const dir = tempDir('progress-quiet');
    await replay(
      { source: resolve(import.meta.dirname, '..', '..', 'examples', 'store-day'), out: dir, quiet: true },
      { stdout: sink().stream, stderr: err.stream, progressEveryMs: 0 },
    );
    expect(err.text()).toBe('');
  });
});
