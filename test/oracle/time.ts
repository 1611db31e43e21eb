// Oracle: timestamps (SPEC §1 "Timestamps and money"), written from the SPEC alone.
// A timestamp is an ISO-8601 string, `YYYY-MM-DD HH:mm:ss[.SSS]`, or integer epoch milliseconds.
// A string without a zone is read in the configured time zone (an IANA name).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC (ms) at instant `t`: local wall time read as UTC, minus t. */
export function offsetAt(zone: string, t: number): number {
  if (zone === 'UTC') return 0;
  const secondStart = Math.floor(t / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(secondStart))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - secondStart;
}

/**
 * Local wall time (given as if it were UTC) in `zone` → instant. Ambiguous times (a clock going
 * back) take the earlier instant; times in a gap (a clock going forward) are read with the
 * offset before the gap, i.e. pushed forward (the "compatible" rule of java.time / Temporal).
 */
export function localToInstant(zone: string, wallAsUtc: number): number {
  if (zone === 'UTC') return wallAsUtc;
  const DAY = 86_400_000;
  const before = offsetAt(zone, wallAsUtc - DAY);
  const after = offsetAt(zone, wallAsUtc + DAY);
  const candidates: number[] = [];
  for (const o of new Set([before, after])) {
    const t = wallAsUtc - o;
    if (offsetAt(zone, t) === o) candidates.push(t);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  return wallAsUtc - before;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const FIRST = Date.parse('0001-01-01T00:00:00.000Z');
const LAST = Date.parse('9999-12-31T23:59:59.999Z');

function inYears(t: number): number | undefined {
  return t >= FIRST && t <= LAST ? t : undefined;
}

/** A timestamp value → epoch ms, or undefined when it is not a readable timestamp (or past the years 0001–9999). */
export function parseTimestamp(v: unknown, zone: string): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? inYears(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const m = DATE_TIME.exec(v);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0..99 to 1900+; not a concern for real inputs, but be exact anyway.
  const wallExact = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  const zonePart = m[8];
  if (zonePart === undefined) return inYears(localToInstant(zone, wallExact));
  if (zonePart === 'Z') return inYears(wallExact);
  const sign = zonePart.startsWith('-') ? -1 : 1;
  const digits = zonePart.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 23 || om > 59) return undefined;
  return inYears(wallExact - sign * (oh * 3_600_000 + om * 60_000));
}

export function iso(t: number | null | undefined): string | null {
  return t === null || t === undefined ? null : new Date(t).toISOString();
}
