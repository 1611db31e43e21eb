// `simulate` flags (strings, as commander gives them) → what to record. Each bad flag is a
// one-line UserError that says what to pass instead.
import { UTC } from '../../engine/time/timestamp.js';
import { UserError } from '../../errors.js';
import type { RecordOptions } from '../../sources/simulator/record.js';
import { DEFAULT_START, type SimKnobs } from '../../sources/simulator/simulator.js';
import type { SimOutput } from '../../sources/simulator/source-writer.js';
import { countOption, durationOption, timeOption } from '../options.js';

/** Knob flags (camelCase, as commander names them) → the knob each sets. */
export const KNOB_FLAGS: Record<string, keyof SimKnobs> = {
  unpaid: 'unpaid',
  stalls: 'stall',
  deliveryDelays: 'deliveryDelay',
  stockOuts: 'stockOut',
  unroutable: 'unroutable',
  refunds: 'refund',
  outOfOrder: 'outOfOrder',
  duplicates: 'duplicate',
  malformed: 'malformed',
};

/** `--to kafka`: where to produce, before the command makes a producer for it (KafkaOutput). */
export interface KafkaTarget {
  kind: 'kafka';
  brokers: string[];
  topicPrefix: string;
  /** Directory to write `reference/` into. */
  reference: string;
  replace: boolean;
}

/** What to record: RecordOptions, with Kafka named by its flags rather than a producer. */
export interface SimulateOptions extends Omit<RecordOptions, 'output'> {
  output: SimOutput | KafkaTarget;
}

const DEFAULT_DURATION_MS = 3_600_000;
/** Flags that only mean something with --to kafka. */
const KAFKA_FLAGS = ['brokers', 'topicPrefix', 'reference'];
/** Kafka's longest topic name, less the longest source topic name (order_status_events). */
const MAX_PREFIX = 249 - 19;

export function simulateOptions(flags: Record<string, unknown>): SimulateOptions {
  const f = (name: string): string | undefined => text(flags, name);
  const output = target(f, flags.force === true);
  const bounds = ['orders', 'duration', 'records'].filter((b) => f(b) !== undefined);
  if (bounds.length > 1) throw new UserError(`pass only one of --orders, --duration and --records (got ${bounds.map((b) => `--${b}`).join(' and ')})`);
  if (f('rate') !== undefined && f('speed') !== undefined) {
    throw new UserError('pass --rate (messages per second) or --speed (simulated time per wall-clock time), not both');
  }
  const start = timeOption('--start', f('start'), UTC, false) ?? DEFAULT_START;
  const duration = durationOption('--duration', f('duration'));
  if (duration === 0) throw new UserError("--duration must be longer than 0 (e.g. '2h')");
  const orders = countOption('--orders', f('orders'));
  const knobs: Partial<SimKnobs> = {};
  for (const [flag, knob] of Object.entries(KNOB_FLAGS)) {
    const v = f(flag);
    if (v !== undefined) knobs[knob] = share(`--${kebab(flag)}`, v);
  }
  return {
    sim: {
      seed: seed(f('seed')),
      start,
      ordersPerDay: positive('--orders-per-day', f('ordersPerDay'), '10000'),
      history: durationOption('--history', f('history')),
      maxOrders: orders,
      knobs,
    },
    output,
    end: bounds.length === 0 ? start + DEFAULT_DURATION_MS : duration === undefined ? undefined : start + duration,
    records: countOption('--records', f('records')),
    rate: positive('--rate', f('rate'), '500'),
    speed: positive('--speed', f('speed'), '60'),
  };
}

/** --to (files by default: --out or --tape) and the flags that go with it. */
function target(f: (name: string) => string | undefined, replace: boolean): SimOutput | KafkaTarget {
  const to = f('to') ?? 'files';
  const out = f('out');
  const tape = f('tape');
  if (to === 'kafka') {
    if (out !== undefined || tape !== undefined) {
      throw new UserError(`--to kafka sends the traffic to brokers: drop --${out !== undefined ? 'out' : 'tape'} (the reference tables go to --reference <dir>)`);
    }
    const brokers = f('brokers');
    if (brokers === undefined) throw new UserError('--to kafka needs --brokers <host:port,...> (e.g. --brokers localhost:9092)');
    const reference = f('reference');
    if (reference === undefined) {
      throw new UserError("--to kafka needs --reference <dir> to write the reference tables to (load them with 'ordertrack db seed --reference <dir>')");
    }
    return { kind: 'kafka', brokers: brokerList(brokers), topicPrefix: topicPrefix(f('topicPrefix') ?? ''), reference, replace };
  }
  if (to !== 'files') throw new UserError(`--to '${to}' must be files (the default: --out or --tape) or kafka`);
  const stray = KAFKA_FLAGS.find((k) => f(k) !== undefined);
  if (stray !== undefined) throw new UserError(`--${kebab(stray)} only goes with --to kafka: add --to kafka, or drop it`);
  if (out !== undefined && tape !== undefined) throw new UserError('pass --out <dir> or --tape <file>, not both');
  if (out === undefined && tape === undefined) {
    throw new UserError(
      'say where the traffic goes: --out <dir> for a source directory, or --tape <file> for a tape (or --to kafka --brokers <host:port,...> --reference <dir>)',
    );
  }
  return out !== undefined ? { kind: 'directory', dir: out, replace } : { kind: 'tape', file: tape!, replace };
}

/** `host:port,host:port` (IPv6 hosts in brackets) → the list kafkajs takes. */
function brokerList(v: string): string[] {
  const list = v.split(',').map((b) => b.trim());
  for (const b of list) {
    const m = /^(?:\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(b);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 65_535) {
      throw new UserError(`--brokers '${v}': each broker must be host:port, comma-separated (e.g. localhost:9092,kafka2:9092)`);
    }
  }
  return list;
}

/** A prefix that keeps every topic name legal in Kafka (letters, digits, . _ -; at most 249). */
function topicPrefix(v: string): string {
  if (!/^[A-Za-z0-9._-]*$/.test(v)) throw new UserError(`--topic-prefix '${v}' may only hold letters, digits, '.', '_' and '-'`);
  if (v.length > MAX_PREFIX) throw new UserError(`--topic-prefix is ${v.length} characters: Kafka topic names allow a prefix of at most ${MAX_PREFIX}`);
  return v;
}

function text(flags: Record<string, unknown>, name: string): string | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UserError(`--${kebab(name)} needs a value`);
  return v;
}

function seed(v: string | undefined): number {
  if (v === undefined) return 1;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 0xffff_ffff) throw new UserError(`--seed '${v}' must be a whole number from 0 to 4294967295`);
  return n;
}

function positive(flag: string, v: string | undefined, example: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UserError(`${flag} '${v}' must be a positive number (e.g. ${example})`);
  return n;
}

function share(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !(n >= 0 && n <= 1)) throw new UserError(`${flag} '${v}' must be a share from 0 to 1 (e.g. 0.05)`);
  return n;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}
