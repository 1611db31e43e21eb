// End to end through Kafka and MySQL (issue bar: ≥ 30,000 records/s): a synthetic data set
// produced to 4-partition topics of the Kafka-protocol test broker (librdkafka's mock cluster),
// then one `runStream` instance reading it into a fresh MariaDB database and publishing its
// outputs. The rate counts from the first record processed to the end of the final commit and
// publish (the group join and the final idle wait left out). Needs the machine's MariaDB (root, no password) and librdkafka-dev.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mysql from 'mysql2/promise';
import { UTC } from '../engine/time/timestamp.js';
import { TOPICS, type SourceRecord } from '../engine/types.js';
import { runStream } from '../runtime/stream-run.js';
import { KafkaPublisher } from '../sinks/kafka/publisher.js';
import { MysqlStore } from '../sinks/mysql/mysql-store.js';
import { openSource } from '../sources/file/open-source.js';
import { loadReferenceDir } from '../sources/file/reference-files.js';
import { startBroker } from '../tools/mock-broker.js';
import { generateDataset } from './generate.js';

const PARTITIONS = 4;
const DATABASE = 'ordertrack_bench';

export async function kafkaMysqlBench(root: string, records: number): Promise<{ records: number; recordsPerSecond: number }> {
  const data = join(root, `synthetic-${records}`);
  if (!existsSync(join(data, 'order_status_events.ndjson'))) generateDataset(data, { records, seed: 2 });
  const input: SourceRecord[] = [];
  const src = openSource(data, { timeZone: UTC });
  while (src.next(65_536, input) > 0);
  src.close();

  const outputs = ['order_lifecycle', 'logistics_dispatch_commands', 'order_status_notifications', 'order_commands', 'ordertrack_dead_letters'];
  const topics = Object.fromEntries([...TOPICS.map((t) => [t, PARTITIONS]), ...outputs.map((t) => [t, 1])]);
  const broker = await startBroker(topics);
  const admin = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const kafka = new Kafka({ clientId: 'ordertrack-bench', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const store = await MysqlStore.open(`mysql://root@127.0.0.1:3306/${DATABASE}`, { migrate: true });
  try {
    // Produce in slices (the mock answers large requests slowly), keyed by order so a partition
    // holds whole orders, timestamps in the file merge's order.
    for (let i = 0; i < input.length; i += 20_000) {
      const slice = input.slice(i, i + 20_000);
      await producer.sendBatch({
        acks: -1,
        topicMessages: TOPICS.map((topic, t) => ({
          topic,
          messages: slice.flatMap((r, j) => {
            if (r.topic !== t) return [];
            const id = (r.value as { order_id?: unknown } | undefined)?.order_id;
            return [{ key: id === undefined ? null : String(id), value: r.raw ?? JSON.stringify(r.value), timestamp: String(1_700_000_000_000 + i + j) }];
          }),
        })),
      });
    }
    await store.seedReference(loadReferenceDir(data), Date.now());
    const summary = await runStream({
      kafka,
      groupId: 'bench',
      store,
      publisher: new KafkaPublisher({ producer }),
      timeZone: UTC,
      exitWhenIdleMs: 1000,
      commitIntervalMs: Number(process.env.BENCH_COMMIT_MS ?? 1000),
      consumer: { sessionTimeout: 6_000, rebalanceTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 },
    });
    // The test broker keeps about 5 MB per partition log and drops the oldest records past it:
    // at 4 partitions some 150k records fit. A rate over fewer records than produced is no figure.
    if (summary.processed !== input.length) {
      throw new Error(`the test broker kept ${summary.processed} of the ${input.length} records produced (it holds ~5 MB per partition): bench fewer records`);
    }
    // First record to last, plus the final commit and publish (the idle wait before it left out).
    const seconds = (summary.lastRecordAt - summary.firstRecordAt + summary.finalCommitMs) / 1000;
    return { records: summary.processed, recordsPerSecond: summary.processed / seconds };
  } finally {
    await store.close();
    await producer.disconnect();
    await broker.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.end();
  }
}
