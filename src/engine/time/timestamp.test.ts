import { describe, expect, it } from 'vitest';
import { formatTime, parseTimestamp, TimeZone, UTC } from './timestamp.js';

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

  it('formats as ISO-8601 UTC with milliseconds', () => {
    expect(formatTime(Date.UTC(2026, 10, 20, 8))).toBe('2026-11-20T08:00:00.000Z');
  });
});
