// The store contract on both stores (support/store-contract.ts): the embedded SQLite store behind
// its async adapter, and the MySQL store on a real MariaDB (support/mysql.ts), each test on a
// database of its own. Then what only the MySQL store has: migrations, connection errors that
// never show the password, transient errors retried inside, and the `db` commands.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbMigrate, dbSeed } from '../src/cli/commands/db.js';
import { ExternalError, InternalError, UserError } from '../src/errors.js';
import { MysqlDb } from '../src/sinks/mysql/db.js';
import { migrate } from '../src/sinks/mysql/migrate.js';
import { MysqlStore, type MysqlStoreOptions } from '../src/sinks/mysql/mysql-store.js';
import { type ColumnKind, TABLES } from '../src/sinks/schema.js';
import { asyncStore } from '../src/sinks/sqlite/async-adapter.js';
import { anomaly, batch, dataQuality, lifecycle, op, seed, stock, T0 } from '../src/sinks/sqlite/fixtures.js';
import { SqliteStore } from '../src/sinks/sqlite/sqlite-store.js';
import type { AsyncStore } from '../src/sinks/store.js';
import { createTestDatabase, HOST, PORT, type TestDatabase } from './support/mysql.js';
import { describeStoreContract, describeStoresAgree, type StoreTarget } from './support/store-contract.js';

// --- the two stores ------------------------------------------------------------------------

const sqliteFiles = new Map<AsyncStore, string>();
const sqlite: StoreTarget = {
  name: 'sqlite (async adapter)',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'ordertrack-sqlite-'));
    const store = asyncStore(SqliteStore.open(join(dir, 'store.db')));
    sqliteFiles.set(store, dir);
    return store;
  },
  async cleanup(store) {
    await store.close();
    rmSync(sqliteFiles.get(store)!, { recursive: true, force: true });
    sqliteFiles.delete(store);
  },
  async tamper(store, sql) {
    const db = new Database(join(sqliteFiles.get(store)!, 'store.db'));
    db.exec(sql);
    db.close();
  },
};

const databases = new Map<AsyncStore, TestDatabase>();
const mariadb: StoreTarget = {
  name: 'mysql (MariaDB)',
  async open() {
    const db = await createTestDatabase();
    const store = await MysqlStore.open(db.url, { migrate: true });
    databases.set(store, db);
    return store;
  },
  async cleanup(store) {
    await store.close();
    await databases.get(store)!.drop();
    databases.delete(store);
  },
  async tamper(store, sql) {
    await databases.get(store)!.sql(sql);
  },
};

describeStoreContract(sqlite.name, sqlite.open, sqlite.cleanup, sqlite.tamper);
describeStoreContract(mariadb.name, mariadb.open, mariadb.cleanup, mariadb.tamper);
describeStoresAgree([sqlite, mariadb]);

// --- helpers ----------------------------------------------------------------------------------

