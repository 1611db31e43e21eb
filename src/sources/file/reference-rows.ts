// Reference rows as seed files give them (SPEC §1, §13), coerced to the store's shapes. Each
// table file's row is a flat object (an NDJSON line, or a CSV record keyed by its header):
//   - ids are text: a JSON number becomes its decimal text; surrounding spaces are trimmed;
//   - other text is kept as written (a CSV cell without the blanks around it); "" (an empty CSV
//     cell) and null are null;
//   - stock figures are integers ≥ 0 (a number or a digit string); frozen_stock and locked_stock
//     default to 0, total_stock to available + frozen + locked, available_stock to
//     total − frozen − locked; a total that differs from that sum is an error (SPEC §6 invariant);
//   - is_default: true/1/"true"/"1"/"yes" or false/0/"false"/"0"/"no" (any case); absent: false;
//   - times: a timestamp (SPEC §1) or a digit string of epoch ms; absent: null.
// order_processing_rules rows keep their columns as written (empty → null), with rule_id as text,
// priority as an integer and the four times as epoch ms: the rules module reads the rest.
import type { AreaInfo, ProductInfo, StockRow, UserAddress } from '../../engine/ports.js';
import { parseTimeLoose, type TimeZone } from '../../engine/time/timestamp.js';
import { MAX_ID_LENGTH } from '../../engine/validate.js';

export type Row = Record<string, unknown>;

/** Thrown by a converter; the reader adds file and line. */
export class RowError extends Error {}

const DIGITS = /^\+?\d+$/;
/** Spreadsheet exports write flags many ways: any case of these. */
const TRUE = new Set(['true', 't', '1', 'yes', 'y']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n']);

function absent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function shown(v: unknown): string {
  return JSON.stringify(v);
}

function text(row: Row, col: string): string | null {
  const v = row[col];
  if (absent(v)) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new RowError(`column ${col} must be text, got ${shown(v)}`);
}

function id(row: Row, col: string): string | null {
  const t = text(row, col)?.trim();
  if (t === undefined || t === '') return null;
  // As in the events (validate.ts): the store's tables hold ids of up to MAX_ID_LENGTH.
  if (t.length > MAX_ID_LENGTH) throw new RowError(`column ${col} is longer than ${MAX_ID_LENGTH} characters, the longest id the store holds`);
  return t;
}

function key(row: Row, col: string): string {
  const t = id(row, col);
  if (t === null) throw new RowError(`the key column ${col} is missing or empty`);
  return t;
}

function count(row: Row, col: string): number | undefined {
  const v = row[col];
  if (absent(v)) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && DIGITS.test(v.trim())) {
    const n = Number(v.trim());
    if (Number.isSafeInteger(n)) return n;
  }
  throw new RowError(`column ${col} must be an integer ≥ 0, got ${shown(v)}`);
}

function flag(row: Row, col: string): boolean {
  const v = row[col];
  if (absent(v)) return false;
  if (typeof v === 'boolean') return v;
  const t = typeof v === 'number' || typeof v === 'string' ? String(v).trim().toLowerCase() : undefined;
  if (t !== undefined && TRUE.has(t)) return true;
  if (t !== undefined && FALSE.has(t)) return false;
  throw new RowError(`column ${col} must be true/false, 1/0 or yes/no (or Y/N, T/F), got ${shown(v)}`);
}

function time(row: Row, col: string, tz: TimeZone): number | null {
  const v = row[col];
  if (absent(v)) return null;
  const t = parseTimeLoose(typeof v === 'string' && DIGITS.test(v.trim()) ? Number(v.trim()) : v, tz);
  if (t === undefined) throw new RowError(`column ${col} is not a timestamp, got ${shown(v)}`);
  return t;
}

/**
 * Each table's columns but its keys, with what a row without the column reads (as coerced below):
 * a CSV header that lacks some is told (reference-files.ts). update_time is left out (a seed
 * stamps the rows that carry none, and the README's layout has none); rule_type is never read.
 */
export const OPTIONAL_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  product_inventory: {
    product_id: 'null',
    total_stock: 'available + frozen + locked',
    available_stock: 'total − frozen − locked',
    frozen_stock: '0',
    locked_stock: '0',
  },
  product_info: { product_id: 'null', product_name: 'null', category: 'null (neither fresh nor digital)' },
  user_address: { province: 'null', city: 'null', district: 'null', address: 'null', is_default: 'false' },
  logistics_area_info: { province: 'null', city: 'null', district: 'null', warehouse_id: 'null' },
  order_processing_rules: {
    priority: '0',
    condition_expr: 'empty (every order)',
    action_expr: 'empty (the rule sets nothing and is left out)',
    effective_time: 'null (unbounded)',
    expire_time: 'null (unbounded)',
    status: 'null (not ACTIVE: never in force)',
  },
};

export function stockRow(row: Row, tz: TimeZone): StockRow {
  const sku_id = key(row, 'sku_id');
  const frozen = count(row, 'frozen_stock') ?? 0;
  const locked = count(row, 'locked_stock') ?? 0;
  let available = count(row, 'available_stock');
  let total = count(row, 'total_stock');
  if (available === undefined && total === undefined) throw new RowError('needs available_stock or total_stock');
  if (total === undefined) total = available! + frozen + locked;
  if (available === undefined) available = total - frozen - locked;
  if (available < 0 || total !== available + frozen + locked) {
    throw new RowError(`total_stock (${total}) must equal available_stock + frozen_stock + locked_stock`);
  }
  return {
    product_id: id(row, 'product_id'),
    sku_id,
    total_stock: total,
    available_stock: available,
    frozen_stock: frozen,
    locked_stock: locked,
    update_time: time(row, 'update_time', tz),
  };
}

export function productRow(row: Row): ProductInfo {
  return {
    sku_id: key(row, 'sku_id'),
    product_id: id(row, 'product_id'),
    product_name: text(row, 'product_name'),
    category: text(row, 'category'),
  };
}

export function addressRow(row: Row): UserAddress {
  return {
    user_id: key(row, 'user_id'),
    address_id: key(row, 'address_id'),
    province: text(row, 'province'),
    city: text(row, 'city'),
    district: text(row, 'district'),
    address: text(row, 'address'),
    is_default: flag(row, 'is_default'),
  };
}

export function areaRow(row: Row): AreaInfo {
  return {
    area_id: key(row, 'area_id'),
    province: text(row, 'province'),
    city: text(row, 'city'),
    district: text(row, 'district'),
    warehouse_id: id(row, 'warehouse_id'),
  };
}

const RULE_TIMES = ['effective_time', 'expire_time', 'create_time', 'update_time'];

export function ruleRow(row: Row, tz: TimeZone): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = v === '' ? null : v;
  out.rule_id = key(row, 'rule_id');
  if ('priority' in row) out.priority = count(row, 'priority') ?? null;
  for (const col of RULE_TIMES) if (col in row) out[col] = time(row, col, tz);
  return out;
}
