// Test support (not built): reads simulated traffic back the way the engine would, and counts
// what each fault knob should have put there, from the messages and reference alone.
import type { ReferenceSeed } from '../../sinks/store.js';
import { parseTimestamp, UTC } from '../../engine/time/timestamp.js';
import { newItemEvent, newLogisticsEvent, newStatusEvent, validateItem, validateLogistics, validateStatus } from '../../engine/validate.js';
import type { SourceRecord, TopicName } from '../../engine/types.js';
import { openSource } from '../file/open-source.js';
import type { SimMessage } from './simulator.js';

const H = 3_600_000;

export interface OrderSeen {
  user: string;
  /** First event time of each status the order reached. */
  statuses: Map<string, number>;
}

export interface Seen {
  orders: Map<string, OrderSeen>;
  items: { order: string; sku: string; quantity: number }[];
  /** Logistics locations (area ids). */
  locations: Set<string>;
  /** Orders placed at least an hour before `end` (time enough to pay). */
  settled: number;
  /** Of those, orders never paid. */
  unpaid: number;
  /** Orders paid more than 24 h before `end` and not shipped within 24 h of paying. */
  stalled: number;
  /** Orders shipped more than 72 h before `end` and not delivered within 72 h. */
  delayed: number;
  /** Item lines asking for more than the SKU's available stock (before any order), or naming an unknown SKU. */
  oversold: number;
  /** Orders of users without a default address in a served district. */
  unroutableOrders: number;
  refunded: number;
  /** Valid messages whose event time is more than 10 s behind an earlier one of their topic. */
  late: number;
  /** Valid messages whose text came before (malformed copies may repeat, e.g. a bare "PAID"). */
  duplicates: number;
  /** Messages the engine's validation rejects (dead letters). */
  invalid: number;
}

const TIME_FIELD: Record<TopicName, string> = { order_status_events: 'status_time', order_item_events: 'create_time', logistics_events: 'status_time' };

export function analyse(messages: readonly SimMessage[], ref: ReferenceSeed, end = Infinity): Seen {
  const seen: Seen = {
    orders: new Map(),
    items: [],
    locations: new Set(),
    settled: 0,
    unpaid: 0,
    stalled: 0,
    delayed: 0,
    oversold: 0,
    unroutableOrders: 0,
    refunded: 0,
    late: 0,
    duplicates: 0,
    invalid: 0,
  };
  const texts = new Set<string>();
  const maxTime: Record<string, number> = {};
  for (const m of messages) {
    const o = valid(m);
    if (!o) {
      seen.invalid++;
      continue;
    }
    if (texts.has(m.text)) seen.duplicates++;
    texts.add(m.text);
    const t = parseTimestamp(o[TIME_FIELD[m.topic]], UTC)!;
    if (t < (maxTime[m.topic] ?? -Infinity) - 10_000) seen.late++;
    maxTime[m.topic] = Math.max(maxTime[m.topic] ?? -Infinity, t);
    if (m.topic === 'order_status_events') {
      const order = seen.orders.get(o.order_id as string) ?? { user: o.user_id as string, statuses: new Map<string, number>() };
      seen.orders.set(o.order_id as string, order);
      const s = o.status as string;
      order.statuses.set(s, Math.min(order.statuses.get(s) ?? Infinity, t));
    } else if (m.topic === 'order_item_events') {
      seen.items.push({ order: o.order_id as string, sku: o.sku_id as string, quantity: o.quantity as number });
    } else if (typeof o.location === 'string') {
      seen.locations.add(o.location);
    }
  }
  const available = new Map(ref.product_inventory.map((r) => [r.sku_id, r.available_stock]));
  seen.oversold = seen.items.filter((i) => i.quantity > (available.get(i.sku) ?? -1) || !available.has(i.sku)).length;
  const routable = routableUsers(ref);
  for (const o of seen.orders.values()) {
    const created = o.statuses.get('PENDING_PAYMENT');
    const paid = o.statuses.get('PAID');
    const shipped = o.statuses.get('SHIPPED');
    const delivered = o.statuses.get('DELIVERED');
    if (created !== undefined && created < end - H) {
      seen.settled++;
      if (paid === undefined) seen.unpaid++;
    }
    if (paid !== undefined && paid < end - 24 * H && !(shipped !== undefined && shipped - paid <= 24 * H)) seen.stalled++;
    if (shipped !== undefined && shipped < end - 72 * H && !(delivered !== undefined && delivered - shipped <= 72 * H)) seen.delayed++;
    if (!routable.has(o.user)) seen.unroutableOrders++;
    if (o.statuses.has('REFUNDED')) seen.refunded++;
  }
  return seen;
}

/** The message as an object, if the engine accepts it; undefined for a dead letter. */
function valid(m: SimMessage): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(m.text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const reason =
    m.topic === 'order_status_events'
      ? validateStatus(o, UTC, NaN, newStatusEvent())
      : m.topic === 'order_item_events'
        ? validateItem(o, UTC, NaN, newItemEvent())
        : validateLogistics(o, UTC, NaN, newLogisticsEvent());
  return reason === null ? o : undefined;
}

/** Users whose default address (the lowest address_id of several) lies in a served district (SPEC §7). */
function routableUsers(ref: ReferenceSeed): Set<string> {
  const served = new Set(ref.logistics_area_info.map((a) => `${a.province}|${a.city}|${a.district}`));
  const home = new Map<string, (typeof ref.user_address)[number]>();
  for (const a of ref.user_address) {
    const known = home.get(a.user_id);
    if (a.is_default && (!known || Number(a.address_id) < Number(known.address_id))) home.set(a.user_id, a);
  }
  const out = new Set<string>();
  for (const [user, a] of home) if (served.has(`${a.province}|${a.city}|${a.district}`)) out.add(user);
  return out;
}

/** Every record ordertrack's own file source reads from a directory (or its tape). */
export function readAll(dir: string): SourceRecord[] {
  const src = openSource(dir, { timeZone: UTC });
  const out: SourceRecord[] = [];
  while (src.next(4096, out) > 0);
  src.close();
  return out;
}
