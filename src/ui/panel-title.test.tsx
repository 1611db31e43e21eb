import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { PanelTitle } from './panel-title.js';

afterEach(() => cleanup());

const title = (width: number, stale = false): string =>
  render(<PanelTitle title="status funnel" detail="15,324" fresh={{ stale, age: '2s ago' }} width={width} />).lastFrame() ?? '';

describe('PanelTitle', () => {
  it('fills its width: title, detail, rule, freshness', () => {
    const f = title(50);
    expect(f).toMatch(/^status funnel {2}15,324 ─+ updated 2s ago$/);
    expect(f).toHaveLength(50);
  });

  it('shortens the freshness before the title, and drops a detail whole rather than cut it', () => {
    expect(title(36)).toMatch(/^status funnel {2}15,324 ─+ 2s ago$/);
    expect(title(36)).toHaveLength(36);
    expect(title(31, true)).toMatch(/^status funnel ─+ STALE 2s ago$/);
    expect(title(31, true)).toHaveLength(31);
  });

  it('never cuts the STALE marker', () => {
    expect(title(20, true)).toContain('STALE 2s ago');
  });

  it('measures wide characters in cells, so a CJK filter does not push the freshness off', () => {
    const f = render(<PanelTitle title="stock" detail="/澳洲谷饲牛排" fresh={{ stale: true, age: '2s ago' }} width={40} />).lastFrame() ?? '';
    expect(f).toMatch(/^stock {2}\/澳洲谷饲牛排 ─+ STALE 2s ago$/);
    expect(stringWidth(f)).toBe(40);
  });
});
