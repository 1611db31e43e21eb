// `node dist/bench/generate-cli.js <dir> [--records N] [--seed S] [--start T] [--orders-per-day N]
//  [--anomaly-scale K] [--fault-scale K]`: writes a synthetic source directory and prints a JSON
// summary (with the time taken and peak RSS) on stdout.
import { parseArgs } from 'node:util';
import { generateDataset } from './generate.js';

const USAGE = 'usage: generate-cli <dir> [--records N] [--seed S] [--start ISO] [--orders-per-day N] [--anomaly-scale K] [--fault-scale K]';

function num(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`--${name}: not a non-negative number: ${v}`);
  return x;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      records: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      'orders-per-day': { type: 'string' },
      'anomaly-scale': { type: 'string' },
      'fault-scale': { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const began = performance.now();
  const result = generateDataset(positionals[0]!, {
    records: num(values.records, 'records', 1_000_000),
    seed: num(values.seed, 'seed', 1),
    start: values.start,
    ordersPerDay: values['orders-per-day'] === undefined ? undefined : num(values['orders-per-day'], 'orders-per-day', 0),
    anomalyScale: num(values['anomaly-scale'], 'anomaly-scale', 1),
    faultScale: num(values['fault-scale'], 'fault-scale', 1),
  });
  const seconds = (performance.now() - began) / 1000;
  const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ...result, seconds: Math.round(seconds * 100) / 100, maxRssMiB: rssMiB }, null, 2));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
}
