// `ordertrack replay --brokers … --mysql … --from <time|earliest> [--to <time>] [--dry-run]
// [--out <dir>] [--report <file>] [--check]`:
// finds each partition's first offset at or after the time (offsets-for-time.ts: ListOffsets,
// verified, with a search where the broker's answer is wrong), shows the plan, and unless
// --dry-run re-reads from there up to --to or the log ends found now, printing progress; the
// run's checkpoint then carries on from where the replay stopped. The keyed state it starts with
// is the one a live run had there (SPEC §12): the records from the earliest offsets up to the
// start are read first, quietly (only inventory ops are written, and the ledger recalls those
// already applied). Outputs, ledger, stock and operator decisions stay, so nothing is applied or
// dispatched twice.
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { StreamConfig } from '../../config/stream-config.js';
import { RuleBook } from '../../engine/rules.js';
import { newStats } from '../../engine/stats.js';
import { TOPICS, type TopicName } from '../../engine/types.js';
import { runStream } from '../../runtime/stream-run.js';
import { summarize, summaryText } from '../../runtime/summary.js';
import { MysqlStore } from '../../sinks/mysql/mysql-store.js';
import { prepareOutDir, prepareOutFile } from '../../sinks/out-paths.js';
import type { KafkaOffsets } from '../../sources/kafka/offsets.js';
import { formatReplayPlan, offsetsForTime, replayPlan, type OffsetsForTime } from '../../sources/kafka/offsets-for-time.js';
import { EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK } from '../exit.js';
import { untilStopped } from '../stop-signal.js';
import { kafkaClient, sourceTopics } from './kafka-client.js';
import { replayRange, timeZoneOption } from '../options.js';
import { ProgressLine } from '../progress.js';

export interface StreamReplayFlags {
  from?: string;
  to?: string;
  dryRun?: boolean;
  timeZone?: string;
  quiet?: boolean;
  /** After the replay: MySQL's tables as NDJSON here, the summary (and the checks) as JSON there. */
  out?: string;
  report?: string;
  check?: boolean;
}

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export async function replayStream(cfg: StreamConfig, flags: StreamReplayFlags, io: Io): Promise<number> {
  const tz = timeZoneOption(flags.timeZone);
  const range = replayRange(flags.from ?? 'earliest', flags.to, tz);
  const from = range.from!;
  const to = range.to;
  const out = flags.out === undefined ? undefined : prepareOutDir(flags.out);
  const reportFile = flags.report === undefined ? undefined : prepareOutFile(flags.report);
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
    const start = offsetsOf(found, topics);
    // The records before --from are read again quietly, to rebuild the state a live run had there.
    const earliest = from === -Infinity ? undefined : await offsetsForTime({ kafka, topics: Object.values(topics), time: null });
    const rebuild = earliest === undefined ? 0 : countBetween(offsetsOf(earliest, topics), start);
    if (rebuild > 0) io.stdout.write(`state rebuilt first from the ${rebuild} records before --from (read again, nothing written but ops)\n`);
    if (flags.dryRun) return EXIT_OK;

    const total = rows.reduce((n, r) => n + r.records, 0);
    await store.resetState();
    const started = performance.now();
    const instanceId = `replay:${hostname()}:${process.pid}`;
    const line = new ProgressLine(io.stderr, { quiet: flags.quiet });
    const progress = (what: string, done: number, of: number): void => line.report(`${what} ${done} of ${of} records`, done / Math.max(1, of));
    return await untilStopped(async (signal) => {
      const common = { kafka, groupId: cfg.group, store, timeZone: tz, exitWhenIdleMs: 500, signal, instanceId };
      let rebuilt = 0;
      if (rebuild > 0) {
        const warm = await runStream({
          ...common,
          start: offsetsOf(earliest!, topics),
          stopAt: start,
          quiet: true,
          // A group of its own: the replay proper then joins the real one at once, instead of
          // waiting out this member's session where a broker does not honour its leaving.
          consumerGroup: `${cfg.group}.replay-rebuild`,
          onCommit: ({ processed }) => progress('rebuilding state from', processed, rebuild),
        });
        rebuilt = warm.processed;
      }
      const summary = signal.stopped
        ? undefined
        : await runStream({
            ...common,
            // After a quiet start each partition resumes at its checkpoint, which is `start`.
            start,
            stopAt: stopAt ?? endsOf(found, topics),
            onCommit: ({ processed }) => progress('replayed', processed, total),
          });
      const report = summarize({
        stats: summary?.engine.stats ?? newStats(),
        processed: rebuilt + (summary?.processed ?? 0),
        rebuilt,
        elapsedMs: performance.now() - started,
        files: out === undefined ? {} : await store.exportNdjson(out),
        checks: flags.check || reportFile !== undefined ? await store.checks() : [],
        interrupted: summary === undefined || summary.stoppedBy === 'signal',
        resume: 'the next `ordertrack run` of this group goes on from where the replay stopped',
        resumed: false,
        rules: summary?.engine.rules ?? new RuleBook([]),
      });
      if (reportFile !== undefined) writeFileSync(reportFile, JSON.stringify(report, null, 2) + '\n');
      io.stdout.write(summaryText(report, flags.quiet));
      if (report.interrupted) return EXIT_INTERRUPTED;
      return flags.check && !report.ok ? EXIT_CHECK_FAILED : EXIT_OK;
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

/** Records from `a` up to `b` (exclusive), over every partition and topic. */
function countBetween(a: KafkaOffsets, b: KafkaOffsets): number {
  let n = 0;
  for (const [p, byTopic] of Object.entries(b)) {
    for (const [t, end] of Object.entries(byTopic)) {
      const begin = a[Number(p)]?.[t as TopicName];
      if (begin !== undefined && end !== undefined) n += Math.max(0, Number(BigInt(end) - BigInt(begin)));
    }
  }
  return n;
}

function pick(found: OffsetsForTime, topics: Record<TopicName, string>, value: (p: { offset: string; high: string }) => string): KafkaOffsets {
  const out: KafkaOffsets = {};
  for (const t of TOPICS) {
    for (const [p, start] of Object.entries(found[topics[t]] ?? {})) (out[Number(p)] ??= {})[t] = value(start);
  }
  return out;
}
