// Hand-made inputs aimed at the corners of the SPEC (validation, time forms, ties, stock paths,
// timers on their boundaries, tape framing, CSV reference files). They carry no expected outputs:
// the oracle computes those.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Topic = 'order_status_events' | 'order_item_events' | 'logistics_events';
const S: Topic = 'order_status_events';
const I: Topic = 'order_item_events';
const L: Topic = 'logistics_events';

/** `2026-11-20 10:mm:ss` plus `min` minutes (may exceed an hour) — zone-less text. */
function t(min: number, sec = 0): string {
  const ms = Date.UTC(2026, 10, 20, 10, 0, 0) + min * 60_000 + sec * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
function ms(min: number, sec = 0): number {
  return Date.UTC(2026, 10, 20, 10, 0, 0) + min * 60_000 + sec * 1000;
}

const st = (order: string, user: string, status: string, time: unknown, extra: Record<string, unknown> = {}): [Topic, unknown] => [
  S,
  { order_id: order, user_id: user, status, status_time: time, ...extra },
];
const it = (order: string, item: unknown, sku: string, q: unknown, price: unknown, time: unknown, extra: Record<string, unknown> = {}): [Topic, unknown] => [
  I,
  { order_id: order, item_id: item, sku_id: sku, quantity: q, price, create_time: time, ...extra },
];
const lg = (lid: string, order: string, status: string, time: unknown, extra: Record<string, unknown> = {}): [Topic, unknown] => [
  L,
  { logistics_id: lid, order_id: order, status, status_time: time, ...extra },
];

/** The tape: [topic, value] (a string value is raw text), or a raw tape line. */
function tapeEntries(): ([Topic | string, unknown] | { raw: string })[] {
  const big = `{"order_id":"BIG","user_id":"U-9","status":"PAID","status_time":"${t(1)}","ext_info":{"note":"${'长'.repeat(1500)}"},"x":`;
  return [
    // --- framing ---
    { raw: '{"topic":"order_status_events"}' },
    { raw: '{"topic":"orders","value":{"order_id":"Z"}}' },
    { raw: '[1,2]' },
    { raw: 'not json at all' },
    ['order_status_events', null],
    ['order_item_events', '   {"order_id":"W1","item_id":"w","sku_id":"SKU-A","quantity":1,"price":1,"create_time":"2026-11-20 09:59:00"}   '],
    ['order_status_events', big],
    // --- E1: ids as numbers, money forms, equal-time ties ---
    st('E1', 'U-1', 'PENDING_PAYMENT', t(0), { prev_status: '' }),
    it('E1', 'a', 'SKU-A', 2, '10.005', t(0, 5)),
    it('E1', 'b', 'SKU-B', 1.0, 0.125, t(0, 6), { discount: '0.005' }),
    it('E1', 'c', 'SKU-A', 1, '.5', t(0, 7)),
    it('E1', 'd', 'SKU-A', 1, '5.', t(0, 7)),
    it('E1', 'e', 'SKU-A', 1, '1e2', t(0, 7)),
    it('E1', 'g', 'SKU-A', 1, '+1.00', t(0, 7)),
    it('E1', 'i', 'SKU-A', 1, '-0.001', t(0, 7)),
    it('E1', 'j', 'SKU-A', 1, 1e-7, t(0, 7)),
    it('E1', 'k', 'SKU-A', 1, 1, t(0, 7), { discount: '' }),
    it('E1', 'l', 'SKU-A', '1', 1, t(0, 7)),
    it('E1', 'm', 'SKU-A', 1, true, t(0, 7)),
    st('E1', 'U-1', 'PAID', t(2), { prev_status: 'PENDING_PAYMENT', payment_time: '' }),
    st('E1', 'U-1', 'CANCELLED', t(4), { prev_status: 'PAID', cancel_reason: ' Stock_Out ' }),
    st('E1', 'U-1', 'EXPIRED', t(4), { prev_status: 'PAID' }),
    // --- timestamps in every form ---
    st('E2', 'U-2', 'PENDING_PAYMENT', '2026-11-20T10:01:00'),
    st('E2', 'U-2', 'PAID', '2026-11-20T18:01:30+08:00', { prev_status: 'PENDING_PAYMENT' }),
    st('E2', 'U-2', 'PROCESSING', '2026-11-20T18:01:40+0800', { prev_status: 'PAID' }),
    st('E2', 'U-2', 'SHIPPED', ms(1, 50), { prev_status: 'PROCESSING' }),
    st('E3', 'U-3', 'PENDING_PAYMENT', '2026-11-20T10:01:00.1234Z'),
    st('E3', 'U-3', 'PENDING_PAYMENT', '2026-02-30 10:00:00'),
    st('E3', 'U-3', 'PENDING_PAYMENT', '2026-11-20 24:00:00'),
    st('E3', 'U-3', 'PENDING_PAYMENT', 1.5),
    st('E3', 'U-3', 'PENDING_PAYMENT', String(ms(1))),
    st('E3', 'U-3', 'PENDING_PAYMENT', '2026-11-20T10:01:00.5+08'),
    st('E3', 'U-3', 'PENDING_PAYMENT', '2026-11-20 10:01:00.000', { payment_time: 17.5 }),
    st('E3', 'U-3', 'PENDING_PAYMENT', '  '),
    // duplicates as instants: same instant, other text
    st('E2', 'U-2', 'SHIPPED', '2026-11-20T10:01:50.000Z', { prev_status: 'PROCESSING' }),
    // --- ids ---
    st(12345678901234567890 as unknown as string, 'U-4', 'PENDING_PAYMENT', t(2)),
    st('E5', 0 as unknown as string, 'PENDING_PAYMENT', t(2)),
    st(' E6 ', 'U-6', 'PENDING_PAYMENT', t(2)),
    st('E7', 'U-7', 'PENDING_PAYMENT', t(2), { prev_status: 'pending_payment' }),
    st('E7', 'U-7', 'Paid', t(2)),
    [S, { order_id: '  ', user_id: 'U-8', status: 'PENDING_PAYMENT', status_time: t(2) }],
    [L, { order_id: null, status: 'DISPATCHED', status_time: t(2) }],
    [L, { logistics_id: 'LX', order_id: '', status: 'NOPE', status_time: t(2) }],
    lg('LX', 'E2', 'DISPATCHED', t(2), { location: 1.5 }),
    lg('LX', 'E2', 'DISPATCHED', t(2), { courier_id: [1] }),
    lg('LX', 'E2', 'DISPATCHED', t(2), { location: '', courier_id: null }),
    // --- E10: items after REFUNDED of a shipped order; unknown SKU; SHIPPED+CANCELLED ---
    st('E10', 'U-10', 'PENDING_PAYMENT', t(3)),
    st('E10', 'U-10', 'PAID', t(3, 10), { prev_status: 'PENDING_PAYMENT' }),
    st('E10', 'U-10', 'SHIPPED', t(3, 20), { prev_status: 'PAID' }),
    st('E10', 'U-10', 'REFUNDED', t(3, 30), { prev_status: 'SHIPPED' }),
    it('E10', 'x1', 'SKU-A', 1, 3, t(3, 40)),
    it('E10', 'x2', 'SKU-NONE', 1, 3, t(3, 41)),
    st('E11', 'U-11', 'PENDING_PAYMENT', t(3)),
    it('E11', 'y1', 'SKU-B', 3, '400.00', t(3, 1)),
    st('E11', 'U-11', 'PAID', t(3, 10), { prev_status: 'PENDING_PAYMENT' }),
    st('E11', 'U-11', 'CANCELLED', t(3, 15), { prev_status: 'PAID' }),
    st('E11', 'U-11', 'SHIPPED', t(3, 20), { prev_status: 'PROCESSING' }),
    st('E11', 'U-11', 'DELIVERED', t(3, 20), { prev_status: 'SHIPPED' }),
    st('E11', 'U-11', 'REFUNDED', t(3, 20), { prev_status: 'DELIVERED' }),
    // --- E12: PENDING_PAYMENT later than PAID (current stays PENDING_PAYMENT): FREEZE, no dispatch ---
    it('E12', 'z1', 'SKU-A', 1, 700, t(4)),
    it('E12', 'z2', 'SKU-B', 1, 400, t(4)),
    st('E12', 'U-12', 'PAID', t(4, 10), { prev_status: 'PENDING_PAYMENT' }),
    st('E12', 'U-12', 'PENDING_PAYMENT', t(4, 30)),
    st('E12', 'U-12', 'PROCESSING', t(4, 40), { prev_status: 'PAID' }),
    it('E12', 'z3', 'SKU-A', 1, 1, t(4, 50)),
    // --- E13: missing items, two events, then items; logistics before any status ---
    lg('L13', 'E13', 'DISPATCHED', t(5), { location: 7 }),
    lg('L13', 'E13', 'OUT_FOR_DELIVERY', t(5, 30), { location: '7' }),
    lg('L13', 'E13', 'DELIVERED', t(6), { location: '7' }),
    st('E13', 'U-13', 'PAID', t(5), { prev_status: 'PENDING_PAYMENT' }),
    st('E13', 'U-13', 'SHIPPED', t(5, 20), { prev_status: 'PAID' }),
    st('E13', 'U-13', 'PAID', t(4, 59), { prev_status: 'PENDING_PAYMENT' }),
    // --- E14: user with default address via "1"/"true" flags and text/integer area ids ---
    st('E14', 'U-14', 'PENDING_PAYMENT', t(6)),
    it('E14', 'q1', 'SKU-F', 2, '250.01', t(6, 1)),
    it('E14', 'q2', 'SKU-D', 1, 0, t(6, 2), { discount: 5 }),
    st('E14', 'U-14', 'PAID', t(6, 10), { prev_status: 'PENDING_PAYMENT' }),
    st('E15', 'U-15', 'PENDING_PAYMENT', t(6)),
    it('E15', 'r1', 'SKU-F', 1, 1, t(6, 1)),
    st('E15', 'U-15', 'PROCESSING', t(6, 10), { prev_status: 'PAID' }),
    lg('L15', 'E15', 'DELIVERED', t(7), { location: 'SH-A' }),
    lg('L15', 'E15', 'DISPATCHED', t(6, 30), { location: 'SH-A' }),
    // --- timers on their boundaries (clock via a far-ahead filler on every topic) ---
    st('E16', 'U-16', 'PENDING_PAYMENT', t(10)),
    st('E17', 'U-17', 'PAID', t(10), { prev_status: 'PENDING_PAYMENT' }),
    st('FILL1', 'U-99', 'PENDING_PAYMENT', t(40, 5)),
    it('FILL1', 'f1', 'SKU-A', 1, 1, t(40, 5)),
    lg('LF', 'FILL1', 'PENDING_DISPATCH', t(40, 10)),
    st('E16', 'U-16', 'PAID', t(40, 1), { prev_status: 'PENDING_PAYMENT' }),
    st('FILL2', 'U-99', 'PENDING_PAYMENT', t(41, 5)),
    it('FILL2', 'f2', 'SKU-A', 1, 1, t(41, 5)),
    lg('LF', 'FILL2', 'PENDING_DISPATCH', t(41, 10)),
    it('E17', 's1', 'SKU-A', 1, 1, t(41, 6)),
    // late status event into a closed window
    st('E18', 'U-18', 'PENDING_PAYMENT', t(1)),
    st('E18', 'U-18', 'CANCELLED', t(41), { prev_status: 'PENDING_PAYMENT', cancel_reason: '支付超時' }),
    // E19: logistics DELIVERED, then PAID, then the item (FREEZE → dispatch → promise_met known late)
    lg('L19', 'E19', 'DELIVERED', t(42), { location: 'SH-A' }),
    st('E19', 'U-15', 'PAID', t(42, 1), { prev_status: 'PENDING_PAYMENT' }),
    it('E19', 'v1', 'SKU-F', 1, 10, t(42, 2)),
    // E20: a later PAID after the SLA row exists changes paid_time
    st('E20', 'U-15', 'PAID', t(42)),
    it('E20', 'u1', 'SKU-A', 1, 10, t(42)),
    lg('L20', 'E20', 'DELIVERED', t(43)),
    st('E20', 'U-15', 'PAID', t(42, 30)),
    // E21: two CANCELLED events, the later-arriving one earlier in time; a same-time duplicate
    st('E21', 'U-21', 'PENDING_PAYMENT', t(42)),
    st('E21', 'U-21', 'CANCELLED', t(44), { prev_status: 'PENDING_PAYMENT', cancel_reason: 'user_cancel' }),
    st('E21', 'U-21', 'CANCELLED', t(43), { prev_status: 'PENDING_PAYMENT', cancel_reason: 'stock_out' }),
    st('E21', 'U-21', 'CANCELLED', t(44), { prev_status: 'PENDING_PAYMENT', cancel_reason: 'other' }),
    // E22: FREEZE fails, DECREASE fails (recorded), REFUNDED recalls the failed DECREASE: no INCREASE
    st('E22', 'U-22', 'PENDING_PAYMENT', t(42)),
    it('E22', 'p1', 'SKU-C', 2, 10, t(42)),
    st('E22', 'U-22', 'PAID', t(42, 10), { prev_status: 'PENDING_PAYMENT' }),
    st('E22', 'U-22', 'SHIPPED', t(42, 20), { prev_status: 'PAID' }),
    st('E22', 'U-22', 'REFUNDED', t(42, 30), { prev_status: 'SHIPPED' }),
    // E24–E26: priority on its thresholds (1000.00 → MEDIUM, 500.01 → MEDIUM, 500.00 → LOW)
    st('E24', 'U-24', 'PENDING_PAYMENT', t(45)),
    it('E24', 'a', 'SKU-A', 4, '250.00', t(45)),
    st('E24', 'U-24', 'PAID', t(45, 5), { prev_status: 'PENDING_PAYMENT' }),
    st('E25', 'U-25', 'PENDING_PAYMENT', t(45)),
    it('E25', 'a', 'SKU-A', 1, '500.02', t(45), { discount: 0.01 }),
    st('E25', 'U-25', 'PAID', t(45, 5), { prev_status: 'PENDING_PAYMENT' }),
    st('E26', 'U-26', 'PENDING_PAYMENT', t(45)),
    it('E26', 'a', 'SKU-A', 2, '250.00', t(45)),
    it('E26', 1, 'SKU-A', 1, 0, t(45)),
    it('E26', '1', 'SKU-A', 5, 100, t(45)), // the same item as 1: a duplicate
    st('E26', 'U-26', 'PAID', t(45, 5), { prev_status: 'PENDING_PAYMENT' }),
    // E27: negative durations (paid before pending, dispatched before paid): truncated toward zero
    st('E27', 'U-15', 'PENDING_PAYMENT', '2026-11-20 10:46:01.900'),
    st('E27', 'U-15', 'PAID', '2026-11-20 10:46:01.200', { prev_status: 'PENDING_PAYMENT' }),
    it('E27', 'a', 'SKU-A', 1, 1, t(46)),
    lg('L27', 'E27', 'DISPATCHED', '2026-11-20 10:44:31.200', { location: 'SH-A' }),
    lg('L27', 'E27', 'IN_TRANSIT', '2026-11-20 10:44:01.200'),
    lg('L27', 'E27', 'OUT_FOR_DELIVERY', '2026-11-20 10:44:01.100'),
    st('E27', 'U-15', 'SHIPPED', '2026-11-20 10:44:01.700', { prev_status: 'PROCESSING' }),
    lg('L27', 'E27', 'DELIVERED', '2026-11-20 22:46:01.200'), // paid + 720 min exactly: ON_TIME
    st('E28', 'U-15', 'PAID', t(46)),
    it('E28', 'a', 'SKU-F', 1, 1, t(46)),
    lg('L28', 'E28', 'DELIVERED', '2026-11-20 22:47:00.000'), // paid + 721 min: AT_RISK; promise: fresh +24 h
    st('E29', 'U-15', 'PAID', t(46)),
    lg('L29', 'E29', 'DELIVERED', '2026-11-21 10:46:00.000'), // paid + 1440 min exactly: AT_RISK, no command
    st('E30', 'U-15', 'PAID', t(46)),
    it('E30', 'a', 'SKU-F', 1, 1, t(46)),
    lg('L30', 'E30', 'DELIVERED', '2026-11-21 10:46:00.001'), // received = required + 1 ms: promise missed, OVERDUE? no (1440 min)
    // E31: an earlier CANCELLED arrives after PENDING_PAYMENT (still current): create_time moves back
    st('E31', 'U-31', 'PENDING_PAYMENT', t(350)),
    st('E31', 'U-31', 'CANCELLED', t(340), { prev_status: 'PENDING_PAYMENT' }),
    // E32: a second, later PAID moves paid_time (and the processing timeout) later
    st('E32', 'U-32', 'PAID', t(300), { prev_status: 'PENDING_PAYMENT' }),
    st('E32', 'U-32', 'PAID', t(340), { prev_status: 'PENDING_PAYMENT' }),
    // E33: PAID, CANCELLED, PAID again (current PAID again: the processing timeout runs again)
    st('E33', 'U-33', 'PAID', t(300), { prev_status: 'PENDING_PAYMENT' }),
    st('E33', 'U-33', 'CANCELLED', t(310), { prev_status: 'PAID' }),
    st('E33', 'U-33', 'PAID', t(345), { prev_status: 'PENDING_PAYMENT' }),
    st('FILL5', 'U-99', 'PENDING_PAYMENT', t(375)),
    it('FILL5', 'f5', 'SKU-A', 1, 1, t(375)),
    lg('LF', 'FILL5', 'PENDING_DISPATCH', t(375)),
    st('FILL6', 'U-99', 'PENDING_PAYMENT', t(385)),
    it('FILL6', 'f6', 'SKU-A', 1, 1, t(385)),
    lg('LF', 'FILL6', 'PENDING_DISPATCH', t(385)),
    st('FILL7', 'U-99', 'PENDING_PAYMENT', t(300 + 24 * 60 + 30)),
    it('FILL7', 'f7', 'SKU-A', 1, 1, t(300 + 24 * 60 + 30)),
    lg('LF', 'FILL7', 'PENDING_DISPATCH', t(300 + 24 * 60 + 30)),
    // far future: the SHIPPED order E2 times out (72 h), E14 processing (24 h)
    st('FILL3', 'U-99', 'PENDING_PAYMENT', t(73 * 60)),
    it('FILL3', 'f3', 'SKU-A', 1, 1, t(73 * 60)),
    lg('LF', 'FILL3', 'PENDING_DISPATCH', t(73 * 60)),
    st('E2', 'U-2', 'DELIVERED', t(73 * 60, 1), { prev_status: 'SHIPPED' }),
    st('E14', 'U-14', 'PROCESSING', t(73 * 60, 2), { prev_status: 'PAID' }),
    st('FILL4', 'U-99', 'PENDING_PAYMENT', t(73 * 60 + 10)),
    it('FILL4', 'f4', 'SKU-A', 1, 1, t(73 * 60 + 10)),
    lg('LF', 'FILL4', 'PENDING_DISPATCH', t(73 * 60 + 10)),
    st('E14', 'U-14', 'SHIPPED', t(73 * 60 + 11), { prev_status: 'PROCESSING' }),
    // the last logistics line of the tape is a broken frame: the topic is released by the line before
    { raw: '{"topic":"logistics_events"}' },
  ];
}

function writeReference(dir: string): void {
  const ref = join(dir, 'reference');
  mkdirSync(ref, { recursive: true });
  writeFileSync(
    join(ref, 'product_inventory.csv'),
    '\uFEFFproduct_id,sku_id,total_stock,available_stock,frozen_stock,locked_stock,update_time\r\n' +
      'P-A, SKU-A ,100,,0,0,\r\n' +
      'P-B,SKU-B,5,5,0,0,2026-11-19 00:00:00\r\n' +
      'P-C,SKU-C,1,1,0,0,\r\n' +
      'P-F,SKU-F,10,8,0,2,\r\n' +
      '"P,D",SKU-D,,3,1,0,\r\n',
  );
  writeFileSync(join(ref, 'product_info.csv'), 'sku_id,product_id,product_name,category\nSKU-A,P-A,"Lamp, desk",Digital \nSKU-F,P-F,Fish, FRESH\nSKU-D,P-D,Disk,\n');
  writeFileSync(
    join(ref, 'user_address.csv'),
    'user_id,address_id,province,city,district,address,is_default\n' +
      'U-14,b,Shanghai,Shanghai,Pudong,b street,true\n' +
      'U-14,10,Shanghai,Shanghai,Pudong,10 street,1\n' +
      'U-14,9,Beijing,Beijing,Haidian,9 street,0\n' +
      'U-15,1, Shanghai ,Shanghai,Pudong , 1 road ,TRUE\n' +
      'U-2,1,Beijing,Beijing,Haidian,x,true\n' +
      'U-13,1,Nowhere,Nowhere,Nowhere,y,true\n' +
      'U-10,1,Beijing,Beijing,Haidian,z,false\n',
  );
  writeFileSync(
    join(ref, 'logistics_area_info.csv'),
    'area_id,province,city,district,warehouse_id\nSH-A,Shanghai,Shanghai,Pudong,W-SH-A\n12,Shanghai,Shanghai,Pudong,W-12\n007,Shanghai,Shanghai,Pudong,W-007\n7,Beijing,Beijing,Haidian,W-7\n',
  );
}

/** A tape of every edge entry. */
export function writeEdgeTape(dir: string): void {
  writeReference(dir);
  const lines = tapeEntries().map((e) => {
    if ('raw' in e) return e.raw;
    const [topic, value] = e;
    return JSON.stringify({ topic, value });
  });
  // A blank line in the middle, CRLF endings.
  lines.splice(10, 0, '  ');
  writeFileSync(join(dir, 'tape.ndjson'), `${lines.join('\r\n')}\r\n`);
}

/** The same entries as three per-topic files (each in tape order; raw tape lines dropped), with a BOM. */
export function writeEdgeFiles(dir: string): void {
  writeReference(dir);
  const files: Record<Topic, string[]> = { order_status_events: ['{"order_id":"NT","user_id":"U","status":"PAID","status_time":"x"}'], order_item_events: [], logistics_events: [] };
  for (const e of tapeEntries()) {
    if ('raw' in e) continue;
    const [topic, value] = e;
    if (!(topic in files)) continue;
    files[topic as Topic].push(typeof value === 'string' ? value : JSON.stringify(value));
  }
  files.order_item_events.push('');
  files.logistics_events.push('{"logistics_id":"LZ","order_id":"E2","status":"DISPATCHED","status_time":"bad"}');
  files.order_item_events.push('{"order_id":"E1","item_id":"crlf","broken":');
  for (const [topic, lines] of Object.entries(files)) {
    const eol = topic === 'order_item_events' ? '\r\n' : '\n';
    writeFileSync(join(dir, `${topic}.ndjson`), `\uFEFF${lines.join(eol)}${eol}`);
  }
}

/**
 * Inputs where the SPEC is open, read as docs/semantics.md decides (the project and the oracle
 * once differed on each): one order per probe, so a disagreement stays within its own rows.
 * Read in America/Sao_Paulo (DST gap and overlap).
 */
export function writeAmbiguousTape(dir: string): void {
  writeReference(dir);
  const probes: [Topic, unknown][] = [
    st('A1', 'U-A1', 'PENDING_PAYMENT', '2026-11-20 10:01'), // HH:mm, no seconds
    st('A2', 'U-A2', 'PENDING_PAYMENT', '2026-11-20'), // a date alone
    st('A3', 'U-A3', 'PENDING_PAYMENT', '2026-11-20T10:01:00z'), // lower-case z
    st('A8', 'U-A8', 'PENDING_PAYMENT', '2026-11-20T10:01'), // ISO, no seconds
    st('A4', 'U-A4', 'PENDING_PAYMENT', t(1)),
    it('A4', 'f', 'SKU-A', 1, ' 12.50 ', t(1)), // money with blanks around it
    st('A5', 'U-A5', 'PENDING_PAYMENT', t(1)),
    it('A5', 'h', 'SKU-A', 1, '-0', t(1)), // minus zero
    st('A6', 'U-A6', 'PENDING_PAYMENT', '2018-11-04 00:30:00'), // does not exist in Sao Paulo (DST gap)
    st('A7', 'U-A7', 'PENDING_PAYMENT', '2019-02-16 23:30:00'), // exists twice in Sao Paulo (DST overlap)
    st('B1', 'U-B1', 'PENDING_PAYMENT', ' 2026-11-20 10:00:00'), // blank before
    st('B2', 'U-B2', 'PENDING_PAYMENT', '20261120T100000Z'), // ISO basic format
    st('B3', 'U-B3', 'PENDING_PAYMENT', '2026-11-20T10:00:00,5Z'), // ISO decimal comma
    st('B4', 'U-B4', 'PENDING_PAYMENT', '2026-11-20T10:00:00.5'), // one fraction digit
    st('B5', 'U-B5', 'PENDING_PAYMENT', -1000), // before the epoch
    st('B6', 'U-B6', 'PENDING_PAYMENT', '2026-11-20 10:00:60'), // leap second
    st('B7', 'U-B7', 'PENDING_PAYMENT', t(1)),
    it('B7', 'a', 'SKU-A', 1, '0x10', t(1)),
    it('B7', 'b', 'SKU-A', 1, 'Infinity', t(1)),
    it('B7', 'c', 'SKU-A', 1, '   ', t(1)),
    it('B7', 'd', 'SKU-A', 1, '1e2', t(1)),
    it('B7', 'e', 'SKU-A', 1, 1, t(1), { discount: '1,5' }),
    it('B7', 'f', 'SKU-A', 1e0, 1, t(1), { discount: 'NaN' }),
    it('B7', 'g', 'SKU-A', 2 ** 53, 1, t(1)),
    it('B7', 'h', 'SKU-A', 1, 1, t(1), { discount: 1e21 }),
    st('B8', 1.5 as unknown as string, 'PENDING_PAYMENT', t(1)),
    st('B9', 'U-B9', 'PENDING_PAYMENT', t(1), { prev_status: ' ' }),
    st('B10', 'U-B10', 'PENDING_PAYMENT', t(1), { payment_time: ' ' }),
  ];
  writeFileSync(join(dir, 'tape.ndjson'), `${probes.map(([topic, value]) => JSON.stringify({ topic, value })).join('\n')}\n`);
}

/**
 * Sparse per-topic files: an empty item file, a logistics file of blank lines only, dead letters
 * first in the status file; and (as a tape, `tape: true`) object values written with spacing,
 * `1.0` and escapes, whose dead-letter payload is "the raw message".
 */
export function writeSparse(dir: string, tape: boolean): void {
  writeReference(dir);
  const status = [
    '{"order_id":"S1","user_id":"U-1","status":"PAID","status_time":"bad"}',
    `{"order_id":"S1","user_id":"U-1","status":"PENDING_PAYMENT","status_time":"${t(0)}"}`,
    '   ',
    `{"order_id":"S1","user_id":"U-1","status":"PAID","prev_status":"PENDING_PAYMENT","status_time":"${t(40)}"}`,
  ];
  if (!tape) {
    writeFileSync(join(dir, 'order_status_events.ndjson'), `${status.join('\n')}\n`);
    writeFileSync(join(dir, 'order_item_events.ndjson'), '');
    writeFileSync(join(dir, 'logistics_events.ndjson'), '\n  \n\n');
    return;
  }
  const lines = [
    `{"topic":"order_status_events","value":${status[1]}}`,
    '{"topic":"order_item_events","value": {"order_id" : "S1", "item_id":"i\\u00e9", "sku_id":"SKU-A", "quantity": -1.0, "price":1, "create_time":"2026-11-20 10:00:01"} }',
    '{"topic":"order_item_events","value":{"order_id":"S1","item_id":"i2","sku_id":"SKU-A","quantity":2.0,"price":1.10,"create_time":"2026-11-20 10:00:02"}}',
    '{"topic":"logistics_events","value":  [ 1, 2 ]  }',
    `{"topic":"order_status_events","value":${status[3]}}`,
  ];
  writeFileSync(join(dir, 'tape.ndjson'), `${lines.join('\n')}\n`);
}
