// The store's connection to MySQL: a mysql2/promise pool whose sessions are set up the same way
// every time, and the three ways the store runs work on it — a read, a transaction, a consistent
// snapshot — each retried as a whole on transient errors (errors.ts) with exponential backoff.
import mysql, { type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';
import { ExternalError, InternalError } from '../../errors.js';
import { connectError, exhaustedError, isConnectionLost, isTransient, statementError } from './errors.js';
import { parseMysqlUrl, type MysqlTarget } from './url.js';

export type Conn = PoolConnection;
/** What mysql2 accepts as bind values (its type is not exported by name). */
type Values = Parameters<Conn['execute']>[1];

/** Dependencies and knobs (STYLE §5): production defaults, tests override. */
export interface MysqlOptions {
  /** Pooled connections (default 4). */
  connectionLimit?: number;
  /** Runs of one unit of work before a transient error is given up on (default 5). */
  attempts?: number;
  /** Wait before the first retry, doubled for each next one, with jitter (default 50 ms). */
  backoffMs?: number;
  /** innodb_lock_wait_timeout of the store's sessions, in seconds (default: the server's). */
  lockWaitTimeoutSeconds?: number;
  /** Told about each transient error before its retry (logging; tests count them). */
  onRetry?: (err: unknown, attempt: number) => void;
  /** Connect timeout in ms (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * Strict: a value that does not fit fails the statement instead of being truncated. No
 * SIMULTANEOUS_ASSIGNMENT (MariaDB): the data-quality upsert relies on SET assignments seeing the
 * columns assigned before them (data-quality.ts). UTC, though DATETIME is never converted anyway.
 */
const SESSION_SQL =
  "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', " +
  "time_zone = '+00:00'";
/** The ledger's look-up of op_ids FOR UPDATE relies on next-key locks (ledger.ts). */
const ISOLATION_SQL = 'SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ';

export class MysqlDb {
  readonly display: string;
  readonly database: string;
  private readonly pool: Pool;
  private readonly opts: MysqlOptions;
  /** Physical connections whose session is set up (keyed by mysql2's own connection object). */
  private readonly ready = new WeakSet<object>();

  private constructor(target: MysqlTarget, opts: MysqlOptions) {
    this.display = target.display;
    this.database = target.database;
    this.opts = opts;
    this.pool = mysql.createPool({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database,
      charset: 'utf8mb4',
      connectionLimit: opts.connectionLimit ?? 4,
      connectTimeout: opts.connectTimeoutMs ?? 10_000,
      // Positional rows (decoded by schema column order) and times as text (dialect.ts).
      rowsAsArray: true,
      dateStrings: true,
      // Statements are few shapes (chunks.ts) but the pool must not hoard them server-side.
      maxPreparedStatements: 512,
      multipleStatements: false,
    });
  }

  /** Opens the pool and makes one connection, so a bad URL, password or database fails here. */
  static async connect(url: string, opts: MysqlOptions = {}): Promise<MysqlDb> {
    const db = new MysqlDb(parseMysqlUrl(url), opts);
    try {
      const conn = await db.acquire();
      conn.release();
    } catch (err) {
      await db.end().catch(() => undefined);
      throw connectError(err, db.display);
    }
    return db;
  }

  /** A statement (or a few) outside a transaction, retried as a whole. */
  read<T>(fn: (c: Conn) => Promise<T>): Promise<T> {
    return this.retrying(fn);
  }

  /** `fn` in one transaction: committed if it returns, rolled back if it throws; retried on transient errors. */
  transaction<T>(fn: (c: Conn) => Promise<T>): Promise<T> {
    return this.retrying(async (conn) => {
      await conn.beginTransaction();
      return this.finish(conn, fn);
    });
  }

  /** Reads that must see one consistent state (an export, the checks) while writers go on. */
  snapshot<T>(fn: (c: Conn) => Promise<T>): Promise<T> {
    return this.retrying(async (conn) => {
      await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
      return this.finish(conn, fn);
    });
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  private async finish<T>(conn: Conn, fn: (c: Conn) => Promise<T>): Promise<T> {
    let out: T;
    try {
      out = await fn(conn);
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    }
    try {
      await conn.commit();
    } catch (err) {
      // The COMMIT may or may not have landed: running the work again could add twice what
      // is additive (data quality, read totals), so this is not retried here.
      if (isConnectionLost(err)) {
        throw new ExternalError(
          `lost the connection to MySQL at ${this.display} during COMMIT, so whether it landed is unknown: restart ordertrack, it resumes from the last checkpoint`,
          false,
          { cause: err },
        );
      }
      await conn.rollback().catch(() => undefined);
      throw err;
    }
    return out;
  }

  private async retrying<T>(fn: (c: Conn) => Promise<T>): Promise<T> {
    const attempts = this.opts.attempts ?? 5;
    const backoff = this.opts.backoffMs ?? 50;
    for (let attempt = 1; ; attempt++) {
      let conn: Conn | undefined;
      try {
        conn = await this.acquire();
        const out = await fn(conn);
        conn.release();
        return out;
      } catch (err) {
        if (conn !== undefined) {
          const cause = err instanceof Error ? err.cause : undefined;
          if (isConnectionLost(err) || isConnectionLost(cause)) conn.destroy();
          else conn.release();
        }
        if (!isTransient(err)) throw conn === undefined ? connectError(err, this.display) : statementError(err, this.display);
        if (attempt >= attempts) throw exhaustedError(err, this.display, attempt);
        this.opts.onRetry?.(err, attempt);
        // Jitter keeps two instances that deadlocked each other from colliding again in step.
        await sleep(backoff * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      }
    }
  }

  /** A pooled connection, its session set up on first use. */
  private async acquire(): Promise<Conn> {
    const conn = await this.pool.getConnection();
    if (this.ready.has(conn.connection)) return conn;
    try {
      await conn.query(SESSION_SQL);
      await conn.query(ISOLATION_SQL);
      const wait = this.opts.lockWaitTimeoutSeconds;
      // A server variable takes no placeholder of a DOUBLE (how mysql2 binds numbers): the value
      // is ours, checked to be an integer, and written as one.
      if (wait !== undefined) await conn.query(`SET SESSION innodb_lock_wait_timeout = ${lockWait(wait)}`);
    } catch (err) {
      conn.destroy();
      throw err;
    }
    this.ready.add(conn.connection);
    return conn;
  }
}

function lockWait(seconds: number): number {
  if (!Number.isSafeInteger(seconds) || seconds < 1) throw new InternalError(`lockWaitTimeoutSeconds must be a whole number ≥ 1, got ${seconds}`);
  return seconds;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a statement that writes; its header (affectedRows counts matched rows: mysql2 sets FOUND_ROWS). */
export async function run(conn: Conn, sql: string, params: readonly unknown[] = []): Promise<ResultSetHeader> {
  const [res] = await conn.execute<ResultSetHeader>(sql, params as Values);
  return res;
}

/** Runs a query; rows as arrays of values in select order. */
export async function rows(conn: Conn, sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
  const [res] = await conn.execute(sql, params as Values);
  return res as unknown as unknown[][];
}
