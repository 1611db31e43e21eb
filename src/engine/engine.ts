// The engine: validation and data quality (step 1), routing to partitions (steps 2–5), window
// emission across partitions, and the state a checkpoint saves. Pure: time comes in as
// arguments, the store through ports, outputs through the collector.
import { DataQuality } from './data-quality.js';
import { jsonHead } from './json-head.js';
import { anomalyRow } from './order/anomalies.js';
import { lifecycleRow } from './order/lifecycle.js';
import { DIRTY_ANOMALY, DIRTY_LIFECYCLE, DIRTY_SLA, OrderState } from './order/order-state.js';
import { slaRow } from './order/sla.js';
import { StockBook } from './order/stock-book.js';
import { BAD_TRANSITION, DUPLICATE, Partition, type PartitionSnapshot, type Shared } from './partition.js';
import type { Collector, StorePort } from './ports.js';
import { ReferenceIndex } from './reference.js';
import { RuleBook, type RuleRow } from './rules.js';
import { newStats, type EngineStats } from './stats.js';
import { DAY, UTC, type TimeZone } from './time/timestamp.js';
import {
  TOPICS,
  T_ITEM,
  T_STATUS,
  type AnomalyRow,
  type DataQualityRow,
  type InventoryOpRow,
  type LifecycleRow,
  type SlaRow,
  type SourceRecord,
} from './types.js';
import {
  newItemEvent,
  newLogisticsEvent,
  newStatusEvent,
  validateItem,
  validateLogistics,
  validateStatus,
} from './validate.js';
import { WINDOW_MS, addPart, windowRow, type WindowPart } from './windows.js';

export interface EngineOptions {
  store: StorePort;
  out: Collector;
  refs?: ReferenceIndex;
  timeZone?: TimeZone;
  /** order_processing_rules rows (SPEC §11); none: the SPEC's default thresholds. */
  rules?: readonly RuleRow[];
  /** Order state may leave memory this long after the order turns terminal (default 24 h). */
  ttlTerminalMs?: number;
  /** … or this long after its last event (default 7 d). */
  ttlIdleMs?: number;
  /** The store already holds ops this fresh state has not seen (consult the ledger first). */
  consultLedger?: boolean;
  /** Ids of orders whose state the store holds but memory does not (a resumed store). */
  awayOrderIds?: Iterable<string>;
  /**
   * Live (unbounded) input: how long a topic may be silent (processing time) before it stops
   * holding the clock (SPEC §4, default 10 s when live). Omit for bounded input (files).
   */
  idleTimeoutMs?: number;
  /** Partition ids this engine owns (files: [0]). Windows close when all of them passed. */
  partitions?: number[];
  /**
   * Hand each partition's closed window figures to `out.metricPart` rather than summing them
   * here: instances owning different partitions of one consumer group, whose store sums them.
   */
  windowParts?: boolean;
}

/** The upsert rows and keyed state of the orders changed since the last drain. */
export interface Changes {
  lifecycle: LifecycleRow[];
  sla: SlaRow[];
  anomalies: AnomalyRow[];
  orderStates: { order_id: string; state: string; resident: boolean; partition_id: number }[];
}

const PAYLOAD_BYTES = 4096;
const NO_ROW = (): void => {};

/** Passes on what reading quietly still writes: inventory ops (the stock depends on them) and window parts. */
function quietCollector(out: Collector): Collector {
  return {
    deadLetter: NO_ROW,
    inventoryOp: out.inventoryOp.bind(out),
    dispatch: NO_ROW,
    notification: NO_ROW,
    metric: NO_ROW,
    dataQuality: NO_ROW,
    // Summed in the store over partitions, which may not all pass the point at once.
    metricPart: out.metricPart?.bind(out),
  };
}

