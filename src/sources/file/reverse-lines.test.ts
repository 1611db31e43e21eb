import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LineReader } from './line-reader.js';
import { eachLineBackward } from './reverse-lines.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function forward(path: string, skip: number): [string, number][] {
  const r = new LineReader(path, 16);
  r.skip(skip);
  const out: [string, number][] = [];
  for (let l = r.next(); l !== undefined; l = r.next()) out.push([l, r.lineOffset]);
  r.close();
  return out;
}

describe('eachLineBackward', () => {
  it('gives the lines LineReader gives, at the same offsets, last first', () => {
    dir = mkdtempSync(join(tmpdir(), 'rev-'));
    const p = join(dir, 't.ndjson');
    const contents = [
      '\ufeff{"a":1}\r\n訂單 ✓\n\nlast',
      'one\n',
      '',
      '\ufeff',
      '\ufeff\n',
      '\r',
      'a\r',
      '\n\n\r\n',
      Array.from({ length: 40 }, (_, i) => 'é'.repeat(i % 9) + 'x'.repeat(i % 5)).join('\n') + '\n',
    ];
    for (const content of contents) {
      writeFileSync(p, content);
      const total = forward(p, 0).length;
      for (let skip = 0; skip <= total; skip++) {
        const r = new LineReader(p, 16);
        r.skip(skip);
        const from = r.nextOffset;
        r.close();
        for (const chunk of [1, 3, 7, 64]) {
          const got: [string, number][] = [];
          eachLineBackward(p, from, (l, at) => (got.push([l, at]), true), chunk);
          expect(got.reverse()).toEqual(forward(p, skip));
        }
      }
    }
  });

  it('stops when visit returns false', () => {
    dir = mkdtempSync(join(tmpdir(), 'rev-'));
    const p = join(dir, 't.ndjson');
    writeFileSync(p, 'a\nb\nc');
    const seen: string[] = [];
    eachLineBackward(p, 0, (l) => (seen.push(l), seen.length < 2));
    expect(seen).toEqual(['c', 'b']);
  });
});
