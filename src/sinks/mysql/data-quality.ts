// data_quality_metrics is additive per (metric_time, source_table) (SPEC §2, §4), as in the
// SQLite store (sqlite/data-quality.ts): counts and the hidden sums add up, and the average and
// the error rate are recomputed from the totals. MySQL evaluates the SET assignments of
// ON DUPLICATE KEY UPDATE left to right, each seeing the columns already assigned (db.ts keeps
// MariaDB's SIMULTANEOUS_ASSIGNMENT off), so the two ratios come last and read the new sums.
// `x * 1e0` makes the division a DOUBLE one, as SQLite's CAST(x AS REAL): integer division in
// MySQL gives a DECIMAL rounded to 4 places.
import type { DataQualityRow } from '../../engine/types.js';
import { DATA_QUALITY_METRICS } from '../schema.js';
import { q } from './dialect.js';
import { type Derived } from './encode.js';
import { columnList, marks } from './sql.js';

const ADDITIVE = [
  'total_records', 'null_order_id_count', 'late_records_count', 'schema_violation_count', 'duplicate_count',
  'processing_time_sum', 'processing_time_count',
];

/** A new row's ratios come from its own sums (whatever the row carried), as the upsert computes them. */
export const DATA_QUALITY_DERIVED: Derived<DataQualityRow> = {
  avg_processing_time: (r) => (r.processing_time_count > 0 ? r.processing_time_sum / r.processing_time_count : null),
  error_rate: (r) => (r.total_records > 0 ? r.schema_violation_count / r.total_records : 0),
};

export function dataQualityUpsertSql(rows = 1): string {
  const t = DATA_QUALITY_METRICS;
  const sets = ADDITIVE.map((c) => `${q(c)} = ${q(c)} + VALUES(${q(c)})`);
  sets.push(
    `${q('avg_processing_time')} = CASE WHEN ${q('processing_time_count')} > 0 ` +
      `THEN (${q('processing_time_sum')} * 1e0) / ${q('processing_time_count')} END`,
    `${q('error_rate')} = CASE WHEN ${q('total_records')} > 0 ` +
      `THEN (${q('schema_violation_count')} * 1e0) / ${q('total_records')} ELSE 0 END`,
  );
  const values = new Array<string>(rows).fill(`(${marks(t.columns.length)})`).join(', ');
  return `INSERT INTO ${q(t.name)} (${columnList(t.columns)}) VALUES ${values} ON DUPLICATE KEY UPDATE ${sets.join(', ')}`;
}
