// The timeline pane's state: which order, its entries once fetched (actions.timeline), and the
// scroll position. A late answer for an order no longer shown is dropped. Enter again refreshes.
import { useContext } from 'react';
import { ConsoleUiContext } from './console-context.js';
import { useHandle } from './use-handle.js';
import { usePersistentState } from './use-persistent-state.js';
import type { TimelineState } from './timeline-pane.js';

export interface Timeline {
  state: TimelineState | null;
  open(orderId: string): Promise<void>;
  close(): void;
  scrollTo(line: number): void;
}

export function useTimeline(): Timeline {
  const handle = useHandle();
  const { clock } = useContext(ConsoleUiContext);
  const [state, setState] = usePersistentState<TimelineState | null>('anomalies.timeline', null);
  return {
    state,
    close: () => setState(null),
    scrollTo: (line) => setState((s) => (s ? { ...s, scroll: line } : s)),
    async open(orderId) {
      setState({ orderId, entries: null, error: null, fetchedAt: clock(), scroll: 0 });
      const update = (patch: Partial<TimelineState>): void =>
        setState((s) => (s && s.orderId === orderId ? { ...s, ...patch } : s));
      try {
        const entries = await handle.timeline(orderId);
        update({ entries: [...entries].sort((a, b) => a.time - b.time), fetchedAt: clock() });
      } catch (err) {
        update({ entries: [], error: `timeline failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    },
  };
}
