// `ordertrack db migrate` and `ordertrack db seed`: set up a MySQL database for the MySQL store.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { mysqlUrlOf } from '../../config/load-config-file.js';
import { MysqlDb } from '../../sinks/mysql/db.js';
import { migrate } from '../../sinks/mysql/migrate.js';
import { MysqlStore } from '../../sinks/mysql/mysql-store.js';
import { loadReferenceDir } from '../../sources/file/reference-files.js';
import { EXIT_OK } from '../exit.js';
import { timeZoneOption } from '../options.js';

interface Io {
  stdout: NodeJS.WritableStream;
  /** The seed's update_time for stock rows that carry none (default: the wall clock). */
  now?: () => number;
}

/** Prints each migration it applied (`applied 001_init`), or that there was none to apply. */
export async function dbMigrate(flags: { mysql?: string }, io: Io): Promise<number> {
  const db = await MysqlDb.connect(mysqlUrlOf(flags, 'db migrate'));
  try {
    const { applied, version } = await migrate(db);
    if (applied.length === 0) io.stdout.write(`database is up to date (version ${version})\n`);
    for (const name of applied) io.stdout.write(`applied ${name}\n`);
    return EXIT_OK;
  } finally {
    await db.end();
  }
}

/** Seeds the reference tables from files (SPEC §13): a row already in the database is kept. */
export async function dbSeed(flags: { mysql?: string; reference: string; timeZone?: string }, io: Io): Promise<number> {
  const seed = loadReferenceDir(sourceDir(flags.reference), { timeZone: timeZoneOption(flags.timeZone) });
  const store = await MysqlStore.open(mysqlUrlOf(flags, 'db seed'));
  try {
    const added = await store.seedReference(seed, (io.now ?? Date.now)());
    const counts = Object.entries(seed).map(([table, rows]) => `${table} ${rows.length} read, ${added[table] ?? 0} new`).join('; ');
    io.stdout.write(`${counts}. Rows already in ${store.display} were kept.\n`);
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

/** `--reference` may name the `reference/` directory itself; the loader wants its parent. */
function sourceDir(dir: string): string {
  return basename(dir) === 'reference' && !existsSync(join(dir, 'reference')) ? dirname(dir) : dir;
}
