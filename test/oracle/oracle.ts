// An independent, deliberately simple implementation of SPEC.md §2–§11 (no order_processing_rules,
// notifications only from §11) and §13's bounded file input (one partition), written from the
// SPEC and docs/semantics.md alone, to check the engine against. Clarity over speed: the state of
// each order is kept whole, and derived values (lifecycle, SLA) are recomputed from it.
//
// Processing time is one fixed instant `now` for every processing-time column: last_updated,
// process_time, monitoring_time, received_time, data-quality metric_time (its minute) and the
// update_time of stock rows (changed by an op, or seeded without one).
//
// Where the SPEC is silent this follows docs/semantics.md: validation order of timestamps and values
// (payment_time, location, courier_id), optional fields null/"" = absent, quantity a JSON number;
// blank lines skipped but counted in line numbers; duplicates advance the watermark; dead letters
// do not, but a last line releases its topic even when it is one; immediate anomalies before the
// clock exists take the event time; lifecycle cancel_reason from the latest CANCELLED; equal time
// and rank keep the first applied; a failed UNFREEZE keeps the line; DECREASE from FROZEN needs
// frozen ≥ q; Unknown SKU failures raise STOCK_OUT; PROCESSING_TIMEOUT from paid_time only (none
// without a PAID event); MISSING_ITEMS due = the earliest; user_abnormal_count counts resolved orders;
// area match after trimming; SLA warehouse from the earliest DISPATCHED, promise_met over every
// command (FAILED too); notification create_time = status_time; metric averages plain means;
// tape frames that are not {topic, value} are PARSE_ERROR and not counted.
import { type Message, readSource, type Topic, TOPICS } from './input.js';
import { type Address, type Area, compareIds, readReference, type Reference, type StockRow } from './reference.js';
import { iso } from './time.js';
import {
  type ItemEvent,
  type LogisticsEvent,
  type LogisticsStatus,
  type OrderStatus,
  type StatusEvent,
  validate,
} from './validate.js';

export type Row = Record<string, unknown>;
export type OracleOutput = Record<string, Row[]>;

export interface OracleOptions {
  source: string;
  /** IANA zone for timestamps without a zone (default UTC). */
  timeZone?: string;
  /** Processing time (epoch ms) of everything. */
  now: number;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const WINDOW = 5 * MIN;

/** §4: watermark bounds per topic. */
const BOUND: Record<Topic, number> = {
  order_status_events: 5 * SEC,
  order_item_events: 5 * SEC,
  logistics_events: 10 * SEC,
};

/** §3 */
const ALLOWED: Record<string, OrderStatus[]> = {
  '(none)': ['PENDING_PAYMENT'],
  PENDING_PAYMENT: ['PAID', 'CANCELLED', 'EXPIRED'],
  PAID: ['PROCESSING', 'CANCELLED', 'REFUNDED'],
  PROCESSING: ['SHIPPED', 'CANCELLED', 'REFUNDED'],
  SHIPPED: ['DELIVERED', 'REFUNDED'],
  DELIVERED: ['REFUNDED'],
};
const RANK: Record<OrderStatus, number> = {
  PENDING_PAYMENT: 0, PAID: 1, PROCESSING: 2, SHIPPED: 3, DELIVERED: 4, CANCELLED: 5, EXPIRED: 5, REFUNDED: 6,
};

type LineState = 'NONE' | 'FROZEN' | 'FREEZE_FAILED' | 'RELEASED' | 'SHIPPED' | 'RESTOCKED';
type OpType = 'FREEZE' | 'DECREASE' | 'UNFREEZE' | 'INCREASE';
type AnomalyType = 'PAYMENT_TIMEOUT' | 'PROCESSING_TIMEOUT' | 'DELIVERY_TIMEOUT' | 'STOCK_OUT' | 'MISSING_ITEMS' | 'DISPATCH_UNROUTABLE';

interface Line {
  item: ItemEvent;
  state: LineState;
  /** §6 / semantics: an op is attempted at most once per line and type; its recorded result. */
  attempted: Map<OpType, boolean>;
}

interface AppliedStatus {
  ev: StatusEvent;
  seq: number;
}

interface Order {
  id: string;
  /** From the first applied status event; the order exists in order_lifecycle from then. */
  user_id: string | null;
  statuses: AppliedStatus[];
  lines: Line[];
  logistics: { ev: LogisticsEvent; seq: number }[];
  /** Due of MISSING_ITEMS: earliest status_time + 5 min of a PAID/SHIPPED/DELIVERED event that found no items. */
  missingDue: number | null;
}

interface Anomaly {
  order_id: string;
  user_id: string;
  abnormal_type: AnomalyType;
  overtime_minutes: number;
  user_abnormal_count: number;
  detection_time: number;
  handler: string;
  handling_action: string;
  handling_time: number;
  status: string;
  notes: string;
  resolved_by: string | null;
  resolved_at: number | null;
}

interface Window {
  start: number;
  orders: Set<string>;
  paid: Set<string>;
  shipped: Set<string>;
  delivered: Set<string>;
  cancelled: Set<string>;
  abnormal: Set<string>;
}

interface Quality {
  total: number;
  nullOrderId: number;
  late: number;
  violations: number;
  duplicates: number;
  latencySum: bigint;
  latencyCount: number;
}

const ACTION: Record<AnomalyType, string> = {
  PAYMENT_TIMEOUT: 'CANCEL_ORDER',
  PROCESSING_TIMEOUT: 'ESCALATE_PROCESSING',
  DELIVERY_TIMEOUT: 'CHECK_LOGISTICS',
  STOCK_OUT: 'RESTOCK_OR_CANCEL',
  MISSING_ITEMS: 'CHECK_ORDER_DATA',
  DISPATCH_UNROUTABLE: 'FIX_ROUTING',
};

/** The stuck statuses of the timeout anomalies (§9): the anomaly resolves when the order leaves them. */
const STUCK: Partial<Record<AnomalyType, OrderStatus[]>> = {
  PAYMENT_TIMEOUT: ['PENDING_PAYMENT'],
  PROCESSING_TIMEOUT: ['PAID', 'PROCESSING'],
  DELIVERY_TIMEOUT: ['SHIPPED'],
};

/** §5 cancel reasons. */
export function standardizeReason(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v).trim();
  if (s === '') return 'UNKNOWN';
  const lower = s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (['user_cancel', '用戶取消', '用户取消'].includes(lower)) return 'USER_CANCEL';
  if (['stock_out', '庫存不足', '库存不足'].includes(lower)) return 'STOCK_OUT';
  if (['payment_timeout', '支付超時', '支付超时'].includes(lower)) return 'PAYMENT_TIMEOUT';
  return 'OTHER';
}

