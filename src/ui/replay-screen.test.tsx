import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, makeSnapshot, NOW, renderConsole, testHandle, type Rendered } from './fixtures.js';
import type { ConsoleSnapshot, ReplayProgress } from './model.js';

afterEach(() => cleanup());

async function open(snapshot = makeSnapshot(), opts: Parameters<typeof testHandle>[1] = {}): Promise<{ t: Rendered; h: ReturnType<typeof testHandle> }> {
  const h = testHandle(snapshot, opts);
  const t = await renderConsole(h.handle, { columns: 100, rows: 30 });
  await t.press('6');
  return { t, h };
}

const progress = (p: Partial<ReplayProgress>): ConsoleSnapshot => ({
  ...makeSnapshot(),
  replay: { topics: ['order_status_events', 'logistics_events'], from: Date.UTC(2026, 10, 20, 8), total: 210_000, done: 84_000, started_at: NOW - 90_000, eta_ms: 135_000, state: 'running', message: null, ...p },
});

describe('Replay', () => {
  it('starts with all three topics on and from earliest', async () => {
    const { t } = await open();
    expect(t.frame()).toContain('› [x] order_status_events');
    expect(t.frame()).toContain('  [x] order_item_events');
    expect(t.frame()).toContain('  [x] logistics_events');
    expect(t.frame()).toContain('from earliest');
  });

  it('plans, shows per-topic records and the total, and starts only after y', async () => {
    const { t, h } = await open();
    await t.press(KEY.enter);
    expect(h.calls).toEqual([{ name: 'planReplay', args: [['order_status_events', 'order_item_events', 'logistics_events'], null] }]);
    const f = t.frame();
    expect(f).toMatch(/order_status_events\s+120,000 records/);
    expect(f).toMatch(/order_item_events\s+340,000 records/);
    expect(f).toMatch(/logistics_events\s+90,000 records/);
    expect(f).toMatch(/total\s+550,000 records/);
    expect(f).toContain('replay 550,000 records from earliest (3 topics)?');
    await t.press('y');
    expect(h.calls[1]).toEqual({ name: 'startReplay', args: [['order_status_events', 'order_item_events', 'logistics_events'], null] });
    expect(t.frame()).toContain('✓ replay started');
    expect(t.frame()).not.toContain('550,000');
  });

  it('space toggles topics, t takes a typed UTC start time, n does not start', async () => {
    const { t, h } = await open();
    await t.press('j', ' ', 't');
    expect(t.frame()).toContain('› [ ] order_item_events');
    expect(t.frame()).toContain('start from (UTC time or earliest): earliest');
    await t.press('\u0015', ...'2026-11-20T08:00', KEY.enter);
    expect(t.frame()).toContain('from 2026-11-20T08:00 = 2026-11-20 08:00Z');
    await t.press(KEY.enter);
    const from = Date.UTC(2026, 10, 20, 8, 0);
    expect(h.calls).toEqual([{ name: 'planReplay', args: [['order_status_events', 'logistics_events'], from] }]);
    expect(t.frame()).toMatch(/total\s+210,000 records/);
    await t.press('n');
    expect(h.calls).toHaveLength(1);
    expect(t.frame()).toContain('replay not started');
  });

  it('refuses a start time it cannot read, and an empty topic list', async () => {
    const { t, h } = await open();
    await t.press('t', '\u0015', ...'yesterday', KEY.enter);
    expect(t.frame()).toContain("✗ use 2026-11-20T08:00 (UTC), epoch ms or 'earliest'");
    await t.press(KEY.esc, ' ', 'j', ' ', 'j', ' ', KEY.enter);
    expect(t.frame()).toContain('pick at least one topic');
    expect(h.calls).toEqual([]);
  });

  it('refuses a start time the run has not read up to (it would only throw the state away)', async () => {
    const { t, h } = await open();
    await t.press('t', '\u0015', ...'2099-01-01T00:00', KEY.enter, KEY.enter);
    expect(t.frame()).toContain('✗ the run has not read as far as 2099-01-01 00:00Z yet');
    expect(h.calls).toEqual([]);
  });

  it('shows a progress bar with done/total, percentage and ETA while a replay runs', async () => {
    const { t } = await open(progress({}));
    const f = t.frame();
    expect(f).toContain('replay running');
    expect(f).toContain('from 2026-11-20 08:00Z · order_status_events, logistics_events');
    expect(f).toContain('40% 84,000 / 210,000 records · ETA 2m15s · started 1m30s ago');
    expect(f).toContain('█');
    // and the one-line bar stays under every view
    await t.press('1');
    expect(t.frame()).toContain('84k/210k 40% · ETA 2m15s');
  });

  it('does not plan a second replay while one runs', async () => {
    const { t, h } = await open(progress({}));
    await t.press(KEY.enter);
    expect(h.calls).toEqual([]);
    expect(t.frame()).toContain('a replay is already running');
  });

  it('reports a finished and a failed replay', async () => {
    const done = await open(progress({ state: 'done', done: 210_000, eta_ms: 0 }));
    expect(done.t.frame()).toContain('replay done · 210k records re-read');
    const failed = await open(progress({ state: 'failed', message: 'source file vanished' }));
    expect(failed.t.frame()).toContain('replay failed at 84k/210k 40% · source file vanished');
  });

  it('read-only: shows progress, but no form and no keys', async () => {
    const { t, h } = await open(progress({}), { readOnly: true });
    await t.press(' ', 't', KEY.enter);
    expect(t.frame()).toContain('read-only console: replays cannot be started here');
    expect(t.frame()).toContain('40% 84,000 / 210,000');
    expect(t.frame().split('\n').at(-1)).not.toMatch(/toggle|plan|start time/);
    expect(h.calls).toEqual([]);
  });
});
