// A view's `/` filter over the whole store: the snapshot holds only a view's first rows (the
// newest anomalies, the lowest stock), so while a filter is set the store is searched too, again
// with each snapshot so the matches stay as fresh as the list. The filter itself still runs over
// the result, so the snapshot's rows match on every column's text as before.
import { useMemo } from 'react';
import type { ConsoleHandle } from './model.js';
import { useHandle } from './use-handle.js';

/** Rows a store search returns at most. */
export const SEARCH_LIMIT = 500;

export interface StoreSearch<T> {
  /** The store's matches, then the snapshot's rows they lack; the snapshot's rows without a filter. */
  all: readonly T[];
  /** The store was searched (a filter is set and the handle can search). */
  searched: boolean;
  /** The search returned SEARCH_LIMIT rows: the store may hold more matches. */
  more: boolean;
}

/** `search`: a module-level function (stable between renders) asking the handle; null when it cannot. */
export function useStoreSearch<T>(
  search: (handle: ConsoleHandle, query: string, limit: number) => T[] | null,
  query: string,
  rows: readonly T[],
  key: (row: T) => string,
): StoreSearch<T> {
  const handle = useHandle();
  const q = query.trim();
  const found = useMemo(() => (q === '' ? null : search(handle, q, SEARCH_LIMIT)), [search, handle, q, rows]);
  return useMemo(() => {
    if (found === null) return { all: rows, searched: false, more: false };
    const keys = new Set(found.map(key));
    return { all: [...found, ...rows.filter((r) => !keys.has(key(r)))], searched: true, more: found.length >= SEARCH_LIMIT };
  }, [found, rows, key]);
}

/** `12 match`, or `500+ match` when the store may hold more. */
export function matchText(found: StoreSearch<unknown>, matches: number): string {
  return `${matches}${found.more ? '+' : ''} match`;
}
