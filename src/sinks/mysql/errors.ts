// What a mysql2 error means for ordertrack (STYLE §4). Transient ones (a deadlock, a lock wait
// timeout, a lost connection) are retried inside the store and never reach a row or a caller;
// the rest become UserError / ExternalError / InternalError with one line saying what to do.
// Messages name the server by its masked URL only: the password is never printed.
import { ExternalError, InternalError, OrdertrackError, UserError } from '../../errors.js';

export interface DriverError {
  code?: string;
  errno?: number;
  fatal?: boolean;
  sqlMessage?: string;
  message?: string;
}

const DEADLOCK = 1213;
const LOCK_WAIT_TIMEOUT = 1205;
/** Server gone away, lost connection, killed (MariaDB), idle disconnect (MySQL), shutting down. */
const CONNECTION_ERRNOS = new Set([2006, 2013, 1927, 4031, 1053]);
const CONNECTION_CODES = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED']);
/** The server refused a value: ordertrack built a row the schema cannot hold. */
const BAD_ROW_ERRNOS = new Set([1048, 1264, 1292, 1366, 1406]);

function driver(err: unknown): DriverError {
  return typeof err === 'object' && err !== null ? (err as DriverError) : {};
}

/** The connection is unusable (mysql2 marks such errors fatal): drop it, never return it to the pool. */
export function isConnectionLost(err: unknown): boolean {
  const e = driver(err);
  if (err instanceof OrdertrackError) return false;
  return e.fatal === true || CONNECTION_CODES.has(e.code ?? '') || CONNECTION_ERRNOS.has(e.errno ?? 0);
}

/** Worth running the whole transaction again: the server rolled it back, or the link broke. */
export function isTransient(err: unknown): boolean {
  if (err instanceof TransientConflict) return true;
  const errno = driver(err).errno;
  return errno === DEADLOCK || errno === LOCK_WAIT_TIMEOUT || isConnectionLost(err);
}

/** A race another writer won between our look-up and our insert; the retry sees its row. */
export class TransientConflict extends Error {}

export function isDuplicateKey(err: unknown): boolean {
  return driver(err).errno === 1062;
}

function what(err: unknown): string {
  const e = driver(err);
  return e.code ?? (e.errno !== undefined ? `error ${e.errno}` : 'unknown error');
}

/** A failure to open a connection (open, migrate, or a pool connection later). */
export function connectError(err: unknown, display: string): OrdertrackError {
  if (err instanceof OrdertrackError) return err;
  const e = driver(err);
  switch (e.code) {
    case 'ECONNREFUSED':
      return new ExternalError(`cannot connect to MySQL at ${display}: connection refused; start the server or fix the host and port in --mysql`, true, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ExternalError(`cannot connect to MySQL at ${display}: unknown host; fix the host in --mysql`, e.code === 'EAI_AGAIN', { cause: err });
    case 'ETIMEDOUT':
      return new ExternalError(`cannot connect to MySQL at ${display}: timed out; check that the server is up and reachable`, true, { cause: err });
    case 'ER_ACCESS_DENIED_ERROR':
      return new UserError(`MySQL at ${display} refused the user (access denied): check the user and password in --mysql`, { cause: err });
    case 'ER_DBACCESS_DENIED_ERROR':
      return new UserError(`MySQL at ${display} denies this user the database: grant it access or use another user`, { cause: err });
    case 'ER_BAD_DB_ERROR':
      return new UserError(`MySQL at ${display} has no such database: create it (CREATE DATABASE) or fix the name in --mysql`, { cause: err });
  }
  return new ExternalError(`cannot connect to MySQL at ${display} (${what(err)}): check the server and --mysql`, isTransient(err), { cause: err });
}

/** A statement failed for good (not transient): why, and what to do. */
export function statementError(err: unknown, display: string): OrdertrackError {
  if (err instanceof OrdertrackError) return err;
  const e = driver(err);
  if (BAD_ROW_ERRNOS.has(e.errno ?? 0)) {
    return new InternalError(`MySQL refused a row: ${e.sqlMessage ?? what(err)}`, { cause: err });
  }
  if (e.errno === 1146) {
    return new UserError(`a table is missing in ${display} (${e.sqlMessage ?? 'no such table'}): run ordertrack db migrate --mysql <url>`, { cause: err });
  }
  return new ExternalError(`MySQL at ${display} failed (${what(err)}): ${e.sqlMessage ?? e.message ?? ''}`.trim(), false, { cause: err });
}

/** Retries ran out on a transient error. */
export function exhaustedError(err: unknown, display: string, attempts: number): ExternalError {
  return new ExternalError(`MySQL at ${display} kept failing (${what(err)}) after ${attempts} attempts: check the server's load and locks, then run again`, true, { cause: err });
}