/** TIMESTAMPDIFF: whole units, truncated toward zero; null if an end is unknown. */
function diff(end: number | null | undefined, start: number | null | undefined, unit: number): number | null {
  if (end === null || end === undefined || start === null || start === undefined) return null;
  return Math.trunc((end - start) / unit);
}

function utf8Cut(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > maxBytes) break;
    bytes += b;
    out += ch;
  }
  return out;
}

export function runOracle(opts: OracleOptions): OracleOutput {
  const zone = opts.timeZone ?? 'UTC';
  const now = opts.now;
  const ref: Reference = readReference(opts.source, zone);
  const messages: Message[] = readSource(opts.source, zone);
  return new Oracle(ref, now).run(messages, zone);
}

class Oracle {
  // ---- store ----
  private readonly stock = new Map<string, StockRow>();
  private readonly ops = new Map<string, Row>();
  // ---- outputs ----
  private readonly deadLetters: Row[] = [];
  private readonly dispatches = new Map<string, Row & { required: number }>();
  private readonly anomalies = new Map<string, Anomaly>();
  private readonly notifications = new Map<string, Row>();
  private readonly metrics: Row[] = [];
  private readonly quality = new Map<Topic, Quality>();
  // ---- state ----
  private readonly orders = new Map<string, Order>();
  private readonly seenStatus = new Set<string>();
  private readonly seenItems = new Set<string>();
  private readonly seenLogistics = new Set<string>();
  private readonly flaggedOrdersOfUser = new Map<string, Set<string>>();
  private readonly maxTime = new Map<Topic, number>();
  private readonly released = new Set<Topic>();
  private clock: number | undefined;
  private readonly windows = new Map<number, Window>();
  /** Arrival sequence of applied events (ties: the first applied). */
  private seq = 0;

  constructor(
    private readonly ref: Reference,
    private readonly now: number,
  ) {
    // A seeded row without an update_time was written at processing time (semantics.md: update_time
    // is a processing-time column).
    for (const r of ref.inventory) this.stock.set(r.sku_id, { ...r, update_time: r.update_time ?? now });
  }

  run(messages: Message[], zone: string): OracleOutput {
    for (const m of messages) this.process(m, zone);
    // End of a bounded input: the clock moves to the greatest event time seen, due timers fire,
    // then every window still open is closed.
    if (this.maxTime.size > 0) {
      const greatest = Math.max(...this.maxTime.values());
      this.clock = this.clock === undefined ? greatest : Math.max(this.clock, greatest);
      this.fireTimers();
    }
    for (const start of [...this.windows.keys()].sort((a, b) => a - b)) this.closeWindow(start);
    return this.outputs();
  }

  // ======================= per record (§4 steps 1–5) =======================

