// Scale-out (issue 4): `ordertrack run` instances in one consumer group share the partitions.
// Two instances give exactly the tables one instance gives over the same input (SPEC §4: one
// clock per partition; windows summed over partitions in the store), and when one is killed
// the other claims its partitions, restores them from their last checkpoints and carries on.
//
// Input: simulated storefront traffic over four partitions, each SKU renamed per partition. Two
// partitions sharing a SKU would make the ledger's before/after stock figures (and who gets the
// last unit) depend on the order partitions are read in, even within one instance; per partition
// everything is determined by the partition's own records.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { T_ITEM, TOPICS, type SourceRecord, type TopicName } from '../src/engine/types.js';
import { runStream, type StreamRunOptions } from '../src/runtime/stream-run.js';
import { MysqlStore } from '../src/sinks/mysql/mysql-store.js';
import type { ReferenceSeed } from '../src/sinks/store.js';
import { loadReferenceDir } from '../src/sources/file/reference-files.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { createTestDatabase, type TestDatabase } from './support/mysql.js';
import { outputsOf, PROCESSING_TIME_COLUMNS, tempDir } from './support/outputs.js';
import { produceRecords, readRecords } from './support/produce.js';
import { until } from './support/until.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const FIXED = { now: () => Date.UTC(2030, 0, 1) };
const PARTITIONS = 4;

let broker: MockBroker;
let records: SourceRecord[];
let reference: ReferenceSeed;
const databases: TestDatabase[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  broker = await startBroker(Object.fromEntries(TOPICS.flatMap((t) => [[t, PARTITIONS], [`standby.${t}`, 1]])));
  const dir = tempDir('scale-out-input');
  const sim = spawnSync(process.execPath, [CLI, 'simulate', '--out', dir, '--seed', '5', '--orders', '3000', '--stock-outs', '0.05'], { encoding: 'utf8' });
  expect(sim.status, sim.stderr).toBe(0);
  records = readRecords(dir).map(skuPerPartition);
  reference = loadReferenceDir(dir);
  const copies = <T extends { sku_id: string }>(rows: T[]): T[] => rows.flatMap((r) => Array.from({ length: PARTITIONS }, (_, p) => ({ ...r, sku_id: `${r.sku_id}@${p}` })));
  reference.product_inventory = copies(reference.product_inventory);
  reference.product_info = copies(reference.product_info);
  await produceRecords(testKafka(broker), records);
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(databases.map((d) => d.drop()));
  await broker?.stop();
});

/** The partition the producer sends an order's records to (kafkajs's default, murmur2 of the key). */
const partitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
const partitionOf = (orderId: string): number => partitioner({ topic: 'any', partitionMetadata, message: { key: orderId, value: null } });

/** An item event's SKU, renamed for the partition its order goes to. */
function skuPerPartition(r: SourceRecord): SourceRecord {
  const v = r.value as { order_id?: unknown; sku_id?: unknown } | undefined;
  if (r.topic !== T_ITEM || r.parseError || typeof v !== 'object' || v === null || typeof v.order_id !== 'string' || typeof v.sku_id !== 'string') return r;
  const value = { ...v, sku_id: `${v.sku_id}@${partitionOf(v.order_id)}` };
  return { ...r, value, raw: JSON.stringify(value) };
}

async function seededDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  const store = await MysqlStore.open(db.url, { migrate: true });
  try {
    await store.seedReference(reference, FIXED.now());
  } finally {
    await store.close();
  }
  return db;
}

/** Exports the database's output tables (NDJSON files); returns the directory and the failed checks. */
async function tablesOf(db: TestDatabase): Promise<{ dir: string; failed: unknown[] }> {
  const store = await MysqlStore.open(db.url);
  try {
    const dir = tempDir('scale-out-tables');
    await store.exportNdjson(dir);
    return { dir, failed: (await store.checks()).filter((c) => !c.ok) };
  } finally {
    await store.close();
  }
}

const common = (groupId: string): Omit<StreamRunOptions, 'store'> => ({
  kafka: testKafka(broker), groupId, timeZone: UTC, clock: FIXED, consumer: QUICK_GROUP, exitWhenIdleMs: 1500,
});

/** One instance alone over the input: the tables every spread of the partitions must give (their directory). */
let single: Promise<string> | undefined;
function singleInstance(): Promise<string> {
  single ??= (async () => {
    const db = await seededDatabase();
    const store = await MysqlStore.open(db.url);
    try {
      const run = await runStream({ ...common('single'), store });
      expect(run.processed).toBe(records.length);
      expect(run.partitions).toEqual([0, 1, 2, 3]);
    } finally {
      await store.close();
    }
    const { dir, failed } = await tablesOf(db);
    expect(failed).toEqual([]);
    return dir;
  })();
  return single;
}

