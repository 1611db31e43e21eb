// The console's responsiveness while the engine runs at full speed (issue bar: a keystroke
// answered within 100 ms): the demo's shape — a live run in a worker thread reading a large
// source directory as fast as it goes, the console on the main thread reading the store — with
// the console drawn into an in-memory terminal. Each sample presses a view key and times until
// the frame shows that view. Prints the median, p95 and max, and the engine's rate meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { StoreFeed } from '../runtime/console-feed.js';
import type { RunStatus } from '../runtime/run-status.js';
import { startWorkerRun } from '../runtime/worker-run.js';
import { SqliteStore } from '../sinks/sqlite/sqlite-store.js';
import { App } from '../ui/app.js';

const SAMPLES = Number(process.env.BENCH_KEYS ?? 40);
const VIEWS: [string, string][] = [
  ['2', '[2 Anomalies'],
  ['3', '[3 Stock]'],
  ['1', '[1 Overview]'],
  ['5', '[5 Engine]'],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function consoleLatency(data: string): Promise<{ median: number; p95: number; max: number; recordsPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ordertrack-latency-'));
  const store = join(dir, 'store.sqlite');
  const run = startWorkerRun({ source: data, store, timeZone: 'UTC', seed: 1, speed: 1 });
  try {
    while (!readStatus(store)) await sleep(50);
    const feed = new StoreFeed({ store, operator: 'bench' });
    feed.start();
    const ui = render(createElement(App, { handle: feed, onQuit: () => undefined, env: { NO_COLOR: '1' } }));
    Object.defineProperty(ui.stdout, 'columns', { configurable: true, get: () => 120 });
    Object.defineProperty(ui.stdout, 'rows', { configurable: true, get: () => 40 });
    ui.stdout.emit('resize');
    await sleep(1000);
    const before = feed.current();
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const [key, marker] = VIEWS[i % VIEWS.length]!;
      const t0 = performance.now();
      ui.stdin.write(key);
      while (!(ui.lastFrame() ?? '').includes(marker)) await new Promise((r) => setImmediate(r));
      samples.push(performance.now() - t0);
      await sleep(100 + (i % 7) * 23);
    }
    const after = feed.current();
    ui.unmount();
    feed.close();
    samples.sort((a, b) => a - b);
    const span = (after.run.heartbeat_at ?? 0) - (before.run.heartbeat_at ?? 0);
    const recordsPerSecond = ((after.overview.records_total - before.overview.records_total) * 1000) / Math.max(1, span);
    return {
      median: samples[Math.floor(samples.length / 2)]!,
      p95: samples[Math.floor(samples.length * 0.95)]!,
      max: samples[samples.length - 1]!,
      recordsPerSecond,
    };
  } finally {
    await run.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

function readStatus(store: string): { status: RunStatus; updated_at: number } | undefined {
  try {
    const s = SqliteStore.open(store);
    try {
      return s.control.readStatus<RunStatus>();
    } finally {
      s.close();
    }
  } catch {
    return undefined;
  }
}
