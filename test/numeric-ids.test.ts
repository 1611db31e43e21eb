// Ids given as JSON numbers are read as their decimal text (SPEC §2), every digit of it: many
// platforms number orders with 18–19 digits, past the 2^53 a JavaScript number holds exactly. Two
// such orders one apart must stay two orders, in a directory of files and in a tape alike.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { outputsOf, PROCESSING_TIME_COLUMNS, tableRows, tempDir } from './support/outputs.js';

const REFERENCE = join(import.meta.dirname, 'golden', 'lifecycle-durations', 'input', 'reference');
const A = '12345678901234567890';
const B = '12345678901234567891';

const STATUS = [
  `{"order_id":${A},"user_id":"A1","status":"PENDING_PAYMENT","status_time":"2026-11-20 10:00:00"}`,
  `{"order_id":${B},"user_id":"A2","status":"PENDING_PAYMENT","status_time":"2026-11-20 10:00:01"}`,
  `{"order_id":${A},"user_id":"A1","status":"PAID","prev_status":"PENDING_PAYMENT","status_time":"2026-11-20 10:01:00"}`,
  `{"order_id":${B},"user_id":"A2","status":"PAID","prev_status":"PENDING_PAYMENT","status_time":"2026-11-20 10:01:01"}`,
];
const ITEMS = [
  `{"order_id":${A},"item_id":98765432109876543210,"sku_id":"SKU-L","quantity":1,"price":"10","create_time":"2026-11-20 10:00:00"}`,
  `{"order_id":${A},"item_id":98765432109876543211,"sku_id":"SKU-L","quantity":2,"price":"10","create_time":"2026-11-20 10:00:00"}`,
  `{"order_id":${B},"item_id":1e21,"sku_id":"SKU-L","quantity":3,"price":"10","create_time":"2026-11-20 10:00:01"}`,
];

function directory(): string {
  const dir = tempDir('numeric-ids');
  mkdirSync(dir, { recursive: true });
  cpSync(REFERENCE, join(dir, 'reference'), { recursive: true });
  writeFileSync(join(dir, 'order_status_events.ndjson'), STATUS.join('\n') + '\n');
  writeFileSync(join(dir, 'order_item_events.ndjson'), ITEMS.join('\n') + '\n');
  return dir;
}

/** The same messages as a tape: items first, then status events; message objects, not text. */
function tape(): string {
  const dir = tempDir('numeric-ids-tape');
  cpSync(REFERENCE, join(dir, 'reference'), { recursive: true });
  const lines = [
    ...ITEMS.map((m) => `{"topic":"order_item_events","value":${m}}`),
    ...STATUS.map((m) => `{"topic":"order_status_events","value":${m}}`),
  ];
  writeFileSync(join(dir, 'tape.ndjson'), lines.join('\n') + '\n');
  return dir;
}

async function replay(source: string): Promise<string> {
  const out = join(tempDir('numeric-ids-out'), 'out');
  await runReplay({ source, out, timeZone: UTC, clock: { now: () => Date.UTC(2030, 0, 1) } });
  return out;
}

describe('numeric ids past 2^53', () => {
  it('keep every digit: two orders one apart stay two, each item line its own', async () => {
    const out = await replay(directory());
    expect(tableRows(out, 'order_lifecycle').map((r) => [r.order_id, r.user_id, r.current_status]).sort()).toEqual([
      [A, 'A1', 'PAID'],
      [B, 'A2', 'PAID'],
    ]);
    expect(tableRows(out, 'inventory_update_results').map((r) => [r.op_id, r.quantity, r.status]).sort()).toEqual([
      [`${A}:98765432109876543210:FREEZE`, 1, 'SUCCESS'],
      [`${A}:98765432109876543211:FREEZE`, 2, 'SUCCESS'],
      [`${B}:1000000000000000000000:FREEZE`, 3, 'SUCCESS'],
    ]);
    expect(tableRows(out, 'product_inventory')[0]).toMatchObject({ sku_id: 'SKU-L', available_stock: 14, frozen_stock: 6 });
    expect(tableRows(out, 'dead_letters')).toEqual([]);
  });

  it('read the same from a tape of message objects', async () => {
    const fromTape = outputsOf(await replay(tape()), PROCESSING_TIME_COLUMNS);
    const fromFiles = outputsOf(await replay(directory()), PROCESSING_TIME_COLUMNS);
    delete fromTape['data_quality_metrics.ndjson'];
    delete fromFiles['data_quality_metrics.ndjson'];
    expect(fromTape).toEqual(fromFiles);
    expect(fromTape['order_lifecycle.ndjson']).toHaveLength(2);
  });
});
