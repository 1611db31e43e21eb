// Reading the Olist sample (see /work/shared/data/olist/README.md): five CSV files with a header
// row. Times are Brazil local wall-clock `M/D/YYYY H:mm` with no zone and no seconds; we keep them
// as local wall-clock (epoch ms of the same digits read as UTC) and write them back without a zone,
// so a replay must be told `--time-zone America/Sao_Paulo`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface OlistOrder {
  order_id: string;
  customer_id: string;
  order_status: string;
  order_purchase_timestamp: string;
  order_approved_at: string;
  order_delivered_carrier_date: string;
  order_delivered_customer_date: string;
  order_estimated_delivery_date: string;
}
export interface OlistItem {
  order_id: string;
  order_item_id: string;
  product_id: string;
  seller_id: string;
  price: string;
}
export interface OlistCustomer {
  customer_id: string;
  customer_unique_id: string;
  customer_zip_code_prefix: string;
  customer_city: string;
  customer_state: string;
}
export interface OlistProduct {
  product_id: string;
  product_category_name: string;
  product_photos_qty: string;
}
export interface OlistSeller {
  seller_id: string;
  seller_zip_code_prefix: string;
  seller_city: string;
  seller_state: string;
}

export function readCsv<T>(dir: string, name: string): T[] {
  return parse(readFileSync(join(dir, name)), { columns: true, skip_empty_lines: true, trim: true }) as T[];
}

const US_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `M/D/YYYY H:mm` → wall-clock ms (the digits read as UTC); undefined when empty or unreadable. */
export function parseLocal(s: string): number | undefined {
  const m = US_TIME.exec(s.trim());
  if (!m) return undefined;
  return Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!, m[6] === undefined ? 0 : +m[6]);
}

/** Wall-clock ms → `YYYY-MM-DD HH:mm:ss` (no zone). */
export function formatLocal(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** Zip prefixes lost their leading zero in the CSV (`9790` is `09790`). */
export function zip5(s: string): string {
  return s.trim().padStart(5, '0');
}

/** FNV-1a, 32 bit: a stable hash for deterministic draws keyed by an id. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
