import { describe, expect, it } from 'vitest';
import { layoutColumns, windowStart } from './columns.js';

describe('layoutColumns', () => {
  const specs = [
    { min: 4, max: 10 },
    { min: 4, max: 6, optional: true },
    { min: 3, max: 20, flex: true },
  ];

  it('gives every column what its content wants and the rest to the flex column', () => {
    // 1 marker + 3 gaps + 8 + 5 + 6 = 23; 7 spare go to the flex column
    expect(layoutColumns(specs, 30, [8, 5, 6])).toEqual([8, 5, 13]);
  });

  it('shares the spare cells by how much more each column wants when not all fit', () => {
    const w = layoutColumns(specs, 20, [10, 6, 20]);
    expect(w.reduce((a, b) => a + b, 0) + 4).toBe(20);
    expect(w.every((x, i) => x >= specs[i]!.min)).toBe(true);
  });

  it('drops optional columns when the minimums do not fit', () => {
    expect(layoutColumns(specs, 12)).toEqual([5, 0, 4]);
  });
});

describe('windowStart', () => {
  it('keeps the selection in view', () => {
    expect(windowStart(0, 100, 10)).toBe(0);
    expect(windowStart(50, 100, 10)).toBe(45);
    expect(windowStart(99, 100, 10)).toBe(90);
    expect(windowStart(5, 8, 10)).toBe(0);
  });
});