  private q(topic: Topic): Quality {
    let q = this.quality.get(topic);
    if (!q) {
      q = { total: 0, nullOrderId: 0, late: 0, violations: 0, duplicates: 0, latencySum: 0n, latencyCount: 0 };
      this.quality.set(topic, q);
    }
    return q;
  }

  private watermark(topic: Topic): number | undefined {
    const t = this.maxTime.get(topic);
    return t === undefined ? undefined : t - BOUND[topic];
  }

  private process(m: Message, zone: string): void {
    const topic = m.topic;
    if (m.badWrapper || topic === null) {
      // A tape line that is not a {topic, value} object with a known topic: PARSE_ERROR, not counted.
      this.deadLetter(m, 'PARSE_ERROR');
      if (topic === null || !m.last) return;
      this.released.add(topic);
      this.advance();
      return;
    }
    const q = this.q(topic);
    q.total++;
    // 1. validate
    const v = validate(topic, m, zone);
    if (!v.ok) {
      if (v.nullOrderId) q.nullOrderId++;
      q.violations++;
      this.deadLetter(m, v.reason);
    } else {
      const wm = this.watermark(topic);
      if (wm !== undefined && v.time < wm) q.late++;
      q.latencySum += BigInt(this.now - v.time);
      q.latencyCount++;
      // 2. apply
      const rec = v.rec;
      if (rec.kind === 'status') this.applyStatus(rec, q);
      else if (rec.kind === 'item') this.applyItem(rec, q);
      else this.applyLogistics(rec, q);
      const touchedOrder = this.orders.get(rec.order_id);
      if (touchedOrder) this.touched(touchedOrder);
      // 3. the topic's watermark
      this.maxTime.set(topic, Math.max(this.maxTime.get(topic) ?? -Infinity, v.time));
    }
    if (m.last) this.released.add(topic);
    this.advance();
  }

  /** Steps 3 (the clock, after the topic's watermark), 4 (timers) and 5 (windows). */
  private advance(): void {
    // 3. the clock
    const started = TOPICS.filter((t) => this.maxTime.has(t));
    const holders = started.filter((t) => !this.released.has(t));
    const wms = (holders.length > 0 ? holders : started).map((t) => this.watermark(t)!);
    if (wms.length > 0) {
      const cand = holders.length > 0 ? Math.min(...wms) : Math.max(...wms);
      this.clock = this.clock === undefined ? cand : Math.max(this.clock, cand);
    }
    // 4. timers
    this.fireTimers();
    // 5. windows
    if (this.clock !== undefined) {
      for (const start of [...this.windows.keys()].sort((a, b) => a - b)) {
        if (start + WINDOW <= this.clock) this.closeWindow(start);
      }
    }
  }

  private deadLetter(m: Message, reason: string): void {
    this.deadLetters.push({
      source_topic: m.topic,
      partition: null,
      offset: null,
      file: m.file,
      line: m.line,
      received_time: iso(this.now),
      reason,
      payload: utf8Cut(m.raw, 4096),
    });
  }

  /** "the clock now" for immediate anomalies and self-resolutions; before it exists, the event time. */
  private detectionTime(eventTime: number): number {
    return this.clock ?? eventTime;
  }

  private order(id: string): Order {
    let o = this.orders.get(id);
    if (!o) {
      o = { id, user_id: null, statuses: [], lines: [], logistics: [], missingDue: null };
      this.orders.set(id, o);
    }
    return o;
  }

  // ======================= status events =======================

  private applyStatus(ev: StatusEvent, q: Quality): void {
    const key = `${ev.order_id}\u0000${ev.status}\u0000${ev.status_time}`;
    if (this.seenStatus.has(key)) {
      q.duplicates++;
      return;
    }
    this.seenStatus.add(key);
    if (!(ALLOWED[ev.prev_status ?? '(none)'] ?? []).includes(ev.status)) q.violations++;

    const o = this.order(ev.order_id);
    if (o.user_id === null) o.user_id = ev.user_id;
    o.statuses.push({ ev, seq: this.seq++ });
    const hadItems = o.lines.length > 0;

    // metrics window (by status_time), only while it is open
    this.joinWindow(ev.status_time, (w) => {
      w.orders.add(o.id);
      if (ev.status === 'PAID') w.paid.add(o.id);
      if (ev.status === 'SHIPPED') w.shipped.add(o.id);
      if (ev.status === 'DELIVERED') w.delivered.add(o.id);
      if (ev.status === 'CANCELLED') w.cancelled.add(o.id);
    });

    // inventory (and dispatch at FREEZE), lines in arrival order
    for (const line of o.lines) this.moveLine(o, line, ev.status_time);

    // notifications (§11)
    this.notify(o, ev);

    // MISSING_ITEMS timer
    if (['PAID', 'SHIPPED', 'DELIVERED'].includes(ev.status) && !hadItems) {
      const due = ev.status_time + 5 * MIN;
      o.missingDue = o.missingDue === null ? due : Math.min(o.missingDue, due);
    }

    // self-resolution of timeout anomalies when the order leaves the stuck status
    const current = this.current(o)!.ev.status;
    for (const type of ['PAYMENT_TIMEOUT', 'PROCESSING_TIMEOUT', 'DELIVERY_TIMEOUT'] as AnomalyType[]) {
      const a = this.anomalies.get(`${o.id}\u0000${type}`);
      if (a && a.resolved_at === null && !STUCK[type]!.includes(current)) {
        a.status = 'RESOLVED';
        a.resolved_by = 'system';
        a.resolved_at = this.detectionTime(ev.status_time);
      }
    }
  }

