// `ordertrack run`: a live run, headless: source (simulator or directory) → engine → store,
// until Ctrl-C (or, with --exit-when-idle, until a directory is read and quiet that long); then
// --out / --report export the store's tables and the summary with the store checks.
// `ordertrack console --store <same file>` attaches to it from another terminal.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { streamConfigOf } from '../../config/load-config-file.js';
import type { StreamFlags } from '../../config/stream-config.js';
import { UserError } from '../../errors.js';
import { runLive, type LiveSummary } from '../../runtime/live.js';
import { summarize } from '../../runtime/summary.js';
import { prepareOutDir, prepareOutFile, refuseOutOverSource } from '../../sinks/out-paths.js';
import { SqliteStore } from '../../sinks/sqlite/sqlite-store.js';
import { unreadFiles } from '../../sources/file/open-source.js';
import { liveOptions } from '../../runtime/run-spec.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { givenFlag } from '../options.js';
import { noteWriter, ProgressLine } from '../progress.js';
import { untilStopped } from '../stop-signal.js';
import { type RunFlags, runSpec } from './run-flags.js';

export interface RunCommandFlags extends RunFlags, StreamFlags {
  store?: string;
  quiet?: boolean;
  config?: string;
  out?: string;
  report?: string;
}

const STATUS_EVERY_MS = 10_000;

/** --out / --report after an embedded run: the store's tables as NDJSON, the summary and the checks as JSON. */
function exportRun(path: string, summary: LiveSummary, flags: RunCommandFlags, elapsedMs: number): void {
  const store = SqliteStore.open(path);
  try {
    const files = flags.out !== undefined ? store.exportNdjson(resolve(flags.out)) : {};
    if (flags.report === undefined) return;
    const report = summarize({
      stats: summary.engine.stats,
      processed: summary.processed,
      elapsedMs,
      files,
      checks: store.checks(),
      interrupted: summary.stoppedBy === 'signal',
      resumed: summary.resumed,
      rules: summary.engine.rules,
    });
    writeFileSync(flags.report, JSON.stringify(report, null, 2) + '\n');
  } finally {
    store.close();
  }
}

/** The live run's status line: records so far, orders in memory and the event-time clock. */
function status(processed: number, g: { orders: number; clock: number | null }): string {
  const clock = g.clock === null ? 'not yet' : new Date(g.clock).toISOString();
  return `${processed} records, ${g.orders} orders in memory, clock ${clock}`;
}

/** Flags only one kind of run reads: given to the other kind they are refused, not ignored. */
const KAFKA_ONLY: [string, string][] = [
  ['group', '--group'],
  ['topicPrefix', '--topic-prefix'],
  ['metricsPort', '--metrics-port'],
  ['sessionTimeout', '--session-timeout'],
  ['instanceId', '--instance-id'],
];
const EMBEDDED_ONLY: [string, string][] = [
  ['source', '--source'],
  ['speed', '--speed'],
  ['store', '--store'],
  ['rate', '--rate'],
  ['seed', '--seed'],
  ['start', '--start'],
  ['history', '--history'],
  ['ttlTerminal', '--ttl-terminal'],
  ['ttlIdle', '--ttl-idle'],
];

function refuseOtherKindsFlags(flags: RunCommandFlags, kafka: boolean): void {
  if (kafka) {
    const stray = givenFlag(flags, EMBEDDED_ONLY);
    if (stray) throw new UserError(`${stray} goes with an embedded run (--store): a Kafka run reads --brokers into --mysql`);
  } else {
    const stray = givenFlag(flags, KAFKA_ONLY) ?? (flags.idempotentProducer === false ? '--no-idempotent-producer' : undefined);
    if (stray) throw new UserError(`${stray} goes with a Kafka run: add --brokers and --mysql, or drop it`);
  }
}

export async function run(flags: RunCommandFlags, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  // Written when the run stops: a path that cannot take them is refused before it starts.
  if (flags.out !== undefined) {
    if (flags.source !== undefined && flags.source !== 'sim') refuseOutOverSource(flags.out, flags.source);
    prepareOutDir(flags.out);
  }
  if (flags.report !== undefined) prepareOutFile(flags.report);
  // commander makes --no-idempotent-producer default true: only an explicit `false` is the flag's say.
  const streamFlags = { ...flags, idempotentProducer: flags.idempotentProducer === false ? false : undefined };
  const stream = streamConfigOf(streamFlags);
  refuseOtherKindsFlags(flags, stream !== undefined);
  if (stream) {
    const { runStreamCommand } = await import('./stream.js');
    return runStreamCommand(stream, flags, io);
  }
  if (flags.store === undefined) {
    throw new UserError('run needs --store <file> (the embedded store), or --brokers and --mysql (Kafka and MySQL)');
  }
  const spec = runSpec(flags, flags.store, { speed: 1, history: 0 });
  const note = noteWriter(io.stderr);
  if (spec.source !== 'sim') for (const text of unreadFiles(spec.source)) note(text);
  const line = new ProgressLine(io.stderr, { quiet: flags.quiet, everyMs: STATUS_EVERY_MS });
  const started = performance.now();
  return untilStopped(async (signal) => {
    const opts = liveOptions(spec, signal, note);
    const summary = await runLive({
      ...opts,
      // Said once the store is the run's: a refused run says only why.
      onStart: () => {
        if (!flags.quiet) io.stderr.write(`ordertrack: running ${spec.source === 'sim' ? `the simulator (×${spec.speed})` : spec.source} into ${spec.store}; Ctrl-C stops\n`);
      },
      onCommit: (live) => {
        line.report(status(live.processed, live.engine.gauges()));
      },
    });
    if (!flags.quiet) {
      const how = summary.stoppedBy === 'idle' ? 'source read and idle' : 'stopped';
      io.stdout.write(`${how}: ${summary.processed} records processed${summary.resumed ? ' (resumed from a checkpoint)' : ''}; store ${spec.store}\n`);
    }
    if (flags.out !== undefined || flags.report !== undefined) exportRun(spec.store, summary, flags, performance.now() - started);
    return summary.stoppedBy === 'signal' ? EXIT_INTERRUPTED : EXIT_OK;
  });
}
