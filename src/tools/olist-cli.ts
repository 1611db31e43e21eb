// `node dist/tools/olist-cli.js <olist-csv-dir> <out-dir> [--limit N]`: imports the Olist sample as an
// ordertrack source directory and prints what it wrote. Replay it with `--time-zone America/Sao_Paulo`.
import { parseArgs } from 'node:util';
import { importOlist } from './olist.js';

const USAGE = 'usage: olist-cli <olist-csv-dir> <out-dir> [--limit N]';

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { limit: { type: 'string' } } });
  if (positionals.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    console.error(`--limit: not a positive integer: ${values.limit}`);
    return 2;
  }
  const result = importOlist(positionals[0]!, positionals[1]!, { limit });
  console.log(JSON.stringify(result, null, 2));
  console.error(`times are ${result.timeZone} local time: replay with --time-zone ${result.timeZone}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
