// A new user's production set-up, through the CLI only: `db migrate`, `db seed`, events in the
// topics, then `ordertrack run --brokers … --mysql … --exit-when-idle` — the same outputs as the
// file replay of the same input, published to the output topics, Prometheus metrics while it
// runs, and the password nowhere in what it prints.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';
import { adminConnection, createTestDatabase, type TestDatabase } from './support/mysql.js';
import { outputsOf, PROCESSING_TIME_COLUMNS, tempDir } from './support/outputs.js';
import { produceRecords, readRecords } from './support/produce.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = join(ROOT, 'examples', 'store-day');
const PASSWORD = 'S3cret-pw!';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ORDERTRACK_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let broker: MockBroker;
let db: TestDatabase;
let url = '';
beforeAll(async () => {
  broker = await startBroker({
    // One partition: one clock, as the file replay has (SPEC §4).
    order_status_events: 1, order_item_events: 1, logistics_events: 1,
    order_lifecycle: 1, logistics_dispatch_commands: 1, order_status_notifications: 1, order_commands: 1, ordertrack_dead_letters: 1,
  });
  db = await createTestDatabase();
  const admin = await adminConnection();
  await admin.query(`CREATE USER IF NOT EXISTS 'ot_cli'@'%' IDENTIFIED BY '${PASSWORD}'`);
  await admin.query(`GRANT ALL ON \`${db.name}\`.* TO 'ot_cli'@'%'`);
  url = `mysql://ot_cli:${encodeURIComponent(PASSWORD)}@127.0.0.1:3306/${db.name}`;
}, 60_000);
afterAll(async () => {
  await broker?.stop();
  await db?.drop();
});

async function produceExample(): Promise<number> {
  return produceRecords(testKafka(broker), readRecords(EXAMPLE));
}

describe('ordertrack with Kafka and MySQL, from the CLI', () => {
  it('migrates, seeds, runs to idle and gives the file replay outputs', async () => {
    expect(cli('db', 'migrate', '--mysql', url).stdout).toBe('applied 001_init\napplied 002_partitions\n');
    const seed = cli('db', 'seed', '--mysql', url, '--reference', EXAMPLE);
    expect(seed.code).toBe(0);
    const n = await produceExample();

    const out = tempDir('kafka-cli');
    const report = join(out, 'report.json');
    const child = spawn(process.execPath, [
      CLI, 'run', '--brokers', broker.brokers.join(','), '--mysql', url, '--group', 'cli-test', '--no-idempotent-producer',
      '--exit-when-idle', '500ms', '--metrics-port', '0', '--out', join(out, 'files'), '--report', report,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

    // Scrape the metrics while it runs.
    let metrics = '';
    for (let i = 0; i < 100 && metrics === ''; i++) {
      const m = /metrics on (http:\S+)/.exec(stderr);
      if (m) metrics = await (await fetch(m[1]!)).text();
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(metrics).toMatch(/^# HELP ordertrack_records_total/m);
    expect(await exit).toBe(0);
    expect(stdout + stderr).not.toContain(PASSWORD);
    expect(stderr).toContain(`into mysql://ot_cli:***@127.0.0.1:3306/${db.name}`);
    expect(stdout).toMatch(new RegExp(`^records read +${n} `, 'm'));
    const summary = JSON.parse(readFileSync(report, 'utf8')) as { ok: boolean; processed: number; partitions: number[] };
    expect(summary).toMatchObject({ ok: true, processed: n, partitions: [0] });

    // The file replay of the same input, compared without processing-time columns and files.
    const expectedDir = tempDir('kafka-cli-expected');
    await runReplay({ source: EXAMPLE, out: expectedDir, timeZone: UTC });
    const drop = [...PROCESSING_TIME_COLUMNS, 'file', 'line', 'partition', 'offset'];
    const got = outputsOf(join(out, 'files'), drop);
    const expected = outputsOf(expectedDir, drop);
    for (const o of [got, expected]) delete o['data_quality_metrics.ndjson']; // keyed by processing minute
    expect(got).toEqual(expected);

    // Published: the latest lifecycle of every order, keyed by order id.
    const lifecycleRows = expected['order_lifecycle.ndjson']!.length;
    const consumer = testKafka(broker).consumer({ groupId: 'cli-test-reader' });
    await consumer.connect();
    await consumer.subscribe({ topics: ['order_lifecycle'], fromBeginning: true });
    const keys = new Set<string>();
    await consumer.run({ eachMessage: async ({ message }) => void keys.add(message.key!.toString()) });
    for (let i = 0; i < 100 && keys.size < lifecycleRows; i++) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    expect(keys.size).toBe(lifecycleRows);
  });

  it('says what to do about missing or wrong settings, in one line', () => {
    const noMysql = cli('run', '--brokers', broker.brokers[0]!);
    expect([noMysql.code, noMysql.stderr]).toEqual([2, 'ordertrack: --brokers needs --mysql too (or ORDERTRACK_MYSQL): mysql://user:password@host:port/database\n']);
    const badBroker = cli('run', '--brokers', 'localhost', '--mysql', url);
    expect([badBroker.code, badBroker.stderr]).toEqual([2, "ordertrack: broker 'localhost' is not host:port: pass --brokers host:port[,host:port]\n"]);
    const wrongPassword = cli('db', 'migrate', '--mysql', `mysql://ot_cli:nope${PASSWORD}@127.0.0.1:3306/${db.name}`);
    expect(wrongPassword.code).not.toBe(0);
    expect(wrongPassword.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrongPassword.stderr).not.toContain(PASSWORD);
    // A wrong flag is refused before anything is opened (no database of that name exists).
    const badSession = cli('run', '--brokers', broker.brokers[0]!, '--mysql', `${url}_missing`, '--session-timeout', '3x');
    expect([badSession.code, badSession.stderr]).toEqual([2, "ordertrack: --session-timeout '3x' is not a duration: use a number with ms, s, m, h or d (e.g. 24h)\n"]);
    const noStore = cli('run');
    expect([noStore.code, noStore.stderr]).toEqual([2, 'ordertrack: run needs --store <file> (the embedded store), or --brokers and --mysql (Kafka and MySQL)\n']);
    const noUrl = cli('db', 'migrate');
    expect([noUrl.code, noUrl.stderr]).toEqual([2, 'ordertrack: db migrate needs --mysql mysql://user:password@host:port/database (or ORDERTRACK_MYSQL)\n']);
  });

  it('db migrate and db seed read ORDERTRACK_MYSQL when --mysql is not given', () => {
    const env = { ...process.env, ORDERTRACK_DEBUG: '', ORDERTRACK_MYSQL: url };
    const migrate = spawnSync(process.execPath, [CLI, 'db', 'migrate'], { encoding: 'utf8', env });
    // The first test migrated this database already.
    expect([migrate.status, migrate.stdout, migrate.stderr]).toEqual([0, 'database is up to date (version 2)\n', '']);
    const seed = spawnSync(process.execPath, [CLI, 'db', 'seed', '--reference', EXAMPLE], { encoding: 'utf8', env });
    expect([seed.status, seed.stderr]).toEqual([0, '']);
  });
});