  // ======================= items =======================

  private applyItem(ev: ItemEvent, q: Quality): void {
    const key = `${ev.order_id}\u0000${ev.item_id}`;
    if (this.seenItems.has(key)) {
      q.duplicates++;
      return;
    }
    this.seenItems.add(key);
    const o = this.order(ev.order_id);
    const line: Line = { item: ev, state: 'NONE', attempted: new Map() };
    o.lines.push(line);
    // MISSING_ITEMS: the timer is cancelled, a raised anomaly resolves itself.
    o.missingDue = null;
    const a = this.anomalies.get(`${o.id}\u0000MISSING_ITEMS`);
    if (a && a.resolved_at === null) {
      a.status = 'RESOLVED';
      a.resolved_by = 'system';
      a.resolved_at = this.detectionTime(ev.create_time);
    }
    this.moveLine(o, line, ev.create_time);
  }

  // ======================= logistics =======================

  private applyLogistics(ev: LogisticsEvent, q: Quality): void {
    const key = `${ev.order_id}\u0000${ev.logistics_id}\u0000${ev.status}\u0000${ev.status_time}`;
    if (this.seenLogistics.has(key)) {
      q.duplicates++;
      return;
    }
    this.seenLogistics.add(key);
    this.order(ev.order_id).logistics.push({ ev, seq: this.seq++ });
  }

  // ======================= lifecycle (§5) =======================

  /** The event with the greatest status_time; ties: higher rank; equal rank: the first applied. */
  private current(o: Order): AppliedStatus | undefined {
    let best: AppliedStatus | undefined;
    for (const s of o.statuses) {
      if (
        best === undefined ||
        s.ev.status_time > best.ev.status_time ||
        (s.ev.status_time === best.ev.status_time && RANK[s.ev.status] > RANK[best.ev.status])
      ) {
        best = s;
      }
    }
    return best;
  }

  /** `<status>_time`: the latest status_time of an event with that status. */
  private latest(o: Order, status: OrderStatus): number | null {
    let t: number | null = null;
    for (const s of o.statuses) if (s.ev.status === status && (t === null || s.ev.status_time > t)) t = s.ev.status_time;
    return t;
  }

  private createTime(o: Order): number | null {
    let t: number | null = null;
    for (const s of o.statuses) if (t === null || s.ev.status_time < t) t = s.ev.status_time;
    return t;
  }

  private firstLogistics(o: Order, status: LogisticsStatus): { ev: LogisticsEvent; seq: number } | undefined {
    let best: { ev: LogisticsEvent; seq: number } | undefined;
    for (const l of o.logistics) {
      if (l.ev.status === status && (best === undefined || l.ev.status_time < best.ev.status_time)) best = l;
    }
    return best;
  }

  private lifecycleRow(o: Order): Row {
    const cur = this.current(o)!;
    const t = (s: OrderStatus): number | null => this.latest(o, s);
    let cancel: AppliedStatus | undefined;
    for (const s of o.statuses) {
      if (s.ev.status === 'CANCELLED' && (cancel === undefined || s.ev.status_time > cancel.ev.status_time)) cancel = s;
    }
    const create = this.createTime(o)!;
    const ofd = this.firstLogistics(o, 'OUT_FOR_DELIVERY')?.ev.status_time ?? null;
    return {
      order_id: o.id,
      user_id: o.user_id,
      create_time: iso(create),
      pending_payment_time: iso(t('PENDING_PAYMENT')),
      paid_time: iso(t('PAID')),
      processing_time: iso(t('PROCESSING')),
      shipped_time: iso(t('SHIPPED')),
      delivered_time: iso(t('DELIVERED')),
      cancelled_time: iso(t('CANCELLED')),
      refunded_time: iso(t('REFUNDED')),
      expired_time: iso(t('EXPIRED')),
      cancel_reason: cancel ? standardizeReason(cancel.ev.cancel_reason) : null,
      current_status: cur.ev.status,
      status_updated_time: iso(cur.ev.status_time),
      pending_payment_duration: diff(t('PAID'), t('PENDING_PAYMENT'), SEC),
      processing_duration: diff(t('SHIPPED'), t('PAID'), SEC),
      shipping_duration: diff(ofd, t('SHIPPED'), SEC),
      delivery_duration: diff(t('DELIVERED'), ofd, SEC),
      overall_duration: diff(cur.ev.status_time, create, SEC),
      last_updated: iso(this.now),
    };
  }