function sink(): { stdout: Writable; text: () => string } {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  return { stdout, text: () => out };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

async function withDb<T>(fn: (d: MysqlDb) => Promise<T>, url = db.url): Promise<T> {
  const d = await MysqlDb.connect(url);
  try {
    return await fn(d);
  } finally {
    await d.end();
  }
}

// --- migrations -------------------------------------------------------------------------------

describe('MySQL store: migrations', () => {
  it('applies the migrations once; running them again is a no-op', async () => {
    const io = sink();
    expect(await dbMigrate({ mysql: db.url }, io)).toBe(0);
    expect(io.text()).toBe('applied 001_init\napplied 002_partitions\n');
    const again = sink();
    expect(await dbMigrate({ mysql: db.url }, again)).toBe(0);
    expect(again.text()).toBe('database is up to date (version 2)\n');
    expect(await db.sql('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([[1, '001_init'], [2, '002_partitions']]);
  });

  it('is serialised between two processes migrating at once', async () => {
    const [a, b] = await Promise.all([withDb(migrate), withDb(migrate)]);
    expect([a.applied, b.applied].sort()).toEqual([[], ['001_init', '002_partitions']]);
    expect(await db.sql('SELECT COUNT(*) FROM schema_migrations')).toEqual([[2]]);
  });

  it('finishes a migration cut short: its guarded ALTER is not run twice', async () => {
    await withDb(migrate);
    // As if 002 had run but crashed before it was recorded (MySQL commits DDL at once).
    await db.sql('DELETE FROM schema_migrations WHERE version = 2');
    const again = await withDb(migrate);
    expect(again.applied).toEqual(['002_partitions']);
    expect(await db.sql("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'order_state' AND COLUMN_NAME = 'partition_id'", [db.name])).toEqual([[1]]);
  });

  it('creates exactly the tables and columns of schema.ts (so drift is caught)', async () => {
    await withDb(migrate);
    const types: Record<ColumnKind, RegExp> = {
      text: /^(varchar\(\d+\)|text|longtext)$/, int: /^(bigint|int)(\(\d+\))?$/, real: /^double$/,
      time: /^datetime\(3\)$/, bool: /^tinyint\(1\)$/, json: /^longtext$/,
    };
    const cols = await db.sql(
      `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLLATION_NAME FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`, [db.name]);
    const keys = await db.sql(
      `SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS
       WHERE TABLE_SCHEMA = ? AND INDEX_NAME = 'PRIMARY' ORDER BY TABLE_NAME, SEQ_IN_INDEX`, [db.name]);
    const tables = new Set(cols.map((c) => c[0] as string));
    expect([...tables].sort()).toEqual([...TABLES.map((t) => t.name), 'schema_migrations'].sort());
    for (const t of TABLES) {
      const mine = cols.filter((c) => c[0] === t.name);
      expect(mine.map((c) => c[1]), t.name).toEqual(t.columns.map((c) => c.name));
      t.columns.forEach((c, i) => {
        const [, name, type, nullable, collation] = mine[i]!;
        expect(type, `${t.name}.${name}`).toMatch(types[c.kind]);
        expect(nullable, `${t.name}.${name} nullable`).toBe(c.nullable ? 'YES' : 'NO');
        if (c.kind === 'text') expect(collation, `${t.name}.${name} collation`).toBe('utf8mb4_nopad_bin');
      });
      expect(keys.filter((k) => k[0] === t.name).map((k) => k[1]), `${t.name} key`).toEqual([...t.key]);
    }
    const indexes = (await db.sql('SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?', [db.name])).flat();
    for (const name of ['ops_by_order', 'ops_failed', 'ops_recent', 'dispatch_by_order', 'notes_by_order', 'lifecycle_by_status', 'sla_by_received', 'stock_by_available', 'audit_by_time', 'state_by_partition']) {
      expect(indexes).toContain(name);
    }
  });

  it('refuses a database whose recorded version is newer than this code knows', async () => {
    await withDb(migrate);
    await db.sql("INSERT INTO schema_migrations VALUES (3, '003_future', UTC_TIMESTAMP(3))");
    for (const err of [await failure(withDb(migrate)), await failure(MysqlStore.open(db.url)), await failure(dbMigrate({ mysql: db.url }, sink()))]) {
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toBe(`mysql://root@${HOST}:${PORT}/${db.name} is at schema version 3, newer than this ordertrack knows (2): upgrade ordertrack, migrations only go forward`);
    }
  });

  it('opens a store only on a database that is up to date', async () => {
    const err = await failure(MysqlStore.open(db.url));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(`needs 2: run ordertrack db migrate --mysql mysql://root@${HOST}:${PORT}/${db.name}`);
    await withDb(migrate);
    await (await MysqlStore.open(db.url)).close();
  });
});

// --- connection errors ------------------------------------------------------------------------

describe('MySQL store: anomaly counts for the open-anomalies gauge', () => {
  it('counts the anomaly rows by type and status', async () => {
    const store = await MysqlStore.open(db.url, { migrate: true });
    try {
      expect(await store.anomalyCounts()).toEqual([]);
      await store.commit(batch({
        anomalies: [
          anomaly('O1'), anomaly('O2'), anomaly('O3', { status: 'RESOLVED', resolved_by: 'system', resolved_at: T0 }),
          anomaly('O1', { abnormal_type: 'STOCK_OUT', handling_action: 'RESTOCK_OR_CANCEL' }),
        ],
      }));
      expect(await store.anomalyCounts()).toEqual([
        { type: 'PAYMENT_TIMEOUT', status: 'PENDING', count: 2 },
        { type: 'PAYMENT_TIMEOUT', status: 'RESOLVED', count: 1 },
        { type: 'STOCK_OUT', status: 'PENDING', count: 1 },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('MySQL store: connection errors say what to do, in one line, without the password', () => {
  const secret = 'hunter2-s3cret';
  const cases: [string, string, typeof UserError | typeof ExternalError, RegExp][] = [
    ['a wrong password', `mysql://root:${secret}@${HOST}:${PORT}/test`, UserError, /refused the user \(access denied\): check the user and password/],
    ['an unknown user', `mysql://nobody_here:${secret}@${HOST}:${PORT}/test`, UserError, /access denied/],
    ['a refused connection', `mysql://root:${secret}@${HOST}:1/test`, ExternalError, /connection refused; start the server/],
    ['an unknown database', `mysql://root@${HOST}:${PORT}/ordertrack_no_such_db`, UserError, /no such database: create it/],
    ['another scheme', `postgres://root:${secret}@${HOST}/test`, UserError, /must start with mysql:\/\//],
    ['no database', `mysql://root:${secret}@${HOST}:${PORT}`, UserError, /names no database/],
    ['query options', `mysql://root:${secret}@${HOST}/test?ssl=true`, UserError, /takes no \?options/],
  ];
  for (const [what, url, type, message] of cases) {
    it(`${what}`, async () => {
      for (const err of [await failure(MysqlStore.open(url)), await failure(dbMigrate({ mysql: url }, sink()))]) {
        expect(err).toBeInstanceOf(type);
        expect(err.message).toMatch(message);
        expect(err.message).not.toContain(secret);
        expect(err.message).not.toContain('\n');
        if (url.includes(secret)) expect(err.message).toContain(':***@');
      }
    });
  }

  it('a refused connection may be retried later', async () => {
    const err = await failure(MysqlStore.open(`mysql://root@${HOST}:1/test`));
    expect((err as ExternalError).retriable).toBe(true);
  });
});

// --- transient errors -------------------------------------------------------------------------

describe('MySQL store: transient errors are retried inside, never written', () => {
  let store: MysqlStore;
  let holder: mysql.Connection;
  const retried: unknown[] = [];
  const open = async (opts: MysqlStoreOptions = {}) => {
    store = await MysqlStore.open(db.url, { migrate: true, onRetry: (err) => retried.push((err as { errno?: number }).errno ?? (err as { code?: string }).code), ...opts });
    await store.seedReference(seed({ product_inventory: [stock('S1', 10), stock('S2', 10)] }), T0);
    holder = await mysql.createConnection({ host: HOST, port: PORT, user: 'root', database: db.name });
  };
  const work = batch({
    ops: [op('O1', 'S1', 3, 10), op('O2', 'S2', 1, 10)],
    lifecycle: [lifecycle('O1')],
    dataQuality: [dataQuality(0)],
    readTotals: { order_status_events: 10 },
  });
  const appliedOnce = async () => {
    expect((await store.loadStock(['S1'])).get('S1')).toMatchObject({ available_stock: 7, frozen_stock: 3 });
    expect((await store.checks()).map((c) => [c.name, c.ok])).toEqual([['stock-invariant', true], ['op-once', true], ['data-quality-totals', true]]);
  };
  beforeEach(() => {
    retried.length = 0;
  });
  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    await store?.close();
  });

  it('a lock wait timeout (1205): the commit is run again once the lock is free', async () => {
    await open({ lockWaitTimeoutSeconds: 1 });
    await holder.query('START TRANSACTION');
    await holder.query("SELECT * FROM product_inventory WHERE sku_id = 'S1' FOR UPDATE");
    const release = setTimeout(() => void holder.query('ROLLBACK'), 1500);
    await store.commit(work);
    clearTimeout(release);
    expect(retried).toContain(1205);
    await appliedOnce();
  });

  it('a deadlock (1213) the server resolves against the commit: it is run again', async () => {
    await open();
    await holder.query('CREATE TABLE ballast (id INT PRIMARY KEY)');
    await holder.query('START TRANSACTION');
    // Many changed rows make the holder the costlier transaction to undo: InnoDB rolls back the store's.
    await holder.query(`INSERT INTO ballast VALUES ${Array.from({ length: 500 }, (_, i) => `(${i})`).join(', ')}`);
    await holder.query("SELECT * FROM product_inventory WHERE sku_id = 'S2' FOR UPDATE");
    const committing = store.commit(work); // locks S1, then waits for S2
    // InnoDB refreshes INNODB_TRX only when it was not read for 0.1 s: hence until()'s 150 ms pace.
    await until(async () => (await db.sql(
      `SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
       WHERE p.DB = ? AND t.trx_state = 'LOCK WAIT'`, [db.name]))[0]![0] === 1);
    await holder.query("SELECT * FROM product_inventory WHERE sku_id = 'S1' FOR UPDATE"); // closes the cycle
    await holder.query('ROLLBACK');
    await committing;
    expect(retried).toContain(1213);
    await appliedOnce();
  });

  it('a connection killed mid-transaction: the commit is run again on a new one', async () => {
    await open();
    await holder.query('START TRANSACTION');
    await holder.query("SELECT * FROM product_inventory WHERE sku_id = 'S1' FOR UPDATE");
    const committing = store.commit(work);
    let victim: unknown;
    await until(async () => {
      const rows = await db.sql("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'UPDATE `product_inventory`%'", [db.name]);
      victim = rows[0]?.[0];
      return victim !== undefined;
    });
    await db.sql(`KILL ${Number(victim)}`);
    await holder.query('ROLLBACK');
    await committing;
    expect(retried.length).toBeGreaterThan(0);
    await appliedOnce();
  });

  it('a time a DATETIME cannot hold fails the commit as an internal error, writing nothing', async () => {
    await open();
    const err = await failure(store.commit(batch({ ops: [op('O1', 'S1', 3, 10)], lifecycle: [lifecycle('O1', { create_time: Date.UTC(999, 0, 1) })] })));
    expect(err).toBeInstanceOf(InternalError);
    expect(err.message).toMatch(/outside what a MySQL DATETIME holds/);
    expect(await store.hasOps()).toBe(false);
    expect(retried).toEqual([]);
  });
});

async function until(cond: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 150));
  }
}

// --- the db commands --------------------------------------------------------------------------

describe('ordertrack db seed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ordertrack-seed-'));
    mkdirSync(join(dir, 'reference'));
    writeFileSync(join(dir, 'reference', 'product_inventory.csv'), 'sku_id,product_id,available_stock,frozen_stock\nS1,P1,10,2\nS2,P2,5,0\n');
    writeFileSync(join(dir, 'reference', 'user_address.ndjson'), '{"user_id":"U1","address_id":1,"city":"深圳","is_default":"yes"}\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads reference files; seeding again keeps the rows already there', async () => {
    await dbMigrate({ mysql: db.url }, sink());
    const io = sink();
    expect(await dbSeed({ mysql: db.url, reference: dir }, { ...io, now: () => T0 })).toBe(0);
    const kept = `Rows already in mysql://root@${HOST}:${PORT}/${db.name} were kept.\n`;
    expect(io.text()).toBe(
      'product_inventory 2 read, 2 new; product_info 0 read, 0 new; user_address 1 read, 1 new; logistics_area_info 0 read, 0 new; ' +
        `order_processing_rules 0 read, 0 new. ${kept}`,
    );
    writeFileSync(join(dir, 'reference', 'product_inventory.csv'), 'sku_id,available_stock\nS1,99\nS3,1\n');
    const again = sink();
    expect(await dbSeed({ mysql: db.url, reference: join(dir, 'reference') }, { ...again, now: () => T0 + 1 })).toBe(0);
    expect(again.text()).toMatch(/^product_inventory 2 read, 1 new; product_info 0 read, 0 new; user_address 1 read, 0 new; /);
    const store = await MysqlStore.open(db.url);
    try {
      const got = await store.loadStock(['S1', 'S2', 'S3']);
      expect(got.get('S1')).toEqual({ product_id: 'P1', sku_id: 'S1', total_stock: 12, available_stock: 10, frozen_stock: 2, locked_stock: 0, update_time: T0 });
      expect(got.get('S3')).toMatchObject({ available_stock: 1, update_time: T0 + 1 });
      expect((await store.loadReference()).user_address).toEqual([
        { user_id: 'U1', address_id: '1', province: null, city: '深圳', district: null, address: null, is_default: true },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database that is not migrated, saying how to fix it', async () => {
    const err = await failure(dbSeed({ mysql: db.url, reference: dir }, sink()));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/run ordertrack db migrate --mysql/);
  });
});
