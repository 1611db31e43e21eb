// data_quality_metrics is additive per (metric_time, source_table) (SPEC §2, §4): several commits,
// or several partitions, may each bring part of one minute. Counts and the hidden sums add up; the
// average and the error rate are recomputed from the totals, never averaged.
import { DATA_QUALITY_METRICS } from '../schema.js';
import { q, valuesSql } from './sql.js';

const ADDITIVE = [
  'total_records',
  'null_order_id_count',
  'late_records_count',
  'schema_violation_count',
  'duplicate_count',
  'processing_time_sum',
  'processing_time_count',
];

/** In an upsert's SET, a bare column is the stored value, `excluded.x` the new row's. */
function sum(col: string): string {
  return `(${q(col)} + excluded.${q(col)})`;
}

/** `rows` rows at once; rows of one minute in one statement add up in order, as separate upserts. */
export function dataQualityUpsertSql(rows = 1): string {
  const t = DATA_QUALITY_METRICS;
  const cols = t.columns.map((c) => q(c.name)).join(', ');
  const sets = ADDITIVE.map((c) => `${q(c)} = ${sum(c)}`);
  sets.push(
    `"avg_processing_time" = CASE WHEN ${sum('processing_time_count')} > 0 ` +
      `THEN CAST(${sum('processing_time_sum')} AS REAL) / ${sum('processing_time_count')} END`,
    `"error_rate" = CASE WHEN ${sum('total_records')} > 0 ` +
      `THEN CAST(${sum('schema_violation_count')} AS REAL) / ${sum('total_records')} ELSE 0 END`,
  );
  return (
    `INSERT INTO ${q(t.name)} (${cols}) ${valuesSql(t, rows)} ` +
    `ON CONFLICT (${t.key.map(q).join(', ')}) DO UPDATE SET ${sets.join(', ')}`
  );
}
