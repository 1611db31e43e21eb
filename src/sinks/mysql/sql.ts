// MySQL statement text built from the schema (identifiers from schema.ts only, values always as
// `?` placeholders). The shapes the store writes with:
// - insert: plain; a duplicate key fails the statement (the ledger, which checked first);
// - insert-once: a row whose key exists is left alone, first wins. `ON DUPLICATE KEY UPDATE
//   k = k`, not INSERT IGNORE: IGNORE would also turn a NULL or an over-long value into a warning
//   and store '' or a truncated text, where the store must fail;
// - upsert: a row whose key exists is overwritten, last wins (rows of one statement apply in
//   order). VALUES(col) is deprecated in MySQL 8.0.20+ but is what both MySQL and MariaDB accept.
import type { Column, TableSchema } from '../schema.js';
import { q } from './dialect.js';

export function columnList(columns: readonly Column[]): string {
  return columns.map((c) => q(c.name)).join(', ');
}

export function marks(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

function values(t: TableSchema, rows: number): string {
  return new Array<string>(rows).fill(`(${marks(t.columns.length)})`).join(', ');
}

function insertInto(t: TableSchema, rows: number): string {
  return `INSERT INTO ${q(t.name)} (${columnList(t.columns)}) VALUES ${values(t, rows)}`;
}

export function insertSql(t: TableSchema, rows = 1): string {
  return insertInto(t, rows);
}

export function insertOnceSql(t: TableSchema, rows = 1): string {
  const k = q(t.key[0]!);
  return `${insertInto(t, rows)} ON DUPLICATE KEY UPDATE ${k} = ${k}`;
}

export function upsertSql(t: TableSchema, rows = 1): string {
  const sets = t.columns.filter((c) => !t.key.includes(c.name)).map((c) => `${q(c.name)} = VALUES(${q(c.name)})`);
  return `${insertInto(t, rows)} ON DUPLICATE KEY UPDATE ${sets.join(', ')}`;
}

/** SELECT of the given columns ordered by the key, optionally filtered. */
export function selectSql(t: TableSchema, columns: readonly Column[] = t.columns, where = ''): string {
  const w = where ? ` WHERE ${where}` : '';
  return `SELECT ${columnList(columns)} FROM ${q(t.name)}${w} ORDER BY ${t.key.map(q).join(', ')}`;
}

/** `col IN (?, …)` for n values. */
export function inList(col: string, n: number): string {
  return `${q(col)} IN (${marks(n)})`;
}
