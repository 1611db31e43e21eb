// The console's data-quality figures during a live run: the store has a minute's rows only once
// that processing minute has closed, so the run reports the minute it still holds as well.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TimeZone } from '../engine/time/timestamp.js';
import type { SourceRecord } from '../engine/types.js';
import { loadReferenceDir } from '../sources/file/reference-files.js';
import { DirectoryFeed } from '../sources/live/directory-feed.js';
import { StoreFeed } from './console-feed.js';
import { LiveRun } from './live.js';

const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'examples', 'store-day');
const UTC = new TimeZone('UTC');
const dir = mkdtempSync(join(tmpdir(), 'ordertrack-feed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('StoreFeed data quality', () => {
  it('includes the records of the processing minute not yet written while the run is live, then the stored rows', () => {
    const store = join(dir, 'store.sqlite');
    // 10 s into a wall-clock minute: everything is read within it.
    let now = Date.UTC(2026, 10, 20, 8, 0, 10);
    const clock = { now: () => now };
    const run = new LiveRun(
      {
        store,
        sourceId: EXAMPLE,
        reference: loadReferenceDir(EXAMPLE),
        timeZone: UTC,
        openSource: (position) => new DirectoryFeed(EXAMPLE, { timeZone: UTC, position, now }),
      },
      clock,
    );
    const feeds: StoreFeed[] = [];
    const figures = () => {
      const feed = new StoreFeed({ store, operator: 'test', readOnly: true, clock });
      feeds.push(feed);
      return feed.current();
    };
    try {
      const records: SourceRecord[] = [];
      while (run.source.poll(4096, records, now) > 0);
      for (const r of records) run.engine.process(r, now);
      run.processed = records.length;
      expect(records.length).toBe(407);
      run.commit();
      run.writeStatus();

      // The minute is open: no data-quality row is stored, yet the live figures hold every record.
      expect(run.store.dataQualityTotals().total).toBe(0);
      const live = figures();
      expect(live.run.live).toBe(true);
      expect(live.engine.data_quality.total).toBe(407);
      // Consistent with the dead letters on the same screen: each is a schema violation.
      const deadLetters = live.engine.dead_letters_by_reason.reduce((n, r) => n + r.count, 0);
      expect(deadLetters).toBe(8);
      expect(live.engine.data_quality.schema_violations).toBeGreaterThanOrEqual(deadLetters);
      expect(live.engine.data_quality.duplicates).toBeGreaterThan(0);
      const open = live.engine.data_quality;

      // The minute closes: its rows wait for the next commit, and are counted once throughout.
      now += 60_000;
      run.engine.tick(now);
      run.writeStatus();
      expect(run.store.dataQualityTotals().total).toBe(0);
      expect(figures().engine.data_quality).toEqual(open);
      run.commit();
      run.writeStatus();
      expect(run.store.dataQualityTotals()).toEqual(open);
      expect(figures().engine.data_quality).toEqual(open);

      // Stopped: the console reads the stored rows, as after a replay.
      run.engine.flushDataQuality();
      run.commit();
      run.writeStatus(true);
      const stopped = figures();
      expect(stopped.run.live).toBe(false);
      expect(stopped.engine.data_quality).toEqual(open);
    } finally {
      for (const f of feeds) f.close();
      run.close();
    }
  });
});

describe('StoreFeed on a replay store', () => {
  it('tells the source and checkpoint the replay left, with no live run', async () => {
    const { runReplay } = await import('./replay.js');
    const store = join(dir, 'replayed.sqlite');
    const savedAt = Date.UTC(2026, 10, 24, 9, 30);
    await runReplay({ source: EXAMPLE, out: join(dir, 'replayed-out'), store, timeZone: UTC, clock: { now: () => savedAt } });
    const feed = new StoreFeed({ store, operator: 'test', readOnly: true, clock: { now: () => savedAt + 3_600_000 } });
    try {
      const s = feed.current();
      expect(s.run).toMatchObject({ source: EXAMPLE, live: false });
      expect(s.overview.checkpoint_at).toBe(savedAt);
      // The records and dead letters the replay wrote: the store's own counts, not a live run's.
      expect(s.overview.records_total).toBe(407);
      expect(s.overview.dead_letters_total).toBe(8);
      expect(s.engine.dead_letters_by_reason.reduce((n, r) => n + r.count, 0)).toBe(8);
      expect(s.engine.dead_letters_by_reason[0]).toEqual({ reason: 'PARSE_ERROR', count: 2 });
      // Every FAILED op of the store (the example day: 3 FREEZE, 3 DECREASE).
      expect(s.stock.failed_ops).toBe(6);
      // An order's current status, for the console to warn before a late cancel.
      expect(await feed.orderStatus('NO-SUCH-ORDER')).toBeNull();
      expect(['PENDING_PAYMENT', 'PAID', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'EXPIRED', 'REFUNDED']).toContain(await feed.orderStatus('O0000001'));
    } finally {
      feed.close();
    }
  });
});

describe('ConsoleQueries: in-flight orders', () => {
  it('counts by level exactly the orders the list would classify, however many it shows', async () => {
    const { runReplay } = await import('./replay.js');
    const { SqliteStore } = await import('../sinks/sqlite/sqlite-store.js');
    const path = join(dir, 'in-flight.sqlite');
    // The day's first twelve hours: the orders paid then are still in flight at its end.
    await runReplay({ source: EXAMPLE, out: join(dir, 'in-flight-out'), store: path, timeZone: UTC, to: Date.UTC(2026, 10, 20, 12) });
    const store = SqliteStore.open(path);
    try {
      const q = store.queries;
      // Late on the first day (12 h and 24 h after the morning's payments) and long after.
      for (const clock of [Date.UTC(2026, 10, 20, 20), Date.UTC(2026, 10, 21, 8), Date.UTC(2026, 11, 5)]) {
        const all = q.inFlightAtRisk(clock, 720, 1440, 10_000);
        const counts = q.inFlightCounts(clock, 720, 1440);
        expect(counts).toEqual({
          at_risk: all.filter((o) => o.level === 'AT_RISK').length,
          overdue: all.filter((o) => o.level === 'OVERDUE').length,
        });
        expect(q.inFlightAtRisk(clock, 720, 1440, 2).length).toBeLessThanOrEqual(2);
      }
      expect(q.inFlightCounts(Date.UTC(2026, 10, 21, 8), 720, 1440).at_risk).toBeGreaterThan(0);
      expect(q.inFlightCounts(Date.UTC(2026, 11, 5), 720, 1440).overdue).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});