export class Engine {
  readonly stats: EngineStats;
  /** Records this engine read quietly (setQuiet), counted nowhere in `stats`. */
  rebuilt = 0;
  private readonly shared: Shared;
  private readonly partitions = new Map<number, Partition>();
  private readonly tz: TimeZone;
  private dq = new DataQuality();
  /** The data-quality counters records are counted in: `dq`, or scratch ones while quiet. */
  private dqNow: DataQuality;
  private emitDqNow: (row: DataQualityRow) => void;
  /** What quiet records feed (their outputs but ops and window parts, figures and data quality go nowhere). */
  private readonly quietOut: Collector;
  private readonly quietStats = newStats();
  private readonly quietDq = new DataQuality();
  private readonly loudOut: Collector;
  private pending = new Map<number, WindowPart>();
  /** Records of one partition come in runs: skip the map lookup for the same one. */
  private lastPartition: Partition | undefined;
  private readonly statusEvent = newStatusEvent();
  private readonly itemEvent = newItemEvent();
  private readonly logisticsEvent = newLogisticsEvent();
  private readonly emitDq: (row: DataQualityRow) => void;
  private readonly windowParts: boolean;
  /** finish() ran: every window of every partition is closed. */
  private finished = false;
  /** The snapshot restored was taken after finish(): records now come after the end of an input. */
  restoredEnded = false;

  constructor(opts: EngineOptions) {
    this.stats = newStats();
    this.dqNow = this.dq;
    this.loudOut = opts.out;
    this.quietOut = quietCollector(opts.out);
    this.tz = opts.timeZone ?? UTC;
    this.shared = {
      refs: opts.refs ?? ReferenceIndex.empty(),
      stock: new StockBook(opts.store),
      out: opts.out,
      store: opts.store,
      stats: this.stats,
      quiet: false,
      consultLedger: opts.consultLedger ?? false,
      rules: new RuleBook(opts.rules),
      bounds: [5_000, 5_000, 10_000],
      ttlTerminalMs: opts.ttlTerminalMs ?? DAY,
      ttlIdleMs: opts.ttlIdleMs ?? 7 * DAY,
      awayIds: new Set(opts.awayOrderIds ?? []),
      idleTimeoutMs: opts.idleTimeoutMs,
    };
    for (const id of opts.partitions ?? [0]) this.partitions.set(id, new Partition(id, this.shared));
    this.emitDq = (row) => opts.out.dataQuality(row);
    this.emitDqNow = this.emitDq;
    this.windowParts = opts.windowParts ?? false;
    if (this.windowParts && opts.out.metricPart === undefined) throw new Error('windowParts needs a collector with metricPart');
  }

  setReference(refs: ReferenceIndex): void {
    this.shared.refs = refs;
  }

  /** New rules take effect for every decision from now on (timers already queued are re-checked when they fire). */
  setRules(rows: readonly RuleRow[]): void {
    this.shared.rules = new RuleBook(rows);
  }

  /** The rules in force, and the ones left out because they do not parse. */
  get rules(): RuleBook {
    return this.shared.rules;
  }

  get stock(): StockBook {
    return this.shared.stock;
  }

  private partition(id: number): Partition {
    const last = this.lastPartition;
    if (last !== undefined && last.id === id) return last;
    let p = this.partitions.get(id);
    if (p === undefined) {
      p = new Partition(id, this.shared);
      this.partitions.set(id, p);
    }
    this.lastPartition = p;
    return p;
  }

