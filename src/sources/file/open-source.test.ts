import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/outputs.js';
import { unreadFiles } from './open-source.js';

describe('unreadFiles', () => {
  const READS = 'a source reads order_status_events.ndjson, order_item_events.ndjson, logistics_events.ndjson or tape.ndjson';

  it('is empty for a directory as the README describes it (other files are not data)', () => {
    const dir = tempDir('unread');
    for (const f of ['order_status_events.ndjson', 'logistics_events.ndjson', 'README.md', 'notes.txt']) writeFileSync(join(dir, f), '');
    mkdirSync(join(dir, 'reference'));
    for (const f of ['product_inventory.csv', 'user_address.ndjson', 'README.md']) writeFileSync(join(dir, 'reference', f), '');
    expect(unreadFiles(dir)).toEqual([]);
  });

  it('names data files in reference/ under names no reference table is read from', () => {
    const dir = tempDir('unread');
    writeFileSync(join(dir, 'order_status_events.ndjson'), '');
    mkdirSync(join(dir, 'reference'));
    for (const f of ['product_info.csv', 'inventory.csv', 'rules.json', 'notes.txt']) writeFileSync(join(dir, 'reference', f), '');
    expect(unreadFiles(dir)).toEqual([
      `inventory.csv, rules.json in ${join(dir, 'reference')} are not read: reference/ reads product_inventory, product_info, ` +
        'user_address, logistics_area_info, order_processing_rules (each .ndjson or .csv)',
    ]);
  });

  it('names data files under other names, and topic files a tape beside them hides', () => {
    const dir = tempDir('unread');
    for (const f of ['tape.ndjson', 'order_item_events.ndjson', 'orders.JSONL', 'items.csv', 'status.json']) writeFileSync(join(dir, f), '');
    expect(unreadFiles(dir)).toEqual([
      `items.csv, orders.JSONL, status.json in ${dir} are not read: ${READS}`,
      `order_item_events.ndjson in ${dir} is not read: the tape.ndjson there is read instead`,
    ]);
  });

  it('leaves a directory that is not there to the source to report', () => {
    expect(unreadFiles('/no/such/dir')).toEqual([]);
  });
});
