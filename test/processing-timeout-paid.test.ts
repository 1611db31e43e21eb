// SPEC §9: PROCESSING_TIMEOUT is `clock − paid_time > 24 h` while the order is PAID or PROCESSING.
// An order that reached PROCESSING with no PAID event has no paid_time, so no such timeout (§6 and
// §7 fall back to processing_time; §9 does not). A PAID event that arrives later starts it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { tableRows, tempDir } from './support/outputs.js';

const status = (order: string, s: string, prev: string | null, time: string): string =>
  JSON.stringify({ order_id: order, user_id: `U-${order}`, status: s, prev_status: prev, status_time: `2026-11-${time}` });

const STATUS = [
  status('O-NOPAID', 'PENDING_PAYMENT', null, '20 10:00:00'),
  status('O-PAID', 'PENDING_PAYMENT', null, '20 10:00:00'),
  status('O-LATEPAID', 'PENDING_PAYMENT', null, '20 10:00:00'),
  status('O-PAID', 'PAID', 'PENDING_PAYMENT', '20 10:01:00'),
  status('O-NOPAID', 'PROCESSING', 'PENDING_PAYMENT', '20 10:05:00'),
  status('O-PAID', 'PROCESSING', 'PAID', '20 10:05:00'),
  status('O-LATEPAID', 'PROCESSING', 'PENDING_PAYMENT', '20 10:05:00'),
  // the PAID event arrives after PROCESSING (late: event time 10:03): the order stays PROCESSING,
  // paid at 10:03
  status('O-LATEPAID', 'PAID', 'PENDING_PAYMENT', '20 10:03:00'),
  // moves the clock two days on; every order has waited in PROCESSING far more than 24 h
  status('O-CLOCK', 'PENDING_PAYMENT', null, '22 12:00:00'),
];

describe('PROCESSING_TIMEOUT', () => {
  it('runs from paid_time only: none for an order that never had a PAID event', async () => {
    const dir = tempDir('processing-timeout-paid');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'order_status_events.ndjson'), STATUS.join('\n') + '\n');
    const out = join(tempDir('processing-timeout-paid-out'), 'out');
    await runReplay({ source: dir, out, timeZone: UTC, clock: { now: () => Date.UTC(2030, 0, 1) } });
    const timeouts = tableRows(out, 'abnormal_order_handling')
      .filter((r) => r.abnormal_type === 'PROCESSING_TIMEOUT')
      .map((r) => [r.order_id, r.detection_time, r.overtime_minutes]);
    // both fire when the O-CLOCK record moves the clock to its watermark (12:00:00 − 5 s, no topic
    // holding it any more); overtime = whole minutes past paid_time + 24 h
    expect(timeouts).toEqual([
      ['O-LATEPAID', '2026-11-22T11:59:55.000Z', 1556],
      ['O-PAID', '2026-11-22T11:59:55.000Z', 1558],
    ]);
  });
});
