import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Column } from '../schema.js';
import { writeNdjson } from './ndjson-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordertrack-ndjson-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const col = (name: string, kind: Column['kind']): Column => ({ name, kind, nullable: true, exported: true });
const COLS = [col('s', 'text'), col('n', 'int'), col('x', 'real'), col('t', 'time'), col('b', 'bool'), col('j', 'json')];

/** The line JSON.stringify would write for the same row. */
function expected(r: readonly unknown[]): string {
  const [s, n, x, t, b, j] = r;
  return JSON.stringify({
    s, n, x,
    t: t === null ? null : new Date(t as number).toISOString(),
    b: b === null ? null : b === 1,
    j: j === null ? null : JSON.parse(j as string),
  });
}

function roundTrip(rows: unknown[][]): string[] {
  const path = join(dir, 'out.ndjson');
  expect(writeNdjson(path, COLS, rows)).toBe(rows.length);
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n') || rows.length === 0).toBe(true);
  return text.split('\n').slice(0, -1);
}

describe('writeNdjson', () => {
  it('writes each kind as JSON.stringify / formatTime would', () => {
    const rows = [
      ['plain', 0, 0.1 + 0.2, 0, 1, '{"a":[1,2]}'],
      ['esc " \\ \n \t \u0001 \u007f', -42, 1 / 3, -1, 0, '"x"'],
      ['中文 é 😀', Number.MAX_SAFE_INTEGER, 300, 253_402_300_800_000, 0, 'null'],
      [null, null, null, null, null, null],
      ['', -Number.MAX_SAFE_INTEGER, 1e21, 1_700_000_000_123, 1, '[]'],
      ['big', 2 ** 60, -5e-7, -62_198_755_200_001, 1, '{}'],
    ];
    expect(roundTrip(rows)).toEqual(rows.map(expected));
  });

  it('flushes across chunk boundaries and writes texts larger than the buffer', () => {
    const long = 'é'.repeat(3_000_000);
    const rows: unknown[][] = [];
    for (let i = 0; i < 60_000; i++) rows.push([`row-${i}-${'x'.repeat(i % 97)}`, i, i / 7, 1_700_000_000_000 + i * 997, i % 2, null]);
    rows.splice(30_000, 0, [long, 1, 1, 1, 1, null]);
    const out = roundTrip(rows);
    expect(out).toHaveLength(rows.length);
    for (const i of [0, 1, 29_999, 30_000, 30_001, 45_678, rows.length - 1]) expect(out[i]).toBe(expected(rows[i]!));
  });

  it('writes an empty file for no rows', () => {
    expect(roundTrip([])).toEqual([]);
  });
});
