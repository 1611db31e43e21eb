// ordertrack's production shape: the three topics from Kafka (one consumer group) → engine →
// a store behind the async contract (MySQL) → event outputs published to Kafka. Every
// `commitIntervalMs` one store transaction carries the rows, the changed orders' state, and the
// checkpoint of every partition this instance owns (its offsets and state: checkpoints own the
// offsets, STYLE §3); only then is the batch published. A restart resumes each partition at its
// checkpoint, so a crash re-reads just what the last checkpoint does not cover, and keys make
// that idempotent.
//
// Scale-out: several instances share the group's partitions. A partition the group gives this
// instance is claimed in the store and restored from its checkpoint before it is read; one the
// group takes away is checkpointed (if this instance still holds it) and dropped. A commit is
// fenced by ownership: if another instance claimed one of its partitions meanwhile, or the stock
// it decided on changed under it, nothing is written and this instance rebuilds its state from
// the checkpoints of what it owns now, re-reading the rest. Window figures go to the store per
// partition, which sums them once every partition closed a window (sinks/mysql/partitions.ts),
// so the tables are the same however the partitions were spread.
//
// Verification runs (`exitWhenIdleMs`) read bounded: the log ends at assignment mark each topic's
// last record (SPEC §4 hold release), and once every assigned partition is read to there and
// quiet that long, the input ends as a file's does (`finish`): the same outputs as a file replay.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kafka } from 'kafkajs';
import { Engine } from '../engine/engine.js';
import { ReferenceIndex } from '../engine/reference.js';
import type { TimeZone } from '../engine/time/timestamp.js';
import { TOPICS, type SourceRecord, type TopicName } from '../engine/types.js';
import { UserError } from '../errors.js';
import type { KafkaPublisher } from '../sinks/kafka/publisher.js';
import { LostPartitions, StockConflict } from '../sinks/store-errors.js';
import type { CommitBatch, PartitionStore } from '../sinks/store.js';
import { KafkaSource } from '../sources/kafka/kafka-source.js';
import type { KafkaOffsets } from '../sources/kafka/offsets.js';
import { CommitBuffer } from './commit-buffer.js';
import { PrefetchPort } from './prefetch-port.js';
import { systemClock, type ProcessingClock } from './replay.js';

export interface StreamRunOptions {
  kafka: Kafka;
  /** The consumer group: the partitions' checkpoints are kept under its name. */
  groupId: string;
  /** The Kafka consumer group to join instead, keeping groupId's checkpoints (a replay's quiet start). */
  consumerGroup?: string;
  store: PartitionStore;
  /** Publishes each committed batch's event outputs (omit: store only). */
  publisher?: KafkaPublisher;
  timeZone: TimeZone;
  clock?: ProcessingClock;
  commitIntervalMs?: number;
  idleTimeoutMs?: number;
  /** Bounded verification: stop once every assigned partition is read to its end and quiet this long. */
  exitWhenIdleMs?: number;
  signal?: { stopped: boolean };
  /** Source topic names (default the SPEC's). */
  topics?: Partial<Record<TopicName, string>>;
  /** kafkajs consumer settings (session timeout…), e.g. for a test broker. */
  consumer?: Record<string, unknown>;
  /**
   * How often changes others make to stock and reference tables are taken in (ms, default
   * 1000): stock rows right after a commit, the reference index when its tables' checksum moves.
   * Tables so large that reading them takes over a tenth of that are read less often (refreshGapAfter).
   */
  refreshMs?: number;
  /** This instance's name in the partitions' checkpoints (default host:pid:random). */
  instanceId?: string;
  /** A replay: partitions without a checkpoint start from these offsets (the caller reset the store's state). */
  start?: KafkaOffsets;
  /** A replay with --to: read up to these offsets (exclusive), then end as a bounded input. */
  stopAt?: KafkaOffsets;
  /**
   * Read only to rebuild keyed state (replay --from, from the earliest offsets up to `stopAt`,
   * its start): no row but inventory ops is written, and reading ends at `stopAt` without ending
   * the input; the last checkpoint is where the replay proper resumes.
   */
  quiet?: boolean;
  /** Records taken per poll (default 4096). */
  batchSize?: number;
  /** How long to wait for this member to join the group (default 60 s). */
  joinTimeoutMs?: number;
  onCommit?: (figures: { processed: number; engine: Engine; commitMs: number; source: KafkaSource; batch: CommitBatch }) => void;
}

