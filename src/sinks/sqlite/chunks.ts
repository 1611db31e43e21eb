// A table's rows are written CHUNK at a time: one n-row statement per chunk, bound by a generated
// chunk binder (binder.ts), and one statement for the rest of the rows. Statements for fewer rows
// are prepared on first use and kept, like the full one, for the life of the store.
import type Database from 'better-sqlite3';
import type { TableSchema } from '../schema.js';
import { type ChunkOptions, compileChunk, type RunChunk } from './binder.js';

/**
 * Rows per statement. Measured on the commits of a 1M-record replay (commit-bench.ts): 8–24 are
 * within noise of each other, ~15% less time than row by row; 32 is ~7% and 64 ~12% slower
 * than 16 again (larger programs, register files and bound-value copies per statement).
 */
export const CHUNK = 16;

export class ChunkedStatement<T extends object> {
  private readonly db: Database.Database;
  private readonly table: TableSchema;
  private readonly sql: (rows: number) => string;
  private readonly options: ChunkOptions<T>;
  private readonly pluck: boolean;
  private readonly binders: RunChunk<T>[] = [];

  /** `sql(n)` is the statement for n rows; `pluck` for a statement that returns one column. */
  constructor(db: Database.Database, table: TableSchema, sql: (rows: number) => string, options: ChunkOptions<T> = {}, pluck = false) {
    this.db = db;
    this.table = table;
    this.sql = sql;
    this.options = options;
    this.pluck = pluck;
  }

  /** The binder of n rows (1 ≤ n ≤ CHUNK), prepared on first use. */
  rows(n: number): RunChunk<T> {
    let run = this.binders[n];
    if (run === undefined) {
      const stmt = this.db.prepare<unknown[]>(this.sql(n));
      if (this.pluck) stmt.pluck(true);
      run = compileChunk(this.table, stmt, n, this.options);
      this.binders[n] = run;
    }
    return run;
  }

  /** Runs the statement over all the rows, in order. */
  all(rows: readonly T[]): void {
    const n = rows.length;
    let i = 0;
    if (n >= CHUNK) {
      const full = this.rows(CHUNK);
      for (; i + CHUNK <= n; i += CHUNK) full(rows, i);
    }
    if (i < n) this.rows(n - i)(rows, i);
  }
}
