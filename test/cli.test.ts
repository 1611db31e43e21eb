// The CLI as a user meets it: the README's replay, one-line errors with non-zero exits, --check
// failing on a broken store, and --report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/outputs.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = join(ROOT, 'examples', 'store-day');
const NOT_A_STORE = join(tempDir('not-a-store'), 'notes.txt');
writeFileSync(NOT_A_STORE, 'these are not the pages of a database\n'.repeat(200));
const FOREIGN = join(tempDir('foreign'), 'foreign.db');
{
  const db = new Database(FOREIGN);
  db.exec("CREATE TABLE birds (name TEXT); INSERT INTO birds VALUES ('wren')");
  db.close();
}

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ordertrack replay', () => {
  it('replays the example, prints the summary and writes every output file', () => {
    const out = tempDir('cli');
    const r = run('replay', '--source', EXAMPLE, '--out', out, '--check', '--report', join(out, 'report.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^records read +407 \(order_status_events \d+, order_item_events \d+, logistics_events \d+\)$/m);
    expect(r.stdout).toMatch(/^check ok +stock-invariant/m);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(Object.keys(report.outputs).sort()).toEqual([
      'abnormal_order_handling',
      'data_quality_metrics',
      'dead_letters',
      'inventory_update_results',
      'logistics_dispatch_commands',
      'logistics_efficiency_monitor',
      'order_commands',
      'order_lifecycle',
      'order_processing_metrics',
      'order_status_notifications',
      'product_inventory',
    ]);
    expect(report.deadLetters.PARSE_ERROR).toBeGreaterThan(0);
    expect(report.interrupted).toBe(false);
    expect(report).not.toHaveProperty('resume'); // said only when there is something to resume
  });

  it.each([
    [['replay', '--source', '/no/such/dir', '--out', '/tmp/x'], /source directory \/no\/such\/dir does not exist/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--bogus'], /unknown option '--bogus'/],
    [['replay', '--source', EXAMPLE], /^ordertrack: replay needs --source <dir> and --out <dir> \(a source directory\), or --brokers and --mysql \(Kafka and MySQL\)/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--time-zone', 'Mars/Base'], /unknown time zone 'Mars\/Base'/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--from', 'yesterday'], /--from 'yesterday' is not a time/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--from', '2026-11-20 12:00:00', '--to', '2026-11-20 12:00:00'], /--to 2026-11-20 12:00:00 is not after --from 2026-11-20 12:00:00: nothing would be read/],
    [['replay', '--source', join(EXAMPLE, 'order_status_events.ndjson'), '--out', '/tmp/x'], /is a file, not a directory: pass the directory that holds it/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--store', '/no/such/dir/s.sqlite'], /cannot open store/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--store', NOT_A_STORE], /is not an ordertrack store.*pass another --store/],
    // Where outputs go is checked before any work (Node's own recursive mkdir spins forever under /proc).
    [['replay', '--source', EXAMPLE, '--out', '/proc/x'], /^ordertrack: --out \/proc\/x: cannot create \/proc\/x \(ENOENT\)/],
    [['replay', '--source', EXAMPLE, '--out', join(NOT_A_STORE, 'x')], /--out .*notes\.txt\/x: .*notes\.txt is a file, not a directory/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--report', '/proc/r.json'], /--report \/proc\/r\.json: cannot write it \(ENOENT\)/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--report', ROOT], /--report .* is a directory: pass a file name/],
    [['run', '--source', 'sim', '--store', join(tempDir('run-out'), 's.sqlite'), '--out', '/proc/x'], /--out \/proc\/x: cannot create/],
    // A flag the other kind of run or replay reads is refused, not ignored.
    [['run', '--store', join(tempDir('run-kind'), 's.sqlite'), '--group', 'g'], /^ordertrack: --group goes with a Kafka run: add --brokers and --mysql, or drop it/],
    [['run', '--store', join(tempDir('run-kind'), 's.sqlite'), '--no-idempotent-producer'], /^ordertrack: --no-idempotent-producer goes with a Kafka run/],
    [['run', '--brokers', '127.0.0.1:9', '--mysql', 'mysql://root@127.0.0.1:3306/test', '--speed', '60'], /^ordertrack: --speed goes with an embedded run \(--store\): a Kafka run reads --brokers into --mysql/],
    // A flag the chosen source does not read is refused, not ignored.
    [['run', '--source', 'sim', '--store', join(tempDir('run-rate'), 's.sqlite'), '--rate', '5'], /^ordertrack: --rate paces a source directory: the simulator goes by --speed/],
    [['run', '--source', EXAMPLE, '--store', join(tempDir('run-speed'), 's.sqlite'), '--speed', '5'], /^ordertrack: --speed goes with --source sim: a directory is read as it is, paced by --rate/],
    [['replay', '--brokers', '127.0.0.1:9', '--mysql', 'mysql://root@127.0.0.1:3306/test', '--store', 'x.sqlite'], /^ordertrack: --store goes with a file replay \(--source\): a Kafka replay reads --brokers into --mysql/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--group', 'g'], /^ordertrack: --group goes with --brokers and --mysql \(a Kafka replay\): a file replay reads --source/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--dry-run'], /^ordertrack: --dry-run goes with --brokers and --mysql \(a Kafka replay\)/],
    // The outputs would overwrite what the source reads (the stock seed of reference/).
    [['replay', '--source', EXAMPLE, '--out', join(EXAMPLE, 'reference')], /^ordertrack: --out .*reference is a directory the source is read from: the outputs would overwrite its files; pass another directory/],
    [['replay', '--source', EXAMPLE, '--out', EXAMPLE], /^ordertrack: --out .*store-day is a directory the source is read from/],
    [['replay', '--source', EXAMPLE, '--out', '/tmp/x', '--store', FOREIGN], /^ordertrack: .*foreign\.db is an SQLite database of something else \(tables birds\), not an ordertrack store: pass another --store path/],
  ])('%j is a one-line error with exit 2', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says which files of the source it does not read: misnamed ones, and topic files beside a tape', () => {
    const src = join(tempDir('unread'), 'src');
    spawnSync('cp', ['-r', EXAMPLE, src]);
    spawnSync('mv', [join(src, 'logistics_events.ndjson'), join(src, 'logistics.ndjson')]);
    const r = run('replay', '--source', src, '--out', join(src, '..', 'out'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `ordertrack: note: logistics.ndjson in ${src} is not read: a source reads order_status_events.ndjson, order_item_events.ndjson, logistics_events.ndjson or tape.ndjson\n`,
    );
    expect(r.stdout).toMatch(/logistics_events 0\)$/m);
  });

  it('is a file replay with a --source, whatever Kafka settings the environment holds', () => {
    const out = tempDir('env-kafka');
    const r = spawnSync(process.execPath, [CLI, 'replay', '--source', EXAMPLE, '--out', out, '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, ORDERTRACK_BROKERS: '127.0.0.1:9', ORDERTRACK_MYSQL: 'mysql://root@127.0.0.1:9/none' },
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(out, 'order_lifecycle.ndjson'), 'utf8')).not.toBe('');
  });

  it('says which output file it cannot write, and leaves the store closed cleanly', () => {
    const dir = tempDir('out-blocked');
    mkdirSync(join(dir, 'out', 'order_lifecycle.ndjson'), { recursive: true });
    const r = run('replay', '--source', EXAMPLE, '--out', join(dir, 'out'), '--store', join(dir, 's.sqlite'), '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`ordertrack: cannot open ${join(dir, 'out', 'order_lifecycle.ndjson')}: it is a directory; move it out of the way or pass another path\n`);
  });

  it('ends quietly when its output is piped into a reader that stops early (| head)', () => {
    const dir = tempDir('epipe');
    const store = join(dir, 's.sqlite');
    // The simulator's catalogue: thousands of SKUs, far more text than a pipe holds.
    expect(run('simulate', '--out', join(dir, 'src'), '--orders', '20').code).toBe(0);
    expect(run('replay', '--source', join(dir, 'src'), '--out', join(dir, 'out'), '--store', store, '--quiet').code).toBe(0);
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} stock list --store ${JSON.stringify(store)} --limit 100000 --json | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
    expect([r.stdout, r.stderr]).toEqual(['exit 0\n', '']);
  });

  it('names a malformed reference file and line', () => {
    const dir = tempDir('bad-ref');
    const src = join(dir, 'src');
    spawnSync('cp', ['-r', EXAMPLE, src]);
    writeFileSync(join(src, 'reference', 'product_info.ndjson'), '{"sku_id": "S1"}\n{"sku_id":\n');
    const r = run('replay', '--source', src, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/product_info\.ndjson:2: /);
  });

  it('leaves the store as it was when it refuses it (a checkpoint of another source), as run does', () => {
    const dir = tempDir('refused');
    const store = join(dir, 's.sqlite');
    expect(run('replay', '--source', EXAMPLE, '--out', join(dir, 'a'), '--store', store, '--quiet').code).toBe(0);
    // Another source, whose reference data the store has never seen.
    const other = join(dir, 'other');
    spawnSync('cp', ['-r', EXAMPLE, other]);
    const stock = join(other, 'reference', 'product_inventory.ndjson');
    writeFileSync(stock, readFileSync(stock, 'utf8') + JSON.stringify({ product_id: 'P-NEW', sku_id: 'SKU-NEW', available_stock: 9 }) + '\n');
    const before = contents(store);
    expect(before.product_inventory).toHaveLength(30);
    const refused = run('replay', '--source', other, '--out', join(dir, 'b'), '--store', store);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^ordertrack: store ${store} holds a checkpoint of ${EXAMPLE}, not ${other}: use another --store`));
    expect(contents(store)).toEqual(before);
    const live = run('run', '--source', other, '--store', store, '--exit-when-idle', '300ms', '--quiet');
    expect(live.code).toBe(2);
    expect(live.stderr).toMatch(/holds a checkpoint of .*: use another --store, or the same source/);
    expect(contents(store)).toEqual(before);
  });

  it('--check exits 1 and names the broken invariant', () => {
    const dir = tempDir('check');
    const store = join(dir, 's.sqlite');
    expect(run('replay', '--source', EXAMPLE, '--out', join(dir, 'a'), '--store', store).code).toBe(0);
    const db = new Database(store);
    db.prepare("UPDATE product_inventory SET total_stock = total_stock + 5 WHERE sku_id = (SELECT MIN(sku_id) FROM product_inventory)").run();
    db.close();
    const r = run('replay', '--source', EXAMPLE, '--out', join(dir, 'b'), '--store', store, '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^check FAIL +stock-invariant/m);
    // --quiet drops the summary, not the reason a check failed.
    const quiet = run('replay', '--source', EXAMPLE, '--out', join(dir, 'c'), '--store', store, '--check', '--quiet');
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toMatch(/^check FAIL +stock-invariant: /);
    expect(quiet.stdout.trim().split('\n').every((line) => line.startsWith('check FAIL'))).toBe(true);
  });

  it('says when records were added to a source after the replay that read it to its end', () => {
    const dir = tempDir('appended');
    const src = join(dir, 'src');
    spawnSync('cp', ['-r', EXAMPLE, src]);
    const store = join(dir, 's.sqlite');
    expect(run('replay', '--source', src, '--out', join(dir, 'a'), '--store', store, '--quiet')).toMatchObject({ code: 0, stderr: '' });
    expect(run('replay', '--source', src, '--out', join(dir, 'b'), '--store', store, '--quiet')).toMatchObject({ code: 0, stderr: '' });
    const line = JSON.stringify({ order_id: 'O-LATE', user_id: 'U1', status: 'PENDING_PAYMENT', status_time: '2026-11-21 08:00:00' });
    writeFileSync(join(src, 'order_status_events.ndjson'), readFileSync(join(src, 'order_status_events.ndjson'), 'utf8') + line + '\n');
    const r = run('replay', '--source', src, '--out', join(dir, 'c'), '--store', store, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `ordertrack: note: the checkpoint in ${store} was taken at the end of this source, and 1 record was added since: they come after that end (its windows are closed, its timeouts fired), so they may count as late and miss windows; for one pass over the whole input, run with --from earliest\n`,
    );
  });

  it('resumes a finished store without re-applying anything', () => {
    const dir = tempDir('twice');
    const store = join(dir, 's.sqlite');
    run('replay', '--source', EXAMPLE, '--out', join(dir, 'a'), '--store', store);
    const again = run('replay', '--source', EXAMPLE, '--out', join(dir, 'b'), '--store', store, '--check');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 records this run \(resumed from a checkpoint\)/);
    expect(readFileSync(join(dir, 'b', 'inventory_update_results.ndjson'), 'utf8').split('\n').sort()).toEqual(
      readFileSync(join(dir, 'a', 'inventory_update_results.ndjson'), 'utf8').split('\n').sort(),
    );
  });

  it('--to stops before a time; --from re-reads from one, rebuilding the state before it quietly', () => {
    const dir = tempDir('window');
    const all = JSON.parse(readFileSync(join(EXAMPLE, 'order_status_events.ndjson'), 'utf8').split('\n')[0]!).status_time as string;
    const cut = new Date(Date.parse(all.replace(' ', 'T') + 'Z') + 6 * 3_600_000).toISOString();
    const head = run('replay', '--source', EXAMPLE, '--out', join(dir, 'a'), '--to', cut, '--report', join(dir, 'a.json'));
    const tail = run('replay', '--source', EXAMPLE, '--out', join(dir, 'b'), '--from', cut, '--report', join(dir, 'b.json'));
    expect([head.code, tail.code]).toEqual([0, 0]);
    type Report = { processed: number; rebuilt: number; records: Record<string, number> };
    const report = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Report;
    const read = (r: Report) => Object.values(r.records).reduce((a, b) => a + b, 0);
    const [a, b] = [report('a.json'), report('b.json')];
    expect(a.processed).toBe(read(a));
    expect(b.processed).toBe(407);
    expect(b.rebuilt + read(b)).toBe(407);
    expect(read(a)).toBeGreaterThan(0);
    expect(b.rebuilt).toBeGreaterThan(0);
    expect(read(a) + read(b)).toBe(407);
    expect(tail.stdout).toMatch(new RegExp(`state rebuilt +from ${b.rebuilt} records before --from`));
  });

  it('--from earliest re-reads with fresh state and applies no op twice', () => {
    const dir = tempDir('from');
    const store = join(dir, 's.sqlite');
    run('replay', '--source', EXAMPLE, '--out', join(dir, 'a'), '--store', store);
    const again = run('replay', '--source', EXAMPLE, '--out', join(dir, 'b'), '--store', store, '--from', 'earliest', '--check');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/407 records this run/);
    for (const f of ['product_inventory.ndjson', 'inventory_update_results.ndjson', 'order_lifecycle.ndjson']) {
      const strip = (t: string) => t.split('\n').map((l) => l.replace(/"(update_time|process_time|last_updated)":"[^"]*"/g, '')).sort();
      expect(strip(readFileSync(join(dir, 'b', f), 'utf8')), f).toEqual(strip(readFileSync(join(dir, 'a', f), 'utf8')));
    }
  });
});

/** Every row of every table of a store (as sorted JSON text), by table. */
function contents(store: string): Record<string, string[]> {
  const db = new Database(store, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]));
  } finally {
    db.close();
  }
}
