// How fresh a figure is. The console must never show an old number as if it were current: a
// panel is STALE when its run is not live (no recent heartbeat) or its data is older than
// STALE_AFTER_MS against the wall clock, which keeps ticking even when snapshots stop coming.
import { span } from './format.js';

export const STALE_AFTER_MS = 10_000;

export interface Freshness {
  stale: boolean;
  /** "2s ago", or "no data" when the figures were never produced. */
  age: string;
}

export function freshness(updatedAt: number | null, now: number, live: boolean): Freshness {
  if (updatedAt === null) return { stale: true, age: 'no data' };
  const ms = Math.max(0, now - updatedAt);
  return { stale: !live || ms > STALE_AFTER_MS, age: `${ms < 1000 ? '<1s' : span(ms)} ago` };
}

/** The text a freshness tag takes, so titles can be laid out around it exactly. */
export function freshnessText(f: Freshness, long: boolean): string {
  if (f.stale) return `STALE ${f.age}`;
  return long ? `updated ${f.age}` : f.age;
}
