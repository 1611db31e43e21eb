// The NDJSON export (SPEC §13): one `<table>.ndjson` per output table, every file written even when
// empty, rows sorted by key, exactly the exported columns. Read in one transaction, so the files
// are one consistent snapshot even while a runtime keeps committing through WAL.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { prepareOutDir } from '../out-paths.js';
import { ABNORMAL_ORDER_HANDLING, EXPORTED_TABLES, exportedColumns, type TableSchema } from '../schema.js';
import { anomalyOverlaySql } from './decisions.js';
import { writeNdjson } from './ndjson-file.js';
import { selectSql } from './sql.js';

function querySql(t: TableSchema): string {
  // Anomalies are exported as operators see them: engine rows with the decisions laid over.
  return t === ABNORMAL_ORDER_HANDLING ? anomalyOverlaySql() : selectSql(t, exportedColumns(t));
}

export function exportNdjson(db: Database.Database, dir: string, skip: readonly string[] = []): Record<string, number> {
  prepareOutDir(dir);
  const counts: Record<string, number> = {};
  db.transaction(() => {
    for (const t of EXPORTED_TABLES) {
      if (skip.includes(t.name)) continue;
      const rows = db.prepare(querySql(t)).raw(true).iterate() as IterableIterator<unknown[]>;
      try {
        counts[t.name] = writeNdjson(join(dir, `${t.name}.ndjson`), exportedColumns(t), rows);
      } finally {
        // A file that cannot be written leaves the query open, and an open query keeps the store from closing.
        rows.return?.();
      }
    }
  })();
  return counts;
}
