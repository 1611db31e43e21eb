// One output row as JSON text, exactly as its NDJSON line (SPEC §13; sqlite/ndjson-file.ts):
// the table's exported columns in schema order, times as ISO-8601 UTC with milliseconds,
// booleans true/false, absent values null. ndjson-file.ts writes straight into a file buffer,
// so this is the small per-row form of the same format for a message value.
import { formatTime } from '../../engine/time/timestamp.js';
import { exportedColumns, type TableSchema } from '../schema.js';

export type RowJson = (row: object) => string;

/** A formatter for rows of `table` (engine form: times epoch ms). */
export function rowJson(table: TableSchema): RowJson {
  const columns = exportedColumns(table);
  return (row) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const v = r[c.name];
      out[c.name] = v === undefined || v === null ? null : c.kind === 'time' ? formatTime(v as number) : v;
    }
    return JSON.stringify(out);
  };
}