  /** Runs one record through the steps of SPEC §4 at processing time `now`. */
  process(rec: SourceRecord, now: number): void {
    if (rec.quiet) {
      this.rebuilt++;
      if (!this.shared.quiet) this.setQuiet(true);
    } else if (this.shared.quiet) this.setQuiet(false);
    const p = this.partition(rec.partition);
    const topic = rec.topic;
    p.now = now;
    if (rec.invalid !== null) {
      this.deadLetter(rec, 'PARSE_ERROR', now);
      if (rec.invalid.sourceTopic !== null) p.arrived(topic);
      if (rec.last) {
        p.advance(topic, NaN, true);
        this.emitWindows(p);
      }
      return;
    }
    const stats = this.shared.stats;
    stats.read[TOPICS[topic]!]++;
    const dq = this.dqNow.at(topic, now, this.emitDqNow);
    dq.total++;
    const v = rec.value as Record<string, unknown>;
    let reason: string | null;
    if (rec.parseError) reason = 'PARSE_ERROR';
    else if (typeof v !== 'object' || v === null || Array.isArray(v)) reason = 'NOT_OBJECT';
    else {
      const oid = v.order_id;
      if (oid === undefined || oid === null || oid === '') dq.nullOrderId++;
      reason =
        topic === T_STATUS
          ? validateStatus(v, this.tz, rec.time, this.statusEvent)
          : topic === T_ITEM
            ? validateItem(v, this.tz, rec.time, this.itemEvent)
            : validateLogistics(v, this.tz, rec.time, this.logisticsEvent);
    }
    if (reason !== null) {
      dq.violations++;
      this.deadLetter(rec, reason, now);
      p.arrived(topic);
      if (rec.last) {
        p.advance(topic, NaN, true);
        this.emitWindows(p);
      }
      return;
    }
    const time =
      topic === T_STATUS ? this.statusEvent.time : topic === T_ITEM ? this.itemEvent.time : this.logisticsEvent.time;
    if (p.isLate(topic, time)) {
      dq.late++;
      stats.late++;
    }
    dq.latencySum += now - time;
    dq.latencyN++;
    const flags =
      topic === T_STATUS
        ? p.applyStatus(this.statusEvent)
        : topic === T_ITEM
          ? p.applyItem(this.itemEvent)
          : p.applyLogistics(this.logisticsEvent);
    if (flags & DUPLICATE) {
      dq.duplicates++;
      stats.duplicates++;
    } else if (flags & BAD_TRANSITION) {
      dq.violations++;
      stats.badTransitions++;
    }
    p.advance(topic, time, rec.last);
    if (p.closed.length > 0) this.emitWindows(p);
  }

  /**
   * Live input, called periodically even when no record arrives: silent topics stop holding the
   * clock, which may then follow processing time; due timers fire and passed windows close.
   */
  tick(now: number): void {
    for (const p of this.partitions.values()) {
      p.now = now;
      p.tick();
      if (p.closed.length > 0) this.emitWindows(p);
    }
    this.dq.roll(now, this.emitDq);
  }

  /**
   * A live run stops cleanly: the data-quality figures of the current processing minute are
   * written now (rows of one minute add up, so a resumed run adds the rest).
   */
  flushDataQuality(): void {
    this.dq.flush(this.emitDq);
  }

  /**
   * The data-quality rows of the processing minute not yet emitted (quiet records are not in
   * them), so a live console can show figures that include the open minute.
   */
  openDataQuality(): DataQualityRow[] {
    return this.dq.open();
  }

  /** End of a bounded input (SPEC §4): every partition finishes, all windows and data quality flush. */
  finish(now: number): void {
    // The end of the input comes after any point a replay re-reads from.
    this.setQuiet(false);
    for (const p of this.partitions.values()) {
      p.now = now;
      p.finish();
      this.collectParts(p);
    }
    this.finished = true;
    this.emitReady(Infinity);
    this.dq.flush(this.emitDq);
  }

  private deadLetter(rec: SourceRecord, reason: string, now: number): void {
    const stats = this.shared.stats;
    stats.deadLetters[reason] = (stats.deadLetters[reason] ?? 0) + 1;
    let payload = rec.raw ?? messageText(rec.value, PAYLOAD_BYTES);
    if (payload.length > PAYLOAD_BYTES / 4 && Buffer.byteLength(payload) > PAYLOAD_BYTES) payload = cutUtf8(payload, PAYLOAD_BYTES);
    this.shared.out.deadLetter({
      source_topic: rec.invalid !== null ? rec.invalid.sourceTopic : TOPICS[rec.topic],
      partition: rec.file === undefined ? rec.partition : null,
      offset: rec.offset ?? null,
      file: rec.file ?? null,
      line: rec.file === undefined ? null : rec.line,
      received_time: now,
      reason,
      payload,
    });
  }

