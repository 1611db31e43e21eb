import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOPICS, type SourceRecord } from '../../engine/types.js';
import { UTC } from '../../engine/time/timestamp.js';
import { UserError } from '../../errors.js';
import type { BoundedSource } from '../source.js';
import type { FileSourceOptions } from './file-record.js';
import { openSource } from './open-source.js';
import { openTapeSource } from './tape-source.js';

let dir: string;
let tape: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tape-'));
  tape = join(dir, 'tape.ndjson');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const opts: FileSourceOptions = { timeZone: UTC };

function drain(src: BoundedSource, batch = 1000): SourceRecord[] {
  const out: SourceRecord[] = [];
  const buf: SourceRecord[] = [];
  while (src.next(batch, buf) > 0) {
    out.push(...(buf as SourceRecord[]));
    buf.length = 0;
  }
  return out;
}

/** line:topic (or "?" for a line naming no topic), "*" when invalid, "!" when last, "~" when quiet. */
function keys(records: SourceRecord[]): string[] {
  return records.map(
    (r) =>
      `${r.line}:${r.invalid && r.invalid.sourceTopic === null ? '?' : TOPICS[r.topic]}${r.invalid ? '*' : ''}${r.last ? '!' : ''}${r.quiet ? '~' : ''}`,
  );
}

const LINES = [
  '{"topic":"order_item_events","value":{"order_id":"o1","create_time":5}}',
  JSON.stringify({ topic: 'order_status_events', value: '{"order_id":"o1","status_time":3}' }),
  '',
  JSON.stringify({ topic: 'order_status_events', value: '{broken' }),
  'not json',
  '[1,2]',
  '{"topic":"payments","value":{}}',
  '{"topic":"logistics_events"}',
  '{"topic":"logistics_events","value":null}',
  '{"topic":"order_item_events","value":{"order_id":"o1","create_time":1}}',
  '{"topic":"order_status_events","value":{"order_id":"o1","status_time":7}}',
];

describe('openTapeSource', () => {
  beforeEach(() => writeFileSync(tape, LINES.join('\r\n')));

  it('delivers lines in tape order, with last per topic from a pre-scan', () => {
    const src = openTapeSource(tape, opts);
    expect(keys(drain(src))).toEqual([
      '1:order_item_events',
      '2:order_status_events',
      '4:order_status_events',
      '5:?*',
      '6:?*',
      '7:?*',
      '8:logistics_events*',
      '9:logistics_events!',
      '10:order_item_events!',
      '11:order_status_events!',
    ]);
    // Line 8 has no value: no record of its topic (data quality does not count it either).
    expect(src.delivered).toEqual({ order_status_events: 3, order_item_events: 2, logistics_events: 1 });
    expect(src.id).toBe(tape);
  });

  it('parses string values as message text and takes other values as the message', () => {
    const r = drain(openTapeSource(tape, opts));
    expect(r[0]).toMatchObject({ topic: 1, value: { order_id: 'o1', create_time: 5 }, raw: undefined, parseError: false, invalid: null });
    expect(r[1]).toMatchObject({ topic: 0, value: { order_id: 'o1', status_time: 3 }, raw: '{"order_id":"o1","status_time":3}' });
    expect(r[2]).toMatchObject({ topic: 0, value: undefined, parseError: true, raw: '{broken', invalid: null });
    expect(r[7]).toMatchObject({ topic: 2, value: null, parseError: false, raw: undefined, invalid: null });
    for (const x of r) expect(x).toMatchObject({ file: 'tape.ndjson', partition: 0, offset: undefined });
    // Each message's own event time (the engine validates with it); NaN where it has none.
    expect(r.slice(0, 3).map((x) => x.time)).toEqual([5, 3, NaN]);
  });

  it('delivers malformed tape lines whole, with their topic when they name a known one', () => {
    const r = drain(openTapeSource(tape, opts));
    expect(r[3]).toMatchObject({ raw: 'not json', parseError: true, value: undefined, last: false, invalid: { sourceTopic: null } });
    expect(r[4]).toMatchObject({ raw: '[1,2]', parseError: false, value: [1, 2], invalid: { sourceTopic: null } });
    expect(r[5]).toMatchObject({ raw: LINES[6], invalid: { sourceTopic: null } });
    expect(r[6]).toMatchObject({ topic: 2, raw: LINES[7], invalid: { sourceTopic: 'logistics_events' }, last: false });
  });

  it('flags a malformed line last when it is the last line of its topic', () => {
    writeFileSync(tape, ['{"topic":"logistics_events","value":{}}', '{"topic":"logistics_events","valu":{}}', 'x'].join('\n'));
    expect(keys(drain(openTapeSource(tape, opts)))).toEqual(['1:logistics_events', '2:logistics_events*!', '3:?*']);
  });

  it('keeps [from, to) with times inherited within a topic (a line with no topic: the line before)', () => {
    const recs = drain(openTapeSource(tape, { ...opts, from: 3, to: 6 }));
    expect(keys(recs)).toEqual([
      '1:order_item_events!',
      '2:order_status_events',
      '4:order_status_events!',
      '5:?*',
      '6:?*',
      '7:?*',
    ]);
  });

  it('resumes from position() after any k with exactly the remaining records', () => {
    for (const range of [{}, { from: 3 }, { to: 6 }, { from: 3, to: 6 }]) {
      const o = { ...opts, ...range };
      const full = drain(openTapeSource(tape, o));
      for (let k = 0; k <= full.length; k++) {
        const first = openTapeSource(tape, o);
        const head: SourceRecord[] = [];
        expect(first.next(k, head)).toBe(k);
        const rest = drain(openTapeSource(tape, { ...o, position: first.position() }), 3);
        first.close();
        expect([...(head as SourceRecord[]), ...rest]).toEqual(full);
      }
    }
  });

  it('rejects a directory position and a missing tape', () => {
    expect(() => openTapeSource(tape, { ...opts, position: '{"kind":"directory","files":{}}' })).toThrow(/does not fit/);
    rmSync(tape);
    expect(() => openTapeSource(tape, opts)).toThrow(UserError);
  });
});

