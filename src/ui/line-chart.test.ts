import { describe, expect, it } from 'vitest';
import { chartLines, mergeColorRuns } from './line-chart.js';

describe('chartLines', () => {
  it('draws exactly the lines it is given and no wider than its width', () => {
    const lines = chartLines([[1, 5, 3, 9, 2]], 30, 6, undefined);
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });

  it('keeps its height for flat and zero series', () => {
    expect(chartLines([[0, 0, 0]], 30, 5, undefined)).toHaveLength(5);
    expect(chartLines([[7, 7, 7]], 30, 5, undefined)).toHaveLength(5);
  });

  it('shows the newest points that fit', () => {
    const series = Array.from({ length: 200 }, (_, i) => (i < 190 ? 0 : 100));
    const lines = chartLines([series], 20, 4, undefined);
    // the jump to 100 at the end is in view
    expect(lines[0]).toContain('─');
  });

  it('says there is no data rather than drawing an empty axis', () => {
    expect(chartLines([[]], 30, 5, undefined)).toEqual(['\u0000  no data yet']);
  });

  it('merges asciichart per-cell colour codes into runs', () => {
    const g = '\u001b[32m';
    const r = '\u001b[0m';
    expect(mergeColorRuns(`  1 ┤${g}╭${r}${g}─${r} ${g}╮${r}`)).toBe(`  1 ┤${g}╭─ ╮\u001b[39m`);
  });
});

describe('chartLines stretch', () => {
  it('repeats each bucket so a short series fills the width', () => {
    const plain = chartLines([[1, 2, 3]], 40, 4, undefined);
    const wide = chartLines([[1, 2, 3]], 40, 4, undefined, true);
    expect(Math.max(...wide.map((l) => l.trimEnd().length))).toBeGreaterThan(Math.max(...plain.map((l) => l.trimEnd().length)) + 10);
    expect(wide.every((l) => l.length <= 40)).toBe(true);
  });
});
