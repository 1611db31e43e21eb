// Converts the Olist sample (/work/shared/data/olist) into an ordertrack source directory (SPEC §13),
// so a replay runs on real lifecycle timings. Per order:
//   purchase → PENDING_PAYMENT; approval → PAID, then PROCESSING one second later (PAID → SHIPPED is
//   not an allowed transition); carrier hand-over → SHIPPED + logistics DISPATCHED (from the
//   seller's district) and IN_TRANSIT (a fifth of the way to delivery, at most a day later);
//   delivery → OUT_FOR_DELIVERY (shortly before: 15% of the trip, at most 8 h) + logistics DELIVERED
//   + DELIVERED; `canceled`/`unavailable` → CANCELLED a day after the last known step (reason
//   `stock_out` for unavailable), or REFUNDED when the parcel had already left (CANCELLED is not
//   allowed after SHIPPED, and the goods come back). Steps dated before the step they follow are
//   moved up to it (about 170 orders of the sample).
// Items: the order's own rows when the sample has them, else the rows of another order drawn by a
// hash of the order id (prices real); rows of the same product become one line with its quantity.
// Users and addresses come from the customers file the same way. Times stay Brazil local time,
// written without a zone: replay with `--time-zone America/Sao_Paulo`. Output is deterministic.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NdjsonWriter } from '../sources/simulator/ndjson-writer.js';
import {
  fnv,
  formatLocal,
  type OlistCustomer,
  type OlistItem,
  type OlistOrder,
  type OlistProduct,
  type OlistSeller,
  parseLocal,
  readCsv,
} from './olist-csv.js';
import { type Area, OlistReference } from './olist-reference.js';

export const OLIST_TIME_ZONE = 'America/Sao_Paulo';

export interface OlistImportOptions {
  /** Import only the first `limit` orders of the orders file. */
  limit?: number;
}

export interface OlistImportResult {
  /** Lines written per file, by path relative to the output directory. */
  records: Record<string, number>;
  orders: number;
  /** The zone the times are written in: pass it to the replay as `--time-zone`. */
  timeZone: string;
}

type Topic = 'order_status_events' | 'order_item_events' | 'logistics_events';
interface Ev {
  t: number;
  value: Record<string, unknown>;
}

const MIN = 60_000;
const H = 3_600_000;
const CARRIERS = ['Correios', 'Jadlog', 'Loggi', 'Total Express', 'Azul Cargo'];

export function importOlist(csvDir: string, outDir: string, opts: OlistImportOptions = {}): OlistImportResult {
  const orders = readCsv<OlistOrder>(csvDir, 'olist_orders_dataset.csv').slice(0, opts.limit ?? Infinity);
  const itemsByOrder = new Map<string, OlistItem[]>();
  for (const row of readCsv<OlistItem>(csvDir, 'olist_order_items_dataset.csv')) {
    const list = itemsByOrder.get(row.order_id);
    if (list) list.push(row);
    else itemsByOrder.set(row.order_id, [row]);
  }
  const itemOrders = [...itemsByOrder.keys()];
  const customers = readCsv<OlistCustomer>(csvDir, 'olist_customers_dataset.csv');
  const customerById = new Map(customers.map((c) => [c.customer_id, c]));
  const products = new Map(readCsv<OlistProduct>(csvDir, 'olist_products_dataset.csv').map((p) => [p.product_id, p]));
  const sellers = new Map(readCsv<OlistSeller>(csvDir, 'olist_sellers_dataset.csv').map((s) => [s.seller_id, s]));
  const ref = new OlistReference(products);
  const out: Record<Topic, Ev[]> = { order_status_events: [], order_item_events: [], logistics_events: [] };
  let first = Infinity;

  for (const o of orders) {
    const purchase = parseLocal(o.order_purchase_timestamp);
    if (purchase === undefined) continue; // every row of the sample has one
    first = Math.min(first, purchase);
    const h = fnv(o.order_id);
    const customer = customerById.get(o.customer_id) ?? customers[h % customers.length]!;
    const home = ref.customer(customer);
    const rows = itemsByOrder.get(o.order_id) ?? itemsByOrder.get(itemOrders[h % itemOrders.length]!)!;
    const seller = sellers.get(rows[0]!.seller_id);
    const origin = seller ? ref.seller(seller) : home;
    for (const line of lines(rows)) {
      ref.sold(line.sku_id, line.quantity);
      out.order_item_events.push({ t: purchase, value: { order_id: o.order_id, ...line, create_time: formatLocal(purchase) } });
    }
    lifecycle(o, purchase, customer.customer_unique_id, origin, home, h, out);
  }

  mkdirSync(join(outDir, 'reference'), { recursive: true });
  const records: Record<string, number> = {};
  for (const [topic, evs] of Object.entries(out)) {
    // Stable sort: events of one time keep the order they were produced in (an order's steps).
    evs.sort((a, b) => a.t - b.t);
    records[`${topic}.ndjson`] = write(join(outDir, `${topic}.ndjson`), evs.map((e) => e.value));
  }
  const updateTime = formatLocal(Number.isFinite(first) ? first - 24 * H : 0);
  for (const [table, rows] of Object.entries(ref.tables(updateTime))) {
    records[`reference/${table}.ndjson`] = write(join(outDir, 'reference', `${table}.ndjson`), rows);
  }
  return { records, orders: orders.length, timeZone: OLIST_TIME_ZONE };
}

