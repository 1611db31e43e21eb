// A tape (SPEC §13): one file whose line order is the exact arrival order of the three topics.
// A line that is no message (see tape-line.ts) is delivered too, flagged `invalid`, so the
// engine can dead-letter it. --from/--to keep lines by their (possibly inherited) event time.
//
// `last` needs the last kept line of each topic, which may lie anywhere ahead: the tape is
// scanned once at open, backward from its end to the position at most (last-kept.ts).
//
// Position (JSON): {"kind":"tape","line":n,"times":[status,items,logistics],"prev":t}: the
// number of the last line delivered or skipped, the inherited time per topic and of the line
// before (null: −Infinity), and while records still come quiet (replay --from) the time they end at.
import { basename, resolve } from 'node:path';
import type { BoundedSource, InputProgress } from '../source.js';
import { TOPICS, type SourceRecord, type TopicId, type TopicName } from '../../engine/types.js';
import {
  badPosition,
  changed,
  fileRecord,
  inRange,
  isBlank,
  QuietPrefix,
  timeFromJson,
  timeToJson,
  type FileSourceOptions,
} from './file-record.js';
import { lastKeptOffsets } from './last-kept.js';
import { LineReader } from './line-reader.js';
import { advance, probeTapeLine, readTapeLine, type TapeTimes } from './tape-line.js';

export function openTapeSource(file: string, opts: FileSourceOptions): BoundedSource {
  const id = resolve(file);
  let line = 0;
  let times: TapeTimes = { topic: [-Infinity, -Infinity, -Infinity], prev: -Infinity, own: NaN };
  let quietUntil = opts.quietUntil;
  if (opts.position !== undefined) ({ line, times, quietUntil } = readPosition(id, opts.position));
  const reader = new LineReader(id);
  try {
    if (reader.skip(line) < line) throw changed(id, `has fewer lines than the saved source position (${line})`);
    const probe = (text: string, withTime: boolean) => probeTapeLine(text, withTime, opts.timeZone);
    const lasts = lastKeptOffsets(id, reader.nextOffset, opts, times.topic, [0, 1, 2], probe);
    return new TapeSource(id, reader, opts, times, lasts, new QuietPrefix(quietUntil));
  } catch (err) {
    reader.close();
    throw err;
  }
}

class TapeSource implements BoundedSource {
  readonly id: string;
  private readonly file: string;
  private readonly reader: LineReader;
  private readonly opts: FileSourceOptions;
  private readonly times: TapeTimes;
  private readonly lasts: number[];
  private readonly counts: QuietPrefix;
  /** Where this run started reading (a tape is read to its end, --to or not). */
  private readonly startByte: number;

  constructor(id: string, reader: LineReader, opts: FileSourceOptions, times: TapeTimes, lasts: number[], counts: QuietPrefix) {
    this.id = id;
    this.file = basename(id);
    this.reader = reader;
    this.opts = opts;
    this.times = times;
    this.lasts = lasts;
    this.counts = counts;
    this.startByte = reader.nextOffset;
  }

  progress(): InputProgress {
    const total = Math.max(0, this.reader.size - this.startByte);
    return { read: Math.min(this.reader.nextOffset - this.startByte, total), total };
  }

  get delivered(): Record<TopicName, number> {
    return this.counts.delivered;
  }

  next(max: number, out: SourceRecord[]): number {
    let n = 0;
    while (n < max) {
      const text = this.reader.next();
      if (text === undefined) break;
      if (isBlank(text)) continue;
      const tl = readTapeLine(text);
      const time = advance(tl, this.times, this.opts.timeZone);
      if (!inRange(time, this.opts)) continue;
      const line = this.reader.lineNumber;
      const topic: TopicId = tl.topic ?? 0;
      const last = tl.topic !== undefined && this.reader.lineOffset === this.lasts[tl.topic];
      const invalid = tl.valid ? null : { sourceTopic: tl.topic === undefined ? null : TOPICS[tl.topic] };
      // A line that is no message is no record of its topic: data quality does not count it either.
      const quiet = this.counts.quiet(tl.valid ? tl.topic : undefined, time);
      out.push(fileRecord(topic, tl.value, tl.parseError, this.times.own, tl.raw, this.file, line, last, invalid, quiet));
      n++;
    }
    return n;
  }

  position(): string {
    const t = this.times;
    const times = t.topic.map(timeToJson);
    const quietUntil = this.counts.toJson();
    return JSON.stringify({ kind: 'tape', line: this.reader.lineNumber, times, prev: timeToJson(t.prev), quietUntil });
  }

  close(): void {
    this.reader.close();
  }
}

function readPosition(id: string, text: string): { line: number; times: TapeTimes; quietUntil: number | undefined } {
  let pos: unknown;
  try {
    pos = JSON.parse(text);
  } catch {
    throw badPosition(id, 'it is not JSON');
  }
  const p = pos as { kind?: unknown; line?: unknown; times?: unknown; prev?: unknown; quietUntil?: unknown } | null;
  if (p === null || typeof p !== 'object' || p.kind !== 'tape') throw badPosition(id, 'it is not the position of a tape');
  if (!Number.isSafeInteger(p.line) || (p.line as number) < 0 || !Array.isArray(p.times) || p.times.length !== 3) {
    throw badPosition(id, 'bad line or times');
  }
  return {
    line: p.line as number,
    times: { topic: p.times.map((t) => timeFromJson(t, id)), prev: timeFromJson(p.prev, id), own: NaN },
    quietUntil: QuietPrefix.fromJson(p.quietUntil, id),
  };
}
