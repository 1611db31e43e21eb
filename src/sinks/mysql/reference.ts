// Reference data (SPEC §1, §13), as in sqlite/reference.ts: a seed fills only keys the store does
// not hold yet, so stock the ledger has moved is never reset by a restart, and the first seed of
// a SKU is kept in inventory_seed, the base of the ledger reconciliation (checks.ts).
import type { AreaInfo, ProductInfo, StockRow, UserAddress } from '../../engine/ports.js';
import type { RuleRow } from '../../engine/rules.js';
import { normalizeSeedRow, plainReferenceTables } from '../reference-seed.js';
import { rowDecoder } from '../row-codec.js';
import {
  INVENTORY_SEED, LOGISTICS_AREA_INFO, ORDER_PROCESSING_RULES, PRODUCT_INFO, PRODUCT_INVENTORY, USER_ADDRESS,
  type TableSchema,
} from '../schema.js';
import type { ReferenceSeed, ReferenceSnapshot, SeedCounts } from '../store.js';
import { selectIn, writeRows } from './chunks.js';
import { type Conn, rows } from './db.js';
import { MYSQL } from './dialect.js';
import { encoder } from './encode.js';
import { isDuplicateKey, TransientConflict } from './errors.js';
import { inList, insertOnceSql, insertSql, selectSql } from './sql.js';

type Row = Record<string, unknown>;

/** Seed rows may come straight from CSV (all text): each value is read as its column's kind. */
const existingSkusSql = (n: number) => `SELECT \`sku_id\` FROM \`product_inventory\` WHERE ${inList('sku_id', n)} FOR UPDATE`;

/** Inside the caller's transaction; returns the rows added per table. */
export async function seedReference(conn: Conn, seed: ReferenceSeed, now: number): Promise<SeedCounts> {
  // Stock: only SKUs not stored yet (the first row of each in the seed), and their ledger base.
  // The look-up locks the keys FOR UPDATE, so a concurrent seed of the same SKU waits for this one.
  const first = new Map<unknown, Row>();
  for (const raw of seed.product_inventory) {
    const row = normalizeSeedRow(PRODUCT_INVENTORY, raw, now);
    if (!first.has(row.sku_id)) first.set(row.sku_id, row);
  }
  const ids = [...first.keys()].filter((k) => k !== null);
  const stored = new Set((await selectIn(conn, existingSkusSql, ids)).map((r) => r[0]));
  const fresh = [...first.values()].filter((r) => !stored.has(r.sku_id));
  try {
    await writeRows(conn, (n) => insertSql(PRODUCT_INVENTORY, n), fresh.map(encoder<Row>(PRODUCT_INVENTORY)));
  } catch (err) {
    // Only if the look-up's locks did not hold (another isolation level): retry, and see the row.
    if (isDuplicateKey(err)) throw new TransientConflict('a SKU was seeded by another writer meanwhile', { cause: err });
    throw err;
  }
  await writeRows(conn, (n) => insertOnceSql(INVENTORY_SEED, n), fresh.map(encoder<Row>(INVENTORY_SEED)));
  const added: SeedCounts = { [PRODUCT_INVENTORY.name]: fresh.length };
  for (const [t, raws] of plainReferenceTables(seed)) {
    const encode = encoder<Row>(t);
    // The driver counts a kept duplicate as affected (FOUND_ROWS): the table's count tells.
    const before = await countRows(conn, t);
    await writeRows(conn, (n) => insertOnceSql(t, n), raws.map((r) => encode(normalizeSeedRow(t, r, now))));
    added[t.name] = (await countRows(conn, t)) - before;
  }
  return added;
}

async function countRows(conn: Conn, t: TableSchema): Promise<number> {
  return Number((await rows(conn, `SELECT COUNT(*) FROM \`${t.name}\``))[0]![0]);
}

async function all<T>(conn: Conn, t: TableSchema): Promise<T[]> {
  const decode = rowDecoder<T>(t, MYSQL);
  return (await rows(conn, selectSql(t))).map(decode);
}

export async function loadReference(conn: Conn): Promise<ReferenceSnapshot> {
  return {
    product_info: await all<ProductInfo>(conn, PRODUCT_INFO),
    user_address: await all<UserAddress>(conn, USER_ADDRESS),
    logistics_area_info: await all<AreaInfo>(conn, LOGISTICS_AREA_INFO),
    order_processing_rules: await all<RuleRow>(conn, ORDER_PROCESSING_RULES),
  };
}

const decodeStock = rowDecoder<StockRow>(PRODUCT_INVENTORY, MYSQL);
const stockSql = (n: number) => selectSql(PRODUCT_INVENTORY, PRODUCT_INVENTORY.columns, inList('sku_id', n));

export async function loadStock(conn: Conn, skuIds: readonly string[]): Promise<Map<string, StockRow>> {
  const out = new Map<string, StockRow>();
  for (const v of await selectIn(conn, stockSql, [...new Set(skuIds)])) {
    const row = decodeStock(v);
    out.set(row.sku_id, row);
  }
  return out;
}

export async function allStock(conn: Conn): Promise<StockRow[]> {
  return (await rows(conn, selectSql(PRODUCT_INVENTORY))).map(decodeStock);
}

/** CHECKSUM TABLE of the reference tables the engine reads (MySQL and MariaDB both have it). */
export async function referenceFingerprint(conn: Conn): Promise<string> {
  // Not a prepared statement: CHECKSUM TABLE is outside the binary protocol's statements.
  const [sums] = await conn.query({ sql: `CHECKSUM TABLE ${[PRODUCT_INFO, USER_ADDRESS, LOGISTICS_AREA_INFO, ORDER_PROCESSING_RULES].map((t) => t.name).join(', ')}`, rowsAsArray: true });
  return (sums as unknown[][]).map((r) => String(r[1])).join(':');
}