  // ======================= inventory (§6) =======================

  private target(o: Order): LineState {
    const r = new Set(o.statuses.map((s) => s.ev.status));
    const shipped = r.has('SHIPPED') || r.has('DELIVERED');
    if (shipped && r.has('REFUNDED')) return 'RESTOCKED';
    if (shipped) return 'SHIPPED';
    if (r.has('CANCELLED') || r.has('EXPIRED') || r.has('REFUNDED')) return 'RELEASED';
    if (r.has('PAID') || r.has('PROCESSING')) return 'FROZEN';
    return 'NONE';
  }

  private moveLine(o: Order, line: Line, eventTime: number): void {
    const target = this.target(o);
    const s = line.state;
    if (target === 'FROZEN') {
      if (s === 'NONE') {
        const ok = this.op(o, line, 'FREEZE');
        line.state = ok ? 'FROZEN' : 'FREEZE_FAILED';
        if (ok) this.dispatch(o, line, eventTime);
        else this.raise(o, 'STOCK_OUT', this.detectionTime(eventTime), 0);
      }
    } else if (target === 'RELEASED') {
      if (s === 'NONE' || s === 'FREEZE_FAILED') line.state = 'RELEASED';
      else if (s === 'FROZEN') {
        if (this.op(o, line, 'UNFREEZE')) line.state = 'RELEASED';
      }
    } else if (target === 'SHIPPED' || target === 'RESTOCKED') {
      if (s === 'NONE' || s === 'FROZEN' || s === 'FREEZE_FAILED' || s === 'RELEASED') {
        if (this.op(o, line, 'DECREASE')) line.state = 'SHIPPED';
        else this.raise(o, 'STOCK_OUT', this.detectionTime(eventTime), 0);
      }
      if (target === 'RESTOCKED' && line.state === 'SHIPPED') {
        if (this.op(o, line, 'INCREASE')) line.state = 'RESTOCKED';
      }
    }
  }

  private opTime(o: Order, type: OpType): number {
    const t = (s: OrderStatus): number | null => this.latest(o, s);
    switch (type) {
      case 'FREEZE':
        return (t('PAID') ?? t('PROCESSING'))!;
      case 'DECREASE':
        return (t('SHIPPED') ?? t('DELIVERED'))!;
      case 'UNFREEZE':
        return Math.min(...[t('CANCELLED'), t('EXPIRED'), t('REFUNDED')].filter((x): x is number => x !== null));
      case 'INCREASE':
        return t('REFUNDED')!;
    }
  }

  /** One op on the SKU row; at most once per line and type (a repeat takes the recorded result). */
  private op(o: Order, line: Line, type: OpType): boolean {
    const recorded = line.attempted.get(type);
    if (recorded !== undefined) return recorded;
    const qty = line.item.quantity;
    const row = this.stock.get(line.item.sku_id);
    let message: string | null = null;
    const prev = row ? { available: row.available, frozen: row.frozen } : null;
    if (!row) message = 'Unknown SKU';
    else if (type === 'FREEZE') {
      if (row.available >= qty) {
        row.available -= qty;
        row.frozen += qty;
      } else message = 'Insufficient stock to freeze';
    } else if (type === 'DECREASE') {
      if (line.state === 'FROZEN') {
        if (row.frozen >= qty) {
          row.frozen -= qty;
          row.total -= qty;
        } else message = 'Insufficient stock';
      } else if (row.available >= qty) {
        row.available -= qty;
        row.total -= qty;
      } else message = 'Insufficient stock';
    } else if (type === 'UNFREEZE') {
      if (row.frozen >= qty) {
        row.frozen -= qty;
        row.available += qty;
      } else message = 'Insufficient frozen stock';
    } else {
      row.available += qty;
      row.total += qty;
    }
    const ok = message === null;
    if (row && ok) row.update_time = this.now;
    if (row) {
      // Invariant after every op: total = available + frozen + locked, all ≥ 0.
      if (row.total !== row.available + row.frozen + row.locked || row.available < 0 || row.frozen < 0 || row.total < 0) {
        throw new Error(`oracle: stock invariant broken on ${row.sku_id}`);
      }
    }
    line.attempted.set(type, ok);
    const opId = `${o.id}:${line.item.item_id}:${type}`;
    this.ops.set(opId, {
      op_id: opId,
      order_id: o.id,
      sku_id: line.item.sku_id,
      op_type: type,
      quantity: qty,
      prev_available_stock: prev?.available ?? null,
      new_available_stock: row?.available ?? null,
      prev_frozen_stock: prev?.frozen ?? null,
      new_frozen_stock: row?.frozen ?? null,
      op_time: iso(this.opTime(o, type)),
      process_time: iso(this.now),
      status: ok ? 'SUCCESS' : 'FAILED',
      message,
    });
    return ok;
  }

