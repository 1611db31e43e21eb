// Restarts and eviction never change an output (SPEC §12): a replay killed with SIGKILL at any
// moment and started again on the same store equals an uninterrupted one, and evicting order
// state as early as possible equals never evicting it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/bench/generate.js';
import { UTC } from '../src/engine/time/timestamp.js';
import { runReplay } from '../src/runtime/replay.js';
import { outputsOf, PROCESSING_TIME_COLUMNS, tempDir } from './support/outputs.js';

const CLI = resolve(import.meta.dirname, '..', 'dist', 'cli', 'index.js');
const FIXED = { now: () => Date.UTC(2030, 0, 1) };
/** Processing-time figures differ between runs made at different moments; the rest may not. */
const DROP = [...PROCESSING_TIME_COLUMNS, 'metric_time', 'avg_processing_time'];

let data: string;
beforeAll(() => {
  data = tempDir('restart-data');
  generateDataset(data, { records: 30_000, seed: 42, anomalyScale: 3 });
});

function replayCli(args: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [CLI, 'replay', '--source', data, ...args], { encoding: 'utf8' });
}

/** data_quality rows are keyed by processing minute: compare their sums per topic instead. */
function withoutDqMinutes(outputs: Record<string, string[]>): Record<string, unknown> {
  const dq = outputs['data_quality_metrics.ndjson']!.map((r) => JSON.parse(r) as Record<string, number | string>);
  const sums: Record<string, number[]> = {};
  for (const r of dq) {
    const s = (sums[r.source_table as string] ??= [0, 0, 0, 0, 0, 0]);
    const fields = ['total_records', 'null_order_id_count', 'late_records_count', 'schema_violation_count', 'duplicate_count'];
    fields.forEach((f, i) => (s[i]! += r[f] as number));
  }
  return { ...outputs, 'data_quality_metrics.ndjson': sums };
}

describe('restart after SIGKILL', () => {
  it('gives the outputs of an uninterrupted run, wherever the kill lands', async () => {
    const whole = tempDir('whole');
    const started = performance.now();
    const first = replayCli(['--out', join(whole, 'out'), '--store', join(whole, 's.sqlite')]);
    const duration = performance.now() - started;
    expect(first.status, String(first.stderr)).toBe(0);
    const expected = withoutDqMinutes(outputsOf(join(whole, 'out'), DROP));

    let resumedMidway = 0;
    // Kill points spread over the run as long as it takes on this machine.
    for (const delayMs of [0.25, 0.4, 0.55, 0.7, 0.85].map((f) => Math.round(f * duration))) {
      const dir = tempDir('killed');
      const args = ['--out', join(dir, 'out'), '--store', join(dir, 's.sqlite'), '--checkpoint-every', '1500'];
      const child = spawn(process.execPath, [CLI, 'replay', '--source', data, ...args], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited;
      const again = replayCli([...args, '--check', '--report', join(dir, 'report.json')]);
      expect(again.status, String(again.stderr) + String(again.stdout)).toBe(0);
      expect(withoutDqMinutes(outputsOf(join(dir, 'out'), DROP)), `killed after ${delayMs} ms`).toEqual(expected);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { resumed: boolean; processed: number };
      if (report.resumed && report.processed > 0) resumedMidway++;
    }
    // The kills must really have landed mid-run for the comparison to mean anything.
    expect(resumedMidway).toBeGreaterThanOrEqual(2);
  });
});

/** Records the store's checkpoints cover so far (0 while there is none), read beside the writer. */
function checkpointedRecords(store: string): number {
  if (!existsSync(store)) return 0;
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT SUM(records) AS n FROM read_totals').get() as { n: number | null } | undefined;
      return row?.n ?? 0;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

async function waitFor(ready: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error('timed out waiting for the replay to checkpoint');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Ctrl-C', () => {
  it('checkpoints, exits 130, and the same command resumes to the same outputs', async () => {
    const big = tempDir('sigint-data');
    generateDataset(big, { records: 120_000, seed: 7 });
    const whole = tempDir('sigint-whole');
    await runReplay({ source: big, out: whole, timeZone: UTC });
    const dir = tempDir('sigint');
    const store = join(dir, 's.sqlite');
    const args = ['replay', '--source', big, '--out', join(dir, 'out'), '--store', store, '--checkpoint-every', '4096'];
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // Interrupt once the run has checkpointed a few times, i.e. really mid-way.
    await waitFor(() => checkpointedRecords(store) >= 20_000);
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stdout).toBe(130);
    expect(stdout).toMatch(/^interrupted +checkpoint saved; run the same command again to resume$/m);
    const again = spawnSync(process.execPath, [CLI, ...args, '--check'], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/resumed from a checkpoint/);
    expect(withoutDqMinutes(outputsOf(join(dir, 'out'), DROP))).toEqual(withoutDqMinutes(outputsOf(whole, DROP)));
  });
});

describe('eviction', () => {
  it('a tiny state TTL gives the same outputs as none', async () => {
    const a = tempDir('no-ttl');
    const b = tempDir('tiny-ttl');
    await runReplay({ source: data, out: a, timeZone: UTC, clock: FIXED, ttlIdleMs: Infinity, ttlTerminalMs: Infinity });
    const evicted = await runReplay({
      source: data,
      out: b,
      store: join(b, 'store.sqlite'),
      timeZone: UTC,
      clock: FIXED,
      ttlIdleMs: 1,
      ttlTerminalMs: 1,
      checkpointEvery: 5000,
    });
    expect(evicted.processed).toBeGreaterThan(30_000);
    expect(evicted.evictions).toBeGreaterThan(1000);
    expect(evicted.reloads).toBeGreaterThan(100);
    expect(outputsOf(b)).toEqual(outputsOf(a));
  });
});
