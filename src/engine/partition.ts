// One partition's keyed state and clock (SPEC §4): its orders, watermarks, timers and windows.
// Steps 2–5 of a record run here; validation and data quality (step 1) run in engine.ts.
import { dueOf, fireAtOf, selfResolve, TIMER_ANOMALY } from './order/anomalies.js';
import type { OrderContext } from './order/context.js';
import { orderAmountCents } from './order/dispatch.js';
import { moveAllLines, moveLine, targetOf } from './order/ledger.js';
import { applyStatusToLifecycle, isDuplicateStatus } from './order/lifecycle.js';
import { notify } from './order/notifications.js';
import {
  DIRTY_ANOMALY,
  DIRTY_LIFECYCLE,
  DIRTY_STATE,
  L_NONE,
  OrderState,
  TM_DELIVERY,
  TM_EVICT,
  TM_PROCESSING,
} from './order/order-state.js';
import { refreshSla } from './order/sla.js';
import type { StockBook } from './order/stock-book.js';
import { isAllowedTransition, L_DISPATCHED, L_OUT_FOR_DELIVERY, S_DELIVERED, S_PAID, S_SHIPPED, TERMINAL_BITS } from './order/status.js';
import type { Collector, StorePort } from './ports.js';
import { PartitionClock, type ClockSnapshot } from './partition-clock.js';
import type { ReferenceIndex } from './reference.js';
import { DEFAULT_PARAMS, type OrderFacts, type Params, type RuleBook } from './rules.js';
import { countReached, type EngineStats } from './stats.js';
import { TimerQueue, type Timer } from './timer-queue.js';
import type { AbnormalType, TopicId } from './types.js';
import type { ItemEvent, LogisticsEvent, StatusEvent } from './validate.js';
import { MetricWindows, statusBits, W_ANOMALY, type WindowPart } from './windows.js';

export const DUPLICATE = 1;

export const BAD_TRANSITION = 2;

/** What partitions share: the engine's configuration, ports and running counters. */
export interface Shared {
  refs: ReferenceIndex;
  readonly stock: StockBook;
  /** Where outputs go; while reading quietly, a collector that keeps only ops and window parts. */
  out: Collector;
  readonly store: StorePort;
  /** The figures; while reading quietly, scratch figures nobody reads. */
  stats: EngineStats;
  /** Reading quietly (SourceRecord.quiet): a changed order saves its state but writes no row. */
  quiet: boolean;
  readonly consultLedger: boolean;
  /** The order processing rules in force (SPEC §11); replaced when the store's rules change. */
  rules: RuleBook;
  /** Watermark bound per topic id (ms). */
  readonly bounds: readonly number[];
  readonly ttlTerminalMs: number;
  readonly ttlIdleMs: number;
  /**
   * Live (unbounded) input: a topic with no message for this long (processing time) stops holding
   * the clock, and with none holding the clock may follow processing time − the largest bound.
   * Undefined for bounded input, where only a topic's last line releases it (SPEC §4).
   */
  readonly idleTimeoutMs: number | undefined;
  /** Orders whose state is saved in the store and not in memory: only these are looked up there. */
  readonly awayIds: Set<string>;
}


export interface PartitionSnapshot extends ClockSnapshot {
  id: number;
  timers: ReturnType<TimerQueue['toJSON']>;
  windows: ReturnType<MetricWindows['toJSON']>;
  users: [string, number][];
  away: [string, (number | null)[]][];
}

export class Partition implements OrderContext {
  readonly orders = new Map<string, OrderState>();
  /** Orders that left memory since the last commit (their state is written with it). */
  readonly spilled = new Map<string, OrderState>();
  readonly dirty = new Set<OrderState>();
  /** Window figures closed by the last step, for the engine to emit. */
  readonly closed: WindowPart[] = [];
  private timers = new TimerQueue<OrderState>();
  private windows = new MetricWindows();
  private users = new Map<string, number>();
  /**
   * Timer registrations of orders that left memory with timers pending: a timer that pops for
   * an order away from memory is checked here, so stale entries never load state back.
   */
  private away = new Map<string, number[]>();
  private readonly time: PartitionClock;
  now = 0;
  private eventTime = NaN;
  /** popDue's array, reused: only its first entries (as many as popDue says) are current. */
  private readonly due: Timer<OrderState>[] = [];

