import { describe, expect, it } from 'vitest';
import { parseFrom } from './replay-from.js';

describe('parseFrom', () => {
  it('reads earliest, UTC times, zoned times and epoch ms', () => {
    expect(parseFrom('earliest')).toEqual({ ok: true, from: null });
    expect(parseFrom('  ')).toEqual({ ok: true, from: null });
    expect(parseFrom('2026-11-20T08:00')).toEqual({ ok: true, from: Date.UTC(2026, 10, 20, 8) });
    expect(parseFrom('2026-11-20 08:00:00')).toEqual({ ok: true, from: Date.UTC(2026, 10, 20, 8) });
    expect(parseFrom('2026-11-20T08:00+08:00')).toEqual({ ok: true, from: Date.UTC(2026, 10, 20, 0) });
    expect(parseFrom('1700000000000')).toEqual({ ok: true, from: 1_700_000_000_000 });
  });
  it('refuses anything else', () => {
    expect(parseFrom('yesterday').ok).toBe(false);
    expect(parseFrom('2026-13-01T00:00').ok).toBe(false);
  });
});
