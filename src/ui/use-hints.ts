import { useContext, useLayoutEffect } from 'react';
import { ConsoleUiContext, type Hint } from './console-context.js';

/**
 * Publishes the keys the current view accepts right now to the hint bar. Layout effects, so the
 * bar changes in the same frame as the mode that changed it.
 */
export function useHints(hints: Hint[]): void {
  const { setHints } = useContext(ConsoleUiContext);
  const signature = hints.map((h) => `${h.key}\u0000${h.label}`).join('\u0001');
  useLayoutEffect(() => {
    setHints(hints);
    // only a change of content republishes; a new array with the same hints does not
  }, [signature, setHints]);
  useLayoutEffect(() => () => setHints([]), [setHints]);
}
