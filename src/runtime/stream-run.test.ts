import { describe, expect, it } from 'vitest';
import { refreshGapAfter } from './stream-run.js';

describe('refreshGapAfter', () => {
  it('keeps the interval while reading the tables back is cheap', () => {
    expect(refreshGapAfter(1000, 5)).toBe(1000);
    expect(refreshGapAfter(1000, 111)).toBe(1000);
  });

  it('spaces the reads out so that they take at most a tenth of the run', () => {
    // CHECKSUM TABLE of 1M user_address rows took ~180 ms on MariaDB here: still within the 2 s bar.
    expect(refreshGapAfter(1000, 180)).toBeCloseTo(1620);
    expect(refreshGapAfter(1000, 1000)).toBeCloseTo(9000);
    const took = 400;
    expect(took / (took + refreshGapAfter(1000, took))).toBeCloseTo(0.1);
  });
});