describe('instances of one consumer group', () => {
  it('split the partitions between two instances and give the tables of one', async () => {
    const expected = await singleInstance();
    const db = await seededDatabase();
    // Two stores: two pools, as two processes would have.
    const [sa, sb] = await Promise.all([MysqlStore.open(db.url), MysqlStore.open(db.url)]);
    try {
      // Small batches and a commit each: the second instance joins while the first is at work,
      // so partitions change hands part-way through.
      const opts = { ...common('pair'), commitIntervalMs: 0, batchSize: 128 };
      const [a, b] = await Promise.all([runStream({ ...opts, store: sa, instanceId: 'a' }), runStream({ ...opts, store: sb, instanceId: 'b' })]);
      expect(a.processed).toBeGreaterThan(0);
      expect(b.processed).toBeGreaterThan(0);
      // A partition handed over is re-read from its checkpoint: never less than the input in all.
      expect(a.processed + b.processed).toBeGreaterThanOrEqual(records.length);
      const owners = await db.sql('SELECT partition_id, owner FROM partition_checkpoint ORDER BY partition_id');
      expect(owners.map((r) => Number(r[0]))).toEqual([0, 1, 2, 3]);
      // Both held partitions at their end; the one that ends first hands its partitions to the other
      // (whose checkpoints then name it), so who owns them in the table depends on who ends first.
      expect(a.partitions.length).toBeGreaterThan(0);
      expect(b.partitions.length).toBeGreaterThan(0);
      expect(new Set([...a.partitions, ...b.partitions])).toEqual(new Set([0, 1, 2, 3]));
      expect(owners.every((r) => r[1] === 'a' || r[1] === 'b')).toBe(true);
      // The renaming matched the producer's partitioning: every op's SKU is its order's partition's.
      const ops = await db.sql(
        "SELECT COUNT(*), SUM(SUBSTRING_INDEX(i.sku_id, '@', -1) = s.partition_id) FROM inventory_update_results i JOIN order_state s ON s.order_id = i.order_id",
      );
      expect(Number(ops[0]![0])).toBeGreaterThan(1000);
      expect(Number(ops[0]![1])).toBe(Number(ops[0]![0]));
    } finally {
      await Promise.all([sa.close(), sb.close()]);
    }
    const { dir, failed } = await tablesOf(db);
    expect(failed).toEqual([]);
    expect(outputsOf(dir)).toEqual(outputsOf(expected));
  }, 240_000);

  it('hands a killed instance\'s partitions to the other, which restores them from their checkpoints', async () => {
    const expected = await singleInstance();
    const db = await seededDatabase();
    const report = join(tempDir('scale-out-report'), 'b.json');
    const instance = (name: string, extra: string[] = []): ChildProcess => {
      const args = [
        CLI, 'run', '--brokers', broker.brokers.join(','), '--mysql', db.url, '--group', 'kill', '--instance-id', name,
        '--no-idempotent-producer', '--session-timeout', '6s', '--commit-interval', '50ms', '--exit-when-idle', '15s', '--quiet', ...extra,
      ];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(child);
      return child;
    };
    const a = instance('A');
    const b = instance('B', ['--report', report]);
    let bErr = '';
    b.stderr!.on('data', (d: Buffer) => (bErr += d.toString()));
    const bExit = new Promise<number | null>((r) => b.on('exit', (code) => r(code)));

    // Both at work: each has checkpointed partitions of its own.
    // (A session of 6 s: on a loaded machine a shorter one has members evicted and rejoining.)
    await until('both instances to checkpoint', async () => {
      const owners = await db.sql('SELECT DISTINCT owner FROM partition_checkpoint WHERE state IS NOT NULL');
      return owners.length === 2;
    }, 150_000);
    const held = (await db.sql("SELECT partition_id FROM partition_checkpoint WHERE owner = 'A' ORDER BY partition_id")).map((r) => Number(r[0]));
    expect(held.length).toBeGreaterThan(0);
    a.kill('SIGKILL'); // no goodbye: the group notices when A's session times out

    expect(await bExit, bErr).toBe(0);
    const summary = JSON.parse(readFileSync(report, 'utf8')) as { partitions: number[]; takenOver: number };
    expect(summary.partitions).toEqual([0, 1, 2, 3]);
    // B restored at least A's partitions (more if the group moved partitions between them before the kill).
    expect(summary.takenOver).toBeGreaterThanOrEqual(held.length);
    expect((await db.sql("SELECT DISTINCT owner FROM partition_checkpoint"))).toEqual([['B']]);

    // B's processing time is the wall clock's: compare all but the processing-time columns and
    // the data-quality rows (keyed by processing minute).
    const { dir, failed } = await tablesOf(db);
    expect(failed).toEqual([]);
    const [got, want] = [outputsOf(dir, PROCESSING_TIME_COLUMNS), outputsOf(expected, PROCESSING_TIME_COLUMNS)];
    for (const o of [got, want]) delete o['data_quality_metrics.ndjson'];
    expect(got).toEqual(want);
  }, 300_000);
});

