import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, makeSnapshot, NOW, renderConsole, testHandle } from './fixtures.js';

afterEach(() => cleanup());

describe('Logistics SLA', () => {
  it('charts on-time, at-risk and overdue per window and totals them', async () => {
    const t = await renderConsole(testHandle().handle, { columns: 100, rows: 30 });
    await t.press('4');
    const f = t.frame();
    expect(f).toContain('12×5min');
    expect(f).toContain('■ on-time 570');
    expect(f).toContain('■ at-risk 60');
    expect(f).toContain('■ overdue 18');
    expect(f).toContain('┤');
    expect(f).toContain('updated 5s ago');
  });

  it('shows per-warehouse figures and in-flight orders at risk, longest first', async () => {
    const t = await renderConsole(testHandle().handle, { columns: 120, rows: 40 });
    await t.press('4');
    const f = t.frame();
    expect(f).toMatch(/WH-SH\s+Shanghai\s+812\s+41\s+9\s+94%\s+10h55m/);
    expect(f).toMatch(/WH-BJ\s+Beijing\s+640\s+77\s+23\s+86%\s+13h23m/);
    expect(f).toMatch(/WH-GZ\s+–\s+0\s+0\s+0\s+–\s+–/);
    expect(f).toContain('in flight: 2 at risk, 1 overdue');
    const order = [...f.matchAll(/ORD-200\d/g)].map((m) => m[0]);
    expect(order).toEqual(['ORD-2002', 'ORD-2001', 'ORD-2003']);
    expect(f).toMatch(/ORD-2002\s+OVERDUE\s+25h00m\s+SHIPPED/);
  });

  it('/ filters both tables', async () => {
    const t = await renderConsole(testHandle().handle, { columns: 120, rows: 40 });
    await t.press('4', '/', ...'beijing', KEY.enter);
    expect(t.frame()).not.toContain('WH-SH');
    expect(t.frame()).toContain('WH-BJ');
    expect(t.frame()).toContain('none at risk');
    await t.press(KEY.esc);
    expect(t.frame()).toContain('WH-SH');
  });

  it('counts every in-flight order past the limits, not only the longest it lists', async () => {
    const s = makeSnapshot();
    const t = await renderConsole(testHandle({ ...s, sla: { ...s.sla, in_flight_counts: { at_risk: 1_480, overdue: 37 } } }).handle, { columns: 120, rows: 40 });
    await t.press('4');
    expect(t.frame()).toContain('in flight: 1,480 at risk, 37 overdue');
    expect(t.frame()).toContain('in flight at risk  3 longest of 1,517');
  });

  it('is STALE when its figures are old', async () => {
    const s = makeSnapshot();
    const t = await renderConsole(testHandle({ ...s, sla: { ...s.sla, updated_at: NOW - 60_000 } }).handle);
    await t.press('4');
    expect(t.frame()).toContain('STALE 1m00s ago');
  });
});
