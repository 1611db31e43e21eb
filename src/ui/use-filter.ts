// A view's `/` filter: the query survives view switches; while it is being typed the global
// keys are locked so "1" or "q" land in the query, not on the view switcher.
import { useState } from 'react';
import { useKeyLock } from './use-key-lock.js';
import { usePersistentState } from './use-persistent-state.js';

export interface Filter {
  query: string;
  editing: boolean;
  setQuery(q: string): void;
  setEditing(on: boolean): void;
}

export function useFilter(scope: string): Filter {
  const [query, setQuery] = usePersistentState(`${scope}.filter`, '');
  const [editing, setEditing] = useState(false);
  useKeyLock(editing);
  return { query, editing, setQuery, setEditing };
}

/** Case-insensitive: does any of the row's column texts contain the query? */
export function matches(texts: readonly string[], query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || texts.some((t) => t.toLowerCase().includes(q));
}