  private collectParts(p: Partition): void {
    if (this.windowParts) {
      for (const part of p.closed) this.shared.out.metricPart!(p.id, part);
      p.closed.length = 0;
      return;
    }
    for (const part of p.closed) {
      const into = this.pending.get(part.start);
      if (into) addPart(into, part);
      else this.pending.set(part.start, part);
    }
    p.closed.length = 0;
  }

  private emitWindows(p: Partition): void {
    this.collectParts(p);
    let through = Infinity;
    for (const q of this.partitions.values()) {
      const c = Number.isNaN(q.clock) ? -Infinity : q.clock;
      if (c < through) through = c;
    }
    this.emitReady(through);
  }

  /** Emits, in order, the windows whose end ≤ `through` on every partition. */
  private emitReady(through: number): void {
    if (this.pending.size === 0) return;
    const ready = [...this.pending.keys()].filter((s) => s + WINDOW_MS <= through).sort((a, b) => a - b);
    for (const s of ready) {
      const w = this.pending.get(s)!;
      this.pending.delete(s);
      this.shared.stats.windowsEmitted++;
      this.shared.out.metric(windowRow(w));
    }
  }

  /** The order's state is in the store, not in memory (a remote store's runtime prefetches it). */
  isAway(orderId: string): boolean {
    return this.shared.awayIds.has(orderId);
  }

  /** Adds the SKUs of the order's known lines, when it is in memory (to prefetch their stock rows). */
  addOrderSkus(orderId: string, partition: number, into: Set<string>): void {
    const o = this.partitions.get(partition)?.orders.get(orderId);
    if (o !== undefined) for (const l of o.lines) into.add(l.skuId);
  }

  /** Live figures for the console and metrics: orders in memory, timers, the clock (min over partitions). */
  gauges(): { orders: number; timers: number; clock: number | null } {
    let orders = 0;
    let timers = 0;
    let clock = Infinity;
    for (const p of this.partitions.values()) {
      orders += p.orders.size;
      timers += p.timerCount;
      const c = Number.isNaN(p.clock) ? -Infinity : p.clock;
      if (c < clock) clock = c;
    }
    return { orders, timers, clock: Number.isFinite(clock) ? clock : null };
  }

  /**
   * An operator's stock correction (SPEC §6 ADJUST): applied to the engine's copy of the SKU and
   * handed to the collector like any op, so it lands with the next commit, atomically and
   * conditionally. Returns the op row (FAILED when the SKU is unknown or would go negative).
   */
  adjustStock(opId: string, skuId: string, delta: number, now: number): InventoryOpRow {
    const row = this.shared.stock.apply(opId, '', skuId, 'ADJUST', delta, false, now, now);
    const key = `ADJUST:${row.status}`;
    this.stats.ops[key] = (this.stats.ops[key] ?? 0) + 1;
    this.shared.out.inventoryOp(row);
    return row;
  }

  /**
   * Quiet reading (SourceRecord.quiet: a replay rebuilding the state before the point it
   * re-reads from): what happens changes state, timers, windows, the stock and the ledger as
   * usual, but writes no other row and counts in no figure nor data quality. Records switch it.
   */
  setQuiet(on: boolean): void {
    const s = this.shared;
    s.quiet = on;
    s.out = on ? this.quietOut : this.loudOut;
    s.stats = on ? this.quietStats : this.stats;
    this.dqNow = on ? this.quietDq : this.dq;
    this.emitDqNow = on ? NO_ROW : this.emitDq;
  }

