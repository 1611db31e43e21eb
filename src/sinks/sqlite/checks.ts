// The consistency checks (../checks.ts) on the embedded store, in one read transaction.
import type Database from 'better-sqlite3';
import { checkQueries, checkResults, type CheckRows } from '../checks.js';
import type { CheckResult } from '../store.js';

const QUERIES = checkQueries();

export function runChecks(db: Database.Database): CheckResult[] {
  return db.transaction(() => {
    const rows = {} as CheckRows;
    for (const [k, sql] of Object.entries(QUERIES)) rows[k as keyof CheckRows] = db.prepare(sql).raw(true).all() as unknown[][];
    return checkResults(rows);
  })();
}
