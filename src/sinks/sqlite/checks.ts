// Consistency checks over the stored outputs (the `check` command and the golden tests):
// - stock-invariant: every SKU has total = available + frozen + locked, all ≥ 0 (SPEC §6);
// - op-once: no op_id twice, and the ledger reconciles: first seed + Σ deltas of the SUCCESS ops
//   = current stock, per SKU (a mismatch means an op applied twice, or lost);
// - data-quality-totals: Σ total_records per source_table = records read per topic (SPEC §2).
import type Database from 'better-sqlite3';
import type { CheckResult } from '../store.js';

const SHOWN = 5;

const BROKEN_STOCK = `
  SELECT sku_id FROM product_inventory
  WHERE total_stock <> available_stock + frozen_stock + locked_stock
     OR total_stock < 0 OR available_stock < 0 OR frozen_stock < 0 OR locked_stock < 0
  ORDER BY sku_id`;

const DUPLICATE_OPS = `SELECT op_id FROM inventory_update_results GROUP BY op_id HAVING COUNT(*) > 1 ORDER BY op_id`;

/** Every SKU that has a stock row, a seed or a successful op; expected vs actual (null: absent). */
const RECONCILE = `
  WITH d AS (
    SELECT sku_id, SUM(new_available_stock - prev_available_stock) AS da,
           SUM(new_frozen_stock - prev_frozen_stock) AS df
    FROM inventory_update_results WHERE status = 'SUCCESS' GROUP BY sku_id
  ), skus AS (
    SELECT sku_id FROM product_inventory UNION SELECT sku_id FROM inventory_seed UNION SELECT sku_id FROM d
  )
  SELECT k.sku_id,
    s.available_stock + COALESCE(d.da, 0), p.available_stock,
    s.frozen_stock + COALESCE(d.df, 0), p.frozen_stock,
    s.total_stock + COALESCE(d.da, 0) + COALESCE(d.df, 0), p.total_stock,
    s.locked_stock, p.locked_stock
  FROM skus k
  LEFT JOIN product_inventory p ON p.sku_id = k.sku_id
  LEFT JOIN inventory_seed s ON s.sku_id = k.sku_id
  LEFT JOIN d ON d.sku_id = k.sku_id
  ORDER BY k.sku_id`;

const DQ_TOTALS = `
  WITH dq AS (SELECT source_table AS topic, SUM(total_records) AS n FROM data_quality_metrics GROUP BY source_table),
       topics AS (SELECT topic FROM dq UNION SELECT topic FROM read_totals)
  SELECT t.topic, COALESCE(dq.n, 0), COALESCE(r.records, 0)
  FROM topics t LEFT JOIN dq ON dq.topic = t.topic LEFT JOIN read_totals r ON r.topic = t.topic
  ORDER BY t.topic`;

function result(name: string, bad: string[], what: string, okDetail: string): CheckResult {
  if (bad.length === 0) return { name, ok: true, detail: okDetail };
  const shown = bad.slice(0, SHOWN).join('; ');
  const more = bad.length > SHOWN ? ` (and ${bad.length - SHOWN} more)` : '';
  return { name, ok: false, detail: `${bad.length} ${what}: ${shown}${more}` };
}

export function runChecks(db: Database.Database): CheckResult[] {
  return db.transaction(() => [stockInvariant(db), opOnce(db), dataQualityTotals(db)])();
}

function stockInvariant(db: Database.Database): CheckResult {
  const bad = db.prepare(BROKEN_STOCK).pluck(true).all() as string[];
  const skus = db.prepare('SELECT COUNT(*) FROM product_inventory').pluck(true).get() as number;
  return result('stock-invariant', bad, 'SKU(s) break total = available + frozen + locked ≥ 0', `${skus} SKUs hold`);
}

function opOnce(db: Database.Database): CheckResult {
  const bad = (db.prepare(DUPLICATE_OPS).pluck(true).all() as string[]).map((id) => `op_id ${id} recorded twice`);
  const names = ['available', 'frozen', 'total', 'locked'];
  for (const v of db.prepare(RECONCILE).raw(true).iterate() as IterableIterator<unknown[]>) {
    const diffs: string[] = [];
    for (let i = 0; i < names.length; i++) {
      const expected = v[1 + 2 * i];
      const actual = v[2 + 2 * i];
      if (expected !== actual) diffs.push(`${names[i]} ${fmt(actual)}, expected ${fmt(expected)}`);
    }
    if (diffs.length > 0) bad.push(`SKU ${String(v[0])}: ${diffs.join(', ')}`);
  }
  const ops = db.prepare('SELECT COUNT(*) FROM inventory_update_results').pluck(true).get() as number;
  return result('op-once', bad, 'ledger mismatch(es)', `${ops} ops, each once; stock reconciles with the ledger`);
}

function dataQualityTotals(db: Database.Database): CheckResult {
  const bad: string[] = [];
  let total = 0;
  for (const [topic, dq, read] of db.prepare(DQ_TOTALS).raw(true).iterate() as IterableIterator<[string, number, number]>) {
    total += read;
    if (dq !== read) bad.push(`${topic}: data quality counts ${dq}, read ${read}`);
  }
  return result('data-quality-totals', bad, 'topic(s) differ', `${total} records read, all counted`);
}

function fmt(v: unknown): string {
  return v === null || v === undefined ? 'none' : String(v);
}
