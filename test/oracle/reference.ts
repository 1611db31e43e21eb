// Oracle: the reference tables of a source directory (`reference/<table>.ndjson` or `.csv` with a
// header; SPEC §1, §13; README "File formats"). Ids are trimmed text, empty values are null
// (docs/semantics.md). A missing available_stock is total − frozen − locked.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from './input.js';
import { parseTimestamp } from './time.js';

export interface StockRow {
  product_id: string | null;
  sku_id: string;
  total: number;
  available: number;
  frozen: number;
  locked: number;
  update_time: number | null;
}

export interface ProductInfo {
  sku_id: string;
  category: string | null;
}

export interface Address {
  user_id: string;
  address_id: string;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  is_default: boolean;
}

export interface Area {
  area_id: string;
  province: string | null;
  city: string | null;
  district: string | null;
  warehouse_id: string | null;
}

export interface Reference {
  inventory: StockRow[];
  productInfo: Map<string, ProductInfo>;
  addresses: Address[];
  areas: Area[];
}

/** RFC 4180, with blanks around a cell dropped (docs/semantics.md); blanks inside quotes stay. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const end = () => {
    row.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (!wasQuoted) field = '';
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') end();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      end();
      rows.push(row);
      row = [];
    } else if (!(wasQuoted && (c === ' ' || c === '\t'))) field += c;
  }
  if (field !== '' || row.length > 0) {
    end();
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

function readTable(dir: string, name: string): Record<string, unknown>[] {
  const nd = join(dir, 'reference', `${name}.ndjson`);
  const csv = join(dir, 'reference', `${name}.csv`);
  if (existsSync(nd)) return readLines(nd).map((l) => JSON.parse(l.text) as Record<string, unknown>);
  if (existsSync(csv)) {
    let text = readFileSync(csv, 'utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    const [header, ...rows] = parseCsv(text);
    if (!header) return [];
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i]])));
  }
  return [];
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** Non-id text: as given, empty → null (compared trimmed where the SPEC says so). */
function plain(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s === '' ? null : s;
}

function num(v: unknown): number | null {
  const s = text(v);
  return s === null ? null : Number(s);
}

function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = text(v)?.toLowerCase();
  return s === 'true' || s === '1' || s === 'yes' || s === 'y' || s === 't';
}

export function readReference(dir: string, zone: string): Reference {
  const inventory: StockRow[] = [];
  const seen = new Set<string>();
  for (const r of readTable(dir, 'product_inventory')) {
    const sku = text(r.sku_id);
    if (sku === null || seen.has(sku)) continue;
    seen.add(sku);
    const frozen = num(r.frozen_stock) ?? 0;
    const locked = num(r.locked_stock) ?? 0;
    let total = num(r.total_stock);
    let available = num(r.available_stock);
    if (available === null) available = (total ?? 0) - frozen - locked;
    if (total === null) total = available + frozen + locked;
    const ut = text(r.update_time);
    inventory.push({
      product_id: text(r.product_id),
      sku_id: sku,
      total,
      available,
      frozen,
      locked,
      update_time: ut === null ? null : (parseTimestamp(typeof r.update_time === 'number' ? r.update_time : ut, zone) ?? null),
    });
  }
  const productInfo = new Map<string, ProductInfo>();
  for (const r of readTable(dir, 'product_info')) {
    const sku = text(r.sku_id);
    if (sku === null || productInfo.has(sku)) continue;
    productInfo.set(sku, { sku_id: sku, category: plain(r.category) });
  }
  const addresses: Address[] = readTable(dir, 'user_address').map((r) => ({
    user_id: text(r.user_id) ?? '',
    address_id: text(r.address_id) ?? '',
    province: plain(r.province),
    city: plain(r.city),
    district: plain(r.district),
    address: plain(r.address),
    is_default: bool(r.is_default),
  }));
  const areas: Area[] = readTable(dir, 'logistics_area_info').map((r) => ({
    area_id: text(r.area_id) ?? '',
    province: plain(r.province),
    city: plain(r.city),
    district: plain(r.district),
    warehouse_id: text(r.warehouse_id),
  }));
  return { inventory, productInfo, addresses, areas };
}

/** Id order of SPEC §7: integer ids first, by value, then the others as text. */
export function compareIds(a: string, b: string): number {
  const ia = /^[+-]?\d+$/.test(a);
  const ib = /^[+-]?\d+$/.test(b);
  if (ia && ib) {
    const x = BigInt(a);
    const y = BigInt(b);
    if (x !== y) return x < y ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (ia) return -1;
  if (ib) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
