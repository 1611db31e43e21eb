// The three source topics read live from Kafka through one consumer group. kafkajs fetches in
// the background (eachBatch) into a bounded queue per topic-partition; the runtime takes records
// with poll(), which never blocks, merging a partition's three topics by message timestamp. A
// topic-partition whose queue passes the high-water mark is paused and resumed once poll() has
// drained it to the low-water mark. The log ends are re-read every second, so a topic that has
// nothing new does not hold its partition's merge back.
//
// Offsets: checkpoints own them (STYLE §3). seek() sets where partitions start as they are
// assigned, nextOffsets() says where a checkpoint resumes (after the last record polled), and
// the group's committed offsets are advisory (commitOffsets(), for lag tooling); they only
// matter for a partition that neither a seek nor this member's reading has placed. With `hold`
// (scale-out) the runtime places each partition itself: an assigned partition is read only once
// admit() gave its checkpoint's offsets (else the start of its logs), and a revoked one keeps
// its position for the last checkpoint until release().
//
// Message format (producers' side): value = one source event as UTF-8 JSON text (README "File
// formats"; a null value reads as empty text and is dead-lettered), key = order_id so the three
// topics stay co-partitioned; headers are ignored. Records carry topic, partition and offset.
import type { Admin, Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { T_ITEM, T_LOGISTICS, T_STATUS, TOPICS, type SourceRecord, type TopicId, type TopicName } from '../../engine/types.js';
import { UserError } from '../../errors.js';
import { kafkaError } from '../../sinks/kafka/kafka-error.js';
import { coPartitionedAssigner } from './assigner.js';
import { offsetBefore, type KafkaOffsets } from './offsets.js';
import { commonPartitionCount } from './partition-check.js';
import { PartitionQueue } from './partition-queue.js';

/** Tie order of equal timestamps (SPEC §13's file merge): items, status, logistics. */
const MERGE_ORDER: readonly TopicId[] = [T_ITEM, T_STATUS, T_LOGISTICS];
/** Times in a row a stopped consumer joins its group again before the error stops the run. */
const MAX_REJOINS = 3;

export interface KafkaSourceOptions {
  /** The client (brokers, client id, logging); the source makes its consumer and admin from it. */
  kafka: Kafka;
  groupId: string;
  /** Kafka topic of each source topic; default the same name. */
  topics?: Partial<Record<TopicName, string>>;
  /** Records queued per topic-partition before fetching it pauses (default 2000). */
  highWater?: number;
  /** Queue length at or below which a paused topic-partition resumes (default highWater / 4). */
  lowWater?: number;
  /**
   * Bounded reading (headless verification): the log ends when the run starts mark each
   * topic-partition's last record (`last`, SPEC §4), and `finished()` says when all are read.
   */
  bounded?: boolean;
  /** Bounded reading up to these offsets (exclusive) instead of the log ends at the start (replay --to). */
  stopAt?: KafkaOffsets;
  /**
   * stopAt is not where the input ends but where reading pauses (replay --from rebuilding state
   * up to its start): the records before it are not `last`. Default false.
   */
  pauseAtStop?: boolean;
  /** How often the log ends are re-read (ms, default 1000): the merge must know a quiet topic is caught up. */
  endsEveryMs?: number;
  /**
   * Scale-out: a partition the group assigns is not read until admit() says where it starts
   * (its checkpoint), and one it revokes keeps its position for nextOffsets() until release().
   */
  hold?: boolean;
  /** Further kafkajs consumer settings (session timeout, fetch sizes…); default maxWaitTimeInMs 500. */
  consumer?: Omit<ConsumerConfig, 'groupId' | 'partitionAssigners' | 'allowAutoTopicCreation'>;
}

export class KafkaSource {
  /** Kafka topic name of each TopicId. */
  readonly topicNames: readonly string[];
  /** How often backpressure paused and resumed a topic-partition. */
  readonly backpressure = { pauses: 0, resumes: 0 };
  private readonly kafka: Kafka;
  private readonly groupId: string;
  private readonly topicIds: Map<string, TopicId>;
  private readonly highWater: number;
  private readonly lowWater: number;
  private readonly consumerConfig: ConsumerConfig;
  private consumer: Consumer | undefined;
  /** Assigned engine partitions → their queue per TopicId. */
  private readonly queues = new Map<number, PartitionQueue[]>();
  /** The same queues in one list, the order poll() takes turns in. */
  private active: PartitionQueue[] = [];
  private turn = 0;
  /** Start positions given to seek(), applied to partitions as they are assigned. */
  private readonly starts = new Map<number, Partial<Record<TopicName, string>>>();
  private failure: Error | undefined;
  /** Times in a row the consumer was started again after it stopped on an error (a group join resets it). */
  private rejoins = 0;
  /** The group is being rebalanced (or the consumer is joining again): the assignment may change. */
  private rebalancing = false;
  private hasJoined = false;
  private admin: Admin | undefined;
  private endsTimer: NodeJS.Timeout | undefined;
  /** Log end per Kafka topic and partition, as last read. */
  private readonly ends = new Map<string, Map<number, { low: string; high: string }>>();
  private readonly bounded: boolean;
  private readonly stopAt: KafkaOffsets | undefined;
  private readonly pauseAtStop: boolean;
  private readonly endsEveryMs: number;
  private readonly hold: boolean;
  /** hold: the assigned partitions that were admitted (the others are not read yet). */
  private readonly admitted = new Set<number>();
  /** hold: revoked partitions, kept for their position until released. */
  private readonly retired = new Map<number, PartitionQueue[]>();
  /** Partitions of each source topic (known once start() checked the topics). */
  partitionCount = 0;

  constructor(options: KafkaSourceOptions) {
    this.kafka = options.kafka;
    this.groupId = options.groupId;
    this.topicNames = TOPICS.map((t) => options.topics?.[t] ?? t);
    this.topicIds = new Map(this.topicNames.map((name, i) => [name, i as TopicId]));
    if (this.topicIds.size !== 3) throw new UserError(`Kafka source topics must be three different topics: ${this.topicNames.join(', ')}`);
    this.highWater = Math.max(1, options.highWater ?? 2000);
    this.lowWater = Math.min(this.highWater - 1, Math.max(0, options.lowWater ?? Math.floor(this.highWater / 4)));
    this.bounded = (options.bounded ?? false) || options.stopAt !== undefined;
    this.stopAt = options.stopAt;
    this.pauseAtStop = options.pauseAtStop ?? false;
    this.endsEveryMs = options.endsEveryMs ?? 1000;
    this.hold = options.hold ?? false;
    this.consumerConfig = {
      maxWaitTimeInMs: 500,
      ...options.consumer,
      groupId: options.groupId,
      partitionAssigners: [coPartitionedAssigner],
      allowAutoTopicCreation: false,
    };
  }

  /**
   * Checks the topics (UserError if one is missing or the partition counts differ), joins the
   * group and starts fetching. Resolves once joining has begun: `joined` says when it has.
   */
  async start(): Promise<void> {
    const admin = this.kafka.admin();
    this.admin = admin;
    try {
      await admin.connect();
      this.partitionCount = await commonPartitionCount(admin, this.topicNames);
      await this.readEnds();
    } catch (e) {
      await this.stopEnds();
      throw e instanceof UserError ? e : kafkaError('reading the source topics failed', e);
    }
    this.endsTimer = setInterval(() => {
      this.readEnds().catch(() => undefined); // a failed read is tried again next time
    }, this.endsEveryMs);
    this.endsTimer.unref();
    const consumer = this.kafka.consumer(this.consumerConfig);
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.hasJoined = true;
      this.rejoins = 0;
      this.rebalancing = false;
      this.assign(e.payload.memberAssignment);
    });
    consumer.on(consumer.events.REBALANCING, () => (this.rebalancing = true));
    consumer.on(consumer.events.CRASH, (e) => {
      this.rebalancing = true; // it joins again: kafkajs restarts it, or rejoin() does
      if (e.payload.restart || this.consumer !== consumer) return;
      if (this.rejoins++ < MAX_REJOINS) this.rejoin(consumer);
      else this.failure = kafkaError(`consumer of group ${this.groupId} stopped`, e.payload.error);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topicNames], fromBeginning: true });
      await this.runConsumer(consumer);
    } catch (e) {
      throw kafkaError(`joining consumer group ${this.groupId} failed`, e);
    }
  }

  private runConsumer(consumer: Consumer): Promise<void> {
    return consumer.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch: async (p) => this.enqueue(p) });
  }

  /**
   * The consumer stopped on an error kafkajs does not retry (it has left the group). Seen when a
   * broker refuses a member's SyncGroup that came after the leader's (librdkafka's test broker
   * does): the member joins again, as a new one. Its partitions come back through GROUP_JOIN,
   * where kept ones go on at their position; the fresh consumer has nothing paused.
   */
  private rejoin(consumer: Consumer): void {
    for (const q of this.active) q.paused = false;
    void (async () => {
      await consumer.connect();
      await this.runConsumer(consumer);
    })().catch((e: unknown) => {
      if (this.consumer === consumer) this.failure = kafkaError(`consumer of group ${this.groupId} could not join again`, e);
    });
  }

  /** The consumer has joined its group (it may own no partition: more members than partitions). */
  get joined(): boolean {
    return this.hasJoined;
  }

  /** Throws the error that stopped the consumer, if one did. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /**
   * Appends up to `max` queued records of the assigned partitions to `out`; returns how many (0:
   * nothing to give now). Within a partition the three topics are merged by message timestamp
   * (ties: items, status, logistics, as the file merge of SPEC §13), each topic in offset order;
   * a topic with nothing queued holds its partition back until it is known to be caught up with
   * its log end, so the order does not depend on fetch timing. Partitions take turns. Throws the
   * ExternalError that stopped the consumer, if one did.
   */
  poll(max: number, out: SourceRecord[], _now: number): number {
    this.check();
    const partitions = this.readable();
    let n = 0;
    for (let progress = true; n < max && progress; ) {
      progress = false;
      const share = Math.max(1, Math.ceil((max - n) / Math.max(1, partitions.length)));
      for (let i = 0; i < partitions.length && n < max; i++) {
        const took = this.merge(partitions[(this.turn + i) % partitions.length]!, Math.min(share, max - n), out);
        if (took > 0) (n += took), (progress = true);
      }
      this.turn = partitions.length > 0 ? (this.turn + 1) % partitions.length : 0;
    }
    return n;
  }

  /** Takes up to `max` records of one partition in timestamp order; stops where a topic must be waited for. */
  private merge(qs: PartitionQueue[], max: number, out: SourceRecord[]): number {
    let n = 0;
    while (n < max) {
      let best: PartitionQueue | undefined;
      let bestTime = Infinity;
      for (const t of MERGE_ORDER) {
        const q = qs[t]!;
        const time = q.headTime();
        if (time === undefined) {
          if (q.caughtUp()) continue;
          return n;
        }
        if (time < bestTime || best === undefined) (best = q), (bestTime = time);
      }
      if (best === undefined) return n;
      best.takeOne(out);
      n++;
      if (best.paused && best.size <= this.lowWater) this.setPaused(best, false);
    }
    return n;
  }

  /** Records behind the log end (as last read) per assigned topic-partition, for metrics. */
  lag(): { topic: TopicName; partition: number; records: number }[] {
    const out: { topic: TopicName; partition: number; records: number }[] = [];
    for (const qs of this.queues.values()) {
      for (const q of qs) {
        const at = q.polledNext ?? q.fetchedNext;
        if (q.end === undefined || at === undefined) continue;
        out.push({ topic: TOPICS[q.topic], partition: q.partition, records: Math.max(0, Number(BigInt(q.end) - BigInt(at))) });
      }
    }
    return out;
  }

  /**
   * Bounded reading: the group was joined, every assigned topic-partition has been read up to its
   * end at the start (a member with none has nothing to read), and no rebalance is under way (it
   * may bring partitions another member left unread).
   */
  finished(): boolean {
    if (!this.bounded || !this.hasJoined || this.rebalancing) return false;
    if (this.hold && this.admitted.size !== this.queues.size) return false;
    for (const qs of this.queues.values()) {
      for (const q of qs) {
        if (q.boundEnd === undefined) continue;
        if (q.polledNext === undefined || offsetBefore(q.polledNext, q.boundEnd)) return false;
      }
    }
    return true;
  }

  /** Records fetched and waiting for poll(). */
  queued(): number {
    let n = 0;
    for (const q of this.active) n += q.size;
    return n;
  }

  /** The engine partitions this member owns now, ascending. */
  assigned(): number[] {
    return [...this.queues.keys()].sort((a, b) => a - b);
  }

  /**
   * Where a checkpoint resumes each assigned partition: per topic, the offset after the last
   * record polled (or the seek position). A topic with neither is left out.
   */
  nextOffsets(): KafkaOffsets {
    const out: KafkaOffsets = {};
    // A revoked partition's position stands until released, even if it came back meanwhile.
    for (const [p, qs] of [...this.queues, ...this.retired]) {
      const entry: Partial<Record<TopicName, string>> = {};
      for (const q of qs) if (q.polledNext !== undefined) entry[TOPICS[q.topic]] = q.polledNext;
      out[p] = entry;
    }
    return out;
  }

  /**
   * Start positions (from a checkpoint): partitions assigned now jump there at once (what was
   * queued for them is dropped); the others start there when they are assigned. A partition
   * that comes back after a rebalance took it away starts from the last seek given for it.
   */
  seek(offsets: KafkaOffsets): void {
    for (const [key, topics] of Object.entries(offsets)) {
      const p = Number(key);
      this.starts.set(p, { ...this.starts.get(p), ...topics });
      const qs = this.queues.get(p);
      if (qs === undefined) continue;
      for (const q of qs) {
        const offset = topics[TOPICS[q.topic]];
        if (offset !== undefined) this.place(q, offset);
      }
    }
  }

  /**
   * hold: starts reading an assigned partition, each topic at the given offset, else at the
   * seek() position, else at the start of its log.
   */
  admit(partition: number, offsets: Partial<Record<TopicName, string>> = {}): void {
    const qs = this.queues.get(partition);
    if (qs === undefined || this.admitted.has(partition)) return;
    const start = this.starts.get(partition);
    for (const q of qs) {
      const offset = offsets[TOPICS[q.topic]] ?? start?.[TOPICS[q.topic]] ?? this.ends.get(this.topicNames[q.topic]!)?.get(partition)?.low;
      if (offset !== undefined) this.place(q, offset);
    }
    this.admitted.add(partition);
  }

  /** hold: stops reading an admitted partition until it is admitted again (a rebuild from checkpoints). */
  suspend(partition: number): void {
    if (this.admitted.delete(partition)) for (const q of this.queues.get(partition) ?? []) if (q.paused) this.setPaused(q, false);
  }

  /** hold: the partitions assigned but not admitted yet, ascending. */
  waiting(): number[] {
    return this.assigned().filter((p) => !this.admitted.has(p));
  }

  /** hold: revoked partitions whose position nextOffsets() still gives, ascending. */
  revoked(): number[] {
    return [...this.retired.keys()].sort((a, b) => a - b);
  }

  /** hold: forgets a revoked partition's position (its last checkpoint was written). */
  release(partition: number): void {
    this.retired.delete(partition);
  }

  /** Advisory: commits nextOffsets() of the assigned partitions to the group (lag tooling). */
  async commitOffsets(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    const list: { topic: string; partition: number; offset: string }[] = [];
    for (const qs of this.queues.values()) {
      for (const q of qs) if (q.polledNext !== undefined) list.push({ topic: this.topicNames[q.topic]!, partition: q.partition, offset: q.polledNext });
    }
    if (list.length === 0) return;
    try {
      await consumer.commitOffsets(list);
    } catch (e) {
      throw kafkaError(`committing offsets of group ${this.groupId} failed`, e);
    }
  }

  /** Leaves the group; queued records are dropped. */
  async close(): Promise<void> {
    await this.stopEnds();
    const consumer = this.consumer;
    this.consumer = undefined;
    this.queues.clear();
    this.retired.clear();
    this.admitted.clear();
    this.active = [];
    await consumer?.disconnect();
  }

  /** Reads every source topic's log ends and tells the assigned queues. */
  private async readEnds(): Promise<void> {
    for (const name of this.topicNames) {
      const offsets = await this.admin!.fetchTopicOffsets(name);
      this.ends.set(name, new Map(offsets.map((o) => [o.partition, { low: o.low, high: o.high }])));
    }
    for (const qs of this.queues.values()) for (const q of qs) this.applyEnd(q, false);
  }

  private applyEnd(q: PartitionQueue, assigned: boolean): void {
    const e = this.ends.get(this.topicNames[q.topic]!)?.get(q.partition);
    if (e === undefined) return;
    if (q.end === undefined || offsetBefore(q.end, e.high)) q.end = e.high;
    // An empty log: nothing will be fetched, so say where reading stands.
    if (q.fetchedNext === undefined && q.polledNext === undefined && e.low === e.high) q.polledNext = e.high;
    // Bounded: the given stop, or the end as the run found it (set once, when first assigned).
    if (!this.bounded || !assigned || q.boundEnd !== undefined) return;
    const stop = this.stopAt?.[q.partition]?.[TOPICS[q.topic]];
    if (stop !== undefined) q.boundEnd = stop;
    else if (e.high !== e.low) q.boundEnd = e.high;
  }

  private async stopEnds(): Promise<void> {
    if (this.endsTimer) clearInterval(this.endsTimer);
    this.endsTimer = undefined;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  /** eachBatch: queue what kafkajs fetched (the batch's offsets are resolved when this returns). */
  private enqueue({ batch, isStale }: EachBatchPayload): void {
    // A seek since the fetch makes the batch stale: its records are not from the new position.
    if (isStale()) return;
    const id = this.topicIds.get(batch.topic);
    const q = id === undefined ? undefined : this.queues.get(batch.partition)?.[id];
    if (q === undefined) return; // revoked since the fetch
    for (const m of batch.messages) {
      if (q.fetchedNext !== undefined && offsetBefore(m.offset, q.fetchedNext)) continue; // already queued
      q.push(m.offset, m.value === null ? '' : m.value.toString('utf8'), Number(m.timestamp));
    }
    q.end = batch.highWatermark;
    if (!q.paused && q.size > this.highWater) this.setPaused(q, true);
  }

  /**
   * GROUP_JOIN: the member's assignment after a rebalance. Partitions kept go on where they
   * were (kafkajs would otherwise restart them from the committed offsets); new ones start at
   * their seek position, if any; revoked ones are dropped with what was queued for them.
   */
  private assign(assignment: Record<string, number[]>): void {
    const now = new Set<number>();
    for (const name of this.topicNames) for (const p of assignment[name] ?? []) now.add(p);
    for (const [p, qs] of this.queues) {
      if (now.has(p)) continue;
      for (const q of qs) if (q.paused) this.setPaused(q, false); // pause state would outlive the revocation
      this.queues.delete(p);
      if (this.admitted.delete(p)) this.retired.set(p, qs);
    }
    for (const p of now) {
      let qs = this.queues.get(p);
      if (qs === undefined) {
        qs = TOPICS.map((_, t) => new PartitionQueue(t as TopicId, p, !this.pauseAtStop));
        this.queues.set(p, qs);
        for (const q of qs) this.applyEnd(q, true);
        if (this.hold) continue; // admit() places it
        const start = this.starts.get(p);
        for (const q of qs) {
          const offset = start?.[TOPICS[q.topic]];
          if (offset !== undefined) this.place(q, offset);
        }
      } else {
        for (const q of qs) if (q.fetchedNext !== undefined) this.consumer!.seek({ topic: this.topicNames[q.topic]!, partition: p, offset: q.fetchedNext });
      }
    }
    this.active = [...this.queues.values()].flat();
    this.turn = 0;
  }

  /** The queues poll() reads: every assigned partition's, or with hold the admitted ones'. */
  private readable(): PartitionQueue[][] {
    const all = [...this.queues.values()];
    return this.hold ? all.filter((qs) => this.admitted.has(qs[0]!.partition)) : all;
  }

  /** Moves one topic-partition to `offset`: drops its queue and tells kafkajs to fetch from there. */
  private place(q: PartitionQueue, offset: string): void {
    q.reset(offset);
    if (q.paused) this.setPaused(q, false);
    this.consumer?.seek({ topic: this.topicNames[q.topic]!, partition: q.partition, offset });
  }

  private setPaused(q: PartitionQueue, paused: boolean): void {
    const tp = [{ topic: this.topicNames[q.topic]!, partitions: [q.partition] }];
    if (paused) {
      this.consumer?.pause(tp);
      this.backpressure.pauses++;
    } else {
      this.consumer?.resume(tp);
      this.backpressure.resumes++;
    }
    q.paused = paused;
  }
}
