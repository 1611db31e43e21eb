// The scriptable twins of the console's actions, as a user runs them against a store that
// `ordertrack run` wrote: anomalies list|ack|resolve, stock list|adjust, audit; and their
// one-line refusals.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputsOf, PROCESSING_TIME_COLUMNS, tempDir } from './support/outputs.js';
import { until } from './support/until.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const EXAMPLE = join(ROOT, 'examples', 'store-day');

function cli(...args: string[]) {
  // A run that is not refused would go on: 60 s is far more than any command here takes.
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let store = '';
let runDir = '';
beforeAll(() => {
  runDir = tempDir('operator-cli');
  store = join(runDir, 'store.sqlite');
  const exports = ['--out', join(runDir, 'out'), '--report', join(runDir, 'report.json')];
  const r = cli('run', '--source', EXAMPLE, '--store', store, '--exit-when-idle', '300ms', '--commit-interval', '100ms', '--quiet', ...exports);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

describe('ordertrack run --out --report', () => {
  it('exports the tables a replay of the same directory writes, and the summary with the checks', () => {
    const replayed = join(runDir, 'replayed');
    expect(cli('replay', '--source', EXAMPLE, '--out', replayed, '--quiet').code).toBe(0);
    const drop = [...PROCESSING_TIME_COLUMNS, 'avg_processing_time'];
    const { 'data_quality_metrics.ndjson': _a, 'order_processing_metrics.ndjson': ranWindows, ...ran } = outputsOf(join(runDir, 'out'), drop);
    const { 'data_quality_metrics.ndjson': _b, 'order_processing_metrics.ndjson': windows, ...want } = outputsOf(replayed, drop);
    expect(ran).toEqual(want);
    // A live run stops without ending its input (it may go on): its last window is still open.
    expect(ranWindows!.filter((w) => !windows!.includes(w))).toEqual([]);
    expect(ranWindows!.length).toBeGreaterThanOrEqual(windows!.length - 1);
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as { processed: number; ok: boolean; checks: unknown[]; outputs: Record<string, number> };
    expect(report).toMatchObject({ processed: 407, ok: true });
    expect(report.checks.length).toBeGreaterThan(2);
    expect(report.outputs.order_lifecycle).toBe(ran['order_lifecycle.ndjson']!.length);
  });
});

describe('ordertrack anomalies / stock / audit', () => {
  it('lists, acknowledges and resolves anomalies, and exports the audit trail', () => {
    const list = cli('anomalies', 'list', '--store', store, '--status', 'open', '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { order_id: string; abnormal_type: string; status: string }[];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => r.status === 'PENDING')).toBe(true);
    // Times as in the NDJSON export: ISO-8601 UTC with milliseconds.
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    for (const r of rows as unknown as Record<string, unknown>[]) {
      expect([r.detection_time, r.handling_time]).toEqual([expect.stringMatching(iso), expect.stringMatching(iso)]);
    }
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];

    const ack = cli('anomalies', 'ack', a.order_id, a.abnormal_type, '--store', store, '--operator', 'dana', '--note', 'on it');
    expect([ack.code, ack.stdout]).toEqual([0, `${a.order_id} ${a.abnormal_type} acknowledged\n`]);
    const again = cli('anomalies', 'ack', a.order_id, a.abnormal_type, '--store', store, '--operator', 'dana');
    expect([again.code, again.stdout]).toEqual([1, `${a.order_id} ${a.abnormal_type} was already acknowledged\n`]);

    const res = cli('anomalies', 'resolve', b.order_id, b.abnormal_type, '--store', store, '--operator', 'dana', '--action', 'cancel_order', '--note', 'fraud', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ ok: true, message: `${b.order_id} ${b.abnormal_type} resolved with CANCEL_ORDER; cancel command issued` });

    const table = cli('anomalies', 'list', '--store', store);
    expect(table.stdout.split('\n')[0]).toMatch(/^TYPE +ORDER +USER +OVERTIME +HANDLER +ACTION +STATUS +DETECTED$/);
    expect(table.stdout).toMatch(new RegExp(`${b.abnormal_type} +${b.order_id} .* CANCEL_ORDER +RESOLVED `));
    expect(table.stdout).toMatch(new RegExp(`${a.abnormal_type} +${a.order_id} .* PROCESSED `));

    const md = cli('audit', '--store', store, '--format', 'md');
    expect(md.code).toBe(0);
    const lines = md.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual(['# ordertrack audit trail', '', '3 action(s).', '', '| When (UTC) | Operator | Action | Target | Detail | Reason |', '|---|---|---|---|---|---|']);
    expect(lines[6]).toMatch(new RegExp(`^\\| \\S+Z \\| dana \\| ACKNOWLEDGE \\| ${a.order_id}/${a.abnormal_type} \\|  \\| on it \\|$`));
    // The refused second acknowledgement is in the trail too.
    expect(lines[7]).toMatch(new RegExp(`^\\| \\S+Z \\| dana \\| ACKNOWLEDGE \\| ${a.order_id}/${a.abnormal_type} \\| refused: ${a.order_id} ${a.abnormal_type} was already acknowledged \\|  \\|$`));
    expect(lines[8]).toMatch(new RegExp(`^\\| \\S+Z \\| dana \\| RESOLVE \\| ${b.order_id}/${b.abnormal_type} \\| CANCEL_ORDER \\(cancel command issued\\) \\| fraud \\|$`));
    const json = JSON.parse(cli('audit', '--store', store, '--format', 'json').stdout) as { action: string }[];
    expect(json.map((e) => e.action)).toEqual(['ACKNOWLEDGE', 'ACKNOWLEDGE', 'RESOLVE']);
    const future = JSON.parse(cli('audit', '--store', store, '--format', 'json', '--since', '2999-01-01T00:00:00Z').stdout);
    expect(future).toEqual([]);
  });

  it('lists stock lowest first and adjusts it with a reason', () => {
    const before = JSON.parse(cli('stock', 'list', '--store', store, '--json').stdout) as { sku_id: string; available: number; total: number }[];
    expect(before.length).toBeGreaterThan(1);
    expect(before.map((r) => r.available)).toEqual([...before.map((r) => r.available)].sort((x, y) => x - y));
    const sku = before[0]!;
    const adj = cli('stock', 'adjust', sku.sku_id, '+12', '--store', store, '--reason', 'recount', '--operator', 'eve');
    expect([adj.code, adj.stdout]).toEqual([0, `${sku.sku_id} +12: available ${sku.available} → ${sku.available + 12}\n`]);
    const after = JSON.parse(cli('stock', 'list', '--store', store, '--json', '--limit', '1000').stdout) as typeof before;
    expect(after.find((r) => r.sku_id === sku.sku_id)).toMatchObject({ available: sku.available + 12, total: sku.total + 12 });
    const list = cli('stock', 'list', '--store', store);
    expect(list.stdout.split('\n')[0]).toMatch(/^SKU +PRODUCT +AVAILABLE +FROZEN +LOCKED +TOTAL +FAILED OPS$/);
  });

  it('refuses bad input with one line and a non-zero exit', () => {
    const cases: [string[], RegExp][] = [
      [['stock', 'adjust', 'S1', 'ten', '--store', store, '--reason', 'x'], /^ordertrack: delta 'ten' must be a signed whole number other than 0/],
      [['stock', 'adjust', 'S1', '+5', '--store', store, '--reason', ' '], /^ordertrack: --reason is required/],
      [['stock', 'adjust', 'S1', '5', '--store', store, '--reason', 'x'], /^ordertrack: delta '5' needs its sign: \+5 adds to the stock, -5 takes from it/],
      // The missing argument is named first, not the option after it.
      [['stock', 'adjust', '--store', store], /^ordertrack: missing required argument 'sku_id'/],
      [['stock', 'adjust', 'S1', '+5', '--store', store], /^ordertrack: --reason is required/],
      // Stock is counted exactly: a delta a double cannot hold is refused, not rounded.
      [['stock', 'adjust', 'S1', '+9007199254740993', '--store', store, '--reason', 'x'], /^ordertrack: delta '\+9007199254740993' is too large: stock is counted exactly up to 9007199254740991$/],
      [['anomalies', 'resolve', 'O1', 'STOCK_OUT', '--store', store, '--action', 'SHRUG'], /^ordertrack: --action 'SHRUG' must be one of CANCEL_ORDER, /],
      [['anomalies', 'list', '--store', join(tempDir('none'), 'missing.sqlite')], /^ordertrack: no store at .*missing\.sqlite: pass the --store of a run or replay$/],
      [['audit', '--store', store, '--format', 'pdf'], /^ordertrack: --format 'pdf' must be md or json$/],
      [['anomalies', 'list', '--store', store, '--status', 'later'], /^ordertrack: --status 'later' must be one of open, pending, processed, resolved$/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});

describe('ordertrack demo / console / run refusals', () => {
  it('refuses without a terminal, pointing at the headless commands', () => {
    for (const args of [['demo'], ['console', '--store', store]]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('ordertrack: the console needs a terminal (TTY): run it in one; for CI or scripts use `run` (demo: --headless) or `replay`\n');
    }
  });

  it('puts a misspelt flag and its suggestion on one line', () => {
    const r = cli('replay', '--sorce', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ordertrack: unknown option '--sorce' (did you mean --source?) (see ordertrack --help)\n");
  });

  it('says what to do about a wrong source or a missing store', () => {
    const bad = cli('run', '--source', '/no/such/dir', '--store', join(tempDir('run-bad'), 's.sqlite'));
    expect([bad.code, bad.stderr]).toEqual([2, "ordertrack: --source /no/such/dir is neither 'sim' nor a directory: pass --source sim, or a source directory (see README, \"File formats\")\n"]);
    const speed = cli('demo', '--headless', '--speed', 'fast');
    expect([speed.code, speed.stderr]).toEqual([2, "ordertrack: --speed 'fast' must be a positive number (e.g. 60)\n"]);
  });

  it('refuses a second live run on a store, and not once the first was killed', async () => {
    const held = join(tempDir('run-twice'), 'store.sqlite');
    const first = spawn(process.execPath, [CLI, 'run', '--source', EXAMPLE, '--store', held, '--rate', '20', '--commit-interval', '100ms', '--quiet']);
    try {
      await until('the first run writes its heartbeat', () => {
        try {
          const db = new Database(held, { readonly: true });
          try {
            return db.prepare('SELECT 1 FROM runtime_status').get() !== undefined;
          } finally {
            db.close();
          }
        } catch {
          return false;
        }
      });
      const second = cli('run', '--source', EXAMPLE, '--store', held, '--quiet');
      expect([second.code, second.stderr]).toEqual([
        2,
        `ordertrack: store ${held} is in use by a live run (pid ${first.pid} on ${hostname()}): stop that live run first, or pass another --store\n`,
      ]);
    } finally {
      first.kill('SIGKILL');
    }
    await new Promise((r) => first.once('exit', r));
    // Its heartbeat is still fresh, but its process is gone: the next run resumes at once.
    const next = cli('run', '--source', EXAMPLE, '--store', held, '--exit-when-idle', '300ms', '--commit-interval', '100ms', '--quiet');
    expect([next.code, next.stderr]).toEqual([0, '']);
  });

  it('lets one engine at a time write a store: a replay holds it against replays, runs and direct stock adjustments', async () => {
    const dir = tempDir('replay-lease');
    const held = join(dir, 'store.sqlite');
    expect(cli('replay', '--source', EXAMPLE, '--out', join(dir, 'first'), '--store', held, '--quiet').code).toBe(0);
    const sku = (JSON.parse(cli('stock', 'list', '--store', held, '--json').stdout) as { sku_id: string }[])[0]!.sku_id;
    // A replay in progress, as its lock file names it: a live process of this host.
    const holder = spawn('sleep', ['60']);
    writeFileSync(`${held}.lock`, JSON.stringify({ pid: holder.pid, host: hostname(), command: 'replay', since: Date.now() }));
    try {
      const inUse = `ordertrack: store ${held} is in use by a replay (pid ${holder.pid} on ${hostname()}): stop that replay first, or pass another --store\n`;
      const again = cli('replay', '--source', EXAMPLE, '--out', join(dir, 'second'), '--store', held, '--from', 'earliest', '--quiet');
      expect([again.code, again.stderr]).toEqual([2, inUse]);
      // Not --quiet: a refused run says only why (no 'running … into …' line first).
      const run = cli('run', '--source', EXAMPLE, '--store', held);
      expect([run.code, run.stderr]).toEqual([2, inUse]);
      const adjust = cli('stock', 'adjust', sku, '+1', '--store', held, '--reason', 'recount');
      expect(adjust.code).toBe(1);
      expect(adjust.stdout + adjust.stderr).toMatch(`a replay (pid ${holder.pid}) is writing this store and owns its stock: adjust once it ends`);
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((r) => holder.once('exit', r));
    // Its process is gone: the next replay takes the store over, and leaves no lock behind.
    const next = cli('replay', '--source', EXAMPLE, '--out', join(dir, 'second'), '--store', held, '--from', 'earliest', '--quiet');
    expect([next.code, next.stderr]).toEqual([0, '']);
    expect(existsSync(`${held}.lock`)).toBe(false);
    // Data quality is per processing minute, and counts the records a --from replay reads again.
    const { 'data_quality_metrics.ndjson': _a, ...again } = outputsOf(join(dir, 'second'), PROCESSING_TIME_COLUMNS);
    const { 'data_quality_metrics.ndjson': _b, ...first } = outputsOf(join(dir, 'first'), PROCESSING_TIME_COLUMNS);
    expect(again).toEqual(first);
  });

  it('runs the demo headless for a while and keeps a consistent store', () => {
    const demoStore = join(tempDir('demo-headless'), 'demo.sqlite');
    const r = cli('demo', '--headless', '--duration', '3s', '--store', demoStore, '--history', '2h');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^demo: [1-9]\\d* records processed; store kept at ${demoStore.replace(/[.]/g, '\\.')}\\n$`));
    const list = JSON.parse(cli('stock', 'list', '--store', demoStore, '--json').stdout) as unknown[];
    expect(list.length).toBeGreaterThan(0);
  });
});
