import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { makeSnapshot, NOW, renderConsole, testHandle } from './fixtures.js';

afterEach(() => cleanup());

describe('Engine', () => {
  it('shows stages, memory, data quality and dead letters by reason', async () => {
    const t = await renderConsole(testHandle().handle, { columns: 100, rows: 30 });
    await t.press('5');
    const f = t.frame();
    expect(f).toMatch(/source\s+1,234,567\s+1\.2k/);
    expect(f).toMatch(/inventory\s+402,118\s+388/);
    expect(f).toMatch(/orders in memory\s+48,213/);
    expect(f).toMatch(/timers\s+9,876/);
    expect(f).toMatch(/rss\s+512 MiB/);
    expect(f).toMatch(/heap\s+256 MiB/);
    expect(f).toMatch(/late\s+321 · <0\.1%/);
    expect(f).toMatch(/schema violations\s+12/);
    expect(f).toMatch(/null order ids\s+3/);
    expect(f).toContain('dead letters by reason  42');
    // biggest reason first
    expect(f.indexOf('bad_timestamp')).toBeLessThan(f.indexOf('schema_violation'));
    expect(f).toContain('updated 1s ago');
  });

  it('is STALE when the engine figures were never produced', async () => {
    const s = makeSnapshot();
    const t = await renderConsole(testHandle({ ...s, engine: { ...s.engine, updated_at: null, stages: [] } }).handle);
    await t.press('5');
    expect(t.frame()).toContain('STALE no data');
    expect(t.frame()).toContain('no stage figures yet');
  });

  it('cuts a long list of reasons to fit and says how many more there are', async () => {
    const s = makeSnapshot();
    const reasons = Array.from({ length: 30 }, (_, i) => ({ reason: `reason_${i}`, count: 100 - i }));
    const t = await renderConsole(testHandle({ ...s, engine: { ...s.engine, dead_letters_by_reason: reasons, updated_at: NOW } }).handle);
    await t.press('5');
    expect(t.frame()).toMatch(/… \d+ more reasons/);
    expect(t.frame().split('\n').length).toBeLessThan(24);
  });
});
