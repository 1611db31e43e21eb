// `ordertrack simulate`: deterministic synthetic storefront traffic written as a source directory,
// a tape (SPEC §13) or to Kafka topics, with the reference data it needs, then a short summary.
// Flags are declared in simulate-flags.ts (declareSimulate) and read in simulate-options.ts.
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { TOPICS } from '../../engine/types.js';
import { kafkaError } from '../../sinks/kafka/kafka-error.js';
import { realDeps, recordSimulation, type RecordSummary } from '../../sources/simulator/record.js';
import { KNOB_NAMES } from '../../sources/simulator/knobs.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { type StopSignal, untilStopped } from '../stop-signal.js';
import { type KafkaTarget, type SimulateOptions, simulateOptions } from './simulate-options.js';

export interface SimulateIo {
  stdout: NodeJS.WritableStream;
  /** Set `stopped` to end the run early (default: SIGINT or SIGTERM does). */
  signal?: { stopped: boolean };
}

export async function simulate(flags: Record<string, unknown>, io: SimulateIo): Promise<number> {
  const { output, ...opts } = simulateOptions(flags);
  const go = async (signal: StopSignal): Promise<number> => {
    const summary = output.kind === 'kafka' ? await toKafka(opts, output, signal) : await recordSimulation({ ...opts, output }, realDeps(signal));
    io.stdout.write(formatSimulation(summary) + '\n');
    return summary.interrupted ? EXIT_INTERRUPTED : EXIT_OK;
  };
  return io.signal ? go(io.signal) : untilStopped(go);
}

/** Records through a producer made for the target's brokers, disconnected however the run ends. */
async function toKafka(opts: Omit<SimulateOptions, 'output'>, target: KafkaTarget, signal: { stopped: boolean }): Promise<RecordSummary> {
  const producer = kafkaProducer(target.brokers);
  try {
    try {
      await producer.connect();
    } catch (e) {
      throw kafkaError(`cannot reach the brokers ${target.brokers.join(',')} (check --brokers and that Kafka is running)`, e);
    }
    return await recordSimulation({ ...opts, output: { ...target, producer } }, realDeps(signal));
  } finally {
    // Every batch sent was acknowledged already; a failing goodbye changes nothing about that.
    await producer.disconnect().catch(() => {});
  }
}

/**
 * A producer that gives up on unreachable brokers within seconds (the client's retry governs
 * connecting) yet rides out a leader moving mid-run (its own retry governs sends). kafkajs logs
 * nothing: a failure reaches the user once, as the ExternalError. Not idempotent, which a real
 * cluster would allow but librdkafka's mock cannot serve; one request in flight per broker keeps a
 * retried batch from being overtaken. The default (murmur2, Java-compatible) partitioner sends a
 * key to the same partition number in each topic, which keeps the three topics co-partitioned.
 */
function kafkaProducer(brokers: string[]): Producer {
  const kafka = new Kafka({
    clientId: 'ordertrack-simulate',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
  });
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    maxInFlightRequests: 1,
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
}

export function formatSimulation(s: RecordSummary): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const where = s.form === 'kafka' ? `Kafka ${s.path}` : `${s.path} (${s.form === 'tape' ? 'tape' : 'source directory'})`;
  const lines = [
    `${s.interrupted ? 'interrupted: ' : ''}${n(s.orders)} orders, ${n(s.total)} messages → ${where}`,
    ...TOPICS.map((t) => `  ${s.topics[t].padEnd(22)}${n(s.messages[t]).padStart(10)}`),
    `  faults: ${KNOB_NAMES.map((k) => `${k} ${n(s.faults[k])}`).join(', ')}`,
    `  simulated ${new Date(s.from).toISOString()} → ${new Date(s.to).toISOString()} (${span(s.to - s.from)})`,
    `  wall time ${(s.wallMs / 1000).toFixed(1)} s`,
  ];
  const ref = Object.entries(s.files).filter(([f]) => f.startsWith('reference/'));
  lines.push(`  reference: ${ref.map(([f, rows]) => `${f.slice(10, -7)} ${n(rows)}`).join(', ')}`);
  // Kafka carries only the events: say where the reference tables went and how to load them.
  if (s.form === 'kafka') lines.push(`  reference files in ${s.reference}/reference: load them with 'ordertrack db seed --mysql <url> --reference ${s.reference}'`);
  return lines.join('\n');
}

function span(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0s';
}
