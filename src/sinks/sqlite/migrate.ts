// Opening the embedded database: pragmas for a single-writer streaming workload, then every
// schema table created if missing (idempotent, so opening an existing store changes nothing).
import Database from 'better-sqlite3';
import { ExternalError, UserError } from '../../errors.js';
import { TABLES } from '../schema.js';
import { createTableSql } from './sql.js';

/** Bumped when a table changes shape; a store written by a newer version is refused. */
export const SCHEMA_VERSION = 1;

const WAL_CHECKPOINT_BYTES = 40 * 1024 * 1024;
/** Setting a store up while another connection does the same (the demo's run and console) may meet a lock. */
const BUSY_RETRIES = 50;
const BUSY_PAUSE_MS = 100;

export function openDatabase(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (err) {
    throw new UserError(`cannot open store ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    setUp(db);
  } catch (err) {
    db.close();
    if (err instanceof UserError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new UserError(`${path} is not an ordertrack store (${(err as Error).message}): pass another --store path`, { cause: err });
    }
    throw new ExternalError(`cannot prepare store ${path}: ${(err as Error).message}`, false, { cause: err });
  }
  return db;
}

/**
 * Pragmas and schema. SQLite answers a lock it cannot wait for (switching to WAL while another
 * connection sets the same file up) with SQLITE_BUSY at once, whatever the busy timeout: the
 * whole set-up is tried again for a few seconds.
 */
function setUp(db: Database.Database): void {
  for (let attempt = 0; ; attempt++) {
    try {
      pragmas(db);
      migrate(db);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= BUSY_RETRIES) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, BUSY_PAUSE_MS);
    }
  }
}

function pragmas(db: Database.Database): void {
  // 8 KiB pages (default 4): fewer page splits and WAL frames per row, ~10% less commit time on
  // a 1M-record replay (16 KiB: no better). Takes effect only on a new database; a store
  // created with other pages keeps them.
  db.pragma('page_size = 8192');
  // WAL: readers (the console) never block the writer; NORMAL: a commit survives a process crash,
  // only an OS crash may lose the last commits, which the checkpoint then replays.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // A 40 MB WAL between checkpoints (default 1000 pages): fewer checkpoint fsyncs, ~10% more
  // commits/s. Counted in pages, so set from the store's page size.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.ceil(WAL_CHECKPOINT_BYTES / pageSize)}`);
}

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new UserError(`store schema version ${version} is newer than this ordertrack (${SCHEMA_VERSION})`);
  }
  // Nothing to write when every table is there: opening a store takes no write lock.
  const have = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
  if (version === SCHEMA_VERSION && TABLES.every((t) => have.has(t.name))) return;
  // A database of something else: adding our tables to it would mix two programs' data.
  if (version === 0 && have.size > 0 && !TABLES.some((t) => have.has(t.name))) {
    throw new UserError(`${db.name} is an SQLite database of something else (tables ${[...have].slice(0, 3).join(', ')}${have.size > 3 ? ', …' : ''}), not an ordertrack store: pass another --store path`);
  }
  db.transaction(() => {
    for (const t of TABLES) db.exec(createTableSql(t));
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
