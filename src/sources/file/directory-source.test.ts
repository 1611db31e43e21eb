import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOPICS, type SourceRecord } from '../../engine/types.js';
import { parseTimestamp, TimeZone, UTC } from '../../engine/time/timestamp.js';
import { UserError } from '../../errors.js';
import type { BoundedSource } from '../source.js';
import { openDirectorySource } from './directory-source.js';
import type { FileSourceOptions } from './file-record.js';
import { openSource } from './open-source.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dirsrc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const S = 'order_status_events.ndjson';
const I = 'order_item_events.ndjson';
const L = 'logistics_events.ndjson';

function write(name: string, lines: string[]): void {
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
}

/** Everything a source delivers, read in batches of `batch`. */
function drain(src: BoundedSource, batch = 1000): SourceRecord[] {
  const out: SourceRecord[] = [];
  const buf: SourceRecord[] = [];
  for (;;) {
    buf.length = 0;
    const n = src.next(batch, buf);
    expect(n).toBe(buf.length);
    if (n === 0) return out;
    out.push(...buf);
  }
}

/** topic name:line, with "!" on records flagged last and "~" on quiet ones. */
function keys(records: SourceRecord[]): string[] {
  return records.map((r) => `${TOPICS[r.topic]}:${r.line}${r.last ? '!' : ''}${r.quiet ? '~' : ''}`);
}

const opts: FileSourceOptions = { timeZone: UTC };

describe('openDirectorySource: merge order', () => {
  beforeEach(() => {
    write(S, [
      '{"order_id":"o1","status_time":"2026-11-20 10:00:05"}',
      '   ',
      '{oops',
      '{"order_id":"o1","status_time":1795168810000}', // 10:00:10Z
    ]);
    write(I, ['{"order_id":"o1","create_time":"2026-11-20T10:00:05Z"}', '{"order_id":"o1","create_time":"soon"}']);
    write(L, ['not json', '', '{"order_id":"o1","status_time":"2026-11-20T18:00:05+08:00"}']);
  });

  it('takes the smallest event time; ties go items, status, logistics; unreadable times inherit', () => {
    const recs = drain(openDirectorySource(dir, opts));
    expect(keys(recs)).toEqual([
      'logistics_events:1', // no time on a first line: −Infinity
      'order_item_events:1', // 10:00:05, ties broken items first
      'order_item_events:2!', // inherits 10:00:05
      'order_status_events:1',
      'order_status_events:3', // bad JSON inherits 10:00:05; beats logistics on the tie
      'logistics_events:3!',
      'order_status_events:4!',
    ]);
  });

  it('parses each line once and keeps its text, file and line', () => {
    const recs = drain(openDirectorySource(dir, opts)) as SourceRecord[];
    const bad = recs.find((r) => r.line === 3 && r.topic === 0)!;
    expect(bad).toMatchObject({ value: undefined, parseError: true, raw: '{oops', file: S, partition: 0, offset: undefined, invalid: null });
    const ok = recs.find((r) => r.line === 1 && r.topic === 1)!;
    expect(ok.value).toEqual({ order_id: 'o1', create_time: '2026-11-20T10:00:05Z' });
    expect(ok.raw).toBe('{"order_id":"o1","create_time":"2026-11-20T10:00:05Z"}');
    expect(ok.parseError).toBe(false);
  });

  it("hands the engine each line's own event time, NaN where it inherits one", () => {
    const recs = drain(openDirectorySource(dir, opts)) as SourceRecord[];
    const at = (topic: number, line: number) => recs.find((r) => r.topic === topic && r.line === line)!.time;
    expect(at(1, 1)).toBe(Date.parse('2026-11-20T10:00:05Z'));
    expect(at(1, 2)).toBeNaN(); // no time of its own: ordered by the line before's, read by the engine
    expect(at(0, 3)).toBeNaN(); // not JSON
    expect(at(2, 1)).toBeNaN();
    expect(at(2, 3)).toBe(Date.parse('2026-11-20T10:00:05Z'));
  });

  it('counts delivered records per topic, and batches change nothing', () => {
    const src = openDirectorySource(dir, opts);
    expect(keys(drain(src, 1))).toEqual(keys(drain(openDirectorySource(dir, opts))));
    expect(src.delivered).toEqual({ order_status_events: 3, order_item_events: 2, logistics_events: 2 });
    expect(src.id).toBe(dir);
  });

  it('keeps only [from, to) with inherited times, flagging the last kept record of each topic', () => {
    const from = Date.parse('2026-11-20T10:00:05Z');
    const recs = drain(openDirectorySource(dir, { timeZone: UTC, from, to: from + 5000 }));
    expect(keys(recs)).toEqual([
      'order_item_events:1',
      'order_item_events:2!',
      'order_status_events:1',
      'order_status_events:3!',
      'logistics_events:3!',
    ]);
  });

  it('reads times without a zone in the configured zone', () => {
    write(S, ['{"status_time":"2026-11-20 18:00:04"}']); // Shanghai: 10:00:04Z, before every timed line
    const recs = drain(openDirectorySource(dir, { timeZone: new TimeZone('Asia/Shanghai') }));
    expect(keys(recs).indexOf('order_status_events:1!')).toBe(1);
    expect(keys(drain(openDirectorySource(dir, opts))).indexOf('order_status_events:1!')).toBe(4);
  });

  it('works with only some of the files', () => {
    rmSync(join(dir, I));
    rmSync(join(dir, L));
    expect(keys(drain(openSource(dir, opts)))).toEqual(['order_status_events:1', 'order_status_events:3', 'order_status_events:4!']);
  });
});

