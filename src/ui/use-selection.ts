// The selected row of a list, remembered by its key so it stays on the same record when the
// list re-sorts or new rows arrive; if that record disappears, the same position is kept. The
// row shown selected is remembered from the first frame on, not only once a key moves it: an
// operator who reads the top row and presses `a` acts on that row, whatever arrived above it.
// It is remembered as it is drawn (in the view state that outlives a view switch), not through
// a state change: that would draw every frame that changes the list (a filter keystroke) twice.
import { useContext, useReducer } from 'react';
import { ConsoleUiContext } from './console-context.js';

export interface Selection {
  index: number;
  key: string | null;
  moveTo(index: number): void;
  /** Selects the row of `key` (kept as the selection when the list changes). */
  select(key: string): void;
}

interface Remembered {
  key: string | null;
  index: number;
}

export function useSelection(scope: string, keys: readonly string[]): Selection {
  const { store } = useContext(ConsoleUiContext);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const name = `${scope}.selection`;
  const sel = (store.get(name) as Remembered | undefined) ?? { key: null, index: 0 };
  const found = sel.key === null ? -1 : keys.indexOf(sel.key);
  const index = keys.length === 0 ? -1 : found >= 0 ? found : Math.min(sel.index, keys.length - 1);
  const key = index >= 0 ? keys[index]! : null;
  if (key !== null && key !== sel.key) store.set(name, { key, index });
  const remember = (i: number): void => {
    store.set(name, { key: keys[i]!, index: i });
    redraw();
  };
  return {
    index,
    key,
    moveTo: (i) => {
      if (keys.length > 0) remember(Math.max(0, Math.min(keys.length - 1, i)));
    },
    select: (k) => {
      const i = keys.indexOf(k);
      if (i >= 0) remember(i);
    },
  };
}
