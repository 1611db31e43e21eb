// `ordertrack run --brokers … --mysql …`: the production run (runtime/stream-run.ts) with its
// real clients: kafkajs for the topics, mysql2 for the store, an optional Prometheus endpoint.
// Passwords stay out of every line printed: the store names itself with the password masked.
import { writeFileSync } from 'node:fs';
import type { StreamConfig } from '../../config/stream-config.js';
import { runStream } from '../../runtime/stream-run.js';
import { summarize, summaryText } from '../../runtime/summary.js';
import { kafkaError } from '../../sinks/kafka/kafka-error.js';
import { KafkaPublisher } from '../../sinks/kafka/publisher.js';
import { MysqlStore } from '../../sinks/mysql/mysql-store.js';
import { EngineMetrics, serveMetrics } from '../../sinks/prometheus/metrics.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { untilStopped } from '../stop-signal.js';
import { kafkaClient, outputTopics, sourceTopics } from './kafka-client.js';
import { durationOption, timeZoneOption } from '../options.js';

export interface StreamRunFlags {
  timeZone?: string;
  commitInterval?: string;
  exitWhenIdle?: string;
  sessionTimeout?: string;
  instanceId?: string;
  report?: string;
  out?: string;
  quiet?: boolean;
}

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const ANOMALY_COUNT_MS = 5000;

export async function runStreamCommand(cfg: StreamConfig, flags: StreamRunFlags, io: Io): Promise<number> {
  // Flags first: a wrong one is refused before anything is opened.
  const tz = timeZoneOption(flags.timeZone);
  const commitIntervalMs = durationOption('--commit-interval', flags.commitInterval);
  const exitWhenIdleMs = durationOption('--exit-when-idle', flags.exitWhenIdle);
  const sessionTimeout = durationOption('--session-timeout', flags.sessionTimeout);
  const started = performance.now();
  const kafka = kafkaClient(cfg, 'ordertrack');
  const store = await MysqlStore.open(cfg.mysql);
  const producer = kafka.producer(cfg.idempotentProducer ? { idempotent: true, maxInFlightRequests: 1 } : {});
  const metrics = new EngineMetrics();
  let server: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  try {
    try {
      await producer.connect();
    } catch (e) {
      throw kafkaError(`connecting to the brokers ${cfg.brokers.join(',')} failed (check --brokers and that Kafka is running)`, e);
    }
    if (cfg.metricsPort !== undefined) {
      server = await serveMetrics(metrics, cfg.metricsPort);
      io.stderr.write(`ordertrack: metrics on http://127.0.0.1:${server.port}/metrics\n`);
    }
    if (!flags.quiet) io.stderr.write(`ordertrack: reading ${cfg.brokers.join(',')} as group ${cfg.group} into ${store.display}\n`);
    // The open-anomalies gauge counts the store's rows (every instance's): read every few seconds.
    let anomaliesAt = -Infinity;
    let counting: Promise<void> | undefined;
    const countAnomalies = (): void => {
      if (server === undefined || counting !== undefined || performance.now() - anomaliesAt < ANOMALY_COUNT_MS) return;
      anomaliesAt = performance.now();
      counting = store.anomalyCounts().then((rows) => metrics.openAnomalies(rows), () => undefined).finally(() => (counting = undefined));
    };
    const summary = await untilStopped((signal) => runStream({
      kafka,
      groupId: cfg.group,
      store,
      publisher: new KafkaPublisher({ producer, topics: outputTopics(cfg) }),
      timeZone: tz,
      commitIntervalMs,
      exitWhenIdleMs,
      topics: sourceTopics(cfg),
      instanceId: flags.instanceId,
      // Heartbeats well inside the session, so a busy instance is not taken for a dead one.
      consumer: sessionTimeout === undefined ? undefined : { sessionTimeout, rebalanceTimeout: sessionTimeout, heartbeatInterval: Math.max(100, Math.floor(sessionTimeout / 10)) },
      signal,
      onCommit: ({ engine, commitMs, batch, source }) => {
        metrics.update(engine.stats, engine.gauges());
        metrics.checkpoint(commitMs, Date.now());
        for (const row of batch.partitions?.emitted ?? batch.metrics) metrics.windowClosed(row);
        metrics.backpressure(source.backpressure.pauses);
        for (const l of source.lag()) metrics.lag(l.topic, l.partition, l.records);
        countAnomalies();
      },
    }));
    await counting;
    const files = flags.out ? await store.exportNdjson(flags.out) : {};
    const report = summarize({
      stats: summary.engine.stats,
      processed: summary.processed,
      elapsedMs: performance.now() - started,
      files,
      checks: flags.report ? await store.checks() : [],
      interrupted: summary.stoppedBy === 'signal',
      resumed: summary.resumed,
      rules: summary.engine.rules,
    });
    if (flags.report) {
      const scaleOut = { partitions: summary.partitions, takenOver: summary.takenOver, rebuilds: summary.rebuilds };
      writeFileSync(flags.report, JSON.stringify({ ...report, ...scaleOut }, null, 2) + '\n');
    }
    io.stdout.write(summaryText(report, flags.quiet));
    return summary.stoppedBy === 'signal' ? EXIT_INTERRUPTED : EXIT_OK;
  } finally {
    await server?.close();
    await producer.disconnect().catch(() => undefined);
    await store.close();
  }
}
