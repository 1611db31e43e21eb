// The consistency checks (../checks.ts) on MySQL, in one consistent snapshot. Sums are CAST to
// integers: MySQL's SUM gives a DECIMAL, which the driver returns as text.
import { checkQueries, checkResults, type CheckRows } from '../checks.js';
import type { CheckResult } from '../store.js';
import { type MysqlDb, rows } from './db.js';

const QUERIES = checkQueries((e) => `CAST(${e} AS SIGNED)`);

export function runChecks(db: MysqlDb): Promise<CheckResult[]> {
  return db.snapshot(async (conn) => {
    const out = {} as CheckRows;
    for (const [k, sql] of Object.entries(QUERIES)) out[k as keyof CheckRows] = await rows(conn, sql);
    return checkResults(out);
  });
}
