// `ordertrack replay --brokers … --mysql … --from <time|earliest> [--to <time>] [--dry-run]`:
// finds each partition's first offset at or after the time (offsets-for-time.ts: ListOffsets,
// verified, with a search where the broker's answer is wrong), shows the plan, and unless
// --dry-run re-reads from there with fresh keyed state (outputs, ledger, stock and operator
// decisions stay, so nothing is applied or dispatched twice) up to --to or the log ends found
// now, printing progress; the run's checkpoint then carries on from where the replay stopped.
import type { StreamConfig } from '../../config/stream-config.js';
import { TOPICS, type TopicName } from '../../engine/types.js';
import { runStream } from '../../runtime/stream-run.js';
import { formatSummary, summarize } from '../../runtime/summary.js';
import { MysqlStore } from '../../sinks/mysql/mysql-store.js';
import type { KafkaOffsets } from '../../sources/kafka/offsets.js';
import { formatReplayPlan, offsetsForTime, replayPlan, type OffsetsForTime } from '../../sources/kafka/offsets-for-time.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { untilStopped } from '../stop-signal.js';
import { kafkaClient, sourceTopics } from './kafka-client.js';
import { timeOption, timeZoneOption } from '../options.js';

export interface StreamReplayFlags {
  from?: string;
  to?: string;
  dryRun?: boolean;
  timeZone?: string;
  quiet?: boolean;
}

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export async function replayStream(cfg: StreamConfig, flags: StreamReplayFlags, io: Io): Promise<number> {
  const tz = timeZoneOption(flags.timeZone);
  const from = timeOption('--from', flags.from ?? 'earliest', tz, true)!;
  const to = timeOption('--to', flags.to, tz, false);
  const kafka = kafkaClient(cfg, 'ordertrack-replay');
  const topics = sourceTopics(cfg);
  const store = await MysqlStore.open(cfg.mysql);
  try {
    const found = await offsetsForTime({ kafka, topics: Object.values(topics), time: from === -Infinity ? null : from });
    const saved = await store.partitionOffsets(`kafka:${cfg.group}`);
    const current = saved.size === 0 ? undefined : (Object.fromEntries([...saved].map(([p, pos]) => [p, JSON.parse(pos)])) as KafkaOffsets);
    const rows = replayPlan(current, found, topics);
    let stopAt: KafkaOffsets | undefined;
    if (to !== undefined) {
      const ends = await offsetsForTime({ kafka, topics: Object.values(topics), time: to });
      stopAt = offsetsOf(ends, topics);
      for (const r of rows) {
        r.end = stopAt[r.partition]![r.topic]!;
        r.records = Math.max(0, Number(BigInt(r.end) - BigInt(r.start)));
      }
    }
    io.stdout.write(formatReplayPlan(rows).replace(/\n?$/, '\n'));
    if (flags.dryRun) return EXIT_OK;

    const total = rows.reduce((n, r) => n + r.records, 0);
    await store.resetState();
    const started = performance.now();
    let lastLine = 0;
    return await untilStopped(async (signal) => {
      const summary = await runStream({
        kafka,
        groupId: cfg.group,
        store,
        timeZone: tz,
        start: offsetsOf(found, topics),
        stopAt: stopAt ?? endsOf(found, topics),
        exitWhenIdleMs: 500,
        signal,
        onCommit: ({ processed }) => {
          if (flags.quiet || performance.now() - lastLine < 2000) return;
          lastLine = performance.now();
          const rate = processed / ((performance.now() - started) / 1000);
          const eta = rate > 0 ? Math.ceil((total - processed) / rate) : NaN;
          io.stderr.write(`ordertrack: replayed ${processed} of ${total} records (${Math.floor((100 * processed) / Math.max(1, total))}%), ETA ${Number.isNaN(eta) ? '?' : `${eta}s`}\n`);
        },
      });
      const report = summarize({
        stats: summary.engine.stats,
        processed: summary.processed,
        elapsedMs: performance.now() - started,
        files: {},
        checks: [],
        interrupted: summary.stoppedBy === 'signal',
        resumed: false,
        rules: summary.engine.rules,
      });
      if (!flags.quiet) io.stdout.write(formatSummary(report) + '\n');
      return summary.stoppedBy === 'signal' ? EXIT_INTERRUPTED : EXIT_OK;
    });
  } finally {
    await store.close();
  }
}

/** The found start offsets in the checkpoint's shape: per partition, per source topic. */
function offsetsOf(found: OffsetsForTime, topics: Record<TopicName, string>): KafkaOffsets {
  return pick(found, topics, (p) => p.offset);
}

/** The log ends found with them: a replay without --to stops there. */
function endsOf(found: OffsetsForTime, topics: Record<TopicName, string>): KafkaOffsets {
  return pick(found, topics, (p) => p.high);
}

function pick(found: OffsetsForTime, topics: Record<TopicName, string>, value: (p: { offset: string; high: string }) => string): KafkaOffsets {
  const out: KafkaOffsets = {};
  for (const t of TOPICS) {
    for (const [p, start] of Object.entries(found[topics[t]] ?? {})) (out[Number(p)] ??= {})[t] = value(start);
  }
  return out;
}
