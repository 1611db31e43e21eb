// The NDJSON export (SPEC §13), byte for byte what the SQLite store writes (sqlite/export.ts):
// one `<table>.ndjson` per output table, every file written even when empty, rows in key order
// (binary collation: the same order as SQLite's), exactly the exported columns, anomalies with
// the operators' decisions laid over. Read in one consistent snapshot while writers go on, a page
// at a time by key (never OFFSET: each page is an index range), through the binary protocol so
// that DOUBLEs arrive exact.
import { prepareOutDir } from '../out-paths.js';
import { join } from 'node:path';
import { NdjsonFile } from '../sqlite/ndjson-file.js';
import { ABNORMAL_ORDER_HANDLING, type Column, EXPORTED_TABLES, exportedColumns, type TableSchema } from '../schema.js';
import { type Conn, type MysqlDb, rows } from './db.js';
import { fromDatetime, q } from './dialect.js';
import { anomalyOverlaySql } from './decisions.js';
import { columnList } from './sql.js';

const PAGE = 10_000;

interface Pages {
  /** The page after the row whose key values are `after` (undefined: the first page). */
  sql(after: boolean): string;
  /** Where the key columns are in a selected row. */
  keyAt: number[];
}

/** `k1 > ? OR (k1 = ? AND k2 > ?) OR …`, the rows after a key in key order; its bind order in `keysetParams`. */
function keysetWhere(key: readonly string[], alias: string): string {
  const col = (k: string) => `${alias}${q(k)}`;
  return key
    .map((k, i) => `(${[...key.slice(0, i).map((p) => `${col(p)} = ?`), `${col(k)} > ?`].join(' AND ')})`)
    .join(' OR ');
}

function keysetParams(after: readonly unknown[]): unknown[] {
  return after.flatMap((_, i) => after.slice(0, i + 1));
}

function pages(t: TableSchema, columns: readonly Column[]): Pages {
  const names = columns.map((c) => c.name);
  if (t === ABNORMAL_ORDER_HANDLING) {
    return {
      sql: (after) => anomalyOverlaySql({ where: after ? keysetWhere(t.key, 'a.') : '', limit: PAGE }),
      keyAt: t.key.map((k) => names.indexOf(k)),
    };
  }
  // A key column that is not exported (a dead letter's position) is selected after the others.
  const hidden = t.columns.filter((c) => t.key.includes(c.name) && !names.includes(c.name));
  const all = [...columns, ...hidden];
  const select = `SELECT ${columnList(all)} FROM ${q(t.name)}`;
  const order = ` ORDER BY ${t.key.map(q).join(', ')} LIMIT ${PAGE}`;
  return {
    sql: (after) => `${select}${after ? ` WHERE ${keysetWhere(t.key, '')}` : ''}${order}`,
    keyAt: t.key.map((k) => all.findIndex((c) => c.name === k)),
  };
}

async function exportTable(conn: Conn, t: TableSchema, path: string): Promise<number> {
  const columns = exportedColumns(t);
  const times = columns.flatMap((c, i) => (c.kind === 'time' ? [i] : []));
  const { sql, keyAt } = pages(t, columns);
  const file = new NdjsonFile(path, columns);
  try {
    let after: unknown[] | undefined;
    for (;;) {
      const page = await rows(conn, sql(after !== undefined), after === undefined ? [] : keysetParams(after));
      for (const raw of page) {
        const values = raw.slice(0, columns.length);
        for (const i of times) if (values[i] !== null) values[i] = fromDatetime(values[i]);
        file.write(values);
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = keyAt.map((i) => last[i]);
    }
  } finally {
    file.close();
  }
  return file.rows;
}

export async function exportNdjson(db: MysqlDb, dir: string, skip: readonly string[] = []): Promise<Record<string, number>> {
  prepareOutDir(dir);
  return db.snapshot(async (conn) => {
    const counts: Record<string, number> = {};
    for (const t of EXPORTED_TABLES) {
      if (skip.includes(t.name)) continue;
      counts[t.name] = await exportTable(conn, t, join(dir, `${t.name}.ndjson`));
    }
    return counts;
  });
}
