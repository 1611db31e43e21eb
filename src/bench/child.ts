// One benchmark in a fresh process (so peak RSS is its own): prints a JSON line.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { UTC } from '../engine/time/timestamp.js';
import { newReplayPhases, runReplay } from '../runtime/replay.js';
import { benchEngine, parseFloor } from './engine-only.js';

const [kind, dir, work] = process.argv.slice(2);
if (kind === 'engine') {
  const r = benchEngine(dir!);
  report(r.records, r.seconds, { drainSeconds: r.drainSeconds });
} else if (kind === 'replay') {
  rmSync(join(work!, 'store.sqlite'), { force: true });
  const phases = newReplayPhases();
  const t0 = performance.now();
  const s = await runReplay({ source: dir!, out: join(work!, 'out'), store: join(work!, 'store.sqlite'), timeZone: UTC, phases });
  const seconds = (performance.now() - t0) / 1000;
  const phaseSeconds = Object.fromEntries(Object.entries(phases).map(([k, ms]) => [k, ms / 1000]));
  report(s.processed, seconds, { ...phaseSeconds, rest: seconds - Object.values(phaseSeconds).reduce((a, b) => a + b, 0) });
} else if (kind === 'parse') {
  const r = parseFloor(dir!);
  report(r.records, r.seconds);
} else {
  throw new Error(`unknown benchmark ${kind}`);
}

function report(records: number, seconds: number, extra: Record<string, number> = {}): void {
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ kind, records, seconds, recordsPerSecond: records / seconds, peakRssMiB: rssMiB, ...extra }));
}
