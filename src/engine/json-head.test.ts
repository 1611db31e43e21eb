import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay } from '../runtime/replay.js';
import { jsonHead } from './json-head.js';
import { UTC } from './time/timestamp.js';
import { tableRows } from '../../test/support/outputs.js';

const dir = mkdtempSync(join(tmpdir(), 'ordertrack-json-head-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonHead', () => {
  it('writes what JSON.stringify writes, for every kind of value JSON.parse makes', () => {
    const text = '{"a":[1,-2.5,1e+21,"x\\"y\\n",true,false,null,[],{}],"b":{"c":{"d":["用户取消","\\u0001"]}},"":0}';
    const value: unknown = JSON.parse(text);
    expect(jsonHead(value, 10_000)).toBe(JSON.stringify(value));
    for (const v of [null, 0, 'text', true, [], {}]) expect(jsonHead(v, 100)).toBe(JSON.stringify(v));
  });

  it('stops once it has `limit` characters: the start of the text, even of a value nested past the stack', () => {
    expect(jsonHead(JSON.parse('[1,2,3,4,5,6,7,8,9]'), 6)).toBe('[1,2,3');
    const value: unknown = JSON.parse(deep(200_000));
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(jsonHead(value, 4096)).toBe('['.repeat(4096));
  });

  it('lets a replay dead-letter a tape message nested too deep to stringify, with its first 4 KiB', async () => {
    const source = join(dir, 'tape');
    mkdirSync(join(source, 'reference'), { recursive: true });
    const ok = '{"order_id":"O1","user_id":"U1","status":"PENDING_PAYMENT","status_time":"2026-11-20 10:00:00"}';
    writeFileSync(
      join(source, 'tape.ndjson'),
      [
        `{"topic":"order_status_events","value":${deep(200_000)}}`,
        `{"topic":"order_status_events","value":{"order_id":${deep(100_000)},"user_id":"U1","status":"PAID","status_time":"2026-11-20 10:00:00"}}`,
        `{"topic":"order_status_events","value":${ok}}`,
      ].join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const summary = await runReplay({ source, out, timeZone: UTC });
    expect(summary.deadLetters).toEqual({ NOT_OBJECT: 1, 'BAD_VALUE:order_id': 1 });
    const rows = tableRows(out, 'dead_letters') as { reason: string; payload: string }[];
    expect(rows.map((r) => [r.reason, r.payload.length, r.payload.slice(0, 16)])).toEqual([
      ['NOT_OBJECT', 4096, '['.repeat(16)],
      ['BAD_VALUE:order_id', 4096, '{"order_id":[[[['],
    ]);
    expect(readFileSync(join(out, 'order_lifecycle.ndjson'), 'utf8')).toContain('"order_id":"O1"');
  });
});
