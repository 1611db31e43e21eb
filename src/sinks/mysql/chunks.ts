// Many rows, few statement shapes. Rows go CHUNK at a time in multi-row statements, and the rest
// in pieces whose sizes are powers of two: each table then has at most 9 statement shapes, so the
// server-side prepared statements stay few (max_prepared_stmt_count is server-wide, 16382 by
// default) while a commit of n rows takes about n / CHUNK round trips. A statement is also cut
// when its values near MAX_BYTES, well under max_allowed_packet (MySQL 5.7: 4 MiB).
import type { Conn } from './db.js';
import { rows as query, run } from './db.js';

/** Rows per statement: at 256 the statement cost is dominated by the rows, not the round trip. */
export const CHUNK = 256;
export const MAX_BYTES = 2 * 1024 * 1024;

/** A generous upper bound of a value's bytes on the wire (UTF-8 is at most 3 bytes per UTF-16 unit). */
function bytes(v: unknown): number {
  return typeof v === 'string' ? 3 * v.length + 4 : 9;
}

/** The row count of each statement that writes these rows, in order. */
export function statementSizes(rows: readonly (readonly unknown[])[]): number[] {
  const sizes: number[] = [];
  let n = 0;
  let size = 0;
  const flush = () => {
    for (let bit = CHUNK; bit >= 1; bit >>= 1) if (n & bit) sizes.push(bit);
    n = 0;
    size = 0;
  };
  for (const row of rows) {
    let b = 0;
    for (const v of row) b += bytes(v);
    if (n > 0 && size + b > MAX_BYTES) flush();
    n++;
    size += b;
    if (n === CHUNK) flush();
  }
  if (n > 0) flush();
  return sizes;
}

/** Writes encoded rows with `sql(n)` for n rows; returns the summed affectedRows. */
export async function writeRows(conn: Conn, sql: (n: number) => string, encoded: readonly (readonly unknown[])[]): Promise<number> {
  let affected = 0;
  let i = 0;
  for (const n of statementSizes(encoded)) {
    const params: unknown[] = [];
    for (let j = i; j < i + n; j++) params.push(...encoded[j]!);
    affected += (await run(conn, sql(n), params)).affectedRows;
    i += n;
  }
  return affected;
}

/** Runs `sql(n)` (a query with n placeholders, e.g. `… IN (?, …)`) over the values in pieces; all rows. */
export async function selectIn(conn: Conn, sql: (n: number) => string, values: readonly unknown[]): Promise<unknown[][]> {
  const out: unknown[][] = [];
  let i = 0;
  for (const n of statementSizes(values.map((v) => [v]))) {
    out.push(...(await query(conn, sql(n), values.slice(i, i + n))));
    i += n;
  }
  return out;
}
