#!/usr/bin/env -S node --max-semi-space-size=64
// The ordertrack program: declares commands and flags, imports each command lazily, and maps
// what it returns or throws to an exit code in one place.
import { Command, CommanderError } from 'commander';
import { describeError, exitCodeFor, EXIT_USAGE } from './exit.js';

function program(setExit: (code: number) => void): Command {
  const p = new Command();
  p.name('ordertrack')
    .description('Track every order from creation to completion: stream engine, inventory ledger, anomalies.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`ordertrack: ${str.replace(/^error: /, '').trim()} (see ordertrack --help)\n`),
    });

  p.command('replay')
    .description('replay a source directory headless and write one NDJSON file per output table')
    .requiredOption('--source <dir>', 'source directory: the three event NDJSON files or tape.ndjson, and reference/')
    .requiredOption('--out <dir>', 'output directory for the NDJSON outputs')
    .option('--store <file>', 'SQLite store file (keeps stock, outputs and checkpoints; resumes after a checkpoint)')
    .option('--from <time>', "re-read from this event time, or 'earliest' (resets the keyed state, keeps ledger and decisions)")
    .option('--to <time>', 'stop before this event time')
    .option('--time-zone <tz>', 'IANA time zone for timestamps without a zone', 'UTC')
    .option('--check', 'verify stock invariants, op_id once and data-quality totals; exit 1 if one fails')
    .option('--report <file>', 'write the summary and checks as JSON')
    .option('--checkpoint-every <records>', 'also checkpoint every this many records')
    .option('--ttl-terminal <duration>', 'keep terminal orders in memory this long (default 24h)')
    .option('--ttl-idle <duration>', 'keep idle orders in memory this long (default 7d)')
    .option('--quiet', 'print nothing on success')
    .action(async (flags) => {
      const { replay } = await import('./commands/replay.js');
      setExit(await replay(flags, { stdout: process.stdout }));
    });
  return p;
}

async function main(argv: string[]): Promise<number> {
  let code = 0;
  try {
    await program((c) => (code = c)).parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    process.stderr.write(describeError(err) + '\n');
    if (process.env.ORDERTRACK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
