// Checkpoints own the offsets: a Kafka/MySQL run stopped part-way resumes from its checkpoint,
// re-reads only what that checkpoint does not cover, and ends with the outputs of one run
// straight through (here: the file replay of the same input).
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { TOPICS } from '../src/engine/types.js';
import { runReplay } from '../src/runtime/replay.js';
import { runStream, type StreamRunOptions } from '../src/runtime/stream-run.js';
import { MysqlStore } from '../src/sinks/mysql/mysql-store.js';
import { loadReferenceDir } from '../src/sources/file/reference-files.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { createTestDatabase } from './support/mysql.js';
import { outputsOf, tempDir } from './support/outputs.js';
import { produceRecords, readRecords } from './support/produce.js';

const EXAMPLE = resolve(import.meta.dirname, '..', 'examples', 'store-day');
const FIXED = { now: () => Date.UTC(2030, 0, 1) };

let broker: MockBroker;
beforeAll(async () => {
  broker = await startBroker(Object.fromEntries(TOPICS.map((t) => [t, 1])));
}, 60_000);
afterAll(() => broker?.stop());

describe('a Kafka/MySQL run stopped part-way', () => {
  it('resumes from its checkpoint and gives the outputs of a run straight through', async () => {
    const records = readRecords(EXAMPLE);
    const kafka = testKafka(broker);
    await produceRecords(kafka, records);

    const db = await createTestDatabase();
    const store = await MysqlStore.open(db.url, { migrate: true });
    try {
      await store.seedReference(loadReferenceDir(EXAMPLE), FIXED.now());
      const common: StreamRunOptions = {
        kafka, groupId: 'restart', store, timeZone: UTC, clock: FIXED, exitWhenIdleMs: 300, consumer: QUICK_GROUP,
        batchSize: 50, commitIntervalMs: 0,
      };
      const signal = { stopped: false };
      const first = await runStream({ ...common, signal, onCommit: ({ processed }) => void (signal.stopped = processed >= 200) });
      expect(first.stoppedBy).toBe('signal');
      expect(first.processed).toBeGreaterThanOrEqual(200);
      expect(first.processed).toBeLessThan(records.length);

      let lag: { topic: string; partition: number; records: number }[] = [];
      const second = await runStream({ ...common, onCommit: ({ source }) => void (lag = source.lag()) });
      // Read to the end: nothing behind on any of the three topic-partitions.
      expect(lag.map((l) => [l.topic, l.partition, l.records]).sort()).toEqual(TOPICS.map((t) => [t, 0, 0]).sort());
      expect(second.resumed).toBe(true);
      expect(second.stoppedBy).toBe('idle');
      // Only what the first run's last checkpoint did not cover is read again: nothing twice.
      expect(first.processed + second.processed).toBe(records.length);

      const out = tempDir('kafka-restart');
      await store.exportNdjson(out);
      const expected = tempDir('kafka-restart-expected');
      await runReplay({ source: EXAMPLE, out: expected, timeZone: UTC, clock: FIXED });
      const drop = ['file', 'line', 'partition', 'offset'];
      expect(outputsOf(out, drop)).toEqual(outputsOf(expected, drop));
      expect((await store.checks()).filter((c) => !c.ok)).toEqual([]);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
