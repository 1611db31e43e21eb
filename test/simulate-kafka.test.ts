// `ordertrack simulate --to kafka` against a real Kafka-protocol broker (librdkafka's mock
// cluster): it produces exactly the stream a --tape run of the same seed writes, in the format the
// ordertrack consumer reads (src/sources/kafka/kafka-source.ts): value = the text, key = order_id,
// timestamp = the simulated arrival time; reference files go to --reference.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../src/cli/commands/simulate.js';
import { simulateOptions } from '../src/cli/commands/simulate-options.js';
import { describeError, EXIT_EXTERNAL, EXIT_OK, exitCodeFor } from '../src/cli/exit.js';
import { TOPICS, type TopicName } from '../src/engine/types.js';
import { ExternalError, UserError } from '../src/errors.js';
import { loadReferenceDir } from '../src/sources/file/reference-files.js';
import { type SimMessage, Simulator } from '../src/sources/simulator/simulator.js';
import { QUICK_GROUP, startBroker, testKafka, type MockBroker } from './support/kafka-broker.js';

// Malformed copies (some keyless) and duplicates made common enough to show up in 50 orders.
const FLAGS = { orders: '50', seed: '3', malformed: '0.05', duplicates: '0.05' };
const PREFIX = 'sim3.';
const PARTITIONS = 4;

const root = mkdtempSync(join(tmpdir(), 'ordertrack-simulate-kafka-'));
let n = 0;
const fresh = (): string => join(root, String(++n));
let broker: MockBroker;
let kafka: Kafka;
let groups = 0;

beforeAll(async () => {
  // The mock cannot create topics on request: name them all up front, co-partitioned.
  broker = await startBroker(Object.fromEntries(TOPICS.flatMap((t) => [[t, PARTITIONS], [PREFIX + t, PARTITIONS]])));
  kafka = testKafka(broker);
});

afterAll(async () => {
  await broker?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function run(flags: Record<string, unknown>): Promise<{ code: number; out: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const code = await simulate(flags, { stdout, signal: { stopped: false } });
  return { code, out };
}

interface Got {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string;
  timestamp: string;
}

/** Everything in `topics` (as many as their end offsets say), read back by a fresh group. */
async function consumeAll(topics: string[]): Promise<Got[]> {
  const admin = kafka.admin();
  await admin.connect();
  let count = 0;
  for (const t of topics) for (const p of await admin.fetchTopicOffsets(t)) count += Number(p.high);
  await admin.disconnect();
  const got: Got[] = [];
  const c = kafka.consumer({ groupId: `simulate-kafka-${++groups}`, ...QUICK_GROUP });
  await c.connect();
  try {
    await c.subscribe({ topics, fromBeginning: true });
    await c.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = message.key === null ? null : message.key.toString();
        got.push({ topic, partition, offset: Number(message.offset), key, value: message.value!.toString(), timestamp: message.timestamp });
      },
    });
    const end = Date.now() + 20_000;
    while (got.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await c.disconnect();
  }
  expect(got).toHaveLength(count);
  return got;
}

/** The tape's message texts per topic, in order (tape lines hold an object as itself, else a string). */
function tapeTexts(file: string): Record<TopicName, string[]> {
  const out = Object.fromEntries(TOPICS.map((t) => [t, [] as string[]])) as Record<TopicName, string[]>;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const m = /^\{"topic":"(\w+)","value":(.*)\}$/.exec(line)!;
    out[m[1] as TopicName].push(m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!);
  }
  return out;
}

/** The simulator's own stream (with arrival times) for these flags, up to `limit` messages. */
function stream(flags: Record<string, unknown>, limit = Infinity): { sim: Simulator; messages: SimMessage[] } {
  const sim = new Simulator(simulateOptions({ tape: 'unused', ...flags }).sim);
  const messages: SimMessage[] = [];
  while (messages.length < limit && sim.pull(Infinity, Math.min(4096, limit - messages.length), messages) > 0);
  return { sim, messages };
}

/**
 * The documented key (kafka-writer.ts): a JSON object's non-empty order_id; for text that is no
 * JSON object, a complete `"order_id":"…"` in it; else null.
 */
function expectedKey(text: string): string | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const id = (v as { order_id?: unknown }).order_id;
      return typeof id === 'string' && id !== '' ? id : null;
    }
  } catch {
    // not JSON: look in the text
  }
  return /"order_id":"([^"\\]+)"/.exec(text)?.[1] ?? null;
}

const tuple = (key: string | null, value: string, timestamp: string): string => JSON.stringify([key, value, timestamp]);

/** Whether `sub` is `all` with some items left out, the rest in the same order. */
function isSubsequence(sub: string[], all: string[]): boolean {
  let i = 0;
  for (const x of all) if (i < sub.length && sub[i] === x) i++;
  return i === sub.length;
}

