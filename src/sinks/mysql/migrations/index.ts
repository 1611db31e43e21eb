// Every migration, in order. Append a new file here; never edit or reorder a released one.
import { INIT } from './001_init.js';
import { PARTITIONS } from './002_partitions.js';
import type { Migration } from './migration.js';

export type { Migration, Statement } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [INIT, PARTITIONS];

/** The schema version this code writes and reads. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