  /** Moves the rows and state of every order changed since the last drain into `into`. */
  drainChanges(into: Changes): void {
    for (const p of this.partitions.values()) {
      for (const o of p.dirty) {
        const d = o.dirty;
        if (d & DIRTY_LIFECYCLE && o.userId !== null) into.lifecycle.push(lifecycleRow(o));
        if (d & DIRTY_SLA) {
          const row = slaRow(o);
          if (row) into.sla.push(row);
        }
        if (d & DIRTY_ANOMALY) for (const a of o.anomalies) into.anomalies.push(anomalyRow(o, a));
        into.orderStates.push({ order_id: o.orderId, state: JSON.stringify(o), resident: p.orders.get(o.orderId) === o, partition_id: p.id });
        o.dirty = 0;
      }
      p.dirty.clear();
      p.spilled.clear();
    }
  }

  /** JSON text of everything but the keyed order state (which drainChanges hands out). */
  snapshot(): string {
    return JSON.stringify({
      v: 1,
      partitions: [...this.partitions.values()].map((p) => p.snapshot()),
      dq: this.dq,
      pending: [...this.pending.values()],
      stats: this.stats,
      ended: this.finished,
    });
  }

  /** The partitions this engine owns, ascending. */
  partitionIds(): number[] {
    return [...this.partitions.keys()].sort((a, b) => a - b);
  }

  /**
   * One partition's checkpoint (scale-out): its state as JSON text (its orders are handed out by
   * drainChanges), and the time through which its windows are closed (null: none yet).
   */
  snapshotPartition(id: number): { state: string; closedThrough: number | null } {
    const p = this.partitions.get(id);
    if (p === undefined) throw new Error(`partition ${id} is not this engine's`);
    const clock = p.clock;
    return { state: JSON.stringify(p.snapshot()), closedThrough: this.finished ? Infinity : Number.isNaN(clock) ? null : clock };
  }

  /**
   * Takes a partition on (scale-out): from its checkpoint and the orders that were in memory
   * then, or fresh; `awayIds` are its orders whose state is in the store only.
   */
  addPartition(id: number, state: string | undefined, resident: Iterable<{ order_id: string; state: string }>, awayIds: Iterable<string>): void {
    if (this.partitions.has(id)) throw new Error(`partition ${id} is already this engine's`);
    const p = new Partition(id, this.shared);
    this.partitions.set(id, p);
    this.finished = false;
    for (const oid of awayIds) this.shared.awayIds.add(oid);
    if (state === undefined) return;
    const orders: OrderState[] = [];
    for (const row of resident) orders.push(OrderState.fromJSON(row.order_id, JSON.parse(row.state)));
    p.restore(JSON.parse(state) as PartitionSnapshot, orders);
  }

  /** Lets a partition go (scale-out): its state leaves memory; the store holds its checkpoint. */
  removePartition(id: number): void {
    this.partitions.delete(id);
    if (this.lastPartition?.id === id) this.lastPartition = undefined;
  }

  /** Restores a snapshot plus the orders that were in memory when it was taken. */
  restore(text: string, residentOrders: Iterable<{ order_id: string; state: string }>): void {
    const s = JSON.parse(text) as {
      partitions: PartitionSnapshot[];
      dq: unknown;
      pending: WindowPart[];
      stats: EngineStats;
      ended?: boolean;
    };
    this.restoredEnded = s.ended === true;
    const byPartition = new Map<number, OrderState[]>();
    for (const row of residentOrders) {
      const o = OrderState.fromJSON(row.order_id, JSON.parse(row.state));
      let list = byPartition.get(o.partition);
      if (!list) byPartition.set(o.partition, (list = []));
      list.push(o);
    }
    for (const ps of s.partitions) this.partition(ps.id).restore(ps, byPartition.get(ps.id) ?? []);
    this.dq = DataQuality.fromJSON(s.dq);
    this.setQuiet(false);
    this.pending = new Map(s.pending.map((w) => [w.start, w]));
    Object.assign(this.stats, s.stats);
  }

}

/** The JSON text of a message the source gave as a value; its first `bytes` at least when nested too deep to stringify. */
function messageText(value: unknown, bytes: number): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return jsonHead(value, bytes);
  }
}

function cutUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  let end = bytes;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}