describe('ordertrack simulate --to kafka', () => {
  it('produces exactly the stream a --tape run of the same seed writes: texts, order_id keys, simulated times', async () => {
    const tape = join(fresh(), 'tape.ndjson');
    expect((await run({ tape, ...FLAGS })).code).toBe(EXIT_OK);
    const texts = tapeTexts(tape);
    const { sim, messages } = stream(FLAGS);
    for (const t of TOPICS) expect(messages.filter((m) => m.topic === t).map((m) => m.text), t).toEqual(texts[t]);

    const reference = fresh();
    const r = await run({ to: 'kafka', brokers: broker.brokers.join(','), reference, ...FLAGS });
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(new RegExp(`^50 orders, ${messages.length.toLocaleString('en-US')} messages → Kafka ${broker.brokers[0]}\n`));
    expect(r.out).toContain(`load them with 'ordertrack db seed --mysql <url> --reference ${reference}'`);

    const got = await consumeAll([...TOPICS]);
    const partitionOf = new Map<string, number>();
    let keyless = 0;
    for (const t of TOPICS) {
      const want = messages.filter((m) => m.topic === t);
      expect(want.every((m) => Number.isInteger(m.time))).toBe(true);
      const wantTuples = want.map((m) => tuple(expectedKey(m.text), m.text, String(m.time)));
      const mine = got.filter((g) => g.topic === t);
      // As multisets: every message once, none lost or added, with its key and timestamp.
      expect(mine.map((g) => tuple(g.key, g.value, g.timestamp)).sort(), t).toEqual([...wantTuples].sort());
      // Per partition, in offset order: the topic's arrival order with the other partitions' messages left out.
      for (let p = 0; p < PARTITIONS; p++) {
        const part = mine.filter((g) => g.partition === p).sort((a, b) => a.offset - b.offset);
        expect(part.map((g) => g.offset)).toEqual(part.map((_, i) => i));
        expect(isSubsequence(part.map((g) => tuple(g.key, g.value, g.timestamp)), wantTuples), `${t}[${p}]`).toBe(true);
      }
      // Co-partitioned: an order's messages share one partition number in all three topics.
      for (const g of mine) {
        if (g.key === null) {
          keyless++;
          continue;
        }
        expect(partitionOf.get(g.key) ?? g.partition, g.key).toBe(g.partition);
        partitionOf.set(g.key, g.partition);
      }
    }
    expect(partitionOf.size).toBe(50); // one key per order
    expect(keyless).toBeGreaterThan(0); // malformed copies naming no order were sent too
    expect(got.some((g) => g.key !== null && expectedKey(g.value) === g.key && !/^\{.*\}$/.test(g.value))).toBe(true); // a cut-off copy keyed by its order

    // The reference tables went to --reference, byte for byte what the tape run wrote beside the tape.
    for (const table of ['product_inventory', 'product_info', 'user_address', 'logistics_area_info']) {
      const file = `reference/${table}.ndjson`;
      expect(readFileSync(join(reference, file), 'utf8'), table).toBe(readFileSync(join(dirname(tape), file), 'utf8'));
    }
    expect(loadReferenceDir(reference)).toEqual(sim.reference());
  });

  it('--topic-prefix names the topics it produces to, and is bounded by --records like a file run', async () => {
    const r = await run({ to: 'kafka', brokers: broker.brokers.join(','), topicPrefix: PREFIX, reference: fresh(), seed: '5', records: '40' });
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/^\d+ orders, 40 messages → Kafka /);
    for (const t of TOPICS) expect(r.out).toMatch(new RegExp(`^  ${PREFIX.replace('.', '\\.')}${t} +\\d+$`, 'm'));
    const got = await consumeAll(TOPICS.map((t) => PREFIX + t));
    const want = stream({ seed: '5' }, 40).messages;
    expect(got.map((g) => `${g.topic} ${g.value}`).sort()).toEqual(want.map((m) => `${PREFIX}${m.topic} ${m.text}`).sort());
  });

  it.each([
    [{ out: 'x' }, /--to kafka sends the traffic to brokers: drop --out/],
    [{ tape: 'x' }, /--to kafka sends the traffic to brokers: drop --tape/],
    [{ brokers: undefined }, /--to kafka needs --brokers <host:port,...>/],
    [{ reference: undefined }, /--to kafka needs --reference <dir> .*ordertrack db seed --reference <dir>/],
    [{ brokers: 'localhost' }, /--brokers 'localhost': each broker must be host:port/],
    [{ brokers: 'a:9092,,b:9092' }, /each broker must be host:port/],
    [{ brokers: 'a:70000' }, /each broker must be host:port/],
    [{ topicPrefix: 'my prefix/' }, /--topic-prefix 'my prefix\/' may only hold letters, digits/],
    [{ to: 'mq' }, /--to 'mq' must be files .* or kafka/],
    [{ to: undefined, out: 'x' }, /--brokers only goes with --to kafka/],
    [{ to: undefined, brokers: undefined, tape: 'x' }, /--reference only goes with --to kafka/],
  ])('refuses %j (over --to kafka --brokers h:1 --reference r) with a one-line UserError', async (change, message) => {
    const flags: Record<string, unknown> = { to: 'kafka', brokers: 'h:1', reference: 'r', orders: '1', ...change };
    const err = await run(flags).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('gives up on an unreachable broker within seconds: a one-line ExternalError, nothing written', async () => {
    const port = await closedPort();
    const reference = fresh();
    const t0 = Date.now();
    const err = await run({ to: 'kafka', brokers: `127.0.0.1:${port}`, reference, orders: '5' }).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(err).toBeInstanceOf(ExternalError);
    expect(exitCodeFor(err)).toBe(EXIT_EXTERNAL);
    const line = describeError(err);
    expect(line).toMatch(new RegExp(`^ordertrack: Kafka: cannot reach the brokers 127\\.0\\.0\\.1:${port} \\(check --brokers and that Kafka is running\\): `));
    expect(line).not.toContain('\n');
    expect(existsSync(reference)).toBe(false);
  });
});

/** A local port nothing listens on (it did a moment ago, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
