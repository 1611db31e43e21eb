#!/usr/bin/env -S node --max-semi-space-size=64
// The ordertrack program: declares commands and flags, imports each command lazily, and maps
// what it returns or throws to an exit code in one place.
import { Command, CommanderError } from 'commander';
import { declareSimulate } from './commands/simulate-flags.js';
import { describeError, exitCodeFor, EXIT_USAGE } from './exit.js';

// React (the console, imported lazily below) picks its production build from this; the
// development build draws a frame ~1.5× slower (measured by `npm run bench`).
process.env.NODE_ENV ??= 'production';

// Ink draws only the last frame, at exit, when a CI variable is set. At a real terminal (a TTY on
// both ends) the console must draw live, so the terminal wins over the variable. Set before any
// command, and so Ink, is imported.
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}

function program(setExit: (code: number) => void): Command {
  const p = new Command();
  p.name('ordertrack')
    .description('Track every order from creation to completion: stream engine, inventory ledger, anomalies.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      // One line: commander puts its "(Did you mean …?)" on a line of its own.
      outputError: (str, write) =>
        write(`ordertrack: ${str.replace(/^error: /, '').trim().replace(/\s*\n\s*\(Did you mean/, ' (did you mean')} (see ordertrack --help)\n`),
    });

  p.command('replay')
    .description('replay a source directory headless into NDJSON outputs, or re-read Kafka topics from a time into MySQL')
    .option('--source <dir>', 'source directory: the three event NDJSON files or tape.ndjson, and reference/')
    .option('--out <dir>', 'output directory for the NDJSON outputs')
    .option('--brokers <host:port,...>', 'Kafka: re-read the topics from --from (with --mysql; env ORDERTRACK_BROKERS)')
    .option('--mysql <url>', 'Kafka: the MySQL store of the run (env ORDERTRACK_MYSQL)')
    .option('--group <id>', 'Kafka: the consumer group of the run (default: ordertrack)')
    .option('--topic-prefix <prefix>', 'Kafka: prefix of every topic name')
    .option('--config <file>', 'Kafka: JSON file with brokers, mysql, group, topicPrefix')
    .option('--dry-run', 'Kafka: print per partition the current and new offsets and the records to re-read, and stop')
    .option('--store <file>', 'SQLite store file (keeps stock, outputs and checkpoints; resumes after a checkpoint)')
    .option('--from <time>', "re-read from this event time, or 'earliest' (the state before it is rebuilt by reading that again quietly; ledger and decisions kept)")
    .option('--to <time>', 'stop before this event time')
    .option('--time-zone <tz>', 'IANA time zone for timestamps without a zone', 'UTC')
    .option('--check', 'verify stock invariants, op_id once and data-quality totals; exit 1 if one fails')
    .option('--report <file>', 'write the summary and checks as JSON')
    .option('--checkpoint-every <records>', 'also checkpoint every this many records')
    .option('--ttl-terminal <duration>', 'keep terminal orders in memory this long (default: 24h)')
    .option('--ttl-idle <duration>', 'keep idle orders in memory this long (default: 7d)')
    .option('--quiet', 'print nothing on success: no progress lines, no summary')
    .action(async (flags) => {
      const { replay } = await import('./commands/replay.js');
      setExit(await replay(flags, { stdout: process.stdout, stderr: process.stderr }));
    });

  const live = (c: Command): Command =>
    c
      .option('--seed <n>', 'simulator seed: the same seed, the same traffic (default: 1)')
      .option('--start <time>', 'simulated start time (default: now)')
      .option('--history <duration>', 'simulator: traffic from this long before the start, handed over at once (demo: 4d)')
      .option('--rate <records/s>', 'directory: read at this many records per second (default: as fast as it goes)')
      .option('--time-zone <tz>', 'IANA time zone for timestamps without a zone', 'UTC')
      .option('--commit-interval <duration>', 'checkpoint and refresh the figures this often (default: 1s)')
      .option('--ttl-terminal <duration>', 'keep terminal orders in memory this long (default: 24h)')
      .option('--ttl-idle <duration>', 'keep idle orders in memory this long (default: 7d)');

  live(
    p
      .command('run')
      .description('run the engine live (headless) from the simulator or a directory into a store; attach `ordertrack console` to it')
      .option('--source <dir|sim>', "'sim' for the simulator, or a source directory (default: sim)")
      .option('--store <file>', 'SQLite store file (stock, outputs, checkpoints; resumes after a checkpoint)')
      .option('--speed <x>', 'simulator: simulated time runs this many times the wall clock (default: 1)')
      .option('--brokers <host:port,...>', 'read the topics from Kafka (with --mysql; env ORDERTRACK_BROKERS)')
      .option('--mysql <url>', 'keep stock and outputs in MySQL: mysql://user:password@host:port/db (env ORDERTRACK_MYSQL)')
      .option('--group <id>', 'Kafka consumer group; instances of one group share the partitions (default: ordertrack)')
      .option('--topic-prefix <prefix>', 'prefix of every Kafka topic name')
      .option('--metrics-port <port>', 'serve Prometheus metrics on http://127.0.0.1:<port>/metrics (0: any free port)')
      .option('--no-idempotent-producer', 'plain acks=all producer (for brokers without idempotence, e.g. test brokers)')
      .option('--config <file>', 'JSON file with brokers, mysql, group, topicPrefix, metricsPort (flags and env win)')
      .option('--exit-when-idle <duration>', 'stop once the input is read (Kafka: every assigned partition caught up) and quiet this long')
      .option('--session-timeout <duration>', 'Kafka: how soon the group gives a silent instance\'s partitions to the others (default: 30s)')
      .option('--instance-id <name>', 'Kafka: this instance\'s name in the partition checkpoints (default: host:pid:random)')
      .option('--out <dir>', 'at the end, export one NDJSON file per output table here')
      .option('--report <file>', 'at the end, write the summary and the store checks as JSON')
      .option('--headless', 'no console (run is always headless; accepted for scripts)')
      .option('--quiet', 'print nothing but errors'),
  ).action(async (flags) => {
    const { run } = await import('./commands/run.js');
    setExit(await run(flags, { stdout: process.stdout, stderr: process.stderr }));
  });

  live(
    p
      .command('demo')
      .description('simulator → engine → store → console in one process, accelerated; no set-up')
      .option('--store <file>', 'SQLite store file (default: a new file in a temporary directory)')
      .option('--source <dir|sim>', "'sim' for the simulator, or a source directory", 'sim')
      .option('--speed <x>', 'simulated time runs this many times the wall clock', '60')
      .option('--operator <name>', 'name recorded with your actions (default: the OS user)')
      .option('--read-only', 'hide every action')
      .option('--headless', 'no console: run for --duration, print what was processed (CI, scripts)')
      .option('--duration <duration>', 'with --headless: how long to run (default: 30s)'),
  ).action(async (flags) => {
    const { demo } = await import('./commands/demo.js');
    setExit(await demo(flags, { stdout: process.stdout }));
  });

  p.command('console')
    .description('the operations console over the store of a live run')
    .requiredOption('--store <file>', 'the store file `ordertrack run` writes')
    .option('--operator <name>', 'name recorded with your actions (default: the OS user)')
    .option('--read-only', 'hide every action')
    .action(async (flags) => {
      const { consoleCommand } = await import('./commands/console.js');
      setExit(await consoleCommand(flags));
    });

  const anomalies = p.command('anomalies').description('list, acknowledge and resolve abnormal orders');
  anomalies
    .command('list')
    .description('abnormal orders, open first')
    .requiredOption('--store <file>', 'store file')
    .option('--status <status>', 'open, pending, processed or resolved')
    .option('--limit <n>', 'at most this many rows', '100')
    .option('--json', 'JSON output')
    .action(async (flags) => {
      const { anomaliesList } = await import('./commands/operator.js');
      setExit(await anomaliesList(flags, { stdout: process.stdout }));
    });
  anomalies
    .command('ack <order_id> <type>')
    .description('acknowledge an anomaly (PENDING → PROCESSED)')
    .requiredOption('--store <file>', 'store file')
    .option('--note <text>', 'note for the audit trail')
    .option('--operator <name>', 'your name (default: the OS user)')
    .option('--json', 'JSON output')
    .action(async (orderId: string, type: string, flags) => {
      const { anomaliesAck } = await import('./commands/operator.js');
      setExit(await anomaliesAck(orderId, type, flags, { stdout: process.stdout }));
    });
  anomalies
    .command('resolve <order_id> <type>')
    .description('resolve an anomaly with an action (CANCEL_ORDER also issues the cancel command)')
    .requiredOption('--store <file>', 'store file')
    .requiredOption('--action <action>', 'CANCEL_ORDER, ESCALATE_PROCESSING, CHECK_LOGISTICS, RESTOCK_OR_CANCEL, CHECK_ORDER_DATA, FIX_ROUTING or NO_ACTION')
    .option('--note <text>', 'note for the audit trail')
    .option('--operator <name>', 'your name (default: the OS user)')
    .option('--json', 'JSON output')
    .action(async (orderId: string, type: string, flags) => {
      const { anomaliesResolve } = await import('./commands/operator.js');
      setExit(await anomaliesResolve(orderId, type, flags, { stdout: process.stdout }));
    });

  const stock = p.command('stock').description('stock levels and operator adjustments');
  stock
    .command('list')
    .description('SKUs, lowest available first')
    .requiredOption('--store <file>', 'store file')
    .option('--limit <n>', 'at most this many rows', '50')
    .option('--json', 'JSON output')
    .action(async (flags) => {
      const { stockList } = await import('./commands/operator.js');
      setExit(await stockList(flags, { stdout: process.stdout }));
    });
  stock
    .command('adjust <sku_id> <delta>')
    .description('correct a SKU\'s available stock by a signed delta (through the live run when one is running)')
    .requiredOption('--store <file>', 'store file')
    // Checked by the command (after the arguments): commander names a missing required option first.
    .option('--reason <text>', 'why (kept in the audit trail; required)')
    .option('--operator <name>', 'your name (default: the OS user)')
    .option('--json', 'JSON output')
    .action(async (skuId: string, delta: string, flags) => {
      const { stockAdjust } = await import('./commands/operator.js');
      setExit(await stockAdjust(skuId, delta, flags, { stdout: process.stdout }));
    });

  p.command('audit')
    .description('export the audit trail of operator actions (acknowledge, resolve, adjust, replay)')
    .requiredOption('--store <file>', 'store file')
    .option('--since <time>', 'only actions at or after this time')
    .option('--format <md|json>', 'md (a table for the incident report) or json', 'md')
    .option('--time-zone <tz>', 'IANA time zone for --since without a zone', 'UTC')
    .action(async (flags) => {
      const { audit } = await import('./commands/operator.js');
      setExit(await audit(flags, { stdout: process.stdout }));
    });

  const db = p.command('db').description('set up a MySQL database for ordertrack');
  db.command('migrate')
    .description('apply the missing schema migrations to a MySQL database (safe to run again)')
    .option('--mysql <url>', 'mysql://user:password@host:port/database (env ORDERTRACK_MYSQL)')
    .action(async (flags) => {
      const { dbMigrate } = await import('./commands/db.js');
      setExit(await dbMigrate(flags, { stdout: process.stdout }));
    });
  db.command('seed')
    .description('load reference files into a MySQL database; rows already there are kept')
    .option('--mysql <url>', 'mysql://user:password@host:port/database (env ORDERTRACK_MYSQL)')
    .requiredOption('--reference <dir>', 'a source directory holding reference/, or that reference/ directory')
    .option('--time-zone <tz>', 'IANA time zone for times in the files written without one', 'UTC')
    .action(async (flags) => {
      const { dbSeed } = await import('./commands/db.js');
      setExit(await dbSeed(flags, { stdout: process.stdout }));
    });

  declareSimulate(p.command('simulate')).action(async (flags) => {
    const { simulate } = await import('./commands/simulate.js');
    setExit(await simulate(flags, { stdout: process.stdout }));
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

// Output piped into a reader that stops early (`| head`): the rest is not wanted, which is no error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
