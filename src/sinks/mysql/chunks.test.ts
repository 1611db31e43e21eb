import { describe, expect, it } from 'vitest';
import { CHUNK, MAX_BYTES, statementSizes } from './chunks.js';

const rows = (n: number, value: unknown = 1) => Array.from({ length: n }, () => [value, value]);

describe('statementSizes', () => {
  it('writes CHUNK rows a statement and the rest in powers of two (few statement shapes)', () => {
    expect(statementSizes(rows(0))).toEqual([]);
    expect(statementSizes(rows(1))).toEqual([1]);
    expect(statementSizes(rows(CHUNK))).toEqual([CHUNK]);
    expect(statementSizes(rows(2 * CHUNK + 11))).toEqual([CHUNK, CHUNK, 8, 2, 1]);
  });

  it('cuts a statement before its values pass MAX_BYTES', () => {
    const big = 'x'.repeat(Math.floor(MAX_BYTES / 3 / 2)); // two of these fill a statement
    const sizes = statementSizes(rows(5, big));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
    expect(Math.max(...sizes)).toBeLessThan(5);
    expect(sizes.every((n) => (n & (n - 1)) === 0)).toBe(true);
  });
});