export interface StreamSummary {
  processed: number;
  /** The first partitions taken on had checkpoints. */
  resumed: boolean;
  stoppedBy: 'signal' | 'idle';
  /** The partitions owned at the end. */
  partitions: number[];
  /** Partitions taken on after the first ones (another instance left, or the group rebalanced). */
  takenOver: number;
  /** Times the state was rebuilt from the checkpoints after a refused commit. */
  rebuilds: number;
  engine: Engine;
  /** Monotonic times (performance.now) of the first and the last record processed (NaN: none). */
  firstRecordAt: number;
  lastRecordAt: number;
  /** How long the final commit (and the last publish) took, ms. */
  finalCommitMs: number;
}

const BATCH = 4096;
/** Commits refused in a row (each followed by a rebuild) before the run gives up. */
const MAX_REFUSALS = 5;
const TICK_MS = 100;
/** The share of the run's time that reading stock and reference tables back may take, at most. */
const REFRESH_SHARE = 0.1;

/**
 * How long to wait before reading stock and reference tables back again, after a read that took
 * `tookMs`: the configured interval, or longer where the tables are so large that reading them
 * each interval would take more than REFRESH_SHARE of the run (and of the database).
 */
export function refreshGapAfter(intervalMs: number, tookMs: number): number {
  return Math.max(intervalMs, (tookMs * (1 - REFRESH_SHARE)) / REFRESH_SHARE);
}

