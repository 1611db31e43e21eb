// Flags shared by `run` and `demo`, turned into a RunSpec (each failure a one-line UserError).
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UserError } from '../../errors.js';
import type { RunSpec } from '../../runtime/run-spec.js';
import { countOption, durationOption, givenFlag, timeOption, timeZoneOption } from '../options.js';

export interface RunFlags {
  source?: string;
  store?: string;
  seed?: string;
  speed?: string;
  start?: string;
  rate?: string;
  timeZone?: string;
  commitInterval?: string;
  exitWhenIdle?: string;
  ttlTerminal?: string;
  ttlIdle?: string;
  history?: string;
}

const SIMULATOR_ONLY: [string, string][] = [
  ['speed', '--speed'],
  ['seed', '--seed'],
  ['start', '--start'],
  ['history', '--history'],
];

export function runSpec(flags: RunFlags, store: string, defaults: { speed: number; history: number }): RunSpec {
  const tz = timeZoneOption(flags.timeZone);
  const source = flags.source ?? 'sim';
  if (source !== 'sim' && !(existsSync(source) && statSync(source).isDirectory())) {
    throw new UserError(`--source ${source} is neither 'sim' nor a directory: pass --source sim, or a source directory (see README, "File formats")`);
  }
  // A flag the chosen source does not read is refused, not ignored.
  if (source === 'sim' && flags.rate !== undefined) throw new UserError('--rate paces a source directory: the simulator goes by --speed');
  const stray = source === 'sim' ? undefined : givenFlag(flags, SIMULATOR_ONLY);
  if (stray) throw new UserError(`${stray} goes with --source sim: a directory is read as it is, paced by --rate`);
  const speed = flags.speed === undefined ? defaults.speed : Number(flags.speed);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UserError(`--speed '${flags.speed}' must be a positive number (e.g. 60)`);
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isInteger(seed)) throw new UserError(`--seed '${flags.seed}' must be a whole number`);
  return {
    source,
    store,
    timeZone: tz.name,
    seed,
    speed,
    start: timeOption('--start', flags.start, tz, false),
    rate: countOption('--rate', flags.rate),
    commitIntervalMs: durationOption('--commit-interval', flags.commitInterval),
    exitWhenIdleMs: durationOption('--exit-when-idle', flags.exitWhenIdle),
    ttlTerminalMs: durationOption('--ttl-terminal', flags.ttlTerminal),
    ttlIdleMs: durationOption('--ttl-idle', flags.ttlIdle),
    simulator: { history: durationOption('--history', flags.history) ?? defaults.history },
  };
}

/** The operator's name for the audit trail: --operator, else the OS user. */
export function operatorName(flag: string | undefined): string {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}
