import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, makeSnapshot, NOW, renderConsole, testHandle, tick, type Rendered } from './fixtures.js';
import type { AnomalyView } from './model.js';

afterEach(() => cleanup());

async function open(opts: Parameters<typeof testHandle>[1] = {}): Promise<{ t: Rendered; calls: ReturnType<typeof testHandle>['calls'] }> {
  const h = testHandle(makeSnapshot(), opts);
  const t = await renderConsole(h.handle, { columns: 120, rows: 30 });
  await t.press('2');
  return { t, calls: h.calls };
}

/** The order ids in table order, as drawn. */
const orders = (frame: string): string[] => [...frame.matchAll(/ORD-10\d\d/g)].map((m) => m[0]);
const selectedLine = (frame: string): string => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('Anomalies', () => {
  it('lists every anomaly with type, order, user, overtime, handler, action and status', async () => {
    const { t } = await open();
    const f = t.frame();
    expect(f).toContain('4 open · 6 shown');
    expect(f).toMatch(/PROCESSING_TIMEOUT\s+ORD-1004\s+u-44\s+1h30m\s+vip_customer_service\s+ESCALATE_PROCESSING\s+PENDING/);
    expect(f).toMatch(/DELIVERY_TIMEOUT\s+ORD-1003\s+u-31\s+4h10m\s+logistics_support\s+CHECK_LOGISTICS\s+PROCESSED/);
    // Detected with its day: a store spans days.
    expect(f).toMatch(/ORD-1001 .*PENDING\s+11-20 08:25:00/);
    expect(f).toContain('updated 3s ago');
    // open ones first (status ascending), newest detection first among equals
    expect(orders(f)).toEqual(['ORD-1006', 'ORD-1004', 'ORD-1002', 'ORD-1001', 'ORD-1003', 'ORD-1005']);
  });

  it('s cycles the sort column and S reverses it', async () => {
    const { t } = await open();
    await t.press('s'); // status → detected
    expect(t.frame()).toContain('sort detected▲');
    expect(orders(t.frame())).toEqual(['ORD-1005', 'ORD-1003', 'ORD-1001', 'ORD-1002', 'ORD-1004', 'ORD-1006']);
    await t.press('S');
    expect(t.frame()).toContain('sort detected▼');
    expect(orders(t.frame())[0]).toBe('ORD-1006');
    await t.press('s', 's', 's', 's'); // → type → order → user → over
    expect(t.frame()).toContain('sort over▲');
    await t.press('S');
    expect(orders(t.frame())[0]).toBe('ORD-1003'); // 250 minutes over
  });

  it('/ filters on any column text as you type; Enter keeps it, Esc clears it', async () => {
    const { t } = await open();
    await t.press('/', ...'logis');
    expect(orders(t.frame())).toEqual(['ORD-1003']);
    expect(t.frame()).toContain('1/6 shown');
    await t.press(KEY.enter);
    expect(t.frame()).toContain('/logis');
    expect(orders(t.frame())).toEqual(['ORD-1003']);
    await t.press(KEY.esc);
    expect(orders(t.frame())).toHaveLength(6);
    await t.press('/', ...'vip', KEY.esc);
    expect(orders(t.frame())).toHaveLength(6);
  });

  it('/ asks the store too, so an anomaly older than the newest rows is found', async () => {
    const snap = makeSnapshot();
    const older: AnomalyView = { ...snap.anomalies.rows[0]!, order_id: 'ORD-1007', abnormal_type: 'PAYMENT_TIMEOUT', detection_time: NOW - 86_400_000 };
    const asked: string[] = [];
    const h = testHandle(snap);
    const findAnomalies = (q: string): AnomalyView[] => (asked.push(q), older.order_id.toLowerCase().includes(q.toLowerCase()) ? [older] : []);
    const t = await renderConsole({ ...h.handle, findAnomalies }, { columns: 120, rows: 30 });
    await t.press('2', '/', ...'ord-1007');
    expect(orders(t.frame())).toEqual(['ORD-1007']);
    expect(t.frame()).toContain('1 match');
    expect(asked.at(-1)).toBe('ord-1007');
    // the newest rows still match on every column's text, the store's matches beside them
    await t.press(KEY.esc, '/', ...'logis');
    expect(orders(t.frame())).toEqual(['ORD-1003']);
    await t.press(KEY.esc, '/', ...'ord-100');
    expect(orders(t.frame()).sort()).toEqual(['ORD-1001', 'ORD-1002', 'ORD-1003', 'ORD-1004', 'ORD-1005', 'ORD-1006', 'ORD-1007']);
    expect(t.frame()).toContain('7 match');
  });

  it('moves the selection with ↓/↑ and j/k, and it follows its row when re-sorted', async () => {
    const { t } = await open();
    expect(selectedLine(t.frame())).toContain('ORD-1006');
    await t.press(KEY.down, 'j');
    expect(selectedLine(t.frame())).toContain('ORD-1002');
    await t.press('k');
    expect(selectedLine(t.frame())).toContain('ORD-1004');
    await t.press(KEY.up, KEY.up);
    expect(selectedLine(t.frame())).toContain('ORD-1006');
    await t.press('G');
    expect(selectedLine(t.frame())).toContain('ORD-1005');
    await t.press('S');
    expect(selectedLine(t.frame())).toContain('ORD-1005');
  });

  it('keeps the row first shown selected when a new anomaly arrives above it, so a acts on what the operator read', async () => {
    const h = testHandle(makeSnapshot());
    const t = await renderConsole(h.handle, { columns: 120, rows: 30 });
    await t.press('2');
    expect(selectedLine(t.frame())).toContain('ORD-1006');
    const next = makeSnapshot();
    const newest = { ...next.anomalies.rows[5]!, order_id: 'ORD-1007', detection_time: NOW - 1_000 };
    h.push({ ...next, anomalies: { ...next.anomalies, rows: [...next.anomalies.rows, newest], open: 5 } });
    await tick(50);
    expect(orders(t.frame())[0]).toBe('ORD-1007');
    expect(selectedLine(t.frame())).toContain('ORD-1006');
    await t.press('a', KEY.enter);
    expect(h.calls).toEqual([{ name: 'acknowledge', args: ['ORD-1006', 'DISPATCH_UNROUTABLE', ''] }]);
  });

  it('Enter opens the order timeline in a pane; Esc closes it', async () => {
    const { t, calls } = await open();
    await t.press(KEY.down, KEY.enter);
    expect(calls).toEqual([{ name: 'timeline', args: ['ORD-1004'] }]);
    const f = t.frame();
    expect(f).toContain('timeline ORD-1004');
    expect(f).toContain('4 entries');
    expect(f).toContain('PAID amount 129.00');
    expect(f).toContain('FREEZE SKU-A100 ×2 FAILED Insufficient stock to freeze');
    expect(f).toContain('11-20 07:40:01 anomaly');
    expect(f.split('\n').at(-1)).toContain('esc close timeline');
    await t.press(KEY.esc);
    expect(t.frame()).not.toContain('timeline ORD-1004');
  });

  it('refreshes an open timeline once a decision on its order is made', async () => {
    const { t, calls } = await open();
    await t.press(KEY.down, KEY.enter, 'a', KEY.enter);
    expect(calls.map((c) => [c.name, c.args[0]])).toEqual([
      ['timeline', 'ORD-1004'],
      ['acknowledge', 'ORD-1004'],
      ['timeline', 'ORD-1004'],
    ]);
  });

  it('goes on to the row below once a decision is made, not when it is cancelled', async () => {
    const { t } = await open();
    await t.press(KEY.down);
    expect(selectedLine(t.frame())).toContain('ORD-1004');
    await t.press('a', KEY.esc);
    expect(selectedLine(t.frame())).toContain('ORD-1004');
    // The acknowledged row will move to the PROCESSED group: the next one to work on is selected.
    await t.press('a', KEY.enter);
    expect(selectedLine(t.frame())).toContain('ORD-1002');
  });

  it('a acknowledges the selected anomaly with a note', async () => {
    const { t, calls } = await open();
    await t.press(KEY.down, 'a');
    expect(t.frame()).toContain('ack ORD-1004 PROCESSING_TIMEOUT — note (optional):');
    await t.press(...'called customer', KEY.enter);
    expect(calls).toEqual([{ name: 'acknowledge', args: ['ORD-1004', 'PROCESSING_TIMEOUT', 'called customer'] }]);
    expect(t.frame()).toContain('✓ acknowledged ORD-1004 PROCESSING_TIMEOUT');
  });

  it('a takes an empty note, and Esc at the note cancels', async () => {
    const { t, calls } = await open();
    await t.press('a', KEY.esc);
    expect(calls).toEqual([]);
    await t.press('a', KEY.enter);
    expect(calls).toEqual([{ name: 'acknowledge', args: ['ORD-1006', 'DISPATCH_UNROUTABLE', ''] }]);
  });

  it('keeps global keys out of a note being typed', async () => {
    const { t, calls } = await open();
    await t.press('a', ...'q1?2 /s', KEY.enter);
    expect(t.onQuit.count).toBe(0);
    expect(t.frame()).toContain('[2 Anomalies');
    expect(calls).toEqual([{ name: 'acknowledge', args: ['ORD-1006', 'DISPATCH_UNROUTABLE', 'q1?2 /s'] }]);
  });

  it('r resolves: action defaults to the suggested one, then a note, then y', async () => {
    const { t, calls } = await open();
    await t.press(KEY.down, 'r');
    expect(t.frame()).toContain('resolve ORD-1004 PROCESSING_TIMEOUT with: ◀ ESCALATE_PROCESSING ▶');
    await t.press(KEY.right, KEY.right, KEY.enter); // → CHECK_LOGISTICS → RESTOCK_OR_CANCEL
    expect(t.frame()).toContain('with RESTOCK_OR_CANCEL — note');
    await t.press(...'restocked', KEY.enter);
    expect(t.frame()).toContain('resolve ORD-1004 PROCESSING_TIMEOUT with RESTOCK_OR_CANCEL — "restocked"');
    expect(t.frame()).toContain('confirm? y/n');
    expect(calls).toEqual([]);
    await t.press('y');
    expect(calls).toEqual([{ name: 'resolve', args: ['ORD-1004', 'PROCESSING_TIMEOUT', 'RESTOCK_OR_CANCEL', 'restocked'] }]);
    expect(t.frame()).toContain('✓ resolved ORD-1004 PROCESSING_TIMEOUT with RESTOCK_OR_CANCEL');
  });

  it('r with CANCEL_ORDER says it will publish a cancel command; n does not resolve', async () => {
    const { t, calls } = await open();
    await t.press('j', 'j', 'r'); // ORD-1002 PAYMENT_TIMEOUT, suggested CANCEL_ORDER
    expect(t.frame()).toContain('◀ CANCEL_ORDER ▶');
    await t.press(KEY.enter, ...'unpaid', KEY.enter);
    expect(t.frame()).toContain('publishes a CANCEL command for order ORD-1002 to order_commands');
    await t.press('n');
    expect(calls).toEqual([]);
    expect(t.frame()).toContain('resolve cancelled');
    expect(t.frame()).not.toContain('too late');
    await t.press('r', KEY.enter, KEY.enter, 'y');
    expect(calls).toEqual([{ name: 'resolve', args: ['ORD-1002', 'PAYMENT_TIMEOUT', 'CANCEL_ORDER', ''] }]);
  });

  it('r with CANCEL_ORDER on an order already delivered says a cancel comes too late', async () => {
    const { t } = await open({ orderStatus: { 'ORD-1002': 'DELIVERED' } });
    await t.press('j', 'j', 'r', KEY.enter, KEY.enter);
    expect(t.frame()).toContain('order ORD-1002 is DELIVERED now: a cancel comes too late for it');
    expect(t.frame()).toContain('confirm? y/n');
  });

  it('shows a failed ActionResult as the runtime worded it', async () => {
    const { t } = await open({ result: { ok: false, message: 'ORD-1006 DISPATCH_UNROUTABLE: store is read-only' } });
    await t.press('a', KEY.enter);
    expect(t.frame()).toContain('✗ ORD-1006 DISPATCH_UNROUTABLE: store is read-only');
  });

  it("clears an action's outcome from the status line after a while", async () => {
    const h = testHandle(makeSnapshot(), { result: { ok: false, message: 'ORD-1006 DISPATCH_UNROUTABLE: store is read-only' } });
    const t = await renderConsole(h.handle, { columns: 120, rows: 30, statusMs: 300 });
    await t.press('2', 'a', KEY.enter);
    expect(t.frame()).toContain('✗ ORD-1006 DISPATCH_UNROUTABLE: store is read-only');
    await tick(500);
    expect(t.frame()).not.toContain('store is read-only');
  });

  it('does not act on a RESOLVED anomaly', async () => {
    const { t, calls } = await open();
    await t.press('G', 'r');
    expect(calls).toEqual([]);
    expect(t.frame()).toContain('ORD-1005 MISSING_ITEMS is already resolved (by system)');
  });

  it('hints a and r only while a row is selected', async () => {
    const { t } = await open();
    expect(t.frame().split('\n').at(-1)).toContain('a ack');
    await t.press('/', ...'zzz', KEY.enter);
    expect(t.frame().split('\n').at(-1)).not.toMatch(/ack|resolve/);
    expect(t.frame().split('\n').at(-1)).toContain('esc clear filter');
  });

  it('read-only: a and r do nothing and are not hinted; Enter still opens the timeline (a read)', async () => {
    const { t, calls } = await open({ readOnly: true });
    expect(t.frame().split('\n').at(-1)).not.toMatch(/ack|resolve/);
    expect(t.frame().split('\n').at(-1)).toContain('↵ timeline');
    await t.press('a', 'r');
    expect(calls).toEqual([]);
    await t.press(KEY.enter);
    expect(calls.map((c) => c.name)).toEqual(['timeline']);
    expect(t.frame().split('\n').at(-1)).not.toMatch(/ack|resolve/);
    await t.press(KEY.esc);
    await t.press('/', ...'zzz');
    expect(t.frame()).toContain('no anomaly matches "zzz"');
  });
});
