import { useContext, useEffect, useState } from 'react';
import { ConsoleUiContext } from './console-context.js';

/** useState that survives the view being switched away and back (keyed per view and field). */
export function usePersistentState<T>(key: string, initial: T): [T, (v: T | ((prev: T) => T)) => void] {
  const { store } = useContext(ConsoleUiContext);
  const [value, setValue] = useState<T>(() => (store.has(key) ? (store.get(key) as T) : initial));
  useEffect(() => {
    store.set(key, value);
  }, [store, key, value]);
  return [value, setValue];
}
