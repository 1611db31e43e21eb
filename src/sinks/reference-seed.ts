// What both stores do with a reference seed before writing it (SPEC §13: NDJSON or CSV files).
import { coerceLoose } from './row-codec.js';
import { LOGISTICS_AREA_INFO, ORDER_PROCESSING_RULES, PRODUCT_INFO, USER_ADDRESS, type TableSchema } from './schema.js';
import type { ReferenceSeed } from './store.js';

/** Seed rows may come straight from CSV (all text): each value is read as its column's kind; a missing update_time is `now`. */
export function normalizeSeedRow(t: TableSchema, raw: object, now: number): Record<string, unknown> {
  const src = raw as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const c of t.columns) row[c.name] = coerceLoose(t, c, src[c.name]);
  if ('update_time' in row && row.update_time === null) row.update_time = now;
  return row;
}

/** The reference tables other than stock (which also seeds the ledger's base), with the seed's rows. */
export function plainReferenceTables(seed: ReferenceSeed): [TableSchema, readonly object[]][] {
  return [
    [PRODUCT_INFO, seed.product_info],
    [USER_ADDRESS, seed.user_address],
    [LOGISTICS_AREA_INFO, seed.logistics_area_info],
    [ORDER_PROCESSING_RULES, seed.order_processing_rules],
  ];
}