describe('openDirectorySource: position', () => {
  it('resumes right after the last record for every k, in the same order', () => {
    write(S, ['{"status_time":3}', '{"status_time":1}', '', 'x', '{"status_time":9}', '{"status_time":4}']);
    write(I, ['{"create_time":2}', '{"create_time":2}', '{"create_time":8}']);
    write(L, ['{"status_time":1}', '{"status_time":5}', '{}', '{"status_time":2}']);
    for (const range of [{}, { from: 2 }, { to: 5 }, { from: 2, to: 5 }]) {
      const o = { ...opts, ...range };
      const full = keys(drain(openDirectorySource(dir, o)));
      for (let k = 0; k <= full.length; k++) {
        const first = openDirectorySource(dir, o);
        const head: SourceRecord[] = [];
        expect(first.next(k, head)).toBe(k);
        const pos = first.position();
        first.close();
        const rest = drain(openDirectorySource(dir, { ...o, position: pos }), 2);
        expect([...keys(head), ...keys(rest)]).toEqual(full);
      }
    }
  });

  it('keeps lines that inherit a kept time from before the position, at the start of a file too', () => {
    write(S, ['{"status_time":1}', 'x', '{"status_time":9}']);
    write(L, ['y', '{"status_time":50}']);
    const o = { ...opts, to: 5 };
    const full = keys(drain(openDirectorySource(dir, o)));
    expect(full).toEqual(['logistics_events:1!', 'order_status_events:1', 'order_status_events:2!']);
    for (let k = 0; k <= full.length; k++) {
      const first = openDirectorySource(dir, o);
      const head: SourceRecord[] = [];
      first.next(k, head);
      expect([...keys(head), ...keys(drain(openDirectorySource(dir, { ...o, position: first.position() })))]).toEqual(full);
    }
  });

  it('rejects a position of another kind or one past the end of a file', () => {
    write(S, ['{"status_time":1}', '{"status_time":2}']);
    expect(() => openDirectorySource(dir, { ...opts, position: '{"kind":"tape","line":1}' })).toThrow(/does not fit/);
    expect(() => openDirectorySource(dir, { ...opts, position: 'nope' })).toThrow(UserError);
    const pos = JSON.stringify({ kind: 'directory', files: { [S]: { line: 5, time: 2 } } });
    expect(() => openDirectorySource(dir, { ...opts, position: pos })).toThrow(/fewer lines than the saved source position/);
    const gone = JSON.stringify({ kind: 'directory', files: { [L]: { line: 1, time: null } } });
    expect(() => openDirectorySource(dir, { ...opts, position: gone })).toThrow(/is gone/);
  });
});