  constructor(
    readonly id: number,
    private readonly shared: Shared,
  ) {
    this.time = new PartitionClock(shared.bounds, shared.idleTimeoutMs);
  }

  /** Timers waiting in the queue (some may be stale: lazy deletion). */
  get timerCount(): number {
    return this.timers.size;
  }

  /** The partition clock; NaN while undefined. */
  get clock(): number {
    return this.time.clock;
  }

  get refs(): ReferenceIndex {
    return this.shared.refs;
  }
  get stock(): StockBook {
    return this.shared.stock;
  }
  get out(): Collector {
    return this.shared.out;
  }
  get store(): StorePort {
    return this.shared.store;
  }
  get stats(): EngineStats {
    return this.shared.stats;
  }
  get consultLedger(): boolean {
    return this.shared.consultLedger;
  }

  // ---- time -------------------------------------------------------------------------------

  detectionTime(): number {
    return Number.isNaN(this.clock) ? this.eventTime : this.clock;
  }

  isLate(topic: TopicId, eventTime: number): boolean {
    return this.time.isLate(topic, eventTime);
  }

  /** Steps 3–5: the topic's watermark (NaN: no valid record), the clock, timers, windows. */
  advance(topic: TopicId, eventTime: number, last: boolean): void {
    this.time.observe(topic, eventTime, last, this.now);
    this.tick();
  }

  /** A message of the topic arrived that changes no watermark (a dead letter): it is not idle. */
  arrived(topic: TopicId): void {
    this.time.observe(topic, NaN, false, this.now);
  }

  /** Recomputes the clock (never back), then fires due timers and closes passed windows. */
  tick(): void {
    this.time.recompute(this.now);
    if (Number.isNaN(this.time.clock)) return;
    this.fireTimers();
    this.windows.closeThrough(this.time.clock, this.peek, this.closed);
  }

  /** End of a bounded input: the clock moves to the greatest event time, timers fire, all windows close. */
  finish(): void {
    this.time.finish();
    this.fireTimers();
    this.windows.closeThrough(Infinity, this.peek, this.closed);
  }

  private fireTimers(): void {
    const clock = this.clock;
    if (Number.isNaN(clock)) return;
    const due = this.due;
    const n = this.timers.popDue(clock, due);
    for (let i = 0; i < n; i++) {
      const t = due[i]!;
      // The state the timer was set on, while it is still the one in memory (no map look-up).
      const owner = t.owner;
      let order = owner !== null && !owner.gone ? owner : this.orders.get(t.orderId);
      if (order === undefined) {
        const spilled = this.spilled.get(t.orderId);
        const registered = spilled ? spilled.timers : this.away.get(t.orderId);
        if (registered === undefined || registered[t.type] !== t.fireAt) continue;
        const found = spilled ?? this.peek(t.orderId);
        if (found === undefined) continue;
        order = this.resident(found);
      } else if (order.timers[t.type] !== t.fireAt) continue;
      order.timers[t.type] = NaN;
      if (t.type === TM_EVICT) {
        const at = this.evictAt(order);
        if (at <= clock) this.evict(order);
        else this.syncTimers(order);
        continue;
      }
      this.touch(order, DIRTY_STATE);
      if (dueOf(order, t.type, this.params(order)) === t.due) {
        this.raise(order, TIMER_ANOMALY[t.type]!, Math.floor((clock - t.due) / 60_000), clock);
      }
      this.syncTimers(order);
    }
    this.timers.recycle(due, n);
    if (n > 4096) due.length = 0; // a rare flood (the end of input): its stale entries would keep their orders alive
  }

  // ---- orders -----------------------------------------------------------------------------

  /** The order's state wherever it is (memory, just spilled, or the store), without loading it. */
  readonly peek = (orderId: string): OrderState | undefined => {
    const o = this.orders.get(orderId) ?? this.spilled.get(orderId);
    if (o !== undefined || !this.shared.awayIds.has(orderId)) return o;
    const saved = this.store.loadOrder(orderId);
    return saved === undefined ? undefined : OrderState.fromJSON(orderId, saved as unknown[]);
  };

