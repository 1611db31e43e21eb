// How the MySQL store holds the column kinds that are not plain numbers or text (schema.ts):
// times as DATETIME(3) UTC, bound and read as `YYYY-MM-DD HH:mm:ss.SSS` text (the pool reads
// dates as strings, so no driver or session time zone ever shifts them), booleans as TINYINT(1).
import { InternalError } from '../../errors.js';
import { formatTime, parseTimeLoose, UTC } from '../../engine/time/timestamp.js';
import type { SqlDialect } from '../row-codec.js';

/** The DATETIME range MySQL documents (MariaDB stores from year 1, MySQL only promises 1000). */
export const MIN_TIME = Date.UTC(1000, 0, 1);
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Epoch ms → DATETIME(3) text; a time DATETIME cannot hold is refused, never stored shifted. */
export function toDatetime(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < MIN_TIME || ms > MAX_TIME) {
    const shown = Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? formatTime(ms) : String(ms);
    throw new InternalError(`time ${shown} is outside what a MySQL DATETIME holds (years 1000–9999)`);
  }
  // toISOString gives `YYYY-MM-DDTHH:mm:ss.sssZ` for these years.
  const iso = formatTime(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** DATETIME(3) text (as the pool returns it) → epoch ms. */
export function fromDatetime(v: unknown): number {
  const ms = typeof v === 'string' ? parseTimeLoose(v, UTC) : undefined;
  if (ms === undefined) throw new InternalError(`MySQL returned ${JSON.stringify(v)} for a DATETIME column`);
  return ms;
}

export const MYSQL: SqlDialect = {
  time: toDatetime,
  parseTime: fromDatetime,
  bool: (b) => (b ? 1 : 0),
};

/** A schema identifier in backticks (`partition`, `offset` are keywords). Names come from schema.ts only. */
export function q(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new InternalError(`not a schema identifier: ${name}`);
  return `\`${name}\``;
}
