// `npm run bench`: generates (once) a synthetic data set of ≥ 1,000,000 records and reports
// records/s and peak RSS, median of three runs each, for (a) the engine alone over parsed
// records and (b) a full replay to NDJSON outputs with the SQLite store, beside a floor: reading and
// parsing the input alone. Figures, no verdicts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calibrate } from './calibrate.js';
import { generateDataset } from './generate.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = resolve(process.env.BENCH_DIR ?? 'bench-data');
const data = join(root, `synthetic-${RECORDS}`);
const work = join(root, 'work');

if (!existsSync(join(data, 'order_status_events.ndjson'))) {
  rmSync(data, { recursive: true, force: true });
  const t0 = performance.now();
  const g = generateDataset(data, { records: RECORDS, seed: 1 });
  console.log(`generated ${g.events} records (${g.orders} orders) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${data}`);
} else {
  console.log(`using ${data}`);
}
mkdirSync(work, { recursive: true });
console.log(`machine: a fixed JSON-and-maps workload takes ${calibrate().toFixed(0)} ms (median of 5); the figures below scale with it across days`);

interface Result {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMiB: number;
  [phase: string]: number;
}

/** The replay's phases (ReplayPhases, in s) and what is left. */
const PHASES = ['read', 'engine', 'drain', 'store', 'files', 'export', 'rest'];

function run(kind: string): Result {
  const out = execFileSync(process.execPath, ['--max-semi-space-size=64', join(import.meta.dirname, 'child.js'), kind, data, work], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Result;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const rows: [string, Result[]][] = [
  ['engine alone (parsed records)', []],
  ['replay → SQLite store + NDJSON', []],
  ['floor: read + JSON.parse only', []],
];
for (let i = 0; i < RUNS; i++) {
  rows[0]![1].push(run('engine'));
  rows[1]![1].push(run('replay'));
  rows[2]![1].push(run('parse'));
}
console.log(`\n${'benchmark'.padEnd(34)}${'records'.padStart(10)}${'records/s'.padStart(12)}${'peak RSS'.padStart(12)}   (median of ${RUNS})`);
for (const [name, rs] of rows) {
  const rate = median(rs.map((r) => r.recordsPerSecond));
  const rss = median(rs.map((r) => r.peakRssMiB));
  console.log(`${name.padEnd(34)}${String(rs[0]!.records).padStart(10)}${Math.round(rate).toLocaleString('en-US').padStart(12)}${`${Math.round(rss)} MiB`.padStart(12)}`);
}
const ratio = median(rows[1]![1].map((r) => r.recordsPerSecond)) / median(rows[0]![1].map((r) => r.recordsPerSecond));
console.log(`replay / engine-alone throughput ratio: ${ratio.toFixed(2)}`);
console.log('(the floor reads and parses every line and does nothing else: no replay of this data can be faster here)');
const replays = rows[1]![1];
const share = PHASES.map((p) => `${p} ${median(replays.map((r) => r[p]! / r.seconds * 100)).toFixed(0)}%`);
console.log(`replay's time (medians): ${share.join(', ')}`);

// React's production build, as the CLI uses it (see src/cli/index.ts).
process.env.NODE_ENV = 'production';
const { consoleLatency } = await import('./console-latency.js');
const lat = await consoleLatency(data);
console.log(
  `\nconsole keystroke → frame while the engine reads at full speed (${Math.round(lat.recordsPerSecond).toLocaleString('en-US')} records/s meanwhile): ` +
    `median ${lat.median.toFixed(0)} ms, p95 ${lat.p95.toFixed(0)} ms, max ${lat.max.toFixed(0)} ms (bar: 100 ms)`,
);

const { kafkaMysqlBench } = await import('./kafka-mysql.js');
const km = await kafkaMysqlBench(root, Number(process.env.BENCH_KAFKA_RECORDS ?? 150_000));
console.log(
  `Kafka (${4} partitions) → engine → MySQL + output topics: ${km.records} records, ` +
    `${Math.round(km.recordsPerSecond).toLocaleString('en-US')} records/s (bar: 30,000); file replay above for comparison`,
);
