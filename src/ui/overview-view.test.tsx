import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { ConsoleUiContext, HintBoard } from './console-context.js';
import { makeSnapshot, NOW, renderConsole, testHandle } from './fixtures.js';
import type { ConsoleSnapshot } from './model.js';
import { OverviewView } from './overview-view.js';
import { createTheme, ThemeContext } from './theme.js';
import { useNow } from './use-now.js';

afterEach(() => cleanup());

const view = (snapshot: ConsoleSnapshot, now = NOW, width = 100, height = 20): string => {
  const r = render(
    <ThemeContext.Provider value={createTheme({ NO_COLOR: '1' })}>
      <OverviewView snapshot={snapshot} now={now} width={width} height={height} />
    </ThemeContext.Provider>,
  );
  return r.lastFrame() ?? '';
};

describe('Overview', () => {
  it('shows records/s, orders per minute, the funnel and pipeline figures', () => {
    const f = view(makeSnapshot());
    expect(f).toContain('records/s');
    expect(f).toContain('now 1.2k');
    expect(f).toContain('orders/min');
    expect(f).toMatch(/■created \d+ ■paid \d+ ■shipped \d+ ■delivered 77/);
    expect(f).toMatch(/PENDING_PAYMENT\s+412/);
    expect(f).toMatch(/DELIVERED\s+9,876/);
    expect(f).toContain('15,324'); // funnel total
    expect(f).toContain('2026-11-20 08:29Z'); // watermark
    expect(f).toMatch(/wm lag\s+2s/);
    expect(f).toMatch(/checkpoint\s+12s ago/);
    expect(f).toMatch(/records\s+1,234,567/);
    expect(f).toContain('42 · 0.5/min');
    expect(f).toContain('simulator ×10');
    // asciichart axes
    expect(f).toContain('┤');
  });

  it('fills exactly its height with charts, funnel and figures', () => {
    const f = view(makeSnapshot(), NOW, 80, 20);
    expect(f.split('\n')).toHaveLength(20);
  });

  it('says how fresh each panel is', () => {
    const f = view(makeSnapshot());
    expect(f.match(/updated 2s ago|2s ago/g)?.length).toBeGreaterThanOrEqual(4);
    expect(f).not.toContain('STALE');
  });

  it('marks every panel STALE when the data is older than 10 s', () => {
    const f = view(makeSnapshot(), NOW + 15_000);
    expect(f.match(/STALE 17s ago/g)?.length).toBe(4);
  });

  it('marks panels STALE when the run is not live, however recent the figures', () => {
    const s = makeSnapshot();
    const f = view({ ...s, run: { ...s.run, live: false } });
    expect(f).toContain('STALE 2s ago');
  });

  it('copes with a run that has produced nothing yet', () => {
    const s = makeSnapshot();
    const empty: ConsoleSnapshot = {
      ...s,
      overview: { ...s.overview, records_per_sec: [], per_minute: { created: [], paid: [], shipped: [], delivered: [] }, funnel: [], watermark: null, watermark_lag_ms: null, checkpoint_at: null, updated_at: null },
    };
    const f = view(empty);
    expect(f).toContain('no data yet');
    expect(f).toContain('no orders yet');
    expect(f).toContain('STALE no data');
    expect(f).toMatch(/watermark\s+not yet/);
    expect(f).toMatch(/checkpoint\s+none yet/);
  });

  it('keeps ages growing from the wall clock when snapshots stop', async () => {
    let now = NOW;
    const r = render(
      <ConsoleUiContext.Provider value={{ clock: () => now, lock: () => {}, hints: new HintBoard(), setStatus: () => {}, store: new Map() }}>
        <ProbeNow />
      </ConsoleUiContext.Provider>,
    );
    expect(r.lastFrame()).toBe(String(NOW));
    now += 12_000;
    for (let waited = 0; r.lastFrame() === String(NOW) && waited < 2500; waited += 50) await new Promise((res) => setTimeout(res, 50));
    expect(r.lastFrame()).toBe(String(NOW + 12_000));
  });

  it('shows the top bar run state: LIVE, STOPPED when the run said so, or STALE when the heartbeat stopped', async () => {
    const s = makeSnapshot();
    const t = await renderConsole(testHandle({ ...s, run: { ...s.run, live: false, heartbeat_at: NOW - 45_000 } }).handle, { columns: 120, rows: 30 });
    expect(t.frame()).toContain('○ STALE · hb 45s · alice');
    const stopped = await renderConsole(testHandle({ ...s, run: { ...s.run, live: false, stopped: true, heartbeat_at: NOW - 45_000 } }).handle, { columns: 120, rows: 30 });
    expect(stopped.frame()).toContain('○ STOPPED · hb 45s · alice');
    const t2 = await renderConsole(testHandle().handle, { columns: 120, rows: 30 });
    expect(t2.frame()).toContain('● LIVE · hb 1s · alice');
  });
});

function ProbeNow(): React.JSX.Element {
  return <Text>{String(useNow(1000))}</Text>;
}
