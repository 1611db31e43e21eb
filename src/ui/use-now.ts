import { useContext, useEffect, useState } from 'react';
import { ConsoleUiContext } from './console-context.js';

/**
 * The wall clock, re-read every `everyMs` even when no snapshot arrives: ages ("updated 12s
 * ago") must keep growing when the feed stops, or a dead feed would look healthy.
 */
export function useNow(everyMs = 1000): number {
  const { clock } = useContext(ConsoleUiContext);
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return clock();
}