  private resident(o: OrderState): OrderState {
    if (this.orders.get(o.orderId) === o) return o;
    o.gone = false;
    this.spilled.delete(o.orderId);
    this.away.delete(o.orderId);
    this.shared.awayIds.delete(o.orderId);
    this.orders.set(o.orderId, o);
    this.stats.reloads++;
    this.touch(o, DIRTY_STATE);
    this.syncTimers(o);
    return o;
  }

  private order(orderId: string): OrderState {
    const o = this.orders.get(orderId);
    if (o !== undefined) return o;
    const found = this.peek(orderId);
    if (found) return this.resident(found);
    const created = new OrderState(orderId);
    created.partition = this.id;
    this.orders.set(orderId, created);
    return created;
  }

  private evict(order: OrderState): void {
    this.orders.delete(order.orderId);
    order.gone = true;
    this.spilled.set(order.orderId, order);
    const tm = order.timers;
    if (!(Number.isNaN(tm[0]!) && Number.isNaN(tm[1]!) && Number.isNaN(tm[2]!) && Number.isNaN(tm[3]!))) {
      this.away.set(order.orderId, tm.slice());
    }
    this.shared.awayIds.add(order.orderId);
    this.stats.evictions++;
    this.touch(order, DIRTY_STATE);
  }

  private evictAt(order: OrderState): number {
    const idle = order.lastEventTime + this.shared.ttlIdleMs;
    if (order.current >= 0 && (1 << order.current) & TERMINAL_BITS) {
      return Math.min(idle, order.currentTime + this.shared.ttlTerminalMs);
    }
    return idle;
  }

  params(order: OrderState): Readonly<Params> {
    const rules = this.shared.rules;
    return rules.size === 0 ? DEFAULT_PARAMS : rules.paramsFor(order.createTime, () => this.facts(order));
  }

  private facts(order: OrderState): OrderFacts {
    const refs = this.shared.refs;
    const address = order.userId === null ? undefined : refs.defaultAddress(order.userId);
    const categories: string[] = [];
    for (const l of order.lines) {
      const c = refs.category(l.skuId);
      if (c !== undefined) categories.push(c);
    }
    return {
      amount: order.lines.length === 0 ? undefined : orderAmountCents(order) / 100,
      items: order.lines.length,
      categories,
      user_id: order.userId ?? undefined,
      province: address?.province ?? undefined,
      city: address?.city ?? undefined,
      district: address?.district ?? undefined,
    };
  }

  touch(order: OrderState, parts: number): void {
    if (order.dirty === 0) this.dirty.add(order);
    order.dirty |= (this.shared.quiet ? 0 : parts) | DIRTY_STATE;
  }

  private syncTimers(order: OrderState): void {
    const th = this.params(order);
    for (let type = TM_DELIVERY; type <= TM_PROCESSING; type++) {
      const due = dueOf(order, type, th);
      const fireAt = Number.isNaN(due) ? NaN : fireAtOf(type, due);
      const current = order.timers[type]!;
      if (fireAt === current || (Number.isNaN(fireAt) && Number.isNaN(current))) continue;
      order.timers[type] = fireAt;
      if (!Number.isNaN(fireAt)) this.timers.add(fireAt, due, order.orderId, type, order);
    }
    this.syncEviction(order);
  }

  /** The eviction timer alone: all a logistics event can change (its last event time). */
  private syncEviction(order: OrderState): void {
    const at = this.evictAt(order);
    const registered = order.timers[TM_EVICT]!;
    if (at !== Infinity && !(registered <= at)) {
      order.timers[TM_EVICT] = at;
      this.timers.add(at, at, order.orderId, TM_EVICT, order);
    }
  }

  raise(order: OrderState, type: AbnormalType, overtimeMinutes: number, detection: number): void {
    if (order.hasAnomaly(type)) return;
    const user = order.userId!;
    let count = this.users.get(user) ?? 0;
    if (order.anomalies.length === 0) this.users.set(user, ++count);
    order.anomalies.push({
      type,
      overtimeMinutes,
      userCount: count,
      detectionTime: detection,
      status: 'PENDING',
      resolvedBy: null,
      resolvedAt: null,
    });
    this.touch(order, DIRTY_ANOMALY);
    this.windows.join(detection, order.orderId, W_ANOMALY, this.clock);
    this.stats.anomalies[type] = (this.stats.anomalies[type] ?? 0) + 1;
  }

  // ---- step 2 -----------------------------------------------------------------------------

