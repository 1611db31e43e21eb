import { describe, expect, it } from 'vitest';
import { TOPICS, T_STATUS, type SourceRecord } from '../../engine/types.js';
import { DEFAULT_START, Simulator } from '../simulator/simulator.js';
import { SimulatorFeed } from './simulator-feed.js';

const HOUR = 3_600_000;

/** Everything the feed has for wall-clock `now`. */
function drain(feed: SimulatorFeed, now: number): SourceRecord[] {
  const out: SourceRecord[] = [];
  while (feed.poll(1000, out, now) > 0);
  return out;
}

describe('SimulatorFeed replay', () => {
  it('reads the log again from its start: before the time, and other topics, quiet', () => {
    const create = (start: number) => new Simulator({ seed: 3, ordersPerDay: 5_000, start });
    // 600× from the start: 10 h of simulated traffic by wall-clock minute 1.
    const feed = new SimulatorFeed({ seed: 3, start: DEFAULT_START, speed: 600, create, now: 0 });
    const first = drain(feed, 60_000);
    expect(first.length).toBeGreaterThan(1000);
    expect(first.every((r) => !r.quiet)).toBe(true);
    const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(total(feed.delivered)).toBe(first.length);

    const from = DEFAULT_START + 5 * HOUR;
    const seek = first.length - total(feed.plan(TOPICS, from));
    expect(seek).toBeGreaterThan(0);
    expect(seek).toBeLessThan(first.length);
    const planned = total(feed.plan(['order_status_events'], from));
    expect(feed.rewind(['order_status_events'], from)).toBe(planned);

    const again = drain(feed, 60_000);
    expect(again.map((r) => r.raw)).toEqual(first.map((r) => r.raw));
    const quiet = again.map((r) => r.quiet);
    expect(quiet).toEqual(first.map((r, i) => i < seek || r.topic !== T_STATUS));
    expect(total(feed.delivered) - first.length).toBe(planned);
    expect(planned).toBeGreaterThan(0);

    // Past where the replay began, records are no longer quiet.
    const later = drain(feed, 120_000);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => !r.quiet)).toBe(true);
  });
});