export async function runStream(opts: StreamRunOptions): Promise<StreamSummary> {
  const clock = opts.clock ?? systemClock;
  const store = opts.store;
  const sourceId = `kafka:${opts.groupId}`;
  const owner = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const source = new KafkaSource({
    kafka: opts.kafka,
    groupId: opts.consumerGroup ?? opts.groupId,
    topics: opts.topics,
    bounded: opts.exitWhenIdleMs !== undefined,
    stopAt: opts.stopAt,
    pauseAtStop: opts.quiet,
    consumer: opts.consumer,
    hold: true,
  });
  await source.start();
  try {
    await joined(source, opts.consumerGroup ?? opts.groupId, opts.joinTimeoutMs ?? 60_000, opts.signal);
    const ref = await store.loadReference();
    // Ops recorded before this engine started must be recalled, not applied again; the ones it
    // applies itself it remembers in its own state (and a partition's checkpoint covers its ops).
    const consultLedger = await store.hasOps();
    const port = new PrefetchPort(store, consultLedger);
    const buffer = new CommitBuffer();
    const engine = new Engine({
      store: port,
      out: buffer,
      refs: new ReferenceIndex(ref.product_info, ref.user_address, ref.logistics_area_info),
      rules: ref.order_processing_rules,
      timeZone: opts.timeZone,
      consultLedger,
      // Bounded reading releases each topic at its last record, as files do; live reading lets a
      // silent topic go after the idle timeout and the clock follow processing time.
      idleTimeoutMs: opts.exitWhenIdleMs !== undefined ? undefined : (opts.idleTimeoutMs ?? 10_000),
      partitions: [],
      windowParts: true,
    });

    const read: Record<TopicName, number> = { order_status_events: 0, order_item_events: 0, logistics_events: 0 };
    let processed = 0;
    /** The count and the engine's figures as of the last commit that landed (a rebuild goes back to them). */
    let atCommit = { processed: 0, stats: structuredClone(engine.stats) };
    let resumed: boolean | undefined;
    let takenOver = 0;
    let rebuilds = 0;
    let publishing: Promise<void> | undefined;
    const refreshMs = opts.refreshMs ?? 1000;
    let lastRefresh = performance.now();
    let fingerprint = await store.referenceFingerprint();
    /** The stock rows as the store has them now, for the engine's copy and what the port cached for it. */
    const refreshStock = async (): Promise<void> => {
      const rows = await store.allStock();
      engine.stock.refresh(rows);
      port.refreshStock(rows);
    };
    let refreshGap = refreshMs;
    const refresh = async (): Promise<void> => {
      const started = performance.now();
      await refreshStock();
      const now = await store.referenceFingerprint();
      if (now !== fingerprint) {
        fingerprint = now;
        const r = await store.loadReference();
        engine.setReference(new ReferenceIndex(r.product_info, r.user_address, r.logistics_area_info));
        engine.setRules(r.order_processing_rules);
      }
      lastRefresh = performance.now();
      refreshGap = refreshGapAfter(refreshMs, lastRefresh - started);
    };

    /** Claims partitions, restores them from their checkpoints (or starts them fresh) and reads them. */
    const takeOn = async (partitions: number[]): Promise<void> => {
      const claimed = await store.claimPartitions(sourceId, owner, partitions);
      await port.prepareStates(claimed.flatMap((c) => c.resident));
      for (const c of claimed) {
        engine.addPartition(c.partition, c.state, c.resident, c.awayIds);
        const offsets = c.sourcePos !== undefined ? (JSON.parse(c.sourcePos) as KafkaOffsets[number]) : opts.start?.[c.partition];
        source.admit(c.partition, offsets);
      }
      if (resumed === undefined) resumed = claimed.some((c) => c.state !== undefined);
      else takenOver += partitions.length;
    };

    const commit = async (): Promise<void> => {
      const t0 = performance.now();
      // Data quality rows add up in the store: written with every checkpoint, none is kept in state.
      engine.flushDataQuality();
      const batch = buffer.take(engine, { ...read });
      for (const t of TOPICS) read[t] = 0;
      const offsets = source.nextOffsets();
      batch.partitions = {
        sourceId,
        owner,
        partitionCount: source.partitionCount,
        savedAt: clock.now(),
        metricParts: buffer.takeParts(),
        checkpoints: engine.partitionIds().map((p) => {
          const { state, closedThrough } = engine.snapshotPartition(p);
          return { partition: p, sourcePos: JSON.stringify(offsets[p] ?? {}), state, closedThrough };
        }),
      };
      const upTo = { processed, stats: structuredClone(engine.stats) };
      await store.commit(batch);
      // Windows are emitted by the store once every partition closed them (windowParts).
      const windows = batch.partitions.emitted?.length ?? 0;
      engine.stats.windowsEmitted += windows;
      upTo.stats.windowsEmitted += windows;
      atCommit = upTo;
      if (performance.now() - lastRefresh >= refreshGap) await refresh();
      // Published while the next batch is processed; the one before must be acknowledged first,
      // so a key's records stay in commit order (and a failed publish stops the run here).
      await publishing;
      publishing = opts.publisher?.publish(batch);
      opts.onCommit?.({ processed, engine, commitMs: performance.now() - t0, source, batch });
    };

    /**
     * Follows the group's assignment: partitions taken away (or taken away and given back) are
     * checkpointed with everything else and dropped; new ones are taken on.
     */
    const rebalance = async (): Promise<void> => {
      const assigned = new Set(source.assigned());
      const waiting = source.waiting();
      const lost = engine.partitionIds().filter((p) => !assigned.has(p) || waiting.includes(p));
      const revoked = source.revoked();
      if (lost.length > 0 || revoked.length > 0) {
        await commit();
        for (const p of lost) engine.removePartition(p);
        for (const p of revoked) source.release(p);
      }
      if (waiting.length > 0) await takeOn(waiting);
    };

    /** A commit was refused: forget what it held and start every owned partition again from its checkpoint. */
    const rebuild = async (): Promise<void> => {
      rebuilds++;
      // What is re-read counts once: the figures go back to the last commit that landed.
      processed = atCommit.processed;
      Object.assign(engine.stats, structuredClone(atCommit.stats));
      engine.flushDataQuality();
      buffer.take(engine, {});
      buffer.takeParts();
      for (const t of TOPICS) read[t] = 0;
      for (const p of engine.partitionIds()) {
        engine.removePartition(p);
        source.suspend(p);
      }
      for (const p of source.revoked()) source.release(p);
      await refreshStock();
      await takeOn(source.waiting());
    };

    /**
     * Runs `step`; a commit refused for lost partitions or stale stock turns into a rebuild (false).
     * Refused again and again (a SKU deleted under the run would be), the refusal stops the run.
     */
    let refusedInARow = 0;
    const guarded = async (step: () => Promise<void>): Promise<boolean> => {
      try {
        await step();
        refusedInARow = 0;
        return true;
      } catch (e) {
        if (!(e instanceof LostPartitions || e instanceof StockConflict) || ++refusedInARow > MAX_REFUSALS) throw e;
        await rebuild();
        return false;
      }
    };

    await guarded(rebalance);
    resumed ??= false; // standing by: partitions given later are taken over

    // The engine's processing time comes from `clock`; the loop's own pacing (ticks, commits,
    // quiet time) from the monotonic clock, so a pinned test clock still ticks and ends.
    const records: SourceRecord[] = [];
    const interval = opts.commitIntervalMs ?? 1000;
    let lastCommit = performance.now();
    let lastTick = -Infinity;
    let lastArrival = lastCommit;
    let stoppedBy: StreamSummary['stoppedBy'] = 'signal';
    let firstRecordAt = NaN;
    let finalCommitMs = 0;
    for (;;) {
      while (!opts.signal?.stopped) {
        const now = clock.now();
        const mono = performance.now();
        records.length = 0;
        const n = source.poll(opts.batchSize ?? BATCH, records, now);
        if (n > 0) {
          await port.prepare(records, engine);
          for (let i = 0; i < n; i++) {
            const r = records[i]!;
            if (opts.quiet) r.quiet = true;
            else read[TOPICS[r.topic]]++;
            engine.process(r, now);
          }
          processed += n;
          if (Number.isNaN(firstRecordAt)) firstRecordAt = mono;
          lastArrival = performance.now();
        }
        if (mono - lastTick >= TICK_MS) {
          engine.tick(now);
          lastTick = mono;
          if (source.waiting().length > 0 || source.revoked().length > 0) await guarded(rebalance);
        }
        if (mono - lastCommit >= interval) {
          await guarded(commit);
          lastCommit = performance.now();
        }
        if (opts.exitWhenIdleMs !== undefined && source.finished() && mono - lastArrival >= opts.exitWhenIdleMs) {
          stoppedBy = 'idle';
          if (!opts.quiet) engine.finish(clock.now());
          break;
        }
        if (n === 0) await new Promise((r) => setTimeout(r, 20));
        else await new Promise((r) => setImmediate(r));
      }
      if (stoppedBy === 'signal') engine.tick(clock.now());
      const t0 = performance.now();
      const committed = await guarded(commit);
      await publishing;
      finalCommitMs = performance.now() - t0;
      // A refused last commit of a bounded run: read again from the checkpoints to the end. A
      // stopped run just stops; the next run re-reads what the checkpoints do not cover.
      if (committed || stoppedBy === 'signal') break;
      stoppedBy = 'signal';
    }
    return {
      processed, resumed: resumed ?? false, stoppedBy, partitions: engine.partitionIds(), takenOver, rebuilds, engine,
      firstRecordAt, lastRecordAt: processed > 0 ? lastArrival : NaN, finalCommitMs,
    };
  } finally {
    await source.close();
  }
}

/**
 * Waits until this member has joined the group. It may own no partition (more instances than
 * partitions): it then stands by, and takes partitions on when the group gives it some.
 */
async function joined(source: KafkaSource, groupId: string, timeoutMs: number, signal?: { stopped: boolean }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!source.joined && !signal?.stopped) {
    source.check();
    if (Date.now() > deadline) {
      throw new UserError(`could not join consumer group ${groupId} within ${timeoutMs / 1000} s: check that the brokers are up and the group's other instances are healthy`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
