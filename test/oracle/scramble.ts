// Harder inputs for the differential test, made from an existing source directory: the same
// messages in a scrambled arrival order (a tape, or per-topic files each out of order), with
// deterministic mutations that the SPEC allows (other timestamp forms, money as strings, numeric
// ids, cancel reasons in other spellings, blank lines, repeats, broken lines).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSource, type Topic, TOPICS } from './input.js';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = ['  User_Cancel ', 'USER_CANCEL', '用户取消', '用戶取消', 'stock_out', '庫存不足', '支付超时', 'Payment_Timeout', '', null, 'changed my mind'];

function mutate(topic: Topic, o: Record<string, unknown>, rnd: () => number): Record<string, unknown> {
  const m = { ...o };
  const timeField = topic === 'order_item_events' ? 'create_time' : 'status_time';
  const t = m[timeField];
  if (typeof t === 'string') {
    // `2026-11-20 00:00:01.080` / `2026-11-20T00:00:01.332Z` (UTC): rewrite some in other forms.
    const ms = Date.parse(t.includes('T') ? t : `${t.replace(' ', 'T')}Z`);
    if (Number.isFinite(ms)) {
      const r = rnd();
      if (r < 0.1) m[timeField] = ms; // epoch ms
      else if (r < 0.2) m[timeField] = new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
      else if (r < 0.3) m[timeField] = new Date(ms).toISOString().slice(0, 19).replace('T', ' '); // seconds only
    }
  }
  if (topic === 'order_item_events') {
    if (typeof m.price === 'number' && rnd() < 0.3) m.price = m.price.toFixed(3);
    if (rnd() < 0.1) m.discount = rnd() < 0.5 ? '' : null;
  }
  if (topic === 'order_status_events') {
    if (m.status === 'CANCELLED') m.cancel_reason = REASONS[Math.floor(rnd() * REASONS.length)];
    if (m.prev_status === null && rnd() < 0.3) m.prev_status = '';
  }
  if (topic === 'logistics_events' && typeof m.location === 'string' && /^\d+$/.test(m.location) && rnd() < 0.3) {
    m.location = Number(m.location);
  }
  return m;
}

/**
 * Writes `out` from the source `src` (its reference copied): a tape (`tape: true`) or three
 * per-topic files, in arrival order displaced by up to `spread` positions.
 */
export function scramble(src: string, out: string, opts: { seed: number; spread: number; tape: boolean }): void {
  const rnd = prng(opts.seed);
  mkdirSync(out, { recursive: true });
  cpSync(join(src, 'reference'), join(out, 'reference'), { recursive: true });
  const messages = readSource(src, 'UTC').filter((m) => m.topic !== null);
  const keyed = messages.map((m, i) => ({ m, k: i + rnd() * opts.spread }));
  keyed.sort((a, b) => a.k - b.k);
  const lines: Record<Topic, string[]> = { order_status_events: [], order_item_events: [], logistics_events: [] };
  const tape: string[] = [];
  for (const { m } of keyed) {
    const topic = m.topic!;
    let text = m.raw;
    let value: unknown;
    try {
      value = JSON.parse(m.raw);
    } catch {
      value = undefined;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      value = mutate(topic, value as Record<string, unknown>, rnd);
      text = JSON.stringify(value);
    }
    const r = rnd();
    const emit = (t: string): void => {
      if (opts.tape) tape.push(JSON.stringify({ topic, value: rnd() < 0.5 ? t : safeParse(t) }));
      else lines[topic].push(t);
    };
    emit(text);
    if (r < 0.01) emit(text); // a repeat
    if (r > 0.995) emit(text.slice(0, Math.floor(text.length / 2))); // a broken line
    if (r > 0.99 && r <= 0.995) (opts.tape ? tape : lines[topic]).push('   '); // a blank line
  }
  if (opts.tape) writeFileSync(join(out, 'tape.ndjson'), `${tape.join('\n')}\n`);
  else for (const topic of TOPICS) writeFileSync(join(out, `${topic}.ndjson`), `${lines[topic].join('\n')}\n`);
}

function safeParse(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}
