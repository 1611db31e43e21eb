// Reference data (SPEC §1, §13): a seed fills only keys the store does not hold yet, so stock that
// the ledger has moved is never reset by a restart. The first seed of a SKU is also kept in
// inventory_seed, the base of the ledger reconciliation (checks.ts).
import type Database from 'better-sqlite3';
import type { AreaInfo, ProductInfo, StockRow, UserAddress } from '../../engine/ports.js';
import type { RuleRow } from '../../engine/rules.js';
import { normalizeSeedRow, plainReferenceTables } from '../reference-seed.js';
import { rowDecoder, rowEncoder } from '../row-codec.js';
import {
  INVENTORY_SEED, LOGISTICS_AREA_INFO, ORDER_PROCESSING_RULES, PRODUCT_INFO, PRODUCT_INVENTORY, USER_ADDRESS,
  type TableSchema,
} from '../schema.js';
import type { ReferenceSeed, ReferenceSnapshot, SeedCounts } from '../store.js';
import { insertIgnoreSql, selectSql } from './sql.js';

export class ReferenceTables {
  private readonly db: Database.Database;
  private readonly stockByKey: Database.Statement<unknown[]>;
  private readonly decodeStock = rowDecoder<StockRow>(PRODUCT_INVENTORY);

  constructor(db: Database.Database) {
    this.db = db;
    this.stockByKey = db.prepare(selectSql(PRODUCT_INVENTORY, PRODUCT_INVENTORY.columns, '"sku_id" = ?')).raw(true);
  }

  /** Inserts the rows whose key is not stored yet; returns how many per table. */
  seed(seed: ReferenceSeed, now: number): SeedCounts {
    const insert = (t: TableSchema) => {
      const stmt = this.db.prepare(insertIgnoreSql(t));
      const encode = rowEncoder(t);
      return (row: Record<string, unknown>) => stmt.run(encode(row)).changes === 1;
    };
    const added: SeedCounts = { [PRODUCT_INVENTORY.name]: 0 };
    this.db.transaction(() => {
      const stock = insert(PRODUCT_INVENTORY);
      const base = insert(INVENTORY_SEED);
      for (const raw of seed.product_inventory) {
        const row = normalizeSeedRow(PRODUCT_INVENTORY, raw, now);
        // The ledger's base is the stock actually stored, so only a row inserted now seeds it.
        if (stock(row)) {
          base(row);
          added[PRODUCT_INVENTORY.name]!++;
        }
      }
      for (const [t, rows] of plainReferenceTables(seed)) {
        const put = insert(t);
        let n = 0;
        for (const raw of rows) if (put(normalizeSeedRow(t, raw, now))) n++;
        added[t.name] = n;
      }
    })();
    return added;
  }

  load(): ReferenceSnapshot {
    return {
      product_info: this.all<ProductInfo>(PRODUCT_INFO),
      user_address: this.all<UserAddress>(USER_ADDRESS),
      logistics_area_info: this.all<AreaInfo>(LOGISTICS_AREA_INFO),
      order_processing_rules: this.all<RuleRow>(ORDER_PROCESSING_RULES),
    };
  }

  loadStock(skuId: string): StockRow | undefined {
    const v = this.stockByKey.get(skuId) as unknown[] | undefined;
    return v === undefined ? undefined : this.decodeStock(v);
  }

  allStock(): StockRow[] {
    return this.all<StockRow>(PRODUCT_INVENTORY);
  }

  private all<T>(t: TableSchema): T[] {
    const decode = rowDecoder<T>(t);
    return (this.db.prepare(selectSql(t)).raw(true).all() as unknown[][]).map(decode);
  }
}