// A plain re-statement of the tape rules, to compare against on random tapes.
function expected(lines: string[], o: FileSourceOptions): string[] {
  const times = [-Infinity, -Infinity, -Infinity];
  let prev = -Infinity;
  const seq: { line: number; topic: number | undefined; invalid: boolean; quiet: boolean }[] = [];
  let warming = o.quietUntil !== undefined;
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let env: { topic?: unknown; value?: unknown } | undefined;
    try {
      env = JSON.parse(text);
    } catch {
      env = undefined;
    }
    const t = env && typeof env === 'object' ? TOPICS.indexOf(env.topic as never) : -1;
    const topic = t >= 0 ? t : undefined;
    const invalid = topic === undefined || !('value' in env!);
    let time = prev;
    if (topic !== undefined) {
      let msg = invalid ? undefined : env!.value;
      if (typeof msg === 'string') {
        try {
          msg = JSON.parse(msg);
        } catch {
          msg = undefined;
        }
      }
      const field = topic === 1 ? 'create_time' : 'status_time';
      const own = msg && typeof msg === 'object' ? (msg as Record<string, unknown>)[field] : undefined;
      time = typeof own === 'number' ? own : times[topic]!;
      times[topic] = time;
    }
    prev = time;
    if ((o.from === undefined || time >= o.from) && (o.to === undefined || time < o.to)) {
      if (warming && time >= o.quietUntil!) warming = false;
      seq.push({ line: i + 1, topic, invalid, quiet: warming });
    }
  });
  return seq.map((r, i) => {
    const last = r.topic !== undefined && !seq.slice(i + 1).some((x) => x.topic === r.topic);
    return `${r.line}:${r.topic === undefined ? '?' : TOPICS[r.topic]}${r.invalid ? '*' : ''}${last ? '!' : ''}${r.quiet ? '~' : ''}`;
  });
}

describe('openTapeSource: random tapes', () => {
  it('matches the tape rules, with and without --from/--to or a quiet start, and resumes anywhere', () => {
    let seed = 11;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 60; round++) {
      const lines = Array.from({ length: rand(30) }, () => {
        const topic = TOPICS[rand(3)]!;
        const field = topic === 'order_item_events' ? 'create_time' : 'status_time';
        const msg = rand(5) === 0 ? {} : { [field]: rand(40) };
        switch (rand(12)) {
          case 0:
            return '';
          case 1:
            return '{"topic":';
          case 2:
            return JSON.stringify({ topic: 'other', value: msg });
          case 3:
            return JSON.stringify({ topic });
          case 4:
            return JSON.stringify({ topic, value: '{nope' });
          case 5:
          case 6:
            return JSON.stringify({ topic, value: JSON.stringify(msg) });
          default:
            return JSON.stringify({ topic, value: msg });
        }
      });
      writeFileSync(tape, lines.join('\n') + (rand(2) ? '\n' : ''));
      const ranges = [{}, { from: 10 }, { to: 30 }, { from: rand(40), to: rand(40) + 3 }, { quietUntil: rand(45), to: rand(40) + 3 }];
      for (const range of ranges) {
        const o = { ...opts, ...range };
        const full = keys(drain(openTapeSource(tape, o), 1 + rand(5)));
        expect(full).toEqual(expected(lines, o));
        const k = rand(full.length + 1);
        const first = openTapeSource(tape, o);
        const head: SourceRecord[] = [];
        first.next(k, head);
        const rest = drain(openTapeSource(tape, { ...o, position: first.position() }), 1 + rand(5));
        first.close();
        expect([...keys(head as SourceRecord[]), ...keys(rest)]).toEqual(full);
      }
    }
  });
});

describe('openSource', () => {
  it('picks tape.ndjson over the per-topic files', () => {
    writeFileSync(join(dir, 'order_status_events.ndjson'), '{"status_time":1}\n');
    writeFileSync(tape, '{"topic":"order_item_events","value":{"create_time":1}}\n');
    expect(keys(drain(openSource(dir, opts)))).toEqual(['1:order_item_events!']);
    rmSync(tape);
    expect(keys(drain(openSource(dir, opts)))).toEqual(['1:order_status_events!']);
  });
});
