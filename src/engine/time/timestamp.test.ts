import { describe, expect, it } from 'vitest';
import { formatTime, parseTimeLoose, parseTimestamp, TimeZone, UTC } from './timestamp.js';

describe('parseTimestamp', () => {
  it('reads the accepted forms', () => {
    const t = Date.UTC(2026, 10, 20, 8, 0, 0);
    expect(parseTimestamp('2026-11-20T08:00:00.000Z', UTC)).toBe(t);
    expect(parseTimestamp('2026-11-20T08:00:00Z', UTC)).toBe(t);
    expect(parseTimestamp('2026-11-20 08:00:00', UTC)).toBe(t);
    expect(parseTimestamp('2026-11-20 08:00:00.5', UTC)).toBe(t + 500);
    expect(parseTimestamp('2026-11-20T08:00:00.123456Z', UTC)).toBe(t + 123);
    expect(parseTimestamp('2026-11-20T16:00:00+08:00', UTC)).toBe(t);
    expect(parseTimestamp('2026-11-20T03:30:00-0430', UTC)).toBe(t);
    expect(parseTimestamp(t, UTC)).toBe(t);
  });

  it('reads a zone-less string in the configured zone, across a DST change', () => {
    const shanghai = new TimeZone('Asia/Shanghai');
    expect(parseTimestamp('2026-11-20 16:00:00', shanghai)).toBe(Date.UTC(2026, 10, 20, 8));
    const ny = new TimeZone('America/New_York');
    expect(parseTimestamp('2026-07-01 12:00:00', ny)).toBe(Date.UTC(2026, 6, 1, 16));
    expect(parseTimestamp('2026-12-01 12:00:00', ny)).toBe(Date.UTC(2026, 11, 1, 17));
    expect(parseTimestamp('2026-12-01T12:00:00Z', ny)).toBe(Date.UTC(2026, 11, 1, 12));
  });

  it('rejects what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2026-13-01 00:00:00', '2026-02-30 00:00:00', '2026-11-20 24:00:00', '1700000000000', 1.5, true, null, {}, []]) {
      expect(parseTimestamp(bad, UTC)).toBeUndefined();
    }
    expect(parseTimestamp('2024-02-29 00:00:00', UTC)).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2023-02-29 00:00:00', UTC)).toBeUndefined();
  });

  it('takes the instants of the years 0001–9999, exactly, in every form', () => {
    const first = Date.parse('0001-01-01T00:00:00.000Z');
    const last = Date.parse('9999-12-31T23:59:59.999Z');
    expect(parseTimestamp('0001-01-01 00:00:00', UTC)).toBe(first);
    expect(parseTimestamp('9999-12-31T23:59:59.999Z', UTC)).toBe(last);
    expect(parseTimestamp(first, UTC)).toBe(first);
    expect(parseTimestamp(last, UTC)).toBe(last);
    // Date.UTC alone would read the years 0–99 as 1900–1999.
    expect(formatTime(parseTimestamp('0050-03-01 12:00:00', UTC)!)).toBe('0050-03-01T12:00:00.000Z');
    expect(formatTime(parseTimestamp('0099-12-31T23:00:00-02:00', UTC)!)).toBe('0100-01-01T01:00:00.000Z');
    expect(formatTime(parseTimeLoose('0050-01-01', new TimeZone('Asia/Shanghai'))!)).toBe('0049-12-31T15:54:17.000Z'); // local mean time then
    // Past them: JavaScript's dates end at ±8.64e15 ms, and a row with such a time could not be written.
    for (const bad of ['0000-12-31 23:59:59', '0001-01-01T00:00:00+00:01', first - 1, last + 1, 9_007_199_254_740_991, 8_640_000_000_000_000, -8_640_000_000_000_000]) {
      expect(parseTimestamp(bad, UTC), String(bad)).toBeUndefined();
    }
    expect(parseTimestamp('0001-01-01 07:59:59', new TimeZone('Asia/Shanghai'))).toBeUndefined();
  });

  it('reads an event strictly: seconds, a `.` fraction, `Z` or an offset, nothing around it', () => {
    for (const bad of ['2026-11-20 10:01', '2026-11-20T10:01', '2026-11-20', '2026-11-20T10:01:00z', ' 2026-11-20 10:00:00', '2026-11-20 10:00:00 ', '2026-11-20T10:00:00,5Z', '2026-11-20T10:00:00 Z']) {
      expect(parseTimestamp(bad, UTC), bad).toBeUndefined();
    }
  });

  it('reads an operator\'s or a reference row\'s time loosely', () => {
    const sp = new TimeZone('America/Sao_Paulo');
    expect(parseTimeLoose('2026-11-20', UTC)).toBe(Date.UTC(2026, 10, 20));
    expect(parseTimeLoose(' 2026-11-20 10:01 ', UTC)).toBe(Date.UTC(2026, 10, 20, 10, 1));
    expect(parseTimeLoose('2026-11-20T10:00:00,5z', UTC)).toBe(Date.UTC(2026, 10, 20, 10, 0, 0, 500));
    expect(parseTimeLoose('2026-11-20 10:00:00', sp)).toBe(Date.UTC(2026, 10, 20, 13));
    expect(parseTimeLoose(Date.UTC(2026, 10, 20), UTC)).toBe(Date.UTC(2026, 10, 20));
    expect(parseTimeLoose('yesterday', UTC)).toBeUndefined();
  });

  it('pushes a time in a DST gap forward by the gap; takes the earlier of a time shown twice', () => {
    // Sao Paulo, 2018-11-04: 00:00 (−03) jumped to 01:00 (−02); 2019-02-17: 00:00 (−02) went back to 23:00 (−03).
    const sp = new TimeZone('America/Sao_Paulo');
    expect(parseTimestamp('2018-11-04 00:30:00', sp)).toBe(Date.UTC(2018, 10, 4, 3, 30));
    expect(parseTimestamp('2018-11-04 01:30:00', sp)).toBe(Date.UTC(2018, 10, 4, 3, 30));
    expect(parseTimestamp('2018-11-03 23:30:00', sp)).toBe(Date.UTC(2018, 10, 4, 2, 30));
    expect(parseTimestamp('2019-02-16 23:30:00', sp)).toBe(Date.UTC(2019, 1, 17, 1, 30));
    expect(parseTimestamp('2019-02-17 00:30:00', sp)).toBe(Date.UTC(2019, 1, 17, 3, 30));
    // New York, 2026-03-08 02:30 never happened (→ 03:30 EDT); 2026-11-01 01:30 happened twice (EDT first).
    const ny = new TimeZone('America/New_York');
    expect(parseTimestamp('2026-03-08 02:30:00', ny)).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(parseTimestamp('2026-11-01 01:30:00', ny)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it('formats as ISO-8601 UTC with milliseconds', () => {
    expect(formatTime(Date.UTC(2026, 10, 20, 8))).toBe('2026-11-20T08:00:00.000Z');
  });
});

describe('formatTime', () => {
  it('writes exactly what toISOString writes, across days, centuries and extended years', () => {
    const at = [0, -1, 1, 86_399_999, 86_400_000, -86_400_001, Date.UTC(2026, 10, 20, 23, 59, 59, 999), Date.UTC(1, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), 8.64e15, -8.64e15, 253402300800000];
    let x = 12345;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      at.push(Math.round((x / 2147483648 - 0.5) * 2 * 8.64e15), Date.UTC(2026, 0, 1) + x * 37);
    }
    for (const ms of at) expect(formatTime(ms)).toBe(new Date(ms).toISOString());
    expect(formatTime(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => formatTime(8.64e15 + 1)).toThrow(RangeError);
  });
});
