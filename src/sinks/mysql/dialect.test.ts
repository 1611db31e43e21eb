import { describe, expect, it } from 'vitest';
import { InternalError } from '../../errors.js';
import { fromDatetime, MAX_TIME, MIN_TIME, q, toDatetime } from './dialect.js';

describe('MySQL times', () => {
  it('round-trips epoch ms through DATETIME(3) text, before 1970 and up to year 9999', () => {
    for (const ms of [0, -1, -86_400_001, Date.UTC(2026, 10, 20, 8, 0, 0, 7), MIN_TIME, MAX_TIME]) {
      expect(fromDatetime(toDatetime(ms))).toBe(ms);
    }
    expect(toDatetime(Date.UTC(2026, 10, 20, 8, 0, 0, 7))).toBe('2026-11-20 08:00:00.007');
  });

  it('refuses a time a DATETIME cannot hold rather than store it shifted', () => {
    for (const ms of [MIN_TIME - 1, MAX_TIME + 1, 1.5, Number.NaN]) expect(() => toDatetime(ms)).toThrow(InternalError);
  });
});

describe('q', () => {
  it('quotes schema identifiers and refuses anything else', () => {
    expect(q('partition')).toBe('`partition`');
    expect(() => q('x`; DROP TABLE y')).toThrow(InternalError);
  });
});
