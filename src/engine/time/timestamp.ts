// Timestamps (SPEC §1): ISO-8601 date-times (`2026-11-20T08:00:00.000Z`, with or without a zone),
// `YYYY-MM-DD HH:mm:ss[.SSS]`, or integer epoch milliseconds. A string without a zone is read in
// the configured IANA time zone (default UTC). Digits past milliseconds are truncated.
// Events are read strictly (seconds required, `.` before a fraction, `Z` or ±hh[:mm], no blanks);
// an operator's flag or a reference row may also give a date alone or minutes without seconds.
// Every time lies within the years 0001–9999 (what `YYYY` writes, and what outputs are written
// in: ISO-8601 text, SQL DATETIME): an instant outside them is not a timestamp.

const STRICT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const LOOSE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const YEARS_400 = 146_097 * 86_400_000;

/** Date.UTC, exact for the years 0–99 too (which Date.UTC reads as 1900–1999). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  return year < 100 ? Date.UTC(year + 400, month, day, hour, minute, second, ms) - YEARS_400 : Date.UTC(year, month, day, hour, minute, second, ms);
}

/** The first and last instants a timestamp may name (0001-01-01T00:00:00.000Z, 9999-12-31T23:59:59.999Z). */
export const MIN_TIME = utc(1, 0, 1, 0, 0, 0, 0);
export const MAX_TIME = utc(9999, 11, 31, 23, 59, 59, 999);

export class TimeZone {
  readonly name: string;
  private readonly fmt: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  /** Throws RangeError for a name the runtime's time-zone database does not know. */
  constructor(name = 'UTC') {
    this.name = name;
    if (name.toUpperCase() === 'UTC' || name === 'Etc/UTC') {
      this.fmt = undefined;
      return;
    }
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Offset (ms, local − UTC) in force at instant `t`; cached per quarter hour. */
  offsetAt(t: number): number {
    if (!this.fmt) return 0;
    const slot = Math.floor(t / 900_000);
    let off = this.offsets.get(slot);
    if (off === undefined) {
      const p: Record<string, number> = {};
      for (const part of this.fmt.formatToParts(new Date(slot * 900_000))) {
        if (part.type !== 'literal') p[part.type] = Number(part.value);
      }
      const local = utc(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, 0);
      off = local - slot * 900_000;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(slot, off);
    }
    return off;
  }

  /**
   * The instant of a wall-clock time (given as if it were UTC) in this zone. A time the clocks
   * skipped (a DST gap) is pushed forward by the gap; a time they showed twice is the earlier
   * instant (as java.time and Temporal's "compatible" do).
   */
  fromLocal(localAsUtc: number): number {
    if (!this.fmt) return localAsUtc;
    const before = this.offsetAt(localAsUtc - DAY);
    const early = localAsUtc - before;
    if (this.offsetAt(early) === before) return early;
    const after = this.offsetAt(localAsUtc + DAY);
    const late = localAsUtc - after;
    if (this.offsetAt(late) === after) return late;
    return early;
  }
}

export const UTC = new TimeZone('UTC');

/** An event's timestamp as epoch ms, or undefined when `v` is not one (read strictly). */
export function parseTimestamp(v: unknown, tz: TimeZone): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= MIN_TIME && v <= MAX_TIME ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const fast = parseCommon(v, tz);
  return fast === -1 ? parseGeneral(v, tz, STRICT) : fast;
}

/** A time an operator or a reference row gives: also a date alone, no seconds, blanks around. */
export function parseTimeLoose(v: unknown, tz: TimeZone): number | undefined {
  if (typeof v !== 'string') return parseTimestamp(v, tz);
  const fast = parseCommon(v, tz);
  return fast === -1 ? parseGeneral(v.trim(), tz, LOOSE) : fast;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The hot path: `YYYY-MM-DD[T ]HH:mm:ss[.SSS][Z]`, read digit by digit. Returns -1 for anything
 * else (including out-of-range fields), which the general parser then decides.
 */
function parseCommon(s: string, tz: TimeZone): number {
  const n = s.length;
  if (n !== 19 && n !== 20 && n !== 23 && n !== 24) return -1;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return -1;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if ((year | month | day | hour | minute | second) < 0) return -1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return -1;
  if (day > 28 && (day > DAYS[month - 1]! || (month === 2 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))))) return -1;
  let ms = 0;
  let end = 19;
  if (n >= 23) {
    if (s.charCodeAt(19) !== 46) return -1;
    ms = digits(s, 20, 3);
    if (ms < 0) return -1;
    end = 23;
  }
  const local = utc(year, month - 1, day, hour, minute, second, ms);
  const t = end === n ? tz.fromLocal(local) : end + 1 === n && s.charCodeAt(end) === 90 ? local : -1;
  return t >= MIN_TIME && t <= MAX_TIME ? t : -1;
}

function parseGeneral(v: string, tz: TimeZone, form: RegExp): number | undefined {
  const m = form.exec(v);
  if (!m) return undefined;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3);
  const local = utc(year, month - 1, day, hour, minute, second, ms);
  const zone = m[8];
  let t: number;
  if (zone === undefined) t = tz.fromLocal(local);
  else if (zone === 'Z' || zone === 'z') t = local;
  else {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return undefined;
    t = local - sign * (oh * 3_600_000 + om * 60_000);
  }
  return t >= MIN_TIME && t <= MAX_TIME ? t : undefined;
}

const DIGITS2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const DIGITS3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** `2026-11-20T` per day seen (extended years keep toISOString's longer form). */
const dayPrefixes = new Map<number, string>();

/** `2026-11-20T`: the text formatTime writes before the time of day, for day `day` since 1970. */
export function isoDayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const iso = new Date(day * DAY).toISOString();
    prefix = iso.slice(0, iso.length - 13); // drop `HH:mm:ss.sssZ`
    if (dayPrefixes.size >= 16_384) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  return prefix;
}

/**
 * ISO-8601 UTC with milliseconds, as every output writes times: exactly toISOString's text, built
 * from the day's cached prefix and the time of day, several times faster than a Date per time
 * (every time column of every MySQL row and output message goes through here). A time that is
 * not a whole ms, or is past Date's range, goes to toISOString itself (which refuses the latter).
 */
export function formatTime(ms: number): string {
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > 8.64e15) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  const prefix = isoDayPrefix(day);
  let r = ms - day * DAY;
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / MINUTE);
  r -= m * MINUTE;
  const sec = Math.floor(r / 1000);
  return `${prefix}${DIGITS2[h]}:${DIGITS2[m]}:${DIGITS2[sec]}.${DIGITS3[r - sec * 1000]}Z`;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
