// Oracle: reading a bounded file source directory into one arrival order (SPEC §13).
//  - three per-topic NDJSON files, each read in its own order, merged by taking, of the three next
//    lines, the one with the smallest event time (ties: items, status, logistics); a line without
//    a readable event time counts as the event time of the line before it in its file;
//  - or a single `tape.ndjson` of {"topic", "value"} lines, in the exact arrival order.
// Blank lines are not messages, but line numbers count them (docs/semantics.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTimestamp } from './time.js';

export type Topic = 'order_status_events' | 'order_item_events' | 'logistics_events';
export const TOPICS: readonly Topic[] = ['order_status_events', 'order_item_events', 'logistics_events'];

export const EVENT_TIME_FIELD: Record<Topic, string> = {
  order_status_events: 'status_time',
  order_item_events: 'create_time',
  logistics_events: 'status_time',
};

export interface Message {
  /** null: a tape line that names no known topic. */
  topic: Topic | null;
  /** The raw message text (the payload of a dead letter). */
  raw: string;
  /** Set when the message is already a JSON value (a tape `value` that is not a string). */
  value?: { v: unknown };
  /** A tape line that is not a {"topic","value"} object with a known topic (a PARSE_ERROR, not counted). */
  badWrapper: boolean;
  file: string;
  line: number;
  /** The last line of its topic (its file, or that topic in a tape): it releases the topic's hold on the clock. */
  last: boolean;
}

interface FileLine {
  text: string;
  line: number;
}

/** Non-blank lines of a file, with 1-based line numbers; a leading BOM is ignored. */
export function readLines(path: string): FileLine[] {
  let text = readFileSync(path, 'utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const out: FileLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let t = lines[i]!;
    if (t.endsWith('\r')) t = t.slice(0, -1);
    if (t.trim() === '') continue;
    out.push({ text: t, line: i + 1 });
  }
  return out;
}

function readableEventTime(topic: Topic, text: string, zone: string): number | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  return parseTimestamp((v as Record<string, unknown>)[EVENT_TIME_FIELD[topic]], zone);
}

export function readSource(dir: string, zone: string): Message[] {
  const tape = join(dir, 'tape.ndjson');
  if (existsSync(tape)) return readTape(tape);
  // Merge order on ties: items, then status, then logistics.
  const order: Topic[] = ['order_item_events', 'order_status_events', 'logistics_events'];
  const lanes = order.map((topic) => {
    const file = `${topic}.ndjson`;
    const path = join(dir, file);
    const lines = existsSync(path) ? readLines(path) : [];
    let prev = -Infinity;
    const times = lines.map((l) => {
      const t = readableEventTime(topic, l.text, zone);
      if (t !== undefined) prev = t;
      return prev;
    });
    return { topic, file, lines, times, next: 0 };
  });
  const out: Message[] = [];
  for (;;) {
    let best: (typeof lanes)[number] | undefined;
    for (const lane of lanes) {
      if (lane.next >= lane.lines.length) continue;
      if (best === undefined || lane.times[lane.next]! < best.times[best.next]!) best = lane;
    }
    if (best === undefined) break;
    const l = best.lines[best.next]!;
    best.next++;
    out.push({
      topic: best.topic,
      raw: l.text,
      badWrapper: false,
      file: best.file,
      line: l.line,
      last: best.next === best.lines.length,
    });
  }
  return out;
}

function readTape(path: string): Message[] {
  const out: Message[] = [];
  for (const l of readLines(path)) {
    let w: unknown;
    try {
      w = JSON.parse(l.text);
    } catch {
      w = undefined;
    }
    const obj = w !== null && typeof w === 'object' && !Array.isArray(w) ? (w as Record<string, unknown>) : undefined;
    const topic = obj && TOPICS.includes(obj.topic as Topic) ? (obj.topic as Topic) : null;
    if (!obj || topic === null || !('value' in obj)) {
      out.push({ topic, raw: l.text, badWrapper: true, file: 'tape.ndjson', line: l.line, last: false });
      continue;
    }
    const value = obj.value;
    if (typeof value === 'string') {
      out.push({ topic, raw: value, badWrapper: false, file: 'tape.ndjson', line: l.line, last: false });
    } else {
      out.push({ topic, raw: JSON.stringify(value), value: { v: value }, badWrapper: false, file: 'tape.ndjson', line: l.line, last: false });
    }
  }
  // "the last line of that topic in a tape": the last line naming it (a broken frame that names
  // the topic is still a line of that topic, and releases it like a dead letter does).
  for (const topic of TOPICS) {
    for (let i = out.length - 1; i >= 0; i--) {
      const m = out[i]!;
      if (m.topic === topic) {
        m.last = true;
        break;
      }
    }
  }
  return out;
}