  // ======================= dispatch (§7) =======================

  private defaultAddress(userId: string | null): Address | undefined {
    if (userId === null) return undefined;
    return this.ref.addresses
      .filter((a) => a.user_id === userId && a.is_default)
      .sort((a, b) => compareIds(a.address_id, b.address_id))[0];
  }

  private area(addr: Address | undefined): Area | undefined {
    if (!addr) return undefined;
    const same = (x: string | null, y: string | null): boolean => x !== null && y !== null && x.trim() === y.trim();
    return this.ref.areas
      .filter((a) => same(a.province, addr.province) && same(a.city, addr.city) && same(a.district, addr.district))
      .sort((a, b) => compareIds(a.area_id, b.area_id))[0];
  }

  private dispatch(o: Order, line: Line, eventTime: number): void {
    const current = this.current(o)?.ev.status;
    if (current !== 'PAID' && current !== 'PROCESSING') return;
    const commandId = `${o.id}:${line.item.item_id}:DISPATCH`;
    if (this.dispatches.has(commandId)) return;
    const addr = this.defaultAddress(o.user_id);
    const area = this.area(addr);
    const base = (this.latest(o, 'PAID') ?? this.latest(o, 'PROCESSING'))!;
    const category = this.ref.productInfo.get(line.item.sku_id)?.category?.trim().toLowerCase();
    const hours = category === 'fresh' ? 24 : category === 'digital' ? 48 : 72;
    let amount = 0n;
    for (const l of o.lines) amount += BigInt(l.item.quantity) * l.item.priceCents - l.item.discountCents;
    const priority = amount > 100_000n ? 'HIGH' : amount > 50_000n ? 'MEDIUM' : 'LOW';
    // "no warehouse for the district": no area row, or the lowest one names no warehouse
    const routable = addr !== undefined && area !== undefined && area.warehouse_id !== null && area.warehouse_id !== '';
    const required = base + hours * HOUR;
    this.dispatches.set(commandId, {
      command_id: commandId,
      order_id: o.id,
      user_id: o.user_id,
      sku_id: line.item.sku_id,
      quantity: line.item.quantity,
      warehouse_id: routable ? area!.warehouse_id : null,
      target_province: addr?.province ?? null,
      target_city: addr?.city ?? null,
      target_district: addr?.district ?? null,
      target_address: addr?.address ?? null,
      required_delivery_time: iso(required),
      priority,
      create_time: iso(base),
      status: routable ? 'PENDING' : 'FAILED',
      required,
    });
    if (!routable) this.raise(o, 'DISPATCH_UNROUTABLE', this.detectionTime(eventTime), 0);
  }

  // ======================= notifications (§11) =======================

  private notify(o: Order, ev: StatusEvent): void {
    const texts: Partial<Record<OrderStatus, [string, string, number]>> = {
      PAID: ['has been paid successfully', 'APP_PUSH', 2],
      SHIPPED: ['has been shipped', 'APP_PUSH', 3],
      DELIVERED: ['has been delivered', 'APP_PUSH', 2],
      CANCELLED: [`has been cancelled: ${standardizeReason(ev.cancel_reason)}`, 'SMS', 1],
      REFUNDED: ['has been refunded', 'SMS', 1],
    };
    const t = texts[ev.status];
    if (!t) return;
    const id = `${o.id}:${ev.status}`;
    if (this.notifications.has(id)) return;
    this.notifications.set(id, {
      notification_id: id,
      order_id: o.id,
      user_id: o.user_id,
      status: ev.status,
      prev_status: ev.prev_status,
      status_time: iso(ev.status_time),
      notification_type: t[1],
      message_content: `Order ${o.id} ${t[0]}`,
      priority: t[2],
      create_time: iso(ev.status_time),
      notification_status: 'PENDING',
    });
  }

  // ======================= anomalies (§9) =======================

