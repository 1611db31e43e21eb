// The selected row of a list, remembered by its key so it stays on the same record when the
// list re-sorts or new rows arrive; if that record disappears, the same position is kept. The
// row shown selected is remembered from the first frame on, not only once a key moves it: an
// operator who reads the top row and presses `a` acts on that row, whatever arrived above it.
import { useEffect } from 'react';
import { usePersistentState } from './use-persistent-state.js';

export interface Selection {
  index: number;
  key: string | null;
  moveTo(index: number): void;
}

export function useSelection(scope: string, keys: readonly string[]): Selection {
  const [sel, setSel] = usePersistentState<{ key: string | null; index: number }>(`${scope}.selection`, { key: null, index: 0 });
  const found = sel.key === null ? -1 : keys.indexOf(sel.key);
  const index = keys.length === 0 ? -1 : found >= 0 ? found : Math.min(sel.index, keys.length - 1);
  const key = index >= 0 ? keys[index]! : null;
  useEffect(() => {
    if (key !== null && key !== sel.key) setSel({ key, index });
  }, [key, index, sel.key, setSel]);
  return {
    index,
    key,
    moveTo: (i) => {
      if (keys.length === 0) return;
      const next = Math.max(0, Math.min(keys.length - 1, i));
      setSel({ key: keys[next]!, index: next });
    },
  };
}
