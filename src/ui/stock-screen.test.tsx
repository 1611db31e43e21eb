import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, makeSnapshot, renderConsole, testHandle, tick, type Rendered } from './fixtures.js';
import type { ConsoleSnapshot, StockView } from './model.js';

afterEach(() => cleanup());

async function open(opts: Parameters<typeof testHandle>[1] = {}, columns = 100): Promise<{ t: Rendered; h: ReturnType<typeof testHandle> }> {
  const h = testHandle(makeSnapshot(), opts);
  const t = await renderConsole(h.handle, { columns, rows: 30 });
  await t.press('3');
  return { t, h };
}

const skus = (frame: string): string[] => [...new Set([...frame.matchAll(/^.\s(SKU-\w+)/gm)].map((m) => m[1]!))];

describe('Stock', () => {
  it('lists SKUs lowest available first with available, frozen, locked, total and failed ops', async () => {
    const { t } = await open();
    const f = t.frame();
    expect(skus(f)).toEqual(['SKU-A100', 'SKU-E500', 'SKU-B200', 'SKU-D400', 'SKU-C300']);
    // available, frozen, locked, total, failed ops
    expect(f).toMatch(/SKU-A100\s+Espresso beans 1kg\s+0\s+4\s+0\s+4\s+3/);
    expect(f).toMatch(/SKU-B200\s+Pour-over kettle\s+7\s+2\s+1\s+10\s+0/);
    expect(f).toMatch(/SKU-C300\s+Green tea 250g\s+120\s+14\s+0\s+134\s+0/);
    // Failed ops of the whole store: 4 on the listed SKUs, 2 more on unknown SKUs.
    expect(f).toContain('5 SKUs · 1 out · 2 low · 6 failed ops in all');
    expect(f).toContain('updated 4s ago');
  });

  it('shows recent inventory ops with their failures', async () => {
    const { t } = await open();
    expect(t.frame()).toContain('recent ops  3');
    expect(t.frame()).toMatch(/08:25:00\s+FREEZE\s+SKU-A100\s+2\s+FAILED\s+ORD-1001\s+Insufficient stock to freeze/);
    expect(t.frame()).toMatch(/08:28:20\s+UNFREEZE\s+SKU-D400\s+3\s+SUCCESS/);
  });

  it('/ narrows SKUs and ops to the matching ones', async () => {
    const { t } = await open();
    await t.press('/', ...'espresso');
    expect(skus(t.frame())).toEqual(['SKU-A100']);
    expect(t.frame()).toContain('recent ops  0');
    await t.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, ...'a100');
    expect(t.frame()).toContain('recent ops  1');
    await t.press(KEY.enter, KEY.esc);
    expect(skus(t.frame())).toHaveLength(5);
  });

  it('d adjusts the selected SKU: delta, reason, then y/n with before/after available', async () => {
    const { t, h } = await open();
    await t.press('j', 'j', 'd'); // SKU-B200, available 7
    expect(t.frame()).toContain('adjust SKU-B200 (available 7) by:');
    await t.press('+', '5', KEY.enter);
    expect(t.frame()).toContain('reason for +5 on SKU-B200:');
    await t.press(...'cycle count', KEY.enter);
    expect(t.frame()).toContain('ADJUST SKU-B200 +5: available 7 → 12, total 10 → 15');
    expect(t.frame()).toContain('reason: cycle count');
    expect(t.frame()).toContain('confirm? y/n');
    expect(h.calls).toEqual([]);
    await t.press('y');
    expect(h.calls).toEqual([{ name: 'adjustStock', args: ['SKU-B200', 5, 'cycle count'] }]);
    expect(t.frame()).toContain('✓ adjusted SKU-B200 by 5');
  });

  it('/ asks the store too, so a SKU beyond the lowest ones can be found and adjusted', async () => {
    const snap = makeSnapshot();
    const plenty: StockView = { sku_id: 'SKU-Z900', product_name: 'Oat milk 1L', available: 900, frozen: 0, total: 900, failed_ops: 0 };
    const h = testHandle(snap);
    const findStock = (q: string): StockView[] => ('sku-z900 oat milk 1l'.includes(q.toLowerCase()) ? [plenty] : []);
    const t = await renderConsole({ ...h.handle, findStock }, { columns: 100, rows: 30 });
    await t.press('3', '/', ...'z900', KEY.enter);
    expect(skus(t.frame())).toEqual(['SKU-Z900']);
    expect(t.frame()).toContain('1 match');
    await t.press('d');
    expect(t.frame()).toContain('adjust SKU-Z900 (available 900) by:');
    await t.press('-', '5', KEY.enter, ...'damaged', KEY.enter, 'y');
    expect(h.calls).toEqual([{ name: 'adjustStock', args: ['SKU-Z900', -5, 'damaged'] }]);
  });

  it('n at the confirmation does not adjust', async () => {
    const { t, h } = await open();
    await t.press('d', '+', '1', KEY.enter, ...'x', KEY.enter);
    await t.press('n');
    expect(h.calls).toEqual([]);
    expect(t.frame()).toContain('adjust of SKU-A100 cancelled');
  });

  it('rejects a delta that is not a whole number or would go below zero, and needs a reason', async () => {
    const { t, h } = await open();
    await t.press('d', ...'abc', KEY.enter);
    expect(t.frame()).toContain('✗ a whole number like -5 or +12');
    await t.press(KEY.backspace, KEY.backspace, KEY.backspace, '-', '3', KEY.enter);
    expect(t.frame()).toContain('✗ only 0 available');
    await t.press(KEY.backspace, '0', KEY.enter);
    expect(t.frame()).toContain('✗ zero changes nothing');
    await t.press(KEY.backspace, KEY.backspace, '8', KEY.enter, KEY.enter);
    expect(t.frame()).toContain('✗ a reason is required');
    await t.press(KEY.esc);
    expect(h.calls).toEqual([]);
    expect(t.frame()).not.toContain('reason for');
  });

  it('confirms with the newest stock figures, not those from when d was pressed', async () => {
    const { t, h } = await open();
    await t.press('d', '2', KEY.enter, ...'found');
    const s = makeSnapshot();
    const moved: ConsoleSnapshot = { ...s, stock: { ...s.stock, skus: s.stock.skus.map((k) => (k.sku_id === 'SKU-A100' ? { ...k, available: 1, total: 5 } : k)) } };
    h.push(moved);
    await tick(150); // past the snapshot throttle
    expect(t.frame()).toContain('0 out · 3 low');
    await t.press(KEY.enter);
    expect(t.frame()).toContain('ADJUST SKU-A100 +2: available 1 → 3, total 5 → 7');
  });

  it('read-only: d does nothing and is not hinted', async () => {
    const { t, h } = await open({ readOnly: true });
    await t.press('d');
    expect(t.frame()).not.toContain('adjust SKU');
    expect(t.frame().split('\n').at(-1)).not.toContain('adjust');
    expect(h.calls).toEqual([]);
  });

  it('puts SKUs and ops side by side from 120 columns', async () => {
    const { t } = await open({}, 120);
    expect(t.frame()).toMatch(/sku .*avail.* recent ops/);
  });
});
