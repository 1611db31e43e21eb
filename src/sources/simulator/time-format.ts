// Fast UTC time formatting for the generator: the date part is cached per day, the rest is
// arithmetic (Date#toISOString on every one of millions of events is a measurable share of the run).

let cachedDay = NaN;
let cachedDate = '';

function two(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function parts(t: number): [string, string] {
  const day = Math.floor(t / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  let ms = t - day * 86_400_000;
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  ms -= m * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  return [cachedDate, `${two(h)}:${two(m)}:${two(s)}.${ms < 10 ? '00' + ms : ms < 100 ? '0' + ms : ms}`];
}

/** `2026-11-20T08:00:00.000Z` */
export function isoUtc(t: number): string {
  const [d, time] = parts(t);
  return `${d}T${time}Z`;
}

/** `2026-11-20 08:00:00.000` (UTC, no zone) */
export function spacedUtc(t: number): string {
  const [d, time] = parts(t);
  return `${d} ${time}`;
}
