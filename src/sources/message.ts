// A message as a broker or the simulator hands it over (topic, text, partition, offset) turned
// into the record the engine reads: parsed once here (twice for the rare message that gives an id
// as a number a double cannot hold); text that is not JSON is marked, and the engine dead-letters
// it with its raw text.
import type { SourceRecord, TopicId } from '../engine/types.js';

/** What parseMessage gives for text that is not JSON (one shared value: nothing allocated per message). */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** A message's text parsed, or NOT_JSON: every source reads its text this way. */
export function parseMessage(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** A message of the topic parsed (parseMessage), its ids given as JSON numbers kept exact (parseWithExactIds). */
export function parseTopicMessage(topic: TopicId, text: string): unknown {
  const value = parseMessage(text);
  return hasInexactId(topic, value) ? parseWithExactIds(topic, text) : value;
}

/** The message of a topic parsed again with its ids' numbers as decimal text (parseWithExactText). */
export function parseWithExactIds(topic: TopicId, text: string): unknown {
  return parseWithExactText(text, ID_FIELDS[topic]!);
}

/** Whether the message gives an id as a number JavaScript cannot print as written (hasInexactNumber). */
export function hasInexactId(topic: TopicId, value: unknown): boolean {
  return hasInexactNumber(value, ID_FIELDS[topic]!);
}

/** The id fields of each topic (SPEC §1): text, which a message may give as a JSON number. */
const ID_FIELDS: readonly (readonly string[])[] = [
  ['order_id', 'user_id'],
  ['order_id', 'item_id', 'sku_id'],
  ['logistics_id', 'order_id', 'location', 'courier_id'],
];

/**
 * Whether the object gives one of the fields as a number whose JavaScript text is not its decimal
 * text (SPEC §2): an integer past 2^53 has lost digits (a 19-digit order number), 1e21 or 1e-7
 * print with an exponent, and 1e400 is Infinity. Ids are text almost always, so this costs a few
 * type checks.
 */
export function hasInexactNumber(value: unknown, fields: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const f of fields) {
    const v = (value as Record<string, unknown>)[f];
    if (typeof v === 'number' && !Number.isSafeInteger(v) && (!Number.isFinite(v) || Number.isInteger(v) || Math.abs(v) < 1e-6)) return true;
  }
  return false;
}

/** A JSON string, or a number (as JSON writes it: no leading zeros, no `+`). */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const COLON = /\s*:\s*/y;

/**
 * The text parsed with every number that is the value of one of the fields (at any depth: a tape
 * line holds the message in `value`) turned into its decimal text, as written:
 * 12345678901234567890 keeps its digits, 1e21 is "1000000000000000000000", 1.50 is "1.5".
 */
export function parseWithExactText(text: string, fields: readonly string[]): unknown {
  let out = '';
  let from = 0;
  /** Where the value of an id field starts (-1: no id field's value is next). */
  let valueAt = -1;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const token = m[0];
    if (token.charCodeAt(0) !== 34) {
      if (m.index === valueAt) {
        out += text.slice(from, m.index) + JSON.stringify(decimalText(token));
        from = m.index + token.length;
      }
      continue;
    }
    // A string followed by a colon is a key.
    COLON.lastIndex = TOKEN.lastIndex;
    if (COLON.test(text)) {
      valueAt = fields.includes(JSON.parse(token) as string) ? COLON.lastIndex : -1;
      TOKEN.lastIndex = COLON.lastIndex;
    }
  }
  return parseMessage(out + text.slice(from));
}

/** The decimal text of a JSON number literal's value: no exponent, no redundant zeros. */
export function decimalText(literal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  const exponent = m ? Number(m[4] ?? 0) : NaN;
  if (!m || Math.abs(exponent) > 400) return String(Number(literal));
  let digits = m[2]! + (m[3] ?? '');
  let point = m[2]!.length + exponent;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

export function messageRecord(topic: TopicId, text: string, partition: number, offset: string): SourceRecord {
  const parsed = parseTopicMessage(topic, text);
  const parseError = parsed === NOT_JSON;
  const value = parseError ? undefined : parsed;
  return { topic, partition, value, parseError, time: NaN, raw: text, file: undefined, line: 0, offset, last: false, invalid: null, quiet: false };
}
