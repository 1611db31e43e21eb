// Reads the JSON config file of `--config` (the thin, impure step next to stream-config.ts).
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { resolveStreamConfig, type ConfigFile, type StreamConfig, type StreamFlags } from './stream-config.js';

export function loadConfigFile(path: string | undefined): ConfigFile {
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read config file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the --config path`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`config file ${path} is not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`config file ${path} must hold a JSON object`);
  return value as ConfigFile;
}

/**
 * The Kafka/MySQL settings of a run or replay, or undefined for a file run. A --source on the
 * command line with no --brokers or --mysql beside it is a file run: the ORDERTRACK_* variables
 * and --config, set for the Kafka runs, do not turn it into one.
 */
export function streamConfigOf(flags: StreamFlags & { source?: string; config?: string }): StreamConfig | undefined {
  if (flags.source !== undefined && flags.brokers === undefined && flags.mysql === undefined) return undefined;
  return resolveStreamConfig(flags, process.env, loadConfigFile(flags.config));
}

/** The MySQL URL of a `db` command: --mysql, else ORDERTRACK_MYSQL. */
export function mysqlUrlOf(flags: { mysql?: string }, command: string): string {
  const url = flags.mysql ?? process.env.ORDERTRACK_MYSQL;
  if (url === undefined || url === '') throw new UserError(`${command} needs --mysql mysql://user:password@host:port/database (or ORDERTRACK_MYSQL)`);
  return url;
}