  private raise(o: Order, type: AnomalyType, detection: number, overtime: number): void {
    const key = `${o.id}\u0000${type}`;
    if (this.anomalies.has(key)) return;
    const user = o.user_id!;
    let flagged = this.flaggedOrdersOfUser.get(user);
    if (!flagged) {
      flagged = new Set();
      this.flaggedOrdersOfUser.set(user, flagged);
    }
    flagged.add(o.id);
    const count = flagged.size;
    const handler =
      count > 5
        ? 'vip_customer_service'
        : type === 'DELIVERY_TIMEOUT'
          ? 'logistics_support'
          : type === 'STOCK_OUT'
            ? 'inventory_support'
            : 'order_support';
    this.anomalies.set(key, {
      order_id: o.id,
      user_id: user,
      abnormal_type: type,
      overtime_minutes: overtime,
      user_abnormal_count: count,
      detection_time: detection,
      handler,
      handling_action: ACTION[type],
      handling_time: detection,
      status: 'PENDING',
      notes: count > 5 ? 'High-risk customer, manual review required' : 'Auto-generated handling instruction',
      resolved_by: null,
      resolved_at: null,
    });
    this.joinWindow(detection, (w) => w.abnormal.add(o.id));
  }

  /**
   * The timers an order has armed now (§9), whatever the clock: its condition holds and the
   * anomaly was not raised yet. `strict`: fires when clock > due, else when clock ≥ due.
   */
  private armed(o: Order): { due: number; type: AnomalyType; strict: boolean }[] {
    const out: { due: number; type: AnomalyType; strict: boolean }[] = [];
    const has = (t: AnomalyType): boolean => this.anomalies.has(`${o.id}\u0000${t}`);
    if (o.missingDue !== null && o.lines.length === 0 && !has('MISSING_ITEMS')) {
      out.push({ due: o.missingDue, type: 'MISSING_ITEMS', strict: false });
    }
    const cur = this.current(o);
    if (!cur) return out;
    const status = cur.ev.status;
    if (status === 'PENDING_PAYMENT' && !has('PAYMENT_TIMEOUT')) {
      out.push({ due: this.createTime(o)! + 30 * MIN, type: 'PAYMENT_TIMEOUT', strict: true });
    }
    const paid = this.latest(o, 'PAID');
    if ((status === 'PAID' || status === 'PROCESSING') && paid !== null && !has('PROCESSING_TIMEOUT')) {
      out.push({ due: paid + 24 * HOUR, type: 'PROCESSING_TIMEOUT', strict: true });
    }
    if (status === 'SHIPPED' && !has('DELIVERY_TIMEOUT')) {
      out.push({ due: this.latest(o, 'SHIPPED')! + 72 * HOUR, type: 'DELIVERY_TIMEOUT', strict: true });
    }
    return out;
  }

  /** Orders that may have an armed timer, and a lower bound of their due times (to skip scans). */
  private readonly timerOrders = new Set<Order>();
  private minDue = Infinity;

  private touched(o: Order): void {
    this.timerOrders.add(o);
    for (const t of this.armed(o)) this.minDue = Math.min(this.minDue, t.due);
  }

  /**
   * Step 4: every armed timer whose due time the clock has reached fires, in (due, order_id, type)
   * order, detection_time = the clock.
   */
  private fireTimers(): void {
    const clock = this.clock;
    if (clock === undefined || clock < this.minDue) return;
    const due: { due: number; order: Order; type: AnomalyType }[] = [];
    let nextMin = Infinity;
    for (const o of this.timerOrders) {
      const armed = this.armed(o);
      if (armed.length === 0) {
        this.timerOrders.delete(o);
        continue;
      }
      for (const t of armed) {
        if (t.strict ? clock > t.due : clock >= t.due) due.push({ due: t.due, order: o, type: t.type });
        else nextMin = Math.min(nextMin, t.due);
      }
    }
    this.minDue = nextMin;
    due.sort((a, b) => a.due - b.due || (a.order.id < b.order.id ? -1 : a.order.id > b.order.id ? 1 : 0) || (a.type < b.type ? -1 : 1));
    for (const d of due) this.raise(d.order, d.type, clock, Math.floor((clock - d.due) / MIN));
  }

  // ======================= windows (§10) =======================

  private joinWindow(t: number, add: (w: Window) => void): void {
    const start = Math.floor(t / WINDOW) * WINDOW;
    if (this.clock !== undefined && start + WINDOW <= this.clock) return; // closed
    let w = this.windows.get(start);
    if (!w) {
      w = { start, orders: new Set(), paid: new Set(), shipped: new Set(), delivered: new Set(), cancelled: new Set(), abnormal: new Set() };
      this.windows.set(start, w);
    }
    add(w);
  }

