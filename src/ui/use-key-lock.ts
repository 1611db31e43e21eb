import { useContext, useLayoutEffect } from 'react';
import { ConsoleUiContext } from './console-context.js';

/**
 * While `held`, the global keys (view numbers, q, ?) are off, so typing in an input is safe.
 * A layout effect, so the lock is in place before Ink delivers the next key.
 */
export function useKeyLock(held: boolean): void {
  const { lock } = useContext(ConsoleUiContext);
  useLayoutEffect(() => {
    if (!held) return;
    lock(1);
    return () => lock(-1);
  }, [held, lock]);
}
