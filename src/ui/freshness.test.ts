import { describe, expect, it } from 'vitest';
import { freshness, freshnessText } from './freshness.js';

describe('freshness', () => {
  const now = 1_000_000;
  it('is fresh when recent and live', () => {
    expect(freshness(now - 2000, now, true)).toEqual({ stale: false, age: '2s ago' });
    expect(freshnessText(freshness(now - 2000, now, true), true)).toBe('updated 2s ago');
  });
  it('is stale past 10 s, when the run is not live, or with no data', () => {
    expect(freshness(now - 10_001, now, true).stale).toBe(true);
    expect(freshness(now - 10_000, now, true).stale).toBe(false);
    expect(freshness(now - 1000, now, false).stale).toBe(true);
    expect(freshnessText(freshness(null, now, true), true)).toBe('STALE no data');
  });
});
