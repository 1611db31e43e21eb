import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, makeSnapshot, NOW, renderConsole, testHandle, tick } from './fixtures.js';
import type { ConsoleSnapshot } from './model.js';

afterEach(() => cleanup());

const running = (): ConsoleSnapshot => ({
  ...makeSnapshot(),
  replay: { topics: ['order_status_events'], from: null, total: 200_000, done: 50_000, started_at: NOW - 60_000, eta_ms: 180_000, state: 'running', message: null },
});

describe('App frame', () => {
  it('switches views with 1-6 and marks the active tab', async () => {
    const t = await renderConsole(testHandle().handle);
    expect(t.frame()).toContain('[1 Overview]');
    const expected: Record<string, string> = { '2': 'anomalies', '3': 'recent ops', '4': 'logistics SLA', '5': 'dead letters by reason', '6': 'order_item_events', '1': 'status funnel' };
    for (const [key, text] of Object.entries(expected)) {
      await t.press(key);
      expect(t.frame()).toContain(text);
      expect(t.frame()).toMatch(new RegExp(`\\[${key} `));
    }
  });

  it('toggles the help overlay with ? and closes it with Esc', async () => {
    const t = await renderConsole(testHandle().handle);
    await t.press('2', '?');
    expect(t.frame()).toContain('help');
    expect(t.frame()).toContain('everywhere');
    expect(t.frame()).toContain('resolve');
    expect(t.frame()).not.toContain('ORD-1001');
    await t.press(KEY.esc);
    expect(t.frame()).toContain('ORD-1001');
    await t.press('?', '?');
    expect(t.frame()).toContain('ORD-1001');
  });

  it('always shows the keys valid now in the hint bar', async () => {
    const t = await renderConsole(testHandle().handle);
    const last = (): string => t.frame().split('\n').at(-1)!;
    expect(last()).toContain('? help');
    expect(last()).toContain('q quit');
    await t.press('3');
    expect(last()).toContain('d adjust');
    await t.press('/');
    expect(last()).toContain('esc clear filter');
    expect(last()).not.toContain('q quit');
  });

  it('draws one frame per view switch and per filter keystroke, hints and selection included', async () => {
    const t = await renderConsole(testHandle().handle);
    const frames = async (...keys: string[]): Promise<number> => {
      const before = t.frames.length;
      await t.press(...keys);
      return t.frames.length - before;
    };
    for (const [key, hint] of [['3', 'd adjust'], ['2', 'a ack'], ['1', '? help'], ['2', 'a ack']] as const) {
      expect(await frames(key)).toBe(1);
      expect(t.frame().split('\n').at(-1)).toContain(hint);
    }
    await t.press('/');
    for (const key of 'ord-1003') expect(await frames(key)).toBe(1);
    expect(t.frame()).toContain('1/6 shown');
  });

  it('quits on q', async () => {
    const t = await renderConsole(testHandle().handle);
    await t.press('q');
    expect(t.onQuit.count).toBe(1);
  });

  it('asks before quitting while a replay runs; n stays, y quits', async () => {
    const t = await renderConsole(testHandle(running()).handle);
    await t.press('q');
    expect(t.onQuit.count).toBe(0);
    expect(t.frame()).toContain('a replay is running — quit? y/n');
    await t.press('n');
    expect(t.onQuit.count).toBe(0);
    expect(t.frame()).not.toContain('quit? y/n');
    await t.press('q', 'y');
    expect(t.onQuit.count).toBe(1);
  });

  it('shows replay progress under every view while a replay runs', async () => {
    const h = testHandle();
    const t = await renderConsole(h.handle);
    expect(t.frame()).not.toContain('ETA');
    h.push(running());
    await tick(150); // past the snapshot throttle
    await t.press('2');
    expect(t.frame()).toContain('50k/200k 25%');
    expect(t.frame()).toContain('ETA 3m00s');
    expect(t.frame()).toContain('ORD-1001');
  });

  it('says the terminal is too small below 80×24, and recovers on resize', async () => {
    const t = await renderConsole(testHandle().handle, { columns: 79, rows: 30 });
    expect(t.frame()).toBe('terminal too small (need 80×24, have 79×30)');
    await t.resize(100, 23);
    expect(t.frame()).toBe('terminal too small (need 80×24, have 100×23)');
    await t.resize(80, 24);
    expect(t.frame()).toContain('status funnel');
  });

  it.each([
    [80, 24],
    [100, 30],
    [120, 40],
  ])('keeps every view shorter than the terminal and within its width at %i×%i', async (columns, rows) => {
    const t = await renderConsole(testHandle(running()).handle, { columns, rows });
    for (const key of ['1', '2', '3', '4', '5', '6', '?']) {
      await t.press(key);
      const lines = t.frame().split('\n');
      expect(lines.length, `view ${key}`).toBeLessThan(rows);
      for (const line of lines) expect(line.replace(/\u001b\[[\d;]*m/g, '').length, `view ${key}: ${line}`).toBeLessThanOrEqual(columns);
    }
    // a timeline pane and a prompt open at once still fit
    await t.press('?', '2', KEY.enter, 'r');
    expect(t.frame().split('\n').length).toBeLessThan(rows);
  });

  it('scrolls long tables inside the frame, keeping the selection in view', async () => {
    const s = makeSnapshot();
    const row = s.anomalies.rows[0]!;
    const rows = Array.from({ length: 300 }, (_, i) => ({ ...row, order_id: `ORD-${5000 + i}`, detection_time: NOW - i * 1000 }));
    const t = await renderConsole(testHandle({ ...s, anomalies: { ...s.anomalies, rows } }).handle);
    await t.press('2', ...Array<string>(40).fill('j'));
    expect(t.frame().split('\n').length).toBeLessThan(24);
    expect(t.frame()).toMatch(/^› STOCK_OUT\s+ORD-5040/m);
    expect(t.frame()).not.toContain('ORD-5000 ');
    await t.press('G');
    expect(t.frame()).toMatch(/^› STOCK_OUT\s+ORD-5299/m);
    expect(t.frame().split('\n').length).toBeLessThan(24);
  });

  it('redraws at most every 100 ms however often the runtime signals', async () => {
    const h = testHandle();
    const t = await renderConsole(h.handle);
    const before = t.frames.length;
    for (let i = 0; i < 50; i++) h.push({ ...makeSnapshot(), overview: { ...makeSnapshot().overview, records_total: 1_000_000 + i } });
    await new Promise((r) => setTimeout(r, 250));
    expect(t.frames.length - before).toBeLessThanOrEqual(3);
    expect(t.frame()).toContain('1,000,049');
  });

  it('unsubscribes from the handle on unmount', async () => {
    const h = testHandle();
    const t = await renderConsole(h.handle);
    expect(h.listeners()).toBe(1);
    t.unmount();
    expect(h.listeners()).toBe(0);
  });
});

describe('read-only (--read-only: actions null)', () => {
  it('hides every action key and its hint, and the keys do nothing (the timeline, a read, stays)', async () => {
    const h = testHandle(makeSnapshot(), { readOnly: true });
    const t = await renderConsole(h.handle);
    expect(t.frame()).toContain('READ-ONLY');
    await t.press('2');
    const hints = t.frame().split('\n').at(-1)!;
    expect(hints).not.toMatch(/ack|resolve/);
    expect(hints).toContain('/ filter');
    await t.press('a', 'r');
    expect(t.frame()).not.toContain('note');
    expect(t.frame()).not.toContain('resolve ORD');
    await t.press('3', 'd');
    expect(t.frame()).not.toContain('adjust SKU');
    expect(t.frame().split('\n').at(-1)).not.toContain('adjust');
    await t.press('6', ' ', KEY.enter);
    expect(t.frame()).toContain('read-only console');
    expect(t.frame()).not.toContain('[x]');
    await t.press('?');
    expect(t.frame()).toContain('read-only');
    expect(t.frame()).not.toContain('start time');
    expect(h.calls).toEqual([]);
  });
});
