// The production shape against the golden cases: each case's input produced to one-partition
// topics of a real Kafka-protocol broker (message timestamps in the file merge's order), read by
// `runStream` into a real MariaDB, exported, and compared with the hand-checked expected outputs
// of the file replay. Dead letters differ only where they point: a partition and offset instead
// of a file and line.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { TOPICS } from '../src/engine/types.js';
import { runStream } from '../src/runtime/stream-run.js';
import { MysqlStore } from '../src/sinks/mysql/mysql-store.js';
import { loadReferenceDir } from '../src/sources/file/reference-files.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { createTestDatabase } from './support/mysql.js';
import { outputsOf, tempDir } from './support/outputs.js';
import { produceRecords, readRecords } from './support/produce.js';

const ROOT = join(import.meta.dirname, 'golden');
const FIXED = { now: () => Date.UTC(2030, 0, 1) };

/** Cases a broker can carry: a tape line that names no topic has no Kafka equivalent. */
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'expected')))
  .map((d) => d.name)
  .filter((name) => readRecords(join(ROOT, name, 'input')).every((r) => r.invalid === null))
  .sort();

const topicOf = (kase: string, t: number): string => `${kase}.${TOPICS[t]}`;

let broker: MockBroker;
beforeAll(async () => {
  const topics: Record<string, number> = {};
  for (const c of cases) for (let t = 0; t < 3; t++) topics[topicOf(c, t)] = 1;
  broker = await startBroker(topics);
}, 60_000);
afterAll(() => broker?.stop());

/** Dead letters compared by what they say, not where they point. */
function deadLetterGist(rows: string[]): string[] {
  return rows.map((r) => {
    const { source_topic, reason, payload } = JSON.parse(r) as Record<string, unknown>;
    return JSON.stringify([source_topic, reason, payload]);
  }).sort();
}

describe('golden cases through Kafka and MySQL', () => {
  it('covers most cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)('%s gives the file replay outputs', async (kase) => {
    const input = join(ROOT, kase, 'input');
    const kafka = testKafka(broker);
    const records = readRecords(input);
    await produceRecords(kafka, records, { topicOf: (t) => topicOf(kase, t) });

    const db = await createTestDatabase();
    const store = await MysqlStore.open(db.url, { migrate: true });
    try {
      await store.seedReference(loadReferenceDir(input), FIXED.now());
      const summary = await runStream({
        kafka,
        groupId: `golden-${kase}`,
        store,
        timeZone: UTC,
        clock: FIXED,
        exitWhenIdleMs: 300,
        topics: Object.fromEntries(TOPICS.map((name, t) => [name, topicOf(kase, t)])),
        consumer: QUICK_GROUP,
      });
      expect(summary.stoppedBy).toBe('idle');
      expect(summary.processed).toBe(records.length);
      const out = tempDir('kafka-golden');
      await store.exportNdjson(out);
      const got = outputsOf(out);
      const expected = outputsOf(join(ROOT, kase, 'expected'));
      expect(deadLetterGist(got['dead_letters.ndjson'] ?? [])).toEqual(deadLetterGist(expected['dead_letters.ndjson'] ?? []));
      delete got['dead_letters.ndjson'];
      delete expected['dead_letters.ndjson'];
      expect(got).toEqual(expected);
      // The store emits the windows (once all partitions closed them): the summary counts them.
      expect(summary.engine.stats.windowsEmitted).toBe((expected['order_processing_metrics.ndjson'] ?? []).length);
      expect((await store.checks()).filter((c) => !c.ok)).toEqual([]);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
