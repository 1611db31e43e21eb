import { describe, expect, it } from 'vitest';
import { bar, bytes, compact, dateTime, fit, int, minutes, pct, span, stamp } from './format.js';

describe('format', () => {
  it('fits text to a width, marking cuts', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abc', 5, 'right')).toBe('  abc');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('abc', 0)).toBe('');
    // Wide characters take two cells: padded and cut by cells, not by characters.
    expect(fit('手机壳', 8)).toBe('手机壳  ');
    expect(fit('手机壳', 8, 'right')).toBe('  手机壳');
    expect(fit('蓝牙耳机 Pro', 7)).toBe('蓝牙耳…');
    expect(fit('蓝牙耳机', 6)).toBe('蓝牙… ');
    expect(fit('café', 5)).toBe('café ');
  });

  it('formats numbers densely', () => {
    expect(int(1234567)).toBe('1,234,567');
    expect([compact(950), compact(1234), compact(12_345), compact(1_234_567), compact(0.5)]).toEqual(['950', '1.2k', '12k', '1.2M', '0.5']);
    // The unit is picked after rounding, so a label is never wider than 4 characters.
    expect([compact(9_999), compact(999_999), compact(9_960_000), compact(-9_999)]).toEqual(['10k', '1.0M', '10M', '-10k']);
    for (let n = 1000; n < 2e9; n = Math.ceil(n * 1.0007)) expect(compact(n).length, String(n)).toBeLessThanOrEqual(4);
    expect(pct(1, 3)).toBe('33%');
    expect(pct(1, 40)).toBe('2.5%');
    expect(pct(1, 100_000)).toBe('<0.1%');
    expect(pct(1, 0)).toBe('–');
  });

  it('formats spans, minutes and bytes', () => {
    expect([span(850), span(4_000), span(185_000), span(7_800_000), span(3 * 86_400_000 + 4 * 3_600_000)]).toEqual(['850ms', '4s', '3m05s', '2h10m', '3d04h']);
    expect([minutes(45), minutes(95), minutes(1500)]).toEqual(['45m', '1h35m', '25h00m']);
    expect([bytes(512), bytes(1536), bytes(512 * 1024 * 1024)]).toEqual(['512 B', '1.5 KiB', '512 MiB']);
  });

  it('writes times in UTC', () => {
    const t = Date.UTC(2026, 10, 20, 8, 1, 2);
    expect(stamp(t)).toBe('11-20 08:01:02');
    expect(dateTime(t)).toBe('2026-11-20 08:01Z');
  });

  it('draws bars in eighths, never hiding a non-zero value', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(9, 80, 4)).toBe('▌');
    expect(bar(1, 10_000, 4)).toBe('▏');
    expect(bar(0, 10, 4)).toBe('');
    // 35 of 239 in 27 cells is 3.95 cells: four full ones (the ninth eighth was dropped, drawing
    // it shorter than 29 of 239).
    expect([bar(35, 239, 27), bar(29, 239, 27)]).toEqual(['████', '███▎']);
    // A larger value never draws a shorter bar.
    const cells = (b: string) => [...b].reduce((n, c) => n + (c === '█' ? 8 : ' ▏▎▍▌▋▊▉'.indexOf(c)), 0);
    for (let v = 1; v <= 239; v++) expect(cells(bar(v, 239, 27)), String(v)).toBeGreaterThanOrEqual(cells(bar(v - 1, 239, 27)));
  });
});
