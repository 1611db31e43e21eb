// Engine rows → bind values for MySQL, in schema column order. Like the SQLite binder's
// `checkNulls`, a NOT NULL column holding null is refused before anything is sent, with the same
// message: the server would refuse it too, but naming the table helps more than its error 1048.
import { InternalError } from '../../errors.js';
import { rowEncoder } from '../row-codec.js';
import type { TableSchema } from '../schema.js';
import { MYSQL } from './dialect.js';

/** Columns computed from the whole row instead of read (a dead letter's position, an average). */
export type Derived<T> = Record<string, (row: T) => unknown>;

export type Encode<T> = (row: T) => unknown[];

export function encoder<T extends object>(t: TableSchema, derived: Derived<T> = {}): Encode<T> {
  const encode = rowEncoder(t, MYSQL);
  const computed = Object.entries(derived);
  const required = t.columns.flatMap((c, i) => (c.nullable ? [] : [i]));
  return (row) => {
    let r: object = row;
    if (computed.length > 0) {
      const copy = { ...row } as Record<string, unknown>;
      for (const [name, fn] of computed) copy[name] = fn(row);
      r = copy;
    }
    const values = encode(r);
    for (const i of required) {
      if (values[i] === null) throw new InternalError(`${t.name}.${t.columns[i]!.name} is null, a NOT NULL column`);
    }
    return values;
  };
}
