// The latest snapshot, redrawn at most once per SNAPSHOT_MIN_INTERVAL_MS however often the
// runtime signals: a burst of events costs one frame, and the last signal of a burst is never
// dropped (a trailing render picks it up).
import { useEffect, useState } from 'react';
import type { ConsoleSnapshot } from './model.js';
import { useHandle } from './use-handle.js';

export const SNAPSHOT_MIN_INTERVAL_MS = 100;

export function useSnapshot(): ConsoleSnapshot {
  const handle = useHandle();
  const [snapshot, setSnapshot] = useState(() => handle.current());
  useEffect(() => {
    let last = 0;
    let timer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      timer = null;
      last = Date.now();
      setSnapshot(handle.current());
    };
    // the handle may have moved on between the first render and this effect
    flush();
    const unsubscribe = handle.subscribe(() => {
      if (timer) return;
      const wait = last + SNAPSHOT_MIN_INTERVAL_MS - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [handle]);
  return snapshot;
}
