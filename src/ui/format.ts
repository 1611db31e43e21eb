// Number, time and text formatting for dense terminal cells. Times are shown in UTC, as every
// ordertrack output writes them (SPEC §1), so the console and the tables agree.
import stringWidth from 'string-width';

const PLAIN = /^[\x20-\x7e]*$/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Pads or cuts `text` to exactly `width` terminal cells (a CJK character or an emoji takes two);
 * a cut ends with '…' so it never reads as whole.
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (PLAIN.test(text)) {
    if (text.length > width) return width === 1 ? '…' : text.slice(0, width - 1) + '…';
    return align === 'right' ? text.padStart(width) : text.padEnd(width);
  }
  let cells = stringWidth(text);
  if (cells > width) {
    let kept = '';
    cells = 0;
    for (const { segment } of graphemes.segment(text)) {
      const w = stringWidth(segment);
      if (cells + w > width - 1) break;
      kept += segment;
      cells += w;
    }
    text = kept + '…';
    cells += 1;
  }
  const pad = ' '.repeat(width - cells);
  return align === 'right' ? pad + text : text + pad;
}

/** 12345 → "12,345". */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Short figures for narrow cells and chart axes: 950, 9.5k, 12k, 1.2M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return Number.isInteger(n) ? String(n) : n.toFixed(a < 10 ? 1 : 0);
  const sign = n < 0 ? '-' : '';
  // The unit is chosen after rounding: 9,999 is 10k (not 10.0k), 999,999 is 1.0M (not 1000k).
  for (const [d, unit] of UNITS) {
    const v = a / d;
    if (v < 9.95) return sign + v.toFixed(1) + unit;
    if (Math.round(v) < 1000 || unit === 'G') return sign + Math.round(v) + unit;
  }
  return String(n);
}

const UNITS: readonly [number, string][] = [
  [1e3, 'k'],
  [1e6, 'M'],
  [1e9, 'G'],
];

/** A span of time, two units at most: 850ms, 4s, 3m05s, 2h10m, 3d04h. */
export function span(ms: number): string {
  const a = Math.max(0, ms);
  if (a < 1000) return `${Math.round(a)}ms`;
  const s = Math.floor(a / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

/** Whole minutes as a span: 95 → "1h35m". */
export function minutes(m: number): string {
  return m < 60 ? `${m}m` : span(m * 60_000);
}

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** "08:01:02" (UTC). */
export function clock(t: number): string {
  return new Date(t).toISOString().slice(11, 19);
}

/** "11-20 08:01:02" (UTC): enough to tell days apart in a timeline. */
export function stamp(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(5, 10)} ${iso.slice(11, 19)}`;
}

/** "2026-11-20 08:01Z": a full time, for watermarks and replay starts. */
export function dateTime(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

export function pct(part: number, total: number): string {
  if (total <= 0) return '–';
  const p = (100 * part) / total;
  return p > 0 && p < 0.1 ? '<0.1%' : `${p.toFixed(p < 10 ? 1 : 0)}%`;
}

/** A horizontal bar of `width` cells for value/max, using eighth blocks for the fractional end. */
export function bar(value: number, max: number, width: number): string {
  if (width <= 0) return '';
  const cells = max > 0 ? Math.max(0, Math.min(1, value / max)) * width : 0;
  // Rounded to eighths first, so 7.96 cells is 8 full ones, not 7 and a dropped ninth eighth.
  const eighthsTotal = Math.round(cells * 8);
  const full = Math.floor(eighthsTotal / 8);
  const part = eighthsTotal % 8;
  const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const body = '█'.repeat(full) + (part > 0 ? eighths[part]! : '');
  // a non-zero value always shows at least a sliver, so 1 of 10,000 is not read as none
  return body === '' && value > 0 ? '▏' : body;
}
