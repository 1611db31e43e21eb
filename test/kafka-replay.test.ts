// `ordertrack replay` against Kafka and MySQL: the dry run's plan per partition, a replay from
// the earliest offsets that changes no output (no second op, no second dispatch) and keeps the
// operator's decisions, and a plan and a replay from a time part-way through, which rebuilds the
// state before it and so changes no output either.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { TOPICS } from '../src/engine/types.js';
import { runStream } from '../src/runtime/stream-run.js';
import { MysqlStore } from '../src/sinks/mysql/mysql-store.js';
import { loadReferenceDir } from '../src/sources/file/reference-files.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { createTestDatabase, type TestDatabase } from './support/mysql.js';
import { outputsOf, PROCESSING_TIME_COLUMNS, tempDir } from './support/outputs.js';
import { BASE_TIME, produceRecords, readRecords } from './support/produce.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = join(ROOT, 'examples', 'store-day');

let broker: MockBroker;
let db: TestDatabase;
beforeAll(async () => {
  broker = await startBroker(Object.fromEntries(TOPICS.map((t) => [t, 2])));
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await broker?.stop();
  await db?.drop();
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ordertrack replay against Kafka', () => {
  it('plans per partition, re-reads without a second op and keeps decisions', async () => {
    const records = readRecords(EXAMPLE);
    const kafka = testKafka(broker);
    await produceRecords(kafka, records, { stepMs: 1000 });

    const store = await MysqlStore.open(db.url, { migrate: true });
    const before = tempDir('kafka-replay-before');
    const after = tempDir('kafka-replay-after');
    let decided = '';
    try {
      await store.seedReference(loadReferenceDir(EXAMPLE), Date.now());
      const first = await runStream({ kafka, groupId: 'rp', store, timeZone: UTC, exitWhenIdleMs: 300, consumer: QUICK_GROUP });
      expect(first.processed).toBe(records.length);
      const anomaly = (await db.sql("SELECT order_id, abnormal_type FROM abnormal_order_handling WHERE status = 'PENDING' ORDER BY order_id LIMIT 1"))[0]!;
      decided = `${anomaly[0]}/${anomaly[1]}`;
      await store.recordDecision({ order_id: String(anomaly[0]), abnormal_type: anomaly[1] as 'STOCK_OUT', decision: 'ACK', action: null, note: 'seen', operator: 'ops', decided_at: Date.now() });
      await store.exportNdjson(before);
    } finally {
      await store.close();
    }
    const ops = (await db.sql('SELECT COUNT(*) FROM inventory_update_results'))[0]![0];
    const dispatches = (await db.sql('SELECT COUNT(*) FROM logistics_dispatch_commands'))[0]![0];

    const conn = ['--brokers', broker.brokers.join(','), '--mysql', db.url, '--group', 'rp'];
    const plan = cli('replay', ...conn, '--from', 'earliest', '--dry-run');
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    const lines = plan.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PARTITION +TOPIC +CURRENT +NEW +END +RE-READ$/);
    expect(lines).toHaveLength(1 + 6 + 1);
    for (const line of lines.slice(1, 7)) {
      const [, , current, start, end, reread] = line.trim().split(/\s+/);
      expect(start).toBe('0');
      expect(current).toBe(end); // the run read everything
      expect(reread).toBe(end);
    }
    expect(lines[7]).toBe(`total ${records.length} records to re-read`);

    const replay = cli('replay', ...conn, '--from', 'earliest');
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(new RegExp(`^records read +${records.length} `, 'm'));
    expect((await db.sql('SELECT COUNT(*) FROM inventory_update_results'))[0]![0]).toBe(ops);
    expect((await db.sql('SELECT COUNT(*) FROM logistics_dispatch_commands'))[0]![0]).toBe(dispatches);

    const again = await MysqlStore.open(db.url);
    try {
      await again.exportNdjson(after);
      expect((await again.checks()).filter((c) => !c.ok)).toEqual([]);
    } finally {
      await again.close();
    }
    const drop = [...PROCESSING_TIME_COLUMNS];
    const a = outputsOf(before, drop);
    const b = outputsOf(after, drop);
    for (const o of [a, b]) delete o['data_quality_metrics.ndjson']; // the replay's reads add to the processing minutes'
    expect(b).toEqual(a);
    expect(b['abnormal_order_handling.ndjson']!.find((r) => r.includes(`"order_id":"${decided.split('/')[0]}"`) && r.includes('"status":"PROCESSED"'))).toBeDefined();

    // From a time part-way: the plan starts later on some partition and re-reads fewer records.
    const half = new Date(BASE_TIME + Math.floor(records.length / 2) * 1000).toISOString();
    const partial = cli('replay', ...conn, '--from', half, '--dry-run');
    expect(partial.code).toBe(0);
    const total = Number(/^total (\d+) records to re-read$/m.exec(partial.stdout)![1]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(records.length);
    expect(total).toBe(records.length - Math.floor(records.length / 2));
    expect(partial.stdout).toMatch(new RegExp(`^state rebuilt first from the ${Math.floor(records.length / 2)} records before --from`, 'm'));

    // ...and the replay itself: the state before the time is rebuilt, so no row changes (SPEC
    // §12), where fresh state would cut orders begun earlier short and miss their items.
    // (Another group: the mock broker keeps the last replay's member in 'rp' for its session.)
    // With --out, --report and --check it exports MySQL's tables and checks them, as a file replay does.
    const third = tempDir('kafka-replay-half');
    const fromHalf = cli('replay', ...conn.slice(0, -1), 'rp-half', '--from', half, '--out', third, '--report', join(third, 'report.json'), '--check');
    expect(fromHalf.code, fromHalf.stderr + fromHalf.stdout).toBe(0);
    expect(fromHalf.stdout).toMatch(new RegExp(`^records read +${total} `, 'm'));
    expect(fromHalf.stdout).toMatch(new RegExp(`^state rebuilt +from ${Math.floor(records.length / 2)} records before --from`, 'm'));
    expect(fromHalf.stdout).toMatch(/^check ok +stock-invariant/m);
    expect(fromHalf.stdout).toMatch(/^check ok +data-quality-totals/m);
    const report = JSON.parse(readFileSync(join(third, 'report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.outputs.order_lifecycle).toBe(a['order_lifecycle.ndjson']!.length);
    const c = outputsOf(third, drop);
    delete c['data_quality_metrics.ndjson'];
    expect(c).toEqual(a);
  }, 120_000);
});
