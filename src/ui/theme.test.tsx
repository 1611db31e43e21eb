// Ink colours through chalk, which turns itself off when stdout is not a terminal (as under the
// test runner); FORCE_COLOR makes it colour here, so this file shows that NO_COLOR alone, via
// our theme, removes every escape code.
import { vi } from 'vitest';
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, makeSnapshot, NOW, renderConsole, testHandle } from './fixtures.js';
import { createTheme } from './theme.js';

afterEach(() => cleanup());

const ESC = '\u001b[';
const running = { ...makeSnapshot(), replay: { topics: ['order_status_events'], from: null, total: 10, done: 4, started_at: NOW - 1000, eta_ms: 2000, state: 'running' as const, message: null } };

describe('NO_COLOR', () => {
  it('colours the console when NO_COLOR is not set', async () => {
    const t = await renderConsole(testHandle(running).handle, { env: {} });
    expect(t.frame()).toContain(ESC);
    await t.press('2');
    expect(t.frame()).toContain(ESC);
  });

  it('treats an empty NO_COLOR as unset', () => {
    expect(createTheme({ NO_COLOR: '' }).color).toBe(true);
    expect(createTheme({ NO_COLOR: '1' }).style('bad')).toEqual({});
    expect(createTheme({ NO_COLOR: '1' }).chartColors(['records'])).toBeUndefined();
  });

  it('renders no escape code at all in any view, prompt or overlay when NO_COLOR is set', async () => {
    const s = makeSnapshot();
    const t = await renderConsole(testHandle({ ...running, run: { ...s.run, live: false } }).handle, { env: { NO_COLOR: '1' }, columns: 120, rows: 40 });
    for (const key of ['1', '2', '3', '4', '5', '6']) {
      await t.press(key);
      expect(t.frame(), `view ${key}`).not.toContain(ESC);
      expect(t.frame()).not.toContain('\u001b');
    }
    await t.press('2', KEY.enter, 'r');
    expect(t.frame()).toContain('◀ FIX_ROUTING ▶');
    expect(t.frame()).not.toContain('\u001b');
    await t.press(KEY.esc, '?');
    expect(t.frame()).not.toContain('\u001b');
    // the selection and the active tab stay visible without colour
    await t.press('?');
    expect(t.frame()).toContain('[2 Anomalies');
    expect(t.frame()).toMatch(/^› /m);
    expect(t.frame()).toContain('STALE');
  });
});
