// Plumbing between the App frame and the view in it: the clock, the modal key lock, the hint bar,
// the status line and per-view state that outlives a view switch. One context, read by the
// one-line hooks use-now, use-key-lock, use-hints, use-status and use-persistent-state.
import { createContext } from 'react';

export interface Hint {
  key: string;
  label: string;
}

export interface Status {
  /** true ✓, false ✗, null neutral (an action in flight, or a note such as "cancelled") */
  ok: boolean | null;
  message: string;
}

export interface ConsoleUi {
  clock: () => number;
  /** +1 when a modal input opens, -1 when it closes; global keys fire only at 0. */
  lock(delta: 1 | -1): void;
  setHints(hints: Hint[]): void;
  setStatus(status: Status | null): void;
  /** View state kept across view switches (sort, filter, selection, replay form). */
  store: Map<string, unknown>;
}

export const ConsoleUiContext = createContext<ConsoleUi>({
  clock: Date.now,
  lock: () => {},
  setHints: () => {},
  setStatus: () => {},
  store: new Map(),
});
