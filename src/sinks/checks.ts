// Consistency checks over the stored outputs, the same for every store (the `--check` flag, the
// golden tests and the store contract):
// - stock-invariant: every SKU has total = available + frozen + locked, all ≥ 0 (SPEC §6);
// - op-once: no op_id twice, and the ledger reconciles: first seed + Σ deltas of the SUCCESS ops
//   = current stock, per SKU (a mismatch means an op applied twice, or lost);
// - data-quality-totals: Σ total_records per source_table = records read per topic (SPEC §2).
// A store runs the queries of `checkQueries` in one consistent read and hands the rows to
// `checkResults`.
import type { CheckResult } from './store.js';

export interface CheckQueries {
  brokenStock: string;
  duplicateOps: string;
  reconcile: string;
  dqTotals: string;
  skus: string;
  ops: string;
}

/** `int` wraps a sum the driver would not return as an integer (MySQL: SUM gives a DECIMAL). */
export function checkQueries(int: (expr: string) => string = (e) => e): CheckQueries {
  return {
    brokenStock: `
      SELECT sku_id FROM product_inventory
      WHERE total_stock <> available_stock + frozen_stock + locked_stock
         OR total_stock < 0 OR available_stock < 0 OR frozen_stock < 0 OR locked_stock < 0
      ORDER BY sku_id`,
    duplicateOps: 'SELECT op_id FROM inventory_update_results GROUP BY op_id HAVING COUNT(*) > 1 ORDER BY op_id',
    // Every SKU that has a stock row, a seed or a successful op; expected vs actual (null: absent).
    reconcile: `
      WITH d AS (
        SELECT sku_id, SUM(new_available_stock - prev_available_stock) AS da,
               SUM(new_frozen_stock - prev_frozen_stock) AS df
        FROM inventory_update_results WHERE status = 'SUCCESS' GROUP BY sku_id
      ), skus AS (
        SELECT sku_id FROM product_inventory UNION SELECT sku_id FROM inventory_seed UNION SELECT sku_id FROM d
      )
      SELECT k.sku_id,
        ${int('s.available_stock + COALESCE(d.da, 0)')}, p.available_stock,
        ${int('s.frozen_stock + COALESCE(d.df, 0)')}, p.frozen_stock,
        ${int('s.total_stock + COALESCE(d.da, 0) + COALESCE(d.df, 0)')}, p.total_stock,
        s.locked_stock, p.locked_stock
      FROM skus k
      LEFT JOIN product_inventory p ON p.sku_id = k.sku_id
      LEFT JOIN inventory_seed s ON s.sku_id = k.sku_id
      LEFT JOIN d ON d.sku_id = k.sku_id
      ORDER BY k.sku_id`,
    dqTotals: `
      WITH dq AS (SELECT source_table AS topic, SUM(total_records) AS n FROM data_quality_metrics GROUP BY source_table),
           topics AS (SELECT topic FROM dq UNION SELECT topic FROM read_totals)
      SELECT t.topic, ${int('COALESCE(dq.n, 0)')}, COALESCE(r.records, 0)
      FROM topics t LEFT JOIN dq ON dq.topic = t.topic LEFT JOIN read_totals r ON r.topic = t.topic
      ORDER BY t.topic`,
    skus: 'SELECT COUNT(*) FROM product_inventory',
    ops: 'SELECT COUNT(*) FROM inventory_update_results',
  };
}

/** Each query's rows, as positional arrays. */
export type CheckRows = Record<keyof CheckQueries, unknown[][]>;

const SHOWN = 5;
const FIGURES = ['available', 'frozen', 'total', 'locked'];

export function checkResults(r: CheckRows): CheckResult[] {
  const brokenStock = r.brokenStock.map((v) => String(v[0]));
  const opOnce = r.duplicateOps.map((v) => `op_id ${String(v[0])} recorded twice`);
  for (const v of r.reconcile) {
    const diffs: string[] = [];
    for (let i = 0; i < FIGURES.length; i++) {
      const expected = v[1 + 2 * i];
      const actual = v[2 + 2 * i];
      if (expected !== actual) diffs.push(`${FIGURES[i]} ${fmt(actual)}, expected ${fmt(expected)}`);
    }
    if (diffs.length > 0) opOnce.push(`SKU ${String(v[0])}: ${diffs.join(', ')}`);
  }
  const dq: string[] = [];
  let read = 0;
  for (const [topic, counted, n] of r.dqTotals as [string, number, number][]) {
    read += n;
    if (counted !== n) dq.push(`${topic}: data quality counts ${counted}, read ${n}`);
  }
  const skus = Number(r.skus[0]![0]);
  const ops = Number(r.ops[0]![0]);
  return [
    result('stock-invariant', brokenStock, 'SKU(s) break total = available + frozen + locked ≥ 0', `${skus} SKUs hold`),
    result('op-once', opOnce, 'ledger mismatch(es)', `${ops} ops, each once; stock reconciles with the ledger`),
    result('data-quality-totals', dq, 'topic(s) differ', `${read} records read, all counted`),
  ];
}

function result(name: string, bad: string[], what: string, okDetail: string): CheckResult {
  if (bad.length === 0) return { name, ok: true, detail: okDetail };
  const shown = bad.slice(0, SHOWN).join('; ');
  const more = bad.length > SHOWN ? ` (and ${bad.length - SHOWN} more)` : '';
  return { name, ok: false, detail: `${bad.length} ${what}: ${shown}${more}` };
}

function fmt(v: unknown): string {
  return v === null || v === undefined ? 'none' : String(v);
}