  private closeWindow(start: number): void {
    const w = this.windows.get(start)!;
    this.windows.delete(start);
    const avg = (ids: Set<string>, end: OrderStatus, begin: OrderStatus | 'CREATE'): number | null => {
      let sum = 0;
      let n = 0;
      for (const id of ids) {
        const o = this.orders.get(id)!;
        const e = this.latest(o, end);
        const b = begin === 'CREATE' ? this.createTime(o) : this.latest(o, begin);
        const d = diff(e, b, SEC);
        if (d === null) continue;
        sum += d;
        n++;
      }
      return n === 0 ? null : sum / n;
    };
    this.metrics.push({
      metric_time: iso(start),
      order_count: w.orders.size,
      paid_count: w.paid.size,
      shipped_count: w.shipped.size,
      delivered_count: w.delivered.size,
      cancelled_count: w.cancelled.size,
      avg_payment_time: avg(w.paid, 'PAID', 'CREATE'),
      avg_processing_time: avg(w.shipped, 'SHIPPED', 'PAID'),
      avg_delivery_time: avg(w.delivered, 'DELIVERED', 'SHIPPED'),
      abnormal_count: w.abnormal.size,
      abnormal_order_rate: w.orders.size === 0 ? null : w.abnormal.size / w.orders.size,
    });
  }

  // ======================= outputs =======================

  private slaRow(o: Order): Row | undefined {
    const paid = this.latest(o, 'PAID');
    const received = this.firstLogistics(o, 'DELIVERED')?.ev.status_time;
    if (paid === null || received === undefined) return undefined;
    const dispatched = this.firstLogistics(o, 'DISPATCHED');
    const transit = this.firstLogistics(o, 'IN_TRANSIT')?.ev.status_time ?? null;
    const ofd = this.firstLogistics(o, 'OUT_FOR_DELIVERY')?.ev.status_time ?? null;
    const loc = dispatched?.ev.location ?? null;
    const area = loc === null ? undefined : this.ref.areas.find((a) => a.area_id === loc.trim());
    const total = diff(received, paid, MIN)!;
    let earliestRequired: number | null = null;
    for (const d of this.dispatches.values()) {
      if (d.order_id === o.id && (earliestRequired === null || d.required < earliestRequired)) earliestRequired = d.required;
    }
    return {
      order_id: o.id,
      dispatched_time: iso(dispatched?.ev.status_time ?? null),
      transit_time: iso(transit),
      delivery_time: iso(ofd),
      received_time: iso(received),
      warehouse_id: area?.warehouse_id ?? null,
      warehouse_city: area?.city ?? null,
      target_city: this.defaultAddress(o.user_id)?.city ?? null,
      warehouse_processing_minutes: diff(dispatched?.ev.status_time, paid, MIN),
      first_mile_minutes: diff(transit, dispatched?.ev.status_time, MIN),
      line_haul_minutes: diff(ofd, transit, MIN),
      last_mile_minutes: diff(received, ofd, MIN),
      total_delivery_minutes: total,
      delivery_status: total > 1440 ? 'OVERDUE' : total > 720 ? 'AT_RISK' : 'ON_TIME',
      promise_met: earliestRequired === null ? null : received <= earliestRequired,
      monitoring_time: iso(this.now),
    };
  }

  private outputs(): OracleOutput {
    const lifecycle: Row[] = [];
    const sla: Row[] = [];
    for (const o of this.orders.values()) {
      if (o.statuses.length === 0) continue;
      lifecycle.push(this.lifecycleRow(o));
      const s = this.slaRow(o);
      if (s) sla.push(s);
    }
    const metricMinute = Math.floor(this.now / MIN) * MIN;
    const quality: Row[] = [];
    for (const [topic, q] of this.quality) {
      quality.push({
        metric_time: iso(metricMinute),
        source_table: topic,
        total_records: q.total,
        null_order_id_count: q.nullOrderId,
        late_records_count: q.late,
        schema_violation_count: q.violations,
        duplicate_count: q.duplicates,
        avg_processing_time: q.latencyCount === 0 ? null : Number(q.latencySum) / q.latencyCount,
        error_rate: q.total === 0 ? 0 : q.violations / q.total,
      });
    }
    return {
      order_lifecycle: lifecycle,
      inventory_update_results: [...this.ops.values()],
      logistics_dispatch_commands: [...this.dispatches.values()].map(({ required: _r, ...row }) => row),
      logistics_efficiency_monitor: sla,
      abnormal_order_handling: [...this.anomalies.values()].map((a) => ({
        ...a,
        detection_time: iso(a.detection_time),
        handling_time: iso(a.handling_time),
        resolved_at: iso(a.resolved_at),
      })),
      order_processing_metrics: this.metrics,
      order_status_notifications: [...this.notifications.values()],
      data_quality_metrics: quality,
      dead_letters: this.deadLetters,
      order_commands: [],
      product_inventory: [...this.stock.values()].map((r) => ({
        product_id: r.product_id,
        sku_id: r.sku_id,
        total_stock: r.total,
        available_stock: r.available,
        frozen_stock: r.frozen,
        locked_stock: r.locked,
        update_time: iso(r.update_time),
      })),
    };
  }
}
