// `ordertrack replay`: headless replay of a source directory (SPEC §13) into NDJSON outputs.
import { streamConfigOf } from '../../config/load-config-file.js';
import type { StreamFlags } from '../../config/stream-config.js';
import { UserError } from '../../errors.js';
import { summaryText } from '../../runtime/summary.js';
import { runReplay } from '../../runtime/replay.js';
import { unreadFiles } from '../../sources/file/open-source.js';
import { EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { noteWriter, ProgressLine } from '../progress.js';
import { untilStopped } from '../stop-signal.js';
import { countOption, durationOption, givenFlag, replayRange, timeZoneOption } from '../options.js';

export interface ReplayFlags extends StreamFlags {
  source?: string;
  out?: string;
  config?: string;
  dryRun?: boolean;
  store?: string;
  from?: string;
  to?: string;
  timeZone?: string;
  check?: boolean;
  report?: string;
  checkpointEvery?: string;
  ttlTerminal?: string;
  ttlIdle?: string;
  quiet?: boolean;
}

/** Flags only a Kafka replay reads. */
const KAFKA_ONLY: [keyof ReplayFlags, string][] = [
  ['group', '--group'],
  ['topicPrefix', '--topic-prefix'],
  ['config', '--config'],
  ['dryRun', '--dry-run'],
];

/** Flags only a file replay reads. */
const FILE_ONLY: [keyof ReplayFlags, string][] = [
  ['source', '--source'],
  ['store', '--store'],
  ['checkpointEvery', '--checkpoint-every'],
  ['ttlTerminal', '--ttl-terminal'],
  ['ttlIdle', '--ttl-idle'],
];

export async function replay(
  flags: ReplayFlags,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; progressEveryMs?: number },
): Promise<number> {
  const stream = streamConfigOf(flags);
  if (stream) {
    const stray = givenFlag(flags, FILE_ONLY);
    if (stray) throw new UserError(`${stray} goes with a file replay (--source): a Kafka replay reads --brokers into --mysql`);
    const { replayStream } = await import('./stream-replay.js');
    return replayStream(stream, flags, io);
  }
  if (flags.source === undefined || flags.out === undefined) {
    throw new UserError('replay needs --source <dir> and --out <dir> (a source directory), or --brokers and --mysql (Kafka and MySQL)');
  }
  const stray = givenFlag(flags, KAFKA_ONLY);
  if (stray) throw new UserError(`${stray} goes with --brokers and --mysql (a Kafka replay): a file replay reads --source`);
  const tz = timeZoneOption(flags.timeZone);
  const { source, out } = flags;
  const note = noteWriter(io.stderr);
  for (const text of unreadFiles(source)) note(text);
  const line = new ProgressLine(io.stderr, { quiet: flags.quiet, everyMs: io.progressEveryMs });
  return untilStopped(async (signal) => {
    const summary = await runReplay({
      source,
      out,
      store: flags.store,
      ...replayRange(flags.from, flags.to, tz),
      timeZone: tz,
      check: flags.check,
      report: flags.report,
      checkpointEvery: countOption('--checkpoint-every', flags.checkpointEvery),
      ttlTerminalMs: durationOption('--ttl-terminal', flags.ttlTerminal),
      ttlIdleMs: durationOption('--ttl-idle', flags.ttlIdle),
      signal,
      onNote: note,
      onBatch: (n, input) => line.report(`replayed ${n} records`, input.read / Math.max(1, input.total)),
      onInputEnd: () => line.finally('input read: writing the last checkpoint and the outputs'),
    });
    io.stdout.write(summaryText(summary, flags.quiet));
    if (summary.interrupted) return EXIT_INTERRUPTED;
    return summary.ok ? EXIT_OK : EXIT_CHECK_FAILED;
  });
}