/** Rows of one source order → item lines, one per product (quantity = its rows). */
function lines(rows: readonly OlistItem[]): { item_id: string; sku_id: string; quantity: number; price: number }[] {
  const byProduct = new Map<string, { item_id: string; sku_id: string; quantity: number; price: number }>();
  for (const r of rows) {
    const line = byProduct.get(r.product_id);
    if (line) line.quantity++;
    else byProduct.set(r.product_id, { item_id: r.order_item_id, sku_id: r.product_id, quantity: 1, price: Number(r.price) });
  }
  return [...byProduct.values()];
}

function lifecycle(o: OlistOrder, purchase: number, userId: string, origin: Area, home: Area, h: number, out: Record<Topic, Ev[]>): void {
  // A step is never dated before the one it follows (the sample has hand-overs dated before the
  // approval and deliveries before the hand-over); a delivery date counts only for delivered orders.
  const approved = atLeast(parseLocal(o.order_approved_at), purchase);
  const carrier = atLeast(parseLocal(o.order_delivered_carrier_date), approved ?? purchase);
  const delivered = o.order_status === 'delivered' ? atLeast(parseLocal(o.order_delivered_customer_date), carrier ?? approved ?? purchase) : undefined;
  const estimated = parseLocal(o.order_estimated_delivery_date);
  let prev: string | null = null;
  let last = purchase;
  const status = (s: string, t: number, extra: Record<string, unknown> = {}, by = 'system'): void => {
    const value: Record<string, unknown> = { order_id: o.order_id, user_id: userId, status: s, prev_status: prev, status_time: formatLocal(t) };
    if (approved !== undefined && s !== 'PENDING_PAYMENT') value.payment_time = formatLocal(approved);
    out.order_status_events.push({ t, value: { ...value, ...extra, operation_user: by } });
    prev = s;
    last = Math.max(last, t);
  };
  const carrierName = CARRIERS[h % CARRIERS.length]!;
  const scan = (s: string, t: number, at: Area): void => {
    out.logistics_events.push({
      t,
      value: {
        logistics_id: `L${o.order_id}`,
        order_id: o.order_id,
        status: s,
        status_time: formatLocal(t),
        location: at.area_id,
        courier_id: `${carrierName.slice(0, 3).toUpperCase()}-${String((h >>> 8) % 50 + 1).padStart(3, '0')}`,
        courier_name: carrierName,
      },
    });
  };

  const ext: Record<string, string> = { source: 'olist', olist_status: o.order_status };
  if (estimated !== undefined) ext.estimated_delivery = formatLocal(estimated);
  status('PENDING_PAYMENT', purchase, { ext_info: ext }, userId);
  if (approved !== undefined) {
    status('PAID', approved, {}, 'payment_gateway');
    const moved = carrier !== undefined || ['processing', 'invoiced', 'shipped', 'delivered'].includes(o.order_status);
    if (moved) status('PROCESSING', carrier !== undefined && carrier < approved + 1000 ? approved : approved + 1000, {}, 'seller');
  }
  if (carrier !== undefined) {
    status('SHIPPED', carrier, {}, 'seller');
    scan('DISPATCHED', carrier, origin);
    const trip = delivered !== undefined ? delivered - carrier : undefined;
    if (trip === undefined) scan('IN_TRANSIT', carrier + 12 * H, origin);
    else if (trip > 0) {
      // Derived scans: in transit a fifth of the way (at most a day after hand-over), out for
      // delivery for the last 15% of the trip (at most 8 h), in whole minutes.
      scan('IN_TRANSIT', carrier + Math.min(Math.round(trip * 0.2 / MIN) * MIN, 24 * H), origin);
      scan('OUT_FOR_DELIVERY', delivered! - Math.min(Math.round(trip * 0.15 / MIN) * MIN, 8 * H), home);
    }
  }
  if (delivered !== undefined) {
    scan('DELIVERED', delivered, home);
    status('DELIVERED', delivered, {}, carrierName);
  }
  if (o.order_status === 'canceled' || o.order_status === 'unavailable') {
    const reason = o.order_status === 'unavailable' ? { cancel_reason: 'stock_out' } : {};
    if (carrier !== undefined) status('REFUNDED', last + 24 * H, reason, 'olist_ops');
    else status('CANCELLED', last + 24 * H, reason, 'olist_ops');
  }
}

function atLeast(t: number | undefined, floor: number): number | undefined {
  return t === undefined ? undefined : Math.max(t, floor);
}

function write(path: string, rows: readonly Record<string, unknown>[]): number {
  const w = new NdjsonWriter(path);
  for (const r of rows) w.json(r);
  w.close();
  return w.lines;
}