describe('more instances than partitions', () => {
  it('leaves an instance with no partition standing by instead of failing; both finish a bounded run', async () => {
    const db = await seededDatabase();
    const topics = Object.fromEntries(TOPICS.map((t) => [t, `standby.${t}`])) as Record<TopicName, string>;
    const standby = records.filter((r) => !r.parseError && partitionOf(String((r.value as { order_id?: unknown }).order_id)) === 0).slice(0, 300);
    const kafka = testKafka(broker);
    const producer = kafka.producer();
    await producer.connect();
    await producer.sendBatch({
      acks: -1,
      topicMessages: TOPICS.map((t, i) => ({
        topic: topics[t],
        messages: standby.filter((r) => r.topic === i).map((r) => ({ key: String((r.value as { order_id?: unknown }).order_id), value: r.raw ?? JSON.stringify(r.value) })),
      })),
    });
    await producer.disconnect();
    const [sa, sb] = await Promise.all([MysqlStore.open(db.url), MysqlStore.open(db.url)]);
    try {
      const opts = { ...common('standby'), topics, joinTimeoutMs: 30_000 };
      const runs = await Promise.all([runStream({ ...opts, store: sa, instanceId: 'a' }), runStream({ ...opts, store: sb, instanceId: 'b' })]);
      // One owns the partition at the end (it may have moved once as the second joined); the other stood by.
      const ends = runs.map((r) => r.partitions).sort((x, y) => x.length - y.length);
      expect(ends).toEqual([[], [0]]);
      expect(runs.every((r) => r.stoppedBy === 'idle')).toBe(true);
      expect(runs[0]!.processed + runs[1]!.processed).toBeGreaterThanOrEqual(standby.length);
      expect((await db.sql('SELECT COUNT(*) FROM order_state'))[0]![0]).toBeGreaterThan(0);
    } finally {
      await Promise.all([sa.close(), sb.close()]);
    }
  }, 120_000);
});

describe('a commit refused because the stock changed under the instance', () => {
  it('rebuilds from the checkpoints with the stock as it stands, and records the op as it now goes', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const store = await MysqlStore.open(db.url, { migrate: true });
    const kafka = testKafka(broker);
    const names = Object.fromEntries(TOPICS.map((t) => [t, `stale.${t}`])) as Record<TopicName, string>;
    const admin = kafka.admin();
    await admin.connect();
    await admin.fetchTopicMetadata({ topics: Object.values(names) }); // the test broker creates them
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    /** An order placed and paid: its line is frozen (SPEC §6). */
    const order = (id: string, quantity: number, at: string) =>
      producer.sendBatch({
        acks: -1,
        topicMessages: [
          {
            topic: names.order_status_events,
            messages: ['PENDING_PAYMENT', 'PAID'].map((status) => ({ key: id, value: JSON.stringify({ order_id: id, user_id: 'U1', status, status_time: at }) })),
          },
          { topic: names.order_item_events, messages: [{ key: id, value: JSON.stringify({ order_id: id, item_id: 'i1', sku_id: 'S', quantity, price: 10, create_time: at }) }] },
        ],
      });
    const opStatus = async (id: string) => (await db.sql("SELECT status FROM inventory_update_results WHERE order_id = ? AND op_type = 'FREEZE'", [id]))[0]?.[0];
    const signal = { stopped: false };
    try {
      const stock = { product_id: 'P', sku_id: 'S', total_stock: 5, available_stock: 5, frozen_stock: 0, locked_stock: 0, update_time: null };
      await store.seedReference({ product_inventory: [stock], product_info: [], user_address: [], logistics_area_info: [], order_processing_rules: [] }, FIXED.now());
      await order('O1', 3, '2026-11-20 10:00:00');
      // No stock refresh of its own: the instance keeps deciding on the stock it read.
      const running = runStream({ ...common('stale'), exitWhenIdleMs: undefined, topics: names, store, signal, commitIntervalMs: 100, refreshMs: 3_600_000 });
      await until('the first freeze', async () => (await opStatus('O1')) === 'SUCCESS', 40_000);
      // Someone takes the last two units out behind the instance's back.
      await db.sql("UPDATE product_inventory SET available_stock = 0, total_stock = 3 WHERE sku_id = 'S'");
      await order('O2', 2, '2026-11-20 10:05:00');
      await until('the second freeze', async () => (await opStatus('O2')) !== undefined, 15_000);
      signal.stopped = true;
      const run = await running;
      expect(run.rebuilds).toBe(1);
      // O2's records were read twice, and count once: the figures went back to the last commit.
      expect(run.processed).toBe(6);
      expect(run.engine.stats.read).toEqual({ order_status_events: 4, order_item_events: 2, logistics_events: 0 });
      expect(await opStatus('O2')).toBe('FAILED');
      expect(await db.sql("SELECT available_stock, frozen_stock, total_stock FROM product_inventory WHERE sku_id = 'S'")).toEqual([[0, 3, 3]]);
      expect(await db.sql("SELECT abnormal_type FROM abnormal_order_handling WHERE order_id = 'O2'")).toEqual([['STOCK_OUT']]);
    } finally {
      signal.stopped = true;
      await producer.disconnect();
      await store.close();
    }
  }, 120_000);
});
