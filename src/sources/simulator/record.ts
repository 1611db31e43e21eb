// Records a simulation to files or Kafka: pulls the Simulator in batches and writes what it hands
// out, paced three ways: as fast as it goes; `rate` messages per wall-clock second; or `speed`,
// where simulated time runs that many times the wall clock from `start` (history before `start`
// is a backlog, written at once). Output is flushed after every batch: a reader can follow it, and
// the Kafka writer sends each batch then (a batch of ≤ 4096 messages is about a MiB, the size a
// file writer flushes at anyway). The wall clock and sleeping come in through `deps` (STYLE §2),
// so tests can drive time.
import { dirname, resolve } from 'node:path';
import type { TopicName } from '../../engine/types.js';
import type { ReferenceSeed } from '../../sinks/store.js';
import { type KafkaOutput, kafkaTopics, KafkaWriter } from './kafka-writer.js';
import { DEFAULT_START, type FaultKind, type SimMessage, Simulator, type SimulatorOptions } from './simulator.js';
import { type SimOutput, SourceWriter } from './source-writer.js';

/** Where a recording goes: a source directory, a tape, or Kafka topics (with a reference directory). */
export type RecordOutput = SimOutput | KafkaOutput;

/** What the recorder writes through; SourceWriter (files) and KafkaWriter both are one. */
export interface SimWriter {
  /** The source directory, the tape file, or the brokers. */
  readonly path: string;
  /** Writes the reference tables; returns rows per file, by path relative to their directory. */
  writeReference(ref: ReferenceSeed): Record<string, number>;
  /** Takes one message (in arrival order); it may only be buffered until flush(). */
  write(m: SimMessage): void;
  /** Pushes out what is buffered. */
  flush(): void | Promise<void>;
  /** Flushes and ends; returns lines per file written (none for Kafka). */
  close(): Record<string, number> | Promise<Record<string, number>>;
}

export interface RecordOptions {
  sim: SimulatorOptions;
  output: RecordOutput;
  /** Stop at this simulated time (messages arriving at or before it are written). */
  end?: number;
  /** Stop after this many messages. */
  records?: number;
  /** Messages per wall-clock second. */
  rate?: number;
  /** Simulated time per wall-clock time. */
  speed?: number;
}

export interface RecordDeps {
  /** Wall clock, ms. */
  now(): number;
  /** Waits `ms` of wall clock (0: just lets other work run). */
  sleep(ms: number): Promise<void>;
  /** Set by the caller to stop early; what was written is kept and closed properly. */
  signal: { stopped: boolean };
}

export interface RecordSummary {
  /** The source directory, the tape file, or the brokers. */
  path: string;
  form: RecordOutput['kind'];
  /** Name each topic was written under (a Kafka topic may carry a prefix). */
  topics: Record<TopicName, string>;
  /** The directory holding the `reference/` written. */
  reference: string;
  orders: number;
  messages: Record<TopicName, number>;
  total: number;
  faults: Record<FaultKind, number>;
  /** Lines per file written (topic files or tape, and reference/). */
  files: Record<string, number>;
  /** Simulated span: the first order's time basis, and the bound reached (else the last message's time). */
  from: number;
  to: number;
  wallMs: number;
  interrupted: boolean;
}

const BATCH = 4096;
/** Longest nap while pacing, so a stop request is seen promptly. */
const MAX_NAP_MS = 200;

export const realDeps = (signal: { stopped: boolean }): RecordDeps => ({
  now: () => performance.now(),
  sleep: (ms) => new Promise((done) => (ms <= 0 ? setImmediate(done) : setTimeout(done, ms))),
  signal,
});

export async function recordSimulation(opts: RecordOptions, deps: RecordDeps): Promise<RecordSummary> {
  const sim = new Simulator(opts.sim);
  const writer = openWriter(opts.output);
  const files = writer.writeReference(sim.reference());
  const start = Math.floor(opts.sim.start ?? DEFAULT_START);
  const end = opts.end ?? Infinity;
  const { rate, speed } = opts;
  const batch: SimMessage[] = [];
  const wall0 = deps.now();
  let written = 0;
  let last = sim.origin;
  let finished = false;
  try {
    while (!deps.signal.stopped) {
      let max = opts.records === undefined ? BATCH : Math.min(BATCH, opts.records - written);
      if (max <= 0) break;
      const elapsed = deps.now() - wall0;
      let until = end;
      if (rate !== undefined) {
        // The k-th message (from 0) goes out no sooner than k / rate seconds after the start.
        const allowed = Math.floor((elapsed * rate) / 1000) + 1 - written;
        if (allowed <= 0) {
          await deps.sleep(Math.min(MAX_NAP_MS, (written * 1000) / rate - elapsed));
          continue;
        }
        max = Math.min(max, allowed);
      } else if (speed !== undefined) {
        until = Math.min(end, start + elapsed * speed);
      }
      batch.length = 0;
      const n = sim.pull(until, max, batch);
      for (let i = 0; i < n; i++) writer.write(batch[i]!);
      written += n;
      if (n > 0) last = batch[n - 1]!.time;
      await writer.flush();
      if (n < max) {
        // Everything up to `until` is out. Done when that was the end, or nothing is left before it.
        const next = sim.peekTime();
        if (until >= end || next > end || next === Infinity) {
          finished = true;
          break;
        }
        // Only a speed run gets here: nap until the next message is due (briefly, to see a stop).
        await deps.sleep(Math.max(1, Math.min(MAX_NAP_MS, (next - until) / speed!)));
      } else if (rate === undefined && speed === undefined) {
        await deps.sleep(0); // as fast as possible, yet a stop request still gets through
      }
    }
  } finally {
    Object.assign(files, await writer.close());
  }
  const stats = sim.stats;
  return {
    path: writer.path,
    form: opts.output.kind,
    // Files are named by the bare topic; Kafka topics may carry a prefix.
    topics: kafkaTopics(opts.output.kind === 'kafka' ? (opts.output.topicPrefix ?? '') : ''),
    reference: referenceDir(opts.output),
    orders: stats.orders,
    messages: stats.messages,
    total: written,
    faults: stats.faults,
    files,
    from: sim.origin,
    to: finished && end !== Infinity ? end : last,
    wallMs: deps.now() - wall0,
    interrupted: deps.signal.stopped && !finished,
  };
}

function openWriter(output: RecordOutput): SimWriter {
  return output.kind === 'kafka' ? new KafkaWriter(output) : new SourceWriter(output);
}

/** Where the writer for `output` puts `reference/`. */
function referenceDir(output: RecordOutput): string {
  if (output.kind === 'kafka') return resolve(output.reference);
  return output.kind === 'directory' ? resolve(output.dir) : dirname(resolve(output.file));
}
