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
    writeFileSync(join(dir, 'reference', 'stock.csv'), '');
    expect(unreadFiles(dir)).toEqual([]);
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
