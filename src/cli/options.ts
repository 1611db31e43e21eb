// Parsing of flag values shared by commands; each failure is a UserError saying what to pass.
import { parseTimeLoose, TimeZone } from '../engine/time/timestamp.js';
import { UserError } from '../errors.js';

export function timeZoneOption(name: string | undefined): TimeZone {
  try {
    return new TimeZone(name ?? 'UTC');
  } catch {
    throw new UserError(`unknown time zone '${name}': pass an IANA name such as UTC or Asia/Shanghai to --time-zone`);
  }
}

/** A time flag: ISO-8601, `YYYY-MM-DD HH:mm:ss`, epoch ms, or (when allowed) `earliest`. */
export function timeOption(flag: string, value: string | undefined, tz: TimeZone, allowEarliest: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (allowEarliest && value === 'earliest') return -Infinity;
  const t = /^\d+$/.test(value) ? Number(value) : parseTimeLoose(value, tz);
  if (t === undefined || !Number.isFinite(t)) {
    throw new UserError(
      `${flag} '${value}' is not a time: use ISO-8601 (2026-11-20T08:00:00Z), 'YYYY-MM-DD HH:mm:ss', epoch ms${allowEarliest ? " or 'earliest'" : ''}`,
    );
  }
  return t;
}

/** `--from` (or `earliest`) and `--to` of a replay: a `--to` not after `--from` would read nothing. */
export function replayRange(from: string | undefined, to: string | undefined, tz: TimeZone): { from?: number; to?: number } {
  const range = { from: timeOption('--from', from, tz, true), to: timeOption('--to', to, tz, false) };
  if (range.from !== undefined && range.to !== undefined && range.to <= range.from) {
    throw new UserError(`--to ${to} is not after --from ${from}: nothing would be read; pass a --to later than --from`);
  }
  return range;
}

/** The first of these flags (option key, as written) that was given, if any. */
export function givenFlag(flags: object, among: readonly (readonly [string, string])[]): string | undefined {
  const given = flags as Record<string, unknown>;
  return among.find(([key]) => given[key] !== undefined)?.[1];
}

export function durationOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (!m) throw new UserError(`${flag} '${value}' is not a duration: use a number with ms, s, m, h or d (e.g. 24h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  return Number(m[1]) * unit;
}

export function countOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UserError(`${flag} '${value}' must be a positive whole number`);
  return Number(value);
}
