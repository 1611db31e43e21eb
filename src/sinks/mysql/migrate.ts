// Applying the numbered migrations (migrations/): the ones a database has not recorded in
// schema_migrations run in order, each recorded once it completed. Safe to run again, and from
// two processes at once (a named server lock serialises them). A database whose recorded version
// is newer than this code knows is refused: migrations only go forward, and old code must not
// write into a schema it does not understand.
import { ExternalError, UserError } from '../../errors.js';
import { type Conn, type MysqlDb, rows, run } from './db.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';

/** The bookkeeping table itself, created before anything is read from it (frozen, like a migration). */
const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS \`schema_migrations\` (
  \`version\` INT NOT NULL,
  \`name\` VARCHAR(255) NOT NULL,
  \`applied_at\` DATETIME(3) NOT NULL,
  PRIMARY KEY (\`version\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

/** Migrations name MariaDB's binary NO PAD collation; MySQL 8 calls its equivalent this. */
const MARIADB_COLLATION = 'utf8mb4_nopad_bin';
const MYSQL_COLLATION = 'utf8mb4_0900_bin';

export interface MigrateResult {
  /** Names of the migrations applied now, in order (empty: the database was up to date). */
  applied: string[];
  version: number;
}

export async function migrate(db: MysqlDb, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  const known = migrations[migrations.length - 1]?.version ?? 0;
  return db.read(async (conn) => {
    const lock = `ordertrack.migrate.${db.database}`.slice(0, 64);
    const [[got]] = (await rows(conn, 'SELECT GET_LOCK(?, ?)', [lock, 30])) as [[number | null]];
    if (got !== 1) throw new ExternalError(`another process is migrating ${db.display}: wait for it to finish, then run again`, true);
    try {
      await conn.query(BOOTSTRAP);
      const done = new Set((await rows(conn, 'SELECT `version` FROM `schema_migrations`')).map((r) => Number(r[0])));
      const recorded = Math.max(0, ...done);
      if (recorded > known) throw tooNew(db, recorded, known);
      const collation = await binaryCollation(conn, db);
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        for (const st of m.statements) {
          if (typeof st !== 'string') {
            const [[done]] = (await rows(conn, st.doneIf)) as [[number]];
            if (Number(done) > 0) continue;
          }
          await conn.query((typeof st === 'string' ? st : st.sql).replaceAll(MARIADB_COLLATION, collation));
        }
        await run(conn, 'INSERT INTO `schema_migrations` (`version`, `name`, `applied_at`) VALUES (?, ?, UTC_TIMESTAMP(3))', [m.version, m.name]);
        applied.push(m.name);
      }
      return { applied, version: Math.max(recorded, known) };
    } finally {
      await rows(conn, 'SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
    }
  });
}

/** The highest recorded migration (0 for a database never migrated). */
export async function schemaVersion(db: MysqlDb): Promise<number> {
  return db.read(async (conn) => {
    const [[exists]] = (await rows(
      conn,
      "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_migrations'",
    )) as [[number]];
    if (Number(exists) === 0) return 0;
    const [[v]] = (await rows(conn, 'SELECT MAX(`version`) FROM `schema_migrations`')) as [[number | null]];
    return v === null ? 0 : Number(v);
  });
}

/** Refuses a database this code cannot use as it is (for the store's open). */
export async function requireLatest(db: MysqlDb): Promise<void> {
  const v = await schemaVersion(db);
  if (v > LATEST_VERSION) throw tooNew(db, v, LATEST_VERSION);
  if (v < LATEST_VERSION) {
    throw new UserError(
      `${db.display} is at schema version ${v}, this ordertrack needs ${LATEST_VERSION}: run ordertrack db migrate --mysql ${db.display}`,
    );
  }
}

function tooNew(db: MysqlDb, recorded: number, known: number): UserError {
  return new UserError(
    `${db.display} is at schema version ${recorded}, newer than this ordertrack knows (${known}): upgrade ordertrack, migrations only go forward`,
  );
}

async function binaryCollation(conn: Conn, db: MysqlDb): Promise<string> {
  const [[version]] = (await rows(conn, 'SELECT VERSION()')) as [[string]];
  const name = /mariadb/i.test(version) ? MARIADB_COLLATION : MYSQL_COLLATION;
  const [[n]] = (await rows(conn, 'SELECT COUNT(*) FROM information_schema.COLLATIONS WHERE COLLATION_NAME = ?', [name])) as [[number]];
  if (Number(n) === 0) {
    throw new UserError(`${db.display} runs ${version}, which lacks the ${name} collation: ordertrack needs MySQL 8.0+ or MariaDB 10.2+`);
  }
  return name;
}
