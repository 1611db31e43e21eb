// `ordertrack demo`: simulator → engine → SQLite store → console in one process, no set-up.
// The engine runs in a worker thread (its own core); the console reads the store a few times a
// second. Accelerated (60× by default) so timeouts and SLA breaches show within minutes.
// --headless runs the same pipeline without the console for --duration (CI, scripts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { StoreFeed } from '../../runtime/console-feed.js';
import { startWorkerRun } from '../../runtime/worker-run.js';
import { consoleUnavailable, runConsole } from '../../ui/run-console.js';
import { EXIT_OK } from '../exit.js';
import { durationOption } from '../options.js';
import { operatorName, type RunFlags, runSpec } from './run-flags.js';

export interface DemoFlags extends RunFlags {
  operator?: string;
  readOnly?: boolean;
  headless?: boolean;
  duration?: string;
}

const FIRST_HEARTBEAT_MS = 5_000;
/**
 * Simulated traffic from before the start, handed over at once: orders that have already stalled
 * for a day or waited three days for a parcel, so every anomaly type shows within minutes.
 */
const DEMO_HISTORY_MS = 4 * 86_400_000;

export async function demo(flags: DemoFlags, io: { stdout: NodeJS.WritableStream }): Promise<number> {
  if (!flags.headless) {
    const why = consoleUnavailable(process.stdout, process.stdin);
    if (why) throw new UserError(why);
  }
  const duration = durationOption('--duration', flags.duration);
  if (duration !== undefined && !flags.headless) throw new UserError('--duration goes with --headless (the console runs until you press q)');
  const store = flags.store ?? join(mkdtempSync(join(tmpdir(), 'ordertrack-demo-')), 'demo.sqlite');
  const spec = runSpec({ ...flags, source: flags.source ?? 'sim' }, store, { speed: 60, history: DEMO_HISTORY_MS });
  const run = startWorkerRun(spec);
  const failed = run.done.then(
    () => undefined,
    (err: unknown) => err,
  );
  try {
    if (flags.headless) {
      await Promise.race([sleep(duration ?? 30_000), failed]);
    } else {
      await waitForHeartbeat(store, failed);
      const feed = new StoreFeed({ store, operator: operatorName(flags.operator), readOnly: flags.readOnly });
      feed.start();
      try {
        await Promise.race([runConsole(feed), failed.then((e) => Promise.reject(e))]);
      } finally {
        feed.close();
      }
    }
    const err = await Promise.race([failed, Promise.resolve(undefined)]);
    if (err) throw err;
    const summary = await run.stop();
    io.stdout.write(`demo: ${summary.processed} records processed; store kept at ${store}\n`);
    return EXIT_OK;
  } catch (err) {
    await run.stop().catch(() => undefined);
    throw err;
  }
}

/** The console opens on data: wait (briefly) for the run's first heartbeat. */
async function waitForHeartbeat(store: string, failed: Promise<unknown>): Promise<void> {
  const { SqliteStore } = await import('../../sinks/sqlite/sqlite-store.js');
  const deadline = Date.now() + FIRST_HEARTBEAT_MS;
  let stop = false;
  void failed.then(() => (stop = true));
  while (Date.now() < deadline && !stop) {
    try {
      const s = SqliteStore.open(store);
      const status = s.control.readStatus();
      s.close();
      if (status) return;
    } catch {
      // The worker may be creating the file right now.
    }
    await sleep(100);
  }
  const err = await Promise.race([failed, Promise.resolve(undefined)]);
  if (err) throw err;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
