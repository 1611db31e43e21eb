// How far through its input a file source is, in bytes: it climbs with every record to exactly
// the bytes this run reads, counts a resumed run from where it resumed, and ends a --to run at
// its last kept line.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTimestamp, UTC } from '../../engine/time/timestamp.js';
import type { SourceRecord } from '../../engine/types.js';
import type { BoundedSource, InputProgress } from '../source.js';
import type { FileSourceOptions } from './file-record.js';
import { openSource } from './open-source.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const opts: FileSourceOptions = { timeZone: UTC };
const at = (minute: number) => `2026-11-20 10:${String(minute).padStart(2, '0')}:00`;

function writeLines(name: string, lines: string[]): number {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return statSync(path).size;
}

/** Progress after each record, read one at a time, and the records read. */
function readAll(src: BoundedSource): { seen: InputProgress[]; records: number } {
  const seen = [src.progress()];
  const buf: SourceRecord[] = [];
  let records = 0;
  while (src.next(1, buf) > 0) {
    records++;
    buf.length = 0;
    seen.push(src.progress());
  }
  src.close();
  return { seen, records };
}

function expectClimbsTo(seen: InputProgress[], total: number): void {
  expect(seen[0]!.read).toBe(0);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!.read).toBeGreaterThanOrEqual(seen[i - 1]!.read);
  for (const p of seen) expect(p.total).toBe(total);
  expect(seen.at(-1)!.read).toBe(total);
}

describe('file source progress', () => {
  const status = Array.from({ length: 6 }, (_, i) => `{"order_id":"o${i}","status_time":"${at(i * 2)}"}`);
  const logistics = Array.from({ length: 6 }, (_, i) => `{"order_id":"o${i}","status_time":"${at(i * 2 + 1)}"}`);

  it('a directory: from 0 to every byte up to the last line, climbing with each record', () => {
    const s = writeLines('order_status_events.ndjson', status);
    const l = writeLines('logistics_events.ndjson', logistics);
    const { seen, records } = readAll(openSource(dir, opts));
    expect(records).toBe(12);
    // Each file ends with its last line's first byte (its text is read with it).
    const lastLen = (lines: string[]) => lines.at(-1)!.length + 1;
    expectClimbsTo(seen, s - lastLen(status) + 1 + (l - lastLen(logistics) + 1));
  });

  it('a directory resumed from its position counts only what is left', () => {
    writeLines('order_status_events.ndjson', status);
    writeLines('logistics_events.ndjson', logistics);
    const first = openSource(dir, opts);
    const buf: SourceRecord[] = [];
    first.next(5, buf);
    const full = first.progress();
    const position = first.position();
    first.close();
    const { seen, records } = readAll(openSource(dir, { ...opts, position }));
    expect(records).toBe(7);
    expect(seen[0]!.total).toBeLessThan(full.total);
    expectClimbsTo(seen, seen[0]!.total);
  });

  it('a directory with --to ends at its last kept line', () => {
    writeLines('order_status_events.ndjson', status);
    const whole = readAll(openSource(dir, opts)).seen[0]!.total;
    const { seen, records } = readAll(openSource(dir, { ...opts, to: parseTimestamp(at(5), UTC) }));
    expect(records).toBe(3);
    expect(seen[0]!.total).toBeLessThan(whole);
    expectClimbsTo(seen, seen[0]!.total);
  });

  it('a tape: every byte of the file, and from the resumed line on', () => {
    const lines = status.map((v) => `{"topic":"order_status_events","value":${v}}`);
    const size = writeLines('tape.ndjson', lines);
    const { seen, records } = readAll(openSource(dir, opts));
    expect(records).toBe(6);
    expectClimbsTo(seen, size);
    const first = openSource(dir, opts);
    first.next(2, []);
    const position = first.position();
    first.close();
    const resumed = readAll(openSource(dir, { ...opts, position }));
    expect(resumed.records).toBe(4);
    expectClimbsTo(resumed.seen, size - (lines[0]!.length + 1) - (lines[1]!.length + 1));
  });
});
