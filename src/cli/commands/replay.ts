// `ordertrack replay`: headless replay of a source directory (SPEC §13) into NDJSON outputs.
import { formatSummary } from '../../runtime/summary.js';
import { runReplay } from '../../runtime/replay.js';
import { EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { countOption, durationOption, timeOption, timeZoneOption } from '../options.js';

export interface ReplayFlags {
  source: string;
  out: string;
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

export async function replay(flags: ReplayFlags, io: { stdout: NodeJS.WritableStream }): Promise<number> {
  const tz = timeZoneOption(flags.timeZone);
  const signal = { stopped: false };
  const stop = (): void => {
    signal.stopped = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const summary = await runReplay({
      source: flags.source,
      out: flags.out,
      store: flags.store,
      from: timeOption('--from', flags.from, tz, true),
      to: timeOption('--to', flags.to, tz, false),
      timeZone: tz,
      check: flags.check,
      report: flags.report,
      checkpointEvery: countOption('--checkpoint-every', flags.checkpointEvery),
      ttlTerminalMs: durationOption('--ttl-terminal', flags.ttlTerminal),
      ttlIdleMs: durationOption('--ttl-idle', flags.ttlIdle),
      signal,
    });
    if (!flags.quiet) io.stdout.write(formatSummary(summary) + '\n');
    if (summary.interrupted) return EXIT_INTERRUPTED;
    return summary.ok ? EXIT_OK : EXIT_CHECK_FAILED;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