  applyStatus(e: StatusEvent): number {
    const order = this.order(e.orderId);
    if (isDuplicateStatus(order, e.status, e.time)) return DUPLICATE;
    this.eventTime = e.time;
    if (e.time > order.lastEventTime) order.lastEventTime = e.time;
    const before = order.reached;
    if (applyStatusToLifecycle(order, e)) {
      order.lastUpdated = this.now;
      this.touch(order, DIRTY_LIFECYCLE);
    } else {
      this.touch(order, DIRTY_STATE);
    }
    this.windows.join(e.time, order.orderId, statusBits(e.status), this.clock);
    notify(order, e, this);
    if (order.reached !== before) {
      countReached(this.stats, before, order.reached);
      moveAllLines(order, this);
    }
    if ((e.status === S_PAID || e.status === S_SHIPPED || e.status === S_DELIVERED) && order.lines.length === 0) {
      const due = e.time + this.params(order).missingItemsMs;
      if (!(order.missingDue <= due)) order.missingDue = due;
    }
    selfResolve(order, this);
    refreshSla(order, this);
    this.syncTimers(order);
    return isAllowedTransition(e.prevStatus, e.status) ? 0 : BAD_TRANSITION;
  }

  applyItem(e: ItemEvent): number {
    const order = this.order(e.orderId);
    for (const l of order.lines) if (l.itemId === e.itemId) return DUPLICATE;
    this.eventTime = e.time;
    if (e.time > order.lastEventTime) order.lastEventTime = e.time;
    const line = {
      itemId: e.itemId,
      skuId: e.skuId,
      quantity: e.quantity,
      priceCents: e.priceCents,
      discountCents: e.discountCents,
      state: L_NONE,
      attempted: 0,
      succeeded: 0,
    };
    order.lines.push(line);
    this.touch(order, DIRTY_STATE);
    const target = targetOf(order.reached);
    if (target !== L_NONE) moveLine(order, line, target, this);
    if (order.lines.length === 1) {
      order.missingDue = NaN;
      selfResolve(order, this);
    }
    this.syncTimers(order);
    return 0;
  }

  applyLogistics(e: LogisticsEvent): number {
    const order = this.order(e.orderId);
    const lt = order.logTimes;
    const ids = order.logSeenIds;
    const seen = order.logSeen;
    // A status the order never had cannot repeat: the applied events are scanned only otherwise.
    if (!Number.isNaN(lt[e.status]!)) {
      for (let i = 0; i < ids.length; i++) {
        if (ids[i] === e.logisticsId && seen[2 * i] === e.status && seen[2 * i + 1] === e.time) return DUPLICATE;
      }
    }
    ids.push(e.logisticsId);
    seen.push(e.status, e.time);
    this.eventTime = e.time;
    if (e.time > order.lastEventTime) order.lastEventTime = e.time;
    this.touch(order, DIRTY_STATE);
    if (!(lt[e.status]! <= e.time)) {
      lt[e.status] = e.time;
      if (e.status === L_DISPATCHED) order.dispatchLocation = e.location;
      const st = order.statusTimes;
      if (e.status === L_OUT_FOR_DELIVERY && order.userId !== null && !(Number.isNaN(st[S_SHIPPED]!) && Number.isNaN(st[S_DELIVERED]!))) {
        order.lastUpdated = this.now;
        this.touch(order, DIRTY_LIFECYCLE);
      }
      refreshSla(order, this);
    }
    this.syncEviction(order);
    return 0;
  }

  // ---- checkpoint -------------------------------------------------------------------------

  snapshot(): PartitionSnapshot {
    return {
      id: this.id,
      ...this.time.snapshot(),
      timers: this.timers.toJSON(),
      windows: this.windows.toJSON(),
      users: [...this.users],
      away: [...this.away],
    };
  }

  restore(s: PartitionSnapshot, orders: Iterable<OrderState>): void {
    this.time.restore(s);
    this.timers = TimerQueue.fromJSON<OrderState>(s.timers);
    this.windows = MetricWindows.fromJSON(s.windows);
    this.users = new Map(s.users);
    this.away = new Map(s.away.map(([id, tm]) => [id, tm.map((v) => (v === null ? NaN : v))]));
    for (const o of orders) this.orders.set(o.orderId, o);
  }
}
