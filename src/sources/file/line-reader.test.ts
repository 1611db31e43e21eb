import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../errors.js';
import { LineReader } from './line-reader.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(content: string | Buffer): string {
  dir = mkdtempSync(join(tmpdir(), 'lr-'));
  const p = join(dir, 'f.ndjson');
  writeFileSync(p, content);
  return p;
}

function all(r: LineReader): [number, string][] {
  const out: [number, string][] = [];
  for (let l = r.next(); l !== undefined; l = r.next()) out.push([r.lineNumber, l]);
  r.close();
  return out;
}

describe('LineReader', () => {
  it('reads \\n and \\r\\n lines, empty lines and a last line without a newline', () => {
    const p = file('a\r\nb\n\n  \nlast');
    expect(all(new LineReader(p))).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, '  '],
      [5, 'last'],
    ]);
  });

  it('gives no extra line after a final newline, and nothing for an empty file', () => {
    expect(all(new LineReader(file('x\ny\n')))).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    rmSync(dir, { recursive: true });
    expect(all(new LineReader(file('')))).toEqual([]);
  });

  it('keeps multi-byte characters whole across chunk boundaries, and grows for long lines', () => {
    const lines = ['訂單已付款 ✓', 'x'.repeat(100), '𝄞𝄞𝄞 emoji 😀', '', 'ünïcödé'];
    const p = file(lines.join('\n') + '\n');
    for (const size of [16, 17, 19, 23, 64]) {
      expect(all(new LineReader(p, size)).map(([, l]) => l)).toEqual(lines);
    }
  });

  it('drops a UTF-8 byte-order mark at the start only', () => {
    const p = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n\ufeffb\n')]));
    expect(all(new LineReader(p, 16)).map(([, l]) => l)).toEqual(['{"a":1}', '\ufeffb']);
  });

  it('skips lines without decoding them, then goes on reading', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1} ${'é'.repeat(i % 7)}`);
    const p = file(lines.join('\r\n'));
    for (const k of [0, 1, 13, 49, 50]) {
      const r = new LineReader(p, 32);
      expect(r.skip(k)).toBe(k);
      expect(r.lineNumber).toBe(k);
      expect(all(r)).toEqual(lines.slice(k).map((l, i) => [k + i + 1, l]));
    }
    const r = new LineReader(p, 32);
    r.next();
    expect(r.skip(100)).toBe(49);
    expect(r.lineNumber).toBe(50);
    expect(r.next()).toBeUndefined();
    r.close();
  });

  it('reports a missing file as a UserError naming it', () => {
    dir = mkdtempSync(join(tmpdir(), 'lr-'));
    const p = join(dir, 'nope.ndjson');
    expect(() => new LineReader(p)).toThrow(UserError);
    expect(() => new LineReader(p)).toThrow(`Cannot read ${p}: it does not exist`);
  });
});
