import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { makeSnapshot, testHandle, tick } from './fixtures.js';
import { HandleContext } from './handle-context.js';
import type { ConsoleSnapshot } from './model.js';
import { useSnapshot } from './use-snapshot.js';

afterEach(() => cleanup());

let renders = 0;
function Probe(): React.JSX.Element {
  renders++;
  return <Text>{useSnapshot().overview.records_total}</Text>;
}

const withTotal = (n: number): ConsoleSnapshot => {
  const s = makeSnapshot();
  return { ...s, overview: { ...s.overview, records_total: n } };
};

describe('useSnapshot', () => {
  it('shows a snapshot at once after a quiet spell, and at most one per 100 ms in a burst', async () => {
    const h = testHandle(withTotal(1));
    const r = render(
      <HandleContext.Provider value={h.handle}>
        <Probe />
      </HandleContext.Provider>,
    );
    await tick(150);
    h.push(withTotal(2));
    await tick(5);
    expect(r.lastFrame()).toBe('2');
    renders = 0;
    for (let i = 3; i <= 200; i++) h.push(withTotal(i));
    await tick(5);
    expect(r.lastFrame()).toBe('2');
    await tick(50);
    expect(renders).toBe(0);
    // the trailing render carries the last snapshot of the burst
    for (let waited = 0; r.lastFrame() !== '200' && waited < 1000; waited += 10) await tick(10);
    expect(r.lastFrame()).toBe('200');
    expect(renders).toBe(1);
  });
});