describe('openDirectorySource: errors', () => {
  it('names a missing directory and what it should hold', () => {
    const missing = join(dir, 'nope');
    expect(() => openDirectorySource(missing, opts)).toThrow(UserError);
    expect(() => openSource(missing, opts)).toThrow(`Source directory ${missing} does not exist`);
  });

  it('says which files it expects in an empty directory', () => {
    mkdirSync(join(dir, 'reference'));
    expect(() => openDirectorySource(dir, opts)).toThrow(
      `${dir} holds no event files: put order_status_events.ndjson, order_item_events.ndjson, logistics_events.ndjson (any of them) or a tape.ndjson there`,
    );
  });

  it('rejects a file given as the directory, and a directory named like an event file', () => {
    write(S, ['{}']);
    expect(() => openDirectorySource(join(dir, S), opts)).toThrow(/is a file, not a source directory/);
    mkdirSync(join(dir, L));
    expect(() => openDirectorySource(dir, opts)).toThrow(/is not a regular file/);
  });
});

// A plain re-statement of SPEC §13, to compare against on random inputs.
function expected(files: Record<string, string[]>, o: FileSourceOptions): string[] {
  const order = [1, 0, 2];
  const lanes = order.map((t) => {
    let prev = -Infinity;
    const out: { line: number; time: number }[] = [];
    (files[`${TOPICS[t]}.ndjson`] ?? []).forEach((text, i) => {
      if (text.trim() === '') return;
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch {
        v = undefined;
      }
      const field = t === 1 ? 'create_time' : 'status_time';
      const own = v && typeof v === 'object' ? parseTimestamp((v as Record<string, unknown>)[field], UTC) : undefined;
      prev = own ?? prev;
      out.push({ line: i + 1, time: prev });
    });
    return out;
  });
  const idx = [0, 0, 0];
  const seq: { topic: number; line: number; quiet: boolean }[] = [];
  let warming = o.quietUntil !== undefined;
  for (;;) {
    let best = -1;
    for (let j = 0; j < 3; j++) {
      const h = lanes[j]![idx[j]!];
      if (h && (best < 0 || h.time < lanes[best]![idx[best]!]!.time)) best = j;
    }
    if (best < 0) break;
    const h = lanes[best]![idx[best]!++]!;
    const inRange = (o.from === undefined || h.time >= o.from) && (o.to === undefined || h.time < o.to);
    if (!inRange) continue;
    if (warming && h.time >= o.quietUntil!) warming = false;
    seq.push({ topic: order[best]!, line: h.line, quiet: warming });
  }
  return seq.map(
    (r, i) => `${TOPICS[r.topic]}:${r.line}${seq.slice(i + 1).some((x) => x.topic === r.topic) ? '' : '!'}${r.quiet ? '~' : ''}`,
  );
}

describe('openDirectorySource: random inputs', () => {
  it('matches the SPEC merge, with and without --from/--to or a quiet start, and resumes anywhere', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 60; round++) {
      const files: Record<string, string[]> = {};
      for (const [t, name] of [S, I, L].entries()) {
        if (rand(6) === 0) continue;
        const field = t === 1 ? 'create_time' : 'status_time';
        files[name] = Array.from({ length: rand(25) }, () => {
          const r = rand(20);
          if (r === 0) return '';
          if (r === 1) return ' \t';
          if (r === 2) return '{"bad":';
          if (r === 3) return `{"${field}":"never"}`;
          return `{"${field}":${rand(40)}}`;
        });
        write(name, files[name]!);
      }
      const ranges = [{}, { from: 10 }, { to: 30 }, { from: 5, to: 20 }, { from: rand(40), to: rand(40) + 3 }];
      ranges.push({ quietUntil: 15 }, { quietUntil: rand(45), to: rand(40) + 3 });
      for (const range of ranges) {
        const o = { ...opts, ...range };
        if (Object.keys(files).length === 0) {
          expect(() => openDirectorySource(dir, o)).toThrow(UserError);
          continue;
        }
        const src = openDirectorySource(dir, o);
        const full = keys(drain(src, 1 + rand(5)));
        expect(full).toEqual(expected(files, o));
        const loud = Object.values(src.delivered).reduce((a, b) => a + b, 0);
        expect(loud, 'quiet records are not counted as delivered').toBe(full.filter((k) => !k.endsWith('~')).length);
        const k = rand(full.length + 1);
        const first = openDirectorySource(dir, o);
        const head: SourceRecord[] = [];
        first.next(k, head);
        const rest = drain(openDirectorySource(dir, { ...o, position: first.position() }), 1 + rand(5));
        expect([...keys(head), ...keys(rest)]).toEqual(full);
      }
      for (const name of [S, I, L]) rmSync(join(dir, name), { force: true });
    }
  });
});
